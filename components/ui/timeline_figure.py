"""The timeline: the marks (or, when too many, the week or month counts) of
:meth:`~components.store.views.EventViews.timeline`, one lane per type or per country.

Marks are SVG points (``scatter``; at most ``MAX_MARKS`` of them, so no WebGL context is needed:
creating one costs seconds of a page load where WebGL runs in software, and some browsers have none):
one point per event and lane, at its day or at the middle of its span, with a line over the span;
hollow when planned, faded when dated only to a month or a year, with the number of reporting
articles beside it when more than one. A point carries no id: the figure's
:attr:`TimelineView.ids` maps (trace, point) back to the event, which keeps every rerun's payload
small.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import plotly.graph_objects as go

from components.extract.models import EVENT_TYPES
from components.store.views import Bucket, Mark, TimelineData
from components.ui.i18n import country_name, event_title, format_span, plural, t, type_label

TYPE_COLOURS: dict[str, str] = {
    "meeting": "#1f77b4",
    "agreement": "#2ca02c",
    "statement": "#9467bd",
    "military": "#d62728",
    "border": "#ff7f0e",
    "protest": "#e377c2",
    "other": "#7f7f7f",
}
MIN_SPAN_DAYS = 30  # the timeline shows at least this many days
MAX_MARKS = 1200  # above this many dated events, the timeline counts them per week or month
TOP_LANES = 12  # country lanes drawn one by one; the rest share one lane
OTHER = "*"  # the lane of the other countries
NO_COUNTRY = "—"
HIGHLIGHT = "#111111"

Hover = Callable[[Mark], str]


def type_colour(kind: str) -> str:
    return TYPE_COLOURS.get(kind, TYPE_COLOURS["other"])


def lane_label(key: str, lanes: str, lang: str) -> str:
    if lanes == "country":
        if key == NO_COUNTRY:
            return t("no_country", lang)
        return t("lane_other", lang) if key == OTHER else country_name(key, lang)
    return type_label(key, lang)


def _raw_lanes(countries: Sequence[str], kind: str, lanes: str) -> list[str]:
    if lanes == "type":
        return [kind]
    return list(countries) or [NO_COUNTRY]


def lane_order(counts: Counter[str], lanes: str, top: int = TOP_LANES) -> list[str]:
    """Type lanes in the order of the event types; country lanes by number of events, the first
    ``top`` on their own and the rest as one lane "other countries" at the bottom."""
    if lanes == "type":
        return [kind for kind in EVENT_TYPES if kind in counts] + sorted(set(counts) - set(EVENT_TYPES))
    ordered = sorted(counts, key=lambda key: (-counts[key], key))
    return ordered if len(ordered) <= top + 1 else [*ordered[:top], OTHER]


def lanes_of(countries: Sequence[str], kind: str, lanes: str, order: Sequence[str]) -> list[str]:
    """The lanes an event is drawn in: its type, or each of its countries (those outside the top
    lanes once, in "other")."""
    keys = [key if key in order else OTHER for key in _raw_lanes(countries, kind, lanes)]
    return list(dict.fromkeys(keys))


def jitter(event_id: str) -> float:
    """A stable vertical offset inside the lane so that events on one day do not hide each other."""
    return round((zlib.crc32(event_id.encode("utf-8")) % 1000 / 1000 - 0.5) * 0.6, 2)


def centre(mark: Mark) -> date:
    return mark.date_start + (mark.date_end - mark.date_start) / 2


@dataclass
class _Points:
    """The points of one (type, status) group: the columns of one scatter trace."""

    ids: list[str] = field(default_factory=list)
    x: list[str] = field(default_factory=list)
    y: list[float] = field(default_factory=list)
    hover: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    opacity: list[float] = field(default_factory=list)
    spans: list[tuple[date, date, float, bool]] = field(default_factory=list)  # start, end, y, vague


def _group_points(marks: Sequence[Mark], lanes: str, order: Sequence[str], hover: Hover) -> dict[tuple, _Points]:
    position = {lane: number for number, lane in enumerate(order)}
    groups: dict[tuple[str, bool], _Points] = {}
    for mark in marks:
        points = groups.setdefault((mark.type, mark.status == "planned"), _Points())
        vague = mark.precision != "day"
        for lane in lanes_of(mark.countries, mark.type, lanes, order):
            y = position[lane] + jitter(mark.id)
            points.ids.append(mark.id)
            points.x.append(centre(mark).isoformat())
            points.y.append(round(y, 2))
            points.hover.append(hover(mark))
            points.text.append(str(mark.source_count) if mark.source_count > 1 else "")
            points.opacity.append(0.45 if vague else 0.95)
            if mark.date_end > mark.date_start or vague:
                points.spans.append((mark.date_start, mark.date_end + timedelta(days=1), y, vague))
    return groups


def _span_trace(spans: Sequence[tuple[date, date, float, bool]], colour: str, vague: bool) -> go.Scatter:
    """Lines over the days of spans (thick and faded when only the month or year is known): one SVG
    path per trace, however many spans."""
    x: list[str | None] = []
    y: list[float | None] = []
    for start, end, lane_y, is_vague in spans:
        if is_vague == vague:
            x += [start.isoformat(), end.isoformat(), None]
            y += [round(lane_y, 2), round(lane_y, 2), None]
    return go.Scatter(
        x=x,
        y=y,
        mode="lines",
        line={"color": colour, "width": 7 if vague else 3},
        opacity=0.3 if vague else 0.8,
        hoverinfo="skip",
        showlegend=False,
    )


def _point_trace(kind: str, planned: bool, points: _Points, lang: str, legend: bool) -> go.Scatter:
    colour = type_colour(kind)
    return go.Scatter(
        x=points.x,
        y=points.y,
        mode="markers+text",
        name=type_label(kind, lang),
        legendgroup=kind,
        showlegend=legend,
        text=points.text,
        textposition="middle right",
        textfont={"size": 10, "color": "#333"},
        hovertext=points.hover,
        hovertemplate=hover_template(kind, lang),
        marker={
            "color": colour,
            "size": 11,
            "opacity": points.opacity,
            "symbol": "circle-open" if planned else "circle",
            "line": {"color": colour if planned else "white", "width": 2 if planned else 1},
        },
    )


@dataclass(frozen=True)
class TimelineView:
    """A drawn timeline: the figure, and for each trace the event ids of its points (a click
    reports the trace and point numbers)."""

    figure: go.Figure
    ids: tuple[tuple[str, ...], ...]
    aggregated: bool
    lanes: tuple[str, ...]


def _mark_traces(
    marks: Sequence[Mark], lanes: str, order: Sequence[str], lang: str, hover: Hover
) -> tuple[list[go.BaseTraceType], list[tuple[str, ...]]]:
    groups = _group_points(marks, lanes, order, hover)
    traces: list[go.BaseTraceType] = []
    ids: list[tuple[str, ...]] = []
    shown: set[str] = set()
    for kind in [*EVENT_TYPES, *sorted({key[0] for key in groups} - set(EVENT_TYPES))]:
        for planned in (False, True):
            points = groups.get((kind, planned))
            if points is None:
                continue
            for vague in (True, False):
                if any(span[3] == vague for span in points.spans):
                    traces.append(_span_trace(points.spans, type_colour(kind), vague))
                    ids.append(())
            traces.append(_point_trace(kind, planned, points, lang, kind not in shown))
            ids.append(tuple(points.ids))
            shown.add(kind)
    return traces, ids


def _key_traces(marks: Sequence[Mark], lang: str) -> list[go.Scatter]:
    """Legend entries that explain the marks: hollow = planned, faded = month or year only, a
    number beside a mark = the articles reporting it."""
    keys = []
    if any(mark.status == "planned" for mark in marks):
        keys.append(("legend_planned", {"symbol": "circle-open", "color": "#555", "size": 11}))
    if any(mark.precision != "day" for mark in marks):
        keys.append(("legend_vague", {"symbol": "circle", "color": "#555", "size": 11, "opacity": 0.45}))
    if any(mark.source_count > 1 for mark in marks):
        keys.append(("legend_sources", {"symbol": "circle", "color": "#555", "size": 11}))
    return [
        go.Scatter(x=[None], y=[None], mode="markers", name=t(key, lang), marker=marker, legendgroup=f"key-{key}")
        for key, marker in keys
    ]


def _bucket_trace(buckets: Sequence[Bucket], lanes: str, order: Sequence[str], lang: str) -> go.Heatmap:
    counts: Counter[tuple[str, str]] = Counter()
    for bucket in buckets:
        lane = bucket.lane or NO_COUNTRY if lanes == "country" else bucket.lane
        counts[(bucket.start.isoformat(), lane if lane in order else OTHER)] += bucket.count
    starts = sorted({start for start, _ in counts})
    column = {start: number for number, start in enumerate(starts)}
    row = {lane: number for number, lane in enumerate(order)}
    z: list[list[int | None]] = [[None] * len(starts) for _ in order]
    for (start, lane), count in counts.items():
        z[row[lane]][column[start]] = count
    return go.Heatmap(
        x=starts,
        y=list(range(len(order))),
        z=z,
        colorscale="Blues",
        ygap=3,
        hovertemplate=t("bucket_hover", lang, x="%{x|%d %b %Y}", n="%{z}") + "<extra></extra>",
        colorbar={"thickness": 10, "title": {"text": t("bucket_count", lang), "side": "right"}},
    )


def bucket_lane_counts(buckets: Sequence[Bucket], lanes: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for bucket in buckets:
        counts[(bucket.lane or NO_COUNTRY) if lanes == "country" else bucket.lane] += bucket.count
    return counts


def mark_lane_counts(marks: Sequence[Mark], lanes: str) -> Counter[str]:
    return Counter(lane for mark in marks for lane in _raw_lanes(mark.countries, mark.type, lanes))


def _layout(figure: go.Figure, order: Sequence[str], lanes: str, lang: str, window: tuple[date, date] | None) -> None:
    figure.update_layout(
        height=max(280, 90 + 40 * len(order)),
        margin={"l": 10, "r": 70 if lang == "ar" else 10, "t": 10, "b": 10},
        # Above the marks: below them the legend would cover the years of the axis.
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        hoverlabel={"align": "right" if lang == "ar" else "left"},
        dragmode="zoom",  # Streamlit turns point clicks off while dragging selects
        selectdirection="h",
        plot_bgcolor="#fbfbfb",
        uirevision=f"{lanes}-{window}",
    )
    figure.update_xaxes(type="date", showgrid=True, side="bottom")
    if window:
        pad = timedelta(days=max(3, (window[1] - window[0]).days // 40))
        figure.update_xaxes(range=[(window[0] - pad).isoformat(), (window[1] + pad).isoformat()])
    figure.update_yaxes(
        tickvals=list(range(len(order))),
        ticktext=[lane_label(lane, lanes, lang) for lane in order],
        range=[len(order) - 0.45, -0.6],
        showgrid=False,
        zeroline=False,
        fixedrange=True,
        side="right" if lang == "ar" else "left",
        automargin=True,
    )


def ring_points(ids: Sequence[Sequence[str]], event_id: str | None) -> tuple[tuple[int, int], ...]:
    """(trace number, point number) of each mark of the open event: where the page rings it. The
    ring is drawn over the chart in the browser, so that opening an event leaves the figure (and
    its thousand marks) as they are drawn. ``ids``: the event ids of each trace's points."""
    if not event_id:
        return ()
    return tuple(
        (trace, point) for trace, marks in enumerate(ids) for point, mark in enumerate(marks) if mark == event_id
    )


