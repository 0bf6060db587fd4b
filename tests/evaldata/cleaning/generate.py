# ruff: noqa: E501  (page templates: one line of markup per element reads better unbroken)
"""Generate the labelled cleaning evaluation set (deterministic, fixed seed).

    python tests/evaldata/cleaning/generate.py   # rewrites html/, text/ and gold.jsonl here

Every text is the project's own (``stories.py``, ``chrome.py``). Each item is a publisher's
republication of one story, either as an HTML article page or as a plain-text scrape, built by
one of many page templates that mimic what real sites and scrapers produce: WordPress themes,
Arc-style and AMP pages, legacy table layouts, pages whose class names mean nothing
(CSS-in-JS), JSON-LD heavy pages, comment threads, live blogs, paywall teasers, cookie
overlays, related-link lists, author bios, galleries, social embeds, "most read" rails,
newsletter boxes mid-article, sticky share bars and footer link farms; and scrapes with and
without hard wrapping, markdown, advertisement markers, repeated captions, appeals, copyright
trailers and "Read more" lines.

Gold, per item (``gold.jsonl``): ``keep`` (story paragraphs that must stay), ``remove`` (chrome
that must go: every chrome text of two words or more that the page shows), and ``meta``
(dateline, byline, source agency, timestamp in UTC). The headline, standfirst, byline and
timestamp lines are in neither list: where they end up is a matter of fields, scored by
``meta``. Ids are numbered; evaluation tunes on even numbers and holds out odd ones.
"""

from __future__ import annotations

import html as html_lib
import json
import random
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))

import chrome as C
from stories import STORIES, Story

SEED = 20260303
HERE = Path(__file__).resolve().parent
N_HTML = 70
N_TEXT = 70
AGENCIES = ("AP", "Reuters", "AFP", "")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ZONES = {
    "GMT": "UTC",
    "ET": "America/New_York",
    "PT": "America/Los_Angeles",
    "CET": "Europe/Paris",
    "BST": "Europe/London",
}


@dataclass
class Item:
    id: str
    kind: str
    rnd: random.Random
    story: Story
    pub: C.Publisher
    agency: str
    byline: str | None
    when: datetime
    dateline: str | None
    paragraphs: list[str]
    keep: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    template: str = ""

    def chrome(self, *texts: str) -> list[str]:
        """Record chrome texts as gold ``remove`` (two words or more) and return them."""
        for text in texts:
            if len(text.split()) >= 2 and text not in self.remove:
                self.remove.append(text)
        return list(texts)


# ------------------------------------------------------------------------------- metadata
def _lead(story: Story, agency: str, when: datetime, rnd: random.Random) -> tuple[str, str | None]:
    lead = story.paragraphs[0]
    city = story.place.split(",")[0]
    if agency == "AP":
        dash = rnd.choice(["—", "—", "--"])
        return f"{story.place} (AP) {dash} {lead}", story.place
    if agency == "Reuters":
        date = f"{MONTHS[when.month - 1]} {when.day}"
        return f"{city}, {date} (Reuters) - {lead}", f"{city}, {date}"
    if agency == "AFP":
        name = city.title()
        return f"{name} (AFP) - {lead}", name
    if rnd.random() < 0.5:
        return f"{story.place} — {lead}", story.place
    return lead, None


def _make_item(kind: str, number: int, rnd: random.Random) -> Item:
    story = STORIES[(number * 7 + (3 if kind == "text" else 0)) % len(STORIES)]
    pub = C.PUBLISHERS[(number * 5 + (1 if kind == "text" else 0)) % len(C.PUBLISHERS)]
    agency = AGENCIES[rnd.randrange(len(AGENCIES))]
    base = datetime(2026, 1, 5, tzinfo=UTC)
    when = base + timedelta(days=rnd.randrange(330), minutes=rnd.randrange(24 * 60))
    when = when.replace(second=0)
    if agency == "":
        byline: str | None = C.person(rnd)
    elif rnd.random() < 0.5:
        byline = C.person(rnd)
    else:
        byline = None
    lead, dateline = _lead(story, agency, when, rnd)
    paragraphs = [lead, *story.paragraphs[1:]]
    prefix = "h" if kind == "html" else "t"
    return Item(
        f"{prefix}{number:03d}", kind, rnd, story, pub, agency, byline, when, dateline, paragraphs
    )


def _local(when: datetime, zone: str) -> datetime:
    return when.astimezone(ZoneInfo(ZONES[zone]))


def _zone_label(local: datetime, zone: str) -> str:
    if zone == "ET":
        return "EDT" if local.dst() else "EST"
    if zone == "PT":
        return "PDT" if local.dst() else "PST"
    if zone == "CET":
        return "CEST" if local.dst() else "CET"
    if zone == "BST":
        return "BST" if local.dst() else "GMT"
    return "GMT"


def shown_time(item: Item) -> str:
    """The publication time as a page prints it, in one of many house styles."""
    rnd = item.rnd
    zone = rnd.choice(list(ZONES))
    local = _local(item.when, zone)
    label = _zone_label(local, zone)
    h12 = local.strftime("%I").lstrip("0")
    ampm = local.strftime("%p")
    month, mon = MONTHS[local.month - 1], MONTHS[local.month - 1][:3]
    day, year, wk = local.day, local.year, local.strftime("%A")
    styles = [
        f"{wk} {day} {month} {year} {local:%H:%M} {label}",
        f"{mon}. {day}, {year} {h12}:{local:%M} {ampm.lower()[0]}.m. {label}",
        f"Published: {day} {month} {year}, {local:%H:%M} {label}",
        f"{month} {day}, {year} at {h12}:{local:%M} {ampm} {label}",
        f"{wk[:3]} {day} {mon} {year} {local:%H.%M} {label}",
        f"Updated {h12}:{local:%M} {ampm.lower()} {label}, {month} {day}, {year}",
        f"Posted: {mon} {day}, {year} {h12}:{local:%M} {ampm} {label}",
        f"{local:%H:%M} {label} {day}/{local.month:02d}/{year}"
        if zone in ("GMT", "BST", "CET")
        else f"{month} {day}, {year} {h12}:{local:%M} {ampm} {label}",
    ]
    return rnd.choice(styles)


def iso_offset(when: datetime, rnd: random.Random) -> str:
    zone = rnd.choice(list(ZONES))
    return _local(when, zone).isoformat(timespec="seconds")


def agency_long(agency: str) -> str:
    return {"AP": "Associated Press", "Reuters": "Reuters", "AFP": "AFP"}.get(agency, "")


