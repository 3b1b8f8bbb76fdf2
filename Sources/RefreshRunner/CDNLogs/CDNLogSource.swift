import AlibabaCDN
import Foundation

/// Where `cdn:DOMAIN` inputs come from: the listing of a domain's offline logs, and their downloads.
///
/// ``AlibabaLogSource`` is the API and HTTPS; tests substitute fakes.
package protocol CDNLogSource: Sendable {
    /// One page of the domain's logs overlapping `[start, end)`.
    func listLogs(domain: String, start: Date, end: Date, pageNumber: Int, pageSize: Int)
        async throws(APICallError) -> DomainLogsPage
    /// Starts downloading `file`; failures name it `name`. `renew` lists the file again for a fresh download URL
    /// (asked once, when the URL was refused with 403 before the first byte).
    func download(_ file: DomainLogFile, name: String, renew: @escaping @Sendable () async -> String?)
        -> DownloadStream
}

/// The CDN's own logs: `DescribeCdnDomainLogs` through the API client, the files over HTTPS.
package struct AlibabaLogSource: CDNLogSource {
    let client: CDNClient
    let downloader: FileDownloader

    package init(client: CDNClient, downloader: FileDownloader) {
        self.client = client
        self.downloader = downloader
    }

    package func listLogs(domain: String, start: Date, end: Date, pageNumber: Int, pageSize: Int)
        async throws(APICallError) -> DomainLogsPage
    {
        try await client.describeCdnDomainLogs(
            domain: domain, start: start, end: end, pageNumber: pageNumber, pageSize: pageSize)
    }

    package func download(_ file: DomainLogFile, name: String, renew: @escaping @Sendable () async -> String?)
        -> DownloadStream
    {
        downloader.start(path: file.path, name: name, renew: renew)
    }
}
