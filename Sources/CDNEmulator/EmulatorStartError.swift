import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Why an in-process emulator did not start.
package enum EmulatorStartError: Error, Sendable {
    case stoppedBeforeListening
}
