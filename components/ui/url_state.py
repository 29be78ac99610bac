"""The URL grammar of a dashboard view: parse query parameters, build them back.

The filter parameters are the rows of the facet table (``components.store.facets.FACETS``):
``country``, ``actor``, ``type``, ``source``, ``place`` and ``role`` repeat (a code list or a name
list), ``cmode``/``amode`` say whether an event needs any (default) or ``all`` of the chosen
countries/actors, ``from`` and ``to`` are ISO days (events overlapping the range match), ``q`` is
free text, ``planned=1`` shows planned events (hidden by default), ``conf`` is a minimum
confidence. These parameters belong to the view itself:

=========  ==========  ==========================================================
parameter  repeatable  value
=========  ==========  ==========================================================
lanes      no          ``country`` or ``type`` (default)
lang       no          ``en`` (default) or ``ar``
event      no          the id of the event whose details are open
sort       no          the table's order: ``date`` ``type`` ``sources`` ``confidence``,
                       ``-`` in front for largest first (default ``-date``: newest first)
zoom       no          the timeline's visible range, ``YYYY-MM-DD..YYYY-MM-DD``
view       no          ``map`` (default) or ``relations``
by         no          what the relations view pairs: ``countries`` (default) or ``actors``
=========  ==========  ==========================================================

Anything invalid is dropped or corrected, and each such change yields a :class:`Notice`
(in the order of the table, unknown parameters first, a reversed date range last; the same
notice once). A link with more than :data:`MAX_VALUES` values is read up to that many, with a notice.
The full grammar, with examples, is in ``docs/dashboard.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Container, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from components.store.facets import ALL_OF, FACETS, MAX_DAY, MIN_DAY, Facet, Kind, date_bounds
from components.store.query import Filters, FilterValue, range_in_order
from components.store.views import PAIR_KINDS, SORT_COLUMNS

LANES = ("type", "country")
LANGUAGES = ("en", "ar")
VIEWS = ("map", "relations")
DEFAULT_SORT = "-date"
SORTS = tuple(dict.fromkeys((DEFAULT_SORT, *(f"{sign}{column}" for column in SORT_COLUMNS for sign in ("", "-")))))
VIEW_PARAMS = ("lanes", "lang", "event", "sort", "zoom", "view", "by")
MAX_VALUES = 200  # values read from one link; more is a link nobody wrote by hand
_ON, _OFF = ("1", "true", "on", "yes"), ("0", "false", "off", "no")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ZOOM = re.compile(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})")
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
    sort: str = DEFAULT_SORT
    zoom: tuple[date, date] | None = None
    view: str = "map"
    pairs: str = "countries"


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


def _read_flag(facet: Facet, values: list[str], known: Collection[str] | None, notices: list[Notice]) -> bool:
    value = (values[-1] if values else "").strip().lower()
    if value and value not in _ON + _OFF:
        notices.append(Notice("notice_unknown_value", facet.param, values[-1]))
    return value in _ON


def _read_minimum(facet: Facet, values: list[str], known: Collection[str] | None, notices: list[Notice]) -> float:
    """A number from 0 to 1 (``0.6``); anything else is dropped with a notice."""
    value = (values[-1] if values else "").strip()
    if not value:
        return 0.0
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 <= number <= 1.0:  # also false for nan
        notices.append(Notice("notice_bad_number", facet.param, value))
        return 0.0
    return round(number, 2)


def _read_mode(facet: Facet, values: list[str], known: Collection[str] | None, notices: list[Notice]) -> str:
    value = facet.normalise((values[-1] if values else "").strip())
    if value not in ("", "any", ALL_OF):
        notices.append(Notice("notice_unknown_value", facet.param, values[-1]))
    return ALL_OF if value == ALL_OF else ""


_Reader = Callable[[Facet, list[str], Collection[str] | None, list[Notice]], FilterValue | None]
_READERS: dict[Kind, _Reader] = {
    Kind.CODES: _read_list,
    Kind.NAMES: _read_list,
    Kind.DATE_FROM: _read_day,
    Kind.DATE_TO: _read_day,
    Kind.TEXT: _read_text,
    Kind.FLAG: _read_flag,
    Kind.MINIMUM: _read_minimum,
    Kind.MODE: _read_mode,
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


def _read_zoom(params: Params, notices: list[Notice]) -> tuple[date, date] | None:
    values = _values(params, "zoom")
    value = values[-1] if values else ""
    if not value:
        return None
    match = _ZOOM.fullmatch(value)
    try:
        first, last = (
            (date.fromisoformat(match.group(1)), date.fromisoformat(match.group(2))) if match else (None, None)
        )
    except ValueError:
        first = last = None
    if first is None or last is None or first >= last:
        notices.append(Notice("notice_bad_zoom", "zoom", value))
        return None
    return first, last


def _read_event(params: Params, event_ids: Container[str] | None, notices: list[Notice]) -> str | None:
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
    event_ids: Container[str] | None = None,
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
    params, notices = _bounded(params)
    accepted = grammar(facets) | _RESERVED
    notices += [
        Notice("notice_unknown_param", name, ", ".join(_values(params, name)))
        for name in params
        if name not in accepted
    ]
    filters = parse_filters(params, facets, known, notices)
    state = ViewState(
        filters,
        lanes=_read_choice(params, "lanes", LANES, notices),
        lang=_read_choice(params, "lang", LANGUAGES, notices),
        event=_read_event(params, event_ids, notices),
        sort=_read_choice(params, "sort", SORTS, notices),
        zoom=_read_zoom(params, notices),
        view=_read_choice(params, "view", VIEWS, notices),
        pairs=_read_choice(params, "by", PAIR_KINDS, notices),
    )
    return state, list(dict.fromkeys(notices))


def _bounded(params: Params) -> tuple[dict[str, list[str]], list[Notice]]:
    """At most :data:`MAX_VALUES` values of ``params``, in their order, with a notice when some were left out."""
    kept: dict[str, list[str]] = {}
    total = 0
    for name in params:
        values = _values(params, name)
        total += len(values)
        room = MAX_VALUES - sum(len(items) for items in kept.values())
        if room > 0:
            kept[str(name)] = values[:room]
    notices = [Notice("notice_too_many_values", "", str(total))] if total > MAX_VALUES else []
    return kept, notices


def _param_value(value: FilterValue) -> str | list[str]:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, bool):
        return "1"
    if isinstance(value, float):
        return f"{value:g}"
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
    if state.sort != DEFAULT_SORT:
        query["sort"] = state.sort
    if state.zoom:
        query["zoom"] = f"{state.zoom[0].isoformat()}..{state.zoom[1].isoformat()}"
    if state.view != VIEWS[0]:
        query["view"] = state.view
    if state.pairs != PAIR_KINDS[0]:
        query["by"] = state.pairs
    return query


def query_string(state: ViewState, facets: Sequence[Facet] = FACETS) -> str:
    """The URL-encoded query (without ``?``) for ``state``."""
    return urlencode(build_query(state, facets), doseq=True)
