"""Diplomatic Timeline: ``streamlit run dashboard.py``.

Only the layout of the page. Its data comes from the read side of the store through
``components/ui/data.py`` (never all events at once), its figures from ``components/ui/charts.py``,
the view and the URL from ``components/ui/controls.py``, the sidebar from ``components/ui/sidebar.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from components.store.event_store import Store, StoreError
from components.store.exports import to_csv_bytes, to_geojson_bytes, to_json_bytes
from components.store.facets import FACETS, Kind
from components.store.records import StoredEvent
from components.ui import charts, controls, data
from components.ui.add_article_panel import render_add_article_panel
from components.ui.chart_choices import Choice, chosen, map_choices
from components.ui.correction_panel import render_add_event_form, render_correction_form, render_corrections_log
from components.ui.details import details_html, title_of
from components.ui.event_source import EventSource, configured_source, data_version
from components.ui.i18n import and_join, code_span, format_day, is_rtl, plotly_locale, plural, streamlit_labels, t
from components.ui.map_figure import topojson_url
from components.ui.sidebar import render_sidebar
from components.ui.style import (
    DATE_PARTS,
    page_script,
    page_style,
    relabel_script,
    ring_script,
    scroll_script,
    table_row_script,
)
from components.ui.summary import summary_line
from components.ui.table import PAGE_SIZE, TABLE_ROW_HEIGHT, column_order, page_label, table_frame
from components.ui.timeline_figure import HIGHLIGHT, ring_points
from components.ui.url_state import SORTS, VIEWS, Notice, ViewState, query_string

MAX_NOTICES = 10
PLACE_LIST = 20
MAP_RING = 15  # the radius of the rings at the open event's places on the map, in pixels


class KnownEvents:
    """The event ids a link may open: those the views know (asked one at a time)."""

    def __init__(self, source: EventSource, version: str) -> None:
        self.source, self.version = source, version

    def __contains__(self, event_id: object) -> bool:
        return isinstance(event_id, str) and data.event(self.source, self.version, event_id) is not None


def open_data(lang: str) -> tuple[EventSource, Store | None, str]:
    """The configured source, its open store (a store source only) and its data version."""
    source = configured_source()
    try:
        store = data.current_store(source)
        version = data_version(source, store)
    except (StoreError, OSError) as error:
        st.error(t("store_open_failed", lang, reason=str(error)))
        st.stop()
    return source, store, version


def share_link(query: str) -> str:
    base = (st.context.url or "").split("?")[0]
    return f"{base}?{query}" if query else base


def notices_text(notices: Sequence[Notice], lang: str) -> str:
    """What the link had that was not understood: each value as inline code (never a link or
    markup), shortened, without bidi controls; at most MAX_NOTICES lines."""
    lines = [t("notice_title", lang)]
    for notice in notices[:MAX_NOTICES]:
        lines.append("- " + t(notice.key, lang, param=code_span(notice.param), value=code_span(notice.value)))
    if len(notices) > MAX_NOTICES:
        lines.append("- " + plural("notice_more", len(notices) - MAX_NOTICES, lang))
    return "\n".join(lines)


def header(source: EventSource, version: str, view: ViewState, notices: Sequence[Notice]) -> DeltaGenerator:
    """Title, summary line, the link's notices; returns the place of the share link."""
    lang = view.lang
    summary = data.summary(source, version, view.filters)
    hidden = 0 if view.filters.flag("planned") else data.facet_counts(source, version, view.filters, "planned")["1"]
    st.title(t("app_title", lang))
    st.caption(t("app_caption", lang))
    head, share = st.columns([4, 1])
    head.markdown(f"**{summary_line(summary, lang, planned_hidden=hidden)}**")
    if notices:
        st.warning(notices_text(notices, lang))
    if not summary.events:
        st.info(t("no_events", lang))
    return share


def link_part(view: ViewState) -> None:
    """The share link, and the URL kept in step with the view (also when only the open event changed)."""
    with st.popover(t("share", view.lang)):
        st.caption(t("share_help", view.lang))
        st.code(share_link(query_string(view)), language=None, wrap_lines=True)
    controls.sync_url(view)


