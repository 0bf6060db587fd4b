"""Routing rules: loading, validation and compiled conditions.

Rules are data so a desk can change where stories go without a deploy. That makes the
loader the place to be strict: a typo in a field name would otherwise route nothing, with
no error anywhere. Every problem is reported as ``RulesError`` naming the rule by name and
index, after the JSON Schema check (``schemas/routing-rules.schema.json``) and a semantic
check of fields, operators, value types and regular expressions.

Matching semantics, in one place:

- string comparisons ignore case (``casefold``);
- list fields (people, organisations, places, subjects, keywords, routes): a positive
  operator is true when any element matches, ``ne``/``not_in`` when no element does;
- ``subjects`` holds codes, and an article's codes are expanded with their broader codes,
  so a rule on ``medtop:11000000`` (politics) matches a story tagged only
  ``medtop:20000638`` (international relations);
- ``text`` is headline + body; ``contains`` and ``in`` on it are whole-word searches;
- a missing value (``urgency`` null, no ``dedup``) fails every operator except ``ne``,
  ``not_in`` (true) and ``exists`` (false).
"""

from __future__ import annotations

import importlib
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import jsonschema
import orjson
import regex
import yaml

from streams.article import Article, DedupInfo, Entity, Provenance, Signals, Subject
from streams.errors import RulesError
from streams.stages.subjects import Vocabulary, default_vocabulary

SCHEMA_PATH: Final = Path(__file__).resolve().parents[2] / "schemas" / "routing-rules.schema.json"
DEFAULT_RULES_PATH: Final = Path(__file__).resolve().parents[1] / "data" / "rules" / "default.yaml"
UNROUTED: Final = "unrouted"

#: regexes only ever see this much of a field, which bounds the cost of any pattern
MAX_MATCH_CHARS: Final = 20_000
MAX_PATTERN_CHARS: Final = 500

OPS: Final = frozenset(
    {
        "eq",
        "ne",
        "in",
        "not_in",
        "contains",
        "startswith",
        "matches",
        "lt",
        "lte",
        "gt",
        "gte",
        "exists",
    }
)
NEGATIVE_OPS: Final = frozenset({"ne", "not_in"})
ORDER_OPS: Final = frozenset({"lt", "lte", "gt", "gte"})
STRING_OPS: Final = frozenset({"contains", "startswith", "matches"})

#: the operators each kind of field accepts
KIND_OPS: Final[Mapping[str, frozenset[str]]] = MappingProxyType(
    {
        "str": OPS,
        "int": frozenset({"eq", "ne", "in", "not_in", "lt", "lte", "gt", "gte", "exists"}),
        "num": frozenset({"eq", "ne", "in", "not_in", "lt", "lte", "gt", "gte", "exists"}),
        "bool": frozenset({"eq", "ne", "exists"}),
        "strlist": OPS - ORDER_OPS,
        "entities": OPS - ORDER_OPS,
        "subjects": OPS - ORDER_OPS,
        "text": frozenset({"contains", "in", "not_in", "matches", "exists"}),
    }
)
LIST_KINDS: Final = frozenset({"strlist", "entities", "subjects"})

_NESTED: Final[Mapping[str, type]] = MappingProxyType(
    {"dedup": DedupInfo, "provenance": Provenance, "signals": Signals}
)


#: entity lists a rule can match by name (``people``) or by linked id (``people.id``)
ENTITY_LISTS: Final = ("people", "organisations", "places")

#: a regex that has not finished within this many seconds on one field counts as no match
MATCH_TIMEOUT_SECONDS: Final = 0.05


def _kind_of(hint: Any) -> str | None:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union) and len(args) == 1:
        return _kind_of(args[0])
    if origin is typing.Literal:
        return "str"
    if origin is list and args:
        return {str: "strlist", Entity: "entities", Subject: "subjects"}.get(args[0])
    return {str: "str", bool: "bool", int: "int", float: "num"}.get(hint)


