"""The "Add article" panel when the store cannot take the page, and the date warnings of its preview:
a failed save says why and keeps the preview, so that saving again once the store is free stores it; a
page over the memory budget says so."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.store.event_store import open_store

ARTICLE = (
    "ألماتي - وكالات\n\nالتقى وزير الخارجية الأرميني أرارات ميرزويان نظيره الأذربيجاني جيهون بيراموف "
    "في ألماتي يوم 10 مايو 2024 لبحث نص معاهدة السلام.\n"
)
IMPOSSIBLE = "وقال المتحدث إن الطرفين وقعا الاتفاق في 31 فبراير 2024 في العاصمة.\n"


def _panel_app() -> None:
    from components.store.event_store import open_store
    from components.ui.add_article_panel import render_add_article_panel

    render_add_article_panel(open_store(busy_timeout_s=0.5), "en")  # waits half a second for the write lock


@pytest.fixture()
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "t.db"
    monkeypatch.setenv("TIMELINE_DB", str(path))
    open_store().close()
    return path


def preview(text: str) -> AppTest:
    app = AppTest.from_function(_panel_app, default_timeout=120).run()
    app.text_area(key="add_article_text").set_value(text)
    app.button(key="add_article_preview_button").click()
    app.run()
    assert not app.exception
    return app


def test_a_save_the_store_refuses_says_why_and_saving_again_stores_the_page(store_path: Path) -> None:
    app = preview(ARTICLE)
    holder = sqlite3.connect(store_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        app.button(key="add_article_save").click()
        app.run()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not app.exception
    errors = [error.value for error in app.error]
    assert len(errors) == 1 and "the store is busy" in errors[0] and "try again in a moment" in errors[0]
    assert not any("Saved" in message.value for message in app.success)
    with open_store() as store:
        assert store.counts()["events"] == 0
    app.button(key="add_article_save").click()  # the preview is still there: saving again is the retry
    app.run()
    assert not app.exception and not app.error
    assert app.success and app.success[0].value == "Saved: 1 article, 1 event."
    with open_store() as store:
        assert [e["date_start"] for e in store.list_events()] == ["2024-05-10"]


def test_an_impossible_date_is_a_warning_of_the_preview(store_path: Path) -> None:
    app = preview(IMPOSSIBLE)
    warnings = [warning.value for warning in app.warning if warning.value.startswith("A date was found but not used")]
    assert len(warnings) == 1 and "31 فبراير 2024" in warnings[0]


def test_a_page_over_the_memory_budget_says_so_and_the_next_page_is_previewed(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from components.ui import extraction_job

    monkeypatch.setattr(extraction_job, "MEMORY_BUDGET_MB", 8)  # the budget is a setting of the module
    heavy = "التقى الوزيران في باكو يوم 5 مايو 2024 و " * 60_000
    app = preview(heavy)
    (error,) = app.error
    assert error.value.startswith("Not added: this page needs more than 8 MB of memory to read and was stopped")
    assert "add_article_save" not in [button.key for button in app.button]
    monkeypatch.setattr(extraction_job, "MEMORY_BUDGET_MB", 1024)
    app.text_area(key="add_article_text").set_value(ARTICLE)
    app.button(key="add_article_preview_button").click()
    app.run()
    assert not app.exception and not app.error
    assert "add_article_save" in [button.key for button in app.button]
