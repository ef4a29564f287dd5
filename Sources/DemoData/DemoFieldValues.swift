import CaseModel
import Foundation

/// Values for form fields, chosen by what each field means (`DemoFieldMeaning`) and told by one
/// story per application (`DemoStory`), then checked with the form engine on the day the
/// application was received, so that any catalogue can be filled with values a clerk would
/// believe.
public enum DemoFieldValues {
    /// Everything a value may depend on besides the field itself.
    public struct Context {
        public var citizen: Citizen
        /// The day the application was received.
        public var receivedDay: LocalDate
        public init(citizen: Citizen, receivedDay: LocalDate) {
            self.citizen = citizen
            self.receivedDay = receivedDay
        }
    }

    /// Values for all fields of a form: required ones always, optional ones mostly, the comment
    /// field rarely, only fields that are asked (relevant); calculated fields as the form
    /// computes them. The values pass the form's rules on the day of receipt whenever the form
    /// allows it (a value that keeps failing an optional field is left out).
    public static func values(
        for form: FormDefinition, context: Context, using rng: inout DemoRandom
    ) -> [String: FieldValue] {
        var filler = DemoFormFiller(form: form, context: context)
        filler.fill(&rng)
        return filler.fitted(&rng)
    }

    /// `values` made to pass the form's rules on `context`'s day: settled, and any field that
    /// breaks a rule drawn again from its meaning; nil if no such values were found.
    public static func fitted(
        _ values: [String: FieldValue], form: FormDefinition, context: Context, using rng: inout DemoRandom
    ) -> [String: FieldValue]? {
        var filler = DemoFormFiller(form: form, context: context)
        filler.values = values
        let fitted = filler.fitted(&rng)
        return filler.issues(in: fitted).isEmpty ? fitted : nil
    }

    /// One value for a top-level field, as a clerk might have entered it for this citizen (a
    /// value of a conflict, say); nil for a choice without options or a calculated field.
    public static func value(
        for field: FieldDefinition, context: Context, using rng: inout DemoRandom
    ) -> FieldValue? {
        var filler = DemoFormFiller(form: FormDefinition(fields: [field]), context: context)
        return filler.value(for: field, in: nil, row: 0, scope: EvaluationScope(values: [:]), &rng)
    }

    /// Notes a clerk adds to a case (comments, the comment field).
    public static var sentences: [String] { DemoVocabulary.clerkNotes }
}

/// Fills one form from one story, field by field in form order.
struct DemoFormFiller {
    let form: FormDefinition
    let evaluation: EvaluationContext
    var story: DemoStory
    var values: [String: FieldValue] = [:]

    init(form: FormDefinition, context: DemoFieldValues.Context) {
        self.form = form
        self.evaluation = EvaluationContext(today: context.receivedDay)
        self.story = DemoStory(citizen: context.citizen, receivedDay: context.receivedDay)
    }

    mutating func fill(_ rng: inout DemoRandom) {
        for field in form.fields where field.calculate == nil {
            let scope = EvaluationScope(values: computed(field))
            guard holds(field.relevant, scope, default: true), wanted(field, in: nil, row: 0, scope, &rng)
            else {
                continue
            }
            values[field.id] = value(for: field, in: nil, row: 0, scope: scope, &rng)
        }
    }

    /// The values settled by the form engine, with what breaks a rule drawn again (a few rounds;
    /// an optional value that keeps failing is left out).
    mutating func fitted(_ rng: inout DemoRandom) -> [String: FieldValue] {
        for round in 0..<8 {
            values = FormEngine.settled(form: form, values: values, context: evaluation)
            let problems = issues(in: values)
            if problems.isEmpty { return values }
            for issue in problems { repair(issue, giveUp: round >= 4, &rng) }
        }
        values = FormEngine.settled(form: form, values: values, context: evaluation)
        return values
    }

    func issues(in values: [String: FieldValue]) -> [FieldIssue] {
        FormEngine.validate(form: form, values: values, context: evaluation)
    }

