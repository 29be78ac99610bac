"""Date mentions of an article resolved to spans of days (see docs/dates.md for the rules)."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import Enum
from itertools import islice
from typing import Final, Literal

from components.extract.dates.future import is_future_verb
from components.extract.dates.lexicon import date_lexicon
from components.extract.dates.patterns import CLAUSE_END, SENTENCE_END, date_patterns
from components.extract.dates.resolve import (
    FUTURE,
    MONTH_PARTS,
    PAST,
    STRICT_FUTURE,
    STRICT_PAST,
    day_span,
    hijri_span,
    infer_year,
    month_part_span,
    month_span,
    shift_month,
    weekday_date,
    year_span,
)
from components.extract.dates.scan import DATED_KINDS, Mention, day_number, scan
from components.extract.models import DateSpan, Precision
from components.extract.sentences import MAX_SENTENCE_CHARS
from components.text.arabic import Folded, fold

# characters before a date searched for "منذ …", "الموقع في …"
BACKGROUND_REACH = 60
ANCHOR_LOOKBACK = 40  # earlier mentions searched for the day "اليوم التالي" counts from
# kinds counted from the time of writing ("أمس", "الخميس", "الشهر الماضي", "قبل 3 أيام")
DEICTIC_KINDS = frozenset({"relday", "weekday", "weekday_range", "period", "relmonth_day", "counted"})
FUTURE_REACH = 200  # characters before a date searched for a word of the future
_DIGIT_RUN = re.compile(r"\d\d{3,}")  # four digits or more (led by one digit: the engine skips to digits)


class Undated(Enum):
    """A mention whose days depend on a date that is not known (no publication date, no earlier date)."""

    UNDATED = "undated"


UNDATED: Final = Undated.UNDATED


@dataclass(frozen=True)
class Resolved:
    """The days of a mention: first and last (inclusive), precision, and how they were found."""

    start: date
    end: date
    precision: Precision
    approximate: bool  # a part was inferred, or the text hedges
    relative: bool  # the publication date (or an earlier date) was used


Resolution = Resolved | Literal[Undated.UNDATED] | None  # None: not a date after all (31 April, …)


@dataclass(frozen=True)
class _Year:
    """The year of a date written without one, and how it was found."""

    year: int
    approximate: bool
    relative: bool


@dataclass
class _Context:
    folded: str
    published: date | None
    sentence_ends: list[int]
    previous: list[tuple[Mention, DateSpan]]
    text: Folded  # the folded text with its map to the original
    original: str
    is_name: Callable[[str], bool]  # a folded word the gazetteer knows as a name


def _resolved(
    span: tuple[date, date] | None, precision: Precision, approximate: bool, relative: bool
) -> Resolved | None:
    return Resolved(span[0], span[1], precision, approximate, relative) if span is not None else None


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
    and not of the past (كان/كانت …), unless a relative clause after the word of the past has a tense of its own.

    Only the words before the date count: in "قال في 15 أبريل إنه سيزور باكو" the future verb
    belongs to another event. A date recalled as background ("منذ بدء العملية أواخر شباط", "الموقع في 9 نوفمبر")
    is in the past whatever the clause says.
    """
    patterns = date_patterns()
    text = ctx.folded
    if patterns.background.search(text, max(0, mention.start - BACKGROUND_REACH), mention.start):
        return False
    reach = max(0, mention.start - FUTURE_REACH)
    left = max((m.end() for m in CLAUSE_END.finditer(text, reach, mention.start)), default=reach)
    past = max((m.start() for m in patterns.past.finditer(text, left, mention.end)), default=-1)
    if past >= 0:  # "وكان … قد أوقف في 18 حزيران": a past perfect, whatever follows, unless a relative clause
        # after it has a tense of its own ("إن اللقاء كان إعدادا جيدا للاجتماع المقبل الذي سيعقد في 21 يوليو")
        relative = next(patterns.relative.finditer(text, past, mention.end), None)
        if relative is None:
            return False
        left = relative.end()
    clause = text[left : mention.end]
    if patterns.future.search(clause):
        return True
    return any(_future_verb(ctx, verb) for verb in patterns.future_verb.finditer(text, left, mention.end))


