"""Publisher boilerplate: the lexicon of chrome lines and appeal blocks, and the filter that
removes them from a list of paragraphs.

The phrases live in ``streams/data/boilerplate.yaml`` so editors can extend them without a
code change; this module only knows how to apply them. Precision beats recall here: a story
paragraph lost is worse than a "Sign up" line kept, so every line rule is anchored and
length-capped.

Fixed phrases cannot keep up with the ways publishers word their appeals and trailers, so two
rules go by shape and voice instead of wording. An appeal is a run of paragraphs in which the
publication talks to its reader about itself (we/our, you/your, its own name, support,
paywalls, readers) with no sign of news in them (quotation marks, "said", "told"); it goes as a
whole, and only when story text remains around it. A trailer is the tail of paragraphs after
the last news paragraph that talk to the reader about accounts, logins and subscriptions.
"""

from __future__ import annotations

import base64
import hashlib
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from streams.errors import RulesError
from streams.stages.dedup_state import KeyValueState
from streams.stages.metadata import extract_dateline

_CURLY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_TERMINAL = (".", "!", "?", '"', "'", ":", ";", "…", ")")
_TRAILING_YEAR = re.compile(r"\s*\b\d{4}$")
_CAPTION_MAX_CHARS = 120
_CAPTION_MAX_WORDS = 16
_HEADING_MAX_WORDS = 12
_CACHE_LIMIT = 20_000
_NAME_TOKEN = "<NAME>"
_DIGEST_BYTES = 6
_PUBLISHER_PREFIX = "p:"
_PUBLISHER_KEY_MAX_CHARS = 120
_LEARNED_CACHE_LIMIT = 512
# When the publisher cap is reached, one table scan frees a sixteenth of it.
_EVICT_SHARE = 16
_PUBLISHER_STRIP = " ,.:;|-–—'\"’"
# Categories of lines that belong to a promotion box: a short title right above one of them is
# the box's title ("The Morning Briefing" over "Sign up to our newsletter").
_PROMO_CATEGORIES = frozenset(
    {"newsletter", "donation", "appeal", "app_promo", "registration", "notification"}
)


def normalise_for_match(paragraph: str) -> str:
    """The form every lexicon pattern is matched against: one line, straight quotes."""
    return " ".join(paragraph.translate(_CURLY).split())


@dataclass(frozen=True, slots=True)
class _Category:
    name: str
    max_chars: int
    patterns: tuple[re.Pattern[str], ...]
    combined: re.Pattern[str] | None = None

    def matches(self, text: str) -> bool:
        if len(text) > self.max_chars:
            return False
        if self.combined is not None:  # one pass of the regex engine instead of one per pattern
            return self.combined.search(text) is not None
        return any(p.search(text) for p in self.patterns)


def _combine(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str] | None:
    try:
        return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)
    except re.error:
        return None


@dataclass(frozen=True, slots=True)
class _Block:
    name: str
    max_paragraphs: int
    start: tuple[re.Pattern[str], ...]
    end: tuple[re.Pattern[str], ...]
    strong: tuple[re.Pattern[str], ...]
    weak: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class _Voice:
    """The vocabulary that tells the publisher's voice (appeals, trailers) from news."""

    max_chars: int
    first_person: tuple[re.Pattern[str], ...]
    second_person: tuple[re.Pattern[str], ...]
    support: tuple[re.Pattern[str], ...]
    ask: tuple[re.Pattern[str], ...]
    news: tuple[re.Pattern[str], ...]
    masthead_nouns: frozenset[str]
    trailer_max_chars: int
    account: tuple[re.Pattern[str], ...]
    address: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class Reading:
    """What one paragraph says about who is talking to whom (see ``BoilerplateLexicon.read``)."""

    we: bool
    you: bool
    support: bool
    ask: bool
    news: bool
    names_publisher: bool
    heading: bool
    account: bool = False
    address: bool = False

    @property
    def appeal(self) -> bool:
        """The publication talking to its reader about itself, with nothing of news in it."""
        if self.news:
            return False
        voice = self.we or self.you or self.names_publisher
        return (voice and self.support) or (self.you and (self.we or self.names_publisher))

    @property
    def voiced(self) -> bool:
        """The publication speaks in the first person or by name."""
        return self.we or self.names_publisher

    @property
    def trailer(self) -> bool:
        return self.account and self.address and not self.news


