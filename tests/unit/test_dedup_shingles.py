"""Normalisation, word hashing, one-permutation signatures, band keys and lead marks."""

from __future__ import annotations

import numpy as np
import pytest

from streams.stages.shingles import (
    ShingleHasher,
    band_keys,
    decode_compact,
    decode_lead,
    estimate_jaccard,
    is_known,
    normalise,
    strip_dateline,
    unify,
    words,
)

HASHER = ShingleHasher(128, 3)


def digest(text: str) -> str:
    return HASHER.analyse(normalise(text)).digest()


def test_normalise_unifies_quotes_dashes_compatibility_forms_and_keeps_lines() -> None:
    text = "“The ﬁrst  step”\u00a0— Cho’s  words\n\n  At ２０２４ talks and more"
    assert normalise(text) == '"the first  step" - cho\'s  words\nat 2024 talks and more'


def test_hard_wrapped_lines_are_joined_back() -> None:
    assert unify("The talks ran an hour\nlonger than planned.\nOfficials left.") == (
        "The talks ran an hour longer than planned.\nOfficials left."
    )


@pytest.mark.parametrize(
    "line",
    ["Read more: Asia news in brief", "Advertisement", "Sign up for our free morning briefing",
     "A man walks past city hall. (AP Photo/Jane Roe)", "Tuesday 18 November 2026 11:33 GMT"],
)  # fmt: skip
def test_short_chrome_lines_are_dropped(line: str) -> None:
    story = "Officials met on Tuesday and agreed to resume the stalled talks next month."
    assert normalise(f"{story}\n\n{line}\n\n{story}") == normalise(f"{story}\n\n{story}")


def test_a_long_story_line_naming_a_photo_is_kept() -> None:
    line = ("The minister said the photo shown at the hearing had been taken two years before "
            "the contract was signed and proved nothing about the payments.")  # fmt: skip
    assert normalise(line) == line.casefold()


def test_digest_keeps_digits_so_changed_figures_change_it() -> None:
    assert digest("Shares rose 3% on Tuesday.") != digest("Shares rose 4% on Tuesday.")


def test_digest_ignores_quote_style_case_spacing_and_line_breaks() -> None:
    a = digest("He said: “we have turned a page.”  It’s done.")
    b = digest('he said: "We have turned\na page."\n\nIt\'s   done.')
    assert a == b


def test_words_are_runs_of_word_characters_including_non_ascii_letters() -> None:
    assert words("cho's 2024 talks, in são paulo") == [
        b"cho", b"s", b"2024", b"talks", b"in", "são".encode(), b"paulo",
    ]  # fmt: skip
    analysis = HASHER.analyse("cho's 2024 talks, in são paulo")
    assert analysis.words == 7


def test_equal_words_hash_equal_wherever_they_stand() -> None:
    analysis = HASHER.analyse("talks began. the talks ended; talks")
    h = analysis.hashes.tolist()
    assert h[0] == h[3] == h[5] and len(set(h)) == 4


@pytest.mark.parametrize(
    "text",
    [
        "SEOUL, South Korea (AP) — Officials met on Tuesday.",
        "SEOUL, March 12 (Reuters) - Officials met on Tuesday.",
        "PARIS (AFP) - Officials met on Tuesday.",
        "NAIROBI, Kenya — Officials met on Tuesday.",
        "Rio de Janeiro (AP) — Officials met on Tuesday.",
    ],
)
def test_strip_dateline_removes_leading_datelines(text: str) -> None:
    assert strip_dateline(unify(text)) == "Officials met on Tuesday."


@pytest.mark.parametrize(
    "text",
    [
        "North Korea fired a missile on Tuesday, officials said.",
        "A bus carrying 40 people overturned - police said no one died.",
        "The minister (left) met reporters.",
    ],
)
def test_strip_dateline_leaves_ordinary_openings(text: str) -> None:
    assert strip_dateline(unify(text)) == unify(text)


def synthetic_pair(shared: int, only_a: int, only_b: int, salt: str) -> tuple[str, str]:
    """Texts whose 1-word shingle sets have a known Jaccard."""
    common = [f"c{salt}x{i}" for i in range(shared)]
    a = common + [f"a{salt}x{i}" for i in range(only_a)]
    b = common + [f"b{salt}x{i}" for i in range(only_b)]
    return " ".join(a), " ".join(b)