def _future_verb(ctx: _Context, verb: re.Match[str]) -> bool:
    patterns = date_patterns()
    start, end = ctx.text.to_original(verb.start("prefix"), verb.end())
    return is_future_verb(
        ctx.original[start:end],
        ctx.folded[verb.start("prefix") : verb.end()],
        len(verb.group("prefix")),
        noun_endings=patterns.noun_endings,
        not_verbs=patterns.not_future_verb,
        is_name=ctx.is_name,
    )


def _after_planned(ctx: _Context, mention: Mention) -> bool:
    """An earlier date of the same sentence is tomorrow or later ("تنطلق غداً الجمعة … وتستمر يومي
    الجمعة والسبت"): a weekday after it is in the coming days."""
    sentence = _sentence(ctx, mention.start)
    for earlier, span in islice(reversed(ctx.previous), ANCHOR_LOOKBACK):
        if _sentence(ctx, earlier.start) != sentence:
            return False
        ahead = earlier.today if earlier.today is not None else None
        if earlier.kind == "relday":
            ahead = date_lexicon().number("relative_day", earlier.group("rel") or "")
        if ahead is not None and ahead > 0 and span.start is not None:
            return True
    return False


def _previous_dated(ctx: _Context) -> date | None:
    """Start of the latest dated mention before this one (for "the same month/year")."""
    return next((span.start for _, span in reversed(ctx.previous) if span.start is not None), None)


def _previous_relative(ctx: _Context) -> bool:
    return next((span.relative for _, span in reversed(ctx.previous) if span.start is not None), False)


def _inferred(year: int | None) -> _Year | Undated:
    return _Year(year, True, True) if year is not None else UNDATED


def _year_in_sentence(mention: Mention, ctx: _Context) -> int | None:
    """The year written on an earlier dated mention of the same sentence (not one in a background clause)."""
    sentence = _sentence(ctx, mention.start)
    background = date_patterns().background
    for earlier, span in reversed(ctx.previous):
        if _sentence(ctx, earlier.start) != sentence or mention.start - earlier.start > MAX_SENTENCE_CHARS:
            break
        if background.search(ctx.folded, max(0, earlier.start - BACKGROUND_REACH), earlier.start):
            continue  # "منذ استعادة … في شتنبر 2023، وقد أكد … في 12 يونيو": not the year of this date
        written = earlier.written_year()
        if written is not None and span.start is not None:
            return written
    return None


def _year_of(mention: Mention, month: int, day: int | None, ctx: _Context) -> _Year | Undated:
    """The year of a date with a month, or UNDATED."""
    written = mention.written_year() or mention.borrowed_year
    if written is not None:
        return _Year(written, False, False)
    if mention.same_year():
        previous = _previous_dated(ctx)
        return _Year(previous.year, True, _previous_relative(ctx)) if previous else UNDATED
    year_dir, this_year, month_dir = mention.relative_year_marks()
    published = ctx.published
    if year_dir is not None or this_year is not None:
        if published is None:
            return UNDATED
        return _Year(published.year + (_direction(year_dir) or 0), True, True)
    if month_dir is not None and published is not None:
        direction = date_lexicon().number("direction", month_dir)
        if direction == 0:  # "٢٩ ديسمبر الجاري": this month, this year
            return _Year(published.year, True, True)
        mode = {-1: STRICT_PAST, 1: STRICT_FUTURE}[direction]
        return _inferred(infer_year(month, day, published, mode))
    future = _future_clause(ctx, mention)
    in_sentence = _year_in_sentence(mention, ctx)
    # a later year is borrowed only by a date said in the future ("حتى نهاية 2028 … ليلة 28 نوفمبر": not 2028)
    if in_sentence is not None and (published is None or future or in_sentence <= published.year):
        return _Year(in_sentence, True, False)
    if published is None:
        return UNDATED
    return _inferred(infer_year(month, day, published, FUTURE if future else PAST))


def _month_or_part(mention: Mention, year: int, month: int, approximate: bool, relative: bool) -> Resolved | None:
    """A whole month, or the days of the part a hedge names ("مطلع", "النصف الثاني من"), approximate."""
    hedges = [date_lexicon().label("hedge", mention.group(name)) for name in ("h1", "h2")]
    part = next((hedge for hedge in hedges if hedge in MONTH_PARTS), None)
    if part is not None:
        return _resolved(month_part_span(year, month, part), "day", True, relative)
    return _resolved(month_span(year, month), "month", approximate or any(hedges), relative)