def timeline_view(
    data: TimelineData,
    *,
    lang: str = "en",
    hover: Hover | None = None,
    window: tuple[date, date] | None = None,
) -> TimelineView:
    """The figure of ``data``: its marks, or its week or month counts; ``window`` the visible days."""
    describe = hover or (lambda mark: hover_text(mark, lang, mark_title(mark, lang)))
    if data.buckets:
        order = lane_order(bucket_lane_counts(data.buckets, data.lanes), data.lanes)
        figure = go.Figure(_bucket_trace(data.buckets, data.lanes, order, lang))
        _layout(figure, order, data.lanes, lang, window)
        return TimelineView(figure, ((),), True, tuple(order))
    order = lane_order(mark_lane_counts(data.marks, data.lanes), data.lanes)
    window = window or short_span(data)
    traces, ids = _mark_traces(data.marks, data.lanes, order, lang, describe)
    traces += _key_traces(data.marks, lang)
    ids += [()] * (len(traces) - len(ids))
    figure = go.Figure(traces)
    _layout(figure, order, data.lanes, lang, window)
    return TimelineView(figure, tuple(ids), False, tuple(order))


def short_span(data: TimelineData) -> tuple[date, date] | None:
    """Days around marks that all fall within a few days: left to itself, the axis would zoom into
    hours (ticks such as 23:59:59.9995 for a single event)."""
    if data.first_day is None or data.last_day is None or (data.last_day - data.first_day).days >= MIN_SPAN_DAYS:
        return None
    margin = timedelta(days=MIN_SPAN_DAYS // 2)
    return data.first_day - margin, data.last_day + margin


def mark_title(mark: Mark, lang: str) -> str:
    """The event's title in the interface language without its type (the trace's hover template
    says the type): `` — participants — places``."""
    full = event_title(mark.type, mark.countries, mark.places, lang)
    return full[len(type_label(mark.type, lang)) :]


def hover_text(mark: Mark, lang: str, title: str = "") -> str:
    """What hovering a mark shows after its type: who and where (``title``), its date as precise as
    known, how many articles report it, whether it is planned or background (no article text: that
    is in the details)."""
    when = format_span(mark.date_start, mark.date_end, mark.precision, lang)
    notes = [plural("reported_by", mark.source_count, lang)] if mark.source_count > 1 else []
    if mark.status == "planned":
        notes.append(t("status_planned", lang))
    if mark.role == "background":
        notes.append(t("role_background", lang))
    return f"{_plain(title)}<br>{' · '.join([when, *notes])}"


def hover_template(kind: str, lang: str) -> str:
    """A trace's hover: its type in bold, then each point's own text."""
    label = type_label(kind, lang)
    return f"<b>{_plain(label[:1].upper() + label[1:])}</b>%{{hovertext}}<extra></extra>"


def _plain(text: str) -> str:
    """Text for plotly's hover labels, which read ``<b>``, ``<br>`` and entities: the markup
    characters are replaced by look-alikes so the text is never read as markup and shows no
    ``&quot;``-style entities."""
    return text.replace("&", "＆").replace("<", "‹").replace(">", "›")


OUTLIER_SHARE = 0.05  # at most this share of the events may be left out of the first view
OUTLIER_GAP_YEARS = 2  # and only when that many years without events separate them from the rest


def focus_window(marks: Sequence[Mark], buckets: Sequence[Bucket]) -> tuple[date, date] | None:
    """The years that hold all but a few outliers (a 1938 treaty recalled as background, a summit
    planned for 2050): few events, apart from the rest by years without any. ``None`` when nothing
    is cut or nothing is dated."""
    starts: Counter[int] = Counter()
    ends: Counter[int] = Counter()
    for mark in marks:
        starts[mark.date_start.year] += 1
        ends[mark.date_end.year] += 1
    for bucket in buckets:
        starts[bucket.start.year] += bucket.count
        ends[bucket.end.year] += bucket.count
    total = sum(starts.values())
    if not total:
        return None
    first = _cut(sorted(starts.items()), total * OUTLIER_SHARE, 1)
    last = _cut(sorted(ends.items(), reverse=True), total * OUTLIER_SHARE, -1)
    if first is None and last is None:
        return None
    return date(first or min(starts), 1, 1), date(last or max(ends), 12, 31)


def _cut(years: Sequence[tuple[int, int]], limit: float, direction: int) -> int | None:
    """The year where the view should start (or end, walking backwards): after the last gap of
    :data:`OUTLIER_GAP_YEARS` that leaves at most ``limit`` events outside."""
    outside = 0
    found = None
    for before, after in zip(years, years[1:], strict=False):
        outside += before[1]
        if outside > limit:
            break
        if (after[0] - before[0]) * direction >= OUTLIER_GAP_YEARS:
            found = after[0]
    return found
