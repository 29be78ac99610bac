"""The timeline: every dated event at its true span, one lane per country or type."""

from __future__ import annotations

import html
import textwrap
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import plotly.graph_objects as go

from components.extract.models import EVENT_TYPES
from components.store.records import StoredEvent
from components.ui.i18n import country_name, format_span, plural, t, type_label

TYPE_COLOURS: dict[str, str] = {
    "meeting": "#1f77b4",
    "agreement": "#2ca02c",
    "statement": "#9467bd",
    "military": "#d62728",
    "border": "#ff7f0e",
    "protest": "#e377c2",
    "other": "#7f7f7f",
}
MAX_MARKS = 1500  # above this many marks, the timeline shows weekly counts instead
NO_COUNTRY = "—"
_DAY_MS = 86_400_000


def type_colour(kind: str) -> str:
    return TYPE_COLOURS.get(kind, TYPE_COLOURS["other"])


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def event_lanes(event: StoredEvent, lanes: str) -> list[str]:
    """Lane keys of an event: its type, or each of its countries."""
    if lanes == "country":
        return list(event.get("countries") or []) or [NO_COUNTRY]
    return [event.get("type") or "other"]


def lane_label(key: str, lanes: str, lang: str) -> str:
    if lanes == "country":
        return t("no_country", lang) if key == NO_COUNTRY else country_name(key, lang)
    return type_label(key, lang)


RLM, LRM = "\u200f", "\u200e"


def hover_text(event: StoredEvent, lang: str) -> str:
    """Hover label: English label, date as written, Arabic sentence; every piece escaped."""
    start, end = _day(event.get("date_start")), _day(event.get("date_end"))
    span = format_span(start, end, event.get("precision"), lang)
    # each Arabic line starts with a right-to-left mark, so that a line's final full stop or a
    # leading number stays where an Arabic reader expects it
    sentence = "<br>".join(RLM + html.escape(line) for line in textwrap.wrap(event.get("sentence") or "", 70))
    sources = source_count(event)
    reported = f"<br><i>{html.escape(plural('reported_by', sources, lang))}</i>" if sources > 1 else ""
    return (
        f"<b>{html.escape(event.get('title_en') or '')}</b><br>"
        f"{RLM}{html.escape(event.get('date_text') or '')}{LRM} · {html.escape(span)}<br>{sentence}{reported}"
    )


def source_count(event: StoredEvent) -> int:
    """How many articles report the event (merged events carry all their sources)."""
    return max(1, int(event.get("source_count") or len(event.get("sources") or ()) or 1))


def _jitter(event_id: str) -> float:
    """A stable vertical offset inside the lane so that events on one day do not hide each other."""
    return (zlib.crc32(event_id.encode("utf-8")) % 1000 / 1000 - 0.5) * 0.6


def lane_order(events: Sequence[StoredEvent], lanes: str) -> list[str]:
    counts = Counter(lane for event in events for lane in event_lanes(event, lanes))
    if lanes == "type":
        return [kind for kind in EVENT_TYPES if kind in counts] + sorted(set(counts) - set(EVENT_TYPES))
    return sorted(counts, key=lambda key: (-counts[key], key))


def mark_count(events: Sequence[StoredEvent], lanes: str) -> int:
    return sum(len(event_lanes(event, lanes)) for event in events if event.get("date_start"))


def _empty_figure(lane_count: int) -> go.Figure:
    figure = go.Figure()
    figure.update_layout(
        height=max(300, 110 + 46 * lane_count),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        hoverlabel={"align": "right"},
        dragmode="zoom",
        plot_bgcolor="#fbfbfb",
    )
    figure.update_xaxes(type="date", rangeslider={"visible": True, "thickness": 0.08}, showgrid=True)
    return figure


@dataclass
class _Marks:
    """The marks of one (type, shape) group, as the columns of one plotly trace."""

    x: list[str | int] = field(default_factory=list)  # a day's noon, or a span's length in ms
    base: list[str] = field(default_factory=list)  # a span's first day
    y: list[float] = field(default_factory=list)
    customdata: list[list[str]] = field(default_factory=list)  # [event id, hover text]
    text: list[str] = field(default_factory=list)  # the number of sources, when more than one
    size: list[int] = field(default_factory=list)


def _shape(start: date, end: date, precision: str | None) -> str:
    """``day``: a dot; ``span``: a solid bar over known days; ``vague``: a hatched bar over a month or year."""
    if precision != "day":
        return "vague"
    return "day" if start == end else "span"


def _grouped_marks(
    events: Sequence[StoredEvent], lanes: str, lang: str, order: list[str]
) -> dict[tuple[str, str], _Marks]:
    position = {lane: number for number, lane in enumerate(order)}
    groups: dict[tuple[str, str], _Marks] = {}
    for event in events:
        start = _day(event.get("date_start"))
        if start is None:
            continue
        end = _day(event.get("date_end")) or start
        shape = _shape(start, end, event.get("precision"))
        marks = groups.setdefault((event.get("type") or "other", shape), _Marks())
        sources = source_count(event)
        for lane in event_lanes(event, lanes):
            if shape == "day":
                marks.x.append(f"{start.isoformat()}T12:00:00")
            else:
                marks.base.append(start.isoformat())
                marks.x.append(((end - start).days + 1) * _DAY_MS)
            marks.y.append(position[lane] + _jitter(str(event["id"])))
            marks.customdata.append([str(event["id"]), hover_text(event, lang)])
            marks.text.append(str(sources) if sources > 1 else "")
            marks.size.append(min(22, 10 + 3 * (sources - 1)))
    return groups