    // MARK: - One field

    /// A value for `field` (a sub-field of `group` in row `row` when `group` is given).
    mutating func value(
        for field: FieldDefinition, in group: FieldDefinition?, row: Int, scope: EvaluationScope,
        _ rng: inout DemoRandom
    ) -> FieldValue? {
        let meaning = DemoFieldMeaning(field, in: group)
        let groupMeaning = group.map { DemoFieldMeaning($0) }
        switch field.type {
        case .choice:
            return choice(
                field, preferred: preferredChoice(meaning, field, groupMeaning, row, &rng), scope, &rng)
        case .yesNo:
            let yes = yesShare(meaning, groupMeaning, row, &rng)
            return yesNo(field, preferred: rng.chance(yes), scope)
        case .repeatGroup:
            return rows(field, meaning, &rng)
        default:
            return bounded(storyValue(meaning, field, groupMeaning, row, &rng) ?? generic(field, &rng), field)
        }
    }

    /// The value the story gives for a meaning; nil where only a plain value of the type fits.
    private mutating func storyValue(
        _ meaning: DemoFieldMeaning, _ field: FieldDefinition, _ group: DemoFieldMeaning?, _ row: Int,
        _ rng: inout DemoRandom
    ) -> FieldValue? {
        let citizen = story.citizen
        switch meaning {
        case .applicantName: return .name(citizen.name)
        case .applicantBirthDate: return .date(citizen.dateOfBirth)
        case .memberName: return person(group, row, &rng).map { .name($0.name) }
        case .memberBirthDate: return person(group, row, &rng).map { .date($0.birth) }
        case .nationality:
            guard let person = person(group, row, &rng) else { return nil }
            if values["art"] == .choice("zuzug_ausland"), person.relation != "eltern" || rng.chance(0.5) {
                return .text(story.theMove(kinds: ["zuzug_ausland"], &rng).country.nationality)
            }
            return .text(person.nationality)
        case .income: return person(group, row, &rng).map { .money(cents: $0.income) }
        case .homeAddress: return .address(citizen.address)
        case .previousAddress: return .address(move(&rng).previousAddress)
        case .mailingAddress: return .address(story.anotherAddress(&rng))
        case .businessAddress: return .address(story.theBusiness(&rng).address)
        case .phone: return .text(citizen.phone ?? DemoValues.phone(using: &rng))
        case .email: return .text(citizen.email ?? DemoValues.email(for: citizen.name, using: &rng))
        case .iban: return .text(DemoValues.iban(using: &rng))
        case .dogName: return .text(dog(row, &rng).name)
        case .dogBreed: return .text(dog(row, &rng).breed)
        case .dogBirthDate: return .date(dog(row, &rng).birth)
        case .keptSince: return .date(dog(row, &rng).since)
        case .microchip:
            return .text(
                group == .dogs || form.fields.contains { DemoFieldMeaning($0) == .dogBreed }
                    ? dog(row, &rng).chip : DemoValues.microchip(using: &rng))
        case .moveInDate: return .date(move(&rng).moveIn)
        case .previousCountry: return .text(move(&rng).country.country)
        case .landlord: return .text(move(&rng).landlord)
        case .businessName: return .text(story.theBusiness(&rng).name)
        case .registerNumber: return .text(story.theBusiness(&rng).registerNumber)
        case .businessActivity: return .text(story.theBusiness(&rng).trade.activity)
        case .businessStart: return .date(story.theBusiness(&rng).start)
        case .representatives: return .number(Decimal(story.theBusiness(&rng).representatives))
        case .bulkyItem: return item(group, row, &rng).map { .text($0.name) }
        case .itemCount: return item(group, row, &rng).map { .number(Decimal($0.count)) }
        case .loadingQuarterHours:
            let work = story.itemList(count: 1...6, &rng).reduce(0.0) { $0 + Double($1.count) * $1.quarters }
            return .number(Decimal(max(1, Int(work.rounded(.up)))))
        case .accessNotes: return .text(DemoVocabulary.accessNote(family: citizen.name.family, using: &rng))
        case .licencePlate:
            let plates = story.plateList(count: group == nil ? 1...1 : 1...3, &rng)
            return .text(plates[min(row, plates.count - 1)])
        case .rent: return .money(cents: story.theFlat(&rng).rent)
        case .floorArea: return .number(Decimal(story.theFlat(&rng).area))
        case .comment:
            let notes = rng.chance(0.8) ? 1 : 2
            return .text((0..<notes).map { _ in rng.pick(DemoVocabulary.clerkNotes) }.joined(separator: " "))
        default: return nil
        }
    }

