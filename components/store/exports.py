"""Events as files: CSV for spreadsheets, JSON, and GeoJSON for GIS tools.

Every format holds the events as the store lists them; column names are the schema's
(``docs/event_schema.md``), never interface strings.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from components.extract.records import ActorRecord, PlaceRecord
from components.store.facets import event_role, event_status
from components.store.records import StoredEvent, event_sources

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
    "status",
    "role",
    "location_country",
)
LIST_SEPARATOR = "; "


def entity_names(items: Sequence[ActorRecord] | Sequence[PlaceRecord] | None, key: str = "name_en") -> list[str]:
    """The names of actors or places in one language (``name_en`` or ``name_ar``)."""
    return [str(item.get(key) or "") for item in items or []]


def flat_row(event: StoredEvent) -> dict[str, object]:
    """One event as flat columns; lists joined with ``"; "``."""
    sources = event_sources(event)
    row: dict[str, object] = {column: event.get(column) for column in CSV_COLUMNS}
    row["countries"] = LIST_SEPARATOR.join(event.get("countries") or [])
    row["actors"] = LIST_SEPARATOR.join(entity_names(event.get("actors")))
    row["places"] = LIST_SEPARATOR.join(entity_names(event.get("places")))
    row["sources"] = LIST_SEPARATOR.join(str(source.get("url") or source.get("source") or "") for source in sources)
    row["source_count"] = event.get("source_count") or len(sources)
    row["corrected"] = bool(event.get("corrected"))
    row.update(with_defaults(event))
    return row


def with_defaults(event: StoredEvent) -> dict[str, object]:
    """``status``, ``role`` and ``location_country`` as the schema defines them for events stored
    before those fields existed (``reported``, ``news``, none)."""
    return {"status": event_status(event), "role": event_role(event), "location_country": event.get("location_country")}


def spreadsheet_safe(value: object) -> object:
    """A cell a spreadsheet shows as text: one starting like a formula (= + - @) gets a leading
    apostrophe, since article text is untrusted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv_bytes(events: Sequence[StoredEvent]) -> bytes:
    """CSV in UTF-8 with a BOM, so that Excel shows the Arabic text."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for event in events:
        writer.writerow({name: spreadsheet_safe(value) for name, value in flat_row(event).items()})
    return buffer.getvalue().encode("utf-8-sig")


def to_json_bytes(events: Sequence[StoredEvent]) -> bytes:
    return json.dumps([{**event, **with_defaults(event)} for event in events], ensure_ascii=False, indent=1).encode(
        "utf-8"
    )


def has_point(event: StoredEvent) -> bool:
    """Whether GeoJSON can place the event: it has a place with coordinates."""
    return any(place.get("lat") is not None and place.get("lon") is not None for place in event.get("places") or [])


def to_geojson(events: Sequence[StoredEvent]) -> dict[str, Any]:
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


def to_geojson_bytes(events: Sequence[StoredEvent]) -> bytes:
    return json.dumps(to_geojson(events), ensure_ascii=False).encode("utf-8")
