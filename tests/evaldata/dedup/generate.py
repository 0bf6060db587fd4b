"""Generate the labelled syndication set for the dedup evaluation (deterministic, fixed seed).

    python tests/evaldata/dedup/generate.py    # rewrites syndication.jsonl next to this file

Every text is built from the project's own templates (``templates.py``). The set models what
dedup sees *after* cleaning:

- families of stories on one subject (same people, places, background paragraphs): the hard
  negatives, e.g. two earthquakes in one region days apart, a minister's two visits, a trial
  opening and its verdict;
- per story an agency original, either in the agency's format with its id (ninjs / NITF /
  NewsML-G2) or as plain text without ids; sometimes a publisher's reprint arrives first;
- publisher reprints with realistic leftovers: a changed headline, dropped dateline, straight
  vs curly quotes, whitespace changes, stray "Read more:" lines, captions and credit lines on
  top, trailers, trimmed endings, small desk edits; a quarter of them are scrapes whose
  publisher the cleaner missed (publisher None, ``urn:wirestreams:`` uri, text/html format);
- write-thrus (same id higher version; new id from the agency; or plain text without id: same
  source, later time, new top paragraphs) and reprints of them, corrections (flagged), kills,
  and agency re-sends without new content.

Each line: ``{"seq", "story", "family", "role", "expect", "now", "article"}`` where ``expect``
is the gold verdict (new / duplicate / update) and ``story`` the gold story id.
"""

# ruff: noqa: E501  (tables of template text and story values read better unwrapped)
from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import templates as T

SEED = 20261118
FAMILIES = 96
OUT = Path(__file__).resolve().parent / "syndication.jsonl"
BASE = datetime(2026, 11, 16, tzinfo=UTC).timestamp()
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
SLOT = re.compile(r"<(\w+)>")
CHOICE = re.compile(r"\{([^{}]*)\}")


def fill(template: str, slots: dict[str, str], rng: random.Random) -> str:
    def slot(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in slots:
            raise KeyError(f"no value for slot <{name}> in {template[:60]!r}")
        return slots[name]

    text = SLOT.sub(slot, template)
    text = CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), text)
    return re.sub(r" {2,}", " ", text).replace(" ,", ",").replace(" .", ".")


def name(rng: random.Random) -> str:
    first = rng.choice(T.FIRST_NAMES)
    return f"{first} {rng.choice(T.SURNAME_PARTS[0])}{rng.choice(T.SURNAME_PARTS[1])}"


