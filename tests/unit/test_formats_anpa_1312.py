"""ANPA-1312 teletype transmissions map to Articles, framing codes stripped."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.article import RawItem
from streams.errors import MissingFieldError
from streams.formats.anpa_1312 import parse_anpa_1312
from streams.formats.decoding import decode_payload

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
RAW = RawItem(id="anpa-raw", payload=b"", received_at="2021-11-11T12:00:00Z")
SOH, STX, ETX, EOT, US = "\x01", "\x02", "\x03", "\x04", "\x1f"


def fixture(name: str) -> str:
    return decode_payload((FIXTURES / name).read_bytes())


def _item(priority: str = "r", category: str = "a", version: str = "", text: str = "") -> str:
    body = text or ("^Harbour bridge reopens after repairs<\n"
                    "\t   PORTVILLE (AP) _ The bridge reopened.\n")
    return (f"\x16\x16{SOH}a0001{US}abcde\n{priority} {category}\x13\x11 BC-Bridge {version}"
            f"   11-11 0100\n{STX}{body}{ETX}\n{EOT}")


def test_ap_style_writethru_fields() -> None:
    article = parse_anpa_1312(fixture("anpa_1312_writethru.txt"), RAW)
    assert article.headline == "Dockworkers end walkout at South Korean container ports"
    assert article.byline == "Min-Ji Park and Tom Reid"
    assert article.dateline == "BUSAN, South Korea"
    assert article.source == "AP"
    assert article.urgency == 3  # "u" = urgent
    assert article.keywords == ["BC-AS--Korea-Ports", "international"]
    assert article.versioncreated == "2021-11-11T02:33:00Z"
    assert article.provenance.format == "anpa-1312"


def test_writethru_label_is_version_and_update_signal() -> None:
    article = parse_anpa_1312(fixture("anpa_1312_writethru.txt"), RAW)
    assert article.version == 3  # 2nd Ld-Writethru: the third transmission
    assert article.signals.update is True
    assert article.signals.correction is True  # "Corrects spelling ..." in the Eds note
    assert article.signals.agency_id == "BC-AS--Korea-Ports"
    assert article.uri == "urn:anpa:ap:2021-11-11:bc-as--korea-ports"


def test_body_paragraphs_join_wrapped_lines_and_drop_trailer_and_photo_lines() -> None:
    article = parse_anpa_1312(fixture("anpa_1312_writethru.txt"), RAW)
    paragraphs = article.body_text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("BUSAN, South Korea (AP) — Dockworkers")
    assert paragraphs[0].endswith("review night-shift pay.")
    assert paragraphs[1].startswith("\u201cThe cranes will be running")
    assert "\u201d said Yoo" in paragraphs[1]
    text = article.body_text + article.headline
    assert "AP-WF" not in text and "SEL101" not in text and "___" not in text
    assert not any(ch < " " and ch != "\n" for ch in article.body_text)


def test_unmarked_flash_with_caps_headline() -> None:
    article = parse_anpa_1312(fixture("anpa_1312_flash.txt"), RAW)
    assert article.headline == "STRONG EARTHQUAKE SHAKES NORTHERN JAPAN"
    assert article.urgency == 1
    assert article.source == "UPI"
    assert article.dateline == "SAPPORO, Japan"
    assert article.versioncreated == "2021-11-12T04:12:00Z"
    assert article.body_text.endswith("no immediate reports of damage or injuries.")
    assert "-0-" not in article.body_text
    assert article.version == 1 and article.signals.update is False


@pytest.mark.parametrize(
    ("priority", "expected"), [("f", 1), ("b", 2), ("u", 3), ("r", 5), ("d", 6), ("x", None)]
)
def test_priority_maps_to_urgency(priority: str, expected: int | None) -> None:
    assert parse_anpa_1312(_item(priority=priority), RAW).urgency == expected


@pytest.mark.parametrize(
    ("category", "code"), [("s", "medtop:15000000"), ("f", "medtop:04000000"), ("a", None)]
)
def test_category_maps_to_topic(category: str, code: str | None) -> None:
    subjects = parse_anpa_1312(_item(category=category), RAW).subjects
    assert [s.code for s in subjects] == ([code] if code else [])


def test_kill_label_cancels() -> None:
    article = parse_anpa_1312(_item(version="Kill"), RAW)
    assert article.pubstatus == "canceled"


def test_first_lead_is_version_two() -> None:
    article = parse_anpa_1312(_item(version="1stLd"), RAW)
    assert article.version == 2 and article.signals.update is True


def test_missing_stx_raises() -> None:
    with pytest.raises(MissingFieldError, match="STX"):
        parse_anpa_1312(f"{SOH}a0001 abc\nr a BC-Bridge 11-11 0100\nno text block", RAW)


def test_text_block_without_story_raises() -> None:
    with pytest.raises(MissingFieldError):
        parse_anpa_1312(_item(text="\n\n"), RAW)


def test_truncated_transmission_without_etx_keeps_its_text() -> None:
    text = _item().split(ETX)[0]
    article = parse_anpa_1312(text, RAW)
    assert article.headline == "Harbour bridge reopens after repairs"
    assert article.body_text == "PORTVILLE (AP) — The bridge reopened."


def test_heading_on_one_line() -> None:
    text = ("\x01\x16\x16a0412 r i BC-Ferry-Strike 11-11 0300\x02\r\n"
            "   HALIFAX (AP) -- Crews returned.\r\n\x03")
    article = parse_anpa_1312(text, RAW)
    assert article.urgency == 5
    assert article.keywords == ["BC-Ferry-Strike", "international"]
    assert article.uri == "urn:anpa:ap:2021-11-11:bc-ferry-strike"
    assert article.body_text == "HALIFAX (AP) — Crews returned."
    assert article.headline == ""
