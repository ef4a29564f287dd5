import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Nobody accepted the connection.
struct ConnectFailed: Error {
    var port: Int
    var errno: Int32
}

/// A plain TCP connection to the service on loopback, for requests no HTTP client would send:
/// a body cut short, a request stalled half-way, hundreds of them at once.
final class RawHTTPConnection {
    private(set) var descriptor: Int32

    /// Connects to 127.0.0.1:`port` (blocking until the kernel has accepted the connection).
    init(port: Int) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0, "socket: \(errno)")
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if connected != 0 {
            let code = errno
            close(fd)
            throw ConnectFailed(port: port, errno: code)
        }
        descriptor = fd
    }

    deinit { closeNow() }

    /// Closes the connection at once, without a word to the server.
    func closeNow() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }

    /// Sends all of `text`.
    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            try #require(sent > 0, "send: errno \(errno)")
            offset += sent
        }
    }

    /// Says that nothing more will be sent (the server may still answer).
    func shutdownWrite() { shutdown(descriptor, Int32(SHUT_WR)) }

    /// Everything the server sends until it closes the connection, or nil if it is still open
    /// after `seconds`.
    func readToEnd(within seconds: Double) async -> String? {
        var received: [UInt8] = []
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            switch readAvailable() {
            case .data(let bytes): received += bytes
            case .closed: return String(decoding: received, as: UTF8.self)
            case .nothing: try? await Task.sleep(for: .milliseconds(20))
            }
        }
        return nil
    }

    /// Whether the server has closed the connection (reading what it sent, if anything).
    func isClosed() -> Bool {
        while true {
            switch readAvailable() {
            case .data: continue
            case .closed: return true
            case .nothing: return false
            }
        }
    }

    private enum Available {
        case data([UInt8])
        case closed
        case nothing
    }

    private func readAvailable() -> Available {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let count = buffer.withUnsafeMutableBytes {
            recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
        }
        if count > 0 { return .data(Array(buffer[..<count])) }
        if count == 0 { return .closed }
        return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? .nothing : .closed
    }
}
