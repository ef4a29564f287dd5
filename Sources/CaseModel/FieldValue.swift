import Foundation

/// A person's name as registered.
public struct PersonName: Hashable, Sendable, Codable {
    public var given: String
    public var family: String
    public init(given: String, family: String) {
        self.given = given
        self.family = family
    }
    /// "Family, Given" as lists show it.
    public var listForm: String { given.isEmpty ? family : "\(family), \(given)" }
    /// "Given Family" as one says it.
    public var spoken: String { given.isEmpty ? family : "\(given) \(family)" }
}

/// A postal address (in Munich or elsewhere in Germany).
public struct PostalAddress: Hashable, Sendable, Codable {
    public var street: String
    public var houseNumber: String
    public var postcode: String
    public var city: String
    public init(street: String, houseNumber: String, postcode: String, city: String) {
        self.street = street
        self.houseNumber = houseNumber
        self.postcode = postcode
        self.city = city
    }
    /// "Street 12, 80331 München".
    public var singleLine: String { "\(street) \(houseNumber), \(postcode) \(city)" }
}

/// The value of one form field. Money is in euro cents, never floating point.
public indirect enum FieldValue: Hashable, Sendable {
    case text(String)
    case number(Decimal)
    case money(cents: Int64)
    case date(LocalDate)
    case bool(Bool)
    /// A code from the field's code list.
    case choice(String)
    case name(PersonName)
    case address(PostalAddress)
    /// The rows of a repeat group, each a map of field id to value.
    case rows([[String: FieldValue]])
}

extension FieldValue: Codable {
    private enum Key: String, CodingKey { case t, v }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let tag = try c.decode(String.self, forKey: .t)
        switch tag {
        case "text": self = .text(try c.decode(String.self, forKey: .v))
        case "number":
            let text = try c.decode(String.self, forKey: .v)
            guard let d = Decimal(string: text, locale: nil) else {
                throw DecodingError.dataCorruptedError(forKey: .v, in: c, debugDescription: "not a number")
            }
            self = .number(d)
        case "money": self = .money(cents: try c.decode(Int64.self, forKey: .v))
        case "date": self = .date(try c.decode(LocalDate.self, forKey: .v))
        case "bool": self = .bool(try c.decode(Bool.self, forKey: .v))
        case "choice": self = .choice(try c.decode(String.self, forKey: .v))
        case "name": self = .name(try c.decode(PersonName.self, forKey: .v))
        case "address": self = .address(try c.decode(PostalAddress.self, forKey: .v))
        case "rows": self = .rows(try c.decode([[String: FieldValue]].self, forKey: .v))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .t, in: c, debugDescription: "unknown value type \(tag)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        switch self {
        case .text(let s):
            try c.encode("text", forKey: .t)
            try c.encode(s, forKey: .v)
        case .number(let d):
            try c.encode("number", forKey: .t)
            try c.encode(NSDecimalNumber(decimal: d).stringValue, forKey: .v)
        case .money(let cents):
            try c.encode("money", forKey: .t)
            try c.encode(cents, forKey: .v)
        case .date(let d):
            try c.encode("date", forKey: .t)
            try c.encode(d, forKey: .v)
        case .bool(let b):
            try c.encode("bool", forKey: .t)
            try c.encode(b, forKey: .v)
        case .choice(let code):
            try c.encode("choice", forKey: .t)
            try c.encode(code, forKey: .v)
        case .name(let n):
            try c.encode("name", forKey: .t)
            try c.encode(n, forKey: .v)
        case .address(let a):
            try c.encode("address", forKey: .t)
            try c.encode(a, forKey: .v)
        case .rows(let rows):
            try c.encode("rows", forKey: .t)
            try c.encode(rows, forKey: .v)
        }
    }
}
