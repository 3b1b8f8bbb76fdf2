import AlibabaCDN
import ArgumentParser
import RefreshRunner

extension SLSSignature: ExpressibleByArgument {}

/// How `sls:PROJECT/LOGSTORE` inputs are queried (`plan` and `run`).
struct SLSCommandOptions: ParsableArguments {
    @Option(
        name: .customLong("sls-endpoint"),
        help:
            "Simple Log Service endpoint (default https://{region}.log.aliyuncs.com); http:// only for loopback hosts.")
    var endpoint: String?

    @Option(name: .customLong("sls-region"), help: "The logstore's region, for v4 signatures and the default endpoint.")
    var region = "cn-hangzhou"

    @Option(name: .customLong("sls-signature"), help: "How SLS requests are signed: v4 or v1.")
    var signature: SLSSignature = .v4

    @Option(
        name: .customLong("sls-max-urls"),
        help: "The most URLs read from one sls: input (SLS pages a result up to 1,000,000).")
    var maxURLs = 1_000_000

    @Option(
        name: .customLong("sls-sampling-rate"),
        help: "The share (0 < R <= 1) of requests real-time log delivery sampled: counts are divided by it.")
    var samplingRate = 1.0

    mutating func validate() throws {
        if let endpoint, case .failure(let error) = Endpoint.parse(endpoint) {
            throw ValidationError("'--sls-endpoint': \(error)")
        }
        guard !region.isEmpty, region.utf8.allSatisfy({ (97...122).contains($0) || (48...57).contains($0) || $0 == 45 })
        else { throw ValidationError("'--sls-region' takes a region ID such as cn-hangzhou") }
        guard (1...1_000_000).contains(maxURLs) else {
            throw ValidationError("'--sls-max-urls' must be from 1 to 1000000")
        }
        guard samplingRate > 0, samplingRate <= 1 else {
            throw ValidationError("'--sls-sampling-rate' must be above 0 and at most 1")
        }
    }

    var options: SLSOptions {
        SLSOptions(
            endpoint: endpoint, region: region, signature: signature, maxURLs: maxURLs, samplingRate: samplingRate)
    }

    /// Whether `name` can be an SLS project or logstore name (letters, digits, `-` and `_`, 2 to 63 of them).
    static func isName(_ name: String) -> Bool {
        (2...63).contains(name.count)
            && name.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 || $0 == 95 }
    }
}