@st.fragment(key=controls.TIMELINE_PART)
def timeline_part(source: EventSource, version: str) -> None:
    """The timeline's chart. Opening an event leaves it as it is: the ring is drawn over it."""
    view = controls.state()
    st.subheader(t("timeline", view.lang))
    window = charts.timeline_window(source, version, view.filters, view.zoom)
    st.session_state[controls.TIMELINE_IDS_KEY] = ()
    if window.whole is None:
        st.caption(t("timeline_nothing", view.lang))
        return
    chart = charts.timeline_chart(source, version, view.filters, view.lanes, view.lang, window.shown)
    st.session_state[controls.TIMELINE_IDS_KEY] = chart.ids
    chart.figure.update_layout(meta=st.session_state.get(controls.TIMELINE_CLICKS_KEY, 0))
    st.plotly_chart(
        chart.figure,
        key=controls.TIMELINE_CHART,
        on_select=controls.on_timeline_select,
        selection_mode=("points", "box"),
        config={"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d"], **plotly_locale(view.lang)},
    )


def marks_list_part(source: EventSource, version: str, view: ViewState) -> None:
    """Under the timeline: its marks as a list the keyboard reaches, and what the chart shows."""
    window = charts.timeline_window(source, version, view.filters, view.zoom)
    if window.whole is not None:
        timeline_notes(source, version, view, window)


def timeline_notes(source: EventSource, version: str, view: ViewState, window: charts.Window) -> None:
    lang = view.lang
    aggregated = bool(charts.timeline_content(source, version, view.filters, view.lanes, window.shown).buckets)
    marks = charts.timeline_list(source, version, view.filters, lang, window.shown)
    kind = "timeline_periods" if aggregated else "timeline_marks"
    choice_list("timeline", kind, marks, chosen(marks, event=view.event, places=()), lang)
    st.caption(t("timeline_aggregated" if aggregated else "timeline_help", lang))
    window_note(view, window)
    undated = data.summary(source, version, view.filters).undated
    if undated:
        st.caption(plural("undated_note", undated, lang))


def window_note(view: ViewState, window: charts.Window) -> None:
    """Which days the timeline shows: the outliers it leaves out (and a button to show them), and a
    range slider whose value is the zoom in the link."""
    lang = view.lang
    if window.whole is None or window.whole[0] >= window.whole[1]:
        return
    if window.focused and window.shown:
        first, last = (format_day(day, lang) for day in window.shown)
        parts = [plural("outside_before", window.before, lang, day=first)] if window.before else []
        parts += [plural("outside_after", window.after, lang, day=last)] if window.after else []
        note, button = st.columns([4, 1])
        note.caption(t("timeline_focus", lang, outside=and_join(parts, lang)))
        button.button(
            t("show_all_dates", lang),
            key=f"show_all_{lang}",
            on_click=controls.change_view,
            kwargs={"zoom": window.whole},
        )
    key = f"f_zoom_{lang}"
    low, high = window.whole
    shown = window.shown or window.whole
    st.session_state[key] = (max(low, min(shown[0], high)), min(high, max(shown[1], low)))
    st.slider(
        t("timeline_range", lang),
        min_value=low,
        max_value=high,
        key=key,
        format="YYYY-MM-DD",
        on_change=lambda: controls.change_view(zoom=tuple(st.session_state[key])),
    )


def step_buttons(source: EventSource, version: str, view: ViewState, position: int, total: int) -> None:
    """Previous / next event in the table's order: the details can be walked with the keyboard."""
    lang = view.lang
    first = max(0, position - 1)  # the events before and after, as one page of the table's order (one sort)
    near = data.table_page(source, version, view.filters, view.sort, first, position - first + 2).events
    earlier, later, close = st.columns(3)
    for column, step, label in ((earlier, -1, "previous_event"), (later, 1, "next_event")):
        index = position + step - first
        if 0 <= position + step < total and 0 <= index < len(near):
            column.button(
                t(label, lang), key=f"{label}_{lang}", on_click=controls.pick_event, args=(near[index]["id"],)
            )
    close.button(t("close", lang), key=f"close_{lang}", on_click=controls.pick_event, args=(None,))


