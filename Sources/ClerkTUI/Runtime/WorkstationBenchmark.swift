import CaseModel
import Foundation
import OfflineStore
import TerminalKit

/// Measures the workstation on a replica: start to first full frame, and per keystroke the time
/// from the key to the frame handed to the terminal and the bytes it writes — next row, next
/// page, open a case, back, the last and the first row of the queue, a character typed into a
/// form field, and search as you type.
///
/// Runs the real loop (keymap, reducer, effects on the replica, views, diff) on a headless
/// 80×24 terminal that counts the bytes a real terminal would receive. The reference in the
/// same run is a full repaint (Ctrl-L): its time and bytes.
public func runWorkstationBenchmark(
    replicaPath: String, services: [ServiceDefinition], iterations: Int = 200
) throws -> String {
    let started = DispatchTime.now().uptimeNanoseconds
    let replica = try Replica.open(path: replicaPath, services: services)
    defer { try? replica.close() }
    let backend = HeadlessBackend(size: TerminalSize(rows: 24, columns: 80))
    let clerk = ClerkIdentity(id: "bench", displayName: "Bench", orgUnit: "", role: .counter, device: "bench")
    let workstation = try makeWorkstation(
        options: WorkstationOptions(replicaPath: replicaPath, services: services, clerk: clerk),
        replica: replica, backend: backend, runnerMode: .inline)
    try workstation.start()
    try workstation.settle()
    let firstFrame = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
    // The check of the replica's file runs beside the first frame, as in the workstation; the
    // keystrokes are measured after it.
    workstation.runner.waitForReplicaCheck()

    var lines: [(String, Sample)] = []
    func key(_ chord: String) -> KeyEvent {
        KeyChord(chord).map(KeyEvent.key) ?? .character(Character(chord))
    }
    /// Sends one key through the loop and measures it up to the frame handed to the terminal.
    ///
    /// Work finished in the background before the key (a page fetched ahead) is handled first,
    /// untimed, as the real loop does between input polls; work the key starts runs inline here,
    /// inside the measured time, although the real loop runs it off the loop thread.
    ///
    /// With `untilLoaded`, up to the frame that shows what the key loaded in the background.
    func measure(_ event: KeyEvent, into sample: inout Sample, untilLoaded: Bool = false) throws {
        try workstation.settle()
        backend.resetCounters()
        let t = DispatchTime.now().uptimeNanoseconds
        workstation.dispatch(.keyPressed(event))
        if untilLoaded {
            try workstation.settle()
        } else {
            try workstation.renderIfNeeded()
        }
        sample.add(
            milliseconds: Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6, bytes: backend.bytesWritten)
    }

    /// Back to the case list if a key left it (e.g. a case with conflicts opens their screen,
    /// whose F3 leads to the case), so every later key is measured on the list. Not timed.
    func backToTheList() throws {
        for _ in 0..<3 {
            if case .caseList = workstation.state.screen { return }
            workstation.dispatch(.keyPressed(key("F3")))
            try workstation.settle()
        }
        guard case .caseList = workstation.state.screen else {
            throw WorkstationBenchmarkError.lostTheList
        }
    }

    var repaint = Sample()
    for _ in 0..<20 { try measure(key("Ctrl-L"), into: &repaint) }
    lines.append(("full repaint (reference)", repaint))

    // The list of all open cases (second queue of the overview).
    workstation.dispatch(.keyPressed(key("Down")))
    workstation.dispatch(.keyPressed(key("Enter")))
    try workstation.settle()
    var row = Sample()
    for _ in 0..<iterations { try measure(key("Down"), into: &row) }
    lines.append(("next row", row))
    var page = Sample()
    for _ in 0..<iterations { try measure(key("F8"), into: &page) }
    lines.append(("next page", page))
    var open = Sample()
    var back = Sample()
    for _ in 0..<min(iterations, 100) {
        try measure(key("Enter"), into: &open)
        try measure(key("F3"), into: &back)
        try backToTheList()
        try measure(key("Down"), into: &row)
    }
    lines.append(("open case", open))
    lines.append(("back to the list", back))
    try workstation.settle()
    var up = Sample()
    for _ in 0..<iterations { try measure(key("Up"), into: &up) }
    lines.append(("previous row", up))

    // The ends of the whole queue: End loads its last page (read backwards), Home its first;
    // measured up to the frame that shows the loaded page.
    var end = Sample()
    var home = Sample()
    for _ in 0..<max(1, min(iterations, 100) / 2) {
        try measure(key("End"), into: &end, untilLoaded: true)
        try measure(key("Home"), into: &home, untilLoaded: true)
    }
    lines.append(("last row of the queue (End)", end))
    lines.append(("first row of the queue (Home)", home))

    // Search as you type: F2, then a name letter by letter.
    var search = Sample()
    for _ in 0..<max(1, iterations / 20) {
        workstation.dispatch(.keyPressed(key("F2")))
        try workstation.settle()
        for letter in "Müller" { try measure(.character(letter), into: &search) }
        workstation.dispatch(.keyPressed(key("Esc")))
        try workstation.settle()
    }
    lines.append(("search as you type", search))

    // A character typed into a form field: a new dog-tax case, the applicant's name.
    workstation.dispatch(.keyPressed(key("F3")))
    workstation.dispatch(.keyPressed(key("F3")))
    try workstation.settle()
    var typing = Sample()
    if services.contains(where: { $0.id == "hundesteuer" }) {
        workstation.dispatch(.keyPressed(key("F4")))
        try workstation.settle()
        for letter in "Hunde" { workstation.dispatch(.keyPressed(.character(letter))) }
        for chord in ["Enter", "Enter", "Enter"] {
            workstation.dispatch(.keyPressed(key(chord)))
            try workstation.settle()
        }
        for _ in 0..<max(1, iterations / 10) {
            for letter in "Maria" { try measure(.character(letter), into: &typing) }
            for _ in 0..<5 { try measure(key("Backspace"), into: &typing) }
        }
        lines.append(("type a character in a form field", typing))
    }

    var out = "Workstation on \(try replica.count(QueueFilter(openOnly: false))) cases, 80×24, "
    out += "start to first full frame: \(String(format: "%.1f", firstFrame)) ms.\n\n"
    out += "| keystroke | p50 ms | p99 ms | max ms | bytes (max) | bytes vs full repaint |\n"
    out += "| --- | ---: | ---: | ---: | ---: | ---: |\n"
    let full = max(1, repaint.maxBytes)
    for (name, sample) in lines where !sample.times.isEmpty {
        out +=
            "| \(name) | \(f(sample.percentile(50))) | \(f(sample.percentile(99))) | \(f(sample.percentile(100))) "
        out +=
            "| \(sample.maxBytes) | \(String(format: "%.0f", 100 * Double(sample.maxBytes) / Double(full)))% |\n"
    }
    return out
}

/// Times and byte counts of one kind of keystroke.
struct Sample {
    var times: [Double] = []
    var maxBytes = 0

    mutating func add(milliseconds: Double, bytes: Int) {
        times.append(milliseconds)
        maxBytes = max(maxBytes, bytes)
    }

    func percentile(_ p: Double) -> Double {
        let sorted = times.sorted()
        guard !sorted.isEmpty else { return 0 }
        let index = min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1)
        return sorted[max(0, index)]
    }
}

private func f(_ value: Double) -> String { String(format: "%.2f", value) }

/// Why the workstation benchmark stopped.
enum WorkstationBenchmarkError: Error, CustomStringConvertible {
    case lostTheList

    var description: String { "the benchmark could not return to the case list" }
}
