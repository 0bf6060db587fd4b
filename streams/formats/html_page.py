"""Publisher article pages (HTML): the story text and the page's own metadata.

Pages declare most metadata (Open Graph, article:* meta, JSON-LD NewsArticle), so those win
over guesses. The body is the hard part: the story sits among navigation, share bars,
related-story rails, ad slots and newsletter boxes. We cut those by tag, ARIA role and
class/id vocabulary, pick the container that holds the story (``articleBody``, ``<article>``,
``<main>``, or the densest cluster of paragraphs), and finally run the boilerplate lexicon
over the paragraphs that remain, because some chrome sits in plain ``<p>`` tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson
from selectolax.lexbor import LexborHTMLParser, LexborNode

from streams.article import Article, Provenance, RawItem
from streams.errors import EmptyItemError, ParseError
from streams.stages.boilerplate import BoilerplateLexicon, normalise_for_match
from streams.stages.metadata import (
    MetaLine,
    extract_credit,
    extract_dateline,
    normalise_agency,
    parse_timestamp_line,
    read_meta_line,
    take_meta_lines,
    to_utc_iso,
)
from streams.text_repair import repair_inline, sanitise_html

_DROP_TAGS = (
    "script, style, noscript, template, iframe, svg, canvas, nav, footer, aside, form, button, "
    "input, select, textarea, dialog, figure, figcaption, picture, video, audio, object, embed, "
    "header, [hidden], [aria-hidden=true], amp-carousel, amp-ad, amp-embed, amp-social-share, "
    "amp-img, amp-sidebar, amp-consent, amp-iframe, amp-video, amp-analytics, amp-lightbox"
)
_DROP_ROLES = (
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alertdialog",
    "search",
    "menu",
    "menubar",
    "toolbar",
    "alert",
    "form",
)
_JUNK_NAMES = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|related|read-?more|recommend\w*|newsletter\w*|"
    r"subscribe|subscription|sign-?up|promo\w*|advert\w*|ads?|ad-?slot|ad-?unit|adsbygoogle|"
    r"dfp|gpt|sponsor\w*|cookie\w*|consent|gdpr|comments?|disqus|breadcrumbs?|caption|"
    r"credits?|outbrain|taboola|popup|modal|paywall|donat\w*|support-us|most-popular|"
    r"popular|trending|sidebar|widget|toolbar|menu|nav\w*|footer|masthead|byline|author\w*|"
    r"tags|topics|skip|hidden|visually-hidden|sr-only|gallery|also-read|more-on|teaser|"
    r"inline-related|onward|print-only|timestamp|dateline|meta|carousel|slides?|slideshow|"
    r"swiper\w*|lightbox|regwall|meter|overlay|cmp|responses?|discussion|conversation)"
    r"(?:$|[\s_-])",
    re.I,
)
_PROTECTED = "article, [itemprop=articleBody], h1"
# The standfirst (dek, strapline) under the headline: the page's summary, not story text.
_STANDFIRST_NAMES = re.compile(
    r"(?:^|[\s_-])(?:standfirst|strapline|strap|dek|sub-?headline|subhead|sub-?title|"
    r"article-summary|story-summary)(?:$|[\s_-])",
    re.I,
)
_BODY_CLASSES = re.compile(
    r"(?:article|story|post|entry|content)[-_]?(?:body|content|text|main)", re.I
)
_BLOCKS = "p, h2, h3, h4, h5, h6, li, blockquote, pre"
_KEEP_TAGS = {"h2", "h3", "h4", "h5", "h6", "blockquote", "pre"}
_SITE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")
_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "blogposting",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "liveblogposting",
}
_MIN_CONTAINER_CHARS = 200


@dataclass(slots=True)
class _Block:
    text: str
    html: str


def _attr(node: LexborNode, name: str) -> str:
    value = node.attributes.get(name)
    return value.strip() if isinstance(value, str) else ""


def _meta(tree: LexborHTMLParser, *keys: str) -> str | None:
    for key in keys:
        for attr in ("property", "name", "itemprop"):
            node = tree.css_first(f'meta[{attr}="{key}"]')
            if node is not None and _attr(node, "content"):
                return repair_inline(_attr(node, "content"))
    return None


def _walk_json_ld(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _walk_json_ld(item)
    elif isinstance(value, dict):
        kinds = value.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
            yield value
        yield from _walk_json_ld(value.get("@graph"))


def _json_ld(tree: LexborHTMLParser) -> dict[str, Any]:
    """The page's first schema.org article object, or an empty dict."""
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = orjson.loads(node.text(deep=True) or "null")
        except orjson.JSONDecodeError:
            continue
        for found in _walk_json_ld(data):
            return found
    return {}


