"""Loading and validating routing rules: every problem names the rule and what is wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from streams.errors import RulesError
from streams.stages.rules import (
    DEFAULT_RULES_PATH,
    SCHEMA_PATH,
    UNROUTED,
    RuleSet,
    compile_pattern,
)


def rules_obj(*rules: dict[str, Any]) -> dict[str, Any]:
    return {"version": "test-1", "rules": list(rules)}


def rule(name: str, when: dict[str, Any], routes: list[str] | None = None, **extra: Any) -> dict:
    return {"name": name, "when": when, "routes": routes or [name], **extra}


OK_RULE = rule("ok", {"field": "urgency", "op": "lte", "value": 2})


def load_error(*rules: dict[str, Any]) -> str:
    with pytest.raises(RulesError) as info:
        RuleSet.from_obj(rules_obj(*rules), origin="test.yaml")
    return str(info.value)


def test_schema_is_valid_draft_2020_12_with_versioned_id() -> None:
    schema = json.loads(SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "https://wirestreams.dev/schemas/routing-rules/1.0.0"


def test_default_rules_load_and_list_their_routes() -> None:
    rules = RuleSet.load(DEFAULT_RULES_PATH)
    assert {"breaking", "world", "world-asia", "politics", "business", "sports"} <= set(
        rules.routes
    )
    assert rules.routes[-1] == UNROUTED


def test_json_rules_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(rules_obj(OK_RULE)))
    assert [r.name for r in RuleSet.load(path).rules] == ["ok"]


def test_unknown_field_names_the_rule() -> None:
    message = load_error(OK_RULE, rule("asia", {"field": "plcaes", "op": "eq", "value": "Seoul"}))
    assert "rules[1] ('asia')" in message
    assert "unknown field 'plcaes'" in message
    assert message.startswith("test.yaml")


def test_unknown_op_names_the_rule() -> None:
    message = load_error(rule("fuzzy", {"field": "headline", "op": "like", "value": "x"}))
    assert "rules[0] ('fuzzy')" in message
    assert "like" in message


def test_op_that_does_not_fit_the_field_is_rejected() -> None:
    message = load_error(rule("odd", {"field": "urgency", "op": "contains", "value": "1"}))
    assert "rules[0] ('odd')" in message
    assert "does not apply to field 'urgency'" in message


@pytest.mark.parametrize(
    "when",
    [
        {"field": "urgency", "op": "lte", "value": "two"},
        {"field": "urgency", "op": "eq", "value": True},
        {"field": "signals.correction", "op": "eq", "value": "yes"},
        {"field": "places", "op": "in", "value": ["Seoul", 3]},
        {"field": "subjects", "op": "eq", "value": "politics"},
    ],
)
def test_wrong_value_type_is_rejected(when: dict[str, Any]) -> None:
    message = load_error(rule("typed", when))
    assert "rules[0] ('typed')" in message


def test_schema_problem_names_the_rule_and_path() -> None:
    message = load_error(OK_RULE, rule("bad-route", {"all": []}, routes=["Not A Topic!"]))
    assert "rules[1] ('bad-route')" in message
    assert "routes[0]" in message


def test_missing_value_is_a_schema_problem() -> None:
    message = load_error(rule("novalue", {"field": "headline", "op": "eq"}))
    assert "rules[0] ('novalue')" in message


def test_duplicate_rule_names_are_rejected() -> None:
    message = load_error(OK_RULE, dict(OK_RULE))
    assert "rules[1] ('ok')" in message
    assert "duplicate" in message


def test_rules_after_a_stopping_catch_all_are_unreachable() -> None:
    message = load_error(rule("everything", {"all": []}, stop=True), OK_RULE)
    assert "rules[1] ('ok')" in message
    assert "unreachable" in message
    assert "everything" in message


def test_a_stopping_catch_all_at_the_end_is_fine() -> None:
    rules = RuleSet.from_obj(rules_obj(OK_RULE, rule("rest", {"all": []}, stop=True)))
    assert [r.name for r in rules.rules] == ["ok", "rest"]


def test_condition_that_can_never_match_is_rejected() -> None:
    message = load_error(rule("never", {"not": {"all": []}}))
    assert "rules[0] ('never')" in message


@pytest.mark.parametrize(
    "pattern", ["(a+)+$", r"(\w*\s?)*x", "([a-z]+)*@", "(?:x+y?)+", "(a|ab)*c", "(?:aa|a)+$"]
)
def test_nested_quantifiers_are_rejected(pattern: str) -> None:
    message = load_error(rule("slow", {"field": "headline", "op": "matches", "value": pattern}))
    assert "rules[0] ('slow')" in message
    assert "nests a quantifier" in message


def test_invalid_regex_is_rejected() -> None:
    message = load_error(rule("broken", {"field": "text", "op": "matches", "value": "(unclosed"}))
    assert "rules[0] ('broken')" in message
    assert "bad regex" in message


@pytest.mark.parametrize(
    "pattern",
    [r"^(Update|Correction) \d+", r"\bN(orth)? Korea\b", "a{2,5}b", "(foo|bar)+", r"(\w|-)+"],
)
def test_ordinary_regexes_compile(pattern: str) -> None:
    assert compile_pattern(pattern).pattern == pattern


def test_unreadable_and_malformed_files_raise_rules_error(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="cannot read"):
        RuleSet.load(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules: [unclosed\n")
    with pytest.raises(RulesError, match="not valid YAML"):
        RuleSet.load(bad)
    not_mapping = tmp_path / "list.yaml"
    not_mapping.write_text("- a\n- b\n")
    with pytest.raises(RulesError):
        RuleSet.load(not_mapping)


def test_extension_keys_hold_shared_lists(tmp_path: Path) -> None:
    path = tmp_path / "anchors.yaml"
    path.write_text(
        "version: '2'\n"
        "x-lists:\n  nordic: &nordic [Oslo, Stockholm]\n"
        "rules:\n"
        "  - name: nordic\n"
        "    when: {field: places, op: in, value: *nordic}\n"
        "    routes: [world-nordic]\n"
    )
    assert RuleSet.load(path).routes == ["world-nordic", UNROUTED]
