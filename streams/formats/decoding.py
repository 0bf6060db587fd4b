"""Payload bytes to text, deciding the encoding once for every parser.

Order of evidence: a byte-order mark, then strict UTF-8 (by far the most common), then an
encoding the document declares itself (``<?xml encoding=...>``, ``<meta charset>``), then
charset-normalizer. Wire copy that is not UTF-8 is nearly always Windows-1252 mislabelled as
(or undeclared) Latin-1, and charset-normalizer often names a sibling code page (cp1250,
cp1257) that turns curly quotes into other letters; so cp1252 wins whenever it reads the bytes
at least as cleanly as the detector's pick. Binary payloads fail here, before any parser sees
them, so the dead-letter reason says "undecodable" rather than some parser's confusion.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from streams.errors import DecodeError, EmptyItemError

# Checked longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_XML_DECL_ENCODING = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)

# Browsers (WHATWG) read these labels as windows-1252; wire systems mean the same.
_WINDOWS_1252_ALIASES = frozenset({"latin1", "latin_1", "iso8859_1", "ascii", "cp819"})

#: share of control characters above which a payload counts as binary
MAX_CONTROL_RATIO = 0.05
_SAMPLE_CHARS = 8192
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
# ANPA-1312 and IPTC 7901 frame items with SOH/STX/ETX/EOT and use SYN/DC codes: real text.
_WIRE_CONTROLS = frozenset("\x01\x02\x03\x04\x16\x11\x12\x13\x14\x1e\x1f")
_CP1252_SLACK = 0.01


def decode_payload(payload: bytes) -> str:
    """Decode raw item bytes to text; binary or empty payloads raise a typed error."""
    if not payload or not payload.strip():
        raise EmptyItemError("payload is empty")
    text = _decode(payload)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise EmptyItemError("payload is whitespace only")
    if "\x00" in text:
        raise DecodeError("payload contains NUL characters: binary data")
    ratio = _control_ratio(text)
    if ratio > MAX_CONTROL_RATIO:
        raise DecodeError(f"payload looks binary: {ratio:.0%} control characters")
    return text


def _decode(payload: bytes) -> str:
    for bom, encoding in _BOMS:
        if payload.startswith(bom):
            try:
                return payload[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"payload has a {encoding} byte-order mark but {exc}") from exc
    if b"\x00" in payload:
        return _decode_bomless_utf16(payload)
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        pass
    surrogate_text = _utf8_with_surrogates(payload)
    if surrogate_text is not None:
        return surrogate_text
    declared = _declared_encoding(payload)
    if declared is not None:
        try:
            return payload.decode(declared)
        except UnicodeDecodeError:
            pass  # the declaration lies; fall through to detection
    return _detect(payload)


def _utf8_with_surrogates(payload: bytes) -> str | None:
    """UTF-8 whose only fault is encoded surrogates (CESU-8, or a JSON writer's lone escapes).

    Pairs are joined into the character they encode (Java and MySQL emit these); a lone
    surrogate is no character at all, and reading the bytes as cp1252 instead would only
    invent mojibake, so it is refused. None when the bytes are not UTF-8 of that kind.
    """
    try:
        text = payload.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None
    try:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"payload is UTF-8 with a lone surrogate at character {exc.start // 2}"
        ) from exc


def _decode_bomless_utf16(payload: bytes) -> str:
    """UTF-16 without a mark: ASCII-heavy text has NUL in every other byte, on one side."""
    if len(payload) % 2 == 0 and len(payload) >= 4:
        even_nuls = payload[0::2].count(0)
        odd_nuls = payload[1::2].count(0)
        half = len(payload) // 2
        for nuls, other, encoding in (
            (odd_nuls, even_nuls, "utf-16-le"),
            (even_nuls, odd_nuls, "utf-16-be"),
        ):
            if nuls >= 0.6 * half and other == 0:
                try:
                    return payload.decode(encoding)
                except UnicodeDecodeError:
                    break
    raise DecodeError("payload contains NUL bytes and is not UTF-16: binary data")


def _declared_encoding(payload: bytes) -> str | None:
    head = payload[:2048]
    match = _XML_DECL_ENCODING.search(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    label = match.group(1).decode("ascii", "replace")
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name.replace("-", "_") in _WINDOWS_1252_ALIASES:
        return "cp1252"
    if name.startswith(("utf-16", "utf-32")):
        return None  # no mark and no NULs: the declaration is stale
    return name


def _detect(payload: bytes) -> str:
    best = from_bytes(payload).best()
    western = _as_windows_1252(payload)
    if western is not None and (
        best is None or mess_ratio(western, 1.0) <= best.chaos + _CP1252_SLACK
    ):
        return western
    if best is None:
        raise DecodeError("payload encoding could not be detected")
    return str(best)


def _as_windows_1252(payload: bytes) -> str | None:
    try:
        return payload.decode("cp1252")
    except UnicodeDecodeError:
        # five byte values are unassigned in cp1252; Latin-1 maps them to C1 controls
        text = payload.decode("latin-1")
        return text if sum(1 for ch in text if "\x80" <= ch <= "\x9f") <= 2 else None


def _control_ratio(text: str) -> float:
    sample = text[:_SAMPLE_CHARS]
    controls = sum(
        1
        for ch in sample
        if (ch < " " or "\x7f" <= ch <= "\x9f")
        and ch not in _ALLOWED_CONTROLS
        and ch not in _WIRE_CONTROLS
    )
    return controls / max(len(sample), 1)