    /// The code the story picks for a choice; nil for none in particular.
    private mutating func preferredChoice(
        _ meaning: DemoFieldMeaning, _ field: FieldDefinition, _ group: DemoFieldMeaning?, _ row: Int,
        _ rng: inout DemoRandom
    ) -> String? {
        switch meaning {
        case .relationship: return person(group, row, &rng)?.relation
        case .dogCategory: return dog(row, &rng).category
        case .dogExemption: return dog(row, &rng).exemption
        case .registrationKind: return move(&rng).kind
        case .legalForm: return story.theBusiness(&rng).legalForm
        case .dwellingStatus, .housingBenefitKind, .permitValidity:
            // The first option is the usual one (main residence, rent subsidy, 12 months).
            return rng.chance(0.85) ? field.choices.first?.code : nil
        default: return nil
        }
    }

    /// How likely the story answers yes.
    private mutating func yesShare(
        _ meaning: DemoFieldMeaning, _ group: DemoFieldMeaning?, _ row: Int, _ rng: inout DemoRandom
    ) -> Double {
        switch meaning {
        case .dogCertificate: return dog(row, &rng).certificate ? 1 : 0
        case .licenceRequired: return story.theBusiness(&rng).trade.needsLicence ? 1 : 0
        case .idPresented: return person(group, row, &rng)?.idPresented == false ? 0.1 : 0.97
        case .landlordConfirmation, .keeperConfirmation, .proxyConfirmation: return 0.97
        case .registeredToApplicant: return 0.85
        case .privateParking: return 0.03
        case .sendElsewhere: return 0.1
        case .byProxy: return 0.08
        default: return 0.5
        }
    }

    /// Whether an optional field gets a value.
    private mutating func wanted(
        _ field: FieldDefinition, in group: FieldDefinition?, row: Int, _ scope: EvaluationScope,
        _ rng: inout DemoRandom
    ) -> Bool {
        if field.required || holds(field.requiredIf, scope, default: false) { return true }
        let meaning = DemoFieldMeaning(field, in: group)
        // The ID is needed from 16; a case may be decided up to two years after it came in, by
        // when a 14-year-old must have it on record.
        if meaning == .idPresented, let person = person(group.map { DemoFieldMeaning($0) }, row, &rng),
            completedYears(from: person.birth, to: story.receivedDay) >= 14
        {
            return true
        }
        let share: Double =
            switch meaning {
            case .comment: 0.1
            case .dogBirthDate: 0.8
            case .microchip: 0.9
            case .phone: 0.75
            case .email: 0.55
            case .iban: 0.5
            case .accessNotes: 0.4
            case .idPresented: 0.3
            default: 0.65
            }
        return rng.chance(share)
    }

    // MARK: - Rows

