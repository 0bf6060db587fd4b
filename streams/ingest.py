"""Reading input files and folders into raw items, in a stable order.

Pure file work (no Kafka): the ``ingest`` command sends what this yields to ``wire.raw`` and
``process`` feeds it to the in-process pipeline, so both see the same items in the same order.
A multi-item RSS/Atom file becomes one raw item per entry; every other file is one item, its
bytes untouched, so undecodable or malformed input still reaches the dead-letter topic intact.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from streams.article import RawItem
from streams.errors import WirestreamsError
from streams.formats.ap_media import split_ap_feed
from streams.formats.decoding import decode_payload
from streams.formats.detect import detect_format
from streams.formats.feeds import split_feed

#: formats whose one file can hold many items, and how to split them into one per item
SPLITTERS: dict[str, Callable[[str], list[str]]] = {
    "rss": split_feed,
    "atom": split_feed,
    "ap-media-json": split_ap_feed,
}

#: files in an input folder that are items; anything else there (READMEs, manifests) is not
ITEM_SUFFIXES = frozenset({".json", ".xml", ".html", ".htm", ".txt", ".nitf", ".rss", ".atom"})


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def iter_files(paths: Iterable[str]) -> Iterator[str]:
    """Files as given, and for folders their item files in sorted order (the feed's order)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in ITEM_SUFFIXES
                    and not any(part.startswith(".") for part in child.relative_to(path).parts)
                ):
                    yield str(child)
        elif path.is_file():
            yield given
        else:
            raise FileNotFoundError(f"no such file or folder: {given}")


def items_from_bytes(
    payload: bytes, path: str | None, feed: str | None, format_hint: str = "auto"
) -> list[RawItem]:
    """One raw item, or one per entry when the payload is a multi-item feed (RSS, Atom, AP)."""
    received = utc_now()
    parts = [payload]
    if format_hint in ("auto", *SPLITTERS):
        try:
            text = decode_payload(payload)
            fmt = detect_format(text) if format_hint == "auto" else format_hint
            if fmt in SPLITTERS:
                entries = SPLITTERS[fmt](text)
                if len(entries) > 1:
                    parts = [entry.encode("utf-8") for entry in entries]
        except WirestreamsError:
            pass  # not a feed we can split: the item goes on whole and the cleaner decides
    items = []
    for index, part in enumerate(parts):
        origin = path if len(parts) == 1 else f"{path or '<stdin>'}#{index + 1}"
        items.append(
            RawItem(
                id=RawItem.make_id(part, origin),
                payload=part,
                path=path,
                feed=feed,
                format_hint=format_hint,
                received_at=received,
            )
        )
    return items


def read_items(
    paths: Iterable[str], feed: str | None = None, format_hint: str = "auto"
) -> Iterator[RawItem]:
    """Raw items from files and folders; ``-`` reads standard input as one item."""
    for given in paths:
        if given == "-":
            yield from items_from_bytes(sys.stdin.buffer.read(), None, feed, format_hint)
            continue
        for file in iter_files([given]):
            yield from items_from_bytes(Path(file).read_bytes(), file, feed, format_hint)
