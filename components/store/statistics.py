"""The query planner's statistics of the read tables, kept fresh on SQLite.

The read side's queries need the planner to know that ``hidden = 0`` holds for nearly every
event while a facet value holds for few: with statistics of an empty or a ten-times smaller
store, SQLite scans every event instead of looking the value up. So every write that leaves
``merged_events`` more than twice as large as when it was last analysed analyses the read tables
again, reading at most :data:`ANALYSIS_LIMIT` rows of each index (milliseconds, whatever the
size). PostgreSQL's autovacuum does the same on its own; a bulk load or a rebuild analyses at
its end on both engines.
"""

from __future__ import annotations

from components.store.database import Db

ANALYSIS_LIMIT = 1000
READ_TABLES = ("merged_events", "event_facets", "event_places")


def _analysed_size(db: Db) -> int | None:
    """How many events ``merged_events`` held when last analysed (``None``: never)."""
    if not db.value("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'"):
        return None
    stat = db.value("SELECT stat FROM sqlite_stat1 WHERE tbl = 'merged_events' ORDER BY idx LIMIT 1")
    return int(str(stat).split()[0]) if stat else None


def analyse(db: Db) -> None:
    """Take the read tables' statistics now (after a bulk load or a rebuild). On PostgreSQL the
    trigram index's pending entries are merged first, so that its size is known to the planner."""
    if db.engine == "sqlite":
        db.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
    else:
        db.execute("SELECT gin_clean_pending_list('merged_events_search'::regclass)")
    for table in READ_TABLES:
        db.execute(f"ANALYZE {table}")


def keep_fresh(db: Db) -> None:
    """Analyse the read tables (SQLite) when ``merged_events`` doubled since they last were. Its
    largest rowid stands for its size: rewritten rows take new ones, so this errs on the side of
    analysing more often."""
    if db.engine != "sqlite":
        return
    size = int(db.value("SELECT coalesce(max(rowid), 0) AS n FROM merged_events"))
    analysed = _analysed_size(db)
    if analysed is None or size > 2 * analysed + 100:
        analyse(db)
