"""Synthetic events shaped like the extractor's output, for tests and benchmarks.

Places, actors, outlets, sentence patterns and date phrasings come from
``components/evaluation/data/synthetic_*.tsv``; the same ``(n, seed)`` always gives the same events.
"""

from __future__ import annotations

import calendar
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from babel import Locale

from components.extract.models import EVENT_TYPES, stable_id
from components.extract.records import ActorRecord, EventRecord, MentionRecord, PlaceRecord
from components.text.lexicon import column, float_between, iso_country, load_rows, one_of

FIRST_DAY = date(2020, 9, 1)
LAST_DAY = date(2025, 6, 30)
DATA_DIR = Path(__file__).resolve().parent / "data"
_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class SyntheticPlace:
    """A row of ``synthetic_places.tsv``."""

    name_en: str = column()
    name_ar: str = column()
    country: str = column(iso_country)
    lat: float = column(float_between(-90, 90))
    lon: float = column(float_between(-180, 180))
    kind: str = column()


@dataclass(frozen=True)
class SyntheticActor:
    """A row of ``synthetic_actors.tsv``."""

    name_en: str = column()
    name_ar: str = column()
    country: str | None = column(iso_country, optional=True)
    role: str | None = column(optional=True)
    kind: str = column(one_of("person", "organisation"))


@dataclass(frozen=True)
class SyntheticOutlet:
    """A row of ``synthetic_outlets.tsv``."""

    name: str = column()
    url: str = column()


@dataclass(frozen=True)
class SyntheticSentence:
    """A row of ``synthetic_sentences.tsv``: a sentence pattern with ``{slots}``."""

    type: str = column(one_of(*EVENT_TYPES))
    sentence: str = column()


@dataclass(frozen=True)
class SyntheticDatePhrase:
    """A row of ``synthetic_date_phrases.tsv``."""

    shape: str = column(one_of("day", "range", "month", "year", "undated"))
    phrase: str = column()


@lru_cache(maxsize=1)
def _places() -> tuple[SyntheticPlace, ...]:
    return tuple(load_rows("synthetic_places.tsv", SyntheticPlace, directory=DATA_DIR))


@lru_cache(maxsize=1)
def _actors() -> tuple[SyntheticActor, ...]:
    return tuple(load_rows("synthetic_actors.tsv", SyntheticActor, directory=DATA_DIR))


@lru_cache(maxsize=1)
def _outlets() -> tuple[SyntheticOutlet, ...]:
    return tuple(load_rows("synthetic_outlets.tsv", SyntheticOutlet, directory=DATA_DIR))


@lru_cache(maxsize=1)
def _sentences() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for row in load_rows("synthetic_sentences.tsv", SyntheticSentence, directory=DATA_DIR):
        out.setdefault(row.type, []).append(row.sentence)
    return {key: tuple(value) for key, value in out.items()}


@lru_cache(maxsize=1)
def _date_phrases() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for row in load_rows("synthetic_date_phrases.tsv", SyntheticDatePhrase, directory=DATA_DIR):
        out.setdefault(row.shape, []).append(row.phrase)
    return {key: tuple(value) for key, value in out.items()}


def place_record(place: SyntheticPlace) -> PlaceRecord:
    return {
        "name_en": place.name_en,
        "name_ar": place.name_ar,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
        "kind": place.kind,
    }


def actor_record(actor: SyntheticActor) -> ActorRecord:
    return {
        "name_en": actor.name_en,
        "name_ar": actor.name_ar,
        "country": actor.country,
        "role": actor.role,
        "kind": actor.kind,
    }


def _fill(template: str, values: dict[str, str]) -> tuple[str, dict[str, tuple[int, int]]]:
    """Fill ``{slot}``s and return the text with the span of each slot's value."""
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    position = 0
    length = 0
    for match in _SLOT.finditer(template):
        literal = template[position : match.start()]
        parts.append(literal)
        length += len(literal)
        value = values[match.group(1)]
        spans.setdefault(match.group(1), (length, length + len(value)))
        parts.append(value)
        length += len(value)
        position = match.end()
    parts.append(template[position:])
    return "".join(parts), spans


