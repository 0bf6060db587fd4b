"""docker-compose.yml stays valid and true to the local setup (no Docker engine here)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]


def test_docker_compose_config_is_valid() -> None:
    tool = shutil.which("docker-compose")
    if tool is None:
        pytest.fail("docker-compose is missing: run deploy/install-tools.sh (make tools)")
    done = subprocess.run(
        [tool, "-f", "docker-compose.yml", "config", "-q"], cwd=REPO, capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()


def test_compose_runs_the_kafka_version_pinned_for_the_local_broker() -> None:
    pom = (REPO / "deploy" / "kafka" / "pom.xml").read_text()
    pinned = re.search(r"<kafka.version>([^<]+)</kafka.version>", pom)
    assert pinned
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    assert compose["services"]["kafka"]["image"] == f"apache/kafka:{pinned.group(1)}"
    worker_env = compose["services"]["worker"]["environment"]
    assert worker_env["WIRESTREAMS_BOOTSTRAP"] == "kafka:9092"