@pytest.mark.parametrize("exact", [0.2, 0.4, 0.5, 0.6, 0.8, 0.95])
@pytest.mark.parametrize("total", [90, 300])
def test_one_permutation_signature_estimates_jaccard_without_bias(exact: float, total: int) -> None:
    hasher = ShingleHasher(128, 1)
    errors = []
    for trial in range(30):
        shared = round(exact * total)
        rest = total - shared
        a, b = synthetic_pair(shared, rest // 2, rest - rest // 2, f"{trial}t{total}")
        sig_a = hasher.signature(hasher.shingle_hashes(a))
        sig_b = hasher.signature(hasher.shingle_hashes(b))
        errors.append(estimate_jaccard(sig_a, sig_b) - shared / total)
    assert abs(float(np.mean(errors))) < 0.03
    assert float(np.std(errors)) < 1.5 * np.sqrt(exact * (1 - exact) / min(128, total)) + 0.01


def test_unrelated_texts_estimate_near_zero() -> None:
    a, b = synthetic_pair(0, 300, 300, "u")
    estimate = estimate_jaccard(
        HASHER.signature(HASHER.shingle_hashes(a)), HASHER.signature(HASHER.shingle_hashes(b))
    )
    assert estimate < 0.05


def test_fingerprint_compact_round_trips() -> None:
    fp = HASHER.fingerprint(normalise("one two three four five six seven eight"))
    assert np.array_equal(decode_compact(fp.compact()), fp.signature)
    assert (fp.words, fp.shingles) == (8, 6)


def test_short_text_is_one_shingle_and_empty_text_none() -> None:
    hasher = ShingleHasher(16, 5)
    assert hasher.shingle_hashes("only two").size == 1
    assert hasher.shingle_hashes("").size == 0


def test_band_keys_are_stable_distinct_and_shared_by_copies() -> None:
    text = normalise(
        "The talks ran an hour longer than planned and ended with a joint statement on trade. "
        "Both ministers promised to meet again before the end of the year in Tokyo."
    )
    keys = band_keys(HASHER.fingerprint(text).band_code())
    assert keys == band_keys(ShingleHasher(128, 3).fingerprint(text).band_code())
    assert len(keys) == 6 and len(set(keys)) == 6
    assert all(k.startswith("b") and len(k) == 9 for k in keys)
    other = HASHER.fingerprint(normalise("an entirely different set of words is written here"))
    assert not set(keys) & set(band_keys(other.band_code()))


LEAD = (
    "Japan and South Korea agreed on Tuesday to restore fast-track export approvals. "
    "The ministers signed the paperwork after talks that ran an hour late in Seoul. "
    "Business groups in both countries welcomed the move and said stockpiles were costly. "
    "The dispute began in 2019 when Tokyo tightened checks on three chemicals."
)


def lead_of(text: str) -> list[set[int]]:
    analysis = HASHER.analyse(normalise(text))
    HASHER.fingerprint("", analysis)
    return decode_lead(HASHER.lead_code(analysis, 10))


def test_lead_marks_recognise_their_sentences_through_small_edits() -> None:
    old = lead_of(LEAD)
    edited = LEAD.replace("on Tuesday", "Tuesday").replace("welcomed", "praised")
    sentences = HASHER.lead_sentences(HASHER.analyse(normalise(edited)), 10)
    assert len(sentences) == 4
    assert all(is_known(s, old) for s in sentences)


def test_lead_marks_do_not_recognise_a_new_sentence_about_the_same_subject() -> None:
    old = lead_of(LEAD)
    new = (
        "Japan and South Korea on Tuesday ended a four-year fight over exports of "
        "chip-making chemicals, with Tokyo restoring approvals and Seoul dropping a complaint."
    )
    sentence = HASHER.lead_sentences(HASHER.analyse(normalise(new)), 10)[0]
    assert not is_known(sentence, old)


def test_a_line_without_a_full_stop_is_its_own_sentence() -> None:
    text = normalise("Ministers from both countries met in Seoul for six hours\n" + LEAD)
    sentences = HASHER.lead_sentences(HASHER.analyse(text), 10)
    assert [s.words for s in sentences][:2] == [10, 13]