def event_panel(source: EventSource, version: str, view: ViewState, store: Store | None, total: int) -> None:
    """The open event's details, with the corrections form under them when the events come from a store."""
    lang = view.lang
    event = data.event(source, version, view.event or "")
    if event is None:
        st.info(t("details_gone", lang))
        st.button(t("close", lang), key=f"close_gone_{lang}", on_click=controls.pick_event, args=(None,))
        return
    position = data.position(source, version, view.filters, str(event["id"]), view.sort)
    if position is None:
        st.warning(t("details_outside_filters", lang))
        st.button(t("close", lang), key=f"close_outside_{lang}", on_click=controls.pick_event, args=(None,))
    else:
        step_buttons(source, version, view, position, total)
    st.html(details_html(event, lang, data.paragraph(source, version, str(event["id"]))))
    if store is not None:
        render_correction_form(store, event, lang)


def place_list(source: EventSource, version: str, view: ViewState) -> None:
    """The events at the places picked on the map, newest first (each opens its details)."""
    lang = view.lang
    page = data.table_page(source, version, view.filters, "-date", 0, PLACE_LIST)
    names = ", ".join(view.filters.selected("places"))
    st.html(f'<p class="tl-place-list" tabindex="-1"><b>{plural("place_events", page.total, lang, places="")}</b></p>')
    st.caption(names)
    for event in page.events:
        when = event.get("date_start") or t("precision_none", lang)
        st.button(
            f"{when} · {title_of(event, lang)}",
            key=f"at_{event['id']}_{lang}",
            on_click=controls.pick_event,
            args=(event["id"],),
        )
    if page.total > PLACE_LIST:
        st.caption(t("place_more", lang, n=page.total - PLACE_LIST))
    st.button(
        t("clear_places", lang), key=f"clear_places_{lang}", on_click=controls.change_filters, kwargs={"places": None}
    )


def details_part(source: EventSource, version: str, view: ViewState, store: Store | None) -> None:
    """The details beside the timeline; what was just opened is brought into view."""
    details_section(source, version, view, store, data.summary(source, version, view.filters).events)
    marks = ring_points(st.session_state.get(controls.TIMELINE_IDS_KEY) or (), view.event)
    places = [(lon, lat) for lat, lon in event_places(source, version, view)]
    scripts = ""
    for chart, rings, radius in ((controls.TIMELINE_CHART, marks, 12), (controls.MAP_CHART, places, MAP_RING)):
        if controls.ringed(chart, rings) or rings:
            scripts += ring_script(chart, rings, HIGHLIGHT, radius)
    scripts += scroll_script(view.event) if controls.scroll_pending() else ""
    if scripts:
        st.html(scripts, unsafe_allow_javascript=True)


def details_section(source: EventSource, version: str, view: ViewState, store: Store | None, total: int) -> None:
    st.subheader(t("details", view.lang))
    if view.event:
        event_panel(source, version, view, store, total)
    elif view.filters.selected("places"):
        place_list(source, version, view)
    else:
        st.caption(t("details_hint", view.lang))


def event_places(source: EventSource, version: str, view: ViewState) -> tuple[tuple[float, float], ...]:
    event = data.event(source, version, view.event) if view.event else None
    places = (event or {}).get("places") or []
    return tuple(
        (float(p["lat"]), float(p["lon"])) for p in places if p.get("lat") is not None and p.get("lon") is not None
    )


def map_section(source: EventSource, version: str, view: ViewState) -> None:
    lang = view.lang
    chart = charts.map_chart(source, version, view.filters, lang)  # the open event's places: rings over it
    st.session_state[controls.MAP_PLACES_KEY] = chart.places
    base = topojson_url(st.get_option("server.baseUrlPath") or "")
    st.plotly_chart(
        chart.figure,
        key=controls.MAP_CHART,
        on_select=controls.on_map_select,
        selection_mode="points",
        config={"topojsonURL": base, "displaylogo": False, **plotly_locale(lang)},
    )
    markers = map_choices(chart.markers)
    choice_list("map", "map_marks", markers, chosen(markers, event=None, places=view.filters.selected("places")), lang)
    st.caption(t("map_help", lang))


def choice_list(chart: str, kind: str, choices: Sequence[Choice], current: str | None, lang: str) -> None:
    """A chart's marks as a list the keyboard reaches (plotly's marks take no focus): picking an
    entry does what a click on its mark does."""
    if not choices:
        return
    by_key = {choice.key: choice for choice in choices}
    st.session_state[controls.choices_key(chart)] = by_key
    key = f"f_{kind}_{lang}"
    st.session_state[key] = current if current in by_key else None
    st.selectbox(
        t(kind, lang),
        list(by_key),
        index=None,
        key=key,
        format_func=lambda entry: by_key[entry].label if entry in by_key else entry,
        placeholder=t(f"{kind}_hint", lang),
        on_change=controls.on_chart_choice,
        args=(key, chart),
    )


