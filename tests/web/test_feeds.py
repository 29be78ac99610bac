"""Feeds and sitemaps → article URLs (parsing only: no server needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.store.web.feeds import FeedError, FeedItem, parse_feed
from tests.web.local_server import FIXTURES, PNG

BASE = "http://127.0.0.1:8000"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", BASE).encode("utf-8")


def test_rss_items_with_their_titles_and_dates() -> None:
    feed = parse_feed(fixture("feed_rss.xml"), f"{BASE}/feed.xml", "application/rss+xml")
    assert feed.kind == "rss20" and feed.title == "أخبار الاختبار" and feed.warning is None
    assert feed.items == (
        FeedItem(f"{BASE}/news/1.html", "الخبر الأول", "2024-05-12"),
        FeedItem(f"{BASE}/news/2.html", "الخبر الثاني", "2024-05-13"),
        FeedItem(f"{BASE}/news/3.html", "الخبر الثالث", "2024-05-14"),
    )  # the item without a link is left out


def test_atom_relative_links_are_resolved_against_the_feed() -> None:
    feed = parse_feed(fixture("feed_atom.xml"), f"{BASE}/feeds/atom.xml", "application/atom+xml")
    assert feed.kind == "atom10"
    assert [item.url for item in feed.items] == [f"{BASE}/news/1.html", f"{BASE}/news/2.html"]
    assert [item.published for item in feed.items] == ["2024-05-12", "2024-05-13"]  # published, else updated


def test_a_news_sitemap_gives_its_urls_titles_and_dates() -> None:
    feed = parse_feed(fixture("sitemap_news.xml"), f"{BASE}/sitemap.xml", "application/xml")
    assert feed.kind == "sitemap"
    assert feed.items == (
        FeedItem(f"{BASE}/news/1.html", "الخبر الأول", "2024-05-12"),
        FeedItem(f"{BASE}/news/2.html", None, "2024-05-13"),
    )


def test_a_sitemap_index_asks_for_one_of_its_sitemaps() -> None:
    with pytest.raises(FeedError, match=r"^a sitemap index \(2 sitemaps\): give one of its sitemaps instead$"):
        parse_feed(fixture("sitemap_index.xml"), f"{BASE}/sitemap.xml")


def test_a_broken_feed_is_refused_with_the_parsers_reason() -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(fixture("feed_broken.xml"), f"{BASE}/feed.xml", "application/rss+xml")
    assert (
        str(caught.value) == "broken feed, no item could be read (not well-formed (invalid token) at line 5, column 18)"
    )


def test_a_truncated_feed_gives_the_items_before_the_break_with_a_warning() -> None:
    feed = parse_feed(fixture("feed_truncated.xml"), f"{BASE}/feed.xml", "application/rss+xml")
    assert [item.url for item in feed.items] == [f"{BASE}/news/1.html", f"{BASE}/news/2.html"]
    assert feed.warning == "malformed feed (unclosed token at line 7, column 25); 2 items read anyway"


@pytest.mark.parametrize("data", [fixture("not_a_feed.html"), b"just some text", PNG])
def test_what_is_not_a_feed_is_refused(data: bytes) -> None:
    with pytest.raises(FeedError, match=r"not an RSS or Atom feed, nor a sitemap|broken feed"):
        parse_feed(data, f"{BASE}/feed.xml", "text/html")


def test_items_are_listed_once_and_only_web_addresses(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>t</title><link>{link}</link></item>"
        for link in (f"{BASE}/a", f"{BASE}/a", "javascript:alert(1)", "mailto:x@example.org", "/b")
    )
    data = f'<rss version="2.0"><channel><title>x</title>{items}</channel></rss>'.encode()
    assert [item.url for item in parse_feed(data, f"{BASE}/feed.xml").items] == [f"{BASE}/a", f"{BASE}/b"]


def test_a_sitemap_cannot_read_local_files_through_entities(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{BASE}/a?&x;</loc></url></urlset>"
    ).encode()
    feed = parse_feed(data, f"{BASE}/sitemap.xml")
    assert all("SECRET" not in item.url for item in feed.items)
