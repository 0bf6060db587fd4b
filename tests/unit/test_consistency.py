"""The fault harness's checker, on hand-made records: what counts as lost, duplicated and
conflicting, and how the dedup index is rebuilt and compared."""

from __future__ import annotations

import json
from typing import Any

import orjson

from streams.article import Article, DedupInfo, Provenance
from streams.consistency import (
    Message,
    account,
    check,
    compare_index,
    compare_routes,
    held_by_routes,
    latest_per_key,
    rebuild_index,
    rebuild_routes,
    route_conflicts,
    table_from_changelog,
)
from streams.settings import Settings
from streams.stages.dedup import DedupConfig, Deduplicator
from streams.stages.rules import RuleSet

_offsets: dict[str, int] = {}


def msg(
    topic: str,
    key: str | None,
    value: bytes | None,
    trace: str | None = None,
    ts: int | None = None,
    **headers: str,
) -> Message:
    offset = _offsets.get(topic, 0)
    _offsets[topic] = offset + 1
    hdrs = {k.replace("_", "-"): v.encode() for k, v in headers.items()}
    if trace is not None:
        hdrs["trace-id"] = trace.encode()
    return Message(topic, 0, offset, None if key is None else key.encode(), value, hdrs, ts)


def routed(
    route: str, uri: str, trace: str, version: int = 1, verdict: str = "new",
    story: str = "s1", delivery: str = "article",
) -> Message:  # fmt: skip
    dedup = {"verdict": verdict, "story": story, "canonical": uri}
    value = orjson.dumps({"uri": uri, "version": version, "dedup": dedup})
    return msg(f"out.{route}", uri, value, trace, version=str(version), delivery=delivery)


def notice(uri: str, trace: str, story: str = "s1") -> Message:
    value = orjson.dumps({"uri": uri, "story": story, "of": "x", "canonical": "x"})
    return msg("dups", uri, value, trace)


def letter(trace: str) -> Message:
    return msg("dlq", trace, b"{}", trace)


# -- accounting -------------------------------------------------------------------------------


def test_an_item_that_reached_no_place_is_lost() -> None:
    lost, duplicated, _ = account(["a", "b"], {"world": [routed("world", "u1", "a")]}, [], [])
    assert lost == {"b"}
    assert duplicated == set()


def test_an_item_on_a_route_and_in_the_duplicates_is_duplicated() -> None:
    routes = {"world": [routed("world", "u1", "a")]}
    lost, duplicated, counts = account(["a"], routes, [notice("u1", "a")], [])
    assert duplicated == {"a"}
    assert lost == set()
    assert counts == {"duplicates": 1, "routes": 1}


def test_an_item_dead_lettered_and_routed_is_duplicated() -> None:
    _, duplicated, _ = account(["a"], {"x": [routed("x", "u1", "a")]}, [], [letter("a")])
    assert duplicated == {"a"}


def test_redelivered_records_and_several_routes_are_one_place() -> None:
    routes = {
        "world": [routed("world", "u1", "a"), routed("world", "u1", "a")],
        "politics": [routed("politics", "u1", "a")],
    }
    lost, duplicated, counts = account(["a"], routes, [], [])
    assert (lost, duplicated, counts) == (set(), set(), {"routes": 1})


def test_a_version_superseded_under_its_key_still_accounts_for_its_item() -> None:
    records = [routed("world", "u1", "v1-item", 1), routed("world", "u1", "v2-item", 2)]
    assert [m.headers["trace-id"] for m in latest_per_key(records).values()] == [b"v2-item"]
    lost, _, _ = account(["v1-item", "v2-item"], {"world": records}, [], [])
    assert lost == set()


def test_compaction_drops_keys_whose_latest_record_is_a_tombstone() -> None:
    records = [msg("t", "k", b"1"), msg("t", "k", None), msg("t", "j", b"2")]
    assert list(latest_per_key(records)) == [b"j"]


# -- routes -----------------------------------------------------------------------------------


