/// A public holiday of Bavaria, as observed in Munich.
public enum HolidayKind: String, Hashable, Sendable, Codable, CaseIterable {
    case newYear = "neujahr"
    case epiphany = "heilige_drei_koenige"
    case goodFriday = "karfreitag"
    case easterMonday = "ostermontag"
    case labourDay = "tag_der_arbeit"
    case ascension = "christi_himmelfahrt"
    case whitMonday = "pfingstmontag"
    case corpusChristi = "fronleichnam"
    /// Mariä Himmelfahrt: a holiday only in Bavarian municipalities with a Catholic majority,
    /// which includes Munich.
    case assumption = "mariae_himmelfahrt"
    case germanUnity = "tag_der_deutschen_einheit"
    case allSaints = "allerheiligen"
    case christmasDay = "erster_weihnachtsfeiertag"
    case boxingDay = "zweiter_weihnachtsfeiertag"
    /// Reformationstag 2017: the 500th anniversary of the Reformation, a public holiday in every
    /// German state once, on 31 October 2017 (in Bavaria by the Bavarian government's ordinance
    /// of 2016); not a holiday in Bavaria in any other year.
    case reformationAnniversary = "reformationstag_2017"

    /// The holiday's name in German and English.
    public var name: LocalizedText {
        switch self {
        case .newYear: .init(de: "Neujahr", en: "New Year's Day")
        case .epiphany: .init(de: "Heilige Drei Könige", en: "Epiphany")
        case .goodFriday: .init(de: "Karfreitag", en: "Good Friday")
        case .easterMonday: .init(de: "Ostermontag", en: "Easter Monday")
        case .labourDay: .init(de: "Tag der Arbeit", en: "Labour Day")
        case .ascension: .init(de: "Christi Himmelfahrt", en: "Ascension Day")
        case .whitMonday: .init(de: "Pfingstmontag", en: "Whit Monday")
        case .corpusChristi: .init(de: "Fronleichnam", en: "Corpus Christi")
        case .assumption: .init(de: "Mariä Himmelfahrt", en: "Assumption Day")
        case .germanUnity: .init(de: "Tag der Deutschen Einheit", en: "German Unity Day")
        case .allSaints: .init(de: "Allerheiligen", en: "All Saints' Day")
        case .christmasDay: .init(de: "1. Weihnachtsfeiertag", en: "Christmas Day")
        case .boxingDay: .init(de: "2. Weihnachtsfeiertag", en: "St Stephen's Day")
        case .reformationAnniversary:
            .init(de: "Reformationstag (500 Jahre)", en: "Reformation Day (500 years)")
        }
    }

    /// The date of this holiday in `year`; nil for a one-off holiday in another year.
    public func date(in year: Int) -> LocalDate? {
        switch self {
        case .newYear: LocalDate(unchecked: year, 1, 1)
        case .epiphany: LocalDate(unchecked: year, 1, 6)
        case .goodFriday: Easter.sunday(in: year).adding(days: -2)
        case .easterMonday: Easter.sunday(in: year).adding(days: 1)
        case .labourDay: LocalDate(unchecked: year, 5, 1)
        case .ascension: Easter.sunday(in: year).adding(days: 39)
        case .whitMonday: Easter.sunday(in: year).adding(days: 50)
        case .corpusChristi: Easter.sunday(in: year).adding(days: 60)
        case .assumption: LocalDate(unchecked: year, 8, 15)
        case .germanUnity: LocalDate(unchecked: year, 10, 3)
        case .allSaints: LocalDate(unchecked: year, 11, 1)
        case .christmasDay: LocalDate(unchecked: year, 12, 25)
        case .boxingDay: LocalDate(unchecked: year, 12, 26)
        case .reformationAnniversary: year == 2017 ? LocalDate(unchecked: 2017, 10, 31) : nil
        }
    }
}

/// One public holiday on one day.
public struct Holiday: Hashable, Sendable, Codable {
    public var date: LocalDate
    public var kind: HolidayKind
    public init(date: LocalDate, kind: HolidayKind) {
        self.date = date
        self.kind = kind
    }
    /// The holiday's name in German and English.
    public var name: LocalizedText { kind.name }
}
