"""Kafka message headers the pipeline writes and carries from stage to stage."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import Any

from streams.article import CONTENT_TYPE, SCHEMA_VERSION

CONTENT_TYPE_H = "content-type"
SCHEMA_VERSION_H = "schema-version"
INGEST_TIME_H = "ingest-time"
TRACE_ID_H = "trace-id"

#: headers that travel with an item through every stage
CARRIED = (INGEST_TIME_H, TRACE_ID_H)


def normalise(headers: Any) -> dict[str, bytes]:
    """Kafka clients give headers as a mapping or as (key, value) pairs; make a dict."""
    if not headers:
        return {}
    items: Iterable[tuple[str, Any]] = (
        headers.items() if isinstance(headers, Mapping) else headers
    )
    out: dict[str, bytes] = {}
    for key, value in items:
        if value is None:
            continue
        out[str(key)] = value if isinstance(value, bytes) else str(value).encode("utf-8")
    return out


def base_headers(trace_id: str, ingest_time_ms: int | None = None) -> dict[str, bytes]:
    """The headers an ingester stamps on a raw item."""
    now_ms = int(time.time() * 1000) if ingest_time_ms is None else ingest_time_ms
    return {
        CONTENT_TYPE_H: CONTENT_TYPE.encode(),
        SCHEMA_VERSION_H: SCHEMA_VERSION.encode(),
        INGEST_TIME_H: str(now_ms).encode(),
        TRACE_ID_H: trace_id.encode(),
    }


def carry(incoming: Mapping[str, bytes], **extra: str) -> dict[str, bytes]:
    """Headers for the next topic: the carried ones, our content type, plus stage extras."""
    out = {k: incoming[k] for k in CARRIED if k in incoming}
    out[CONTENT_TYPE_H] = CONTENT_TYPE.encode()
    out[SCHEMA_VERSION_H] = SCHEMA_VERSION.encode()
    for key, value in extra.items():
        out[key.replace("_", "-")] = value.encode("utf-8")
    return out


def ingest_time_seconds(headers: Mapping[str, bytes]) -> float | None:
    raw = headers.get(INGEST_TIME_H)
    if raw is None:
        return None
    try:
        return int(raw) / 1000.0
    except ValueError:
        return None
