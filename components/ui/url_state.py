"""The URL grammar of a dashboard view: parse query parameters, build them back.

The filter parameters are the rows of the facet table (``components.store.facets.FACETS``):
``country``, ``actor``, ``type`` and ``source`` repeat (a code list or a name list), ``from`` and
``to`` are ISO days (events overlapping the range match), ``q`` is free text. Three parameters
belong to the view itself:

=========  ==========  ==========================================================
parameter  repeatable  value
=========  ==========  ==========================================================
lanes      no          ``country`` or ``type`` (default)
lang       no          ``en`` (default) or ``ar``
event      no          the id of the event whose details are open
=========  ==========  ==========================================================

Anything invalid is dropped or corrected, and each such change yields a :class:`Notice`
(in the order of the table, unknown parameters first, a reversed date range last).
The full grammar, with examples, is in ``docs/dashboard.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from components.store.facets import FACETS, MAX_DAY, MIN_DAY, Facet, Kind, date_bounds
from components.store.query import Filters, FilterValue, range_in_order

LANES = ("type", "country")
LANGUAGES = ("en", "ar")
VIEW_PARAMS = ("lanes", "lang", "event")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EVENT_ID = re.compile(r"[A-Za-z0-9_.:-]{1,80}")
# Parameters Streamlit itself understands; never reported as unknown.
_RESERVED = frozenset({"embed", "embed_options"})

Params = Mapping[str, str | Sequence[str]]


@dataclass(frozen=True)
class ViewState:
    """Everything a shared link reproduces: the filters, the lanes, the language, the open event.

    The lanes, the language and the open event are fields of their own rather than facet rows:
    they change how the events are shown, not which ones match, and each has a rule of its own
    (a choice with a default; an id the data must know)."""

    filters: Filters = Filters()
    lanes: str = "type"
    lang: str = "en"
    event: str | None = None


@dataclass(frozen=True)
class Notice:
    """One correction made while reading the URL; ``key`` names a UI string."""

    key: str
    param: str
    value: str


def grammar(facets: Sequence[Facet] = FACETS) -> frozenset[str]:
    """Every parameter a link may have."""
    return frozenset(facet.param for facet in facets) | frozenset(VIEW_PARAMS)


def _values(params: Params, name: str) -> list[str]:
    raw = params.get(name, [])
    items = [raw] if isinstance(raw, str) else list(raw)
    return [str(item) for item in items]


def _read_list(facet: Facet, values: list[str], known: Collection[str] | None, notices: list[Notice]) -> FilterValue:
    kept: list[str] = []
    for value in values:
        fixed = facet.normalise(value.strip())
        if facet.accepts(fixed, known):
            kept.append(fixed)
        else:
            notices.append(Notice("notice_unknown_value", facet.param, value))
    return tuple(dict.fromkeys(kept))


def _read_day(facet: Facet, values: list[str], known: Collection[str] | None, notices: list[Notice]) -> date | None:
    value = values[-1] if values else ""
    if value == "":
        return None
    if _ISO_DATE.fullmatch(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if MIN_DAY <= day <= MAX_DAY:
                return day
            notices.append(Notice("notice_date_out_of_range", facet.param, value))
            return None
    notices.append(Notice("notice_bad_date", facet.param, value))
    return None


def _read_text(facet: Facet, values: list[str], known: Collection[str] | None, notices: list[Notice]) -> str:
    text = values[-1] if values else ""
    cleaned = facet.normalise(text)
    if cleaned != text.strip():
        notices.append(Notice("notice_cleaned_text", facet.param, text))
    return cleaned


_Reader = Callable[[Facet, list[str], Collection[str] | None, list[Notice]], FilterValue | None]
_READERS: dict[Kind, _Reader] = {
    Kind.CODES: _read_list,
    Kind.NAMES: _read_list,
    Kind.DATE_FROM: _read_day,
    Kind.DATE_TO: _read_day,
    Kind.TEXT: _read_text,
}


def parse_filters(
    params: Params, facets: Sequence[Facet], known: Mapping[str, Collection[str] | None], notices: list[Notice]
) -> Filters:
    """The facets' values in ``params``, one reader per kind of facet; a reversed range is turned around."""
    values: dict[str, FilterValue | None] = {}
    for facet in facets:
        values[facet.name] = _READERS[facet.kind](facet, _values(params, facet.param), known.get(facet.name), notices)
    filters, swapped = range_in_order(Filters(**values), facets)
    bounds = date_bounds(facets)
    if swapped and bounds:
        first, last = bounds
        notices.append(Notice("notice_swapped_dates", first.param, f"{values[first.name]} > {values[last.name]}"))
    return filters


def _read_choice(params: Params, name: str, choices: Sequence[str], notices: list[Notice]) -> str:
    values = _values(params, name)
    value = values[-1] if values else ""
    if value and value not in choices:
        notices.append(Notice("notice_unknown_value", name, value))
        return choices[0]
    return value or choices[0]


def _read_event(params: Params, event_ids: Collection[str] | None, notices: list[Notice]) -> str | None:
    values = _values(params, "event")
    event = values[-1] if values else ""
    if event and (not _EVENT_ID.fullmatch(event) or (event_ids is not None and event not in event_ids)):
        notices.append(Notice("notice_unknown_event", "event", event))
        return None
    return event or None


def parse_query(
    params: Params,
    *,
    facets: Sequence[Facet] = FACETS,
    event_ids: Collection[str] | None = None,
    **known: Collection[str] | None,
) -> tuple[ViewState, list[Notice]]:
    """Read a view from query parameters (values: a string or a list of strings).

    ``known`` gives, by facet name, the names a name list may take (``actors=…``, ``sources=…``:
    the values the data knows) and ``event_ids`` the events that exist; left out, any
    well-formed value is accepted.
    """
    lists = {facet.name for facet in facets if facet.kind is Kind.NAMES}
    if set(known) - lists:
        raise TypeError(f"not name lists of the facet table: {sorted(set(known) - lists)}")
    accepted = grammar(facets) | _RESERVED
    notices = [
        Notice("notice_unknown_param", name, ", ".join(_values(params, name)))
        for name in params
        if name not in accepted
    ]
    filters = parse_filters(params, facets, known, notices)
    lanes = _read_choice(params, "lanes", LANES, notices)
    lang = _read_choice(params, "lang", LANGUAGES, notices)
    return ViewState(filters, lanes, lang, _read_event(params, event_ids, notices)), notices


def _param_value(value: FilterValue) -> str | list[str]:
    if isinstance(value, tuple):
        return list(value)
    return value.isoformat() if isinstance(value, date) else value


def build_query(state: ViewState, facets: Sequence[Facet] = FACETS) -> dict[str, str | list[str]]:
    """Query parameters for ``state``, in table order; defaults are left out, lists repeat the parameter."""
    unknown = set(state.filters.names()) - {facet.name for facet in facets}
    if unknown:
        raise ValueError(f"filters on facets the table does not have: {sorted(unknown)}")
    query: dict[str, str | list[str]] = {}
    for facet in facets:
        value = state.filters.get(facet.name)
        if value is not None:
            query[facet.param] = _param_value(value)
    if state.lanes != LANES[0]:
        query["lanes"] = state.lanes
    if state.lang != LANGUAGES[0]:
        query["lang"] = state.lang
    if state.event:
        query["event"] = state.event
    return query


def query_string(state: ViewState, facets: Sequence[Facet] = FACETS) -> str:
    """The URL-encoded query (without ``?``) for ``state``."""
    return urlencode(build_query(state, facets), doseq=True)
