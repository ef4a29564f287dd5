/// Draws whole frames through a backend, sending only what changed since the last frame.
///
/// Call `invalidate()` after a resize event or `restore()`, so the next frame is repainted
/// in full (a size change alone already forces that).
public final class FrameRenderer {
    /// The backend frames go to.
    public let backend: any TerminalBackend
    /// The last frame presented, nil before the first one or after `invalidate()`.
    public private(set) var previous: ScreenBuffer?

    /// Creates a renderer over a backend.
    public init(backend: any TerminalBackend) {
        self.backend = backend
    }

    /// Forgets the last frame so the next one is a full repaint (after resize or restore).
    public func invalidate() {
        previous = nil
    }

    /// Diffs `frame` with the last one, draws the changes and presents them.
    @discardableResult
    public func render(_ frame: ScreenBuffer) throws -> ScreenChanges {
        let changes = ScreenDiff.changes(from: previous, to: frame)
        if !changes.isEmpty || previous?.cursor != frame.cursor {
            do {
                try backend.draw(changes)
                try backend.present()
            } catch {
                previous = nil  // the terminal is in an unknown state: repaint fully next time
                throw error
            }
        }
        previous = frame
        return changes
    }
}
