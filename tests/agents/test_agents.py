"""The Faust agents in Faust's test context (memory store, no broker): decode, call, send.

Sends are captured by replacing ``Topic.send``; each test checks which topic got what.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faust
import orjson
import pytest

from streams.app import PUBLISHER_LINES_TABLE, create_app
from streams.article import Article, RawItem
from streams.headers import base_headers
from streams.pipeline import Stages
from streams.settings import Settings
from streams.stages.boilerplate import PublisherLineStats, publisher_key

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@dataclass
class Sent:
    topic: str
    key: bytes | None
    value: bytes
    headers: dict[str, bytes]


@pytest.fixture(scope="module")
def stages() -> Stages:
    return Stages(Settings())


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Sent]]:
    captured: list[Sent] = []

    async def fake_send(self: faust.topics.Topic, *, key: Any = None, value: Any = None,
                        headers: Any = None, **_: Any) -> None:
        captured.append(Sent(self.get_topic_name(), key, value, dict(headers or {})))

    monkeypatch.setattr(faust.topics.Topic, "send", fake_send)
    yield captured


@pytest.fixture
async def app(stages: Stages, tmp_path: Path) -> AsyncIterator[faust.App]:
    settings = Settings(topic_prefix="agent.", app_id="agent-tests", data_dir=str(tmp_path),
                        store="memory://", tag_batch_seconds=0.05)
    app, _ = create_app(settings, stages)
    app.finalize()
    app.flow_control.resume()
    yield app


def raw_item(name: str) -> RawItem:
    path = SAMPLES / name
    return RawItem(id=f"id-{name}", payload=path.read_bytes(), path=str(path), received_at="t")


def headers_for(raw: RawItem) -> dict[str, bytes]:
    return base_headers(raw.id, ingest_time_ms=1_700_000_000_000)


async def test_clean_agent_sends_the_article_keyed_by_uri_with_carried_headers(
    app: faust.App, sent: list[Sent]
) -> None:
    raw = raw_item("01-manila-coastguard-ap.json")
    async with app.agents["clean-agent"].test_context() as agent:
        await agent.put(raw.to_json(), key=raw.id.encode(), headers=headers_for(raw))
    assert [s.topic for s in sent] == ["agent.wire.clean"]
    article = Article.from_json(sent[0].value)
    assert sent[0].key == article.uri.encode()
    assert sent[0].headers["trace-id"] == raw.id.encode()
    assert sent[0].headers["ingest-time"] == b"1700000000000"


async def test_clean_agent_dead_letters_bad_items_and_keeps_going(
    app: faust.App, sent: list[Sent]
) -> None:
    bad = raw_item("15-bad-entity-bomb.xml")
    good = raw_item("03-seoul-envoys-talks-ap.xml")
    async with app.agents["clean-agent"].test_context() as agent:
        await agent.put(b"not an envelope", key=b"x")
        await agent.put(bad.to_json(), key=bad.id.encode(), headers=headers_for(bad))
        await agent.put(good.to_json(), key=good.id.encode(), headers=headers_for(good))
    assert [s.topic for s in sent] == ["agent.wire.dlq", "agent.wire.dlq", "agent.wire.clean"]
    envelope, bomb = (orjson.loads(s.value) for s in sent[:2])
    assert envelope["reason"] == "bad_envelope" and envelope["original"] == "not an envelope"
    assert bomb["reason"] == "unsafe_xml" and bomb["path"] == bad.path
    assert sent[1].headers["stage"] == b"clean"
    assert sent[1].headers["error-class"] == b"UnsafeInputError"
    assert sent[1].headers["source-topic"] == b"agent.wire.raw"
    assert sent[1].headers["trace-id"] == bad.id.encode()


async def test_clean_agent_keeps_learned_lines_in_its_changelog_table(
    app: faust.App, sent: list[Sent], stages: Stages
) -> None:
    """The learned boilerplate state goes to the worker's table (what its changelog recovers),
    exactly as an in-process learner would hold it, and not to the stages' own dict."""
    names = [
        "04-manila-coastguard-harbour-city-tribune.html",
        "02-manila-coastguard-morning-ledger.txt",
        "27-measles-kenya-harbour-city-tribune.html",
        "04-manila-coastguard-harbour-city-tribune.html",  # a replay counts once
    ]
    raws = [raw_item(name) for name in names]
    in_memory_before = stages.line_stats.counts("Harbour City Tribune")
    async with app.agents["clean-agent"].test_context() as agent:
        for raw in raws:
            await agent.put(raw.to_json(), key=raw.id.encode(), headers=headers_for(raw))
    assert [s.topic for s in sent] == ["agent.wire.clean"] * len(raws)
    table = app.tables[PUBLISHER_LINES_TABLE]
    expected = PublisherLineStats()
    for raw in raws:
        stages.clean(raw, None, expected)
    assert dict(table.items()) == dict(expected.state.items())
    assert set(dict(table.items())) == {
        publisher_key("Harbour City Tribune"), publisher_key("The Morning Ledger")
    }
    assert PublisherLineStats(table).counts("Harbour City Tribune")[0] == 2
    assert stages.line_stats.counts("Harbour City Tribune") == in_memory_before


async def test_dedup_agent_sends_a_reprint_to_duplicates(
    app: faust.App, sent: list[Sent], stages: Stages
) -> None:
    original = stages.clean(raw_item("05-ecb-rates-reuters.xml"))
    reprint = stages.clean(raw_item("11-ecb-rates-capital-markets-daily.xml"))
    async with app.agents["dedup-agent"].test_context() as agent:
        for article in (original, reprint, original):
            await agent.put(article.to_json(), key=article.uri.encode())
    topics = [s.topic for s in sent]
    assert topics == ["agent.wire.unique", "agent.wire.duplicates", "agent.wire.unique"]
    notice = orjson.loads(sent[1].value)
    assert notice["of"] == original.uri and notice["canonical"] == original.uri
    replayed = Article.from_json(sent[2].value)
    assert replayed.dedup is not None and replayed.dedup.verdict == "new"


async def test_tag_and_route_agents_fill_entities_and_send_to_each_route(
    app: faust.App, sent: list[Sent], stages: Stages
) -> None:
    article = stages.clean(raw_item("03-seoul-envoys-talks-ap.xml"))
    async with app.agents["tag-agent"].test_context() as agent:
        await agent.put(article.to_json(), key=article.uri.encode())
    tagged = Article.from_json(sent[-1].value)
    assert sent[-1].topic == "agent.wire.tagged"
    assert tagged.places and tagged.people
    async with app.agents["route-agent"].test_context() as agent:
        await agent.put(tagged.to_json(), key=tagged.uri.encode(),
                        headers=base_headers("trace-1"))
    outputs = [s for s in sent if s.topic.startswith("agent.wire.out.")]
    routes = {s.topic.removeprefix("agent.wire.out.") for s in outputs}
    assert routes == set(stages.route(tagged).routes) and routes
    for s in outputs:
        assert s.key == tagged.uri.encode()
        assert s.headers["route"].decode() in routes
        assert s.headers["version"] == str(tagged.version).encode()


async def test_route_agent_dead_letters_a_record_that_is_not_an_article(
    app: faust.App, sent: list[Sent]
) -> None:
    async with app.agents["route-agent"].test_context() as agent:
        await agent.put(b'{"uri": "x"}', key=b"x")
    assert [s.topic for s in sent] == ["agent.wire.dlq"]
    assert sent[0].headers["stage"] == b"route"

