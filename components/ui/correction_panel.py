"""Correction forms for the event details panel: correct or hide an event, undo a past
correction, add an event the extractor missed. Only plain Streamlit widgets are used; names
and reasons typed by analysts are shown as text.

The editor's name is asked once per session and remembered (undo does not ask again); every
message says what happened, in the interface language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TypeVar, cast

import streamlit as st

from components.extract.countries import iso_codes
from components.extract.events import actor_dict, place_dict
from components.extract.gazetteer import known_actors, known_places
from components.extract.models import EVENT_TYPES
from components.extract.records import ActorRecord, PlaceRecord
from components.store.corrections import PRECISIONS, CorrectionError
from components.store.event_store import Store, StoreError
from components.store.records import CorrectionView, StoredEvent
from components.ui.correction_words import change_words, correction_line
from components.ui.i18n import country_name, t, type_label

Entity = TypeVar("Entity", ActorRecord, PlaceRecord)
EDITOR_KEY = "_editor_name"
DONE_KEY = "_correction_done"
OPEN_KEY = "_correcting"
# The correction form offers any day from the Middle Ages to the next centuries: stored events
# (background history, announced plans) lie outside the filters' 1990–2040.
FORM_MIN_DAY, FORM_MAX_DAY = date(1000, 1, 1), date(2200, 12, 31)


def _country(code: str, lang: str) -> str:
    return f"{country_name(code, lang)} ({code})"


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def entity_label(item: ActorRecord | PlaceRecord, lang: str = "en") -> str:
    """How an actor or a place is named in a picker: its name in the interface language, the other
    form, its country."""
    first, second = (
        (item.get("name_ar"), item.get("name_en")) if lang == "ar" else (item.get("name_en"), item.get("name_ar"))
    )
    return f"{first} · {second} ({item.get('country') or '—'})"


def entity_options(current: Sequence[Entity], known: Sequence[Entity], lang: str = "en") -> dict[str, Entity]:
    """Picker options: the event's own entities first, then every one the gazetteer knows."""
    options: dict[str, Entity] = {}
    for items in (current, known):
        for item in items:
            options.setdefault(entity_label(item, lang), item)
    return options


def gazetteer_actors() -> list[ActorRecord]:
    # actor_dict builds an ActorRecord's keys; it is annotated as returning a plain dict.
    return [cast(ActorRecord, actor_dict(actor)) for actor in known_actors()]


def gazetteer_places() -> list[PlaceRecord]:
    # place_dict builds a PlaceRecord's keys; it is annotated as returning a plain dict.
    return [cast(PlaceRecord, place_dict(place)) for place in known_places()]


def _entity_picker(label: str, key: str, current: Sequence[Entity], known: Sequence[Entity], lang: str) -> list[Entity]:
    options = entity_options(current, known, lang)
    default = [entity_label(item, lang) for item in current]
    chosen = st.multiselect(label, list(options), default=default, key=key, placeholder=t("choose", lang))
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
        placeholder=t("choose", lang),
    )
    picked_actors = _entity_picker(t("fix_actors", lang), f"{key}_actors", actors, gazetteer_actors(), lang)
    picked_places = _entity_picker(t("fix_places", lang), f"{key}_places", places, gazetteer_places(), lang)
    return sorted(picked_countries), picked_actors, picked_places


def _bounds(*days: date | None) -> tuple[date, date]:
    known = [day for day in days if day]
    return min([FORM_MIN_DAY, *known]), max([FORM_MAX_DAY, *known])


