"""``python -m components.ingest URL``: a page fetched, extracted and stored with its fetch
record; every misbehaving endpoint refused with its message, exit status 2 and nothing stored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.web.helpers import count, ingest, pages, rows
from tests.web.local_server import PNG, LocalServer, news_page


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "timeline.db"


def articles(db: Path) -> list[dict]:
    return rows(db, "SELECT title, source, url, published, published_how FROM articles ORDER BY index_in_page")


def event_days(db: Path) -> set[tuple[str, str]]:
    return {(row["date_start"], row["date_end"]) for row in rows(db, "SELECT date_start, date_end FROM events")}


def test_an_article_is_stored_with_its_fetch_record(server: LocalServer, db: Path, capsys) -> None:
    server.fixture("/a.html", "article_jsonld.html", ETag='"e1"', Last_Modified="Sun, 12 May 2024 07:00:00 GMT")
    status, out, _ = ingest(capsys, db, server.url("/a.html"))
    assert status == 0
    assert out.splitlines()[:3] == ["pages added: 1 (1 articles, 2 events)", "already stored: 0", "failed: 0"]
    (page,) = pages(db)
    fetch = page["meta"]["fetch"]
    assert page["url"] == fetch["requested_url"] == fetch["final_url"] == server.url("/a.html")
    assert fetch["status"] == 200 and fetch["content_type"] == "text/html" and fetch["redirects"] == []
    assert fetch["etag"] == '"e1"' and fetch["last_modified"] == "Sun, 12 May 2024 07:00:00 GMT"
    assert fetch["fetched_at"].endswith("+00:00")
    assert page["meta"]["trafilatura"] == {
        "title": "ميرزويان وبيراموف يبحثان معاهدة السلام في ألماتي",
        "author": "سارة الكاتبة",
        "date": "2024-05-12",
        "sitename": "صحيفة الاختبار",
        "url": server.url("/a.html"),
    }
    assert page["source"] == "صحيفة الاختبار"
    (article,) = articles(db)
    assert article["published"] == "2024-05-12" and article["published_how"] == "html"
    assert article["url"] == server.url("/a.html") and article["source"] == "صحيفة الاختبار"
    assert event_days(db) == {("2024-05-10", "2024-05-11"), ("2024-05-11", "2024-05-11")}  # "أمس" = 11 May


def test_article_published_time_dates_the_article(server: LocalServer, db: Path, capsys) -> None:
    server.fixture("/b.html", "article_meta_time.html")
    assert ingest(capsys, db, server.url("/b.html"))[0] == 0
    (article,) = articles(db)
    assert (article["published"], article["published_how"]) == ("2024-06-03", "html")
    assert ("2024-06-02", "2024-06-02") in event_days(db)  # "أمس"


def test_the_pages_own_json_ld_date_comes_before_the_date_it_prints(server: LocalServer, db: Path, capsys) -> None:
    # JSON-LD says 12 May, the page prints 10 May: the page's own metadata is read first (docs/input.md)
    server.fixture("/c.html", "article_printed_date.html")
    assert ingest(capsys, db, server.url("/c.html"))[0] == 0
    (article,) = articles(db)
    assert (article["published"], article["published_how"]) == ("2024-05-12", "html")
    (page,) = pages(db)
    assert page["meta"]["published_fallback"] == "2024-05-12"  # kept, unused
    assert ("2024-05-11", "2024-05-11") in event_days(db)


def test_a_page_without_any_date_stays_undated_unless_one_is_given(server: LocalServer, tmp_path: Path, capsys) -> None:
    server.fixture("/d.html", "article_no_date.html")
    first, second = tmp_path / "one.db", tmp_path / "two.db"
    assert ingest(capsys, first, server.url("/d.html"))[0] == 0
    (article,) = articles(first)
    assert (article["published"], article["published_how"]) == (None, "unknown")
    assert "published_fallback" not in pages(first)[0]["meta"]
    assert ingest(capsys, second, server.url("/d.html"), "--published", "2024-03-05")[0] == 0
    (article,) = articles(second)
    assert (article["published"], article["published_how"]) == ("2024-03-05", "metadata")
    assert ("2024-03-04", "2024-03-04") in event_days(second)


def test_a_stored_url_is_not_fetched_again_unless_refreshed(server: LocalServer, db: Path, capsys) -> None:
    server.answer("/n.html", news_page(1))
    assert ingest(capsys, db, server.url("/n.html"))[0] == 0
    status, out, _ = ingest(capsys, db, server.url("/n.html"))
    assert status == 0 and "pages added: 0 (0 articles, 0 events)\nalready stored: 1\n" in out
    assert len(server.requests("/n.html")) == 1
    status, out, _ = ingest(capsys, db, server.url("/n.html"), "--refresh")
    assert status == 0 and "already stored: 1\n" in out  # fetched, and found unchanged
    assert len(server.requests("/n.html")) == 2 and count(db, "pages") == 1


def test_a_redirected_url_is_known_by_both_addresses(server: LocalServer, db: Path, capsys) -> None:
    server.redirect("/short/7", "/news/7.html", 301)
    server.answer("/news/7.html", news_page(7))
    assert ingest(capsys, db, server.url("/short/7"))[0] == 0
    (page,) = pages(db)
    assert page["url"] == server.url("/news/7.html")
    assert page["meta"]["fetch"]["requested_url"] == server.url("/short/7")
    assert page["meta"]["fetch"]["redirects"] == [server.url("/news/7.html")]
    for address in ("/short/7", "/news/7.html"):
        status, out, _ = ingest(capsys, db, server.url(address))
        assert status == 0 and "already stored: 1" in out
    assert len(server.requests("/short/7")) == 1 and len(server.requests("/news/7.html")) == 1


def test_a_server_error_then_success_stores_the_page(server: LocalServer, db: Path, capsys) -> None:
    server.flaky("/flaky.html", 1, news_page(3))
    status, out, _ = ingest(capsys, db, server.url("/flaky.html"))
    assert status == 0 and out.startswith("pages added: 1 (1 articles, 1 events)")
    assert len(server.requests("/flaky.html")) == 2


def _slow(server: LocalServer) -> str:
    server.slow("/slow.html", 10, news_page(1))
    return "timed out after 0.5 s (2 attempts)"


def _missing(server: LocalServer) -> str:
    return "HTTP 404 Not Found (not retried)"  # no route: the server answers 404


def _down(server: LocalServer) -> str:
    server.status("/down.html", 503)
    return "HTTP 503 Service Unavailable (2 attempts)"


def _loop(server: LocalServer) -> str:
    server.redirect("/loop.html", "/loop-b.html")
    server.redirect("/loop-b.html", "/loop.html")
    return f"redirect loop ({server.url('/loop.html')} → {server.url('/loop-b.html')} → {server.url('/loop.html')})"


def _huge(server: LocalServer) -> str:
    server.huge("/huge.html", 50 * 1024 * 1024, declared=True)
    return "page is 50 MB, the limit is 5 MB"


def _stream(server: LocalServer) -> str:
    server.huge("/stream.html", 50 * 1024 * 1024, declared=False)
    return "page is larger than the limit of 5 MB"


def _binary(server: LocalServer) -> str:
    server.answer("/binary.html", PNG)  # served as text/html
    return "binary file (looks like PNG image)"


def _pdf(server: LocalServer) -> str:
    server.answer("/report.pdf", b"%PDF-1.7 ...", "application/pdf")
    return "not an HTML page (content type: application/pdf)"


def _robots(server: LocalServer) -> str:
    server.answer("/private/a.html", news_page(1))
    return "disallowed by robots.txt"


def _empty(server: LocalServer) -> str:
    server.answer("/empty.html", b"")
    return "empty file"


MISBEHAVING: dict[str, tuple[str, Callable[[LocalServer], str]]] = {
    "slow": ("/slow.html", _slow),
    "404": ("/missing.html", _missing),
    "503": ("/down.html", _down),
    "redirect loop": ("/loop.html", _loop),
    "50 MB declared": ("/huge.html", _huge),
    "50 MB streamed": ("/stream.html", _stream),
    "binary as HTML": ("/binary.html", _binary),
    "not HTML": ("/report.pdf", _pdf),
    "robots.txt": ("/private/a.html", _robots),
    "empty": ("/empty.html", _empty),
}


@pytest.mark.parametrize("case", list(MISBEHAVING))
def test_a_misbehaving_endpoint_fails_with_its_reason_and_stores_nothing(
    server: LocalServer, db: Path, capsys, case: str
) -> None:
    path, setup = MISBEHAVING[case]
    reason = setup(server)
    server.answer("/good.html", news_page(2))
    status, out, _ = ingest(capsys, db, server.url(path), server.url("/good.html"))
    assert status == 2
    assert out.splitlines()[:4] == [
        "pages added: 1 (1 articles, 1 events)",
        "already stored: 0",
        "failed: 1",
        f"  {server.url(path)}: {reason}",
    ]
    assert [page["url"] for page in pages(db)] == [server.url("/good.html")]  # the good one only
    assert count(db, "articles") == 1 and count(db, "events") == 1


def test_dry_run_lists_what_would_be_fetched_and_fetches_nothing(server: LocalServer, db: Path, capsys) -> None:
    server.answer("/n1.html", news_page(1))
    server.answer("/n2.html", news_page(2))
    assert ingest(capsys, db, server.url("/n1.html"))[0] == 0
    status, out, _ = ingest(capsys, db, server.url("/n1.html"), server.url("/n2.html"), "--dry-run")
    assert status == 0
    assert out.splitlines()[:2] == [f"would fetch: {server.url('/n2.html')}", "would fetch 1 pages; already stored: 1"]
    assert server.requests("/n2.html") == [] and count(db, "pages") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--every", "15m"), "--every and --rounds go with --follow"),
        (("http://127.0.0.1:9/a", "--every", "15m"), "--every and --rounds go with --follow"),
        (("--follow", "feeds.toml", "--every", "soon"), "argument --every: not a duration: 'soon'"),
        (("--follow", "feeds.toml", "--every", "0.5s"), "argument --every: at least 1 s"),
        (("--follow", "feeds.toml", "--rounds", "0"), "--rounds must be at least 1"),
        (("--follow", "feeds.toml", "--feed", "http://127.0.0.1:9/f"), "--follow reads its feeds from the file"),
        (("http://127.0.0.1:9/a", "some/file.txt"), "give files or web addresses (URLs, --feed, --follow), not both"),
        (("--reextract", "--feed", "http://127.0.0.1:9/f"), "give files or web addresses"),
        (("some/file.txt", "--refresh"), "--refresh and --dry-run go with URLs, --feed or --follow"),
        (("--feed", "ftp://127.0.0.1/f"), "argument --feed: not an http(s) address: 'ftp://127.0.0.1/f'"),
        (("http://127.0.0.1:9/a", "--url", "http://x/y"), "--url names the address of local files"),
        ((), "give at least one PATH or URL, --feed, --follow, or --reextract"),
    ],
)
def test_argument_mistakes_are_explained(db: Path, capsys, args: tuple[str, ...], message: str) -> None:
    status, _, err = ingest(capsys, db, *args)
    assert status == 2 and message in err
    assert not db.exists()
