"""Filtering events: an index built once per data version, then fast vectorised masks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from components.store.records import event_sources
from components.text.arabic import fold_key
from components.ui.url_state import Filters, ViewState

FACETS = ("countries", "actors", "types", "sources")


def filters_of(state: ViewState) -> Filters:
    """Only the filters of a view (the lanes, language and open event do not change which events match)."""
    return Filters(**{name: getattr(state, name) for name in Filters.__dataclass_fields__})


@dataclass(frozen=True)
class EventIndex:
    """Events plus the columns and long tables that filtering needs."""

    events: tuple[dict, ...]
    frame: pd.DataFrame  # one row per event, same order as ``events``
    long: dict[str, pd.DataFrame]  # facet -> columns ``row`` and ``value``
    by_id: dict[str, int]

    def __len__(self) -> int:
        return len(self.events)


def _long(values: Iterable[tuple[int, Iterable[str]]]) -> pd.DataFrame:
    rows: list[int] = []
    items: list[str] = []
    for row, names in values:
        for name in dict.fromkeys(names):
            if name:
                rows.append(row)
                items.append(name)
    return pd.DataFrame({"row": np.asarray(rows, dtype=np.int64), "value": pd.Series(items, dtype=object)})


def _search_text(event: dict) -> str:
    parts = [event.get("sentence") or "", event.get("title_en") or "", event.get("date_text") or ""]
    for actor in event.get("actors") or []:
        parts += [actor.get("name_en") or "", actor.get("name_ar") or ""]
    for place in event.get("places") or []:
        parts += [place.get("name_en") or "", place.get("name_ar") or ""]
    return fold_key(" \u2029 ".join(parts))


def build_index(events: Iterable[dict]) -> EventIndex:
    """Index ``events`` (once per data version; the result is read-only)."""
    ordered = tuple(events)
    frame = pd.DataFrame(
        {
            "id": [str(event["id"]) for event in ordered],
            "type": [event.get("type") or "other" for event in ordered],
            "start": pd.to_datetime([event.get("date_start") for event in ordered], errors="coerce"),
            "end": pd.to_datetime(
                [event.get("date_end") or event.get("date_start") for event in ordered], errors="coerce"
            ),
            "precision": [event.get("precision") for event in ordered],
            "search": [_search_text(event) for event in ordered],
        }
    )
    long = {
        "countries": _long((row, event.get("countries") or []) for row, event in enumerate(ordered)),
        "actors": _long(
            (row, (actor.get("name_en") for actor in event.get("actors") or [])) for row, event in enumerate(ordered)
        ),
        "sources": _long(
            (row, (source.get("source") for source in event_sources(event))) for row, event in enumerate(ordered)
        ),
    }
    return EventIndex(ordered, frame, long, {event_id: row for row, event_id in enumerate(frame["id"])})


def _facet_mask(index: EventIndex, facet: str, selected: tuple[str, ...]) -> np.ndarray:
    table = index.long[facet]
    mask = np.zeros(len(index), dtype=bool)
    mask[table["row"].to_numpy()[table["value"].isin(selected).to_numpy()]] = True
    return mask


def match_mask(index: EventIndex, filters: Filters, *, skip: str | None = None) -> np.ndarray:
    """Rows matching every filter (except the facet named ``skip``, for option counts)."""
    frame = index.frame
    mask = np.ones(len(index), dtype=bool)
    for facet in ("countries", "actors", "sources"):
        selected = getattr(filters, facet)
        if selected and facet != skip:
            mask &= _facet_mask(index, facet, selected)
    if filters.types and skip != "types":
        mask &= frame["type"].isin(filters.types).to_numpy()
    if filters.date_from:  # overlap: the event ends on or after the start of the range
        mask &= (frame["end"] >= pd.Timestamp(filters.date_from)).to_numpy()
    if filters.date_to:
        mask &= (frame["start"] <= pd.Timestamp(filters.date_to)).to_numpy()
    needle = fold_key(filters.q)
    if needle:
        mask &= frame["search"].str.contains(needle, regex=False).to_numpy()
    return mask


def filter_rows(index: EventIndex, filters: Filters) -> np.ndarray:
    """Row positions of the matching events, in index order."""
    return np.flatnonzero(match_mask(index, filters))


def facet_counts(index: EventIndex, filters: Filters, facet: str) -> dict[str, int]:
    """For each value of ``facet``: how many events match it and all the *other* filters."""
    if facet == "types":
        frame = index.frame[match_mask(index, filters, skip=facet)]
        return {str(key): int(value) for key, value in frame["type"].value_counts().items()}
    mask = match_mask(index, filters, skip=facet)
    table = index.long[facet]
    counts = table[mask[table["row"].to_numpy()]]["value"].value_counts()
    return {str(key): int(value) for key, value in counts.items()}


def all_values(index: EventIndex, facet: str) -> list[str]:
    """Every value of a facet present in the data, sorted."""
    if facet == "types":
        return sorted(index.frame["type"].unique().tolist())
    return sorted(index.long[facet]["value"].unique().tolist())
