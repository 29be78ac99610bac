"""What a merged event (corrections applied) becomes in the tables the read side queries.

``merged_events`` holds one row per merged event: the whole event as JSON plus the columns that
filters, counts and sorting need; ``event_facets`` one row per value the event offers to each
code or name list of the facet table (``components.store.facets``), ``1`` for each flag it
offers, and its values of the read side's own lists (:data:`READ_LISTS`); ``event_places`` its
places; ``event_names`` the English and Arabic names of its actors and places.
Pure functions: the SQL that writes them is in :mod:`components.store.merged`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from components.store.facets import FACETS, Facet, Kind
from components.store.memory_index import folded_text
from components.store.records import StoredEvent, event_sources

# Bump when what this module computes changes: stores then rebuild their rows on opening.
ROWS_VERSION = 3

MERGED_COLUMNS = (
    "id",
    "data",
    "hidden",
    "corrected",
    "date_start",
    "date_end",
    "day_start",
    "day_end",
    "date_precision",
    "approximate",
    "type",
    "status",
    "role",
    "location_country",
    "confidence",
    "source_count",
    "search",
    "lists",
    "placed",
)


def _participants(event: StoredEvent) -> list[str]:
    return list(event.get("countries") or ())


def _article_ids(event: StoredEvent) -> list[str | None]:
    return [source.get("article_id") for source in event_sources(event)]


def _member_ids(event: StoredEvent) -> list[str]:
    return [str(member) for member in event.get("member_ids") or () if member]


# Lists the read side counts and pairs over besides the facet table's rows, kept in ``event_facets``
# under names no facet can have (a facet name is a keyword of ``Filters``): the participant
# countries (a country facet may also match where an event happened), the articles reporting it and
# the ids of the reports merged into it (an event is found by any of them).
PARTICIPANTS, ARTICLES, MEMBERS = "~participants", "~articles", "~members"
READ_LISTS: dict[str, Callable[[StoredEvent], Iterable[str | None]]] = {
    PARTICIPANTS: _participants,
    ARTICLES: _article_ids,
    MEMBERS: _member_ids,
}


def views_signature(facets: Sequence[Facet] = FACETS) -> str:
    """Names what the rows hold (this module's version and the facet table's rows)."""
    return f"{ROWS_VERSION}:" + ",".join(f"{facet.name}/{facet.kind.name}" for facet in facets)


def day_number(value: object) -> int | None:
    """An ISO date as a day number (``date.toordinal``: 1 is Monday 0001-01-01), ``None`` if it is not one."""
    try:
        return date.fromisoformat(str(value)[:10]).toordinal() if value else None
    except ValueError:
        return None


def search_text(event: StoredEvent, facets: Sequence[Facet] = FACETS) -> str:
    """The folded text the free-text facet searches (the same as the in-memory index's)."""
    return " ".join(folded_text(facet, event) for facet in facets if facet.kind is Kind.TEXT)


def packed_lists(facets: Sequence[Facet] = FACETS) -> tuple[str, ...]:
    """The lists whose values each ``merged_events`` row also holds (column ``lists``): every code or
    name list of ``facets`` and the read side's lists that are counted (not the reports' ids)."""
    return (*(facet.name for facet in facets if facet.repeatable), PARTICIPANTS, ARTICLES)


def list_values(event: StoredEvent, facets: Sequence[Facet] = FACETS) -> dict[str, list[str]]:
    """The values of the event's lists (:func:`packed_lists`), as ``event_facets`` holds them: no
    repeats, none empty; a list without values is left out."""
    getters = {facet.name: facet.event_values for facet in facets if facet.repeatable} | READ_LISTS
    found = {name: [v for v in dict.fromkeys(getters[name](event)) if v] for name in packed_lists(facets)}
    return {name: [str(v) for v in values] for name, values in found.items() if values}


def placed(event: StoredEvent) -> int:
    """1 if one of the event's places has coordinates (the map can show it), else 0."""
    return int(any(row[5] is not None and row[6] is not None for row in place_values(event)))


def merged_values(
    event: StoredEvent, to_json: Callable[[Any], Any], facets: Sequence[Facet] = FACETS
) -> tuple[Any, ...]:
    """The ``merged_events`` row of ``event`` (``to_json``: a value as a JSON column takes it)."""
    start = event.get("date_start")
    end = event.get("date_end") or start
    return (
        str(event["id"]),
        to_json(event),
        int(bool(event.get("hidden"))),
        int(bool(event.get("corrected"))),
        start,
        event.get("date_end"),
        day_number(start),
        day_number(end) if day_number(start) is not None else None,
        event.get("precision"),
        int(bool(event.get("approximate"))),
        str(event.get("type") or "other"),
        str(event.get("status") or "reported"),
        str(event.get("role") or "news"),
        event.get("location_country"),
        float(event.get("confidence") or 0.0),
        int(event.get("source_count") or len(event_sources(event)) or 0),
        search_text(event, facets),
        to_json(list_values(event, facets)),
        placed(event),
    )


def facet_values(event: StoredEvent, facets: Sequence[Facet] = FACETS) -> list[tuple[str, str, str]]:
    """(event id, facet name, value) for every value of a code or name list, of a flag and of the
    read side's lists, without repeats."""
    lists = [(facet.name, facet.event_values) for facet in facets if facet.repeatable or facet.kind is Kind.FLAG]
    rows: list[tuple[str, str, str]] = []
    for name, values in [*lists, *READ_LISTS.items()]:
        rows += [(str(event["id"]), name, value) for value in dict.fromkeys(values(event)) if value]
    return rows


def _number(value: object) -> float | None:
    try:
        return float(value) if value is not None and value != "" else None  # type: ignore[arg-type]  # checked by float()
    except (TypeError, ValueError):
        return None


NAMED_ITEMS = ("actors", "places")  # the lists whose items have an English and an Arabic name


def name_values(event: StoredEvent) -> list[tuple[Any, ...]]:
    """(event id, list, position, English name, Arabic name, hidden, undated, first day or ``""``)
    per actor and place that has both names, in the event's order."""
    start = event.get("date_start")
    order = (int(bool(event.get("hidden"))), int(start is None), str(start or ""))
    items: dict[str, Sequence[Any]] = {"actors": event.get("actors") or (), "places": event.get("places") or ()}
    return [
        (str(event["id"]), name, position, str(item.get("name_en")), str(item.get("name_ar")), *order)
        for name in NAMED_ITEMS
        for position, item in enumerate(items[name])
        if item.get("name_en") and item.get("name_ar")
    ]


def place_values(event: StoredEvent) -> list[tuple[Any, ...]]:
    """(event id, place number, English and Arabic names, country, lat, lon, kind) per place."""
    return [
        (
            str(event["id"]),
            number,
            str(place.get("name_en") or ""),
            str(place.get("name_ar") or place.get("name_en") or ""),
            place.get("country"),
            _number(place.get("lat")),
            _number(place.get("lon")),
            str(place.get("kind") or "city"),
        )
        for number, place in enumerate(event.get("places") or ())
    ]
