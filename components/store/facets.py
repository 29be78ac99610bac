"""The facets a view can filter on, as one table (after the table of filter definitions in
Datasette's ``filters.py``).

A row says all the code needs to know about one facet: its name (a key of
:class:`components.store.query.Filters`), its URL parameter, its kind, how a value from a link
is normalised and which values are valid, the key of its label in
``data/lexicon/ui_strings.tsv``, and what an event offers to it. The URL grammar
(``components.ui.url_state``), the in-memory index and its masks and counts
(``components.store.memory_index``) and the sidebar (``components.ui.controls``) all iterate over
:data:`FACETS`, each with one piece of code per *kind*: adding a facet of a known kind is one row
here plus its label. The table lives in the store layer so that the store can answer the same
rows in SQL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import lru_cache

from babel import Locale

from components.extract.models import EVENT_TYPES
from components.store.records import StoredEvent, event_sources

MIN_DAY, MAX_DAY = date(1990, 1, 1), date(2040, 12, 31)  # the days the date filters offer
MAX_TEXT = 200  # longest search text kept from a link
ALL_OF = "all"  # a MODE facet's value: an event must offer every chosen value (absent: any of them)
PLANNED, BACKGROUND = "planned", "background"  # the status and the role an event has when not the default
ROLES = ("news", "background")
STATUSES = ("reported", "planned")
UNSAFE = re.compile(r"[<>\x00-\x1f\x7f]")  # markup and control characters: never a valid value


class Kind(Enum):
    """How a facet's values are read from a link, matched against events and offered in the sidebar."""

    CODES = "code list"  # several values from a closed vocabulary, normalised (ISO codes, event types)
    NAMES = "name list"  # several names as the data spells them; the data's own names are the vocabulary
    DATE_FROM = "date from"  # one ISO day; an event matches when it ends on or after it
    DATE_TO = "date to"  # one ISO day; an event matches when it starts on or before it
    TEXT = "free text"  # one string, found in the event's text with Arabic folded
    FLAG = "flag"  # on or off; while off, the events that offer the flag are left out (hidden by default)
    MINIMUM = "minimum"  # a number from 0 to 1; events whose value is below it are left out
    MODE = "mode"  # how the chosen values of another list facet combine: any of them (default) or all

    @property
    def repeatable(self) -> bool:
        """Whether the facet takes several values (its URL parameter repeats)."""
        return self in (Kind.CODES, Kind.NAMES)


def unchanged(value: str) -> str:
    return value


def clean_text(value: str) -> str:
    """Search text without markup or control characters, trimmed, at most :data:`MAX_TEXT` long."""
    return UNSAFE.sub(" ", value).strip()[:MAX_TEXT]


