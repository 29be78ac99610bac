"""Whether an event took place or is planned, and whether it is the article's news or background.

- ``status``: ``planned`` when the text puts its date ahead of the time of writing ("غدا",
  "المقبل", "من المقرر أن", "سيعقد في", "بعد أسبوعين": ``DateSpan.planned``) or when the date
  starts after the publication date ("أواخر الشهر الجاري" said early in the month); otherwise
  ``reported``.
- ``role``: ``background`` when the middle of its span lies more than :data:`NEWS_DAYS` before
  the article's reference date (the publication date, or else the latest reported day the
  article names); planned events and events without a date are ``news``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from components.extract.models import DateSpan

NEWS_DAYS = 21  # a happening this close before publication is what the article reports
REPORTED, PLANNED = "reported", "planned"
NEWS, BACKGROUND = "news", "background"


def event_status(span: DateSpan, published: date | None) -> str:
    if span.planned:
        return PLANNED
    if published is not None and span.start is not None and span.start > published:
        return PLANNED
    return REPORTED


def reference_date(published: date | None, spans: Iterable[DateSpan]) -> date | None:
    """The day the article speaks from: its publication date, else the latest day-precision date
    of a reported happening it names."""
    if published is not None:
        return published
    days = [span.end for span in spans if span.end is not None and span.precision == "day" and not span.planned]
    return max(days, default=None)


def event_role(span: DateSpan, status: str, reference: date | None) -> str:
    if status == PLANNED or span.start is None or span.end is None or reference is None:
        return NEWS
    middle = span.start + (span.end - span.start) / 2
    return BACKGROUND if (reference - middle).days > NEWS_DAYS else NEWS