def relations_section(source: EventSource, version: str, view: ViewState) -> None:
    lang = view.lang
    key = f"f_by_{lang}"
    st.session_state[key] = view.pairs
    st.radio(
        t("relations_by", lang),
        ("countries", "actors"),
        key=key,
        horizontal=True,
        format_func=lambda value: t(f"relations_{value}", lang),
        on_change=lambda: controls.change_view(pairs=st.session_state[key]),
    )
    chart = charts.relations_chart(source, version, view.filters, view.pairs, lang)
    st.session_state[controls.PAIRS_KEY] = chart.pairs
    if not chart.parties:
        st.caption(t("relations_none", lang))
        return
    st.plotly_chart(
        chart.figure,
        key=controls.RELATIONS_CHART,
        on_select=controls.on_relations_select,
        selection_mode="points",
        config={"displaylogo": False, **plotly_locale(lang)},
    )
    st.caption(t("relations_help", lang))


@dataclass(frozen=True)
class SelectionPlaces:
    """Where the parts that show the open event go on the page (containers made by the whole page's run)."""

    link: DeltaGenerator
    marks: DeltaGenerator
    details: DeltaGenerator
    views: DeltaGenerator
    table: DeltaGenerator


@st.fragment(key=controls.SELECTION_PART)
def selection_part(source: EventSource, version: str, store: Store | None, places: SelectionPlaces) -> None:
    """Every part that shows the open event, written into its place on the page: the details first, then
    the table (its page turns to the open event), the share link and URL, the timeline's keyboard list and
    the map. Its widgets (the table, Previous / Next, the keyboard lists, the pager) run this part again,
    and only once: opening an event runs nothing else."""
    view = controls.state()
    with places.details:
        details_part(source, version, view, store)
    with places.table:
        table_section(source, version, view, controls.take_scroll())
    with places.link:
        link_part(view)
    with places.marks:
        marks_list_part(source, version, view)
    with places.views:
        views_section(source, version, view)


def views_section(source: EventSource, version: str, view: ViewState) -> None:
    """The map or the relations view (one at a time: the other costs nothing)."""
    lang = view.lang
    key = f"f_view_{lang}"
    st.session_state[key] = view.view
    st.segmented_control(
        t("view_label", lang),
        VIEWS,
        key=key,
        format_func=lambda value: t(f"view_{value}", lang),
        on_change=lambda: controls.change_view(view=st.session_state[key] or VIEWS[0]),
        label_visibility="collapsed",
        required=True,
    )
    if view.view == "relations":
        relations_section(source, version, view)
    else:
        map_section(source, version, view)


def table_section(source: EventSource, version: str, view: ViewState, just_opened: bool) -> None:
    lang = view.lang
    st.subheader(t("table", lang))
    offset = int(st.session_state.get(controls.OFFSET_KEY) or 0)
    if just_opened and view.event:
        position = data.position(source, version, view.filters, view.event, view.sort)
        if position is not None:
            offset = st.session_state[controls.OFFSET_KEY] = position // PAGE_SIZE * PAGE_SIZE
    page = data.table_page(source, version, view.filters, view.sort, offset, PAGE_SIZE)
    sort_control(view)
    frame = table_frame(page.events, lang)
    st.session_state[controls.TABLE_IDS_KEY] = list(frame.index)
    key = controls.table_key(list(frame.index), lang)
    st.dataframe(  # the same data whichever event is open: the open one's row is marked over the grid
        frame,
        key=key,
        on_select=partial(controls.on_table_select, key),
        selection_mode="single-cell",
        hide_index=True,
        column_order=column_order(lang),
        width="stretch",
        row_height=TABLE_ROW_HEIGHT,
    )
    pager(page.offset, len(page.events), page.total, lang)
    row = list(frame.index).index(view.event) if view.event in frame.index else None
    if controls.ringed(controls.TABLE, [row] if row is not None else []) or row is not None:
        st.html(table_row_script(key, row, HIGHLIGHT, TABLE_ROW_HEIGHT), unsafe_allow_javascript=True)


