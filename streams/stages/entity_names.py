"""Turning raw NER spans into names an editor would write, and recognising credit lines.

The statistical model's spans carry wire-copy noise: possessives ("South Korea’s"), leading
articles, honorifics, line breaks inside names, time zones and units taken for organisations
("EDT", "MW"), agency credits ("(AP)", "Reporting by ..."). These helpers are pure string
functions so each rule can be tested without loading the model.
"""

from __future__ import annotations

import re

#: spaCy run-ons across sentences produce long "names"; no real name is this long
MAX_NAME_CHARS = 80

_WHITESPACE = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_LEADING_VIA = re.compile(r"^via\s+", re.IGNORECASE)
_HONORIFIC = re.compile(
    r"^(?:mr|mrs|ms|miss|dr|sir|dame|prof|gov|sen|rep|gen|lt|col|sgt|capt|adm|rev)\.?\s+",
    re.IGNORECASE,
)
#: job titles that NER folds into a person span ("Fed Chair Jerome Powell")
_TITLE_WORDS = frozenset({
    "president", "prime", "minister", "chancellor", "secretary", "chair", "chairman",
    "chairwoman", "governor", "mayor", "senator", "king", "queen", "prince", "princess",
    "general", "judge", "justice", "ceo", "chief", "director", "coach", "captain", "manager",
    "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "commissioner",
    "premier", "sheikh", "archbishop", "bishop", "cardinal", "vice", "deputy", "foreign",
    "finance", "defense", "defence", "health", "state", "u.s.", "former", "acting",
    # occupations written before a name ("Forecaster Bob Oravec", "Baker Mathieu Lefort")
    "baker", "librarian", "producer", "forecaster", "meteorologist", "scientist", "chef",
    "economist", "analyst", "researcher", "professor", "teacher", "lawyer", "attorney",
    "officer", "detective", "actor", "actress", "singer", "author", "writer", "artist",
    "designer", "architect", "farmer", "fisherman", "nurse", "doctor", "surgeon", "pilot",
    "driver", "striker", "midfielder", "defender", "goalkeeper", "owner", "founder",
    "investor", "student", "resident", "witness", "survivor", "negotiator", "lawmaker",
    "diplomat", "astronomer", "historian", "curator", "priest", "pastor", "imam", "rabbi",
    "monk", "photographer", "journalist", "reporter", "editor", "composer", "director-general",
})
_EDGE_PUNCTUATION = " \t\"'“”‘’«»()[]{},;:!?*•·|/-–—"
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ean|ese|ish)$")
_KEEP_THE = frozenset({"the hague", "the gambia", "the bahamas"})

# fmt: off
#: names that NER tags but are never entities a desk wants: time zones, units, compass points
JUNK_NAMES = frozenset({
    # time zones
    "gmt", "utc", "bst", "cet", "cest", "eet", "eest", "wet", "et", "est", "edt", "ct", "cst",
    "cdt", "mt", "mst", "mdt", "pt", "pst", "pdt", "akst", "hst", "ast", "adt", "kst", "jst",
    "ist", "aest", "aedt", "acst", "awst", "nzst", "nzdt", "hkt", "sgt", "wib", "pht", "msk",
    # units and abbreviations
    "km", "kms", "km/h", "mph", "kph", "kg", "lb", "lbs", "mm", "cm", "ft", "mw", "gw", "kw",
    "kwh", "mwh", "gwh", "kv", "bpd", "c", "f", "celsius", "fahrenheit", "am", "pm", "a.m.",
    "p.m.", "no", "vs", "inc", "ltd", "co", "corp", "plc", "ag", "sa", "nv",
    # compass points that NER labels LOC ("the North")
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    # weekdays and months that NER takes for names in headlines
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    # words NER often capitalises into entities on news copy
    "ai", "gdp", "ceo", "covid", "covid-19", "mpox", "haj", "hajj", "turnout", "storm",
    "commuters", "media", "olympic", "olympics", "big bang",
})
#: single generic words that NER takes for an organisation's name
GENERIC_ORG_WORDS = frozenset({
    "state", "alliance", "government", "ministry", "embassy", "police", "army", "court",
    "parliament", "cabinet", "council", "party", "company", "agency", "news", "house",
    "defense", "defence", "senate", "congress", "union", "military", "treasury", "navy",
    "education", "health", "justice", "interior", "finance", "labor", "labour", "energy",
})
# fmt: on

#: news agencies by the names they are credited under, mapped to one short name
AGENCIES: dict[str, str] = {
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "dpa": "dpa",
    "deutsche presse-agentur": "dpa",
    "upi": "UPI",
    "united press international": "UPI",
    "efe": "EFE",
    "ansa": "ANSA",
    "pa": "PA",
    "pa media": "PA",
}

