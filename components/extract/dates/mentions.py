"""Date mentions of an article resolved to spans of days (see docs/dates.md for the rules)."""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from components.extract.dates.lexicon import date_lexicon
from components.extract.dates.patterns import CLAUSE_END, SENTENCE_END, date_patterns
from components.extract.dates.resolve import (
    FUTURE,
    PAST,
    STRICT_FUTURE,
    STRICT_PAST,
    day_span,
    hijri_span,
    infer_year,
    month_span,
    shift_month,
    weekday_date,
    year_span,
)
from components.extract.dates.scan import Mention, day_number, scan
from components.extract.models import DateSpan
from components.text.arabic import Folded, fold

Resolved = tuple[date, date, str, bool, bool]  # start, end, precision, approximate, relative
UNDATED = "undated"
# characters before a date searched for "منذ …", "الموقع في …"
BACKGROUND_REACH = 60


@dataclass
class _Context:
    folded: str
    published: date | None
    sentence_ends: list[int]
    previous: list[tuple[Mention, DateSpan]]


def _direction(word: str | None) -> int | None:
    return None if word is None else date_lexicon().number("direction", word)


def _month_number(mention: Mention, suffix: str) -> int:
    entry = date_lexicon().month(mention.group("m" + suffix) or "")
    if entry is None:
        raise ValueError(f"unknown month {mention.group('m' + suffix)!r}")
    return entry.month


def _sentence(ctx: _Context, offset: int) -> int:
    return bisect.bisect_right(ctx.sentence_ends, offset)


def _future_clause(ctx: _Context, mention: Mention) -> bool:
    """True when the clause leading to the mention speaks of the future (سوف، المقرر، ستعقد … before the date)
    and not of the past (كان/كانت …).

    Only the words before the date count: in "قال في 15 أبريل إنه سيزور باكو" the future verb
    belongs to another event.
    """
    patterns = date_patterns()
    text = ctx.folded
    left = max((m.end() for m in CLAUSE_END.finditer(text, max(0, mention.start - 200), mention.start)), default=0)
    clause = text[left : mention.end]
    if patterns.past.search(clause):  # "وكان … قد أوقف في 18 حزيران": a past perfect, whatever follows
        return False
    if patterns.future.search(clause):
        return True
    return any(verb.group(1) not in patterns.not_future_verb for verb in patterns.future_verb.finditer(clause))


def _previous_dated(ctx: _Context) -> date | None:
    """Start of the latest dated mention before this one (for "the same month/year")."""
    return next((span.start for _, span in reversed(ctx.previous) if span.start is not None), None)


def _previous_relative(ctx: _Context) -> bool:
    return next((span.relative for _, span in reversed(ctx.previous) if span.start is not None), False)


def _year_of(mention: Mention, month: int, day: int | None, ctx: _Context) -> tuple[int, bool, bool] | str:
    """(year, approximate, relative) for a date with a month, or UNDATED."""
    written = mention.written_year() or mention.borrowed_year
    if written is not None:
        return written, False, False
    if mention.same_year():
        previous = _previous_dated(ctx)
        return (previous.year, True, _previous_relative(ctx)) if previous else UNDATED
    year_dir, this_year, month_dir = mention.relative_year_marks()
    published = ctx.published
    if year_dir is not None or this_year is not None:
        if published is None:
            return UNDATED
        return published.year + (_direction(year_dir) or 0), True, True
    if month_dir is not None and published is not None:
        if _direction(month_dir) == 0:  # "٢٩ ديسمبر الجاري": this month, this year
            return published.year, True, True
        mode = {-1: STRICT_PAST, 1: STRICT_FUTURE}[_direction(month_dir)]  # type: ignore[index]
        year = infer_year(month, day, published, mode)
        return (year, True, True) if year is not None else UNDATED
    sentence = _sentence(ctx, mention.start)
    background = date_patterns().background
    for earlier, span in reversed(ctx.previous):
        if _sentence(ctx, earlier.start) != sentence:
            break
        if background.search(ctx.folded, max(0, earlier.start - BACKGROUND_REACH), earlier.start):
            continue  # "منذ استعادة … في شتنبر 2023، وقد أكد … في 12 يونيو": not the year of this date
        if earlier.written_year() is not None and span.start is not None:
            return earlier.written_year(), True, False  # type: ignore[return-value]
    if published is None:
        return UNDATED
    year = infer_year(month, day, published, FUTURE if _future_clause(ctx, mention) else PAST)
    return (year, True, True) if year is not None else UNDATED


