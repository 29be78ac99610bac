"""The test corpus (tests/corpus/articles) ingested into a store on each engine: the groups merged
at write time equal a full merge of the stored events, corrections included, and the text search
in SQL finds what the in-memory index finds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ENGINES, new_location

from components.store.database import from_json
from components.store.event_store import Store, open_store
from components.store.ingest import ingest_paths
from components.store.listing import corrected_view
from components.store.memory_views import MemoryViews
from components.store.merge import group_events
from components.store.merged import correction_dict
from components.store.query import Filters
from components.store.text_search import text_condition
from components.text.arabic import fold_key

CORPUS = Path(__file__).resolve().parent / "corpus" / "articles"


@pytest.fixture(scope="module", params=ENGINES)
def corpus_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    location, drop = new_location(request.param, tmp_path_factory.mktemp("corpus"), request)
    store = open_store(location)
    summary = ingest_paths(store, [CORPUS], progress=False)
    assert not summary.failed and summary.events_added > 100
    yield store
    store.close()
    drop()


def machine_events(store: Store) -> list[dict]:
    with store.read() as db:
        rows = db.rows("SELECT data, event_key, alt_key FROM events")
    events = []
    for row in rows:
        event = dict(from_json(row["data"]))
        event["event_key"], event["alt_key"] = row["event_key"], row["alt_key"]
        events.append(event)
    return events


def full_merge(store: Store, include_hidden: bool) -> list[dict]:
    """What the store listed before merging at write time: every event merged afresh, then corrected."""
    with store.read() as db:
        corrections = [correction_dict(row) for row in db.rows("SELECT * FROM corrections ORDER BY id")]
    return corrected_view(group_events(machine_events(store)), corrections, include_hidden=include_hidden)


def test_groups_merged_at_write_time_equal_a_full_merge(corpus_store: Store) -> None:
    listed = corpus_store.list_events(include_hidden=True)
    assert len(listed) < len(machine_events(corpus_store)), "some reports were merged"
    assert listed == full_merge(corpus_store, include_hidden=True)


def test_with_corrections_the_listing_still_equals_a_full_merge(corpus_store: Store) -> None:
    events = corpus_store.list_events()
    merged = [e for e in events if e["source_count"] > 1]
    corpus_store.correct_event(merged[0], {"type": "meeting", "countries": ["AM", "TR"]}, reason="check", author="t")
    corpus_store.hide_event(merged[1], reason="duplicate", author="t")
    edit = corpus_store.correct_event(events[-1], {"precision": "year"}, reason="vague", author="t")
    corpus_store.undo_correction(edit, author="t")
    added = corpus_store.add_event(
        {"date_start": "2024-05-20", "type": "meeting", "countries": ["AM"]}, reason="m", author="t"
    )
    corpus_store.correct_event(
        next(e for e in corpus_store.list_events() if e["id"] == f"manual:{added}"),
        {"type": "protest"},
        reason="v",
        author="t",
    )
    assert corpus_store.list_events() == full_merge(corpus_store, include_hidden=False)
    assert corpus_store.list_events(include_hidden=True) == full_merge(corpus_store, include_hidden=True)


def queries(events: list[dict]) -> list[str]:
    """Searches drawn from the corpus: Arabic and English names as written, parts of sentences,
    folded forms, and text with SQL wildcards in it."""
    found = {"باكو", "بأكو", "Baku", "BAKU", "أرمينيا", "ارمينيا", "يريفان", "قمة", "%", "_", "a_b", "100%", "\\"}
    for event in events[::7]:
        for actor in event.get("actors") or []:
            found |= {actor["name_ar"], actor["name_en"]}
        for place in event.get("places") or []:
            found.add(place["name_ar"])
        words = event["sentence"].split()
        if words:  # an event added by hand has no sentence
            found |= {" ".join(words[2:4]), words[0][:3]}
    return sorted(found)


def test_the_text_search_finds_in_sql_what_the_memory_index_finds(corpus_store: Store) -> None:
    events = corpus_store.list_events()
    reference = MemoryViews(events, "corpus")
    checked = 0
    for q in queries(events):
        expected = {e["id"] for e in reference.matching(Filters(q=q, planned=True))}  # planned ones too, as the SQL
        condition, params = text_condition(corpus_store.engine, q)
        with corpus_store.read() as db:
            rows = db.rows(f"SELECT id FROM merged_events WHERE hidden = 0 AND {condition}", params)
        assert {row["id"] for row in rows} == expected, q
        checked += bool(expected)
    assert checked > 20
    assert fold_key("بأكو") == fold_key("باكو")