PLACE_ALIASES: dict[str, str] = {
    "u.s.": "United States",
    "us": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "united states of america": "United States",
    "u.k.": "United Kingdom",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "korean peninsula": "Korean Peninsula",
}
ORG_ALIASES: dict[str, str] = {
    "u.n.": "United Nations",
    "un": "United Nations",
    "eu": "European Union",
    "e.u.": "European Union",
}

#: a line that credits rather than reports: "Via AP news wire", "Reuters reporting by ..."
CREDIT_LINE = re.compile(
    r"\b(?:via|news\s*wire|wire\s+service|contributed|writers?|reporting\s+by|editing\s+by|"
    r"additional\s+reporting|copyright|all\s+rights\s+reserved|photo|file|staff)\b|©",
    re.IGNORECASE,
)
#: the credit of a staff contributor: its names are reporters, not people in the story
CONTRIBUTOR_LINE = re.compile(
    r"\b(?:contributed|reporting\s+by|editing\s+by|additional\s+reporting|writers?\s+\w+"
    r"(?:\s+\w+)?\s+(?:in|from)\b)",
    re.IGNORECASE,
)
_SHORT_LINE_WORDS = 6


def is_shouty(text: str) -> bool:
    """All-caps text (old wire headlines, slugs): NER on it produces run-on garbage."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _strip_titles(name: str) -> str:
    """Drop job titles NER kept in a person span; a name is never all title words."""
    words = name.split(" ")
    cut = 0
    while cut < len(words) - 1 and words[cut].casefold().rstrip(".") in _TITLE_WORDS | {"u.s"}:
        cut += 1
    return " ".join(words[cut:]) if cut and len(words) - cut >= 2 else name


def canonical_name(raw: str, kind: str) -> str | None:
    """A clean display name for an NER span, or None when the span is not a usable name."""
    text = raw.replace("\u00ad", "").strip()
    text = _PARAGRAPH_BREAK.split(text, maxsplit=1)[0]
    name = _WHITESPACE.sub(" ", text).strip(_EDGE_PUNCTUATION)
    name = _POSSESSIVE.sub("", name).strip(_EDGE_PUNCTUATION)
    if name.casefold() not in _KEEP_THE:
        name = _LEADING_THE.sub("", name)
    if kind == "people":
        name = _strip_titles(_HONORIFIC.sub("", name))
    if kind == "organisations":
        name = _LEADING_VIA.sub("", name)
    if name.endswith(".") and "." not in name[:-1] and len(name.rsplit(" ", 1)[-1]) > 4:
        name = name[:-1]
    name = name.strip(_EDGE_PUNCTUATION)
    folded = name.casefold()
    if len(name) < 2 or len(name) > MAX_NAME_CHARS or not any(c.isalpha() for c in name):
        return None
    if folded in JUNK_NAMES or (name[0].isdigit() and kind != "organisations"):
        return None
    if kind in ("people", "organisations", "places") and not any(c.isupper() for c in name):
        return None

    if kind == "organisations" and folded in GENERIC_ORG_WORDS:
        return None
    last_word = name.rsplit(" ", 1)[-1]
    if kind != "people" and " " in name and last_word.isalpha() and last_word.islower():
        # "Indo-Pacific & beyond": NER ran on past the name into the sentence
        return None
    if kind == "places":
        return PLACE_ALIASES.get(folded, name)
    if kind == "organisations":
        return ORG_ALIASES.get(folded, name)
    return name


def looks_like_demonym(name: str) -> bool:
    """"Ukrainian", "Japanese", "Danish": a nationality, not a place name."""
    return _DEMONYM.match(name) is not None


def agency(name: str | None) -> str | None:
    """The short name of a news agency written as ``name``, if it is one."""
    if not name:
        return None
    folded = _WHITESPACE.sub(" ", name).strip().casefold()
    return AGENCIES.get(folded) or AGENCIES.get(_LEADING_THE.sub("", folded))


def line_around(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start : line_end if line_end >= 0 else len(text)]


def is_credit_mention(text: str, start: int, end: int) -> bool:
    """A mention in a credit line, a short byline-like line, or a "(AP)" dateline tag."""
    before = text[max(0, start - 2) : start].strip()
    after = text[end : end + 2].strip()
    if before.endswith("(") and after.startswith(")"):
        return True
    line = line_around(text, start, end)
    return bool(CREDIT_LINE.search(line)) or len(line.split()) <= _SHORT_LINE_WORDS
