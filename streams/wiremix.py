"""A seeded, synthetic wire mix for the fault harness and load tests.

The harness needs thousands of items shaped like a real intake: agency originals in every
structured format, publisher reprints wrapped in chrome, write-thrus, corrections and kills
under the same uri, and a sprinkle of malformed items. The sample feed holds 35; this makes as
many as asked, with distinct stories (names, places, figures and sentence choices drawn at
random) so dedup sees realistic clusters rather than one story repeated. All text is
generated from the templates below, written for the project.

Deterministic: the same ``seed`` and ``items`` give byte-identical payloads and ids.
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import escape
from typing import Literal

import orjson

from streams.article import RawItem

Kind = Literal["original", "reprint", "update", "correction", "kill", "bad"]
KINDS: tuple[Kind, ...] = ("original", "reprint", "update", "correction", "kill", "bad")

BASE_TIME = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)
#: simulated wire time between two items
STEP = timedelta(seconds=17)

FIRST = ("Amara", "Bruno", "Chiara", "Dmitri", "Elif", "Farid", "Greta", "Hana", "Ivo", "Jonas",
         "Kofi", "Leila", "Mateo", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tomas",
         "Ulla", "Vikram", "Wen", "Ximena", "Yusuf", "Zofia", "Anders", "Bea", "Caio", "Dalia",
         "Emeka", "Fumiko", "Goran", "Helga", "Ines", "Jae-hoon", "Kalani", "Lucien", "Marta",
         "Nikhil")  # fmt: skip
LAST = ("Okafor", "Lindqvist", "Moreau", "Castellano", "Yilmaz", "Haddad", "Brennan", "Takeda",
        "Novak", "Alvarez", "Mensah", "Rahimi", "Kowalczyk", "Ferreira", "Sandoval", "Iyer",
        "Petrov", "Achterberg", "Oduya", "Valdez", "Szabo", "Nakamura", "Bianchi", "Quist",
        "Drummond", "Esposito", "Halvorsen", "Mbeki", "Ostrowski", "Tanaka", "Varga", "Whitlock",
        "Zeller", "Abiodun", "Carvalho", "Delacroix", "Gunnarsson", "Hosseini", "Kamara",
        "Lemaire", "Mwangi", "Pellegrini", "Rasmussen", "Soto", "Trinh", "Ueda", "Vos",
        "Wojcik")
PLACES = (("Lisbon", "Portugal"), ("Nairobi", "Kenya"), ("Manila", "Philippines"),
          ("Santiago", "Chile"), ("Hanoi", "Vietnam"), ("Warsaw", "Poland"), ("Lagos", "Nigeria"),
          ("Lima", "Peru"), ("Oslo", "Norway"), ("Dhaka", "Bangladesh"), ("Athens", "Greece"),
          ("Bogota", "Colombia"), ("Jakarta", "Indonesia"), ("Accra", "Ghana"),
          ("Vienna", "Austria"),
          ("Seoul", "South Korea"), ("Montevideo", "Uruguay"), ("Tbilisi", "Georgia"),
          ("Helsinki", "Finland"), ("Kathmandu", "Nepal"), ("Dakar", "Senegal"),
          ("Brussels", "Belgium"), ("Taipei", "Taiwan"), ("Quito", "Ecuador"), ("Rabat", "Morocco"),
          ("Bucharest", "Romania"), ("Colombo", "Sri Lanka"), ("Wellington", "New Zealand"),
          ("Ottawa", "Canada"), ("Madrid", "Spain"), ("Kampala", "Uganda"),
          ("Bangkok", "Thailand"))
ORG_SUFFIX = ("Group", "Holdings", "Industries", "Logistics", "Energy", "Pharma", "Foods", "Motors",
              "Shipping", "Telecom", "Mining", "Textiles", "Airways", "Robotics")  # fmt: skip
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PUBLISHERS = (("The Lakeside Gazette", "lakesidegazette"), ("Riverton Post", "rivertonpost"),
              ("Coastline Daily", "coastlinedaily"), ("The Midland Courier", "midlandcourier"),
              ("Evening Compass", "eveningcompass"), ("Hillcrest Observer", "hillcrestobserver"),
              ("Northern Star Review", "northernstarreview"),
              ("The Quayside Record", "quaysiderecord"))

# {p0}..{p2} people, {r0}..{r2} their roles, {o0}/{o1} organisations, {city}, {country}, {day};
# {n:a-b} a random integer, {pick:x|y|z} a random choice, {w:list} a word from a list below.
WORDS: dict[str, tuple[str, ...]] = {
    "verb": ("expand", "review", "suspend", "accelerate", "scale back", "overhaul", "delay",
             "fund", "audit", "reopen", "restructure", "extend"),
    "thing": ("the subsidy scheme", "the port upgrade", "the pension reform", "the grid contract",
              "the water tariff", "the housing programme", "the fishing quotas",
              "the rail timetable", "the school meals budget", "the import licences",
              "the broadband rollout", "the fuel allowance"),
    "adj": ("cautious", "sharp", "unexpected", "modest", "steady", "broad", "narrow", "fragile",
            "long-awaited", "disputed", "temporary", "significant"),
    "group": ("farmers", "nurses", "dock workers", "teachers", "taxi drivers", "retailers",
              "students", "pensioners", "miners", "bus drivers", "fishing crews", "doctors"),
    "month": ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October"),
}

FAMILIES: dict[str, dict[str, tuple[str, ...]]] = {
    "rates": {
        "subject": ("medtop:04000000", "economy, business and finance"),
        "headline": ("{country} central bank {pick:holds|raises|trims} key rate as "
                     "{pick:inflation|wage growth|the currency} {pick:cools|lingers|slides}",
                     "{country} policymakers {pick:surprise markets|stay put|move early} on "
                     "rates, {p0} signals {w:adj} path"),
        "lead": ("The central bank of {country} {pick:kept|raised|cut} its benchmark rate to "
                 "{n:1-9}.{n:0-9}{n:0-9}% on {day}, citing {w:adj} price pressures and a {w:adj} "
                 "labour market.",),
        "body": ("Governor {p0} told reporters in {city} that the board would {w:verb} its "
                 "guidance {pick:meeting by meeting|over the coming quarter|once new data "
                 "arrive}.",
                 "Consumer prices rose {n:1-9}.{n:0-9}% in {w:month} from a year earlier, the "
                 "statistics office said, after {n:1-9}.{n:0-9}% the month before.",
                 "{p1}, chief economist at {o0} in {city}, said the decision was {w:adj} and that"
                 " markets had priced in {n:2-40} basis points of moves by {w:month}.",
                 "The {country} currency {pick:firmed|weakened|barely moved} against the dollar "
                 "after the announcement, while {n:2-10}-year bond yields {pick:rose|fell} "
                 "{n:2-19} basis points.",
                 "Exporters represented by {o1} have warned that {w:adj} borrowing costs could "
                 "force them to {w:verb} {w:thing}."),
    },
    "vote": {
        "subject": ("medtop:11000000", "politics"),
        "headline": ("{country} lawmakers {pick:approve|reject|delay} bill to {w:verb} {w:thing}",
                     "Parliament in {city} {pick:backs|blocks} plan to {w:verb} {w:thing} after "
                     "{w:adj} debate"),
        "lead": ("Lawmakers in {country} voted {n:90-260} to {n:30-150} on {day} to {w:verb} "
                 "{w:thing}, handing {p0}, the {r0}, a {w:adj} victory after weeks of "
                 "{pick:protests|negotiations|delays}.",),
        "body": ("{p0} said the measure would cost about {n:40-900} million and take effect in "
                 "{w:month}, once the upper house and the president sign it.",
                 "Opposition leader {p1} called the vote {w:adj} and said {pick:her|his} party "
                 "would challenge it before the constitutional court.",
                 "Unions representing {w:group} staged a rally outside the chamber in {city}, "
                 "where police estimated the crowd at {n:2-40},000.",
                 "Analysts at {o0} said the coalition had {n:2-30} votes to spare and was "
                 "unlikely to face a confidence motion before {w:month}.",
                 "The bill was amended {n:2-14} times in committee, including a clause that "
                 "exempts {w:group} from the first phase."),
    },
    "quake": {
        "subject": ("medtop:03000000", "disaster, accident and emergency incident"),
        "headline": ("Magnitude {n:5-7}.{n:0-9} quake shakes "
                     "{pick:northern|southern|central|coastal} {country}, {n:2-40} reported hurt",
                     "{pick:Floods|Landslides|A storm surge} {pick:strand|displace|cut off} "
                     "{n:200-9000} people near {city}"),
        "lead": ("A {pick:strong|shallow|deep} earthquake of magnitude {n:5-7}.{n:0-9} struck "
                 "{n:10-190} kilometres from {city} early on {day}, damaging {n:12-400} homes and"
                 " knocking out power to {n:3-90},000 households.",),
        "body": ("{p0}, head of the national disaster agency, said rescue teams had reached "
                 "{n:3-30} villages and that {n:2-40} people were being treated for injuries.",
                 "The geological survey recorded at least {n:4-60} aftershocks, the largest of "
                 "magnitude {n:3-5}.{n:0-9}, and warned residents to stay away from damaged "
                 "buildings.",
                 "Schools in {n:2-12} districts will stay closed until {day} while engineers from"
                 " {o0} inspect bridges and water mains.",
                 "{p1}, a {pick:shopkeeper|teacher|nurse|farmer} in a village outside {city}, "
                 "said the shaking lasted about {n:10-59} seconds and cracked the walls of "
                 "{pick:her|his} house.",
                 "The government released {n:2-90} million in emergency funds and asked {o1} to "
                 "deliver {n:2-40} tonnes of food and tents."),
    },
    "recall": {
        "subject": ("medtop:04000000", "economy, business and finance"),
        "headline": ("{o0} recalls {n:12-480},000 {pick:cars|e-bikes|heaters|phones|strollers} "
                     "over faulty {pick:brake|battery|latch|valve|wiring} part",
                     "{o0} shares {pick:slip|drop|dip} after recall of {n:12-480},000 "
                     "{pick:units|vehicles|devices}"),
        "lead": ("{o0} is recalling about {n:12-480},000 {pick:vehicles|devices|appliances} sold "
                 "in {country} and abroad because a {pick:brake|battery|latch|valve|wiring} "
                 "component can fail under {pick:heavy load|low temperatures|high humidity}, the "
                 "company said on {day}.",),
        "body": ("The recall covers products made between {w:month} {n:2019-2024} and {w:month} "
                 "{n:2025-2026}, {p0}, a spokesperson for {o0}, said in a statement.",
                 "The national safety regulator said it knew of {n:2-40} incidents linked to the "
                 "fault but no serious injuries.",
                 "Owners will be contacted by letter and the part replaced free of charge in "
                 "about {n:20-90} minutes, the company said.",
                 "Shares in {o0} fell {n:1-6}.{n:0-9}% in {city}, while analysts at {o1} put the "
                 "cost of the recall at {n:20-300} million.",
                 "It is the company's {pick:second|third|first} recall this year, after a {w:adj}"
                 " software problem affected {n:3-90},000 units in {w:month}."),
    },
    "strike": {
        "subject": ("medtop:09000000", "labour"),
        "headline": ("{w:group} in {country} walk out over {pick:pay|pensions|shift "
                     "rules|safety}, {pick:disrupting|halting|slowing} services",
                     "{n:2-48}-hour strike by {w:group} {pick:paralyses|hits|snarls} {city}"),
        "lead": ("Thousands of {w:group} across {country} began a {n:2-72}-hour strike on {day} "
                 "to demand {pick:higher pay|better pensions|safer rosters|new contracts}, "
                 "{pick:halting|disrupting|slowing} services in {city} and other cities.",),
        "body": ("Union leader {p0} said members had rejected an offer of {n:2-9}.{n:0-9}% "
                 "because it did not keep pace with rents and food prices.",
                 "Labour minister {p1} urged both sides to return to talks and said the "
                 "government would not {w:verb} {w:thing} under pressure.",
                 "Employers' group {o0} estimated the cost of the stoppage at {n:5-90} million a "
                 "day.",
                 "In {city}, {pick:queues|crowds|picket lines} formed outside {n:3-40} depots by "
                 "early morning, local media reported.",
                 "A previous walkout in {w:month} ended after {n:2-9} days when mediators from "
                 "{o1} brokered a {w:adj} deal."),
    },
    "sport": {
        "subject": ("medtop:15000000", "sport"),
        "headline": ("{city} {pick:Rovers|United|Athletic|Wanderers} win {pick:cup|league|title} "
                     "final {n:1-5}-{n:0-3} in {w:adj} finish",
                     "{p0} scores {pick:twice|late|on debut} as {city} side "
                     "{pick:lift|claim|clinch} trophy"),
        "lead": ("{city} {pick:Rovers|United|Athletic|Wanderers} beat their rivals "
                 "{n:1-5}-{n:0-3} in the {country} {pick:cup|league|championship} final on {day},"
                 " with {p0} scoring after {n:50-90} minutes before a crowd of {n:12-80},000.",),
        "body": ("Coach {p1} said {pick:her|his} players had shown {w:adj} discipline after "
                 "falling behind early in the second half.",
                 "The win earns the club a place in next season's continental competition and "
                 "prize money of about {n:2-20} million.",
                 "{p2}, the opposing captain, was sent off after {n:55-85} minutes for a second "
                 "booking.",
                 "Fans gathered in {city}'s main square until after midnight, and the club said a"
                 " parade would follow on {day}.",
                 "It was the club's {pick:first|second|third|fifth} title in {n:5-40} years and "
                 "its {pick:first|second} since being bought by {o0}."),
    },
    "health": {
        "subject": ("medtop:07000000", "health"),
        "headline": ("{country} launches {pick:measles|cholera|polio|dengue} {pick:vaccination "
                     "drive|campaign|response} after {n:20-900} cases",
                     "Health officials in {city} race to contain {pick:measles|cholera|dengue} "
                     "outbreak"),
        "lead": ("Health authorities in {country} began a {n:2-6}-week campaign on {day} to reach"
                 " {n:1-9}.{n:0-9} million people after {pick:an outbreak|a surge of cases|a "
                 "cluster of deaths} in {city} and {n:2-12} surrounding districts.",),
        "body": ("{p0}, who heads the ministry's immunisation department, said {n:2-9},000 health"
                 " workers would visit schools, markets and clinics.",
                 "At least {n:3-90} people have died and {n:100-900} have been admitted to "
                 "hospital since {w:month}, according to official figures.",
                 "{o0} is supplying {n:1-9} million doses and cold-chain equipment, with funding "
                 "of about {n:2-40} million.",
                 "{p1}, a mother of {n:2-5} waiting at a clinic in {city}, said the nearest "
                 "health post had run out of vaccine twice this year.",
                 "Officials blamed {w:adj} coverage during the pandemic years, when routine "
                 "vaccination fell to about {n:40-79}% of children."),
    },
    "talks": {
        "subject": ("medtop:11000000", "politics"),
        "headline": ("{country} and neighbours agree to {w:verb} {w:thing} after talks in {city}",
                     "Envoys meet in {city} to {pick:revive|restart|rescue} stalled "
                     "{pick:border|trade|energy} talks"),
        "lead": ("Senior officials from {country} and {n:2-6} neighbouring states met in {city} "
                 "on {day} and agreed to {w:verb} {w:thing}, a first step after {n:2-11} years of"
                 " {pick:stalled|fitful|frozen} negotiations.",),
        "body": ("Foreign minister {p0} said the delegations had spent {n:3-11} hours on a text "
                 "covering {pick:customs checks|water sharing|power lines|fishing rights}.",
                 "{p1}, the {r1}, called the outcome {w:adj} but said the details would be "
                 "settled by experts before {w:month}.",
                 "The talks were brokered by {o0}, which has hosted {n:2-9} earlier rounds since "
                 "the dispute began.",
                 "Critics including {p2} said the deal did nothing for {w:group} living near the "
                 "border, who had hoped for {pick:compensation|new crossings|work permits}.",
                 "A follow-up meeting is planned in {city} for {w:month}, when ministers hope to "
                 "sign a {w:adj} framework agreement."),
    },
    "infra": {
        "subject": ("medtop:04000000", "economy, business and finance"),
        "headline": ("{city} opens {pick:new metro line|harbour bridge|tram extension|rail "
                     "tunnel} after {n:2-12}-year build",
                     "{pick:Metro|Bridge|Tunnel} project in {city} {pick:opens|finally "
                     "opens|opens to traffic}, {n:1-9}.{n:0-9} billion over budget"),
        "lead": ("The {pick:new metro line|harbour bridge|tram extension|rail tunnel} in {city} "
                 "opened to the public on {day} after {n:2-12} years of construction, promising "
                 "to cut journey times across the {country} capital by about {n:10-45} minutes.",),
        "body": ("The {n:4-40}-kilometre project was built by a consortium led by {o0} and cost "
                 "{n:1-9}.{n:0-9} billion, well above the original estimate.",
                 "Mayor {p0} said the line would carry {n:90-400},000 passengers a day once all "
                 "{n:6-30} stations open in {w:month}.",
                 "{p1}, who commutes from the suburbs, said the first ride had been {w:adj} but "
                 "that fares were still too high for {w:group}.",
                 "Engineers from {o1} will monitor ground movement along the route for {n:2-5} "
                 "years.",
                 "The opening was delayed {n:2-6} times, most recently by a {w:adj} dispute over "
                 "signalling software."),
    },
    "court": {
        "subject": ("medtop:02000000", "crime, law and justice"),
        "headline": ("{country} top court {pick:upholds|strikes down|suspends} law on {w:thing}",
                     "Judges in {city} rule against {o0} in {w:adj} {pick:contract|pollution|tax}"
                     " case"),
        "lead": ("The highest court in {country} ruled on {day} that the government had acted "
                 "{pick:lawfully|unlawfully} when it moved to {w:verb} {w:thing}, in a "
                 "{n:3-9}-{n:1-6} decision read out in {city}.",),
        "body": ("Chief Justice {p0} wrote that the state had failed to consult {w:group} before "
                 "changing the rules.",
                 "Lawyers for {o0}, which brought the case, said the ruling could lead to refunds"
                 " of about {n:10-400} million.",
                 "{p1}, the {r1}, said the government would study the judgment and might {w:verb}"
                 " {w:thing} instead.",
                 "The case had been before the courts since {w:month} {n:2018-2024} and drew "
                 "{n:3-40} written submissions.",
                 "Campaigners outside the court in {city} cheered as the decision was announced, "
                 "local television showed."),
    },
}

GENERIC: tuple[str, ...] = (
    "{p2}, a {r2}, said the {pick:government|company|agency|council} had {n:2-30} days to respond"
    " and that {pick:she|he} expected a {w:adj} reply.",
    "The figures were published by {o1} on {day} and are due to be revised in {w:month}.",
    "Officials in {city} declined to comment further, citing {pick:ongoing talks|legal advice|a "
    "pending review}.",
    "A poll by {o1} found {n:31-78}% of respondents in {country} backed the move, against "
    "{n:10-40}% who opposed it.",
    "Local broadcasters said similar plans had been shelved {n:2-5} times since {n:2009-2022}.",
)
ROLES = ("finance minister", "opposition lawmaker", "economist", "union official", "mayor",
         "analyst", "spokesperson", "regional governor", "researcher", "trade envoy")  # fmt: skip
UPDATE_PARAS: tuple[str, ...] = (
    "Later on {day}, {p1} said a {w:adj} review of {w:thing} would begin within {n:2-9} weeks.",
    "In a statement issued after {n:2-11} p.m. local time, {o0} said it would {w:verb} {w:thing} "
    "as well.",
    "By evening, {n:2-40} more {pick:districts|companies|groups} had joined, {p2} told reporters "
    "in {city}.",
)
AGENCIES: dict[str, tuple[str, str]] = {
    "AP": ("(AP) —", "The Associated Press"),
    "Reuters": ("(Reuters) -", "Reuters"),
    "AFP": ("(AFP) -", "Agence France-Presse"),
}
SLOT = re.compile(r"\{([a-z0-9_]+)(?::([^}]*))?\}")
NUMBER = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class MixItem:
    """One raw item of the mix and what it is (for summaries; the checker does not need it)."""

    raw: RawItem
    kind: Kind
    story: int


@dataclass
class _Story:
    number: int
    family: str
    agency: str
    fmt: str
    uri: str
    ctx: dict[str, str]
    headline: str
    summary: str
    paragraphs: list[str]
    urgency: int
    version: int = 1
    extra: list[str] = field(default_factory=list)


class _Filler:
    """Fills templates for one story: fixed people/places, fresh numbers per slot."""

    def __init__(self, rng: random.Random, ctx: dict[str, str]) -> None:
        self.rng, self.ctx = rng, ctx

    def __call__(self, template: str) -> str:
        return SLOT.sub(self._slot, template)

    def _slot(self, match: re.Match[str]) -> str:
        name, arg = match.group(1), match.group(2)
        if name == "n" and arg:
            low, high = (int(x) for x in arg.split("-"))
            return str(self.rng.randint(low, high))
        if name == "pick" and arg:
            return self.rng.choice(arg.split("|"))
        if name == "w" and arg:
            return self.rng.choice(WORDS[arg])
        return self.ctx[name]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


class WireMix:
    """Builds the mix item by item in wire order; ``items()`` is the public entry point."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.stories: list[_Story] = []
        self.seq = 0

    def _story(self, when: datetime) -> _Story:
        rng = self.rng
        number = len(self.stories)
        family = rng.choice(sorted(FAMILIES))
        spec = FAMILIES[family]
        agency = rng.choice(("AP", "AP", "Reuters", "AFP"))
        fmt = {"AP": rng.choice(("ninjs", "ninjs", "newsml", "text")),
               "Reuters": rng.choice(("nitf", "nitf", "text")),
               "AFP": "newsml"}[agency]  # fmt: skip
        city, country = rng.choice(PLACES)
        org_names = [f"{rng.choice(LAST)} {rng.choice(ORG_SUFFIX)}" for _ in range(2)]
        ctx = {"city": city, "country": country, "day": rng.choice(DAYS),
               "o0": org_names[0], "o1": org_names[1]}  # fmt: skip
        for i in range(3):
            ctx[f"p{i}"] = _person(rng)
            ctx[f"r{i}"] = rng.choice(ROLES)
        fill = _Filler(rng, ctx)
        lead = fill(rng.choice(spec["lead"]))
        pool = list(spec["body"]) + rng.sample(GENERIC, 2)
        rng.shuffle(pool)
        paragraphs = [lead] + [fill(t) for t in pool[: rng.randint(4, len(pool))]]
        headline = fill(rng.choice(spec["headline"]))
        headline = headline[0].upper() + headline[1:]
        summary = fill(rng.choice(spec["body"])).rstrip(".")
        token = f"{rng.getrandbits(64):016x}{number:06d}"
        date = when.strftime("%Y%m%d")
        domain = "afp.com" if agency == "AFP" else "apnews.com"
        uri = {"ninjs": f"urn:publicid:apnews.com:{date}:{token}",
               "newsml": f"urn:newsml:{domain}:{date}:{token}",
               "nitf": f"tag:reuters.com,2026:newsml_{token.upper()}",
               "text": ""}[fmt]  # fmt: skip
        story = _Story(number, family, agency, fmt, uri, ctx, headline, summary, paragraphs,
                       urgency=rng.choice((2, 3, 3, 4, 4, 5)))  # fmt: skip
        self.stories.append(story)
        return story

    # -- rendering --------------------------------------------------------------------------

    def _dateline(self, story: _Story) -> str:
        credit = AGENCIES[story.agency][0]
        city, country = story.ctx["city"], story.ctx["country"]
        place = city.upper() if story.agency == "Reuters" else f"{city.upper()}, {country}"
        return f"{place} {credit} "

    def _agency_body(self, story: _Story) -> list[str]:
        paras = [*story.paragraphs, *story.extra]
        return [self._dateline(story) + paras[0], *paras[1:]]

    def _render_agency(
        self, story: _Story, when: datetime, kind: Kind, note: str
    ) -> tuple[bytes, str]:
        status = "canceled" if kind == "kill" else "usable"
        headline = f"KILL: {story.headline}" if kind == "kill" else story.headline
        if kind == "kill":
            body = [
                f"KILL. {story.agency} is withdrawing the story headlined \"{story.headline}\".",
                "The story was based on a statement that the source has since retracted. "
                "Please make sure it is not used. There will be no replacement story.",
            ]
        else:
            body = self._agency_body(story)
        if story.fmt == "ninjs":
            return self._ninjs(story, when, headline, body, status, note), "json"
        if story.fmt == "newsml":
            return self._newsml(story, when, headline, body, status, note, kind), "xml"
        if story.fmt == "nitf":
            return self._nitf(story, when, headline, body, status, note), "xml"
        byline = f"(Reporting by {story.ctx['p2']}; Editing by {_person(self.rng)})"
        return ("\n\n".join([headline, *body, byline]) + "\n").encode(), "txt"

    def _ninjs(self, story: _Story, when: datetime, headline: str, body: list[str],
               status: str, note: str) -> bytes:  # fmt: skip
        country = story.ctx["country"]
        obj: dict[str, object] = {
            "uri": story.uri, "type": "text", "version": str(story.version),
            "firstcreated": _iso(BASE_TIME), "versioncreated": _iso(when), "pubstatus": status,
            "urgency": story.urgency, "language": "en",
            "headlines": [{"role": "main", "value": headline}],
            "descriptions": [{"role": "summary", "value": story.summary}],
            "body_text": "\n\n".join(body),
            "byline": f"By {story.ctx['p2']}, Associated Press",
            "located": f"{story.ctx['city']}, {country}",
            "infosources": [{"name": story.agency, "role": "originator"}],
            "subject": [{"code": FAMILIES[story.family]["subject"][0],
                         "name": FAMILIES[story.family]["subject"][1]}],
            "keywords": [country, story.family],
        }  # fmt: skip
        if note:
            obj["ednote"] = note
        return orjson.dumps(obj, option=orjson.OPT_INDENT_2)

    def _newsml(self, story: _Story, when: datetime, headline: str, body: list[str],
                status: str, note: str, kind: Kind) -> bytes:  # fmt: skip
        code, name = AGENCIES[story.agency][1], story.agency
        subject = FAMILIES[story.family]["subject"]
        signal = '<signal qcode="sig:correction"/>' if kind == "correction" else ""
        ednote = f"<edNote>{escape(note)}</edNote>" if note else ""
        paras = "".join(f"<p>{escape(p)}</p>" for p in body)
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="{story.uri}" version="{story.version}" standard="NewsML-G2" standardversion="2.33" xml:lang="en">
  <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:{name}"><name>{code}</name></provider>
    <versionCreated>{_iso(when)}</versionCreated><firstCreated>{_iso(BASE_TIME)}</firstCreated>
    <pubStatus qcode="stat:{status}"/>{ednote}{signal}</itemMeta>
  <contentMeta><urgency>{story.urgency}</urgency>
    <located type="cptype:city"><name>{escape(story.ctx['city'])}</name></located>
    <creator qcode="nprov:{name}"><name>{code}</name></creator><language tag="en"/>
    <subject type="cpnat:abstract" qcode="{subject[0]}"><name>{subject[1]}</name></subject>
    <headline>{escape(headline)}</headline><by>{escape(story.ctx['p2'])}</by><creditline>{name}</creditline>
    <description role="drol:summary">{escape(story.summary)}</description></contentMeta>
  <contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>{paras}</body></html></inlineXML></contentSet>
