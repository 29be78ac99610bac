"""The publication date of an article, read from its own text (see docs/dates.md)."""

from __future__ import annotations

from datetime import date

from components.extract.dates.lexicon import date_lexicon
from components.extract.dates.mentions import resolve_mentions
from components.extract.dates.patterns import TIME_OF_DAY, date_patterns
from components.extract.dates.scan import Mention, day_number
from components.extract.models import DateSpan
from components.text.arabic import fold

TOP_LINES = 3  # a date stamp is looked for in the first non-empty lines
STAMP_LINE_SLACK = 40  # … on a line holding little besides the date
CUE_DISTANCE = 30  # or right after "نشر في", "بتاريخ", "آخر تحديث" …
WEEKDAY_YEARS = 15  # years searched for a weekday + day + month, from the latest written year on


def _top_line_ranges(text: str) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            ranges.append((offset, offset + len(line)))
            if len(ranges) == TOP_LINES:
                break
        offset += len(line) + 1
    return ranges


def _is_stamp(mention: Mention, folded: str, top_lines: list[tuple[int, int]]) -> bool:
    if TIME_OF_DAY.match(folded, mention.end):
        return True
    before = folded[max(0, mention.start - CUE_DISTANCE) : mention.start]
    cues = list(date_patterns().stamp_cue.finditer(before))
    if cues and not before[cues[-1].end() :].strip(" \t:：-،,"):
        return True
    for start, end in top_lines:
        if start <= mention.start and mention.end <= end:
            return len(folded[start:end].strip()) - (mention.end - mention.start) <= STAMP_LINE_SLACK
    return False


def _written_day(mention: Mention, span: DateSpan) -> bool:
    """A full day date written with its year (not inferred, not relative)."""
    return (
        span.precision == "day"
        and span.start is not None
        and not span.approximate
        and not span.relative
        and span.start == span.end
    )


def infer_publication_date(text: str) -> tuple[date | None, str]:
    """Publication date of an article from its own text, and how it was found: "stamp", "weekday" or "unknown"."""
    folded = fold(text)
    found = resolve_mentions(folded, text, None)
    top_lines = _top_line_ranges(folded.text)
    for mention, span in found:
        announced_as_today = (
            mention.today == 0 and mention.weekday is not None
        )  # "اليوم الثلاثاء الموافق 25 يوليو 2023"
        if _written_day(mention, span) and (announced_as_today or _is_stamp(mention, folded.text, top_lines)):
            return span.start, "stamp"
    years = [mention.written_year() or mention.borrowed_year for mention, span in found if span.start is not None]
    latest = max((year for year in years if year is not None), default=None)
    if latest is None:
        return None, "unknown"
    for mention, _ in found:
        if (
            mention.kind == "dmy"
            and mention.today == 0
            and mention.weekday is not None
            and mention.written_year() is None
            and mention.borrowed_year is None
        ):
            month = date_lexicon().month(mention.group("ma") or "")
            if month is None:
                continue
            for year in range(latest, latest + WEEKDAY_YEARS):
                try:
                    day = date(year, month.month, day_number(mention.groups, "a"))
                except ValueError:
                    continue
                if day.weekday() == mention.weekday:
                    return day, "weekday"
    return None, "unknown"
