"""``python -m components.ingest --feed URL``: every item not yet stored, conditional GET on
the next read, and a feed's state kept only when all its items made it into the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.helpers import count, feed_states, ingest, pages
from tests.web.local_server import LocalServer, serve_news


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "timeline.db"


def news_requests(server: LocalServer) -> list[str]:
    return [seen.path for seen in server.seen if seen.path.startswith("/news/")]


def test_an_rss_feed_is_read_then_answered_304_the_next_time(server: LocalServer, db: Path, capsys) -> None:
    serve_news(server, 3)
    server.fixture("/feed.xml", "feed_rss.xml", "application/rss+xml", ETag='"v1"')
    status, out, err = ingest(capsys, db, "--feed", server.url("/feed.xml"), "--source", "أخبار الاختبار")
    assert status == 0
    assert out.splitlines()[:4] == [
        "pages added: 3 (3 articles, 3 events)",
        "already stored: 0",
        "feeds: 1 read, 0 unchanged (304 Not Modified)",
        "failed: 0",
    ]
    assert "3/3" in err  # the progress bar over the feed's items
    assert [page["url"] for page in pages(db)] == [server.url(f"/news/{n}.html") for n in (1, 2, 3)]
    first = pages(db)[0]
    assert first["source"] == "أخبار الاختبار"
    assert first["meta"]["feed"] == {"url": server.url("/feed.xml"), "title": "الخبر الأول", "published": "2024-05-12"}
    assert feed_states(db)[server.url("/feed.xml")]["etag"] == '"v1"'

    status, out, err = ingest(capsys, db, "--feed", server.url("/feed.xml"))
    assert status == 0
    assert out.splitlines()[:4] == [
        "pages added: 0 (0 articles, 0 events)",
        "already stored: 0",
        "feeds: 1 read, 1 unchanged (304 Not Modified)",
        "failed: 0",
    ]
    assert out.splitlines()[4].startswith("requests: 2;")  # robots.txt and the feed
    assert f"{server.url('/feed.xml')}: unchanged since it was last read (304 Not Modified)" in err
    assert server.requests("/feed.xml")[-1].headers["if-none-match"] == '"v1"'
    assert len(news_requests(server)) == 3  # no article fetched the second time


def test_last_modified_serves_for_the_conditional_get_too(server: LocalServer, db: Path, capsys) -> None:
    serve_news(server, 3)
    stamp = "Tue, 14 May 2024 09:00:00 GMT"
    server.fixture("/feed.xml", "feed_rss.xml", "application/rss+xml", Last_Modified=stamp)
    assert ingest(capsys, db, "--feed", server.url("/feed.xml"))[0] == 0
    status, out, _ = ingest(capsys, db, "--feed", server.url("/feed.xml"))
    assert status == 0 and "feeds: 1 read, 1 unchanged" in out
    assert server.requests("/feed.xml")[-1].headers["if-modified-since"] == stamp


def test_a_changed_feed_brings_only_its_new_items(server: LocalServer, db: Path, capsys) -> None:
    serve_news(server, 4)
    server.fixture("/feed.xml", "feed_rss.xml", "application/rss+xml", ETag='"v1"')
    assert ingest(capsys, db, "--feed", server.url("/feed.xml"))[0] == 0
    fourth = f"<item><title>الرابع</title><link>{server.url('/news/4.html')}</link></item></channel>"
    grown = (Path(__file__).parent.parent / "fixtures" / "web" / "feed_rss.xml").read_text(encoding="utf-8")
    server.answer("/feed.xml", grown.replace("{base}", server.base).replace("</channel>", fourth), ETag='"v2"')
    status, out, _ = ingest(capsys, db, "--feed", server.url("/feed.xml"))
    assert status == 0 and out.startswith("pages added: 1 (1 articles, 1 events)\nalready stored: 3\n")
    assert news_requests(server) == [f"/news/{n}.html" for n in (1, 2, 3, 4)]
    assert feed_states(db)[server.url("/feed.xml")]["etag"] == '"v2"'


@pytest.mark.parametrize(
    ("fixture", "content_type", "expected"),
    [("feed_atom.xml", "application/atom+xml", [1, 2]), ("sitemap_news.xml", "application/xml", [1, 2])],
)
def test_atom_feeds_and_news_sitemaps_are_read_too(
    server: LocalServer, db: Path, capsys, fixture: str, content_type: str, expected: list[int]
) -> None:
    serve_news(server, 2)
    server.fixture("/feeds/x.xml", fixture, content_type)
    status, out, _ = ingest(capsys, db, "--feed", server.url("/feeds/x.xml"))
    assert status == 0 and out.startswith(f"pages added: {len(expected)} ")
    assert [page["url"] for page in pages(db)] == [server.url(f"/news/{n}.html") for n in expected]
    assert pages(db)[0]["meta"]["feed"]["published"] == "2024-05-12"


@pytest.mark.parametrize(
    ("fixture", "reason"),
    [
        (
            "feed_broken.xml",
            "broken feed, no item could be read (not well-formed (invalid token) at line 5, column 18)",
        ),
        ("not_a_feed.html", "not an RSS or Atom feed, nor a sitemap"),
        ("sitemap_index.xml", "a sitemap index (2 sitemaps): give one of its sitemaps instead"),
    ],
)
def test_a_broken_feed_fails_with_its_reason_and_stores_nothing(
    server: LocalServer, db: Path, capsys, fixture: str, reason: str
) -> None:
    serve_news(server, 3)
    server.fixture("/feed.xml", fixture, "application/rss+xml", ETag='"v1"')
    status, out, _ = ingest(capsys, db, "--feed", server.url("/feed.xml"))
    assert status == 2
    assert out.splitlines()[2:5] == [
        "feeds: 1 read, 0 unchanged (304 Not Modified)",
        "failed: 1",
        f"  {server.url('/feed.xml')}: {reason}",
    ]
    assert count(db, "pages") == 0 and feed_states(db) == {} and news_requests(server) == []


def test_a_missing_feed_fails_with_the_http_status(server: LocalServer, db: Path, capsys) -> None:
    status, out, _ = ingest(capsys, db, "--feed", server.url("/nowhere.xml"))
    assert status == 2 and f"  {server.url('/nowhere.xml')}: HTTP 404 Not Found (not retried)" in out
    assert count(db, "pages") == 0 and feed_states(db) == {}


def test_a_truncated_feed_gives_its_readable_items_with_a_warning(server: LocalServer, db: Path, capsys) -> None:
    serve_news(server, 3)
    server.fixture("/feed.xml", "feed_truncated.xml", "application/rss+xml")
    status, out, err = ingest(capsys, db, "--feed", server.url("/feed.xml"))
    assert status == 0 and out.startswith("pages added: 2 ")
    assert (
        f"{server.url('/feed.xml')}: malformed feed (unclosed token at line 7, column 25); 2 items read anyway" in err
    )


def test_an_item_that_fails_keeps_the_feed_from_being_marked_read(server: LocalServer, db: Path, capsys) -> None:
    serve_news(server, 3)
    server.status("/news/2.html", 503)
    server.fixture("/feed.xml", "feed_rss.xml", "application/rss+xml", ETag='"v1"')
    status, out, _ = ingest(capsys, db, "--feed", server.url("/feed.xml"))
    assert status == 2 and f"  {server.url('/news/2.html')}: HTTP 503 Service Unavailable (2 attempts)" in out
    assert [page["url"] for page in pages(db)] == [server.url("/news/1.html"), server.url("/news/3.html")]
    assert feed_states(db) == {}  # so the next read is not answered 304 …
    serve_news(server, 1, first=2)  # … and the item is back
    status, out, _ = ingest(capsys, db, "--feed", server.url("/feed.xml"))
    assert status == 0 and out.startswith("pages added: 1 (1 articles, 1 events)\nalready stored: 2\n")
    assert "if-none-match" not in server.requests("/feed.xml")[-1].headers
    assert feed_states(db)[server.url("/feed.xml")]["etag"] == '"v1"'


def test_dry_run_reads_the_feed_and_lists_its_new_items_only(server: LocalServer, db: Path, capsys) -> None:
    serve_news(server, 3)
    server.fixture("/feed.xml", "feed_rss.xml", "application/rss+xml", ETag='"v1"')
    assert ingest(capsys, db, server.url("/news/2.html"))[0] == 0
    status, out, _ = ingest(capsys, db, "--feed", server.url("/feed.xml"), "--dry-run")
    assert status == 0
    assert out.splitlines()[:3] == [
        f"would fetch: {server.url('/news/1.html')}",
        f"would fetch: {server.url('/news/3.html')}",
        "would fetch 2 pages; already stored: 1",
    ]
    assert news_requests(server) == ["/news/2.html"] and count(db, "pages") == 1 and feed_states(db) == {}


def test_refresh_reads_the_feed_in_full_and_fetches_its_items_again(server: LocalServer, db: Path, capsys) -> None:
    serve_news(server, 3)
    server.fixture("/feed.xml", "feed_rss.xml", "application/rss+xml", ETag='"v1"')
    assert ingest(capsys, db, "--feed", server.url("/feed.xml"))[0] == 0
    status, out, _ = ingest(capsys, db, "--feed", server.url("/feed.xml"), "--refresh")
    assert status == 0 and out.startswith("pages added: 0 (0 articles, 0 events)\nalready stored: 3\n")
    assert "if-none-match" not in server.requests("/feed.xml")[-1].headers
    assert len(news_requests(server)) == 6 and count(db, "pages") == 3
