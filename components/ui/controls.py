"""The view a session shows, kept in one place and in step with the URL.

The session holds one :class:`~components.ui.url_state.ViewState` (``VIEW_KEY``). Widgets and
chart clicks change it through the callbacks below; at the end of each run the URL is rewritten
from it (Streamlit pushes a browser history entry for each change). When a run starts with a URL
other than the one last written (the first visit, a link, browser Back or Forward), the view is
read from the URL again, so Back and Forward step through views.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Collection, Container, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, NoReturn

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from components.store.facets import ALL_OF, FACETS, Facet, Kind
from components.store.query import Filters, FilterValue, range_in_order
from components.ui.chart_choices import Choice
from components.ui.i18n import value_of_label
from components.ui.url_state import LANGUAGES, Notice, ViewState, build_query, parse_query

VIEW_KEY = "_view"
WRITTEN_KEY = "_url_written"
NOTICES_KEY = "_url_notices"
OFFSET_KEY = "_table_offset"
SCROLL_KEY = "_scroll_to_details"
TIMELINE_IDS_KEY = "_timeline_ids"
MAP_PLACES_KEY = "_map_places"
PAIRS_KEY = "_relation_pairs"
TABLE_IDS_KEY = "_table_ids"
TIMELINE_CHART, MAP_CHART, RELATIONS_CHART, TABLE = "timeline_chart", "map_chart", "relations_chart", "table"
# The page's parts that show the open event (the details, the table, the share link and URL, the timeline's
# keyboard list, the map), written by one fragment (``st.fragment(key=...)``) into their places on the page:
# the only part that runs again when only the open event changes.
SELECTION_PART = "selection"
TIMELINE_PART = "timeline"  # the timeline's chart: the open event's ring is drawn over it in the browser
TIMELINE_CLICKS_KEY = "_timeline_clicks"
RINGED_KEY = "_ringed_"  # + a chart's key

WidgetValue = list[str] | date | str | bool | float | None
_COUNT_SUFFIX = re.compile(r"\s*\([\d,]+\)$")


def url_params() -> dict[str, list[str]]:
    """The current query parameters, repeated keys as lists."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def raw_query() -> str:
    """The query string the browser sent, before Streamlit parsed it (empty outside a run)."""
    ctx = get_script_run_ctx()
    return str(getattr(ctx, "query_string", "") or "") if ctx is not None else ""


def too_large(params: Mapping[str, Sequence[str]], raw: str) -> list[Notice]:
    """A notice when the browser sent a query that Streamlit refused to read as too large (more
    than 1,000 parameters or 512 Ki characters: it then passes on none of it)."""
    if params or not raw.strip("?&"):
        return []
    return [Notice("notice_link_too_large", "", f"{raw.count('&') + 1}")]


def state() -> ViewState:
    """The session's view (the default view before :func:`resolve` ran)."""
    view = st.session_state.get(VIEW_KEY)
    return view if isinstance(view, ViewState) else ViewState()


def language() -> str:
    """The interface language of this run: the session's, else the URL's (read before any widget)."""
    if isinstance(st.session_state.get(VIEW_KEY), ViewState):
        return state().lang
    values = st.query_params.get_all("lang")
    return values[-1] if values and values[-1] in LANGUAGES else LANGUAGES[0]


def resolve(
    known: Mapping[str, Collection[str]], event_ids: Container[str], facets: Sequence[Facet] = FACETS
) -> tuple[ViewState, list[Notice]]:
    """The view of this run: the session's, or the URL's when the URL is not the one last written."""
    params = url_params()
    if not isinstance(st.session_state.get(VIEW_KEY), ViewState) or params != st.session_state.get(WRITTEN_KEY):
        view, notices = parse_query(params, facets=facets, event_ids=event_ids, **known)
        notices = too_large(params, raw_query()) + notices
        st.session_state[VIEW_KEY] = view
        st.session_state[NOTICES_KEY] = notices
        st.session_state[WRITTEN_KEY] = params
        st.session_state[OFFSET_KEY] = 0
        st.session_state[SCROLL_KEY] = bool(view.event)
    return state(), list(st.session_state.get(NOTICES_KEY, []))


def sync_url(view: ViewState, facets: Sequence[Facet] = FACETS) -> None:
    """Rewrite the URL when it no longer describes ``view`` (a new browser history entry)."""
    wanted = {key: value if isinstance(value, list) else [value] for key, value in build_query(view, facets).items()}
    if wanted != url_params():
        st.query_params.from_dict(wanted)
    st.session_state[WRITTEN_KEY] = wanted


