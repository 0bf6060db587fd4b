"""Learned per-publisher boilerplate: what is learned, that it lives in a key-value state (one
bounded, compact record per publisher) and that a new object over recovered state carries on."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from streams.stages.boilerplate import PublisherLineStats, headline_signature, publisher_key

HEADLINES = [
    "Bridge reopens after repairs",
    "Storm warning issued for the coast",
    "Council votes on the budget",
    "Port strike ends after talks",
    "Rail fares rise in January",
    "Museum opens new wing",
]


def compact(value: Any) -> bytes:
    """A value as the worker's table writes it to its changelog (Faust's json codec)."""
    return json.dumps(value, separators=(",", ":")).encode("utf-8")


def recovered(state: dict[str, Any]) -> dict[str, Any]:
    """The state a restarted worker rebuilds from the changelog: every value through JSON."""
    return {key: json.loads(compact(value)) for key, value in state.items()}


class RecordingState(dict[str, Any]):
    """A dict that records each write as the bytes it would put on the changelog."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[tuple[str, bytes]] = []

    def __setitem__(self, key: str, value: Any) -> None:
        self.writes.append((key, compact(value)))
        super().__setitem__(key, value)


def test_line_stats_need_enough_items_and_stay_bounded() -> None:
    stats = PublisherLineStats(min_items=5, min_share=0.5, max_publishers=2, max_lines=3)
    heads = ["Bridge reopens", "Storm warning issued", "Council votes budget", "Port strike ends"]
    for n, head in enumerate(heads):
        stats.observe("P", ["Chrome line", f"story {n}"], headline=head)
    assert not stats.is_frequent("P", "Chrome line")
    stats.observe("P", ["Chrome line"], headline="Rail fares rise")
    assert stats.is_frequent("P", "chrome   LINE")
    assert not stats.is_frequent("P", "story 1")
    assert stats.counts("P") == (5, 3)
    stats.observe("Q", ["x"])
    stats.observe("R", ["y"])
    assert sorted(stats.state.items()) and len(list(stats.state.items())) == 2
    assert stats.counts("P")[0] == 5  # the publisher with most items is the one kept


def test_line_repeated_by_versions_of_one_story_is_not_learned() -> None:
    """Write-thrus repeat a story's background paragraph item after item, under versions of
    one headline: that is news, not the publisher's chrome."""
    stats = PublisherLineStats(min_items=5, min_share=0.3)
    background = "Peru sits on the Pacific Ring of Fire and records hundreds of tremors."
    for n in range(12):
        stats.observe("P", [background, f"Update {n}."], headline="Strong earthquake shakes Peru")
    assert not stats.is_frequent("P", background)


def test_replayed_item_counts_once() -> None:
    stats = PublisherLineStats(min_items=2, min_share=0.5, min_count=1)
    stats.observe("P", ["Chrome line"], item_key="urn:1", headline="One")
    stats.observe("P", ["Chrome line"], item_key="urn:1", headline="One")
    assert stats.counts("P") == (1, 1)
    assert not stats.is_frequent("P", "Chrome line")


def test_long_lines_are_never_learned() -> None:
    stats = PublisherLineStats(min_items=2, min_share=0.5, min_count=1, max_line_chars=40)
    long_line = "A paragraph long enough to be story text rather than a chrome line."
    for head in ("One story", "Another story", "A third story"):
        stats.observe("P", [long_line], headline=head)
    assert not stats.is_frequent("P", long_line)


