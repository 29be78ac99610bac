"""Counting over ``event_facets`` for the matching events: a list's options, distinct values,
pairs of values that meet in one event.

With no filter but visibility and the flags, a list's options and distinct values are added up
from the totals kept ready (``facet_totals``), and with one value of one list chosen besides, from
that value's (``given_totals``, :mod:`components.store.kept_given`); a list whose value is a column of
``merged_events`` (the type, the role) is counted over that column's covering index; a list each
event row holds (``merged_events.lists``, :func:`components.store.rows.packed_lists`) from the
matching rows themselves; otherwise the matching events are read first and their rows of the list
looked up by event (index ``event_facets_lookup``).
"""

from __future__ import annotations

from collections import Counter

from components.store.database import Db
from components.store.facets import Facet
from components.store.kept_given import given_articles, kept_of
from components.store.rows import ARTICLES, packed_lists
from components.store.sql_filters import CODE_COLUMNS, FLAG_COLUMNS, FLAG_ON, Where, column_of, joined, marks
from components.store.totals import distinct_total, pair_totals, total_counts

_ROWS_OF_EVENT = "f.event_id = m.id AND f.facet = ?"


PACKED = frozenset(packed_lists())


def list_items(engine: str, name: str, alias: str = "j") -> tuple[str, tuple[str, ...]]:
    """The table of the values of the list ``name`` that the row ``m`` of ``merged_events`` holds
    (column ``value`` of ``alias``), with its parameter."""
    if engine == "postgresql":
        return f"jsonb_array_elements_text(m.lists -> CAST(? AS text)) {alias}(value)", (name,)
    return f"json_each(m.lists, ?) {alias}", ('$."' + name + '"',)


def _all_counts(db: Db, name: str, left_out: tuple[str, ...]) -> dict[str, int]:
    """Every row of the list, less the rows of hidden events and of visible events offering one of
    the flags ``left_out`` (both few)."""
    counts: Counter[str] = Counter()
    for row in db.rows("SELECT value, count(*) AS n FROM event_facets WHERE facet = ? GROUP BY value", (name,)):
        counts[str(row["value"])] = int(row["n"])
    hidden = (
        f"SELECT f.value, count(*) AS n FROM {joined(db.engine, 'event_facets f', _ROWS_OF_EVENT)}"
        " WHERE m.hidden = 1 GROUP BY f.value"
    )
    for row in db.rows(hidden, (name,)):
        counts[str(row["value"])] -= int(row["n"])
    if left_out:
        flagged = (
            "SELECT f.value, count(*) AS n FROM (SELECT DISTINCT g.event_id FROM event_facets g"
            f" WHERE g.facet IN ({marks(left_out)}) AND g.value = ?) x"
            " JOIN merged_events m ON m.id = x.event_id JOIN event_facets f ON f.event_id = x.event_id AND f.facet = ?"
            " WHERE m.hidden = 0 GROUP BY f.value"
        )
        for row in db.rows(flagged, (*left_out, FLAG_ON, name)):
            counts[str(row["value"])] -= int(row["n"])
    return {value: n for value, n in counts.items() if n > 0}


def column_counts(db: Db, where: Where, column: str) -> dict[str, int]:
    """For each value of a column of ``merged_events``: how many events matching ``where`` have it
    (over a covering index, never the table's rows). On SQLite the grouping is by ``+column``, an
    expression no index is ordered by: grouped by the bare column, its planner walks the index of
    that column (all visible events) rather than the one that answers the filter (a date range)."""
    grouped = f"+{column}" if db.engine == "sqlite" else column
    sql = f"SELECT {grouped} AS value, count(*) AS n FROM merged_events m WHERE {where.sql} GROUP BY {grouped}"
    return {str(row["value"]): int(row["n"]) for row in db.rows(sql, where.params)}


def flag_count(db: Db, where: Where, condition: str) -> dict[str, int]:
    """``{"1": n}``: how many events matching ``where`` offer a flag read from a column (``condition``)."""
    n = int(db.value(f"SELECT count(*) AS n FROM merged_events m WHERE {where.sql} AND {condition}", where.params))
    return {FLAG_ON: n} if n else {}


