"""Correction forms for the event details panel: correct or hide an event, undo a past
correction, add an event the extractor missed. Only plain Streamlit widgets are used; names
and reasons typed by analysts are shown escaped."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from functools import partial
from typing import TypeVar, cast

import streamlit as st

from components.extract.countries import iso_codes
from components.extract.events import actor_dict, place_dict
from components.extract.gazetteer import known_actors, known_places
from components.extract.models import EVENT_TYPES
from components.extract.records import ActorRecord, PlaceRecord
from components.store.corrections import PRECISIONS, CorrectionError
from components.store.event_store import Store
from components.store.facets import MAX_DAY, MIN_DAY
from components.store.records import CorrectionView, StoredEvent
from components.ui.i18n import country_name, escape_markdown, t, type_label

Entity = TypeVar("Entity", ActorRecord, PlaceRecord)


def _country(code: str, lang: str) -> str:
    return f"{country_name(code, lang)} ({code})"


def _type(kind: str, lang: str) -> str:
    return type_label(kind, lang)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def entity_label(item: ActorRecord | PlaceRecord) -> str:
    """How an actor or a place is named in a picker: English name, Arabic name, country."""
    return f"{item.get('name_en')} · {item.get('name_ar')} ({item.get('country') or '—'})"


def entity_options(current: Sequence[Entity], known: Sequence[Entity]) -> dict[str, Entity]:
    """Picker options: the event's own entities first, then every one the gazetteer knows."""
    options: dict[str, Entity] = {}
    for items in (current, known):
        for item in items:
            options.setdefault(entity_label(item), item)
    return options


def gazetteer_actors() -> list[ActorRecord]:
    # actor_dict builds an ActorRecord's keys; it is annotated as returning a plain dict.
    return [cast(ActorRecord, actor_dict(actor)) for actor in known_actors()]


def gazetteer_places() -> list[PlaceRecord]:
    # place_dict builds a PlaceRecord's keys; it is annotated as returning a plain dict.
    return [cast(PlaceRecord, place_dict(place)) for place in known_places()]


def _entity_picker(label: str, key: str, current: Sequence[Entity], known: Sequence[Entity]) -> list[Entity]:
    options = entity_options(current, known)
    chosen = st.multiselect(label, list(options), default=[entity_label(item) for item in current], key=key)
    return [options[name] for name in chosen]


def _entity_pickers(
    key: str, lang: str, countries: Sequence[str], actors: Sequence[ActorRecord], places: Sequence[PlaceRecord]
) -> tuple[list[str], list[ActorRecord], list[PlaceRecord]]:
    """Country, actor and place pickers, preset to the event's own; returns what is picked."""
    codes = sorted(iso_codes() | set(countries), key=lambda code: _country(code, lang))
    picked_countries = st.multiselect(
        t("fix_countries", lang),
        codes,
        default=list(countries),
        format_func=lambda code: _country(code, lang),
        key=f"{key}_countries",
    )
    picked_actors = _entity_picker(t("fix_actors", lang), f"{key}_actors", actors, gazetteer_actors())
    picked_places = _entity_picker(t("fix_places", lang), f"{key}_places", places, gazetteer_places())
    return sorted(picked_countries), picked_actors, picked_places