def _day_trace(marks: _Marks, colour: str, common: dict[str, object]) -> go.Scatter:
    """Dots; a mark reported by several sources is bigger and shows their number."""
    return go.Scatter(
        x=marks.x,
        mode="markers+text",
        text=marks.text,
        textposition="middle right",
        textfont={"size": 10, "color": "#444"},
        marker={"color": colour, "size": marks.size, "line": {"color": "white", "width": 1}},
        **common,
    )


def _span_trace(marks: _Marks, colour: str, vague: bool, common: dict[str, object]) -> go.Bar:
    """Bars over the days of a span; lighter and hatched when only the month or year is known."""
    return go.Bar(
        x=marks.x,
        base=marks.base,
        orientation="h",
        width=0.14,
        text=marks.text,
        textposition="outside",
        textfont={"size": 10, "color": "#444"},
        marker={
            "color": colour,
            "opacity": 0.35 if vague else 0.85,
            "line": {"color": colour, "width": 1},
            "pattern": {"shape": "/" if vague else "", "fgcolor": colour, "size": 6},
        },
        **common,
    )


def _event_traces(events: Sequence[StoredEvent], lanes: str, lang: str, order: list[str]) -> list[go.BaseTraceType]:
    groups = _grouped_marks(events, lanes, lang, order)
    traces: list[go.BaseTraceType] = []
    shown: set[str] = set()
    for kind in [*EVENT_TYPES, *sorted({key[0] for key in groups} - set(EVENT_TYPES))]:
        for shape in ("vague", "span", "day"):
            marks = groups.get((kind, shape))
            if marks is None:
                continue
            common: dict[str, object] = {
                "name": type_label(kind, lang),
                "legendgroup": kind,
                "showlegend": kind not in shown,
                "customdata": marks.customdata,
                "hovertemplate": "%{customdata[1]}<extra></extra>",
                "y": marks.y,
            }
            shown.add(kind)
            colour = type_colour(kind)
            if shape == "day":
                traces.append(_day_trace(marks, colour, common))
            else:
                traces.append(_span_trace(marks, colour, shape == "vague", common))
    return traces


def _weekly_trace(events: Sequence[StoredEvent], lanes: str, lang: str, order: list[str]) -> go.Heatmap:
    counts: Counter[tuple[str, str]] = Counter()
    for event in events:
        start = _day(event.get("date_start"))
        if start is None:
            continue
        week = (start - timedelta(days=start.weekday())).isoformat()
        for lane in event_lanes(event, lanes):
            counts[(week, lane)] += 1
    weeks = sorted({week for week, _ in counts})
    column = {week: number for number, week in enumerate(weeks)}
    z = [[0] * len(weeks) for _ in order]
    for (week, lane), count in counts.items():
        z[order.index(lane)][column[week]] = count
    return go.Heatmap(
        x=weeks,
        y=list(range(len(order))),
        z=z,
        colorscale="Blues",
        xgap=0,
        ygap=3,
        hovertemplate="%{x|%d %b %Y}: %{z}<extra></extra>",
        colorbar={"thickness": 10},
    )


def timeline_figure(
    events: Sequence[StoredEvent], *, lanes: str = "type", lang: str = "en", max_marks: int = MAX_MARKS
) -> tuple[go.Figure, bool]:
    """The timeline of the dated ``events`` and whether it had to be aggregated by week."""
    dated = [event for event in events if event.get("date_start")]
    order = lane_order(dated, lanes)
    figure = _empty_figure(len(order))
    aggregated = mark_count(dated, lanes) > max_marks
    if aggregated:
        figure.add_trace(_weekly_trace(dated, lanes, lang, order))
    else:
        figure.add_traces(_event_traces(dated, lanes, lang, order))
        figure.add_trace(
            go.Bar(
                x=[None],
                y=[None],
                name=t("less_precise", lang),
                orientation="h",
                marker={"color": "#bbbbbb", "opacity": 0.5, "pattern": {"shape": "/"}},
                hoverinfo="skip",
                legendgroup="precision",
            )
        )
    figure.update_yaxes(
        tickvals=list(range(len(order))),
        ticktext=[lane_label(lane, lanes, lang) for lane in order],
        range=[len(order) - 0.5, -0.5],
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    figure.update_layout(barmode="overlay")
    if dated:
        whole = [day.isoformat() for day in padded_range(dated)]
        shown = [day.isoformat() for day in padded_range(dated, focus=True)]
        figure.update_xaxes(range=shown, rangeslider_range=whole)
    return figure, aggregated


FOCUS_SHARE = 0.9  # the first view opens on the latest 90% of events when a few old ones would squeeze them
FOCUS_MIN_YEARS = 4


def padded_range(events: Sequence[StoredEvent], focus: bool = False) -> tuple[date, date]:
    """The days the dated ``events`` cover, padded so a single event is not drawn at millisecond scale.

    With ``focus``, a long history is cut to the years of its latest FOCUS_SHARE of events
    ("9 Nov 2020" and "1991" background dates stay reachable with the range slider)."""
    spans = [
        (start, _day(event.get("date_end")) or start) for event in events if (start := _day(event.get("date_start")))
    ]
    starts = sorted(start for start, _ in spans)
    first = starts[0]
    last = max(end for _, end in spans)
    if focus and (last - first).days > FOCUS_MIN_YEARS * 365:
        first = max(
            first, min(starts[int(len(starts) * (1 - FOCUS_SHARE))], last - timedelta(days=FOCUS_MIN_YEARS * 365))
        )
    pad = timedelta(days=max(20, (last - first).days // 25))
    return first - pad, last + pad + timedelta(days=1)