def _field_kinds() -> Mapping[str, str]:
    """Every field a rule may name, derived from the Article record so the two cannot drift."""
    kinds: dict[str, str] = {}
    for name, hint in typing.get_type_hints(Article).items():
        kind = _kind_of(hint)
        if kind is not None:
            kinds[name] = kind
    for prefix, record in _NESTED.items():
        for name, hint in typing.get_type_hints(record).items():
            kind = _kind_of(hint)
            if kind is not None:
                kinds[f"{prefix}.{name}"] = kind
    for entity_list in ENTITY_LISTS:
        kinds[f"{entity_list}.id"] = "strlist"
    kinds["text"] = "text"
    return MappingProxyType(kinds)


FIELD_KINDS: Final = _field_kinds()


class _Problem(Exception):
    """A validation problem inside one rule; the loader adds the rule's name and index."""


# ----------------------------------------------------------------------------- regex safety

_sre: Any = importlib.import_module("re._parser")
_REPEATS: Final = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})


def _walk(parsed: Any) -> Iterable[tuple[str, Any]]:
    for op, av in parsed:
        yield str(op), av


def _children(op: str, av: Any) -> list[Any]:
    if op in _REPEATS:
        return [av[2]]
    if op == "SUBPATTERN":
        return [av[-1]]
    if op == "BRANCH":
        return list(av[1])
    if op in ("ASSERT", "ASSERT_NOT"):
        return [av[1]]
    if op == "GROUPREF_EXISTS":
        return [x for x in av[1:] if x is not None]
    if op == "ATOMIC_GROUP":
        return [av]
    return []


def _has_unbounded_repeat(parsed: Any) -> bool:
    for op, av in _walk(parsed):
        if op in _REPEATS and (av[1] > 1 or av[1] == _sre.MAXREPEAT):
            return True
        if any(_has_unbounded_repeat(child) for child in _children(op, av)):
            return True
    return False


def _first_items(parsed: Any) -> list[tuple[str, Any]]:
    items = list(_walk(parsed))
    return items[:1]


def _may_overlap(first: list[tuple[str, Any]], other: list[tuple[str, Any]]) -> bool:
    if not first or not other:
        return True
    (op_a, av_a), (op_b, av_b) = first[0], other[0]
    if op_a == op_b == "LITERAL":
        return bool(chr(av_a).casefold() == chr(av_b).casefold())
    # classes, wildcards and groups may overlap anything: be conservative
    return True


def _has_overlapping_branch(parsed: Any) -> bool:
    """An alternation whose branches can start alike, such as (a|ab): exponential under *."""
    for op, av in _walk(parsed):
        if op == "BRANCH":
            firsts = [_first_items(alt) for alt in av[1]]
            for i, first in enumerate(firsts):
                if any(_may_overlap(first, other) for other in firsts[i + 1 :]):
                    return True
        if any(_has_overlapping_branch(child) for child in _children(op, av)):
            return True
    return False


def _find_nested_quantifier(parsed: Any) -> bool:
    for op, av in _walk(parsed):
        repeats = op in _REPEATS and (av[1] > 1 or av[1] == _sre.MAXREPEAT)
        if repeats and (_has_unbounded_repeat(av[2]) or _has_overlapping_branch(av[2])):
            return True
        if any(_find_nested_quantifier(child) for child in _children(op, av)):
            return True
    return False


def compile_pattern(pattern: str) -> regex.Pattern[str]:
    """Compile a rule's regex, refusing the shapes that backtrack catastrophically.

    Nested quantifiers such as ``(a+)+`` or ``(\\w*\\s?)*`` are the classic exponential
    case, and so are alternations under a quantifier whose branches can start alike
    (``(a|ab)*``); both are rejected. The check is conservative, not complete (overlaps
    further into a branch are not seen), which is why matching also caps the input length.
    """
    if len(pattern) > MAX_PATTERN_CHARS:
        raise _Problem(f"regex is longer than {MAX_PATTERN_CHARS} characters")
    try:
        parsed = _sre.parse(pattern, re.IGNORECASE)
        compiled = regex.compile(pattern, regex.IGNORECASE | regex.V0)
    except (re.error, regex.error) as exc:
        raise _Problem(f"bad regex {pattern!r}: {exc}") from exc
    if _find_nested_quantifier(parsed):
        raise _Problem(
            f"regex {pattern!r} nests a quantifier inside a quantifier "
            "(like (a+)+ or (a|ab)*), which can take exponential time"
        )
    return compiled


