"""The on-screen table of the filtered events, in the interface language."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from components.store.exports import LIST_SEPARATOR, entity_names
from components.store.records import StoredEvent, event_sources
from components.ui.i18n import country_name, t, type_label


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


def table_row(event: StoredEvent, lang: str) -> dict[str, object]:
    """One row of the table: the columns named in ``lang``."""
    name_key = "name_ar" if lang == "ar" else "name_en"
    return {
        "id": str(event["id"]),
        t("col_date", lang): table_date(event),
        t("col_date_text", lang): event.get("date_text"),
        t("col_type", lang): type_label(event.get("type") or "other", lang),
        t("col_title", lang): event.get("title_en"),
        t("col_countries", lang): ", ".join(country_name(code, lang) for code in event.get("countries") or []),
        t("col_actors", lang): LIST_SEPARATOR.join(entity_names(event.get("actors"), name_key)),
        t("col_places", lang): LIST_SEPARATOR.join(entity_names(event.get("places"), name_key)),
        t("col_sources", lang): event.get("source_count") or len(event_sources(event)),
        t("col_sentence", lang): event.get("sentence"),
    }


def table_frame(events: Sequence[StoredEvent], lang: str) -> pd.DataFrame:
    """The on-screen table, indexed by event id, in the interface language."""
    rows = [table_row(event, lang) for event in events]
    return pd.DataFrame(rows).set_index("id") if rows else pd.DataFrame()
