/// One value of a field conflict with who wrote it.
public struct ConflictValue: Hashable, Sendable {
    public var value: FieldValue?
    /// The clerk who wrote it; nil when the central service did not know.
    public var author: String?
    public init(value: FieldValue?, author: String?) {
        self.value = value
        self.author = author
    }
}

/// A field conflict as one clerk sees it: their own value (if they wrote one) and the other.
public struct ConflictSides: Hashable, Sendable {
    /// The value the looking clerk wrote, or, for a clerk who wrote neither, the later one.
    public var own: ConflictValue
    /// The other value.
    public var other: ConflictValue
    /// Whether the looking clerk wrote one of the values (then `own` is theirs).
    public var involved: Bool
    public init(own: ConflictValue, other: ConflictValue, involved: Bool) {
        self.own = own
        self.other = other
        self.involved = involved
    }
}

extension FieldConflict {
    /// The conflict from `clerk`'s side. The clerk whose operation met the conflict owns `mine`;
    /// the clerk whose change landed first owns `theirs`, so on their screen the values swap.
    /// A third clerk (a team lead, say) owns neither: `own` is then the later value.
    public func seen(by clerk: String) -> ConflictSides {
        let later = ConflictValue(value: mine, author: self.clerk)
        let earlier = ConflictValue(value: theirs, author: theirsClerk)
        if clerk == self.clerk {
            return ConflictSides(own: later, other: earlier, involved: true)
        }
        if clerk == theirsClerk {
            return ConflictSides(own: earlier, other: later, involved: true)
        }
        return ConflictSides(own: later, other: earlier, involved: false)
    }
}
