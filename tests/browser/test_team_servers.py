"""Two dashboard servers on one PostgreSQL store, as a team runs them behind a proxy: a correction
saved through one server shows in the other on that page's next run, in a real browser."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from postgres_cluster import Cluster

from components.store.event_store import open_store
from components.store.ingest import ingest_paths
from components.ui.i18n import type_label
from tests.browser.conftest import start_app, wait_ready

ROOT = Path(__file__).resolve().parents[2]
DETAILS = ".tl-details"
server = contextmanager(start_app)


@pytest.fixture(scope="module")
def team_store(postgres_cluster: Cluster) -> Iterator[str]:
    database = postgres_cluster.create_database()
    url = postgres_cluster.url(database)
    with open_store(url) as store:
        assert not ingest_paths(store, [ROOT / "data" / "articles"], progress=False).failed
    yield url
    postgres_cluster.drop_database(database)


def shown_type(page) -> str:
    return page.locator(f"{DETAILS} table.tl-fields tr").first.locator("td").inner_text().strip()


def save_type(page, new_type: str, author: str) -> None:
    page.get_by_text("Correct this event").click()
    form = page.locator('[data-testid="stForm"]').first
    form.wait_for(timeout=90_000)
    form.get_by_label("Reason").fill("checked against the article")
    form.get_by_label("Your name").fill(author)
    form.get_by_label("Type").click()
    page.get_by_role("option", name=type_label(new_type, "en"), exact=True).click()
    form.get_by_role("button", name="Save correction").click()
    page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=90_000)
    wait_ready(page)


def rerun_until_type(page, label: str) -> None:
    """Run the page's script once (Streamlit's R shortcut, as any widget change would), then wait for
    the details to show ``label``: nothing else runs this page, so only that run can bring it."""
    page.locator("body").press("r")
    page.wait_for_function(
        "([selector, label]) => document.querySelector(selector)?.innerText.trim() === label",
        arg=[f"{DETAILS} table.tl-fields tr td", label],
        timeout=90_000,
    )
    wait_ready(page)


def test_a_correction_through_one_server_shows_on_the_other_after_one_run(team_store: str, new_page) -> None:
    with open_store(team_store) as store:
        event = next(e for e in store.list_events() if e["type"] not in ("protest", "agreement"))
    with (
        server(env_extra={"TIMELINE_DB": team_store}) as first,
        server(env_extra={"TIMELINE_DB": team_store}) as second,
    ):
        assert first != second
        pages = []
        for url in (first, second):
            page = new_page({"width": 1400, "height": 1000})
            page.goto(f"{url}?event={event['id']}")
            page.wait_for_selector(f'{DETAILS}[data-event-id="{event["id"]}"]', timeout=90_000)
            wait_ready(page)
            assert shown_type(page) == type_label(event["type"], "en")
            pages.append(page)
        one, two = pages

        save_type(one, "protest", "Lilit")
        assert shown_type(one) == type_label("protest", "en")
        assert shown_type(two) == type_label(event["type"], "en")  # nothing pushed: the other page has not run yet
        rerun_until_type(two, type_label("protest", "en"))

        save_type(two, "agreement", "Aram")
        assert shown_type(two) == type_label("agreement", "en")
        rerun_until_type(one, type_label("agreement", "en"))
    with open_store(team_store) as store:
        assert [c["author"] for c in store.list_corrections()] == ["Lilit", "Aram"]