def byline_text(item: Item) -> str | None:
    """The visible credit line for the byline and agency, in varied styles."""
    rnd = item.rnd
    if item.byline and item.agency:
        return rnd.choice(
            [
                f"By {item.byline}, {agency_long(item.agency)}",
                f"By {item.byline.upper()} {agency_long(item.agency)}",
                f"By {item.byline} | {agency_long(item.agency)}",
            ]
        )
    if item.byline:
        return rnd.choice(
            [
                f"By {item.byline}",
                f"By {item.byline}",
                f"Written by {item.byline}",
                f"By {item.byline}, Staff Reporter",
            ]
        )
    if item.agency:
        return rnd.choice(
            [
                f"Via {item.agency} news wire",
                f"{agency_long(item.agency)}",
                f"From {agency_long(item.agency)}",
                f"By {agency_long(item.agency)}",
            ]
        )
    return None


# ------------------------------------------------------------------------------------ HTML
def esc(text: str) -> str:
    return html_lib.escape(text, quote=True)


def head(item: Item, *, og: bool = True, ld: bool = False, extra: str = "") -> str:
    s, pub, rnd = item.story, item.pub, item.rnd
    parts = [
        '<meta charset="utf-8">',
        f"<title>{esc(s.headline)} | {esc(pub.name)}</title>",
        f'<link rel="canonical" href="https://{pub.domain}/news/{item.id}-{s.key}">',
    ]
    if og:
        parts += [
            f'<meta property="og:site_name" content="{esc(pub.name)}">',
            f'<meta property="og:title" content="{esc(s.headline)}">',
            f'<meta property="og:description" content="{esc(s.standfirst)}">',
            f'<meta property="article:published_time" content="{iso_offset(item.when, rnd)}">',
        ]
        if item.byline:
            parts.append(f'<meta name="author" content="{esc(item.byline)}">')
        elif item.agency:
            parts.append(f'<meta name="author" content="{esc(agency_long(item.agency))}">')
    if ld:
        author: object
        if item.byline:
            author = [{"@type": "Person", "name": item.byline}]
        elif item.agency:
            author = {"@type": "Organization", "name": agency_long(item.agency)}
        else:
            author = []
        data = {
            "@context": "https://schema.org",
            "@type": rnd.choice(["NewsArticle", "ReportageNewsArticle", "Article"]),
            "headline": s.headline,
            "description": s.standfirst,
            "datePublished": iso_offset(item.when, rnd),
            "author": author,
            "publisher": {"@type": "Organization", "name": pub.name},
            "articleBody": "\n\n".join(item.paragraphs),
        }
        if item.agency and item.byline:
            data["sourceOrganization"] = {"@type": "Organization", "name": agency_long(item.agency)}
        parts.append(
            '<script type="application/ld+json">'
            + json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
            + "</script>"
        )
    parts.append("<script>window.dataLayer=window.dataLayer||[];function gtag(){}</script>")
    parts.append("<style>.x{display:block}</style>")
    return "<head>" + "".join(parts) + extra + "</head>"


def doc(head_html: str, body: str, lang: str = "en") -> str:
    return f'<!DOCTYPE html>\n<html lang="{lang}">{head_html}<body>{body}</body></html>\n'


def links(texts: list[str], cls: str = "", tag: str = "ul") -> str:
    inner = "".join(f'<li><a href="/{i}">{esc(t)}</a></li>' for i, t in enumerate(texts))
    return f'<{tag} class="{cls}">{inner}</{tag}>' if cls else f"<{tag}>{inner}</{tag}>"


def nav_html(item: Item, cls: str = "site-nav") -> str:
    items = C.nav(item.rnd)
    return f'<nav class="{cls}">{links(items)}</nav>'


def footer_html(item: Item, tag: str = "footer", cls: str = "site-footer") -> str:
    rnd, pub = item.rnd, item.pub
    farm = C.footer_links(rnd, pub)
    line = C.copyright_line(rnd, pub, "")
    item.chrome(line)
    return f'<{tag} class="{cls}">{links(farm)}<p>{esc(line)}</p></{tag}>'


def story_ps(item: Item, paragraphs: list[str], cls: str = "", attrs: str = "") -> list[str]:
    item.keep.extend(paragraphs)
    c = f' class="{cls}"' if cls else ""
    return [f"<p{c}{attrs}>{esc(p)}</p>" for p in paragraphs]


def meta_line_html(item: Item, cls_by: str = "byline", cls_time: str = "date") -> str:
    credit = byline_text(item)
    out = f'<span class="{cls_by}">{esc(credit)}</span> ' if credit else ""
    iso = iso_offset(item.when, item.rnd)
    return out + f'<time class="{cls_time}" datetime="{iso}">{esc(shown_time(item))}</time>'


def interleave(item: Item, blocks: list[str], inserts: list[str]) -> list[str]:
    """Insert chrome blocks between story paragraphs (never before the lead)."""
    out = list(blocks)
    for ins in inserts:
        pos = item.rnd.randint(2, max(2, len(out) - 1))
        out.insert(pos, ins)
    return out


def cookie_html(item: Item, cls: str) -> str:
    texts = item.chrome(*C.cookie(item.rnd, item.pub))
    buttons = "".join(f"<button>{esc(t)}</button>" for t in texts[1:])
    return f'<div class="{cls}"><p>{esc(texts[0])}</p>{buttons}</div>'


def newsletter_html(item: Item, cls: str, *, heading: str = "h4", form: bool = True) -> str:
    texts = item.chrome(*C.newsletter(item.rnd, item.pub))
    body = f"<{heading}>{esc(texts[0])}</{heading}>" + "".join(
        f"<p>{esc(t)}</p>" for t in texts[1:]
    )
    if form:
        body += '<form><input type="email" placeholder="Your email"><button>Sign up</button></form>'
    return f'<div class="{cls}">{body}</div>'


def most_read_html(item: Item, cls: str, tag: str = "section") -> str:
    title = C.most_read_title(item.rnd)
    heads = item.chrome(*C.headlines(item.rnd, 5))
    item.chrome(title)
    return f'<{tag} class="{cls}"><h3>{esc(title)}</h3>{links(heads, tag="ol")}</{tag}>'


def related_list_html(item: Item, cls: str) -> str:
    title = C.related_title(item.rnd)
    heads = item.chrome(*C.headlines(item.rnd, 3))
    item.chrome(title)
    return f'<div class="{cls}"><h3>{esc(title)}</h3>{links(heads)}</div>'


