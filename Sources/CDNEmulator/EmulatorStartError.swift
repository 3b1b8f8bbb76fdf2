import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Why an in-process emulator did not start.
package enum EmulatorStartError: Error, Sendable {
    case stoppedBeforeListening
    /// The TLS certificate or key cannot be used.
    case tls(String)
}