@dataclass(frozen=True)
class Facet:
    """One row of the facet table."""

    name: str  # key in Filters and in code
    param: str  # URL parameter
    kind: Kind
    label: str  # key of the sidebar label in data/lexicon/ui_strings.tsv
    event_values: Callable[[StoredEvent], Iterable[str | None]]  # what an event offers (for the in-memory index)
    normalise: Callable[[str], str] = unchanged  # applied to a value read from a link
    vocabulary: Callable[[], Collection[str]] | None = None  # a code list's valid values
    target: str | None = None  # a MODE facet: the name of the list facet whose values it combines

    @property
    def repeatable(self) -> bool:
        return self.kind.repeatable

    def accepts(self, value: str, known: Collection[str] | None = None) -> bool:
        """Whether a normalised value of a code or name list is valid: not empty, no markup, in the
        vocabulary (a code list) or among the names the data knows (a name list; ``None``: any)."""
        allowed = self.vocabulary() if self.vocabulary is not None else known
        return bool(value) and not UNSAFE.search(value) and (allowed is None or value in allowed)


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO alpha-2 codes that CLDR names (Babel)."""
    territories = Locale("en").territories
    return frozenset(code for code in territories if isinstance(code, str) and len(code) == 2 and code.isalpha())


def event_types() -> Collection[str]:
    return EVENT_TYPES


def event_status(event: StoredEvent) -> str:
    """``reported`` or ``planned``; events stored before the field existed are ``reported``."""
    return str(event.get("status") or STATUSES[0])


def event_role(event: StoredEvent) -> str:
    """``news`` or ``background``; events stored before the field existed are ``news``."""
    return str(event.get("role") or ROLES[0])


def _countries(event: StoredEvent) -> list[str]:
    """The participants and the country where it happened: a country filter matches either."""
    return [*(event.get("countries") or []), event.get("location_country") or ""]


def _actor_names(event: StoredEvent) -> list[str | None]:
    return [actor.get("name_en") for actor in event.get("actors") or []]


def _event_type(event: StoredEvent) -> tuple[str]:
    return (event.get("type") or "other",)


def _last_day(event: StoredEvent) -> tuple[str | None]:
    return (event.get("date_end") or event.get("date_start"),)


def _first_day(event: StoredEvent) -> tuple[str | None]:
    return (event.get("date_start"),)


def _searchable_text(event: StoredEvent) -> list[str | None]:
    """The sentence, the English title, the date as written, and the actors' and places' names."""
    parts: list[str | None] = [event.get("sentence"), event.get("title_en"), event.get("date_text")]
    for actor in event.get("actors") or []:
        parts += [actor.get("name_en"), actor.get("name_ar")]
    for place in event.get("places") or []:
        parts += [place.get("name_en"), place.get("name_ar")]
    return parts


def _source_names(event: StoredEvent) -> list[str | None]:
    return [source.get("source") for source in event_sources(event)]


def _place_names(event: StoredEvent) -> list[str | None]:
    return [place.get("name_en") for place in event.get("places") or []]


def _role(event: StoredEvent) -> tuple[str]:
    return (event_role(event),)


def _planned(event: StoredEvent) -> tuple[str, ...]:
    return ("1",) if event_status(event) == PLANNED else ()


def _confidence(event: StoredEvent) -> tuple[str]:
    return (str(float(event.get("confidence") or 0.0)),)


def _no_values(event: StoredEvent) -> tuple[str, ...]:
    return ()


def roles() -> Collection[str]:
    return ROLES


# In URL order: the parameters of a link follow this order (the sidebar puts the search box first).
FACETS: tuple[Facet, ...] = (
    Facet("countries", "country", Kind.CODES, "filter_country", _countries, str.upper, country_codes),
    Facet("country_mode", "cmode", Kind.MODE, "filter_country_mode", _no_values, str.lower, target="countries"),
    Facet("actors", "actor", Kind.NAMES, "filter_actor", _actor_names),
    Facet("actor_mode", "amode", Kind.MODE, "filter_actor_mode", _no_values, str.lower, target="actors"),
    Facet("types", "type", Kind.CODES, "filter_type", _event_type, str.lower, event_types),
    Facet("date_from", "from", Kind.DATE_FROM, "filter_from", _last_day),
    Facet("date_to", "to", Kind.DATE_TO, "filter_to", _first_day),
    Facet("q", "q", Kind.TEXT, "filter_q", _searchable_text, clean_text),
    Facet("sources", "source", Kind.NAMES, "filter_source", _source_names),
    Facet("places", "place", Kind.NAMES, "filter_place", _place_names),
    Facet("roles", "role", Kind.CODES, "filter_role", _role, str.lower, roles),
    Facet("planned", "planned", Kind.FLAG, "filter_planned", _planned),
    Facet("min_confidence", "conf", Kind.MINIMUM, "filter_confidence", _confidence),
)


def facet_named(name: str, facets: Sequence[Facet] = FACETS) -> Facet:
    for facet in facets:
        if facet.name == name:
            return facet
    raise KeyError(f"no facet named {name!r}")


def date_bounds(facets: Sequence[Facet]) -> tuple[Facet, Facet] | None:
    """The table's date range: its ``DATE_FROM`` and ``DATE_TO`` rows (``None`` without both)."""
    first = [facet for facet in facets if facet.kind is Kind.DATE_FROM]
    last = [facet for facet in facets if facet.kind is Kind.DATE_TO]
    return (first[0], last[0]) if first and last else None


def mode_of(facet: Facet, facets: Sequence[Facet]) -> Facet | None:
    """The MODE row that says how ``facet``'s chosen values combine, if the table has one."""
    return next((row for row in facets if row.kind is Kind.MODE and row.target == facet.name), None)


def table_problems(facets: Sequence[Facet]) -> list[str]:
    """What is wrong with a facet table: repeated names or parameters, more than one date range,
    a code list without a vocabulary, a mode that does not govern one list facet."""
    problems = []
    for field in ("name", "param"):
        values = [getattr(facet, field) for facet in facets]
        problems += [f"{field} {value!r} is repeated" for value in sorted(set(values)) if values.count(value) > 1]
    for kind in (Kind.DATE_FROM, Kind.DATE_TO):
        if sum(facet.kind is kind for facet in facets) > 1:
            problems.append(f"more than one {kind.value} row")
    problems += [
        f"{f.name}: a code list needs a vocabulary" for f in facets if f.kind is Kind.CODES and not f.vocabulary
    ]
    lists = {facet.name for facet in facets if facet.repeatable}
    modes = [facet for facet in facets if facet.kind is Kind.MODE]
    problems += [f"{f.name}: a mode needs a list facet as its target" for f in modes if f.target not in lists]
    return problems
