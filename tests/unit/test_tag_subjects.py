"""Subject assignment from the keyword lexicon and the vocabulary hierarchy."""

from __future__ import annotations

import pytest

from streams.article import Subject
from streams.stages.subjects import (
    WEAK_WEIGHT,
    Vocabulary,
    broader,
    classify,
    default_vocabulary,
)

TOP_LEVEL = {
    "medtop:01000000",
    "medtop:02000000",
    "medtop:03000000",
    "medtop:04000000",
    "medtop:05000000",
    "medtop:06000000",
    "medtop:07000000",
    "medtop:08000000",
    "medtop:09000000",
    "medtop:10000000",
    "medtop:11000000",
    "medtop:12000000",
    "medtop:13000000",
    "medtop:14000000",
    "medtop:15000000",
    "medtop:16000000",
    "medtop:17000000",
}


def codes(headline: str, body: str, orgs: tuple[str, ...] = ()) -> list[str]:
    return [s.code for s in classify(headline, body, organisations=orgs)]


def test_vocabulary_has_the_seventeen_top_level_topics() -> None:
    vocab = default_vocabulary()
    assert {t.code for t in vocab.top_level()} == TOP_LEVEL
    assert vocab.label("medtop:11000000") == "politics"
    assert vocab.label("medtop:04000000") == "economy, business and finance"


def test_broader_walks_up_the_hierarchy() -> None:
    assert broader("medtop:20000638") == ["medtop:11000000"]
    assert broader("medtop:11000000") == []
    assert broader("medtop:99999999") == []


def test_vocabulary_rejects_unknown_parent() -> None:
    with pytest.raises(ValueError, match="unknown broader"):
        Vocabulary.from_obj({"topics": [{"code": "x:1", "name": "x", "broader": "x:0"}]})


def test_diplomacy_text_is_politics_and_international_relations() -> None:
    found = codes(
        "Foreign ministers hold talks on sanctions",
        "Diplomats from both countries met at the embassy for talks. The ambassador said "
        "the bilateral negotiations would resume after the summit.",
    )
    assert found[0] == "medtop:11000000"
    assert "medtop:20000638" in found


def test_match_report_is_sport() -> None:
    found = codes(
        "Late goal settles the league match",
        "The striker scored in stoppage time and the coach praised his players after a "
        "victory that lifts the team to second in the league this season.",
    )
    assert found[0] == "medtop:15000000"
    assert "medtop:11000000" not in found


def test_market_report_is_economy_with_market_subtopic() -> None:
    found = codes(
        "Stocks slide as inflation fears return",
        "Shares fell across Asia and the benchmark index dropped 2% as investors weighed "
        "higher inflation and the central bank's next interest rate decision.",
    )
    assert found[0] == "medtop:04000000"
    assert "medtop:20000385" in found


def test_a_single_passing_word_is_not_a_subject() -> None:
    assert codes("Officials reach their goal", "The goal was met.") == []


def test_organisation_names_add_evidence() -> None:
    without = classify("Statement issued", "The ministry issued a statement on the talks.")
    with_orgs = classify(
        "Statement issued",
        "The ministry issued a statement on the talks.",
        organisations=["Foreign Ministry", "U.S. Embassy"],
    )

    def politics(subjects: list[Subject]) -> float:
        return next((s.relevance or 0.0 for s in subjects if s.code == "medtop:11000000"), 0.0)

    assert politics(with_orgs) > politics(without)


def test_subjects_are_ranked_and_bounded() -> None:
    result = classify(
        "Troops and diplomats: missile tests stall nuclear talks",
        "Military drills and missile launches by the army overshadowed diplomatic talks, "
        "and officials said sanctions and negotiations would continue.",
    )
    relevances = [s.relevance or 0 for s in result]
    assert relevances == sorted(relevances, reverse=True)
    assert all(0 < r < 1 for r in relevances)


def test_empty_text_has_no_subjects() -> None:
    assert classify("", "") == []


def test_weak_words_count_less_than_strong_ones() -> None:
    def politics(headline: str, body: str) -> float:
        found = classify(headline, body)
        return next((s.relevance or 0.0 for s in found if s.code == "medtop:11000000"), 0.0)

    weak = politics("Officials meet officials", "Officials met officials and officials.")
    strong = politics("Diplomats meet diplomats", "Diplomats met diplomats and envoys.")
    assert weak < strong


def test_best_topic_is_given_below_the_confidence_bar() -> None:
    found = codes("Baker wins bread contest", "The bakery beat 40 others in the tasting.")
    assert found and found[0] == "medtop:10000000"


