"""Diplomatic Timeline: ``streamlit run dashboard.py``."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from components.store.event_store import Store, StoreError, resolve_location
from components.store.exports import to_csv_bytes, to_geojson_bytes, to_json_bytes
from components.store.ingest import open_shipped_store
from components.store.query import Filters
from components.ui import controls
from components.ui.add_article_panel import render_add_article_panel
from components.ui.correction_panel import (
    render_add_event_form,
    render_correction_form,
    render_corrections_log,
)
from components.ui.details import DetailsHook, render_details
from components.ui.event_source import (
    EventSource,
    configured_source,
    data_version,
    load_events,
)
from components.ui.filters import (
    EventIndex,
    build_index,
    facet_counts,
    filter_rows,
    known_names,
)
from components.ui.i18n import escape_markdown, is_rtl, plural, t
from components.ui.map_figure import map_figure, outside_places, topojson_url
from components.ui.summary import summary_line
from components.ui.table import table_frame
from components.ui.timeline_figure import timeline_figure
from components.ui.url_state import query_string

TABLE_ROWS = 2000
STYLE = """<style>
.tl-sentence {direction: rtl; text-align: right; font-size: 1.15rem; line-height: 2; unicode-bidi: isolate;}
mark.tl-m {border-radius: 3px; padding: 0 2px;}
mark.tl-date {background: #ffe08a;} mark.tl-actor, mark.tl-organisation {background: #cfe6ff;}
mark.tl-place {background: #d5f2d0;} mark.tl-country {background: #f4d9f7;} mark.tl-trigger {background: #ffd2c2;}
.tl-fields th {text-align: start; padding-inline-end: 0.8rem; vertical-align: top; white-space: nowrap;}
.tl-url {font-size: 0.8rem; color: #666; word-break: break-all;}
.tl-nowrap {white-space: nowrap;}
textarea, [data-testid="stTextInput"] input {unicode-bidi: plaintext; text-align: start;}
</style>"""
RTL_STYLE = """<style>
[data-testid="stMain"], [data-testid="stSidebar"] {direction: rtl; text-align: right;}
[data-testid="stPlotlyChart"], [data-testid="stDataFrame"] {direction: ltr;}
</style>"""


@st.cache_resource(show_spinner=False)
def shared_store(location: str, resolved: str) -> Store:
    """One open store per file, shared by every session (the default one is built from
    data/articles on first use). ``resolved`` keys the cache: the file ``location`` means now."""
    return open_shipped_store(location or None)


def current_store(source: EventSource) -> Store | None:
    if source.kind != "store":
        return None
    return shared_store(source.location, str(resolve_location(source.location or None)[0]))


@st.cache_resource(show_spinner=False, max_entries=4)
def event_index(version: str) -> EventIndex:
    """The indexed events of one data version (shared, read-only)."""
    source = configured_source()
    return build_index(load_events(source, current_store(source)))


@st.cache_data(show_spinner=False, max_entries=128)
def matching_rows(version: str, filters: Filters) -> np.ndarray:
    return filter_rows(event_index(version), filters)


@st.cache_data(show_spinner=False, max_entries=256)
def option_counts(version: str, filters: Filters, facet: str) -> dict[str, int]:
    return facet_counts(event_index(version), filters, facet)


@st.cache_data(show_spinner=False, max_entries=64)
def timeline(version: str, filters: Filters, lanes: str, lang: str) -> tuple[go.Figure, bool]:
    index = event_index(version)
    return timeline_figure([index.events[row] for row in matching_rows(version, filters)], lanes=lanes, lang=lang)


@st.cache_data(show_spinner=False, max_entries=64)
def region_map(version: str, filters: Filters, lang: str) -> tuple[go.Figure, list[tuple[str, int]]]:
    events = [event_index(version).events[row] for row in matching_rows(version, filters)]
    return map_figure(events, lang=lang), outside_places(events, lang)


def share_link(query: str) -> str:
    base = (st.context.url or "").split("?")[0]
    return f"{base}?{query}" if query else base


def main() -> None:
    st.set_page_config(page_title="Diplomatic Timeline", layout="wide")
    source = configured_source()
    try:
        store = current_store(source)
    except StoreError as error:
        st.error(str(error))
        st.stop()
    version = data_version(source, store)
    index = event_index(version)
    notices = controls.seed_from_url(known_names(index), index.by_id)
    pending = controls.current_state().filters
    controls.render_filters(index, lambda facet: option_counts(version, pending, facet))
    state = controls.current_state()
    if state.event and state.event not in index.by_id:
        controls.close_event()
        state = controls.current_state()
    controls.sync_url(state)
    lang, filters = state.lang, state.filters
    corrections_form: DetailsHook | None = (
        (lambda event: render_correction_form(store, event, lang)) if store is not None else None
    )
    st.markdown(STYLE + (RTL_STYLE if is_rtl(lang) else ""), unsafe_allow_html=True)

    events = [index.events[row] for row in matching_rows(version, filters)]
    st.title(t("app_title", lang))
    st.caption(t("app_caption", lang))
    head, share = st.columns([4, 1])
    head.markdown(f"**{summary_line(events, lang)}**", text_alignment="left" if not is_rtl(lang) else "right")
    with share.popover(t("share", lang)):
        st.caption(t("share_help", lang))
        st.code(share_link(query_string(state)), language=None, wrap_lines=True)
    if notices:
        st.warning(
            "\n".join(
                [t("notice_title", lang)]
                + [
                    "- " + t(n.key, lang, param=escape_markdown(n.param), value=escape_markdown(n.value))
                    for n in notices
                ]
            )
        )
    undated = sum(1 for event in events if not event.get("date_start"))
    if not events:
        st.info(t("no_events", lang))

    st.subheader(t("timeline", lang))
    if len(events) > undated:  # no empty axis when nothing dated matches
        figure, aggregated = timeline(version, filters, state.lanes, lang)
        st.caption(t("timeline_aggregated", lang, n=len(events)) if aggregated else t("timeline_help", lang))
        st.plotly_chart(
            figure,
            key="timeline_chart",
            on_select=lambda: controls.select_from_chart("timeline_chart"),
            selection_mode="points",
            config={"displaylogo": False},
        )
    if undated:
        st.caption(plural("undated_note", undated, lang))

    map_column, details_column = st.columns([3, 2])
    with map_column:
        st.subheader(t("map", lang))
        geo, outside = region_map(version, filters, lang)
        st.plotly_chart(
            geo,
            key="map_chart",
            on_select=lambda: controls.select_from_chart("map_chart"),
            selection_mode="points",
            config={"topojsonURL": topojson_url(st.get_option("server.baseUrlPath") or ""), "displaylogo": False},
        )
        if outside:
            separator = "، " if is_rtl(lang) else ", "
            st.caption(t("outside_map", lang, places=separator.join(f"{name} ({count})" for name, count in outside)))
    with details_column:
        st.subheader(t("details", lang))
        if state.event:
            render_details(index.events[index.by_id[state.event]], lang, below=corrections_form)
            st.button(t("close", lang), on_click=controls.close_event)
        else:
            st.caption(t("details_hint", lang))

    st.subheader(t("table", lang))
    shown = sorted(events, key=lambda event: (event.get("date_start") or "9999", str(event["id"])))[:TABLE_ROWS]
    if len(events) > TABLE_ROWS:
        st.caption(t("table_truncated", lang, shown=TABLE_ROWS, n=len(events)))
    frame = table_frame(shown, lang)
    st.session_state[controls.TABLE_IDS_KEY] = list(frame.index)
    st.dataframe(
        frame,
        key="table",
        on_select=lambda: controls.select_from_table("table"),
        selection_mode="single-row",
        hide_index=True,
        width="stretch",
    )
    st.markdown(f"**{t('downloads', lang)}**")
    csv_col, json_col, geo_col = st.columns(3)
    csv_col.download_button(
        t("download_csv", lang), lambda: to_csv_bytes(events), "events.csv", "text/csv", on_click="ignore"
    )
    json_col.download_button(
        t("download_json", lang), lambda: to_json_bytes(events), "events.json", "application/json", on_click="ignore"
    )
    geo_col.download_button(
        t("download_geojson", lang),
        lambda: to_geojson_bytes(events),
        "events.geojson",
        "application/geo+json",
        on_click="ignore",
    )
    if store is not None:
        with st.expander(t("add_article", lang)):
            render_add_article_panel(store, lang)
            render_add_event_form(store, lang)
        with st.expander(t("corrections_log", lang)):
            render_corrections_log(store, lang)


main()
