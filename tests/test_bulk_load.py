"""Benchmark stores are loaded in bulk (``Store.load_pages``: one transaction, one merge at the end);
their tables must be exactly what the write path leaves after ingesting the same pages one by one."""

from __future__ import annotations

from collections.abc import Callable

from components.evaluation.synthetic_pages import synthetic_pages
from components.store.database import from_json
from components.store.event_store import Store, open_store

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
    "event_places": "*",
}


def table(store: Store, name: str) -> list[tuple]:
    with store.read() as db:
        rows = db.rows(f"SELECT {TABLES[name]} FROM {name}")
    decoded = [tuple(from_json(v) if k in ("data", "profile", "meta") else v for k, v in dict(r).items()) for r in rows]
    return sorted(decoded, key=repr)


def test_a_bulk_load_leaves_the_tables_the_write_path_leaves(new_store_url: Callable[[], str]) -> None:
    pages = synthetic_pages(150, seed=5)
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