def hexid(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def family_slots(rng: random.Random, kind: str, index: int) -> dict[str, str]:
    country, cities, area = T.REGIONS[index % len(T.REGIONS)]
    person = name(rng)
    other = T.REGIONS[(index * 7 + 3) % len(T.REGIONS)]
    comp_a, comp_b = rng.choice(T.COMPANY_A), rng.choice(T.COMPANY_B)
    sport = rng.choice(T.SPORTS)
    years = sorted(rng.sample(range(1995, 2025), 3))
    s = {
        "Country": country, "country_adj": country, "city": cities[0], "city2": cities[2],
        "capital": cities[0], "area_region": area, "Region": area,
        "region_area": rng.choice(["the north", "the south", "the east", "the west",
                                   "the central highlands", "the coastal region"]),
        "person": person, "person_last": person.split()[1],
        "ministry": rng.choice(T.MINISTRIES), "compA": comp_a, "compB": comp_b,
        "compB2": rng.choice(T.COMPANY_A) + " Components",
        "year": str(years[0]), "year2": str(years[1]), "year3": str(years[2]),
        "yrs2": str(rng.randint(3, 12)), "past": str(rng.randint(3, 9)),
        "pastdeaths": str(rng.randint(40, 900)), "pct": str(rng.randint(12, 60)),
        "product": rng.choice(["garments", "shoes", "furniture", "auto parts", "toys"]),
        "budget": str(rng.randint(200, 900)), "target": str(rng.choice([2, 3, 4])),
        "misses": str(rng.randint(2, 6)), "gdp": f"{rng.uniform(0.5, 4.5):.1f}",
        "staff": f"{rng.randint(2, 40)},{rng.randint(100, 999)}",
        "markets": str(rng.randint(20, 90)), "members": str(rng.randint(40, 400)),
        "strikes": str(rng.randint(2, 9)), "longest": str(rng.randint(3, 21)),
        "union": rng.choice(["National Transport Union", "Public Services Federation",
                             "Teachers' Union", "Railway Workers' Union"]),
        "workers": rng.choice(["Transport workers", "Teachers", "Rail workers",
                               "Public sector workers", "Dock workers"]),
        "service": rng.choice(["bus and metro services", "schools", "rail services",
                               "port operations"]),
        "teamA": rng.choice(T.COMPANY_A) + " " + rng.choice(["United", "City", "Rovers"]),
        "teamB": rng.choice(T.COMPANY_A) + " " + rng.choice(["Athletic", "Stars", "Wanderers"]),
        "sport": sport[0], "cup": country + " " + rng.choice(["Cup", "Championship"]),
        "scoreword": sport[2], "finals": str(rng.randint(3, 12)),
        "river": rng.choice(["Rio Verde", "Karsa", "Malen", "Dorin", "Tavo"]),
        "currency": rng.choice(["peso", "lira", "rupee", "shilling", "zloty", "real"]),
        "host": other[1][0], "host_country": other[0],
        "seismo": rng.choice(["national seismological service", "geological survey",
                              "country's seismology institute"]),
        "haven": rng.choice(["Cyprus", "Panama", "the British Virgin Islands", "Dubai"]),
        "site": rng.choice(["a new airport terminal", "a coastal highway", "a hydropower dam",
                            "a metro line", "a port terminal"]),
        "leader_title": rng.choice(["President", "Prime Minister"]), "leader": name(rng),
    }  # fmt: skip
    return s


def story_slots(rng: random.Random, fam: dict[str, str], agency: str) -> dict[str, str]:
    country = fam["Country"]
    cities = next(c for n, c, _ in T.REGIONS if n == country)
    day = rng.randrange(7)
    purpose = rng.choice(T.PURPOSES)
    s = dict(fam)
    s.update({
        "CITY": "", "town": rng.choice(cities[1:]) if rng.random() < 0.7 else name(rng).split()[1] + "ville",
        "weekday": T.WEEKDAYS[day], "weekday2": T.WEEKDAYS[(day + rng.randint(1, 3)) % 7],
        "Weekday": T.WEEKDAYS[day], "Month": "Nov", "date": str(rng.randint(10, 28)),
        "month": rng.choice(MONTHS), "month2": rng.choice(MONTHS), "date2": str(rng.randint(1, 28)),
        "Agency": {"AP": "Associated Press", "Reuters": "Reuters", "AFP": "AFP"}[agency],
        "photog": name(rng), "mag": f"{rng.uniform(5.2, 7.8):.1f}",
        "aftermag": f"{rng.uniform(4.0, 5.1):.1f}", "deaths": str(rng.randint(3, 80)),
        "deaths2": str(rng.randint(81, 200)), "houses": str(rng.randint(30, 900)),
        "houses2": str(rng.randint(901, 3000)), "thousands": str(rng.randint(5, 300)),
        "km": str(rng.randint(8, 90)), "depth": str(rng.randint(5, 60)),
        "rescued": str(rng.randint(4, 120)), "injured": str(rng.randint(10, 400)),
        "serious": str(rng.randint(2, 30)), "seconds": str(rng.randint(15, 50)),
        "aftershocks": str(rng.randint(5, 40)), "road": rng.choice(["coastal", "northern", "Pan-American", "mountain"]),
        "lanes": rng.choice(["two", "three", "both"]), "troops": str(rng.randint(200, 3000)),
        "tents": str(rng.randint(300, 5000)), "missing": str(rng.randint(4, 60)),
        "displaced": f"{rng.randint(2, 90)},{rng.randint(100, 999)}",
        "displaced2": f"{rng.randint(2, 90)},{rng.randint(100, 999)}",
        "official_title": rng.choice(["Governor", "Mayor", "Civil defense chief", "Police chief"]),
        "official": name(rng), "witness": name(rng),
        "job": rng.choice(["shopkeeper", "teacher", "taxi driver", "nurse", "student", "baker", "mechanic"]),
        "purpose": purpose[0], "purpose_short": purpose[1], "gap": str(rng.randint(4, 15)),
        "host_official": rng.choice(["President", "Prime Minister", "Foreign Minister"]) + " " + name(rng),
        "money": str(rng.randint(20, 900)), "money2": str(rng.randint(20, 900)),
        "yrs": str(rng.randint(3, 10)), "trade": f"{rng.uniform(1, 40):.1f}",
        "tradepct": str(rng.randint(3, 40)), "next": rng.choice([r[1][0] for r in T.REGIONS]),
        "facility": rng.choice(["garment factory", "warehouse", "chemical plant", "shoe factory", "printing plant"]),
        "hours": str(rng.randint(2, 14)), "trucks": str(rng.randint(8, 60)),
        "detained": str(rng.randint(2, 6)), "years": str(rng.randint(4, 15)),
        "contracts": str(rng.randint(5, 40)), "age": str(rng.randint(28, 71)),
        "shells": str(rng.randint(3, 12)), "judge": name(rng), "repay": str(rng.randint(2, 40)),
        "ban": str(rng.randint(5, 15)), "fired": str(rng.randint(2, 9)), "lawyer": name(rng),
        "weeks": str(rng.randint(3, 20)), "witnesses": str(rng.randint(12, 90)),
        "bail": str(rng.randint(50, 900)), "rate": f"{rng.uniform(3, 14):.2f}",
        "bp": str(rng.choice([25, 50, 75, 100])), "bp2": str(rng.choice([50, 75, 100, 150])),
        "nth": rng.choice(["second", "third", "fourth", "fifth"]),
        "infl": f"{rng.uniform(3, 12):.1f}", "infl0": f"{rng.uniform(3, 12):.1f}",
        "infl2": f"{rng.uniform(2, 6):.1f}", "analysts": str(rng.randint(5, 18)),
        "polled": str(rng.randint(19, 30)), "fx": f"{rng.uniform(0.1, 2.5):.1f}",
        "stk": f"{rng.uniform(0.2, 4.0):.1f}", "analyst": name(rng),
        "votes": str(rng.randint(2, 4)), "board": str(rng.choice([7, 9])),
        "villages": str(rng.randint(8, 90)), "mm": str(rng.randint(120, 450)),
        "hectares": f"{rng.randint(2, 90)},{rng.randint(100, 999)}",
        "units": f"{rng.randint(20, 900)},{rng.randint(100, 999)}",
        "units2": f"{rng.randint(1, 3)}.{rng.randint(1, 9)} million",
        "product_short": rng.choice(["cars", "dishwashers", "baby strollers", "e-bikes", "heaters"]),
        "defect": rng.choice(["overheating batteries", "brake failure", "fire", "loose wheels", "electric shocks"]),
        "incidents": str(rng.randint(3, 60)), "past_units": f"{rng.randint(10, 500)},000",
        "days": str(rng.randint(2, 5)), "pay": str(rng.randint(3, 9)), "pay2": str(rng.randint(10, 14)),
        "turnout": str(rng.randint(55, 95)), "turnout2": str(rng.randint(20, 54)),
        "drop": str(rng.randint(8, 30)), "player": name(rng), "coach": name(rng),
        "captain": name(rng), "scoreA": str(rng.randint(2, 5)), "scoreB": str(rng.randint(0, 1)),
        "points": str(rng.randint(2, 30)), "crowd": f"{rng.randint(20, 80)},{rng.randint(100, 999)}",
        "minutes": str(rng.randint(10, 25)), "arrests": str(rng.randint(2, 40)),
        "total": str(rng.randint(6, 40)),
    })  # fmt: skip
    s["miles"] = str(round(int(s["km"]) * 0.62))
    s["player_last"] = s["player"].split()[1]
    s["CITY"] = s["city"].upper()
    s["City"] = s["city"]
    return s


@dataclass
class Story:
    sid: str
    family: str
    kind: str
    agency: str
    identity: bool
    headline: str
    dateline: str
    paragraphs: list[str]
    curly: bool
    slots: dict[str, str]
    rng: random.Random
    uri: str = ""
    items: list[dict[str, Any]] = field(default_factory=list)


def curl(text: str) -> str:
    out, opened = [], False
    for ch in text:
        if ch == '"':
            out.append("\u201d" if opened else "\u201c")
            opened = not opened
        elif ch == "'":
            out.append("\u2019")
        else:
            out.append(ch)
    return "".join(out).replace(" - ", " \u2014 ")


def flatten_quotes(text: str) -> str:
    return (text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
            .replace("\u2014", "-"))  # fmt: skip


def body_of(story: Story, paragraphs: list[str], dateline: bool = True) -> str:
    paras = list(paragraphs)
    if dateline:
        paras[0] = story.dateline + paras[0]
    text = "\n\n".join(paras)
    return curl(text) if story.curly else text


def agency_uri(agency: str, key: str) -> str:
    h = hexid(agency, key)
    if agency == "AP":
        return f"urn:publicid:apnews.com:20261118:{h[:9]}"
    if agency == "Reuters":
        return f"tag:reuters.com,2026:newsml_L8N{h[:6].upper()}:1"
    return f"urn:newsml:afp.com:20261118:doc-{h[:7].upper()}"


def make_story(rng: random.Random, family: str, kind: str, fam: dict[str, str],
               background: list[str], sid: str, order: int) -> Story:  # fmt: skip
    agency = rng.choice(["AP", "AP", "Reuters", "AFP"])
    slots = story_slots(rng, fam, agency)
    spec = T.KINDS[kind]
    leads = spec["lead"]
    lead = fill(leads[order % len(leads)] if kind == "court" else rng.choice(leads), slots, rng)
    body = [
        fill(t, slots, rng)
        for t in rng.sample(spec["body"], k=min(len(spec["body"]), rng.randint(5, 7)))
    ]
    at = rng.randint(len(body) // 2, len(body))
    paragraphs = [lead, *body[:at], *background, *body[at:]]
    dateline = fill(T.AGENCIES[agency]["dateline"], slots, rng)
    headline = fill(rng.choice(spec["headline"]), slots, rng)
    identity = rng.random() < 0.62
    story = Story(sid, family, kind, agency, identity, headline, dateline, paragraphs,
                  rng.random() < 0.5, slots, rng)  # fmt: skip
    story.uri = agency_uri(agency, sid) if identity else f"urn:wirestreams:{hexid(sid, 'orig')}"
    return story


def article(story: Story, *, uri: str, body: str, headline: str, fmt: str, when: float,
            version: int = 1, publisher: str | None = None, pubstatus: str = "usable",
            update: bool = False, correction: bool = False) -> dict[str, Any]:  # fmt: skip
    return {
        "uri": uri, "headline": headline, "body_text": body,
        "provenance": {"format": fmt, "received_at": iso(when)},
        "version": version, "source": story.agency, "publisher": publisher,
        "versioncreated": iso(when), "pubstatus": pubstatus,
        "signals": {"update": update, "correction": correction},
    }  # fmt: skip


def reprint_body(story: Story, paragraphs: list[str], rng: random.Random) -> tuple[str, list[str]]:
    """The text of a publisher's copy after cleaning, with the leftovers it kept."""
    ops = rng.sample(["dateline", "quotes", "whitespace", "stray", "top", "caption", "trailer",
                      "trim", "edit"], k=rng.randint(2, 5))  # fmt: skip
    s = story.slots
    paras = list(paragraphs)
    if "trim" in ops and len(paras) > 5:
        paras = paras[: len(paras) - rng.randint(1, min(3, len(paras) - 4))]
    if "edit" in ops:
        text = "\n\n".join(paras)
        for old, new in rng.sample(T.EDITS, k=len(T.EDITS)):
            if old in text:
                text = text.replace(old, new, 1)
                if rng.random() < 0.5:
                    break
        paras = text.split("\n\n")
    if "stray" in ops:
        for _ in range(rng.randint(1, 2)):
            paras.insert(rng.randint(2, len(paras) - 1), fill(rng.choice(T.STRAY_LINES), s, rng))
    if "caption" in ops:
        where = 0 if rng.random() < 0.5 else rng.randint(2, len(paras) - 1)
        paras.insert(where, fill(rng.choice(T.CAPTIONS), s | {"Agency": story.agency}, rng))
    if "top" in ops:
        for line in rng.sample(T.TOP_LINES, k=rng.randint(1, 2)):
            paras.insert(0, fill(line, s | {"Agency": story.agency}, rng))
    if "trailer" in ops:
        paras.append(fill(rng.choice(T.TRAILERS), s, rng))
    body = body_of(story, paras, dateline="dateline" not in ops and "top" not in ops
                   and "caption" not in ops)  # fmt: skip
    if "dateline" not in ops and ("top" in ops or "caption" in ops):
        body = body.replace(story.paragraphs[0][:40], story.dateline + story.paragraphs[0][:40], 1)
    if "quotes" in ops:
        body = flatten_quotes(body) if story.curly else curl(body)
    if "whitespace" in ops:
        style = rng.randrange(3)
        if style == 0:
            body = body.replace(". ", ".  ")
        elif style == 1:
            body = body.replace("\n\n", "\n \n ")
        else:
            body = "\n".join(_wrap(line, 72) for line in body.split("\n"))
    return body, ops


def _wrap(line: str, width: int) -> str:
    out, current = [], ""
    for word in line.split(" "):
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    out.append(current)
    return "\n".join(out)


def new_top(story: Story, rng: random.Random) -> list[str]:
    extra = story.slots | {"weekday2": story.slots["weekday2"]}
    updates = T.KINDS[story.kind]["update"]
    return [fill(t, extra, rng) for t in updates[: rng.randint(1, len(updates))]]


def small_fix(paragraphs: list[str], rng: random.Random) -> list[str]:
    """A correction: one figure changed in one paragraph, plus a correction note."""
    paras = list(paragraphs)
    for i in rng.sample(range(1, len(paras)), k=len(paras) - 1):
        numbers = re.findall(r"\b\d+\b", paras[i])
        if numbers:
            n = rng.choice(numbers)
            paras[i] = re.sub(rf"\b{n}\b", str(int(n) + rng.randint(1, 9)), paras[i], count=1)
            break
    return paras


def publisher_reprint(story: Story, rng: random.Random, paragraphs: list[str], when: float,
                      role: str, n: int) -> dict[str, Any]:  # fmt: skip
    body, ops = reprint_body(story, paragraphs, rng)
    missed = rng.random() < 0.25
    pub, domain = rng.choice(T.PUBLISHERS)
    headline = (
        story.headline
        if rng.random() < 0.4
        else fill(rng.choice(T.KINDS[story.kind]["headline"]), story.slots, rng)
    )
    if missed:  # the cleaner found no publisher name: looks like agency text from a file
        fmt = rng.choice(["html", "text"])
        uri = f"urn:wirestreams:{hexid(story.sid, role, n)}"
        publisher = None
    else:
        fmt = rng.choice(["html", "html", "text", "rss"])
        uri = (
            f"urn:wirestreams:{hexid(story.sid, role, n)}"
            if fmt == "text"
            else f"https://www.{domain}/world/{story.sid.lower()}-{hexid(role, n)[:6]}"
        )
        publisher = pub
    art = article(
        story, uri=uri, body=body, headline=headline, fmt=fmt, when=when, publisher=publisher
    )
    return {
        "role": role + ("-scrape" if missed else ""),
        "ops": ops,
        "article": art,
        "now": when + rng.uniform(30, 300),
    }


def build_story_items(story: Story, t0: float) -> None:
    rng = story.rng
    fmt = T.AGENCIES[story.agency]["format"] if story.identity else "text"
    reprint_first = story.identity and rng.random() < 0.12
    orig_arrival = t0 + (rng.uniform(2400, 5400) if reprint_first else rng.uniform(30, 180))
    items = story.items
    items.append(
        {
            "role": "original",
            "article": article(
                story,
                uri=story.uri,
                body=body_of(story, story.paragraphs),
                headline=story.headline,
                fmt=fmt,
                when=t0,
            ),
            "now": orig_arrival,
        }
    )
    for n in range(rng.choice([1, 2, 2, 3, 3, 4])):
        when = t0 + (rng.uniform(300, 1800) if reprint_first and n == 0
                     else rng.uniform(900, 36000))  # fmt: skip
        items.append(publisher_reprint(story, rng, story.paragraphs, when, "reprint", n))
    latest = story.paragraphs
    if rng.random() < 0.4:
        top = new_top(story, rng)
        paras = [*top, *story.paragraphs[1:]] if rng.random() < 0.6 else [*top, *story.paragraphs]
        when = t0 + rng.uniform(3600, 6 * 3600)
        variant = rng.choice(["same-id", "new-id", "no-id"]) if story.identity else "no-id"
        headline = fill(rng.choice(T.KINDS[story.kind]["headline"]), story.slots, rng)
        if variant == "same-id":
            art = article(
                story,
                uri=story.uri,
                body=body_of(story, paras),
                headline=headline,
                fmt=fmt,
                when=when,
                version=2,
                update=rng.random() < 0.5,
            )
        elif variant == "new-id":
            art = article(
                story,
                uri=agency_uri(story.agency, story.sid + "wt"),
                body=body_of(story, paras),
                headline=headline,
                fmt=fmt,
                when=when,
                update=rng.random() < 0.3,
            )
        else:
            art = article(
                story,
                uri=f"urn:wirestreams:{hexid(story.sid, 'wt')}",
                body=body_of(story, paras),
                headline=headline,
                fmt="text",
                when=when,
            )
        items.append(
            {"role": f"writethru-{variant}", "article": art, "now": when + rng.uniform(30, 180)}
        )
        latest = paras
        for n in range(rng.choice([0, 1, 2])):
            w = when + rng.uniform(1200, 20000)
            items.append(publisher_reprint(story, rng, paras, w, "reprint-of-writethru", n))
    if rng.random() < 0.18:
        when = t0 + rng.uniform(7 * 3600, 12 * 3600)
        fixed = small_fix(latest, rng)
        headline = "CORRECTED: " + story.headline
        if story.identity:
            art = article(
                story,
                uri=story.uri,
                body=body_of(story, fixed),
                headline=headline,
                fmt=fmt,
                when=when,
                version=3,
                correction=True,
            )
        else:
            art = article(
                story,
                uri=f"urn:wirestreams:{hexid(story.sid, 'fix')}",
                body=body_of(story, fixed),
                headline=headline,
                fmt="text",
                when=when,
                correction=True,
            )
        items.append({"role": "correction", "article": art, "now": when + rng.uniform(30, 180)})
    if story.identity and rng.random() < 0.1:
        when = t0 + rng.uniform(13 * 3600, 20 * 3600)
        art = article(
            story,
            uri=agency_uri(story.agency, story.sid + "resend"),
            body=body_of(story, latest[:-1]),
            headline=story.headline,
            fmt=fmt,
            when=when,
        )
        items.append({"role": "resend", "article": art, "now": when + rng.uniform(30, 180)})
    if story.identity and rng.random() < 0.1:
        when = t0 + rng.uniform(21 * 3600, 30 * 3600)
        art = article(
            story,
            uri=story.uri,
            body="Eds: KILL. This story has been withdrawn.",
            headline="KILL: " + story.headline,
            fmt=fmt,
            when=when,
            version=4,
            pubstatus="canceled",
        )
        items.append({"role": "kill", "article": art, "now": when + rng.uniform(30, 180)})


def label(items: list[dict[str, Any]], identity: bool) -> None:
    """Gold verdicts in arrival order, from each item's role (see module docstring)."""
    first = True
    for item in sorted(items, key=lambda i: i["now"]):
        role = item["role"]
        if first:
            item["expect"] = "new"
            first = False
        elif role == "original":
            item["expect"] = "update" if identity else "duplicate"
        elif role.startswith(("writethru", "correction", "kill")):
            item["expect"] = "update"
        else:
            item["expect"] = "duplicate"


def main() -> int:
    kinds = list(T.KINDS)
    stories: list[Story] = []
    times: dict[str, float] = {}
    for f in range(FAMILIES):
        family = f"F{f:03d}"
        kind = kinds[f % len(kinds)]
        frng = random.Random(f"{SEED}:{family}")
        fam = family_slots(frng, kind, f)
        background = [fill(t, fam, frng) for t in T.KINDS[kind]["background"]]
        t = BASE + frng.uniform(0, 7 * 86400)
        for order in range(frng.choice([2, 2, 2, 3])):
            sid = f"S{len(stories):03d}"
            srng = random.Random(f"{SEED}:{sid}")
            story = make_story(srng, family, kind, fam, background, sid, order)
            stories.append(story)
            times[sid] = t
            t += frng.uniform(6 * 3600, 60 * 3600)
    lines = []
    for story in stories:
        build_story_items(story, times[story.sid])
        label(story.items, story.identity)
        for item in story.items:
            lines.append({"story": story.sid, "family": story.family, **item})
    lines.sort(key=lambda i: (i["now"], i["story"], i["role"]))
    with OUT.open("w", encoding="utf-8") as out:
        for seq, line in enumerate(lines):
            record = {"seq": seq, "story": line["story"], "family": line["family"],
                      "role": line["role"], "expect": line["expect"],
                      "now": round(line["now"], 3), "ops": line.get("ops", []),
                      "article": line["article"]}  # fmt: skip
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    roles: dict[str, int] = {}
    for line in lines:
        roles[line["role"]] = roles.get(line["role"], 0) + 1
    print(
        f"{len(stories)} stories, {len(lines)} items -> {OUT.name}: {dict(sorted(roles.items()))}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
