"""The ingestion queue: `ingest --queue` adds pages, `python -m components.worker` stores them; on
PostgreSQL several workers share the queue, and a worker killed midway loses its leases and its
pages are stored by the others: every page stored exactly once, nothing lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from components.store.event_store import open_store

ROOT = Path(__file__).resolve().parent.parent
MONTHS = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر")


def write_pages(folder: Path, count: int) -> None:
    """``count`` short pages, each reporting talks on its own day."""
    folder.mkdir()
    for n in range(count):
        day = date(2020, 1, 1) + timedelta(days=n)
        (folder / f"page-{n:04d}.txt").write_text(
            f"التقى وزير خارجية أرمينيا نظيره الأذربيجاني في باكو يوم {day.day} {MONTHS[day.month - 1]} {day.year} "
            f"لبحث ترسيم الحدود، في الجولة رقم {n}.\n",
            encoding="utf-8",
        )


def command(module: str, *args: str) -> list[str]:
    return [sys.executable, "-m", module, *args]


def run(module: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(command(module, *args), cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_queued_pages_are_stored_by_a_worker(tmp_path: Path, store_url: str) -> None:
    pages = tmp_path / "pages"
    write_pages(pages, 6)
    (pages / "empty.txt").write_bytes(b"")
    queued = run("components.ingest", "--queue", str(pages), "--published", "2024-06-01", "--db", store_url)
    assert queued.returncode == 2, queued.stderr
    assert "pages queued: 6 (0 were queued already)" in queued.stdout and "empty.txt: empty file" in queued.stdout
    again = run("components.ingest", "--queue", str(pages / "page-0000.txt"), "--db", store_url)
    assert "pages queued: 0 (1 were queued already)" in again.stdout
    with open_store(store_url) as store:
        assert store.queue_counts() == {"pending": 6, "claimed": 0, "done": 0, "failed": 0}
        assert store.counts()["pages"] == 0
    worker = run("components.worker", "--db", store_url, "--name", "w1")
    assert worker.returncode == 0, worker.stderr
    assert "pages stored: 6 (0 already stored)" in worker.stdout
    with open_store(store_url) as store:
        assert store.queue_counts() == {"pending": 0, "claimed": 0, "done": 6, "failed": 0}
        assert store.counts()["pages"] == 6
        assert {e["date_start"] for e in store.list_events()} == {f"2020-01-0{n}" for n in range(1, 7)}


def held_by(store_url: str, worker: str) -> list[int]:
    with open_store(store_url) as store, store.read() as db:
        rows = db.rows("SELECT id FROM queue WHERE worker = ? AND state = 'claimed'", (worker,))
    return [int(row["id"]) for row in rows]


def wait_for(condition, timeout: float = 300.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def test_four_workers_one_killed_store_every_page_exactly_once(tmp_path: Path, postgres_cluster) -> None:
    name = postgres_cluster.create_database()
    store_url = postgres_cluster.url(name)
    pages, total = tmp_path / "pages", 500
    write_pages(pages, total)
    assert (
        run("components.ingest", "--queue", str(pages), "--published", "2024-06-01", "--db", store_url).returncode == 0
    )
    workers = {
        f"w{n}": subprocess.Popen(
            command("components.worker", "--db", store_url, "--name", f"w{n}", "--lease", "3", "--batch", "5"),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    }
    with open_store(store_url) as store:
        wait_for(lambda: store.queue_counts()["done"] >= 100, what="a hundred pages done")
        wait_for(lambda: bool(held_by(store_url, "w0")), what="w0 holding pages")
        os.kill(workers["w0"].pid, signal.SIGKILL)
        workers["w0"].communicate(timeout=60)
        lost = held_by(store_url, "w0")
        assert lost, "the killed worker held pages"
        for worker_name in ("w1", "w2", "w3"):
            out, err = workers[worker_name].communicate(timeout=600)
            assert workers[worker_name].returncode == 0, err
            assert "Traceback" not in err
        assert store.queue_counts() == {"pending": 0, "claimed": 0, "done": total, "failed": 0}
        assert store.counts()["pages"] == total
        with store.read() as db:
            taken_over = db.rows(
                f"SELECT worker, attempts FROM queue WHERE id IN ({', '.join('?' for _ in lost)})", lost
            )
            assert {row["worker"] for row in taken_over} <= {"w1", "w2", "w3"}
            assert all(row["attempts"] >= 2 for row in taken_over)
            names = [row["name"] for row in db.rows("SELECT name FROM pages")]
        assert sorted(Path(n).name for n in names) == sorted(p.name for p in pages.iterdir())
        assert len(store.list_events()) == total
    postgres_cluster.drop_database(name)
