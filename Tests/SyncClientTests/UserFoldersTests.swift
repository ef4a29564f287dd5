import Foundation
import SyncClient
import Testing

@Suite("User folders")
struct UserFoldersTests {
    @Test func theEnvironmentsHomeIsUsedWhenNoXDGVariableIsSet() {
        let folders = UserFolders(environment: ["HOME": "/tmp/anna-home"])
        #expect(folders.data.path == "/tmp/anna-home/.local/share")
        #expect(folders.config.path == "/tmp/anna-home/.config")
        #expect(folders.state.path == "/tmp/anna-home/.local/state")
        #expect(
            CredentialStore.defaultURL(environment: ["HOME": "/tmp/anna-home"]).path
                == "/tmp/anna-home/.config/clerk/login.json")
        #expect(
            LogFile.defaultPath(environment: ["HOME": "/tmp/anna-home"])
                == "/tmp/anna-home/.local/state/clerk/clerk.log")
    }

    @Test func xdgVariablesWinButOnlyAbsoluteOnes() {
        let folders = UserFolders(environment: [
            "HOME": "/tmp/anna-home", "XDG_DATA_HOME": "/srv/data", "XDG_CONFIG_HOME": "relative",
        ])
        #expect(folders.data.path == "/srv/data")
        #expect(folders.config.path == "/tmp/anna-home/.config")
    }
}
