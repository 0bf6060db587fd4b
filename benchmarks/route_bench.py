"""Routing throughput through 200 rules: the compiled RuleSet against a naive evaluator.

The naive evaluator is what a first version would do: walk the rule dicts for every
article, compile each regex when it is used, read each field afresh for every condition and
expand subject codes to their broader codes every time. Both run in this process on the same
articles and rules, and must agree on every article's routes; the figure is the ratio.
"""

from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path
from typing import Any

from streams.article import Article
from streams.ingest import read_items
from streams.pipeline import InProcessPipeline, Stages
from streams.settings import Settings
from streams.stages.route import route
from streams.stages.rules import RuleSet
from streams.stages.subjects import default_vocabulary

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
PLACES = ["Seoul", "Manila", "Chile", "Kenya", "Brussels", "Tokyo", "Hanoi", "Dhaka", "Berlin"]
WORDS = ["earthquake", "merger", "vaccine", "election", "tariff", "final", "recall", "strike"]
SUBJECTS = ["medtop:11000000", "medtop:04000000", "medtop:15000000", "medtop:20000638"]


def make_rules(count: int, seed: int = 7) -> dict[str, Any]:
    """``count`` rules mixing every kind of condition a desk writes."""
    rnd = random.Random(seed)
    rules = []
    for i in range(count):
        leaves: list[dict[str, Any]] = [
            {"field": "places", "op": "in", "value": rnd.sample(PLACES, 3)},
            {"field": "text", "op": "contains", "value": rnd.choice(WORDS)},
            {"field": "subjects", "op": "eq", "value": rnd.choice(SUBJECTS)},
            {"field": "urgency", "op": "lte", "value": rnd.randint(1, 5)},
            {"field": "headline", "op": "matches", "value": rf"\b{rnd.choice(WORDS)}s?\b"},
            {"field": "source", "op": "in", "value": rnd.sample(["AP", "Reuters", "AFP"], 2)},
        ]
        picked = rnd.sample(leaves, 2)
        when = {"all": picked} if i % 2 else {"any": picked}
        rules.append({"name": f"r{i}", "when": when, "routes": [f"desk-{i % 40}"]})
    return {"version": "bench", "rules": rules}


def naive_routes(article: Article, rules: dict[str, Any]) -> list[str]:
    vocabulary = default_vocabulary()

    def value(field: str) -> Any:
        if field == "text":
            return f"{article.headline}\n\n{article.body_text}"
        if field in ("people", "organisations", "places"):
            return [e.name.casefold() for e in getattr(article, field)]
        if field == "subjects":
            codes = []
            for s in article.subjects:
                codes += [s.code, *vocabulary.broader(s.code)]
            return codes
        v = getattr(article, field)
        return v.casefold() if isinstance(v, str) else v

    def test(node: dict[str, Any]) -> bool:
        if "all" in node:
            return all(test(n) for n in node["all"])
        if "any" in node:
            return any(test(n) for n in node["any"])
        if "not" in node:
            return not test(node["not"])
        actual, op, want = value(node["field"]), node["op"], node["value"]
        if actual is None:
            return False
        if node["field"] == "text" and op == "contains":
            return re.search(rf"\b{re.escape(want)}\b", actual, re.IGNORECASE) is not None
        if op == "matches":
            return re.compile(want, re.IGNORECASE).search(actual) is not None
        items = actual if isinstance(actual, list) else [actual]
        if op == "eq":
            return any(i == (want.casefold() if isinstance(want, str) else want) for i in items)
        if op == "in":
            return any(i in [w.casefold() for w in want] for i in items)
        if op == "lte":
            return any(isinstance(i, int) and i <= want for i in items)
        raise ValueError(op)

    out: list[str] = []
    for rule in rules["rules"]:
        if test(rule["when"]):
            out += [r for r in rule["routes"] if r not in out]
    return out or ["unrouted"]


def main() -> None:
    stages = Stages(Settings())
    outcomes = InProcessPipeline(stages, until="tag").run(read_items([str(SAMPLES)]))
    articles = [o.article for o in outcomes if o.article is not None]
    obj = make_rules(200)
    compiled = RuleSet.from_obj(obj, origin="bench")
    for a in articles:
        assert route(a, compiled).routes == naive_routes(a, obj), a.headline
    rounds = 30
    start = time.perf_counter()
    for _ in range(rounds):
        for a in articles:
            route(a, compiled)
    fast = rounds * len(articles) / (time.perf_counter() - start)
    start = time.perf_counter()
    for _ in range(rounds):
        for a in articles:
            naive_routes(a, obj)
    slow = rounds * len(articles) / (time.perf_counter() - start)
    print(f"route: {len(compiled.rules)} rules, {len(articles)} articles x {rounds} rounds")
    print(f"  compiled RuleSet : {fast:10.0f} articles/s")
    print(f"  naive evaluation : {slow:10.0f} articles/s")
    print(f"  ratio            : {fast / slow:10.2f}x (same process, same articles, same routes)")


if __name__ == "__main__":
    main()
    sys.exit(0)
