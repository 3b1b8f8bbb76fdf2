import AlibabaCDN
import CDNRefresh

extension DownloadStream: RemoteByteStream {
    /// Reads as an input reads: a download that delivered nothing could not be opened; one that failed part-way
    /// is a read that failed, after its bytes.
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        do {
            return try read(bytesInto: buffer)
        } catch {
            throw error.delivered == 0
                ? .cannotOpen(path: name, reason: error.reason) : .readFailed(path: name, reason: error.reason)
        }
    }
}
