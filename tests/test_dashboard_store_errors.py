"""Save correction on the page when the store fails underneath it: held by another writer, or
damaged while the page is open. Each gives an error with a message, never a traceback; a busy
store can be saved to again once it is free."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.store import event_store as store_module
from components.store.event_store import open_store

ROOT = Path(__file__).resolve().parent.parent
EVENT_DAY = "2050-06-01"


@pytest.fixture()
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store of the shipped articles plus one added event, at the default location."""
    for name in ("TIMELINE_EVENTS_JSONL", "TIMELINE_DB"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "timeline.db"
    monkeypatch.setattr(store_module, "DEFAULT_DB", path)
    return path


@pytest.fixture()
def form(store_path: Path) -> Iterator[tuple[AppTest, str]]:
    """The page with an event open and its correction form filled in, not yet saved."""
    AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()  # builds the store
    with open_store() as store:
        added = store.add_event(
            {"date_start": EVENT_DAY, "precision": "day", "type": "meeting", "countries": ["AM", "AZ"]},
            reason="missed by the extractor",
            author="Lilit",
        )
    event_id = f"manual:{added}"
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    app.query_params["event"] = event_id
    app.run()
    app.toggle(key=f"_correcting_{event_id}_en").set_value(True).run()
    assert not app.exception and not app.error
    key = f"correct_{event_id}"
    app.selectbox(key=f"{key}_type").set_value("agreement")
    app.text_input(key=f"{key}_reason").set_value("a treaty, not talks")
    app.text_input(key=f"{key}_author").set_value("Aram")
    yield app, event_id


def shown(text: str) -> str:
    """An error's text as the page shows it: the markdown escapes undone."""
    return re.sub(r"\\(.)", r"\1", text)


def save(app: AppTest) -> None:
    app.button[[b.proto.label for b in app.button].index("Save correction")].click().run()


def stored_type(event_id: str) -> str:
    with open_store() as store:
        (event,) = [e for e in store.list_events(include_hidden=True) if e["id"] == event_id]
        return str(event["type"])


def test_save_while_another_program_holds_the_write_lock_says_busy_and_a_retry_saves(
    form: tuple[AppTest, str], store_path: Path
) -> None:
    app, event_id = form
    holder = sqlite3.connect(store_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        save(app)  # waits for the store's busy timeout, then gives up
        assert not app.exception
        (error,) = app.error
        message = shown(error.value)
        assert message.startswith(f"Not saved: {store_path}: the store is busy: another program has been writing")
        assert message.endswith("try again in a moment (nothing was changed). What you entered is kept.")
        assert stored_type(event_id) == "meeting"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    save(app)  # the form kept what was typed: saving again is the retry
    assert not app.exception and not app.error
    assert any("Type: meeting → agreement" in message.value for message in app.success)
    assert stored_type(event_id) == "agreement"


def _damage(path: Path) -> None:
    """Overwrite every page after the first (the schema) with garbage, as a failing disk would."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = bytes((n * 37 + 11) % 256 for n in range(len(data) - page))
    path.write_bytes(bytes(data))


def test_save_on_a_store_damaged_while_the_page_is_open_gives_a_message(
    form: tuple[AppTest, str], store_path: Path
) -> None:
    app, _ = form
    _damage(store_path)
    save(app)
    assert not app.exception
    assert app.error
    message = shown(app.error[0].value)
    assert str(store_path) in message and "the store file is damaged (database disk image is malformed)" in message
    assert "restore the file from a backup copy" in message


def _damage_table(path: Path, table: str) -> None:
    """Overwrite the first page of one table with garbage: the rest of the store still reads."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    start = (root - 1) * size
    data[start : start + size] = bytes((n * 37 + 11) % 256 for n in range(size))
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("table", ["merged_events", "corrections"])
def test_a_table_damaged_while_the_page_is_open_gives_a_message(
    form: tuple[AppTest, str], store_path: Path, table: str
) -> None:
    app, _ = form
    _damage_table(store_path, table)
    save(app)
    assert not app.exception
    assert app.error
    messages = [shown(error.value) for error in app.error]
    assert any(f"{store_path}: the store file is damaged (database disk image is malformed)" in m for m in messages)


def test_a_page_opened_while_another_program_holds_the_write_lock_shows_the_events(store_path: Path) -> None:
    """Readers never queue behind a writer: had the page waited for the lock, it would have run into
    the busy timeout and shown the busy error instead of the events."""
    AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()  # builds the store
    holder = sqlite3.connect(store_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE meta SET value = value WHERE key = 'revision'")
    try:
        app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
        assert not app.exception and not app.error
        assert app.title[0].value == "Diplomatic Timeline"
        assert any(e.value.startswith("**9 events · 2 articles") for e in app.markdown)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_store_file_replaced_while_the_page_is_open_is_named_and_nothing_is_written_to_it(
    form: tuple[AppTest, str], store_path: Path
) -> None:
    app, event_id = form
    backup = store_path.with_name("backup.db")
    with sqlite3.connect(store_path) as source, sqlite3.connect(backup) as target:
        source.backup(target)
    source.close()
    target.close()
    os.replace(backup, store_path)  # a backup put back under the running page
    save(app)  # the run reads the store before it saves: the page says what happened and what to do
    assert not app.exception
    (error,) = app.error
    message = shown(error.value)
    assert message.startswith(f"The event store cannot be opened: {store_path}: the store file was replaced")
    assert "restart the dashboard" in message
    assert stored_type(event_id) == "meeting"  # the file at the path is whole, and nothing went to the old one
