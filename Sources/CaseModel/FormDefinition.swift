/// The form of a service: its fields in order. (Fleshed out by the form engine.)
public struct FormDefinition: Hashable, Sendable {
    public var fields: [FieldDefinition]
    public init(fields: [FieldDefinition]) { self.fields = fields }
}

/// One field of a form.
public struct FieldDefinition: Hashable, Sendable {
    public var id: String
    public var label: LocalizedText
    public init(id: String, label: LocalizedText) {
        self.id = id
        self.label = label
    }
}
