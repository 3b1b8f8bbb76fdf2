import Testing

@testable import AlibabaCDN

@Suite("RPC signature V1 (published vectors)")
struct RPCSignatureV1Tests {
    static let v1A: [String: String] = [
        "AccessKeyId": "testid", "Action": "DescribeRegions", "Format": "XML", "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "SignatureVersion": "1.0",
        "Timestamp": "2016-02-23T12:46:24Z", "Version": "2014-05-26",
    ]

    @Test("V1-A: the classic documented example, GET and POST")
    func v1A() {
        #expect(
            RPCSignatureV1.stringToSign(method: "GET", parameters: Self.v1A)
                == "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
        )
        #expect(
            RPCSignatureV1.sign(method: "GET", parameters: Self.v1A, secret: "testsecret")
                == "OLeaidS1JvxuMvnyHOwuJ+uX5qY=")
        #expect(
            RPCSignatureV1.sign(method: "POST", parameters: Self.v1A, secret: "testsecret")
                == "MxbnVAM4w6sft9xjVpe/GCKueuk=")
    }

    @Test("V1-B: the current documentation's example, GET and POST")
    func v1B() {
        let parameters = [
            "AccessKeyId": "testid", "Action": "DescribeDedicatedHosts", "Format": "JSON", "RegionId": "cn-beijing",
            "SignatureMethod": "HMAC-SHA1", "SignatureNonce": "edb2b34af0af9a6d14deaf7c1a5315eb",
            "SignatureVersion": "1.0", "Timestamp": "2023-03-13T08:34:30Z", "Version": "2014-05-26",
        ]
        #expect(
            RPCSignatureV1.stringToSign(method: "GET", parameters: parameters)
                == "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeDedicatedHosts%26Format%3DJSON%26RegionId%3Dcn-beijing%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3Dedb2b34af0af9a6d14deaf7c1a5315eb%26SignatureVersion%3D1.0%26Timestamp%3D2023-03-13T08%253A34%253A30Z%26Version%3D2014-05-26"
        )
        #expect(
            RPCSignatureV1.sign(method: "GET", parameters: parameters, secret: "testsecret")
                == "9NaGiOspFP5UPcwX8Iwt2YJXXuk=")
        #expect(
            RPCSignatureV1.sign(method: "POST", parameters: parameters, secret: "testsecret")
                == "ZvQ9xGiFnquSJRvj+WE6kdSpTwU=")
    }

    @Test("V1-C: the Go SDK's test, with empty values and with an STS token")
    func v1C() {
        var parameters = [
            "AccessKeyId": "accessKeyId", "Action": "", "Format": "JSON", "RegionId": "regionId",
            "SignatureMethod": "HMAC-SHA1", "SignatureNonce": "MOCK_UUID", "SignatureType": "",
            "SignatureVersion": "1.0", "Timestamp": "mock date", "Version": "",
        ]
        #expect(
            RPCSignatureV1.stringToSign(method: "GET", parameters: parameters)
                == "GET&%2F&AccessKeyId%3DaccessKeyId%26Action%3D%26Format%3DJSON%26RegionId%3DregionId%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3DMOCK_UUID%26SignatureType%3D%26SignatureVersion%3D1.0%26Timestamp%3Dmock%2520date%26Version%3D"
        )
        #expect(
            RPCSignatureV1.sign(method: "GET", parameters: parameters, secret: "accessKeySecret")
                == "7loPmFjvDnzOVnQeQNj85S6nFGY=")
        parameters["SecurityToken"] = "accessKeyStsToken"
        #expect(
            RPCSignatureV1.sign(method: "GET", parameters: parameters, secret: "accessKeySecret")
                == "5Nxdcler+ihqWqv0Hr2On4PsBf4=")
    }

    @Test("V1-C: a URL value is encoded twice in the string to sign")
    func v1CDoubleEncoding() {
        #expect(RPCSignatureV1.stringToSign(method: "GET", parameters: ["key": "value"]) == "GET&%2F&key%3Dvalue")
        #expect(
            RPCSignatureV1.stringToSign(
                method: "GET", parameters: ["key": "value", "q": "http://domain/?q=value&q2=value2"])
                == "GET&%2F&key%3Dvalue%26q%3Dhttp%253A%252F%252Fdomain%252F%253Fq%253Dvalue%2526q2%253Dvalue2")
    }

    @Test("V1-D: the darabonba utility tests (empty method; query and body together)")
    func v1D() {
        #expect(RPCSignatureV1.stringToSign(method: "", parameters: ["test": "ok"]) == "&%2F&test%3Dok")
        #expect(
            RPCSignatureV1.sign(method: "", parameters: ["test": "ok"], secret: "accessKeySecret")
                == "jHx/oHoHNrbVfhncHEvPdHXZwHU=")
        let merged = ["query": "test", "body": "test"]
        #expect(RPCSignatureV1.stringToSign(method: "GET", parameters: merged) == "GET&%2F&body%3Dtest%26query%3Dtest")
        #expect(
            RPCSignatureV1.sign(method: "GET", parameters: merged, secret: "secret") == "XlUyV4sXjOuX5FnjUz9IF9tm5rU=")
    }

    static let v1EObjectPath = "http://example.com/image/1.png\nhttps://example.com/%E4%B8%AD%E6%96%87/a b.png"

    @Test("V1-E: RefreshObjectCaches over POST with a multi-URL ObjectPath, with and without STS, and its wire form")
    func v1E() {
        let request = APIRequest.refreshObjectCaches(objectPath: Self.v1EObjectPath, objectType: .file)
        let credentials = Credentials(accessKeyID: "testid", accessKeySecret: "testsecret", origin: "test")
        let signed = SignedRPCRequest(
            request: request, credentials: credentials, timestamp: "2024-01-01T00:00:00Z",
            nonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf")
        #expect(
            RPCSignatureV1.stringToSign(method: "POST", parameters: signed.parameters)
                == "POST&%2F&AccessKeyId%3Dtestid%26Action%3DRefreshObjectCaches%26Format%3DJSON%26ObjectPath%3Dhttp%253A%252F%252Fexample.com%252Fimage%252F1.png%250Ahttps%253A%252F%252Fexample.com%252F%2525E4%2525B8%2525AD%2525E6%252596%252587%252Fa%2520b.png%26ObjectType%3DFile%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2024-01-01T00%253A00%253A00Z%26Version%3D2018-05-10"
        )
        #expect(signed.signature == "KlKGaQRhWGyHNJF1aCPFY0qzK20=")
        #expect(
            signed.queryString
                == "AccessKeyId=testid&Action=RefreshObjectCaches&Format=JSON&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2024-01-01T00%3A00%3A00Z&Version=2018-05-10&Signature=KlKGaQRhWGyHNJF1aCPFY0qzK20%3D"
        )
        #expect(
            signed.formBody
                == "ObjectPath=http%3A%2F%2Fexample.com%2Fimage%2F1.png%0Ahttps%3A%2F%2Fexample.com%2F%25E4%25B8%25AD%25E6%2596%2587%2Fa%20b.png&ObjectType=File"
        )
        var sts = credentials
        sts.securityToken = "CAIS-test-token"
        let stsSigned = SignedRPCRequest(
            request: request, credentials: sts, timestamp: "2024-01-01T00:00:00Z",
            nonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf")
        #expect(stsSigned.signature == "ZZn8EVKu/1m5iWkjgfp+6oB+tYA=")
        #expect(stsSigned.queryString.contains("SecurityToken=CAIS-test-token"))
    }

    @Test("percent-encoding: ~ literal, space %20, * %2A, multi-byte UTF-8")
    func encoding() {
        #expect(AlibabaPercentEncoding.encode("a~b c*d/é") == "a~b%20c%2Ad%2F%C3%A9")
        #expect(AlibabaPercentEncoding.formDecode("a+b%20c%2a%zz") == "a b c*%zz")
    }
}

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