def _any(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    return any(p.search(text) for p in patterns)


def _publisher_patterns(
    publisher: str | None, nouns: frozenset[str]
) -> tuple[re.Pattern[str], ...]:
    """How a text names the publisher: its full name, without "The", or "the <masthead noun>"."""
    if not publisher:
        if not nouns:
            return ()
        alternatives = "|".join(re.escape(n) for n in sorted(nouns))
        return (re.compile(rf"\b[Tt]he (?:{alternatives})\b(?!\s+[A-Z])"),)
    name = " ".join(publisher.split())
    bare = re.sub(r"^the\s+", "", name, flags=re.I)
    # Case-sensitive: "The Independent" is named by "the Independent", not "independent".
    patterns = [re.compile(rf"(?<!\w)(?:[Tt]he\s+)?{re.escape(bare)}(?!\w)")] if bare else []
    for word in name.split():
        if word in nouns:
            patterns.append(re.compile(rf"\b[Tt]he {re.escape(word)}\b"))
    return tuple(patterns)


@dataclass(slots=True)
class FilterResult:
    """Paragraphs kept, and those removed with the category that removed them."""

    kept: list[str]
    removed: list[tuple[str, str]] = field(default_factory=list)


def _compile(patterns: Any, where: str, name_pattern: str = "") -> tuple[re.Pattern[str], ...]:
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise RulesError(f"boilerplate lexicon: {where} must be a list of strings")
    try:
        return tuple(
            re.compile(p.replace(_NAME_TOKEN, name_pattern), re.IGNORECASE) for p in patterns
        )
    except re.error as exc:
        raise RulesError(f"boilerplate lexicon: bad pattern in {where}: {exc}") from exc


def _voice_from(data: dict[str, Any]) -> _Voice | None:
    voice, trailer = data.get("voice"), data.get("trailer")
    if voice is None and trailer is None:
        return None
    if not isinstance(voice, dict) or not isinstance(trailer, dict):
        raise RulesError("boilerplate lexicon: voice and trailer must both be mappings")
    nouns = voice.get("masthead_nouns", [])
    if not isinstance(nouns, list) or not all(isinstance(n, str) for n in nouns):
        raise RulesError("boilerplate lexicon: voice.masthead_nouns must be a list of strings")
    return _Voice(
        max_chars=int(voice.get("max_chars", 900)),
        first_person=_compile(voice.get("first_person", []), "voice.first_person"),
        second_person=_compile(voice.get("second_person", []), "voice.second_person"),
        support=_compile(voice.get("support", []), "voice.support"),
        ask=_compile(voice.get("ask", []), "voice.ask"),
        news=_compile(voice.get("news", []), "voice.news"),
        masthead_nouns=frozenset(nouns),
        trailer_max_chars=int(trailer.get("max_chars", 320)),
        account=_compile(trailer.get("account", []), "trailer.account"),
        address=_compile(trailer.get("address", []), "trailer.address"),
    )


def is_caption_like(line: str) -> bool:
    """Short, unpunctuated text: what a photo caption or label scraped as text looks like."""
    text = line.strip()
    return (
        0 < len(text) <= _CAPTION_MAX_CHARS
        and len(text.split()) <= _CAPTION_MAX_WORDS
        and not text.endswith(_TERMINAL)
    )


class BoilerplateLexicon:
    """Compiled boilerplate rules. Build once (``default()`` or ``from_mapping``) and reuse."""

    def __init__(
        self,
        categories: Sequence[_Category],
        blocks: Sequence[_Block],
        publisher_patterns: Sequence[re.Pattern[str]],
        voice: _Voice | None = None,
        appeal_publisher_patterns: Sequence[re.Pattern[str]] = (),
    ) -> None:
        self._categories = tuple(categories)
        self._blocks = tuple(blocks)
        self._publisher = tuple(publisher_patterns)
        self._voice = voice
        self._appeal_publisher = tuple(appeal_publisher_patterns)
        # Verdicts per paragraph text: the filter runs to a fixed point, and the parser and the
        # clean stage both ask about the same paragraphs. Bounded: cleared when full.
        self._verdicts: dict[str, str | None] = {}
        self._readings: dict[tuple[str, tuple[re.Pattern[str], ...]], Reading | None] = {}

    @classmethod
    def default(cls) -> BoilerplateLexicon:
        """The lexicon packaged with wirestreams. Loads and compiles: callers keep the result."""
        text = resources.files("streams").joinpath("data", "boilerplate.yaml").read_text("utf-8")
        return cls.from_yaml(text)

    @classmethod
    def from_yaml(cls, text: str) -> BoilerplateLexicon:
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise RulesError(f"boilerplate lexicon is not YAML: {exc}") from exc
        if not isinstance(data, dict):
            raise RulesError("boilerplate lexicon must be a mapping")
        return cls.from_mapping(data)

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> BoilerplateLexicon:
        categories: list[_Category] = []
        for name, spec in (data.get("categories") or {}).items():
            if not isinstance(spec, dict):
                raise RulesError(f"boilerplate lexicon: category {name} must be a mapping")
            patterns = _compile(spec.get("patterns", []), f"categories.{name}")
            categories.append(
                _Category(
                    name=str(name),
                    max_chars=int(spec.get("max_chars", 200)),
                    patterns=patterns,
                    combined=_combine(patterns),
                )
            )
        blocks: list[_Block] = []
        for name, spec in (data.get("blocks") or {}).items():
            if not isinstance(spec, dict):
                raise RulesError(f"boilerplate lexicon: block {name} must be a mapping")
            blocks.append(
                _Block(
                    name=str(name),
                    max_paragraphs=int(spec.get("max_paragraphs", 6)),
                    start=_compile(spec.get("start", []), f"blocks.{name}.start"),
                    end=_compile(spec.get("end", []), f"blocks.{name}.end"),
                    strong=_compile(spec.get("strong", []), f"blocks.{name}.strong"),
                    weak=_compile(spec.get("weak", []), f"blocks.{name}.weak"),
                )
            )
        name_pattern = data.get("name_pattern", "")
        if not isinstance(name_pattern, str):
            raise RulesError("boilerplate lexicon: name_pattern must be a string")
        publisher = _compile(data.get("publisher", []), "publisher", name_pattern)
        in_appeal = _compile(
            data.get("publisher_in_appeal", []), "publisher_in_appeal", name_pattern
        )
        for pattern in publisher + in_appeal:
            if "name" not in pattern.groupindex:
                raise RulesError(
                    f"boilerplate lexicon: publisher pattern needs a (?P<name>...) "
                    f"group: {pattern.pattern}"
                )
        return cls(categories, blocks, publisher, _voice_from(data), in_appeal)

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(c.name for c in self._categories)

    def is_boilerplate(self, paragraph: str) -> str | None:
        """The category of a paragraph that is boilerplate on its own, else None."""
        if paragraph in self._verdicts:
            return self._verdicts[paragraph]
        text = normalise_for_match(paragraph)
        verdict: str | None = None
        if text:
            verdict = next((c.name for c in self._categories if c.matches(text)), None)
        if len(self._verdicts) >= _CACHE_LIMIT:
            self._verdicts.clear()
        self._verdicts[paragraph] = verdict
        return verdict

    def publisher_from(self, line: str) -> str | None:
        """The publisher a chrome line names ("notifications from The Independent")."""
        return _first_name(self._publisher, line, min_words=1, max_chars=300)

    def publisher_in_appeal(self, paragraphs: Iterable[str]) -> str | None:
        """The publisher an appeal names when it talks about itself ("X is on the ground").

        Only for paragraphs already judged an appeal: in a story, "X is ..." is news.
        """
        for paragraph in paragraphs:
            named = _first_name(self._appeal_publisher, paragraph, min_words=2, max_chars=900)
            if named is not None:
                return named
        return None

    def read(self, paragraph: str, publisher: str | None = None) -> Reading | None:
        """How ``paragraph`` reads (publisher voice, reader address, news); None without rules."""
        return self._read(normalise_for_match(paragraph), self._names(publisher))

    def _names(self, publisher: str | None) -> tuple[re.Pattern[str], ...]:
        if self._voice is None:
            return ()
        return _publisher_patterns(publisher, self._voice.masthead_nouns)

    def _read(self, text: str, names: tuple[re.Pattern[str], ...]) -> Reading | None:
        key = (text, names)
        if key in self._readings:
            return self._readings[key]
        reading = self._read_uncached(text, names)
        if len(self._readings) >= _CACHE_LIMIT:
            self._readings.clear()
        self._readings[key] = reading
        return reading

    def _read_uncached(self, text: str, names: tuple[re.Pattern[str], ...]) -> Reading | None:
        voice = self._voice
        if voice is None or not text:
            return None
        long = len(text) > voice.max_chars
        return Reading(
            we=not long and _any(voice.first_person, text),
            you=not long and _any(voice.second_person, text),
            support=not long and _any(voice.support, text),
            ask=not long and _any(voice.ask, text),
            news=long or _any(voice.news, text) or extract_dateline(text)[0] is not None,
            names_publisher=not long and _any(names, text),
            heading=is_caption_like(text.removesuffix("?"))
            and len(text.split()) <= _HEADING_MAX_WORDS,
            account=len(text) <= voice.trailer_max_chars and _any(voice.account, text),
            address=_any(voice.address, text),
        )

    def block_at(
        self, paragraphs: Sequence[str], index: int, publisher: str | None = None
    ) -> tuple[int, str] | None:
        """If an appeal block opens at ``index``, (end index exclusive, block name)."""
        text = normalise_for_match(paragraphs[index])
        for block in self._blocks:
            if len(text) > 300 or not any(p.search(text) for p in block.start):
                continue
            return self._block_extent(block, paragraphs, index, publisher), block.name
        return None

    def _block_extent(
        self, block: _Block, paragraphs: Sequence[str], index: int, publisher: str | None
    ) -> int:
        limit = min(len(paragraphs), index + block.max_paragraphs)
        publisher_key = publisher.lower() if publisher else None

        def strong(text: str) -> bool:
            return any(p.search(text) for p in block.strong) or bool(
                publisher_key and publisher_key in text.lower()
            )

        # With a closing line in reach, every paragraph up to it must sound like the appeal.
        for end in range(index + 1, limit):
            text = normalise_for_match(paragraphs[end])
            if any(p.search(text) for p in block.end) and len(text) <= 300:
                inner = [normalise_for_match(p) for p in paragraphs[index + 1 : end]]
                if all(strong(t) or any(w.search(t) for w in block.weak) for t in inner):
                    return end + 1
                break
        # Otherwise only unmistakable appeal paragraphs follow the opening line.
        end = index + 1
        while end < limit and strong(normalise_for_match(paragraphs[end])):
            end += 1
        return end

    def filter_paragraphs(
        self,
        paragraphs: Sequence[str],
        publisher: str | None = None,
        captions: Iterable[str] = (),
        author: str | None = None,
        *,
        title_lists: bool = True,
    ) -> FilterResult:
        """Remove boilerplate paragraphs, appeal blocks and runs, trailers, scraped captions,
        comment threads, lists of other stories' headlines and the author's bio.

        ``title_lists`` removes runs of headline-shaped lines: right for scrapes, where a list
        of links has lost its links; wrong for markup, where a list without links inside the
        story (a fact box) is story text and link lists are told by link density instead.

        Runs to a fixed point: removing a block can bring two copies of a caption together,
        and the clean stage must give the same answer when run twice.
        """
        caption_keys = {normalise_for_match(c).lower() for c in captions if c.strip()}
        names = self._names(publisher)
        result = FilterResult(kept=list(paragraphs))
        while True:
            # Structure first: its anchors (a "3 comments" heading, a paywall line) are
            # boilerplate themselves and would be gone after the lexicon's pass.
            step = self._remove_by_structure(result.kept, author, title_lists)
            if not step.removed:
                step = self._filter_once(result.kept, publisher, caption_keys)
            if not step.removed:
                step = self._remove_appeals(result.kept, names)
            if not step.removed:
                step = self._remove_trailer(result.kept, names)
            if not step.removed:
                return result
            result.kept = step.kept
            result.removed.extend(step.removed)

    def _filter_once(
        self, paragraphs: Sequence[str], publisher: str | None, caption_keys: set[str]
    ) -> FilterResult:
        labels: list[str | None] = [None] * len(paragraphs)
        index = 0
        while index < len(paragraphs):
            paragraph = paragraphs[index]
            key = normalise_for_match(paragraph).lower()
            block = self.block_at(paragraphs, index, publisher)
            if block is not None:
                end, name = block
                labels[index:end] = [name] * (end - index)
                index = end
                continue
            category = self.is_boilerplate(paragraph)
            if category is not None:
                labels[index] = category
            elif key in caption_keys:
                labels[index] = "caption"
            elif (
                index + 1 < len(paragraphs)
                and normalise_for_match(paragraphs[index + 1]).lower() == key
            ):
                # A line printed twice in a row: a caption and its alt text, or a scrape
                # artefact. Captions go entirely; a repeated sentence is kept once.
                if is_caption_like(paragraph):
                    labels[index] = "caption"
                labels[index + 1] = "caption" if is_caption_like(paragraph) else "repeat"
                index += 2
                continue
            index += 1
        # The title of a promotion box goes with the box ("The Evening Wrap" over "Sign up").
        for index in range(len(paragraphs) - 2, -1, -1):
            below = labels[index + 1]
            if labels[index] is None and below in _PROMO_CATEGORIES:
                text = normalise_for_match(paragraphs[index])
                if is_caption_like(text) and len(text.split()) <= _HEADING_MAX_WORDS:
                    labels[index] = below
        return _result(paragraphs, labels)

    def _remove_appeals(
        self, paragraphs: Sequence[str], names: tuple[re.Pattern[str], ...]
    ) -> FilterResult:
        """Remove runs of paragraphs in which the publication appeals to its reader.

        A run is a stretch of appeal paragraphs (and short headings that share their
        vocabulary); it ends at the first paragraph that reads like news. It goes only when
        the publication speaks in it (we/our or its name) to the reader (you/your), it asks
        for something, and story text remains outside it.
        """
        readings = [self._read(normalise_for_match(p), names) for p in paragraphs]
        if not readings or any(r is None for r in readings):
            return FilterResult(kept=list(paragraphs))
        read = [r for r in readings if r is not None]

        def member(r: Reading) -> bool:
            return r.appeal or (r.heading and not r.news and (r.support or r.we or r.you))

        labels: list[str | None] = [None] * len(paragraphs)
        index = 0
        while index < len(read):
            if not member(read[index]):
                index += 1
                continue
            end = index
            while end < len(read) and member(read[end]):
                end += 1
            run = read[index:end]
            start = index
            # An appeal's own title opens the body of a scrape, whatever it says.
            if start == 1 and read[0].heading and not read[0].news:
                start = 0
            # Two paragraphs of the publication asking about its own funding need no "you".
            pleading = sum(1 for r in run if r.appeal and r.voiced and r.support) >= 2
            if (
                any(r.appeal for r in run)
                and any(r.voiced for r in run if r.appeal)
                and (any(r.ask for r in run) or pleading)
                and (any(r.you for r in run) or pleading)
                and (start > 0 or end < len(read))
            ):
                labels[start:end] = ["appeal"] * (end - start)
            index = end
        return _result(paragraphs, labels)

    def _remove_trailer(
        self, paragraphs: Sequence[str], names: tuple[re.Pattern[str], ...]
    ) -> FilterResult:
        """Remove the account/registration lines after the last news paragraph."""
        cut = len(paragraphs)
        while cut > 1:
            text = normalise_for_match(paragraphs[cut - 1])
            reading = self._read(text, names)
            if reading is None:
                break
            # The publication's own label lines under a story ("Our standards: ...").
            house_note = (
                len(text) <= _HOUSE_NOTE_MAX_CHARS
                and reading.voiced
                and not reading.news
                and ":" in text[:40]
            )
            if not (reading.trailer or house_note):
                break
            cut -= 1
        labels: list[str | None] = [None] * cut + ["registration"] * (len(paragraphs) - cut)
        return _result(paragraphs, labels)

    def _remove_by_structure(
        self, paragraphs: Sequence[str], author: str | None, title_lists: bool
    ) -> FilterResult:
        """Chrome told by its shape and place rather than its words.

        - A comment thread: everything from a thread heading ("14 comments") on, once story
          text stands above it.
        - What follows a paywall's gate line ("Subscribe to keep reading"): the wall truncates
          the story, so the labels and reader-addressed lines under it are its offer and the
          page's footer (a news sentence under it is still kept).
        - Lists of other stories: three or more headline-shaped lines in a row (short, no
          closing full stop, no sign of news), with the short heading above them.
        - The author's bio: a paragraph that opens with the byline's name and describes a
          job or a contact, without news in it.
        """
        texts = [normalise_for_match(p) for p in paragraphs]
        labels: list[str | None] = [None] * len(texts)
        for index, text in enumerate(texts):
            if index >= 2 and (
                _THREAD_HEAD.match(text)
                or (_THREAD_INVITE.match(text) and self._thread_below(texts[index + 1 :]))
            ):
                labels[index:] = ["comments"] * (len(texts) - index)
                break
            if index >= 1 and self.is_boilerplate(text) == "gate":
                for after in range(index + 1, len(texts)):
                    below = texts[after]
                    reading = self.read(below)
                    if not self._news(below) and (
                        is_caption_like(below) or (reading is not None and reading.you)
                    ):
                        labels[after] = "paywall"
                break
        index = 0 if title_lists else len(texts)
        while index < len(texts):
            end = index
            while end < len(texts) and self._headline_shaped(texts[end]):
                end += 1
            if end - index >= _LIST_MIN_ITEMS:
                start = index
                if (
                    start > 0
                    and _is_list_heading(texts[start - 1])
                    and not self._news(texts[start - 1])
                ):
                    start -= 1
                labels[start:end] = ["related"] * (end - start)
            index = max(end, index + 1)
        if author:
            name = " ".join(author.split()).lower()
            for index, text in enumerate(texts):
                if (
                    text.lower().startswith(name)
                    and len(text) <= _BIO_MAX_CHARS
                    and _BIO_WORDS.search(text)
                    and not self._news(text)
                ):
                    labels[index] = "bio"
        return _result(paragraphs, labels)

    def _thread_below(self, texts: Sequence[str]) -> bool:
        """What follows an invitation to comment looks like a thread: short posts, none of
        them news (no quotation, no dateline), and some name-only lines (the commenters)."""
        if not texts or len(texts) > _THREAD_MAX_POSTS:
            return False
        names = sum(1 for t in texts if is_caption_like(t) and len(t.split()) <= 4)
        return names >= 1 and all(
            len(t) <= 600 and '"' not in t and extract_dateline(t)[0] is None for t in texts
        )

    def _news(self, text: str) -> bool:
        voice = self._voice
        if voice is not None and _any(voice.news, text):
            return True
        return extract_dateline(text)[0] is not None

    def _headline_shaped(self, text: str) -> bool:
        bare = _NUMBERED.sub("", text)
        words = bare.split()
        return (
            _LIST_MIN_WORDS <= len(words) <= _LIST_MAX_WORDS
            and len(bare) <= _LIST_MAX_CHARS
            and not bare.endswith(_SENTENCE_CLOSERS)
            and not self._news(bare)
        )


_HOUSE_NOTE_MAX_CHARS = 160
_THREAD_HEAD = re.compile(
    r"^(\d+ comments?|comments?( \(\d+\))?|readers.? (comments|responses|discussion)|"
    r"(show|view|read|load|see)( all)?( \d+)? comments?|discussion|conversation)\s*:?$",
    re.I,
)
_THREAD_INVITE = re.compile(
    r"^(join|start|enter) the (conversation|discussion|debate)|^have your say|^what do you think",
    re.I,
)
_THREAD_MAX_POSTS = 60
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+")
_SENTENCE_CLOSERS = (".", "!", '"', "'", ";", ",", ":")
_LIST_MIN_ITEMS = 3
_LIST_MIN_WORDS = 3
_LIST_MAX_WORDS = 16
_LIST_MAX_CHARS = 110
_BIO_MAX_CHARS = 400
_BIO_WORDS = re.compile(
    r"\b(reporter|correspondent|editor|writer|columnist|journalist|covers|covering|writes|"
    r"written|joined|follow|contact|previously|based in)\b|@",
    re.I,
)


def _is_list_heading(text: str) -> bool:
    return is_caption_like(text) and len(text.split()) <= 6


def _result(paragraphs: Sequence[str], labels: Sequence[str | None]) -> FilterResult:
    result = FilterResult(kept=[])
    for paragraph, label in zip(paragraphs, labels, strict=True):
        if label is None:
            result.kept.append(paragraph)
        else:
            result.removed.append((paragraph, label))
    return result


def _first_name(
    patterns: Sequence[re.Pattern[str]], line: str, min_words: int, max_chars: int
) -> str | None:
    text = " ".join(line.split())
    if len(text) > max_chars:
        return None
    for pattern in patterns:
        for match in pattern.finditer(text):
            name = _TRAILING_YEAR.sub("", match.group("name") or "").strip(_PUBLISHER_STRIP)
            name = re.sub(r"['’]s$", "", name)
            words = name.split()
            if name and name[:1].isupper() and min_words <= len(words) <= 6:
                return name
    return None


def line_key(line: str) -> bytes:
    """A short, stable digest of a normalised line: what per-publisher statistics count.

    Six bytes, because every digest a publisher keeps is repeated in each changelog write of
    its record; with a few thousand digests per publisher a collision stays near one line in
    10^11."""
    text = normalise_for_match(line).lower().encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=_DIGEST_BYTES).digest()


