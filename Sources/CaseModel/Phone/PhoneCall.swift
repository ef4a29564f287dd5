import Foundation

/// Where a phone call stands.
public enum PhoneCallStep: Hashable, Sendable {
    /// Verifying the caller; personal data is masked.
    case identity
    /// Choosing the service; only phone-allowed services are offered.
    case chooseService
    /// The chosen service may not be applied for by phone; the refusal says why and what instead.
    case refused(PhoneRefusal)
    /// Asking the form's questions one at a time.
    case interview
    /// Reading the answers back, each line ticked when confirmed.
    case readBack
    /// Reading out the consent wording and recording the caller's answer.
    case consent
    /// The application has been entered on the caller's behalf.
    case submitted
    /// The call has ended with an outcome.
    case ended
}

/// One call on the hotline as a value: a pure state machine from the first "Grüß Gott" to the
/// outcome.
///
/// identity → choose service (phone-allowed only, else refused with alternatives) → interview →
/// read-back → consent → submitted → ended. The call can end at any step with an outcome.
/// Nothing here does I/O or reads a clock: times are passed in.
public struct PhoneCall: Hashable, Sendable, Identifiable {
    public let id: UUID
    /// The clerk taking the call.
    public let clerk: String
    /// The number the call comes from.
    public let callerNumber: String
    public let startedAt: Date
    /// The call's notes: the comment field of the call panel, always there.
    public var notes: String

    public private(set) var step: PhoneCallStep
    /// The citizen on record the caller says they are, if found.
    public private(set) var citizen: Citizen?
    /// The latest identity check, with what matched.
    public private(set) var verification: IdentityVerification?
    public private(set) var identityAttempts: Int
    /// The caller is not on record; nothing on record can be disclosed, the data is taken as told.
    public private(set) var withoutRecord: Bool
    public private(set) var service: ServiceDefinition?
    public private(set) var interview: PhoneInterview?
    public private(set) var readBack: [ReadBackLine]
    public private(set) var consent: ConsentRecord?
    /// The application entered in this call.
    public private(set) var submission: NewCase?
    public private(set) var caseID: UUID?
    /// The record of the ended call.
    public private(set) var record: CallRecord?
    /// Answers given in an earlier call about the same service (a callback carries them); the
    /// interview starts from them, and every one is asked again to confirm.
    public var carriedOver: CarriedAnswers?

    /// A call starting now; `citizen` is the citizen on record the caller claims to be, if known.
    public init(
        id: UUID = UUID(), clerk: String, callerNumber: String, startedAt: Date, citizen: Citizen? = nil
    ) {
        self.id = id
        self.clerk = clerk
        self.callerNumber = callerNumber
        self.startedAt = startedAt
        self.notes = ""
        self.step = .identity
        self.citizen = citizen
        self.verification = nil
        self.identityAttempts = 0
        self.withoutRecord = false
        self.service = nil
        self.interview = nil
        self.readBack = []
        self.consent = nil
        self.submission = nil
        self.caseID = nil
        self.record = nil
        self.carriedOver = nil
    }

    /// The call continued from `saved` after an interruption (the workstation was closed or
    /// crashed during the call): the verification, the chosen service, every answer, the ticked
    /// read-back lines and the notes are as they were.
    ///
    /// `services` is the catalogue; the service is looked up by id and must still be there.
    public init(restoring saved: Saved, services: [ServiceDefinition], today: LocalDate)
        throws(PhoneCallError)
    {
        self.init(
            id: saved.id, clerk: saved.clerk, callerNumber: saved.callerNumber, startedAt: saved.startedAt,
            citizen: saved.citizen)
        notes = saved.notes
        verification = saved.verification
        identityAttempts = saved.identityAttempts
        withoutRecord = saved.withoutRecord
        carriedOver = saved.carriedOver
        consent = saved.consent
        submission = saved.submission
        caseID = saved.caseID
        if let serviceID = saved.serviceID {
            guard let found = services.first(where: { $0.id == serviceID }) else {
                throw PhoneCallError(
                    .wrongStep,
                    de:
                        "Die Leistung „\(serviceID)“ des unterbrochenen Gesprächs gibt es im Katalog nicht mehr.",
                    en: "The service '\(serviceID)' of the interrupted call is no longer in the catalogue.")
            }
            service = found
            if let answers = saved.interview {
                interview = PhoneInterview(
                    form: found.form, context: EvaluationContext(today: today), restoring: answers)
            }
        }
        switch saved.step {
        case .identity: step = .identity
        case .chooseService: step = .chooseService
        case .refused: step = service.map { .refused(PhoneRefusal(service: $0)) } ?? .chooseService
        case .interview, .readBack, .consent:
            guard let interview else {
                step = service == nil ? .chooseService : .interview
                return
            }
            if saved.step == .interview || !interview.isComplete || interview.firstProblem() != nil {
                step = .interview
                return
            }
            readBack = ReadBack.lines(for: interview, informationBlock: citizen?.informationBlock ?? false)
            for index in readBack.indices where saved.confirmedLines.contains(readBack[index].id) {
                readBack[index].confirmed = true
            }
            step = saved.step == .consent && readBack.allSatisfy(\.confirmed) ? .consent : .readBack
        case .submitted: step = submission == nil ? .consent : .submitted
        }
        if case .chooseService = step, !(isVerified || withoutRecord) { step = .identity }
    }

