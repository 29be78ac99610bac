"""The counts kept per chosen value (``given_totals``) equal a count over the visible events after
every kind of write (pages ingested one by one and merged, corrections of each kind and their undo,
a re-extraction, a bulk load, a copy, a rebuild of the read rows); and every view of a filter that
is one value of one list answers from them exactly what the matching rows give (the same views
with the kept rows turned off) and what the in-memory reference gives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from test_facet_totals import counted_afresh, newer_extraction

from components.evaluation.synthetic_pages import SyntheticPage, synthetic_pages
from components.store import rows
from components.store.event_store import Store, open_store
from components.store.facets import FACETS, Kind
from components.store.kept_given import ENDS, GIVEN, SCOPES, STARTS, kept_of
from components.store.memory_views import MemoryViews
from components.store.query import Filters
from components.store.rows import ARTICLES, READ_LISTS
from components.store.sql_views import SqlViews
from components.store.views import PAIR_KINDS, Sort

GivenKey = tuple[str, str, str, str, str]
COUNTED_LISTS = [f.name for f in FACETS if f.repeatable or f.kind is Kind.FLAG]
BY_DAY = ("~first", "~last", "~articles")  # kept per month, or not at all, per chosen value


class _One:
    """One event as a store's ``list_events`` gives it (for :func:`counted_afresh`)."""

    def __init__(self, event: dict) -> None:
        self._event = event

    def list_events(self) -> list[dict]:
        return [self._event]


def _month(day: int) -> str:
    return date.fromordinal(day).isoformat()[:7]


def given_afresh(store: Store) -> Counter[GivenKey]:
    """(list, chosen value, counted list, value, flags) → visible events, counted from the events."""
    totals: Counter[GivenKey] = Counter()
    facets = {f.name: f for f in FACETS}
    articles: dict[tuple[str, str, str], set[str]] = {}  # (list, chosen, flags left out) → articles
    for event in store.list_events():
        own = counted_afresh(_One(event))  # type: ignore[arg-type]  # the one method it calls
        flags = next(iter({key[2] for key in own}))
        first, last = rows.day_number(event["date_start"]), rows.day_number(event["date_end"] or event["date_start"])
        if first is not None and last is not None:
            own.update([(STARTS, _month(first), flags), (ENDS, _month(last), flags)])
        reported = {a for a in READ_LISTS[ARTICLES](event) if a}
        scopes = [scope for scope in SCOPES if not set(flags.split(",")) & set(scope.split(",")) - {""}]
        for name in GIVEN:
            for chosen in {v for v in facets[name].event_values(event) if v}:
                totals.update({(name, chosen, *key): n for key, n in own.items() if key[0] not in BY_DAY})
                for scope in scopes:
                    articles.setdefault((name, chosen, scope), set()).update(reported)
    totals.update(
        {(name, chosen, ARTICLES, scope, ""): len(found) for (name, chosen, scope), found in articles.items()}
    )
    return +totals


def kept(store: Store) -> Counter[GivenKey]:
    with store.read() as db:
        found = db.rows("SELECT list, chosen, facet, value, flags, events FROM given_totals")
    assert all(int(row["events"]) > 0 for row in found), "no row is kept at zero"
    return Counter(
        {tuple(str(row[n]) for n in ("list", "chosen", "facet", "value", "flags")): int(row["events"]) for row in found}
    )  # type: ignore[misc]  # five columns


def chosen_values(store: Store) -> Iterator[Filters]:
    """Per list: its most offered value and its least (one event or a few)."""
    counts = SqlViews(store)
    for name in GIVEN:
        offered = counts.facet_counts(Filters(), name)
        ranked = sorted(offered, key=lambda value: (-offered[value], value))
        for value in {ranked[0], ranked[-1]} if ranked else set():
            yield Filters(**{name: (value,)})
            yield Filters(**{name: (value,), "planned": True})


def answers(views: SqlViews | MemoryViews, filters: Filters) -> dict[str, object]:
    """Everything a rerun asks for with ``filters``."""
    found: dict[str, object] = {"summary": views.summary(filters)}
    for facet in [f.name for f in FACETS if f.repeatable or f.kind is Kind.FLAG]:
        found[f"counts {facet}"] = views.facet_counts(filters, facet)
    for max_marks in (1500, 10):
        found[f"timeline {max_marks}"] = views.timeline(filters, max_marks=max_marks)
    found["places"] = views.places(filters)
    found["places cut"] = views.places(filters, limit=3, per_place=1)
    for by in PAIR_KINDS:
        found[f"pairs {by}"] = views.pairs(filters, by=by)
    page = views.page(filters, limit=5, sort=Sort("date", descending=True))
    found["page"] = (page.total, [event["id"] for event in page.events])
    return found


def assert_given_right(store: Store) -> None:
    assert kept(store) == given_afresh(store)
    sql, memory = SqlViews(store), MemoryViews(store.list_events(), store.version())
    checked = list(chosen_values(store))
    assert checked, "the store offers values to choose"
    from_kept = {filters: answers(sql, filters) for filters in checked}
    for filters in checked:
        assert kept_of(sql.where(filters)) is not None, filters  # answered from the kept rows
        assert from_kept[filters] == answers(memory, filters), filters
    from_rows = SqlViews(store, per_value=False)  # the same views from the matching rows
    for filters in checked:
        assert kept_of(from_rows.where(filters)) is None, filters
        assert from_kept[filters] == answers(from_rows, filters), filters


@pytest.fixture(scope="module")
def pages() -> list[SyntheticPage]:
    return synthetic_pages(90, seed=13)


def test_every_write_keeps_the_counts_per_value_right(
    store_url: str, pages: list[SyntheticPage], monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(store_url) as store:
        for page in pages:
            store.ingest_page(page)
        assert_given_right(store)
        events = store.list_events()
        merged = next(e for e in events if e["source_count"] > 1)
        store.correct_event(merged, {"type": "protest", "countries": ["AM", "FR"]}, reason="checked", author="t")
        store.hide_event(events[1], reason="not an event", author="t")
        undone = store.correct_event(events[2], {"type": "other", "countries": ["TR"]}, reason="unsure", author="t")
        assert_given_right(store)
        store.undo_correction(undone, author="t")
        store.add_event(
            {"date_start": "1991-03-04", "type": "agreement", "countries": ["AM", "AZ"], "title_en": "Talks"},
            reason="from an archive",
            author="t",
        )
        store.reextract(newer_extraction(pages))
        assert_given_right(store)
    monkeypatch.setattr(rows, "ROWS_VERSION", rows.ROWS_VERSION + 1)  # newer read rows: rebuilt on opening
    with open_store(store_url) as store:
        assert_given_right(store)


def test_a_bulk_load_and_a_copy_keep_the_counts_per_value_right(
    store_url: str, tmp_path: Path, pages: list[SyntheticPage]
) -> None:
    with open_store(tmp_path / "bulk.db") as source, open_store(store_url) as copy:
        source.load_pages(pages[:60])
        source.hide_event(source.list_events()[0], reason="not an event", author="t")
        assert_given_right(source)
        copy.copy_from(source)
        assert_given_right(copy)


def test_the_counts_per_value_filled_afresh_equal_the_kept_ones(store_url: str, pages: list[SyntheticPage]) -> None:
    from components.store.kept_given import refill

    with open_store(store_url) as store:
        for page in pages[:40]:
            store.ingest_page(page)
        store.reextract(newer_extraction(pages))
        before = kept(store)
        with store._write() as db:
            refill(db)
        assert kept(store) == before == given_afresh(store)
