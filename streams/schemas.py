"""Loading the JSON Schemas in ``schemas/`` (the contract with downstream consumers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from jsonschema import Draft202012Validator

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schemas"

#: topic role -> schema file stem
SCHEMA_OF_TOPIC = {
    "raw": "raw-item",
    "clean": "article",
    "unique": "article",
    "tagged": "article",
    "out": "article",
    "duplicates": "duplicate-notice",
    "dlq": "dead-letter",
}


def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = orjson.loads((SCHEMA_DIR / f"{name}.schema.json").read_bytes())
    return schema


def validator(name: str) -> Draft202012Validator:
    """A validator for ``schemas/<name>.schema.json``; the schema itself is checked first."""
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)