_WORD = re.compile(r"\w+")


class SearchableText(str):
    """The ``text`` field: headline and body, plus its words folded once per article.

    Word search is the commonest condition desks write; looking a single word up in a set
    beats running a regex over the whole body for each rule that names one.
    """

    words: frozenset[str]

    def __new__(cls, text: str) -> SearchableText:
        obj = super().__new__(cls, text)
        obj.words = frozenset(_WORD.findall(text.casefold()))
        return obj


def _word_predicate(words: Sequence[str]) -> Predicate:
    """True when any of ``words`` (a word or a phrase) occurs as whole words in the text."""
    terms = [w.strip() for w in words if w.strip()]
    single = frozenset(t.casefold() for t in terms if _WORD.fullmatch(t))
    phrases = [t for t in terms if not _WORD.fullmatch(t)]
    pattern = _word_pattern(phrases) if phrases else None

    def test(text: Any) -> bool:
        if not isinstance(text, str):
            return False
        if not isinstance(text, SearchableText):
            text = SearchableText(text)
        if not single.isdisjoint(text.words):
            return True
        return pattern is not None and pattern.search(text) is not None

    return test


def _word_pattern(words: Sequence[str]) -> re.Pattern[str]:
    alternatives = sorted(
        (re.escape(w.strip()).replace(r"\ ", r"\s+") for w in words if w.strip()),
        key=len,
        reverse=True,
    )
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


# ----------------------------------------------------------------------------- evaluation


class MatchContext:
    """One article's field values, prepared once and shared by every rule."""

    def __init__(self, article: Article, vocabulary: Vocabulary) -> None:
        self.article = article
        self._vocabulary = vocabulary
        self._cache: dict[str, Any] = {}

    def value(self, field: str) -> Any:
        if field not in self._cache:
            self._cache[field] = self._compute(field)
        return self._cache[field]

    def _compute(self, field: str) -> Any:
        article = self.article
        if field == "text":
            return SearchableText(f"{article.headline}\n\n{article.body_text}"[:MAX_MATCH_CHARS])
        if field in ENTITY_LISTS:
            return [e.name for e in getattr(article, field)]
        if field.endswith(".id") and field.removesuffix(".id") in ENTITY_LISTS:
            return [e.id for e in getattr(article, field.removesuffix(".id")) if e.id]
        if field == "subjects":
            codes: list[str] = []
            for subject in article.subjects:
                for code in (subject.code, *self._vocabulary.broader(subject.code)):
                    if code not in codes:
                        codes.append(code)
            return codes
        head, _, rest = field.partition(".")
        value = getattr(article, head)
        if rest:
            value = None if value is None else getattr(value, rest)
        return list(value) if isinstance(value, list) else value


