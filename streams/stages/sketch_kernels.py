"""Compiled loops (numba) for the per-article sketches of ``shingles``: one call per step.

Why compiled: dedup runs once per message on one partition, and with numpy each step of an
article (word hashes, 3- and 5-word shingles, distinct count, two one-permutation sketches,
lead-sentence marks) was dozens of ufunc calls on arrays of a few hundred values, where the
call overhead, not the arithmetic, set the cost. Each function here does one step in one pass.

They compute *exactly* what the numpy formulation in ``shingles`` computes (uint64 arithmetic
wraps the same way; tests compare both on the same texts), so stored index values do not
depend on which path made them. Compiled on first use and cached next to the module.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numba import njit

U64 = npt.NDArray[np.uint64]
U8 = npt.NDArray[np.uint8]
Intp = npt.NDArray[np.intp]

_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_SHINGLE_MULT = np.uint64(0xFF51AFD7ED558CCD)
_POLY = np.uint64(0x100000001B3)
_EMPTY = np.uint64(0xFFFFFFFFFFFFFFFF)
_ONE = np.uint64(1)
_S27 = np.uint64(27)
_S30 = np.uint64(30)
_S31 = np.uint64(31)
_S32 = np.uint64(32)
_S48 = np.uint64(48)
_M255 = np.uint64(255)


@njit(cache=True, inline="always")
def _mix(z: np.uint64) -> np.uint64:
    """splitmix64's finaliser (as ``shingles._mix64``, one value)."""
    z = z ^ (z >> _S30)
    z = z * _MIX1
    z = z ^ (z >> _S27)
    z = z * _MIX2
    return z ^ (z >> _S31)


