"""Ingestion with worker processes: a killed worker is reported as its page failing (the others
are stored, the command ends with its summary and status 2), and workers end with their parent."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from components.store.event_store import open_store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus" / "articles"


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, timeout: float = 60.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.fixture()
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:24]:
        shutil.copy(path, folder / path.name)
    return folder


def start_ingest(pages: Path, db: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "components.ingest", str(pages), "--workers", "2", "--db", db],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_killed_worker_is_reported_as_its_page_failing(pages: Path, store_url: str) -> None:
    run = start_ingest(pages, store_url)
    wait_for(lambda: len(children(run.pid)) == 2, what="two workers")
    os.kill(children(run.pid)[0], signal.SIGKILL)
    out, err = run.communicate(timeout=300)
    assert "Traceback" not in out + err
    assert run.returncode == 2, err
    failed = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(failed) == 1 and "the extraction process stopped (killed by SIGKILL)" in failed[0]
    with open_store(store_url) as store:
        assert store.counts()["pages"] == 24 - 1
    again = subprocess.run(
        [sys.executable, "-m", "components.ingest", str(pages), "--db", store_url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert again.returncode == 0 and "articles added: " in again.stdout and "failed: 0" in again.stdout


def test_workers_end_with_their_parent(pages: Path, tmp_path: Path) -> None:
    run = start_ingest(pages, str(tmp_path / "t.db"))
    wait_for(lambda: len(children(run.pid)) == 2, what="two workers")
    workers = children(run.pid)
    os.kill(run.pid, signal.SIGKILL)
    run.communicate(timeout=60)
    wait_for(lambda: not any(alive(pid) for pid in workers), timeout=30, what="the workers to end")
