"""Every kind of filter is answered by an index, on both engines: the query plans (EXPLAIN) of the
matching events, of option counts and of the timeline's counts name the facet's index and scan
neither ``merged_events`` nor ``event_facets``. On PostgreSQL sequential scans are switched off for
the plan, so that it shows whether an index *can* answer (on a store this small the planner would
rightly prefer to read the table; ``benchmarks/bench_store.py`` prints the plans at a million).
On SQLite the planner's statistics are kept fresh by the writes themselves."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest

from components.evaluation.synthetic_pages import synthetic_pages
from components.store.database import Db
from components.store.event_store import Store, open_store
from components.store.query import Filters
from components.store.sql_filters import match_where
from components.store.sql_views import SqlViews

# One filter of each kind, with the index that must answer it on (SQLite, PostgreSQL); "a|b": either.
KINDS: dict[str, tuple[Filters, str, str]] = {
    "code list": (Filters(countries=("GE",)), "sqlite_autoindex_event_facets_1 (facet=? AND value=?)", "event_facets_pkey"),
    "code list in a column": (Filters(types=("border",)), "merged_events_filter (hidden=?|sqlite_autoindex_facet_totals_1", "merged_events_filter|facet_totals_pkey"),
    "name list": (Filters(actors=("Nikol Pashinyan",)), "sqlite_autoindex_event_facets_1 (facet=? AND value=?)", "event_facets_pkey"),
    "date from": (Filters(date_from=date(2025, 6, 1)), "merged_events_days (hidden=? AND day_end|merged_events_end (hidden=? AND day_end", "merged_events_days|merged_events_end"),
    "date to": (Filters(date_to=date(2020, 9, 10)), "merged_events_start (hidden=? AND day_start", "merged_events_start"),
    "free text": (Filters(q="zangezur corridor"), "merged_search VIRTUAL TABLE INDEX 0:M", "merged_events_search"),
}  # fmt: skip
# A table read whole: SQLite's "SCAN <table or alias>" (with or without an index), PostgreSQL's "Seq Scan".
SCAN = re.compile(r"\bSCAN (m|merged_events|f|event_facets|p|event_places|a|b)\b|Seq Scan")


def statements(store: Store, filters: Filters, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple]]:
    """The SQL the views run for every part of a page filtered by ``filters`` (observed, then run)."""
    seen: list[tuple[str, tuple]] = []
    execute = Db.execute

    def recording(db: Db, sql: str, params: Sequence[object] = ()) -> object:
        seen.append((sql, tuple(params)))
        return execute(db, sql, params)

    with monkeypatch.context() as patched:
        patched.setattr(Db, "execute", recording)
        views = SqlViews(store)
        views.summary(filters)
        views.page(filters)
        views.facet_counts(filters, "types")
        views.timeline(filters, max_marks=0)
        views.timeline(filters, lanes="country", max_marks=0)
        views.places(filters)
        views.pairs(filters)
    return [(sql, params) for sql, params in seen if "meta" not in sql]


@pytest.fixture(scope="module")
def pages() -> list:
    return synthetic_pages(2000, seed=3)


@pytest.fixture()
def loaded(store_url: str, pages: list) -> Iterator[Store]:
    with open_store(store_url) as store:
        store.load_pages(pages)
        store.add_event(
            {"date_start": "2024-05-20", "type": "meeting", "countries": ["AM"], "title_en": "Zangezur corridor talks"},
            reason="missed",
            author="t",
        )
        yield store


def plan(store: Store, sql: str, params: tuple) -> str:
    with store.read() as db:
        if store.engine == "postgresql":
            db.execute("SET LOCAL enable_seqscan = off")
            return "\n".join(row["QUERY PLAN"] for row in db.rows(f"EXPLAIN {sql}", params))
        return "\n".join(row["detail"] for row in db.rows(f"EXPLAIN QUERY PLAN {sql}", params))


def test_every_kind_of_filter_is_answered_by_its_index(loaded: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    for kind, (filters, sqlite_index, postgres_index) in KINDS.items():
        index = sqlite_index if loaded.engine == "sqlite" else postgres_index
        queries = statements(loaded, filters, monkeypatch)
        assert len(queries) >= 8, queries
        for sql, params in queries:
            text = plan(loaded, sql, params)
            assert any(name in text for name in index.split("|")), (kind, sql, text)
            assert not SCAN.search(text), (kind, sql, text)


def test_sqlite_statistics_follow_a_store_that_grows_page_by_page(tmp_path: Path, pages: list) -> None:
    """Statistics taken when the store held a few events would make SQLite scan them all."""
    with open_store(tmp_path / "growing.db") as store:
        for page in pages[:300]:
            store.ingest_page(page)
        where = match_where(store.engine, Filters(countries=("GE",)))
        text = plan(store, f"SELECT m.id FROM merged_events m WHERE {where.sql}", where.params)
        assert re.search(r"SEARCH m USING (COVERING )?INDEX \w+ \(id=\?", text), text
        where = match_where(store.engine, Filters(types=("border",)))
        text = plan(store, f"SELECT m.id FROM merged_events m WHERE {where.sql}", where.params)
        assert "SEARCH m USING COVERING INDEX merged_events_filter (hidden=? AND type=?)" in text, text
