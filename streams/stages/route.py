"""The route stage: decide which output routes (``wire.out.<route>``) an article goes to.

Routing is a pure function of the article and a ``RuleSet``, so the same article always
lands on the same routes (replay-safe), and ``explain`` can show an editor why.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from streams.article import Article
from streams.stages.rules import UNROUTED, RuleSet


def matched_routes(article: Article, rules: RuleSet) -> list[str]:
    """Routes of every matching rule in file order, without repeats, up to a stopping rule."""
    ctx = rules.context(article)
    routes: list[str] = []
    for rule in rules.rules:
        if not rule.when.test(ctx):
            continue
        routes += [r for r in rule.routes if r not in routes]
        if rule.stop:
            break
    return routes or [UNROUTED]


def route(article: Article, rules: RuleSet) -> Article:
    """A copy of ``article`` with ``routes`` set; an article no rule matches is ``unrouted``."""
    return dataclasses.replace(article, routes=matched_routes(article, rules))


def explain(article: Article, rules: RuleSet) -> list[dict[str, Any]]:
    """One entry per rule: whether it matched, why, and whether a stop rule cut it off.

    Rules after a matching ``stop`` rule are still evaluated (so the editor sees what they
    would have done) but marked ``skipped``; they contribute no routes.
    """
    ctx = rules.context(article)
    report: list[dict[str, Any]] = []
    stopped_by: str | None = None
    for rule in rules.rules:
        matched, why = rule.when.why(ctx)
        report.append(
            {
                "rule": rule.name,
                "index": rule.index,
                "matched": matched,
                "why": why,
                "routes": list(rule.routes) if matched and stopped_by is None else [],
                "stop": rule.stop,
                "skipped": stopped_by is not None,
                **({"stopped_by": stopped_by} if stopped_by is not None else {}),
            }
        )
        if matched and rule.stop and stopped_by is None:
            stopped_by = rule.name
    return report