def value_counts(db: Db, where: Where, name: str) -> dict[str, int]:
    """For each value of the list ``name``: how many events matching ``where`` offer it (with no
    condition but visibility and flags left out, over the list's rows alone)."""
    if not where.narrowed:
        return _all_counts(db, name, where.left_out)
    if name in PACKED:
        items, item = list_items(db.engine, name)
        sql = f"SELECT j.value AS value, count(*) AS n FROM merged_events m, {items} WHERE {where.sql} GROUP BY j.value"
        return {str(row["value"]): int(row["n"]) for row in db.rows(sql, (*item, *where.params))}
    sql = (
        f"SELECT f.value, count(*) AS n FROM {joined(db.engine, 'event_facets f', _ROWS_OF_EVENT)}"
        f" WHERE {where.sql} GROUP BY f.value"
    )
    return {str(row["value"]): int(row["n"]) for row in db.rows(sql, (name, *where.params))}


_ONLY_HIDDEN = (
    " WHERE m.hidden = 1 AND NOT EXISTS (SELECT 1 FROM event_facets g JOIN merged_events v ON v.id = g.event_id"
    " WHERE g.facet = f.facet AND g.value = f.value AND v.hidden = 0)"
)


def option_counts(db: Db, where: Where, facet: Facet) -> dict[str, int]:
    """For each value of a list or flag: how many events matching ``where`` offer it. The first
    view (no condition but visibility and flags left out) adds up the totals kept ready
    (:mod:`components.store.totals`); a value held in a column is counted over that column."""
    kept = kept_of(where)
    column, flag = column_of(facet, CODE_COLUMNS), column_of(facet, FLAG_COLUMNS)
    if kept is not None and kept.holds(facet.name):
        return total_counts(db, facet.name, kept)
    if column is not None:
        return column_counts(db, where, column)
    if flag is not None:
        return flag_count(db, where, flag)
    return value_counts(db, where, facet.name)


def distinct_count(db: Db, where: Where, name: str) -> int:
    """How many different values of the list ``name`` the events matching ``where`` offer."""
    kept = kept_of(where)
    if kept is not None and kept.holds(name):
        return distinct_total(db, name, kept)
    if kept is not None and name == ARTICLES:  # one chosen value's articles, kept apart
        return given_articles(db, kept)
    if where.filtered and name in PACKED:
        items, item = list_items(db.engine, name)
        sql = f"SELECT count(DISTINCT j.value) AS n FROM merged_events m, {items} WHERE {where.sql}"
        return int(db.value(sql, (*item, *where.params)) or 0)
    sql = f"SELECT count(DISTINCT f.value) AS n FROM {joined(db.engine, 'event_facets f', _ROWS_OF_EVENT)}"
    if where.filtered:
        return int(db.value(f"{sql} WHERE {where.sql}", (name, *where.params)) or 0)
    every = int(db.value("SELECT count(DISTINCT value) AS n FROM event_facets WHERE facet = ?", (name,)) or 0)
    return every - int(db.value(sql + _ONLY_HIDDEN, (name,)) or 0)


def pair_counts(db: Db, where: Where, name: str) -> list[tuple[str, str, str, int]]:
    """(a, b, event type, events) for two values ``a < b`` of the list ``name`` that one matching
    event offers both of (the first view: from the totals kept ready)."""
    kept = kept_of(where)
    if kept is not None:
        return pair_totals(db, name, kept)
    if name in PACKED:
        (first_items, first_key), (second_items, second_key) = (list_items(db.engine, name, a) for a in ("x", "y"))
        sql = (
            "SELECT x.value AS a, y.value AS b, m.type, count(*) AS n"
            f" FROM merged_events m, {first_items}, {second_items}"
            f" WHERE x.value < y.value AND {where.sql} GROUP BY x.value, y.value, m.type"
        )
        rows = db.rows(sql, (*first_key, *second_key, *where.params))
        return [(str(r["a"]), str(r["b"]), str(r["type"]), int(r["n"])) for r in rows]
    first = joined(db.engine, "event_facets a", "a.event_id = m.id AND a.facet = ?")
    sql = (
        f"SELECT a.value AS a, b.value AS b, m.type, count(*) AS n FROM {first} JOIN event_facets b"
        f" ON b.event_id = m.id AND b.facet = a.facet AND a.value < b.value WHERE {where.sql}"
        " GROUP BY a.value, b.value, m.type"
    )
    rows = db.rows(sql, (name, *where.params))
    return [(str(r["a"]), str(r["b"]), str(r["type"]), int(r["n"])) for r in rows]
