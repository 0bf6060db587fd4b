"""The route stage: ordered, de-duplicated routes, stop, fallback, hierarchy and explain."""

from __future__ import annotations

from typing import Any

import pytest

from streams.article import Article, DedupInfo, Entity, Provenance, Subject
from streams.stages.route import explain, matched_routes, route
from streams.stages.rules import UNROUTED, RuleSet


def article(**fields: Any) -> Article:
    base: dict[str, Any] = {
        "uri": "urn:wirestreams:test:1",
        "headline": "Envoys meet in Seoul",
        "body_text": "Diplomats from Japan and South Korea met for talks on export curbs.",
        "provenance": Provenance(format="text", received_at="2024-03-05T08:00:00Z"),
    }
    base.update(fields)
    return Article(**base)


def ruleset(*rules: dict[str, Any]) -> RuleSet:
    return RuleSet.from_obj({"version": "t", "rules": list(rules)})


def seoul_diplomacy() -> Article:
    """What the tag stage makes of a made-up Seoul diplomacy story."""
    return article(
        headline="Japanese and South Korean envoys meet in Seoul over export curbs",
        source="AP",
        urgency=4,
        people=[Entity("Haruka Morimoto", 2, 0.6), Entity("Park Jin-woo", 1, 0.3)],
        organisations=[Entity("South Korean Foreign Ministry", 1, 0.6)],
        places=[Entity("Seoul", 4, 1.0), Entity("South Korea", 2, 0.45), Entity("Japan", 1, 0.3)],
        subjects=[
            Subject("medtop:11000000", "politics", 0.8),
            Subject("medtop:20000638", "international relations", 0.68),
        ],
    )


def test_default_rules_route_seoul_diplomacy_to_politics_and_world_asia() -> None:
    routed = route(seoul_diplomacy(), RuleSet.default())
    assert set(routed.routes) == {"politics", "world", "world-asia"}
    # file order: world, asia, politics
    assert routed.routes == ["world", "world-asia", "politics"]


def test_default_rules_add_breaking_for_flash_priority() -> None:
    routed = route(seoul_diplomacy(), RuleSet.default())
    flash = route(article(**{**_fields(seoul_diplomacy()), "urgency": 1}), RuleSet.default())
    assert "breaking" not in routed.routes
    assert flash.routes[0] == "breaking"
    assert "politics" in flash.routes


def _fields(a: Article) -> dict[str, Any]:
    return {name: getattr(a, name) for name in a.__dataclass_fields__}


def test_default_rules_route_sport_and_business() -> None:
    rules = RuleSet.default()
    sport = article(subjects=[Subject("medtop:15000000", "sport", 0.7)])
    business = article(subjects=[Subject("medtop:20000385", "market and exchange", 0.7)])
    assert matched_routes(sport, rules) == ["sports"]
    assert matched_routes(business, rules) == ["business"]


def test_no_match_is_unrouted() -> None:
    assert route(article(), RuleSet.default()).routes == [UNROUTED]
    assert route(article(), ruleset()).routes == [UNROUTED]


def test_route_returns_a_copy() -> None:
    original = seoul_diplomacy()
    routed = route(original, RuleSet.default())
    assert routed is not original
    assert original.routes == []


def test_broad_subject_rule_matches_narrower_code() -> None:
    rules = ruleset(
        {
            "name": "pol",
            "when": {"field": "subjects", "op": "eq", "value": "medtop:11000000"},
            "routes": ["pol"],
        }
    )
    narrow_only = article(subjects=[Subject("medtop:20000638", "international relations")])
    sport = article(subjects=[Subject("medtop:15000000", "sport")])
    assert matched_routes(narrow_only, rules) == ["pol"]
    assert matched_routes(sport, rules) == [UNROUTED]


def test_narrow_subject_rule_does_not_match_broader_code() -> None:
    rules = ruleset(
        {
            "name": "ir",
            "when": {"field": "subjects", "op": "eq", "value": "medtop:20000638"},
            "routes": ["ir"],
        }
    )
    assert matched_routes(article(subjects=[Subject("medtop:11000000", "politics")]), rules) == [
        UNROUTED
    ]


