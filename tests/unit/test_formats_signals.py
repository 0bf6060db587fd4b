"""Every parser keeps the agency's identity and version signals that dedup and routing use."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.article import RawItem
from streams.formats.feeds import parse_atom, parse_rss
from streams.formats.registry import parse_raw

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
RAW = RawItem(id="sig", payload=b"", received_at="2021-11-11T12:00:00Z")

# fixture -> (uri, version, agency id, urgency, update, correction, embargoed until)
EXPECTED = {
    "ninjs2_item.json": ("urn:example:ap:7c1e2a9d4b", 2, "7c1e2a9d4b", 3, True, True,
                         "2021-11-11T11:00:00Z"),
    "newsml_g2_item.xml": ("tag:reuters.example,2021:newsml_L8N2S2041", 3, "L8N2S2041", 2,
                           True, False, "2021-11-11T13:00:00Z"),
    "nitf_doc.xml": ("urn:nitf:AFP:afp-20211111-ab12cd", 2, "afp-20211111-ab12cd", 2, True,
                     True, None),
    "atom_feed.xml": ("tag:ledger.example,2021-11-11:/business/copper-high", 1,
                      "tag:ledger.example,2021-11-11:/business/copper-high", None, False,
                      False, None),
    "newsml_12_item.xml": ("urn:newsml:afp.com:20211111:TX-PAR-QWE42", 2, "TX-PAR-QWE42", 2,
                           True, True, None),
    "anpa_1312_writethru.txt": ("urn:anpa:ap:2021-11-11:bc-as--korea-ports", 3,
                                "BC-AS--Korea-Ports", 3, True, True, None),
    "iptc_7901_update.txt": ("urn:iptc7901:dpa:2023-06-14:climate/conference/germany", 3,
                             "Climate/Conference/Germany", 2, True, False, None),
    "ap_media_item.json": (
        "https://api.ap.example/media/v/content/4f1b2c3d5e6f70819a2b3c4d5e6f7081", 3,
        "4f1b2c3d5e6f70819a2b3c4d5e6f7081", 3, True, False, "2021-11-11T03:00:00Z"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_identity_version_and_signals_are_kept(name: str) -> None:
    raw = RawItem(id=name, payload=(FIXTURES / name).read_bytes(), received_at=RAW.received_at)
    article = parse_raw(raw)
    signals = article.signals
    assert (article.uri, article.version, signals.agency_id, article.urgency, signals.update,
            signals.correction, signals.embargoed_until) == EXPECTED[name]


def test_items_without_an_id_get_a_stable_uri_from_the_raw_id() -> None:
    text = "\x02Flash headline\n\tPORTVILLE (AP) _ Short text.\n\x03"
    raw = RawItem(id="abc123", payload=text.encode())
    first, second = parse_raw(raw), parse_raw(raw)
    assert first.uri == second.uri == "urn:wirestreams:abc123"


def _rss(title: str) -> str:
    return (f'<rss version="2.0"><channel><title>Gazette</title><item><title>{title}</title>'
            "<guid>urn:gazette:1</guid><description>Body.</description></item></channel></rss>")


def _atom(title: str) -> str:
    return ('<feed xmlns="http://www.w3.org/2005/Atom"><title>Ledger</title><entry>'
            f"<id>urn:ledger:1</id><title>{title}</title><content>Body.</content></entry></feed>")


@pytest.mark.parametrize(
    ("title", "correction"),
    [("CORRECTED-Port strike ends", True), ("Correction: port strike ends", True),
     ("Port strike ends", False)],
)
def test_feed_headlines_carry_the_correction_signal(title: str, correction: bool) -> None:
    assert parse_rss(_rss(title), RAW).signals.correction is correction
    assert parse_atom(_atom(title), RAW).signals.correction is correction


def test_feed_items_keep_their_guid_as_agency_id() -> None:
    assert parse_rss(_rss("Port"), RAW).signals.agency_id == "urn:gazette:1"
    assert parse_atom(_atom("Port"), RAW).signals.agency_id == "urn:ledger:1"
