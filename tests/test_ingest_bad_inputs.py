"""``python -m components.ingest`` on inputs that once gave tracebacks: a file name that is not
UTF-8, broken metadata files, a store whose write lock another program holds, a read-only store.
Each failed input is one line, the others are stored, the summary is printed and the status is 2;
a store that cannot be opened is one error line and status 2."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bad_inputs.store_cases import READ_ONLY, read_only_file, read_only_folder

from components.store import ingest as ingest_module
from components.store.event_store import open_store

ROOT = Path(__file__).resolve().parent.parent
NOBODY = 65534
PAGE = "التقى وزير الخارجية الأرميني نظيره الأذربيجاني في ألماتي يوم {day} مايو 2024 وبحثا معاهدة السلام.\n"


def write(folder: Path, name: bytes, text: str | bytes) -> None:
    with open(os.fsencode(folder) + b"/" + name, "wb") as out:
        out.write(text.encode("utf-8") if isinstance(text, str) else text)


def ingest(folder: Path, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "components.ingest", str(folder), "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def failure_lines(stdout: str) -> list[str]:
    return [line.strip() for line in stdout.splitlines() if line.startswith("  ")]


def test_names_that_are_not_utf8_and_broken_metadata_are_lines_of_the_summary(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    write(folder, b"caf\xe9.txt", PAGE.format(day=10))
    write(folder, b"good.txt", PAGE.format(day=11))
    write(folder, b"a.txt", PAGE.format(day=12))
    write(folder, b"a.txt.meta.json", b'{"published": ')
    write(folder, b"b.txt", PAGE.format(day=13))
    write(folder, b"b.txt.meta.json", b"[1, 2]")
    write(folder, b"c.txt", PAGE.format(day=14))
    write(folder, b"c.txt.meta.json", b'{"published": "9999-12-31"}')
    db = tmp_path / "t.db"
    run = ingest(folder, db)
    assert "Traceback" not in run.stdout + run.stderr
    assert run.returncode == 2
    assert failure_lines(run.stdout) == [
        f"{folder}/a.txt: metadata file is not valid JSON (Expecting value: line 1 column 15 (char 14))",
        f"{folder}/b.txt: metadata file must hold a JSON object",
        f"{folder}/c.txt: metadata 'published': 9999-12-31 is out of range "
        "(publication dates run from 1900-01-01 to 2100-12-31)",
    ]
    assert "failed: 3" in run.stdout and "articles added: 2" in run.stdout and "events added: 2" in run.stdout
    with open_store(db) as store:
        assert sorted(e["date_start"] for e in store.list_events()) == ["2024-05-10", "2024-05-11"]
        with store.read() as conn:
            names = sorted(row["name"] for row in conn.rows("SELECT name FROM pages"))
    assert names == [f"{folder}/caf\\xe9.txt", f"{folder}/good.txt"]


def test_a_store_whose_write_lock_is_held_gives_a_line_per_page_and_status_2(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    write(folder, b"one.txt", PAGE.format(day=10))
    db = tmp_path / "t.db"
    open_store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        run = ingest(folder, db)  # waits for the busy timeout (30 s), then gives up on the page
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "Traceback" not in run.stdout + run.stderr
    assert run.returncode == 2
    assert failure_lines(run.stdout) == [
        f"{folder}/one.txt: {db}: the store is busy: another program has been writing to it for more than 30 s; "
        "try again in a moment (nothing was changed)"
    ]
    assert "failed: 1" in run.stdout and "events added: 0" in run.stdout
    again = ingest(folder, db)
    assert again.returncode == 0 and "events added: 1" in again.stdout


def _ingest_as_nobody(arguments: list[str], out: int) -> None:
    """The ingest command run in this forked process without root's rights (for whom file modes
    grant everything), its output written to ``out``."""
    os.setgid(NOBODY)
    os.setuid(NOBODY)
    os.dup2(out, 1)
    os.dup2(out, 2)
    sys.stdout = os.fdopen(1, "w", closefd=False)
    sys.stderr = os.fdopen(2, "w", closefd=False)
    try:
        status = ingest_module.main(arguments)
    except SystemExit as stop:
        status = int(stop.code or 0)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


@pytest.fixture()
def folder() -> Iterator[Path]:
    """An empty folder an unprivileged user can reach."""
    path = Path(tempfile.mkdtemp(prefix="ingest-ro-"))
    path.chmod(0o755)
    yield path
    path.chmod(0o755)
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.parametrize("make", [read_only_folder, read_only_file], ids=["read-only folder", "read-only file"])
def test_a_read_only_store_is_named_by_the_command_line(make: Callable[[Path], str], folder: Path) -> None:
    location = make(folder)
    page = Path(tempfile.mkdtemp(prefix="ingest-page-"))
    page.chmod(0o755)
    write(page, b"one.txt", PAGE.format(day=10))
    (page / "one.txt").chmod(0o644)
    status, text = run_as_nobody([str(page), "--db", location])
    shutil.rmtree(page, ignore_errors=True)
    assert "Traceback" not in text
    assert status == 2
    assert text.strip() == "error: " + READ_ONLY.format(location=location)


def run_as_nobody(arguments: list[str]) -> tuple[int | None, str]:
    """The exit status and the output of the ingest command run without root's rights."""
    read, written = os.pipe()
    child = multiprocessing.get_context("fork").Process(target=_ingest_as_nobody, args=(arguments, written))
    child.start()
    os.close(written)
    with os.fdopen(read) as output:
        text = output.read()
    child.join(120)
    return child.exitcode, text
