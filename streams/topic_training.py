"""Train the topic model's linear head (``streams/data/topic_model/head.json``).

The head is learned from copy written for the project and labelled with its primary top-level
Media Topic: the training stories under ``streams/data/topic_training`` and the ``dev`` split of
the tagging evaluation set. The ``test`` split, the held-out copy written blind, is never
trained on, so ``make eval`` can measure the shipped head on it.

``make topic-model`` runs this after the training data or the embeddings change; a unit test
retrains and fails if the shipped head no longer matches its data. scikit-learn is a
development dependency: the pipeline only reads the resulting weights.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from streams.stages.topic_model import (
    DEFAULT_MODEL_DIR,
    HEAD_FILE,
    TopicEmbedder,
    TopicHead,
    story_text,
)

ROOT = Path(__file__).resolve().parents[1]
TRAINING_DIR = ROOT / "streams" / "data" / "topic_training"
TAGGING_DIR = ROOT / "tests" / "evaldata" / "tagging"
#: inverse regularisation strength of the logistic regression, chosen by leave-one-file-out
#: cross-validation on the training pool (python -m streams.topic_training --cv)
C = 10.0
TOP_LEVEL_CODES: tuple[str, ...] = tuple(f"medtop:{i:02d}000000" for i in range(1, 18))


@dataclass(frozen=True, slots=True)
class LabelledStory:
    """One story of the training pool: its text, primary top-level topic and source file."""

    id: str
    headline: str
    body: str
    topic: str
    #: the file the story came from: cross-validation holds out whole files, so a score is
    #: never helped by a sibling story from the same writer and batch
    group: str

    @property
    def text(self) -> str:
        return story_text(self.headline, self.body)


def _training_file(path: Path) -> list[LabelledStory]:
    obj = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: list[LabelledStory] = []
    for item in obj.get("stories") or []:
        topics = item.get("topics") or []
        if not topics or topics[0] not in TOP_LEVEL_CODES:
            raise ValueError(f"{path.name}: story {item.get('id')} has no top-level primary topic")
        out.append(
            LabelledStory(
                id=str(item["id"]),
                headline=str(item["headline"]),
                body=str(item["body"]),
                topic=str(topics[0]),
                group=path.stem,
            )
        )
    return out


def training_pool(
    training_dir: Path = TRAINING_DIR, tagging_dir: Path = TAGGING_DIR
) -> list[LabelledStory]:
    """Every story the head learns from: the training files and the tagging set's dev split."""
    from streams.evaluation.tag_eval import load_gold

    pool: list[LabelledStory] = []
    for path in sorted(training_dir.glob("*.yaml")):
        pool += _training_file(path)
    pool += [
        LabelledStory(g.id, g.headline, g.body, g.topics[0], g.batch)
        for g in load_gold(tagging_dir)
        if g.split == "dev" and g.topics
    ]
    ids = Counter(s.id for s in pool)
    repeated = sorted(i for i, n in ids.items() if n > 1)
    if repeated:
        raise ValueError(f"story ids used twice in the training pool: {repeated[:5]}")
    return pool


def fit_head(
    embeddings: np.ndarray, stories: Sequence[LabelledStory], c: float = C
) -> TopicHead:
    """A multinomial logistic regression over ``embeddings`` (one row per story)."""
    from sklearn.linear_model import LogisticRegression

    labels = [s.topic for s in stories]
    missing = sorted(set(TOP_LEVEL_CODES) - set(labels))
    if missing:
        raise ValueError(f"no training story for {missing}")
    clf = LogisticRegression(C=c, max_iter=5000)
    clf.fit(embeddings, labels)
    order = [list(clf.classes_).index(code) for code in TOP_LEVEL_CODES]
    counts = Counter(s.group for s in stories)
    return TopicHead(
        codes=TOP_LEVEL_CODES,
        weights=np.asarray(clf.coef_[order], dtype=np.float32),
        bias=np.asarray(clf.intercept_[order], dtype=np.float32),
        provenance={
            "learner": "scikit-learn LogisticRegression (multinomial, lbfgs)",
            "C": c,
            "stories": len(stories),
            "files": dict(sorted(counts.items())),
        },
    )


def held_out_probabilities(
    embeddings: np.ndarray, stories: Sequence[LabelledStory], c: float = C
) -> np.ndarray:
    """Each story's probabilities from a head trained without the story's whole file."""
    groups = np.array([s.group for s in stories])
    out = np.zeros((len(stories), len(TOP_LEVEL_CODES)), dtype=np.float32)
    for group in sorted(set(groups)):
        held = groups == group
        rest = [s for s, h in zip(stories, held, strict=True) if not h]
        head = fit_head(embeddings[~held], rest, c)
        out[held] = head.probabilities(embeddings[held])
    return out


def accuracy(probabilities: np.ndarray, stories: Sequence[LabelledStory]) -> float:
    if not stories:
        return 0.0
    picked = [TOP_LEVEL_CODES[i] for i in probabilities.argmax(axis=1)]
    return sum(p == s.topic for p, s in zip(picked, stories, strict=True)) / len(stories)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model-dir", type=Path, default=DEFAULT_MODEL_DIR)
    parser.add_argument(
        "--cv", action="store_true", help="also print leave-one-file-out accuracy for several C"
    )
    args = parser.parse_args(argv)
    embedder = TopicEmbedder.load(args.model_dir)
    pool = training_pool()
    embeddings = embedder.embed([s.text for s in pool])
    if args.cv:
        for c in (1.0, 3.0, 10.0, 30.0, 100.0):
            acc = accuracy(held_out_probabilities(embeddings, pool, c), pool)
            print(f"C={c:<6g} leave-one-file-out accuracy {acc:.3f}  ({len(pool)} stories)")
    head = fit_head(embeddings, pool)
    (args.model_dir / HEAD_FILE).write_bytes(head.to_json() + b"\n")
    counts = Counter(s.topic for s in pool)
    print(f"wrote {args.model_dir / HEAD_FILE}: {len(pool)} stories, "
          f"{min(counts.values())}-{max(counts.values())} per topic")
    return 0


if __name__ == "__main__":
    sys.exit(main())
