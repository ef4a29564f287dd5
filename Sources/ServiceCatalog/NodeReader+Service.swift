import CaseModel
import Yams

extension NodeReader {
    static let serviceKeys = [
        "id", "version", "title", "number_prefix", "org_unit", "channels", "channel_note", "workflow", "sla",
        "form",
    ]

    /// Reads one service file's root node; nil when anything is wrong (all problems are reported).
    mutating func service(_ root: Node) -> ServiceDefinition? {
        let before = problems.count
        guard
            let entries = mapping(
                root, what: "Dienst", allowed: Self.serviceKeys,
                required: Self.serviceKeys.filter { $0 != "channel_note" })
        else { return nil }
        let id = string(entries["id"], what: "id")
        if let id, let node = entries["id"], !isIdentifier(id) {
            report(
                at: node, de: "id: „\(id)“ ist keine gültige Kennung (Kleinbuchstaben, Ziffern, _).",
                en: "id: '\(id)' is not a valid identifier (lowercase letters, digits, _).")
        }
        let version = int(entries["version"], what: "version")
        if let version, version < 1 {
            report(
                at: entries["version"], de: "version: muss 1 oder größer sein.",
                en: "version: must be 1 or more.")
        }
        let title = localized(entries["title"], what: "title")
        let prefix = string(entries["number_prefix"], what: "number_prefix")
        if let prefix, !(2...5).contains(prefix.count) || !prefix.allSatisfy({ ("A"..."Z").contains($0) }) {
            report(
                at: entries["number_prefix"], de: "number_prefix: 2 bis 5 Großbuchstaben, z. B. HUN.",
                en: "number_prefix: 2 to 5 capital letters, e.g. HUN.")
        }
        let orgUnit = entries["org_unit"].flatMap { self.orgUnit($0) }
        let channels = entries["channels"].flatMap { self.channels($0) }
        let channelNote = localized(entries["channel_note"], what: "channel_note")
        if let channels, !channels.contains(.phone), channelNote == nil, entries["channel_note"] == nil {
            report(
                at: entries["channels"],
                de:
                    "channels: ohne „phone“ muss channel_note erklären, warum kein Antrag per Telefon möglich ist.",
                en:
                    "channels: without 'phone', channel_note must explain why no application by phone is possible."
            )
        }
        let workflow = entries["workflow"].flatMap { self.workflow($0) }
        let sla = entries["sla"].flatMap { self.sla($0) }
        let form = entries["form"].flatMap { self.form($0) }
        guard problems.count == before, let id, let version, let title, let prefix, let orgUnit, let channels,
            let workflow, let sla, let form
        else { return nil }
        return ServiceDefinition(
            id: id, version: version, title: title, numberPrefix: prefix, orgUnit: orgUnit,
            channels: channels,
            channelNote: channelNote, workflow: workflow, sla: sla, form: form)
    }

    func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, ("a"..."z").contains(first) else { return false }
        return text.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    private mutating func orgUnit(_ node: Node) -> OrgUnitRef? {
        let keys = ["id", "name", "direct_phone"]
        guard let entries = mapping(node, what: "org_unit", allowed: keys, required: keys) else { return nil }
        let id = string(entries["id"], what: "org_unit.id")
        let name = localized(entries["name"], what: "org_unit.name")
        let phone = string(entries["direct_phone"], what: "org_unit.direct_phone")
        if let phone, case .failure(let problem) = PhoneNumber.normalize(phone) {
            report(
                at: entries["direct_phone"], de: "org_unit.direct_phone: \(problem.message.de)",
                en: "org_unit.direct_phone: \(problem.message.en)")
            return nil
        }
        guard let id, let name, let phone else { return nil }
        return OrgUnitRef(id: id, name: name, directPhone: phone)
    }

    private mutating func channels(_ node: Node) -> Set<Channel>? {
        guard let items = sequence(node, what: "channels") else { return nil }
        var result = Set<Channel>()
        for item in items {
            guard let text = string(item, what: "channels") else { continue }
            guard let channel = Channel(rawValue: text) else {
                let list = Channel.allCases.map(\.rawValue).joined(separator: ", ")
                report(
                    at: item, de: "channels: unbekannter Kanal „\(text)“. Erlaubt sind: \(list).",
                    en: "channels: unknown channel '\(text)'. Allowed are: \(list).")
                continue
            }
            if !result.insert(channel).inserted {
                report(
                    at: item, de: "channels: „\(text)“ steht doppelt.",
                    en: "channels: '\(text)' is listed twice.")
            }
        }
        if items.isEmpty {
            report(
                at: node, de: "channels: mindestens ein Kanal ist nötig.",
                en: "channels: at least one channel is needed.")
        }
        return result
    }

    private mutating func sla(_ node: Node) -> SLAPolicy? {
        let keys = ["working_days", "stalled_after_working_days"]
        guard let entries = mapping(node, what: "sla", allowed: keys, required: keys) else { return nil }
        let days = int(entries["working_days"], what: "sla.working_days")
        let stalled = int(entries["stalled_after_working_days"], what: "sla.stalled_after_working_days")
        for (key, value) in [("working_days", days), ("stalled_after_working_days", stalled)] {
            if let value, value < 1 {
                report(
                    at: entries[key], de: "sla.\(key): muss 1 oder größer sein.",
                    en: "sla.\(key): must be 1 or more.")
            }
        }
        guard let days, let stalled else { return nil }
        return SLAPolicy(workingDays: days, stalledAfterWorkingDays: stalled)
    }
}
