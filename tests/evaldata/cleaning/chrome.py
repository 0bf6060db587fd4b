"""Publisher chrome for the cleaning evaluation set, in many wordings.

Each function builds one piece of chrome from parts chosen by the caller's ``random.Random``,
so two pages rarely word the same box the same way: the set measures whether a cleaner finds
chrome by what it is (position, structure, voice), not by a list of sentences. Every function
returns plain text; the page templates in ``generate.py`` decide the markup.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Publisher:
    name: str
    domain: str
    short: str  # how the paper calls itself in running text ("the Courier")
    region: str


PUBLISHERS: tuple[Publisher, ...] = (
    Publisher("The Harbour Courier", "harbourcourier.example", "the Courier", "coast"),
    Publisher("Midland Evening Post", "midlandpost.example", "the Post", "midlands"),
    Publisher("Coastline Daily", "coastlinedaily.example", "Coastline Daily", "coast"),
    Publisher("The Northern Ledger", "northernledger.example", "the Ledger", "north"),
    Publisher("Valley Tribune", "valleytribune.example", "the Tribune", "valley"),
    Publisher("The Capital Observer", "capitalobserver.example", "the Observer", "capital"),
    Publisher("Riverside Gazette", "riversidegazette.example", "the Gazette", "river"),
    Publisher("Prairie Sentinel", "prairiesentinel.example", "the Sentinel", "prairie"),
    Publisher("Metro Today", "metrotoday.example", "Metro Today", "city"),
    Publisher("The Lakeside Herald", "lakesideherald.example", "the Herald", "lakes"),
    Publisher("Summit Chronicle", "summitchronicle.example", "the Chronicle", "mountains"),
    Publisher("Bayview Star", "bayviewstar.example", "the Star", "bay"),
    Publisher("Eastside Journal", "eastsidejournal.example", "the Journal", "east"),
    Publisher("Granite Record", "graniterecord.example", "the Record", "granite"),
    Publisher("Open Plains News", "openplains.example", "Open Plains News", "plains"),
    Publisher("The Westbrook Examiner", "westbrookexaminer.example", "the Examiner", "west"),
)

FIRST = [
    "Jane",
    "Tom",
    "Priya",
    "Mateo",
    "Olu",
    "Hannah",
    "Kenji",
    "Leila",
    "Sean",
    "Marta",
    "David",
    "Aisha",
    "Lukas",
    "Sofia",
    "Ravi",
    "Chloe",
    "Yusuf",
    "Elena",
    "Grace",
    "Omar",
]
LAST = [
    "Whitmore",
    "Okonkwo",
    "Lindqvist",
    "Ferreira",
    "Nakamura",
    "Brennan",
    "Castillo",
    "Haddad",
    "Novak",
    "Oduya",
    "Pemberton",
    "Kowalski",
    "Achebe",
    "Moreau",
    "Sato",
    "Delgado",
    "Fairbanks",
    "Rasmussen",
    "Quinlan",
    "Tanaka",
]

OTHER_HEADLINES = [
    "Council approves plan for new cycle lanes on the ring road",
    "Police appeal for witnesses after warehouse fire",
    "Five things to know about the new school term",
    "Local bakery wins national award for its sourdough",
    "Hospital waiting lists fall for third month in a row",
    "Why house prices in the suburbs are still climbing",
    "Residents split over plan to close village post office",
    "Weather: heavy rain expected across the region this weekend",
    "Teenager's science project heads to international final",
    "Opinion: the high street needs more than free parking",
    "Former mill to become 200 new homes",
    "Festival organisers announce headline acts",
    "Road closures planned for marathon day",
    "What the budget means for your household bills",
    "Zoo welcomes twin red panda cubs",
    "Crime figures: burglaries down, car thefts up",
    "Airport expansion: what happens next",
    "Quiz night raises thousands for hospice",
    "Storm damage bill tops two million",
    "Talks resume over bus drivers' pay",
    "The restaurant that only serves soup",
    "Rare orchid found on roadside verge",
    "Bin collections to change from next month",
    "Ten walks to try before winter",
]


def pick(rnd: random.Random, *options: str) -> str:
    return rnd.choice(options)


def person(rnd: random.Random) -> str:
    return f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"


def headlines(rnd: random.Random, n: int) -> list[str]:
    return rnd.sample(OTHER_HEADLINES, n)


# ------------------------------------------------------------------------------- prompts
def notification(rnd: random.Random, pub: Publisher) -> list[str]:
    first = pick(
        rnd,
        f"Get breaking news alerts from {pub.name}",
        f"Turn on notifications to hear from {pub.name} first",
        f"Want the biggest stories as they break? Allow {pub.name} to send you alerts",
        f"Never miss a story from {pub.name}",
        f"Be the first to know: switch on {pub.name} push alerts",
        f"Stay ahead with instant updates from {pub.name}",
    )
    second = pick(
        rnd,
        "You can switch these off at any time in your browser settings.",
        "Alerts can be turned off in your browser's preferences.",
        "Not now",
        "Manage notifications in your browser.",
        "Maybe later",
    )
    return [first, second]


def newsletter(rnd: random.Random, pub: Publisher) -> list[str]:
    """Title, pitch, and sometimes a privacy line."""
    name = pick(
        rnd,
        "The Morning Briefing",
        "First Edition",
        "Daily Catch-Up",
        "The Evening Wrap",
        "Breakfast Bulletin",
        f"{pub.region.title()} Essentials",
        "Weekend Reads",
        "The Lunchtime Digest",
    )
    pitch = pick(
        rnd,
        f"Sign up for {name}, our free round-up of the day's top stories.",
        "Get the day's biggest stories sent straight to your inbox every morning.",
        "Start every weekday with the news that matters, delivered before 7am.",
        f"Enter your email address to receive {name} from {pub.short} each day.",
        "Our editors pick the best of the week and send it to you every Saturday.",
        "Everything you need to know, in one short email, five days a week.",
        f"Join 40,000 readers who get {name} free each morning.",
        "Want more stories like this? Get our free daily newsletter.",
    )
    out = [name, pitch]
    if rnd.random() < 0.6:
        out.append(
            pick(
                rnd,
                "By signing up you agree to our privacy policy. You can unsubscribe at any time.",
                "We will use your email only to send you this newsletter. Unsubscribe whenever "
                "you like.",
                "Your information will be handled in line with our privacy notice.",
                "Subscribe",
                "Sign me up",
            )
        )
    return out


def appeal(rnd: random.Random, pub: Publisher) -> list[str]:
    """A donation or membership appeal of two to four paragraphs."""
    opener = pick(
        rnd,
        "A note to our readers",
        "Before you read on",
        "Independent journalism needs you",
        "Help keep local news alive",
        "Why we are asking",
        "Can you spare a minute?",
    )
    bodies = [
        f"{pub.name} has no billionaire owner and no shareholders. Every story we publish is "
        "paid for by readers who believe local reporting matters.",
        f"Reporting like this takes time and money. Right now fewer than one in a hundred of "
        f"our readers contribute to {pub.short}, and we need that number to grow.",
        "We keep our journalism free for everyone because we think news should not be a "
        "luxury. If you value what we do, please consider chipping in.",
        "Our newsroom has shrunk by half in ten years, yet we still cover council meetings, "
        "courts and schools that no one else reports on. Your support makes that possible.",
        "If everyone who read our work this month gave just a little, our future would be "
        "secure. It takes less than a minute to help.",
        f"For the price of a coffee a month, you can help {pub.short} hold the powerful to "
        "account.",
    ]
    closer = pick(
        rnd,
        "Support us from just $1 a month.",
        "Become a member today.",
        "Make a one-off contribution",
        "Donate now",
        "Thank you.",
        "Give monthly and cancel any time.",
    )
    return [opener, *rnd.sample(bodies, rnd.randint(1, 2)), closer]


def paywall(rnd: random.Random, pub: Publisher) -> list[str]:
    return [
        pick(
            rnd,
            "This article is for subscribers only.",
            "You've read all your free articles this month.",
            "Subscribe to continue reading this story.",
            "Keep reading with a digital subscription.",
            "The rest of this article is for members.",
        ),
        pick(
            rnd,
            "Unlimited access from $2 a week. Cancel anytime.",
            f"Get full access to {pub.name} for 99p for your first month.",
            "Plans start at just $1 for 4 weeks.",
            "Already a subscriber? Log in",
            "Choose the plan that suits you and start reading today.",
        ),
    ]


def trailer(rnd: random.Random, pub: Publisher) -> list[str]:
    return rnd.sample(
        [
            "Thank you for registering",
            "Please refresh the page or go to another page on the site to be signed in "
            "automatically.",
            "Already have an account? Sign in here",
            "Create a free account to save stories and comment.",
            "Have an account? Log in to keep reading.",
            "You're now signed in. Refresh your browser to continue.",
            "Want to save this article for later? Register for free.",
        ],
        rnd.randint(1, 2),
    )


def cookie(rnd: random.Random, pub: Publisher) -> list[str]:
    return [
        pick(
            rnd,
            "We use cookies to personalise content and ads, to provide social media features "
            "and to analyse our traffic.",
            f"{pub.name} and our partners store and access information on your device to show "
            "you relevant advertising and measure how our site is used.",
            "This website stores small files on your computer to remember your preferences and "
            "understand how visitors use it.",
            "We and selected third parties use cookies or similar technologies for technical "
            "purposes and, with your consent, for other purposes.",
        ),
        pick(rnd, "Accept all", "Accept and continue", "I agree", "Got it"),
        pick(rnd, "Manage preferences", "Reject non-essential", "Cookie settings", "More options"),
    ]


def share(rnd: random.Random) -> list[str]:
    return rnd.sample(
        [
            "Share on Facebook",
            "Share on X",
            "Email this story",
            "Copy link",
            "Share on WhatsApp",
            "Print",
            "Share",
            "Tweet",
            "LinkedIn",
            "Save article",
        ],
        rnd.randint(2, 4),
    )


def ad_marker(rnd: random.Random) -> str:
    return pick(
        rnd,
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Article continues after this ad",
        "— Advertisement —",
        "Sponsored",
        "Continue reading the main story",
        "Ad",
        "Scroll to continue with content",
    )


def related_line(rnd: random.Random, headline: str) -> str:
    return pick(
        rnd,
        f"Read more: {headline}",
        f"Related: {headline}",
        f"READ MORE: {headline}",
        f"See also: {headline}",
        f"Recommended: {headline}",
        f"MORE: {headline}",
        f"Also read: {headline}",
        f"Don't miss: {headline}",
    )


def related_title(rnd: random.Random) -> str:
    return pick(
        rnd,
        "Related stories",
        "More on this story",
        "You might also like",
        "Read next",
        "Related coverage",
        "More from the region",
    )


def most_read_title(rnd: random.Random) -> str:
    return pick(
        rnd,
        "Most read",
        "Most popular",
        "Trending now",
        "What others are reading",
        "Top stories",
        "Popular right now",
    )


def author_bio(rnd: random.Random, name: str, pub: Publisher) -> str:
    beat = pick(
        rnd,
        "transport and infrastructure",
        "health and science",
        "business",
        "courts and crime",
        "the environment",
        "world news",
    )
    handle = name.lower().replace(" ", "")
    return pick(
        rnd,
        f"{name} is a reporter at {pub.name} covering {beat}. Follow them on X at @{handle}.",
        f"{name} has written about {beat} for {pub.short} since 2019. Contact: "
        f"{handle}@{pub.domain}",
        f"About the author: {name} covers {beat}. Previously at the Daily Signal.",
        f"{name} joined {pub.short} in 2021 and writes about {beat}. Send tips to "
        f"{handle}@{pub.domain}.",
    )


def comments(rnd: random.Random) -> list[str]:
    pool = [
        "About time someone looked into this properly.",
        "I was there last year and nothing has changed since.",
        "Great piece, thanks for covering it.",
        "Who is going to pay for all of this? We are, as usual.",
        "My brother works in that industry and says it is worse than reported.",
        "Does anyone know if the library is open on Sundays now?",
        "This is what happens when nobody plans ahead.",
        "Sad to read. Thoughts with everyone affected.",
    ]
    count = pick(
        rnd,
        "14 comments",
        "Comments (7)",
        "Join the conversation",
        "Readers' comments",
        "3 comments",
    )
    return [count, *rnd.sample(pool, rnd.randint(2, 3))]


def caption(rnd: random.Random, story_people: tuple[str, ...], place: str, agency: str) -> str:
    who = story_people[0] if story_people else "Residents"
    city = place.split(",")[0].title()
    credit = {"AP": "AP Photo", "Reuters": "Reuters", "AFP": "AFP", "": "Staff photo"}[agency]
    return pick(
        rnd,
        f"{who} speaks to reporters in {city} on Tuesday. ({credit}/{person(rnd)})",
        f"A view of the scene in {city}. Photo: {person(rnd)}/{credit}",
        f"People gather outside a government building in {city}. {credit}",
        f"{who} in {city} earlier this month. (Photo by {person(rnd)})",
        f"Workers at the site near {city}, Monday. Picture: {credit}",
    )


def keyword_caption(place: str) -> str:
    words = [w.strip(",").title() for w in place.replace(",", " ").split()]
    return " ".join(words[:3]) + " News"


def footer_links(rnd: random.Random, pub: Publisher) -> list[str]:
    links = [
        "About us",
        "Contact",
        "Careers",
        "Advertise with us",
        "Privacy policy",
        "Terms of use",
        "Cookie settings",
        "Complaints",
        "Archive",
        "Site map",
        "Corrections",
        "Syndication",
        "Help",
    ]
    return rnd.sample(links, rnd.randint(5, 9))


def copyright_line(rnd: random.Random, pub: Publisher, agency: str) -> str:
    if agency and rnd.random() < 0.5:
        return pick(
            rnd,
            f"Copyright 2026 {_agency_long(agency)}. All rights reserved. This material may not "
            "be published, broadcast, rewritten or redistributed.",
            f"© {_agency_long(agency)} 2026",
            f"(c) Copyright {_agency_long(agency)} 2026.",
        )
    return pick(
        rnd,
        f"© 2026 {pub.name}. All rights reserved.",
        f"Copyright © {pub.name} 2026",
        f"© {pub.name} Ltd 2026. Registered in England No. 0491823.",
        f"{pub.name} © 2026 — reproduction without permission is prohibited.",
    )


def _agency_long(agency: str) -> str:
    return {
        "AP": "The Associated Press",
        "Reuters": "Thomson Reuters",
        "AFP": "Agence France-Presse",
    }[agency]


def nav(rnd: random.Random) -> list[str]:
    items = [
        "Home",
        "News",
        "World",
        "Business",
        "Sport",
        "Opinion",
        "Culture",
        "Lifestyle",
        "Travel",
        "Weather",
        "Video",
        "Podcasts",
        "Puzzles",
        "Obituaries",
    ]
    return rnd.sample(items, rnd.randint(5, 8))


def gallery_label(rnd: random.Random) -> str:
    n = rnd.randint(6, 20)
    return pick(
        rnd,
        f"1 of {n}",
        f"View all {n} photos",
        f"Gallery: {n} images",
        "Expand gallery",
        f"Photo 1/{n}",
    )


def social_embed(rnd: random.Random, pub: Publisher) -> list[str]:
    handle = pub.short.replace("the ", "").lower().replace(" ", "")
    return [
        pick(
            rnd,
            "View this post on Instagram",
            "Watch on YouTube",
            "Load tweet",
            "This content is hosted by a third party.",
        ),
        f"A post shared by {pub.name} (@{handle}news)",
    ]


def live_controls(rnd: random.Random) -> list[str]:
    return [
        pick(rnd, "Key events", "Show key events only", "Live updates", "Latest updates"),
        pick(rnd, "Refresh to see new posts", "Auto-update on", "Newest first", "Oldest first"),
    ]


def app_promo(rnd: random.Random, pub: Publisher) -> str:
    return pick(
        rnd,
        f"Download the {pub.name} app for the latest local news.",
        "Get our app: breaking stories, puzzles and your daily edition in one place.",
        f"Read {pub.short} on the go — available on iOS and Android.",
    )


def podcast_promo(rnd: random.Random) -> str:
    return pick(
        rnd,
        "Listen to this article",
        "Listen: 4 min",
        "Hear this story read aloud",
        "Audio version available",
    )