</newsItem>
""".encode()  # noqa: E501

    def _nitf(self, story: _Story, when: datetime, headline: str, body: list[str],
              status: str, note: str) -> bytes:  # fmt: skip
        stamp = when.strftime("%Y%m%dT%H%M%SZ")
        ednote = f'<ed-msg info="{escape(note)}"/>' if note else ""
        paras = "".join(f"<p>{escape(p)}</p>" for p in body)
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<nitf version="-//IPTC//DTD NITF 3.6//EN" xml:lang="en">
  <head><title>{escape(headline)}</title>
    <docdata management-status="{status}">{ednote}
      <doc-id regsrc="Reuters" id-string="{story.uri}"/><urgency ed-urg="{story.urgency}"/>
      <date.issue norm="{stamp}"/><du-key version="{story.version}"/>
    </docdata>
    <pubdata type="web" name="Reuters" date.publication="{stamp}"/></head>
  <body><body.head><hedline><hl1>{escape(headline)}</hl1></hedline>
      <byline>By {escape(story.ctx['p2'])} <byttl>Reuters</byttl></byline><distributor>Reuters</distributor></body.head>
    <body.content>{paras}</body.content></body>
</nitf>
""".encode()  # noqa: E501

    def _reprint(self, story: _Story, when: datetime) -> tuple[bytes, str]:
        rng = self.rng
        publisher, domain = rng.choice(PUBLISHERS)
        paras = [*story.paragraphs, *story.extra]
        if rng.random() < 0.3 and len(paras) > 4:
            paras = paras[: len(paras) - rng.randint(1, 2)]  # trimmed to fit
        headline = story.headline
        if rng.random() < 0.3:
            headline = f"{story.ctx['city']}: {story.headline[0].lower()}{story.headline[1:]}"
        caption = (f"{story.ctx['p0']} speaks to reporters in {story.ctx['city']}. "
                   f"({story.agency} Photo)")  # fmt: skip
        stamp = when.strftime("%A %d %B %Y %H:%M GMT")
        if rng.random() < 0.5:
            appeal = [f"Support journalism you can trust from {publisher}",
                      f"{publisher} keeps its reporting free to read for everyone. If you "
                      "value what we do, a small monthly contribution helps us keep reporters "
                      "on the ground.",
                      "Contribute today"]  # fmt: skip
            middle = len(paras) // 2
            lines = [f"Turn on alerts from {publisher} to never miss a story",
                     "You can change this at any time in your browser settings.",
                     headline, story.summary, f"Via {story.agency} news wire", stamp,
                     caption, caption, *paras[:middle], *appeal, *paras[middle:],
                     "Join the conversation",
                     f"Already have an account with {publisher}? Sign in to comment"]  # fmt: skip
            return ("\n\n".join(lines) + "\n").encode(), "txt"
        slug = re.sub(r"[^a-z0-9]+", "-", story.headline.lower()).strip("-")[:60]
        url = f"https://www.{domain}.example/news/{slug}-{story.number}-{self.seq}"
        body = "\n".join(f"        <p>{escape(p)}</p>" for p in paras)
        page = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{escape(headline)} | {escape(publisher)}</title>
  <meta name="description" content="{escape(story.summary)}">
  <meta property="og:site_name" content="{escape(publisher)}">
  <meta property="article:published_time" content="{_iso(when)}">
  <link rel="canonical" href="{url}">
