#!/usr/bin/env python3
"""Regenerates samples/: small, realistic inputs of every format cdn-refresh reads.

Deterministic (fixed times, no randomness), so rerunning it changes nothing. Usage: scripts/make-samples.py
"""
import gzip
import io
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "samples")

UA = '"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"'
DEPLOY = '"deploy-bot/2.3 (+https://ci.example.com)"'


def nginx_line(ip, minute, second, request, status, size, agent=UA, referer='"-"'):
    time = f"[24/Nov/2026:01:{minute:02d}:{second:02d} +0800]"
    return f'{ip} - - {time} "{request}" {status} {size} {referer} {agent} "-"'


def access_log():
    """nginx `main` log of an origin: deploy writes between reads, two gzip members (access_log ... gzip)."""
    reads = [
        "/index.html", "/static/app.3f2a.js", "/static/app.css", "/img/logo.png", "/img/hero%20banner.jpg",
        "/docs/getting-started/", "/api/health", "/static/app.3f2a.js", "/img/logo.png", "/index.html",
        "/products/42?color=red&size=m", "/products/42?size=m&color=red", "/img/logo.png", "/index.html",
    ]
    writes = [
        ("PUT /static/app.3f2a.js HTTP/1.1", 201),
        ("PUT /static/app.css HTTP/1.1", 204),
        ("PUT /img/logo.png HTTP/1.1", 201),
        ("POST /img/hero%20banner.jpg HTTP/1.1", 200),
        ("PUT img/products/42/front.jpg HTTP/1.1", 201),  # a target without the leading slash
        ("DELETE /img/old-banner.jpg HTTP/1.1", 204),
        ("PUT /docs/\\xE4\\xB8\\xAD\\xE6\\x96\\x87/index.html HTTP/1.1", 201),  # nginx escapes raw UTF-8
        ("PUT /products/42?color=red&size=m HTTP/1.1", 200),
        ("PUT /static/app.css HTTP/1.1", 204),  # the same file again: one entry, two occurrences
        ("PUT /private/report.pdf HTTP/1.1", 403),  # refused: not a candidate
        ("PATCH /index.html HTTP/1.1", 200),
    ]
    lines = []
    second = 0
    for round_ in range(3):
        for path in reads:
            lines.append(nginx_line(f"203.0.113.{10 + round_}", 2 + round_, second % 60, f"GET {path} HTTP/1.1", 200, 5120))
            second += 7
        lines.append(nginx_line("198.51.100.7", 3 + round_, 1, "HEAD /img/logo.png HTTP/1.1", 304, 0))
    for index, (request, status) in enumerate(writes):
        lines.insert(5 + index * 4, nginx_line("10.0.0.5", 10 + index, 30, request, status, 0, agent=DEPLOY))
    # A TLS handshake sent to the plain-HTTP port: logged as garbage with status 400, ignored.
    lines.insert(20, '192.0.2.66 - - [24/Nov/2026:01:20:00 +0800] "\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xFC\\x03\\x03" 400 157 "-" "-" "-"')
    text = "\n".join(lines) + "\n"
    half = len(lines) // 2
    first = "\n".join(lines[:half]) + "\n"
    second_part = "\n".join(lines[half:]) + "\n"
    return gzip.compress(first.encode(), mtime=0) + gzip.compress(second_part.encode(), mtime=0), text


def alicdn_log():
    """Alibaba CDN offline log of static.example.com during an incident: 5xx and 404 answers to clean up."""
    rows = [
        ("/app/main.js", 200, "HIT"), ("/app/main.js", 502, "MISS"), ("/app/vendor.js", 502, "MISS"),
        ("/img/sprite.png", 200, "HIT"), ("/app/main.js", 502, "MISS"), ("/fonts/inter.woff2", 404, "MISS"),
        ("/app/vendor.js", 200, "HIT"), ("/app/chunk-7.js", 503, "MISS"), ("/img/sprite.png", 304, "HIT"),
        ("/index.html", 200, "HIT"),
    ]
    lines = []
    for index, (path, status, hit) in enumerate(rows):
        url = f"http://static.example.com{path}" if index % 2 == 0 else path
        lines.append(
            f'[24/Nov/2026:02:{index:02d}:1{index % 10} +0800] 198.51.100.{20 + index} - {40 + index} '
            f'"https://www.example.com/" "GET {url}" {status} 310 {1200 + index} {hit} {UA} "application/javascript"'
        )
    return gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0)


