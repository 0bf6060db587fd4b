"""Dedup verdicts on small hand-written wire stories (our own text, in agency shape)."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import orjson
import pytest

from streams.article import Article, Provenance, Signals
from streams.stages.dedup import DedupConfig, Deduplicator, KeyValueState, MemoryState

T0 = 1_700_000_000.0

TALKS = [
    "SEOUL, South Korea (AP) — Japan’s foreign minister met his South Korean counterpart in "
    "Seoul on Tuesday and agreed to restore a fast-track export approval system for chip "
    "materials that the two governments suspended four years ago.",
    "Foreign Minister Haruto Kanda and South Korean Foreign Minister Cho Min-seok said in a "
    "joint statement that officials would finish the paperwork by the end of March, "
    "according to South Korea’s Foreign Ministry.",
    "The decision ends a dispute that began in 2019, when Tokyo tightened checks on three "
    "chemicals used to make semiconductors and displays, and Seoul answered with a complaint "
    "at the World Trade Organization.",
    "“We have turned a difficult page,” Cho told reporters after the talks, which ran nearly "
    "an hour longer than scheduled. Kanda said both sides wanted supply chains that “do not "
    "break when politics gets rough.”",
    "Business groups in both countries welcomed the move. The Korea International Trade "
    "Association said member companies had spent heavily on stockpiles and alternative "
    "suppliers while the restrictions were in place.",
    "The ministers also discussed North Korea’s recent missile launches and agreed to share "
    "more radar data with the United States, a step officials said was overdue.",
    "Kanda is scheduled to meet South Korea’s prime minister on Wednesday before flying to "
    "Manila for a regional security meeting later in the week.",
    "Relations between the neighbors have warmed since last year, though disputes over "
    "wartime history and a cluster of small islands remain unresolved.",
]

# Same minister, same city, same day, a different event: must not be taken as the same story.
MEMORIAL = [
    "SEOUL, South Korea (AP) — Japan’s foreign minister laid flowers at a Seoul cemetery on "
    "Tuesday for Korean laborers who died in Japanese mines during World War II, a gesture "
    "that drew both praise and protest outside the gates.",
    "Foreign Minister Haruto Kanda bowed for about a minute at the memorial stone and did not "
    "speak to reporters. South Korean Foreign Minister Cho Min-seok did not attend, according "
    "to South Korea’s Foreign Ministry.",
    "Several dozen protesters held banners demanding a formal apology and compensation paid "
    "directly by the Japanese companies that used the laborers, rather than by a fund "
    "financed by South Korean firms.",
    "“Flowers are not an apology,” said Lim Soo-jin, 71, whose father was sent to a coal mine "
    "in Kyushu in 1943 and never returned. Police kept the two groups apart and no arrests "
    "were reported.",
    "A survivors’ association said it had not been told of the visit in advance and learned "
    "of it from a television crew that arrived at the cemetery early in the morning.",
    "Japan’s Embassy in Seoul said in a statement that the minister wished to honor the "
    "memory of all those who suffered and would continue to listen to the families.",
    "Kanda is scheduled to meet South Korea’s prime minister on Wednesday before flying to "
    "Manila for a regional security meeting later in the week.",
]

WRITE_THRU_TOP = [
    "SEOUL, South Korea (AP) — Japan and South Korea on Tuesday ended a four-year fight over "
    "exports of chip-making chemicals, with Tokyo restoring fast-track approvals and Seoul "
    "dropping its trade complaint, in the clearest sign yet of a thaw between the neighbors.",
    "Hours after the announcement, shares of South Korean chipmakers rose more than 3% in "
    "late trading, and Japan’s trade ministry said the first approvals under the restored "
    "system could come within six weeks of the paperwork being signed.",
]


def story(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def make(
    uri: str,
    body: str,
    *,
    headline: str = "Japan, South Korea end export dispute over chip materials",
    version: int = 1,
    source: str | None = "AP",
    publisher: str | None = None,
    versioncreated: str | None = "2024-03-12T05:10:00Z",
    pubstatus: Any = "usable",
    signals: Signals | None = None,
) -> Article:
    return Article(
        uri=uri,
        headline=headline,
        body_text=body,
        provenance=Provenance(format="ninjs", received_at="2024-03-12T05:11:00Z"),
        version=version,
        source=source,
        publisher=publisher,
        versioncreated=versioncreated,
        pubstatus=pubstatus,
        signals=signals or Signals(),
    )


AP_URI = "urn:ap:2024:kanda-cho-export-talks"
ORIGINAL = make(AP_URI, story(TALKS))


def reprint(
    body: str, uri: str = "https://ledger.example/world/japan-korea-export-deal", **kw: Any
) -> Article:
    kw.setdefault("publisher", "The Daily Ledger")
    kw.setdefault("versioncreated", "2024-03-12T06:00:00Z")
    return make(uri, body, **kw)


@pytest.fixture
def dedup() -> Deduplicator:
    return Deduplicator({})


def verdict_of(article: Article) -> Any:
    assert article.dedup is not None
    return article.dedup


def test_first_sighting_is_new_story_and_canonical(dedup: Deduplicator) -> None:
    info = verdict_of(dedup.check(ORIGINAL, T0))
    assert info.verdict == "new"
    assert info.of is None
    assert info.story.startswith("story:")
    assert info.canonical == AP_URI


def test_check_returns_a_copy_and_leaves_the_input_alone(dedup: Deduplicator) -> None:
    out = dedup.check(ORIGINAL, T0)
    assert ORIGINAL.dedup is None
    assert out is not ORIGINAL
    assert out.body_text == ORIGINAL.body_text


def test_exact_reprint_is_duplicate_of_original(dedup: Deduplicator) -> None:
    first = verdict_of(dedup.check(ORIGINAL, T0))
    info = verdict_of(dedup.check(reprint(story(TALKS)), T0 + 60))
    assert info.verdict == "duplicate"
    assert info.of == AP_URI
    assert info.story == first.story
    assert info.similarity == 1.0
    assert info.canonical == AP_URI


def test_reprint_with_straight_quotes_plain_dashes_and_no_dateline_is_exact_copy(
    dedup: Deduplicator,
) -> None:
    dedup.check(ORIGINAL, T0)
    flattened = story(TALKS).replace("’", "'").replace("“", '"').replace("”", '"')
    flattened = flattened.replace("SEOUL, South Korea (AP) — ", "").replace("—", "-")
    info = verdict_of(dedup.check(reprint("  " + flattened.replace("\n\n", "\n \n")), T0 + 60))
    assert info.verdict == "duplicate"
    assert info.of == AP_URI
    assert info.similarity == 1.0


def test_reprint_with_publisher_line_added_and_new_headline_is_duplicate(
    dedup: Deduplicator,
) -> None:
    dedup.check(ORIGINAL, T0)
    body = story([*TALKS[:4], "Read more: our full coverage of Asia trade.", *TALKS[4:]])
    info = verdict_of(dedup.check(reprint(body, headline="Tokyo and Seoul bury chip row"), T0 + 60))
    assert info.verdict == "duplicate"
    assert info.of == AP_URI
    assert info.similarity >= 0.8  # the original is wholly contained in the reprint


def test_reprint_trimmed_of_last_two_paragraphs_is_duplicate(dedup: Deduplicator) -> None:
    dedup.check(ORIGINAL, T0)
    info = verdict_of(dedup.check(reprint(story(TALKS[:-2])), T0 + 60))
    assert info.verdict == "duplicate"
    assert info.of == AP_URI
    assert info.similarity >= 0.8


def test_publisher_reprint_with_extra_top_paragraphs_is_still_duplicate(
    dedup: Deduplicator,
) -> None:
    """Only agency copy can be a write-thru; a publisher adding context stays a copy."""
    dedup.check(ORIGINAL, T0)
    info = verdict_of(dedup.check(reprint(story([*WRITE_THRU_TOP, *TALKS[1:]])), T0 + 60))
    assert info.verdict == "duplicate"
    assert info.of == AP_URI


def test_same_uri_higher_version_is_update_of_its_story(dedup: Deduplicator) -> None:
    first = verdict_of(dedup.check(ORIGINAL, T0))
    v2 = replace(ORIGINAL, version=2, body_text=story([*TALKS, "This story has been updated."]))
    info = verdict_of(dedup.check(v2, T0 + 600))
    assert info.verdict == "update"
    assert info.of == AP_URI
    assert info.story == first.story


def test_same_uri_same_version_with_edited_body_is_update(dedup: Deduplicator) -> None:
    first = verdict_of(dedup.check(ORIGINAL, T0))
    edited = replace(ORIGINAL, body_text=story(TALKS).replace("nearly an hour", "half an hour"))
    info = verdict_of(dedup.check(edited, T0 + 600))
    assert info.verdict == "update"
    assert info.of == AP_URI
    assert info.story == first.story


def test_agency_write_thru_with_two_new_top_paragraphs_is_update(dedup: Deduplicator) -> None:
    first = verdict_of(dedup.check(ORIGINAL, T0))
    write_thru = make(
        "urn:ap:2024:kanda-cho-export-talks-wt1",
        story([*WRITE_THRU_TOP, *TALKS[1:]]),
        versioncreated="2024-03-12T09:40:00Z",
    )
    info = verdict_of(dedup.check(write_thru, T0 + 3600))
    assert info.verdict == "update"
    assert info.of == AP_URI
    assert info.story == first.story
    assert info.canonical == write_thru.uri
    later_copy = verdict_of(dedup.check(reprint(story([*WRITE_THRU_TOP, *TALKS[1:]])), T0 + 4000))
    assert later_copy.verdict == "duplicate"
    assert later_copy.canonical == write_thru.uri


def test_agency_resend_without_new_content_is_duplicate(dedup: Deduplicator) -> None:
    dedup.check(ORIGINAL, T0)
    resend = make(
        "urn:ap:2024:kanda-cho-resend", story(TALKS[:-1]), versioncreated="2024-03-12T09:40:00Z"
    )
    assert verdict_of(dedup.check(resend, T0 + 60)).verdict == "duplicate"


def test_kill_of_known_uri_is_update_on_its_story(dedup: Deduplicator) -> None:
    first = verdict_of(dedup.check(ORIGINAL, T0))
    kill = replace(ORIGINAL, version=2, pubstatus="canceled", body_text="Eds: story withdrawn.")
    info = verdict_of(dedup.check(kill, T0 + 60))
    assert info.verdict == "update"
    assert info.story == first.story
    assert info.of == AP_URI
    # the story is still known afterwards: a late reprint is still recognised
    late = verdict_of(dedup.check(reprint(story(TALKS)), T0 + 120))
    assert (late.verdict, late.story) == ("duplicate", first.story)


def test_kill_with_unchanged_version_and_body_is_update_not_replay(dedup: Deduplicator) -> None:
    dedup.check(ORIGINAL, T0)
    info = verdict_of(dedup.check(replace(ORIGINAL, pubstatus="withheld"), T0 + 60))
    assert info.verdict == "update"


@pytest.mark.parametrize(
    "config",
    [DedupConfig(), DedupConfig(bands=64, band_shingle=3)],
    ids=["default", "many-fine-bands"],
)
def test_distinct_stories_on_same_subject_are_both_new(config: DedupConfig) -> None:
    dedup = Deduplicator({}, config)
    first = verdict_of(dedup.check(ORIGINAL, T0))
    other = make("urn:ap:2024:kanda-memorial-visit", story(MEMORIAL),
                 headline="Japan's foreign minister visits Seoul memorial")  # fmt: skip
    second = verdict_of(dedup.check(other, T0 + 60))
    assert (first.verdict, second.verdict) == ("new", "new")
    assert first.story != second.story
    reprint_of_other = verdict_of(
        dedup.check(reprint(story(MEMORIAL[:-1]), uri="https://x.example/m"), T0 + 90)
    )
    assert reprint_of_other.of == "urn:ap:2024:kanda-memorial-visit"


@pytest.mark.parametrize("kind", ["new", "duplicate", "update"])
def test_replay_returns_the_recorded_verdict_never_a_duplicate_of_itself(kind: str) -> None:
    dedup = Deduplicator({})
    items = [ORIGINAL]
    if kind == "duplicate":
        items.append(reprint(story(TALKS[:-1])))
    if kind == "update":
        items.append(replace(ORIGINAL, version=2, body_text=story(TALKS[:-1])))
    results = [dedup.check(a, T0 + i) for i, a in enumerate(items)]
    expected = results[-1].dedup
    assert expected is not None and expected.verdict == kind
    for n in range(3):
        again = verdict_of(dedup.check(items[-1], T0 + 100 + n))
        assert again == expected
    # the first item replayed after the others still gets its first verdict
    assert verdict_of(dedup.check(ORIGINAL, T0 + 200)).verdict == "new"


def test_replay_does_not_write_state() -> None:
    state: MemoryState = {}
    dedup = Deduplicator(state)
    dedup.check(ORIGINAL, T0)
    before = orjson.dumps(state, option=orjson.OPT_SORT_KEYS)
    dedup.check(ORIGINAL, T0 + 50)
    assert orjson.dumps(state, option=orjson.OPT_SORT_KEYS) == before


def test_agency_original_after_reprint_takes_over_as_canonical(dedup: Deduplicator) -> None:
    early = verdict_of(dedup.check(reprint(story(TALKS[:-2])), T0))
    assert early.verdict == "new"
    info = verdict_of(dedup.check(ORIGINAL, T0 + 60))
    assert info.verdict == "update"
    assert info.story == early.story
    assert info.canonical == AP_URI
    third = verdict_of(dedup.check(reprint(story(TALKS), uri="https://other.example/a"), T0 + 90))
    assert third.verdict == "duplicate"
    assert third.canonical == AP_URI


def test_other_agency_rewrite_does_not_take_over_canonical(dedup: Deduplicator) -> None:
    dedup.check(reprint(story(TALKS)), T0)
    info = verdict_of(dedup.check(make("urn:afp:x", story(TALKS), source="AFP"), T0 + 60))
    assert info.verdict == "duplicate"


def test_expire_forgets_entries_older_than_retention() -> None:
    state: MemoryState = {}
    dedup = Deduplicator(state, DedupConfig(retention_seconds=3600))
    dedup.check(ORIGINAL, T0)
    dedup.check(make("urn:ap:2024:kanda-memorial-visit", story(MEMORIAL)), T0 + 3000)
    assert dedup.expire(T0 + 3500) == 0
    assert dedup.expire(T0 + 3700) == 1
    assert verdict_of(dedup.check(reprint(story(TALKS)), T0 + 3800)).verdict == "new"
    assert dedup.expire(T0 + 100_000) == 2
    assert state == {}


def run_sequence() -> list[Any]:
    dedup = Deduplicator({})
    seq = [
        reprint(story(TALKS[:-2])),
        ORIGINAL,
        make("urn:ap:2024:kanda-memorial-visit", story(MEMORIAL)),
        reprint(story(TALKS), uri="https://other.example/a"),
        make(
            "urn:ap:wt", story([*WRITE_THRU_TOP, *TALKS[1:]]), versioncreated="2024-03-12T09:40:00Z"
        ),
        replace(ORIGINAL, version=2, pubstatus="canceled", body_text=""),
        ORIGINAL,
    ]
    return [dedup.check(a, T0 + i).dedup for i, a in enumerate(seq)]


def test_verdicts_are_deterministic_over_two_runs() -> None:
    first, second = run_sequence(), run_sequence()
    assert first == second
    assert [i.verdict for i in first] == [
        "new",
        "update",
        "new",
        "duplicate",
        "update",
        "update",
        "update",  # the replayed ORIGINAL repeats its first verdict
    ]


def test_short_bodies_are_never_matched_across_uris(dedup: Deduplicator) -> None:
    a = verdict_of(dedup.check(make("urn:a", "Eds: correction to follow."), T0))
    b = verdict_of(dedup.check(make("urn:b", "Eds: correction to follow."), T0 + 1))
    assert (a.verdict, b.verdict) == ("new", "new")


class JsonState:
    """A store that keeps only serialised JSON, like a Faust table with a JSON codec."""

    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}

    def get(self, key: str, /) -> Any | None:
        raw = self.data.get(key)
        return None if raw is None else orjson.loads(raw)

    def __setitem__(self, key: str, value: Any, /) -> None:
        self.data[key] = orjson.dumps(value)

    def __delitem__(self, key: str, /) -> None:
        del self.data[key]

    def pop(self, key: str, default: None, /) -> Any | None:
        raw = self.data.pop(key, None)
        return default if raw is None else orjson.loads(raw)

    def items(self) -> list[tuple[str, Any]]:
        return [(k, orjson.loads(v)) for k, v in self.data.items()]


def test_json_only_store_gives_the_same_verdicts_as_a_dict() -> None:
    json_state: KeyValueState = JsonState()
    dict_state: KeyValueState = {}
    a, b = Deduplicator(json_state), Deduplicator(dict_state)
    seq = [ORIGINAL, reprint(story(TALKS[:-2])), make("urn:m", story(MEMORIAL)), ORIGINAL]
    assert [a.check(x, T0).dedup for x in seq] == [b.check(x, T0).dedup for x in seq]
    assert a.expire(T0 + 10**7) == b.expire(T0 + 10**7) == 3


def distinct_body(seed: int, words: int = 600) -> str:
    vocabulary = sorted(set(" ".join(TALKS + MEMORIAL).split()))
    rng = random.Random(seed)
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def test_state_per_article_stays_under_2_kib() -> None:
    """Worst case: distinct long stories (all indexed), each also updated once."""
    state: MemoryState = {}
    dedup = Deduplicator(state)
    articles = [
        make(
            f"https://publisher.example/world/asia/2024/03/12/long-story-{i:03d}",
            distinct_body(i),
            publisher="The Daily Ledger",
        )
        for i in range(20)
    ]
    for i, article in enumerate(articles):
        assert verdict_of(dedup.check(article, T0 + i)).verdict == "new"
    for i, article in enumerate(articles):
        update = replace(article, version=2, body_text=article.body_text + " A late paragraph.")
        dedup.check(update, T0 + 100 + i)
    total = sum(len(orjson.dumps(v)) for v in state.values())
    assert total / len(articles) <= 2048
    records = [v for k, v in state.items() if k.startswith("a:")]
    assert len(records) == len(articles)
    assert max(len(orjson.dumps(v)) for v in records) <= 1024


def test_short_first_version_is_indexed_once_its_body_grows(dedup: Deduplicator) -> None:
    dedup.check(make(AP_URI, "Eds: developing story."), T0)
    grown = verdict_of(dedup.check(replace(ORIGINAL, version=2), T0 + 60))
    assert grown.verdict == "update"
    copy = verdict_of(dedup.check(reprint(story(TALKS)), T0 + 120))
    assert (copy.verdict, copy.of, copy.story) == ("duplicate", AP_URI, grown.story)


def test_verdicts_hold_plain_python_numbers_that_serialise(dedup: Deduplicator) -> None:
    dedup.check(ORIGINAL, T0)
    near = verdict_of(dedup.check(reprint(story(TALKS[:-1])), T0 + 60))
    assert type(near.similarity) is float
    orjson.dumps(near)
