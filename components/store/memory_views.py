""":class:`~components.store.views.EventViews` answered over a list of events held in memory.

The reference implementation: the SQL engines must give the same answers on the same events
(tests compare them). Also what a file of events (``TIMELINE_EVENTS_JSONL``) is shown with.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from components.extract.records import PlaceRecord
from components.store.exports import has_point
from components.store.facets import FACETS, Facet, event_role, event_status
from components.store.memory_index import EventIndex, all_values, build_index, facet_counts, filter_rows
from components.store.query import Filters
from components.store.records import StoredEvent, event_sources
from components.store.views import (
    DEFAULT_SORT,
    LANES,
    Bucket,
    EventPage,
    Mark,
    PairCount,
    Paragraph,
    PlaceCount,
    Sort,
    Summary,
    TimelineData,
    arabic_names_of,
    pairs_of,
    paragraph_around,
)

MONTHLY_AFTER_DAYS = 15 * 366  # a range longer than this is counted per month, not per week


def _day(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


status_of, role_of = event_status, event_role


def source_count(event: StoredEvent) -> int:
    return int(event.get("source_count") or len(event_sources(event)) or 0)


def sort_key(event: StoredEvent, column: str) -> tuple[object, ...]:
    """The value a table column sorts ``event`` by; ties broken by date then id. Undated events sort
    as the oldest."""
    when = str(event.get("date_start") or "")
    if column == "type":
        return (str(event.get("type") or ""), when, str(event["id"]))
    if column == "sources":
        return (source_count(event), when, str(event["id"]))
    if column == "confidence":
        return (float(event.get("confidence") or 0.0), when, str(event["id"]))
    return (when, str(event.get("date_end") or ""), str(event["id"]))


def mark_of(event: StoredEvent) -> Mark | None:
    start = _day(event.get("date_start"))
    if start is None:
        return None
    return Mark(
        id=str(event["id"]),
        date_start=start,
        date_end=_day(event.get("date_end")) or start,
        precision=str(event.get("precision") or "day"),
        approximate=bool(event.get("approximate")),
        type=str(event.get("type") or "other"),
        countries=tuple(event.get("countries") or ()),
        location_country=event.get("location_country"),
        actors=tuple((a.get("name_en") or "", a.get("name_ar") or "") for a in event.get("actors") or ()),
        places=tuple((p.get("name_en") or "", p.get("name_ar") or "") for p in event.get("places") or ()),
        source_count=source_count(event),
        status=status_of(event),
        role=role_of(event),
        confidence=float(event.get("confidence") or 0.0),
    )


def bucket_start(day: date, bucket: str) -> date:
    """The Monday of ``day``'s week, or the first of its month."""
    return day - timedelta(days=day.weekday()) if bucket == "week" else day.replace(day=1)


def bucket_end(start: date, bucket: str) -> date:
    if bucket == "week":
        return start + timedelta(days=6)
    following = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return following - timedelta(days=1)


def lanes_of(mark: Mark, lanes: str) -> tuple[str, ...]:
    if lanes == "type":
        return (mark.type,)
    return mark.countries or ("",)


def buckets_of(marks: Sequence[Mark], lanes: str, bucket: str) -> tuple[Bucket, ...]:
    counts: Counter[tuple[date, str]] = Counter()
    for mark in marks:
        for lane in lanes_of(mark, lanes):
            counts[(bucket_start(mark.date_start, bucket), lane)] += 1
    return tuple(
        Bucket(start, bucket_end(start, bucket), lane, count) for (start, lane), count in sorted(counts.items())
    )


def places_of(events: Sequence[StoredEvent], limit: int, per_place: int) -> tuple[PlaceCount, ...]:
    """Places of ``events`` (newest first) with their counts, types and newest event ids."""
    records: dict[tuple[str, float, float], PlaceRecord] = {}
    types: dict[tuple[str, float, float], Counter[str]] = {}
    ids: dict[tuple[str, float, float], list[str]] = {}
    for event in events:
        for place in event.get("places") or ():
            key = (str(place.get("name_en") or ""), float(place.get("lat") or 0.0), float(place.get("lon") or 0.0))
            if key in records and ids[key][-1] == str(event["id"]):
                continue  # the same place twice in one event
            records.setdefault(key, place)
            types.setdefault(key, Counter())[str(event.get("type") or "other")] += 1
            ids.setdefault(key, []).append(str(event["id"]))
    result = [
        PlaceCount(
            name_en=name,
            name_ar=str(records[key].get("name_ar") or name),
            country=records[key].get("country"),
            lat=lat,
            lon=lon,
            kind=str(records[key].get("kind") or "city"),
            count=len(ids[key]),
            types=tuple(sorted(types[key].items(), key=lambda item: (-item[1], item[0]))),
            latest=tuple(ids[key][:per_place]),
        )  # fmt: skip
        for key in records
        for name, lat, lon in (key,)
    ]
    result.sort(key=lambda place: (-place.count, place.name_en))
    return tuple(result[:limit])


