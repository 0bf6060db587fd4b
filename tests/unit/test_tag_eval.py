"""The tagging evaluation: its matching rules and the labelled set's own consistency."""

from __future__ import annotations

import re

from streams.evaluation.tag_eval import Counts, load_gold, match
from streams.stages.subjects import default_vocabulary


def test_alternative_names_match_case_insensitively() -> None:
    counts, matched = match(["federal reserve", "Kospi"], [("Federal Reserve", "Fed"), ("IMF",)])
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 1)
    assert matched == {0: "federal reserve"}


def test_a_predicted_name_satisfies_one_gold_entity_and_counts_once() -> None:
    counts, _ = match(["Seoul", "seoul"], [("Seoul",), ("Seoul",)])
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 1)


def test_surface_forms_do_not_match_canonical_names() -> None:
    counts, _ = match(["South Korea's"], [("South Korea",)])
    assert (counts.tp, counts.fp, counts.fn) == (0, 1, 1)


def test_f1_of_empty_counts_is_zero() -> None:
    assert Counts().f1 == 0.0
    assert Counts(tp=1, fp=1, fn=1).f1 == 0.5


def test_labelled_set_is_large_split_and_well_formed() -> None:
    stories = load_gold()
    assert len(stories) >= 80
    assert len({s.id for s in stories}) == len(stories)
    assert {s.split for s in stories} == {"dev", "test"}
    top = {t.code for t in default_vocabulary().top_level()}
    for story in stories:
        assert story.topics and set(story.topics) <= top, story.id
        for name, gid in story.ids.items():
            assert gid is None or re.fullmatch(r"(wikidata:Q|geonames:)\d+", gid), story.id
            kinds = [k for k, ents in story.entities.items() if any(name in e for e in ents)]
            assert kinds, f"{story.id}: id given for {name}, which is not a gold entity"


def test_labelled_set_covers_every_desk() -> None:
    primaries = {s.topics[0] for s in load_gold()}
    assert len(primaries) >= 16
