"""The tag stage against its labelled set (tests/evaldata/tagging), with plain spaCy beside it.

Entities are matched by canonical name, case-insensitively, one predicted name per gold entity
(a gold entry may list equally acceptable names as ``A|B``). The plain model is run in the same
process on the same headline + body, its ``doc.ents`` mapped PERSON -> people, ORG ->
organisations, GPE/LOC/FAC -> places, surface text as is: that is what the tagger adds value over.

The set is split into ``dev`` (what the lexicons and fixes were tuned on) and ``test`` (held out);
both are reported, so an over-fitted tagger shows as a gap between the two.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
import yaml

from streams.article import Article, Entity, Provenance
from streams.evaluation.table import Counts, Row, ratio
from streams.stages.subjects import default_vocabulary
from streams.stages.tag import DEFAULT_MODEL, KINDS, Tagger
from streams.stages.topic_model import TopicModel, default_topic_model, story_text

STAGE = "tag"
DATA = Path(__file__).resolve().parents[2] / "tests" / "evaldata" / "tagging"
SPLITS: tuple[str, ...] = ("dev", "test")
PLAIN_LABELS: dict[str, str] = {
    "PERSON": "people",
    "ORG": "organisations",
    "GPE": "places",
    "LOC": "places",
    "FAC": "places",
}


#: files of stories written without sight of the tagger (tests/evaldata/tagging/README.md)
BLIND_PREFIX = "blind"


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One labelled story: its text, gold entities per kind, gold topics and (some) gold ids."""

    id: str
    split: str
    source: str | None
    headline: str
    body: str
    entities: dict[str, list[tuple[str, ...]]]
    topics: tuple[str, ...]
    ids: dict[str, str | None]
    #: the file the story came from: blind batches get rows of their own
    batch: str = ""

    def article(self) -> Article:
        return Article(
            uri=f"urn:wirestreams:evaldata:tagging:{self.id}",
            headline=self.headline,
            body_text=self.body,
            provenance=Provenance(format="text", received_at="2024-01-01T00:00:00Z"),
            source=self.source,
        )


def load_gold(data: Path = DATA) -> list[GoldArticle]:
    """Every labelled story under ``data``, in file then list order."""
    stories: list[GoldArticle] = []
    for path in sorted(data.glob("*.yaml")):
        obj = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in obj.get("articles") or []:
            stories.append(_gold(item, path.stem))
    return stories


def _gold(item: dict[str, Any], batch: str = "") -> GoldArticle:
    entities = {
        kind: [tuple(alt.strip() for alt in str(name).split("|")) for name in item.get(kind) or []]
        for kind in KINDS
    }
    return GoldArticle(
        id=str(item["id"]),
        split=str(item["split"]),
        source=item.get("source"),
        headline=str(item["headline"]),
        body=str(item["body"]),
        entities=entities,
        topics=tuple(item.get("topics") or ()),
        ids={str(k): v for k, v in (item.get("ids") or {}).items()},
        batch=batch,
    )




def match(
    predicted: Iterable[str], gold: Sequence[tuple[str, ...]]
) -> tuple[Counts, dict[int, str]]:
    """Score one story's names of one kind; returns counts and gold index -> matched name.

    Duplicate predicted names count once (a tagger that emits a name twice is not rewarded or
    punished twice), and a predicted name can satisfy one gold entity only.
    """
    names: dict[str, str] = {}
    for name in predicted:
        names.setdefault(name.strip().casefold(), name)
    unused = dict(names)
    matched: dict[int, str] = {}
    for index, alternatives in enumerate(gold):
        for alt in alternatives:
            key = alt.casefold()
            if key in unused:
                matched[index] = unused.pop(key)
                break
    counts = Counts(tp=len(matched), fp=len(unused), fn=len(gold) - len(matched))
    return counts, matched


@dataclass(slots=True)
class SystemScore:
    """Per-kind counts for one system over a set of stories."""

    by_kind: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})

    @property
    def overall(self) -> Counts:
        total = Counts()
        for counts in self.by_kind.values():
            total.add(counts)
        return total


def plain_spacy_entities(nlp: Any, stories: Sequence[GoldArticle]) -> list[dict[str, list[str]]]:
    """The unmodified model's entities per story: what the tagger is measured against."""
    texts = [f"{s.headline}\n\n{s.body}" for s in stories]
    found: list[dict[str, list[str]]] = []
    for doc in nlp.pipe(texts, batch_size=16):
        kinds: dict[str, list[str]] = {k: [] for k in KINDS}
        for ent in doc.ents:
            kind = PLAIN_LABELS.get(ent.label_)
            if kind is not None:
                kinds[kind].append(ent.text)
        found.append(kinds)
    return found