def related_p(item: Item) -> str:
    (line,) = item.chrome(C.related_line(item.rnd, C.headlines(item.rnd, 1)[0]))
    label, _, rest = line.partition(": ")
    return f'<p><strong>{esc(label)}:</strong> <a href="/more">{esc(rest)}</a></p>'


def ad_html(item: Item, cls: str) -> str:
    (label,) = item.chrome(C.ad_marker(item.rnd))
    return f'<div class="{cls}"><span>{esc(label)}</span><div id="slot-{item.rnd.randint(1, 99)}"></div></div>'


def share_html(item: Item, cls: str) -> str:
    texts = item.chrome(*C.share(item.rnd))
    return f'<div class="{cls}">' + "".join(f'<a href="#">{esc(t)}</a>' for t in texts) + "</div>"


def figure_html(item: Item) -> str:
    cap = C.caption(item.rnd, item.story.people, item.story.place, item.agency)
    item.chrome(cap)
    return f'<figure><img src="/img/{item.id}.jpg" alt="{esc(cap)}"><figcaption>{esc(cap)}</figcaption></figure>'


def bio_html(item: Item, cls: str) -> str:
    name = item.byline or C.person(item.rnd)
    bio = C.author_bio(item.rnd, name, item.pub)
    item.chrome(bio)
    return f'<div class="{cls}"><p>{esc(bio)}</p></div>'


def comments_html(item: Item, cls: str, item_cls: str = "comment-body") -> str:
    count, *bodies = C.comments(item.rnd)
    item.chrome(count, *bodies)
    inner = "".join(
        f'<li><div class="{item_cls}"><b>{esc(C.person(item.rnd))}</b><p>{esc(b)}</p></div></li>'
        for b in bodies
    )
    return f'<div class="{cls}"><h3>{esc(count)}</h3><ol>{inner}</ol></div>'


def maybe(item: Item, p: float, build: Callable[[], str]) -> str:
    return build() if item.rnd.random() < p else ""


# -------------------------------------------------------------------------- HTML templates
def t_wordpress(item: Item) -> str:
    s, rnd = item.story, item.rnd
    ps = story_ps(item, item.paragraphs)
    body = interleave(
        item,
        ps,
        [
            maybe(item, 0.7, lambda: related_p(item)),
            maybe(item, 0.6, lambda: ad_html(item, "wp-block-ad code-block")),
        ],
    )
    article = (
        f'<article class="post type-post"><header class="entry-header"><h1 class="entry-title">'
        f'{esc(s.headline)}</h1><div class="entry-meta">{meta_line_html(item, "author vcard", "entry-date published")}'
        f"</div></header>{maybe(item, 0.5, lambda: figure_html(item))}"
        f'<div class="entry-content">{"".join(body)}'
        f"{maybe(item, 0.7, lambda: share_html(item, 'sharedaddy sd-sharing-enabled'))}"
        f"{maybe(item, 0.6, lambda: related_list_html(item, 'jp-relatedposts'))}</div>"
        f"{maybe(item, 0.6, lambda: bio_html(item, 'author-box'))}</article>"
    )
    comments = maybe(item, 0.7, lambda: comments_html(item, "comments-area", "comment-content"))
    side = maybe(item, 0.6, lambda: most_read_html(item, "widget widget_popular", "aside"))
    return doc(
        head(item, og=rnd.random() < 0.7, ld=rnd.random() < 0.4),
        f'<div id="page" class="site">{nav_html(item, "main-navigation")}<div id="content">'
        f'<main id="main">{article}{comments}</main>{side}</div>{footer_html(item)}</div>',
    )


def t_arc(item: Item) -> str:
    s, rnd = item.story, item.rnd
    ps = story_ps(item, item.paragraphs, "b-article-body__paragraph", ' data-el="text"')

    def interstitial() -> str:
        (line,) = item.chrome(C.related_line(rnd, C.headlines(rnd, 1)[0]))
        return f'<div class="interstitial-link"><i><a href="/x">{esc(line)}</a></i></div>'

    body = interleave(
        item,
        ps,
        [
            maybe(item, 0.8, interstitial),
            maybe(item, 0.7, lambda: ad_html(item, "arcad_feature")),
            maybe(item, 0.5, lambda: newsletter_html(item, "newsletter-signup-container")),
        ],
    )
    credit = byline_text(item) or ""
    return doc(
        head(item, og=True, ld=rnd.random() < 0.5),
        f'<div id="fusion-app"><header class="b-header">{nav_html(item, "b-nav")}</header>'
        f'<main class="b-main"><article class="b-article">'
        f'<h1 class="b-headline">{esc(s.headline)}</h1>'
        f'<h2 class="b-subheadline">{esc(s.standfirst)}</h2>'
        f'<div class="b-byline"><a href="/author">{esc(credit)}</a></div>'
        f'<div class="b-date">{esc(shown_time(item))}</div>'
        f"{maybe(item, 0.6, lambda: figure_html(item))}"
        f'<div class="b-article-body">{"".join(body)}</div>'
        f"{maybe(item, 0.6, lambda: bio_html(item, 'b-author-bio'))}</article>"
        f'<div class="b-right-rail">{most_read_html(item, "b-most-read", "div")}</div></main>'
        f"{footer_html(item, 'footer', 'b-footer')}</div>",
    )


def t_amp(item: Item) -> str:
    s, rnd = item.story, item.rnd
    ps = story_ps(item, item.paragraphs)

    def amp_ad() -> str:
        (label,) = item.chrome(C.ad_marker(rnd))
        return f'<div class="amp-ad-wrapper"><p class="ad-label">{esc(label)}</p><amp-ad width="300" height="250" type="doubleclick"></amp-ad></div>'

    def carousel() -> str:
        caps = [C.caption(rnd, s.people, s.place, item.agency) for _ in range(2)]
        item.chrome(*caps)
        slides = "".join(
            f'<div class="slide"><amp-img src="/i{i}.jpg" width="4" height="3"></amp-img>'
            f'<p class="slide-text">{esc(c)}</p></div>'
            for i, c in enumerate(caps)
        )
        label = C.gallery_label(rnd)
        item.chrome(label)
        return f'<amp-carousel type="slides"><p>{esc(label)}</p>{slides}</amp-carousel>'

    body = interleave(
        item, ps, [maybe(item, 0.8, amp_ad), maybe(item, 0.5, lambda: related_p(item))]
    )
    share = item.chrome(*C.share(rnd))
    share_html_ = "".join(f'<amp-social-share type="x">{esc(t)}</amp-social-share>' for t in share)
    return doc(
        head(item, og=True, ld=True, extra='<link rel="amphtml" href="/amp">'),
        f'<header class="amp-wp-header"><a href="/">{esc(item.pub.name)}</a></header>'
        f'<article class="amp-wp-article"><header class="amp-wp-article-header">'
        f'<h1 class="amp-wp-title">{esc(s.headline)}</h1>'
        f'<div class="amp-wp-meta">{meta_line_html(item)}</div></header>'
        f"{maybe(item, 0.6, carousel)}"
        f'<div class="amp-wp-article-content">{"".join(body)}</div>'
        f'<div class="amp-share-bar">{share_html_}</div></article>'
        f"{footer_html(item, 'footer', 'amp-wp-footer')}",
        lang=rnd.choice(["en", "en-GB", "en-US"]),
    )


