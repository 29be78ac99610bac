"""Ingestion from files and folders: command line, summary, bad input, idempotence."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from components.store.event_store import open_store
from components.store.ingest import IngestSummary, Progress

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "000_0795dd7ba1cf26a9.txt"
MERGE_FIXTURES = ROOT / "tests" / "fixtures" / "merge"
ARABIC = "التقى وزير الخارجية الأرميني نظيره الأذربيجاني في ألماتي يومي 10 و11 مايو 2024 لبحث معاهدة السلام.\n"


def run_ingest(*args: str, db: Path | str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "components.ingest", *args, "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def table_count(db: Path | str, table: str) -> int:
    return int(query(db, f"SELECT count(*) AS n FROM {table}")[0]["n"])


def query(db: Path | str, sql: str) -> list[dict]:
    """Rows of a query on the store (either engine)."""
    with open_store(db) as store, store.read() as conn:
        return [dict(row) for row in conn.rows(sql)]


def test_progress_bar_counts_to_the_total() -> None:
    stream = io.StringIO()
    bar = Progress(20, stream=stream)
    for n in range(20):
        bar.step(f"page-{n}.txt")
    lines = stream.getvalue().splitlines()
    assert lines[-1].endswith("20/20") and "#" * 30 in lines[-1]
    assert 2 <= len(lines) <= 11


def test_summary_names_each_failure_with_its_reason() -> None:
    summary = IngestSummary(
        pages_added=2, articles_added=3, duplicates=1, events_added=7, failed=[("bad.txt", "empty file")]
    )
    text = "\n".join(summary.lines())
    assert "articles added: 3" in text and "events added: 7" in text and "duplicates: 1 pages" in text
    assert "bad.txt: empty file" in text


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "cp1256.txt").write_bytes(ARABIC.encode("cp1256"))
    (folder / "script.html").write_text(
        "<html><head><script>alert('x')</script></head><body><article><p>" + ARABIC + "</p></article></body></html>",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (folder / "huge.txt").write_bytes(ARABIC.encode("utf-8") * (6 * 1024 * 1024 // len(ARABIC.encode("utf-8"))))
    return folder


def test_cli_reports_bad_files_stores_good_ones_and_exits_2(inbox: Path, store_url: str) -> None:
    db = store_url
    run = run_ingest(str(inbox), db=db)
    assert run.returncode == 2, run.stderr
    assert "failed: 4" in run.stdout
    for name, reason in (("empty.txt", "empty"), ("binary.txt", "binary"), ("image.txt", "PNG"), ("huge.txt", "limit")):
        (line,) = [line for line in run.stdout.splitlines() if name in line]
        assert reason in line
    assert table_count(db, "pages") == 3
    names = {row["name"] for row in query(db, "SELECT name FROM pages")}
    assert not any(bad in name for name in names for bad in ("empty", "binary", "image", "huge"))
    assert table_count(db, "events") > 0
    texts = " ".join(row["text"] for row in query(db, "SELECT text FROM articles"))
    assert "alert(" not in texts


def test_ingesting_again_adds_nothing_and_exits_0(store_url: str) -> None:
    db = store_url
    first = run_ingest(str(SEED), "--source", "بوابة الوفد", "--published", "2024-06-05", db=db)
    assert first.returncode == 0, first.stderr
    events = table_count(db, "events")
    assert events > 0 and f"events added: {events}" in first.stdout
    again = run_ingest(str(SEED), db=db)
    assert again.returncode == 0
    assert "articles added: 0" in again.stdout and "duplicates: 1 pages" in again.stdout
    assert "events added: 0" in again.stdout
    assert table_count(db, "events") == events
    assert query(db, "SELECT published, source FROM pages") == [{"published": "2024-06-05", "source": "بوابة الوفد"}]


def test_parallel_extraction_stores_the_same_as_one_process(new_store_url: Callable[[], str]) -> None:
    from components.store.ingest import ingest_paths

    results = []
    for workers in (1, 2):
        with open_store(new_store_url()) as store:
            summary = ingest_paths(store, [MERGE_FIXTURES, SEED], progress=False, workers=workers)
            assert not summary.failed
            results.append((summary.articles_added, summary.events_added, store.counts()))
    assert results[0] == results[1]


def test_a_missing_default_store_is_built_from_the_articles_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from components.store import event_store as store_module
    from components.store import ingest as ingest_module

    articles = tmp_path / "articles"
    shutil.copytree(MERGE_FIXTURES, articles)
    monkeypatch.delenv("TIMELINE_DB", raising=False)
    monkeypatch.setattr(store_module, "DEFAULT_DB", tmp_path / "data" / "timeline.db")
    monkeypatch.setattr(ingest_module, "ARTICLES_DIR", articles)
    with store_module.open_store() as store:  # opening builds nothing
        assert store.counts()["pages"] == 0
    (tmp_path / "data" / "timeline.db").unlink()
    with ingest_module.open_shipped_store() as store:
        assert store.counts()["pages"] == 4
        assert store.list_events()
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["timeline.db"]


def test_reextract_runs_the_extractor_again_and_keeps_corrections(store_url: str) -> None:
    db = store_url
    assert run_ingest(str(SEED), db=db).returncode == 0
    with open_store(db) as store:
        (event,) = [e for e in store.list_events() if e["date_start"] == "2024-04-17"]
        store.correct_event(event, {"type": "statement"}, reason="Hajiyev reports a decision", author="Lilit")
    run = run_ingest("--reextract", db=db)
    assert run.returncode == 0, run.stderr
    assert "re-extracted 1 pages: 9 events before, 9 after" in run.stdout
    with open_store(db) as store:
        (event,) = [e for e in store.list_events() if e["date_start"] == "2024-04-17"]
        assert event["type"] == "statement" and event["corrected"]
    assert run_ingest(db=db).returncode == 2  # neither a path nor --reextract
