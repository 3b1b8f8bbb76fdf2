import CDNRefresh

/// Gzip fixtures in tests: the product's own writer.
package typealias Gzip = GzipWriter
