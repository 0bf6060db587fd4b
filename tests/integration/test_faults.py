"""The fault harness, small: workers SIGKILLed, the broker restarted and the group resized
while a wire mix flows, and still nothing lost, doubled or contradictory.

The broker restart uses the suite's own broker (deploy/kafka/kafka.sh on KAFKA_PORT): that is
safe only because the suite runs its tests one after another, and the test makes sure the
broker is up again when it ends.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from streams import local_kafka
from tests.integration.conftest import REPO

pytestmark = pytest.mark.integration

LINE = re.compile(
    r"^faults: kills=(?P<kills>\d+) broker_restarts=(?P<broker>\d+) rebalances=(?P<reb>\d+) "
    r"items=(?P<items>\d+) lost=(?P<lost>\d+) duplicated=(?P<dup>\d+) "
    r"conflicting=(?P<conf>\d+) recovery_p99_s=(?P<p99>[0-9.]+|nan)$"
)


def test_a_small_fault_run_loses_doubles_and_contradicts_nothing(bootstrap: str) -> None:
    env = dict(os.environ, WIRESTREAMS_BOOTSTRAP=bootstrap)
    env.setdefault("KAFKA_PORT", bootstrap.rpartition(":")[2])
    try:
        done = subprocess.run(
            [sys.executable, "-m", "streams.faults", "--items", "300", "--kills", "3",
             "--rate", "5", "--seed", "3", "--quiesce-timeout", "240"],
            cwd=REPO, env=env, capture_output=True, timeout=600,
        )  # fmt: skip
    finally:
        if not local_kafka.is_running():
            local_kafka.kafka("up")
    out = done.stdout.decode("utf-8", "replace")
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines, done.stderr.decode("utf-8", "replace")[-3000:]
    match = LINE.match(lines[-1])
    assert match, f"last line is not the verdict: {lines[-1]!r}\n{out[-3000:]}"
    figures = match.groupdict()
    assert (figures["lost"], figures["dup"], figures["conf"]) == ("0", "0", "0"), out[-4000:]
    assert figures["kills"] == "3" and figures["broker"] == "1" and figures["reb"] == "2"
    assert figures["items"] == "300"
    assert figures["p99"] != "nan", "no recovery was measured"
    assert done.returncode == 0, out[-3000:]
