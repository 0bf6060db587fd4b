"""Text fingerprints for dedup: normalised text, body hash, word shingles and MinHash signatures.

Why our own MinHash instead of ``datasketch.MinHash``: dedup runs once per message on one
partition (it needs a global view), so its per-item cost bounds the whole pipeline. datasketch
hashes every shingle with SHA-1 in Python and updates the permutations in a loop; here each
*distinct word* is hashed once (blake2b, cached per hasher), shingles are combined from word
hashes with array arithmetic and mixed once (``splitmix64`` finaliser), and the permutations
are applied in one vectorised pass as multiply-add-shift hashes ``(a * x + b) >> 32`` (a odd):
three array operations per permutation instead of a Python-level loop. The inputs are already
fully mixed, so this cheap family estimates Jaccard as well as a random permutation does
(``tests/unit/test_dedup_shingles.py`` checks bias and spread against exact Jaccard).

Everything here is deterministic across processes and machines: no ``hash()`` (salted per
process), no random generators whose streams may change between numpy versions.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]
U16 = npt.NDArray[np.uint16]

# Quotes and dashes that publishers' CMSs swap freely; unified so they never split a match.
_PUNCT: dict[str, str] = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
}  # fmt: skip
_PUNCT_RE = re.compile("[" + "".join(_PUNCT) + "]")
_WORD = re.compile(r"\w+")

# A leading dateline: "SEOUL, South Korea (AP) - ", "LONDON, Nov 11 (Reuters) - ",
# "PARIS (AFP) -", or a bare all-caps place and a dash ("NAIROBI, Kenya - ").
# Matched on NFKC text with dashes unified, before casefolding (capitals are the signal).
_DATELINE = re.compile(
    r"""^\s*
    [A-Z\u00c0-\u00de][A-Z\u00c0-\u00de.'\- ]{1,40}       # CITY in capitals
    (?:,\s*[A-Z][\w.' ]{0,40}?)?                           # , State / Country / date
    \s*(?:\([^()\n]{1,40}\)\s*)?                           # (AP) / (Reuters)
    -{1,3}\s+""",
    re.VERBOSE,
)
_DATELINE_AGENCY = re.compile(
    r"""^\s*
    [A-Z\u00c0-\u00de][^\n()]{0,80}?                       # place, any case after the capital
    \s*\([^()\n]{1,40}\)\s*-{1,3}\s+""",
    re.VERBOSE,
)

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_SHINGLE_MULT = np.uint64(0xFF51AFD7ED558CCD)


def _unify_punct(match: re.Match[str]) -> str:
    return _PUNCT[match.group()]


def unify(text: str) -> str:
    """NFKC, quotes and dashes unified, whitespace collapsed; case kept (for dateline work).

    ASCII text (most agency copy) skips NFKC and the punctuation scan, which dominate the cost
    of this function on long bodies.
    """
    if text.isascii():
        text = text.replace("`", "'")
    else:
        text = _PUNCT_RE.sub(_unify_punct, unicodedata.normalize("NFKC", text))
    return " ".join(text.split())


def strip_dateline(text: str) -> str:
    """Drop a leading dateline so a reprint that cut it still matches the agency copy.

    Expects ``unify``-ed text. The agency form "(AP) -" is tried first because it allows a
    mixed-case place; the bare form needs the place in capitals to avoid eating a sentence.
    """
    match = _DATELINE_AGENCY.match(text) or _DATELINE.match(text)
    if match is None:
        return text
    return text[match.end() :]


def normalise(text: str) -> str:
    """The text dedup compares: unified, dateline stripped, casefolded. Digits are kept."""
    return strip_dateline(unify(text)).casefold()


def body_hash(normalised: str) -> str:
    """16 hex digits identifying a normalised body; equal hashes mean an exact copy."""
    return hashlib.blake2b(normalised.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def words(normalised: str) -> list[str]:
    return _WORD.findall(normalised)


def _mix64(z: U64) -> U64:
    """splitmix64's finaliser, in place: a bijection on uint64 with full avalanche."""
    t = np.right_shift(z, np.uint64(30))
    np.bitwise_xor(z, t, out=z)
    np.multiply(z, _MIX1, out=z)
    np.right_shift(z, np.uint64(27), out=t)
    np.bitwise_xor(z, t, out=z)
    np.multiply(z, _MIX2, out=z)
    np.right_shift(z, np.uint64(31), out=t)
    np.bitwise_xor(z, t, out=z)
    return z


def fixed_randoms(count: int, salt: int = 0) -> U64:
    """Pseudo-random uint64s from a fixed formula (stable across numpy versions and runs)."""
    start = np.uint64(salt * count + 1)
    values = (np.arange(count, dtype=np.uint64) + start) * _GOLDEN
    return _mix64(values)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What dedup keeps of a body: its hash, shingle count and MinHash signature."""

    hash: str
    words: int
    shingles: int
    signature: U32

    def compact(self) -> str:
        """The signature as stored: low 16 bits of each value, base64 (b-bit MinHash).

        16 bits per value cut the record by half against 32 and bias the Jaccard estimate by
        at most 2**-16, which ``estimate_jaccard`` removes.
        """
        return base64.b64encode(self.signature.astype("<u2").tobytes()).decode("ascii")


def decode_compact(text: str) -> U16:
    return np.frombuffer(base64.b64decode(text), dtype="<u2")


def estimate_jaccard(a: U16, b: U16) -> float:
    """Jaccard estimate from two 16-bit signatures, corrected for chance 16-bit collisions."""
    if a.shape != b.shape or a.size == 0:
        return 0.0
    observed = float(np.count_nonzero(a == b)) / a.size
    chance = 1.0 / 65536.0
    return max(0.0, (observed - chance) / (1.0 - chance))


def intersection_size(jaccard: float, size_a: int, size_b: int) -> float:
    """|A ∩ B| implied by a Jaccard estimate and both set sizes."""
    return jaccard * (size_a + size_b) / (1.0 + jaccard)


class ShingleHasher:
    """Turns normalised text into a Fingerprint; holds a bounded per-instance word-hash table.

    Word hashes repeat heavily across wire copy (the same few thousand words), so each distinct
    word is hashed once into a numpy table and an article's words become one gather. The table
    is reset, not evicted, when full: cheap, and a hash never depends on the table's history.
    """

    def __init__(self, num_perm: int, shingle_size: int, cache_size: int = 200_000) -> None:
        if num_perm < 1 or shingle_size < 1:
            raise ValueError("num_perm and shingle_size must be positive")
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self._mult = (fixed_randoms(num_perm, 1) | np.uint64(1))[:, None]
        self._add = fixed_randoms(num_perm, 2)[:, None]
        self._cache_size = cache_size
        self._slots: dict[str, int] = {}
        self._table: U64 = np.empty(1024, dtype=np.uint64)

    def _learn(self, tokens: list[str]) -> None:
        unknown = [t for t in dict.fromkeys(tokens) if t not in self._slots]
        if len(self._slots) + len(unknown) > self._cache_size:
            self._slots = {}
            unknown = list(dict.fromkeys(tokens))
        size = len(self._slots)
        if size + len(unknown) > self._table.size:
            grown = np.empty(max(2 * self._table.size, size + len(unknown)), dtype=np.uint64)
            grown[:size] = self._table[:size]
            self._table = grown
        for offset, token in enumerate(unknown):
            digest = hashlib.blake2b(token.encode("utf-8", "surrogatepass"), digest_size=8)
            self._table[size + offset] = int.from_bytes(digest.digest(), "little")
            self._slots[token] = size + offset

    def _word_hashes(self, tokens: list[str]) -> U64:
        try:
            slots = np.fromiter(map(self._slots.__getitem__, tokens), np.intp, len(tokens))
        except KeyError:
            self._learn(tokens)
            slots = np.fromiter(map(self._slots.__getitem__, tokens), np.intp, len(tokens))
        return self._table[slots]

    def shingle_hashes(self, tokens: list[str]) -> U64:
        """Distinct hashes of the word k-grams (the whole text as one shingle if shorter)."""
        if not tokens:
            return np.empty(0, dtype=np.uint64)
        hashes = self._word_hashes(tokens)
        k = min(self.shingle_size, len(hashes))
        n = len(hashes) - k + 1
        shingles = hashes[:n].copy()
        for j in range(1, k):
            np.multiply(shingles, _SHINGLE_MULT, out=shingles)
            np.add(shingles, hashes[j : j + n], out=shingles)
        return np.unique(_mix64(shingles))

    def signature(self, shingles: U64) -> U32:
        """MinHash over all permutations at once; an empty set gives all-max (matches nothing)."""
        if shingles.size == 0:
            return np.full(self.num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
        z = self._mult * shingles[None, :]
        np.add(z, self._add, out=z)
        # the minimum of the 64-bit values has the minimum high half: shift once, after min
        return np.right_shift(z.min(axis=1), np.uint64(32)).astype(np.uint32)

    def fingerprint(self, normalised: str) -> Fingerprint:
        tokens = words(normalised)
        shingles = self.shingle_hashes(tokens)
        return Fingerprint(
            hash=body_hash(normalised),
            words=len(tokens),
            shingles=int(shingles.size),
            signature=self.signature(shingles),
        )


def band_keys(signature: U32, bands: int, rows: int) -> list[str]:
    """``b:<band>:<hex>`` keys of the LSH bands; two texts sharing any key are candidates.

    A band's rows are folded into 64 bits with fixed odd multipliers (a linear hash: distinct
    bands collide with probability about 2**-32, and a collision only costs one verification).
    """
    if bands * rows > signature.size:
        raise ValueError("bands * rows exceeds the signature length")
    table = signature[: bands * rows].astype(np.uint64).reshape(bands, rows)
    folded = (table * _band_multipliers(rows)).sum(axis=1, dtype=np.uint64)
    digits = folded.astype(">u8").tobytes().hex()
    return [f"b:{i}:{digits[16 * i : 16 * i + 16]}" for i in range(bands)]


def _band_multipliers(rows: int) -> U64:
    return fixed_randoms(rows, 3) | np.uint64(1)