def test_one_item_with_two_verdicts_is_conflicting() -> None:
    routes = {
        "world": [routed("world", "u1", "a", verdict="new")],
        "politics": [routed("politics", "u1", "a", verdict="update")],
    }
    problems = route_conflicts(routes)
    assert len(problems) == 1 and "item a" in problems[0]


def test_an_item_both_routed_and_a_duplicate_notice_has_two_verdicts() -> None:
    problems = route_conflicts({"world": [routed("world", "u1", "a")]}, [notice("u1", "a")])
    assert any("item a" in p for p in problems)


def test_an_older_version_delivered_after_a_newer_one_is_conflicting() -> None:
    records = [routed("world", "u1", "v2", 2), routed("world", "u1", "v1", 1),
               routed("world", "u1", "v3", 3)]  # fmt: skip
    problems = route_conflicts({"world": records})
    assert len(problems) == 1 and "version 1" in problems[0]


def test_a_replayed_window_is_not_a_version_regression() -> None:
    records = [routed("world", "u1", "v1", 1), routed("world", "u1", "v2", 2),
               routed("world", "u1", "v1", 1), routed("world", "u1", "v2", 2)]  # fmt: skip
    assert route_conflicts({"world": records}) == []


def test_a_route_left_holding_an_older_version_is_conflicting() -> None:
    records = [routed("world", "u1", "v1", 1), routed("world", "u1", "v2", 2),
               routed("world", "u1", "v1", 1)]  # fmt: skip
    problems = route_conflicts({"world": records})
    assert len(problems) == 1 and "latest record" in problems[0]


def test_withdrawals_of_other_uris_are_not_version_regressions() -> None:
    records = [routed("world", "u1", "a", 3),
               routed("world", "u1", "b", 1, delivery="withdrawal")]  # fmt: skip
    assert route_conflicts({"world": records}) == []


# -- dedup index ------------------------------------------------------------------------------


