"""What the charts' marks stand for, as lists a keyboard can reach.

Plotly's marks (SVG points drawn by the chart's script) take no focus. Under each chart
a labelled list offers the same choices as its marks: the events the timeline shows in its visible
range (or, when it counts them per week or month, those periods, to zoom into), and the map's
markers with the places they group. Picking one does what a click on the mark does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from components.store.views import Mark, TimelineData
from components.ui.i18n import format_span, plural, type_label
from components.ui.timeline_figure import mark_title


@dataclass(frozen=True)
class Choice:
    """One entry of a chart's list: it opens ``event``, zooms to ``window`` or picks ``places``."""

    key: str
    label: str
    event: str | None = None
    window: tuple[date, date] | None = None
    places: tuple[str, ...] = ()


def visible(mark: Mark, window: tuple[date, date] | None) -> bool:
    return window is None or (mark.date_end >= window[0] and mark.date_start <= window[1])


def mark_choice(mark: Mark, lang: str) -> Choice:
    when = format_span(mark.date_start, mark.date_end, mark.precision, lang)
    return Choice(
        mark.id, f"{when} · {type_label(mark.type, lang).capitalize()}{mark_title(mark, lang)}", event=mark.id
    )


def period_choices(content: TimelineData, window: tuple[date, date] | None, lang: str) -> tuple[Choice, ...]:
    """The weeks or months the timeline counts (all lanes together) in its visible range, oldest first."""
    counts: Counter[tuple[date, date]] = Counter()
    for bucket in content.buckets:
        if window is None or (bucket.end >= window[0] and bucket.start <= window[1]):
            counts[(bucket.start, bucket.end)] += bucket.count
    precision = "month" if content.bucket == "month" else "day"
    return tuple(
        Choice(
            f"{start.isoformat()}..{end.isoformat()}",
            f"{format_span(start, end, precision, lang)} · {plural('summary_events', count, lang)}",
            window=(start, end),
        )
        for (start, end), count in sorted(counts.items())
    )


def timeline_choices(content: TimelineData, window: tuple[date, date] | None, lang: str) -> tuple[Choice, ...]:
    """The entries of the timeline's list: its visible events by date (each once, whatever its
    lanes), or its visible periods when it draws counts."""
    if content.buckets:
        return period_choices(content, window, lang)
    marks = sorted((mark for mark in content.marks if visible(mark, window)), key=lambda m: (m.date_start, m.id))
    return tuple(mark_choice(mark, lang) for mark in marks)


def map_choices(markers: Sequence[tuple[str, tuple[str, ...]]]) -> tuple[Choice, ...]:
    """The entries of the map's list: one per marker (its label, the English names of its places)."""
    return tuple(Choice("\n".join(names), label, places=names) for label, names in markers if names)


def chosen(choices: Sequence[Choice], *, event: str | None, places: Sequence[str]) -> str | None:
    """The entry the page shows now: the open event's, else the chosen places' marker."""
    for choice in choices:
        if (event and choice.event == event) or (places and choice.places and set(choice.places) == set(places)):
            return choice.key
    return None