def t_legacy_table(item: Item) -> str:
    """A 2000s layout: tables, <font>, paragraphs separated by <br><br>, no semantic tags."""
    s, rnd = item.story, item.rnd
    item.keep.extend(item.paragraphs)
    text_parts = [esc(p) for p in item.paragraphs]
    if rnd.random() < 0.6:
        (label,) = item.chrome(C.ad_marker(rnd))
        text_parts.insert(rnd.randint(2, len(text_parts) - 1), f"<i>{esc(label)}</i>")
    story_html = "<br><br>\n".join(text_parts)
    credit = byline_text(item) or ""
    left = "".join(f'<a href="/{n}">{esc(n)}</a><br>' for n in C.nav(rnd))
    printer = item.chrome(
        rnd.choice(["Printer-friendly version", "Email this page to a friend", "Print this story"])
    )[0]
    copyright_ = item.chrome(C.copyright_line(rnd, item.pub, item.agency))[0]
    most = item.chrome(*C.headlines(rnd, 4))
    most_title = item.chrome(C.most_read_title(rnd))[0]
    right = f"<b>{esc(most_title)}</b><br>" + "".join(
        f'<a href="/m{i}">{esc(h)}</a><br>' for i, h in enumerate(most)
    )
    return doc(
        head(item, og=False),
        f'<table width="100%" border="0" cellpadding="0"><tr><td colspan="3">'
        f'<img src="/logo.gif" alt="{esc(item.pub.name)}"></td></tr><tr>'
        f'<td width="150" valign="top" bgcolor="#eeeeee"><font size="1">{left}</font></td>'
        f'<td valign="top"><font face="Arial" size="4"><b>{esc(s.headline)}</b></font><br>'
        f'<font size="2">{esc(credit)}<br>{esc(shown_time(item))}</font><br><br>'
        f'<font face="Arial" size="2">{story_html}</font><br><br>'
        f'<a href="/print">{esc(printer)}</a></td>'
        f'<td width="180" valign="top"><font size="1">{right}</font></td></tr>'
        f'<tr><td colspan="3" align="center"><font size="1">{esc(copyright_)}</font></td></tr>'
        f"</table>",
    )


def t_css_in_js(item: Item) -> str:
    """Class names that mean nothing (hashed), JSON-LD metadata, chrome in plain divs."""
    s, rnd = item.story, item.rnd

    def h() -> str:
        return "css-" + "".join(
            rnd.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(6)
        )

    ps = story_ps(item, item.paragraphs, h())
    news = item.chrome(*C.newsletter(rnd, item.pub))
    box = (
        f'<div class="{h()}"><p class="{h()}">{esc(news[0])}</p>'
        + "".join(f'<p class="{h()}">{esc(t)}</p>' for t in news[1:])
        + f'<div class="{h()}"><input type="email"><button>OK</button></div></div>'
    )
    body = interleave(item, ps, [box, maybe(item, 0.6, lambda: related_p(item))])
    cookies = item.chrome(*C.cookie(rnd, item.pub))
    cookie_box = (
        f'<div class="{h()}"><p>{esc(cookies[0])}</p>'
        + "".join(f'<div class="{h()}" role="button">{esc(t)}</div>' for t in cookies[1:])
        + "</div>"
    )
    most = item.chrome(*C.headlines(rnd, 4))
    most_title = item.chrome(C.most_read_title(rnd))[0]
    rail = (
        f'<div class="{h()}"><div class="{h()}">{esc(most_title)}</div>'
        + "".join(
            f'<div class="{h()}"><a href="/r{i}">{esc(m)}</a></div>' for i, m in enumerate(most)
        )
        + "</div>"
    )
    foot = item.chrome(C.copyright_line(rnd, item.pub, ""))[0]
    return doc(
        head(item, og=rnd.random() < 0.5, ld=True),
        f'<div id="__next">{cookie_box if rnd.random() < 0.7 else ""}'
        f'<div class="{h()}">{links(C.nav(rnd))}</div>'
        f'<div class="{h()}"><h1 class="{h()}">{esc(s.headline)}</h1>'
        f'<p class="{h()}">{esc(s.standfirst)}</p>'
        f'<div class="{h()}">{esc(byline_text(item) or "")} · {esc(shown_time(item))}</div>'
        f'<div class="{h()}">{"".join(body)}</div></div>{rail}'
        f'<div class="{h()}">{links(C.footer_links(rnd, item.pub))}<span>{esc(foot)}</span></div></div>',
    )


def t_comments(item: Item) -> str:
    s, rnd = item.story, item.rnd
    ps = story_ps(item, item.paragraphs)
    cls = rnd.choice(["comments", "reader-responses", "discussion", "talk-stream", "conversation"])
    count, *bodies = C.comments(rnd)
    item.chrome(count, *bodies)
    thread = "".join(
        f'<div class="response"><div class="who">{esc(C.person(rnd))}</div><p>{esc(b)}</p>'
        f'<a href="#">Reply</a> <a href="#">Report</a></div>'
        for b in bodies
    )
    return doc(
        head(item, og=True),
        f"<header>{nav_html(item)}</header><main><article><h1>{esc(s.headline)}</h1>"
        f'<p class="standfirst">{esc(s.standfirst)}</p>'
        f'<div class="meta">{meta_line_html(item)}</div>'
        f'<div class="article-body">{"".join(ps)}</div></article>'
        f'<section id="{cls}"><h2>{esc(count)}</h2>{thread}</section></main>{footer_html(item)}',
    )


