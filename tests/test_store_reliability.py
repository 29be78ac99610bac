"""The store under stress: concurrent writers, a killed writer, a reader during writes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from components.store.event_store import open_store

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WRITER = """
import sys, time
sys.path[:0] = [{root!r}, {here!r}]
from components.store.event_store import open_store
from test_store_fakes import numbered_result
with open_store({path!r}) as store:
    added = 0
    for n in {numbers!r}:
        added += not store.ingest_page(numbered_result(n, events_per_page={per_page})).duplicate
        print(n, flush=True)
        time.sleep({pause})
print("added", added, flush=True)
"""


def start_writer(path: str, numbers: list[int], *, per_page: int = 3, pause: float = 0.0) -> subprocess.Popen:
    """A separate Python process ingesting the numbered fake pages (a real second writer)."""
    script = WRITER.format(
        root=str(ROOT), here=str(HERE), path=str(path), numbers=numbers, per_page=per_page, pause=pause
    )
    return subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)


def added_by(writer: subprocess.Popen) -> int:
    out, _ = writer.communicate(timeout=120)
    assert writer.returncode == 0
    return int(out.splitlines()[-1].split()[1])


def assert_consistent(path: str, events_per_page: int) -> int:
    """Every page has its article and every article all of its events, and every event its merged
    event; returns the page count."""
    if not path.startswith("postgresql://"):
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    with open_store(path) as store, store.read() as db:
        pages = db.value("SELECT count(*) AS n FROM pages")
        per_page = [row["n"] for row in db.rows("SELECT count(*) AS n FROM articles GROUP BY page_hash")]
        per_article = [row["n"] for row in db.rows("SELECT count(*) AS n FROM events GROUP BY article_id")]
        assert per_page == [1] * pages
        assert per_article == [events_per_page] * pages
        assert db.value("SELECT count(*) AS n FROM merged_events") == pages * events_per_page
        return int(pages)


def test_two_processes_writing_at_once_lose_nothing_and_double_nothing(store_url: str) -> None:
    path = store_url
    open_store(path).close()
    writers = [
        start_writer(path, list(range(40)), pause=0.005),
        start_writer(path, list(range(59, 19, -1)), pause=0.005),
    ]
    assert sum(added_by(writer) for writer in writers) == 60
    assert assert_consistent(path, 3) == 60
    with open_store(path) as store:
        assert len(store.list_events()) == 180


def test_a_writer_killed_mid_batch_leaves_a_consistent_store_and_a_rerun_completes(store_url: str) -> None:
    # Big pages (transactions of a few ms) with short pauses: the kill most likely lands inside a
    # transaction, and the writer cannot finish before it.
    path, total = store_url, 80
    child = start_writer(path, list(range(total)), per_page=100, pause=0.005)
    for _ in range(30):
        assert child.stdout.readline(), "the writer ended early"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    child.stdout.close()
    stored = assert_consistent(path, 100)
    assert 30 <= stored < total
    assert added_by(start_writer(path, list(range(total)), per_page=100)) == total - stored
    assert assert_consistent(path, 100) == total


def test_reading_while_an_ingestion_writes_sees_whole_pages_only(store_url: str) -> None:
    path = store_url
    open_store(path).close()
    writer = start_writer(path, list(range(300)), pause=0.005)
    reads, sizes = 0, set()
    with open_store(path) as store:
        while writer.poll() is None or reads == 0:
            events = store.list_events()
            per_article: dict[str, int] = {}
            for event in events:
                per_article[event["article_id"]] = per_article.get(event["article_id"], 0) + 1
            assert set(per_article.values()) <= {3}, "a page seen half-written"
            sizes.add(len(events))
            reads += 1
        assert added_by(writer) == 300
        assert len(store.list_events()) == 900
    assert reads >= 2 and len(sizes) >= 2, "the reader never overlapped the writer"
