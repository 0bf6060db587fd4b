"""The one name of each stage, shared by metrics labels, log records and dead-letter headers."""

from __future__ import annotations

from typing import Final, Literal

StageName = Literal["ingest", "clean", "dedup", "tag", "route"]

INGEST: Final = "ingest"
CLEAN: Final = "clean"
DEDUP: Final = "dedup"
TAG: Final = "tag"
ROUTE: Final = "route"

STAGES: Final[tuple[StageName, ...]] = (INGEST, CLEAN, DEDUP, TAG, ROUTE)
