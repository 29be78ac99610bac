"""The relations view: who meets, signs, threatens whom. A matrix of countries (or actors) whose
cells count the matching events that involve both, by type (from
:meth:`~components.store.views.EventViews.pairs`); a cell is a bubble sized by the number of
events and coloured by their most frequent type. :attr:`RelationsView.pairs` maps (trace, point)
back to the pair, so that a click can filter the page to it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import plotly.graph_objects as go

from components.extract.models import EVENT_TYPES
from components.store.views import PairCount
from components.ui.i18n import plural, type_label
from components.ui.timeline_figure import type_colour

TOP_PARTIES = 14


@dataclass(frozen=True)
class PairMatrix:
    """The parties most involved (most events first) and, for each pair of them, events by type."""

    parties: tuple[str, ...]
    cells: dict[tuple[str, str], Counter[str]]

    def total(self, a: str, b: str) -> int:
        return sum(self.cells.get((min(a, b), max(a, b)), Counter()).values())


def pair_matrix(pairs: Sequence[PairCount], top: int = TOP_PARTIES) -> PairMatrix:
    """The ``top`` parties with the most events shared with another, and their pairs' counts by type."""
    involvement: Counter[str] = Counter()
    for pair in pairs:
        involvement[pair.a] += pair.count
        involvement[pair.b] += pair.count
    parties = tuple(sorted(involvement, key=lambda party: (-involvement[party], party))[:top])
    chosen = set(parties)
    cells: dict[tuple[str, str], Counter[str]] = {}
    for pair in pairs:
        if pair.a in chosen and pair.b in chosen:
            cells.setdefault((pair.a, pair.b), Counter())[pair.type] += pair.count
    return PairMatrix(parties, cells)


@dataclass
class _Bubbles:
    x: list[int] = field(default_factory=list)
    y: list[int] = field(default_factory=list)
    size: list[float] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    hover: list[str] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)


def _hover(a: str, b: str, counts: Counter[str], lang: str, label: Callable[[str], str]) -> str:
    kinds = " · ".join(f"{type_label(kind, lang)} {n}" for kind, n in sorted(counts.items(), key=lambda i: -i[1]))
    total = sum(counts.values())
    return f"<b>{label(a)} — {label(b)}</b><br>{plural('summary_events', total, lang)}: {kinds}"


def _bubbles(matrix: PairMatrix, lang: str, label: Callable[[str], str]) -> dict[str, _Bubbles]:
    """One bubble per cell, in both halves of the matrix, grouped by the cell's most frequent type."""
    position = {party: number for number, party in enumerate(matrix.parties)}
    largest = max((sum(counts.values()) for counts in matrix.cells.values()), default=1)
    groups: dict[str, _Bubbles] = {}
    for (a, b), counts in sorted(matrix.cells.items()):
        kind = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]
        bubbles = groups.setdefault(kind, _Bubbles())
        total = sum(counts.values())
        for x, y in ((position[a], position[b]), (position[b], position[a])):
            bubbles.x.append(x)
            bubbles.y.append(y)
            bubbles.size.append(10 + 30 * math.sqrt(total / largest))
            bubbles.text.append(str(total))
            bubbles.hover.append(_hover(a, b, counts, lang, label))
            bubbles.pairs.append((a, b))
    return groups


@dataclass(frozen=True)
class RelationsView:
    figure: go.Figure
    pairs: tuple[tuple[tuple[str, str], ...], ...]  # per trace, per bubble: the pair it stands for
    parties: tuple[str, ...]


def relations_view(pairs: Sequence[PairCount], *, lang: str, label: Callable[[str], str]) -> RelationsView:
    """The matrix of ``pairs``; ``label`` names a party (a country code or an actor) in ``lang``."""
    matrix = pair_matrix(pairs)
    groups = _bubbles(matrix, lang, label)
    figure = go.Figure()
    ids: list[tuple[tuple[str, str], ...]] = []
    for kind in [*EVENT_TYPES, *sorted(set(groups) - set(EVENT_TYPES))]:
        bubbles = groups.get(kind)
        if bubbles is None:
            continue
        figure.add_trace(
            go.Scatter(
                x=bubbles.x,
                y=bubbles.y,
                mode="markers+text",
                name=type_label(kind, lang),
                text=bubbles.text,
                textfont={"size": 10, "color": "white"},
                hovertext=bubbles.hover,
                hovertemplate="%{hovertext}<extra></extra>",
                marker={"size": bubbles.size, "color": type_colour(kind), "opacity": 0.85, "line": {"width": 0}},
            )
        )
        ids.append(tuple(bubbles.pairs))
    _matrix_layout(figure, [label(party) for party in matrix.parties], lang)
    return RelationsView(figure, tuple(ids), matrix.parties)


def _matrix_layout(figure: go.Figure, names: Sequence[str], lang: str) -> None:
    axis = {
        "tickvals": list(range(len(names))),
        "ticktext": list(names),
        "showgrid": True,
        "gridcolor": "#eeeeee",
        "zeroline": False,
        "fixedrange": True,
        "range": [-0.7, len(names) - 0.3],
    }
    # Room for the longest name on the right in Arabic (plotly's own measure falls short in a
    # right-to-left page); about 7 px per letter at the axis's font size.
    right = 16 + 7 * max((len(name) for name in names), default=0) if lang == "ar" else 10
    figure.update_layout(
        height=max(320, 120 + 34 * len(names)),
        margin={"l": 10, "r": right, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.12, "yanchor": "top"},
        hoverlabel={"align": "right" if lang == "ar" else "left"},
        plot_bgcolor="white",
        dragmode=False,
    )
    figure.update_xaxes(**axis, tickangle=-40, autorange="reversed" if lang == "ar" else None)
    figure.update_yaxes(**{**axis, "range": [len(names) - 0.3, -0.7]}, side="right" if lang == "ar" else "left")
