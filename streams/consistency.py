"""The fault harness's checker: proves from the topics alone that nothing was lost or doubled.

Pure logic over records already read back (no Kafka client here), so every rule is unit-tested
on hand-made records. What it proves, given every raw id that went into ``wire.raw``:

- **accounting**: each raw item reached exactly one *kind* of place: the output routes, the
  duplicates topic or the dead-letter topic. Matching is by the ``trace-id`` header, which is
  the raw id. The outputs are compacted (latest record per key wins), and at-least-once
  delivery may write the same record twice, so repeats under one key are not "duplicated";
  a record superseded by a later one under the same key (version 2 replacing version 1) still
  proves its item arrived. An item in no place is **lost**; in two kinds of place,
  **duplicated**.
- **routes**: an item's article records agree on their dedup verdict and story wherever they
  appear; on each route, an article's version never goes backwards, neither when an item is
  first delivered (an older version delivered after a newer one) nor in what compaction keeps
  (the latest record per uri carries the highest version the route ever got). Withdrawals and
  kills are records about *another* uri of the story, so only ``delivery: article`` records
  are checked for versions.
- **route contents**: what compaction leaves on every route (per uri: article, withdrawal or
  kill, its status and version) equals what replaying ``wire.tagged`` in order through routing
  and delivery planning with a fresh story history leaves, so no withdrawal or kill was lost
  between a crash and its replay.
- **dedup index**: the worker's dedup table, as recovered from its changelog (latest value per
  key, tombstones delete), equals a table rebuilt by replaying ``wire.clean`` in order through a
  fresh Deduplicator with each message's timestamp as ``now``: the same check Faust's
  consistency tests make of a table against its source.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from streams.article import Article
from streams.headers import TRACE_ID_H
from streams.stages.dedup import DedupConfig, Deduplicator
from streams.stages.dedup_state import ArticleRecord
from streams.stages.deliveries import plan_deliveries, story_of
from streams.stages.route import route as route_article
from streams.stages.rules import RuleSet
from streams.stages.story_tags import is_copy

#: the dedup agent sweeps expired index records when this much stream time has passed
EXPIRE_EVERY_SECONDS = 3600.0
#: at most this many examples of each finding are kept for the report
EXAMPLES = 20


@dataclass(frozen=True, slots=True)
class Message:
    """One Kafka record as read back; ``timestamp_ms`` as the broker stored it."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: Mapping[str, bytes] = field(default_factory=dict)
    timestamp_ms: int | None = None


@dataclass
class Report:
    """What the checker found; ``ok`` when nothing was lost, duplicated or conflicting."""

    items: int
    lost: set[str] = field(default_factory=set)
    duplicated: set[str] = field(default_factory=set)
    route_conflicts: list[str] = field(default_factory=list)
    index_mismatches: list[str] = field(default_factory=list)
    places: dict[str, int] = field(default_factory=dict)
    index_keys: int = 0

    @property
    def conflicting(self) -> int:
        return len(self.route_conflicts) + len(self.index_mismatches)

    @property
    def ok(self) -> bool:
        return not self.lost and not self.duplicated and self.conflicting == 0

    def details(self) -> list[str]:
        """Human-readable lines explaining the figures (a few examples of each finding)."""
        lines = [f"accounted: {self.places} dedup index keys: {self.index_keys}"]
        if self.lost:
            lines.append(f"lost ({len(self.lost)}): {sorted(self.lost)[:EXAMPLES]}")
        if self.duplicated:
            shown = sorted(self.duplicated)[:EXAMPLES]
            lines.append(f"duplicated ({len(self.duplicated)}): {shown}")
        lines += [f"route conflict: {c}" for c in self.route_conflicts[:EXAMPLES]]
        lines += [f"index mismatch: {m}" for m in self.index_mismatches[:EXAMPLES]]
        return lines


def trace_of(message: Message) -> str | None:
    raw = message.headers.get(TRACE_ID_H)
    return raw.decode("utf-8", "replace") if raw else None


def latest_per_key(messages: Iterable[Message]) -> dict[bytes | None, Message]:
    """What log compaction keeps of a topic: the record with the highest offset per key."""
    latest: dict[bytes | None, Message] = {}
    for m in sorted(messages, key=lambda m: (m.partition, m.offset)):
        latest[m.key] = m
    return {k: m for k, m in latest.items() if m.value is not None}


# -- accounting -------------------------------------------------------------------------------


def places_of(
    routes: Mapping[str, Iterable[Message]], duplicates: Iterable[Message], dlq: Iterable[Message]
) -> dict[str, set[str]]:
    """trace id -> the kinds of place it reached."""
    places: dict[str, set[str]] = defaultdict(set)
    kinds: list[tuple[str, Iterable[Message]]] = [("duplicates", duplicates), ("dlq", dlq)]
    kinds += [("routes", records) for records in routes.values()]
    for kind, records in kinds:
        for m in records:
            if (tid := trace_of(m)) is not None:
                places[tid].add(kind)
    return places


