"""Cleaning speed: articles per second for plain-text scrapes and HTML pages, our parse + clean
against trafilatura's extraction alone on the same HTML pages, in the same process.

The pages are the cleaning evaluation set (tests/evaldata/cleaning). Each measurement is the
best of a few rounds over all pages (these machines are noisy; the best round is the least
disturbed one), each round with a freshly built lexicon so its per-paragraph verdict cache
starts empty, as a worker's does (it fills with the chrome lines publishers repeat).
Ours does more than trafilatura on every page (metadata, datelines, sanitised body HTML,
language), so the ratio is the cost of that work as much as of extraction.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from streams.article import RawItem
from streams.evaluation.clean_eval import DATA, load
from streams.formats.registry import parse_raw
from streams.stages.boilerplate import BoilerplateLexicon, PublisherLineStats
from streams.stages.clean import clean_article, observe_lines

ROUNDS = 5


def _best_rate(count: int, make: Callable[[], Callable[[], None]], rounds: int = ROUNDS) -> float:
    """Items per second of the fastest round; each round gets fresh state from ``make``
    (outside the timing), so no round profits from caches filled by the one before."""
    best = float("inf")
    for _ in range(rounds):
        work = make()
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return count / best


def _ours(payloads: list[tuple[str, bytes]]) -> Callable[[], None]:
    lexicon = BoilerplateLexicon.default()
    stats = PublisherLineStats()
    raws = [RawItem(id=RawItem.make_id(p, name), payload=p, path=name) for name, p in payloads]

    def work() -> None:
        for raw in raws:
            parsed = parse_raw(raw, lexicon=lexicon)
            cleaned = clean_article(parsed, lexicon, line_stats=stats)
            observe_lines(stats, parsed, cleaned)

    return work


def _trafilatura(pages: list[str]) -> Callable[[], None]:
    import trafilatura

    def work() -> None:
        for page in pages:
            trafilatura.extract(page)

    return work


def main(root: Path = DATA) -> None:
    items = load(root / "gold.jsonl")
    text = [(i["file"], (root / i["file"]).read_bytes()) for i in items if i["kind"] == "text"]
    html = [(i["file"], (root / i["file"]).read_bytes()) for i in items if i["kind"] == "html"]
    pages = [payload.decode("utf-8") for _name, payload in html]
    _ours(text + html)()  # warm up: lexicon, language model, parser caches

    text_rate = _best_rate(len(text), lambda: _ours(text))
    html_rate = _best_rate(len(html), lambda: _ours(html))
    try:
        baseline = _trafilatura(pages)
    except ImportError:
        print("trafilatura is not installed: no baseline")
        baseline = None
    print(f"plain text: {len(text)} scrapes, ours {text_rate:,.0f} articles/s")
    print(f"HTML:       {len(html)} pages,   ours {html_rate:,.0f} articles/s")
    if baseline is not None:
        baseline()
        trafilatura_rate = _best_rate(len(html), lambda: baseline)
        print(f"HTML:       trafilatura.extract alone {trafilatura_rate:,.0f} articles/s")
        print(f"ratio ours/trafilatura on HTML: {html_rate / trafilatura_rate:.2f}x")
        print(f"ratio ours plain text/trafilatura HTML: {text_rate / trafilatura_rate:.2f}x")


if __name__ == "__main__":
    main()
    sys.exit(0)