@njit(cache=True)
def word_hashes(data: U8, word_bytes: U8) -> tuple[Intp, Intp, U64]:
    """(starts, ends, mixed hashes) of the runs of word bytes in ``data``.

    A word's hash is the polynomial sum of (byte + 1) * P**offset over its bytes, as the
    prefix-sum formulation in ``ShingleHasher.analyse`` computes it.
    """
    size = data.size
    starts = np.empty(size // 2 + 1, dtype=np.intp)
    ends = np.empty(size // 2 + 1, dtype=np.intp)
    hashes = np.empty(size // 2 + 1, dtype=np.uint64)
    count = 0
    inside = False
    h = np.uint64(0)
    power = _ONE
    for i in range(size):
        code = word_bytes[data[i]]
        if code != 32:
            if not inside:
                inside = True
                starts[count] = i
                h = np.uint64(0)
                power = _ONE
            h += (np.uint64(code) + _ONE) * power
            power *= _POLY
        elif inside:
            inside = False
            ends[count] = i
            hashes[count] = _mix(h)
            count += 1
    if inside:
        ends[count] = size
        hashes[count] = _mix(h)
        count += 1
    return starts[:count].copy(), ends[:count].copy(), hashes[:count].copy()


@njit(cache=True)
def _distinct(values: U64) -> int:
    """How many distinct values (open addressing on the top bits: the values are mixed)."""
    n = values.size
    if n == 0:
        return 0
    bits = 1
    while (1 << bits) < 2 * n:
        bits += 1
    mask = (1 << bits) - 1
    shift = np.uint64(64 - bits)
    table = np.empty(1 << bits, dtype=np.uint64)
    used = np.zeros(1 << bits, dtype=np.bool_)
    distinct = 0
    for i in range(n):
        v = values[i]
        slot = np.int64(v >> shift)
        while used[slot] and table[slot] != v:
            slot = (slot + 1) & mask
        if not used[slot]:
            used[slot] = True
            table[slot] = v
            distinct += 1
    return distinct


@njit(cache=True, inline="always")
def _bin(value: np.uint64, bins: np.uint64) -> np.int64:
    return np.int64(((value >> _S32) * bins) >> _S32)


@njit(cache=True)
def sketch_3_5(
    h: U64, num_perm: int, band_salt: U64
) -> tuple[U64, int, U8, U64]:
    """(mixed 3-word shingles, distinct count, 8-bit OPH signature, band values) of a text.

    The common configuration (3-word shingles, 5-word band shingles, ``h.size >= 5``) of
    ``ShingleHasher.fingerprint`` in one pass.
    """
    n = h.size
    bands = band_salt.size
    trigrams = np.empty(n - 2, dtype=np.uint64)
    minima = np.full(num_perm, _EMPTY, dtype=np.uint64)
    band_min = np.full(bands, _EMPTY, dtype=np.uint64)
    perm = np.uint64(num_perm)
    nb = np.uint64(bands)
    for i in range(n - 2):
        raw = (h[i] * _SHINGLE_MULT + h[i + 1]) * _SHINGLE_MULT + h[i + 2]
        t = _mix(raw)
        trigrams[i] = t
        slot = _bin(t, perm)
        if t < minima[slot]:
            minima[slot] = t
        if i < n - 4:
            long = _mix((raw * _SHINGLE_MULT + h[i + 3]) * _SHINGLE_MULT + h[i + 4])
            band = _bin(long, nb)
            if long < band_min[band]:
                band_min[band] = long
    if n - 4 < 4 * bands:  # short text: empty bins borrow the overall minimum
        low = band_min.min()
        for c in range(bands):
            if band_min[c] == _EMPTY:
                band_min[c] = low
    signature = np.zeros(num_perm, dtype=np.uint8)
    for b in range(num_perm):
        if minima[b] != _EMPTY:
            signature[b] = np.uint8(minima[b] % _M255 + _ONE)
    out = np.empty(bands, dtype=np.uint64)
    for c in range(bands):
        out[c] = band_min[c] + band_salt[c]
    return trigrams, _distinct(trigrams), signature, out


@njit(cache=True)
def sentence_numbers(data: U8, ends: Intp, gap_flags: U8) -> Intp:
    """The sentence number of every word (as ``Analysis.sentence_of``)."""
    n = ends.size
    out = np.zeros(n, dtype=np.intp)
    if n < 2:
        return out
    current = 0
    for i in range(n - 1):
        stop = ends[i + 1] if i < n - 2 else data.size
        gap = 0
        for j in range(ends[i], stop):
            gap |= gap_flags[data[j]]
        if (gap & 3) == 3 or (gap & 4) != 0:
            current += 1
        out[i + 1] = current
    return out


@njit(cache=True)
def lead_marks(
    data: U8, starts: Intp, ends: Intp, h: U64, gap_flags: U8, mult: U64, add: U64, limit: int
) -> tuple[npt.NDArray[np.uint16], Intp, Intp, Intp, Intp]:
    """(marks (k, len(mult)), word counts, sentence numbers, byte starts, byte ends) of the
    first ``limit`` sentences of four or more words (as ``ShingleHasher._lead``).

    A mark is the top 16 bits of the minimum of ``mult * t + add`` over the sentence's word
    trigrams ``t`` that lie wholly inside it.
    """
    marks_per = mult.size
    n = h.size
    marks = np.zeros((limit, marks_per), dtype=np.uint16)
    counts = np.zeros(limit, dtype=np.intp)
    ids = np.zeros(limit, dtype=np.intp)
    first = np.zeros(limit, dtype=np.intp)
    last = np.zeros(limit, dtype=np.intp)
    if n < 4:
        return marks[:0], counts[:0], ids[:0], first[:0], last[:0]
    sentence = sentence_numbers(data, ends, gap_flags)
    k = 0
    i = 0
    low = np.empty(marks_per, dtype=np.uint64)
    while i < n and k < limit:
        j = i
        while j + 1 < n and sentence[j + 1] == sentence[i]:
            j += 1
        words = j - i + 1
        if words >= 4:
            for m in range(marks_per):
                low[m] = _EMPTY
            for w in range(i, j - 1):
                t = _mix((h[w] * _SHINGLE_MULT + h[w + 1]) * _SHINGLE_MULT + h[w + 2])
                for m in range(marks_per):
                    v = mult[m] * t + add[m]
                    if v < low[m]:
                        low[m] = v
            for m in range(marks_per):
                marks[k, m] = np.uint16(low[m] >> _S48)
            counts[k] = words
            ids[k] = sentence[i]
            first[k] = starts[i]
            last[k] = ends[j]
            k += 1
        i = j + 1
    return marks[:k].copy(), counts[:k].copy(), ids[:k].copy(), first[:k].copy(), last[:k].copy()
