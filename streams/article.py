"""The records that travel between stages: the raw item envelope and the Article.

Field names follow IPTC ninjs where ninjs has one, so downstream consumers that already speak
ninjs read our topics without a mapping table. ``schemas/article.schema.json`` is the contract;
``to_dict``/``from_dict`` are the only places that know the wire shape.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import orjson

from streams.errors import EnvelopeError

SCHEMA_VERSION = "1.0.0"
CONTENT_TYPE = "application/json"

Verdict = Literal["new", "duplicate", "update"]
PubStatus = Literal["usable", "withheld", "canceled"]
PUBSTATUSES: tuple[str, ...] = ("usable", "withheld", "canceled")


@dataclass(slots=True)
class RawItem:
    """One item as it arrived, before any parsing: the value of ``wire.raw``.

    ``payload`` holds the original bytes: UTF-8 text as is, anything else base64, so the
    cleaner (not the ingester) decides on the encoding and bad bytes reach the DLQ untouched.
    """

    id: str
    payload: bytes
    path: str | None = None
    feed: str | None = None
    format_hint: str = "auto"
    received_at: str = ""

    @staticmethod
    def make_id(payload: bytes, path: str | None) -> str:
        """A stable id from content and origin, so re-ingesting a file is recognisable."""
        digest = hashlib.blake2b(payload, digest_size=12)
        digest.update((path or "").encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def to_dict(self) -> dict[str, Any]:
        try:
            text = self.payload.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            text = base64.b64encode(self.payload).decode("ascii")
            encoding = "base64"
        return {
            "id": self.id,
            "path": self.path,
            "feed": self.feed,
            "format_hint": self.format_hint,
            "received_at": self.received_at,
            "payload_encoding": encoding,
            "payload": text,
        }

    def to_json(self) -> bytes:
        return orjson.dumps(self.to_dict())

    @classmethod
    def from_json(cls, data: bytes) -> RawItem:
        """Decode a ``wire.raw`` value; a value that is not our envelope raises EnvelopeError."""
        try:
            obj = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise EnvelopeError(f"raw item is not JSON: {exc}") from exc
        if not isinstance(obj, dict):
            raise EnvelopeError("raw item is not a JSON object")
        try:
            encoding = obj.get("payload_encoding", "utf-8")
            text = obj["payload"]
            if not isinstance(text, str):
                raise EnvelopeError("raw item payload is not a string")
            if encoding == "base64":
                payload = base64.b64decode(text, validate=True)
            elif encoding == "utf-8":
                payload = text.encode("utf-8", "surrogatepass")
            else:
                raise EnvelopeError(f"unknown payload_encoding {encoding!r}")
            return cls(
                id=str(obj["id"]),
                payload=payload,
                path=obj.get("path"),
                feed=obj.get("feed"),
                format_hint=str(obj.get("format_hint") or "auto"),
                received_at=str(obj.get("received_at") or ""),
            )
        except (KeyError, ValueError) as exc:
            raise EnvelopeError(f"raw item is missing or has a bad field: {exc}") from exc


@dataclass(slots=True)
class Entity:
    """A person, organisation or place named in the story."""

    name: str
    mentions: int = 1
    relevance: float | None = None
    id: str | None = None


@dataclass(slots=True)
class Subject:
    """A subject code (IPTC Media Topic ``medtop:...`` where known)."""

    code: str
    name: str
    relevance: float | None = None


@dataclass(slots=True)
class DedupInfo:
    """The dedup stage's verdict: ``of`` is the uri matched, ``story`` the shared story id."""

    verdict: Verdict
    story: str
    of: str | None = None
    similarity: float = 0.0
    canonical: str | None = None


@dataclass(slots=True)
class Provenance:
    """Where the item came from: the input path as given, detected format, feed, arrival time."""

    format: str
    received_at: str
    path: str | None = None
    feed: str | None = None
    raw_id: str | None = None


@dataclass(slots=True)
class Signals:
    """Agency version signals kept from the source format for dedup and routing."""

    update: bool = False
    correction: bool = False
    embargoed_until: str | None = None
    agency_id: str | None = None


@dataclass(slots=True)
class Article:
    """One story item after parsing; stages fill in more of it as it travels."""

    uri: str
    headline: str
    body_text: str
    provenance: Provenance
    version: int = 1
    body_html: str | None = None
    description: str | None = None
    byline: str | None = None
    dateline: str | None = None
    source: str | None = None
    publisher: str | None = None
    language: str | None = None
    versioncreated: str | None = None
    firstcreated: str | None = None
    urgency: int | None = None
    pubstatus: PubStatus = "usable"
    type: str = "text"
    keywords: list[str] = field(default_factory=list)
    people: list[Entity] = field(default_factory=list)
    organisations: list[Entity] = field(default_factory=list)
    places: list[Entity] = field(default_factory=list)
    subjects: list[Subject] = field(default_factory=list)
    routes: list[str] = field(default_factory=list)
    dedup: DedupInfo | None = None
    signals: Signals = field(default_factory=Signals)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> bytes:
        return orjson.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, obj: dict[str, Any]) -> Article:
        """Rebuild from ``to_dict`` output; a record missing required fields raises."""
        try:
            data = dict(obj)
            data["provenance"] = Provenance(**data["provenance"])
            data["signals"] = Signals(**(data.get("signals") or {}))
            for key in ("people", "organisations", "places"):
                data[key] = [Entity(**e) for e in data.get(key) or []]
            data["subjects"] = [Subject(**s) for s in data.get("subjects") or []]
            if data.get("dedup") is not None:
                data["dedup"] = DedupInfo(**data["dedup"])
            return cls(**data)
        except (KeyError, TypeError) as exc:
            raise EnvelopeError(f"not an article record: {exc}") from exc

    @classmethod
    def from_json(cls, data: bytes) -> Article:
        try:
            obj = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise EnvelopeError(f"article is not JSON: {exc}") from exc
        if not isinstance(obj, dict):
            raise EnvelopeError("article is not a JSON object")
        return cls.from_dict(obj)


@dataclass(slots=True)
class DuplicateNotice:
    """The value on ``wire.duplicates``: which item duplicated which, which is canonical, and
    the story's tags, which the copy inherits instead of being tagged again (``tags_from`` is
    the uri whose tags they are, ``None`` when the story had none to give)."""

    uri: str
    story: str
    of: str
    similarity: float
    canonical: str
    headline: str
    source: str | None
    publisher: str | None
    provenance: Provenance
    version: int = 1
    people: list[Entity] = field(default_factory=list)
    organisations: list[Entity] = field(default_factory=list)
    places: list[Entity] = field(default_factory=list)
    subjects: list[Subject] = field(default_factory=list)
    tags_from: str | None = None

    @classmethod
    def for_article(cls, article: Article, tags_from: str | None = None) -> DuplicateNotice:
        """The notice for ``article``, a duplicate already carrying its story's tags."""
        info = article.dedup
        if info is None or info.of is None:
            raise ValueError("a duplicate notice needs an article with a duplicate verdict")
        return cls(
            uri=article.uri,
            story=info.story,
            of=info.of,
            similarity=info.similarity,
            canonical=info.canonical or info.of,
            headline=article.headline,
            source=article.source,
            publisher=article.publisher,
            provenance=article.provenance,
            version=article.version,
            people=article.people,
            organisations=article.organisations,
            places=article.places,
            subjects=article.subjects,
            tags_from=tags_from,
        )

    def to_json(self) -> bytes:
        return orjson.dumps(asdict(self))
