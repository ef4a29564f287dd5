import ArgumentParser
import CaseModel
import ClerkTUI
import Foundation
import OfflineStore

/// Unlocks the replica's key file before the workstation opens it (`WorkstationUnlock`: the
/// known password, `CLERK_PASSWORD`, or the full-screen prompt, which runs on a thread of its
/// own). Esc at the prompt ends the program with status 1; a refusal is said in `language`.
func unlockReplica(_ unlock: WorkstationUnlock, language: Language) async throws -> ReplicaKeyFile {
    let result: Result<ReplicaKeyFile, any Error> = await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: Result { try unlock.unlock() }) }
        thread.stackSize = 8 << 20
        thread.start()
    }
    switch result {
    case .success(let keyFile):
        return keyFile
    case .failure(let error as WorkstationStartError):
        throw ValidationError(error.message.text(language))
    case .failure(is WorkstationUnlock.Cancelled):
        throw ExitCode.failure
    case .failure(let error):
        throw error
    }
}

/// The lock of a workstation on `keyFile`: after `settings`' idle time (or `--lock-after`).
func workstationLock(
    _ keyFile: ReplicaKeyFile, settings: WorkstationSettings?, lockAfter: Int?, server: String? = nil,
    hint: LocalizedText? = nil
) -> WorkstationLock {
    let settings = settings ?? WorkstationSettings()
    return WorkstationLock(
        keyFile: keyFile,
        policy: LockPolicy(
            enabled: true, afterIdle: settings.lockIdle(option: lockAfter), server: server, hint: hint))
}
