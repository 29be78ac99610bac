"""The page on the event store: built from data/articles on first use, new articles and
corrections appear on the next run without a restart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.extract.pipeline import extract_page
from components.extract.reading import decode_page
from components.store import event_store as store_module
from components.store.event_store import open_store

ROOT = Path(__file__).resolve().parent.parent
PAGE = (
    "باكو - وكالات\n\nالتقى الرئيس الأذربيجاني إلهام علييف ورئيس الوزراء الأرميني نيكول باشينيان في أبوظبي "
    "يوم 10 يوليو 2025، وبحثا معاهدة السلام.\n"
)


@pytest.fixture()
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default store location, moved to a temporary folder: as on a fresh clone, no store yet."""
    for name in ("TIMELINE_EVENTS_JSONL", "TIMELINE_DB"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "timeline.db"
    monkeypatch.setattr(store_module, "DEFAULT_DB", path)
    return path


def summary(app: AppTest) -> str:
    return next(e.value for e in app.markdown if re.match(r"\*\*\d+ events? ·", e.value))


def test_first_run_builds_the_store_from_the_shipped_articles(store_path: Path) -> None:
    assert not store_path.exists()
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert not app.exception
    assert store_path.exists()
    assert summary(app).startswith("**9 events · 2 articles · 2 sources · 9 Nov 2020 – 24 Mar 2025")


def test_ingested_articles_and_corrections_show_without_restart(store_path: Path) -> None:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert summary(app).startswith("**9 events")
    with open_store() as store:
        store.ingest_page(extract_page(decode_page(PAGE.encode("utf-8"), "abu-dhabi.txt"), source="وكالات"))
    app.run()
    assert not app.exception
    assert summary(app).startswith("**10 events · 3 articles · 3 sources")
    with open_store() as store:
        (event,) = [e for e in store.list_events() if e["date_start"] == "2025-07-10"]
        store.hide_event(event, reason="duplicate of another report", author="Lilit")
    app.run()
    assert summary(app).startswith("**9 events")


def test_a_foreign_store_file_gives_a_message_and_stays_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TIMELINE_EVENTS_JSONL", raising=False)
    foreign = tmp_path / "notes.db"
    foreign.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    before = foreign.read_bytes()
    monkeypatch.setenv("TIMELINE_DB", str(foreign))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert not app.exception
    assert app.error and "notes.db" in app.error[0].value
    assert foreign.read_bytes() == before


def test_a_hidden_event_comes_back_through_the_corrections_log(store_path: Path) -> None:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    with open_store() as store:
        event = store.list_events()[0]
        correction_id = store.hide_event(event, reason="not an event", author="Lilit")
    app.run()
    assert summary(app).startswith("**8 events")
    app.text_input(key="undo_author_log").set_value("Aram")
    app.button(key=f"undo_log_{correction_id}").click()
    app.run()
    assert not app.exception
    assert summary(app).startswith("**9 events")
    with open_store() as store:
        assert [(c["action"], c["author"]) for c in store.list_corrections()] == [("edit", "Lilit"), ("undo", "Aram")]
