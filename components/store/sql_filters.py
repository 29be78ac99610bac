"""A view's filters as SQL over the read tables: one condition per facet of the table, one piece of
code per *kind* of facet (as :mod:`components.store.memory_index` has one mask per kind).

Every condition is on ``merged_events`` under the alias ``m`` and is answered by an index:

- a code or name list: ``m.id`` among the events of the chosen values in ``event_facets``
  (its primary key, ``(facet, value, event_id)``); a list whose value is one column of
  ``merged_events`` (:data:`CODE_COLUMNS`: the type, the role) compares that column instead
  (index ``merged_events_filter``, which covers every column a filter checks);
- the date range overlaps the event's span: ``m.day_end >= from`` (index ``(hidden, day_end)``)
  and ``m.day_start <= to`` (``(hidden, day_start)``);
- the free text: the folded query as a substring of ``m.search``: trigrams on both engines
  (``pg_trgm`` on PostgreSQL, the FTS5 table ``merged_search`` on SQLite), a scan of the column
  only for a query of one or two characters, which trigrams cannot look up;
- a list whose mode says "all": one such lookup per chosen value;
- a flag that is off: ``m.id`` not among the events offering it (its rows in ``event_facets``,
  value ``1``), or, for a flag read from a column (:data:`FLAG_COLUMNS`: planned), that column;
- a minimum: the facet's column of ``merged_events`` (:data:`NUMBER_COLUMNS`, indexed).

Hidden events (corrections) never match.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from typing import Any

from components.store.facets import ALL_OF, FACETS, Facet, Kind, mode_of
from components.store.query import Filters
from components.store.text_search import folded_query, text_condition

TRIGRAM = 3  # the shortest query a trigram index can look up
FLAG_ON = "1"  # the value a flag facet's events offer (``event_facets``)
NUMBER_COLUMNS = {"min_confidence": "m.confidence"}  # the column each minimum facet compares
NUMBER_SLACK = 1e-9  # a minimum keeps values a rounding error below it (as the in-memory index)
# Facets of :data:`FACETS` whose single value per event is a column of ``merged_events``
# (``components.store.rows.merged_values`` writes the same value the facet offers).
CODE_COLUMNS = {"types": "m.type", "roles": "m.role"}
FLAG_COLUMNS = {"planned": "m.status = 'planned'"}  # when an event offers the flag


VISIBLE = "m.hidden = 0"


@dataclass(frozen=True)
class Where:
    """A WHERE condition with its ``?`` parameters; ``left_out`` names the flags whose events it
    leaves out (each with its condition in ``sql``), ``narrowed`` whether it has any other condition,
    ``given`` the list and value when that other condition is one value of one list and no more."""

    sql: str = VISIBLE
    params: tuple[Any, ...] = ()
    left_out: tuple[str, ...] = ()
    narrowed: bool = False
    given: tuple[str, str] | None = None

    @property
    def filtered(self) -> bool:
        """Whether it asks for more than the visible events."""
        return self.sql != VISIBLE

    def and_(self, sql: str, *params: Any) -> Where:
        return Where(f"{self.sql} AND {sql}", (*self.params, *params), self.left_out, True)

    def leaving_out(self, flag: str, part: Where) -> Where:
        """This condition, and no event offering ``flag`` (``part``: that condition)."""
        joined = self.and_(part.sql, *part.params)
        return Where(joined.sql, joined.params, (*self.left_out, flag), self.narrowed, self.given)


def joined(engine: str, table: str, on: str) -> str:
    """``merged_events m`` joined to ``table`` with the events read first. SQLite takes the tables
    of a ``CROSS JOIN`` in the order written: its planner cannot tell how few events a date range
    leaves (no range statistics) and would otherwise read every row of the facet first.
    PostgreSQL's planner has those statistics and chooses."""
    return f"merged_events m {'CROSS JOIN' if engine == 'sqlite' else 'JOIN'} {table} ON {on}"


def marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


def in_list(name: str, values: Sequence[str], probe: bool = False) -> Where:
    """Events offering any of ``values`` to the list ``name`` of ``event_facets``: the events of
    those values read first, or (``probe``) each event otherwise matching looked up in the list."""
    chosen = sorted(set(values))
    if probe:
        sql = (
            "EXISTS (SELECT 1 FROM event_facets l WHERE l.event_id = m.id AND l.facet = ?"
            f" AND l.value IN ({marks(chosen)}))"
        )
    else:
        sql = f"m.id IN (SELECT event_id FROM event_facets WHERE facet = ? AND value IN ({marks(chosen)}))"
    return Where(sql, (name, *chosen))


def all_of(facet: Facet, filters: Filters, facets: Sequence[Facet]) -> bool:
    """Whether ``facet``'s chosen values must all be offered by an event (its mode says "all")."""
    mode = mode_of(facet, facets)
    return mode is not None and filters.text(mode.name) == ALL_OF


def column_of(facet: Facet, columns: dict[str, str]) -> str | None:
    """The column that holds ``facet``'s value, for the rows of :data:`FACETS` only (another table's
    facet of the same name may offer other values)."""
    return columns.get(facet.name) if any(facet is row for row in FACETS) else None