def oss_log():
    """OSS bucket access log: uploads and a delete by the CMS, CDN back-to-origin reads, a bucket-level call."""
    def line(ip, minute, request, status, operation, key, sync="-", host="img-bucket.oss-cn-hangzhou.aliyuncs.com"):
        return (
            f'{ip} - - [24/Nov/2026:03:{minute:02d}:00 +0800] "{request}" {status} 0 35 "-" "aliyun-sdk-java/3.17.4" '
            f'"{host}" "65A1B2C3D4E5F60718293A{minute:02d}" "true" "1657183691453712" "{operation}" "img-bucket" '
            f'"{key}" 20480 12 "-" 512 "1657183691453712" 20480 "{sync}" "standard" "-" "-" "LTAI****"'
        )
    lines = [
        line("10.1.2.3", 1, "PUT /products/42/front.jpg HTTP/1.1", 200, "PutObject", "products/42/front.jpg"),
        line("10.1.2.3", 2, "PUT /products/42/back%20side.jpg HTTP/1.1", 200, "PutObject", "products/42/back%20side.jpg"),
        line("10.1.2.3", 3, "POST /banners/2026-sale.png?uploadId=0004B9 HTTP/1.1", 200, "CompleteUploadPart", "banners/2026-sale.png"),
        line("10.1.2.3", 4, "DELETE /banners/2025-sale.png HTTP/1.1", 204, "DeleteObject", "banners/2025-sale.png"),
        line("47.96.1.10", 5, "GET /products/42/front.jpg HTTP/1.1", 200, "GetObject", "products/42/front.jpg", sync="cdn"),
        line("47.96.1.11", 6, "GET /products/42/front.jpg HTTP/1.1", 200, "GetObject", "products/42/front.jpg", sync="cdn"),
        line("10.1.2.3", 7, "PUT /products/42/front.jpg?acl HTTP/1.1", 200, "PutObjectAcl", "products/42/front.jpg"),
        line("10.1.2.3", 8, "GET /?logging HTTP/1.1", 200, "GetBucketLogging", "-"),
    ]
    return "\n".join(lines) + "\n"


MANIFEST = """# Invalidation manifest for the 2026-11-24 release.
# URL <TAB> type <TAB> priority; the type defaults to file, the priority to 0.
https://www.example.com/index.html\tfile\t10
https://www.example.com/static/\tdirectory\t5
https://www.example.com/static/app.3f2a.js
www.example.com/img/logo.png
https://www.example.com/docs/中文/index.html
https://www.example.com/products/42?color=red&size=m
https://www.example.com/fonts/[a-z]*.woff2\tregex
https://www.example.com/app.js?v=2\tignoreparams
"""

CSV = """url,type,priority
https://www.example.com/pricing.html,file,3
"https://www.example.com/campaign/a,b.html",file,
https://www.example.com/blog/,directory,1
"""


def main():
    os.makedirs(OUT, exist_ok=True)
    access, _ = access_log()
    with open(os.path.join(OUT, "access.log.gz"), "wb") as f:
        f.write(access)
    with open(os.path.join(OUT, "static.example.com_2026_11_24_020000_030000_cn.gz"), "wb") as f:
        f.write(alicdn_log())
    with open(os.path.join(OUT, "oss-img-bucket-2026-11-24-03-00-00-0001"), "w") as f:
        f.write(oss_log())
    with open(os.path.join(OUT, "manifest.txt"), "w") as f:
        f.write(MANIFEST)
    with open(os.path.join(OUT, "manifest.csv"), "w") as f:
        f.write(CSV)


if __name__ == "__main__":
    main()
