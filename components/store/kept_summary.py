"""The first view's summary (and its timeline's span) kept ready in ``facet_totals``: per set of
flags, how many visible events there are, how many are dated, planned, background or without a
place with coordinates (list ``~summary``), and how many start and end on each day (lists
``~first`` and ``~last``, the day number as eight digits, so that text order is day order), and
the timeline's counts per month and per week (from Monday) and event type (``~months``, ``~weeks``).

:func:`before` reads what a batch of merged events counted before it is rewritten, :func:`tally`
what events count; :func:`components.store.kept_places.put_in` adds the difference.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from components.store.database import Db
from components.store.groups import rows_in
from components.store.records import StoredEvent
from components.store.rows import day_number, place_values
from components.store.totals import SEPARATOR, Kept, Key, total_counts

SUMMARY, FIRST, LAST = "~summary", "~first", "~last"
BUCKETS = {"month": "~months", "week": "~weeks"}  # the timeline's counts per bucket and type
LISTS = (SUMMARY, FIRST, LAST, *BUCKETS.values())  # the totals' lists this module keeps
# (event id, first day, last day, status, role, whether it has a place with coordinates, month, type)
Facts = tuple[str, int | None, int | None, str, str, bool, str, str]
_BEFORE = (
    "SELECT m.id, m.day_start, m.day_end, m.status, m.role, m.date_start, m.type,"
    " CASE WHEN EXISTS (SELECT 1 FROM event_places p WHERE p.event_id = m.id"
    " AND p.lat IS NOT NULL AND p.lon IS NOT NULL) THEN 1 ELSE 0 END AS placed"
    " FROM merged_events m WHERE m.hidden = 0 AND m.id IN ({marks})"
)


def facts(event: StoredEvent) -> Facts:
    """What the summary counts of an event, as ``merged_events`` and ``event_places`` hold it."""
    start = day_number(event.get("date_start"))
    end = day_number(event.get("date_end") or event.get("date_start")) if start is not None else None
    placed = any(row[5] is not None and row[6] is not None for row in place_values(event))
    status, role = str(event.get("status") or "reported"), str(event.get("role") or "news")
    month, kind = str(event.get("date_start") or "")[:7], str(event.get("type") or "other")
    return str(event["id"]), start, end, status, role, placed, month, kind


def before(db: Db, event_ids: Sequence[str]) -> list[Facts]:
    """The facts of those of ``event_ids`` that are stored and visible (before they are rewritten)."""
    return [
        (
            str(r["id"]),
            r["day_start"],
            r["day_end"],
            str(r["status"]),
            str(r["role"]),
            bool(r["placed"]),
            str(r["date_start"] or "")[:7],
            str(r["type"]),
        )  # fmt: skip
        for r in rows_in(db, _BEFORE, event_ids)
    ]


def _day(number: int) -> str:
    return f"{number:08d}"


def tally(found: Iterable[Facts], flags: dict[str, str]) -> Counter[Key]:
    """The totals some visible events add up to (``flags``: each event's flags, as in facet_totals)."""
    totals: Counter[Key] = Counter()
    for event_id, start, end, status, role, placed, month, kind in found:
        kept = flags.get(event_id, "")
        counted = ["events", *(["dated"] if start is not None else [])]
        counted += ["planned"] * (status == "planned") + ["background"] * (role == "background")
        counted += ["unplaced"] * (not placed)
        totals.update((SUMMARY, name, kept) for name in counted)
        if start is not None and end is not None:
            totals.update([(FIRST, _day(start), kept), (LAST, _day(end), kept)])
        if start is not None:
            week = start - (start - 1) % 7
            totals.update([(BUCKETS["month"], f"{month}{SEPARATOR}{kind}", kept)])
            totals.update([(BUCKETS["week"], f"{_day(week)}{SEPARATOR}{kind}", kept)])
    return totals


def _edge(db: Db, name: str, kept: Kept, order: str) -> int | None:
    rows, params = kept.rows(name)
    found = db.value(f"SELECT value {rows} ORDER BY value {order} LIMIT 1", params)
    return None if found is None else int(str(found))


def kept_summary(db: Db, kept: Kept) -> dict[str, Any]:
    """Counts (events, dated, planned, background, unplaced) and the first and last day of the
    visible events that ``kept`` counts."""
    counts: dict[str, Any] = dict.fromkeys(("events", "dated", "planned", "background", "unplaced"), 0)
    counts.update(total_counts(db, SUMMARY, kept))
    counts["first_day"], counts["last_day"] = _edge(db, FIRST, kept, "ASC"), _edge(db, LAST, kept, "DESC")
    return counts


def kept_buckets(db: Db, kept: Kept, bucket: str) -> list[tuple[str, str, int]]:
    """(bucket: month ``YYYY-MM`` or the day number of a week's Monday, event type, events)."""
    found = total_counts(db, BUCKETS[bucket], kept)
    split = ((value.split(SEPARATOR), n) for value, n in found.items())
    return [(first if bucket == "month" else str(int(first)), kind, n) for (first, kind), n in split]
