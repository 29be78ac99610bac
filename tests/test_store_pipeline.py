"""End to end: the articles of tests/fixtures/merge through extraction and the store.

The four articles report the same happenings in different words and date styles; the store
must show each happening once, with all its sources and the most precise date.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from components.extract import pipeline
from components.store.event_store import Store, open_store
from components.store.ingest import ingest_paths

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "merge"


@pytest.fixture()
def store(store_url: str) -> Store:
    store = open_store(store_url)
    summary = ingest_paths(store, [FIXTURES], progress=False)
    assert not summary.failed and summary.articles_added == 4
    yield store
    store.close()


def on(store: Store, day: str) -> list[dict]:
    return [e for e in store.list_events() if e["date_start"] and e["date_start"] <= day <= e["date_end"]]


def test_the_trilateral_statement_is_one_event_with_the_day_date(store: Store) -> None:
    events = [e for e in on(store, "2020-11-09") if {"AM", "AZ"} <= set(e["countries"])]
    assert len(events) == 1, [(e["date_start"], e["type"], e["countries"]) for e in events]
    (event,) = events
    assert event["precision"] == "day" and event["date_start"] == "2020-11-09"
    assert event["source_count"] >= 2
    assert len({s["source"] for s in event["sources"]}) >= 2


def test_the_almaty_talks_are_one_event_reported_by_three_outlets(store: Store) -> None:
    events = [e for e in on(store, "2024-05-10") if e["type"] == "meeting"]
    assert len(events) == 1, [(e["date_start"], e["date_end"], e["countries"], e["places"]) for e in events]
    assert events[0]["source_count"] >= 2
    assert (events[0]["precision"], events[0]["date_start"], events[0]["date_end"]) == (
        "day",
        "2024-05-10",
        "2024-05-11",
    )


def test_different_happenings_stay_apart(store: Store) -> None:
    border = on(store, "2024-04-19")
    withdrawal = on(store, "2024-04-17")
    assert border and withdrawal
    assert not {e["id"] for e in border} & {e["id"] for e in withdrawal}


def test_every_source_points_to_a_stored_article_and_its_sentence(store: Store) -> None:
    for event in store.list_events():
        for source in event["sources"]:
            article = store.get_article(source["article_id"])
            assert article is not None and source["sentence"] in article["text"]


def test_reextracting_with_the_same_extractor_changes_nothing(store_url: str) -> None:
    with open_store(store_url) as store:
        ingest_paths(store, [FIXTURES], progress=False)
        before = store.list_events()
        store.correct_event(before[0], {"type": "meeting"}, reason="check", author="test")
        totals = store.reextract(pipeline.extract_page)
        after = store.list_events()
        assert totals["pages"] == 4 and totals["events_before"] == totals["events_after"]
        assert [e["id"] for e in after] == [e["id"] for e in before]
        assert after[0]["type"] == "meeting" and after[0]["corrected"]
