"""What the route stage sends where, given the routes a story is already on.

Output topics are compacted and keyed by article uri, so each route holds the latest record per
uri. To keep a route's consumers consistent as a story changes, this plans, per article:

- the article to every route it matches now;
- a withdrawal (``pubstatus`` withheld) to a route the story was on but no longer matches,
  for each uri of the story that route holds;
- a withdrawal of an older uri of the story on a route that now gets a newer uri (the agency
  original replacing a reprint that arrived first, a write-thru under a new id);
- for a kill (``pubstatus`` canceled or withheld), the kill to every route the story was
  ever on, under every uri each of those routes holds.

The history is a small JSON-able record per story (``{"routes": {route: [uri, ...]}}``) that
the agent keeps in a changelog-backed table. Pure: no Kafka here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from streams.article import Article

DeliveryKind = Literal["article", "withdrawal", "kill"]
KILLED: frozenset[str] = frozenset({"canceled", "withheld"})

WITHDRAWN_NOTE = "Withdrawn from this route: the story's latest version no longer matches it."
SUPERSEDED_NOTE = "Superseded on this route by {uri}."


@dataclass(frozen=True, slots=True)
class Delivery:
    route: str
    kind: DeliveryKind
    article: Article

    @property
    def key(self) -> str:
        return self.article.uri


def story_of(article: Article) -> str:
    return article.dedup.story if article.dedup is not None else article.uri


def _routes_in(history: Any) -> dict[str, list[str]]:
    """The ``routes`` part of a history record, tolerating a missing or malformed one."""
    if not isinstance(history, dict) or not isinstance(history.get("routes"), dict):
        return {}
    return {
        str(route): [str(u) for u in uris]
        for route, uris in history["routes"].items()
        if isinstance(uris, list)
    }


def _withdrawal(article: Article, uri: str, route: str, note: str) -> Article:
    """A record that tells a route's consumers to take ``uri`` down."""
    return replace(
        article,
        uri=uri,
        pubstatus="withheld",
        body_text="",
        body_html=None,
        description=note,
        routes=[route],
    )


def plan_deliveries(article: Article, history: Any) -> tuple[list[Delivery], dict[str, Any]]:
    """The records to send for ``article`` (already routed) and the story's new history."""
    held = _routes_in(history)
    deliveries: list[Delivery] = []
    if article.pubstatus in KILLED:
        targets = list(dict.fromkeys([*held, *article.routes]))
        for route in targets:
            for uri in dict.fromkeys([*held.get(route, []), article.uri]):
                kill = replace(article, uri=uri, routes=targets)
                deliveries.append(Delivery(route, "kill", kill))
        return deliveries, {"routes": {r: held.get(r, [article.uri]) for r in targets}}

    for route in article.routes:
        deliveries.append(Delivery(route, "article", article))
        for old in held.get(route, []):
            if old != article.uri:
                note = SUPERSEDED_NOTE.format(uri=article.uri)
                gone = _withdrawal(article, old, route, note)
                deliveries.append(Delivery(route, "withdrawal", gone))
    for route, uris in held.items():
        if route in article.routes:
            continue
        for uri in uris:
            deliveries.append(
                Delivery(route, "withdrawal", _withdrawal(article, uri, route, WITHDRAWN_NOTE))
            )
    return deliveries, {"routes": {route: [article.uri] for route in article.routes}}
