"""Cleaning quality on the labelled republication set (tests/evaldata/cleaning/gold.jsonl).

The set is generated for the project (``generate.py`` there, fixed seed): HTML article pages
and plain-text scrapes of publisher republications, each with gold ``keep`` snippets (story
paragraphs), ``remove`` snippets (chrome) and metadata. The measure is the one trafilatura's
evaluation uses: per page, a keep snippet found in the extracted text is a true positive and
one missing a false negative; a remove snippet found is a false positive and one missing a
true negative; counts are summed over pages. Snippets and output are compared with whitespace
collapsed and quotes straightened; a remove snippet shorter than 25 characters ("Advertisement",
"Copy link") counts as found only when it is a whole line of the output, so a short chrome word
inside a story sentence is not a false positive.

Rows, each for the dev half (even ids: the half the cleaner was tuned on), the held-out half
(odd ids) and all items:

- HTML: precision / recall / F1 of story text for our extraction (``parse_raw`` then
  ``clean_article``, ``body_text``) and for ``trafilatura.extract`` on the same pages, in the
  same run (default settings, and with comments off as trafilatura's own benchmark runs it);
- plain text: boilerplate precision / recall with boilerplate as the positive class (a chrome
  snippet removed is a true positive, a story snippet removed a false positive);
- metadata accuracy over all items: dateline, byline, source agency, timestamp (UTC).

Items run in id order through one ``Cleaner`` per half, as a worker would see them, so the
learned per-publisher lines take part exactly as in the pipeline.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streams.article import Article, RawItem
from streams.evaluation.table import Counts as PRCounts
from streams.evaluation.table import Row, ratio
from streams.formats.registry import parse_raw
from streams.stages.boilerplate import BoilerplateLexicon, PublisherLineStats
from streams.stages.clean import clean_article, observe_lines

STAGE = "clean"
DATA = Path(__file__).resolve().parents[2] / "tests" / "evaldata" / "cleaning"
SHORT_SNIPPET = 25
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "\u00a0": " "})
_WORD = re.compile(r"\w+")
META_FIELDS = ("dateline", "byline", "source", "timestamp")


@dataclass(slots=True)
class Counts(PRCounts):
    """Snippet counts over pages: story kept (tp), chrome kept (fp), story lost (fn),
    chrome removed (tn)."""

    tn: int = 0

    def add(self, other: PRCounts) -> None:
        PRCounts.add(self, other)
        if isinstance(other, Counts):
            self.tn += other.tn

    @property
    def boilerplate_precision(self) -> float:
        """Of what was removed, the share that was chrome."""
        return ratio(self.tn, self.tn + self.fn)

    @property
    def boilerplate_recall(self) -> float:
        """Of the chrome, the share that was removed."""
        return ratio(self.tn, self.tn + self.fp)


def normalise(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split())


def score(output: str, keep: Iterable[str], remove: Iterable[str]) -> Counts:
    """Trafilatura-style snippet counts for one page's extracted text."""
    flat = normalise(output)
    lines = {normalise(line) for line in output.splitlines() if line.strip()}
    counts = Counts()
    for snippet in keep:
        if normalise(snippet) in flat:
            counts.tp += 1
        else:
            counts.fn += 1
    for snippet in remove:
        key = normalise(snippet)
        found = key in lines if len(key) < SHORT_SNIPPET else key in flat
        if found:
            counts.fp += 1
        else:
            counts.tn += 1
    return counts


def load(path: Path = DATA / "gold.jsonl") -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def half(item: dict[str, Any]) -> str:
    return "dev" if int(item["id"][1:]) % 2 == 0 else "held-out"


class Cleaner:
    """What ``Stages.clean`` does to one raw item, with its own learned-line state."""

    def __init__(self, lexicon: BoilerplateLexicon | None = None) -> None:
        self.lexicon = lexicon or BoilerplateLexicon.default()
        self.line_stats = PublisherLineStats()

    def __call__(self, payload: bytes, name: str) -> Article:
        raw = RawItem(id=RawItem.make_id(payload, name), payload=payload, path=name)
        parsed = parse_raw(raw, lexicon=self.lexicon)
        cleaned = clean_article(parsed, self.lexicon, line_stats=self.line_stats)
        observe_lines(self.line_stats, parsed, cleaned)
        return cleaned


def ours(items: list[dict[str, Any]], root: Path = DATA) -> dict[str, Article | None]:
    """Our cleaned article per item id (None when the item was dead-lettered)."""
    cleaner = Cleaner()
    out: dict[str, Article | None] = {}
    for item in items:
        try:
            out[item["id"]] = cleaner((root / item["file"]).read_bytes(), item["file"])
        except Exception:  # a dead-lettered item keeps nothing; its keep snippets are misses
            out[item["id"]] = None
    return out


def trafilatura_text(html: str, *, comments: bool) -> str:
    import trafilatura  # dev dependency: only the evaluation and benchmark use it

    return trafilatura.extract(html, include_comments=comments) or ""


