"""The Add-article panel's web address field: fetch, preview, save with the fetch record."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.store.event_store import open_store
from tests.web.helpers import pages
from tests.web.local_server import LocalServer


def _panel_app() -> None:
    from components.store.event_store import open_store
    from components.ui.add_article_panel import render_add_article_panel

    render_add_article_panel(open_store(), "en")


@pytest.fixture()
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("TIMELINE_DB", str(tmp_path / "t.db"))
    monkeypatch.setenv("TIMELINE_FETCH_PRIVATE", "1")  # the test server is on 127.0.0.1
    open_store().close()
    return AppTest.from_function(_panel_app, default_timeout=60).run()


def test_a_web_page_is_fetched_previewed_then_saved_with_its_fetch_record(
    app: AppTest, server: LocalServer, tmp_path: Path
) -> None:
    server.fixture("/a.html", "article_jsonld.html")
    app.text_input(key="add_article_fetch_url").set_value(f"  {server.url('/a.html')} ")
    app.button(key="add_article_preview_button").click()
    app.run()
    assert not app.exception and not app.error
    (table,) = app.dataframe
    assert "2024-05-10 – 2024-05-11" in " ".join(table.value.iloc[:, 0])
    assert len(server.requests("/a.html")) == 1 and pages(tmp_path / "t.db") == []  # a preview stores nothing
    app.button(key="add_article_save").click()
    app.run()
    assert not app.exception and app.success and "1 article, 2 events" in app.success[0].value
    (page,) = pages(tmp_path / "t.db")
    assert page["url"] == server.url("/a.html") and page["source"] == "صحيفة الاختبار"
    assert page["meta"]["fetch"]["requested_url"] == server.url("/a.html")
    assert page["meta"]["published_fallback"] == "2024-05-12"
    assert len(server.requests("/a.html")) == 1  # saving does not fetch again


def test_a_page_that_cannot_be_fetched_says_why_and_saves_nothing(
    app: AppTest, server: LocalServer, tmp_path: Path
) -> None:
    app.text_input(key="add_article_fetch_url").set_value(server.url("/gone.html"))
    app.button(key="add_article_preview_button").click()
    app.run()
    assert not app.exception
    assert [error.value for error in app.error] == ["Not added: HTTP 404 Not Found \\(not retried\\)"]
    assert "add_article_save" not in [button.key for button in app.button]  # nothing to save
    assert pages(tmp_path / "t.db") == []


def test_the_dashboard_does_not_fetch_addresses_of_the_local_network(
    app: AppTest, server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.fixture("/a.html", "article_jsonld.html")
    monkeypatch.delenv("TIMELINE_FETCH_PRIVATE")
    app.text_input(key="add_article_fetch_url").set_value(server.url("/a.html"))
    app.button(key="add_article_preview_button").click()
    app.run()
    assert not app.exception
    assert [error.value for error in app.error] == [
        "Not added: refused\\: 127\\.0\\.0\\.1 is an address of the local network, not a public web site"
    ]
    assert server.requests("/a.html") == [] and pages(tmp_path / "t.db") == []
