"""Diplomatic Timeline: ``streamlit run dashboard.py``.

Only the layout of the page: the data and its caches are in ``components/ui/data.py``, the
widgets and the URL in ``components/ui/controls.py``, the CSS in ``components/ui/style.py``.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from components.store.event_store import Store, StoreError
from components.store.exports import to_csv_bytes, to_geojson_bytes, to_json_bytes
from components.store.memory_index import EventIndex, known_names
from components.store.records import StoredEvent
from components.ui import controls
from components.ui.add_article_panel import render_add_article_panel
from components.ui.correction_panel import render_add_event_form, render_correction_form, render_corrections_log
from components.ui.data import current_store, event_index, matching_events, option_counts, region_map, timeline
from components.ui.details import render_details
from components.ui.event_source import EventSource, configured_source, data_version
from components.ui.i18n import escape_markdown, is_rtl, plural, t
from components.ui.map_figure import topojson_url
from components.ui.style import page_style
from components.ui.summary import summary_line
from components.ui.table import table_frame
from components.ui.url_state import Notice, ViewState, query_string

TABLE_ROWS = 2000


def open_data() -> tuple[EventSource, Store | None, str]:
    """The configured source, its open store (a store source only) and its data version."""
    source = configured_source()
    try:
        store = current_store(source)
    except StoreError as error:
        st.error(str(error))
        st.stop()
    return source, store, data_version(source, store)


def sidebar(source: EventSource, version: str, index: EventIndex) -> tuple[ViewState, list[Notice]]:
    """The filters, seeded from the URL on a session's first run; the URL follows the view."""
    notices = controls.seed_from_url(known_names(index), index.by_id)
    pending = controls.current_state().filters
    controls.render_filters(index, lambda facet: option_counts(source, version, pending, facet))
    state = controls.current_state()
    if state.event and state.event not in index.by_id:
        controls.close_event()
        state = controls.current_state()
    controls.sync_url(state)
    return state, notices


def share_link(query: str) -> str:
    base = (st.context.url or "").split("?")[0]
    return f"{base}?{query}" if query else base


def notices_text(notices: Sequence[Notice], lang: str) -> str:
    """What the link had that was not understood, as a markdown list (the link's values escaped)."""
    lines = [t("notice_title", lang)]
    for notice in notices:
        lines.append(
            "- " + t(notice.key, lang, param=escape_markdown(notice.param), value=escape_markdown(notice.value))
        )
    return "\n".join(lines)


def header(events: Sequence[StoredEvent], state: ViewState, notices: Sequence[Notice]) -> None:
    lang = state.lang
    st.title(t("app_title", lang))
    st.caption(t("app_caption", lang))
    head, share = st.columns([4, 1])
    head.markdown(f"**{summary_line(events, lang)}**", text_alignment="left" if not is_rtl(lang) else "right")
    with share.popover(t("share", lang)):
        st.caption(t("share_help", lang))
        st.code(share_link(query_string(state)), language=None, wrap_lines=True)
    if notices:
        st.warning(notices_text(notices, lang))
    if not events:
        st.info(t("no_events", lang))


def timeline_section(source: EventSource, version: str, state: ViewState, events: Sequence[StoredEvent]) -> None:
    lang = state.lang
    undated = sum(1 for event in events if not event.get("date_start"))
    st.subheader(t("timeline", lang))
    if len(events) > undated:  # no empty axis when nothing dated matches
        figure, aggregated = timeline(source, version, state.filters, state.lanes, lang)
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


def map_section(source: EventSource, version: str, state: ViewState) -> None:
    lang = state.lang
    st.subheader(t("map", lang))
    geo, outside = region_map(source, version, state.filters, lang)
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


def details_section(index: EventIndex, state: ViewState, store: Store | None) -> None:
    """The open event's details, with the corrections form under them when the events come from a store."""
    lang = state.lang
    st.subheader(t("details", lang))
    if not state.event:
        st.caption(t("details_hint", lang))
        return
    form = (lambda event: render_correction_form(store, event, lang)) if store is not None else None
    render_details(index.events[index.by_id[state.event]], lang, below=form)
    st.button(t("close", lang), on_click=controls.close_event)


def table_section(events: Sequence[StoredEvent], lang: str) -> None:
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


def downloads_section(events: Sequence[StoredEvent], lang: str) -> None:
    """Every filtered event, not only the rows the table shows, built when a button is pressed."""
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


def store_panels(store: Store, lang: str) -> None:
    with st.expander(t("add_article", lang)):
        render_add_article_panel(store, lang)
        render_add_event_form(store, lang)
    with st.expander(t("corrections_log", lang)):
        render_corrections_log(store, lang)


def main() -> None:
    st.set_page_config(page_title="Diplomatic Timeline", layout="wide")
    source, store, version = open_data()
    index = event_index(source, version)
    state, notices = sidebar(source, version, index)
    st.markdown(page_style(is_rtl(state.lang)), unsafe_allow_html=True)
    events = matching_events(source, version, state.filters)
    header(events, state, notices)
    timeline_section(source, version, state, events)
    map_column, details_column = st.columns([3, 2])
    with map_column:
        map_section(source, version, state)
    with details_column:
        details_section(index, state, store)
    table_section(events, state.lang)
    downloads_section(events, state.lang)
    if store is not None:
        store_panels(store, state.lang)


main()
