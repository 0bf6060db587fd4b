"""From a raw item to an Article: size check, decode, detect, dispatch to one parser.

This is the only entry point the pipeline uses, and its promise is narrow: it returns an
Article or raises a WirestreamsError subclass. A parser bug on odd input becomes a ParseError
naming the format, so the item is dead-lettered with a reason instead of killing the worker.
Parsers are imported on first use: a format whose module is missing or broken fails only the
items in that format.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from streams.article import Article, RawItem
from streams.errors import ParseError, TooLargeError, UnknownFormatError, WirestreamsError
from streams.formats.decoding import decode_payload
from streams.formats.detect import FORMATS, JSON_FORMATS, detect_format, load_json

if TYPE_CHECKING:
    from streams.stages.boilerplate import BoilerplateLexicon

DEFAULT_MAX_BYTES = 1_048_576

#: parsers that strip publisher chrome while finding the headline, so they take the lexicon
LEXICON_AWARE = frozenset({"html", "text"})

Parser = Callable[[str, RawItem], Article]

#: format name -> (module, function)
PARSERS: dict[str, tuple[str, str]] = {
    "ninjs": ("streams.formats.ninjs", "parse_ninjs"),
    "newsml-g2": ("streams.formats.newsml_g2", "parse_newsml_g2"),
    "nitf": ("streams.formats.nitf", "parse_nitf"),
    "rss": ("streams.formats.feeds", "parse_rss"),
    "atom": ("streams.formats.feeds", "parse_atom"),
    "html": ("streams.formats.html_page", "parse_html"),
    "text": ("streams.formats.plain_text", "parse_text"),
    "newsml-1.2": ("streams.formats.newsml_12", "parse_newsml_12"),
    "anpa-1312": ("streams.formats.anpa_1312", "parse_anpa_1312"),
    "iptc-7901": ("streams.formats.iptc_7901", "parse_iptc_7901"),
    "ap-media-json": ("streams.formats.ap_media", "parse_ap_media"),
}

# Spellings seen in feed configs and CLI flags.
_ALIASES: dict[str, str] = {
    "newsml": "newsml-g2",
    "newsmlg2": "newsml-g2",
    "newsml_g2": "newsml-g2",
    "g2": "newsml-g2",
    "json": "ninjs",
    "rss2": "rss",
    "htm": "html",
    "txt": "text",
    "plain": "text",
    "plain-text": "text",
    "newsml1": "newsml-1.2",
    "newsml-1": "newsml-1.2",
    "newsml12": "newsml-1.2",
    "newsml_1_2": "newsml-1.2",
    "newsml-12": "newsml-1.2",
    "anpa": "anpa-1312",
    "anpa1312": "anpa-1312",
    "anpa_1312": "anpa-1312",
    "iptc7901": "iptc-7901",
    "iptc_7901": "iptc-7901",
    "7901": "iptc-7901",
    "ap-media": "ap-media-json",
    "apmedia": "ap-media-json",
    "ap_media": "ap-media-json",
    "ap-json": "ap-media-json",
}


def format_name(name: str) -> str:
    """The canonical format name for a forced or hinted one; unknown names raise."""
    key = name.strip().lower()
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        known = ", ".join(FORMATS)
        raise UnknownFormatError(f"unknown format {name!r} (known: {known})")
    return key


def parser_for(fmt: str) -> Parser:
    module_name, function_name = PARSERS[format_name(fmt)]
    try:
        module = importlib.import_module(module_name)
        parser: Parser = getattr(module, function_name)
    except (ImportError, AttributeError) as exc:
        raise ParseError(f"no parser available for {fmt}: {exc}") from exc
    return parser


def parse_raw(
    raw: RawItem,
    forced_format: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    lexicon: BoilerplateLexicon | None = None,
) -> Article:
    """Parse one raw item; ``forced_format`` (else ``raw.format_hint`` unless "auto") skips
    detection. Pass the caller's ``lexicon`` so it is not loaded again for every item."""
    size = len(raw.payload)
    if size > max_bytes:
        raise TooLargeError(f"item is {size} bytes, over the {max_bytes}-byte limit")
    requested = forced_format
    if requested is None and raw.format_hint and raw.format_hint.strip().lower() != "auto":
        requested = raw.format_hint
    fmt = format_name(requested) if requested is not None else None
    text = decode_payload(raw.payload)
    if fmt is None:
        fmt = detect_format(text)
    elif fmt in JSON_FORMATS:
        load_json(text)  # detection did not run: the strict JSON checks still must
    parser = parser_for(fmt)
    try:
        if fmt in LEXICON_AWARE and lexicon is not None:
            return parser(text, raw, lexicon)  # type: ignore[call-arg]
        return parser(text, raw)
    except WirestreamsError:
        raise
    except RecursionError as exc:
        raise ParseError(f"{fmt} parser: document nested too deeply") from exc
    except Exception as exc:
        raise ParseError(f"{fmt} parser failed: {type(exc).__name__}: {exc}") from exc