def sort_control(view: ViewState) -> None:
    lang = view.lang
    key = f"f_sort_{lang}"
    st.session_state[key] = view.sort
    st.selectbox(
        t("sort_label", lang),
        SORTS,
        key=key,
        placeholder=t("choose", lang),
        format_func=lambda value: t(f"sort_{value.lstrip('-')}_{'desc' if value.startswith('-') else 'asc'}", lang),
        on_change=lambda: controls.change_view(sort=st.session_state[key]),
    )


def _move(offset: int) -> None:
    st.session_state[controls.OFFSET_KEY] = max(0, offset)


def pager(offset: int, shown: int, total: int, lang: str) -> None:
    back, label, forward = st.columns([1, 3, 1])
    back.button(
        t("page_previous", lang),
        key=f"page_back_{lang}",
        disabled=offset == 0,
        on_click=_move,
        args=(offset - PAGE_SIZE,),
    )
    label.caption(page_label(offset, shown, total, lang))
    forward.button(
        t("page_next", lang),
        key=f"page_next_{lang}",
        disabled=offset + shown >= total,
        on_click=_move,
        args=(offset + PAGE_SIZE,),
    )


def downloads_section(source: EventSource, version: str, view: ViewState) -> None:
    """Every filtered event, not only the table's page, built when a button is pressed."""
    lang = view.lang

    def events() -> list[StoredEvent]:
        return data.all_matching(source, version, view.filters)

    without_place = data.summary(source, version, view.filters).without_place
    st.markdown(f"**{t('downloads', lang)}**")
    csv_col, json_col, geo_col = st.columns(3)
    csv_col.download_button(
        t("download_csv", lang), lambda: to_csv_bytes(events()), "events.csv", "text/csv", on_click="ignore"
    )
    json_col.download_button(
        t("download_json", lang), lambda: to_json_bytes(events()), "events.json", "application/json", on_click="ignore"
    )
    geo_col.download_button(
        t("download_geojson", lang),
        lambda: to_geojson_bytes(events()),
        "events.geojson",
        "application/geo+json",
        on_click="ignore",
    )
    if without_place:  # under the button, where it wraps: a button's label is cut at its width
        geo_col.caption(plural("geojson_left_out", without_place, lang))


def store_panels(store: Store, lang: str) -> None:
    with st.expander(t("add_article", lang)):
        render_add_article_panel(store, lang, on_saved=lambda event_id: controls.open_event(event_id))
        render_add_event_form(store, lang)
    with st.expander(t("corrections_log", lang)):
        render_corrections_log(store, lang)


def sidebar(source: EventSource, version: str) -> None:
    view = controls.state()
    render_sidebar(
        FACETS,
        lambda facet: data.facet_counts(source, version, view.filters, facet),
        lambda facet: data.facet_values(source, version, facet),
        lambda facet: data.arabic_names(source, version, facet) if facet in ("actors", "places") else {},
    )


def main() -> None:
    lang = controls.language()
    st.set_page_config(page_title=t("app_title", lang), layout="wide")
    try:
        page(lang)
    except StoreError as error:  # a store damaged or gone while the page runs: a message, not a traceback
        st.error(t("store_read_failed", lang, reason=str(error)))


def page(lang: str) -> None:
    source, store, version = open_data(lang)
    known = {facet.name: data.facet_values(source, version, facet.name) for facet in FACETS if facet.kind is Kind.NAMES}
    view, notices = controls.resolve(known, KnownEvents(source, version))
    sidebar(source, version)
    st.html(
        page_style(is_rtl(view.lang), [t(f"date_part_{part}", view.lang) for part in DATE_PARTS])
        + page_script(view.lang, t("busy", view.lang))
        + relabel_script(streamlit_labels(view.lang)),
        unsafe_allow_javascript=True,
    )
    share = header(source, version, view, notices)
    timeline_column, details_column = st.columns([3, 2])
    with timeline_column:
        timeline_part(source, version)
        marks = st.container()
    places = SelectionPlaces(share.container(), marks, details_column.container(), st.container(), st.container())
    selection_part(source, version, store, places)
    downloads_section(source, version, view)
    if store is not None:
        store_panels(store, view.lang)
    controls.sync_url(controls.state())


main()