def update(**changes: Any) -> None:
    """Change fields of the session's view (``event=…``, ``lang=…``, ``zoom=…``)."""
    st.session_state[VIEW_KEY] = dataclasses.replace(state(), **changes)


def set_filters(**values: FilterValue | None) -> None:
    """Change some filters; the table goes back to its first page."""
    filters, _ = range_in_order(state().filters.replace(**values), FACETS)
    update(filters=filters)
    st.session_state[OFFSET_KEY] = 0


def change_filters(**values: FilterValue | None) -> NoReturn:
    """Callback: change some filters and run the whole page."""
    set_filters(**values)
    rerun_page()


def clear_filters() -> None:
    update(filters=Filters(), zoom=None)
    st.session_state[OFFSET_KEY] = 0


def open_event(event_id: str | None, *, scroll: bool = True) -> None:
    """Open an event's details (and bring them into view), or close them with ``None``."""
    update(event=event_id)
    st.session_state[SCROLL_KEY] = bool(event_id) and scroll


def rerun_page() -> NoReturn:
    """End a widget's callback with a run of the whole page (a widget inside a fragment would
    otherwise run its fragment alone)."""
    st.rerun()


def pick_event(event_id: str | None) -> None:
    """Callback of a widget of the selection part (the table, Previous / Next, a keyboard list): open
    an event (or close it with ``None``). Its own run, that of the selection part, is the only one: the
    rest of the page (sidebar, header, timeline chart, downloads) is unchanged."""
    open_event(event_id, scroll=True)


def change_view(**changes: Any) -> NoReturn:
    """Callback: change fields of the view (zoom, sort, the map or the relations) and run the whole page."""
    update(**changes)
    rerun_page()


def ringed(chart: str, rings: Sequence[object]) -> bool:
    """Whether the chart keyed ``chart`` had rings drawn before this run (they are to be cleared when
    ``rings`` is empty)."""
    before = bool(st.session_state.get(RINGED_KEY + chart))
    st.session_state[RINGED_KEY + chart] = bool(rings)
    return before


def scroll_pending() -> bool:
    """Whether an event (or a map marker's list) was just opened and should be brought into view."""
    return bool(st.session_state.get(SCROLL_KEY, False))


def take_scroll() -> bool:
    """Whether this run opened an event whose details should be brought into view (once)."""
    return bool(st.session_state.pop(SCROLL_KEY, False))


# -- widgets → view ---------------------------------------------------------------------------


def widget_key(facet: Facet, lang: str) -> str:
    """The session key of a facet's widget: one per language, so that nothing drawn in the other
    language (an option's label) survives a switch."""
    return f"f_{facet.param}_{lang}"


def repair_facet(facet: str, values: Iterable[str]) -> list[str]:
    """The values of a facet as the data names them.

    The options' labels carry live counts ("Armenia (87)"). When the counts change between two
    runs, the browser may send back the old label, which Streamlit then passes on as the value;
    it is mapped back here to what it labels (the country code, the type, the actor's name)."""
    repaired: list[str] = []
    for value in values:
        label = value
        while _COUNT_SUFFIX.search(label):  # a label can be labelled again: "Armenia (87) (0)"
            label = _COUNT_SUFFIX.sub("", label)
        value = value_of_label(facet, label) if label != value else value
        if value not in repaired:
            repaired.append(value)
    return repaired


def filter_value(facet: Facet, widget: WidgetValue) -> FilterValue | None:
    """The filter value a facet's widget holds (a stale option label repaired, the text trimmed)."""
    if facet.repeatable:
        return tuple(repair_facet(facet.name, widget if isinstance(widget, list) else ()))
    if facet.kind is Kind.TEXT:
        return widget.strip() if isinstance(widget, str) else ""
    if facet.kind is Kind.FLAG:
        return widget is True
    if facet.kind is Kind.MINIMUM:
        return round(float(widget), 2) if isinstance(widget, int | float) and not isinstance(widget, bool) else None
    if facet.kind is Kind.MODE:
        return ALL_OF if widget == ALL_OF else None
    return widget if isinstance(widget, date) else None


def widget_value(facet: Facet, value: FilterValue | None) -> WidgetValue:
    """What a facet's widget shows for a filter value."""
    if facet.repeatable:
        return list(value) if isinstance(value, tuple) else []
    if facet.kind is Kind.TEXT:
        return value if isinstance(value, str) else ""
    if facet.kind is Kind.FLAG:
        return value is True
    if facet.kind is Kind.MINIMUM:
        return value if isinstance(value, float) else 0.0
    if facet.kind is Kind.MODE:
        return ALL_OF if value == ALL_OF else "any"
    return value if isinstance(value, date) else None


