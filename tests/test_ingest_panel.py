"""The "Add article" panel: paste, preview, save; bad uploads are refused with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.store.event_store import open_store

ARTICLE = (
    "ألماتي - وكالات\n\nالتقى وزير الخارجية الأرميني أرارات ميرزويان نظيره الأذربيجاني جيهون بيراموف "
    "في ألماتي يومي 10 و11 مايو 2024 لبحث نص معاهدة السلام <script>alert(1)</script>.\n"
)


def _panel_app() -> None:
    from components.store.event_store import open_store
    from components.ui.add_article_panel import render_add_article_panel

    render_add_article_panel(open_store(), "en")


@pytest.fixture()
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("TIMELINE_DB", str(tmp_path / "t.db"))
    open_store().close()
    return AppTest.from_function(_panel_app, default_timeout=60).run()


def test_pasted_text_is_previewed_then_saved(app: AppTest) -> None:
    app.text_area(key="add_article_text").set_value(ARTICLE)
    app.text_input(key="add_article_source").set_value("وكالات")
    app.button(key="add_article_preview_button").click()
    app.run()
    assert not app.exception
    (table,) = app.dataframe
    assert len(table.value) >= 1 and "2024-05-10" in " ".join(table.value.iloc[:, 0])
    assert any("<script>" in text.value for text in app.text)  # article text shown as plain text
    with open_store() as store:
        assert store.counts()["events"] == 0  # nothing saved by a preview
    app.button(key="add_article_save").click()
    app.run()
    assert not app.exception
    assert app.success and "1 articles" in app.success[0].value
    with open_store() as store:
        assert store.counts()["events"] >= 1
        assert {e["source"] for e in store.list_events()} == {"وكالات"}


def test_an_empty_paste_asks_for_input(app: AppTest) -> None:
    app.button(key="add_article_preview_button").click()
    app.run()
    assert app.warning and not app.dataframe


def test_a_page_needing_its_publication_date_warns_before_saving(app: AppTest) -> None:
    app.text_area(key="add_article_text").set_value("وقال الكرملين أمس إن المحادثات مع أوكرانيا ستستأنف.\n")
    app.button(key="add_article_preview_button").click()
    app.run()
    assert not app.exception
    assert any("publication date" in warning.value for warning in app.warning)
