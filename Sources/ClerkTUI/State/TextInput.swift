/// A line of text being typed, with the caret position (in characters).
public struct TextInput: Hashable, Sendable, Codable {
    public var text: String
    /// The caret, 0 … `text.count`.
    public var caret: Int

    public init(_ text: String = "", caret: Int? = nil) {
        self.text = text
        self.caret = min(max(0, caret ?? text.count), text.count)
    }

    /// Inserts typed text at the caret.
    public mutating func insert(_ typed: String) {
        let i = text.index(text.startIndex, offsetBy: caret)
        text.insert(contentsOf: typed, at: i)
        caret += typed.count
    }

    /// Deletes the character before the caret; false if there was none.
    @discardableResult
    public mutating func deleteBackward() -> Bool {
        guard caret > 0 else { return false }
        let i = text.index(text.startIndex, offsetBy: caret - 1)
        text.remove(at: i)
        caret -= 1
        return true
    }

    /// Deletes the character under the caret; false if there was none.
    @discardableResult
    public mutating func deleteForward() -> Bool {
        guard caret < text.count else { return false }
        let i = text.index(text.startIndex, offsetBy: caret)
        text.remove(at: i)
        return true
    }

    /// Moves the caret by `delta` characters, staying inside the text.
    public mutating func move(_ delta: Int) { caret = min(max(0, caret + delta), text.count) }

    public mutating func home() { caret = 0 }
    public mutating func end() { caret = text.count }
}
