"""The timeline in SQL: the marks of the matching dated events when there are few, else their
counts per lane and week (or month, over a long range), aggregated by the database.

Weeks start on Monday: the day number ``d`` (``date.toordinal``, where 1 is a Monday) falls in the
week of ``d - (d - 1) % 7``; months are the first seven characters of the ISO start date.
"""

from __future__ import annotations

from datetime import date

from components.store.database import Db, Row, from_json
from components.store.kept_given import kept_span
from components.store.kept_summary import kept_buckets
from components.store.memory_views import MONTHLY_AFTER_DAYS, bucket_end, mark_of
from components.store.rows import PARTICIPANTS
from components.store.sql_counts import list_items
from components.store.sql_filters import Where
from components.store.totals import Kept
from components.store.views import Bucket, Mark, TimelineData

_BUCKET_SQL = {"week": "m.day_start - (m.day_start - 1) % 7", "month": "substr(m.date_start, 1, 7)"}


def _bucket_day(value: object, bucket: str) -> date:
    if bucket == "week":
        return date.fromordinal(int(str(value)))
    year, month = str(value).split("-")
    return date(int(year), int(month), 1)


def _marks(db: Db, where: Where) -> tuple[Mark, ...]:
    rows = db.rows(f"SELECT m.data FROM merged_events m WHERE {where.sql} AND m.day_start IS NOT NULL", where.params)
    marks = (mark_of(from_json(row["data"])) for row in rows)
    return tuple(sorted((m for m in marks if m), key=lambda m: (m.date_start, m.date_end, m.id)))


def _buckets(db: Db, where: Where, lanes: str, bucket: str, kept: Kept | None) -> tuple[Bucket, ...]:
    start = _BUCKET_SQL[bucket]
    if lanes == "type" and kept is not None:  # the first view or one chosen value: kept ready
        found = kept_buckets(db, kept, bucket)
        kept_counts = sorted((_bucket_day(first, bucket), lane, n) for first, lane, n in found)
        return tuple(Bucket(first, bucket_end(first, bucket), lane, n) for first, lane, n in kept_counts)
    if lanes == "type":
        sql = (
            f"SELECT {start} AS b, m.type AS lane, count(*) AS n FROM merged_events m"
            f" WHERE {where.sql} AND m.day_start IS NOT NULL GROUP BY 1, 2"
        )
        params = where.params
    else:  # an event counts in the lane of each participant country ("" when it has none)
        items, item = list_items(db.engine, PARTICIPANTS, "c")
        sql = (
            f"SELECT {start} AS b, coalesce(c.value, '') AS lane, count(*) AS n FROM merged_events m"
            f" LEFT JOIN {'LATERAL ' if db.engine == 'postgresql' else ''}{items} ON true"
            f" WHERE {where.sql} AND m.day_start IS NOT NULL GROUP BY 1, 2"
        )
        params = (*item, *where.params)
    counts = sorted((_bucket_day(row["b"], bucket), str(row["lane"]), int(row["n"])) for row in db.rows(sql, params))
    return tuple(Bucket(first, bucket_end(first, bucket), lane, n) for first, lane, n in counts)


def _span(db: Db, where: Where) -> Row:
    row = db.one(
        "SELECT count(*) AS events, count(m.day_start) AS dated, min(m.day_start) AS first_day,"
        f" max(m.day_end) AS last_day FROM merged_events m WHERE {where.sql}",
        where.params,
    )
    assert row is not None, "an aggregate gives one row"
    return row


def timeline_query(
    db: Db, where: Where, lanes: str, max_marks: int, kept: Kept | None = None, span_where: Where | None = None
) -> TimelineData:
    """``kept``: the totals kept ready that count the matching events (the first view's, or one
    chosen value's: :mod:`components.store.kept_given`), if any; ``span_where``: the condition
    their first and last days are read with (``where`` written another way)."""
    span = _span(db, where) if kept is None else kept_span(db, kept, span_where or where)
    dated, undated = int(span["dated"]), int(span["events"]) - int(span["dated"])
    first = date.fromordinal(int(span["first_day"])) if dated else None
    last = date.fromordinal(int(span["last_day"])) if dated else None
    if dated <= max_marks:
        return TimelineData(_marks(db, where), (), None, lanes, dated, undated, first, last)
    bucket = "month" if first and last and (last - first).days > MONTHLY_AFTER_DAYS else "week"
    return TimelineData((), _buckets(db, where, lanes, bucket, kept), bucket, lanes, dated, undated, first, last)