</head>
<body>
  <header class="masthead"><a href="/">{escape(publisher)}</a>
    <nav><a href="/news">News</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav>
    <a href="/subscribe">Subscribe</a></header>
  <div class="advert">Advertisement</div>
  <main><article>
      <h1>{escape(headline)}</h1>
      <p class="standfirst">{escape(story.summary)}</p>
      <span class="byline">{AGENCIES[story.agency][1]}</span> <time datetime="{_iso(when)}">{stamp}</time>
      <figure><img src="https://img.{domain}.example/{story.number}.jpg" alt=""><figcaption>{escape(caption)}</figcaption></figure>
      <div class="article-body">
{body}
      </div>
      <aside class="newsletter"><h2>Morning edition</h2><p>The headlines in your inbox at 7am.</p></aside>
  </article></main>
  <footer><p>&copy; 2026 {escape(publisher)}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
  <script>window.pageData = {{section: "news"}};</script>
</body>
</html>
"""  # noqa: E501
        return page.encode(), "html"

    def _bad(self) -> tuple[bytes, str, str]:
        rng = self.rng
        choice = rng.choice(("truncated", "bomb", "binary", "empty"))
        if choice == "truncated":
            story = self.stories[-1] if self.stories else self._story(BASE_TIME)
            whole = self._ninjs(story, BASE_TIME, story.headline, story.paragraphs, "usable", "")
            return whole[: rng.randint(40, max(41, len(whole) // 2))], "json", choice
        if choice == "bomb":
            levels = "\n".join(
                f'  <!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 8)
            )
            doc = (
                f'<?xml version="1.0"?>\n<!DOCTYPE newsItem [\n  <!ENTITY e0 "ha">\n{levels}\n]>\n'
                '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" '
                f'guid="urn:bad:{self.seq}" version="1"><contentMeta><headline>&e7;</headline>'
                "</contentMeta></newsItem>\n"
            )
            return doc.encode(), "xml", choice
        if choice == "binary":
            return b"\x89WMX\x00\x01\xff\xfe" + rng.randbytes(rng.randint(64, 512)), "bin", choice
        return rng.choice((b"", b"   \n\t\n  ")), "txt", choice

    # -- the mix ----------------------------------------------------------------------------

    def _emit(self, payload: bytes, ext: str, label: str, kind: Kind, story: int) -> MixItem:
        when = BASE_TIME + STEP * self.seq
        path = f"wiremix/{self.seq:06d}-{label}.{ext}"
        self.seq += 1
        raw = RawItem(RawItem.make_id(payload, path), payload, path=path, feed="wiremix",
                      received_at=_iso(when))  # fmt: skip
        return MixItem(raw, kind, story)

    def items(self, count: int) -> list[MixItem]:
        """``count`` items in wire order.

        Each new story gets a schedule of follow-ups (reprints, a write-thru, a correction, a
        kill) placed a few to a few hundred items later, so stories interleave like a real
        wire; about one reprint in ten arrives before its agency original.
        """
        rng = self.rng
        pending: list[tuple[int, int, str]] = []  # (due seq, story number, action)
        out: list[MixItem] = []
        while len(out) < count:
            due = [p for p in pending if p[0] <= self.seq]
            if due:
                item = min(due)
                pending.remove(item)
                out.append(self._follow_up(self.stories[item[1]], item[2]))
                continue
            if rng.random() < 0.07:
                payload, ext, label = self._bad()
                out.append(self._emit(payload, ext, f"bad-{label}", "bad", -1))
                continue
            story = self._story(BASE_TIME + STEP * self.seq)
            early = rng.random() < 0.1
            if early:
                out.append(self._follow_up(story, "reprint"))
            out.append(self._follow_up(story, "original"))
            version_at = self.seq
            for _ in range(rng.choice((0, 0, 1, 1, 1, 2, 2, 3)) - (1 if early else 0)):
                pending.append((self.seq + rng.randint(1, 200), story.number, "reprint"))
            for action, chance in (("update", 0.25), ("correction", 0.1), ("kill", 0.05)):
                if rng.random() < chance:
                    version_at += rng.randint(5, 150)
                    pending.append((version_at, story.number, action))
        return out[:count]

    def _follow_up(self, story: _Story, action: str) -> MixItem:
        when = BASE_TIME + STEP * self.seq
        label = f"{story.family}-{story.number}"
        if action == "reprint":
            payload, ext = self._reprint(story, when)
            return self._emit(payload, ext, f"{label}-reprint", "reprint", story.number)
        if action == "original":
            payload, ext = self._render_agency(story, when, "original", "")
            return self._emit(payload, ext, f"{label}-{story.agency.lower()}", "original",
                              story.number)  # fmt: skip
        if story.fmt == "text":  # plain text carries no uri or version: a new take instead
            story.extra.append(_Filler(self.rng, story.ctx)(self.rng.choice(UPDATE_PARAS)))
            payload, ext = self._render_agency(story, when, "original", "")
            return self._emit(payload, ext, f"{label}-take", "update", story.number)
        story.version += 1
        note = ""
        kind: Kind
        if action == "update":
            story.extra.append(_Filler(self.rng, story.ctx)(self.rng.choice(UPDATE_PARAS)))
            kind = "update"
        elif action == "correction":
            numbered = [i for i, p in enumerate(story.paragraphs) if NUMBER.search(p)] or [0]
            at = self.rng.choice(numbered)
            bump = self.rng.randint(1, 9)
            story.paragraphs[at] = NUMBER.sub(
                lambda m: str(int(m.group()) + bump), story.paragraphs[at], count=1
            )
            note = f"CORRECTION: corrects figures in paragraph {at + 1}."
            kind = "correction"
        else:
            note = "KILL. Story withdrawn; no replacement will be sent."
            kind = "kill"
        payload, ext = self._render_agency(story, when, kind, note)
        return self._emit(payload, ext, f"{label}-v{story.version}-{kind}", kind, story.number)


def wire_mix(count: int = 5000, seed: int = 7) -> list[MixItem]:
    """The mix: ``count`` items in wire order, deterministic for ``seed``."""
    return WireMix(seed).items(count)


def describe(items: list[MixItem]) -> dict[str, int]:
    """Items per kind, plus the number of distinct stories."""
    counts: Counter[str] = Counter(i.kind for i in items)
    out: dict[str, int] = {k: counts.get(k, 0) for k in KINDS}
    out["stories"] = len({i.story for i in items if i.story >= 0})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic wire mix to a directory.")
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", help="directory to write the payloads into (else: summary only)")
    args = parser.parse_args(argv)
    items = wire_mix(args.items, args.seed)
    if args.out:
        from pathlib import Path

        root = Path(args.out)
        for item in items:
            target = root / (item.raw.path or item.raw.id)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(item.raw.payload)
    print(" ".join(f"{k}={v}" for k, v in describe(items).items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