def test_stop_ends_routing_and_routes_are_unique() -> None:
    rules = ruleset(
        {"name": "a", "when": {"field": "source", "op": "eq", "value": "ap"}, "routes": ["x", "y"]},
        {
            "name": "b",
            "when": {"field": "places", "op": "eq", "value": "seoul"},
            "routes": ["y", "z"],
            "stop": True,
        },
        {"name": "c", "when": {"all": []}, "routes": ["never"]},
    )
    a = article(source="AP", places=[Entity("Seoul")])
    assert matched_routes(a, rules) == ["x", "y", "z"]
    # a stop rule that does not match does not stop anything
    assert matched_routes(article(source="AP"), rules) == ["x", "y", "never"]


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ({"field": "text", "op": "contains", "value": "export curbs"}, True),
        ({"field": "text", "op": "contains", "value": "export curb"}, False),  # whole words
        ({"field": "text", "op": "contains", "value": "SEOUL"}, True),
        ({"field": "text", "op": "in", "value": ["tariffs", "talks"]}, True),
        ({"field": "text", "op": "not_in", "value": ["tariffs", "talks"]}, False),
        ({"field": "text", "op": "matches", "value": r"\bjapan\b.*\bkorea\b"}, True),
        ({"field": "headline", "op": "startswith", "value": "envoys"}, True),
        ({"field": "headline", "op": "contains", "value": "voys mee"}, True),
        ({"field": "places", "op": "contains", "value": "korea"}, True),
        ({"field": "places", "op": "ne", "value": "Seoul"}, False),
        ({"field": "places", "op": "not_in", "value": ["Tokyo", "Osaka"]}, True),
        ({"field": "people", "op": "exists", "value": False}, True),
        ({"field": "urgency", "op": "lte", "value": 2}, False),  # urgency is missing
        ({"field": "urgency", "op": "ne", "value": 2}, True),
        ({"field": "urgency", "op": "exists", "value": True}, False),
        ({"field": "dedup.verdict", "op": "eq", "value": "new"}, False),  # no dedup yet
        ({"field": "version", "op": "gte", "value": 1}, True),
        ({"field": "pubstatus", "op": "in", "value": ["usable", "withheld"]}, True),
        ({"not": {"field": "source", "op": "eq", "value": "AP"}}, True),
        ({"not": {"field": "source", "op": "eq", "value": "reuters"}}, False),
        (
            {
                "any": [
                    {"field": "language", "op": "eq", "value": "ko"},
                    {"field": "places", "op": "eq", "value": "south korea"},
                ]
            },
            True,
        ),
        (
            {
                "all": [
                    {"field": "places", "op": "eq", "value": "Seoul"},
                    {"field": "source", "op": "eq", "value": "AP"},
                ]
            },
            False,
        ),
    ],
)
def test_condition_semantics(when: dict[str, Any], expected: bool) -> None:
    rules = ruleset({"name": "r", "when": when, "routes": ["hit"]})
    a = article(places=[Entity("Seoul"), Entity("South Korea")], source="Reuters")
    assert (matched_routes(a, rules) == ["hit"]) is expected


def test_dedup_and_signals_fields_are_addressable() -> None:
    rules = ruleset(
        {
            "name": "upd",
            "when": {
                "all": [
                    {"field": "dedup.verdict", "op": "eq", "value": "update"},
                    {"field": "dedup.similarity", "op": "gt", "value": 0.5},
                    {"field": "signals.update", "op": "eq", "value": True},
                ]
            },
            "routes": ["updates"],
        },
    )
    a = article(dedup=DedupInfo(verdict="update", story="s1", of="u0", similarity=0.9))
    a.signals.update = True
    assert matched_routes(a, rules) == ["updates"]


def test_regex_sees_only_a_capped_prefix() -> None:
    rules = ruleset(
        {
            "name": "tail",
            "when": {"field": "body_text", "op": "matches", "value": "needle"},
            "routes": ["found"],
        }
    )
    assert matched_routes(article(body_text="needle " + "x" * 10), rules) == ["found"]
    assert matched_routes(article(body_text="x" * 50_000 + " needle"), rules) == [UNROUTED]


def test_explain_says_which_rules_matched_and_why() -> None:
    report = explain(seoul_diplomacy(), RuleSet.default())
    by_name = {entry["rule"]: entry for entry in report}
    assert [entry["rule"] for entry in report][:3] == ["breaking", "world", "asia"]
    assert by_name["asia"]["matched"] is True
    assert "Seoul" in by_name["asia"]["why"]
    assert by_name["breaking"]["matched"] is False
    assert "urgency=4" in by_name["breaking"]["why"]
    assert by_name["sports"]["routes"] == []
    emitted = [r for entry in report for r in entry["routes"]]
    assert emitted == route(seoul_diplomacy(), RuleSet.default()).routes


def test_explain_marks_rules_after_a_stop_as_skipped() -> None:
    rules = ruleset(
        {"name": "first", "when": {"all": []}, "routes": ["a"], "stop": True},
    )
    rules2 = ruleset(
        {
            "name": "first",
            "when": {"field": "source", "op": "eq", "value": "AP"},
            "routes": ["a"],
            "stop": True,
        },
        {"name": "second", "when": {"all": []}, "routes": ["b"]},
    )
    assert explain(article(), rules)[0]["matched"] is True
    report = explain(article(source="AP"), rules2)
    assert report[1]["matched"] is True
    assert report[1]["skipped"] is True
    assert report[1]["routes"] == []
    assert report[1]["stopped_by"] == "first"