def t_liveblog(item: Item) -> str:
    s, rnd = item.story, item.rnd
    controls = item.chrome(*C.live_controls(rnd))
    paragraphs = list(item.paragraphs)
    entries = []
    t = item.when
    chunks: list[list[str]] = []
    while paragraphs:
        size = rnd.randint(1, 2)
        chunks.append(paragraphs[:size])
        paragraphs = paragraphs[size:]
    for chunk in reversed(chunks):
        share = item.chrome(*C.share(rnd))[:2]
        entries.append(
            f'<div class="block" id="b{len(entries)}"><time>{t:%H:%M} GMT</time>'
            + "".join(story_ps(item, chunk))
            + '<div class="block-share">'
            + "".join(f"<button>{esc(x)}</button>" for x in share)
            + "</div></div>"
        )
        t -= timedelta(minutes=rnd.randint(4, 25))
    return doc(
        head(item, og=True, ld=rnd.random() < 0.5),
        f"<header>{nav_html(item)}</header><main><article>"
        f'<span class="live-badge">LIVE</span><h1>{esc(s.headline)}</h1>'
        f'<div class="meta">{meta_line_html(item)}</div>'
        f'<div class="live-controls"><a href="#">{esc(controls[0])}</a> <a href="#">{esc(controls[1])}</a></div>'
        f'<div class="live-blog-body">{"".join(entries)}</div></article></main>{footer_html(item)}',
    )


def t_paywall(item: Item) -> str:
    s, rnd = item.story, item.rnd
    shown = rnd.randint(2, 4)
    ps = story_ps(item, item.paragraphs[:shown])
    wall = item.chrome(*C.paywall(rnd, item.pub))
    cls = rnd.choice(["paywall", "piano-offer", "regwall-container", "meter-box", "tp-container"])
    return doc(
        head(item, og=True, ld=rnd.random() < 0.5),
        f"<header>{nav_html(item)}</header><main><article>"
        f'<h1>{esc(s.headline)}</h1><div class="article-meta">{meta_line_html(item)}</div>'
        f'<div class="story-body">{"".join(ps)}'
        f'<div class="{cls}"><h3>{esc(wall[0])}</h3><p>{esc(wall[1])}</p>'
        f'<a class="btn" href="/subscribe">Subscribe</a></div></div></article></main>'
        f"{footer_html(item)}",
    )


def t_cookie_overlay(item: Item) -> str:
    s, rnd = item.story, item.rnd
    ps = story_ps(item, item.paragraphs)
    cls = rnd.choice(
        ["sp_message_container", "cmp-dialog", "ovl-wrap", "privacy-overlay", "fc-consent-root"]
    )
    overlay = cookie_html(item, cls)
    body = interleave(item, ps, [maybe(item, 0.6, lambda: ad_html(item, "ad-slot"))])
    return doc(
        head(item, og=True),
        f"{overlay}<header>{nav_html(item)}</header><main><article><h1>{esc(s.headline)}</h1>"
        f'<div class="byline-block">{meta_line_html(item)}</div>'
        f'{maybe(item, 0.5, lambda: figure_html(item))}<div class="article-text">{"".join(body)}</div>'
        f"</article></main>{footer_html(item)}",
    )


def t_related_inline(item: Item) -> str:
    s, rnd = item.story, item.rnd
    ps = story_ps(item, item.paragraphs)
    title = item.chrome(C.related_title(rnd))[0]
    heads = item.chrome(*C.headlines(rnd, 3))
    inline = f"<h3>{esc(title)}</h3>" + links(heads)
    body = interleave(item, ps, [inline, related_p(item)])
    return doc(
        head(item, og=True, ld=rnd.random() < 0.5),
        f"<header>{nav_html(item)}</header><main><article><h1>{esc(s.headline)}</h1>"
        f'<div class="meta">{meta_line_html(item)}</div>'
        f'<div class="content">{"".join(body)}</div></article>'
        f"{most_read_html(item, 'rail', 'div')}</main>{footer_html(item)}",
    )


def t_gallery(item: Item) -> str:
    s, rnd = item.story, item.rnd
    ps = story_ps(item, item.paragraphs)
    caps = [C.caption(rnd, s.people, s.place, item.agency) for _ in range(3)]
    item.chrome(*caps)
    label = item.chrome(C.gallery_label(rnd))[0]
    slides = "".join(
        f'<div class="swiper-slide"><img src="/g{i}.jpg"><div class="cap">{esc(c)}</div></div>'
        for i, c in enumerate(caps)
    )
    gallery = f'<div class="media-viewer"><span>{esc(label)}</span>{slides}</div>'
    body = interleave(item, ps, [gallery])
    return doc(
        head(item, og=True, ld=rnd.random() < 0.5),
        f"<header>{nav_html(item)}</header><main><article><h1>{esc(s.headline)}</h1>"
        f'<div class="meta">{meta_line_html(item)}</div><div class="article__body">{"".join(body)}</div>'
        f"</article></main>{footer_html(item)}",
    )


def t_social(item: Item) -> str:
    s, rnd = item.story, item.rnd
    ps = story_ps(item, item.paragraphs)
    embed = item.chrome(*C.social_embed(rnd, item.pub))
    block = (
        f'<blockquote class="instagram-media"><div><a href="#">{esc(embed[0])}</a></div>'
        f'<p><a href="#">{esc(embed[1])}</a></p></blockquote>'
    )
    promo = item.chrome(C.app_promo(rnd, item.pub))[0]
    body = interleave(
        item, ps, [block, f'<p class="app-promo"><a href="/app">{esc(promo)}</a></p>']
    )
    return doc(
        head(item, og=True),
        f"<header>{nav_html(item)}</header><main><article><h1>{esc(s.headline)}</h1>"
        f'<div class="meta">{meta_line_html(item)}</div>'
        f'<section class="article-body">{"".join(body)}</section></article></main>{footer_html(item)}',
    )


def t_newsletter_mid(item: Item) -> str:
    s, rnd = item.story, item.rnd
    ps = story_ps(item, item.paragraphs)
    cls = rnd.choice(["inline-signup", "promo-box", "nl-embed", "box", "module"])
    heading = rnd.choice(["h4", "h3", "strong", "p"])
    box = newsletter_html(item, cls, heading=heading, form=rnd.random() < 0.7)
    body = interleave(item, ps, [box, maybe(item, 0.5, lambda: ad_html(item, "adunit"))])
    podcast = item.chrome(C.podcast_promo(rnd))[0]
    return doc(
        head(item, og=True, ld=rnd.random() < 0.5),
        f"<header>{nav_html(item)}</header><main><article><h1>{esc(s.headline)}</h1>"
        f'<p class="dek">{esc(s.standfirst)}</p><div class="meta">{meta_line_html(item)}</div>'
        f'<div class="audio"><button>{esc(podcast)}</button></div>'
        f'<div class="body">{"".join(body)}</div></article></main>{footer_html(item)}',
    )