def publisher_key(publisher: str) -> str:
    """The state key of a publisher's record (a hash for an implausibly long name)."""
    if len(publisher) <= _PUBLISHER_KEY_MAX_CHARS:
        return _PUBLISHER_PREFIX + publisher
    digest = hashlib.blake2b(publisher.encode("utf-8", "surrogatepass"), digest_size=12)
    return f"{_PUBLISHER_PREFIX}#{digest.hexdigest()}"


def _item_digest(item_key: str) -> bytes:
    text = item_key.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=_DIGEST_BYTES).digest()


def _pack(digests: Iterable[bytes]) -> str:
    return base64.b64encode(b"".join(digests)).decode("ascii")


def _unpack(text: str) -> list[bytes]:
    raw = base64.b64decode(text.encode("ascii"), validate=True)
    if len(raw) % _DIGEST_BYTES:
        raise ValueError("digest string of the wrong length")
    return [raw[i : i + _DIGEST_BYTES] for i in range(0, len(raw), _DIGEST_BYTES)]


def _one(text: str) -> bytes:
    (digest,) = _unpack(text)
    return digest


def _items_of(value: Any) -> int:
    try:
        return int(value[0])
    except (ValueError, TypeError, IndexError, KeyError):
        return 0


_MALFORMED = (ValueError, TypeError, AttributeError, IndexError, KeyError)