def _dates(key: str, lang: str, start: date | None, end: date | None) -> tuple[date | None, date | None]:
    low, high = _bounds(start, end)
    return (
        st.date_input(t("fix_start", lang), value=start, key=f"{key}_start", min_value=low, max_value=high),
        st.date_input(t("fix_end", lang), value=end, key=f"{key}_end", min_value=low, max_value=high),
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def changed_fields(event: StoredEvent, new: Mapping[str, object]) -> dict[str, object]:
    current: Mapping[str, object] = event
    return {name: value for name, value in new.items() if value != current.get(name)}


def note_problem(reason: str, author: str, fields: Mapping[str, object], lang: str) -> str | None:
    """What keeps a correction from being saved, in the interface language (``None``: nothing)."""
    if not reason.strip():
        return t("fix_need_reason", lang)
    if not author.strip():
        return t("fix_need_author", lang)
    start, end = fields.get("date_start"), fields.get("date_end")
    if isinstance(start, str) and isinstance(end, str) and end < start:
        return t("fix_end_before_start", lang)
    return None


def submit(action: Callable[[], int], lang: str, message: Callable[[int], str], author: str) -> bool:
    """Run a store write; remember the editor and the message for the next run, or show why it failed."""
    try:
        number = action()
    except CorrectionError as error:
        st.error(t("fix_refused", lang, reason=str(error)))
    except StoreError as error:
        st.error(t("store_write_failed", lang, reason=str(error)))
    else:
        st.session_state[EDITOR_KEY] = author.strip()
        st.session_state[DONE_KEY] = message(number)
        return True
    return False


def show_done() -> None:
    """The message a save left for the run after it: in place, and as a toast."""
    done = st.session_state.pop(DONE_KEY, None)
    if done:
        st.success(done)
        st.toast(done)


def _author_field(key: str, lang: str) -> str:
    if not st.session_state.get(key):
        st.session_state[key] = st.session_state.get(EDITOR_KEY, "")
    return str(st.text_input(t("fix_author", lang), key=key))


def _undo(store: Store, correction: CorrectionView, lang: str, key: str) -> None:
    author = str(st.session_state.get(EDITOR_KEY) or st.session_state.get(f"undo_author_{key}") or "")
    if not author.strip():
        st.error(t("fix_need_author", lang))
        return
    undone = correction["id"]
    if submit(
        lambda: store.undo_correction(undone, author=author, reason=t("undo_reason", lang)),
        lang,
        lambda number: t("fix_undone_message", lang, id=undone, number=number),
        author,
    ):
        st.rerun()


def history(store: Store, corrections: Sequence[CorrectionView], key: str, lang: str) -> None:
    """Corrections in words (who, when, why, old → new) with an undo button for each one in force."""
    if not corrections:
        return
    st.markdown(f"**{t('fix_history', lang)}**")
    if not st.session_state.get(EDITOR_KEY):
        st.text_input(t("fix_author", lang), key=f"undo_author_{key}")
    for correction in corrections:
        columns = st.columns([5, 1])
        columns[0].text(correction_line(correction, lang))
        active = correction.get("active", True) and correction["action"] != "undo"
        if active and columns[1].button(t("fix_undo", lang), key=f"undo_{key}_{correction['id']}"):
            _undo(store, correction, lang, key)


def render_corrections_log(store: Store, lang: str, limit: int = 50) -> None:
    """Every correction, newest first, with undo: the way back to an event that was hidden."""
    show_done()
    everything = store.list_corrections()
    undone = {correction["target"] for correction in everything if correction["action"] == "undo"}
    # The store lists corrections as plain dicts with a CorrectionView's keys, less "active".
    latest = [
        cast(CorrectionView, {**correction, "active": correction["id"] not in undone})
        for correction in reversed(everything)
    ]
    if not latest:
        st.caption(t("fix_log_empty", lang))
    history(store, latest[:limit], "log", lang)


def _corrected_fields(key: str, lang: str, event: StoredEvent) -> dict[str, object]:
    """The correction form's fields, preset to ``event``'s values: what the analyst leaves them at."""
    kind = event.get("type")
    kind = st.selectbox(
        t("fix_type", lang),
        EVENT_TYPES,
        index=EVENT_TYPES.index(kind) if kind in EVENT_TYPES else len(EVENT_TYPES) - 1,
        format_func=lambda k: type_label(k, lang),
        key=f"{key}_type",
    )
    start, end = _dates(key, lang, _day(event.get("date_start")), _day(event.get("date_end")))
    current = PRECISIONS.index(event["precision"]) if event.get("precision") in PRECISIONS else 0
    precision = st.selectbox(
        t("fix_precision", lang), PRECISIONS, index=current, key=f"{key}_precision", format_func=_precision(lang)
    )
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


def _precision(lang: str) -> Callable[[str], str]:
    return lambda precision: t(f"precision_{precision}", lang) if precision in ("day", "month", "year") else precision


def _save_correction(
    store: Store, event: StoredEvent, new: dict[str, object], note: tuple[str, str], lang: str
) -> None:
    reason, author = note
    changes = changed_fields(event, new)
    problem = note_problem(reason, author, {**event, **changes}, lang)
    if not changes:
        st.info(t("fix_unchanged", lang))
    elif problem:
        st.error(problem)
    elif submit(
        lambda: store.correct_event(dict(event), changes, reason=reason, author=author),  # the store takes a dict
        lang,
        lambda number: t("fix_saved", lang, id=number, changes=change_words(changes, dict(event), lang)),
        author,
    ):
        st.rerun()


def render_correction_form(store: Store, event: StoredEvent, lang: str) -> None:
    """Correct type, dates, precision, countries, actors, places or hide ``event``, with a reason
    and a name; then the past corrections with their undo buttons. The form (and the gazetteer its
    pickers offer) loads only when asked for."""
    show_done()
    key = f"correct_{event['id']}"
    if st.toggle(t("fix_correct", lang), key=f"{OPEN_KEY}_{event['id']}_{lang}"):
        with st.form(key):
            new = _corrected_fields(key, lang, event)
            reason = st.text_input(t("fix_reason", lang), key=f"{key}_reason")
            author = _author_field(f"{key}_author", lang)
            if st.form_submit_button(t("fix_submit", lang)):
                _save_correction(store, event, new, (reason, author), lang)
    history(store, event.get("corrections") or [], str(event["id"]), lang)


def _added_fields(key: str, lang: str, article_id: str | None) -> dict[str, object]:
    kind = st.selectbox(t("fix_type", lang), EVENT_TYPES, format_func=lambda k: type_label(k, lang), key=f"{key}_type")
    start, end = _dates(key, lang, None, None)
    precision = st.selectbox(t("fix_precision", lang), PRECISIONS, key=f"{key}_precision", format_func=_precision(lang))
    countries, actors, places = _entity_pickers(key, lang, (), (), ())
    sentence = st.text_area(t("fix_sentence", lang), key=f"{key}_sentence")
    fields = {
        "type": kind,
        "date_start": _iso(start),
        "date_end": _iso(end or start),
        "precision": precision,
        "countries": countries,
        "actors": actors,
        "places": places,
        "sentence": sentence.strip(),
        "article_id": article_id,
    }
    return {name: value for name, value in fields.items() if value not in (None, "")}


def render_add_event_form(store: Store, lang: str, article_id: str | None = None) -> None:
    """An event the extractor missed: date span, precision, type, countries, sentence, reason, name."""
    key = f"add_event_{article_id or 'none'}"
    if not st.toggle(t("fix_add", lang), key=f"{key}_open_{lang}"):
        return
    with st.form(key):
        fields = _added_fields(key, lang, article_id)
        reason = st.text_input(t("fix_reason", lang), key=f"{key}_reason")
        author = _author_field(f"{key}_author", lang)
        if st.form_submit_button(t("fix_add_submit", lang)):
            problem = note_problem(reason, author, fields, lang) or (
                None if fields.get("date_start") else t("fix_need_date", lang)
            )
            if problem:
                st.error(problem)
            elif submit(
                lambda: store.add_event(fields, reason=reason, author=author),
                lang,
                lambda number: t("fix_added", lang, id=number),
                author,
            ):
                st.rerun()