def _fold(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def _describe(value: Any) -> str:
    if isinstance(value, list):
        shown = ", ".join(repr(v) for v in value[:5])
        return f"[{shown}{', ...' if len(value) > 5 else ''}]"
    if isinstance(value, str) and len(value) > 60:
        return repr(value[:57] + "...")
    return repr(value)


class Condition:
    """A compiled condition tree node."""

    def test(self, ctx: MatchContext) -> bool:
        raise NotImplementedError

    def why(self, ctx: MatchContext) -> tuple[bool, str]:
        """The outcome and a short human-readable reason for it, for ``explain``."""
        raise NotImplementedError

    def always_true(self) -> bool:
        return False

    def always_false(self) -> bool:
        return False


@dataclass(frozen=True, slots=True)
class AllOf(Condition):
    children: tuple[Condition, ...]

    def test(self, ctx: MatchContext) -> bool:
        return all(c.test(ctx) for c in self.children)

    def why(self, ctx: MatchContext) -> tuple[bool, str]:
        if not self.children:
            return True, "always (empty 'all')"
        reasons = []
        for child in self.children:
            ok, reason = child.why(ctx)
            if not ok:
                return False, reason
            reasons.append(reason)
        return True, " and ".join(reasons)

    def always_true(self) -> bool:
        return all(c.always_true() for c in self.children)

    def always_false(self) -> bool:
        return any(c.always_false() for c in self.children)


@dataclass(frozen=True, slots=True)
class AnyOf(Condition):
    children: tuple[Condition, ...]

    def test(self, ctx: MatchContext) -> bool:
        return any(c.test(ctx) for c in self.children)

    def why(self, ctx: MatchContext) -> tuple[bool, str]:
        reasons = []
        for child in self.children:
            ok, reason = child.why(ctx)
            if ok:
                return True, reason
            reasons.append(reason)
        return False, "none of: " + "; ".join(reasons)

    def always_true(self) -> bool:
        return any(c.always_true() for c in self.children)

    def always_false(self) -> bool:
        return all(c.always_false() for c in self.children)


@dataclass(frozen=True, slots=True)
class Not(Condition):
    child: Condition

    def test(self, ctx: MatchContext) -> bool:
        return not self.child.test(ctx)

    def why(self, ctx: MatchContext) -> tuple[bool, str]:
        ok, reason = self.child.why(ctx)
        return not ok, f"not ({reason})"

    def always_true(self) -> bool:
        return self.child.always_false()

    def always_false(self) -> bool:
        return self.child.always_true()


Predicate = Callable[[Any], bool]


@dataclass(frozen=True, slots=True)
class Leaf(Condition):
    field: str
    op: str
    value: Any
    kind: str
    predicate: Predicate

    def _missing(self, actual: Any) -> bool:
        return actual is None or actual == [] or actual == ""

    def test(self, ctx: MatchContext) -> bool:
        actual = ctx.value(self.field)
        if self.op == "exists":
            return (not self._missing(actual)) is bool(self.value)
        if self.kind == "text":
            found = self.predicate(actual)
            return not found if self.op in NEGATIVE_OPS else found
        values = actual if isinstance(actual, list) else ([] if actual is None else [actual])
        if self.op in NEGATIVE_OPS:
            return not any(self.predicate(v) for v in values)
        return any(self.predicate(v) for v in values)

    def why(self, ctx: MatchContext) -> tuple[bool, str]:
        ok = self.test(ctx)
        actual = ctx.value(self.field)
        shown = "(headline + body)" if self.kind == "text" else _describe(actual)
        verb = "" if ok else "not "
        return ok, f"{self.field}={shown} {verb}{self.op} {_describe(self.value)}"


def _check_value(field: str, kind: str, op: str, value: Any) -> None:
    def scalar_ok(v: Any) -> bool:
        if kind in ("int",):
            return isinstance(v, int) and not isinstance(v, bool)
        if kind == "num":
            return isinstance(v, int | float) and not isinstance(v, bool)
        if kind == "bool":
            return isinstance(v, bool)
        return isinstance(v, str)

    expected = {"int": "an integer", "num": "a number", "bool": "true or false"}.get(
        kind, "a string"
    )
    if op == "exists":
        if not isinstance(value, bool):
            raise _Problem(f"op 'exists' on {field!r} takes true or false, not {value!r}")
    elif op in ("in", "not_in"):
        if not isinstance(value, list) or not value:
            raise _Problem(f"op {op!r} on {field!r} needs a non-empty list")
        bad = [v for v in value if not scalar_ok(v)]
        if bad:
            raise _Problem(f"op {op!r} on {field!r} needs a list of {expected}s, got {bad[0]!r}")
    elif op in STRING_OPS:
        if not isinstance(value, str) or not value:
            raise _Problem(f"op {op!r} on {field!r} needs a non-empty string, got {value!r}")
    elif not scalar_ok(value):
        raise _Problem(f"op {op!r} on {field!r} needs {expected}, got {value!r}")
    if kind == "subjects" and op in ("eq", "ne", "in", "not_in"):
        codes = value if isinstance(value, list) else [value]
        for code in codes:
            if not re.fullmatch(r"[a-z][a-z0-9]*:\S+", code):
                raise _Problem(f"subject {code!r} is not a scheme:code like medtop:11000000")


def _bounded_search(pattern: regex.Pattern[str], text: str) -> bool:
    """A regex search that gives up (as no match) after MATCH_TIMEOUT_SECONDS.

    The load-time check refuses the known catastrophic shapes; this is the backstop for the
    ones it cannot see, so one pattern can never stall a worker.
    """
    try:
        return pattern.search(text[:MAX_MATCH_CHARS], timeout=MATCH_TIMEOUT_SECONDS) is not None
    except TimeoutError:
        return False


def _predicate(kind: str, op: str, value: Any) -> Predicate:
    if kind == "text" and op != "matches":
        return _word_predicate(value if isinstance(value, list) else [value])
    if op == "matches":
        pattern = compile_pattern(value)
        return lambda v: isinstance(v, str) and _bounded_search(pattern, v)
    target: Any = [_fold(v) for v in value] if isinstance(value, list) else _fold(value)
    if op in ("eq", "ne"):
        return lambda v: _fold(v) == target
    if op in ("in", "not_in"):
        return lambda v: _fold(v) in target
    if op == "contains":
        return lambda v: isinstance(v, str) and target in v.casefold()
    if op == "startswith":
        return lambda v: isinstance(v, str) and v.casefold().startswith(target)
    compare: dict[str, Callable[[Any, Any], bool]] = {
        "lt": lambda a, b: a < b,
        "lte": lambda a, b: a <= b,
        "gt": lambda a, b: a > b,
        "gte": lambda a, b: a >= b,
    }
    check = compare[op]

    def ordered(v: Any) -> bool:
        folded = _fold(v)
        if isinstance(folded, bool):
            return False
        if isinstance(target, str):
            return isinstance(folded, str) and check(folded, target)
        return isinstance(folded, int | float) and check(folded, target)

    return ordered


def compile_condition(node: Any, path: str = "when") -> Condition:
    """Turn a (schema-valid) condition tree into ``Condition`` objects, checking semantics."""
    if not isinstance(node, dict):
        raise _Problem(f"{path}: a condition must be an object, got {node!r}")
    if "all" in node:
        return AllOf(
            tuple(compile_condition(c, f"{path}.all[{i}]") for i, c in enumerate(node["all"]))
        )
    if "any" in node:
        return AnyOf(
            tuple(compile_condition(c, f"{path}.any[{i}]") for i, c in enumerate(node["any"]))
        )
    if "not" in node:
        return Not(compile_condition(node["not"], f"{path}.not"))
    field = node.get("field")
    op = node.get("op")
    kind = FIELD_KINDS.get(field) if isinstance(field, str) else None
    if kind is None or not isinstance(field, str):
        known = ", ".join(sorted(FIELD_KINDS))
        raise _Problem(f"{path}: unknown field {field!r} (known fields: {known})")
    if op not in OPS:
        raise _Problem(f"{path}: unknown op {op!r} (known ops: {', '.join(sorted(OPS))})")
    if op not in KIND_OPS[kind]:
        allowed = ", ".join(sorted(KIND_OPS[kind]))
        raise _Problem(
            f"{path}: op {op!r} does not apply to field {field!r} (use one of {allowed})"
        )
    value = node.get("value", True) if op == "exists" else node.get("value")
    try:
        _check_value(field, kind, op, value)
        predicate = _predicate(kind, op, value) if op != "exists" else bool
    except _Problem as exc:
        raise _Problem(f"{path}: {exc}") from None
    return Leaf(field=field, op=op, value=value, kind=kind, predicate=predicate)


# ----------------------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    index: int
    when: Condition
    routes: tuple[str, ...]
    stop: bool = False
    description: str | None = None


def _schema_validator() -> jsonschema.protocols.Validator:
    try:
        schema = orjson.loads(SCHEMA_PATH.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        raise RulesError(f"cannot read the routing rules schema at {SCHEMA_PATH}: {exc}") from exc
    validator_class = jsonschema.validators.validator_for(schema)
    return validator_class(schema)


def _rule_label(obj: Any, index: int) -> str:
    rules = obj.get("rules") if isinstance(obj, dict) else None
    name = None
    if isinstance(rules, list) and index < len(rules) and isinstance(rules[index], dict):
        name = rules[index].get("name")
    return f"rules[{index}] ({name!r})" if name is not None else f"rules[{index}]"


def _schema_problem(obj: Any, origin: str, validator: jsonschema.protocols.Validator) -> None:
    errors = list(validator.iter_errors(obj))
    if not errors:
        return
    error = jsonschema.exceptions.best_match(errors)
    path = list(error.absolute_path)
    where = "top level"
    if len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int):
        inner = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path[2:])
        where = _rule_label(obj, path[1]) + (f": {inner.lstrip('.')}" if inner else "")
    elif path:
        where = ".".join(str(p) for p in path)
    more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
    raise RulesError(f"{origin}: {where}: {error.message}{more}")