def t_sticky_farm(item: Item) -> str:
    s, rnd = item.story, item.rnd
    ps = story_ps(item, item.paragraphs)
    share = item.chrome(*C.share(rnd))
    sticky = (
        '<div class="sticky-rail">' + "".join(f'<a href="#">{esc(t)}</a>' for t in share) + "</div>"
    )
    farm_groups = []
    for title in ("News", "Sections", "Our network", "Services"):
        items = C.headlines(rnd, 3) if title == "Our network" else C.footer_links(rnd, item.pub)[:4]
        if title == "Our network":
            item.chrome(*items)
        farm_groups.append(f"<div><b>{title}</b>{links(items)}</div>")
    copyright_ = item.chrome(C.copyright_line(rnd, item.pub, item.agency))[0]
    farm = f'<div class="bottom">{"".join(farm_groups)}<p>{esc(copyright_)}</p></div>'
    return doc(
        head(item, og=True, ld=rnd.random() < 0.6),
        f'{nav_html(item)}{sticky}<div class="wrap"><div class="col-main"><h1>{esc(s.headline)}</h1>'
        f'<div class="info">{meta_line_html(item)}</div>{"".join(ps)}</div></div>{farm}',
    )


def t_data_component(item: Item) -> str:
    """Story split into many sibling text blocks (a broadcaster's component layout)."""
    s, rnd = item.story, item.rnd
    blocks = []
    for p in item.paragraphs:
        blocks.append(f'<div data-component="text-block">{story_ps(item, [p])[0]}</div>')
    rel_title = item.chrome(C.related_title(rnd))[0]
    rel = item.chrome(*C.headlines(rnd, 3))
    blocks.insert(
        rnd.randint(2, len(blocks) - 1),
        f'<div data-component="links-block"><h2>{esc(rel_title)}</h2>{links(rel)}</div>',
    )
    topics = item.chrome(
        rnd.choice(["Related Topics", "More on this topic", "Topics in this story"])
    )
    return doc(
        head(item, og=True, ld=rnd.random() < 0.5),
        f'<header>{nav_html(item)}</header><main id="main-content"><article>'
        f'<h1 id="main-heading">{esc(s.headline)}</h1>'
        f'<div data-component="byline-block">{meta_line_html(item)}</div>'
        f"{''.join(blocks)}"
        f'<div data-component="topic-list"><h2>{esc(topics[0])}</h2>{links(C.nav(rnd)[:3])}</div>'
        f"</article></main>{footer_html(item)}",
    )


def t_unmarked(item: Item) -> str:
    """No <article>, no <main>, generic div soup; chrome in <p> tags beside the story."""
    s, rnd = item.story, item.rnd
    ps = story_ps(item, item.paragraphs)
    promo = item.chrome(C.app_promo(rnd, item.pub))[0]
    ad = item.chrome(C.ad_marker(rnd))[0]
    extra = [f"<p>{esc(ad)}</p>", f'<p><a href="/app">{esc(promo)}</a></p>']
    if rnd.random() < 0.6:
        trailer = item.chrome(*C.trailer(rnd, item.pub))
        extra_tail = "".join(f"<p>{esc(t)}</p>" for t in trailer)
    else:
        extra_tail = ""
    body = interleave(item, ps, extra)
    return doc(
        head(item, og=rnd.random() < 0.5, ld=rnd.random() < 0.5),
        f'<div id="top">{links(C.nav(rnd))}</div><div id="wrapper"><div class="left">'
        f"<h1>{esc(s.headline)}</h1><div>{meta_line_html(item, 'by', 'when')}</div>"
        f'<div class="txt">{"".join(body)}{extra_tail}</div></div>'
        f'<div class="right">{related_list_html(item, "box")}</div></div>{footer_html(item, "div", "bottom")}',
    )


def t_inline_chrome(item: Item) -> str:
    """Every piece of chrome as a bare <p> inside the story's own container."""
    s, rnd = item.story, item.rnd
    ps = story_ps(item, item.paragraphs)
    news = item.chrome(*C.newsletter(rnd, item.pub)[1:2])
    appeal = item.chrome(*C.appeal(rnd, item.pub))
    cap = item.chrome(C.caption(rnd, s.people, s.place, item.agency))
    inserts = [
        f"<p><em>{esc(cap[0])}</em></p>",
        "".join(f"<p>{esc(a)}</p>" for a in appeal),
        f"<p><strong>{esc(news[0])}</strong></p>",
        related_p(item),
        f"<p>{esc(item.chrome(C.ad_marker(rnd))[0])}</p>",
    ]
    body = interleave(item, ps, rnd.sample(inserts, 3))
    tail = "".join(f"<p>{esc(t)}</p>" for t in item.chrome(*C.trailer(rnd, item.pub)))
    return doc(
        head(item, og=rnd.random() < 0.6, ld=rnd.random() < 0.5),
        f"<header>{nav_html(item)}</header><main><article><h1>{esc(s.headline)}</h1>"
        f'<div class="meta">{meta_line_html(item)}</div>'
        f'<div class="story">{"".join(body)}{tail}</div></article></main>{footer_html(item)}',
    )


def t_key_facts(item: Item) -> str:
    """A story with a crosshead and a bulleted fact box inside it: list items are story."""
    s, rnd = item.story, item.rnd
    ps = story_ps(item, item.paragraphs)
    facts = [
        f"Dateline: {s.place.title()}",
        f"People named in the story: {len(s.people)}",
        "Paragraphs in the agency's version: " + str(len(s.paragraphs)),
    ]
    if rnd.random() < 0.5:
        facts = [f.rstrip(".") + "." for f in facts]
    item.keep.extend(facts)
    box = "<h3>Key facts</h3><ul>" + "".join(f"<li>{esc(f)}</li>" for f in facts) + "</ul>"
    body = interleave(item, ps, [box, maybe(item, 0.6, lambda: ad_html(item, "ad-container"))])
    return doc(
        head(item, og=True, ld=rnd.random() < 0.5),
        f"<header>{nav_html(item)}</header><main><article><h1>{esc(s.headline)}</h1>"
        f'<div class="meta">{meta_line_html(item)}</div>'
        f'<div class="article-content">{"".join(body)}</div></article>'
        f"{most_read_html(item, 'aside-list', 'aside')}</main>{footer_html(item)}",
    )