def _dates(key: str, lang: str, start: date | None, end: date | None) -> tuple[date | None, date | None]:
    return (
        st.date_input(t("fix_start", lang), value=start, key=f"{key}_start", min_value=MIN_DAY, max_value=MAX_DAY),
        st.date_input(t("fix_end", lang), value=end, key=f"{key}_end", min_value=MIN_DAY, max_value=MAX_DAY),
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _changes(event: StoredEvent, new: Mapping[str, object]) -> dict[str, object]:
    current: Mapping[str, object] = event
    return {name: value for name, value in new.items() if value != current.get(name)}


def _submit(action: Callable[[], object], lang: str, done_key: str) -> None:
    try:
        action()
    except CorrectionError as error:
        st.error(escape_markdown(error))
    else:
        st.session_state[done_key] = t("fix_saved" if done_key.endswith("saved") else "fix_added", lang)
        st.rerun()


def _history(store: Store, corrections: Sequence[CorrectionView], key: str, lang: str) -> None:
    """Corrections with who/when/why and an undo button for each one still in force."""
    if not corrections:
        return
    st.markdown(f"**{t('fix_history', lang)}**")
    author = st.text_input(t("fix_author", lang), key=f"undo_author_{key}")
    for correction in corrections:
        fields = ", ".join(f"{name}={value}" for name, value in (correction.get("fields") or {}).items())
        active = correction.get("active", True)
        state = "" if active or correction["action"] == "undo" else f" ({t('fix_undone', lang)})"
        columns = st.columns([4, 1])
        columns[0].text(
            f"#{correction['id']} {correction['action']}{state} — {correction['author']}, "
            f"{correction['created_at']}: {correction['reason']}" + (f" [{fields}]" if fields else "")
        )
        if active and correction["action"] != "undo":
            if columns[1].button(t("fix_undo", lang), key=f"undo_{key}_{correction['id']}"):
                undo = partial(store.undo_correction, correction["id"], author=author, reason="undo")
                _submit(undo, lang, "correction_saved")


def render_corrections_log(store: Store, lang: str, limit: int = 50) -> None:
    """Every correction, newest first, with undo: the way back to an event that was hidden."""
    show_done("correction_saved")
    everything = store.list_corrections()
    undone = {correction["target"] for correction in everything if correction["action"] == "undo"}
    # The store lists corrections as plain dicts with a CorrectionView's keys, less "active".
    latest = [
        cast(CorrectionView, {**correction, "active": correction["id"] not in undone})
        for correction in reversed(everything)
    ]
    if not latest:
        st.caption(t("fix_log_empty", lang))
    _history(store, latest[:limit], "log", lang)


def show_done(key: str) -> None:
    """The message a save left for the run after it: in place, and as a toast."""
    done = st.session_state.pop(key, None)
    if done:
        st.success(done)
        st.toast(done)


def _corrected_fields(key: str, lang: str, event: StoredEvent) -> dict[str, object]:
    """The correction form's fields, preset to ``event``'s values: what the analyst leaves them at."""
    kind = event.get("type")
    kind = st.selectbox(
        t("fix_type", lang),
        EVENT_TYPES,
        index=EVENT_TYPES.index(kind) if kind in EVENT_TYPES else len(EVENT_TYPES) - 1,
        format_func=lambda k: _type(k, lang),
        key=f"{key}_type",
    )
    start, end = _dates(key, lang, _day(event.get("date_start")), _day(event.get("date_end")))
    current = PRECISIONS.index(event["precision"]) if event.get("precision") in PRECISIONS else 0
    precision = st.selectbox(t("fix_precision", lang), PRECISIONS, index=current, key=f"{key}_precision")
    countries, actors, places = _entity_pickers(
        key, lang, event.get("countries") or [], event.get("actors") or [], event.get("places") or []
    )
    hidden = st.checkbox(t("fix_hide", lang), value=bool(event.get("hidden")), key=f"{key}_hidden")
    return {
        "type": kind,
        "date_start": _iso(start),
        "date_end": _iso(end),
        "precision": precision,
        "countries": countries,
        "hidden": hidden,
        "actors": actors,
        "places": places,
    }


def render_correction_form(store: Store, event: StoredEvent, lang: str) -> None:
    """Correct type, dates, precision, countries or hide ``event`` (from ``list_events``), with
    a reason and a name; then the past corrections with their undo buttons."""
    show_done("correction_saved")
    key = f"correct_{event['id']}"
    with st.expander(t("fix_correct", lang)), st.form(key):
        new = _corrected_fields(key, lang, event)
        reason = st.text_input(t("fix_reason", lang), key=f"{key}_reason")
        author = st.text_input(t("fix_author", lang), key=f"{key}_author")
        if st.form_submit_button(t("fix_submit", lang)):
            changes = _changes(event, new)
            if not changes:
                st.info(t("fix_unchanged", lang))
            else:
                # the store takes the event as a plain dict
                _submit(
                    lambda: store.correct_event(dict(event), changes, reason=reason, author=author),
                    lang,
                    "correction_saved",
                )
    _history(store, event.get("corrections") or [], str(event["id"]), lang)


def render_add_event_form(store: Store, lang: str, article_id: str | None = None) -> None:
    """An event the extractor missed: date span, precision, type, countries, sentence, reason, name."""
    show_done("correction_added")
    key = f"add_event_{article_id or 'none'}"
    with st.expander(t("fix_add", lang)), st.form(key):
        kind = st.selectbox(t("fix_type", lang), EVENT_TYPES, format_func=lambda k: _type(k, lang), key=f"{key}_type")
        start, end = _dates(key, lang, None, None)
        precision = st.selectbox(t("fix_precision", lang), PRECISIONS, key=f"{key}_precision")
        countries, actors, places = _entity_pickers(key, lang, (), (), ())
        sentence = st.text_area(t("fix_sentence", lang), key=f"{key}_sentence")
        reason = st.text_input(t("fix_reason", lang), key=f"{key}_reason")
        author = st.text_input(t("fix_author", lang), key=f"{key}_author")
        if st.form_submit_button(t("fix_add_submit", lang)):
            fields = {
                "type": kind,
                "date_start": _iso(start),
                "date_end": _iso(end),
                "precision": precision,
                "countries": countries,
                "actors": actors,
                "places": places,
                "sentence": sentence.strip(),
                "article_id": article_id,
            }
            _submit(
                lambda: store.add_event(
                    {k: v for k, v in fields.items() if v not in (None, "")}, reason=reason, author=author
                ),
                lang,
                "correction_added",
            )