    private mutating func rows(_ group: FieldDefinition, _ meaning: DemoFieldMeaning, _ rng: inout DemoRandom)
        -> FieldValue
    {
        let low = max(0, group.minRows ?? 0)
        let high = max(low, group.maxRows ?? max(low, 6))
        let count: Int =
            switch meaning {
            case .dogs: story.dogList(count: max(1, low)...high, &rng).count
            case .household: min(max(story.householdMembers(&rng).count, low), high)
            case .householdWithoutApplicant: min(max(story.householdMembers(&rng).count - 1, low), high)
            case .bulkyItems: story.itemList(count: max(1, low)...high, &rng).count
            case .vehicles: story.plateList(count: max(1, low)...high, &rng).count
            default: rng.int(in: low...min(high, low + 3))
            }
        var made: [[String: FieldValue]] = []
        let ids = Set(group.fields.map(\.id))
        for index in 0..<count {
            var row: [String: FieldValue] = [:]
            for sub in group.fields where sub.calculate == nil {
                let scope = EvaluationScope(values: values, row: row, rowFieldIDs: ids)
                guard holds(sub.relevant, scope, default: true),
                    wanted(sub, in: group, row: index, scope, &rng)
                else {
                    continue
                }
                row[sub.id] = value(for: sub, in: group, row: index, scope: scope, &rng)
            }
            made.append(row)
        }
        return .rows(made)
    }

    private mutating func person(_ group: DemoFieldMeaning?, _ row: Int, _ rng: inout DemoRandom)
        -> DemoPerson?
    {
        let people = story.householdMembers(&rng)
        let index = group == .householdWithoutApplicant ? row + 1 : row
        return people.indices.contains(index) ? people[index] : nil
    }

    private mutating func dog(_ row: Int, _ rng: inout DemoRandom) -> DemoDog {
        let dogs = story.dogList(count: 1...10, &rng)
        return dogs[min(row, dogs.count - 1)]
    }

    private mutating func item(_ group: DemoFieldMeaning?, _ row: Int, _ rng: inout DemoRandom) -> DemoItem? {
        let items = story.itemList(count: 1...6, &rng)
        return items.indices.contains(row) ? items[row] : nil
    }

    private mutating func move(_ rng: inout DemoRandom) -> DemoMove {
        let kinds = form.fields.first { DemoFieldMeaning($0) == .registrationKind }?.choices.map(\.code) ?? []
        return story.theMove(kinds: kinds, &rng)
    }

    // MARK: - Choices and rules

    /// The preferred code if it is an option and passes the field's constraint, else a passing
    /// option (the first option weighs most).
    private func choice(
        _ field: FieldDefinition, preferred: String?, _ scope: EvaluationScope, _ rng: inout DemoRandom
    ) -> FieldValue? {
        let codes = field.choices.map(\.code)
        guard !codes.isEmpty else { return nil }
        if let preferred, codes.contains(preferred), passes(field, .choice(preferred), scope) {
            return .choice(preferred)
        }
        let passing = codes.filter { passes(field, .choice($0), scope) }
        let pool = passing.isEmpty ? codes : passing
        let weights = pool.map { $0 == codes[0] ? 3.0 : 1.0 }
        return .choice(pool[rng.weightedIndex(weights)])
    }

    private func yesNo(_ field: FieldDefinition, preferred: Bool, _ scope: EvaluationScope) -> FieldValue {
        passes(field, .bool(preferred), scope) ? .bool(preferred) : .bool(!preferred)
    }

    /// Whether `value` meets the field's constraint in `scope` (an unanswerable rule counts as met).
    private func passes(_ field: FieldDefinition, _ value: FieldValue, _ scope: EvaluationScope) -> Bool {
        guard let constraint = field.constraint else { return true }
        var own = scope
        own.current = value
        return (try? constraint.evaluate(in: own, context: evaluation)) != .bool(false)
    }

    private func holds(_ expression: CaseModel.Expression?, _ scope: EvaluationScope, default fallback: Bool)
        -> Bool
    {
        guard let expression else { return fallback }
        return (try? expression.holds(in: scope, context: evaluation)) ?? fallback
    }

    /// The values with the calculated fields computed, when `field` has a rule that may read them.
    private func computed(_ field: FieldDefinition) -> [String: FieldValue] {
        field.relevant == nil && field.requiredIf == nil
            ? values : FormEngine.calculate(form: form, values: values, context: evaluation)
    }

