"""Text fingerprints for dedup: normalised text, body hash, shingles, one-permutation MinHash.

Why our own sketches instead of ``datasketch``: dedup runs once per message on one partition
(it needs a global view), so its per-item cost bounds the whole pipeline. datasketch hashes
every shingle with SHA-1 in Python and applies 128 permutations to every shingle. Here:

- words are hashed in one compiled pass over the text's bytes (a polynomial hash over each
  run of word bytes, mixed with the ``splitmix64`` finaliser), with no per-word Python work;
  shingles are combined from word hashes and mixed once;
- the per-article loops run compiled (``sketch_kernels``, numba): one call per step instead
  of dozens of numpy calls on arrays of a few hundred values;
- the signature is **one-permutation hashing** (Li, Owen and Zhang 2012): the shingle hashes
  are split into ``num_perm`` bins by their top bits and each bin keeps its minimum (one
  ``minimum.at`` instead of ``num_perm`` passes); bins empty in both texts are left out of
  the estimate, as in their estimator, instead of densifying;
- one byte is kept per bin (1-255 from the minimum, 0 for empty; b-bit MinHash): 128 bytes
  per article, and the 1/255 chance agreement is removed in ``estimate_jaccard``;
- the LSH keys come from a second, coarser sketch: OPH over *long* word shingles
  (``band_shingle``, default 5 words) with one value per band (rows = 1). Long shingles make a
  single shared value strong evidence (unrelated stories rarely share 5 consecutive words), so
  a handful of bands gives high recall: a pair whose 5-shingle Jaccard is J shares a band with
  probability 1 - (1 - J) ** bands. Phrases common to many stories are handled by the index
  (a band key listing too many stories stops being a key, see dedup_state).

Everything is deterministic across processes and machines: no ``hash()`` (salted per process),
no random generators whose streams may change between numpy versions.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from streams.stages import sketch_kernels

U64 = npt.NDArray[np.uint64]
U8 = npt.NDArray[np.uint8]
Intp = npt.NDArray[np.intp]

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
_LINE_END = frozenset(".!?:;\"')]")
# Lines a scrape leaves behind that are never story text: captions, credits, timestamps,
# sign-up prompts, trailers. Matched on casefolded lines of at most ``_CHROME_WORDS`` words.
_CHROME = re.compile(
    r"\b(?:photo|photos|image|getty|file|read more|sign up|newsletter|subscribe|advertisement"
    r"|click|follow us|copyright|all rights reserved|via ap|news wire|related|gmt|utc"
    r"|updated|published|share this|listen to|most read|register|comments|republished)\b"
)
_CHROME_WORDS = 15

# A leading dateline: "SEOUL, South Korea (AP) - ", "LONDON, Nov 11 (Reuters) - ",
# "PARIS (AFP) -", or a bare all-caps place and a dash ("NAIROBI, Kenya - ").
# Matched on NFKC text with dashes unified, before casefolding (capitals are the signal).
_DATELINE = re.compile(
    r"""^[ ]*
    [A-Z\u00c0-\u00de][A-Z\u00c0-\u00de.'\- ]{1,40}       # CITY in capitals
    (?:,[ ]*[A-Z][\w.' ]{0,40}?)?                          # , State / Country / date
    [ ]*(?:\([^()\n]{1,40}\)[ ]*)?                         # (AP) / (Reuters)
    -{1,3}[ ]+""",
    re.VERBOSE,
)
_DATELINE_AGENCY = re.compile(
    r"""^[ ]*
    [A-Z\u00c0-\u00de][^\n()]{0,80}?                       # place, any case after the capital
    [ ]*\([^()\n]{1,40}\)[ ]*-{1,3}[ ]+""",
    re.VERBOSE,
)

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_SHINGLE_MULT = np.uint64(0xFF51AFD7ED558CCD)
_BAND_SALT = np.uint64(0xD6E8FEB86659FD93)
_EMPTY = np.uint64(0xFFFFFFFFFFFFFFFF)
_BAND_KEY_BYTES = 6
MARKS = 4  # trigram minima per lead sentence  # 48 bits: 8 base64 characters, aligned, no padding


def _unify_punct(match: re.Match[str]) -> str:
    return _PUNCT[match.group()]


def unify(text: str) -> str:
    """NFKC, quotes and dashes unified, one stripped line per non-empty line; case kept.

    Spaces inside a line are left alone: tokens, hashes and the body digest ignore them.

    Line breaks are kept (as single newlines) because they end sentences: a caption or a
    "Read more" line without a full stop must not glue itself onto the next story sentence.
    A line that continues in lower case after a line without closing punctuation is a hard
    wrap and is joined back.
    ASCII text (most agency copy) skips NFKC and the punctuation scan.
    """
    if text.isascii():
        text = text.replace("`", "'")
    else:
        text = _PUNCT_RE.sub(_unify_punct, unicodedata.normalize("NFKC", text))
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if lines and line[0].islower() and lines[-1][-1] not in _LINE_END:
            lines[-1] += " " + line  # a hard-wrapped sentence continues
        else:
            lines.append(line)
    return "\n".join(lines)


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
    """The text dedup compares: unified, dateline stripped, casefolded, chrome lines dropped.

    Digits are kept. A line is dropped when it is a heading-like stub (three words or fewer)
    or a short line (at most 15 words) that names page chrome (see ``_CHROME``): the stray
    "Read more:" lines, captions, credit lines and trailers a cleaner may leave in a scrape
    would otherwise count as the reprint's "new" text and lower its containment.
    """
    text = strip_dateline(unify(text)).casefold()
    lines = text.split("\n")
    kept = [line for line in lines if not _is_chrome(line)]
    return text if len(kept) == len(lines) else "\n".join(kept)


def _is_chrome(line: str) -> bool:
    spaces = line.count(" ")
    if spaces < 3:
        return True
    return spaces < _CHROME_WORDS and _CHROME.search(line) is not None


# Bytes that are not word characters become spaces: ASCII letters, digits and underscore are
# word characters (``\w`` on ASCII), and so is every non-ASCII byte (UTF-8 letters; the
# quotes and dashes that differ between copies were unified to ASCII before).
_WORD_BYTES = bytes(c if c >= 0x80 or chr(c).isalnum() or chr(c) == "_" else 32 for c in range(256))
_WORD_TABLE = np.frombuffer(_WORD_BYTES, dtype=np.uint8)
# per byte: 1 terminal punctuation, 2 white space, 4 line break (also white space)
_GAP_FLAGS = np.array(
    [(c in b".!?") | 2 * (c in b" \t\r\n") | 4 * (c == 10) for c in range(256)], dtype=np.uint8
)


def words(normalised: str) -> list[bytes]:
    """Word tokens as UTF-8 bytes: runs of word bytes (see ``_WORD_BYTES``)."""
    return normalised.encode("utf-8", "surrogatepass").translate(_WORD_BYTES).split()


@dataclass(frozen=True, slots=True)
class Sentence:
    """One lead sentence: ``MARKS`` 16-bit trigram minima, its word count and byte span."""

    marks: tuple[int, ...]
    words: int
    start: int
    end: int


@dataclass(slots=True)
class Analysis:
    """One normalised text, tokenised once: UTF-8 bytes, word byte spans, word hashes.

    ``trigrams`` caches the mixed word-trigram hashes once a fingerprint computed them (the
    lead marks use the same trigrams).
    """

    data: bytes
    starts: npt.NDArray[np.intp]
    ends: npt.NDArray[np.intp]
    hashes: U64
    trigrams: U64 | None = None

    @property
    def words(self) -> int:
        return int(self.hashes.size)

    def digest(self) -> str:
        """16 hex digits naming the word sequence: equal digests mean an exact copy.

        Built from the word hashes, so spacing, line breaks and punctuation do not count.
        """
        return hashlib.blake2b(self.hashes.tobytes(), digest_size=8).hexdigest()

    def sentence_of(self) -> npt.NDArray[np.intp]:
        """The sentence number of every word.

        A sentence ends in a gap between two words that holds terminal punctuation and
        white space ("said. The", "low." Officials"), or a line break (a caption or a stray
        "Read more" line without a full stop stays apart from the story sentence after it).
        """
        data = np.frombuffer(self.data, dtype=np.uint8)
        return sketch_kernels.sentence_numbers(data, self.ends, _GAP_FLAGS)


def is_chrome(analysis: Analysis, sentence: Sentence) -> bool:
    """Whether a sentence names page chrome (a caption, credit or prompt a scrape kept)."""
    text = analysis.data[sentence.start : sentence.end].decode("utf-8", "replace")
    return _CHROME.search(text) is not None


def decode_lead(text: str) -> list[set[int]]:
    """The stored marks as one set per hash function."""
    values = np.frombuffer(base64.b64decode(text), dtype="<u2") if text else np.empty(0)
    return [set(values[i::MARKS].tolist()) for i in range(MARKS)]


def is_known(sentence: Sentence, lead: list[set[int]]) -> bool:
    """Whether two of the sentence's four marks are in a stored lead: the same sentence."""
    return sum(m in known for m, known in zip(sentence.marks, lead, strict=True)) >= 2


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


def one_permutation(hashes: U64, bins: int) -> U64:
    """Per-bin minimum of mixed 64-bit hashes (bin = top bits); an empty bin stays all-ones.

    Li, Owen and Zhang's estimator needs no densification: bins empty in both texts are
    left out of the comparison (see ``estimate_jaccard``).
    """
    which = ((hashes >> np.uint64(32)) * np.uint64(bins)) >> np.uint64(32)
    out = np.full(bins, _EMPTY, dtype=np.uint64)
    np.minimum.at(out, which.astype(np.intp), hashes)
    return out


def _byte_code(minima: U64) -> U8:
    """One byte per bin: 1..255 from the bin's minimum, 0 for an empty bin."""
    codes = (minima % np.uint64(255) + np.uint64(1)).astype(np.uint8)
    codes[minima == _EMPTY] = 0
    return codes


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What dedup keeps of a body: word and shingle counts, the 8-bit signature, band keys."""

    words: int
    shingles: int
    signature: U8
    bands: U64

    def compact(self) -> str:
        """The signature as stored: one byte per bin, base64."""
        return base64.b64encode(self.signature.tobytes()).decode("ascii")

    def band_code(self) -> str:
        """The band values as stored: 48 bits each, base64 (8 characters per band)."""
        raw = self.bands.astype(">u8").view(np.uint8).reshape(-1, 8)[:, 8 - _BAND_KEY_BYTES :]
        return base64.urlsafe_b64encode(raw.tobytes()).decode("ascii")


def band_keys(code: str) -> list[str]:
    """``b<8 chars>`` state keys from a stored band code; sharing one makes two candidates."""
    width = 4 * _BAND_KEY_BYTES // 3
    return ["b" + code[i : i + width] for i in range(0, len(code), width)]


def decode_compact(text: str) -> U8:
    return np.frombuffer(base64.b64decode(text), dtype=np.uint8)


def estimate_jaccard(a: U8, b: U8) -> float:
    """Jaccard estimate from two one-byte-per-bin signatures (0 = empty bin).

    Bins empty in both are left out; a bin empty in one only is a disagreement. Agreement
    by chance (1 in 255 for two non-empty bins) is removed.
    """
    if a.shape != b.shape or a.size == 0:
        return 0.0
    used = int(np.count_nonzero(a | b))
    if used == 0:
        return 0.0
    observed = float(np.count_nonzero((a == b) & (a != 0))) / used
    chance = 1.0 / 255.0
    return max(0.0, (observed - chance) / (1.0 - chance))


def intersection_size(jaccard: float, size_a: int, size_b: int) -> float:
    """|A ∩ B| implied by a Jaccard estimate and both set sizes."""
    return jaccard * (size_a + size_b) / (1.0 + jaccard)


class ShingleHasher:
    """Turns normalised text into an Analysis, a Fingerprint and lead-sentence marks.

    Word hashes are a polynomial hash over each run of word bytes (``byte + 1`` times
    ``P**offset``, mod 2**64), mixed; the per-article loops (word hashes, the 3-/5-word
    sketches, lead marks) run compiled in ``sketch_kernels``, one call per step, because with
    numpy the fixed cost of dozens of ufunc calls on arrays of a few hundred values was most of
    an article's time. No state besides the configuration and its derived constants.
    """

    def __init__(
        self, num_perm: int, shingle_size: int, bands: int = 6, band_shingle: int = 5
    ) -> None:
        if min(num_perm, shingle_size, bands, band_shingle) < 1:
            raise ValueError("num_perm, shingle_size, bands and band_shingle must be positive")
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.bands = bands
        self.band_shingle = band_shingle
        self._band_salt = np.arange(bands, dtype=np.uint64) * _BAND_SALT
        self._mark_mult = fixed_randoms(MARKS, 4) | np.uint64(1)
        self._mark_add = fixed_randoms(MARKS, 5)
        self._fast = shingle_size == 3 and band_shingle == 5

    def analyse(self, normalised: str) -> Analysis:
        data = normalised.encode("utf-8", "surrogatepass")
        codes = np.frombuffer(data, dtype=np.uint8)
        starts, ends, hashes = sketch_kernels.word_hashes(codes, _WORD_TABLE)
        return Analysis(data, starts, ends, hashes)

    @staticmethod
    def shingles_of(hashes: U64, size: int) -> U64:
        """Mixed hashes of the word ``size``-grams, in order (the whole text if shorter)."""
        if hashes.size == 0:
            return np.empty(0, dtype=np.uint64)
        k = min(size, len(hashes))
        n = len(hashes) - k + 1
        shingles = hashes[:n].copy()
        for j in range(1, k):
            np.multiply(shingles, _SHINGLE_MULT, out=shingles)
            np.add(shingles, hashes[j : j + n], out=shingles)
        return _mix64(shingles)

    def shingle_hashes(self, normalised: str) -> U64:
        """Sorted distinct shingle hashes of a text (for tests and estimates)."""
        return np.unique(self.shingles_of(self.analyse(normalised).hashes, self.shingle_size))

    def signature(self, shingles: U64) -> U8:
        """The one-byte-per-bin one-permutation signature of a shingle set."""
        return _byte_code(one_permutation(shingles, self.num_perm))

    def fingerprint(self, normalised: str, analysis: Analysis | None = None) -> Fingerprint:
        text = analysis if analysis is not None else self.analyse(normalised)
        h = text.hashes
        if self._fast and h.size >= 5:  # the common case, compiled, in one pass
            trigrams, distinct, signature, bands = sketch_kernels.sketch_3_5(
                h, self.num_perm, self._band_salt
            )
            text.trigrams = trigrams
            return Fingerprint(text.words, distinct, signature, bands)
        shingles = self.shingles_of(h, self.shingle_size)
        long = self.shingles_of(h, self.band_shingle)
        if self.shingle_size == 3:
            text.trigrams = shingles
        ordered = np.sort(shingles)
        distinct = 1 + int(np.count_nonzero(ordered[1:] != ordered[:-1])) if ordered.size else 0
        minima = one_permutation(long, self.bands)
        if long.size < 4 * self.bands:  # short text: empty bins borrow the overall minimum
            minima[minima == _EMPTY] = minima.min()
        return Fingerprint(
            words=text.words,
            shingles=distinct,
            signature=self.signature(shingles),
            bands=minima + self._band_salt,
        )

    def _lead(self, analysis: Analysis, limit: int) -> tuple[npt.NDArray[np.uint16], Intp,
                                                             Intp, Intp, Intp]:  # fmt: skip
        """(marks of shape (k, MARKS), word counts, sentence numbers, byte starts, byte ends)
        of the first ``limit`` sentences of four or more words."""
        data = np.frombuffer(analysis.data, dtype=np.uint8)
        return sketch_kernels.lead_marks(
            data, analysis.starts, analysis.ends, analysis.hashes, _GAP_FLAGS,
            self._mark_mult, self._mark_add, limit,
        )  # fmt: skip

    def lead_code(self, analysis: Analysis, limit: int) -> str:
        """The stored form of the lead's marks (base64 of little-endian uint16)."""
        marks = self._lead(analysis, limit)[0]
        return base64.b64encode(marks.astype("<u2").tobytes()).decode("ascii")

    def lead_sentences(self, analysis: Analysis, limit: int) -> list[Sentence]:
        """The first ``limit`` sentences of four or more words, each with ``MARKS`` marks.

        A sentence's marks are the minima of four hash functions over its word *trigrams*.
        Two desk edits in a sentence change ~6 of ~25 trigrams, so each mark survives with
        probability ~0.78 and at least two of the four ~96% of the time; a sentence that is
        really new matches two marks of the old text only if it shares much of its trigrams
        with one old sentence (~3% for a new lead that repeats a few names and places).
        (Minima over *bigrams* were tried first: stock bigrams such as "the government"
        became the minimum of many sentences.)
        """
        marks, counts, _, starts, ends = self._lead(analysis, limit)
        return [
            Sentence(tuple(row), n, start, end)
            for row, n, start, end in zip(
                marks.tolist(), counts.tolist(), starts.tolist(), ends.tolist(), strict=True
            )
        ]
