"""The map: the places of :meth:`~components.store.views.EventViews.places`, drawn offline on
Natural Earth borders the app serves itself.

The view fits the filtered places (the South Caucasus frame when they all lie in it); nearby
places are grouped into one marker with their number of events (``map_layout``: no marker or
country name covers another), coloured by their most frequent
type. A marker carries no id: :attr:`MapView.places` maps (trace, point) back to the English
names of the places it groups, so that a click can list all their events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import plotly.graph_objects as go

from components.extract.models import EVENT_TYPES
from components.store.views import PlaceCount
from components.text.lexicon import float_between, iso_country, load_tsv
from components.ui.i18n import join_list, plural, type_label
from components.ui.map_layout import Cluster, Frame, Projection, clusters, free_names, marker_size
from components.ui.timeline_figure import HIGHLIGHT, type_colour

LON_RANGE = (34.0, 54.0)
LAT_RANGE = (37.0, 45.5)
STATIC_TOPOJSON = "app/static/topojson/"
MIN_LON_SPAN, MIN_LAT_SPAN = 8.0, 5.0
ASPECT = 2.4  # width / height of the map in degrees of longitude and latitude: about its shape on the page

DEFAULT_FRAME: Frame = (LAT_RANGE, LON_RANGE)


def topojson_url(base_url_path: str) -> str:
    """Where plotly.js finds ``world_50m.json``: ``/app/static/topojson/`` under the app's path prefix."""
    prefix = base_url_path.strip("/")
    return f"/{prefix}/{STATIC_TOPOJSON}" if prefix else f"/{STATIC_TOPOJSON}"


def in_frame(lat: float, lon: float, frame: Frame = DEFAULT_FRAME) -> bool:
    (south, north), (west, east) = frame
    return south <= lat <= north and west <= lon <= east


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


def fit_frame(places: Sequence[PlaceCount]) -> Frame:
    """The South Caucasus when every place lies in it (or there is none), else the box around the
    places, padded and widened to the map's shape."""
    if all(in_frame(place.lat, place.lon) for place in places):
        return DEFAULT_FRAME
    lats = [place.lat for place in places]
    lons = [place.lon for place in places]
    lat_mid, lon_mid = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    lat_span = max(MIN_LAT_SPAN, (max(lats) - min(lats)) * 1.25)
    lon_span = max(MIN_LON_SPAN, (max(lons) - min(lons)) * 1.15, lat_span * ASPECT)
    lat_span = max(lat_span, lon_span / ASPECT)
    south, north = max(-80.0, lat_mid - lat_span / 2), min(84.0, lat_mid + lat_span / 2)
    west, east = max(-180.0, lon_mid - lon_span / 2), min(180.0, lon_mid + lon_span / 2)
    return (south, north), (west, east)


def place_label(place: PlaceCount, lang: str) -> str:
    return (place.name_ar if lang == "ar" else place.name_en) or place.name_en


def cluster_hover(group: Cluster, lang: str) -> str:
    names = [f"{place_label(place, lang)} ({place.count})" for place in group.places[:6]]
    more = f" … +{len(group.places) - 6}" if len(group.places) > 6 else ""
    kinds = " · ".join(f"{type_label(kind, lang)} {count}" for kind, count in group.types()[:4])
    return f"<b>{join_list(names, lang)}{more}</b><br>{plural('summary_events', group.count, lang)}: {kinds}"


def marker_label(group: Cluster, lang: str) -> str:
    """A marker in words (its keyboard list): its places, how many events, the most frequent types."""
    names = [place_label(place, lang) for place in group.places[:6]]
    more = f" … +{len(group.places) - 6}" if len(group.places) > 6 else ""
    kinds = ", ".join(f"{type_label(kind, lang)} {count}" for kind, count in group.types()[:3])
    return f"{join_list(names, lang)}{more} · {plural('summary_events', group.count, lang)} ({kinds})"


@dataclass
class _Markers:
    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    size: list[float] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    hover: list[str] = field(default_factory=list)
    places: list[tuple[str, ...]] = field(default_factory=list)


