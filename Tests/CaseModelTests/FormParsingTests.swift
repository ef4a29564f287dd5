import Foundation
import Testing

@testable import CaseModel

/// Typed input per field type: what is accepted, what it becomes, and the exact message otherwise.
@Suite struct FormParsingTests {
    private func field(_ type: FieldType, _ configure: (inout FieldDefinition) -> Void = { _ in })
        -> FieldDefinition
    {
        var f = FieldDefinition(id: "f", type: type, label: LocalizedText(de: "Feld", en: "Field"))
        configure(&f)
        return f
    }

    private func value(_ input: String, _ field: FieldDefinition) throws -> FieldValue {
        try FormEngine.parse(input: input, for: field).get()
    }

    private func message(_ input: String, _ field: FieldDefinition) -> String? {
        if case .failure(let issue) = FormEngine.parse(input: input, for: field) { return issue.message.de }
        return nil
    }

    @Test func text() throws {
        let f = field(.text) { $0.maxLength = 5 }
        #expect(try value("  Hallo ", f) == .text("Hallo"))
        #expect(message("Hallo Welt", f) == "Bitte höchstens 5 Zeichen eingeben (jetzt 10).")
        #expect(message("a\nb", f) == "Bitte nur eine Zeile eingeben.")
        #expect(try value("Zeile 1\nZeile 2", field(.longText)) == .text("Zeile 1\nZeile 2"))
    }

    @Test func emptyInputIsMissing() throws {
        #expect(try FormEngine.parseOptional(input: "   ", for: field(.date)).get() == nil)
        #expect(message("", field(.date)) == "„Feld“ ist ein Pflichtfeld. Bitte ausfüllen.")
    }

    @Test func numbersWithGermanDecimalComma() throws {
        let f = field(.number) {
            $0.minimum = "1"
            $0.maximum = "500"
        }
        #expect(try value("54,5", f) == .number(Decimal(string: "54.5") ?? 0))
        #expect(try value("54.5", f) == .number(Decimal(string: "54.5") ?? 0))
        #expect(try value("1.500", field(.number)) == .number(1500))
        #expect(try value("1.234,56", field(.number)) == .number(Decimal(string: "1234.56") ?? 0))
        #expect(message("zwölf", f) == "Bitte eine Zahl eingeben, z. B. 12 oder 12,5.")
        #expect(message("12,5,1", f) == "Bitte eine Zahl eingeben, z. B. 12 oder 12,5.")
        #expect(message("0,5", f) == "Bitte einen Wert von mindestens 1 eingeben.")
        #expect(message("500,5", f) == "Bitte einen Wert von höchstens 500 eingeben.")
    }