def test_entity_cues_add_evidence() -> None:
    headline, body = "Statement issued on Monday", "A statement was issued about the decision."
    assert "medtop:15000000" not in codes(headline, body)
    cued = [s.code for s in classify(headline, body, cues=["medtop:15000000"] * 3)]
    assert "medtop:15000000" not in cued  # cues alone are one kind of evidence
    cued = [s.code for s in classify(headline, "The coach praised the team after the match.",
                                     cues=["medtop:15000000"] * 3)]
    assert cued[0] == "medtop:15000000"


def test_every_second_level_topic_sits_under_a_top_level_one() -> None:
    vocab = default_vocabulary()
    for topic in vocab.topics.values():
        chain = vocab.broader(topic.code)
        assert not chain or chain[-1] in TOP_LEVEL


def vocabulary(*topics: dict[str, object]) -> Vocabulary:
    return Vocabulary.from_obj({"topics": list(topics)})


def test_the_opening_decides_the_primary_topic_over_background_paragraphs() -> None:
    found = codes(
        "Dockworkers walk out over pay",
        "Dockworkers at the port began a strike on Monday, their union said, after wage talks "
        "with employers broke down.\n\n"
        "Exporters warned that the stoppage would hit trade. Shares in shipping companies fell, "
        "and economists cut their growth forecast for the quarter, citing higher prices for "
        "consumers and weaker investment.",
    )
    assert found[0] == "medtop:09000000"
    assert "medtop:04000000" in found  # the background topic is still given, second


def test_equal_claims_go_to_the_topic_the_headline_names() -> None:
    vocab = vocabulary(
        {"code": "x:1", "name": "first", "keywords": ["alpha", "beta"]},
        {"code": "x:2", "name": "second", "keywords": ["gamma", "delta"]},
    )
    found = classify("Gamma and delta", "Alpha and beta today.\n\nNothing more.", vocabulary=vocab)
    assert [s.code for s in found] == ["x:2", "x:1"]


def test_a_compound_keeps_its_words_from_counting_for_another_topic() -> None:
    vocab = vocabulary(
        {"code": "t:1", "name": "labour", "keywords": ["trade union", "strike"]},
        {"code": "t:2", "name": "economy", "keywords": ["trade", "exports"]},
    )
    found = classify(
        "Trade union calls strike",
        "The trade union said the strike would go ahead.\n\nExports were not affected.",
        vocabulary=vocab,
    )
    assert [s.code for s in found] == ["t:1"]


def test_a_word_listed_by_a_topic_and_its_narrower_topics_counts_once() -> None:
    parent = {"code": "p:1", "name": "labour", "keywords": ["strike", "union"]}
    children = [
        {"code": f"p:{n}", "name": f"sub {n}", "broader": "p:1", "keywords": ["strike", "union"]}
        for n in (2, 3)
    ]
    headline, body = "Union calls strike", "The union said the strike would go ahead."

    def labour(vocab: Vocabulary) -> float:
        return next(s.relevance or 0.0 for s in classify(headline, body, vocabulary=vocab)
                    if s.code == "p:1")

    assert labour(vocabulary(parent, *children)) == labour(vocabulary(parent))


def test_a_narrower_topic_never_ranks_above_its_parent() -> None:
    vocab = vocabulary(
        {"code": "p:1", "name": "labour", "keywords": ["strike"]},
        {"code": "p:2", "name": "relations", "broader": "p:1",
         "keywords": ["walkout", "picket", "pay offer"]},
    )
    found = classify(
        "Walkout and picket over pay offer",
        "The walkout and picket continued after the pay offer.",
        vocabulary=vocab,
    )
    assert [s.code for s in found] == ["p:1", "p:2"]
    assert (found[1].relevance or 0.0) <= (found[0].relevance or 0.0)


def test_a_listed_plural_overrides_the_one_derived_from_the_singular() -> None:
    vocab = vocabulary(
        {"code": "e:1", "name": "economy", "keywords": ["euro"], "weak_keywords": ["euros"]}
    )
    assert [factor for _, _, factor in vocab.index["euro"]] == [1.0]
    assert [factor for _, _, factor in vocab.index["euros"]] == [WEAK_WEIGHT]


def test_sums_of_money_are_only_weak_evidence_of_economy_news() -> None:
    index = default_vocabulary().index
    for amount in ("billion", "million", "euros", "dollars"):
        factors = {code: factor for code, _, factor in index[amount]}
        assert factors["medtop:04000000"] == WEAK_WEIGHT, amount
