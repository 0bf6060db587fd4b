"""A bounded cache of per-paragraph entity spans, owned by one Tagger.

Agency updates ("write-thrus") and publisher reprints repeat most paragraphs of a story they
have already sent: a new top paragraph, a changed figure, the rest the same. NER is the cost of
tagging, so the tagger keys its spans by a hash of the paragraph text and runs the model only
on paragraphs it has not seen. The cache is an LRU with a fixed size, so memory stays bounded
on an endless stream; each Tagger (one per worker process) has its own, nothing is global.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass

DEFAULT_CAPACITY = 8192


@dataclass(frozen=True, slots=True)
class Span:
    """One entity span inside a paragraph: character offsets and the kind it was given."""

    start: int
    end: int
    kind: str


def paragraph_key(text: str, shouty: bool) -> bytes:
    """A short digest of the paragraph and how it was read (a shouted headline differs)."""
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16)
    digest.update(b"\x01" if shouty else b"\x00")
    return digest.digest()


class ParagraphCache:
    """LRU map of paragraph digest -> spans, with hit and miss counts for the benchmark."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        if capacity < 0:
            raise ValueError("cache capacity must not be negative")
        self.capacity = capacity
        self._items: OrderedDict[bytes, tuple[Span, ...]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: bytes) -> bool:
        return key in self._items

    def get(self, key: bytes) -> tuple[Span, ...] | None:
        found = self._items.get(key)
        if found is None:
            self.misses += 1
            return None
        self._items.move_to_end(key)
        self.hits += 1
        return found

    def put(self, key: bytes, spans: tuple[Span, ...]) -> None:
        if self.capacity == 0:
            return
        self._items[key] = spans
        self._items.move_to_end(key)
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self._items.clear()
        self.hits = 0
        self.misses = 0