    /// The call as data to save while it goes on; nil once it has ended (then its record is stored).
    public var saved: Saved? {
        let savedStep: Saved.Step
        switch step {
        case .identity: savedStep = .identity
        case .chooseService: savedStep = .chooseService
        case .refused: savedStep = .refused
        case .interview: savedStep = .interview
        case .readBack: savedStep = .readBack
        case .consent: savedStep = .consent
        case .submitted: savedStep = .submitted
        case .ended: return nil
        }
        return Saved(
            id: id, clerk: clerk, callerNumber: callerNumber, startedAt: startedAt, notes: notes,
            step: savedStep,
            citizen: citizen, verification: verification, identityAttempts: identityAttempts,
            withoutRecord: withoutRecord, serviceID: service?.id, interview: interview?.saved,
            confirmedLines: readBack.filter(\.confirmed).map(\.id), consent: consent, submission: submission,
            caseID: caseID, carriedOver: carriedOver)
    }

    // MARK: - Identity

    /// Whether the caller has been verified as the citizen on record.
    public var isVerified: Bool { verification?.isVerified ?? false }

    /// The citizen on record as the screen may show it (masked until verified), nil without one.
    public var callerDetails: CallerDetails? {
        citizen.map { CallerDetails(citizen: $0, verified: isVerified) }
    }

    /// Sets the citizen on record the caller claims to be (found by search); the check starts over.
    public mutating func claimIdentity(_ citizen: Citizen?) throws(PhoneCallError) {
        guard step == .identity else { throw wrongStep() }
        self.citizen = citizen
        verification = nil
    }

    /// Checks the caller's answers against the citizen on record and records what matched.
    ///
    /// When verified, the call moves on to choosing the service.
    @discardableResult
    public mutating func verify(_ answers: IdentityAnswers) throws(PhoneCallError) -> IdentityVerification {
        guard step == .identity else { throw wrongStep() }
        guard let citizen else {
            throw PhoneCallError(
                .notVerified, de: "Es ist keine Person ausgewählt, gegen die geprüft werden kann.",
                en: "No citizen on record is selected to check against.")
        }
        let result = IdentityVerification.check(answers, against: citizen)
        verification = result
        identityAttempts += 1
        if result.isVerified { step = .chooseService }
        return result
    }

    /// Goes on without a citizen on record (e.g. a first application); nothing on record is shown.
    public mutating func continueWithoutRecord() throws(PhoneCallError) {
        guard step == .identity else { throw wrongStep() }
        guard citizen == nil else {
            throw PhoneCallError(
                .notVerified,
                de: "Zu dieser Person gibt es Daten; bitte zuerst die Identität prüfen.",
                en: "There is data on record for this person; please verify the identity first.")
        }
        withoutRecord = true
        step = .chooseService
    }

    // MARK: - Service

    /// Chooses the service; one the phone is not allowed for leads to the refusal with its reason.
    public mutating func chooseService(_ service: ServiceDefinition, today: LocalDate) throws(PhoneCallError)
    {
        switch step {
        case .chooseService, .refused: break
        default: throw wrongStep()
        }
        self.service = service
        guard service.channels.contains(.phone) else {
            step = .refused(PhoneRefusal(service: service))
            interview = nil
            return
        }
        var prefill: [String: FieldValue] = [:]
        if let citizen, isVerified {
            // Once-only: what the register holds about the verified caller is not asked again.
            for field in service.form.definedFields where field.calculate == nil {
                switch field.id {
                case "geburtsdatum" where field.type == .date: prefill[field.id] = .date(citizen.dateOfBirth)
                case "name" where field.type == .personName: prefill[field.id] = .name(citizen.name)
                default: break
                }
            }
        }
        if let carriedOver, carriedOver.serviceID == service.id {
            prefill.merge(carriedOver.answers.values) { _, earlier in earlier }
        }
        interview = PhoneInterview(
            form: service.form, context: EvaluationContext(today: today), values: prefill)
        step = .interview
    }

