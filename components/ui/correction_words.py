"""Corrections said in words, in the interface language: ``type: meeting → agreement``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from babel.dates import format_datetime

from components.store.records import CorrectionView
from components.ui.i18n import country_name, join_list, t, type_label

FIELD_LABELS = {
    "type": "fix_type",
    "date_start": "fix_start",
    "date_end": "fix_end",
    "precision": "fix_precision",
    "countries": "fix_countries",
    "actors": "fix_actors",
    "places": "fix_places",
    "hidden": "fix_hidden_field",
    "sentence": "fix_sentence",
    "approximate": "field_approximate",
}


def value_words(name: str, value: object, lang: str) -> str:
    """A field's value as a reader would say it: type and precision names, country names,
    actors' and places' names, yes/no, "—" for nothing."""
    if value in (None, "", [], ()):
        return "—"
    if name == "type":
        return type_label(str(value), lang)
    if name == "precision":
        return t(f"precision_{value}", lang) if value in ("day", "month", "year") else str(value)
    if name == "countries" and isinstance(value, list | tuple):
        return join_list((country_name(str(code), lang) for code in value), lang)
    if name in ("actors", "places") and isinstance(value, list | tuple):
        key = "name_ar" if lang == "ar" else "name_en"
        return join_list(
            (str(item.get(key) or item.get("name_en") or "") for item in value if isinstance(item, dict)), lang
        )
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    return str(value)


def change_words(fields: Mapping[str, object], previous: Mapping[str, object], lang: str) -> str:
    """``type: meeting → agreement; countries: Armenia → Armenia, Azerbaijan``."""
    parts = []
    for name, new in fields.items():
        if name == "article_id":
            continue
        label = t(FIELD_LABELS[name], lang) if name in FIELD_LABELS else name
        old = previous.get(name) if name in previous else None
        if name in previous:
            parts.append(f"{label}: {value_words(name, old, lang)} → {value_words(name, new, lang)}")
        else:
            parts.append(f"{label}: {value_words(name, new, lang)}")
    return "; ".join(parts) if lang != "ar" else "؛ ".join(parts)


def when_words(created_at: str, lang: str) -> str:
    """An ISO timestamp as ``9 Nov 2024, 14:03`` in the interface language (the text itself when unreadable)."""
    try:
        moment = datetime.fromisoformat(created_at)
    except ValueError:
        return created_at
    return format_datetime(moment, "d MMM y, HH:mm", locale="ar" if lang == "ar" else "en")


def correction_line(correction: CorrectionView, lang: str) -> str:
    """One line of the log: number, what was done, by whom, when, why, and what changed."""
    action = correction["action"]
    fields = correction.get("fields") or {}
    if action == "edit" and fields == {"hidden": True}:
        action = "hide"
    words = t(f"action_{action}", lang, target=correction.get("target") or "")
    state = "" if correction.get("active", True) or correction["action"] == "undo" else f" ({t('fix_undone', lang)})"
    changes = change_words(fields, correction.get("previous") or {}, lang)
    head = t(
        "log_line",
        lang,
        id=correction["id"],
        action=words + state,
        author=correction["author"],
        when=when_words(correction["created_at"], lang),
        reason=correction["reason"],
    )
    return f"{head}\n{changes}" if changes else head