def _meta_value(article: Article | None, name: str) -> str | None:
    if article is None:
        return None
    if name == "timestamp":
        return article.firstcreated or article.versioncreated
    value = getattr(article, name)
    return value if isinstance(value, str) else None


def meta_correct(gold: str | None, found: str | None, name: str) -> bool:
    """Exact match after folding case and spacing; a byline also matches without "By"."""
    if gold is None or found is None:
        return gold is None and found is None
    if name == "byline":
        found = re.sub(r"^by\s+", "", found, flags=re.I)
    return normalise(gold).casefold() == normalise(found).casefold()


def _rows_for(
    label: str,
    items: list[dict[str, Any]],
    articles: dict[str, Article | None],
    trafilatura: Callable[[str, bool], str] | None,
    root: Path,
) -> list[Row]:
    rows: list[Row] = []
    html = [i for i in items if i["kind"] == "html"]
    text = [i for i in items if i["kind"] == "text"]
    mine = Counts()
    for item in html:
        article = articles[item["id"]]
        mine.add(score(article.body_text if article else "", item["keep"], item["remove"]))
    n = len(html)
    rows += [
        Row(STAGE, f"html precision ({label})", mine.precision, n, "ours: story snippets kept"),
        Row(STAGE, f"html recall ({label})", mine.recall, n, "ours"),
        Row(STAGE, f"html F1 ({label})", mine.f1, n, "ours; target >= 0.95"),
    ]
    if trafilatura is not None:
        best = 0.0
        for comments, note in ((True, "defaults"), (False, "include_comments=False")):
            theirs = Counts()
            for item in html:
                page = (root / item["file"]).read_text(encoding="utf-8")
                theirs.add(score(trafilatura(page, comments), item["keep"], item["remove"]))
            best = max(best, theirs.f1)
            rows += [
                Row(STAGE, f"html precision trafilatura ({label})", theirs.precision, n, note),
                Row(STAGE, f"html recall trafilatura ({label})", theirs.recall, n, note),
                Row(STAGE, f"html F1 trafilatura ({label})", theirs.f1, n, note),
            ]
        rows.append(
            Row(
                STAGE,
                f"html F1 ours - best trafilatura ({label})",
                mine.f1 - best,
                n,
                "target >= 0.02",
            )
        )
    plain = Counts()
    for item in text:
        article = articles[item["id"]]
        plain.add(score(article.body_text if article else "", item["keep"], item["remove"]))
    rows += [
        Row(
            STAGE,
            f"text boilerplate precision ({label})",
            plain.boilerplate_precision,
            len(text),
            "removed that was chrome; target >= 0.98",
        ),
        Row(
            STAGE,
            f"text boilerplate recall ({label})",
            plain.boilerplate_recall,
            len(text),
            "chrome removed; target >= 0.95",
        ),
    ]
    for name in META_FIELDS:
        hits = sum(
            meta_correct(i["meta"][name], _meta_value(articles[i["id"]], name), name) for i in items
        )
        rows.append(
            Row(
                STAGE,
                f"{name} accuracy ({label})",
                ratio(hits, len(items)),
                len(items),
                "html+text; target >= 0.95",
            )
        )
    return rows


def _trafilatura_available() -> Callable[[str, bool], str] | None:
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        return None
    return lambda page, comments: trafilatura_text(page, comments=comments)


def run(root: Path = DATA) -> list[Row]:
    items = load(root / "gold.jsonl")
    halves = {
        "dev": [i for i in items if half(i) == "dev"],
        "held-out": [i for i in items if half(i) == "held-out"],
    }
    articles: dict[str, Article | None] = {}
    for part in halves.values():
        articles.update(ours(part, root))
    trafilatura = _trafilatura_available()
    rows: list[Row] = []
    for label, part in (*halves.items(), ("all", items)):
        rows += _rows_for(label, part, articles, trafilatura, root)
    return rows


def failures(root: Path = DATA, which: str = "dev") -> Iterable[str]:
    """Human-readable misses for tuning: story lost, chrome kept, metadata wrong."""
    items = [i for i in load(root / "gold.jsonl") if which in ("all", half(i))]
    articles = ours(items, root)
    for item in items:
        article = articles[item["id"]]
        body = article.body_text if article else ""
        flat = normalise(body)
        lines = {normalise(line) for line in body.splitlines() if line.strip()}
        for snippet in item["keep"]:
            if normalise(snippet) not in flat:
                yield f"{item['id']} {item['template']} LOST: {snippet[:90]}"
        for snippet in item["remove"]:
            key = normalise(snippet)
            if (key in lines) if len(key) < SHORT_SNIPPET else (key in flat):
                yield f"{item['id']} {item['template']} KEPT: {snippet[:90]}"
        for name in META_FIELDS:
            found = _meta_value(article, name)
            if not meta_correct(item["meta"][name], found, name):
                gold = item["meta"][name]
                yield f"{item['id']} {item['template']} META {name}: {gold!r} got {found!r}"


if __name__ == "__main__":
    import sys

    from streams.evaluation.table import render

    if len(sys.argv) > 1:
        for line in failures(which=sys.argv[1]):
            print(line)
    else:
        print(render(run()))