    /// Draws a value that broke a rule again (or leaves out an optional one that keeps failing).
    private mutating func repair(_ issue: FieldIssue, giveUp: Bool, _ rng: inout DemoRandom) {
        guard let field = form.field(issue.fieldID) else { return }
        if let index = issue.row, let subID = issue.subfieldID, let sub = field.subfield(subID),
            case .rows(var rows) = values[field.id], rows.indices.contains(index)
        {
            let scope = EvaluationScope(
                values: values, row: rows[index], rowFieldIDs: Set(field.fields.map(\.id)))
            rows[index][subID] = redraw(sub, in: field, row: index, issue, giveUp, scope, &rng)
            values[field.id] = .rows(rows)
        } else {
            values[field.id] = redraw(
                field, in: nil, row: 0, issue, giveUp, EvaluationScope(values: values), &rng)
        }
    }

    private mutating func redraw(
        _ field: FieldDefinition, in group: FieldDefinition?, row: Int, _ issue: FieldIssue, _ giveUp: Bool,
        _ scope: EvaluationScope, _ rng: inout DemoRandom
    ) -> FieldValue? {
        let required = field.required || field.requiredIf != nil || issue.kind == .required
        if giveUp, !required, issue.kind != .rowCount { return nil }
        switch field.type {
        case .choice, .yesNo, .repeatGroup:
            return value(for: field, in: group, row: row, scope: scope, &rng)
        default:
            return issue.kind == .required
                ? value(for: field, in: group, row: row, scope: scope, &rng)
                : bounded(generic(field, &rng), field)
        }
    }

    // MARK: - Plain values

    /// A plain value of the field's type, for a field whose meaning the demo does not know.
    private func generic(_ field: FieldDefinition, _ rng: inout DemoRandom) -> FieldValue? {
        let receivedDay = evaluation.today
        switch field.type {
        case .text: return .text("siehe Unterlagen")
        case .longText: return .text(rng.pick(DemoVocabulary.clerkNotes))
        case .number: return .number(Decimal(rng.int(in: 1...10)))
        case .money: return .money(cents: Int64(rng.int(in: 10...500)) * 100)
        case .date: return .date(receivedDay.adding(days: -rng.int(in: 0...365)))
        case .yesNo: return .bool(rng.chance(0.5))
        case .choice: return field.choices.isEmpty ? nil : .choice(rng.pick(field.choices).code)
        case .personName: return .name(story.citizen.name)
        case .address: return .address(story.citizen.address)
        case .phone: return .text(DemoValues.phone(using: &rng))
        case .email: return .text(DemoValues.email(for: story.citizen.name, using: &rng))
        case .iban: return .text(DemoValues.iban(using: &rng))
        case .licencePlate: return .text(DemoValues.licencePlate(using: &rng))
        case .microchip: return .text(DemoValues.microchip(using: &rng))
        case .repeatGroup: return .rows([])
        }
    }

    /// `value` within the field's bounds and length.
    private func bounded(_ value: FieldValue?, _ field: FieldDefinition) -> FieldValue? {
        switch value {
        case .text(let text)?:
            guard let max = field.maxLength, text.count > max else { return value }
            return .text(String(text.prefix(max)))
        case .number(let number)?:
            var n = number
            if let low = field.minimum.flatMap({ Decimal(string: $0) }) { n = Swift.max(n, low) }
            if let high = field.maximum.flatMap({ Decimal(string: $0) }) { n = Swift.min(n, high) }
            return .number(n)
        case .money(let cents)?:
            var c = cents
            if let low = field.minimum.flatMap({ Int64($0) }) { c = Swift.max(c, low) }
            if let high = field.maximum.flatMap({ Int64($0) }) { c = Swift.min(c, high) }
            return .money(cents: c)
        case .date(let day)?:
            var d = day
            if let low = field.minimum.flatMap({ LocalDate(parsing: $0) }) { d = Swift.max(d, low) }
            if let high = field.maximum.flatMap({ LocalDate(parsing: $0) }) { d = Swift.min(d, high) }
            return .date(d)
        default:
            return value
        }
    }
}
