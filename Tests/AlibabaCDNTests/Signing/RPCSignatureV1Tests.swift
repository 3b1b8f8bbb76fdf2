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
