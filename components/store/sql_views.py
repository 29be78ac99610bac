""":class:`~components.store.views.EventViews` answered by the database, on either engine.

Each method is a few queries over the read tables that the write path keeps up to date
(``merged_events``, ``event_facets``, ``event_places``: see ``docs/store.md``), filtered by
:mod:`components.store.sql_filters`; only what the view shows comes back to Python (a page of the
table, counts, a timeline's marks or its counts per week or month, the map's places). The answers
equal those of :class:`~components.store.memory_views.MemoryViews` over ``Store.list_events()``
(tests compare them on both engines).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from components.store.database import Db, from_json
from components.store.event_store import Store
from components.store.facets import FACETS, Facet, Kind, facet_named
from components.store.kept_given import kept_of, kept_span
from components.store.kept_places import kept_places
from components.store.kept_summary import SUMMARY
from components.store.query import Filters
from components.store.rows import ARTICLES, PARTICIPANTS
from components.store.sql_counts import distinct_count, option_counts, pair_counts
from components.store.sql_drive import probed_lists, unindexed_bounds
from components.store.sql_filters import FLAG_ON, Where, all_of, match_where
from components.store.sql_lookups import arabic_names_query, event_row, position_query
from components.store.sql_places import places_query
from components.store.sql_timeline import timeline_query
from components.store.totals import Kept, total_counts
from components.store.views import (
    DEFAULT_SORT,
    LANES,
    NAMED_LISTS,
    PAIR_KINDS,
    EventPage,
    PairCount,
    Paragraph,
    PlaceCount,
    Sort,
    Summary,
    TimelineData,
    paragraph_around,
)

# The table's orders: (column, then the date as the tie-break) ascending; ``{d}`` is the direction.
_DATE_ORDER = "m.day_start {d} NULLS {n}, COALESCE(m.date_end, '') {d}"
_ORDERS = {
    "date": _DATE_ORDER,
    "type": "m.type {d}, m.day_start {d} NULLS {n}",
    "sources": "m.source_count {d}, m.day_start {d} NULLS {n}",
    "confidence": "m.confidence {d}, m.day_start {d} NULLS {n}",
}
_PAIR_LISTS = {"countries": PARTICIPANTS, "actors": "actors"}
# Events with no place that has coordinates (what GeoJSON leaves out).
_WITHOUT_PLACE = "coalesce(sum(1 - m.placed), 0) AS without_place"
COMMON = 20  # a chosen value held by one event in this many or more: its map's newest events are walked


# A page of the table: the ids found and sorted over a covering index first, then only their rows read
# (a row holds the whole event as JSON; sorting the matching rows themselves read every one of them).
_PAGE = (
    "SELECT m.data FROM merged_events m WHERE m.id IN (SELECT m.id FROM merged_events m WHERE {where}"
    " ORDER BY {order} LIMIT ? OFFSET ?) ORDER BY {order}"
)


def order_by(sort: Sort) -> str:
    """The ORDER BY of a sort: undated events count as the oldest, the id breaks ties."""
    direction, nulls = ("DESC", "LAST") if sort.descending else ("ASC", "FIRST")
    return f"{_ORDERS[sort.column].format(d=direction, n=nulls)}, m.id {direction}"


def _day(number: Any) -> date | None:
    return None if number is None else date.fromordinal(int(number))


def _events(rows: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(dict(from_json(row["data"])) for row in rows)


class SqlViews:
    """The views of a store, read in one snapshot per call; holds no events. ``per_value``: a filter
    that is one value of one list is answered from the counts kept for that value (``False``: from
    its matching rows, as any other filter; the answers are the same)."""

    def __init__(self, store: Store, facets: Sequence[Facet] = FACETS, *, per_value: bool = True) -> None:
        self._store = store
        self._facets = tuple(facets)
        self._per_value = per_value

    def version(self) -> str:
        return self._store.version()

    def where(self, filters: Filters, skip: str | None = None) -> Where:
        """The condition of ``filters`` (less ``skip``); on SQLite, with the lists to look events up
        in chosen by how many events each condition leaves (:mod:`components.store.sql_drive`)."""
        probed: frozenset[str] = frozenset()
        unindexed: frozenset[str] = frozenset()
        considered = filters.replace(**{skip: None}) if skip else filters
        if self._store.engine == "sqlite" and considered.names():
            with self._store.read() as db:
                probed = probed_lists(db, considered, self._facets)
                unindexed = unindexed_bounds(db, considered, self._facets)
        where = match_where(self._store.engine, filters, self._facets, skip=skip, probed=probed, unindexed=unindexed)
        return where if self._per_value else replace(where, given=None)

    def _span_where(self, filters: Filters, where: Where) -> Where:
        """For one chosen value, its events checked one by one (its first and last days are read over
        a month of the date index); otherwise ``where``."""
        if where.given is None:
            return where
        return match_where(self._store.engine, filters, self._facets, probed=(where.given[0],))

    def summary(self, filters: Filters) -> Summary:
        where = self.where(filters)
        kept_rows = kept_of(where)
        with self._store.read() as db:
            if kept_rows is not None:  # the first view or one chosen value: kept ready
                kept = kept_span(db, kept_rows, self._span_where(filters, where))
                articles, sources = (distinct_count(db, where, name) for name in (ARTICLES, "sources"))
                return Summary(
                    events=kept["events"], articles=articles, sources=sources, first_day=_day(kept["first_day"]),
                    last_day=_day(kept["last_day"]), undated=kept["events"] - kept["dated"], planned=kept["planned"],
                    background=kept["background"], without_place=kept["unplaced"],
                )  # fmt: skip
            row = db.one(
                "SELECT count(*) AS events, count(m.day_start) AS dated, min(m.day_start) AS first_day,"
                " max(m.day_end) AS last_day,"
                " coalesce(sum(CASE WHEN m.status = 'planned' THEN 1 ELSE 0 END), 0) AS planned,"
                " coalesce(sum(CASE WHEN m.role = 'background' THEN 1 ELSE 0 END), 0) AS background,"
                f" {_WITHOUT_PLACE} FROM merged_events m WHERE {where.sql}",
                where.params,
            )
            assert row is not None, "an aggregate gives one row"
            articles, sources = (distinct_count(db, where, name) for name in (ARTICLES, "sources"))
        return Summary(
            events=int(row["events"]), articles=articles, sources=sources,
            first_day=_day(row["first_day"]), last_day=_day(row["last_day"]),
            undated=int(row["events"]) - int(row["dated"]), planned=int(row["planned"]),
            background=int(row["background"]), without_place=int(row["without_place"]),
        )  # fmt: skip

    def page(self, filters: Filters, *, sort: Sort = DEFAULT_SORT, offset: int = 0, limit: int = 100) -> EventPage:
        where, offset = self.where(filters), max(0, offset)
        kept = kept_of(where)
        with self._store.read() as db:
            if kept is not None:  # the first view or one chosen value: its count is kept ready
                total = total_counts(db, SUMMARY, kept).get("events", 0)
            else:
                total = int(db.value(f"SELECT count(*) AS n FROM merged_events m WHERE {where.sql}", where.params))
            if kept is not None and kept.given is not None and self._walk(db, kept, total, offset + limit):
                where = self._span_where(filters, where)
            rows = db.rows(_PAGE.format(where=where.sql, order=order_by(sort)), (*where.params, max(0, limit), offset))
        return EventPage(_events(rows), total, offset)

    @staticmethod
    def _walk(db: Db, kept: Kept, matching: int, wanted: int) -> bool:
        """Whether a page of one chosen value's events is found sooner by walking the table's order
        and checking each event (about ``wanted`` × all events / ``matching`` of them) than by
        reading and sorting all ``matching`` events of the value."""
        every = total_counts(db, SUMMARY, Kept(kept.flag_sets)).get("events", 0)
        return matching * matching > max(1, wanted) * every

    def facet_counts(self, filters: Filters, facet: str) -> dict[str, int]:
        """Per option of a list, the events it adds (with the list's mode "all", the events shown that
        offer it); for a flag, ``{"1": n}``: the events switching it on adds."""
        row = facet_named(facet, self._facets)
        if not row.repeatable and row.kind is not Kind.FLAG:
            raise KeyError(f"{facet!r} is not a code or name list or a flag")
        where = self.where(filters) if all_of(row, filters, self._facets) else self.where(filters, skip=facet)
        with self._store.read() as db:
            counts = option_counts(db, where, row)
        return {FLAG_ON: counts.get(FLAG_ON, 0)} if row.kind is Kind.FLAG else counts

    def facet_values(self, facet: str) -> tuple[str, ...]:
        """Walks the index from value to value (a loose index scan), keeping the values of visible events."""
        if not facet_named(facet, self._facets).repeatable:
            raise KeyError(f"{facet!r} is not a code or name list")
        sql = (
            "WITH RECURSIVE v(value) AS (SELECT min(value) FROM event_facets WHERE facet = ?"
            " UNION ALL SELECT (SELECT min(f.value) FROM event_facets f WHERE f.facet = ? AND f.value > v.value)"
            " FROM v WHERE v.value IS NOT NULL)"
            " SELECT v.value FROM v WHERE v.value IS NOT NULL AND EXISTS (SELECT 1 FROM event_facets f"
            " JOIN merged_events m ON m.id = f.event_id WHERE f.facet = ? AND f.value = v.value AND m.hidden = 0)"
            " ORDER BY v.value"
        )
        with self._store.read() as db:
            return tuple(str(row["value"]) for row in db.rows(sql, (facet, facet, facet)))

    def timeline(self, filters: Filters, *, lanes: str = "type", max_marks: int = 1500) -> TimelineData:
        if lanes not in LANES:
            raise ValueError(f"lanes must be one of {', '.join(LANES)}")
        where = self.where(filters)
        with self._store.read() as db:
            return timeline_query(db, where, lanes, max_marks, kept_of(where), self._span_where(filters, where))

    def places(self, filters: Filters, *, limit: int = 500, per_place: int = 50) -> tuple[PlaceCount, ...]:
        where = self.where(filters)
        kept = kept_of(where)
        with self._store.read() as db:
            if kept is not None and (kept.given is None or self._common(db, kept)):  # kept ready
                return kept_places(db, kept, limit, per_place)
            return places_query(db, where, limit, per_place)

    @staticmethod
    def _common(db: Db, kept: Kept) -> bool:
        """Whether a chosen value's events are at least a twentieth of the events: the map then walks
        each place's newest events checking each (a few per place shown), else it reads the value's
        events (few) as any filter does."""
        matching = total_counts(db, SUMMARY, kept).get("events", 0)
        return matching * COMMON >= total_counts(db, SUMMARY, Kept(kept.flag_sets)).get("events", 0)

    def arabic_names(self, facet: str) -> dict[str, str]:
        if facet not in NAMED_LISTS:
            raise ValueError(f"Arabic names of {facet!r}: one of {', '.join(NAMED_LISTS)}")
        with self._store.read() as db:
            return arabic_names_query(db, facet)

    def event(self, event_id: str) -> Any:
        with self._store.read() as db:
            return event_row(db, event_id)

    def position(self, filters: Filters, event_id: str, *, sort: Sort = DEFAULT_SORT) -> int | None:
        where = self.where(filters)
        with self._store.read() as db:
            found = event_row(db, event_id)
            if found is None:
                return None
            return position_query(db, where, str(found["id"]), order_by(sort))

    def paragraph(self, event_id: str) -> Paragraph | None:
        found = self.event(event_id)
        if found is None or not found.get("article_id"):
            return None
        article = self._store.get_article(str(found["article_id"]))
        if not article or not article.get("text"):
            return None
        start, end = int(found.get("char_start") or 0), int(found.get("char_end") or 0)
        return paragraph_around(str(article["text"]), start, end, str(found.get("sentence") or ""))

    def pairs(self, filters: Filters, *, by: str = "countries") -> tuple[PairCount, ...]:
        if by not in PAIR_KINDS:
            raise ValueError(f"pairs of {by!r}: one of {', '.join(PAIR_KINDS)}")
        where = self.where(filters)
        with self._store.read() as db:
            counted = pair_counts(db, where, _PAIR_LISTS[by])
        counted.sort(key=lambda row: (-row[3], row[:3]))
        return tuple(PairCount(a, b, kind, n) for a, b, kind, n in counted)