def on_filter_widget(facet: Facet, key: str) -> None:
    """``on_change`` of a facet's widget: its value goes into the view."""
    set_filters(**{facet.name: filter_value(facet, st.session_state.get(key))})


# -- charts and table → view ------------------------------------------------------------------


def _clicked_point(key: str) -> tuple[int, int] | None:
    """(trace number, point number) of the point a chart's selection holds."""
    selection = (st.session_state.get(key) or {}).get("selection") or {}
    for point in selection.get("points") or []:
        curve, index = point.get("curve_number"), point.get("point_index", point.get("point_number"))
        if isinstance(curve, int) and isinstance(index, int):
            return curve, index
    return None


def _lookup(table: object, point: tuple[int, int] | None) -> object:
    if point is None or not isinstance(table, tuple) or point[0] >= len(table):
        return None
    row = table[point[0]]
    return row[point[1]] if isinstance(row, tuple) and point[1] < len(row) else None


def _box_range(key: str) -> tuple[date, date] | None:
    selection = (st.session_state.get(key) or {}).get("selection") or {}
    for box in selection.get("box") or []:
        xs = box.get("x") or []
        if len(xs) == 2:
            try:
                first, last = sorted(date.fromisoformat(str(x)[:10]) for x in xs)
            except ValueError:
                return None
            return (first, last) if first < last else None
    return None


def on_timeline_select() -> None:
    """A dragged range zooms the timeline (into the URL); a clicked mark opens its event."""
    window = _box_range(TIMELINE_CHART)
    if window is not None:
        change_view(zoom=window)
    event_id = _lookup(st.session_state.get(TIMELINE_IDS_KEY), _clicked_point(TIMELINE_CHART))
    if isinstance(event_id, str):
        # The chart is drawn anew, as a chart that remembers no click: plotly.js would otherwise
        # keep the clicked mark selected (the others faded) and ignore a second click on it.
        st.session_state[TIMELINE_CLICKS_KEY] = int(st.session_state.get(TIMELINE_CLICKS_KEY) or 0) + 1
        open_event(event_id, scroll=True)
        st.rerun([SELECTION_PART, TIMELINE_PART])


def pick_places(names: Sequence[str]) -> NoReturn:
    """A marker lists all the events of the places it groups: they become the place filter (the
    whole page runs again)."""
    set_filters(places=tuple(names))
    open_event(None)
    st.session_state[SCROLL_KEY] = True
    rerun_page()


def on_map_select() -> None:
    names = _lookup(st.session_state.get(MAP_PLACES_KEY), _clicked_point(MAP_CHART))
    if isinstance(names, tuple) and names:
        pick_places(names)


def choices_key(chart: str) -> str:
    """Where the entries of a chart's keyboard list are kept between runs, by their keys."""
    return f"_choices_{chart}"


def on_chart_choice(key: str, chart: str) -> None:
    """An entry picked in a chart's list does what a click on its mark does: open the event, zoom
    to the period, or list the marker's events."""
    picked = (st.session_state.get(choices_key(chart)) or {}).get(st.session_state.get(key))
    if not isinstance(picked, Choice):
        return
    if picked.event:
        pick_event(picked.event)
    elif picked.window:
        change_view(zoom=picked.window)
    elif picked.places:
        pick_places(picked.places)


def on_relations_select() -> None:
    """A clicked pair filters the page to the events that involve both."""
    pair = _lookup(st.session_state.get(PAIRS_KEY), _clicked_point(RELATIONS_CHART))
    if isinstance(pair, tuple) and len(pair) == 2:
        if state().pairs == "actors":
            set_filters(actors=tuple(pair), actor_mode=ALL_OF)
        else:
            set_filters(countries=tuple(pair), country_mode=ALL_OF)
        rerun_page()


def table_key(ids: Sequence[str], lang: str) -> str:
    """The table's widget key: one per page of rows and language. A grid whose rows change under the
    same key drops the first click that follows (its old selection lingers in the browser)."""
    digest = hashlib.sha1("\n".join([lang, *ids]).encode("utf-8")).hexdigest()[:12]
    return f"{TABLE}_{digest}"


def on_table_select(key: str) -> None:
    """A click on any cell of a row opens that row's event."""
    selection = (st.session_state.get(key) or {}).get("selection") or {}
    cells = selection.get("cells") or []
    rows = [cell[0] for cell in cells if isinstance(cell, list | tuple) and cell] or selection.get("rows") or []
    ids = st.session_state.get(TABLE_IDS_KEY) or ()
    if rows and isinstance(rows[0], int) and rows[0] < len(ids):
        pick_event(ids[rows[0]])
