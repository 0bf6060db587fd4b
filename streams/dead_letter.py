"""Dead letters: the original bytes of a message a stage could not handle, and why.

Built here, pure, so the Faust agents and ``wirestreams process`` report a failure the same way.
"""

from __future__ import annotations

import base64
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

import orjson

from streams.errors import WirestreamsError
from streams.stage_names import StageName

MAX_ERROR_CHARS = 2000


def utc_now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def reason_of(exc: BaseException) -> str:
    """The short reason label: the typed error's own, else ``unexpected``."""
    return exc.reason if isinstance(exc, WirestreamsError) else "unexpected"


@dataclass(frozen=True, slots=True)
class DeadLetter:
    stage: StageName
    error_class: str
    reason: str
    error: str
    source_topic: str | None
    partition: int | None
    offset: int | None
    original: str
    original_encoding: str
    failed_at: str
    raw_id: str | None = None
    path: str | None = None

    @classmethod
    def build(
        cls,
        stage: StageName,
        exc: BaseException,
        original: bytes,
        *,
        source_topic: str | None = None,
        partition: int | None = None,
        offset: int | None = None,
        raw_id: str | None = None,
        path: str | None = None,
    ) -> DeadLetter:
        try:
            text, encoding = original.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = base64.b64encode(original).decode("ascii"), "base64"
        message = str(exc) or exc.__class__.__name__
        return cls(
            stage=stage,
            error_class=exc.__class__.__name__,
            reason=reason_of(exc),
            error=message[:MAX_ERROR_CHARS],
            source_topic=source_topic,
            partition=partition,
            offset=offset,
            original=text,
            original_encoding=encoding,
            failed_at=utc_now_iso(),
            raw_id=raw_id,
            path=path,
        )

    def original_bytes(self) -> bytes:
        if self.original_encoding == "base64":
            return base64.b64decode(self.original)
        return self.original.encode("utf-8")

    def to_json(self) -> bytes:
        return orjson.dumps(asdict(self))

    def headers(self) -> dict[str, bytes]:
        """The facts a consumer can filter on without decoding the value."""
        h = {
            "stage": self.stage,
            "error-class": self.error_class,
            "reason": self.reason,
            "error": self.error[:500],
            "source-topic": self.source_topic or "",
            "source-partition": "" if self.partition is None else str(self.partition),
            "source-offset": "" if self.offset is None else str(self.offset),
        }
        if self.raw_id:
            h["trace-id"] = self.raw_id
        return {k: v.encode("utf-8", "replace") for k, v in h.items()}

    def stderr_line(self) -> str:
        """One line for ``wirestreams process``: where the item came from and why it failed."""
        where = self.path or self.raw_id or "<stdin>"
        return f"dead-letter stage={self.stage} reason={self.reason} input={where}: {self.error}"