class ChangelogTable(dict[str, Any]):
    """A dict that logs every write the way a Faust table writes its changelog."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[Message] = []

    def _write(self, key: str, value: Any) -> None:
        data = None if value is None else json.dumps(value).encode()
        self.log.append(msg("changelog", json.dumps(key), data))

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self._write(key, value)

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self._write(key, None)

    def pop(self, key: str, default: Any = None) -> Any:
        if key in self:
            value = super().pop(key)
            self._write(key, None)
            return value
        return default


BODY = ("The harbour authority in Port Elwin said on Tuesday that {n} container cranes would be "
        "replaced by electric models over the next {m} years, at a cost the city council put "
        "at roughly {c} million, after a long dispute with the dockers' union over staffing.")


def article(uri: str, n: int, version: int = 1) -> Article:
    body = BODY.format(n=n, m=n + 3, c=n * 7)
    provenance = Provenance(format="text", received_at="")
    return Article(uri=uri, headline=f"Cranes {n}", body_text=body, provenance=provenance,
                   version=version)


def clean_stream(articles: list[Article], start_ms: int = 1_790_000_000_000) -> list[Message]:
    return [msg("clean", a.uri, a.to_json(), ts=start_ms + i * 1000)
            for i, a in enumerate(articles)]  # fmt: skip


def run_worker(clean: list[Message]) -> ChangelogTable:
    """What the dedup agent does with ``clean``: check each article at its timestamp."""
    table = ChangelogTable()
    dedup = Deduplicator(table, DedupConfig())
    for m in clean:
        assert m.value is not None and m.timestamp_ms is not None
        dedup.check(Article.from_json(m.value), m.timestamp_ms / 1000.0)
    return table


def test_a_table_recovered_from_its_changelog_keeps_latest_values_and_drops_tombstones() -> None:
    log = [msg("cl", '"a"', b"1"), msg("cl", '"b"', b"[2]"), msg("cl", '"a"', b"3"),
           msg("cl", '"b"', None)]  # fmt: skip
    assert table_from_changelog(log) == {"a": 3}


def test_the_rebuilt_index_equals_the_table_its_changelog_recovers() -> None:
    arts = [article("u1", 1), article("u2", 2), article("u1-copy", 1), article("u1", 1, 2)]
    clean = clean_stream(arts)
    table = run_worker(clean)
    rebuilt = rebuild_index(clean, DedupConfig())
    assert compare_index(table_from_changelog(table.log), rebuilt) == []
    assert any(k.startswith("a:") for k in rebuilt)


def test_a_clean_record_delivered_twice_rebuilds_the_same_index() -> None:
    arts = [article("u1", 1), article("u2", 2)]
    once = rebuild_index(clean_stream(arts), DedupConfig())
    twice = rebuild_index(clean_stream([*arts, arts[0]]), DedupConfig())
    assert compare_index(once, twice) == []


def test_a_lost_changelog_write_shows_as_an_index_mismatch() -> None:
    clean = clean_stream([article("u1", 1), article("u2", 2)])
    table = run_worker(clean)
    article_writes = [i for i, m in enumerate(table.log) if m.key and m.key.startswith(b'"a:')]
    damaged = [m for i, m in enumerate(table.log) if i != article_writes[-1]]
    problems = compare_index(table_from_changelog(damaged), rebuild_index(clean, DedupConfig()))
    assert len(problems) == 1 and "(u2)" in problems[0] and "missing" in problems[0]


def test_check_reports_every_kind_of_finding() -> None:
    routes = {"world": [routed("world", "u1", "a"), routed("world", "u2", "b", verdict="new"),
                        routed("world", "u2", "b", verdict="update")]}  # fmt: skip
    report = check(["a", "b", "c"], routes, [notice("u1", "a")], [])
    assert report.lost == {"c"}
    assert report.duplicated == {"a"}
    assert report.conflicting == 2  # item a (route vs notice) and item b (new vs update)
    assert not report.ok
    assert any("lost" in line for line in report.details())


def test_check_is_clean_for_a_consistent_run() -> None:
    clean = clean_stream([article("u1", 1), article("u2", 2)])
    table = run_worker(clean)
    routes = {"world": [routed("world", "u1", "a"), routed("world", "u2", "b")]}
    report = check(["a", "b", "c"], routes, [], [letter("c")], clean, table.log)
    assert report.ok, report.details()
    assert report.places == {"dlq": 1, "routes": 2}


def test_dedup_info_survives_the_article_json_round_trip() -> None:
    a = article("u9", 9)
    a.dedup = DedupInfo("new", "s", canonical="u9")
    assert Article.from_json(a.to_json()).dedup == a.dedup


# -- route contents ---------------------------------------------------------------------------


def tagged_story() -> list[Message]:
    """A reprint that arrived first, then the agency original of the same story."""
    out = []
    for uri in ("reprint", "original"):
        a = article(uri, 4)
        a.dedup = DedupInfo("new" if uri == "reprint" else "update", "story:s", canonical=uri)
        out.append(msg("tagged", uri, a.to_json(), uri))
    return out


def test_a_route_that_kept_a_superseded_reprint_differs_from_the_replay() -> None:
    rules = RuleSet.load(Settings().rules_file)
    rebuilt = rebuild_routes(tagged_story(), rules)
    assert rebuilt[("unrouted", b"reprint")][0] == "withdrawal"
    lost_withdrawal = {"unrouted": [routed("unrouted", "reprint", "reprint"),
                                    routed("unrouted", "original", "original")]}  # fmt: skip
    problems = compare_routes(held_by_routes(lost_withdrawal), rebuilt)
    assert len(problems) == 1 and "reprint" in problems[0]


def test_a_route_holding_what_the_replay_holds_has_no_conflict() -> None:
    rules = RuleSet.load(Settings().rules_file)
    complete = {"unrouted": [
        routed("unrouted", "reprint", "reprint"),
        msg("out.unrouted", "reprint", orjson.dumps({"uri": "reprint", "pubstatus": "withheld"}),
            "original", version="1", delivery="withdrawal"),
        routed("unrouted", "original", "original"),
    ]}  # fmt: skip
    assert compare_routes(held_by_routes(complete), rebuild_routes(tagged_story(), rules)) == []
