"""The sample feed against its labels (samples/EXPECTED.yaml), through the in-process pipeline.

It is a smoke-level measure on 35 items written for the project: where each item ended, the
dedup verdicts, which original a duplicate was matched to, the extracted metadata and the
routes. The per-stage labelled sets of the later issues measure quality properly.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from streams.article import Article
from streams.evaluation.table import Row, ratio
from streams.ingest import read_items
from streams.pipeline import InProcessPipeline, Outcome, Stages
from streams.settings import Settings

STAGE = "spine"


def load_labels(samples: Path) -> dict[str, dict[str, Any]]:
    data = yaml.safe_load((samples / "EXPECTED.yaml").read_text(encoding="utf-8"))
    return {entry["file"]: entry for entry in data["items"]}


def tags_of(article: Article | None) -> tuple[object, ...]:
    if article is None:
        return ()
    return (article.people, article.organisations, article.places, article.subjects)


def run(samples: Path, settings: Settings | None = None) -> list[Row]:
    labels = load_labels(samples)
    pipeline = InProcessPipeline(Stages(settings or Settings()))
    outcomes: dict[str, Outcome] = {}
    for outcome in pipeline.run(read_items([str(samples)], feed="samples")):
        outcomes[Path(outcome.raw.path or "").name] = outcome
    articles = {n: o.article for n, o in outcomes.items() if o.article is not None}
    place = {"routes": "routed", "duplicates": "duplicate", "dlq": "dlq"}

    outcome_hits = sum(
        1 for name, label in labels.items()
        if name in outcomes and place.get(outcomes[name].destination) == label["outcome"]
    )
    parsed = {n: a for n, a in articles.items() if n in labels}
    format_hits = sum(1 for n, a in parsed.items() if a.provenance.format == labels[n]["format"])
    verdict_hits = sum(
        1 for n, a in parsed.items() if a.dedup and a.dedup.verdict == labels[n].get("verdict")
    )
    dups = {n: label for n, label in labels.items() if label.get("duplicate_of")}
    of_hits = 0
    for n, label in dups.items():
        original = articles.get(label["duplicate_of"])
        found = parsed.get(n)
        if found and found.dedup and original and found.dedup.of == original.uri:
            of_hits += 1
    routed_tags = {
        o.article.uri: tags_of(o.article)
        for o in outcomes.values() if o.destination == "routes" and o.article is not None
    }
    inherited = sum(
        1 for n in dups
        if n in outcomes and outcomes[n].article is not None
        and routed_tags.get(outcomes[n].tags_from or "") == tags_of(outcomes[n].article)
    )
    rows = [
        Row(STAGE, "items in the right place (route/dup/dlq)", ratio(outcome_hits, len(labels)),
            len(labels)),
        Row("clean", "format detected", ratio(format_hits, len(parsed)), len(parsed)),
        Row("dedup", "verdict accuracy (new/duplicate/update)",
            ratio(verdict_hits, len(parsed)), len(parsed)),
        Row("dedup", "duplicate matched to its original", ratio(of_hits, len(dups)), len(dups)),
        Row("tag", "duplicates carrying a routed version's tags, untagged",
            ratio(inherited, len(dups)), len(dups)),
    ]
    extractors: dict[str, Callable[[Article], str | None]] = {
        "source": lambda a: a.source,
        "publisher": lambda a: a.publisher,
        # the label is the first publication time; a page's modified time is versioncreated
        "published": lambda a: a.firstcreated or a.versioncreated,
    }
    for key, extract in extractors.items():
        labelled = {n: label[key] for n, label in labels.items() if label.get(key) and n in parsed}
        hits = sum(1 for n, want in labelled.items() if extract(parsed[n]) == want)
        rows.append(Row("clean", f"{key} extracted", ratio(hits, len(labelled)), len(labelled)))
    routed = {
        n: set(label["expected_routes"] or ["unrouted"]) for n, label in labels.items()
        if label.get("expected_routes") is not None and n in outcomes
        and outcomes[n].destination == "routes"
    }
    exact = sum(
        1 for n, want in routed.items()
        if set(articles[n].routes) == want
    )
    rows.append(Row("route", "routes exactly as labelled", ratio(exact, len(routed)), len(routed),
                    "labels are advisory"))
    return rows