def _random_span(rng: random.Random) -> tuple[str, date | None, date | None, str | None]:
    """(shape, start, end, precision) of one synthetic date."""
    roll = rng.random()
    day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
    if roll < 0.03:
        return "undated", None, None, None
    if roll < 0.60:
        return "day", day, day, "day"
    if roll < 0.72:
        end = day + timedelta(days=rng.randint(1, 4))
        if end.month != day.month:
            end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
            if end == day:
                return "day", day, day, "day"
        return "range", day, end, "day"
    if roll < 0.92:
        last = calendar.monthrange(day.year, day.month)[1]
        return "month", day.replace(day=1), day.replace(day=last), "month"
    return "year", date(day.year, 1, 1), date(day.year, 12, 31), "year"


def _date_text(rng: random.Random, shape: str, start: date | None, end: date | None) -> str:
    phrase = rng.choice(_date_phrases()[shape])
    if start is None or end is None:
        return phrase
    month = Locale("ar").months["format"]["wide"][start.month]
    return phrase.format(d1=start.day, d2=end.day, month=month, year=start.year)


def _country_name(code: str) -> str:
    return Locale("ar").territories.get(code, code)


def _title(kind: str, countries: list[str], place: PlaceRecord | None) -> str:
    names = ", ".join(Locale("en").territories.get(code, code) for code in countries)
    title = f"{kind.capitalize()} — {names}" if names else kind.capitalize()
    return f"{title} — {place['name_en']}" if place else title


_MENTION_KINDS: Mapping[str, str] = MappingProxyType(
    {
        "date": "date",
        "place": "place",
        "actor1": "actor",
        "actor2": "actor",
        "country1": "country",
        "country2": "country",
    }
)


@dataclass(frozen=True)
class _Draw:
    """What one synthetic event is made of, drawn before its sentence is written."""

    kind: str
    template: str
    actors: list[SyntheticActor]
    place: SyntheticPlace
    pair: list[str]  # the two states of the {country1} and {country2} slots
    shape: str
    start: date | None
    end: date | None
    precision: str | None


def _draw(rng: random.Random) -> _Draw:
    kind = rng.choices(EVENT_TYPES, weights=(30, 12, 25, 12, 10, 5, 6))[0]
    template = rng.choice(_sentences()[kind])
    actors = rng.sample(_actors(), 2)
    region = [place for place in _places() if 36 <= place.lat <= 46 and 38 <= place.lon <= 52]
    place = rng.choice(region) if rng.random() < 0.75 else rng.choice(_places())
    pair = rng.sample(("AM", "AZ", "RU", "GE", "TR", "UA", "IR", "KZ"), 2)
    if rng.random() < 0.7:
        pair = ["AM", "AZ"]
    shape, start, end, precision = _random_span(rng)
    return _Draw(kind, template, actors, place, pair, shape, start, end, precision)


def _sentence(rng: random.Random, draw: _Draw) -> tuple[str, str, dict[str, tuple[int, int]]]:
    """(sentence, date text, span of each filled slot) of the drawn event."""
    date_text = _date_text(rng, draw.shape, draw.start, draw.end)
    values = {
        "date": date_text,
        "place": draw.place.name_ar,
        "actor1": draw.actors[0].name_ar,
        "actor2": draw.actors[1].name_ar,
        "country1": _country_name(draw.pair[0]),
        "country2": _country_name(draw.pair[1]),
    }
    sentence, spans = _fill(draw.template, values)
    return sentence, date_text, spans


def _mentions(sentence: str, spans: dict[str, tuple[int, int]]) -> list[MentionRecord]:
    return [
        {"kind": _MENTION_KINDS[slot], "start": a, "end": b, "text": sentence[a:b]}
        for slot, (a, b) in sorted(spans.items(), key=lambda item: item[1])
    ]


