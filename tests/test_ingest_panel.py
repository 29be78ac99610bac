"""The "Add article" panel: paste, preview, save; bad uploads are refused with a reason; a page
over the time or memory budget is stopped in its own process and said so."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.store.event_store import open_store
from components.ui import extraction_job
from components.ui.extraction_job import Job, extract_within_budget

ARTICLE = (
    "ألماتي - وكالات\n\nالتقى وزير الخارجية الأرميني أرارات ميرزويان نظيره الأذربيجاني جيهون بيراموف "
    "في ألماتي يومي 10 و11 مايو 2024 لبحث نص معاهدة السلام <script>alert(1)</script>.\n"
)
# Dated sentences without punctuation, the shape that costs the extractor the most per byte.
HEAVY = ("التقى الوزيران في باكو يوم 5 مايو 2024 و " * 60_000).encode("utf-8")


def _panel_app() -> None:
    import streamlit as st

    from components.store.event_store import open_store
    from components.ui.add_article_panel import render_add_article_panel

    def opened(event_id: str) -> None:
        st.session_state["opened"] = event_id

    render_add_article_panel(open_store(), "en", on_saved=opened)
    st.markdown(f"opened: {st.session_state.get('opened')}")


@pytest.fixture()
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("TIMELINE_DB", str(tmp_path / "t.db"))
    open_store().close()
    return AppTest.from_function(_panel_app, default_timeout=120).run()


def test_pasted_text_is_previewed_then_saved_and_its_first_event_opens(app: AppTest) -> None:
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
    assert app.success and app.success[0].value == "Saved: 1 article, 1 event."
    with open_store() as store:
        events = store.list_events()
        assert len(events) >= 1 and {e["source"] for e in events} == {"وكالات"}
        first = app.markdown[-1].value.removeprefix("opened: ")
        assert first in {str(member) for e in events for member in e.get("member_ids") or [e["id"]]}


def test_a_page_saved_without_a_source_is_named_pasted_text(app: AppTest) -> None:
    app.text_area(key="add_article_text").set_value(ARTICLE)
    app.button(key="add_article_preview_button").click()
    app.run()
    app.button(key="add_article_save").click()
    app.run()
    assert not app.exception
    with open_store() as store:
        assert {e["source"] for e in store.list_events()} == {"pasted text"}


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


def test_extraction_in_its_own_process_gives_the_same_events() -> None:
    outcome = extract_within_budget(Job(ARTICLE.encode("utf-8"), "almaty.txt", None, "وكالات", None))
    assert outcome.error is None and outcome.over is None and outcome.result is not None
    assert [event.date_start for event in outcome.result.events] == ["2024-05-10"]
    assert outcome.result.events[0].source == "وكالات"


def test_a_page_over_the_time_budget_is_stopped() -> None:
    outcome = extract_within_budget(Job(HEAVY, "heavy.txt", None, None, None), seconds=1, memory_mb=4096)
    assert outcome.over == "time" and outcome.result is None


def test_a_page_over_the_memory_budget_is_stopped() -> None:
    outcome = extract_within_budget(Job(HEAVY, "heavy.txt", None, None, None), seconds=120, memory_mb=8)
    assert outcome.over == "memory" and outcome.result is None


def test_the_panel_says_when_a_page_exceeds_the_budget(app: AppTest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extraction_job, "TIME_BUDGET_S", 1.0)  # the budget is a setting of the module
    app.text_area(key="add_article_text").set_value(HEAVY.decode("utf-8"))
    app.button(key="add_article_preview_button").click()
    app.run()
    assert not app.exception
    (error,) = app.error
    assert "more than 1 second " in error.value and "split it" in error.value
    assert "add_article_save" not in [button.key for button in app.button]  # nothing to save