    @Test func moneyInCents() throws {
        let f = field(.money) { $0.maximum = "100000" }
        #expect(try value("12,50", f) == .money(cents: 1250))
        #expect(try value("12,50 €", f) == .money(cents: 1250))
        #expect(try value("12,5€", f) == .money(cents: 1250))
        #expect(try value("0,10", f) == .money(cents: 10))
        #expect(try value("1.000 EUR", f) == .money(cents: 100_000))
        #expect(try value("800", f) == .money(cents: 80000))
        #expect(
            message("12,505", f) == "Ein Betrag hat höchstens zwei Nachkommastellen (Cent), z. B. 12,50 €.")
        #expect(message("zwölf Euro", f) == "Bitte einen Betrag in Euro eingeben, z. B. 12,50 oder 12,50 €.")
        #expect(message("1000,01", f) == "Bitte einen Wert von höchstens 1.000,00 € eingeben.")
    }

    @Test func dates() throws {
        let f = field(.date) { $0.minimum = "2026-01-01" }
        let expected = FieldValue.date(try #require(LocalDate(year: 2026, month: 12, day: 3)))
        #expect(try value("03.12.2026", f) == expected)
        #expect(try value("3.12.2026", f) == expected)
        #expect(try value("2026-12-03", f) == expected)
        #expect(message("3.12.26", f) == "Bitte ein Datum im Format TT.MM.JJJJ eingeben, z. B. 03.12.2026.")
        #expect(message("morgen", f) == "Bitte ein Datum im Format TT.MM.JJJJ eingeben, z. B. 03.12.2026.")
        #expect(
            message("31.02.2026", f)
                == "Den 31.02.2026 gibt es nicht im Kalender. Bitte Tag und Monat prüfen.")
        #expect(message("31.12.2025", f) == "Das Datum darf nicht vor dem 01.01.2026 liegen.")
    }

    @Test func yesNo() throws {
        let f = field(.yesNo)
        for yes in ["ja", "J", "yes", "Y"] { #expect(try value(yes, f) == .bool(true)) }
        for no in ["nein", "n", "No"] { #expect(try value(no, f) == .bool(false)) }
        #expect(message("vielleicht", f) == "Bitte „ja“ oder „nein“ eingeben.")
    }

    @Test func choiceByCodeOrLabel() throws {
        let f = field(.choice) {
            $0.choices = [
                ChoiceOption(code: "6", label: LocalizedText(de: "6 Monate", en: "6 months")),
                ChoiceOption(code: "12", label: LocalizedText(de: "12 Monate", en: "12 months")),
            ]
        }
        #expect(try value("12", f) == .choice("12"))
        #expect(try value("6 monate", f) == .choice("6"))
        #expect(try value("12 months", f) == .choice("12"))
        #expect(message("24", f) == "Bitte eine der Möglichkeiten wählen: 6 (6 Monate), 12 (12 Monate).")
    }

    @Test func personNames() throws {
        let f = field(.personName)
        #expect(try value("Maria Anna Huber", f) == .name(PersonName(given: "Maria Anna", family: "Huber")))
        #expect(
            try value("Huber-Özdemir, Maria", f) == .name(PersonName(given: "Maria", family: "Huber-Özdemir"))
        )
        #expect(
            message("Huber", f)
                == "Bitte Vor- und Nachnamen eingeben, z. B. „Maria Huber“ oder „Huber, Maria“.")
        #expect(
            message("R2 D2", f)
                == "Ein Name enthält nur Buchstaben, Leerzeichen, Bindestriche, Apostrophe und Punkte.")
    }

    @Test func addressesWithMunichOption() throws {
        let munich = field(.address) { $0.requiresMunichAddress = true }
        let anywhere = field(.address)
        #expect(
            try value("Marienplatz 8, 80331 München", munich)
                == .address(
                    PostalAddress(street: "Marienplatz", houseNumber: "8", postcode: "80331", city: "München")
                ))
        #expect(
            try value("Leopoldstraße 12a, 80802", munich)
                == .address(
                    PostalAddress(
                        street: "Leopoldstraße", houseNumber: "12a", postcode: "80802", city: "München")))
        #expect(
            try value("Am Alten Markt 3-5, 01067 Dresden", anywhere)
                == .address(
                    PostalAddress(
                        street: "Am Alten Markt", houseNumber: "3-5", postcode: "01067", city: "Dresden")))
        #expect(
            message("81929", munich)
                == "Bitte die Anschrift als „Straße Hausnummer, PLZ Ort“ eingeben, z. B. „Marienplatz 8, 80331 München“."
        )
        #expect(
            message("Hauptstraße 1, 82008 Unterhaching", munich)
                == "82008 ist keine Münchner Postleitzahl (80331 bis 81929).")
        #expect(
            message("Hauptstraße 1, 80331 Augsburg", munich)
                == "Die Anschrift muss in München liegen, nicht in „Augsburg“.")
        #expect(try value("Hauptstraße 1, 82008 Unterhaching", anywhere) != .text(""))
        #expect(
            message("Hauptstraße 1, 8200 Unterhaching", anywhere)
                == "Eine Postleitzahl hat fünf Ziffern, z. B. 80331.")
        #expect(
            message("Hauptstraße, 80331 München", anywhere)
                == "Bitte Straße und Hausnummer angeben, z. B. „Marienplatz 8“ oder „Leopoldstraße 12a“.")
        #expect(
            message("Hauptstraße 0, 80331 München", anywhere)
                == "Bitte eine Hausnummer wie „8“, „12a“ oder „3-5“ angeben.")
        #expect(message("Hauptstraße 1, 80331", anywhere) == "Bitte den Ort angeben.")
    }

    @Test func phoneNumbers() throws {
        let f = field(.phone)
        for ok in [
            "089 233-12345", "+49 89 233-12345", "+49 (0)89 23312345", "0049 89 2331234", "0171 1234567",
            "(089) 233 96000", "+43 1 5880",
        ] {
            #expect(try value(ok, f) == .text(ok), "\(ok)")
        }
        let expected =
            "Bitte eine Telefonnummer mit Vorwahl eingeben, z. B. 089 233-12345 oder +49 89 233-12345."
        for bad in ["233-12345", "089", "+49 089 23312345", "089 ABC", "+49 89", "12345678901234567"] {
            #expect(message(bad, f) == expected, "\(bad)")
        }
    }

    @Test func emailAddresses() throws {
        let f = field(.email)
        #expect(try value(" max.muster@muenchen.de ", f) == .text("max.muster@muenchen.de"))
        #expect(try value("a+b@sub.example.org", f) == .text("a+b@sub.example.org"))
        for bad in [
            "max", "max@muenchen", "max@@muenchen.de", "max muster@muenchen.de", ".max@muenchen.de",
            "max@-x.de",
        ] {
            #expect(message(bad, f) == "Bitte eine E-Mail-Adresse wie „name@beispiel.de“ eingeben.", "\(bad)")
        }
    }

    @Test func ibanChecksum() throws {
        let f = field(.iban)
        #expect(try value("DE89 3704 0044 0532 0130 00", f) == .text("DE89370400440532013000"))
        #expect(try value("de89370400440532013000", f) == .text("DE89370400440532013000"))
        #expect(try value("AT61 1904 3002 3457 3201", f) == .text("AT611904300234573201"))
        #expect(try value("GB82 WEST 1234 5698 7654 32", f) == .text("GB82WEST12345698765432"))
        // One digit changed: the checksum no longer holds.
        #expect(
            message("DE89 3704 0044 0532 0130 01", f)
                == "Die Prüfziffer der IBAN stimmt nicht. Bitte jede Stelle noch einmal prüfen.")
        #expect(
            message("DE88 3704 0044 0532 0130 00", f)
                == "Die Prüfziffer der IBAN stimmt nicht. Bitte jede Stelle noch einmal prüfen.")
        #expect(
            message("DE89 3704 0044 0532 0130 0", f)
                == "Eine deutsche IBAN hat 22 Zeichen, eingegeben wurden 21.")
        #expect(
            message("3704 0044 0532 0130 00", f)
                == "Bitte eine IBAN eingeben: Ländercode, zwei Prüfziffern, Kontonummer, z. B. DE89 3704 0044 0532 0130 00."
        )
        #expect(
            message("DE89 3704 0044 0532 0130 0X", f)
                == "Nach „DE“ und den Prüfziffern hat eine deutsche IBAN nur Ziffern.")
        #expect(IBAN.hasValidChecksum("DE89370400440532013000"))
        #expect(!IBAN.hasValidChecksum("DE89370400440532013001"))
        #expect(IBAN.grouped("DE89370400440532013000") == "DE89 3704 0044 0532 0130 00")
    }

    /// An IBAN of `country` with `length` characters, digits only, and the right check digits.
    static func madeIBAN(_ country: String, length: Int) -> String {
        let bban = String(repeating: "1234567890", count: 4).prefix(length - 4)
        // ISO 7064 mod 97-10 over BBAN + country (letters as 10…35) + "00", done by hand here.
        var remainder = 0
        for ascii in (String(bban) + country + "00").utf8 {
            let value = ascii <= 57 ? Int(ascii) - 48 : Int(ascii) - 55
            remainder = (value < 10 ? remainder * 10 + value : remainder * 100 + value) % 97
        }
        let check = 98 - remainder
        return country + (check < 10 ? "0" : "") + "\(check)" + bban
    }

    @Test("every country of the IBAN registry with its length; unknown codes refused; hyphens allowed")
    func ibanRegistry() throws {
        let f = field(.iban)
        #expect(IBAN.lengths.count == 89)
        for (country, length) in IBAN.lengths {
            let iban = Self.madeIBAN(country, length: length)
            #expect(try value(iban, f) == .text(iban), "\(country)")
            let longer = Self.madeIBAN(country, length: length + 1)
            #expect(message(longer, f)?.contains("\(length) Zeichen") == true, "\(country)")
        }
        // Published examples of countries the old table did not know.
        for example in [
            "NO93 8601 1117 947", "SA03 8000 0000 6080 1016 7519", "UA21 3223 1300 0002 6007 2335 6600 1",
            "LC55 HEMM 0001 0001 0012 0012 0002 3015", "RU02 0445 2560 0407 0281 0412 3456 7890 1",
            "BR18 0036 0305 0000 1000 9795 493C 1", "QA58 DOHB 0000 1234 5678 90AB CDEF G",
        ] {
            #expect(message(example, f) == nil, "\(example)")
        }
        #expect(
            message("BR18 0036 0305 0000 1000 9795 493C", f)
                == "Eine IBAN aus BR hat 29 Zeichen, eingegeben wurden 28.")
        #expect(
            message(Self.madeIBAN("XY", length: 22), f)
                == "„XY“ ist kein Ländercode einer IBAN. Bitte die ersten beiden Buchstaben prüfen.")
        #expect(try value("DE89-3704-0044-0532-0130-00", f) == .text("DE89370400440532013000"))
        #expect(try value("de89 3704-0044 0532-0130 00", f) == .text("DE89370400440532013000"))
    }

    @Test func licencePlates() throws {
        let f = field(.licencePlate)
        let valid: [(String, String)] = [
            ("M-AB 1234", "M-AB 1234"), ("M AB 1234E", "M-AB 1234E"), ("m-ab 123h", "M-AB 123H"),
            ("M-A 1", "M-A 1"), ("FFB-XY 99", "FFB-XY 99"), ("LÖ-K 12", "LÖ-K 12"), ("M-AB1234", "M-AB 1234"),
        ]
        for (input, normalized) in valid { #expect(try value(input, f) == .text(normalized), "\(input)") }
        let format =
            "Bitte ein Kennzeichen wie „M-AB 1234“ eingeben: Ortskürzel (1–3 Buchstaben), "
            + "1–2 Buchstaben, 1–4 Ziffern ohne führende Null, ggf. E oder H am Ende."
        for bad in ["MABC-A 1", "M-ABC 12", "M-AB 12345", "M-AB", "M-12 34", "M-AB 12X"] {
            #expect(message(bad, f) == format, "\(bad)")
        }
        #expect(message("M-AB 0123", f) == "Die Zahl eines Kennzeichens beginnt nicht mit 0.")
        #expect(
            message("FFB-XY 9999", f) == "Ein Kennzeichen hat höchstens 8 Buchstaben und Ziffern (ohne E/H).")
    }

    @Test func microchips() throws {
        let f = field(.microchip)
        #expect(try value("276 09 8100123456", f) == .text("276098100123456"))
        #expect(try value("981098100123456", f) == .text("981098100123456"))
        #expect(
            message("27609810012345", f)
                == "Eine Chipnummer hat genau 15 Ziffern, z. B. 276 09 8100123456; eingegeben wurden 14 Zeichen."
        )
        #expect(
            message("999098100123456", f)
                == "Die ersten drei Ziffern (999) sind weder ein Ländercode (004–894, z. B. 276 für Deutschland) "
                + "noch ein Herstellercode (900–998).")
        #expect(message("000098100123456", f) != nil)
    }

    @Test func calculatedAndRepeatFieldsCannotBeTyped() {
        let calculated = field(.money) { $0.calculate = CaseModel.Expression(source: "1€") }
        #expect(message("12", calculated) == "Dieses Feld wird berechnet und kann nicht eingegeben werden.")
        #expect(
            message("x", field(.repeatGroup))
                == "Eine Wiederholungsgruppe wird zeilenweise ausgefüllt, nicht als Text.")
    }

    @Test func formattingGermanStyle() throws {
        #expect(FormEngine.format(.money(cents: 1250), for: field(.money)) == "12,50 €")
        #expect(FormEngine.format(.money(cents: 123_456_789), for: field(.money)) == "1.234.567,89 €")
        #expect(FormEngine.format(.money(cents: -5), for: field(.money)) == "-0,05 €")
        #expect(FormEngine.format(.number(Decimal(string: "1234.5") ?? 0), for: field(.number)) == "1.234,5")
        #expect(
            FormEngine.format(
                .date(try #require(LocalDate(year: 2026, month: 12, day: 3))), for: field(.date))
                == "03.12.2026")
        #expect(FormEngine.format(.bool(true), for: field(.yesNo)) == "ja")
        #expect(FormEngine.format(.bool(false), for: field(.yesNo), language: .en) == "no")
        #expect(
            FormEngine.format(.text("DE89370400440532013000"), for: field(.iban))
                == "DE89 3704 0044 0532 0130 00")
        let choice = field(.choice) {
            $0.choices = [ChoiceOption(code: "k1", label: LocalizedText(de: "Kategorie 1", en: "Category 1"))]
        }
        #expect(FormEngine.format(.choice("k1"), for: choice) == "Kategorie 1")
        #expect(FormEngine.format(.rows([[:], [:]]), for: field(.repeatGroup)) == "2 Einträge")
    }

    @Test func parseThenFormatRoundTrips() throws {
        for (type, input) in [(FieldType.money, "1.234,50 €"), (.date, "03.12.2026"), (.number, "54,5")] {
            let f = field(type)
            #expect(FormEngine.format(try value(input, f), for: f) == input)
        }
    }
}
