"""The page's figures, built from what the views answer and cached per view (``st.cache_data``).

Hover texts of the timeline are built once per data version and language (a shared dictionary,
``st.cache_resource``) and reused by every figure of that version.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go
import streamlit as st

from components.store.query import Filters
from components.store.views import Mark, TimelineData
from components.ui import data
from components.ui.chart_choices import Choice, timeline_choices
from components.ui.event_source import EventSource
from components.ui.i18n import country_name
from components.ui.map_figure import MapView, map_view
from components.ui.relations_figure import RelationsView, relations_view
from components.ui.timeline_figure import MAX_MARKS, TimelineView, focus_window, hover_text, mark_title, timeline_view


@st.cache_resource(show_spinner=False, max_entries=8)
def hover_texts(source: EventSource, version: str, lang: str) -> dict[str, str]:
    """The hover text of each mark drawn so far for this data version and language (filled as marks
    are drawn; shared by every session)."""
    return {}


def mark_hover(source: EventSource, version: str, lang: str) -> Callable[[Mark], str]:
    texts = hover_texts(source, version, lang)

    def describe(mark: Mark) -> str:
        text = texts.get(mark.id)
        if text is None:
            text = texts[mark.id] = hover_text(mark, lang, mark_title(mark, lang))
        return text

    return describe


def within(filters: Filters, window: tuple[date, date] | None) -> Filters:
    """``filters`` narrowed to the days of ``window`` (the timeline's visible range)."""
    if window is None:
        return filters
    first, last = filters.day("date_from"), filters.day("date_to")
    return filters.replace(
        date_from=max(first, window[0]) if first else window[0],
        date_to=min(last, window[1]) if last else window[1],
    )


def timeline_content(
    source: EventSource, version: str, filters: Filters, lanes: str, window: tuple[date, date] | None
) -> TimelineData:
    """What the timeline draws: every matching mark when they are few, else the window's (which
    may be few enough to draw one by one), else counts."""
    whole = data.timeline_data(source, version, filters, lanes, MAX_MARKS)
    if window is None or not whole.buckets:
        return whole
    return data.timeline_data(source, version, within(filters, window), lanes, MAX_MARKS)


@st.cache_data(show_spinner=False, max_entries=64)
def timeline_chart(
    source: EventSource,
    version: str,
    filters: Filters,
    lanes: str,
    lang: str,
    window: tuple[date, date] | None,
) -> TimelineView:
    content = timeline_content(source, version, filters, lanes, window)
    hover = mark_hover(source, version, lang)
    return timeline_view(content, lang=lang, hover=hover, window=window)


@st.cache_data(show_spinner=False, max_entries=64)
def timeline_list(
    source: EventSource, version: str, filters: Filters, lang: str, window: tuple[date, date] | None
) -> tuple[Choice, ...]:
    """The timeline's marks in its visible range as a list (each event once, whatever the lanes)."""
    return timeline_choices(timeline_content(source, version, filters, "type", window), window, lang)


@st.cache_data(show_spinner=False, max_entries=64)
def map_chart(source: EventSource, version: str, filters: Filters, lang: str) -> MapView:
    """The map of the filtered events' places (the open event's places are ringed over it by the page)."""
    view = map_view(data.places(source, version, filters), lang=lang)
    return dataclasses.replace(view, figure=as_kept(view.figure))


def as_kept(figure: go.Figure) -> go.Figure:
    """The figure as the cache gives it back (a copy: its layout's fields in another order), also on the run
    that builds it. The same chart then reaches the browser as the same element, which keeps it as drawn
    instead of drawing it anew when a part of the page runs again (opening an event)."""
    return go.Figure(figure.to_dict())


def party_label(by: str, lang: str, arabic_names: dict[str, str]) -> Callable[[str], str]:
    """How the relations view names a party: a country by its name, an actor by its name in ``lang``."""
    if by == "countries":
        return lambda code: country_name(code, lang)
    return lambda name: (arabic_names.get(name) or name) if lang == "ar" else name


@st.cache_data(show_spinner=False, max_entries=32)
def relations_chart(source: EventSource, version: str, filters: Filters, by: str, lang: str) -> RelationsView:
    names = data.arabic_names(source, version, "actors") if by == "actors" else {}
    view = relations_view(data.pairs(source, version, filters, by), lang=lang, label=party_label(by, lang, names))
    return dataclasses.replace(view, figure=as_kept(view.figure))


@dataclass(frozen=True)
class Window:
    """The timeline's visible days: the zoom from the link, else the years without the outliers
    (``focused``, with how many events lie ``before`` and ``after``), else everything (``shown``
    is ``None``); ``whole`` spans every matching dated event."""

    shown: tuple[date, date] | None
    focused: bool
    before: int
    after: int
    whole: tuple[date, date] | None


def timeline_window(source: EventSource, version: str, filters: Filters, zoom: tuple[date, date] | None) -> Window:
    every = data.timeline_data(source, version, filters, "type", MAX_MARKS)  # each event counted once
    whole = (every.first_day, every.last_day) if every.first_day and every.last_day else None
    if zoom is not None:
        return Window(zoom, False, 0, 0, whole)
    focus = focus_window(every.marks, every.buckets)
    if focus is None:
        return Window(None, False, 0, 0, whole)
    if every.marks:
        before = sum(1 for mark in every.marks if mark.date_end < focus[0])
        after = sum(1 for mark in every.marks if mark.date_start > focus[1])
    else:
        before = sum(bucket.count for bucket in every.buckets if bucket.end < focus[0])
        after = sum(bucket.count for bucket in every.buckets if bucket.start > focus[1])
    return Window(focus, True, before, after, whole)