def _list(engine: str, facet: Facet, filters: Filters, facets: Sequence[Facet], probe: bool = False) -> Where | None:
    selected = filters.selected(facet.name)
    if not selected:
        return None
    column = column_of(facet, CODE_COLUMNS)
    if column is not None:
        chosen = sorted(set(selected))
        if all_of(facet, filters, facets):
            return Where(" AND ".join(f"{column} = ?" for _ in chosen), tuple(chosen))
        return Where(f"{column} IN ({marks(chosen)})", tuple(chosen))
    if not all_of(facet, filters, facets):
        return in_list(facet.name, selected, probe)
    where = in_list(facet.name, sorted(set(selected))[:1], probe)
    for value in sorted(set(selected))[1:]:
        one = in_list(facet.name, [value], probe)
        where = where.and_(one.sql, *one.params)
    return where


def _flag(engine: str, facet: Facet, filters: Filters, facets: Sequence[Facet]) -> Where | None:
    """Off (the default): the events offering the flag are left out; on: no condition."""
    if filters.flag(facet.name):
        return None
    column = column_of(facet, FLAG_COLUMNS)
    if column is not None:
        return Where(f"NOT ({column})")
    return Where("m.id NOT IN (SELECT event_id FROM event_facets WHERE facet = ? AND value = ?)", (facet.name, FLAG_ON))


def _minimum(engine: str, facet: Facet, filters: Filters, facets: Sequence[Facet]) -> Where | None:
    least = filters.number(facet.name)
    if least is None:
        return None
    if facet.name not in NUMBER_COLUMNS:
        raise ValueError(f"{facet.name}: a minimum needs its column in NUMBER_COLUMNS")
    return Where(f"{NUMBER_COLUMNS[facet.name]} >= ?", (least - NUMBER_SLACK,))


def _nothing(engine: str, facet: Facet, filters: Filters, facets: Sequence[Facet]) -> Where | None:
    """A mode is no condition of its own: it changes how its list's condition combines values."""
    return None


def _date_from(engine: str, facet: Facet, filters: Filters, facets: Sequence[Facet]) -> Where | None:
    """Overlap: the event ends on or after the first day of the range."""
    day = filters.day(facet.name)
    return None if day is None else Where("m.day_end >= ?", (day.toordinal(),))


def _date_to(engine: str, facet: Facet, filters: Filters, facets: Sequence[Facet]) -> Where | None:
    """Overlap: the event starts on or before the last day of the range."""
    day = filters.day(facet.name)
    return None if day is None else Where("m.day_start <= ?", (day.toordinal(),))


def fts_phrase(needle: str) -> str:
    """An FTS5 query for ``needle`` as a substring (the trigram tokenizer matches a phrase anywhere)."""
    return '"' + needle.replace('"', '""') + '"'


def _text(engine: str, facet: Facet, filters: Filters, facets: Sequence[Facet]) -> Where | None:
    needle = folded_query(filters.text(facet.name))
    if not needle:
        return None
    if engine == "sqlite" and len(needle) >= TRIGRAM:
        return Where("m.rowid IN (SELECT rowid FROM merged_search WHERE merged_search MATCH ?)", (fts_phrase(needle),))
    sql, params = text_condition(engine, filters.text(facet.name), "m.search")
    return Where(sql, params)


_CONDITIONS: dict[Kind, Callable[[str, Facet, Filters, Sequence[Facet]], Where | None]] = {
    Kind.CODES: _list,
    Kind.NAMES: _list,
    Kind.DATE_FROM: _date_from,
    Kind.DATE_TO: _date_to,
    Kind.TEXT: _text,
    Kind.FLAG: _flag,
    Kind.MINIMUM: _minimum,
    Kind.MODE: _nothing,
}


def match_where(
    engine: str,
    filters: Filters,
    facets: Sequence[Facet] = FACETS,
    *,
    skip: str | None = None,
    probed: Collection[str] = (),
    unindexed: Collection[str] = (),
) -> Where:
    """The visible events matching every filter (except the facet named ``skip``, for option
    counts); the lists named in ``probed`` are looked up per event (see :func:`in_list`), the date
    bounds named in ``unindexed`` are checked on the events the other conditions find (SQLite's
    ``+column``: no index is chosen for it)."""
    unknown = set(filters.names()) - {facet.name for facet in facets}
    if unknown:
        raise ValueError(f"filters on facets the table does not have: {sorted(unknown)}")
    where, narrowing = Where(), []
    for facet in facets:
        if facet.name == skip:
            part = None
        elif facet.name in probed and facet.kind in (Kind.CODES, Kind.NAMES):
            part = _list(engine, facet, filters, facets, probe=True)
        else:
            part = _CONDITIONS[facet.kind](engine, facet, filters, facets)
        if part is not None and facet.name in unindexed and facet.kind in (Kind.DATE_FROM, Kind.DATE_TO):
            part = Where(f"+{part.sql}", part.params)
        if part is not None and facet.kind is Kind.FLAG:
            where = where.leaving_out(facet.name, part)
        elif part is not None:
            where = where.and_(part.sql, *part.params)
            narrowing.append(facet)
    return replace(where, given=_given(narrowing, filters))


def _given(narrowing: Sequence[Facet], filters: Filters) -> tuple[str, str] | None:
    """The list and value when the one condition besides flags is one value of a list of :data:`FACETS`."""
    if len(narrowing) != 1 or not any(narrowing[0] is row for row in FACETS) or not narrowing[0].repeatable:
        return None
    chosen = set(filters.selected(narrowing[0].name))
    return (narrowing[0].name, chosen.pop()) if len(chosen) == 1 else None
