import Foundation

/// A certificate authority made for one test with the `openssl` command, and a server certificate it signed for one
/// host name: what a TLS-inspecting company proxy's private CA looks like to a client.
package struct ThrowawayCA: Sendable {
    /// The CA's certificate (PEM): the bundle `SSL_CERT_FILE` points at.
    package let certificate: String
    /// The server's certificate chain and key (PEM).
    package let serverCertificate: String
    package let serverKey: String

    /// Whether `openssl` is there to make one.
    package static var isAvailable: Bool { executable != nil }

    private static let executable: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/bin/openssl"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Makes a CA and a server certificate for `host` (a DNS name) in `directory`.
    ///
    /// `openssl` runs, and is waited for, on a thread of its own, never on one that runs Swift tasks.
    package static func make(directory: TemporaryDirectory, host: String) async throws -> ThrowawayCA {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try ThrowawayCA(directory: directory, host: host) })
            }
        }
    }

    private init(directory: TemporaryDirectory, host: String) throws {
        guard let openssl = Self.executable else { throw POSIXError(.ENOENT) }
        func run(_ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: openssl)
            process.arguments = arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw POSIXError(.EINVAL) }
        }
        let caKey = directory.file("ca.key")
        certificate = directory.file("ca.pem")
        serverKey = directory.file("server.key")
        serverCertificate = directory.file("server.pem")
        let request = directory.file("server.csr")
        let extensions = directory.write(
            "server.ext",
            text: "subjectAltName=DNS:\(host)\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
                + "extendedKeyUsage=serverAuth\n")
        try run([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey, "-out", certificate, "-days", "2",
            "-subj", "/CN=cdn-refresh throwaway test CA",
        ])
        try run(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", serverKey, "-out", request, "-subj", "/CN=\(host)"])
        try run([
            "x509", "-req", "-in", request, "-CA", certificate, "-CAkey", caKey, "-CAcreateserial", "-out",
            serverCertificate, "-days", "2", "-extfile", extensions,
        ])
    }
}
