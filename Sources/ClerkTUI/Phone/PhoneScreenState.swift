import CaseModel
import Foundation

/// The phone screen (F6): taking a call, the call itself, and ending it with an outcome.
public struct PhoneScreenState: Hashable, Sendable {
    /// Where the screen stands.
    public enum Stage: Hashable, Sendable {
        /// Before the call: the caller's number and the "Rückrufe" queue.
        case incoming
        /// In the call (the call's own step says which part).
        case call
        /// Choosing and completing the outcome.
        case ending(OutcomeEntry)
    }

    public var stage: Stage
    /// The caller's number as typed (incoming).
    public var number: TextInput
    /// The selected line of the callback queue; nil while the number input has the focus.
    public var callbackCursor: Int?
    /// The callback this call carries out, if it was started from the queue.
    public var fromCallback: Callback?
    public var call: PhoneCall?
    /// Identity check inputs: name as registered, date of birth, postcode.
    public var identity: [TextInput]
    public var identityFocus: Int
    /// Citizens on record with the name given (never shown before verification).
    public var candidates: [Citizen]
    /// The name the candidates were found for.
    public var candidatesFor: String?
    public var serviceCursor: Int
    /// The answer being typed to the current question.
    public var answer: TextInput
    /// The question the answer input was filled for.
    public var answerFor: InterviewStep?
    /// Whether the field help (F1) is open.
    public var showHelp: Bool
    /// What went wrong last (wrong answer, missing tick, …), shown under the input.
    public var problem: LocalizedText?
    public var lineCursor: Int
    /// Whether the spelling aid (DIN 5009) for the selected read-back line is open.
    public var spelling: Bool
    /// The call notes (the call's comment field) and whether they have the focus.
    public var notes: TextInput
    public var notesFocused: Bool
    /// What was last handed over to be saved, so unchanged keys write nothing.
    public var savedDraft: PhoneCallDraft?

    public init() {
        stage = .incoming
        number = TextInput()
        callbackCursor = nil
        fromCallback = nil
        call = nil
        identity = [TextInput(), TextInput(), TextInput()]
        identityFocus = 0
        candidates = []
        candidatesFor = nil
        serviceCursor = 0
        answer = TextInput()
        answerFor = nil
        showHelp = false
        problem = nil
        lineCursor = 0
        spelling = false
        notes = TextInput()
        notesFocused = false
        savedDraft = nil
    }
}

/// The outcome being chosen at the end of a call, with its details.
public struct OutcomeEntry: Hashable, Sendable {
    /// The outcomes offered, in the order of the list.
    public enum Choice: Int, Hashable, Sendable, CaseIterable {
        case resolved, callback, referred, identityNotVerified, paperForm, counterAppointment
    }

    public var cursor: Int
    /// The chosen outcome once details are asked for.
    public var chosen: Choice?
    /// Day, time window (or time) and number.
    public var inputs: [TextInput]
    public var focus: Int

    public init(cursor: Int = 0, chosen: Choice? = nil) {
        self.cursor = cursor
        self.chosen = chosen
        self.inputs = [TextInput(), TextInput(), TextInput()]
        self.focus = 0
    }
}

/// What the workstation keeps about the hotline besides the screen: the callback queue.
public struct PhoneDesk: Hashable, Sendable {
    /// The open callbacks, in the order they are due.
    public var callbacks: [Callback]
    /// Callbacks already announced as due.
    public var announced: Set<UUID>
    /// Today's calls of this workstation: count, first-contact resolution, handling time.
    public var today: CallStatistics
    public init(
        callbacks: [Callback] = [], announced: Set<UUID> = [], today: CallStatistics = CallStatistics([])
    ) {
        self.callbacks = callbacks
        self.announced = announced
        self.today = today
    }
}

/// The Munich day and time of an instant, for callbacks.
enum MunichTime {
    static func day(_ date: Date) -> LocalDate { MunichClock.day(of: date) }

    static func time(_ date: Date) -> TimeOfDay {
        let local = Int(date.timeIntervalSince1970) + MunichClock.secondsFromGMT(at: date)
        return TimeOfDay(minuteOfDay: local / 60 - (local < 0 && local % 60 != 0 ? 1 : 0))
    }
}