    /// Back from a refusal to the service list.
    public mutating func backToServices() throws(PhoneCallError) {
        guard case .refused = step else { throw wrongStep() }
        service = nil
        step = .chooseService
    }

    // MARK: - Interview

    /// Answers the current question; when the last is answered and the form is valid, the read-back starts.
    ///
    /// If the form still has a problem after the last question, the interview goes to that question
    /// and the error says what is wrong.
    public mutating func answer(_ input: String) throws(PhoneCallError) {
        guard step == .interview, var interview else { throw wrongStep() }
        defer { self.interview = interview }
        try interview.answer(input)
        if interview.isComplete { try finishInterview(&interview) }
    }

    /// The previous question (answers are kept).
    public mutating func back() throws(PhoneCallError) {
        guard step == .interview, var interview else { throw wrongStep() }
        interview.back()
        self.interview = interview
    }

    /// The next question, if the current one is answered validly.
    public mutating func forward() throws(PhoneCallError) {
        guard step == .interview, var interview else { throw wrongStep() }
        defer { self.interview = interview }
        try interview.forward()
        if interview.isComplete { try finishInterview(&interview) }
    }

    private mutating func finishInterview(_ interview: inout PhoneInterview) throws(PhoneCallError) {
        if let (problemStep, issue) = interview.firstProblem() {
            interview.go(to: problemStep)
            throw PhoneCallError(.invalidAnswer, issue.message, step: problemStep)
        }
        readBack = ReadBack.lines(for: interview, informationBlock: citizen?.informationBlock ?? false)
        step = .readBack
    }

    // MARK: - Read-back

    /// Ticks (or unticks) one read-back line as confirmed by the caller.
    public mutating func toggleConfirmed(line id: String) throws(PhoneCallError) {
        guard step == .readBack else { throw wrongStep() }
        guard let index = readBack.firstIndex(where: { $0.id == id }) else { return }
        readBack[index].confirmed.toggle()
    }

    /// Back to the interview at the line's question to correct it; the read-back is built anew later.
    public mutating func correct(line id: String) throws(PhoneCallError) {
        guard step == .readBack, var interview else { throw wrongStep() }
        guard let line = readBack.first(where: { $0.id == id }) else { return }
        interview.go(to: line.step)
        self.interview = interview
        readBack = []
        step = .interview
    }

    /// Goes on to the consent once every line is confirmed.
    public mutating func proceedToConsent() throws(PhoneCallError) {
        guard step == .readBack else { throw wrongStep() }
        let open = readBack.filter { !$0.confirmed }
        guard open.isEmpty else {
            throw PhoneCallError(
                .readBackIncomplete,
                de: "Noch nicht bestätigt: \(open.map(\.label).joined(separator: ", ")).",
                en: "Not yet confirmed: \(open.map(\.label).joined(separator: ", ")).")
        }
        step = .consent
    }

    // MARK: - Consent and submission

    /// The exact wording the clerk reads out for the consent.
    public var consentWording: String? {
        service.map { ConsentRecord.wording(serviceTitle: $0.title.de) }
    }

    /// Records that the caller agreed to the wording just read out, at `time`.
    public mutating func recordConsent(at time: Date) throws(PhoneCallError) {
        guard step == .consent, let wording = consentWording else { throw wrongStep() }
        consent = ConsentRecord(wording: wording, givenAt: time, clerk: clerk)
    }

    /// The caller declined: back to the read-back, nothing is submitted.
    public mutating func declineConsent() throws(PhoneCallError) {
        guard step == .consent else { throw wrongStep() }
        consent = nil
        step = .readBack
    }

    /// Enters the application on the caller's behalf: channel phone, entered by this clerk.
    ///
    /// Without the caller's recorded consent nothing is submitted.
    public mutating func submit(caseID: UUID, number: String, at time: Date) throws(PhoneCallError) -> NewCase
    {
        guard step == .consent, let service, let interview else { throw wrongStep() }
        guard consent != nil else {
            throw PhoneCallError(
                .consentMissing,
                de: "Ohne die mündliche Einwilligung des Anrufers kann der Antrag nicht gestellt werden.",
                en: "The application cannot be submitted without the caller's oral consent.")
        }
        let newCase = NewCase(
            number: number, serviceID: service.id, formVersion: service.version, orgUnit: service.orgUnit.id,
            channel: .phone, initialState: service.workflow.initialState,
            citizen: withoutRecord ? nil : citizen, fields: interview.submittedValues, receivedAt: time,
            enteredBy: clerk)
        submission = newCase
        self.caseID = caseID
        step = .submitted
        return newCase
    }

