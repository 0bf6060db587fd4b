"""Publisher boilerplate: the lexicon of chrome lines and appeal blocks, and the filter that
removes them from a list of paragraphs.

The phrases live in ``streams/data/boilerplate.yaml`` so editors can extend them without a
code change; this module only knows how to apply them. Precision beats recall here: a story
paragraph lost is worse than a "Sign up" line kept, so every rule is anchored, length-capped,
and multi-paragraph appeals are only removed as a block that opens with a known line.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from streams.errors import RulesError

_CURLY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_TERMINAL = (".", "!", "?", '"', "'", ":", ";", "…", ")")
_TRAILING_YEAR = re.compile(r"\s*\b\d{4}$")
_CAPTION_MAX_CHARS = 120
_CAPTION_MAX_WORDS = 16


def normalise_for_match(paragraph: str) -> str:
    """The form every lexicon pattern is matched against: one line, straight quotes."""
    return " ".join(paragraph.translate(_CURLY).split())


@dataclass(frozen=True, slots=True)
class _Category:
    name: str
    max_chars: int
    patterns: tuple[re.Pattern[str], ...]

    def matches(self, text: str) -> bool:
        return len(text) <= self.max_chars and any(p.search(text) for p in self.patterns)


@dataclass(frozen=True, slots=True)
class _Block:
    name: str
    max_paragraphs: int
    start: tuple[re.Pattern[str], ...]
    end: tuple[re.Pattern[str], ...]
    strong: tuple[re.Pattern[str], ...]
    weak: tuple[re.Pattern[str], ...]


@dataclass(slots=True)
class FilterResult:
    """Paragraphs kept, and those removed with the category that removed them."""

    kept: list[str]
    removed: list[tuple[str, str]] = field(default_factory=list)


def _compile(patterns: Any, where: str) -> tuple[re.Pattern[str], ...]:
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise RulesError(f"boilerplate lexicon: {where} must be a list of strings")
    try:
        return tuple(re.compile(p, re.IGNORECASE) for p in patterns)
    except re.error as exc:
        raise RulesError(f"boilerplate lexicon: bad pattern in {where}: {exc}") from exc


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
    ) -> None:
        self._categories = tuple(categories)
        self._blocks = tuple(blocks)
        self._publisher = tuple(publisher_patterns)

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
            categories.append(
                _Category(
                    name=str(name),
                    max_chars=int(spec.get("max_chars", 200)),
                    patterns=_compile(spec.get("patterns", []), f"categories.{name}"),
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
        publisher = _compile(data.get("publisher", []), "publisher")
        for pattern in publisher:
            if "name" not in pattern.groupindex:
                raise RulesError(
                    f"boilerplate lexicon: publisher pattern needs a (?P<name>...) "
                    f"group: {pattern.pattern}"
                )
        return cls(categories, blocks, publisher)

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(c.name for c in self._categories)

    def is_boilerplate(self, paragraph: str) -> str | None:
        """The category of a paragraph that is boilerplate on its own, else None."""
        text = normalise_for_match(paragraph)
        if not text:
            return None
        for category in self._categories:
            if category.matches(text):
                return category.name
        return None

    def publisher_from(self, line: str) -> str | None:
        """The publisher a chrome line names ("notifications from The Independent")."""
        text = " ".join(line.split())
        if len(text) > 300:
            return None
        for pattern in self._publisher:
            match = pattern.search(text)
            if match:
                name = _TRAILING_YEAR.sub("", match.group("name")).strip(" ,.:;|-–—'\"")
                if name and any(c.isupper() for c in name[:1]) and len(name.split()) <= 6:
                    return name
        return None

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
    ) -> FilterResult:
        """Remove boilerplate paragraphs, appeal blocks and scraped photo captions.

        Runs to a fixed point: removing a block can bring two copies of a caption together,
        and the clean stage must give the same answer when run twice.
        """
        caption_keys = {normalise_for_match(c).lower() for c in captions if c.strip()}
        result = FilterResult(kept=list(paragraphs))
        while True:
            step = self._filter_once(result.kept, publisher, caption_keys)
            if not step.removed:
                return result
            result.kept = step.kept
            result.removed.extend(step.removed)

    def _filter_once(
        self, paragraphs: Sequence[str], publisher: str | None, caption_keys: set[str]
    ) -> FilterResult:
        result = FilterResult(kept=[])
        index = 0
        while index < len(paragraphs):
            paragraph = paragraphs[index]
            key = normalise_for_match(paragraph).lower()
            block = self.block_at(paragraphs, index, publisher)
            if block is not None:
                end, name = block
                result.removed.extend((p, name) for p in paragraphs[index:end])
                index = end
                continue
            category = self.is_boilerplate(paragraph)
            if category is not None:
                result.removed.append((paragraph, category))
            elif key in caption_keys:
                result.removed.append((paragraph, "caption"))
            elif (
                index + 1 < len(paragraphs)
                and normalise_for_match(paragraphs[index + 1]).lower() == key
            ):
                # A line printed twice in a row: a caption and its alt text, or a scrape
                # artefact. Captions go entirely; a repeated sentence is kept once.
                if is_caption_like(paragraph):
                    result.removed.append((paragraph, "caption"))
                    result.removed.append((paragraphs[index + 1], "caption"))
                else:
                    result.kept.append(paragraph)
                    result.removed.append((paragraphs[index + 1], "repeat"))
                index += 2
                continue
            else:
                result.kept.append(paragraph)
            index += 1
        return result


def line_key(line: str) -> bytes:
    """A short, stable digest of a normalised line: what per-publisher statistics count."""
    text = normalise_for_match(line).lower().encode("utf-8", "surrogatepass")
    return hashlib.blake2b(text, digest_size=8).digest()


class PublisherLineStats:
    """Per-publisher line frequencies: a line a publisher repeats across many of its items is
    that publisher's boilerplate, whatever the lexicon says (issue #3).

    Bounded on purpose: at most ``max_publishers`` publishers and ``max_lines`` line digests
    each; when full, the rarest line is forgotten (so a recurring line survives, one-offs go).
    The clean stage only reads it (``is_frequent``); the caller decides when to ``observe``,
    and can persist ``to_dict`` in a changelog-backed table.
    """

    def __init__(
        self,
        *,
        min_items: int = 20,
        min_share: float = 0.3,
        max_publishers: int = 2000,
        max_lines: int = 2000,
    ) -> None:
        self.min_items = min_items
        self.min_share = min_share
        self.max_publishers = max_publishers
        self.max_lines = max_lines
        self._items: dict[str, int] = {}
        self._lines: dict[str, dict[bytes, int]] = {}

    def observe(self, publisher: str, lines: Iterable[str]) -> None:
        """Count each distinct line of one item once."""
        if publisher not in self._items and len(self._items) >= self.max_publishers:
            rarest = min(self._items, key=lambda p: self._items[p])
            del self._items[rarest]
            self._lines.pop(rarest, None)
        self._items[publisher] = self._items.get(publisher, 0) + 1
        counts = self._lines.setdefault(publisher, {})
        for key in {line_key(line) for line in lines if line.strip()}:
            if key not in counts and len(counts) >= self.max_lines:
                del counts[min(counts, key=lambda k: counts[k])]
            counts[key] = counts.get(key, 0) + 1

    def is_frequent(self, publisher: str | None, line: str) -> bool:
        if publisher is None:
            return False
        items = self._items.get(publisher, 0)
        if items < self.min_items:
            return False
        count = self._lines.get(publisher, {}).get(line_key(line), 0)
        return count / items >= self.min_share

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": dict(self._items),
            "lines": {p: {k.hex(): n for k, n in c.items()} for p, c in self._lines.items()},
        }

    def load(self, data: dict[str, Any]) -> None:
        self._items = {str(p): int(n) for p, n in data.get("items", {}).items()}
        self._lines = {
            str(p): {bytes.fromhex(k): int(n) for k, n in c.items()}
            for p, c in data.get("lines", {}).items()
        }