ArticleText = Callable[[str], str | None]


class MemoryViews:
    """The views of a fixed list of events (``version`` names that list); ``article_text`` gives an
    article's text by its id, for the paragraph around a sentence (without it there is none)."""

    def __init__(
        self,
        events: Sequence[StoredEvent],
        version: str,
        facets: Sequence[Facet] = FACETS,
        article_text: ArticleText | None = None,
    ) -> None:
        self._index: EventIndex = build_index(events, facets)
        self._version = version
        self._article_text = article_text
        self._members = {
            str(member): row
            for row, event in enumerate(self._index.events)
            for member in event.get("member_ids") or ()
            if member
        }

    def version(self) -> str:
        return self._version

    def matching(self, filters: Filters) -> list[StoredEvent]:
        """The events that match, in the order they were given."""
        return [self._index.events[row] for row in filter_rows(self._index, filters)]

    def summary(self, filters: Filters) -> Summary:
        events = self.matching(filters)
        articles = {str(s["article_id"]) for e in events for s in event_sources(e) if s.get("article_id")}
        sources = {str(s["source"]) for e in events for s in event_sources(e) if s.get("source")}
        starts = [day for e in events if (day := _day(e.get("date_start")))]
        ends = [day for e in events if (day := _day(e.get("date_end") or e.get("date_start")))]
        return Summary(
            events=len(events), articles=len(articles), sources=len(sources),
            first_day=min(starts, default=None), last_day=max(ends, default=None),
            undated=len(events) - len(starts), planned=sum(status_of(e) == "planned" for e in events),
            background=sum(role_of(e) == "background" for e in events),
            without_place=sum(not has_point(e) for e in events),
        )  # fmt: skip

    def page(self, filters: Filters, *, sort: Sort = DEFAULT_SORT, offset: int = 0, limit: int = 100) -> EventPage:
        events = sorted(self.matching(filters), key=lambda e: sort_key(e, sort.column), reverse=sort.descending)
        offset = max(0, offset)
        return EventPage(tuple(events[offset : offset + max(0, limit)]), len(events), offset)

    def facet_counts(self, filters: Filters, facet: str) -> dict[str, int]:
        return facet_counts(self._index, filters, facet)

    def facet_values(self, facet: str) -> tuple[str, ...]:
        return tuple(all_values(self._index, facet))

    def arabic_names(self, facet: str) -> dict[str, str]:
        return arabic_names_of(self._index.events, facet)

    def timeline(self, filters: Filters, *, lanes: str = "type", max_marks: int = 1500) -> TimelineData:
        if lanes not in LANES:
            raise ValueError(f"lanes must be one of {', '.join(LANES)}")
        events = self.matching(filters)
        marks = sorted((m for e in events if (m := mark_of(e))), key=lambda m: (m.date_start, m.date_end, m.id))
        first = marks[0].date_start if marks else None
        last = max((m.date_end for m in marks), default=None)
        undated = len(events) - len(marks)
        if len(marks) <= max_marks:
            return TimelineData(tuple(marks), (), None, lanes, len(marks), undated, first, last)
        bucket = "month" if first and last and (last - first).days > MONTHLY_AFTER_DAYS else "week"
        return TimelineData((), buckets_of(marks, lanes, bucket), bucket, lanes, len(marks), undated, first, last)

    def places(self, filters: Filters, *, limit: int = 500, per_place: int = 50) -> tuple[PlaceCount, ...]:
        newest_first = sorted(self.matching(filters), key=lambda e: sort_key(e, "date"), reverse=True)
        return places_of(newest_first, limit, per_place)

    def event(self, event_id: str) -> StoredEvent | None:
        row = self._index.by_id.get(event_id, self._members.get(event_id))
        return None if row is None else self._index.events[row]

    def pairs(self, filters: Filters, *, by: str = "countries") -> tuple[PairCount, ...]:
        return pairs_of(self.matching(filters), by)

    def position(self, filters: Filters, event_id: str, *, sort: Sort = DEFAULT_SORT) -> int | None:
        event = self.event(event_id)
        if event is None:
            return None
        events = self.matching(filters)
        if not any(item is event for item in events):
            return None
        key = sort_key(event, sort.column)
        if sort.descending:
            return sum(1 for item in events if sort_key(item, sort.column) > key)
        return sum(1 for item in events if sort_key(item, sort.column) < key)

    def paragraph(self, event_id: str) -> Paragraph | None:
        event = self.event(event_id)
        if event is None or self._article_text is None or not event.get("article_id"):
            return None
        text = self._article_text(str(event["article_id"]))
        if not text:
            return None
        start, end = int(event.get("char_start") or 0), int(event.get("char_end") or 0)
        return paragraph_around(text, start, end, str(event.get("sentence") or ""))
