"""Loading many extracted pages at once (benchmark stores of up to a million events).

The pages, articles and events are written with the write path's own functions, but the merging
is done once at the end instead of after each page: every event is grouped afresh
(:func:`components.store.groups.regroup_all`) and every merged event rebuilt
(:func:`components.store.merged.rebuild_all`), as a store does after a migration. Since merging at
write time gives exactly the groups of a full merge, the tables end up as the write path would
leave them after ingesting the same pages one by one (``tests/test_bulk_load.py`` compares them).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from components.store import groups, merged, statistics
from components.store.database import Db, from_json
from components.store.writes import ExtractedPage, event_dict, event_keys, insert_articles, insert_page

EVENT_BATCH = 5000  # machine events inserted per statement batch


@dataclass(frozen=True)
class LoadOutcome:
    pages: int
    duplicates: int  # pages stored already (same content hash): nothing added
    events: int


def _keyed(result: ExtractedPage, kept: dict[str, str]) -> list[tuple[dict, str, str]]:
    """The events of the articles stored now, with their correction keys (as ``insert_events``)."""
    keyed = []
    for event in result.events:
        data = event_dict(event)
        article_hash = kept.get(data["article_id"])
        if article_hash is not None:
            keyed.append((data, *event_keys(data, article_hash, result.page.content_hash)))
    return keyed


def load_pages(db: Db, results: Iterable[ExtractedPage]) -> LoadOutcome:
    """Store every page of ``results`` in the write transaction ``db``, then merge once."""
    pages = duplicates = events = 0
    pending: list[tuple[dict, str, str]] = []
    for result in results:
        if not insert_page(db, result, None, None, None, {}):
            duplicates += 1
            continue
        pages += 1
        pending += _keyed(result, insert_articles(db, result))
        if len(pending) >= EVENT_BATCH:
            events += len(groups.insert_events(db, pending))
            pending = []
    events += len(groups.insert_events(db, pending))
    groups.regroup_all(db)
    merged.rebuild_all(db)
    statistics.analyse(db)
    db.execute("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'revision'")
    return LoadOutcome(pages, duplicates, events)


# Every table of a store, parents before the tables that refer to them, with its JSON columns.
TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pages", ("meta",)),
    ("articles", ()),
    ("events", ("data", "profile")),
    ("merge_keys", ()),
    ("event_groups", ()),
    ("corrections", ("keys", "fields", "previous")),
    ("correction_keys", ()),
    ("merged_events", ("data", "lists")),
    ("event_facets", ()),
    ("facet_totals", ()),
    ("given_totals", ()),
    ("event_places", ()),
    ("place_events", ()),
    ("event_names", ()),
    ("queue", ("meta",)),
)
COPY_BATCH = 2000


def _read_all(source: Db, table: str) -> Iterator[Any]:
    """Every row of ``table``, a batch at a time (a server-side cursor on PostgreSQL)."""
    if source.engine != "postgresql":
        yield from source.execute(f"SELECT * FROM {table}")
        return
    with source.driver.cursor(name=f"copy_{table}") as cursor:  # type: ignore[attr-defined]  # psycopg's connection
        cursor.itersize = COPY_BATCH
        cursor.execute(f"SELECT * FROM {table}")
        yield from cursor


def _rows(source: Db, table: str, json_columns: tuple[str, ...], target: Db) -> Iterator[tuple[list[str], tuple]]:
    for row in _read_all(source, table):
        values = dict(row)
        for name in json_columns:
            values[name] = target.json(from_json(values[name]))
        yield list(values), tuple(values.values())


def _write_rows(target: Db, table: str, rows: Iterator[tuple[list[str], tuple]]) -> int:
    count = 0
    for batch in groups.chunks(rows, COPY_BATCH):
        columns = batch[0][0]
        insert = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({groups.marks(columns)})"
        target.executemany(insert, [values for _, values in batch])
        count += len(batch)
    return count


def copy_tables(source: Db, target: Db) -> dict[str, int]:
    """Copy every table of the store read by ``source`` into the empty store written by ``target``
    (either engine to either): rows as they are, JSON re-encoded for the target's columns, the
    revision and what the merged rows hold kept. Returns the rows copied per table."""
    copied = {table: _write_rows(target, table, _rows(source, table, json, target)) for table, json in TABLES}
    for key in ("revision", "views"):
        value = source.value("SELECT value FROM meta WHERE key = ?", (key,))
        target.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
    if target.engine == "postgresql":
        for table in ("corrections", "queue"):
            target.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) FROM {table}"
            )
    statistics.analyse(target)
    return copied
