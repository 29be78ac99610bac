"""The sidebar: language, one widget per row of the facet table (chosen by its kind), date
presets and the timeline's lanes.

Every widget is keyed by language and shows the session's view (``controls.state()``); its
``on_change`` callback writes the new value back into the view. A mode row (any of / all of) is
drawn right under the list it governs; the search box comes first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from functools import partial

import streamlit as st

from components.store.facets import ALL_OF, MAX_DAY, MIN_DAY, Facet, Kind
from components.ui import controls
from components.ui.i18n import t, value_label
from components.ui.url_state import LANES, LANGUAGES, ViewState

LANGUAGE_NAMES = {"en": "English", "ar": "العربية"}
PRESETS = ("last_30_days", "this_year", "since_2020", "all_dates")
_DAYS = (Kind.DATE_FROM, Kind.DATE_TO)

CountsFor = Callable[[str], Mapping[str, int]]
ValuesFor = Callable[[str], Sequence[str]]
NamesFor = Callable[[str], Mapping[str, str]]


def preset_range(preset: str, today: date) -> tuple[date | None, date | None]:
    """The days a preset stands for: the last 30 days, this calendar year, 2020 to today, all dates."""
    if preset == "last_30_days":
        return today - timedelta(days=29), today
    if preset == "this_year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if preset == "since_2020":
        return date(2020, 1, 1), today
    return None, None


def apply_preset(preset: str) -> None:
    first, last = preset_range(preset, date.today())
    controls.set_filters(date_from=first, date_to=last)
    controls.update(zoom=None)


def widget_rows(facets: Sequence[Facet]) -> list[list[Facet]]:
    """The facets as rows of the sidebar: the search box first, then the table's order, with
    neighbouring date bounds on one row and each mode right after the list it governs."""
    modes = {facet.target: facet for facet in facets if facet.kind is Kind.MODE}
    rows: list[list[Facet]] = []
    for facet in sorted(facets, key=lambda facet: facet.kind is not Kind.TEXT):
        if facet.kind is Kind.MODE:
            continue
        if facet.kind in _DAYS and rows and rows[-1][-1].kind in _DAYS:
            rows[-1].append(facet)
        else:
            rows.append([facet])
        if facet.name in modes:
            rows.append([modes[facet.name]])
    return rows


def _seed(facet: Facet, view: ViewState, lang: str) -> str:
    """Put the view's value into the widget's key before the widget is drawn; return the key."""
    key = controls.widget_key(facet, lang)
    st.session_state[key] = controls.widget_value(facet, view.filters.get(facet.name))
    return key


def _list_widget(facet: Facet, view: ViewState, lang: str, data: tuple[CountsFor, ValuesFor, NamesFor]) -> None:
    counts_for, values_for, names_for = data
    key = _seed(facet, view, lang)
    counts = counts_for(facet.name)
    names = names_for(facet.name) if facet.kind is Kind.NAMES else {}
    chosen = list(st.session_state[key])
    options = sorted(set(values_for(facet.name)) | set(chosen), key=lambda v: value_label(facet.name, v, lang, names))
    st.multiselect(
        t(facet.label, lang),
        options,
        key=key,
        placeholder=t("choose", lang),
        format_func=lambda value: f"{value_label(facet.name, value, lang, names)} ({counts.get(value, 0)})",
        on_change=controls.on_filter_widget,
        args=(facet, key),
    )


def _mode_widget(facet: Facet, view: ViewState, lang: str) -> None:
    key = _seed(facet, view, lang)
    st.radio(
        t(facet.label, lang),
        ("any", ALL_OF),
        key=key,
        horizontal=True,
        format_func=lambda value: t(f"mode_{value}", lang),
        on_change=controls.on_filter_widget,
        args=(facet, key),
        label_visibility="collapsed",
    )


def _single_widget(facet: Facet, view: ViewState, lang: str, counts_for: CountsFor) -> None:
    key = _seed(facet, view, lang)
    label, on_change, args = t(facet.label, lang), controls.on_filter_widget, (facet, key)
    if facet.kind is Kind.TEXT:
        placeholder = t("search_placeholder", lang)
        st.text_input(label, key=key, placeholder=placeholder, on_change=on_change, args=args)
    elif facet.kind is Kind.FLAG:
        count = counts_for(facet.name).get("1", 0)
        st.toggle(f"{label} ({count})", key=key, on_change=on_change, args=args)
    elif facet.kind is Kind.MINIMUM:
        st.slider(label, 0.0, 1.0, step=0.05, format="%.2f", key=key, on_change=on_change, args=args)
    else:
        st.date_input(
            label, min_value=MIN_DAY, max_value=MAX_DAY, format="YYYY-MM-DD", key=key, on_change=on_change, args=args
        )


def _presets(lang: str) -> None:
    columns = st.columns(2)
    for number, preset in enumerate(PRESETS):
        columns[number % 2].button(
            t(f"preset_{preset}", lang), key=f"preset_{preset}_{lang}", on_click=apply_preset, args=(preset,)
        )


def _facet_row(row: list[Facet], view: ViewState, lang: str, data: tuple[CountsFor, ValuesFor, NamesFor]) -> None:
    if len(row) > 1:
        for column, facet in zip(st.columns(len(row)), row, strict=True):
            with column:
                _single_widget(facet, view, lang, data[0])
        _presets(lang)
    elif row[0].repeatable:
        _list_widget(row[0], view, lang, data)
    elif row[0].kind is Kind.MODE:
        _mode_widget(row[0], view, lang)
    else:
        _single_widget(row[0], view, lang, data[0])


def _on_language(key: str) -> None:
    controls.update(lang=st.session_state.get(key) or LANGUAGES[0])


def _on_lanes(key: str) -> None:
    controls.update(lanes=st.session_state.get(key) or LANES[0])


def render_sidebar(facets: Sequence[Facet], counts_for: CountsFor, values_for: ValuesFor, names_for: NamesFor) -> None:
    """The sidebar of the session's view: language, a widget per facet, presets, lanes, reset."""
    view = controls.state()
    lang = view.lang
    with st.sidebar:
        st.session_state[f"f_lang_{lang}"] = lang
        st.radio(
            t("language", lang),
            LANGUAGES,
            key=f"f_lang_{lang}",
            horizontal=True,
            format_func=LANGUAGE_NAMES.__getitem__,
            on_change=_on_language,
            args=(f"f_lang_{lang}",),
        )
        st.subheader(t("filters", lang))
        for row in widget_rows(facets):
            _facet_row(row, view, lang, (counts_for, values_for, names_for))
        st.session_state[f"f_lanes_{lang}"] = view.lanes
        st.radio(
            t("lanes", lang),
            LANES,
            key=f"f_lanes_{lang}",
            horizontal=True,
            format_func=lambda value: t(f"lanes_{value}", lang),
            on_change=partial(_on_lanes, f"f_lanes_{lang}"),
        )
        st.button(t("reset", lang), key=f"reset_{lang}", on_click=controls.clear_filters)