def tagger_entities(articles: Sequence[Article]) -> list[dict[str, list[Entity]]]:
    return [
        {"people": a.people, "organisations": a.organisations, "places": a.places}
        for a in articles
    ]


def score(
    stories: Sequence[GoldArticle], predictions: Sequence[dict[str, list[str]]]
) -> SystemScore:
    result = SystemScore()
    for story, predicted in zip(stories, predictions, strict=True):
        for kind in KINDS:
            counts, _ = match(predicted[kind], story.entities[kind])
            result.by_kind[kind].add(counts)
    return result


def top_level(code: str) -> str:
    chain = default_vocabulary().broader(code)
    return chain[-1] if chain else code


def topic_hit(story: GoldArticle, article: Article) -> bool:
    """The gold primary topic is the top-level topic of the tagger's top-ranked subject."""
    if not story.topics or not article.subjects:
        return False
    return top_level(article.subjects[0].code) == story.topics[0]


def learned_hits(model: TopicModel, stories: Sequence[GoldArticle]) -> int:
    """Stories whose gold primary topic is the learned model's own first choice."""
    probs = model.probabilities([story_text(s.headline, s.body) for s in stories])
    return sum(
        bool(s.topics) and max(p, key=lambda code: p[code]) == s.topics[0]
        for s, p in zip(stories, probs, strict=True)
    )


def training_cross_validation() -> Row:
    """The learned model alone, each training file predicted by a head trained without it."""
    from streams.topic_training import accuracy, held_out_probabilities, training_pool

    pool = training_pool()
    embeddings = default_topic_model().embedder.embed([s.text for s in pool])
    acc = accuracy(held_out_probabilities(embeddings, pool), pool)
    files = len({s.group for s in pool})
    return Row(STAGE, "learned model alone, leave-one-file-out [training pool]", acc, len(pool),
               f"{files} files; each predicted by a head trained without it")


def topic_among_gold(story: GoldArticle, article: Article) -> bool:
    """The tagger's top-ranked topic is one of the gold topics, primary or not: shows how many
    misses are a story's second desk put first rather than a wrong desk."""
    if not story.topics or not article.subjects:
        return False
    return top_level(article.subjects[0].code) in story.topics


@dataclass(slots=True)
class Linking:
    """Ids the tagger gave to entities that match a gold entity listed with a gold id (or null)."""

    emitted: int = 0
    correct: int = 0
    gold_ids: int = 0
    found: int = 0


def linking(story: GoldArticle, tagged: dict[str, list[Entity]], result: Linking) -> None:
    if not story.ids:
        return
    wanted = {name.casefold(): gid for name, gid in story.ids.items()}
    result.gold_ids += sum(1 for gid in wanted.values() if gid)
    for kind in KINDS:
        entities = tagged[kind]
        _, matched = match((e.name for e in entities), story.entities[kind])
        by_name = {e.name.strip().casefold(): e for e in entities}
        for index, name in matched.items():
            canonical = story.entities[kind][index][0].casefold()
            if canonical not in wanted:
                continue
            entity = by_name[name.strip().casefold()]
            gold_id = wanted[canonical]
            if entity.id is not None:
                result.emitted += 1
                result.correct += entity.id == gold_id
            if gold_id and entity.id == gold_id:
                result.found += 1


def _prf(counts: Counts) -> str:
    return (
        f"P {counts.precision:.3f} R {counts.recall:.3f} "
        f"(tp {counts.tp} fp {counts.fp} fn {counts.fn})"
    )


