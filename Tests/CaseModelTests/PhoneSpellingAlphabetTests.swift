import Testing

@testable import CaseModel

@Suite struct PhoneSpellingAlphabetTests {
    @Test func tableIsDIN5009Of2022() {
        let expected =
            "A Aachen|Ä Umlaut Aachen|B Berlin|C Chemnitz|D Düsseldorf|E Essen|F Frankfurt|G Goslar|H Hamburg|"
            + "I Ingelheim|J Jena|K Köln|L Leipzig|M München|N Nürnberg|O Offenbach|Ö Umlaut Offenbach|"
            + "P Potsdam|Q Quickborn|R Rostock|S Salzwedel|ß Eszett|T Tübingen|U Unna|Ü Umlaut Unna|"
            + "V Völklingen|W Wuppertal|X Xanten|Y Ypsilon|Z Zwickau"
        #expect(SpellingAlphabet.table.map { "\($0.letter) \($0.word)" }.joined(separator: "|") == expected)
    }

    @Test func nameIsSpelledLetterByLetter() {
        #expect(
            SpellingAlphabet.spell("Weißgerber") == [
                "W wie Wuppertal", "E wie Essen", "I wie Ingelheim", "Eszett", "G wie Goslar", "E wie Essen",
                "R wie Rostock", "B wie Berlin", "E wie Essen", "R wie Rostock",
            ])
    }

    @Test func umlautsHyphensAndSpacesAreNamed() {
        #expect(
            SpellingAlphabet.spelledLine("Öz-Ül")
                == "Ö wie Umlaut Offenbach – Z wie Zwickau – Bindestrich – Ü wie Umlaut Unna – L wie Leipzig")
        #expect(SpellingAlphabet.spell("Ä a") == ["Ä wie Umlaut Aachen", "Leerzeichen", "A wie Aachen"])
    }

    @Test func schIsSpelledAsSingleLettersAsIn2022() {
        #expect(SpellingAlphabet.spell("Sch") == ["S wie Salzwedel", "C wie Chemnitz", "H wie Hamburg"])
    }

    @Test func otherAccentsAreNamedWithTheirBaseLetter() {
        #expect(SpellingAlphabet.spoken("é") == "E wie Essen mit Akzent")
        #expect(SpellingAlphabet.spoken("7") == "7")
    }
}