def _with_year(mention: Mention, ctx: _Context) -> Resolution:
    """Dates written with a month name: day, day range, cross-month range, month."""
    kind = mention.kind
    month = _month_number(mention, mention.suffix())
    first_month = _month_number(mention, "a") if kind == "xrange" else month
    if kind == "month":
        found = _year_of(mention, first_month, None, ctx)
        if isinstance(found, Undated):
            return found
        return _month_or_part(mention, found.year, month, found.approximate, found.relative)
    first_day = day_number(mention.groups, "a")
    found = _year_of(mention, first_month, first_day, ctx)
    if isinstance(found, Undated):
        return found
    first_year = last_year = found.year
    if kind == "xrange":
        wraps = int(first_month > month)  # "30 ديسمبر - 2 يناير"
        if mention.group("yb") or mention.borrowed_year:  # the year found is the second date's
            first_year = mention.number("ya") if mention.group("ya") else found.year - wraps
        else:
            last_year = found.year + wraps
    first = day_span(first_year, first_month, first_day)
    last = first if kind == "dmy" else day_span(last_year, month, day_number(mention.groups, "b"))
    if first is None or last is None or first[0] > last[1]:
        return None
    return Resolved(first[0], last[1], "day", found.approximate, found.relative)


def _anchored(mention: Mention, ctx: _Context) -> Resolution:
    """ "اليوم التالي", "في اليوم نفسه": a day counted from the day the story is at: the latest earlier day of the
    anchor's own sentence, or else the first day of the nearest sentence before it that names one (its lead: "استقبل
    ماكرون باشينيان أمس الاثنين، على هامش قمة تتواصل اليوم الثلاثاء" … "في بيان صدر في اليوم ذاته": Monday).
    A day recalled as background ("منذ 20 يناير", "البيان الموقع في 9 نوفمبر") is not that day, unless it is the
    only earlier day of the anchor's own sentence ("منذ بدء الهجوم في 24 فبراير 2022، إذ استخدمت موسكو … في اليوم
    التالي")."""
    offset = date_lexicon().number("anchor_day", mention.group("anchor") or "")
    chosen = _anchor_day(mention, ctx)
    if chosen is None or chosen.end is None:
        return UNDATED
    day = chosen.end + timedelta(days=offset)
    return Resolved(day, day, "day", True, chosen.relative)


def _anchor_day(mention: Mention, ctx: _Context) -> DateSpan | None:
    background = date_patterns().background
    sentence = _sentence(ctx, mention.start)
    recalled: DateSpan | None = None  # the latest background day of the anchor's sentence
    lead: DateSpan | None = None  # the first day of the nearest earlier sentence that has one
    lead_sentence: int | None = None
    for earlier, span in islice(reversed(ctx.previous), ANCHOR_LOOKBACK):
        if span.precision != "day" or span.end is None:
            continue
        earlier_sentence = _sentence(ctx, earlier.start)
        same_sentence = earlier_sentence == sentence
        if background.search(ctx.folded, max(0, earlier.start - BACKGROUND_REACH), earlier.start):
            recalled = recalled or (span if same_sentence else None)
            continue
        if same_sentence:
            return span
        if lead_sentence is not None and earlier_sentence != lead_sentence:
            break
        lead, lead_sentence = span, earlier_sentence
    if lead is not None:
        return recalled if recalled is not None else lead
    return recalled


