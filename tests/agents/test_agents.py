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


async def test_dedup_agent_sends_every_verdict_on_keyed_by_story(
    app: faust.App, sent: list[Sent], stages: Stages
) -> None:
    original = stages.clean(raw_item("05-ecb-rates-reuters.xml"))
    reprint = stages.clean(raw_item("11-ecb-rates-capital-markets-daily.xml"))
    async with app.agents["dedup-agent"].test_context() as agent:
        for article in (original, reprint, original):
            await agent.put(article.to_json(), key=article.uri.encode())
    assert [s.topic for s in sent] == ["agent.wire.unique"] * 3
    first, copy, replayed = (Article.from_json(s.value) for s in sent)
    assert first.dedup is not None and copy.dedup is not None
    # one key for the story: the copy cannot overtake the original on another partition
    assert {s.key for s in sent} == {first.dedup.story.encode()}
    assert copy.dedup.verdict == "duplicate" and copy.dedup.of == original.uri
    assert sent[1].headers["verdict"] == b"duplicate"
    assert sent[1].headers["canonical"] == original.uri.encode()
    assert replayed.dedup is not None and replayed.dedup.verdict == "new"


async def run_dedup_and_tag(
    app: faust.App, sent: list[Sent], articles: list[Article]
) -> list[Sent]:
    """What the tag agent sends for ``articles`` after dedup, in one batch."""
    async with app.agents["dedup-agent"].test_context() as agent:
        for article in articles:
            await agent.put(article.to_json(), key=article.uri.encode(),
                            headers=base_headers(f"trace-{article.uri}"))
    unique = list(sent)
    sent.clear()
    async with app.agents["tag-agent"].test_context() as agent:
        for s in unique:
            await agent.put(s.value, key=s.key, headers=s.headers)
    return list(sent)


async def test_tag_agent_passes_copies_through_untagged_and_in_order(
    app: faust.App, sent: list[Sent], stages: Stages, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = stages.clean(raw_item("05-ecb-rates-reuters.xml"))
    reprint = stages.clean(raw_item("11-ecb-rates-capital-markets-daily.xml"))
    through_model: list[str] = []
    real_tag = Stages.tag

    def counting_tag(self: Stages, articles: list[Article]) -> list[Article]:
        through_model.extend(a.uri for a in articles)
        return real_tag(self, articles)

    monkeypatch.setattr(Stages, "tag", counting_tag)
    tagged = await run_dedup_and_tag(app, sent, [original, reprint])
    assert [s.topic for s in tagged] == ["agent.wire.tagged"] * 2
    first, copy = (Article.from_json(s.value) for s in tagged)
    assert (first.uri, copy.uri) == (original.uri, reprint.uri)
    assert through_model == [original.uri]
    assert first.places and not copy.places and not copy.subjects
    assert tagged[1].headers["trace-id"] == f"trace-{reprint.uri}".encode()


async def route(app: faust.App, sent: list[Sent], records: list[Sent]) -> None:
    """Put what the tag agent sent through the route agent; ``sent`` then holds its output."""
    sent.clear()
    async with app.agents["route-agent"].test_context() as agent:
        for s in records:
            await agent.put(s.value, key=s.key, headers=s.headers)


async def test_route_agent_gives_a_copy_the_tags_of_its_story(
    app: faust.App, sent: list[Sent], stages: Stages
) -> None:
    original = stages.clean(raw_item("05-ecb-rates-reuters.xml"))
    reprint = stages.clean(raw_item("11-ecb-rates-capital-markets-daily.xml"))
    await route(app, sent, await run_dedup_and_tag(app, sent, [original, reprint]))
    routed = [Article.from_json(s.value) for s in sent if s.topic.startswith("agent.wire.out.")]
    notices = [s for s in sent if s.topic == "agent.wire.duplicates"]
    assert routed and {a.uri for a in routed} == {original.uri}
    assert len(notices) == 1 and notices[0].key == reprint.uri.encode()
    notice = orjson.loads(notices[0].value)
    source = routed[0]
    assert notice["tags_from"] == original.uri
    assert notices[0].headers["tags-from"] == original.uri.encode()
    assert [p["name"] for p in notice["places"]] == [p.name for p in source.places]
    assert [s["code"] for s in notice["subjects"]] == [s.code for s in source.subjects]
    assert notice["places"] and notice["subjects"]


async def test_route_agent_sends_a_copy_of_an_unknown_story_without_tags(
    app: faust.App, sent: list[Sent], stages: Stages
) -> None:
    original = stages.clean(raw_item("05-ecb-rates-reuters.xml"))
    reprint = stages.clean(raw_item("11-ecb-rates-capital-markets-daily.xml"))
    tagged = await run_dedup_and_tag(app, sent, [original, reprint])
    # the original never reaches routing (say the tagger dead-lettered it)
    await route(app, sent, tagged[1:])
    assert [s.topic for s in sent] == ["agent.wire.duplicates"]
    notice = orjson.loads(sent[0].value)
    assert notice["tags_from"] is None
    assert notice["people"] == notice["places"] == notice["subjects"] == []


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



async def test_route_agent_forgets_stories_older_than_the_retention_window(
    app: faust.App, sent: list[Sent], stages: Stages
) -> None:
    original = stages.clean(raw_item("05-ecb-rates-reuters.xml"))
    reprint = stages.clean(raw_item("11-ecb-rates-capital-markets-daily.xml"))
    other = stages.clean(raw_item("03-seoul-envoys-talks-ap.xml"))
    first, copy, unrelated = await run_dedup_and_tag(app, sent, [original, reprint, other])
    start = 1_800_000_000.0
    later = start + Settings().dedup_retention_seconds + 2 * 3600
    sent.clear()
    async with app.agents["route-agent"].test_context() as agent:
        for record, at in ((first, start), (unrelated, later), (copy, later + 1)):
            await agent.put(record.value, key=record.key, headers=record.headers, timestamp=at)
    notice = orjson.loads(next(s.value for s in sent if s.topic == "agent.wire.duplicates"))
    # the unrelated story's message, in stream time past the window, swept the original's
    assert notice["tags_from"] is None and notice["places"] == []
