"""Every kind of filter is answered by an index, on both engines: the query plans (EXPLAIN) of the
matching events, of option counts and of the timeline's counts name the facet's index and scan
neither ``merged_events`` nor ``event_facets``. On PostgreSQL sequential scans are switched off for
the plan, so that it shows whether an index *can* answer (on a store this small the planner would
rightly prefer to read the table; ``benchmarks/bench_store.py`` prints the plans at a million).
On SQLite the planner's statistics are kept fresh by the writes themselves."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path

import pytest
from postgres_cluster import Cluster

from components.evaluation.synthetic_pages import synthetic_pages
from components.store.database import Db
from components.store.event_store import Store, open_store
from components.store.memory_views import MemoryViews
from components.store.query import Filters
from components.store.sql_filters import match_where
from components.store.sql_views import SqlViews

# One filter of each kind, with the index that must answer it on (SQLite, PostgreSQL); "a|b": either.
KINDS: dict[str, tuple[Filters, str, str]] = {
    "code list": (Filters(countries=("GE",)), "sqlite_autoindex_event_facets_1 (facet=? AND value=?)", "event_facets_pkey"),
    "code list in a column": (Filters(types=("border",)), "merged_events_filter (hidden=?|sqlite_autoindex_facet_totals_1", "merged_events_filter|facet_totals_pkey|merged_events_type_newest"),
    "name list": (Filters(actors=("Nikol Pashinyan",)), "sqlite_autoindex_event_facets_1 (facet=? AND value=?)", "event_facets_pkey"),
    "date from": (Filters(date_from=date(2025, 6, 1)), "merged_events_days (hidden=? AND day_end|merged_events_end (hidden=? AND day_end", "merged_events_days|merged_events_end"),
    "date to": (Filters(date_to=date(2020, 9, 10)), "merged_events_start (hidden=? AND day_start", "merged_events_start|merged_events_newest"),
    "free text": (Filters(q="zangezur corridor"), "merged_search VIRTUAL TABLE INDEX 0:M", "merged_events_search"),
}  # fmt: skip
TOTALS_INDEX = {"sqlite": "sqlite_autoindex_facet_totals_1", "postgresql": "facet_totals_pkey"}
GIVEN_INDEX = {"sqlite": "sqlite_autoindex_given_totals_1", "postgresql": "given_totals_pkey"}
# One chosen value's first or last day: the events of one month read over a date index.
MONTH_INDEX = {
    "sqlite": "merged_events_start (hidden=? AND day_start>? AND day_start<?)|merged_events_end (hidden=? AND day_end>? AND day_end<?)|merged_events_days (hidden=? AND day_end>? AND day_end<?)|merged_events_filter (hidden=? AND type=? AND day_start>? AND day_start<?)",
    "postgresql": "merged_events_start|merged_events_end|merged_events_days|merged_events_filter|merged_events_newest|merged_events_type_newest",
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
            expected = TOTALS_INDEX[loaded.engine] if "FROM facet_totals" in sql else index
            expected = GIVEN_INDEX[loaded.engine] if "FROM given_totals" in sql else expected
            expected = MONTH_INDEX[loaded.engine] if " BETWEEN ? AND ?" in sql else expected
            expected = "place_events_newest" if "FROM place_events p WHERE p.name_en" in sql else expected
            assert any(name in text for name in expected.split("|")), (kind, sql, text)
            assert not SCAN.search(text), (kind, sql, text)


def test_sqlite_looks_a_large_list_up_per_event_when_other_conditions_leave_fewer(
    tmp_path: Path, pages: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A country most events involve, with a type and a year: the events of the type and year are
    read first and each looked up in the country's rows, not the country's events read whole.
    (PostgreSQL's planner chooses the order from its statistics, whichever form the SQL has.)"""
    with open_store(tmp_path / "drive.db") as store:
        store.load_pages(pages)
        with store.read() as db:
            rows = db.rows("SELECT value, sum(events) AS n FROM facet_totals WHERE facet = 'countries' GROUP BY value")
        assert max(rows, key=lambda row: row["n"])["value"] in ("AM", "AZ"), "AM is among the largest lists"
        filters = Filters(countries=("AM",), types=("meeting",), date_from=date(2024, 1, 1), date_to=date(2024, 12, 31))
        matching = "SELECT count(*) AS n FROM merged_events m WHERE"
        (sql, params), *_ = [q for q in statements(store, filters, monkeypatch) if q[0].startswith(matching)]
        text = plan(store, sql, params)
        assert (
            "SEARCH l USING COVERING INDEX sqlite_autoindex_event_facets_1 (facet=? AND value=? AND event_id=?)" in text
        )
        assert re.search(r"SEARCH m USING COVERING INDEX merged_events_(filter|days)", text), text
        assert SqlViews(store).page(filters).total == SqlViews(store).summary(filters).events > 0


def test_sqlite_reads_a_date_range_from_the_bound_that_leaves_fewer_events(
    tmp_path: Path, pages: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three months at the end of the store are found by the events' last days, three months at
    its start by their first days (each bound alone would be the other's whole store)."""
    with open_store(tmp_path / "range.db") as store:
        store.load_pages(pages)
        with store.read() as db:
            span = db.one("SELECT min(day_start) AS first, max(day_end) AS last FROM merged_events WHERE hidden = 0")
        assert span is not None
        first, last = date.fromordinal(int(span["first"])), date.fromordinal(int(span["last"]))
        matching = "SELECT count(*) AS n FROM merged_events m WHERE"
        for start, index in ((last - timedelta(days=90), "day_end>?"), (first, "day_start<?")):
            filters = Filters(date_from=start, date_to=start + timedelta(days=90))
            (sql, params), *_ = [q for q in statements(store, filters, monkeypatch) if q[0].startswith(matching)]
            text = plan(store, sql, params)
            assert re.search(
                rf"SEARCH m USING (COVERING )?INDEX merged_events_\w+ \(hidden=\? AND {re.escape(index)}", text
            )
            memory = MemoryViews(store.list_events(), store.version())
            assert SqlViews(store).summary(filters) == memory.summary(filters)


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


def test_postgresql_plans_each_query_for_its_own_values(postgres_cluster: Cluster) -> None:
    """A query run many times on one pooled connection keeps being planned for its values: a generic plan,
    which PostgreSQL may settle on once psycopg prepares a repeated query, reads every row of a common value."""
    name = postgres_cluster.create_database()
    try:
        with open_store(postgres_cluster.url(name)) as store:
            store.load_pages(synthetic_pages(40, seed=5))
            views = SqlViews(store)
            for country in ["AM", "AZ", "GE", "RU", "AM", "AZ", "GE", "RU"]:
                views.summary(Filters(countries=(country,), types=("meeting",)))
            with store.read() as db:
                modes = [row["plan_cache_mode"] for row in db.rows("SHOW plan_cache_mode", ())]
        assert modes == ["force_custom_plan"]
    finally:
        postgres_cluster.drop_database(name)