def _from_publication(mention: Mention, published: date, ctx: _Context) -> Resolution:
    """Relative days, weekdays, periods ("الشهر الماضي") and days of a relative month, against ``published``."""
    lexicon = date_lexicon()
    if mention.kind == "relday":
        day = published + timedelta(days=lexicon.number("relative_day", mention.group("rel") or ""))
        return Resolved(day, day, "day", True, True)
    if mention.kind == "weekday":
        day = _weekday(mention, lexicon.weekdays[mention.group("wd") or ""], published, ctx)
        return Resolved(day, day, "day", True, True)
    if mention.kind == "weekday_range":
        return _weekday_range(mention, published, ctx)
    if mention.kind == "counted":
        return _counted(mention, published)
    direction = _direction(mention.group("dir"))
    period = lexicon.label("period", mention.group("per") or mention.group("per2"))
    direction = direction or 0
    if mention.kind == "relmonth_day":
        year, month = shift_month(published.year, published.month, direction)
        return _resolved(day_span(year, month, day_number(mention.groups, "a")), "day", True, True)
    if period == "week":
        if direction == 0:
            return Resolved(published - timedelta(days=3), published + timedelta(days=3), "day", True, True)
        near, far = (published + timedelta(days=direction), published + timedelta(days=7 * direction))
        return Resolved(min(near, far), max(near, far), "day", True, True)
    if period == "month":
        return _month_or_part(mention, *shift_month(published.year, published.month, direction), True, True)
    return _resolved(year_span(published.year + direction), "year", True, True)


def _written_before(mention: Mention, ctx: _Context) -> date | None:
    """A time counted forward ("بعد شهر") in a sentence that wrote a date of its own before it ("ففي أبريل 2023
    طردت أذربيجان أربعة دبلوماسيين، وردت إيران بعد شهر بطرد …"): it counts from that date, not from the time of
    writing. The date's first day (a month counts from its month)."""
    if date_lexicon().number("count_lead", mention.group("lead") or "") <= 0:
        return None
    sentence = _sentence(ctx, mention.start)
    for earlier, span in reversed(ctx.previous):
        if _sentence(ctx, earlier.start) != sentence:
            return None
        if span.start is not None and not span.relative:
            return span.start
    return None


def _counted(mention: Mention, published: date) -> Resolution:
    """ "قبل 3 أيام", "منذ شهرين", "بعد أسبوعين": days and weeks give a day, months a month, years a year."""
    lexicon = date_lexicon()
    sign = lexicon.number("count_lead", mention.group("lead") or "")
    if mention.group("dual"):
        count, unit = 2, lexicon.label("dual_unit", mention.group("dual"))
    else:
        written = mention.group("n") or mention.group("nw")
        count = (int(written) if written.isdigit() else lexicon.number("number_word", written)) if written else 1
        unit = lexicon.label("count_unit", mention.group("unit")) or lexicon.label(
            "single_unit", mention.group("unit") or mention.group("one")
        )
    if unit in ("day", "week"):
        day = published + timedelta(days=sign * count * (7 if unit == "week" else 1))
        return Resolved(day, day, "day", True, True)
    if unit == "month":
        return _resolved(month_span(*shift_month(published.year, published.month, sign * count)), "month", True, True)
    return _resolved(year_span(published.year + sign * count), "year", True, True)


def _weekday_range(mention: Mention, published: date, ctx: _Context) -> Resolution:
    """ "يومي السبت والأحد": the first day placed like a weekday, the span running to the second."""
    weekdays = date_lexicon().weekdays
    first = _weekday(mention, weekdays[mention.group("wd") or ""], published, ctx)
    last = first + timedelta(days=(weekdays[mention.group("wdb") or ""] - first.weekday()) % 7)
    return Resolved(first, last, "day", True, True)


def _weekday(mention: Mention, weekday: int, published: date, ctx: _Context) -> date:
    """The day of a weekday: by its direction word, or the latest such day (the next one in a future clause)."""
    direction = _direction(mention.group("dir"))
    if direction is None:
        mode = FUTURE if _future_clause(ctx, mention) or _after_planned(ctx, mention) else PAST
    else:
        mode = {-1: STRICT_PAST, 0: PAST, 1: STRICT_FUTURE}[direction]
    return weekday_date(published, weekday, mode)


def _relative(mention: Mention, ctx: _Context) -> Resolution:
    """Mentions resolved against the publication date (or, for anchors, the previous day)."""
    if mention.kind == "anchor":
        return _anchored(mention, ctx)
    if mention.kind == "counted" and (written := _written_before(mention, ctx)) is not None:
        return _counted(mention, written)
    if mention.kind == "relmonth_day" and mention.group("same"):
        previous = _previous_dated(ctx)
        span = day_span(previous.year, previous.month, day_number(mention.groups, "a")) if previous else None
        return _resolved(span, "day", True, _previous_relative(ctx)) or UNDATED
    if ctx.published is None:
        return UNDATED
    return _from_publication(mention, ctx.published, ctx)


