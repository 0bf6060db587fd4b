"""``wirestreams status``: rates from two samples, what a worker's metrics say, one screen."""

from __future__ import annotations

import pytest

from streams.cli import main
from streams.lag import PartitionLag, TopicPart
from streams.metrics import Metrics
from streams.status import (
    Snapshot,
    TopicState,
    WorkerView,
    parse_exposition,
    render,
    topic_rates,
    worker_view,
)


def test_topic_rates_add_up_partitions_over_the_interval() -> None:
    before = {TopicPart("wire.raw", 0): 10, TopicPart("wire.unique", 0): 4,
              TopicPart("wire.unique", 1): 4}
    after = {TopicPart("wire.raw", 0): 40, TopicPart("wire.unique", 0): 10,
             TopicPart("wire.unique", 1): 16}
    assert topic_rates(before, after, 2.0) == {"wire.raw": 15.0, "wire.unique": 9.0}


def test_worker_view_reads_rates_rules_version_dead_letters_and_index_size() -> None:
    m = Metrics()
    m.messages_in.labels(stage="clean").inc(10)
    first = parse_exposition(m.exposition().decode())
    m.messages_in.labels(stage="clean").inc(30)
    m.dead_letters.labels(stage="clean", reason="parse_error").inc(2)
    m.set_rules_version("7")
    m.dedup_index_entries.set(123)
    view = worker_view("http://w/metrics", first, parse_exposition(m.exposition().decode()), 3.0)
    assert view.stage_rates["clean"] == 10.0
    assert view.stage_rates["route"] == 0.0
    assert view.rules_versions == ["7"]
    assert view.dead_letters == {("clean", "parse_error"): 2.0}
    assert view.dedup_index_entries == 123.0


def snapshot(worker: WorkerView | None) -> Snapshot:
    topics = [
        TopicState("p.wire.raw", 1, 35, 35, 2.5),
        TopicState("p.wire.unique", 2, 20, 20, 0.0),
        TopicState("p.wire.dlq", 1, 5, 5, None),
    ]
    lags = [PartitionLag("p.wire.raw", 0, 35, 30, 5), PartitionLag("p.wire.unique", 0, 10, 8, 2),
            PartitionLag("p.wire.unique", 1, 10, 9, 1)]
    return Snapshot("b:9092", "grp", 3.0, topics, lags, worker=worker,
                    worker_error="connection refused", local_rules_version="1.0.0")


def test_status_screen_shows_topics_lag_rules_and_dead_letters() -> None:
    view = WorkerView("http://w/metrics", ["2.1"], {"clean": 1.5}, {("clean", "bad"): 5.0}, 9.0)
    lines = render(snapshot(view)).splitlines()
    rows = {line.split()[0]: line.split() for line in lines if line.strip()}
    assert rows["p.wire.raw"] == ["p.wire.raw", "1", "35", "2.5", "5"]
    assert rows["p.wire.unique"][-1] == "3"
    assert rows["p.wire.dlq"][-2:] == ["-", "-"]
    text = "\n".join(lines)
    assert "rules version 2.1" in text
    assert "dead letters: 5 on p.wire.dlq" in text
    assert "clean/bad 5" in text
    assert rows["total"][-1] == "8"
    assert len(lines) < 40


def test_status_without_a_worker_says_so_and_falls_back_to_the_rules_file() -> None:
    text = render(snapshot(None))
    assert "not reachable (connection refused)" in text
    assert "rules file version 1.0.0" in text


def test_status_with_no_broker_fails_with_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WIRESTREAMS_BOOTSTRAP", "127.0.0.1:1")  # nothing listens on port 1
    assert main(["status", "--interval", "0.1"]) == 1
    err = capsys.readouterr().err
    assert "status: cannot read the pipeline from 127.0.0.1:1" in err
    assert "Traceback" not in err
