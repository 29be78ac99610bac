"""Correction forms for the event details panel: correct or hide an event, undo a past
correction, add an event the extractor missed. Only plain Streamlit widgets are used; names
and reasons typed by analysts are shown escaped."""

from __future__ import annotations

from datetime import date

import streamlit as st

from components.extract.countries import iso_codes
from components.extract.events import actor_dict, place_dict
from components.extract.gazetteer import known_actors, known_places
from components.extract.models import EVENT_TYPES
from components.store.corrections import PRECISIONS, CorrectionError
from components.store.event_store import Store
from components.ui.i18n import escape_markdown, t, type_label
from components.ui.url_state import MAX_DAY, MIN_DAY


def _country(code: str, lang: str) -> str:
    from components.ui.i18n import country_name

    return f"{country_name(code, lang)} ({code})"


def _type(kind: str, lang: str) -> str:
    return type_label(kind, lang)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def entity_label(item: dict) -> str:
    """How an actor or a place is named in a picker: English name, Arabic name, country."""
    return f"{item.get('name_en')} · {item.get('name_ar')} ({item.get('country') or '—'})"


def entity_options(current: list[dict], known: list[dict]) -> dict[str, dict]:
    """Picker options: the event's own entities first, then every one the gazetteer knows."""
    options: dict[str, dict] = {}
    for item in [*current, *known]:
        options.setdefault(entity_label(item), item)
    return options


def _entity_pickers(key: str, lang: str, event: dict) -> tuple[list[str], list[dict], list[dict]]:
    """Country, actor and place pickers, preset to the event's own; returns what is picked."""
    codes = sorted(iso_codes() | set(event.get("countries") or ()), key=lambda code: _country(code, lang))
    countries = st.multiselect(
        t("fix_countries", lang),
        codes,
        default=event.get("countries") or [],
        format_func=lambda code: _country(code, lang),
        key=f"{key}_countries",
    )
    picked: list[list[dict]] = []
    for field, known in (
        ("actors", [actor_dict(a) for a in known_actors()]),
        ("places", [place_dict(p) for p in known_places()]),
    ):
        options = entity_options(event.get(field) or [], known)
        chosen = st.multiselect(
            t(f"fix_{field}", lang),
            list(options),
            default=[entity_label(item) for item in event.get(field) or []],
            key=f"{key}_{field}",
        )
        picked.append([options[label] for label in chosen])
    return sorted(countries), picked[0], picked[1]


def _changes(event: dict, new: dict) -> dict:
    return {name: value for name, value in new.items() if value != event.get(name)}


def _submit(action, lang: str, done_key: str) -> None:
    try:
        action()
    except CorrectionError as error:
        st.error(escape_markdown(error))
    else:
        st.session_state[done_key] = t("fix_saved" if done_key.endswith("saved") else "fix_added", lang)
        st.rerun()


def _history(store: Store, corrections: list[dict], key: str, lang: str) -> None:
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
                _submit(
                    lambda target=correction["id"]: store.undo_correction(target, author=author, reason="undo"),
                    lang,
                    "correction_saved",
                )


def render_corrections_log(store: Store, lang: str, limit: int = 50) -> None:
    """Every correction, newest first, with undo: the way back to an event that was hidden."""
    show_done("correction_saved")
    everything = store.list_corrections()
    undone = {correction["target"] for correction in everything if correction["action"] == "undo"}
    latest = [dict(correction, active=correction["id"] not in undone) for correction in reversed(everything)]
    if not latest:
        st.caption(t("fix_log_empty", lang))
    _history(store, latest[:limit], "log", lang)


def show_done(key: str) -> None:
    """The message a save left for the run after it: in place, and as a toast."""
    done = st.session_state.pop(key, None)
    if done:
        st.success(done)
        st.toast(done)


def render_correction_form(store: Store, event: dict, lang: str) -> None:
    """Correct type, dates, precision, countries or hide ``event`` (from ``list_events``), with
    a reason and a name; then the past corrections with their undo buttons."""
    show_done("correction_saved")
    key = f"correct_{event['id']}"
    with st.expander(t("fix_correct", lang)), st.form(key):
        kind = st.selectbox(
            t("fix_type", lang),
            EVENT_TYPES,
            index=EVENT_TYPES.index(event.get("type", "other"))
            if event.get("type") in EVENT_TYPES
            else len(EVENT_TYPES) - 1,
            format_func=lambda k: _type(k, lang),
            key=f"{key}_type",
        )
        start = st.date_input(
            t("fix_start", lang),
            value=_day(event.get("date_start")),
            key=f"{key}_start",
            min_value=MIN_DAY,
            max_value=MAX_DAY,
        )
        end = st.date_input(
            t("fix_end", lang),
            value=_day(event.get("date_end")),
            key=f"{key}_end",
            min_value=MIN_DAY,
            max_value=MAX_DAY,
        )
        current = PRECISIONS.index(event["precision"]) if event.get("precision") in PRECISIONS else 0
        precision = st.selectbox(t("fix_precision", lang), PRECISIONS, index=current, key=f"{key}_precision")
        countries, actors, places = _entity_pickers(key, lang, event)
        hidden = st.checkbox(t("fix_hide", lang), value=bool(event.get("hidden")), key=f"{key}_hidden")
        reason = st.text_input(t("fix_reason", lang), key=f"{key}_reason")
        author = st.text_input(t("fix_author", lang), key=f"{key}_author")
        if st.form_submit_button(t("fix_submit", lang)):
            new = {
                "type": kind,
                "date_start": start.isoformat() if start else None,
                "date_end": end.isoformat() if end else None,
                "precision": precision,
                "countries": countries,
                "hidden": hidden,
                "actors": actors,
                "places": places,
            }
            changes = _changes(event, new)
            if not changes:
                st.info(t("fix_unchanged", lang))
            else:
                _submit(
                    lambda: store.correct_event(event, changes, reason=reason, author=author), lang, "correction_saved"
                )
    _history(store, event.get("corrections") or [], str(event["id"]), lang)


def render_add_event_form(store: Store, lang: str, article_id: str | None = None) -> None:
    """An event the extractor missed: date span, precision, type, countries, sentence, reason, name."""
    show_done("correction_added")
    key = f"add_event_{article_id or 'none'}"
    with st.expander(t("fix_add", lang)), st.form(key):
        kind = st.selectbox(t("fix_type", lang), EVENT_TYPES, format_func=lambda k: _type(k, lang), key=f"{key}_type")
        start = st.date_input(
            t("fix_start", lang), value=None, key=f"{key}_start", min_value=MIN_DAY, max_value=MAX_DAY
        )
        end = st.date_input(t("fix_end", lang), value=None, key=f"{key}_end", min_value=MIN_DAY, max_value=MAX_DAY)
        precision = st.selectbox(t("fix_precision", lang), PRECISIONS, key=f"{key}_precision")
        countries, actors, places = _entity_pickers(key, lang, {})
        sentence = st.text_area(t("fix_sentence", lang), key=f"{key}_sentence")
        reason = st.text_input(t("fix_reason", lang), key=f"{key}_reason")
        author = st.text_input(t("fix_author", lang), key=f"{key}_author")
        if st.form_submit_button(t("fix_add_submit", lang)):
            fields = {
                "type": kind,
                "date_start": start.isoformat() if start else None,
                "date_end": end.isoformat() if end else None,
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
