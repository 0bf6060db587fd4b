"""Rule matching stays bounded and can match linked entity ids."""

from __future__ import annotations

import regex

from streams.article import Article, Entity, Provenance
from streams.stages.route import route
from streams.stages.rules import RuleSet, _bounded_search


def test_a_runaway_regex_gives_up_as_no_match_instead_of_stalling() -> None:
    evil = regex.compile(r"(a+)+$")  # refused at load time; compiled here to test the backstop
    assert _bounded_search(evil, "a" * 40 + "!") is False  # unbounded, this runs for hours


def test_rules_can_match_people_by_linked_id() -> None:
    rules = RuleSet.from_obj({"version": "1", "rules": [
        {"name": "un-chief", "when": {"field": "people.id", "op": "eq", "value": "wikidata:Q1"},
         "routes": ["un-desk"]},
    ]})
    article = Article(uri="u", headline="h", body_text="b",
                      provenance=Provenance(format="text", received_at="t"),
                      people=[Entity("Someone", id="wikidata:Q1"), Entity("Other")])
    assert route(article, rules).routes == ["un-desk"]
    article.people = [Entity("Someone")]
    assert route(article, rules).routes == ["unrouted"]
