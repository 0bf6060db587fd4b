"""Subject assignment from the keyword lexicon and the vocabulary hierarchy."""

from __future__ import annotations

import pytest

from streams.article import Subject
from streams.stages.subjects import Vocabulary, broader, classify, default_vocabulary

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
