"""Text repair: mojibake, spaces, invisible characters; idempotent on anything."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from streams.text_repair import repair_chars, repair_inline, repair_text, sanitise_html


def test_mojibake_is_decoded_and_curly_quotes_are_kept() -> None:
    assert repair_inline("â€œHelloâ€\x9d, said the cafÃ© owner") == "“Hello”, said the café owner"


def test_no_break_and_zero_width_characters_are_normalised() -> None:
    assert repair_inline("The\u00a0Independent\u200b\ufeff news") == "The Independent news"


def test_paragraph_breaks_survive_and_wrapping_is_joined() -> None:
    text = "First line\nwrapped here.\r\n\r\n\r\n  Second\tparagraph  \n\n\n"
    assert repair_text(text) == "First line wrapped here.\n\nSecond paragraph"


def test_line_structure_is_kept_for_parsers() -> None:
    assert repair_chars("Via AP news wire\r\nThursday\u00a011 November") == (
        "Via AP news wire\nThursday 11 November"
    )


def test_decomposed_accents_are_composed() -> None:
    assert repair_inline("Valparai\u0301so") == "Valparaíso"


def test_sanitiser_strips_scripts_handlers_and_javascript_urls() -> None:
    html = sanitise_html(
        '<p onclick="x()">A <a href="javascript:alert(1)">b</a><script>c()</script></p>'
    )
    assert "onclick" not in html and "javascript" not in html and "<script" not in html
    assert html.startswith("<p>A ")


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_repair_is_idempotent(text: str) -> None:
    once = repair_text(text)
    assert repair_text(once) == once
    assert repair_inline(repair_inline(text)) == repair_inline(text)
    assert repair_chars(repair_chars(text)) == repair_chars(text)
