"""What the dashboard asks the store for: the read side of the store, one method per part of a view.

Every method takes the view's :class:`~components.store.query.Filters` and answers only what that
part shows (a page of the table, the counts of one facet's options, the marks of the timeline
or their aggregates, the places of the map, the pairs of the relations view), so that no caller
needs all events in memory. :class:`EventViews` is the contract; :mod:`components.store.memory_views`
answers it over a list of events (the reference the SQL engines are tested against).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import Protocol

from components.extract.records import ActorRecord, PlaceRecord
from components.store.query import Filters
from components.store.records import StoredEvent

SORT_COLUMNS = ("date", "type", "sources", "confidence")
LANES = ("type", "country")
PAIR_KINDS = ("countries", "actors")


@dataclass(frozen=True)
class Summary:
    """Counts over the events that match: what the summary line says."""

    events: int
    articles: int
    sources: int
    first_day: date | None
    last_day: date | None
    undated: int
    planned: int
    background: int
    without_place: int  # events with no place that has coordinates (GeoJSON leaves them out)


@dataclass(frozen=True)
class Sort:
    """The table's order: a column of :data:`SORT_COLUMNS`, newest (largest) first by default."""

    column: str = "date"
    descending: bool = True

    def __post_init__(self) -> None:
        if self.column not in SORT_COLUMNS:
            raise ValueError(f"cannot sort by {self.column!r}; one of {', '.join(SORT_COLUMNS)}")


DEFAULT_SORT = Sort()


@dataclass(frozen=True)
class EventPage:
    """One page of the table: the events shown and how many match in all."""

    events: tuple[StoredEvent, ...]
    total: int
    offset: int


@dataclass(frozen=True)
class Mark:
    """One event as the timeline draws it (no sentence, no sources: only what the mark shows)."""

    id: str
    date_start: date
    date_end: date
    precision: str
    approximate: bool
    type: str
    countries: tuple[str, ...]
    location_country: str | None
    actors: tuple[tuple[str, str], ...]  # (English name, Arabic name)
    places: tuple[tuple[str, str], ...]  # (English name, Arabic name)
    source_count: int
    status: str  # reported | planned
    role: str  # news | background
    confidence: float


@dataclass(frozen=True)
class Bucket:
    """Events of one lane counted over one week or month, when there are too many to draw one by one."""

    start: date
    end: date
    lane: str  # an event type, or a country code when the lanes are countries
    count: int


@dataclass(frozen=True)
class TimelineData:
    """The timeline's content: ``marks`` when at most ``max_marks`` dated events match, else ``buckets``
    (``bucket`` says "week" or "month"). ``undated`` events are not drawn."""

    marks: tuple[Mark, ...]
    buckets: tuple[Bucket, ...]
    bucket: str | None
    lanes: str
    total: int
    undated: int
    first_day: date | None
    last_day: date | None


@dataclass(frozen=True)
class PlaceCount:
    """A place of the map with how many matching events happened there."""

    name_en: str
    name_ar: str
    country: str | None
    lat: float
    lon: float
    kind: str
    count: int
    types: tuple[tuple[str, int], ...]  # (event type, events of that type), most frequent first
    latest: tuple[str, ...]  # ids of its events, newest first (at most ``per_place`` of them)


