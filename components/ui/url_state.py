"""The URL grammar of a dashboard view: parse query parameters, build them back.

=========  ==========  ==========================================================
parameter  repeatable  value
=========  ==========  ==========================================================
country    yes         ISO 3166-1 alpha-2 code (``AM``)
actor      yes         an actor's English name, as listed in the data
type       yes         ``meeting`` ``agreement`` ``statement`` ``military`` ``border``
                       ``protest`` ``other``
from, to   no          ISO date ``YYYY-MM-DD``; events overlapping the range match
q          no          free text (Arabic or English)
source     yes         an outlet name, as listed in the data
lanes      no          ``country`` or ``type`` (default)
lang       no          ``en`` (default) or ``ar``
event      no          the id of the event whose details are open
=========  ==========  ==========================================================

Anything invalid is dropped or corrected, and each such change yields a :class:`Notice`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from urllib.parse import urlencode

from components.extract.models import EVENT_TYPES

LANES = ("type", "country")
LANGUAGES = ("en", "ar")
MAX_TEXT = 200
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MIN_DAY, MAX_DAY = date(1990, 1, 1), date(2040, 12, 31)  # the range the date filters offer
_EVENT_ID = re.compile(r"[A-Za-z0-9_.:-]{1,80}")
_UNSAFE = re.compile(r"[<>\x00-\x1f\x7f]")
# Parameters Streamlit itself understands; never reported as unknown.
_RESERVED = frozenset({"embed", "embed_options"})


@dataclass(frozen=True)
class Filters:
    """The filtering part of a view (hashable, so it can key caches)."""

    countries: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    q: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class ViewState(Filters):
    """Everything a shared link reproduces: the filters, the lanes, the language, the open event."""

    lanes: str = "type"
    lang: str = "en"
    event: str | None = None


@dataclass(frozen=True)
class Notice:
    """One correction made while reading the URL; ``key`` names a UI string."""

    key: str
    param: str
    value: str


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO alpha-2 codes that CLDR names (Babel)."""
    from babel import Locale

    return frozenset(code for code in Locale("en").territories if len(code) == 2 and code.isalpha())


def _values(params: Mapping[str, str | Sequence[str]], name: str) -> list[str]:
    raw = params.get(name, [])
    items = [raw] if isinstance(raw, str) else list(raw)
    return [str(item) for item in items]


def _single(params: Mapping[str, str | Sequence[str]], name: str) -> str | None:
    items = _values(params, name)
    return items[-1] if items else None


def _dedupe(items: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _parse_date(value: str | None, name: str, notices: list[Notice]) -> date | None:
    if value is None or value == "":
        return None
    if _ISO_DATE.fullmatch(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if MIN_DAY <= day <= MAX_DAY:
                return day
            notices.append(Notice("notice_date_out_of_range", name, value))
            return None
    notices.append(Notice("notice_bad_date", name, value))
    return None


def _filter_known(
    params: Mapping[str, str | Sequence[str]],
    name: str,
    known: Collection[str] | None,
    notices: list[Notice],
    normalise=lambda value: value,
) -> tuple[str, ...]:
    kept: list[str] = []
    for value in _values(params, name):
        fixed = normalise(value.strip())
        if fixed and (known is None or fixed in known) and not _UNSAFE.search(fixed):
            kept.append(fixed)
        else:
            notices.append(Notice("notice_unknown_value", name, value))
    return _dedupe(kept)


def parse_query(
    params: Mapping[str, str | Sequence[str]],
    *,
    actors: Collection[str] | None = None,
    sources: Collection[str] | None = None,
    event_ids: Collection[str] | None = None,
) -> tuple[ViewState, list[Notice]]:
    """Read a view from query parameters (values: a string or a list of strings).

    ``actors``, ``sources`` and ``event_ids`` are the values the data knows; ``None``
    accepts any well-formed value.
    """
    notices: list[Notice] = []
    for name in params:
        if name not in _GRAMMAR and name not in _RESERVED:
            notices.append(Notice("notice_unknown_param", name, ", ".join(_values(params, name))))
    countries = _filter_known(params, "country", country_codes(), notices, str.upper)
    types = _filter_known(params, "type", EVENT_TYPES, notices, str.lower)
    actor_names = _filter_known(params, "actor", actors, notices)
    source_names = _filter_known(params, "source", sources, notices)
    date_from = _parse_date(_single(params, "from"), "from", notices)
    date_to = _parse_date(_single(params, "to"), "to", notices)
    if date_from and date_to and date_from > date_to:
        notices.append(Notice("notice_swapped_dates", "from", f"{date_from} > {date_to}"))
        date_from, date_to = date_to, date_from
    q = _single(params, "q") or ""
    cleaned = _UNSAFE.sub(" ", q).strip()[:MAX_TEXT]
    if cleaned != q.strip():
        notices.append(Notice("notice_cleaned_text", "q", q))
    lanes = _single(params, "lanes") or "type"
    if lanes not in LANES:
        notices.append(Notice("notice_unknown_value", "lanes", lanes))
        lanes = "type"
    lang = _single(params, "lang") or "en"
    if lang not in LANGUAGES:
        notices.append(Notice("notice_unknown_value", "lang", lang))
        lang = "en"
    event = _single(params, "event") or None
    if event is not None and (not _EVENT_ID.fullmatch(event) or (event_ids is not None and event not in event_ids)):
        notices.append(Notice("notice_unknown_event", "event", event))
        event = None
    state = ViewState(
        countries=countries,
        actors=actor_names,
        types=types,
        date_from=date_from,
        date_to=date_to,
        q=cleaned,
        sources=source_names,
        lanes=lanes,
        lang=lang,
        event=event,
    )
    return state, notices


def build_query(state: ViewState) -> dict[str, str | list[str]]:
    """Query parameters for ``state``; defaults are left out, lists repeat the parameter."""
    query: dict[str, str | list[str]] = {}
    if state.countries:
        query["country"] = list(state.countries)
    if state.actors:
        query["actor"] = list(state.actors)
    if state.types:
        query["type"] = list(state.types)
    if state.date_from:
        query["from"] = state.date_from.isoformat()
    if state.date_to:
        query["to"] = state.date_to.isoformat()
    if state.q:
        query["q"] = state.q
    if state.sources:
        query["source"] = list(state.sources)
    if state.lanes != "type":
        query["lanes"] = state.lanes
    if state.lang != "en":
        query["lang"] = state.lang
    if state.event:
        query["event"] = state.event
    return query


def query_string(state: ViewState) -> str:
    """The URL-encoded query (without ``?``) for ``state``."""
    return urlencode(build_query(state), doseq=True)


_GRAMMAR = frozenset({"country", "actor", "type", "from", "to", "q", "source", "lanes", "lang", "event"})
