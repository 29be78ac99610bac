"""The page's data, cached: the open store, the indexed events of a data version, and what
each filter combination derives from them (matching rows, option counts, figures).

``st.cache_resource`` holds the shared read-only objects (store, index), ``st.cache_data`` the
derived values; every input is an argument, and the data version keys them all, so new
articles and corrections show on the next run.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from components.store.event_store import Store, resolve_location
from components.store.ingest import open_shipped_store
from components.store.memory_index import EventIndex, build_index, facet_counts, filter_rows
from components.store.query import Filters
from components.store.records import StoredEvent
from components.ui.event_source import EventSource, load_events
from components.ui.map_figure import map_figure, outside_places
from components.ui.timeline_figure import timeline_figure


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
def event_index(source: EventSource, version: str) -> EventIndex:
    """The indexed events of one data version of ``source`` (shared, read-only)."""
    return build_index(load_events(source, current_store(source)))


@st.cache_data(show_spinner=False, max_entries=128)
def matching_rows(source: EventSource, version: str, filters: Filters) -> np.ndarray:
    return filter_rows(event_index(source, version), filters)


def matching_events(source: EventSource, version: str, filters: Filters) -> list[StoredEvent]:
    index = event_index(source, version)
    return [index.events[row] for row in matching_rows(source, version, filters)]


@st.cache_data(show_spinner=False, max_entries=256)
def option_counts(source: EventSource, version: str, filters: Filters, facet: str) -> dict[str, int]:
    return facet_counts(event_index(source, version), filters, facet)


@st.cache_data(show_spinner=False, max_entries=64)
def timeline(source: EventSource, version: str, filters: Filters, lanes: str, lang: str) -> tuple[go.Figure, bool]:
    return timeline_figure(matching_events(source, version, filters), lanes=lanes, lang=lang)


@st.cache_data(show_spinner=False, max_entries=64)
def region_map(
    source: EventSource, version: str, filters: Filters, lang: str
) -> tuple[go.Figure, list[tuple[str, int]]]:
    events = matching_events(source, version, filters)
    return map_figure(events, lang=lang), outside_places(events, lang)
