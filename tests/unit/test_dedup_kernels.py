"""The compiled sketch loops compute exactly what the array formulation computes.

The references below are the numpy formulation the kernels replaced (prefix-sum word hashes,
``reduceat`` sentence breaks, vectorised shingles and minima). Stored index values must not
depend on which path made them, so every value is compared bit for bit, on texts with
unicode, punctuation runs, short and empty inputs.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.stages import shingles
from streams.stages.shingles import MARKS, Analysis, ShingleHasher, normalise

U64 = npt.NDArray[np.uint64]
HASHER = ShingleHasher(128, 3)
POLY = np.uint64(0x100000001B3)
POLY_INVERSE = np.uint64(pow(0x100000001B3, -1, 1 << 64))
M = np.uint64(0xFF51AFD7ED558CCD)


def reference_analysis(text: str) -> Analysis:
    data = text.encode("utf-8", "surrogatepass")
    size = len(data)
    powers = np.cumprod(np.full(size + 1, POLY, dtype=np.uint64), dtype=np.uint64)
    powers = np.concatenate(([np.uint64(1)], powers[:-1]))
    inverse = np.cumprod(np.full(size + 1, POLY_INVERSE, dtype=np.uint64), dtype=np.uint64)
    inverse = np.concatenate(([np.uint64(1)], inverse[:-1]))
    codes = np.frombuffer(data.translate(shingles._WORD_BYTES), dtype=np.uint8)
    inside = np.zeros(size + 2, dtype=np.bool_)
    np.not_equal(codes, 32, out=inside[1:-1])
    edges = np.flatnonzero(inside[1:] != inside[:-1])
    starts, ends = edges[0::2], edges[1::2]
    terms = (codes.astype(np.uint64) + np.uint64(1)) * powers[:size]
    prefix = np.concatenate(([np.uint64(0)], np.cumsum(terms, dtype=np.uint64)))
    hashes = (prefix[ends] - prefix[starts]) * inverse[starts]
    return Analysis(data, starts, ends, shingles._mix64(hashes))


def reference_sentences(a: Analysis) -> npt.NDArray[np.intp]:
    out = np.zeros(a.starts.size, dtype=np.intp)
    if a.starts.size < 2:
        return out
    flags = shingles._GAP_FLAGS[np.frombuffer(a.data, dtype=np.uint8)]
    gaps = np.bitwise_or.reduceat(flags, a.ends[:-1])
    np.cumsum(((gaps & 3) == 3) | ((gaps & 4) != 0), out=out[1:])
    return out


def reference_fingerprint(h: U64, hasher: ShingleHasher) -> tuple[int, list[int], list[int]]:
    trigrams = hasher.shingles_of(h, 3)
    long = hasher.shingles_of(h, 5)
    minima = shingles.one_permutation(long, hasher.bands)
    if long.size < 4 * hasher.bands:
        minima[minima == shingles._EMPTY] = minima.min()
    bands = minima + np.arange(hasher.bands, dtype=np.uint64) * shingles._BAND_SALT
    return int(np.unique(trigrams).size), hasher.signature(trigrams).tolist(), bands.tolist()


def reference_lead(a: Analysis, limit: int) -> list[tuple[list[int], int, int, int]]:
    """(marks, words, byte start, byte end) of the first ``limit`` sentences of >= 4 words."""
    sentence = reference_sentences(a)
    h = a.hashes
    mult = shingles.fixed_randoms(MARKS, 4) | np.uint64(1)
    add = shingles.fixed_randoms(MARKS, 5)
    out = []
    for number in range(int(sentence.max()) + 1 if sentence.size else 0):
        where = np.flatnonzero(sentence == number)
        if where.size < 4 or len(out) == limit or a.words < 4:
            continue
        i, j = int(where[0]), int(where[-1])
        t = shingles._mix64((h[i : j - 1] * M + h[i + 1 : j]) * M + h[i + 2 : j + 1])
        low = (mult[:, None] * t[None, :] + add[:, None]).min(axis=1)
        marks = (low >> np.uint64(48)).astype(np.uint16).tolist()
        out.append((marks, j - i + 1, int(a.starts[i]), int(a.ends[j])))
    return out


TEXTS = st.text(
    alphabet=st.sampled_from(list("abcdeé Ü.!?\n\t,;'\"-—“”0123 ")), min_size=0, max_size=400
)
SAMPLES = [
    "",
    "one",
    "one two three four",
    "Seoul, South Korea (AP) - Envoys met. They agreed on talks!\nPhoto: file\nMore text here.",
    "Word. " * 40,
    "Trailing words then punctuation!!!  ",
    "ümlaut wörds — “quoted” text… and more.\nSecond line without stop\nthird lower",
    # every length around the short-text rule (fewer than 4 * bands band shingles)
    *(" ".join(f"w{seed}x{i}" + ("." if i % 7 == 6 else "") for i in range(n))
      for n in range(40) for seed in range(12)),
]


def check(text: str) -> None:
    normalised = normalise(text)
    mine = HASHER.analyse(normalised)
    ref = reference_analysis(normalised)
    assert mine.starts.tolist() == ref.starts.tolist()
    assert mine.ends.tolist() == ref.ends.tolist()
    assert mine.hashes.tolist() == ref.hashes.tolist()
    assert mine.sentence_of().tolist() == reference_sentences(ref).tolist()
    if mine.words >= 5:
        fp = HASHER.fingerprint("", mine)
        assert (fp.shingles, fp.signature.tolist(), fp.bands.tolist()) == reference_fingerprint(
            ref.hashes, HASHER
        )
    got = [(list(s.marks), s.words, s.start, s.end) for s in HASHER.lead_sentences(mine, 6)]
    assert got == reference_lead(ref, 6)


def test_compiled_sketches_equal_the_array_formulation_on_sample_texts() -> None:
    for text in SAMPLES:
        check(text)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_compiled_sketches_equal_the_array_formulation_on_any_text(text: str) -> None:
    check(text)


def test_a_changed_word_changes_the_compiled_word_hash() -> None:
    a = HASHER.analyse("the talks resumed on monday")
    b = HASHER.analyse("the talks resumed on sunday")
    assert a.hashes[:4].tolist() == b.hashes[:4].tolist()
    assert a.hashes[4] != b.hashes[4]
