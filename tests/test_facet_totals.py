"""The first view's option counts kept ready (``facet_totals``) equal a count over the visible
events after every kind of write: pages ingested one by one (merging reports), corrections of each
kind and their undo, a re-extraction that changes types and statuses, a bulk load, a copy, a
rebuild of the read rows (and so do the map's kept rows, ``place_events``); and the first view's
option counts, map, summary and timeline, like the Arabic names of actors and places
(``event_names``), equal the in-memory reference's."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from components.evaluation.synthetic_pages import SyntheticPage, synthetic_pages
from components.store import kept_places, rows
from components.store.event_store import Store, open_store
from components.store.facets import FACETS, Kind, facet_named
from components.store.memory_views import MemoryViews
from components.store.query import Filters
from components.store.rows import MEMBERS, PARTICIPANTS, READ_LISTS
from components.store.sql_views import SqlViews
from components.store.views import NAMED_LISTS, PAIR_KINDS

LISTS = [(f.name, f.event_values) for f in FACETS if f.repeatable or f.kind is Kind.FLAG]
COUNTED = LISTS + [(name, values) for name, values in READ_LISTS.items() if name != MEMBERS]
FLAGS = [f for f in FACETS if f.kind is Kind.FLAG]
PAIRED = [(PARTICIPANTS, READ_LISTS[PARTICIPANTS]), ("actors", facet_named("actors").event_values)]


def counted_afresh(store: Store) -> Counter[tuple[str, str, str]]:
    """(list, value, flags) → visible events, counted from the events themselves."""
    totals: Counter[tuple[str, str, str]] = Counter()
    for event in store.list_events():
        flags = ",".join(sorted(f.name for f in FLAGS if any(f.event_values(event))))
        for name, values in COUNTED:
            totals.update((name, value, flags) for value in {v for v in values(event) if v})
        kind = event.get("type") or "other"
        for name, values in PAIRED:
            chosen = sorted({v for v in values(event) if v})
            pairs = [(a, b) for n, a in enumerate(chosen) for b in chosen[n + 1 :]]
            totals.update((f"~pairs:{name}", f"{a}\x1f{b}\x1f{kind}", flags) for a, b in pairs)
        places = {
            (p.get("name_en") or "", float(p.get("lat") or 0.0), float(p.get("lon") or 0.0)) for p in event["places"]
        }
        totals.update(("~places", f"{n}\x1f{lat!r}\x1f{lon!r}\x1f{kind}", flags) for n, lat, lon in places)
        totals.update(("~summary", name, flags) for name in summary_facts(event))
        first, last = rows.day_number(event["date_start"]), rows.day_number(event["date_end"] or event["date_start"])
        if first is not None and last is not None:
            totals.update([("~first", f"{first:08d}", flags), ("~last", f"{last:08d}", flags)])
            week = date.fromordinal(first - date.fromordinal(first).weekday()).toordinal()
            totals[("~months", f"{event['date_start'][:7]}\x1f{kind}", flags)] += 1
            totals[("~weeks", f"{week:08d}\x1f{kind}", flags)] += 1
    return totals


def summary_facts(event: dict) -> list[str]:
    """What the summary counts an event as."""
    found = ["events"] + ["dated"] * (rows.day_number(event["date_start"]) is not None)
    found += ["planned"] * (event.get("status") == "planned") + ["background"] * (event.get("role") == "background")
    placed = any(p.get("lat") is not None and p.get("lon") is not None for p in event["places"])
    return found + ["unplaced"] * (not placed)


def kept(store: Store) -> Counter[tuple[str, str, str]]:
    with store.read() as db:
        found = db.rows("SELECT facet, value, flags, events FROM facet_totals")
    assert all(int(row["events"]) > 0 for row in found), "no row is kept at zero"
    return Counter({(str(r["facet"]), str(r["value"]), str(r["flags"])): int(r["events"]) for r in found})


def assert_kept_right(store: Store) -> None:
    assert kept(store) == counted_afresh(store)
    memory, sql = MemoryViews(store.list_events(), store.version()), SqlViews(store)
    for filters in (Filters(), Filters(planned=True)):
        for facet in [f.name for f in FACETS if f.repeatable] + [f.name for f in FLAGS]:
            assert sql.facet_counts(filters, facet) == memory.facet_counts(filters, facet), (filters, facet)
        assert sql.summary(filters) == memory.summary(filters)
        for max_marks, lanes in ((1500, "type"), (10, "type"), (10, "country")):  # marks, counts per week or month
            shown = sql.timeline(filters, lanes=lanes, max_marks=max_marks)
            assert shown == memory.timeline(filters, lanes=lanes, max_marks=max_marks), (filters, lanes, max_marks)
    for name in NAMED_LISTS:  # from event_names, written with the merged events
        assert sql.arabic_names(name) == memory.arabic_names(name), name
    for by in PAIR_KINDS:
        assert sql.pairs(Filters(), by=by) == memory.pairs(Filters(), by=by), by
    for filters in (Filters(), Filters(planned=True)):  # the map, from place_events
        assert sql.places(filters) == memory.places(filters), filters
        for limit, per_place in ((3, 1), (7, 2)):  # cut among places of equal counts
            shown = sql.places(filters, limit=limit, per_place=per_place)
            assert shown == memory.places(filters, limit=limit, per_place=per_place), (filters, limit)


def newer_extraction(pages: list[SyntheticPage]) -> Callable[..., SyntheticPage]:
    """Re-extraction giving every other event of a page another type and the planned status."""
    by_name = {page.page.name: page for page in pages}

    def extract(page: object, **_: object) -> SyntheticPage:
        found = by_name[page.name]  # type: ignore[attr-defined]  # a stored page, named as it was ingested
        events = [
            {**event, "type": "protest", "status": "planned"} if n % 2 else event
            for n, event in enumerate(found.events)
        ]
        return dataclasses.replace(found, events=events)

    return extract


@pytest.fixture(scope="module")
def pages() -> list[SyntheticPage]:
    return synthetic_pages(90, seed=13)


def test_every_write_keeps_the_totals_right(
    store_url: str, pages: list[SyntheticPage], monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(store_url) as store:
        for page in pages:
            store.ingest_page(page)
        assert_kept_right(store)
        events = store.list_events()
        merged = next(e for e in events if e["source_count"] > 1)
        store.correct_event(merged, {"type": "protest", "countries": ["AM", "FR"]}, reason="checked", author="t")
        store.hide_event(events[1], reason="not an event", author="t")
        undone = store.correct_event(events[2], {"type": "other", "countries": ["TR"]}, reason="unsure", author="t")
        assert_kept_right(store)
        store.undo_correction(undone, author="t")
        store.add_event(
            {"date_start": "1991-03-04", "type": "agreement", "countries": ["AM", "AZ"], "title_en": "Talks"},
            reason="from an archive",
            author="t",
        )
        assert_kept_right(store)
        store.reextract(newer_extraction(pages))
        assert_kept_right(store)
    monkeypatch.setattr(rows, "ROWS_VERSION", rows.ROWS_VERSION + 1)  # newer read rows: rebuilt on opening
    with open_store(store_url) as store:
        assert_kept_right(store)


def test_a_bulk_load_keeps_the_totals_right(tmp_path: Path, pages: list[SyntheticPage]) -> None:
    with open_store(tmp_path / "bulk.db") as store:
        store.load_pages(pages)
        assert_kept_right(store)


def test_a_copy_keeps_the_totals_right(store_url: str, tmp_path: Path, pages: list[SyntheticPage]) -> None:
    with open_store(tmp_path / "source.db") as source, open_store(store_url) as copy:
        for page in pages[:40]:
            source.ingest_page(page)
        source.hide_event(source.list_events()[0], reason="not an event", author="t")
        copy.copy_from(source)
        assert_kept_right(copy)


def test_the_map_rows_filled_afresh_equal_the_kept_ones(store_url: str, pages: list[SyntheticPage]) -> None:
    with open_store(store_url) as store:
        for page in pages[:40]:
            store.ingest_page(page)
        store.hide_event(store.list_events()[0], reason="not an event", author="t")
        store.reextract(newer_extraction(pages))  # planned events, with the flag
        before = kept(store)
        with store.read() as db:
            rows_before = sorted(tuple(row) for row in db.rows("SELECT * FROM place_events"))
        with store._write() as db:
            kept_places.refill(db)
        with store.read() as db:
            assert sorted(tuple(row) for row in db.rows("SELECT * FROM place_events")) == rows_before
        assert kept(store) == before
        assert_kept_right(store)
