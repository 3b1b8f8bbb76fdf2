import ArgumentParser

/// `--sandbox`: the built-in emulator instead of Alibaba Cloud (`run`, `quota`, `tasks`).
struct SandboxOption: ParsableArguments {
    @Flag(help: "Start the built-in emulator on a loopback port with throwaway credentials and use it as the endpoint.")
    var sandbox = false
}