def _with_year(mention: Mention, ctx: _Context) -> Resolved | str | None:
    """Dates written with a month name: day, day range, cross-month range, month."""
    kind = mention.kind
    month = _month_number(mention, mention.suffix())
    first_month = _month_number(mention, "a") if kind == "xrange" else month
    first_day = day_number(mention.groups, "a") if kind != "month" else None
    found = _year_of(mention, first_month, first_day, ctx)
    if isinstance(found, str):
        return found
    year, approximate, relative = found
    if kind == "month":
        span = month_span(year, month)
        hedged = bool(mention.group("h1") or mention.group("h2"))
        return (span[0], span[1], "month", approximate or hedged, relative) if span else None
    first_year = last_year = year
    if kind == "xrange":
        wraps = int(first_month > month)  # "30 ديسمبر - 2 يناير"
        if mention.group("yb") or mention.borrowed_year:  # the year found is the second date's
            first_year = int(mention.group("ya") or year - wraps)  # type: ignore[arg-type]
        else:
            last_year = year + wraps
    first = day_span(first_year, first_month, first_day)  # type: ignore[arg-type]
    last = first if kind == "dmy" else day_span(last_year, month, day_number(mention.groups, "b"))
    if first is None or last is None or first[0] > last[1]:
        return None
    return first[0], last[1], "day", approximate, relative


def _relative(mention: Mention, ctx: _Context) -> Resolved | str | None:
    """Mentions resolved against the publication date (or, for anchors, the previous day)."""
    lexicon = date_lexicon()
    published = ctx.published
    if mention.kind == "anchor":
        offset = lexicon.number("anchor_day", mention.group("anchor") or "")
        background = date_patterns().background
        for earlier, span in reversed(ctx.previous):
            if background.search(ctx.folded, max(0, earlier.start - BACKGROUND_REACH), earlier.start):
                continue  # "منذ 20 يناير", "البيان الموقع في 9 نوفمبر": not the day the story is at
            if span.precision == "day" and span.end is not None:
                day = span.end + timedelta(days=offset)
                return day, day, "day", True, span.relative
        return UNDATED
    if mention.kind == "relmonth_day" and mention.group("same"):
        previous = _previous_dated(ctx)
        span = day_span(previous.year, previous.month, day_number(mention.groups, "a")) if previous else None
        return (span[0], span[1], "day", True, _previous_relative(ctx)) if span else UNDATED
    if published is None:
        return UNDATED
    if mention.kind == "relday":
        day = published + timedelta(days=lexicon.number("relative_day", mention.group("rel") or ""))
        return day, day, "day", True, True
    direction = _direction(mention.group("dir"))
    if mention.kind == "weekday":
        if direction is None:
            mode = FUTURE if _future_clause(ctx, mention) else PAST
        else:
            mode = {-1: STRICT_PAST, 0: PAST, 1: STRICT_FUTURE}[direction]
        day = weekday_date(published, lexicon.weekdays[mention.group("wd") or ""], mode)
        return day, day, "day", True, True
    period = lexicon.label("period", mention.group("per") or mention.group("per2"))
    direction = direction or 0
    if mention.kind == "relmonth_day":
        year, month = shift_month(published.year, published.month, direction)
        span = day_span(year, month, day_number(mention.groups, "a"))
        return (span[0], span[1], "day", True, True) if span else None
    if period == "week":
        if direction == 0:
            return published - timedelta(days=3), published + timedelta(days=3), "day", True, True
        near, far = (published + timedelta(days=direction), published + timedelta(days=7 * direction))
        return min(near, far), max(near, far), "day", True, True
    if period == "month":
        span = month_span(*shift_month(published.year, published.month, direction))
        return (span[0], span[1], "month", True, True) if span else None
    span = year_span(published.year + direction)
    return (span[0], span[1], "year", True, True) if span else None


