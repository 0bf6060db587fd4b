"""Normalisation, body hashes and MinHash signatures used by dedup."""

from __future__ import annotations

import numpy as np
import pytest

from streams.stages.shingles import (
    ShingleHasher,
    band_keys,
    body_hash,
    decode_compact,
    estimate_jaccard,
    normalise,
    strip_dateline,
    unify,
)


def test_normalise_unifies_quotes_dashes_compatibility_forms_and_space() -> None:
    text = "“The ﬁrst  step”\u00a0— Cho’s  words\n\nat ２０２４ talks"
    assert normalise(text) == '"the first step" - cho\'s words at 2024 talks'


def test_normalise_keeps_digits_so_changed_figures_change_the_hash() -> None:
    a = body_hash(normalise("Shares rose 3% on Tuesday."))
    b = body_hash(normalise("Shares rose 4% on Tuesday."))
    assert a != b


def test_body_hash_ignores_quote_style_case_and_spacing() -> None:
    a = body_hash(normalise("He said: “we have turned a page.”  It’s done."))
    b = body_hash(normalise('he said: "We have turned a page." It\'s done.'))
    assert a == b


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


def synthetic_pair(shared: int, only_a: int, only_b: int, salt: str) -> tuple[list[str], list[str]]:
    """Word lists whose 1-shingle sets have a known Jaccard."""
    common = [f"c{salt}{i}" for i in range(shared)]
    a = common + [f"a{salt}{i}" for i in range(only_a)]
    b = common + [f"b{salt}{i}" for i in range(only_b)]
    return a, b


@pytest.mark.parametrize("exact", [0.2, 0.4, 0.5, 0.6, 0.8, 0.95])
def test_signature_estimates_jaccard_without_bias(exact: float) -> None:
    hasher = ShingleHasher(128, 1)
    errors = []
    for trial in range(30):
        total = 300
        shared = round(exact * total)
        a, b = synthetic_pair(
            shared, (total - shared) // 2, total - shared - (total - shared) // 2, f"{trial}x"
        )
        sig_a = hasher.signature(hasher.shingle_hashes(a)).astype(np.uint16)
        sig_b = hasher.signature(hasher.shingle_hashes(b)).astype(np.uint16)
        true = shared / total
        errors.append(estimate_jaccard(sig_a, sig_b) - true)
    spread = float(np.std(errors))
    assert abs(float(np.mean(errors))) < 0.03
    assert spread < 1.5 * np.sqrt(exact * (1 - exact) / 128) + 0.01
    assert max(abs(e) for e in errors) < 0.2


def test_signature_does_not_depend_on_the_word_cache() -> None:
    words = [f"w{i % 97}" for i in range(500)]
    small = ShingleHasher(64, 3, cache_size=10)
    big = ShingleHasher(64, 3)
    for _ in range(2):
        assert np.array_equal(
            small.signature(small.shingle_hashes(words)), big.signature(big.shingle_hashes(words))
        )


def test_fingerprint_compact_round_trips_low_16_bits() -> None:
    fp = ShingleHasher(128, 3).fingerprint(normalise("one two three four five six seven eight"))
    assert np.array_equal(decode_compact(fp.compact()), fp.signature.astype(np.uint16))
    assert (fp.words, fp.shingles) == (8, 6)


def test_short_text_is_one_shingle_and_empty_text_none() -> None:
    hasher = ShingleHasher(16, 5)
    assert hasher.shingle_hashes(["only", "two"]).size == 1
    assert hasher.shingle_hashes([]).size == 0


def test_band_keys_are_stable_and_distinguish_bands() -> None:
    hasher = ShingleHasher(128, 3)
    text = normalise("the talks ran an hour longer than planned and ended with a statement")
    sig = hasher.fingerprint(text).signature
    keys = band_keys(sig, 42, 3)
    assert keys == band_keys(ShingleHasher(128, 3).fingerprint(text).signature, 42, 3)
    assert len(set(keys)) == 42
    assert all(k.startswith(f"b:{i}:") for i, k in enumerate(keys))
    other = band_keys(
        hasher.fingerprint(normalise("an entirely different set of words here")).signature, 42, 3
    )
    assert not set(keys) & set(other)
    with pytest.raises(ValueError):
        band_keys(sig, 43, 3)
