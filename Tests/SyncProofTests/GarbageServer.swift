import Foundation
import NIOCore
import NIOPosix
import Testing

/// A tiny HTTP server on loopback that answers every request with fixed raw bytes (junk,
/// truncated JSON, a wrong status) and closes the connection.
final class GarbageServer: Sendable {
    let channel: any Channel
    let port: Int

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    var url: String { "http://127.0.0.1:\(port)" }

    /// Starts a server on `host` answering each request (given its head as text) with `answer`'s bytes.
    static func start(
        host: String = "127.0.0.1", answer: @escaping @Sendable (String) -> [UInt8]
    ) async throws -> GarbageServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(RawAnswerHandler(answer: answer))
                }
            }
            .bind(host: host, port: 0).get()
        let port = try #require(channel.localAddress?.port)
        return GarbageServer(channel: channel, port: port)
    }

    func stop() async throws { try await channel.close() }

    /// A full HTTP/1.1 answer with `status` and `body` (Content-Length set to `length` or the body's).
    static func response(status: String = "200 OK", body: String, length: Int? = nil) -> [UInt8] {
        let bytes = Array(body.utf8)
        let head =
            "HTTP/1.1 \(status)\r\nContent-Type: application/json\r\nContent-Length: \(length ?? bytes.count)\r\nConnection: close\r\n\r\n"
        return Array(head.utf8) + bytes
    }
}

/// Reads one request (head and a body of Content-Length bytes), writes the answer, closes.
final class RawAnswerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let answer: @Sendable (String) -> [UInt8]
    var received: [UInt8] = []
    var answered = false

    init(answer: @escaping @Sendable (String) -> [UInt8]) { self.answer = answer }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        received += buffer.readBytes(length: buffer.readableBytes) ?? []
        guard !answered, let headEnd = Self.headEnd(received) else { return }
        let head = String(decoding: received[..<headEnd], as: UTF8.self)
        let length =
            head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        guard received.count >= headEnd + 4 + length else { return }
        answered = true
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: answer(head))), promise: nil)
        context.close(promise: nil)
    }

    static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for i in 0...(bytes.count - 4)
        where bytes[i] == 13 && bytes[i + 1] == 10 && bytes[i + 2] == 13 && bytes[i + 3] == 10 {
            return i
        }
        return nil
    }
}