    /// The note for the case history: entered on the caller's behalf, with the consent given.
    public var onBehalfNote: String? {
        guard let consent else { return nil }
        let time = ISO8601DateFormatter().string(from: consent.givenAt)
        return "Telefonisch aufgenommen von \(clerk) im Auftrag des Anrufers. "
            + "Mündliche Einwilligung am \(time), vorgelesener Wortlaut: „\(consent.wording)“"
    }

    // MARK: - Outcome

    /// The seconds since the call started, for the call timer.
    public func elapsedSeconds(at time: Date) -> Int {
        max(0, Int(time.timeIntervalSince(startedAt)))
    }

    /// A callback promised to `number` on `day` in `window` (the number must be a valid phone number).
    public func callback(
        day: LocalDate, window: TimeWindow, number: String, topic: String, today: LocalDate, at time: Date
    ) throws(PhoneCallError) -> Callback {
        guard case .success(let valid) = PhoneNumber.normalize(number) else {
            throw PhoneCallError(
                .invalidOutcome, de: "Bitte eine gültige Rückrufnummer mit Vorwahl eingeben.",
                en: "Please enter a valid callback number with area code.")
        }
        guard day >= today else {
            throw PhoneCallError(
                .invalidOutcome, de: "Ein Rückruf kann nicht in der Vergangenheit liegen.",
                en: "A callback cannot be in the past.")
        }
        var answers: CarriedAnswers?
        if let service, let interview, !interview.values.isEmpty {
            answers = CarriedAnswers(serviceID: service.id, answers: interview.saved)
        }
        return Callback(
            callID: id, citizenID: citizen?.id, number: valid, day: day, window: window, topic: topic,
            serviceID: service?.id, promisedBy: clerk, promisedAt: time, carriedOver: answers)
    }

    /// A callback to the number on record, offered when the caller could not be verified.
    ///
    /// The number is not shown or said; the callback goes to the number the city has.
    public func callbackToNumberOnRecord(
        day: LocalDate, window: TimeWindow, today: LocalDate, at time: Date
    ) throws(PhoneCallError) -> Callback {
        guard let phone = citizen?.phone else {
            throw PhoneCallError(
                .invalidOutcome, de: "Zu dieser Person ist keine Telefonnummer hinterlegt.",
                en: "There is no phone number on record for this person.")
        }
        var callback = try callback(
            day: day, window: window, number: phone, topic: "Rückruf zur Identitätsprüfung", today: today,
            at: time)
        callback.numberOnRecord = true
        return callback
    }

    /// Referral to the org unit responsible for the chosen service, with its direct number.
    public var referral: CallOutcome? { service.map { .referred(orgUnit: $0.orgUnit) } }

    /// Ends the call with `outcome` at `time` and returns the record to store.
    public mutating func end(with outcome: CallOutcome, at time: Date) throws(PhoneCallError) -> CallRecord {
        guard step != .ended else { throw wrongStep() }
        switch outcome {
        case .identityNotVerified:
            guard !isVerified else {
                throw PhoneCallError(
                    .invalidOutcome, de: "Der Anrufer ist bereits bestätigt.",
                    en: "The caller is already verified.")
            }
        case .referred(let unit):
            guard !unit.directPhone.allSatisfy(\.isWhitespace) else {
                throw PhoneCallError(
                    .invalidOutcome, de: "Für die Weiterleitung fehlt die Durchwahl der Stelle.",
                    en: "The referral lacks the org unit's direct number.")
            }
        case .resolvedAtFirstContact, .callbackScheduled, .paperFormSent, .counterAppointment:
            break
        }
        let record = CallRecord(
            id: id, clerk: clerk, callerNumber: callerNumber, startedAt: startedAt, endedAt: time,
            outcome: outcome, citizenID: isVerified ? citizen?.id : nil,
            identityMatched: verification?.matched ?? [], serviceID: service?.id, caseID: caseID,
            caseNumber: submission?.number, consent: consent, notes: notes)
        self.record = record
        step = .ended
        return record
    }

    private func wrongStep() -> PhoneCallError {
        PhoneCallError(
            .wrongStep, de: "Das geht in diesem Schritt des Gesprächs nicht.",
            en: "That is not possible at this step of the call.")
    }
}
