import Testing

@testable import TerminalKit

@Suite("Display width")
struct DisplayWidthTests {
    @Test("ASCII and Latin letters incl. umlauts and ß are one column")
    func latin() {
        #expect("Straße".displayWidth == 6)
        #expect("Grüße aus München".displayWidth == 17)
        #expect("ÄÖÜäöüß".displayWidth == 7)
        #expect(DisplayWidth.of(Character("a")) == 1)
        #expect(DisplayWidth.of(Character("€")) == 1)
    }

    @Test("Decomposed umlauts (base + combining mark) are one column")
    func combining() {
        let decomposed = "Mu\u{0308}nchen"  // u + COMBINING DIAERESIS
        #expect(decomposed.count == 7)
        #expect(decomposed.displayWidth == 7)
        #expect(DisplayWidth.of(Character("\u{0301}")) == 0)  // a lone combining mark
        #expect(DisplayWidth.of(Character("e\u{0301}\u{0327}")) == 1)
    }

    @Test("CJK, kana, Hangul and fullwidth forms are two columns")
    func eastAsianWide() {
        #expect("中文".displayWidth == 4)
        #expect("ひらがな".displayWidth == 8)
        #expect("한국어".displayWidth == 6)
        #expect("ＡＢＣ".displayWidth == 6)
        #expect("、".displayWidth == 2)
        #expect("ｱ".displayWidth == 1)  // halfwidth katakana stays narrow
    }

    @Test("Emoji, ZWJ sequences, flags and VS16 are two columns")
    func emoji() {
        #expect("😀".displayWidth == 2)
        #expect("👨‍👩‍👧‍👦".displayWidth == 2)
        #expect("👩🏽‍💻".displayWidth == 2)
        #expect("🇩🇪".displayWidth == 2)
        #expect("🏳️‍🌈".displayWidth == 2)
        #expect("❤️".displayWidth == 2)  // U+2764 + VS16
        #expect("❤".displayWidth == 1)  // text presentation without VS16
        #expect("👍🏻".displayWidth == 2)
    }

    @Test("Control characters are zero columns")
    func controls() {
        #expect(DisplayWidth.of(Character("\u{07}")) == 0)
        #expect(DisplayWidth.of(Character("\t")) == 0)
        #expect(DisplayWidth.of(Character("\r\n")) == 0)
        #expect(DisplayWidth.of(Character("\u{7F}")) == 0)
        #expect(DisplayWidth.of(Character("\u{9B}")) == 0)
        #expect(DisplayWidth.of(Character("\u{200B}")) == 0)
        #expect("a\u{1B}b".displayWidth == 2)
    }

    @Test("The wide range table is sorted and does not overlap")
    func tableSorted() {
        for (left, right) in zip(DisplayWidth.wideRanges, DisplayWidth.wideRanges.dropFirst()) {
            #expect(left.upperBound < right.lowerBound, "\(left) overlaps \(right)")
        }
    }

    @Test("Truncation keeps graphemes whole and adds an ellipsis")
    func truncation() {
        #expect("Grüße aus München".truncated(toWidth: 10) == "Grüße aus…")
        #expect("Grüße".truncated(toWidth: 5) == "Grüße")
        #expect("中文字".truncated(toWidth: 4) == "中…")
        #expect("中文字".truncated(toWidth: 5) == "中文…")
        #expect("🇩🇪🇩🇪".truncated(toWidth: 3) == "🇩🇪…")
        #expect("abc".truncated(toWidth: 0) == "")
        #expect("abcdef".truncated(toWidth: 1) == "…")
        for width in 0...12 {
            #expect("Grüße 中文 👨‍👩‍👧".truncated(toWidth: width).displayWidth <= width)
        }
    }

    @Test("Padding fills to the exact width")
    func padding() {
        #expect("ß".padded(toWidth: 3) == "ß  ")
        #expect("中".padded(toWidth: 4, alignment: .trailing) == "  中")
        #expect("ab".padded(toWidth: 5, alignment: .center) == " ab  ")
        #expect("中文字".padded(toWidth: 5) == "中文…")
        #expect("中文字".padded(toWidth: 4) == "中… ")
        #expect("中文字".padded(toWidth: 4).displayWidth == 4)
    }
}
