/// The per-field three-way merge rule of the sync model.
///
/// `base` is the value the clerk saw when editing, `mine` what the clerk wrote, `theirs` what
/// the central service holds now. If nobody else changed the field, mine wins; if both wrote
/// the same value, there is nothing to decide; otherwise both values are kept as a conflict.
public enum MergeOutcome: Hashable, Sendable {
    case takeMine
    case alreadyEqual
    case conflict
}

/// Decides how one field edit lands on the current central value.
public func mergeField(base: FieldValue?, mine: FieldValue?, theirs: FieldValue?) -> MergeOutcome {
    if theirs == mine { return .alreadyEqual }
    if theirs == base { return .takeMine }
    return .conflict
}