def _resolve(mention: Mention, ctx: _Context) -> Resolution:
    kind = mention.kind
    if kind in ("dmy", "range", "xrange", "month"):
        return _with_year(mention, ctx)
    if kind in ("ymd", "dmy_numeric"):
        span = day_span(mention.number("ya"), mention.number("ma"), mention.number("da"))
        return _resolved(span, "day", False, False)
    if kind == "hijri":
        entry = date_lexicon().month(mention.group("ma") or "")
        day = day_number(mention.groups, "a") if any(mention.group(g) for g in ("da", "oa", "fa")) else None
        hijri = hijri_span(mention.number("ya"), entry.month, day) if entry else None
        return _resolved(hijri, "day" if day else "month", False, False)
    if kind == "hijri_year":
        first_day, last_day = hijri_span(mention.number("ya"), 1, None), hijri_span(mention.number("ya"), 12, None)
        return Resolved(first_day[0], last_day[1], "year", False, False) if first_day and last_day else None
    if kind in ("year", "year_bare", "year_range"):
        first = year_span(mention.number("ya"))
        last = year_span(mention.number("yb")) if mention.group("yb") else first
        hedged = bool(mention.group("h1") or mention.group("h2"))
        return Resolved(first[0], last[1], "year", hedged, False) if first and last else None
    return _relative(mention, ctx)


def _list_days(
    mention: Mention, day_list: tuple[int, int], span: DateSpan, folded: Folded, text: str
) -> list[DateSpan]:
    """ "في 3 و7 مارس" as two days: the first written as its number alone, the second with the month."""
    first_start, first_end = folded.to_original(*day_list)
    second_start = folded.to_original(mention.start + _second_day_at(folded.text, mention, day_list), mention.end)[0]
    first, last = span.start, span.end
    assert first is not None and last is not None
    return [
        replace(span, end=first, text=text[first_start:first_end], char_start=first_start, char_end=first_end),
        replace(span, start=last, text=text[second_start : span.char_end], char_start=second_start),
    ]


def _second_day_at(folded_text: str, mention: Mention, day_list: tuple[int, int]) -> int:
    """Offset, from the mention's start, of the second day number of "3 و7 مارس"."""
    after_join = folded_text.index(mention.group("join") or "و", day_list[1])
    digits = next(i for i in range(after_join, mention.end) if folded_text[i].isdigit())
    return digits - mention.start


def _planned(mention: Mention, ctx: _Context) -> bool:
    """The text puts the date ahead of the time of writing: "غدا", "المقبل", "بعد أسبوعين", or a clause
    of the future before it ("من المقرر أن", "سيعقد")."""
    lexicon = date_lexicon()
    if mention.kind == "relday" and lexicon.number("relative_day", mention.group("rel") or "") > 0:
        return True
    if mention.today is not None and mention.today > 0:
        return True
    if mention.kind == "counted" and lexicon.number("count_lead", mention.group("lead") or "") > 0:
        return _written_before(mention, ctx) is None  # "بعد شهر" from a date written before it is not ahead
    directions = [mention.group(name) for name in ("dir", "mda", "mdb", "rda", "rdb")]
    if any(word and lexicon.number("direction", word) > 0 for word in directions):
        return True
    return _future_clause(ctx, mention)


def _span(
    mention: Mention, resolved: Resolved | Undated, written: str, bounds: tuple[int, int], ctx: _Context
) -> DateSpan:
    if isinstance(resolved, Undated):
        deictic = mention.kind in DEICTIC_KINDS and not mention.group("same")
        return DateSpan(None, None, None, written, *bounds, True, True, planned=_planned(mention, ctx), deictic=deictic)
    return DateSpan(
        resolved.start,
        resolved.end,
        resolved.precision,
        written,
        *bounds,
        resolved.approximate,
        resolved.relative,
        planned=_planned(mention, ctx),
        deictic=mention.kind in DEICTIC_KINDS
        and not mention.group("same")
        and not (mention.kind == "counted" and _written_before(mention, ctx) is not None),
    )


