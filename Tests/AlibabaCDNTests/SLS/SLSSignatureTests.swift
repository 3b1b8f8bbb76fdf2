import Foundation
import Testing

@testable import AlibabaCDN

@Suite("Simple Log Service signatures against published and SDK-computed vectors")
struct SLSSignatureTests {
    /// The published v1 vector (aliyun-log-nodejs-sdk `test/unit.test.js`, and SLS's signature documentation).
    @Test("v1: the published GET and POST vectors")
    func v1() {
        var get = SLSRequest(
            method: "GET", resource: "/logstores", parameters: ["logstoreName": "", "offset": "0", "size": "1000"],
            headers: [
                "date": "Mon, 09 Nov 2015 06:11:16 GMT", "x-log-apiversion": "0.6.0",
                "x-log-signaturemethod": "hmac-sha1",
            ])
        #expect(
            SLSSignature.v1StringToSign(get)
                == "GET\n\n\nMon, 09 Nov 2015 06:11:16 GMT\nx-log-apiversion:0.6.0\nx-log-signaturemethod:hmac-sha1\n"
                + "/logstores?logstoreName=&offset=0&size=1000")
        let secret = "4fdO2fTDDnZPU/L7CHNdemB2Nsk="
        #expect(
            SLSSignature.v1Signature(stringToSign: SLSSignature.v1StringToSign(get), secret: secret)
                == "jEYOTCJs2e88o+y5F4/S5IsnBJQ=")
        get.headers["x-log-date"] = "not signed"
        #expect(
            SLSSignature.v1Signature(stringToSign: SLSSignature.v1StringToSign(get), secret: secret)
                == "jEYOTCJs2e88o+y5F4/S5IsnBJQ=")
        let post = SLSRequest(
            method: "POST", resource: "/logstores/test-logstore",
            headers: [
                "date": "Mon, 09 Nov 2015 06:03:03 GMT", "x-log-apiversion": "0.6.0",
                "x-log-signaturemethod": "hmac-sha1", "content-md5": "1DD45FA4A70A9300CC9FE7305AF2C494",
                "content-length": "52", "content-type": "application/x-protobuf", "x-log-bodyrawsize": "50",
                "x-log-compresstype": "lz4",
            ])
        #expect(
            SLSSignature.v1Signature(stringToSign: SLSSignature.v1StringToSign(post), secret: secret)
                == "XWLGYHGg2F2hcfxWxMLiNkGki6g=")
        // Signing sets the date and the body's MD5 itself.
        var signed = SLSRequest(method: "POST", resource: "/logstores/x/logs", body: Array("{}".utf8))
        SLSSignature.v1.sign(
            &signed, credentials: Credentials(accessKeyID: "id", accessKeySecret: "s", origin: "t"), region: "",
            date: Date(timeIntervalSince1970: 1_447_049_476))
        #expect(signed.headers["date"] == "Mon, 09 Nov 2015 06:11:16 GMT")
        #expect(signed.headers["content-md5"] == "99914B932BD37A50B983C5E7C90AE93B")
        #expect(signed.headers["authorization"]?.hasPrefix("LOG id:") == true)
    }

    /// Computed with aliyun-log-python-sdk 0.9.52: `python3 scripts/sls-v4-vector.py`.
    @Test("v4: the vectors the official Python SDK computes (a GetLogsV2 POST; a GetLogs GET with an STS token)")
    func v4() {
        let date = Date(timeIntervalSince1970: 1_796_558_400)  // 2026-12-06T12:00:00Z
        #expect(SLSSignature.v4Time(date) == "20261206T120000Z")
        let body = Array(
            #"{"from": 1765022400, "to": 1765026000, "query": "method: GET | select uri, count(*) as hits group by uri limit 0, 10000", "line": 100, "offset": 0}"#
                .utf8)
        var post = SLSRequest(
            method: "POST", resource: "/logstores/cdn-access/logs",
            headers: [
                "Content-Type": "application/json", "Host": "cdn-logs.cn-hangzhou.log.aliyuncs.com",
                "x-log-apiversion": "0.6.0", "x-log-bodyrawsize": String(body.count), "Accept-Encoding": "deflate",
            ], body: body)
        let credentials = Credentials(
            accessKeyID: "LTAI5tTestKeyId", accessKeySecret: "TestSecretValue/+=", origin: "test")
        SLSSignature.v4.sign(&post, credentials: credentials, region: "cn-hangzhou", date: date)
        #expect(
            post.headers["x-log-content-sha256"] == "9b7475feb7cdebe93bff2b4d48a5a9024e6983976476264ad9f2e39d17542122")
        #expect(
            post.headers["authorization"]
                == "SLS4-HMAC-SHA256 Credential=LTAI5tTestKeyId/20261206/cn-hangzhou/sls/aliyun_v4_request,"
                + "Signature=2e437765a9d1f0f60e7e070368ea953913b7b4b44bc13650a843d77bf63c8b93")
        var get = SLSRequest(
            method: "GET", resource: "/logstores/cdn-access",
            parameters: [
                "type": "log", "from": "1765022400", "to": "1765026000", "line": "100", "offset": "0",
                "query": "return_code in [500 599] | select uri, count(*) as hits group by uri", "reverse": "false",
                "topic": "",
            ],
            headers: [
                "Host": "cdn-logs.cn-hangzhou.log.aliyuncs.com", "x-log-apiversion": "0.6.0", "x-log-bodyrawsize": "0",
            ])
        var token = credentials
        token.securityToken = "CAIS.test+token/=="
        SLSSignature.v4.sign(&get, credentials: token, region: "cn-hangzhou", date: date)
        #expect(get.headers["x-acs-security-token"] == "CAIS.test+token/==")
        #expect(
            get.headers["authorization"]
                == "SLS4-HMAC-SHA256 Credential=LTAI5tTestKeyId/20261206/cn-hangzhou/sls/aliyun_v4_request,"
                + "Signature=942bb9dbccb3540c07f70b2bd0b6eb578e6f2614052e493e45d96aee7b20a9c9")
    }
}
