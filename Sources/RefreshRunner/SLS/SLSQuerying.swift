import AlibabaCDN

/// Where `sls:` inputs are counted: ``SLSClient`` against Simple Log Service; tests substitute fakes.
package protocol SLSQuerying: Sendable {
    /// One page of `query` over `[from, to)` in `project`'s `logstore`.
    func getLogs(project: String, logstore: String, from: Int64, to: Int64, query: String, line: Int, offset: Int)
        async throws(APICallError) -> SLSPage
}

extension SLSClient: SLSQuerying {}
