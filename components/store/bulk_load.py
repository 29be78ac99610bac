"""Loading many extracted pages at once (benchmark stores of up to a million events).

The pages, articles and events are written with the write path's own functions, but the merging
is done once at the end instead of after each page: every event is grouped afresh
(:func:`components.store.groups.regroup_all`) and every merged event rebuilt
(:func:`components.store.merged.rebuild_all`), as a store does after a migration. Since merging at
write time gives exactly the groups of a full merge, the tables end up as the write path would
leave them after ingesting the same pages one by one (``tests/test_bulk_load.py`` compares them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from components.store import groups, merged, statistics
from components.store.database import Db
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
