"""The page's data: what the read side of the store (:class:`~components.store.views.EventViews`)
answers for a view, cached.

:func:`make_views` is the one place that decides how the views are answered (a store in SQL,
:class:`~components.store.sql_views.SqlViews`; a JSONL file in memory,
:class:`~components.store.memory_views.MemoryViews`);
the page never holds all events, only what each part shows. ``st.cache_resource`` holds the shared
read-only objects (store, views), ``st.cache_data`` the answers; every input is an argument, and
the data version keys them all, so new articles and corrections show on the next run.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from components.store.event_store import Store, StoreError, resolve_location
from components.store.ingest import open_shipped_store
from components.store.memory_views import MemoryViews
from components.store.query import Filters
from components.store.records import StoredEvent
from components.store.sql_views import SqlViews
from components.store.views import (
    EventPage,
    EventViews,
    PairCount,
    Paragraph,
    PlaceCount,
    Sort,
    Summary,
    TimelineData,
)
from components.ui.event_source import EventSource, load_events


def missing_folder(location: str) -> Path | None:
    """The folder a store path names when that folder does not exist (opening it there would make
    a new, empty store in a new folder instead of showing the one meant)."""
    path, is_default = resolve_location(location or None)
    if is_default or not isinstance(path, Path):
        return None  # the default store, or a database server's URL
    folder = path.expanduser().parent
    return None if folder.is_dir() else folder


@st.cache_resource(show_spinner=False)
def shared_store(location: str, resolved: str) -> Store:
    """One open store per file, shared by every session (the default one is built from
    data/articles on first use). ``resolved`` keys the cache: the file ``location`` means now."""
    return open_shipped_store(location or None)


def current_store(source: EventSource) -> Store | None:
    """The open store of a store source (``None`` for a file of events); :class:`StoreError` when
    the store's folder does not exist."""
    if source.kind != "store":
        return None
    folder = missing_folder(source.location)
    if folder is not None:
        raise StoreError(f"TIMELINE_DB={source.location}: the folder {folder} does not exist")
    return shared_store(source.location, str(resolve_location(source.location or None)[0]))


def make_views(source: EventSource, store: Store | None, version: str) -> EventViews:
    """The read side the page uses for ``source`` (the one place to choose another engine): a
    store is asked in SQL (:class:`~components.store.sql_views.SqlViews`, no event is loaded
    beyond what a view shows); a file of events is indexed in memory."""
    if store is None:
        return MemoryViews(load_events(source), version)
    return SqlViews(store)


@st.cache_resource(show_spinner=False, max_entries=4)
def event_views(source: EventSource, version: str) -> EventViews:
    """The views of one data version of ``source`` (shared, read-only)."""
    return make_views(source, current_store(source), version)


def sort_of(text: str) -> Sort:
    """``-date`` → newest first; ``type`` → by type A–Z."""
    return Sort(text.lstrip("-"), descending=text.startswith("-"))


@st.cache_data(show_spinner=False, max_entries=128)
def summary(source: EventSource, version: str, filters: Filters) -> Summary:
    return event_views(source, version).summary(filters)


@st.cache_data(show_spinner=False, max_entries=512)
def facet_counts(source: EventSource, version: str, filters: Filters, facet: str) -> dict[str, int]:
    return event_views(source, version).facet_counts(filters, facet)


@st.cache_data(show_spinner=False, max_entries=64)
def facet_values(source: EventSource, version: str, facet: str) -> tuple[str, ...]:
    return event_views(source, version).facet_values(facet)


@st.cache_data(show_spinner=False, max_entries=16)
def arabic_names(source: EventSource, version: str, facet: str) -> dict[str, str]:
    return event_views(source, version).arabic_names(facet)


@st.cache_data(show_spinner=False, max_entries=128)
def table_page(source: EventSource, version: str, filters: Filters, sort: str, offset: int, limit: int) -> EventPage:
    return event_views(source, version).page(filters, sort=sort_of(sort), offset=offset, limit=limit)


def all_matching(source: EventSource, version: str, filters: Filters) -> list[StoredEvent]:
    """Every matching event, newest first: what a download holds (built only when it is asked for)."""
    views = event_views(source, version)
    total = views.summary(filters).events
    return list(views.page(filters, offset=0, limit=total).events)


@st.cache_data(show_spinner=False, max_entries=256)
def position(source: EventSource, version: str, filters: Filters, event_id: str, sort: str) -> int | None:
    return event_views(source, version).position(filters, event_id, sort=sort_of(sort))


@st.cache_data(show_spinner=False, max_entries=64)
def timeline_data(source: EventSource, version: str, filters: Filters, lanes: str, max_marks: int) -> TimelineData:
    return event_views(source, version).timeline(filters, lanes=lanes, max_marks=max_marks)


@st.cache_data(show_spinner=False, max_entries=64)
def places(source: EventSource, version: str, filters: Filters) -> tuple[PlaceCount, ...]:
    return event_views(source, version).places(filters, limit=2000, per_place=1)


@st.cache_data(show_spinner=False, max_entries=64)
def pairs(source: EventSource, version: str, filters: Filters, by: str) -> tuple[PairCount, ...]:
    return event_views(source, version).pairs(filters, by=by)


@st.cache_data(show_spinner=False, max_entries=64)
def event(source: EventSource, version: str, event_id: str) -> StoredEvent | None:
    return event_views(source, version).event(event_id)


@st.cache_data(show_spinner=False, max_entries=64)
def paragraph(source: EventSource, version: str, event_id: str) -> Paragraph | None:
    return event_views(source, version).paragraph(event_id)
