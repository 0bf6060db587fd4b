"""Ingest reads files and folders in a stable order and keeps every item's bytes untouched."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from streams.ingest import items_from_bytes, read_items

RSS_TWO = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
<item><guid>a-1</guid><title>One</title><description>First story body.</description></item>
<item><guid>a-2</guid><title>Two</title><description>Second story body.</description></item>
</channel></rss>"""


def test_a_folder_is_read_in_sorted_order_skipping_non_item_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("second")
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "README.md").write_text("not an item")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("hidden")
    items = list(read_items([str(tmp_path)], feed="f"))
    assert [Path(i.path or "").name for i in items] == ["a.json", "b.txt"]
    assert {i.feed for i in items} == {"f"}


def test_undecodable_bytes_are_kept_as_they_are(tmp_path: Path) -> None:
    blob = bytes(range(256))
    (tmp_path / "x.txt").write_bytes(blob)
    [item] = read_items([str(tmp_path / "x.txt")])
    assert item.payload == blob


def test_a_multi_item_feed_becomes_one_raw_item_per_entry() -> None:
    items = items_from_bytes(RSS_TWO, "feed.xml", "desk")
    assert len(items) == 2
    assert len({i.id for i in items}) == 2
    assert b"a-1" in items[0].payload and b"a-2" not in items[0].payload


def test_the_same_file_gets_the_same_id_twice(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("A story.")
    first = next(read_items([str(tmp_path)]))
    second = next(read_items([str(tmp_path)]))
    assert first.id == second.id


def test_a_missing_path_is_an_error() -> None:
    with pytest.raises(FileNotFoundError):
        list(read_items(["/nonexistent/wire"]))


def test_an_ap_feed_page_becomes_one_raw_item_per_item() -> None:
    page = {"data": {"items": [
        {"item": {"altids": {"itemid": f"id{i}"}, "headline": f"Story {i}",
                  "headline_extended": "x", "body_text": f"Body {i}."}} for i in range(3)
    ]}}
    items = items_from_bytes(orjson.dumps(page), "page.json", "ap")
    assert len(items) == 3
    assert b"id1" in items[1].payload and b"id2" not in items[1].payload
