"""Text fingerprints for dedup: normalised text, body hash, word shingles and MinHash signatures.

Why our own MinHash instead of ``datasketch.MinHash``: dedup runs once per message on one
partition (it needs a global view), so its per-item cost bounds the whole pipeline. datasketch
hashes every shingle with SHA-1 in Python and updates the permutations in a loop; here each
*distinct word* is hashed once (blake2b, cached per hasher), shingles are combined from word
hashes with array arithmetic, and all permutations are applied in one vectorised pass
(``splitmix64`` finaliser over ``shingle XOR seed``), which is a well-mixed bijection per seed.

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
_PUNCT_MAP = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"', "\u2039": "'", "\u203a": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    }
)  # fmt: skip
_WS = re.compile(r"\s+")
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

_MASK64 = (1 << 64) - 1
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_SHINGLE_MULT = np.uint64(0xFF51AFD7ED558CCD)


def unify(text: str) -> str:
    """NFKC, quotes and dashes unified, whitespace collapsed; case kept (for dateline work)."""
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT_MAP)
    return _WS.sub(" ", text).strip()


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


def permutation_seeds(num_perm: int) -> U64:
    """One seed per permutation, from a fixed formula (stable across numpy versions)."""
    seeds = (np.arange(1, num_perm + 1, dtype=np.uint64) * _GOLDEN).astype(np.uint64)
    return _mix64(seeds)


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
    """Turns normalised text into a Fingerprint; holds a bounded per-instance word-hash cache.

    Word hashes repeat heavily across wire copy (the same few thousand words), so caching them
    removes most of the per-item hashing. The cache is cleared, not evicted, when full: cheap
    and still deterministic (a hash does not depend on whether it came from the cache).
    """

    def __init__(self, num_perm: int, shingle_size: int, cache_size: int = 200_000) -> None:
        if num_perm < 1 or shingle_size < 1:
            raise ValueError("num_perm and shingle_size must be positive")
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self._seeds = permutation_seeds(num_perm)[:, None]
        self._cache: dict[str, int] = {}
        self._cache_size = cache_size

    def _word_hashes(self, tokens: list[str]) -> U64:
        cache = self._cache
        if len(cache) > self._cache_size:
            cache.clear()
        out = np.empty(len(tokens), dtype=np.uint64)
        for i, token in enumerate(tokens):
            value = cache.get(token)
            if value is None:
                digest = hashlib.blake2b(token.encode("utf-8", "surrogatepass"), digest_size=8)
                value = int.from_bytes(digest.digest(), "little")
                cache[token] = value
            out[i] = value
        return out

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
        return np.unique(shingles)

    def signature(self, shingles: U64) -> U32:
        """MinHash over all permutations at once; an empty set gives all-max (matches nothing)."""
        if shingles.size == 0:
            return np.full(self.num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
        z = np.bitwise_xor(shingles[None, :], self._seeds)
        _mix64(z)
        np.right_shift(z, np.uint64(32), out=z)
        return z.min(axis=1).astype(np.uint32)

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
    """``b:<band>:<hex>`` keys of the LSH bands; two texts sharing any key are candidates."""
    if bands * rows > signature.size:
        raise ValueError("bands * rows exceeds the signature length")
    table = signature[: bands * rows].astype(np.uint64).reshape(bands, rows)
    acc = np.arange(1, bands + 1, dtype=np.uint64) * _GOLDEN
    for j in range(rows):
        np.bitwise_xor(acc, table[:, j], out=acc)
        _mix64(acc)
    return [f"b:{i}:{int(v) & _MASK64:016x}" for i, v in enumerate(acc.tolist())]
