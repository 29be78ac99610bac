"""The on-screen table: one page of the matching events (paged and sorted by the store), in the
interface language, its columns mirrored for a right-to-left interface."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from components.store.facets import event_role, event_status
from components.store.records import StoredEvent
from components.ui.details import title_of, unique_sources
from components.ui.i18n import country_name, join_list, t, type_label

PAGE_SIZE = 50
TABLE_ROW_HEIGHT = 35  # pixels: the data grid's rows and header (the page marks the open event's row over it)
COLUMNS = (
    "col_date",
    "col_type",
    "col_title",
    "col_countries",
    "col_location",
    "col_actors",
    "col_places",
    "col_sources",
    "col_status",
    "col_role",
    "col_confidence",
    "col_date_text",
    "col_sentence",
)


def table_date(event: StoredEvent) -> str | None:
    """The date as precisely as it is known, still sorting in time order as text:
    ``2024-05-10``, ``2024-05-10 – 05-11``, ``2023-05`` (a month), ``2023`` (a year)."""
    start, end, precision = event.get("date_start"), event.get("date_end"), event.get("precision")
    if not start:
        return None
    if precision == "year":
        return start[:4]
    if precision == "month":
        return start[:7]
    if end and end != start:
        return f"{start} – {end[5:] if end[:4] == start[:4] else end}"
    return start


def _names(items: Sequence[object], lang: str) -> str:
    key = "name_ar" if lang == "ar" else "name_en"
    names = [str(item.get(key) or item.get("name_en") or "") for item in items if isinstance(item, dict)]
    return join_list(names, lang)


def table_row(event: StoredEvent, lang: str) -> dict[str, object]:
    """One row of the table: the columns named in ``lang``."""
    location = event.get("location_country")
    values: dict[str, object] = {
        "col_date": table_date(event) or "—",  # never an empty cell the grid would call "None"
        "col_type": type_label(event.get("type") or "other", lang),
        "col_title": title_of(event, lang),
        "col_countries": join_list((country_name(code, lang) for code in event.get("countries") or []), lang),
        "col_location": country_name(location, lang) if location else "",
        "col_actors": _names(list(event.get("actors") or []), lang),
        "col_places": _names(list(event.get("places") or []), lang),
        "col_sources": len(unique_sources(event)),
        "col_status": t(f"status_{event_status(event)}", lang),
        "col_role": t(f"role_{event_role(event)}", lang),
        "col_confidence": round(float(event.get("confidence") or 0.0), 2),
        "col_date_text": event.get("date_text") or "—",
        "col_sentence": event.get("sentence") or "—",
    }
    return {t(column, lang): values[column] for column in COLUMNS}


def column_order(lang: str) -> list[str]:
    """The columns as the reader meets them: mirrored (first column on the right) in Arabic."""
    names = [t(column, lang) for column in COLUMNS]
    return names[::-1] if lang == "ar" else names


def table_frame(events: Sequence[StoredEvent], lang: str) -> pd.DataFrame:
    """The on-screen table of ``events`` in the interface language, indexed by event id."""
    rows = [table_row(event, lang) for event in events]
    frame = pd.DataFrame(rows, columns=[t(column, lang) for column in COLUMNS])
    frame.index = pd.Index([str(event["id"]) for event in events], name="id")
    return frame[column_order(lang)]


def page_label(offset: int, shown: int, total: int, lang: str) -> str:
    """``Rows 1–50 of 1,234`` / ``الصفوف 1–50 من 1,234``."""
    if not total:
        return ""
    return t("table_rows", lang, first=offset + 1, last=offset + shown, total=f"{total:,}")
