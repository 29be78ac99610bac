"""The filtered events as a table, and as CSV, JSON and GeoJSON downloads."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

import pandas as pd

from components.ui.filters import event_sources
from components.ui.i18n import country_name, t, type_label

CSV_COLUMNS = (
    "id",
    "date_start",
    "date_end",
    "precision",
    "approximate",
    "date_text",
    "type",
    "title_en",
    "countries",
    "actors",
    "places",
    "sentence",
    "source",
    "url",
    "published",
    "sources",
    "source_count",
    "corrected",
    "confidence",
    "article_id",
)
LIST_SEPARATOR = "; "


def _names(items: Sequence[dict] | None, key: str = "name_en") -> list[str]:
    return [str(item.get(key) or "") for item in items or []]


def flat_row(event: dict) -> dict[str, object]:
    """One event as flat columns; lists joined with ``"; "``."""
    sources = event_sources(event)
    row: dict[str, object] = {column: event.get(column) for column in CSV_COLUMNS}
    row["countries"] = LIST_SEPARATOR.join(event.get("countries") or [])
    row["actors"] = LIST_SEPARATOR.join(_names(event.get("actors")))
    row["places"] = LIST_SEPARATOR.join(_names(event.get("places")))
    row["sources"] = LIST_SEPARATOR.join(str(source.get("url") or source.get("source") or "") for source in sources)
    row["source_count"] = event.get("source_count") or len(sources)
    row["corrected"] = bool(event.get("corrected"))
    return row


def to_csv_bytes(events: Sequence[dict]) -> bytes:
    """CSV in UTF-8 with a BOM, so that Excel shows the Arabic text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for event in events:
        writer.writerow({name: spreadsheet_safe(value) for name, value in flat_row(event).items()})
    return buffer.getvalue().encode("utf-8-sig")


def spreadsheet_safe(value: object) -> object:
    """A cell a spreadsheet shows as text: one starting like a formula (= + - @) gets a leading
    apostrophe, since article text is untrusted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_json_bytes(events: Sequence[dict]) -> bytes:
    return json.dumps(list(events), ensure_ascii=False, indent=1).encode("utf-8")


def to_geojson(events: Sequence[dict]) -> dict:
    """A FeatureCollection with one Point per (event, place)."""
    features = []
    for event in events:
        for place in event.get("places") or []:
            if place.get("lat") is None or place.get("lon") is None:
                continue
            properties = flat_row(event)
            properties.update(
                {
                    "place_en": place.get("name_en"),
                    "place_ar": place.get("name_ar"),
                    "place_country": place.get("country"),
                }
            )
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [float(place["lon"]), float(place["lat"])]},
                    "properties": properties,
                }
            )
    return {"type": "FeatureCollection", "features": features}


def to_geojson_bytes(events: Sequence[dict]) -> bytes:
    return json.dumps(to_geojson(events), ensure_ascii=False).encode("utf-8")


def table_date(event: dict) -> str | None:
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


def table_frame(events: Sequence[dict], lang: str) -> pd.DataFrame:
    """The on-screen table, indexed by event id, in the interface language."""
    rows = []
    for event in events:
        rows.append(
            {
                "id": str(event["id"]),
                t("col_date", lang): table_date(event),
                t("col_date_text", lang): event.get("date_text"),
                t("col_type", lang): type_label(event.get("type") or "other", lang),
                t("col_title", lang): event.get("title_en"),
                t("col_countries", lang): ", ".join(country_name(code, lang) for code in event.get("countries") or []),
                t("col_actors", lang): LIST_SEPARATOR.join(
                    _names(event.get("actors"), "name_ar" if lang == "ar" else "name_en")
                ),
                t("col_places", lang): LIST_SEPARATOR.join(
                    _names(event.get("places"), "name_ar" if lang == "ar" else "name_en")
                ),
                t("col_sources", lang): event.get("source_count") or len(event_sources(event)),
                t("col_sentence", lang): event.get("sentence"),
            }
        )
    return pd.DataFrame(rows).set_index("id") if rows else pd.DataFrame()
