"""NewsML 1.2 documents map to Articles with the agency's identity and revision signals."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.article import RawItem
from streams.errors import MissingFieldError, ParseError, UnsafeInputError
from streams.formats.newsml_12 import parse_newsml_12

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
RAW = RawItem(id="nml-raw", payload=b"", received_at="2021-11-11T12:00:00Z")


def fixture() -> str:
    return (FIXTURES / "newsml_12_item.xml").read_text(encoding="utf-8")


def _doc(management: str = "", data: str = "<p>Body line.</p>", revision: str = "1",
         extra_lines: str = "") -> str:
    return (
        '<NewsML Version="1.2"><NewsItem><Identification><NewsIdentifier>'
        "<ProviderId>ansa.it</ProviderId><DateId>20211111</DateId><NewsItemId>N1</NewsItemId>"
        f'<RevisionId PreviousRevision="0" Update="N">{revision}</RevisionId>'
        f"</NewsIdentifier></Identification><NewsManagement>{management}</NewsManagement>"
        f"<NewsComponent><NewsLines><HeadLine>Headline</HeadLine>{extra_lines}</NewsLines>"
        '<ContentItem><MediaType FormalName="Text"/>'
        f"<DataContent>{data}</DataContent></ContentItem></NewsComponent></NewsItem></NewsML>"
    )


def test_item_fields() -> None:
    article = parse_newsml_12(fixture(), RAW)
    assert article.uri == "urn:newsml:afp.com:20211111:TX-PAR-QWE42"
    assert article.headline == "Crews hold wildfire line above hill villages"
    assert article.description == "Four villages stay empty for a second night"
    assert article.byline == "Eleni Markou"
    assert article.dateline == "ATHENS, Nov 11, 2021 (AFP)"
    assert article.source == "AFP"
    assert article.language == "en"
    assert article.urgency == 2
    assert article.pubstatus == "usable"
    assert article.firstcreated == "2021-11-11T09:30:00Z"
    assert article.versioncreated == "2021-11-11T09:33:00Z"  # +0200 normalised to UTC
    assert [s.code for s in article.subjects] == ["medtop:06000000", "subj:03005000"]
    assert [p.name for p in article.places] == ["Athens", "Greece"]
    assert article.provenance.format == "newsml-1.2"


def test_revision_and_instruction_signals() -> None:
    article = parse_newsml_12(fixture(), RAW)
    assert article.version == 2
    assert article.signals.update is True
    assert article.signals.correction is True  # Instruction FormalName="Correction"
    assert article.signals.agency_id == "TX-PAR-QWE42"  # the same for every revision


def test_main_component_xhtml_body_without_caption_component() -> None:
    article = parse_newsml_12(fixture(), RAW)
    paragraphs = article.body_text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[1] == "Residents were told they could not return before Friday morning."
    assert "not story text" not in article.body_text
    assert "Crews hold wildfire line" not in article.body_text  # the XHTML <title>
    assert article.body_html is not None and article.body_html.startswith("<p>Firefighters")


def test_first_revision_is_not_an_update() -> None:
    article = parse_newsml_12(_doc(), RAW)
    assert article.version == 1 and article.signals.update is False
    assert article.uri == "urn:newsml:ansa.it:20211111:N1"
    assert article.source == "ANSA"


def test_embedded_nitf_body() -> None:
    nitf = ("<nitf><body><body.head><hedline><hl1>NITF head</hl1></hedline></body.head>"
            "<body.content><p>First.</p><p>Second.</p></body.content></body></nitf>")
    article = parse_newsml_12(_doc(data=nitf), RAW)
    assert article.body_text == "First.\n\nSecond."


def test_plain_text_data_content() -> None:
    article = parse_newsml_12(_doc(data="Line one.\n\nLine two."), RAW)
    assert article.body_text == "Line one.\n\nLine two."


@pytest.mark.parametrize(
    ("status", "expected"),
    [("Usable", "usable"), ("Withheld", "withheld"), ("Canceled", "canceled"),
     ("Embargoed", "usable")],
)
def test_status_to_pubstatus(status: str, expected: str) -> None:
    doc = _doc(management=f'<Status FormalName="{status}"/>')
    assert parse_newsml_12(doc, RAW).pubstatus == expected


def test_embargo_from_status_will_change() -> None:
    management = ('<Status FormalName="Embargoed"/><StatusWillChange>'
                  '<FutureStatus FormalName="Usable"/><DateAndTime>20211111T150000Z</DateAndTime>'
                  "</StatusWillChange>")
    assert parse_newsml_12(_doc(management=management), RAW).signals.embargoed_until == (
        "2021-11-11T15:00:00Z"
    )


def test_update_attribute_marks_update() -> None:
    doc = _doc(revision="1").replace('Update="N"', 'Update="U"')
    assert parse_newsml_12(doc, RAW).signals.update is True


def test_document_without_news_item_raises() -> None:
    with pytest.raises(MissingFieldError, match="NewsItem"):
        parse_newsml_12('<NewsML Version="1.2"><NewsEnvelope/></NewsML>', RAW)


def test_wrong_root_raises() -> None:
    with pytest.raises(ParseError, match="not <NewsML>"):
        parse_newsml_12("<nitf/>", RAW)


def test_entity_declarations_are_refused() -> None:
    doc = '<!DOCTYPE NewsML [<!ENTITY x "boom">]>' + _doc(data="&x;")
    with pytest.raises(UnsafeInputError):
        parse_newsml_12(doc, RAW)
