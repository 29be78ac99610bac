"""Filtering events in memory: an index built once per data version from the facet table
(``components.store.facets``), then fast vectorised masks, one kind of mask per kind of facet.

A code or name list becomes a long table (``row``, ``value``: one line per value an event
offers), a date bound a column of days, the free text a column of folded text, a flag a column
of booleans, a minimum a column of numbers. A mode has no column: it changes how its list facet's
mask combines the chosen values (any of them, or all).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from components.store.facets import ALL_OF, FACETS, Facet, Kind, mode_of
from components.store.query import Filters
from components.store.records import StoredEvent
from components.text.arabic import fold_key

_TEXT_SEPARATOR = " \u2029 "  # between the parts of an event's text: no search matches across two parts


@dataclass(frozen=True)
class EventIndex:
    """Events plus the columns and long tables that filtering needs."""

    events: tuple[StoredEvent, ...]
    facets: tuple[Facet, ...]
    lists: dict[str, pd.DataFrame]  # code or name list -> columns ``row`` and ``value``
    columns: pd.DataFrame  # one column per date bound and free text facet, one row per event
    by_id: dict[str, int]

    def __len__(self) -> int:
        return len(self.events)


def _long(values: Iterable[tuple[int, Iterable[str | None]]]) -> pd.DataFrame:
    rows: list[int] = []
    items: list[str] = []
    for row, names in values:
        for name in dict.fromkeys(names):
            if name:
                rows.append(row)
                items.append(name)
    return pd.DataFrame({"row": np.asarray(rows, dtype=np.int64), "value": pd.Series(items, dtype=object)})


def _day_column(facet: Facet, events: Sequence[StoredEvent]) -> pd.DatetimeIndex:
    return pd.to_datetime([next(iter(facet.event_values(event)), None) for event in events], errors="coerce")


def folded_text(facet: Facet, event: StoredEvent) -> str:
    """What a free-text facet searches in an event: its parts folded, kept apart by a separator."""
    return fold_key(_TEXT_SEPARATOR.join(part or "" for part in facet.event_values(event)))


def _text_column(facet: Facet, events: Sequence[StoredEvent]) -> list[str]:
    return [folded_text(facet, event) for event in events]


def _flag_column(facet: Facet, events: Sequence[StoredEvent]) -> np.ndarray:
    return np.fromiter((any(facet.event_values(event)) for event in events), dtype=bool, count=len(events))


def _number_column(facet: Facet, events: Sequence[StoredEvent]) -> np.ndarray:
    def number(event: StoredEvent) -> float:
        try:
            return float(next(iter(facet.event_values(event)), None) or 0.0)
        except ValueError:
            return 0.0

    return np.fromiter((number(event) for event in events), dtype=float, count=len(events))


def _no_column(facet: Facet, events: Sequence[StoredEvent]) -> None:
    return None


_COLUMNS: dict[Kind, Callable[[Facet, Sequence[StoredEvent]], object]] = {
    Kind.DATE_FROM: _day_column,
    Kind.DATE_TO: _day_column,
    Kind.TEXT: _text_column,
    Kind.FLAG: _flag_column,
    Kind.MINIMUM: _number_column,
    Kind.MODE: _no_column,
}


def build_index(events: Iterable[StoredEvent], facets: Sequence[Facet] = FACETS) -> EventIndex:
    """Index ``events`` for the facets of the table (once per data version; the result is read-only)."""
    ordered = tuple(events)
    lists = {
        facet.name: _long((row, facet.event_values(event)) for row, event in enumerate(ordered))
        for facet in facets
        if facet.repeatable
    }
    columns = pd.DataFrame(
        {
            facet.name: _COLUMNS[facet.kind](facet, ordered)
            for facet in facets
            if not facet.repeatable and facet.kind is not Kind.MODE
        },
        index=pd.RangeIndex(len(ordered)),
    )
    by_id = {str(event["id"]): row for row, event in enumerate(ordered)}
    return EventIndex(ordered, tuple(facets), lists, columns, by_id)


def all_of(index: EventIndex, facet: Facet, filters: Filters) -> bool:
    """Whether ``facet``'s chosen values must all be offered by an event (its mode says "all")."""
    mode = mode_of(facet, index.facets)
    return mode is not None and filters.text(mode.name) == ALL_OF


