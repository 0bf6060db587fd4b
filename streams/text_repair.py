"""Text repair shared by the parsers and the clean stage.

Scrapes and agency feeds arrive with mojibake (UTF-8 read as cp1252), no-break spaces inside
names, zero-width characters from CMS editors and stray control bytes. Dedup shingles and
entity matching compare characters, so every one of these would make two copies of one story
look different. Everything here is idempotent (the clean stage must be), which is why each
function runs its steps to a fixed point rather than trusting a single pass.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import ftfy
import nh3

# Curly quotes are kept: editors read this text, and they are correct typography.
# HTML entities are the parsers' business; unescaping here would turn "&amp;amp;" into
# "&amp;" on one pass and "&" on the next.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_line_breaks=True,
    remove_control_chars=True,
    normalization="NFC",
    explain=False,
)

# Zero-width and invisible formatting characters that carry no meaning in news copy.
# ZWJ/ZWNJ (U+200D/U+200C) are kept: they are orthographic in Persian, Indic scripts and emoji.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# Every space separator that is not a plain space (no-break, thin, figure, ideographic ...).
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v\f]")
# C0/C1 controls except the newline, which is our paragraph structure.
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
_PARAGRAPH_SPLIT = re.compile(r"\n[ \t]*\n\s*")
_MAX_ROUNDS = 6


def _fix_encoding(text: str) -> str:
    try:
        return ftfy.fix_text(text, _FTFY_CONFIG)
    except Exception:  # ftfy is heuristic; a failure must never lose the item
        return text


def _repair_chars_once(text: str) -> str:
    text = _LINE_BREAKS.sub("\n", text)
    text = _fix_encoding(text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text)


def _fixed_point(step: Callable[[str], str], text: str) -> str:
    """Run ``step`` until nothing changes, so a second call is a no-op by construction."""
    for _ in range(_MAX_ROUNDS):
        fixed = step(text)
        if fixed == text:
            return fixed
        text = fixed
    return text


def _chars_step(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in _repair_chars_once(text).split("\n"))


def _inline_step(text: str) -> str:
    return " ".join(_repair_chars_once(text).split())


def _text_step(text: str) -> str:
    return "\n\n".join(split_paragraphs(_repair_chars_once(text)))


def repair_chars(text: str) -> str:
    """Repair characters but keep every line break, for parsers that read line structure."""
    return _fixed_point(_chars_step, text)


def repair_inline(text: str) -> str:
    """Repair a one-line field (headline, byline): all whitespace becomes single spaces."""
    return _fixed_point(_inline_step, text)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; single newlines inside one are wrapping."""
    return [p for p in (" ".join(b.split()) for b in _PARAGRAPH_SPLIT.split(text)) if p]


def repair_text(text: str) -> str:
    """Repair a body: fixed characters, one line per paragraph, paragraphs joined by "\\n\\n"."""
    return _fixed_point(_text_step, text)


# Markup a story body may keep: structure and emphasis, links without scripts or handlers.
SAFE_TAGS: frozenset[str] = frozenset(
    {
        "p",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "em",
        "strong",
        "b",
        "i",
        "u",
        "br",
        "sub",
        "sup",
        "q",
        "cite",
        "abbr",
        "span",
        "pre",
        "code",
    }
)
_SAFE_ATTRIBUTES: dict[str, set[str]] = {"a": {"href", "title"}, "abbr": {"title"}}
_SAFE_SCHEMES: set[str] = {"http", "https", "mailto"}


def sanitise_html(html: str) -> str:
    """Body markup safe to hand to any downstream renderer (no script, style, on* handlers,
    javascript: URLs); nh3 is the Rust ammonia sanitiser, made for exactly this."""
    return nh3.clean(
        html,
        tags=set(SAFE_TAGS),
        attributes=_SAFE_ATTRIBUTES,
        url_schemes=_SAFE_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()
