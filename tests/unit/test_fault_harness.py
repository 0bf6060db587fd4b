"""The fault harness's own arithmetic: the verdict line, the recovery percentile, the plan."""

from __future__ import annotations

import math
import re

from streams.consistency import Report
from streams.faults.harness import FaultConfig, FaultResult, Harness, processed
from streams.settings import Settings

LINE = re.compile(r"^faults: kills=\d+ broker_restarts=\d+ rebalances=\d+ items=\d+ lost=\d+ "
                  r"duplicated=\d+ conflicting=\d+ recovery_p99_s=[0-9.]+$")  # fmt: skip


def test_the_verdict_line_has_the_exact_form_and_counts_findings() -> None:
    report = Report(items=5, lost={"a"}, duplicated={"b", "c"}, route_conflicts=["x"],
                    index_mismatches=["y", "z"])  # fmt: skip
    result = FaultResult(FaultConfig(), report, kills=4, broker_restarts=1, rebalances=2,
                         recoveries=[3.0, 1.0, 2.0])  # fmt: skip
    line = result.line()
    assert LINE.match(line), line
    assert "items=5 lost=1 duplicated=2 conflicting=3 recovery_p99_s=3.0" in line


def test_the_recovery_percentile_is_the_nearest_rank_and_nan_when_nothing_was_measured() -> None:
    recoveries = [float(i) for i in range(200, 0, -1)]
    result = FaultResult(FaultConfig(), Report(items=0), recoveries=recoveries)
    assert result.recovery_p99 == 198.0
    assert math.isnan(FaultResult(FaultConfig(), Report(items=0)).recovery_p99)


def test_processed_sums_every_stage_of_a_metrics_page() -> None:
    page = ('# HELP wirestreams_messages_in_total x\n'
            'wirestreams_messages_in_total{stage="clean"} 12.0\n'
            'wirestreams_messages_in_total{stage="tag"} 3.0\n'
            'wirestreams_messages_out_total{stage="clean",outcome="ok"} 9.0\n')  # fmt: skip
    assert processed(page) == 15.0
    assert processed("") == 0.0


def test_the_chaos_plan_holds_every_fault_once_in_time_order_inside_the_stream() -> None:
    config = FaultConfig(items=100, kills=5, seed=3)
    plan = Harness(config, Settings(), say=lambda _: None).schedule(100.0)
    actions = [a for _, a in plan]
    assert sorted(actions) == sorted(["kill"] * 5 + ["broker", "grow", "shrink"])
    assert [t for t, _ in plan] == sorted(t for t, _ in plan)
    assert all(0 < t < 100.0 for t, _ in plan)
    assert actions.index("grow") < actions.index("shrink")