def _countries(
    draw: _Draw, spans: dict[str, tuple[int, int]], actors: list[ActorRecord], place: PlaceRecord | None
) -> list[str]:
    """The states named in the sentence, those of its actors and the host of its place."""
    countries = {code for slot, code in (("country1", draw.pair[0]), ("country2", draw.pair[1])) if slot in spans}
    countries |= {str(actor["country"]) for actor in actors if actor["country"]}
    if place:
        countries.add(str(place["country"]))
    return sorted(countries)


def _sources(rng: random.Random, seed: int, article_index: int, published: date, sentence: str) -> list[dict[str, str]]:
    """The article the event comes from, and 0 to 2 other outlets reporting it on the days after."""
    outlets = _outlets()
    outlet = outlets[article_index % len(outlets)]
    article_id = stable_id("synthetic-article", seed, article_index)
    sources = [
        {
            "article_id": article_id,
            "source": outlet.name,
            "url": f"{outlet.url}news/{article_id}",
            "published": published.isoformat(),
            "sentence": sentence,
        }
    ]
    for extra in range(rng.choice((0, 0, 0, 1, 2))):
        other = outlets[(article_index + extra + 1) % len(outlets)]
        other_id = stable_id("synthetic-article", seed, article_index, extra)
        sources.append(
            {
                "article_id": other_id,
                "source": other.name,
                "url": f"{other.url}news/{other_id}",
                "published": (published + timedelta(days=extra + 1)).isoformat(),
                "sentence": sentence,
            }
        )
    return sources


def synthetic_event(rng: random.Random, index: int, seed: int) -> dict[str, Any]:
    """One synthetic event drawn from ``rng``: an event record as the store lists it (with its sources)."""
    draw = _draw(rng)
    sentence, date_text, spans = _sentence(rng, draw)
    slots = zip(("actor1", "actor2"), draw.actors, strict=True)
    used_actors = [actor_record(actor) for slot, actor in slots if slot in spans]
    used_place = place_record(draw.place) if "place" in spans else None
    countries = _countries(draw, spans, used_actors, used_place)
    published = (draw.end or LAST_DAY) + timedelta(days=rng.randint(0, 3))
    sources = _sources(rng, seed, index // 3, published, sentence)
    first = sources[0]
    record: EventRecord = {
        "id": stable_id("synthetic-event", seed, index),
        "article_id": first["article_id"],
        "date_start": draw.start.isoformat() if draw.start else None,
        "date_end": draw.end.isoformat() if draw.end else None,
        "precision": draw.precision,
        "approximate": draw.shape != "undated" and rng.random() < 0.1,
        "undated": draw.shape == "undated",
        "date_text": date_text,
        "type": draw.kind,
        "countries": countries,
        "actors": used_actors,
        "places": [used_place] if used_place else [],
        "title_en": _title(draw.kind, countries, used_place),
        "sentence": sentence,
        "char_start": 0,
        "char_end": len(sentence),
        "mentions": _mentions(sentence, spans),
        "trigger": sentence.split()[0],
        "source": first["source"],
        "url": first["url"],
        "published": published.isoformat(),
        "confidence": round(rng.uniform(0.5, 1.0), 2),
        "extractor_version": "synthetic",
    }
    event: dict[str, Any] = {
        **record,
        "sources": sources,
        "source_count": len(sources),
        "corrected": False,
        "corrections": [],
    }
    if rng.random() < 0.02:
        event["corrected"] = True
        event["corrections"] = [
            {"who": "editor", "when": published.isoformat(), "why": "type checked against source", "field": "type"}
        ]
    return event


def synthetic_events(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """``n`` realistic synthetic events; the same ``(n, seed)`` gives the same list."""
    rng = random.Random(seed)
    return [synthetic_event(rng, index, seed) for index in range(n)]
