"""What the store keeps for the web package: URLs of fetched pages, and each feed's state."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from components.extract.reading import decode_page
from components.store.event_store import open_store


def _page(text: str) -> SimpleNamespace:
    return SimpleNamespace(page=decode_page(text.encode("utf-8"), "p.txt"), articles=[], events=[])


def test_a_page_is_known_by_its_final_and_its_requested_url(tmp_path: Path) -> None:
    fetch = {"requested_url": "http://127.0.0.1/short", "final_url": "http://127.0.0.1/long"}
    with open_store(tmp_path / "t.db") as store:
        store.ingest_page(_page("نص الصفحة"), url="http://127.0.0.1/long", page_meta={"fetch": fetch})
        store.ingest_page(_page("نص آخر"), url=None, page_meta={"note": "http://127.0.0.1/mentioned"})
        assert store.has_url("http://127.0.0.1/long") and store.has_url("http://127.0.0.1/short")
        assert not store.has_url("http://127.0.0.1/other")
        assert not store.has_url("http://127.0.0.1/mentioned")  # a URL elsewhere in the metadata is not a fetch
        assert not store.has_url("http://127.0.0.1/sho")


def test_a_feeds_state_is_kept_without_changing_the_stores_revision(tmp_path: Path) -> None:
    with open_store(tmp_path / "t.db") as store:
        assert store.feed_state("http://127.0.0.1/feed.xml") == {}
        before = store.version()
        store.save_feed_state("http://127.0.0.1/feed.xml", {"etag": '"v1"', "last_modified": None})
        store.save_feed_state("http://127.0.0.1/feed.xml", {"etag": '"v2"', "last_modified": "x"})
        store.save_feed_state("http://127.0.0.1/other.xml", {"etag": '"o"'})
        assert store.version() == before
    with open_store(tmp_path / "t.db") as store:
        assert store.feed_state("http://127.0.0.1/feed.xml") == {"etag": '"v2"', "last_modified": "x"}
        assert store.feed_state("http://127.0.0.1/other.xml") == {"etag": '"o"'}
        assert store.counts()["pages"] == 0
