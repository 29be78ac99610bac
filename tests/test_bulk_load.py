"""Benchmark stores are loaded in bulk (``Store.load_pages``: one transaction, one merge at the end);
their tables must be exactly what the write path leaves after ingesting the same pages one by one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from postgres_cluster import Cluster

from components.evaluation.synthetic_pages import SyntheticPage, synthetic_pages
from components.store.bulk_load import TABLES as COPIED_TABLES
from components.store.database import from_json
from components.store.event_store import Store, StoreError, open_store

# Every table the write path fills, with the columns that identify a row (``added_at``, the time a
# page was stored, differs by nature).
TABLES = {
    "pages": "content_hash, name, text, published, source, url, meta, extractor_version",
    "articles": "*",
    "events": "*",
    "merge_keys": "*",
    "event_groups": "*",
    "merged_events": "*",
    "event_facets": "*",
    "facet_totals": "*",
    "event_places": "*",
    "event_names": "*",
    "corrections": "*",
    "correction_keys": "*",
}
JSON_COLUMNS = {column for _, columns in COPIED_TABLES for column in columns}  # decoded before comparing


def table(store: Store, name: str) -> list[tuple]:
    with store.read() as db:
        rows = db.rows(f"SELECT {TABLES[name]} FROM {name}")
    decoded = [tuple(from_json(v) if k in JSON_COLUMNS else v for k, v in dict(r).items()) for r in rows]
    return sorted(decoded, key=repr)


@pytest.fixture(scope="module")
def pages() -> list[SyntheticPage]:
    return synthetic_pages(150, seed=5)


def test_a_bulk_load_leaves_the_tables_the_write_path_leaves(
    new_store_url: Callable[[], str], pages: list[SyntheticPage]
) -> None:
    with open_store(new_store_url()) as one_by_one, open_store(new_store_url()) as bulk:
        for page in pages:
            one_by_one.ingest_page(page)
        outcome = bulk.load_pages(pages)
        assert outcome.pages == len(pages) and outcome.events == sum(len(page.events) for page in pages)
        for name in TABLES:
            assert table(bulk, name) == table(one_by_one, name), name
        assert len(bulk.list_events()) < outcome.events, "reports of one happening were merged"
        assert bulk.list_events() == one_by_one.list_events()
        assert bulk.load_pages(pages[:3]).duplicates == 3


def test_a_store_copied_to_the_other_engine_has_the_same_tables(
    tmp_path: Path, postgres_cluster: Cluster, pages: list
) -> None:
    """SQLite → PostgreSQL → SQLite: every table arrives as it was, and each copy answers like a store
    loaded directly (a correction made after the copy included)."""
    database = postgres_cluster.create_database()
    try:
        with (
            open_store(tmp_path / "first.db") as first,
            open_store(postgres_cluster.url(database)) as second,
            open_store(tmp_path / "third.db") as third,
        ):
            first.load_pages(pages)
            first.hide_event(first.list_events()[0], reason="duplicate", author="t")
            copied = second.copy_from(first)
            assert copied["merged_events"] == len(first.list_events(include_hidden=True))
            third.copy_from(second)
            for name in TABLES:
                assert table(second, name) == table(first, name), name
                assert table(third, name) == table(first, name), name
            for store in (second, third):
                assert store.version().split(":")[-1] == first.version().split(":")[-1]
                assert store.list_events(include_hidden=True) == first.list_events(include_hidden=True)
                store.correct_event(store.list_events()[0], {"type": "protest"}, reason="checked", author="t")
                assert store.list_events()[0]["type"] == "protest"
            with pytest.raises(StoreError):
                third.copy_from(first)
    finally:
        postgres_cluster.drop_database(database)
