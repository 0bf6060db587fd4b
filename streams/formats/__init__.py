"""Parsers that turn one raw wire item, in any supported format, into one Article."""