def _markers_by_type(groups: Sequence[Cluster], lang: str) -> dict[str, _Markers]:
    markers: dict[str, _Markers] = {}
    for group in groups:
        kind = group.types()[0][0] if group.types() else "other"
        column = markers.setdefault(kind, _Markers())
        lat, lon = group.position
        column.lat.append(round(lat, 4))
        column.lon.append(round(lon, 4))
        column.size.append(marker_size(group.count))
        column.text.append(str(group.count))
        column.hover.append(cluster_hover(group, lang))
        column.places.append(tuple(place.name_en for place in group.places))
    return markers


def _labels_trace(lang: str, frame: Frame, groups: Sequence[Cluster]) -> go.Scattergeo:
    """Country names drawn on the map (plotly's base map has none), those that would cover a
    marker or another name left out."""
    rows = [row for row in map_labels() if in_frame(float(str(row["lat"])), float(str(row["lon"])), frame)]
    names = [
        (str(row["name_ar"] if lang == "ar" else row["name_en"]), float(str(row["lat"])), float(str(row["lon"])))
        for row in rows
    ]
    shown = [names[index] for index in free_names(names, groups, Projection(frame))]
    return go.Scattergeo(
        lat=[lat for _, lat, _ in shown],
        lon=[lon for _, _, lon in shown],
        mode="text",
        text=[text for text, _, _ in shown],
        textfont={"color": "#6b6b6b", "size": 12},
        hoverinfo="skip",
        showlegend=False,
    )


def _type_trace(kind: str, markers: _Markers, lang: str) -> go.Scattergeo:
    return go.Scattergeo(
        lat=markers.lat,
        lon=markers.lon,
        mode="markers+text",
        name=type_label(kind, lang),
        text=markers.text,
        textfont={"color": "white", "size": 11},
        hovertext=markers.hover,
        hovertemplate="%{hovertext}<extra></extra>",
        marker={
            "size": markers.size,
            "color": type_colour(kind),
            "opacity": 0.85,
            "line": {"color": "white", "width": 1},
        },
    )


def _ring_trace(points: Sequence[tuple[float, float]]) -> go.Scattergeo:
    return go.Scattergeo(
        lat=[lat for lat, _ in points],
        lon=[lon for _, lon in points],
        mode="markers",
        marker={"symbol": "circle-open", "size": 30, "color": HIGHLIGHT, "line": {"width": 3, "color": HIGHLIGHT}},
        hoverinfo="skip",
        showlegend=False,
    )


def _frame_region(figure: go.Figure, frame: Frame) -> None:
    """The frame on Natural Earth borders, coasts and lakes (1:50m close up, 1:110m for wide views)."""
    (south, north), (west, east) = frame
    figure.update_geos(
        projection_type="mercator",
        resolution=50 if east - west <= 40 else 110,
        lonaxis_range=[west, east],
        lataxis_range=[south, north],
        showcountries=True,
        countrycolor="#444444",
        countrywidth=1.0,
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
        height=440,
        margin={"l": 0, "r": 0, "t": 6, "b": 0},
        legend={"orientation": "h", "y": -0.02, "yanchor": "top"},
        uirevision=str(frame),
    )


@dataclass(frozen=True)
class MapView:
    figure: go.Figure
    places: tuple[tuple[tuple[str, ...], ...], ...]  # per trace, per marker: the English names it groups
    frame: Frame
    markers: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (label, English names), most events first


def map_view(
    places: Sequence[PlaceCount], *, lang: str = "en", highlight: Sequence[tuple[float, float]] = ()
) -> MapView:
    """Markers for ``places`` grouped by nearness, in a frame that fits them; rings at ``highlight``."""
    frame = fit_frame(places)
    groups = clusters(places, frame)
    markers = _markers_by_type(groups, lang)
    figure = go.Figure(_labels_trace(lang, frame, groups))
    names: list[tuple[tuple[str, ...], ...]] = [()]
    for kind in [*EVENT_TYPES, *sorted(set(markers) - set(EVENT_TYPES))]:
        if kind in markers:
            figure.add_trace(_type_trace(kind, markers[kind], lang))
            names.append(tuple(markers[kind].places))
    if highlight:
        figure.add_trace(_ring_trace(highlight))
        names.append(())
    _frame_region(figure, frame)
    described = tuple((marker_label(group, lang), tuple(place.name_en for place in group.places)) for group in groups)
    return MapView(figure, tuple(names), frame, described)
