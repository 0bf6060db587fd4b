"""The learned topic model: its head, the shipped weights, and how ``classify`` blends it in."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from streams.pipeline import Stages
from streams.settings import Settings
from streams.stages.subjects import MIN_LEARNED_PROBABILITY, classify
from streams.stages.topic_model import TopicHead, default_topic_model, story_text
from streams.topic_training import (
    TOP_LEVEL_CODES,
    fit_head,
    training_pool,
)

SPORT, ECONOMY, POLITICS = "medtop:15000000", "medtop:04000000", "medtop:11000000"


def head(weights: list[list[float]], bias: list[float]) -> TopicHead:
    return TopicHead(
        codes=tuple(f"t:{i}" for i in range(len(bias))),
        weights=np.asarray(weights, dtype=np.float32),
        bias=np.asarray(bias, dtype=np.float32),
        provenance={},
    )


def test_head_gives_a_distribution_that_follows_its_weights() -> None:
    h = head([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]], [0.0, 0.0, 0.0])
    probs = h.probabilities(np.asarray([[5.0, 0.0], [0.0, 5.0]], dtype=np.float32))
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert list(probs.argmax(axis=1)) == [0, 1]
    # large logits do not overflow
    assert np.isfinite(h.probabilities(np.asarray([[1e4, 0.0]], dtype=np.float32))).all()


def test_head_survives_a_json_round_trip() -> None:
    h = head([[0.25, -1.5], [2.0, 0.125]], [0.5, -0.5])
    again = TopicHead.from_json(h.to_json())
    assert again.codes == h.codes
    assert np.allclose(again.weights, h.weights) and np.allclose(again.bias, h.bias)


def test_head_rejects_weights_that_do_not_fit_its_codes() -> None:
    with pytest.raises(ValueError, match="do not fit"):
        head([[1.0, 0.0]], [0.0, 0.0])
    with pytest.raises(ValueError, match="does not fit"):
        TopicHead(("a", "b"), np.zeros((2, 3)), np.zeros(3), {})


def test_story_text_folds_whitespace_and_caps_length() -> None:
    assert story_text("Headline ", "one\n\n  two\nthree") == "Headline. one two three"
    assert len(story_text("H", "word " * 5000, max_chars=100)) == 100


def test_shipped_model_ranks_all_seventeen_top_level_topics() -> None:
    model = default_topic_model()
    assert model.head.codes == TOP_LEVEL_CODES
    (probs,) = model.probabilities(["Talks on the budget stalled in parliament."])
    assert set(probs) == set(TOP_LEVEL_CODES)
    assert sum(probs.values()) == pytest.approx(1.0, abs=1e-4)
    assert model.probabilities([]) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The 19-year-old curled a free kick into the top corner in stoppage time to seal the "
         "derby and lift his side three points clear at the top of the table.", SPORT),
        ("The central bank held its benchmark rate at 4.25 percent, and the currency slipped "
         "against the dollar as bond yields eased after the decision.", ECONOMY),
        ("The opposition bloc won a narrow majority in Sunday's vote, and its leader began "
         "talks with two smaller parties on forming a coalition cabinet.", POLITICS),
    ],
)
def test_shipped_model_reads_what_a_story_is_about(text: str, code: str) -> None:
    (probs,) = default_topic_model().probabilities([text])
    assert max(probs, key=lambda c: probs[c]) == code


def test_shipped_head_is_the_one_its_training_data_gives() -> None:
    """Edit the training data or the embeddings without ``make topic-model`` and this fails."""
    model = default_topic_model()
    pool = training_pool()
    embeddings = model.embedder.embed([s.text for s in pool])
    retrained = fit_head(embeddings, pool, float(model.head.provenance["C"]))
    assert model.head.provenance["stories"] == len(pool)
    shipped = model.head.probabilities(embeddings).argmax(axis=1)
    again = retrained.probabilities(embeddings).argmax(axis=1)
    assert (shipped == again).mean() >= 0.995
    assert np.allclose(model.head.weights, retrained.weights, atol=0.05)


def test_training_pool_holds_no_held_out_story() -> None:
    from streams.evaluation.tag_eval import load_gold

    held_out = {s.id for s in load_gold() if s.split == "test"}
    assert held_out, "the tagging set has a held-out split"
    assert not held_out & {s.id for s in training_pool()}


def test_learned_probabilities_decide_between_keyword_claims() -> None:
    headline = "Minister opens new stadium after budget vote"
    body = (
        "The minister cut the ribbon at the stadium on Monday after parliament passed the budget."
    )
    lean = {code: 0.0 for code in TOP_LEVEL_CODES}
    for favoured in (SPORT, POLITICS):
        learned = dict(lean, **{favoured: 0.9})
        assert classify(headline, body, learned=learned)[0].code == favoured


def test_a_topic_the_model_is_sure_of_is_given_without_keywords() -> None:
    learned = {code: 0.0 for code in TOP_LEVEL_CODES}
    learned[SPORT] = MIN_LEARNED_PROBABILITY + 0.1
    subjects = classify("A quiet afternoon", "Nothing much happened here today.", learned=learned)
    assert [s.code for s in subjects] == [SPORT]
    assert 0.0 < (subjects[0].relevance or 0.0) <= 1.0
    learned[SPORT] = MIN_LEARNED_PROBABILITY - 0.1
    assert classify("A quiet afternoon", "Nothing much happened here today.", learned=learned) == []


def test_settings_choose_the_topic_model_or_switch_it_off(tmp_path: Path) -> None:
    assert Stages(Settings()).tagger.topic_model is default_topic_model()
    assert Stages(Settings(topic_model="off")).tagger.topic_model is None
    with pytest.raises(FileNotFoundError):
        _ = Stages(Settings(topic_model=str(tmp_path / "missing"))).tagger
