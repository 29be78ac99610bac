"""The publication date of an article, read from the page itself (see docs/dates.md).

Where pages print it: a stamp in the header region (the lines before the body starts: masthead,
navigation, title, byline, stamp, caption), in the first lines of the text, or alone on one of its
last lines. What is not a publication date: a photo caption's date, a list of other headlines with
their dates, a header clock showing the day of viewing, a print-issue line, a date inside a
sentence of the story. Preference: an explicit publication label ("تاريخ النشر", "نشر في"), then
a stamp printed with its time, then the first stamp standing alone on its line; an "updated" stamp
only when nothing else is printed; never a date later than one printed as the time a crawler or
reader saw the page. Without a stamp, a day announced as today with its full date ("اليوم
الثلاثاء الموافق 25 يوليو 2023") or a weekday next to a day and month ("weekday") may tell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from components.extract.dates.lexicon import date_lexicon
from components.extract.dates.mentions import resolve_mentions
from components.extract.dates.patterns import alternation
from components.extract.dates.scan import Mention, day_number
from components.extract.html_meta import url_date
from components.extract.models import DateSpan
from components.extract.page_lines import is_caption, is_prose, list_item
from components.extract.page_markers import load_markers
from components.extract.stamps import Stamp, find_stamps
from components.text.arabic import fold

GIVEN_RANGE = (date(1900, 1, 1), date(2100, 12, 31))  # publication dates a caller may give
TOP_LINES = 12  # lines of the text searched for a stamp after the header region
TAIL_LINES = 3  # ... and at its end (a stamp standing alone on a closing line)
WEEKDAY_YEARS = 15  # years searched for a weekday + day + month, from the latest written year on
HEADER, TOP, TAIL = "header", "top", "tail"
OPENING_CHARS = 600  # the article's opening, where "اليوم الخميس" is the day of writing


@dataclass(frozen=True)
class PrintedStamp:
    """A stamp found in the page, and where: region (header, top, tail) and line order."""

    stamp: Stamp
    region: str
    order: int


@dataclass(frozen=True)
class DateSources:
    """Every source a publication date may come from, most trusted first (see :func:`choose_publication_date`)."""

    metadata: date | None = None  # the page's metadata file (or the caller, for that page)
    html: date | None = None  # the HTML page's own metadata
    url: str | None = None  # the page's own address
    given: date | None = None  # a date given from outside (a feed, a command-line flag)
    extracted: date | None = None  # the main-text extractor's guess


def _regions(header: Sequence[str], text: str) -> list[tuple[str, str]]:
    lines = [(HEADER, line.strip()) for line in header if line.strip()]
    body = [line.strip() for line in text.split("\n") if line.strip()]
    lines += [(TOP, line) for line in body[:TOP_LINES]]
    lines += [(TAIL, line) for line in body[max(TOP_LINES, len(body) - TAIL_LINES) :]]
    return lines


def _usable(stamp: Stamp, line: str, region: str) -> bool:
    """A stamp that may be the page's own: labelled, or alone on a line that is neither a caption,
    a list item nor a sentence of the story."""
    if stamp.issue or stamp.crawl:
        return False
    if stamp.label in ("published", "updated"):
        return True
    if not stamp.bare or is_prose(line) or list_item(line) is not None:
        return False
    return region != TAIL or stamp.label is None


def printed_stamps(header: Sequence[str], text: str) -> tuple[list[PrintedStamp], date | None]:
    """The usable stamps of the header region and of the text's first and last lines, and the
    latest day the page may have been published by (a crawler's or reader's date), if printed."""
    markers = load_markers()
    found: list[PrintedStamp] = []
    seen_by: list[date] = []
    for order, (region, line) in enumerate(_regions(header, text)):
        stamps = find_stamps(line)
        if not stamps or is_caption(line, markers):
            continue
        for stamp in stamps:
            if stamp.crawl or stamp.label == "viewed":
                seen_by.append(stamp.day)
            elif _usable(stamp, line, region):
                found.append(PrintedStamp(stamp, region, order))
    return found, min(seen_by, default=None)


def _rank(printed: PrintedStamp) -> int:
    stamp = printed.stamp
    if printed.region == TAIL:
        return 5
    if stamp.label == "updated":
        return 4
    if stamp.weekday_agrees is False:
        return 3
    if stamp.label == "published":
        return 0
    return 1 if stamp.timed else 2


def _without_clocks(found: list[PrintedStamp]) -> list[PrintedStamp]:
    """Drop header clocks: a plain stamp (no label, no time) printed before another unlabelled one
    of an earlier day shows the day the page was viewed, not the day it was published."""
    unlabelled = [item for item in found if _rank(item) in (1, 2)]
    return [
        item
        for item in found
        if _rank(item) != 2
        or not any(other.order > item.order and other.stamp.day < item.stamp.day for other in unlabelled)
    ]


def printed_stamp(header: Sequence[str], text: str) -> PrintedStamp | None:
    """The stamp a page prints as its publication date (see the module docstring), or ``None``."""
    found, seen_by = printed_stamps(header, text)
    found = [item for item in found if seen_by is None or item.stamp.day <= seen_by]
    found = _without_clocks(found)
    return min(found, key=lambda item: (_rank(item), item.order), default=None)


def printed_date(header: Sequence[str], text: str) -> date | None:
    """The publication date a page prints (see the module docstring), or ``None``."""
    printed = printed_stamp(header, text)
    return printed.stamp.day if printed is not None else None


def _clock_corrected(printed: PrintedStamp, text: str) -> date:
    """A plain stamp (no time, no label) may be the site's clock, the day the page was viewed. When the
    article's opening announces today with another weekday ("اليوم الخميس" under a Friday's date), it
    was published on the last such weekday before that day."""
    day = printed.stamp.day
    if _rank(printed) != 2:
        return day
    today = today_with_weekday().search(fold(text[:OPENING_CHARS]).text)
    if today is None:
        return day
    weekdays = date_lexicon().weekdays
    weekday = next((weekdays[word] for word in re.findall(r"\w+", today.group()) if word in weekdays), None)
    return day if weekday is None else day - timedelta(days=(day.weekday() - weekday) % 7)


@lru_cache(maxsize=1)
def today_with_weekday() -> re.Pattern[str]:
    """ "اليوم" (a relative day of offset 0) followed by a weekday, on folded text."""
    lexicon = date_lexicon()
    today = [phrase for phrase, value in lexicon.words["relative_day"].items() if value == 0]
    return re.compile(rf"(?<!\w){alternation(today)}[\s,،(\-]*{alternation(lexicon.weekdays)}(?!\w)")


def _written_day(span: DateSpan) -> bool:
    """A full day date written with its year (not inferred, not relative)."""
    return (
        span.precision == "day"
        and span.start is not None
        and not span.approximate
        and not span.relative
        and span.start == span.end
    )


def _announced_today(found: list[tuple[Mention, DateSpan]]) -> date | None:
    """A day announced as today with its full date: "اليوم الثلاثاء الموافق 25 يوليو 2023"."""
    for mention, span in found:
        if mention.today == 0 and mention.weekday is not None and _written_day(span):
            return span.start
    return None


def _weekday_date(found: list[tuple[Mention, DateSpan]]) -> date | None:
    """Today's weekday next to a day and month without a year ("اليوم الأربعاء الموافق 5 يونيو"):
    the first such day on that weekday from the latest year the article writes."""
    years = [mention.written_year() or mention.borrowed_year for mention, span in found if span.start is not None]
    latest = max((year for year in years if year is not None), default=None)
    if latest is None:
        return None
    for mention, _ in found:
        if not (mention.kind == "dmy" and mention.today == 0 and mention.weekday is not None):
            continue
        if mention.written_year() is not None or mention.borrowed_year is not None:
            continue
        month = date_lexicon().month(mention.group("ma") or "")
        if month is None:
            continue
        for year in range(latest, latest + WEEKDAY_YEARS):
            try:
                day = date(year, month.month, day_number(mention.groups, "a"))
            except ValueError:
                continue
            if day.weekday() == mention.weekday:
                return day
    return None


def infer_publication_date(text: str, header: Sequence[str] = ()) -> tuple[date | None, str]:
    """Publication date of an article from its own text, and how it was found: "stamp", "weekday" or "unknown"."""
    printed = printed_stamp(header, text)
    if printed is not None:
        return _clock_corrected(printed, text), "stamp"
    folded = fold(text)
    if not today_with_weekday().search(folded.text):
        return None, "unknown"  # both readings below need "today" with a weekday: spare the date scan
    found = resolve_mentions(folded, text, None)
    today = _announced_today(found)
    if today is not None:
        return today, "stamp"
    weekday = _weekday_date(found)
    return (weekday, "weekday") if weekday is not None else (None, "unknown")


def given_date_problem(day: date) -> str | None:
    """Why a publication date given by a caller (a flag, a metadata file) cannot be used, or ``None``:
    relative dates are counted from it, so it must be a plausible day."""
    low, high = GIVEN_RANGE
    if low <= day <= high:
        return None
    return f"{day.isoformat()} is out of range (publication dates run from {low.isoformat()} to {high.isoformat()})"


def choose_publication_date(
    sources: DateSources, header: Sequence[str], text: str, *, own_page: bool = True
) -> tuple[date | None, str]:
    """The publication date of an article and how it was found. Most trusted first: the page's
    metadata file ("metadata"), the HTML page's own metadata ("html"), its address ("url"), the
    date it prints ("stamp"), a date given from outside ("metadata"), the main-text extractor's
    guess ("html"), a weekday date ("weekday"). ``own_page`` is false for the second and later
    articles of a page, which the page's metadata and address do not describe."""
    ordered: list[tuple[date | None, str]] = [(sources.metadata, "metadata")]
    if own_page:
        ordered += [(sources.html, "html"), (url_date(sources.url), "url")]
    for day, how in ordered:
        if day is not None:
            return day, how
    printed, how = infer_publication_date(text, header)
    if how == "stamp":
        return printed, how
    for day, source in ((sources.given, "metadata"), (sources.extracted if own_page else None, "html")):
        if day is not None:
            return day, source
    return printed, how
