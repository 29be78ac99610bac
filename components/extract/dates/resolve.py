"""Turning the parts of a date mention into calendar days.

Canonical strings ("مايو 2023", "2023") are parsed once each by one shared ``dateparser``
parser (days are placed in the parsed month); year inference and relative arithmetic are
plain ``datetime`` code.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

from components.extract.dates.lexicon import date_lexicon

# How a missing year (or a weekday) is placed relative to the publication date.
PAST = "past"  # latest occurrence on or before the publication date
FUTURE = "future"  # earliest occurrence on or after it
STRICT_PAST = "strict_past"  # strictly before ("مايو الماضي", "الخميس الماضي")
STRICT_FUTURE = "strict_future"  # strictly after ("مايو المقبل", "الخميس المقبل")


@lru_cache(maxsize=1)
def date_parser():  # type: ignore[no-untyped-def]
    """The one dateparser instance: Arabic only, first day/month preferred (never invents a day)."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["ar"],
        settings={
            "PREFER_DAY_OF_MONTH": "first",
            "PREFER_MONTH_OF_YEAR": "first",
            "RETURN_TIME_AS_PERIOD": False,
            "PARSERS": ["absolute-time"],  # canonical strings are absolute dates; skipping the other parsers is faster
        },
    )


@lru_cache(maxsize=4096)
def parse_canonical(text: str) -> tuple[date, str] | None:
    """(date, period) for a canonical string, ``None`` when dateparser rejects it."""
    data = date_parser().get_date_data(text)
    if data is None or data.date_obj is None or data.period not in ("day", "month", "year"):
        return None
    return data.date_obj.date(), str(data.period)


def canonical(year: int, month: int | None = None, day: int | None = None) -> str:
    """The string given to the parser: "D <month> Y", "<month> Y" or "Y"."""
    if month is None:
        return str(year)
    name = date_lexicon().canonical_month[month]
    return f"{day} {name} {year}" if day is not None else f"{name} {year}"


def day_span(year: int, month: int, day: int) -> tuple[date, date] | None:
    """One day, placed in the month that the parser read ("مايو 2024"); ``None`` if the month has no such day.

    Parsing the month rather than each day keeps the parser calls (the slow part) few: months
    repeat across mentions and articles, so the cache answers most of them.
    """
    span = month_span(year, month)
    if span is None or not 1 <= day <= span[1].day:
        return None
    when = span[0].replace(day=day)
    return when, when


def month_span(year: int, month: int) -> tuple[date, date] | None:
    parsed = parse_canonical(canonical(year, month))
    if parsed is None or parsed[1] != "month":
        return None
    first = parsed[0].replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def year_span(year: int) -> tuple[date, date] | None:
    parsed = parse_canonical(canonical(year))
    if parsed is None or parsed[1] != "year" or parsed[0].year != year:
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
    candidates = range(published.year - 8, published.year + 9)
    if mode in (PAST, STRICT_PAST):
        candidates = reversed(candidates)  # type: ignore[assignment]
    for year in candidates:
        if day is None:
            key, ref = (year, month), (published.year, published.month)
        else:
            when = _safe_date(year, month, day)
            if when is None:
                continue
            key, ref = when, published  # type: ignore[assignment]
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
    """Gregorian days of a Hijri day or month; ``None`` if the date is invalid or no converter is installed."""
    try:
        from hijridate import Hijri
    except ImportError:
        return None
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
