"""Where the map's markers and names go so that none covers another.

Plotly places a marker and a text at their coordinates whatever lies there. The layout is judged in
pixels of the map as drawn on a desktop page (``PLOT_WIDTH`` × ``PLOT_HEIGHT``, Mercator): places are
first grouped by cells of a grid across the frame, then markers whose discs would touch are merged
(the bigger takes the smaller), and a country's name is left out where it would cover a marker or a
name already placed. A wider frame has fewer pixels per degree, so it groups more.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from components.store.views import PlaceCount

Frame = tuple[tuple[float, float], tuple[float, float]]  # (lat range, lon range)
Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels

GRID_CELLS = 28  # across the frame's width: places closer than one cell share a marker
PLOT_WIDTH, PLOT_HEIGHT = 760.0, 400.0  # the map's drawing area on a desktop page, in pixels
MARKER_GAP = 2.0  # pixels kept between two markers' discs
NAME_HEIGHT, NAME_CHAR_WIDTH = 14.0, 7.0  # a country name in 12 px type: its line and a mean letter
MAX_MERGE_ROUNDS = 6


@dataclass
class Cluster:
    """Places close together on the map, drawn as one marker."""

    places: list[PlaceCount] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(place.count for place in self.places)

    @property
    def position(self) -> tuple[float, float]:
        total = self.count or 1
        return (
            sum(place.lat * place.count for place in self.places) / total,
            sum(place.lon * place.count for place in self.places) / total,
        )

    def types(self) -> list[tuple[str, int]]:
        counts: Counter[str] = Counter()
        for place in self.places:
            counts.update(dict(place.types))
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def marker_size(count: int) -> float:
    """A marker's diameter in pixels: it grows with the square root of its events."""
    return min(44.0, 12 + 5 * math.sqrt(count))


def mercator_y(lat: float) -> float:
    lat = max(-85.0, min(85.0, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


@dataclass(frozen=True)
class Projection:
    """Degrees to pixels of the drawn frame (x to the right, y downwards from its top left)."""

    frame: Frame

    @property
    def scale(self) -> float:
        (south, north), (west, east) = self.frame
        width = math.radians(max(east - west, 1e-6))
        height = max(mercator_y(north) - mercator_y(south), 1e-6)
        return min(PLOT_WIDTH / width, PLOT_HEIGHT / height)

    def point(self, lat: float, lon: float) -> tuple[float, float]:
        (_, north), (west, _) = self.frame
        return math.radians(lon - west) * self.scale, (mercator_y(north) - mercator_y(lat)) * self.scale


def _by_size(groups: Sequence[Cluster]) -> list[Cluster]:
    ordered = sorted(groups, key=lambda group: (-group.count, group.places[0].name_en if group.places else ""))
    for group in ordered:
        group.places.sort(key=lambda place: (-place.count, place.name_en))
    return ordered


def grid_groups(places: Sequence[PlaceCount], frame: Frame) -> list[Cluster]:
    """``places`` grouped by cells of a grid ``GRID_CELLS`` wide across ``frame``."""
    cell = (frame[1][1] - frame[1][0]) / GRID_CELLS
    groups: dict[tuple[int, int], Cluster] = {}
    for place in places:
        key = (math.floor(place.lat / cell), math.floor(place.lon / cell))
        groups.setdefault(key, Cluster()).places.append(place)
    return list(groups.values())


def touch(first: Cluster, second: Cluster, projection: Projection) -> bool:
    """Whether the discs of two markers would touch (or come closer than ``MARKER_GAP``)."""
    (x1, y1), (x2, y2) = projection.point(*first.position), projection.point(*second.position)
    reach = (marker_size(first.count) + marker_size(second.count)) / 2 + MARKER_GAP
    return math.hypot(x1 - x2, y1 - y2) < reach


def merge_touching(groups: Sequence[Cluster], projection: Projection) -> list[Cluster]:
    """One round: each group, biggest first, joins the first kept group its marker would touch."""
    kept: list[Cluster] = []
    for group in _by_size(groups):
        into = next((other for other in kept if touch(other, group, projection)), None)
        if into is None:
            kept.append(group)
        else:
            into.places.extend(group.places)
    return kept


def clusters(places: Sequence[PlaceCount], frame: Frame) -> list[Cluster]:
    """``places`` grouped into markers that do not touch on the drawn ``frame``, most events first."""
    projection = Projection(frame)
    groups = grid_groups(places, frame)
    for _ in range(MAX_MERGE_ROUNDS):  # a merged marker moves and grows: it may touch another
        merged = merge_touching(groups, projection)
        if len(merged) == len(groups):
            break
        groups = merged
    return _by_size(groups)


def name_box(text: str, lat: float, lon: float, projection: Projection) -> Box:
    """The pixels a name centred at (lat, lon) covers, its width estimated from its letters."""
    x, y = projection.point(lat, lon)
    half_width, half_height = (len(text) * NAME_CHAR_WIDTH + 4) / 2, NAME_HEIGHT / 2
    return x - half_width, y - half_height, x + half_width, y + half_height


def boxes_meet(first: Box, second: Box) -> bool:
    return first[0] < second[2] and second[0] < first[2] and first[1] < second[3] and second[1] < first[3]


def box_meets_disc(box: Box, centre: tuple[float, float], radius: float) -> bool:
    nearest_x = max(box[0], min(centre[0], box[2]))
    nearest_y = max(box[1], min(centre[1], box[3]))
    return math.hypot(centre[0] - nearest_x, centre[1] - nearest_y) < radius


def free_names(
    names: Sequence[tuple[str, float, float]], groups: Sequence[Cluster], projection: Projection
) -> list[int]:
    """The indexes of ``names`` (text, lat, lon; the first most wanted) that cover no marker of
    ``groups`` and no name kept before them."""
    discs = [(projection.point(*group.position), marker_size(group.count) / 2 + MARKER_GAP) for group in groups]
    kept: list[Box] = []
    indexes: list[int] = []
    for index, (text, lat, lon) in enumerate(names):
        box = name_box(text, lat, lon, projection)
        if any(box_meets_disc(box, centre, radius) for centre, radius in discs):
            continue
        if any(boxes_meet(box, other) for other in kept):
            continue
        kept.append(box)
        indexes.append(index)
    return indexes
