"""Dedup stage throughput on one partition with 100k stories indexed, against datasketch.

    python -m benchmarks.dedup_bench [--stories 100000] [--checks 2000]

What is timed, for both sides, is the same work per article on an index already holding
``--stories`` stories: fingerprint the body, look up candidates, insert it. Ours is the whole
``Deduplicator.check`` (normalise, fingerprint, candidates, verification, verdict, records,
expiry buckets) over a dict state; the baseline is datasketch's ``MinHash`` (128 permutations,
``update_batch`` over the same 3-word shingles of the same normalised text) with
``MinHashLSH(threshold=0.5)`` doing ``query`` then ``insert`` (no verification, no verdicts,
no records: less work than ours). Our compiled sketch loops (numba) are compiled or loaded
from their on-disk cache while the index is built, before any timing, as a worker does at its
first message. The checks are a mix of new stories, reprints (trimmed,
with a stray line) and write-thrus (same uri, version 2, a new top paragraph).

Building the baseline's index with datasketch's own hashing would take minutes (SHA-1 per
shingle in Python), so only the stories the checks copy or update are inserted with real
MinHashes; the rest of its index holds random 128-value sketches (unrelated stories collide
about as rarely). Its index has the same size; the timed checks use datasketch unchanged.

Memory per indexed article: the bytes of keys + JSON values of the state (what a changelog
and RocksDB hold) over the full index, and ``tracemalloc`` of building the dict state of a
smaller index (tracing is slow), both divided by the number of indexed articles. For the
RocksDB store a worker uses (rocksdict, opened with Faust's own options, JSON keys and values
as the Faust table writes them), the same smaller index is built through the Deduplicator:
its size on disk after a flush and compaction, the process's resident memory growth (RocksDB
allocates outside Python: memtables of up to 3 x 64 MiB and a block cache, both capped, so
this does not grow with the index once the memtables flush).
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import random
import tempfile
import time
import tracemalloc
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from streams.article import Article, Provenance
from streams.stages.dedup import Deduplicator
from streams.stages.shingles import normalise, words

T0 = 1_790_000_000.0
PROVENANCE = Provenance(format="ninjs", received_at="2026-11-18T00:00:00Z")


class Corpus:
    """Synthetic wire bodies: Zipf-distributed pseudo-words in sentences and paragraphs."""

    def __init__(self, seed: int = 7, vocabulary: int = 30_000) -> None:
        self.rng = random.Random(seed)
        self.np_rng = np.random.default_rng(seed)
        self.vocab = [self._word(i) for i in range(vocabulary)]
        weights = np.array([1.0 / (rank + 1) ** 1.05 for rank in range(vocabulary)])
        self.cdf = np.cumsum(weights) / weights.sum()

    @staticmethod
    def _word(i: int) -> str:
        syllables = ["ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "an", "ti", "po", "zu"]
        out, n = [], i + 1
        while n:
            n, r = divmod(n, len(syllables))
            out.append(syllables[r])
        return "".join(out)

    def paragraph(self) -> str:
        return self._paragraphs(1)[0]

    def body(self) -> list[str]:
        return self._paragraphs(self.rng.randint(6, 11))

    def _paragraphs(self, count: int) -> list[str]:
        shape = [[int(n) for n in self.np_rng.integers(12, 29, size=self.rng.randint(1, 3))]
                 for _ in range(count)]  # fmt: skip
        total = sum(sum(p) for p in shape)
        picks = np.searchsorted(self.cdf, self.np_rng.random(total)).tolist()
        words = list(map(self.vocab.__getitem__, picks))
        out, at = [], 0
        for lengths in shape:
            sentences = []
            for n in lengths:
                text = " ".join(words[at : at + n])
                at += n
                sentences.append(text[0].upper() + text[1:] + ".")
            out.append(" ".join(sentences))
        return out


def article(uri: str, paragraphs: list[str], *, version: int = 1, hour: float = 0.0,
            publisher: str | None = None) -> Article:  # fmt: skip
    return Article(
        uri=uri, headline="h", body_text="\n\n".join(paragraphs), provenance=PROVENANCE,
        version=version, source="AP", publisher=publisher,
        versioncreated=None, pubstatus="usable",
    )  # fmt: skip


def workload(
    corpus: Corpus, stories: int, checks: int
) -> tuple[list[Article], list[Article], set[str]]:
    bodies = [corpus.body() for _ in range(stories)]
    index = [article(f"urn:bench:{i}", b) for i, b in enumerate(bodies)]
    mix: list[Article] = []
    referenced: set[str] = set()
    rng = corpus.rng
    for n in range(checks):
        roll = rng.random()
        if roll < 0.5:
            mix.append(article(f"urn:bench:new:{n}", corpus.body()))
        elif roll < 0.8:
            i = rng.randrange(stories)
            referenced.add(index[i].uri)
            copy = [*bodies[i][:-1], "Read more: world news in brief"]
            copy.insert(2, "Advertisement")
            mix.append(article(f"https://pub.example/{n}", copy, publisher="Daily Example"))
        else:
            i = rng.randrange(stories)
            referenced.add(index[i].uri)
            mix.append(
                replace(
                    index[i], version=2, body_text="\n\n".join([corpus.paragraph(), *bodies[i]])
                )
            )
    return index, mix, referenced


def time_ours(index: list[Article], mix: list[Article]) -> tuple[Deduplicator, float, list[float]]:
    dedup = Deduplicator({})
    span = 72 * 3600.0 / max(len(index), 1)
    for i, a in enumerate(index):
        dedup.check(a, T0 + i * span)
    now = T0 + 72 * 3600.0
    settle()
    latencies = []
    start = time.perf_counter()
    for a in mix:
        t = time.perf_counter()
        dedup.check(a, now)
        latencies.append(time.perf_counter() - t)
    return dedup, time.perf_counter() - start, latencies


def shingle_bytes(a: Article) -> list[bytes]:
    tokens = [t if isinstance(t, str) else t.decode() for t in words(normalise(a.body_text))]
    return list({" ".join(tokens[i : i + 3]).encode() for i in range(max(len(tokens) - 2, 1))})


def time_datasketch(
    index: list[Article], mix: list[Article], referenced: set[str]
) -> tuple[float, list[float]]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    noise = np.random.default_rng(3)
    with lsh.insertion_session() as session:
        for i, art in enumerate(index):
            if art.uri in referenced:  # stories the checks copy: datasketch's own hashing
                m = MinHash(num_perm=128)
                m.update_batch(shingle_bytes(art))
            else:  # the rest: random sketches, same table size, as unrelated stories collide
                values = noise.integers(0, 1 << 32, size=128, dtype=np.uint64)
                m = MinHash(num_perm=128, hashvalues=values, scheme="affine32")
            session.insert(f"i{i}", m, check_duplication=False)
    settle()
    latencies = []
    start = time.perf_counter()
    for n, art in enumerate(mix):
        t = time.perf_counter()
        m = MinHash(num_perm=128)
        m.update_batch(shingle_bytes(art))
        lsh.query(m)
        lsh.insert(f"m{n}", m, check_duplication=False)
        latencies.append(time.perf_counter() - t)
    return time.perf_counter() - start, latencies


def settle() -> None:
    """Collect, then freeze the built index out of the cyclic collector's reach.

    A worker's index lives in RocksDB, not in Python objects; without this, full collections
    walking a 100k-entry dict land in the timed checks of whichever side runs them.
    """
    gc.collect()
    gc.freeze()


def state_bytes(state: dict[str, object]) -> int:
    return sum(len(k) + len(orjson.dumps(v)) for k, v in state.items())


def traced_bytes_per_article(corpus: Corpus, stories: int) -> float:
    index = [article(f"urn:mem:{i}", corpus.body()) for i in range(stories)]
    state: dict[str, object] = {}
    dedup = Deduplicator(state)
    dedup.check(index[0], T0)  # compile/load the sketch kernels outside the trace
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    for i, a in enumerate(index[1:], 1):
        dedup.check(a, T0 + i)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return (after - before) / (stories - 1)


class RocksState:
    """The dedup state in a rocksdict DB, keys and values JSON as a Faust table writes them."""

    def __init__(self, db: Any) -> None:
        self.db = db

    def get(self, key: str, default: Any = None) -> Any:
        value = self.db.get(orjson.dumps(key))
        return default if value is None else orjson.loads(value)

    def __setitem__(self, key: str, value: Any) -> None:
        self.db.put(orjson.dumps(key), orjson.dumps(value))

    def __delitem__(self, key: str) -> None:
        self.db.delete(orjson.dumps(key))

    def pop(self, key: str, default: Any = None) -> Any:
        value = self.get(key)
        if value is None:
            return default
        del self[key]
        return value

    def items(self) -> Iterable[tuple[str, Any]]:
        for key, value in self.db.items():
            yield orjson.loads(key), orjson.loads(value)


def resident_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def store_bytes_per_article(store: str, seed: int, stories: int) -> tuple[float, float]:
    """(bytes on disk, resident growth) per article with the ``dict`` or ``rocksdb`` store.

    Run in a fresh process (see ``in_child``): in this one, memory freed by the big index would
    be reused and hide the growth.
    """
    from faust.stores.rocksdb import RocksDBOptions

    corpus = Corpus(seed=seed)
    index = [article(f"urn:store:{i}", corpus.body()) for i in range(stories)]
    with tempfile.TemporaryDirectory() as folder:
        db = None
        if store == "rocksdb":
            db = RocksDBOptions().open(Path(folder) / "dedup-index-0.db")
        dedup = Deduplicator(RocksState(db) if db is not None else {})
        dedup.check(index[0], T0)
        gc.collect()
        rss = resident_bytes()
        for i, a in enumerate(index[1:], 1):
            dedup.check(a, T0 + i)
        gc.collect()
        grown = resident_bytes() - rss
        disk = 0
        if db is not None:
            db.flush()
            db.compact_range(None, None)
            disk = sum(f.stat().st_size for f in Path(folder).rglob("*") if f.is_file())
            db.close()
    n = stories - 1
    return disk / n, grown / n


def in_child(store: str, seed: int, stories: int) -> tuple[float, float]:
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        result: tuple[float, float] = pool.apply(store_bytes_per_article, (store, seed, stories))
    return result


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q))


def rows(args: argparse.Namespace) -> Iterator[str]:
    corpus = Corpus()
    t = time.perf_counter()
    index, mix, referenced = workload(corpus, args.stories, args.checks)
    made = time.perf_counter() - t
    t = time.perf_counter()
    dedup, ours, ours_lat = time_ours(index, mix)
    state = dedup.state
    assert isinstance(state, dict)
    indexed = sum(1 for k, v in state.items() if k.startswith("a:") and v[11])
    json_bytes = state_bytes(state)
    del dedup, state
    gc.unfreeze()
    gc.collect()
    built = time.perf_counter()
    base, base_lat = time_datasketch(index, mix, referenced)
    gc.unfreeze()
    base_built = time.perf_counter()
    traced = traced_bytes_per_article(Corpus(seed=11), args.traced)
    stores = (
        [(name, *in_child(name, 11, args.store_stories)) for name in ("dict", "rocksdb")]
        if args.rocksdb
        else []
    )
    n = len(mix)
    yield (
        f"(workload {made:.1f} s, ours build+checks {built - t:.1f} s, "
        f"datasketch build+checks {base_built - built:.1f} s)"
    )
    yield (
        f"dedup bench: {args.stories} stories indexed, {n} checks "
        "(50% new, 30% reprints, 20% write-thrus)"
    )
    for name, total, lat in (("ours", ours, ours_lat), ("datasketch", base, base_lat)):
        yield (
            f"{name:<11} {n / total:10.0f} articles/s   p50 {percentile(lat, 50) * 1e3:.3f} ms"
            f"   p99 {percentile(lat, 99) * 1e3:.3f} ms"
        )
    yield f"ratio       {base / ours:10.2f} x  (target >= 5x, and >= 2000 articles/s)"
    yield (
        f"state bytes per indexed article (keys + JSON values): {json_bytes / indexed:.0f}"
        f"  ({indexed} indexed)"
    )
    yield (
        f"tracemalloc bytes per article of the dict state ({args.traced} stories): "
        f"{traced:.0f}  (target <= 2048)"
    )
    for name, disk, grown in stores:
        on_disk = f", {disk:.0f} on disk after compaction" if name == "rocksdb" else ""
        yield (
            f"{name} store, fresh process ({args.store_stories} stories): resident growth "
            f"{grown:.0f} bytes/article{on_disk}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--checks", type=int, default=2_000)
    parser.add_argument("--traced", type=int, default=10_000)
    parser.add_argument("--store-stories", type=int, default=40_000)
    parser.add_argument(
        "--no-rocksdb", dest="rocksdb", action="store_false",
        help="skip the RocksDB store measurement",
    )  # fmt: skip
    args = parser.parse_args()
    for line in rows(args):
        print(line, flush=True)


if __name__ == "__main__":
    main()