@dataclass(slots=True)
class _PublisherLines:
    """One publisher's record, decoded.

    Lines seen once wait in ``singles``, grouped by the item that brought them, so the item's
    headline signature is stored once rather than once per line (most lines are story text
    that never comes back). A line seen again moves to ``lines`` with its count and at most
    ``min_count`` signatures. Both keep insertion order: eviction forgets the oldest of the
    least-counted lines. ``recent`` holds digests of the last item keys, oldest first.

    The stored value is a JSON array ``[items, recent, [[signature, digests], ...],
    {digest: [count, *signatures]}]`` with digests packed in base64, and is never edited in
    place: every change is a new value assigned to the key (what a Faust table writes to its
    changelog).
    """

    items: int = 0
    recent: list[bytes] = field(default_factory=list)
    singles: list[tuple[int, list[bytes]]] = field(default_factory=list)
    lines: dict[bytes, tuple[int, tuple[int, ...]]] = field(default_factory=dict)

    def to_value(self) -> list[Any]:
        return [
            self.items,
            _pack(self.recent),
            [[signature, _pack(digests)] for signature, digests in self.singles],
            {_pack((k,)): [n, *signatures] for k, (n, signatures) in self.lines.items()},
        ]

    @classmethod
    def from_value(cls, value: Any) -> _PublisherLines:
        items, recent, singles, lines = value
        return cls(
            items=int(items),
            recent=_unpack(recent),
            singles=[(int(signature), _unpack(digests)) for signature, digests in singles],
            lines={
                _one(k): (int(v[0]), tuple(int(s) for s in v[1:])) for k, v in lines.items()
            },
        )


