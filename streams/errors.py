"""Typed errors: one class per way an item can fail, so the dead-letter topic says why.

Agents and the in-process runner catch ``WirestreamsError`` (and, as a last resort, any
exception) and dead-letter the original bytes with ``error_class`` and the message.
"""

from __future__ import annotations


class WirestreamsError(Exception):
    """Base class of every error that a stage raises on purpose for bad input."""

    #: short machine-friendly reason, used as a metric label and DLQ header
    reason: str = "error"


class DecodeError(WirestreamsError):
    """The payload bytes are not text in any encoding we can detect (binary, truncated)."""

    reason = "undecodable"


class EmptyItemError(WirestreamsError):
    """The item has no content (empty, whitespace only, or no headline and no body)."""

    reason = "empty"


class TooLargeError(WirestreamsError):
    """The item is larger than the configured size limit."""

    reason = "too_large"


class ParseError(WirestreamsError):
    """The payload claims or looks like a format but does not parse as it."""

    reason = "parse_error"


class UnsafeInputError(ParseError):
    """XML with a DTD, entity declarations or external references: never expanded."""

    reason = "unsafe_xml"


class MissingFieldError(ParseError):
    """A field that the format requires is missing."""

    reason = "missing_field"


class UnknownFormatError(ParseError):
    """No parser recognises the payload (or the forced format name is unknown)."""

    reason = "unknown_format"


class EnvelopeError(WirestreamsError):
    """A message on an internal topic is not the record that topic's schema promises."""

    reason = "bad_envelope"


class RulesError(WirestreamsError):
    """A routing rules file is invalid; the message names the rule and the problem."""

    reason = "bad_rules"
