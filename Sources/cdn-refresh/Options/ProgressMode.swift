import ArgumentParser
import Logging

/// `--progress`.
enum ProgressMode: String, ExpressibleByArgument, CaseIterable {
    case auto
    case on
    case off
}
