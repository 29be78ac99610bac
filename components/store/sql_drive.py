"""Which condition SQLite reads first when a view filters on a list and on something else.

SQLite has no statistics of how many events a date range or a value of a list holds, and it
follows the form of the SQL: ``m.id IN (SELECT … FROM event_facets …)`` reads every event of the
chosen values first; ``EXISTS (…)`` looks each event that the other conditions leave up in the
list. Reading Armenia's 60,000 events to keep the 600 meetings of one year costs ten times what
looking the 600 up does, and the other way round for a rare value with no other condition. So the
smallest of the conditions drives: the size of each chosen list comes from the totals kept ready
(``facet_totals``), the size of the other conditions from counting them over a covering index,
stopped as soon as it passes the smallest list or :data:`REST_SAMPLE` (both are large then, and
the list drives).

The same holds for a date range: of its two bounds (the event ends on or after the first day,
starts on or before the last), the one that leaves less of the store's dated span is looked up by
its index and the other checked on the events it finds.

PostgreSQL's planner has the statistics and plans every form alike: it is left the first form.
"""

from __future__ import annotations

from collections.abc import Sequence

from components.store.database import Db
from components.store.facets import Facet, date_bounds
from components.store.query import Filters
from components.store.sql_filters import CODE_COLUMNS, all_of, column_of, marks, match_where

REST_SAMPLE = 50_000  # events of the other conditions counted at most (beyond: both are large)


def _list_size(db: Db, facet: Facet, filters: Filters, facets: Sequence[Facet]) -> int:
    """At most how many events a chosen list leaves (all of the values: the rarest value's events)."""
    chosen = sorted(set(filters.selected(facet.name)))
    sql = (
        "SELECT value, sum(events) AS n FROM facet_totals"
        f" WHERE facet = ? AND value IN ({marks(chosen)}) GROUP BY value"
    )
    sizes = [int(row["n"]) for row in db.rows(sql, (facet.name, *chosen))]
    if all_of(facet, filters, facets):
        return min(sizes) if len(sizes) == len(chosen) else 0
    return sum(sizes)


def _rest_size(db: Db, filters: Filters, facets: Sequence[Facet], lists: Sequence[Facet], limit: int) -> int:
    """How many events the conditions other than ``lists`` leave, counted up to ``limit``."""
    rest = match_where(db.engine, filters.replace(**{facet.name: None for facet in lists}), facets)
    if not rest.narrowed:
        return limit
    sql = f"SELECT count(*) AS n FROM (SELECT 1 FROM merged_events m WHERE {rest.sql} LIMIT ?) x"
    return int(db.value(sql, (*rest.params, limit)))


def probed_lists(db: Db, filters: Filters, facets: Sequence[Facet]) -> frozenset[str]:
    """The chosen lists to look events up in rather than read first (every one but the smallest,
    and that one too when the other conditions leave fewer events)."""
    lists = [f for f in facets if f.repeatable and filters.selected(f.name) and column_of(f, CODE_COLUMNS) is None]
    if db.engine != "sqlite" or not lists:
        return frozenset()
    sizes = {facet.name: _list_size(db, facet, filters, facets) for facet in lists}
    smallest = min(sizes, key=lambda name: (sizes[name], name))
    cap = min(sizes[smallest] + 1, REST_SAMPLE)
    if _rest_size(db, filters, facets, lists, cap) < cap:  # counted whole, and no larger than the list
        return frozenset(sizes)
    return frozenset(name for name in sizes if name != smallest)


def unindexed_bounds(db: Db, filters: Filters, facets: Sequence[Facet]) -> frozenset[str]:
    """Of a date range with both bounds, the bound not to look up by index: the one that leaves
    more of the store's dated span (events taken as spread evenly over it; the span's ends are the
    first entries of two indexes)."""
    bounds = date_bounds(facets)
    if db.engine != "sqlite" or bounds is None:
        return frozenset()
    first, last = (filters.day(facet.name) for facet in bounds)
    if first is None or last is None:
        return frozenset()
    span = db.one(
        "SELECT (SELECT min(day_start) FROM merged_events WHERE hidden = 0 AND day_start IS NOT NULL) AS first_day,"
        " (SELECT max(day_end) FROM merged_events WHERE hidden = 0) AS last_day"
    )
    if span is None or span["first_day"] is None:
        return frozenset()
    ending = int(span["last_day"]) - first.toordinal()  # days of the span after the range's first day
    starting = last.toordinal() - int(span["first_day"])  # days of the span before its last day
    return frozenset({bounds[1].name if ending <= starting else bounds[0].name})
