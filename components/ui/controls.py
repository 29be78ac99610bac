"""Sidebar widgets, and keeping them, the selected event and the URL in step.

The URL is read once per browser session (``parse_query``) to seed the widgets; after
each run the URL is rewritten from the widgets (``build_query``), so a copied link always
reproduces the view.

The filter widgets come from the facet table (``components.store.facets``): one per row, chosen
by its kind and keyed ``f_<parameter>``; the search box comes first, then the other rows in
table order, date bounds side by side.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date

import streamlit as st

from components.store.facets import FACETS, MAX_DAY, MIN_DAY, Facet, Kind
from components.store.memory_index import EventIndex, all_values
from components.store.query import Filters, FilterValue, range_in_order
from components.ui.i18n import t, value_label, value_of_label
from components.ui.url_state import LANES, LANGUAGES, Notice, ViewState, build_query, parse_query

LANES_KEY = "f_lanes"
LANG_KEY = "f_lang"
EVENT_KEY = "event"
SEEDED_KEY = "_view_seeded"
NOTICES_KEY = "_url_notices"
TABLE_IDS_KEY = "_table_ids"
LANGUAGE_NAMES = {"en": "English", "ar": "العربية"}
_DAYS = (Kind.DATE_FROM, Kind.DATE_TO)

CountsFor = Callable[[str], Mapping[str, int]]
WidgetValue = list[str] | date | str | None


def widget_key(facet: Facet) -> str:
    """The session-state key of a facet's widget."""
    return f"f_{facet.param}"


def url_params() -> dict[str, list[str]]:
    """The current query parameters, repeated keys as lists."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def seed_from_url(
    known: Mapping[str, Collection[str]], event_ids: Collection[str], facets: Sequence[Facet] = FACETS
) -> list[Notice]:
    """On the first run of a browser session, put the URL's view into the widgets.

    ``known``: the names each name list may take (``filters.known_names``)."""
    if not st.session_state.get(SEEDED_KEY):
        state, notices = parse_query(url_params(), facets=facets, event_ids=event_ids, **known)
        apply_state(state, facets)
        st.session_state[NOTICES_KEY] = notices
        st.session_state[SEEDED_KEY] = True
    return list(st.session_state.get(NOTICES_KEY, []))


def _widget_value(facet: Facet, value: FilterValue | None) -> WidgetValue:
    """What a facet's widget holds for a filter value (``None``: the empty widget)."""
    if facet.repeatable:
        return list(value) if isinstance(value, tuple) else []
    if facet.kind is Kind.TEXT:
        return value if isinstance(value, str) else ""
    return value if isinstance(value, date) else None


def apply_state(state: ViewState, facets: Sequence[Facet] = FACETS) -> None:
    for facet in facets:
        st.session_state[widget_key(facet)] = _widget_value(facet, state.filters.get(facet.name))
    st.session_state[LANES_KEY] = state.lanes
    st.session_state[LANG_KEY] = state.lang
    st.session_state[EVENT_KEY] = state.event


_COUNT_SUFFIX = re.compile(r"\s*\((\d+)\)$")


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


def _filter_value(facet: Facet, widget: WidgetValue) -> FilterValue | None:
    """The filter value a facet's widget holds (a stale option label repaired, the text trimmed)."""
    if facet.repeatable:
        return tuple(repair_facet(facet.name, widget if isinstance(widget, list) else ()))
    if facet.kind is Kind.TEXT:
        return widget.strip() if isinstance(widget, str) else ""
    return widget if isinstance(widget, date) else None


def current_state(facets: Sequence[Facet] = FACETS) -> ViewState:
    """The view the widgets and the selected event describe (a reversed range turned around, as a link's would be)."""
    values = {facet.name: _filter_value(facet, st.session_state.get(widget_key(facet))) for facet in facets}
    filters, _ = range_in_order(Filters(**values), facets)
    return ViewState(
        filters,
        lanes=st.session_state.get(LANES_KEY) or LANES[0],
        lang=st.session_state.get(LANG_KEY) or LANGUAGES[0],
        event=st.session_state.get(EVENT_KEY),
    )


def sync_url(state: ViewState, facets: Sequence[Facet] = FACETS) -> None:
    """Rewrite the URL when it no longer describes ``state``."""
    wanted = {key: value if isinstance(value, list) else [value] for key, value in build_query(state, facets).items()}
    if wanted != url_params():
        st.query_params.from_dict(wanted)


def _clear_filters(facets: Sequence[Facet]) -> None:
    for facet in facets:
        st.session_state[widget_key(facet)] = _widget_value(facet, None)


def widget_rows(facets: Sequence[Facet]) -> list[list[Facet]]:
    """The facets as rows of the sidebar: the search box first, then the table's order, with
    neighbouring date bounds on one row."""
    rows: list[list[Facet]] = []
    for facet in sorted(facets, key=lambda facet: facet.kind is not Kind.TEXT):
        if facet.kind in _DAYS and rows and rows[-1][-1].kind in _DAYS:
            rows[-1].append(facet)
        else:
            rows.append([facet])
    return rows


def _list_widget(facet: Facet, index: EventIndex, counts_for: CountsFor, lang: str) -> None:
    key = widget_key(facet)
    current = list(st.session_state.get(key) or [])
    if repair_facet(facet.name, current) != current:
        st.session_state[key] = repair_facet(facet.name, current)  # before the widget exists in this run
    counts = counts_for(facet.name)
    options = sorted(
        set(all_values(index, facet.name)) | set(st.session_state.get(key) or []),
        key=lambda value: value_label(facet.name, value, lang),
    )
    st.multiselect(
        t(facet.label, lang),
        options,
        key=key,
        placeholder=t("choose", lang),
        format_func=lambda value: f"{value_label(facet.name, value, lang)} ({counts.get(value, 0)})",
    )


def _facet_widget(facet: Facet, index: EventIndex, counts_for: CountsFor, lang: str) -> None:
    if facet.repeatable:
        _list_widget(facet, index, counts_for, lang)
    elif facet.kind is Kind.TEXT:
        st.text_input(t(facet.label, lang), key=widget_key(facet))
    else:
        st.date_input(
            t(facet.label, lang), key=widget_key(facet), min_value=MIN_DAY, max_value=MAX_DAY, format="YYYY-MM-DD"
        )


def render_filters(index: EventIndex, counts_for: CountsFor) -> None:
    """The sidebar: language, a widget per facet of the index (lists with counts), timeline lanes."""
    lang = st.session_state.get(LANG_KEY) or LANGUAGES[0]
    with st.sidebar:
        st.radio(t("language", lang), LANGUAGES, key=LANG_KEY, horizontal=True, format_func=LANGUAGE_NAMES.__getitem__)
        lang = st.session_state.get(LANG_KEY) or LANGUAGES[0]
        st.subheader(t("filters", lang))
        for row in widget_rows(index.facets):
            if len(row) == 1:
                _facet_widget(row[0], index, counts_for, lang)
                continue
            for column, facet in zip(st.columns(len(row)), row, strict=True):
                with column:
                    _facet_widget(facet, index, counts_for, lang)
        st.radio(
            t("lanes", lang),
            LANES,
            key=LANES_KEY,
            horizontal=True,
            format_func=lambda value: t(f"lanes_{value}", lang),
        )
        st.button(t("reset", lang), on_click=_clear_filters, args=(index.facets,))


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
