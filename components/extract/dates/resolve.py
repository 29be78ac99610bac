"""Turning the parts of a date mention into calendar days: plain ``datetime`` and ``calendar``
arithmetic (spans of days, months and years, year inference, relative dates) and ``hijridate`` for
Hijri dates."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hijridate import Hijri

# How a missing year (or a weekday) is placed relative to the publication date.
PAST = "past"  # latest occurrence on or before the publication date
FUTURE = "future"  # earliest occurrence on or after it
STRICT_PAST = "strict_past"  # strictly before ("مايو الماضي", "الخميس الماضي")
STRICT_FUTURE = "strict_future"  # strictly after ("مايو المقبل", "الخميس المقبل")
# Years a span can be given for: a year is written with four digits (years before 1000 have no span).
WRITTEN_YEARS = range(1000, 10000)


def day_span(year: int, month: int, day: int) -> tuple[date, date] | None:
    """One day; ``None`` if the month has no such day (or the year is not a four-digit year)."""
    span = month_span(year, month)
    if span is None or not 1 <= day <= span[1].day:
        return None
    when = span[0].replace(day=day)
    return when, when


def month_span(year: int, month: int) -> tuple[date, date] | None:
    """The first and last day of a month; ``None`` outside the four-digit years."""
    if year not in WRITTEN_YEARS or not 1 <= month <= 12:
        return None
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


# Parts of a month as days (the last day is cut to the month's length): "مطلع" 1-10, "منتصف" 11-20,
# "أواخر" 21-end, "النصف الأول" 1-15, "النصف الثاني" 16-end.
MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31), "first_half": (1, 15), "second_half": (16, 31)}


def month_part_span(year: int, month: int, part: str) -> tuple[date, date] | None:
    """The days of a part of a month (a key of MONTH_PARTS)."""
    span = month_span(year, month)
    if span is None:
        return None
    first, last = MONTH_PARTS[part]
    return span[0].replace(day=first), span[0].replace(day=min(last, span[1].day))


def year_span(year: int) -> tuple[date, date] | None:
    """The first and last day of a year; ``None`` outside the four-digit years."""
    if year not in WRITTEN_YEARS:
        return None
    return date(year, 1, 1), date(year, 12, 31)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


NEAR_FUTURE_DAYS = 10  # a day this close after publication is upcoming, not nearly a year ago


def infer_year(month: int, day: int | None, published: date, mode: str) -> int | None:
    """The year of a day (or of a month when ``day`` is None) placed against ``published``.

    In PAST mode a day at most NEAR_FUTURE_DAYS after the publication date stays in its year:
    "في 16 ديسمبر" in a page of 15 December is tomorrow, not 363 days ago.
    """
    if mode == PAST and day is not None:
        soon = _safe_date(published.year, month, day)
        if soon is not None and published < soon <= published + timedelta(days=NEAR_FUTURE_DAYS):
            return published.year
    years = range(published.year - 8, published.year + 9)
    candidates = reversed(years) if mode in (PAST, STRICT_PAST) else iter(years)
    for year in candidates:
        # (year, month, day) tuples order like dates; a month alone compares with day 0 on both sides
        if day is None:
            key, ref = (year, month, 0), (published.year, published.month, 0)
        else:
            if _safe_date(year, month, day) is None:
                continue
            key, ref = (year, month, day), (published.year, published.month, published.day)
        if (
            mode == PAST
            and key <= ref
            or mode == STRICT_PAST
            and key < ref
            or mode == FUTURE
            and key >= ref
            or mode == STRICT_FUTURE
            and key > ref
        ):
            return year
    return None


def weekday_date(published: date, weekday: int, mode: str) -> date:
    """The day with that weekday nearest to ``published`` in the direction ``mode``."""
    if mode in (FUTURE, STRICT_FUTURE):
        ahead = (weekday - published.weekday()) % 7
        if ahead == 0 and mode == STRICT_FUTURE:
            ahead = 7
        return published + timedelta(days=ahead)
    back = (published.weekday() - weekday) % 7
    if back == 0 and mode == STRICT_PAST:
        back = 7
    return published - timedelta(days=back)


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def hijri_span(year: int, month: int, day: int | None) -> tuple[date, date] | None:
    """Gregorian days of a Hijri day or month; ``None`` if the date is invalid or out of the converter's range."""
    try:
        if day is not None:
            when = Hijri(year, month, day).to_gregorian()
            return date(when.year, when.month, when.day), date(when.year, when.month, when.day)
        first = Hijri(year, month, 1)
        last = Hijri(year, month, first.month_length()).to_gregorian()
        start = first.to_gregorian()
        return date(start.year, start.month, start.day), date(last.year, last.month, last.day)
    except (ValueError, OverflowError):
        return None
