#!/usr/bin/env python3
"""Generates the throughput benchmark's inputs: deterministic nginx `combined` logs, gzip-compressed.

    Benchmarks/generate-logs.py DIR            # writes DIR/mix.log.gz, DIR/unique.log.gz, DIR/hour-00.log.gz … hour-07
    Benchmarks/generate-logs.py --cdn DIR      # writes DIR/www.example.com_2026_11_24_000000_010000.gz … (8 files)

Cases (the same bytes on every machine and every run: a fixed seed, fixed times):
  mix     2,000,000 lines of a busy site: ~10 % writes (PUT/POST/PATCH/DELETE) over ~100,000 distinct URLs, reads
          (GET/HEAD, 200/206/304, some 404/500) Zipf-distributed over ~400,000 URLs, queries (cache-busting,
          product filters), percent-encoded and raw (nginx `\\xHH`) non-ASCII paths, targets without the leading
          `/`, a few malformed lines.
  unique  2,000,000 lines of an API: every GET carries a unique query (session ids, cache busters), 40,000
          distinct PUT candidates.
  hour-NN eight hourly slices of 250,000 lines each of the `mix` site (one `plan` over all eight).
  --cdn   the same eight hours as Alibaba CDN offline logs (`alicdn` lines, absolute URLs), named as Alibaba names
          them (UTC+8), for the CDN-log benchmark.

Compressed with `gzip -6` (logrotate's default), one member per file.
"""
import os
import random
import re
import subprocess
import sys

AGENTS = [
    '"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"',
    '"Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"',
    '"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0"',
    '"curl/8.4.0"',
    '"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"',
]
DEPLOY = '"deploy-bot/2.3 (+https://ci.example.com)"'
REFERERS = ['"-"', '"https://www.example.com/"', '"https://www.example.com/products/"', '"https://search.example.net/?q=shoes"']
MONTH = "Nov"
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima",
         "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor"]
# UTF-8 names: Chinese, Persian, German; written percent-encoded by browsers or raw (nginx logs raw bytes as \xHH).
NON_ASCII = ["中文", "产品图片", "تصویر", "größe", "新闻"]


def encoded(text, raw):
    data = text.encode("utf-8")
    if raw:
        return "".join(f"\\x{b:02X}" if b >= 0x80 else chr(b) for b in data)
    return "".join(f"%{b:02X}" if b >= 0x80 else chr(b) for b in data)


def site_path(rng, index):
    """The index-th URL of the site: deterministic per index, so reads and writes name the same objects."""
    local = random.Random(index * 7919 + 17)
    kind = index % 20
    section = WORDS[local.randrange(len(WORDS))]
    if kind < 9:
        ext = ["js", "css", "png", "jpg", "webp", "svg", "woff2"][index % 7]
        return f"/static/{section}/{index // 400}/{WORDS[index % 22]}-{index:x}.{ext}"
    if kind < 13:
        return f"/img/products/{index // 50}/{index}/{['front', 'back', 'side'][index % 3]}.jpg"
    if kind < 15:
        return f"/products/{index}?color={WORDS[index % 11]}&size={'SMLX'[index % 4]}"
    if kind < 17:
        name = NON_ASCII[index % len(NON_ASCII)]
        return f"/docs/{encoded(name, raw=index % 2 == 0)}/{index}/index.html"
    if kind < 18:
        return f"docs/{section}/{index}.html"  # a target without the leading slash
    if kind < 19:
        return f"/news/2026/{index % 12 + 1:02d}/{WORDS[index % 22]}-{index}.html"
    return f"/api/v1/items/{index}"


def timestamp(second_of_day, day=24):
    hour, rest = divmod(second_of_day, 3600)
    minute, second = divmod(rest, 60)
    return f"[{day:02d}/{MONTH}/2026:{hour:02d}:{minute:02d}:{second:02d} +0800]"


def zipf_index(rng, universe):
    # Inverse-CDF of a Zipf-like (s ~ 1) distribution over [0, universe).
    u = rng.random()
    return min(universe - 1, int(universe ** u) - 1)


