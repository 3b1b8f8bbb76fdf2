#!/usr/bin/env python3
"""SLS v4 signature vectors from Alibaba's official SDK, for Tests/AlibabaCDNTests/SLS/SLSSignatureTests.swift.

    pip install aliyun-log-python-sdk==0.9.52
    python3 scripts/sls-v4-vector.py

Prints, for two fixed requests (a GetLogsV2 POST, and a GetLogs GET with a query to encode and an STS token), the
Authorization the SDK computes at 2026-12-06T12:00:00Z in cn-hangzhou with the test key below.
"""
from aliyun.log.auth import AuthV4
from aliyun.log.credentials import StaticCredentialsProvider as Provider

KEY_ID, SECRET, TOKEN = "LTAI5tTestKeyId", "TestSecretValue/+=", "CAIS.test+token/=="
TIME = "20261206T120000Z"

post_body = b'{"from": 1765022400, "to": 1765026000, "query": "method: GET | select uri, count(*) as hits group by uri limit 0, 10000", "line": 100, "offset": 0}'
post_headers = {
    "Content-Type": "application/json",
    "Host": "cdn-logs.cn-hangzhou.log.aliyuncs.com",
    "x-log-apiversion": "0.6.0",
    "x-log-bodyrawsize": str(len(post_body)),
    "Accept-Encoding": "deflate",
}
auth = AuthV4(Provider(KEY_ID, SECRET), "cn-hangzhou")
print("POST", auth._do_sign_request("POST", "/logstores/cdn-access/logs", None, post_headers, post_body, TIME))
print("POST x-log-content-sha256", post_headers["x-log-content-sha256"])

get_params = {"type": "log", "from": "1765022400", "to": "1765026000", "line": "100", "offset": "0",
              "query": "return_code in [500 599] | select uri, count(*) as hits group by uri", "reverse": "false",
              "topic": ""}
get_headers = {"Host": "cdn-logs.cn-hangzhou.log.aliyuncs.com", "x-log-apiversion": "0.6.0",
               "x-log-bodyrawsize": "0"}
token_auth = AuthV4(Provider(KEY_ID, SECRET, TOKEN), "cn-hangzhou")
print("GET", token_auth._do_sign_request("GET", "/logstores/cdn-access", get_params, get_headers, None, TIME))
