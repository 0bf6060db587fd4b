"""The dedup index's storage contract and the shape of what it stores.

The index is a flat key-value map so that a Faust table (changelog-backed, JSON values) and a
plain ``dict`` both hold it. Values are only JSON types, and are never mutated in place after
being stored: a Faust table only writes its changelog on ``__setitem__``, so an in-place edit
would be lost on recovery. Every change here builds a new value and assigns it.

Records are JSON *arrays*, not objects: every key name would be repeated in every record, in
the changelog and in memory, and the record is most of the per-article cost (target <= 2 KiB
per indexed article, measured by ``benchmarks/dedup_bench.py``).

Key kinds (short prefixes, because every key is repeated in the changelog):

- ``a:<id>``   one record per article uri (``id`` = 16 hex of blake2b(uri)), see ArticleRecord
- ``h:<hash>`` normalised body hash -> id of the indexed article with that body (exact copies)
- ``b<8 chars>`` an LSH band value -> the id (a string) or ids (a list) of indexed articles
  with it; ``"*"`` marks a *stop band*, a value shared by more than ``max_band_entries``
  stories, i.e. a stock phrase, which is no evidence of anything and is no longer indexed
- ``s:<story>`` per story whose canonical is not simply its first article: canonical uri,
  whether that is an agency original, last seen
- ``e:<hour>:<shard>`` expiry bucket (``SHARDS`` per hour): ids (and ``s:`` keys) written in
  that hour; ``e:hours`` lists the hours that have buckets. A sweep reads only the buckets of
  expired hours.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeAlias

from streams.article import DedupInfo, Verdict

VERDICTS: tuple[Verdict, ...] = ("new", "duplicate", "update")
HOURS_KEY = "e:hours"
#: expiry buckets per hour: a bucket's list is rewritten whole (changelog and RocksDB) on each
#: write, so it must stay short. With 16 an article cost ~1.5 KB of changelog writes at 1400
#: articles an hour, twice its record; 256 keeps lists at a few ids at any wire rate
SHARDS = 256
_HEX = frozenset("0123456789abcdef")
STOP = "*"


class KeyValueState(Protocol):
    """What dedup needs from its store; ``dict`` and a Faust ``Table`` both provide it."""

    def get(self, key: str, /) -> Any | None: ...

    def __setitem__(self, key: str, value: Any, /) -> None: ...

    def __delitem__(self, key: str, /) -> None: ...

    def pop(self, key: str, default: None, /) -> Any | None: ...

    def items(self) -> Iterable[tuple[str, Any]]: ...


MemoryState: TypeAlias = dict[str, Any]


def uri_id(uri: str) -> str:
    return hashlib.blake2b(uri.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def story_id(uri: str) -> str:
    """A new story's id: stable for its first uri, so a replayed stream names it the same."""
    return "story:" + uri_id(uri)


def article_key(uri: str) -> str:
    return "a:" + uri_id(uri)


def hash_key(body_hash: str) -> str:
    return "h:" + body_hash


def story_key(story: str) -> str:
    return "s:" + story