def has_long_number(text: str) -> bool:
    """A number of four digits or more that can be no year we date (not 1900-2099)."""
    for run in _DIGIT_RUN.finditer(text):  # whole runs of digits: each match takes all of its run
        digits = run.group()
        if len(digits) > 4 or digits[:2] not in ("19", "20"):
            return True
    return False


def _out_of_range_years(folded: Folded, text: str) -> list[tuple[int, int, str]]:
    """(start, end) in the folded text and a warning for each date whose written year we do not date."""
    found: list[tuple[int, int, str]] = []
    if not has_long_number(folded.text):
        return found  # no number of four digits or more outside 1900-2099: nothing to check
    for match in date_patterns().year_out_of_range.finditer(folded.text):
        start, end = folded.to_original(match.start(), match.end())
        found.append((match.start(), match.end(), f"«{text[start:end]}»: year {match.group('year')} is out of range"))
    return found


def _written(mention: Mention, folded: Folded, text: str) -> tuple[str, tuple[int, int]]:
    char_start, char_end = folded.to_original(mention.start, mention.end)
    while char_end < len(text) and (unicodedata.combining(text[char_end]) or text[char_end] == "\u0640"):
        char_end += 1  # trailing tanween or tatweel ("غداً", "هـ"), dropped by folding
    return text[char_start:char_end], (char_start, char_end)


def _no_name(word: str) -> bool:
    return False


@dataclass(frozen=True)
class DateFindings:
    """Every date mention of a text and the date expressions rejected as impossible."""

    mentions: list[tuple[Mention, DateSpan]]
    warnings: list[str]


def resolve_mentions(
    folded: Folded, text: str, published: date | None, is_name: Callable[[str], bool] = _no_name
) -> list[tuple[Mention, DateSpan]]:
    """Each mention found in ``text`` with its resolved span (internal form, also used for publication dates)."""
    return resolve_dates(folded, text, published, is_name).mentions


def resolve_dates(
    folded: Folded, text: str, published: date | None, is_name: Callable[[str], bool] = _no_name
) -> DateFindings:
    ends = [m.end() for m in SENTENCE_END.finditer(folded.text)]
    ctx = _Context(folded.text, published, ends, [], folded, text, is_name)
    rejected = _out_of_range_years(folded, text)
    warnings = [warning for _, _, warning in rejected]
    starts = [start for start, _, _ in rejected]
    for mention in scan(folded, text):
        after = bisect.bisect_left(starts, mention.start)
        if after < len(starts) and starts[after] < mention.end + 2:
            continue  # "5 مايو 2150": the year is written, out of range; not taken from elsewhere
        resolved = _resolve(mention, ctx)
        written, bounds = _written(mention, folded, text)
        if resolved is None:
            if mention.kind in DATED_KINDS:
                warnings.append(f"«{written}»: no such date")
            continue
        span = _span(mention, resolved, written, bounds, ctx)
        if mention.day_list is not None and span.start is not None:
            ctx.previous.extend((mention, part) for part in _list_days(mention, mention.day_list, span, folded, text))
            continue
        ctx.previous.append((mention, span))
    return DateFindings(ctx.previous, warnings)


def find_date_mentions(
    text: str, published: date | None, folded: Folded | None = None, is_name: Callable[[str], bool] = _no_name
) -> list[DateSpan]:
    """All date mentions in one article's text, in text order, resolved to day spans.

    ``char_start``/``char_end`` are offsets in ``text``; ``folded`` is ``fold(text)`` when the
    caller has it already; ``is_name`` tells a folded word the gazetteer knows as a name (never a
    verb of the future).
    """
    return find_dates(text, published, folded, is_name).spans


@dataclass(frozen=True)
class FoundDates:
    spans: list[DateSpan]
    warnings: list[str]  # date expressions rejected as impossible ("31 فبراير 2024", year 2150)


def find_dates(
    text: str, published: date | None, folded: Folded | None = None, is_name: Callable[[str], bool] = _no_name
) -> FoundDates:
    """:func:`find_date_mentions` with the warnings about impossible dates."""
    if isinstance(published, datetime):
        published = published.date()
    found = resolve_dates(folded or fold(text), text, published, is_name)
    return FoundDates([span for _, span in found.mentions], found.warnings)
