import Testing

@testable import AlibabaCDN

@Suite("ACS3-HMAC-SHA256 signature V3 (published vectors)")
struct ACS3SignatureTests {
    @Test("V3-A: the documented fixed-parameter example")
    func v3A() {
        let headers: [(name: String, value: String)] = [
            ("host", "ecs.cn-shanghai.aliyuncs.com"), ("x-acs-action", "RunInstances"),
            ("x-acs-content-sha256", ACS3Signature.emptyPayloadHash), ("x-acs-date", "2023-10-26T10:22:32Z"),
            ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"), ("x-acs-version", "2014-05-26"),
        ]
        let (canonicalHeaders, signed) = ACS3Signature.canonicalHeaders(headers)
        #expect(signed == "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version")
        let request = ACS3Signature.canonicalRequest(
            method: "POST", canonicalURI: "/",
            query: [("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"), ("RegionId", "cn-shanghai")],
            canonicalHeaders: canonicalHeaders, signedHeaders: signed, hashedPayload: ACS3Signature.emptyPayloadHash)
        #expect(
            ACS3Signature.hashedPayload(request.utf8)
                == "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259")
        let signature = ACS3Signature.signature(canonicalRequest: request, secret: "YourAccessKeySecret")
        #expect(signature == "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0")
        #expect(
            ACS3Signature.authorization(accessKeyID: "YourAccessKeyId", signedHeaders: signed, signature: signature)
                == "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        )
    }

    @Test(
        "V3-B: the SDK tests — repeated headers, empty values, GET and empty method",
        arguments: [
            ("GET", "d16b30a7699ae9e43875b13195b2f81bcc3ed10c14a9b5eb780e51619aa50be1"),
            ("", "4ab59fffe3c5738ff8a2729f90cc04fe18b02a4b15b2102cbaf92f9ff3df2ea3"),
        ])
    func v3B(method: String, expected: String) {
        let (canonicalHeaders, signed) = ACS3Signature.canonicalHeaders([
            ("x-acs-test", "http"), ("x-acs-TEST", "https"),
        ])
        #expect(canonicalHeaders == "x-acs-test:http,https\n")
        let request = ACS3Signature.canonicalRequest(
            method: method, canonicalURI: "", query: [("test", "ok"), ("empty", "")],
            canonicalHeaders: canonicalHeaders,
            signedHeaders: signed, hashedPayload: "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23")
        #expect(
            request
                == "\(method)\n/\nempty=&test=ok\nx-acs-test:http,https\n\nx-acs-test\n55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23"
        )
        #expect(ACS3Signature.signature(canonicalRequest: request, secret: "secret") == expected)
    }

    @Test("V3-C: RefreshObjectCaches with a form body")
    func v3C() {
        let body =
            "ObjectPath=http%3A%2F%2Fexample.com%2Fimage%2F1.png%0Ahttps%3A%2F%2Fexample.com%2F%25E4%25B8%25AD%25E6%2596%2587%2Fa%20b.png&ObjectType=File"
        let hash = ACS3Signature.hashedPayload(body.utf8)
        #expect(hash == "099390ac11b198b2c75029a708b2c5d0ab340668aab42fb0837b0335138f9ae6")
        let (canonicalHeaders, signed) = ACS3Signature.canonicalHeaders([
            ("host", "cdn.aliyuncs.com"), ("content-type", "application/x-www-form-urlencoded"),
            ("x-acs-action", "RefreshObjectCaches"), ("x-acs-version", "2018-05-10"),
            ("x-acs-date", "2024-01-01T00:00:00Z"), ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            ("x-acs-content-sha256", hash),
        ])
        let request = ACS3Signature.canonicalRequest(
            method: "POST", canonicalURI: "/", query: [], canonicalHeaders: canonicalHeaders, signedHeaders: signed,
            hashedPayload: hash)
        #expect(
            ACS3Signature.hashedPayload(request.utf8)
                == "05dbbf29a2a96e663ecd9c6acf2f1784ac818389c9be33aebd54ff8097bdbd29")
        let authorization = ACS3Signature.authorization(
            accessKeyID: "testid", signedHeaders: signed,
            signature: ACS3Signature.signature(canonicalRequest: request, secret: "testsecret"))
        #expect(
            authorization
                == "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=3d08edc69157036c76f15964a9a4eacdf775f2441513f2e77a8e0da9818afab2"
        )
        let parsed = ACS3Signature.parseAuthorization(authorization)
        #expect(parsed?.accessKeyID == "testid")
        #expect(parsed?.signedHeaders.count == 7)
        #expect(parsed?.signature == "3d08edc69157036c76f15964a9a4eacdf775f2441513f2e77a8e0da9818afab2")
    }
}
