"""The map of the South Caucasus, drawn offline from topojson files the app serves itself."""

from __future__ import annotations

import html
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import plotly.graph_objects as go

from components.extract.models import EVENT_TYPES
from components.extract.records import PlaceRecord
from components.store.records import StoredEvent
from components.text.lexicon import float_between, iso_country, load_tsv
from components.ui.i18n import type_label
from components.ui.timeline_figure import type_colour

LON_RANGE = (38.0, 52.0)
LAT_RANGE = (37.0, 45.0)
STATIC_TOPOJSON = "app/static/topojson/"
RING_DEGREES = 0.12


def topojson_url(base_url_path: str) -> str:
    """Where plotly.js finds ``world_50m.json``: ``/app/static/topojson/`` under the app's path prefix."""
    prefix = base_url_path.strip("/")
    return f"/{prefix}/{STATIC_TOPOJSON}" if prefix else f"/{STATIC_TOPOJSON}"


def in_frame(lat: float, lon: float) -> bool:
    return LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]


@lru_cache(maxsize=1)
def map_labels() -> tuple[dict[str, object], ...]:
    return tuple(
        load_tsv(
            "map_labels.tsv",
            {
                "code": iso_country,
                "name_en": None,
                "name_ar": None,
                "lat": float_between(-90, 90),
                "lon": float_between(-180, 180),
            },
        )
    )


def place_name(place: PlaceRecord, lang: str) -> str:
    return str((place.get("name_ar") if lang == "ar" else place.get("name_en")) or place.get("name_en") or "?")


def place_groups(events: Sequence[StoredEvent]) -> dict[tuple[str, float, float], dict[str, list[StoredEvent]]]:
    """``{(name_en, lat, lon): {type: [events, latest first]}}`` for events with places."""
    groups: dict[tuple[str, float, float], dict[str, list[StoredEvent]]] = defaultdict(lambda: defaultdict(list))
    for event in events:
        for place in event.get("places") or []:
            lat, lon = place.get("lat"), place.get("lon")
            if lat is None or lon is None:
                continue
            groups[(str(place.get("name_en")), float(lat), float(lon))][event.get("type") or "other"].append(event)
    for by_type in groups.values():
        for items in by_type.values():
            items.sort(key=lambda event: event.get("date_start") or "", reverse=True)
    return groups


def outside_places(events: Sequence[StoredEvent], lang: str) -> list[tuple[str, int]]:
    """Places outside the default frame with their event counts, most frequent first."""
    counts: dict[str, int] = {}
    for (_, lat, lon), by_type in place_groups(events).items():
        if in_frame(lat, lon):
            continue
        first = next(iter(by_type.values()))[0]
        place = next(p for p in first["places"] if float(p["lat"]) == lat and float(p["lon"]) == lon)
        name = place_name(place, lang)
        counts[name] = counts.get(name, 0) + sum(len(items) for items in by_type.values())
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _hover(name: str, kind: str, items: list[StoredEvent], lang: str) -> str:
    titles = "<br>".join(html.escape(event.get("title_en") or "") for event in items[:5])
    more = f"<br>… +{len(items) - 5}" if len(items) > 5 else ""
    return f"<b>{html.escape(name)}</b> · {html.escape(type_label(kind, lang))}: {len(items)}<br>{titles}{more}"


def _ring_offset(number: int, count: int) -> tuple[float, float]:
    """Several types at one place sit on a small ring around it, so that none hides another."""
    if count < 2:
        return 0.0, 0.0
    angle = 2 * math.pi * number / count
    return RING_DEGREES * math.sin(angle), RING_DEGREES * 1.3 * math.cos(angle)


@dataclass
class _Markers:
    """The markers of one event type, as the columns of one plotly trace."""

    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    size: list[float] = field(default_factory=list)
    customdata: list[list[str]] = field(default_factory=list)  # [latest event id, hover text]


def _markers_by_type(events: Sequence[StoredEvent], lang: str) -> dict[str, _Markers]:
    """One marker per place and type, sized by the number of events, the latest one's id first."""
    markers: dict[str, _Markers] = {}
    for (name_en, lat, lon), by_type in place_groups(events).items():
        for number, (kind, items) in enumerate(sorted(by_type.items())):
            place = next(p for p in items[0]["places"] if p.get("name_en") == name_en)
            column = markers.setdefault(kind, _Markers())
            offset_lat, offset_lon = _ring_offset(number, len(by_type))
            column.lat.append(lat + offset_lat)
            column.lon.append(lon + offset_lon)
            column.size.append(8 + 5 * math.sqrt(len(items)))
            column.customdata.append([str(items[0]["id"]), _hover(place_name(place, lang), kind, items, lang)])
    return markers


def _labels_trace(lang: str) -> go.Scattergeo:
    """Country names drawn on the map (plotly's base map has none)."""
    labels = map_labels()
    return go.Scattergeo(
        lat=[row["lat"] for row in labels],
        lon=[row["lon"] for row in labels],
        mode="text",
        text=[str(row["name_ar"] if lang == "ar" else row["name_en"]) for row in labels],
        textfont={"color": "#6b6b6b", "size": 12},
        hoverinfo="skip",
        showlegend=False,
        name="labels",
    )


def _type_trace(kind: str, markers: _Markers, lang: str) -> go.Scattergeo:
    return go.Scattergeo(
        lat=markers.lat,
        lon=markers.lon,
        mode="markers",
        name=type_label(kind, lang),
        customdata=markers.customdata,
        hovertemplate="%{customdata[1]}<extra></extra>",
        marker={
            "size": markers.size,
            "color": type_colour(kind),
            "opacity": 0.8,
            "line": {"color": "white", "width": 1},
        },
    )


def _frame_region(figure: go.Figure, resolution: int) -> None:
    """The South Caucasus frame on Natural Earth borders, coasts and lakes."""
    figure.update_geos(
        projection_type="mercator",
        resolution=resolution,
        lonaxis_range=list(LON_RANGE),
        lataxis_range=list(LAT_RANGE),
        showcountries=True,
        countrycolor="#444444",
        countrywidth=1.2,
        showcoastlines=True,
        coastlinecolor="#6d8fb3",
        showland=True,
        landcolor="#f4f1e8",
        showocean=True,
        oceancolor="#dcebf5",
        showlakes=True,
        lakecolor="#dcebf5",
        showframe=True,
        framecolor="#999999",
    )
    figure.update_layout(
        height=460, margin={"l": 0, "r": 0, "t": 10, "b": 0}, legend={"orientation": "h", "y": -0.02, "yanchor": "top"}
    )


def map_figure(events: Sequence[StoredEvent], *, lang: str = "en", resolution: int = 50) -> go.Figure:
    """Events as markers at their places, sized by count, coloured by type.

    ``customdata`` of a marker is ``[latest event id, hover text]``: a click opens the
    most recent event of that type at that place.
    """
    markers = _markers_by_type(events, lang)
    figure = go.Figure()
    figure.add_trace(_labels_trace(lang))
    for kind in [*EVENT_TYPES, *sorted(set(markers) - set(EVENT_TYPES))]:
        if kind in markers:
            figure.add_trace(_type_trace(kind, markers[kind], lang))
    _frame_region(figure, resolution)
    return figure
