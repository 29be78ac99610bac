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
    """The summary line (``**9 events · …``)."""
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
    log = " ".join(text.value for text in app.text)
    assert f"#{correction_id} · hidden · Lilit · " in log and "— not an event" in log and "Hidden: no → yes" in log
    app.text_input(key="undo_author_log").set_value("Aram")
    app.button(key=f"undo_log_{correction_id}").click()
    app.run()
    assert not app.exception
    assert summary(app).startswith("**9 events")
    assert any(f"Correction #{correction_id} undone" in message.value for message in app.success)
    with open_store() as store:
        assert [(c["action"], c["author"]) for c in store.list_corrections()] == [("edit", "Lilit"), ("undo", "Aram")]


def test_a_store_in_a_folder_that_does_not_exist_is_an_error_not_a_new_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TIMELINE_EVENTS_JSONL", raising=False)
    missing = tmp_path / "no-such-folder" / "timeline.db"
    monkeypatch.setenv("TIMELINE_DB", str(missing))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert not app.exception
    (error,) = app.error
    assert str(missing.parent) in error.value and "does not exist" in error.value
    assert not missing.parent.exists()


def open_form(app: AppTest, event_id: str) -> None:
    app.toggle(key=f"_correcting_{event_id}_en").set_value(True).run()
    assert not app.exception


@pytest.mark.parametrize(("day", "precision"), [("1938-03-15", "day"), ("2050-06-01", "month")])
def test_events_long_before_or_after_the_filters_range_open_and_can_be_corrected(
    store_path: Path, day: str, precision: str
) -> None:
    AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()  # builds the store
    with open_store() as store:
        added = store.add_event(
            {"date_start": day, "precision": precision, "type": "meeting", "countries": ["AM", "AZ"]},
            reason="missed by the extractor",
            author="Lilit",
        )
    event_id = f"manual:{added}"
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    app.query_params["event"] = event_id
    app.run()
    assert not app.exception
    assert any(f'data-event-id="{event_id}"' in element.proto.body for element in app.get("html"))
    open_form(app, event_id)
    key = f"correct_{event_id}"
    assert app.date_input(key=f"{key}_start").value.isoformat() == day
    app.selectbox(key=f"{key}_type").set_value("agreement")
    app.text_input(key=f"{key}_reason").set_value("a treaty, not talks")
    app.text_input(key=f"{key}_author").set_value("Aram")
    app.button[[b.proto.label for b in app.button].index("Save correction")].click().run()
    assert not app.exception
    assert any("Type: meeting → agreement" in message.value for message in app.success)
    with open_store() as store:
        (event,) = [e for e in store.list_events() if e["id"] == event_id]
        assert event["type"] == "agreement" and event["date_start"] == day
