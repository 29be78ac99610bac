"""The data passed between pipeline steps.

Offsets are character offsets into ``Article.text`` (end exclusive) unless a field says
otherwise.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from components.extract.records import ActorRecord, EvidenceRecord, MentionRecord, PlaceRecord

Precision = Literal["day", "month", "year"]
EVENT_TYPES: tuple[str, ...] = ("meeting", "agreement", "statement", "military", "border", "protest", "other")


def stable_id(*parts: object, length: int = 16) -> str:
    """A short hex id that only depends on its parts (stable across runs and machines)."""
    digest = hashlib.sha1("\x1f".join(str(part) for part in parts).encode("utf-8"))
    return digest.hexdigest()[:length]


@dataclass(frozen=True)
class Article:
    """One article cut out of a page, boilerplate removed."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    dateline: str | None = None
    url: str | None = None
    published: date | None = None
    published_how: str = "unknown"  # "metadata", "html", "url", "stamp", "weekday", "unknown"
    keywords: tuple[str, ...] = ()
    related_headlines: tuple[str, ...] = ()
    page: str | None = None  # path or name of the page it came from
    index_in_page: int = 0
    caption_ranges: tuple[tuple[int, int], ...] = ()  # photo caption lines of ``text`` (start, end)
    heading_ranges: tuple[tuple[int, int], ...] = ()  # sub-heading and kicker lines of ``text`` (start, end)
    warnings: tuple[str, ...] = ()  # date expressions found but rejected as impossible ("31 فبراير 2024")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class DateSpan:
    """A date mention resolved to a span of days.

    ``start``/``end`` are ``None`` when the mention depends on an unknown publication date
    (the event is then *undated*). ``approximate`` is true when a part of the date was not
    written but inferred (a year taken from the publication date, a relative day such as
    "yesterday") or the text hedges ("early May", "about").
    """

    start: date | None
    end: date | None
    precision: Precision | None
    text: str
    char_start: int
    char_end: int
    approximate: bool = False
    relative: bool = False
    planned: bool = False  # the text puts it ahead of the time of writing ("غدا", "المقبل", "سيعقد في")
    deictic: bool = False  # counted from the time of writing ("أمس", "الخميس الماضي", "قبل 3 أيام")

    @property
    def undated(self) -> bool:
        return self.start is None


MentionKind = Literal["country", "actor", "place", "organisation"]


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name_en: str


@dataclass(frozen=True)
class Actor:
    name_en: str
    name_ar: str
    country: str | None
    role: str | None
    kind: Literal["person", "organisation"] = "person"


@dataclass(frozen=True)
class Place:
    name_en: str
    name_ar: str
    country: str | None
    lat: float
    lon: float
    kind: str = "city"  # city, region, village, country


@dataclass(frozen=True)
class EntityMention:
    """An entity found in the text: what it is and where it stands."""

    kind: MentionKind
    char_start: int
    char_end: int
    text: str
    country: Country | None = None  # the state this mention stands for (also for metonyms)
    actor: Actor | None = None
    place: Place | None = None


@dataclass(frozen=True)
class TriggerMatch:
    event_type: str
    char_start: int
    char_end: int
    text: str
    weight: float = 1.0


@dataclass
class Event:
    """One extracted event, as printed by ``python -m components.extract``."""

    id: str
    article_id: str
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
    trigger: str = ""
    mentions: list[MentionRecord] = field(default_factory=list)  # offsets relative to ``sentence``
    undated: bool = False
    extractor_version: str = ""
    status: str = "reported"  # "reported" (took place by publication) or "planned"
    role: str = "news"  # "news" (what the article reports) or "background" (recalled for context)
    location_country: str | None = None  # ISO code of the country where it happened
    evidence: list[EvidenceRecord] = field(default_factory=list)  # every sentence mentioning the happening