def account(
    raw_ids: Iterable[str],
    routes: Mapping[str, Iterable[Message]],
    duplicates: Iterable[Message],
    dlq: Iterable[Message],
) -> tuple[set[str], set[str], dict[str, int]]:
    """(lost ids, duplicated ids, items per kind of place) for the raw ids given."""
    ids = set(raw_ids)
    places = places_of(routes, duplicates, dlq)
    lost = {i for i in ids if not places.get(i)}
    duplicated = {i for i in ids if len(places.get(i, ())) > 1}
    counts: dict[str, int] = defaultdict(int)
    for i in ids:
        for kind in places.get(i, ()):
            counts[kind] += 1
    return lost, duplicated, dict(sorted(counts.items()))


# -- routes -----------------------------------------------------------------------------------


def _header(m: Message, name: str) -> str:
    return m.headers.get(name, b"").decode("utf-8", "replace")


def _verdict(value: bytes | None) -> tuple[str, str, str]:
    obj = orjson.loads(value or b"{}")
    dedup = obj.get("dedup") or {}
    return (str(dedup.get("verdict", "new")), str(dedup.get("story", "")),
            str(dedup.get("canonical", "")))  # fmt: skip


def _version(m: Message) -> int:
    raw = _header(m, "version")
    if raw.isdigit():
        return int(raw)
    return int(orjson.loads(m.value or b"{}").get("version", 1))


def route_conflicts(
    routes: Mapping[str, Iterable[Message]], duplicates: Iterable[Message] = ()
) -> list[str]:
    """Verdicts that disagree for one item, and article versions that go backwards."""
    problems: list[str] = []
    verdicts: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for route, records in sorted(routes.items()):
        ordered = sorted(records, key=lambda m: (m.partition, m.offset))
        articles = [m for m in ordered if m.value is not None and _header(m, "delivery")
                    in ("", "article")]  # fmt: skip
        seen: dict[bytes | None, set[str]] = defaultdict(set)
        highest: dict[bytes | None, int] = {}
        for m in articles:
            tid = trace_of(m) or f"@{m.offset}"
            verdicts[tid].add(_verdict(m.value))
            version = _version(m)
            top = highest.get(m.key)
            if tid not in seen[m.key] and top is not None and version < top:
                problems.append(f"{route}: {m.key!r} got version {version} (item {tid}) "
                                f"after version {top}")  # fmt: skip
            seen[m.key].add(tid)
            highest[m.key] = max(version, top if top is not None else version)
        for key, m in latest_per_key(ordered).items():
            if _header(m, "delivery") in ("", "article") and _version(m) < highest.get(key, 0):
                problems.append(f"{route}: latest record of {key!r} is version {_version(m)}, "
                                f"below version {highest[key]} it held")  # fmt: skip
    for m in duplicates:
        dup_tid = trace_of(m)
        if m.value is not None and dup_tid is not None:
            notice = orjson.loads(m.value)
            verdicts[dup_tid].add(("duplicate", str(notice.get("story", "")),
                               str(notice.get("canonical", ""))))  # fmt: skip
    for tid, found in sorted(verdicts.items()):
        if len(found) > 1:
            problems.append(f"item {tid} has verdicts {sorted(found)}")
    return problems


Held = tuple[str, str, int]  # (delivery kind, pubstatus, version) of a route's latest record


def held_by_routes(routes: Mapping[str, Iterable[Message]]) -> dict[tuple[str, bytes], Held]:
    """(route, uri) -> what compaction leaves on that route for that uri."""
    held: dict[tuple[str, bytes], Held] = {}
    for name, records in routes.items():
        for key, m in latest_per_key(records).items():
            if key is None:
                continue
            status = str(orjson.loads(m.value or b"{}").get("pubstatus", "usable"))
            held[(name, key)] = (_header(m, "delivery") or "article", status, _version(m))
    return held


def rebuild_routes(tagged: Iterable[Message], rules: RuleSet) -> dict[tuple[str, bytes], Held]:
    """Replay ``wire.tagged`` through routing and delivery planning with a fresh history, as
    the route agent does; (route, uri) -> the latest record it would leave."""
    history: dict[str, Any] = {}
    held: dict[tuple[str, bytes], Held] = {}
    for m in sorted(tagged, key=lambda m: (m.partition, m.offset)):
        if m.value is None:
            continue
        try:
            article = Article.from_json(m.value)
            if is_copy(article):  # a copy's notice goes to wire.duplicates, not to a route
                continue
            article = route_article(article, rules)
            story = story_of(article)
            deliveries, story_routes = plan_deliveries(article, history.get(story))
        except Exception:  # dead-lettered by the agent too
            continue
        history[story] = story_routes
        for d in deliveries:
            record = (d.kind, d.article.pubstatus, d.article.version)
            held[(d.route, d.key.encode("utf-8"))] = record
    return held


def compare_routes(
    actual: Mapping[tuple[str, bytes], Held], rebuilt: Mapping[tuple[str, bytes], Held]
) -> list[str]:
    """Route contents that differ from the replay (a lost withdrawal, a stale version)."""
    problems = []
    for where in sorted(set(actual) | set(rebuilt)):
        mine, theirs = actual.get(where), rebuilt.get(where)
        if mine != theirs:
            route_name, key = where
            problems.append(f"{route_name}: {key.decode('utf-8', 'replace')} holds {mine}, "
                            f"the replay gives {theirs}")  # fmt: skip
    return problems


