import Crypto

/// Alibaba Cloud's V3 signature, `ACS3-HMAC-SHA256`.
///
/// The canonical request is `METHOD \n URI \n query \n headers \n signed-header-names \n payload-hash`; the
/// string to sign is `ACS3-HMAC-SHA256 \n hex(SHA-256(canonical request))`; the signature is the lower-case
/// hex HMAC-SHA256 keyed with the raw secret (no `&`, unlike V1).
package enum ACS3Signature {
    package static let algorithm = "ACS3-HMAC-SHA256"
    /// The SHA-256 of an empty body.
    package static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// Lower-case hex SHA-256 of `bytes` (the `x-acs-content-sha256` header).
    package static func hashedPayload(_ bytes: some Sequence<UInt8>) -> String {
        Array(SHA256.hash(data: Array(bytes))).lowercaseHex
    }

    /// The canonical query string: encoded pairs sorted by name, `name=` for empty values.
    package static func canonicalQuery(_ parameters: [(name: String, value: String)]) -> String {
        parameters
            .map { (AlibabaPercentEncoding.encode($0.name), AlibabaPercentEncoding.encode($0.value)) }
            .sorted { ($0.0, $0.1) < ($1.0, $1.1) }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// The canonical headers (each `name:value\n`, names lower-cased and sorted, values trimmed, repeated
    /// headers' values sorted and joined with `,`) and the signed-header list (`a;b;c`).
    ///
    /// - Parameter signedNames: which headers to sign; `nil` signs `host`, `content-type` and every `x-acs-*`.
    package static func canonicalHeaders(_ headers: [(name: String, value: String)], signedNames: [String]? = nil)
        -> (canonical: String, signed: String)
    {
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            values[name, default: []].append(trimmed(header.value))
        }
        let names: [String]
        if let signedNames {
            names = signedNames.map { $0.lowercased() }.sorted()
        } else {
            names = values.keys.filter { $0 == "host" || $0 == "content-type" || $0.hasPrefix("x-acs-") }.sorted()
        }
        let canonical = names.map { name in
            "\(name):\((values[name] ?? []).sorted().joined(separator: ","))\n"
        }.joined()
        return (canonical, names.joined(separator: ";"))
    }

    /// The canonical request.
    package static func canonicalRequest(
        method: String, canonicalURI: String, query: [(name: String, value: String)],
        canonicalHeaders: String, signedHeaders: String, hashedPayload: String
    ) -> String {
        [
            method, canonicalURI.isEmpty ? "/" : canonicalURI, canonicalQuery(query), canonicalHeaders,
            signedHeaders, hashedPayload,
        ].joined(separator: "\n")
    }

    /// `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request.
    package static func stringToSign(canonicalRequest: String) -> String {
        "\(algorithm)\n\(hashedPayload(canonicalRequest.utf8))"
    }

    /// Lower-case hex HMAC-SHA256 of the string to sign, keyed with the secret.
    package static func signature(canonicalRequest: String, secret: String) -> String {
        let key = SymmetricKey(data: Array(secret.utf8))
        let code = HMAC<SHA256>.authenticationCode(
            for: Array(stringToSign(canonicalRequest: canonicalRequest).utf8), using: key)
        return Array(code).lowercaseHex
    }

    /// The `Authorization` header value.
    package static func authorization(accessKeyID: String, signedHeaders: String, signature: String) -> String {
        "\(algorithm) Credential=\(accessKeyID),SignedHeaders=\(signedHeaders),Signature=\(signature)"
    }

    /// The parts of an `Authorization` header, or `nil` when it is not an ACS3 one.
    package static func parseAuthorization(_ value: String)
        -> (accessKeyID: String, signedHeaders: [String], signature: String)?
    {
        guard value.hasPrefix(algorithm + " ") else { return nil }
        var fields: [String: String] = [:]
        for part in value.dropFirst(algorithm.count + 1).split(separator: ",") {
            guard let equals = part.firstIndex(of: "=") else { continue }
            fields[trimmed(String(part[..<equals]))] = trimmed(String(part[part.index(after: equals)...]))
        }
        guard let credential = fields["Credential"], let signed = fields["SignedHeaders"],
            let signature = fields["Signature"]
        else { return nil }
        return (credential, signed.split(separator: ";").map(String.init), signature)
    }

    private static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