items_strategy = st.lists(
    st.tuples(
        st.sampled_from(["P", "Q"]),
        st.lists(st.sampled_from([f"Line {n}" for n in range(8)]), max_size=6),
        st.sampled_from(HEADLINES),
        st.one_of(st.none(), st.sampled_from([f"urn:{n}" for n in range(6)])),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(items_strategy)
def test_learned_lines_are_exactly_the_counted_rule(
    items: list[tuple[str, list[str], str, str | None]],
) -> None:
    """Below the caps, the compact record decides exactly what counting every item by hand
    decides: enough items, a big enough share, enough distinct headlines; a replayed key once."""
    stats = PublisherLineStats(min_items=3, min_share=0.3, min_count=2)
    totals: dict[str, int] = defaultdict(int)
    seen: dict[tuple[str, str], int] = defaultdict(int)
    heads: dict[tuple[str, str], set[int]] = defaultdict(set)
    keys: dict[str, set[str]] = defaultdict(set)
    for publisher, lines, headline, item_key in items:
        stats.observe(publisher, lines, item_key=item_key, headline=headline)
        if item_key is not None:
            if item_key in keys[publisher]:
                continue
            keys[publisher].add(item_key)
        totals[publisher] += 1
        for line in set(lines):
            seen[publisher, line] += 1
            heads[publisher, line].add(headline_signature(headline))
    for publisher in ("P", "Q"):
        for line in (f"Line {n}" for n in range(8)):
            n = totals[publisher]
            expected = (
                n >= 3 and seen[publisher, line] / n >= 0.3 and len(heads[publisher, line]) >= 2
            )
            assert stats.is_frequent(publisher, line) is expected, (publisher, line)


def test_a_new_object_over_recovered_state_keeps_what_was_learned() -> None:
    """What a restarted or moved worker sees: its table rebuilt from the changelog."""
    state: dict[str, Any] = {}
    before = PublisherLineStats(state, min_items=4, min_share=0.5, min_count=2)
    for n, head in enumerate(HEADLINES):
        before.observe("P", ["Get our app", f"Story line {n}"], item_key=f"u{n}", headline=head)
    after = PublisherLineStats(recovered(state), min_items=4, min_share=0.5, min_count=2)
    assert after.is_frequent("P", "Get our app")
    assert not after.is_frequent("P", "Story line 1")
    after.observe("P", ["Get our app"], item_key="u5", headline=HEADLINES[5])  # a replay
    assert after.counts("P") == before.counts("P")


def test_each_item_writes_one_key_with_a_new_value() -> None:
    """A Faust table writes its changelog on assignment only, so the record must never be
    edited in place: the value stored must stay what was written."""
    state = RecordingState()
    stats = PublisherLineStats(state, min_items=2, min_share=0.5, min_count=1)
    for n, head in enumerate(HEADLINES):
        stats.observe("P" if n % 2 else "Q", ["Chrome", f"story {n}"], headline=head)
        assert len(state.writes) == n + 1
        stats.is_frequent("P", "Chrome")
    latest = dict(state.writes)
    assert {key: compact(value) for key, value in state.items()} == latest
    assert set(latest) == {publisher_key("P"), publisher_key("Q")}


def test_a_full_publisher_record_stays_small() -> None:
    """At its line cap a record is what every later item rewrites: a few bytes per line."""
    state: dict[str, Any] = {}
    stats = PublisherLineStats(state)
    chrome = [f"Follow us on channel {n}" for n in range(10)]
    words = " ".join(HEADLINES).split()
    for item in range(200):
        story = [f"Paragraph {p} of story {item}, told in a sentence or two." for p in range(25)]
        headline = " ".join(words[(item * k) % len(words)] for k in (1, 3, 7))
        stats.observe(
            "The Valley Tribune", [*chrome, *story], item_key=f"urn:{item}", headline=headline
        )
    items, lines = stats.counts("The Valley Tribune")
    assert (items, lines) == (200, stats.max_lines)
    size = len(compact(state[publisher_key("The Valley Tribune")]))
    assert size / lines <= 10.0, size
    assert stats.is_frequent("The Valley Tribune", chrome[3])
    assert not stats.is_frequent("The Valley Tribune", story[1])


def test_publishers_stay_capped_and_the_busiest_are_kept() -> None:
    stats = PublisherLineStats(max_publishers=32)
    for n in range(4):
        for _ in range(5):
            stats.observe(f"Busy {n}", ["line"], headline="h")
    for n in range(200):
        stats.observe(f"One-off {n}", ["line"], headline="h")
        assert len(list(stats.state.items())) <= 32
    assert all(stats.counts(f"Busy {n}")[0] == 5 for n in range(4))


def test_an_unreadable_record_starts_afresh_instead_of_raising() -> None:
    state: dict[str, Any] = {
        publisher_key("P"): ["junk", "not base64!", 3, None],
        publisher_key("Q"): [5, "", [[1, "AAAA"]], {}],  # a digest of the wrong size
        publisher_key("R"): 17,
    }
    stats = PublisherLineStats(state, min_items=1, min_share=0.1, min_count=1)
    for publisher in ("P", "Q", "R"):
        assert not stats.is_frequent(publisher, "Chrome")
        stats.observe(publisher, ["Chrome"], headline="h")
        assert stats.is_frequent(publisher, "Chrome")
        assert stats.counts(publisher) == (1, 1)


def test_a_very_long_publisher_name_gets_a_short_key() -> None:
    name = "Masthead " * 100
    key = publisher_key(name)
    assert len(key) < 40 and key != publisher_key(name + "x")
    stats = PublisherLineStats(min_items=1, min_share=0.1, min_count=1)
    stats.observe(name, ["Chrome"], headline="h")
    assert stats.is_frequent(name, "Chrome") and not stats.is_frequent("Masthead", "Chrome")