# -- dedup index ------------------------------------------------------------------------------


def _json(data: bytes) -> Any:
    return json.loads(data)


def table_from_changelog(messages: Iterable[Message]) -> dict[str, Any]:
    """A Faust table (json keys and values) as recovery rebuilds it from its changelog."""
    table: dict[str, Any] = {}
    for m in sorted(messages, key=lambda m: (m.partition, m.offset)):
        if m.key is None:
            continue
        key = _json(m.key)
        if m.value is None:
            table.pop(key, None)
        else:
            table[key] = _json(m.value)
    return table


def rebuild_index(clean: Iterable[Message], config: DedupConfig) -> dict[str, Any]:
    """Replay ``wire.clean`` through a fresh Deduplicator the way the dedup agent does."""
    state: dict[str, Any] = {}
    dedup = Deduplicator(state, config)
    last_sweep = 0.0
    for m in sorted(clean, key=lambda m: (m.partition, m.offset)):
        if m.value is None or m.timestamp_ms is None:
            continue
        now = m.timestamp_ms / 1000.0
        try:
            dedup.check(Article.from_json(m.value), now)
        except Exception:  # the agent dead-letters it and moves on; so does the replay
            continue
        if now - last_sweep >= EXPIRE_EVERY_SECONDS:
            dedup.expire(now)
            last_sweep = now
    # through JSON, as the table's serializer does, so tuples and lists compare equal
    normalised: dict[str, Any] = json.loads(json.dumps(state))
    return normalised


def _kind(key: str) -> str:
    return key.split(":", 1)[0] if ":" in key else key


def compare_index(worker: Mapping[str, Any], rebuilt: Mapping[str, Any]) -> list[str]:
    """Keys whose values differ; article records (``a:``) are named by uri."""
    problems: list[str] = []
    for key in sorted(set(worker) | set(rebuilt)):
        mine, theirs = worker.get(key), rebuilt.get(key)
        if mine == theirs:
            continue
        label = key
        if _kind(key) == "a":
            label = f"{key} ({_uri_of(theirs if mine is None else mine)})"
        if mine is None:
            problems.append(f"{label} missing from the worker's table")
        elif theirs is None:
            problems.append(f"{label} in the worker's table but not in the rebuilt one")
        else:
            problems.append(f"{label} differs: {_difference(mine, theirs)}")
    return problems


def _difference(mine: Any, theirs: Any) -> str:
    """Where two stored values differ: the differing fields of records of the same shape."""
    if isinstance(mine, list) and isinstance(theirs, list) and len(mine) == len(theirs):
        fields = [f"[{i}] worker {_short(a, 60)} rebuilt {_short(b, 60)}"
                  for i, (a, b) in enumerate(zip(mine, theirs, strict=True)) if a != b]  # fmt: skip
        return "; ".join(fields)
    if isinstance(mine, dict) and isinstance(theirs, dict):
        keys = sorted(k for k in set(mine) | set(theirs) if mine.get(k) != theirs.get(k))
        return "; ".join(f"{k}: worker {_short(mine.get(k), 60)} rebuilt "
                         f"{_short(theirs.get(k), 60)}" for k in keys)  # fmt: skip
    return f"worker {_short(mine)} rebuilt {_short(theirs)}"


def _uri_of(value: Any) -> str:
    try:
        return ArticleRecord.from_value(value).uri
    except Exception:  # a record this version cannot read names itself by its key
        return "?"


def _short(value: Any, limit: int = 160) -> str:
    text = json.dumps(value, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def check(
    raw_ids: Iterable[str],
    routes: Mapping[str, Iterable[Message]],
    duplicates: Iterable[Message],
    dlq: Iterable[Message],
    clean: Iterable[Message] | None = None,
    changelog: Iterable[Message] | None = None,
    config: DedupConfig | None = None,
    tagged: Iterable[Message] | None = None,
    rules: RuleSet | None = None,
) -> Report:
    """Every check above; the dedup index is compared only when ``clean`` and ``changelog``
    are both given, the routes' contents only when ``tagged`` and ``rules`` are."""
    ids = list(dict.fromkeys(raw_ids))
    routes = {r: list(ms) for r, ms in routes.items()}
    duplicates, dlq = list(duplicates), list(dlq)
    lost, duplicated, counts = account(ids, routes, duplicates, dlq)
    report = Report(items=len(ids), lost=lost, duplicated=duplicated, places=counts)
    report.route_conflicts = route_conflicts(routes, duplicates)
    if tagged is not None and rules is not None:
        rebuilt_routes = rebuild_routes(tagged, rules)
        report.route_conflicts += compare_routes(held_by_routes(routes), rebuilt_routes)
    if clean is not None and changelog is not None:
        worker = table_from_changelog(changelog)
        rebuilt = rebuild_index(clean, config or DedupConfig())
        report.index_keys = len(rebuilt)
        report.index_mismatches = compare_index(worker, rebuilt)
    return report