def t_div_soup(item: Item) -> str:
    """No <p> at all: every paragraph and every chrome line is a <div>."""
    s, rnd = item.story, item.rnd
    item.keep.extend(item.paragraphs)
    divs = [f"<div>{esc(p)}</div>" for p in item.paragraphs]
    promo = item.chrome(C.app_promo(rnd, item.pub))[0]
    share = item.chrome(*C.share(rnd))
    inserts = [
        f"<div>{esc(promo)}</div>",
        f"<div>{esc(item.chrome(C.ad_marker(rnd))[0])}</div>",
        "<div>" + " ".join(f'<a href="#">{esc(x)}</a>' for x in share) + "</div>",
    ]
    body = interleave(item, divs, inserts)
    copy = item.chrome(C.copyright_line(rnd, item.pub, item.agency))[0]
    return doc(
        head(item, og=rnd.random() < 0.7, ld=rnd.random() < 0.5),
        f'<div class="top">{links(C.nav(rnd))}</div>'
        f'<div class="c"><div class="h">{esc(s.headline)}</div>'
        f'<div class="m">{esc(byline_text(item) or "")}</div><div class="m">{esc(shown_time(item))}</div>'
        f'<div class="t">{"".join(body)}</div></div><div class="f">{esc(copy)}</div>',
    )


HTML_TEMPLATES: tuple[Callable[[Item], str], ...] = (
    t_wordpress,
    t_arc,
    t_amp,
    t_legacy_table,
    t_css_in_js,
    t_comments,
    t_liveblog,
    t_paywall,
    t_cookie_overlay,
    t_related_inline,
    t_gallery,
    t_social,
    t_newsletter_mid,
    t_sticky_farm,
    t_data_component,
    t_unmarked,
    t_inline_chrome,
    t_key_facts,
    t_div_soup,
)


# ------------------------------------------------------------------------------------ text
def wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width=width, break_on_hyphens=False))


def header_lines(item: Item) -> list[str]:
    """Headline, optional standfirst, credit and time lines as a scrape shows them."""
    rnd, s = item.rnd, item.story
    out = [s.headline]
    if rnd.random() < 0.6:
        out.append(s.standfirst)
    credit = byline_text(item)
    if credit:
        out.append(credit)
    out.append(shown_time(item))
    return out


def insert_between(item: Item, paragraphs: list[str], chunk: list[str]) -> list[str]:
    pos = item.rnd.randint(2, max(2, len(paragraphs) - 1))
    return paragraphs[:pos] + chunk + paragraphs[pos:]


def s_seed_like(item: Item) -> str:
    """Notification prompt, header, keyword caption twice, appeal mid-body, login trailer."""
    rnd = item.rnd
    top = item.chrome(*C.notification(rnd, item.pub))
    caption = C.keyword_caption(item.story.place)
    item.chrome(caption)
    body = list(item.paragraphs)
    item.keep.extend(body)
    appeal = item.chrome(*C.appeal(rnd, item.pub))
    body = appeal + body if rnd.random() < 0.4 else insert_between(item, body, appeal)
    tail = item.chrome(*C.trailer(rnd, item.pub))
    blocks = [*top, *header_lines(item)]
    lines = "\n\n".join(blocks[: len(top)]) + "\n\n" + "\n\n".join(blocks[len(top) : -2])
    lines += "\n\n" + "\n".join(blocks[-2:]) + f"\n{caption}\n{caption}\n\n"
    return lines + "\n\n".join(body + tail) + "\n"


def s_wrapped(item: Item) -> str:
    """Agency copy hard-wrapped at 66-76 columns, copyright trailer, 'Read more' lines."""
    rnd = item.rnd
    width = rnd.randint(66, 76)
    body = list(item.paragraphs)
    item.keep.extend(body)
    more = item.chrome(C.related_line(rnd, C.headlines(rnd, 1)[0]))
    body = insert_between(item, body, more)
    if rnd.random() < 0.5:
        body = insert_between(item, body, item.chrome(C.ad_marker(rnd)))
    trailer = item.chrome(C.copyright_line(rnd, item.pub, item.agency))
    head = header_lines(item)
    out = "\n".join(head[:1]) + "\n\n" + "\n".join(head[1:]) + "\n\n"
    return out + "\n\n".join(wrap(p, width) for p in body + trailer) + "\n"


def _md_link(text: str, rnd: random.Random) -> tuple[str, str]:
    """Turn one capitalised phrase of ``text`` into a markdown link; (markdown, plain)."""
    words = text.split()
    for i in range(2, len(words) - 2):
        if words[i][:1].isupper() and words[i].isalpha() and words[i + 1][:1].isupper():
            phrase = f"{words[i]} {words[i + 1].rstrip(',.')}"
            md = text.replace(phrase, f"[{phrase}](https://example.org/{words[i].lower()})", 1)
            return md, text
    return text, text


def s_markdown(item: Item) -> str:
    rnd, s = item.rnd, item.story
    out = [f"# {s.headline}", f"*{s.standfirst}*"]
    credit = byline_text(item)
    meta = f"**{credit}** | {shown_time(item)}" if credit else shown_time(item)
    out.append(meta)
    cap = C.caption(rnd, s.people, s.place, item.agency)
    item.chrome(cap)
    out.append(f"![{cap}](https://{item.pub.domain}/img/{item.id}.jpg)")
    out.append(f"_{cap}_")
    body = []
    for p in item.paragraphs:
        md, plain = _md_link(p, rnd) if rnd.random() < 0.4 else (p, p)
        item.keep.append(plain)
        body.append(md)
    head = C.headlines(rnd, 1)[0]
    (line,) = item.chrome(C.related_line(rnd, head))
    label = line.partition(": ")[0]
    body = insert_between(item, body, [f"> **{label}:** [{head}](https://{item.pub.domain}/r)"])
    out += body
    out.append("---")
    title = item.chrome(C.related_title(rnd))[0]
    out.append(f"## {title}")
    heads = item.chrome(*C.headlines(rnd, 3))
    out.append("\n".join(f"- [{h}](https://{item.pub.domain}/{i})" for i, h in enumerate(heads)))
    share = C.share(rnd)
    out.append("Share: " + " ".join(f"[{x}](#)" for x in share))
    item.chrome("Share: " + share[0])
    return "\n\n".join(out) + "\n"