def _list_mask(index: EventIndex, facet: Facet, filters: Filters) -> np.ndarray | None:
    """Events offering any of the chosen values, or all of them when the facet's mode says so."""
    selected = filters.selected(facet.name)
    if not selected:
        return None
    table = index.lists[facet.name]
    rows = table["row"].to_numpy()[table["value"].isin(selected).to_numpy()]
    if all_of(index, facet, filters):  # a row offers each value once: count the chosen ones it offers
        return np.bincount(rows, minlength=len(index)) >= len(set(selected))
    mask = np.zeros(len(index), dtype=bool)
    mask[rows] = True
    return mask


def _from_mask(index: EventIndex, facet: Facet, filters: Filters) -> np.ndarray | None:
    """Overlap: the event ends on or after the start of the range."""
    day = filters.day(facet.name)
    return None if day is None else (index.columns[facet.name] >= pd.Timestamp(day)).to_numpy()


def _to_mask(index: EventIndex, facet: Facet, filters: Filters) -> np.ndarray | None:
    """Overlap: the event starts on or before the end of the range."""
    day = filters.day(facet.name)
    return None if day is None else (index.columns[facet.name] <= pd.Timestamp(day)).to_numpy()


def _text_mask(index: EventIndex, facet: Facet, filters: Filters) -> np.ndarray | None:
    needle = fold_key(filters.text(facet.name))
    return index.columns[facet.name].str.contains(needle, regex=False).to_numpy() if needle else None


def _flag_mask(index: EventIndex, facet: Facet, filters: Filters) -> np.ndarray | None:
    """Off (the default): the events offering the flag are left out. On: it does not filter."""
    return None if filters.flag(facet.name) else ~index.columns[facet.name].to_numpy(dtype=bool)


def _minimum_mask(index: EventIndex, facet: Facet, filters: Filters) -> np.ndarray | None:
    least = filters.number(facet.name)
    return None if least is None else index.columns[facet.name].to_numpy(dtype=float) >= least - 1e-9


def _no_mask(index: EventIndex, facet: Facet, filters: Filters) -> None:
    return None


_MASKS: dict[Kind, Callable[[EventIndex, Facet, Filters], np.ndarray | None]] = {
    Kind.CODES: _list_mask,
    Kind.NAMES: _list_mask,
    Kind.DATE_FROM: _from_mask,
    Kind.DATE_TO: _to_mask,
    Kind.TEXT: _text_mask,
    Kind.FLAG: _flag_mask,
    Kind.MINIMUM: _minimum_mask,
    Kind.MODE: _no_mask,
}


def match_mask(index: EventIndex, filters: Filters, *, skip: str | None = None) -> np.ndarray:
    """Rows matching every filter (except the facet named ``skip``, for option counts)."""
    unknown = set(filters.names()) - {facet.name for facet in index.facets}
    if unknown:
        raise ValueError(f"filters on facets the index does not have: {sorted(unknown)}")
    mask = np.ones(len(index), dtype=bool)
    for facet in index.facets:
        part = _MASKS[facet.kind](index, facet, filters) if facet.name != skip else None
        if part is not None:
            mask &= part
    return mask


def filter_rows(index: EventIndex, filters: Filters) -> np.ndarray:
    """Row positions of the matching events, in index order."""
    return np.flatnonzero(match_mask(index, filters))


def facet_counts(index: EventIndex, filters: Filters, facet: str) -> dict[str, int]:
    """For each value of a code or name list: how many events match it and all the *other* filters.

    When the list's mode is "all of", what an option adds: the events that offer it *and* every
    value chosen already (an option chosen already counts the events shown). For a flag:
    ``{"1": n}``, the events offering it that match the other filters (what switching it on adds)."""
    row = next((item for item in index.facets if item.name == facet), None)
    if row is not None and row.kind is Kind.FLAG:
        mask = match_mask(index, filters, skip=facet) & index.columns[facet].to_numpy(dtype=bool)
        return {"1": int(mask.sum())}
    if row is not None and all_of(index, row, filters):
        mask = match_mask(index, filters)
    else:
        mask = match_mask(index, filters, skip=facet)
    table = index.lists[facet]
    counts = table[mask[table["row"].to_numpy()]]["value"].value_counts()
    return {str(key): int(value) for key, value in counts.items()}


def all_values(index: EventIndex, facet: str) -> list[str]:
    """Every value of a code or name list present in the data, sorted."""
    return sorted(index.lists[facet]["value"].unique().tolist())


def known_names(index: EventIndex) -> dict[str, list[str]]:
    """For each name list, the names the data holds (what a link's values are checked against)."""
    return {facet.name: all_values(index, facet.name) for facet in index.facets if facet.kind is Kind.NAMES}
