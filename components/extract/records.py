"""The JSON shapes of extracted events (``docs/event_schema.md``), as typed dicts.

:class:`components.extract.models.Event` is what the pipeline builds; ``EventRecord`` is the
same event as a plain JSON object, the form the command line prints and the store keeps.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict


class ActorRecord(TypedDict):
    name_en: str
    name_ar: str
    country: str | None
    role: str | None
    kind: str  # "person" or "organisation"


class PlaceRecord(TypedDict):
    name_en: str
    name_ar: str
    country: str | None
    lat: float
    lon: float
    kind: str  # city, region, village, country


class MentionRecord(TypedDict):
    """A highlighted stretch of the event's sentence (offsets relative to the sentence)."""

    kind: str  # date, actor, place, country, organisation, trigger
    start: int
    end: int
    text: str


class EvidenceRecord(TypedDict):
    """A sentence of the article that mentions the event's happening (offsets in the article text)."""

    char_start: int
    char_end: int
    text: str  # the sentence (at most MAX_SENTENCE_CHARS characters: a bounded excerpt)


class EventRecord(TypedDict):
    id: str
    article_id: str | None
    date_start: str | None
    date_end: str | None
    precision: str | None
    approximate: bool
    date_text: str
    type: str
    countries: list[str]
    actors: list[ActorRecord]
    places: list[PlaceRecord]
    title_en: str
    sentence: str
    char_start: int
    char_end: int
    source: str | None
    url: str | None
    published: str | None
    confidence: float
    trigger: str
    mentions: list[MentionRecord]
    undated: bool
    extractor_version: str
    # Newer extractors add these; events stored by older ones lack them (read them with defaults).
    status: NotRequired[str]  # reported | planned
    role: NotRequired[str]  # news | background
    location_country: NotRequired[str | None]  # the country of the place where it happened
    evidence: NotRequired[list[EvidenceRecord]]  # every sentence that mentions the same happening