def mix_lines(seed, count, start_second, span_seconds, write_universe=130_000, read_universe=400_000):
    rng = random.Random(seed)
    for n in range(count):
        second = start_second + n * span_seconds // count
        ip = f"{rng.randrange(1, 224)}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        roll = rng.random()
        if roll < 0.00005:
            yield f"{ip} - - {timestamp(second)} \"GET /broken"  # cut short: malformed
            continue
        if roll < 0.0001:
            yield f"{ip} - - {timestamp(second)} \"\\x16\\x03\\x01\\x02\\x00\" 400 157 \"-\" \"-\""
            continue
        if roll < 0.10:
            method = ["PUT", "PUT", "PUT", "POST", "PATCH", "DELETE"][rng.randrange(6)]
            # Each written URL is written about twice over the day.
            index = rng.randrange(write_universe) * 3
            status = [201, 204, 200, 200, 500, 403][rng.randrange(6)] if rng.random() < 0.1 else 201
            yield (f"10.0.{rng.randrange(4)}.{rng.randrange(2, 30)} - deploy {timestamp(second)} "
                   f"\"{method} {site_path(rng, index)} HTTP/1.1\" {status} 0 \"-\" {DEPLOY}")
            continue
        index = zipf_index(rng, read_universe)
        path = site_path(rng, index)
        if rng.random() < 0.15 and "?" not in path:
            path += f"?v={index % 97}"
        method = "HEAD" if rng.random() < 0.03 else "GET"
        status = 200
        r = rng.random()
        if r < 0.08:
            status = 304
        elif r < 0.10:
            status = 206
        elif r < 0.115:
            status = 404
        elif r < 0.117:
            status = 500
        size = 0 if status == 304 else rng.randrange(200, 250_000)
        yield (f"{ip} - - {timestamp(second)} \"{method} {path} HTTP/1.1\" {status} {size} "
               f"{REFERERS[rng.randrange(len(REFERERS))]} {AGENTS[rng.randrange(len(AGENTS))]}")


def unique_lines(seed, count, writes=40_000):
    rng = random.Random(seed)
    write_every = count // writes
    for n in range(count):
        second = n * 86_400 // count
        ip = f"{rng.randrange(1, 224)}.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
        if n % write_every == 0 and n // write_every < writes:
            k = n // write_every
            yield (f"10.0.0.{k % 250 + 2} - - {timestamp(second)} \"PUT /api/v2/objects/{k % 500}/{k}.json HTTP/1.1\" "
                   f"201 0 \"-\" {DEPLOY}")
            continue
        item = rng.randrange(20_000)
        session = f"{rng.getrandbits(64):016x}"
        yield (f"{ip} - - {timestamp(second)} \"GET /api/v2/objects/{item % 500}/{item}.json?session={session}&_={n} "
               f"HTTP/1.1\" 200 {rng.randrange(100, 9000)} \"-\" {AGENTS[n % len(AGENTS)]}")


COMBINED = re.compile(r'^(\S+) \S+ \S+ (\[[^\]]+\]) "(\S+) (\S+)[^"]*" (\d+) (\d+) ("[^"]*") ("[^"]*")$')


def alicdn_lines(domain, seed, count, start_second, span_seconds):
    """The `mix` site's hour as the CDN logs it: `[time] ip - ms "referer" "METHOD URL" status req resp HIT|MISS "ua" "type"`."""
    rng = random.Random(seed * 31 + 5)
    for line in mix_lines(seed, count, start_second, span_seconds):
        match = COMBINED.match(line)
        if not match:
            yield line  # the malformed lines stay malformed
            continue
        ip, time, method, target, status, size, referer, agent = match.groups()
        url = f"https://{domain}{target if target.startswith('/') else '/' + target}"
        cache = "HIT" if rng.random() < 0.8 else "MISS"
        yield (f"{time} {ip} - {rng.randrange(1, 900)} {referer} \"{method} {url}\" {status} {rng.randrange(300, 900)} "
               f"{size} {cache} {agent} \"text/html\"")


def write_gzip(path, lines):
    if os.path.exists(path):
        return
    temporary = path + ".tmp"
    with open(temporary, "wb") as out:
        process = subprocess.Popen(["gzip", "-6", "-n", "-c"], stdin=subprocess.PIPE, stdout=out)
        batch = []
        for line in lines:
            batch.append(line)
            if len(batch) >= 10_000:
                process.stdin.write(("\n".join(batch) + "\n").encode())
                batch = []
        if batch:
            process.stdin.write(("\n".join(batch) + "\n").encode())
        process.stdin.close()
        if process.wait() != 0:
            sys.exit(f"gzip failed for {path}")
    os.rename(temporary, path)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--cdn":
        out = sys.argv[2]
        os.makedirs(out, exist_ok=True)
        for hour in range(8):
            name = f"www.example.com_2026_11_24_{hour:02d}0000_{hour + 1:02d}0000.gz"
            write_gzip(os.path.join(out, name), alicdn_lines(
                "www.example.com", seed=100 + hour, count=250_000, start_second=hour * 3600, span_seconds=3600))
        return
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    write_gzip(os.path.join(out, "mix.log.gz"), mix_lines(seed=1, count=2_000_000, start_second=0, span_seconds=86_400))
    write_gzip(os.path.join(out, "unique.log.gz"), unique_lines(seed=2, count=2_000_000))
    for hour in range(8):
        write_gzip(os.path.join(out, f"hour-{hour:02d}.log.gz"),
                   mix_lines(seed=100 + hour, count=250_000, start_second=hour * 3600, span_seconds=3600))


if __name__ == "__main__":
    main()
