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

    /// An org unit id as the catalogue writes them, e.g. `bb-mitte`: lowercase letters, digits,
    /// `-` and `_`, starting with a letter, at most 64 characters.
    func isOrgUnitID(_ text: String) -> Bool {
        guard let first = text.first, ("a"..."z").contains(first), text.count <= 64 else { return false }
        return text.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
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
        let keys = ["working_days", "stalled_after_working_days", "targets"]
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
        let targets = entries["targets"].flatMap { self.targets($0, deadline: days) }
        guard let days, let stalled, let targets else { return nil }
        return SLAPolicy(workingDays: days, stalledAfterWorkingDays: stalled, targets: targets)
    }

    static let targetKeys = ["decided_per_week", "lead_time_working_days", "decided_within_deadline_percent"]

    /// `sla.targets`: the service's targets, and `org_units` with the targets of single units.
    private mutating func targets(_ node: Node, deadline: Int?) -> ServiceTargets? {
        guard
            let entries = mapping(
                node, what: "sla.targets", allowed: Self.targetKeys + ["org_units"], required: Self.targetKeys
            )
        else { return nil }
        let own = targetValues(entries, what: "sla.targets", deadline: deadline)
        var units: [String: UnitTargets] = [:]
        if let unitsNode = entries["org_units"] {
            guard case .mapping(let unitNodes) = unitsNode else {
                report(
                    at: unitsNode, de: "sla.targets.org_units: je Org-Einheit (Kennung) ihre Ziele erwartet.",
                    en: "sla.targets.org_units: the targets of each org unit (by id) are expected.")
                return nil
            }
            for (keyNode, value) in unitNodes {
                guard let unit = keyNode.scalar?.string, isOrgUnitID(unit) else {
                    report(
                        at: keyNode,
                        de:
                            "sla.targets.org_units: „\(keyNode.scalar?.string ?? "?")“ ist keine Org-Einheit-Kennung.",
                        en: "sla.targets.org_units: '\(keyNode.scalar?.string ?? "?")' is not an org unit id."
                    )
                    continue
                }
                let what = "sla.targets.org_units.\(unit)"
                guard let unitEntries = mapping(value, what: what, allowed: Self.targetKeys, required: [])
                else {
                    continue
                }
                if unitEntries.isEmpty {
                    report(
                        at: value, de: "\(what): mindestens ein Ziel angeben.",
                        en: "\(what): give at least one target.")
                }
                units[unit] = targetValues(unitEntries, what: what, deadline: deadline)
            }
        }
        guard let perWeek = own.decidedPerWeek, let lead = own.leadTimeWorkingDays,
            let share = own.decidedWithinDeadlinePercent
        else { return nil }
        return ServiceTargets(
            decidedPerWeek: perWeek, leadTimeWorkingDays: lead, decidedWithinDeadlinePercent: share,
            orgUnits: units)
    }

    /// The target values present in `entries`, each checked: per week at least 1, the lead time
    /// from 1 up to the deadline (a target slower than the deadline would not be one), the share
    /// from 1 to 100 percent.
    private mutating func targetValues(_ entries: [String: Node], what: String, deadline: Int?) -> UnitTargets
    {
        var result = UnitTargets()
        if let node = entries["decided_per_week"], let value = int(node, what: "\(what).decided_per_week") {
            if value < 1 {
                report(
                    at: node, de: "\(what).decided_per_week: muss 1 oder größer sein.",
                    en: "\(what).decided_per_week: must be 1 or more.")
            } else {
                result.decidedPerWeek = value
            }
        }
        if let node = entries["lead_time_working_days"],
            let value = int(node, what: "\(what).lead_time_working_days")
        {
            if value < 1 || (deadline.map { value > $0 } ?? false) {
                let limit = deadline.map { "\($0)" } ?? "working_days"
                report(
                    at: node,
                    de:
                        "\(what).lead_time_working_days: 1 bis zur Frist (sla.working_days = \(limit)) Arbeitstage.",
                    en:
                        "\(what).lead_time_working_days: 1 up to the deadline (sla.working_days = \(limit)) working days."
                )
            } else {
                result.leadTimeWorkingDays = value
            }
        }
        if let node = entries["decided_within_deadline_percent"],
            let value = int(node, what: "\(what).decided_within_deadline_percent")
        {
            if !(1...100).contains(value) {
                report(
                    at: node, de: "\(what).decided_within_deadline_percent: 1 bis 100 (Prozent).",
                    en: "\(what).decided_within_deadline_percent: 1 to 100 (percent).")
            } else {
                result.decidedWithinDeadlinePercent = value
            }
        }
        return result
    }
}
