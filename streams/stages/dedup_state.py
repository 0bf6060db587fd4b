"""The dedup index's storage contract and the shape of what it stores.

The index is a flat key-value map so that a Faust table (changelog-backed, JSON values) and a
plain ``dict`` both hold it. Values are only JSON types, and are never mutated in place after
being stored: a Faust table only writes its changelog on ``__setitem__``, so an in-place edit
would be lost on recovery. Every change here builds a new value and assigns it.

Key kinds (short prefixes, because every key is repeated in the changelog):

- ``a:<id>``   one record per article uri (``id`` = 16 hex of blake2b(uri)), see ArticleRecord
- ``h:<hash>`` normalised body hash -> id of the first article with that body (exact copies)
- ``b:<band>:<hex>`` an LSH band -> ids of articles with that band (near-duplicate candidates)
- ``s:<story>`` per story: its canonical uri, whether that is an agency original, last seen
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeAlias

from streams.article import DedupInfo, Verdict

VERDICTS: tuple[Verdict, ...] = ("new", "duplicate", "update")


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


@dataclass(frozen=True, slots=True)
class Seen:
    """One (version, body, status) of a uri and the verdict it got, so a replay repeats it.

    ``of``/``canonical`` equal to the record's own uri are stored as "" to keep records small.
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
                info.similarity, canonical]  # fmt: skip

    @classmethod
    def from_value(cls, value: list[Any], uri: str, story: str) -> Seen:
        version, body, status, verdict, of, similarity, canonical = value
        if verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {verdict!r} in dedup state")
        info = DedupInfo(
            verdict=verdict,
            story=story,
            of=uri if of == "" else of,
            similarity=float(similarity),
            canonical=uri if canonical == "" else canonical,
        )
        return cls(int(version), str(body), str(status), info)


@dataclass(slots=True)
class ArticleRecord:
    """What the index keeps of one uri (target: well under 2 KiB as JSON).

    ``signature`` is the compact 16-bit MinHash (empty when the body was too short to
    fingerprint); ``shingles`` is the shingle-set size, needed to turn a Jaccard estimate into
    containment. ``indexed`` says whether the article's bands belong in the LSH index once it
    has a body long enough to fingerprint (duplicates are not indexed: their story already is,
    through the copy they matched, and indexing every reprint would grow the band lists).
    """

    uri: str
    story: str
    version: int
    body_hash: str
    pubstatus: str
    source: str | None
    publisher: str | None
    versioncreated: str | None
    seen_at: float
    shingles: int
    signature: str
    indexed: bool
    history: list[Seen] = field(default_factory=list)

    def find(self, version: int, body_hash: str, pubstatus: str) -> Seen | None:
        for seen in self.history:
            if seen.matches(version, body_hash, pubstatus):
                return seen
        return None

    def to_value(self) -> dict[str, Any]:
        return {
            "uri": self.uri,
            "story": self.story,
            "ver": self.version,
            "hash": self.body_hash,
            "status": self.pubstatus,
            "src": self.source,
            "pub": self.publisher,
            "vc": self.versioncreated,
            "seen": self.seen_at,
            "n": self.shingles,
            "sig": self.signature,
            "idx": self.indexed,
            "hist": [s.to_value(self.uri) for s in self.history],
        }

    @classmethod
    def from_value(cls, value: dict[str, Any]) -> ArticleRecord:
        uri, story = str(value["uri"]), str(value["story"])
        return cls(
            uri=uri,
            story=story,
            version=int(value["ver"]),
            body_hash=str(value["hash"]),
            pubstatus=str(value["status"]),
            source=value.get("src"),
            publisher=value.get("pub"),
            versioncreated=value.get("vc"),
            seen_at=float(value["seen"]),
            shingles=int(value["n"]),
            signature=str(value["sig"]),
            indexed=bool(value["idx"]),
            history=[Seen.from_value(s, uri, story) for s in value.get("hist") or []],
        )


@dataclass(slots=True)
class StoryRecord:
    """Per story: which uri is canonical and whether it is an agency original."""

    canonical: str
    agency: bool
    source: str | None
    seen_at: float

    def to_value(self) -> dict[str, Any]:
        return {"canonical": self.canonical, "agency": self.agency, "src": self.source,
                "seen": self.seen_at}  # fmt: skip

    @classmethod
    def from_value(cls, value: dict[str, Any]) -> StoryRecord:
        return cls(
            canonical=str(value["canonical"]),
            agency=bool(value["agency"]),
            source=value.get("src"),
            seen_at=float(value["seen"]),
        )
