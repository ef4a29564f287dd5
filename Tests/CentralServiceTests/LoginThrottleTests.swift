import CentralService
import Foundation
import Testing

/// The login throttle on its own: addresses apart, forgetting, and bounded memory.
@Suite("Login throttle")
struct LoginThrottleTests {
    let start = Date(timeIntervalSince1970: 1_772_000_000)

    @Test func anAddressHeldForSprayingDoesNotHoldAnotherAddress() {
        let throttle = LoginThrottle()
        for index in 0..<20 {
            #expect(throttle.admit(userName: "name\(index)", source: "10.0.0.1", at: start) == .admitted)
        }
        #expect(
            throttle.admit(userName: "anna", source: "10.0.0.1", at: start)
                == .held(.address("10.0.0.1"), retryAfter: 1))
        #expect(throttle.admit(userName: "anna", source: "10.0.0.2", at: start) == .admitted)
    }

    @Test func aSuccessForgetsTheUserButNotTheAddress() {
        let throttle = LoginThrottle()
        for _ in 0..<4 { _ = throttle.admit(userName: "anna", source: "10.0.0.1", at: start) }
        #expect(throttle.admit(userName: "anna", source: "10.0.0.1", at: start) == .admitted)
        throttle.succeeded(userName: "anna", source: "10.0.0.1")
        for _ in 0..<5 {
            #expect(throttle.admit(userName: "anna", source: "10.0.0.1", at: start) == .admitted)
        }
        #expect(
            throttle.admit(userName: "anna", source: "10.0.0.1", at: start)
                == .held(.user("anna"), retryAfter: 1))

        // The address keeps its nine failures: one good login of the attacker's own does not
        // wipe them, it only takes back its own count.
        for index in 0..<10 { _ = throttle.admit(userName: "name\(index)", source: "10.0.0.1", at: start) }
        #expect(throttle.admit(userName: "eve", source: "10.0.0.1", at: start) == .admitted)
        throttle.succeeded(userName: "eve", source: "10.0.0.1")
        #expect(throttle.admit(userName: "trudy", source: "10.0.0.1", at: start) == .admitted)
        #expect(
            throttle.admit(userName: "oscar", source: "10.0.0.1", at: start)
                == .held(.address("10.0.0.1"), retryAfter: 1))
    }

    @Test func entriesAreForgottenAfterAQuietDay() {
        let throttle = LoginThrottle()
        for _ in 0..<5 { _ = throttle.admit(userName: "anna", source: "10.0.0.1", at: start) }
        #expect(throttle.admit(userName: "anna", source: "10.0.0.1", at: start) != .admitted)
        let nextDay = start.addingTimeInterval(24 * 3600)
        for _ in 0..<5 {
            #expect(throttle.admit(userName: "anna", source: "10.0.0.1", at: nextDay) == .admitted)
        }
        #expect(throttle.admit(userName: "anna", source: "10.0.0.1", at: nextDay) != .admitted)
    }

    @Test func sprayingNamesAndAddressesCannotGrowTheTableWithoutLimit() {
        let throttle = LoginThrottle(capacity: 100)
        for index in 0..<10_000 {
            _ = throttle.admit(
                userName: String(repeating: "x", count: 1000) + "\(index)",
                source: "10.1.\(index / 256).\(index % 256)",
                at: start)
            #expect(throttle.count <= 100)
        }
        // The newest entries are kept: a user held just now is still held after the spray.
        let later = start.addingTimeInterval(1)
        for _ in 0..<5 { _ = throttle.admit(userName: "anna", source: "10.2.0.1", at: later) }
        #expect(
            throttle.admit(userName: "anna", source: "10.2.0.2", at: later)
                == .held(.user("anna"), retryAfter: 1))
    }

    @Test func longUserNamesAreKeptAsTheirHash() {
        #expect(LoginThrottle.userKey("anna") == .user("anna"))
        let long = String(repeating: "a", count: 1_000_000)
        guard case .user(let key) = LoginThrottle.userKey(long) else {
            Issue.record("a user key")
            return
        }
        #expect(key.count == "sha256:".count + 64)
        #expect(LoginThrottle.userKey(long + "b") != LoginThrottle.userKey(long))
    }
}
