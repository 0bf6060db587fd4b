"""Properties over any arrival order: replay-safe, never a copy of itself, deterministic."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from streams.article import Article, DedupInfo, Provenance
from streams.stages.dedup import Deduplicator

PARAGRAPHS = [
    "The port authority said container traffic fell for a third month as shipping lines "
    "diverted vessels around the cape to avoid attacks in the Red Sea.",
    "Insurers have raised war-risk premiums for ships calling at ports in the region, "
    "adding hundreds of thousands of dollars to the cost of a single voyage.",
    "Dockworkers in the city staged a brief strike on Monday over overtime pay, but the "
    "union said talks with employers would resume later in the week.",
    "Officials expect volumes to recover in the second half of the year if the route through "
    "the canal becomes safe again, a spokesperson for the authority said.",
    "Farmers in the northern province said heavy rain had delayed the wheat harvest by two "
    "weeks and damaged storage barns in several villages near the river.",
    "The agriculture ministry promised emergency loans and said it would send engineers to "
    "inspect the dams upstream before the next storm arrives on Friday.",
]

item = st.tuples(
    st.sampled_from([f"urn:test:{i}" for i in range(5)]),
    st.lists(st.integers(0, len(PARAGRAPHS) - 1), min_size=0, max_size=5),
    st.integers(1, 3),
    st.sampled_from([None, "Gazette"]),
    st.sampled_from(["usable", "usable", "canceled"]),
)


def build(spec: tuple[str, list[int], int, str | None, str]) -> Article:
    uri, paras, version, publisher, status = spec
    return Article(
        uri=uri,
        headline="Port traffic falls",
        body_text="\n\n".join(PARAGRAPHS[i] for i in paras),
        provenance=Provenance(format="ninjs", received_at="2024-01-01T00:00:00Z"),
        version=version,
        source="AP",
        publisher=publisher,
        pubstatus=status,  # type: ignore[arg-type]
    )


def run(specs: list[tuple[str, list[int], int, str | None, str]]) -> list[DedupInfo | None]:
    dedup = Deduplicator({})
    return [dedup.check(build(s), 1000.0 + i).dedup for i, s in enumerate(specs)]


@settings(max_examples=60, deadline=None)
@given(st.lists(item, min_size=1, max_size=12))
def test_any_sequence_is_replay_safe_and_never_a_duplicate_of_itself(specs: list) -> None:
    dedup = Deduplicator({})
    for i, spec in enumerate(specs):
        article = build(spec)
        info = dedup.check(article, 1000.0 + i).dedup
        assert info is not None
        assert not (info.verdict == "duplicate" and info.of == article.uri)
        assert info.verdict != "new" or info.of is None
        again = dedup.check(article, 2000.0 + i).dedup
        assert again == info


@settings(max_examples=30, deadline=None)
@given(st.lists(item, min_size=1, max_size=12))
def test_any_sequence_gets_the_same_verdicts_twice(specs: list) -> None:
    assert run(specs) == run(specs)
