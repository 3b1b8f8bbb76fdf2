import AlibabaCDN
import CDNEmulator
import Foundation
import Synchronization

@testable import RefreshRunner

/// The type and `Force` of each refresh call an ``EmulatorBackedAPI`` made.
final class RefreshLog: Sendable {
    let entries = Mutex<[(type: ObjectType, force: Bool?)]>([])
}