def _resolve(mention: Mention, ctx: _Context) -> Resolved | str | None:
    kind = mention.kind
    if kind in ("dmy", "range", "xrange", "month"):
        return _with_year(mention, ctx)
    if kind in ("ymd", "dmy_numeric"):
        span = day_span(int(mention.group("ya")), int(mention.group("ma")), int(mention.group("da")))  # type: ignore
        return (span[0], span[1], "day", False, False) if span else None
    if kind == "hijri":
        entry = date_lexicon().month(mention.group("ma") or "")
        day = day_number(mention.groups, "a") if (mention.group("da") or mention.group("oa")) else None
        span = hijri_span(int(mention.group("ya")), entry.month, day) if entry else None  # type: ignore[arg-type]
        return (span[0], span[1], "day" if day else "month", False, False) if span else None
    if kind in ("year", "year_bare", "year_range"):
        first = year_span(int(mention.group("ya")))  # type: ignore[arg-type]
        last = year_span(int(mention.group("yb"))) if mention.group("yb") else first  # type: ignore[arg-type]
        hedged = bool(mention.group("h1") or mention.group("h2"))
        return (first[0], last[1], "year", hedged, False) if first and last else None
    return _relative(mention, ctx)


def _list_days(mention: Mention, span: DateSpan, folded: Folded, text: str) -> list[DateSpan]:
    """ "في 3 و7 مارس" as two days: the first written as its number alone, the second with the month."""
    first_start, first_end = folded.to_original(*mention.extra["day_list"])  # type: ignore[misc]
    second_start = folded.to_original(mention.start + _second_day_at(folded.text, mention), mention.end)[0]
    first, last = span.start, span.end
    assert first is not None and last is not None
    return [
        replace(span, end=first, text=text[first_start:first_end], char_start=first_start, char_end=first_end),
        replace(span, start=last, text=text[second_start : span.char_end], char_start=second_start),
    ]


def _second_day_at(folded_text: str, mention: Mention) -> int:
    """Offset, from the mention's start, of the second day number of "3 و7 مارس"."""
    after_join = folded_text.index(mention.group("join") or "و", mention.extra["day_list"][1])  # type: ignore[index]
    digits = next(i for i in range(after_join, mention.end) if folded_text[i].isdigit())
    return digits - mention.start


def resolve_mentions(folded: Folded, text: str, published: date | None) -> list[tuple[Mention, DateSpan]]:
    """Each mention found in ``text`` with its resolved span (internal form, also used for publication dates)."""
    ctx = _Context(folded.text, published, [m.end() for m in SENTENCE_END.finditer(folded.text)], [])
    for mention in scan(folded, text):
        resolved = _resolve(mention, ctx)
        if resolved is None:
            continue
        char_start, char_end = folded.to_original(mention.start, mention.end)
        while char_end < len(text) and (unicodedata.combining(text[char_end]) or text[char_end] == "\u0640"):
            char_end += 1  # trailing tanween or tatweel ("غداً", "هـ"), dropped by folding
        if resolved == UNDATED:
            span = DateSpan(None, None, None, text[char_start:char_end], char_start, char_end, True, True)
        else:
            start, end, precision, approximate, relative = resolved  # type: ignore[misc]
            span = DateSpan(
                start,
                end,
                precision,
                text[char_start:char_end],
                char_start,
                char_end,  # type: ignore
                approximate,
                relative,
            )
        if "day_list" in mention.extra and span.start is not None:
            ctx.previous.extend((mention, part) for part in _list_days(mention, span, folded, text))
            continue
        ctx.previous.append((mention, span))
    return ctx.previous


def find_date_mentions(text: str, published: date | None, folded: Folded | None = None) -> list[DateSpan]:
    """All date mentions in one article's text, in text order, resolved to day spans.

    ``char_start``/``char_end`` are offsets in ``text``; ``folded`` is ``fold(text)`` when the
    caller has it already.
    """
    if isinstance(published, datetime):
        published = published.date()
    return [span for _, span in resolve_mentions(folded or fold(text), text, published)]
