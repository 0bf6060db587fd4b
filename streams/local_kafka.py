"""Driving the project's local broker script (deploy/kafka/kafka.sh) from Python."""

from __future__ import annotations

import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
KAFKA_SCRIPT = REPO_ROOT / "deploy" / "kafka" / "kafka.sh"


def kafka(command: str, *, check: bool = True) -> int:
    """Run ``kafka.sh <command>`` (up, down, status, logs) and return its exit code."""
    if not KAFKA_SCRIPT.exists():
        raise FileNotFoundError(f"{KAFKA_SCRIPT} not found: run from a checkout of the project")
    done = subprocess.run(["bash", str(KAFKA_SCRIPT), command], check=False)
    if check and done.returncode != 0:
        raise RuntimeError(f"kafka.sh {command} failed with exit code {done.returncode}")
    return done.returncode


def is_running() -> bool:
    done = subprocess.run(
        ["bash", str(KAFKA_SCRIPT), "status"], check=False, capture_output=True
    )
    return done.returncode == 0
