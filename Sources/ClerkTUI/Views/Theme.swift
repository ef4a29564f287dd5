import CaseModel
import TerminalKit

/// The styles of the workstation: calm, few colours, meaning never by colour alone.
enum Theme {
    static let statusBar = Style(reverse: true)
    static let title = Style(bold: true)
    static let header = Style(bold: true, underline: true)
    static let selected = Style(reverse: true)
    static let dim = Style(dim: true)
    static let footerKey = Style(bold: true)
    static let footer = Style()
    static let error = Style(bold: true, foreground: .red)
    static let success = Style(foreground: .green)
    static let info = Style(foreground: .cyan)
    static let input = Style(underline: true)
    static let inputFocused = Style(reverse: true)
    static let required = Style(bold: true, foreground: .red)
    static let section = Style(bold: true, foreground: .blue)
    static let box = Style()

    /// The colour that goes with a light's symbol.
    static func light(_ light: SLALight) -> Style {
        switch light {
        case .green: Style(foreground: .green)
        case .yellow: Style(bold: true, foreground: .yellow)
        case .red: Style(bold: true, foreground: .red)
        case .paused: Style(foreground: .cyan)
        case .done: Style(dim: true)
        }
    }
}

extension Language {
    /// The terminal layer's language for keymap labels.
    var textLanguage: TextLanguage { self == .en ? .english : .german }
}

/// Breaks text into lines of at most `width` columns at spaces (long words are cut).
func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = ""
        for word in paragraph.split(separator: " ") {
            var word = String(word)
            while word.displayWidth > width {
                if !line.isEmpty {
                    lines.append(line)
                    line = ""
                }
                let head = word.truncated(toWidth: width, ellipsis: "")
                lines.append(head)
                word = String(word.dropFirst(head.count))
            }
            if line.isEmpty {
                line = word
            } else if line.displayWidth + 1 + word.displayWidth <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = word
            }
        }
        lines.append(line)
    }
    return lines
}
