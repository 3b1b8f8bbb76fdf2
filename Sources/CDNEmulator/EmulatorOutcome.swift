/// What the emulator does with a request.
package struct EmulatorOutcome: Sendable {
    /// Answer, or close the connection without one (an injected drop).
    package enum Action: Sendable {
        case respond(EmulatorReply)
        case drop
    }

    package var action: Action
    /// How long to wait before acting (`--latency-ms`).
    package var delayMilliseconds: Int
}