@dataclass(frozen=True)
class Paragraph:
    """The paragraph of its article around an event's sentence: ``text[start:end]`` is the sentence."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class PairCount:
    """How many matching events of one type involve both ``a`` and ``b`` (``a < b``)."""

    a: str
    b: str
    type: str
    count: int


class EventViews(Protocol):
    """The read side of a store, as the dashboard uses it."""

    def version(self) -> str:
        """Changes whenever any answer below may change (a cache key)."""
        ...

    def summary(self, filters: Filters) -> Summary: ...

    def page(self, filters: Filters, *, sort: Sort = DEFAULT_SORT, offset: int = 0, limit: int = 100) -> EventPage: ...

    def facet_counts(self, filters: Filters, facet: str) -> dict[str, int]:
        """For each value of a code or name list: the events matching it and all the *other* filters."""
        ...

    def facet_values(self, facet: str) -> tuple[str, ...]:
        """Every value of a code or name list present in the data, sorted."""
        ...

    def arabic_names(self, facet: str) -> dict[str, str]:
        """For the ``actors`` and ``places`` lists: each English name the data holds → its Arabic name."""
        ...

    def timeline(self, filters: Filters, *, lanes: str = "type", max_marks: int = 1500) -> TimelineData: ...

    def places(self, filters: Filters, *, limit: int = 500, per_place: int = 50) -> tuple[PlaceCount, ...]:
        """The places of matching events, most events first."""
        ...

    def event(self, event_id: str) -> StoredEvent | None:
        """The event with this id, or the merged event one of whose reports has it (``member_ids``)."""
        ...

    def position(self, filters: Filters, event_id: str, *, sort: Sort = DEFAULT_SORT) -> int | None:
        """Where the event is among the matching events in ``sort`` order (the offset of its table row);
        ``None`` when it does not match ``filters``."""
        ...

    def paragraph(self, event_id: str) -> Paragraph | None:
        """The paragraph around the event's sentence, when its article's text is at hand."""
        ...

    def pairs(self, filters: Filters, *, by: str = "countries") -> tuple[PairCount, ...]: ...


MAX_PARAGRAPH = 1500  # characters of context kept around a sentence


def paragraph_around(text: str, start: int, end: int, sentence: str = "") -> Paragraph | None:
    """The paragraph (between line breaks) of ``text`` holding ``text[start:end]``, cut to about
    :data:`MAX_PARAGRAPH` characters around it. When the offsets do not point at ``sentence``, the
    sentence is looked up in the text; ``None`` when it is not there."""
    if sentence and text[start:end] != sentence:
        found = text.find(sentence)
        if found < 0:
            return None
        start, end = found, found + len(sentence)
    if not 0 <= start < end <= len(text):
        return None
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    last = len(text) if last < 0 else last
    room = max(0, MAX_PARAGRAPH - (end - start)) // 2
    first, last = max(first, start - room), min(last, end + room)
    return Paragraph(text[first:last], start - first, end - first)


NAMED_LISTS = ("actors", "places")  # the lists whose values are English names with an Arabic form


def arabic_names_of(events: Iterable[StoredEvent], facet: str) -> dict[str, str]:
    """English name → Arabic name of the actors or places of ``events`` (the first Arabic form seen)."""
    if facet not in NAMED_LISTS:
        raise ValueError(f"Arabic names of {facet!r}: one of {', '.join(NAMED_LISTS)}")
    names: dict[str, str] = {}
    for event in events:
        items: Sequence[ActorRecord | PlaceRecord] = (
            event.get("actors") or () if facet == "actors" else event.get("places") or ()
        )
        for item in items:
            english, arabic = item.get("name_en"), item.get("name_ar")
            if english and arabic:
                names.setdefault(str(english), str(arabic))
    return names


def pair_keys(event: StoredEvent, by: str) -> list[str]:
    """What an event relates: its participant countries, or its actors' English names."""
    if by == "countries":
        return sorted({code for code in event.get("countries") or () if code})
    if by == "actors":
        return sorted({str(actor.get("name_en")) for actor in event.get("actors") or () if actor.get("name_en")})
    raise ValueError(f"pairs of {by!r}: one of {', '.join(PAIR_KINDS)}")


def pairs_of(events: Iterable[StoredEvent], by: str = "countries") -> tuple[PairCount, ...]:
    """Every pair of countries (or actors) that take part in the same event, counted per event type;
    most frequent first, then by names."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for event in events:
        kind = event.get("type") or "other"
        for a, b in combinations(pair_keys(event, by), 2):
            counts[(a, b, kind)] += 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(PairCount(a, b, kind, count) for (a, b, kind), count in ordered)