def hour_of(timestamp: float) -> int:
    return int(timestamp // 3600)


def bucket_key(hour: int, member: str) -> str:
    """The expiry bucket of an article id or ``s:`` key written in ``hour`` (SHARDS shards).

    Ids end in hex digits (blake2b); the last two pick the shard.
    """
    tail = member[-2:]
    if len(tail) == 2 and tail[0] in _HEX and tail[1] in _HEX:
        shard = int(tail, 16) % SHARDS
    else:
        shard = sum(map(ord, tail)) % SHARDS
    return f"e:{hour}:{shard}"


def _similarity_code(similarity: float) -> int:
    return round(similarity * 10_000)


@dataclass(frozen=True, slots=True)
class Seen:
    """One (version, body, status) of a uri and the verdict it got, so a replay repeats it.

    ``of``/``canonical`` equal to the record's own uri are stored as "" and the similarity as
    an integer in 1/10000, to keep records small.
    """

    version: int
    body_hash: str
    pubstatus: str
    info: DedupInfo

    def matches(self, version: int, body_hash: str, pubstatus: str) -> bool:
        return (self.version, self.body_hash, self.pubstatus) == (version, body_hash, pubstatus)

    def to_value(self, uri: str) -> list[Any]:
        info = self.info
        of = "" if info.of == uri else info.of
        canonical = "" if info.canonical == uri else info.canonical
        return [self.version, self.body_hash, self.pubstatus, info.verdict, of,
                _similarity_code(info.similarity), canonical]  # fmt: skip

    @classmethod
    def from_value(cls, value: list[Any], uri: str, story: str) -> Seen:
        version, body, status, verdict, of, similarity, canonical = value
        if verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {verdict!r} in dedup state")
        info = DedupInfo(
            verdict=verdict,
            story=story,
            of=uri if of == "" else of,
            similarity=similarity / 10_000,
            canonical=uri if canonical == "" else canonical,
        )
        return cls(int(version), str(body), str(status), info)


@dataclass(slots=True)
class ArticleRecord:
    """What the index keeps of one uri.

    ``signature`` is the 8-bit one-permutation MinHash (empty when the body was too short to
    fingerprint); ``shingles`` is the shingle-set size, needed to turn a Jaccard estimate into
    containment. ``bands`` holds the article's LSH band values (so expiry can find its band
    keys without scanning) and ``lead`` 16-bit hashes of its first sentences (evidence for a
    write-thru: which of a later text's sentences are new). Both are empty unless ``indexed``:
    duplicates are not indexed, their story already is, through the copy they matched.
    ``versioncreated`` is kept as epoch seconds (only compared). ``agency`` says whether the
    article came with an agency identity (an agency format under the agency's own uri).
    """

    uri: str
    story: str
    version: int
    body_hash: str
    pubstatus: str
    source: str | None
    publisher: str | None
    versioncreated: float | None
    seen_at: float
    shingles: int
    signature: str
    indexed: bool
    agency: bool = False
    bands: str = ""
    lead: str = ""
    history: list[Seen] = field(default_factory=list)

    def find(self, version: int, body_hash: str, pubstatus: str) -> Seen | None:
        for seen in self.history:
            if seen.matches(version, body_hash, pubstatus):
                return seen
        return None

    def to_value(self) -> list[Any]:
        story = "" if self.story == story_id(self.uri) else self.story
        return [self.uri, story, self.version, self.body_hash, self.pubstatus, self.source,
                self.publisher, self.versioncreated, self.seen_at, self.shingles, self.signature,
                1 if self.indexed else 0, 1 if self.agency else 0, self.bands, self.lead,
                [s.to_value(self.uri) for s in self.history]]  # fmt: skip

    @classmethod
    def from_value(cls, value: list[Any]) -> ArticleRecord:
        (uri, story, version, body, status, source, publisher, created, seen, shingles,
         signature, indexed, agency, bands, lead, history) = value  # fmt: skip
        uri = str(uri)
        story = str(story) or story_id(uri)
        return cls(
            uri=uri,
            story=story,
            version=int(version),
            body_hash=str(body),
            pubstatus=str(status),
            source=source,
            publisher=publisher,
            versioncreated=None if created is None else float(created),
            seen_at=float(seen),
            shingles=int(shingles),
            signature=str(signature),
            indexed=bool(indexed),
            agency=bool(agency),
            bands=str(bands),
            lead=str(lead),
            history=[Seen.from_value(s, uri, story) for s in history or []],
        )


@dataclass(slots=True)
class StoryRecord:
    """Per story: which uri is canonical and whether it has an agency identity."""

    canonical: str
    agency: bool
    source: str | None
    seen_at: float

    def to_value(self) -> list[Any]:
        return [self.canonical, 1 if self.agency else 0, self.source, self.seen_at]

    @classmethod
    def from_value(cls, value: list[Any]) -> StoryRecord:
        canonical, agency, source, seen = value
        return cls(str(canonical), bool(agency), source, float(seen))
