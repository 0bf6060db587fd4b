"""Route deliveries keep each route's consumers consistent as a story changes."""

from __future__ import annotations

from dataclasses import replace

from streams.article import Article, DedupInfo, Provenance
from streams.stages.deliveries import plan_deliveries


def art(uri: str, routes: list[str], verdict: str = "new", pubstatus: str = "usable",
        version: int = 1) -> Article:
    return Article(
        uri=uri, headline="Quake hits coast", body_text="Body.",
        provenance=Provenance(format="ninjs", received_at="t"),
        routes=routes, version=version, pubstatus=pubstatus,  # type: ignore[arg-type]
        dedup=DedupInfo(verdict=verdict, story="story:1"),  # type: ignore[arg-type]
    )


def sent(deliveries: list) -> list[tuple[str, str, str, str]]:  # type: ignore[type-arg]
    return [(d.route, d.kind, d.key, d.article.pubstatus) for d in deliveries]


def test_a_new_story_goes_to_its_routes_and_is_remembered() -> None:
    out, history = plan_deliveries(art("u1", ["world", "breaking"]), None)
    assert sent(out) == [("world", "article", "u1", "usable"),
                         ("breaking", "article", "u1", "usable")]
    assert history == {"routes": {"world": ["u1"], "breaking": ["u1"]}}


def test_an_update_that_no_longer_matches_a_route_withdraws_it_there() -> None:
    _, history = plan_deliveries(art("u1", ["world", "breaking"]), None)
    out, history = plan_deliveries(art("u1", ["world"], "update", version=2), history)
    assert sent(out) == [("world", "article", "u1", "usable"),
                         ("breaking", "withdrawal", "u1", "withheld")]
    withdrawal = out[1].article
    assert withdrawal.body_text == "" and withdrawal.routes == ["breaking"]
    assert history == {"routes": {"world": ["u1"]}}


def test_a_kill_reaches_every_route_the_story_was_on() -> None:
    _, history = plan_deliveries(art("u1", ["world", "breaking"]), None)
    _, history = plan_deliveries(art("u1", ["world"], "update", version=2), history)
    kill = art("u1", ["unrouted"], "update", pubstatus="canceled", version=3)
    out, _ = plan_deliveries(kill, {"routes": {"world": ["u1"], "politics": ["u0"]}})
    assert {(d.route, d.key) for d in out} == {
        ("world", "u1"), ("politics", "u0"), ("politics", "u1"),
        ("unrouted", "u1"),
    }
    assert {d.kind for d in out} == {"kill"}
    assert all(d.article.pubstatus == "canceled" for d in out)


def test_a_newer_uri_of_the_story_supersedes_the_older_one_on_the_same_route() -> None:
    _, history = plan_deliveries(art("reprint", ["world"]), None)
    original = art("agency", ["world", "politics"], "update")
    out, history = plan_deliveries(original, history)
    assert ("world", "withdrawal", "reprint", "withheld") in sent(out)
    assert ("world", "article", "agency", "usable") in sent(out)
    assert history == {"routes": {"world": ["agency"], "politics": ["agency"]}}


def test_a_malformed_history_record_is_treated_as_none() -> None:
    out, _ = plan_deliveries(art("u1", ["world"]), {"routes": "oops"})
    assert sent(out) == [("world", "article", "u1", "usable")]


def test_planning_does_not_change_the_article() -> None:
    a = art("u1", ["world"])
    before = replace(a)
    plan_deliveries(a, {"routes": {"sports": ["u0"]}})
    assert a == before