def read_rules_file(path: str | Path) -> Any:
    """The plain object in a YAML or JSON rules file (anchors expanded), not yet validated."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RulesError(f"{path}: cannot read rules file: {exc}") from exc
    try:
        if path.suffix.lower() == ".json":
            return orjson.loads(data)
        return yaml.safe_load(data.decode("utf-8"))
    except (orjson.JSONDecodeError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path}: not valid YAML/JSON: {exc}") from exc


class RuleSet:
    """An ordered, validated, compiled list of routing rules."""

    def __init__(
        self,
        version: str,
        rules: Sequence[Rule],
        origin: str = "<memory>",
        vocabulary: Vocabulary | None = None,
    ) -> None:
        self.version = version
        self.rules: tuple[Rule, ...] = tuple(rules)
        self.origin = origin
        self.vocabulary = vocabulary or default_vocabulary()

    def __repr__(self) -> str:
        return f"RuleSet(origin={self.origin!r}, version={self.version!r}, rules={len(self.rules)})"

    @property
    def routes(self) -> list[str]:
        """Every route these rules can emit, in first-use order, plus ``unrouted``."""
        names: list[str] = []
        for rule in self.rules:
            names += [r for r in rule.routes if r not in names]
        if UNROUTED not in names:
            names.append(UNROUTED)
        return names

    def context(self, article: Article) -> MatchContext:
        return MatchContext(article, self.vocabulary)

    @classmethod
    def default(cls, vocabulary: Vocabulary | None = None) -> RuleSet:
        return cls.load(DEFAULT_RULES_PATH, vocabulary=vocabulary)

    @classmethod
    def load(cls, path: str | Path, vocabulary: Vocabulary | None = None) -> RuleSet:
        """Read a YAML or JSON rules file (by extension; anything else is read as YAML)."""
        return cls.from_obj(read_rules_file(path), origin=str(path), vocabulary=vocabulary)

    @classmethod
    def from_obj(
        cls, obj: Any, origin: str = "<memory>", vocabulary: Vocabulary | None = None
    ) -> RuleSet:
        if not isinstance(obj, dict):
            raise RulesError(f"{origin}: a rules file must be a mapping with 'version' and 'rules'")
        _schema_problem(obj, origin, _schema_validator())
        rules: list[Rule] = []
        seen: dict[str, int] = {}
        catch_all: Rule | None = None
        for index, entry in enumerate(obj["rules"]):
            name = entry["name"]
            label = _rule_label(obj, index)
            if name in seen:
                raise RulesError(
                    f"{origin}: {label}: duplicate rule name, first used by rules[{seen[name]}]"
                )
            seen[name] = index
            if catch_all is not None:
                raise RulesError(
                    f"{origin}: {label}: unreachable, because rules[{catch_all.index}] "
                    f"({catch_all.name!r}) matches every article and stops"
                )
            try:
                when = compile_condition(entry["when"])
            except _Problem as exc:
                raise RulesError(f"{origin}: {label}: {exc}") from None
            if when.always_false():
                raise RulesError(f"{origin}: {label}: its condition can never be true")
            rule = Rule(
                name=name,
                index=index,
                when=when,
                routes=tuple(entry["routes"]),
                stop=bool(entry.get("stop", False)),
                description=entry.get("description"),
            )
            if rule.stop and when.always_true():
                catch_all = rule
            rules.append(rule)
        return cls(str(obj["version"]), rules, origin=origin, vocabulary=vocabulary)


def field_kinds() -> dict[str, str]:
    """The fields a rule may name and their kinds (for docs and the CLI)."""
    return dict(FIELD_KINDS)


__all__ = [
    "FIELD_KINDS",
    "OPS",
    "UNROUTED",
    "Condition",
    "MatchContext",
    "Rule",
    "RuleSet",
    "compile_condition",
    "compile_pattern",
    "field_kinds",
    "read_rules_file",
]
