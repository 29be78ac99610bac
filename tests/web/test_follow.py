"""``--follow FEEDS.toml --every DURATION``: rounds until stopped, one line each, a summary on
exit; a stop in the middle of a page leaves nothing of it."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from components.store.web.outlets import FeedsFileError, FeedSpec, load_feeds
from tests.web.guard import is_loopback
from tests.web.helpers import QUICK, count, feed_states, ingest, pages
from tests.web.local_server import LocalServer, serve_news

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "feeds.example.toml"
# the command line, with the loopback guard installed first
GUARDED_INGEST = (
    "import sys; from tests.web.guard import install; install(); "
    "from components.store.ingest import main; sys.exit(main(sys.argv[1:]))"
)


def feeds_file(tmp_path: Path, server: LocalServer, *paths: str) -> Path:
    path = tmp_path / "feeds.toml"
    entries = [f'[[feed]]\nname = "منفذ {n}"\nurl = "{server.url(p)}"\nregion = "gulf"\n' for n, p in enumerate(paths)]
    path.write_text("\n".join(entries), encoding="utf-8")
    return path


def test_the_example_file_lists_arabic_outlets_that_the_tests_never_contact() -> None:
    feeds = load_feeds(EXAMPLE)
    assert len(feeds) >= 4
    for feed in feeds:
        assert feed.url.startswith("https://") and feed.name and feed.language == "ar" and feed.region
        assert not is_loopback(feed.url.split("/")[2])
    assert "EXAMPLES ONLY" in EXAMPLE.read_text(encoding="utf-8")  # and the loopback guard keeps every test off them


def test_a_feeds_file_gives_its_feeds(tmp_path: Path) -> None:
    path = tmp_path / "f.toml"
    path.write_text('[[feed]]\nname = "أ"\nurl = "https://a.example/rss"\nlanguage = "ar"\n', encoding="utf-8")
    assert load_feeds(path) == [FeedSpec("https://a.example/rss", "أ", "ar")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[feed]\nname = 1", "not valid TOML"),
        ('title = "x"\n', "no [[feed]] entries"),
        ('[[feed]]\nname = "a"\n', "feed 1: no url"),
        ('[[feed]]\nname = "a"\nurl = "ftp://x/rss"\n', "feed 1: url 'ftp://x/rss' is not an http(s) address"),
        ('[[feed]]\nname = "a"\nurl = "https://x/rss"\nlang = "ar"\n', "feed 1: unknown field(s) lang"),
        ('[[feed]]\nname = ""\nurl = "https://x/rss"\n', "feed 1: name must be a non-empty text"),
        ('[[feed]]\nname = "a"\nurl = "https://x/rss"\n[[feed]]\nname = "b"\nurl = "https://x/rss"\n',
         "listed more than once: https://x/rss"),
        ("feed = [1, 2]\n", "feed 1: expected a table with name and url"),
    ],
)  # fmt: skip
def test_a_bad_feeds_file_is_explained(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "f.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FeedsFileError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        load_feeds(path)


def test_a_bad_feeds_file_stops_the_command_before_any_request(tmp_path: Path, capsys) -> None:
    path = tmp_path / "f.toml"
    path.write_text('[[feed]]\nname = "a"\n', encoding="utf-8")
    status, _, err = ingest(capsys, tmp_path / "t.db", "--follow", str(path))
    assert status == 2 and err.strip() == f"error: {path}: feed 1: no url"
    status, _, err = ingest(capsys, tmp_path / "t.db", "--follow", str(tmp_path / "missing.toml"))
    assert status == 2 and "missing.toml: cannot be read (No such file or directory)" in err


def test_rounds_print_one_line_each_then_a_summary(server: LocalServer, tmp_path: Path, capsys) -> None:
    serve_news(server, 3)
    server.fixture("/feed.xml", "feed_rss.xml", "application/rss+xml", ETag='"v1"')
    server.fixture("/sitemap.xml", "sitemap_news.xml", "application/xml")  # no validators: read in full
    db = tmp_path / "t.db"
    path = feeds_file(tmp_path, server, "/feed.xml", "/sitemap.xml")
    status, out, err = ingest(capsys, db, "--follow", str(path), "--every", "1s", "--rounds", "2")
    assert status == 0 and "unchanged since" not in err  # the round line counts the 304s
    lines = out.splitlines()
    assert lines[0].endswith(" round 1: 3 new, 2 known, 0 failed (2 feeds read, 0 unchanged)")
    assert lines[1].endswith(" round 2: 0 new, 2 known, 0 failed (2 feeds read, 1 unchanged)")
    assert lines[2:7] == [
        "rounds: 2",
        "pages added: 3 (3 articles, 3 events)",
        "already stored: 4",
        "feeds: 4 read, 1 unchanged (304 Not Modified)",
        "failed: 0",
    ]
    first, second = server.requests("/feed.xml")
    assert second.at - first.at >= 0.95  # rounds start --every apart
    assert pages(db)[0]["source"] == "منفذ 0" and pages(db)[0]["meta"]["feed"]["region"] == "gulf"
    assert set(feed_states(db)) == {server.url("/feed.xml"), server.url("/sitemap.xml")}


def _start(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", GUARDED_INGEST, *args, "--db", str(tmp_path / "t.db"), *QUICK],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_ctrl_c_stops_following_with_a_summary(server: LocalServer, tmp_path: Path) -> None:
    serve_news(server, 3)
    server.fixture("/feed.xml", "feed_rss.xml", "application/rss+xml", ETag='"v1"')
    process = _start(tmp_path, "--follow", str(feeds_file(tmp_path, server, "/feed.xml")), "--every", "1h")
    try:
        assert process.stdout is not None
        first = process.stdout.readline()  # waits for the first round to end
        assert first.endswith(" round 1: 3 new, 0 known, 0 failed (1 feeds read, 0 unchanged)\n")
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0
    assert out.startswith("rounds: 1\npages added: 3 (3 articles, 3 events)\n")
    assert "stopped after 1 complete rounds" in err
    assert count(tmp_path / "t.db", "pages") == 3


def test_a_stop_in_the_middle_of_a_page_leaves_nothing_of_it(server: LocalServer, tmp_path: Path) -> None:
    serve_news(server, 3)
    server.slow("/news/2.html", 60, "<html><body><p>never sent</p></body></html>")
    server.fixture("/feed.xml", "feed_rss.xml", "application/rss+xml", ETag='"v1"')
    feeds = feeds_file(tmp_path, server, "/feed.xml")
    process = _start(tmp_path, "--follow", str(feeds), "--every", "1h", "--timeout", "60")
    try:
        server.wait_for("/news/2.html")  # the page is being fetched …
        process.send_signal(signal.SIGTERM)  # … when the stop comes
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0 and "stopped after 0 complete rounds" in err
    assert out.startswith("rounds: 0\npages added: 1 (1 articles, 1 events)\n")
    db = tmp_path / "t.db"
    assert [page["url"] for page in pages(db)] == [server.url("/news/1.html")]
    assert feed_states(db) == {} and server.requests("/news/3.html") == []


def test_ctrl_c_cuts_a_one_off_feed_run_short_with_what_it_did(server: LocalServer, tmp_path: Path) -> None:
    serve_news(server, 3)
    server.slow("/news/2.html", 60, "<html><body><p>never sent</p></body></html>")
    server.fixture("/feed.xml", "feed_rss.xml", "application/rss+xml", ETag='"v1"')
    process = _start(tmp_path, "--feed", server.url("/feed.xml"), "--timeout", "60")
    try:
        server.wait_for("/news/2.html")
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130 and "stopped" in err
    assert out.startswith("pages added: 1 (1 articles, 1 events)\n")
    assert [page["url"] for page in pages(tmp_path / "t.db")] == [server.url("/news/1.html")]
    assert feed_states(tmp_path / "t.db") == {}
