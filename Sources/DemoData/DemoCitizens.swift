import CaseModel
import Foundation

/// Realistic citizens of Munich.
public enum DemoCitizens {
    /// The share of citizens with an information block (Auskunftssperre).
    public static let informationBlockShare = 0.004

    /// A random citizen living in Munich, of age on `today` (aged 18 to 98): every demo
    /// application is made by an adult.
    public static func citizen(today: LocalDate, using rng: inout DemoRandom) -> Citizen {
        let name = DemoNames.name(using: &rng)
        let age = ageYears(using: &rng)
        let birth = LocalDate(dayNumber: today.dayNumber - age * 365 - rng.below(365))
        let phone: String? = rng.chance(0.8) ? DemoValues.phone(using: &rng) : nil
        let email: String? =
            rng.chance(age > 70 ? 0.15 : 0.55) ? DemoValues.email(for: name, using: &rng) : nil
        return Citizen(
            id: DemoIDs.uuid(using: &rng), name: name, dateOfBirth: birth,
            address: DemoValues.munichAddress(using: &rng), phone: phone, email: email,
            informationBlock: rng.chance(informationBlockShare))
    }

    private static func ageYears(using rng: inout DemoRandom) -> Int {
        // Roughly Munich's adult age pyramid: many 25–45 year olds, a long tail of elderly people.
        let bands: [(ClosedRange<Int>, Double)] = [
            (18...24, 0.10), (25...34, 0.22), (35...44, 0.19), (45...54, 0.15), (55...64, 0.13),
            (65...74, 0.10), (75...84, 0.08), (85...98, 0.03),
        ]
        let band = bands[rng.weightedIndex(bands.map(\.1))].0
        return rng.int(in: band)
    }
}

/// Deterministic identifiers.
public enum DemoIDs {
    /// A version-4-shaped UUID drawn from `rng`.
    public static func uuid(using rng: inout DemoRandom) -> UUID {
        let a = rng.next()
        let b = rng.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: a >> (8 * UInt64(i)))
            bytes[8 + i] = UInt8(truncatingIfNeeded: b >> (8 * UInt64(i)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}