def _ld_text(value: Any) -> str | None:
    if isinstance(value, str):
        return repair_inline(value) or None
    if isinstance(value, dict):
        return _ld_text(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_ld_text(v) for v in value) if n]
        return " and ".join(names) or None
    return None


def _strip_site(title: str, site: str | None) -> str:
    """'Headline | Site Name' -> 'Headline' (also with -, — and · before the site's name)."""
    separators = list(_SITE_SEPARATORS.finditer(title))
    if not separators:
        return title
    last = separators[-1]
    head, tail = title[: last.start()].strip(), title[last.end() :].strip().lower()
    site_key = (site or "").strip().lower()
    if site_key and (tail == site_key or tail in site_key or site_key in tail):
        return head or title
    if "|" in last.group(0) and len(tail.split()) <= 4:
        return head or title
    return title


def _language(tree: LexborHTMLParser) -> str | None:
    html = tree.css_first("html")
    value = _attr(html, "lang") if html is not None else ""
    value = value or _meta(tree, "og:locale", "language", "content-language") or ""
    primary = re.split(r"[-_]", value.strip())[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _canonical(tree: LexborHTMLParser) -> str | None:
    link = tree.css_first('link[rel="canonical"]')
    for value in (_attr(link, "href") if link is not None else "", _meta(tree, "og:url") or ""):
        if re.match(r"^https?://\S+$", value):
            return value
    return None


def _credit_of(text: str | None) -> tuple[str | None, str | None]:
    """(byline, agency) of an author string that may or may not start with "By"."""
    if not text or re.match(r"^https?://", text):
        return None, None
    byline, agency = extract_credit(text)
    if byline or agency:
        return byline, agency
    credit = text if re.match(r"^by\s", text, re.I) else f"By {text}"
    byline, agency = extract_credit(credit)
    if byline is None and agency is None:
        agency = normalise_agency(text)
        return (None if agency else text[:120]), agency
    return byline, agency


_CREDIT_NODES = "[class*=byline], [class*=credit], [class*=author], [class*=meta], [class*=source]"
_CREDIT_PARTS = re.compile(r"\s*(?:[|·•]|\s[—–-]\s)\s*")


def _agency_in_credits(tree: LexborHTMLParser) -> str | None:
    """The agency a credit element names ("Via AP news wire · 18 Nov 2026"), for pages whose
    author metadata names reporters or nothing."""
    for node in tree.css(_CREDIT_NODES):
        if node.tag in ("html", "body", "main", "article"):
            continue
        text = repair_inline(node.text(separator=" "))
        if not text or len(text) > 160:
            continue
        for part in _CREDIT_PARTS.split(text):
            _byline, agency = extract_credit(part)
            if agency is not None:
                return agency
    return None


_META_SCAN_LINES = 80
_META_LINE_MAX_CHARS = 160


def _text_lines(root: LexborNode) -> list[str]:
    """The page's short visible lines in document order, before anything is removed: where
    a page without metadata markup shows its credit and time ("By Jane Doe<br>Posted: ...")."""
    lines: list[str] = []
    text = root.text(separator="\n", strip=False)
    for line in text.split("\n"):
        cleaned = " ".join(line.split())
        if cleaned and len(cleaned) <= _META_LINE_MAX_CHARS:
            lines.append(cleaned)
        if len(lines) >= _META_SCAN_LINES * 4:
            break
    return lines


def _shown_meta(lines: list[str]) -> MetaLine:
    """The first credit and the first timestamp among the page's short lines."""
    byline: str | None = None
    agency: str | None = None
    timestamp: str | None = None
    for line in lines:
        meta = read_meta_line(line)
        if meta is None:
            continue
        byline = byline or meta.byline
        agency = agency or meta.agency
        timestamp = timestamp or meta.timestamp
        if byline and timestamp:
            break
    return MetaLine(byline, agency, timestamp)


def _has_descendant(node: LexborNode, selector: str) -> bool:
    """Lexbor's ``css`` also matches the node itself; this asks about what is inside it."""
    return any(found.mem_id != node.mem_id for found in node.css(selector))


_FORM_BOX_MAX_CHARS = 600
_FORM_FIELDS = "form, input[type=email], input[type=text], input[type=search], input:not([type])"


def _drop_form_boxes(root: LexborNode) -> None:
    """Remove the box around each form field: a newsletter sign-up, a search or login box.

    The box is the largest ancestor of the field that is still small (a few hundred
    characters) and holds no story paragraph; its title and pitch go with the field, whatever
    their wording.
    """
    for field in root.css(_FORM_FIELDS):
        box: LexborNode | None = None
        node = field.parent
        while node is not None and node.tag not in ("body", "html", "main", "article"):
            text = node.text(separator=" ").strip()
            if len(text) > _FORM_BOX_MAX_CHARS or _has_descendant(node, _PROTECTED):
                break
            if any(len(p.text(separator=" ").strip()) > 250 for p in node.css("p")):
                break
            box = node
            node = node.parent
        if box is not None:
            box.decompose()


def _drop_junk(root: LexborNode) -> None:
    _drop_form_boxes(root)
    for node in root.css(_DROP_TAGS):
        if not _has_descendant(node, _PROTECTED):
            node.decompose()
    for node in root.css("[role], [class], [id]"):
        if node.tag in ("html", "body", "main", "article"):
            continue
        names = f"{_attr(node, 'class')} {_attr(node, 'id')}"
        junk = _attr(node, "role").lower() in _DROP_ROLES or _JUNK_NAMES.search(names)
        if junk and not _BODY_CLASSES.search(names) and not _has_descendant(node, _PROTECTED):
            node.decompose()


def _take_standfirst(root: LexborNode) -> str | None:
    """Remove the standfirst elements from the page; the first one's text, if any."""
    found: str | None = None
    for node in root.css("[class], [id]"):
        names = f"{_attr(node, 'class')} {_attr(node, 'id')}"
        if not _STANDFIRST_NAMES.search(names) or _has_descendant(node, _PROTECTED):
            continue
        if node.tag in ("html", "body", "main", "article"):
            continue
        text = repair_inline(node.text(separator=" "))
        found = found or text or None
        node.decompose()
    return found


def _without_standfirst(blocks: list[_Block], description: str | None) -> list[_Block]:
    """Drop a leading block that repeats the description above a dateline lead: a standfirst
    in unmarked markup. (A description that is the lead itself has the dateline, so stays.)"""
    if description is None or len(blocks) < 2:
        return blocks
    key = normalise_for_match(description).lower()
    first, second = blocks[0], blocks[1]
    if (
        normalise_for_match(first.text).lower() == key
        and extract_dateline(first.text)[0] is None
        and extract_dateline(second.text)[0] is not None
    ):
        return blocks[1:]
    return blocks


def _text_length(node: LexborNode) -> int:
    return sum(len(p.text(separator=" ").strip()) for p in node.css("p"))


def _container(tree: LexborHTMLParser) -> LexborNode | None:
    for selector in ("[itemprop=articleBody]", "article", "[role=main], main"):
        candidates = [(n, _text_length(n)) for n in tree.css(selector)]
        if candidates:
            best, size = max(candidates, key=lambda c: c[1])
            if size >= _MIN_CONTAINER_CHARS:
                return best
    for node in tree.css("div, section"):
        if _BODY_CLASSES.search(f"{_attr(node, 'class')} {_attr(node, 'id')}") and (
            _text_length(node) >= _MIN_CONTAINER_CHARS
        ):
            return node
    # The densest cluster: the element whose direct <p> children hold the most text, with
    # a share of that credited to the grandparent (stories split across sibling divs).
    scores: dict[int, tuple[LexborNode, float]] = {}
    for para in tree.css("p"):
        size = len(para.text(separator=" ").strip())
        parent = para.parent
        if parent is None or size < 25:
            continue
        for candidate, weight in ((parent, 1.0), (parent.parent, 0.5)):
            if candidate is not None:
                key = candidate.mem_id
                total = scores.get(key, (candidate, 0.0))[1] + size * weight
                scores[key] = (candidate, total)
    if scores:
        best, score = max(scores.values(), key=lambda s: s[1])
        if score >= _MIN_CONTAINER_CHARS:
            return best
    fallback = max(scores.values(), key=lambda s: s[1])[0] if scores else tree.body
    return _densest_br_text(tree) or fallback


def _densest_br_text(tree: LexborHTMLParser) -> LexborNode | None:
    """For layouts without ``<p>``: the element whose own text (between ``<br>``s, outside
    links) is longest."""
    best: LexborNode | None = None
    best_size = _MIN_CONTAINER_CHARS
    for br in tree.css("br"):
        parent = br.parent
        if parent is None:
            continue
        size = sum(
            len((child.text_content or "").strip())
            for child in parent.iter(include_text=True)
            if child.tag == "-text"
        )
        if size > best_size:
            best, best_size = parent, size
    return best


def _link_list(node: LexborNode, text: str) -> bool:
    """Mostly link text: navigation, tags or related stories."""
    links = sum(len(a.text(separator="").strip()) for a in node.css("a"))
    return links * 10 >= len(text) * 6 and len(text) < 300


def _br_blocks(container: LexborNode) -> list[_Block]:
    """Paragraphs of a layout that separates them with ``<br><br>`` instead of ``<p>``."""
    for node in container.css(_BLOCKS):
        node.decompose()
    for br in container.css("br"):
        br.replace_with(_BR_MARK)
    for link_node in container.css("a"):
        link_text = link_node.text(separator=" ").strip()
        if link_text:
            link_node.replace_with(f"{_LINK_MARK}{link_text}{_LINK_MARK}")
    text = container.text(separator="")
    blocks: list[_Block] = []
    for chunk in re.split(rf"(?:\s*{_BR_MARK}\s*){{2,}}", text):
        for line in chunk.split(_BR_MARK) if _BR_MARK in chunk else [chunk]:
            linked = sum(len(m) for m in _LINKED.findall(line))
            cleaned = repair_inline(line.replace(_LINK_MARK, ""))
            if not cleaned or (linked * 10 >= len(cleaned) * 6 and len(cleaned) < 300):
                continue
            blocks.append(_Block(text=cleaned, html=f"<p>{_escape(cleaned)}</p>"))
    return blocks


_BR_MARK = "\u2029"
_LINK_MARK = "\u2063"
_LINKED = re.compile(f"{_LINK_MARK}([^{_LINK_MARK}]*){_LINK_MARK}")


def _blocks(container: LexborNode) -> list[_Block]:
    if not container.css_first(_BLOCKS) and container.css_first("br"):
        return _br_blocks(container)
    for br in container.css("br"):
        br.replace_with(" ")
    blocks: list[_Block] = []
    for node in container.css(_BLOCKS):
        if _has_descendant(node, _BLOCKS):
            continue  # take the inner paragraphs, not the wrapper
        text = repair_inline(node.text(separator=""))
        if not text or _link_list(node, text):
            continue
        tag = node.tag if node.tag in _KEEP_TAGS else "p"
        blocks.append(_Block(text=text, html=f"<{tag}>{node.inner_html or ''}</{tag}>"))
    if not blocks:
        text = container.text(separator="\n")
        for line in text.split("\n"):
            cleaned = repair_inline(line)
            if cleaned:
                blocks.append(_Block(text=cleaned, html=f"<p>{_escape(cleaned)}</p>"))
    return blocks


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def parse_html(text: str, raw: RawItem, lexicon: BoilerplateLexicon | None = None) -> Article:
    """One Article from a publisher's article page; EmptyItemError when it holds no story."""
    lexicon = lexicon or BoilerplateLexicon.default()
    try:
        tree = LexborHTMLParser(text)
    except Exception as exc:  # the parser is forgiving; a failure here is malformed input
        raise ParseError(f"HTML page does not parse: {exc}") from exc
    ld = _json_ld(tree)
    publisher = _meta(tree, "og:site_name", "application-name") or _ld_text(ld.get("publisher"))

    h1 = tree.css_first("h1")
    h1_text = repair_inline(h1.text(separator=" ")) if h1 is not None else ""
    title_node = tree.css_first("title")
    title = repair_inline(title_node.text()) if title_node is not None else ""
    headline = _strip_site(
        _meta(tree, "og:title", "twitter:title")
        or _ld_text(ld.get("headline"))
        or h1_text
        or title,
        publisher,
    )
    description = _meta(tree, "og:description", "description", "twitter:description") or (
        _ld_text(ld.get("description"))
    )

    author_node = tree.css_first('[rel="author"], [itemprop="author"], .byline, .author')
    author_text = repair_inline(author_node.text(separator=" ")) if author_node else None
    byline, source = _credit_of(
        _meta(tree, "author", "article:author", "sailthru.author")
        or _ld_text(ld.get("author"))
        or author_text
    )
    source = source or _agency_in_credits(tree)

    published = _meta(
        tree,
        "article:published_time",
        "og:published_time",
        "datePublished",
        "pubdate",
        "publish-date",
    ) or _ld_text(ld.get("datePublished"))
    modified = _meta(tree, "article:modified_time", "og:updated_time", "dateModified") or (
        _ld_text(ld.get("dateModified"))
    )
    time_node = tree.css_first("article time[datetime], time[datetime]")
    if published is None and time_node is not None:
        published = _attr(time_node, "datetime")
    firstcreated = to_utc_iso(published) if published else None
    versioncreated = (to_utc_iso(modified) if modified else None) or firstcreated

    captions = [repair_inline(n.text(separator=" ")) for n in tree.css("figcaption")]
    captions += [_attr(n, "alt") for n in tree.css("img[alt]")]

    root = tree.body or tree.root
    page_lines = _text_lines(root) if root is not None else []
    if root is not None:
        standfirst = _take_standfirst(root)
        description = description or standfirst
        _drop_junk(root)
    container = _container(tree)
    blocks = _blocks(container) if container is not None else []
    headline_key = normalise_for_match(headline).lower()
    blocks = [b for b in blocks if normalise_for_match(b.text).lower() != headline_key]
    blocks = _without_standfirst(blocks, description)

    kept = lexicon.filter_paragraphs(
        [b.text for b in blocks], publisher, captions, byline, title_lists=False
    ).kept
    meta = take_meta_lines(kept)
    byline = byline or meta.byline
    source = source or meta.agency
    versioncreated = versioncreated or meta.timestamp
    kept = [p for p in meta.paragraphs if parse_timestamp_line(p) is None]
    if byline is None or source is None or versioncreated is None:
        shown = _shown_meta(page_lines)
        byline = byline or shown.byline
        source = source or shown.agency
        firstcreated = firstcreated or shown.timestamp
        versioncreated = versioncreated or shown.timestamp

    html_parts: list[str] = []
    pointer = 0
    for block in blocks:
        if pointer < len(kept) and block.text == kept[pointer]:
            html_parts.append(block.html)
            pointer += 1

    dateline: str | None = None
    if kept:
        dateline, lead_agency = extract_dateline(kept[0])
        source = source or lead_agency
    if not headline and kept:
        headline = kept[0][:120]
    if not kept and not headline:
        raise EmptyItemError("the page holds no article text")

    return Article(
        uri=_canonical(tree) or f"urn:wirestreams:{raw.id}",
        headline=headline,
        body_text="\n\n".join(kept),
        body_html=sanitise_html("".join(html_parts)) or None,
        provenance=Provenance(
            format="html",
            received_at=raw.received_at,
            path=raw.path,
            feed=raw.feed,
            raw_id=raw.id,
        ),
        description=description,
        byline=byline,
        dateline=dateline,
        source=source,
        publisher=publisher,
        language=_language(tree),
        versioncreated=versioncreated,
        firstcreated=firstcreated,
    )