def run(
    data: Path = DATA,
    tagger: Tagger | None = None,
    nlp: Any = None,
    keyword_tagger: Tagger | None = None,
    cross_validate: bool = True,
) -> list[Row]:
    stories = load_gold(data)
    tagger = tagger or Tagger()
    keyword_tagger = keyword_tagger or Tagger(learned_topics=False)
    nlp = nlp if nlp is not None else spacy.load(DEFAULT_MODEL)
    tagged = tagger.tag_many([s.article() for s in stories])
    keyword_only = keyword_tagger.tag_many([s.article() for s in stories])
    model = tagger.topic_model or default_topic_model()
    ours = [
        {kind: [e.name for e in ents] for kind, ents in found.items()}
        for found in tagger_entities(tagged)
    ]
    plain = plain_spacy_entities(nlp, stories)

    rows: list[Row] = []
    groups: list[tuple[str, list[int]]] = [
        (split, [i for i, s in enumerate(stories) if s.split == split]) for split in SPLITS
    ]
    groups.append(("all", list(range(len(stories)))))
    for label, idx in groups:
        subset = [stories[i] for i in idx]
        mine = score(subset, [ours[i] for i in idx])
        base = score(subset, [plain[i] for i in idx])
        n = len(subset)
        kinds: Sequence[str] = (*KINDS, "overall") if label == "all" else ("overall",)
        for kind in kinds:
            m = mine.overall if kind == "overall" else mine.by_kind[kind]
            b = base.overall if kind == "overall" else base.by_kind[kind]
            rows.append(Row(STAGE, f"entity F1 {kind} [{label}] tagger", m.f1, n, _prf(m)))
            rows.append(Row(STAGE, f"entity F1 {kind} [{label}] plain spaCy sm", b.f1, n, _prf(b)))
        gain = mine.overall.f1 - base.overall.f1
        rows.append(Row(STAGE, f"entity F1 gain over plain spaCy [{label}]", gain, n,
                        "target >= 0.05"))
        hits = sum(topic_hit(stories[i], tagged[i]) for i in idx)
        rows.append(Row(STAGE, f"top-level topic accuracy [{label}]", ratio(hits, n), n,
                        "target >= 0.90"))
        among = sum(topic_among_gold(stories[i], tagged[i]) for i in idx)
        rows.append(Row(STAGE, f"top-ranked topic among the gold topics [{label}]",
                        ratio(among, n), n, "not the target: second desk first counts"))
        alone = sum(topic_hit(stories[i], keyword_only[i]) for i in idx)
        rows.append(Row(STAGE, f"top-level topic accuracy [{label}] keyword scorer alone",
                        ratio(alone, n), n, "the blend's lexicon half"))
        rows.append(Row(STAGE, f"top-level topic accuracy [{label}] learned model alone",
                        ratio(learned_hits(model, subset), n), n,
                        "the blend's model half"
                        + (" (trained on dev)" if label != "test" else "")))
    # batches written blind (by someone who never saw the lexicon or the results) are the
    # fairest estimate of copy from elsewhere: their held-out stories get rows of their own
    for batch in sorted({s.batch for s in stories if s.batch.startswith(BLIND_PREFIX)}):
        idx = [i for i, s in enumerate(stories) if s.batch == batch and s.split == "test"]
        if not idx:
            continue
        hits = sum(topic_hit(stories[i], tagged[i]) for i in idx)
        blind = score([stories[i] for i in idx], [ours[i] for i in idx]).overall
        rows.append(Row(STAGE, f"top-level topic accuracy [test: {batch}]", ratio(hits, len(idx)),
                        len(idx), "written blind; target >= 0.90"))
        rows.append(Row(STAGE, f"entity F1 overall [test: {batch}] tagger", blind.f1, len(idx),
                        _prf(blind)))
    if cross_validate:
        rows.append(training_cross_validation())
    link = Linking()
    for story, found in zip(stories, tagger_entities(tagged), strict=True):
        linking(story, found, link)
    rows.append(Row(STAGE, "linking precision (ids emitted on gold-id entities)",
                    ratio(link.correct, link.emitted), link.emitted,
                    f"{link.correct} right of {link.emitted} emitted"))
    rows.append(Row(STAGE, "linking recall (gold ids found)", ratio(link.found, link.gold_ids),
                    link.gold_ids, f"{link.found} of {link.gold_ids} gold ids"))
    return rows


def errors(data: Path = DATA, split: str = "dev", tagger: Tagger | None = None) -> str:
    """A readable list of misses and false alarms on one split, for tuning on ``dev`` only."""
    stories = [s for s in load_gold(data) if s.split == split]
    tagger = tagger or Tagger()
    tagged = tagger.tag_many([s.article() for s in stories])
    lines: list[str] = []
    for story, article in zip(stories, tagged, strict=True):
        found = tagger_entities([article])[0]
        for kind in KINDS:
            names = [e.name for e in found[kind]]
            _, matched = match(names, story.entities[kind])
            missed = [story.entities[kind][i][0] for i in range(len(story.entities[kind]))
                      if i not in matched]
            extra = {n.casefold() for n in names} - {m.casefold() for m in matched.values()}
            if missed or extra:
                lines.append(f"{story.id} {kind}: missed {missed} extra {sorted(extra)}")
        if not topic_hit(story, article):
            got = [(s.code, s.relevance) for s in article.subjects[:3]]
            lines.append(f"{story.id} topic: want {story.topics} got {got}")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    from streams.evaluation.table import render

    if len(sys.argv) > 1 and sys.argv[1] == "errors":
        print(errors(split=sys.argv[2] if len(sys.argv) > 2 else "dev"))
    else:
        print(render(run()))
