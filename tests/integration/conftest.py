"""Integration fixtures: a real broker (started by deploy/run-tests.sh), isolated names.

Each test module gets its own topic prefix, consumer group (Faust app id) and web port, so the
modules run in any order, against a broker that other runs may also be using.
"""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from streams.settings import Settings

pytestmark = pytest.mark.integration


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def broker_reachable(bootstrap: str) -> bool:
    host, _, port = bootstrap.split(",")[0].rpartition(":")
    try:
        with socket.create_connection((host, int(port)), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def bootstrap() -> str:
    value = os.environ.get("WIRESTREAMS_BOOTSTRAP", "127.0.0.1:9092")
    if not broker_reachable(value):
        pytest.fail(
            f"no Kafka broker at {value}: run the suite with `make test` "
            "(or `make kafka-up` first)"
        )
    return value


@pytest.fixture(scope="module")
def isolated_settings(bootstrap: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings with a unique prefix, group and port for one test module."""
    run = uuid.uuid4().hex[:10]
    data = tmp_path_factory.mktemp(f"worker-{run}")
    return replace(
        Settings.from_env(),
        bootstrap=bootstrap,
        topic_prefix=f"it-{run}.",
        app_id=f"wirestreams-it-{run}",
        web_port=free_port(),
        data_dir=str(data),
        tag_batch_seconds=0.1,
    )


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return REPO / "samples"