def s_ad_markers(item: Item) -> str:
    """One paragraph per line, no blank lines, advertisement markers between paragraphs."""
    rnd = item.rnd
    body = list(item.paragraphs)
    item.keep.extend(body)
    for _ in range(rnd.randint(2, 3)):
        body = insert_between(item, body, item.chrome(C.ad_marker(rnd)))
    if rnd.random() < 0.5:
        body = insert_between(item, body, item.chrome(C.app_promo(rnd, item.pub)))
    foot = item.chrome(C.copyright_line(rnd, item.pub, item.agency))
    return "\n".join(header_lines(item) + body + foot) + "\n"


def s_news_scraper(item: Item) -> str:
    """Nav bar line, header, repeated captions, share line, Related lines, most-read list."""
    rnd, s = item.rnd, item.story
    navline = item.chrome(" | ".join(C.nav(rnd)))
    cap = item.chrome(C.caption(rnd, s.people, s.place, item.agency))
    share = item.chrome(" ".join(C.share(rnd)))
    body = list(item.paragraphs)
    item.keep.extend(body)
    body = insert_between(item, body, item.chrome(C.related_line(rnd, C.headlines(rnd, 1)[0])))
    body = insert_between(item, body, cap + cap)
    title = item.chrome(C.most_read_title(rnd))
    most = item.chrome(*C.headlines(rnd, 4))
    most_lines = [f"{i + 1}. {h}" for i, h in enumerate(most)] if rnd.random() < 0.5 else most
    blocks = [*navline, "\n".join(header_lines(item)), *share, *body, *title, "\n".join(most_lines)]
    return "\n\n".join(blocks) + "\n"


def s_appeal_mid(item: Item) -> str:
    """Appeal and newsletter pitch in the middle, paywall-free; login trailer."""
    rnd = item.rnd
    body = list(item.paragraphs)
    item.keep.extend(body)
    body = insert_between(item, body, item.chrome(*C.appeal(rnd, item.pub)))
    news = C.newsletter(rnd, item.pub)
    body = insert_between(item, body, item.chrome(*news[1:]))
    tail = item.chrome(*C.trailer(rnd, item.pub)) if rnd.random() < 0.6 else []
    copy = item.chrome(C.copyright_line(rnd, item.pub, item.agency))
    return "\n\n".join(header_lines(item) + body + tail + copy) + "\n"


def s_reuters_trust(item: Item) -> str:
    """Agency copy with its own trailer lines and a publisher's related block."""
    rnd = item.rnd
    body = list(item.paragraphs)
    item.keep.extend(body)
    standards = item.chrome(
        rnd.choice(
            [
                "Our Standards: The Trust Principles.",
                "Editorial standards: how we report and correct our stories.",
                "Sign up here for our free daily newsletter.",
            ]
        )
    )
    rel_title = item.chrome(C.related_title(rnd))
    rel = item.chrome(*C.headlines(rnd, 3))
    return "\n\n".join(header_lines(item) + body + standards + rel_title + rel) + "\n"


def s_paywall_text(item: Item) -> str:
    rnd = item.rnd
    shown = rnd.randint(2, 4)
    body = list(item.paragraphs[:shown])
    item.keep.extend(body)
    wall = item.chrome(*C.paywall(rnd, item.pub))
    tail = item.chrome(*C.footer_links(rnd, item.pub)[:1])
    return "\n\n".join(header_lines(item) + body + wall + tail) + "\n"


def s_comments_text(item: Item) -> str:
    rnd = item.rnd
    body = list(item.paragraphs)
    item.keep.extend(body)
    bio = [C.author_bio(rnd, item.byline, item.pub)] if item.byline and rnd.random() < 0.5 else []
    item.chrome(*bio)
    count, *posts = C.comments(rnd)
    item.chrome(count, *posts)
    thread = []
    for post in posts:
        thread += [C.person(rnd), post, "Reply"]
    return "\n\n".join(header_lines(item) + body + bio + [count] + thread) + "\n"


def s_gallery_text(item: Item) -> str:
    rnd, s = item.rnd, item.story
    label = item.chrome(C.gallery_label(rnd))
    caps = item.chrome(*[C.caption(rnd, s.people, s.place, item.agency) for _ in range(2)])
    body = list(item.paragraphs)
    item.keep.extend(body)
    body = insert_between(item, body, [*label, caps[0], caps[1], caps[1]])
    cookie = item.chrome(*C.cookie(rnd, item.pub)) if rnd.random() < 0.5 else []
    return "\n\n".join(cookie + header_lines(item) + body) + "\n"


TEXT_TEMPLATES: tuple[Callable[[Item], str], ...] = (
    s_seed_like,
    s_wrapped,
    s_markdown,
    s_ad_markers,
    s_news_scraper,
    s_appeal_mid,
    s_reuters_trust,
    s_paywall_text,
    s_comments_text,
    s_gallery_text,
)


# ------------------------------------------------------------------------------ the set
def gold(item: Item, path: str) -> dict[str, object]:
    return {
        "id": item.id,
        "kind": item.kind,
        "file": path,
        "template": item.template,
        "publisher": item.pub.name,
        "keep": item.keep,
        "remove": item.remove,
        "meta": {
            "dateline": item.dateline,
            "byline": item.byline,
            "source": item.agency or None,
            "timestamp": item.when.strftime("%Y-%m-%dT%H:%M:%SZ"),
        },
    }


def check(item: Item) -> None:
    """No chrome snippet may occur inside story text: the score would be ambiguous."""
    story = "\n".join(item.keep).lower()
    for snippet in item.remove:
        if snippet.lower() in story:
            raise AssertionError(f"{item.id}: chrome {snippet!r} occurs in the story text")


def build() -> list[dict[str, object]]:
    rnd = random.Random(SEED)
    out: list[dict[str, object]] = []
    for kind, count, templates in (
        ("html", N_HTML, HTML_TEMPLATES),
        ("text", N_TEXT, TEXT_TEMPLATES),
    ):
        for number in range(count):
            item = _make_item(kind, number, random.Random(rnd.random()))
            template = templates[(number // 2) % len(templates)]
            item.template = template.__name__
            content = template(item)
            check(item)
            folder = "html" if kind == "html" else "text"
            suffix = "html" if kind == "html" else "txt"
            path = f"{folder}/{item.id}.{suffix}"
            (HERE / folder).mkdir(exist_ok=True)
            (HERE / path).write_text(content, encoding="utf-8")
            out.append(gold(item, path))
    return out


def main() -> None:
    rows = build()
    with (HERE / "gold.jsonl").open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} items to {HERE}")


if __name__ == "__main__":
    main()
