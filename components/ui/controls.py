"""Sidebar widgets, and keeping them, the selected event and the URL in step.

The URL is read once per browser session (``parse_query``) to seed the widgets; after
each run the URL is rewritten from the widgets (``build_query``), so a copied link always
reproduces the view.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

import streamlit as st

from components.ui.filters import all_values
from components.ui.i18n import country_name, t, type_label, value_of_label
from components.ui.url_state import (
    MAX_DAY,
    MIN_DAY,
    Notice,
    ViewState,
    build_query,
    parse_query,
)

KEYS = {
    "countries": "f_country",
    "actors": "f_actor",
    "types": "f_type",
    "date_from": "f_from",
    "date_to": "f_to",
    "q": "f_q",
    "sources": "f_source",
    "lanes": "f_lanes",
    "lang": "f_lang",
}
EVENT_KEY = "event"
SEEDED_KEY = "_view_seeded"
NOTICES_KEY = "_url_notices"
TABLE_IDS_KEY = "_table_ids"
LANGUAGE_NAMES = {"en": "English", "ar": "العربية"}

CountsFor = Callable[[str], Mapping[str, int]]


def url_params() -> dict[str, list[str]]:
    """The current query parameters, repeated keys as lists."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def seed_from_url(actors: list[str], sources: list[str], event_ids: Mapping[str, int]) -> list[Notice]:
    """On the first run of a browser session, put the URL's view into the widgets."""
    if not st.session_state.get(SEEDED_KEY):
        state, notices = parse_query(url_params(), actors=actors, sources=sources, event_ids=event_ids)
        apply_state(state)
        st.session_state[NOTICES_KEY] = notices
        st.session_state[SEEDED_KEY] = True
    return list(st.session_state.get(NOTICES_KEY, []))


def apply_state(state: ViewState) -> None:
    for field, key in KEYS.items():
        value = getattr(state, field)
        st.session_state[key] = list(value) if isinstance(value, tuple) else value
    st.session_state[EVENT_KEY] = state.event


_COUNT_SUFFIX = re.compile(r"\s*\((\d+)\)$")
FACET_FIELDS = ("countries", "actors", "types", "sources")


def repair_facet(facet: str, values: Iterable[str]) -> list[str]:
    """The values of a facet as the data names them.

    The options' labels carry live counts ("Armenia (87)"). When the counts change between two
    runs, the browser sends back the old label, which Streamlit then passes on as the value; it
    is mapped back here to what it labels (the country code, the type, the actor's name)."""
    repaired: list[str] = []
    for value in values:
        if _COUNT_SUFFIX.search(value):
            value = value_of_label(facet, _COUNT_SUFFIX.sub("", value))
        if value not in repaired:
            repaired.append(value)
    return repaired


def current_state() -> ViewState:
    """The view the widgets and the selected event describe."""
    values = {field: st.session_state.get(key) for field, key in KEYS.items()}
    for field in FACET_FIELDS:
        values[field] = repair_facet(field, values[field] or ())
    if values["date_from"] and values["date_to"] and values["date_from"] > values["date_to"]:
        values["date_from"], values["date_to"] = values["date_to"], values["date_from"]  # as a link's would be
    return ViewState(
        countries=tuple(values["countries"] or ()),
        actors=tuple(values["actors"] or ()),
        types=tuple(values["types"] or ()),
        date_from=values["date_from"] or None,
        date_to=values["date_to"] or None,
        q=(values["q"] or "").strip(),
        sources=tuple(values["sources"] or ()),
        lanes=values["lanes"] or "type",
        lang=values["lang"] or "en",
        event=st.session_state.get(EVENT_KEY),
    )


def sync_url(state: ViewState) -> None:
    """Rewrite the URL when it no longer describes ``state``."""
    wanted = {key: value if isinstance(value, list) else [value] for key, value in build_query(state).items()}
    if wanted != url_params():
        st.query_params.from_dict(wanted)


def _clear_filters() -> None:
    for field in ("countries", "actors", "types", "sources"):
        st.session_state[KEYS[field]] = []
    st.session_state[KEYS["date_from"]] = None
    st.session_state[KEYS["date_to"]] = None
    st.session_state[KEYS["q"]] = ""


def _facet(label: str, facet: str, index, counts_for: CountsFor, name: Callable[[str], str], lang: str) -> None:
    key = KEYS[facet]
    current = list(st.session_state.get(key) or [])
    if repair_facet(facet, current) != current:
        st.session_state[key] = repair_facet(facet, current)  # before the widget exists in this run
    counts = counts_for(facet)
    options = sorted(set(all_values(index, facet)) | set(st.session_state.get(key) or []), key=name)
    st.multiselect(
        label,
        options,
        key=key,
        placeholder=t("choose", lang),
        format_func=lambda value: f"{name(value)} ({counts.get(value, 0)})",
    )


def render_filters(index, counts_for: CountsFor) -> None:
    """The sidebar: language, filters (with counts), timeline lanes."""
    lang = st.session_state.get(KEYS["lang"]) or "en"
    with st.sidebar:
        st.radio(
            t("language", lang), ("en", "ar"), key=KEYS["lang"], horizontal=True, format_func=LANGUAGE_NAMES.__getitem__
        )
        lang = st.session_state.get(KEYS["lang"]) or "en"
        st.subheader(t("filters", lang))
        st.text_input(t("filter_q", lang), key=KEYS["q"])
        _facet(t("filter_country", lang), "countries", index, counts_for, lambda code: country_name(code, lang), lang)
        _facet(t("filter_actor", lang), "actors", index, counts_for, str, lang)
        _facet(t("filter_type", lang), "types", index, counts_for, lambda kind: type_label(kind, lang), lang)
        left, right = st.columns(2)
        left.date_input(
            t("filter_from", lang), key=KEYS["date_from"], min_value=MIN_DAY, max_value=MAX_DAY, format="YYYY-MM-DD"
        )
        right.date_input(
            t("filter_to", lang), key=KEYS["date_to"], min_value=MIN_DAY, max_value=MAX_DAY, format="YYYY-MM-DD"
        )
        _facet(t("filter_source", lang), "sources", index, counts_for, str, lang)
        st.radio(
            t("lanes", lang),
            ("type", "country"),
            key=KEYS["lanes"],
            horizontal=True,
            format_func=lambda value: t(f"lanes_{value}", lang),
        )
        st.button(t("reset", lang), on_click=_clear_filters)


def select_from_chart(key: str) -> None:
    """``on_select`` callback of a plotly chart whose points carry ``[event id, …]`` as customdata."""
    selection = (st.session_state.get(key) or {}).get("selection") or {}
    for point in selection.get("points") or []:
        data = point.get("customdata")
        if isinstance(data, (list, tuple)) and data and data[0]:
            st.session_state[EVENT_KEY] = str(data[0])
            return


def select_from_table(key: str) -> None:
    """``on_select`` callback of the table: the shown row positions map to the ids kept beside it."""
    rows = ((st.session_state.get(key) or {}).get("selection") or {}).get("rows") or []
    ids = st.session_state.get(TABLE_IDS_KEY) or ()
    if rows and rows[0] < len(ids):
        st.session_state[EVENT_KEY] = ids[rows[0]]


def close_event() -> None:
    st.session_state[EVENT_KEY] = None