@dataclass(frozen=True, slots=True)
class LearnedLines:
    """The lines learned as one publisher's boilerplate, to test paragraphs against."""

    digests: frozenset[bytes] = frozenset()
    max_line_chars: int = 0

    def __bool__(self) -> bool:
        return bool(self.digests)

    def __contains__(self, line: object) -> bool:
        return (
            isinstance(line, str)
            and bool(self.digests)
            and len(line) <= self.max_line_chars
            and line_key(line) in self.digests
        )


_NOTHING_LEARNED = LearnedLines()


class PublisherLineStats:
    """Per-publisher line frequencies: a line a publisher repeats across many of its items is
    that publisher's boilerplate, whatever the lexicon says (issue #3).

    A line is frequent for a publisher when the publisher has at least ``min_items`` items,
    the line was in at least ``min_share`` of them, and it was seen under at least
    ``min_count`` distinct headlines. The last condition is what keeps story text safe: the
    write-thrus of one story repeat its background paragraphs item after item, but under
    versions of one headline, which a one-value MinHash of the headline's words folds together
    (versions share most words, so they usually hash alike; different stories almost never do).
    Lines longer than ``max_line_chars`` are never counted: chrome is short, news paragraphs
    are not.

    The counts live in ``state``, a key-value store like the dedup index's: a ``dict`` in
    process, a changelog-backed Faust table in the worker, so a restarted or moved worker
    keeps what it learned. One key per publisher, so observing an item writes one key (inside
    the event being processed, which is what ties a Faust table write to its partition).

    Bounded on purpose: at most ``max_publishers`` records (when full, the publishers with the
    fewest items are forgotten, a sixteenth of the cap at a time, so the table scan this takes
    is rare) and ``max_lines`` line digests each (when full, the oldest of the least-counted
    lines is forgotten, so a recurring line survives and one-offs go). Observing the same item
    key twice (a replayed message) counts once, for the last ``max_recent_items`` keys of each
    publisher. ``clean_article`` only reads (``learned``); the caller ``observe``s each item
    after cleaning it.

    The record count is cached in the object; it is recounted at each eviction, so another
    writer of the same state only makes the bound approximate until then.
    """

    def __init__(
        self,
        state: KeyValueState | None = None,
        *,
        min_items: int = 20,
        min_share: float = 0.3,
        min_count: int = 3,
        max_line_chars: int = 300,
        max_publishers: int = 2000,
        max_lines: int = 2000,
        max_recent_items: int = 64,
    ) -> None:
        self.state: KeyValueState = state if state is not None else {}
        self.min_items = min_items
        self.min_share = min_share
        self.min_count = min_count
        self.max_line_chars = max_line_chars
        self.max_publishers = max_publishers
        self.max_lines = max_lines
        self.max_recent_items = max_recent_items
        self._publishers: int | None = None
        # publisher key -> (the stored value it was computed from, what it says is learned)
        self._learned: dict[str, tuple[Any, LearnedLines]] = {}

    def observe(
        self,
        publisher: str,
        lines: Iterable[str],
        *,
        item_key: str | None = None,
        headline: str = "",
    ) -> None:
        """Count each distinct line of one item once (and an item key only once)."""
        key = publisher_key(publisher)
        value = self.state.get(key)
        record = self._decode(value)
        if item_key is not None:
            digest = _item_digest(item_key)
            if digest in record.recent:
                return
            record.recent = [*record.recent, digest][-self.max_recent_items :]
        if value is None:
            self._make_room()
        record.items += 1
        signature = headline_signature(headline)
        keys = sorted(
            {line_key(line) for line in lines if line.strip() and len(line) <= self.max_line_chars}
        )
        waiting = {d for _, digests in record.singles for d in digests}
        fresh: list[bytes] = []
        promoted: set[bytes] = set()
        for digest in keys:
            if digest in record.lines:
                seen, signatures = record.lines[digest]
                record.lines[digest] = (seen + 1, self._with(signatures, signature))
            elif digest in waiting:
                promoted.add(digest)
            else:
                fresh.append(digest)
        if promoted:
            singles: list[tuple[int, list[bytes]]] = []
            for first, digests in record.singles:
                for digest in digests:
                    if digest in promoted:
                        once = (first,)[: self.min_count]
                        record.lines[digest] = (2, self._with(once, signature))
                kept = [d for d in digests if d not in promoted]
                if kept:
                    singles.append((first, kept))
            record.singles = singles
        if fresh:
            record.singles.append((signature, fresh))
        self._forget_lines(record)
        value = record.to_value()
        self.state[key] = value
        self._remember(key, value, record)

    def learned(self, publisher: str | None) -> LearnedLines:
        """The lines learned as ``publisher``'s boilerplate (empty until it has enough items)."""
        if publisher is None:
            return _NOTHING_LEARNED
        key = publisher_key(publisher)
        value = self.state.get(key)
        if value is None:
            return _NOTHING_LEARNED
        cached = self._learned.get(key)
        if cached is not None and (cached[0] is value or cached[0] == value):
            return cached[1]
        return self._remember(key, value, self._decode(value))

    def is_frequent(self, publisher: str | None, line: str) -> bool:
        return line in self.learned(publisher)

    def counts(self, publisher: str) -> tuple[int, int]:
        """How many items of ``publisher`` were counted, and how many line digests it keeps."""
        record = self._decode(self.state.get(publisher_key(publisher)))
        return record.items, sum(len(d) for _, d in record.singles) + len(record.lines)

    def _with(self, signatures: tuple[int, ...], signature: int) -> tuple[int, ...]:
        if len(signatures) < self.min_count and signature not in signatures:
            return (*signatures, signature)
        return signatures

    def _decode(self, value: Any) -> _PublisherLines:
        """The record in ``value``; a missing or unreadable one starts afresh (never raises)."""
        if value is None:
            return _PublisherLines()
        try:
            return _PublisherLines.from_value(value)
        except _MALFORMED:
            return _PublisherLines()

    def _remember(self, key: str, value: Any, record: _PublisherLines) -> LearnedLines:
        learned = self._learned_in(record)
        if len(self._learned) >= _LEARNED_CACHE_LIMIT:
            self._learned.clear()
        self._learned[key] = (value, learned)
        return learned

    def _learned_in(self, record: _PublisherLines) -> LearnedLines:
        items = record.items
        if items < self.min_items or items <= 0:
            return _NOTHING_LEARNED
        digests = {
            digest
            for digest, (seen, signatures) in record.lines.items()
            if len(signatures) >= self.min_count and seen / items >= self.min_share
        }
        if self.min_count <= 1 and 1 / items >= self.min_share:
            digests.update(d for _, group in record.singles for d in group)
        if not digests:
            return _NOTHING_LEARNED
        return LearnedLines(frozenset(digests), self.max_line_chars)

    def _forget_lines(self, record: _PublisherLines) -> None:
        excess = sum(len(d) for _, d in record.singles) + len(record.lines) - self.max_lines
        while excess > 0 and record.singles:
            first, digests = record.singles[0]
            if len(digests) <= excess:
                record.singles.pop(0)
                excess -= len(digests)
            else:
                record.singles[0] = (first, digests[excess:])
                excess = 0
        while excess > 0 and record.lines:
            del record.lines[min(record.lines, key=lambda k: record.lines[k][0])]
            excess -= 1

    def _make_room(self) -> None:
        """Before a new publisher's first record: keep the record count under the cap."""
        if self._publishers is not None and self._publishers < self.max_publishers:
            self._publishers += 1
            return
        records = [
            (_items_of(value), key)
            for key, value in self.state.items()
            if isinstance(key, str) and key.startswith(_PUBLISHER_PREFIX)
        ]
        count = len(records)
        if count >= self.max_publishers:
            keep = max(0, self.max_publishers - max(1, self.max_publishers // _EVICT_SHARE))
            # sorted() is stable: among equally rare publishers the oldest record goes first
            for _, key in sorted(records, key=lambda r: r[0])[: count - keep]:
                self.state.pop(key, None)
                self._learned.pop(key, None)
            count = keep
        self._publishers = count + 1


_HEADLINE_WORD = re.compile(r"[^\W\d_]{3,}")


def headline_signature(headline: str) -> int:
    """A one-value MinHash of a headline's words: equal for most versions of one story."""
    words = {w.lower() for w in _HEADLINE_WORD.findall(headline)}
    if not words:
        return 0
    return min(zlib.crc32(w.encode("utf-8", "surrogatepass")) for w in words)
