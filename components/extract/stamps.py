"""Date stamps as news pages print them, read one line at a time.

A stamp is a full date (day, month, year) in any of the shapes outlets print: ``14/5/2024``,
``2025-09-02 09:41:05``, ``09.05.2024``, ``الثلاثاء, 14 مارس, 2023``, ``14-يناير-2024``,
``15/ديسمبر/2023``, ``يونيو 20, 2025``, ``2nd, March 2024``, a time glued before the date
(``11:0312/02/2024``) or between its parts (``25 11:02 2024 ماي``), a section or outlet name glued
to it (``عرب وعالم12-4-2023``), Arabic-Indic digits, every month family of ``months*.tsv`` and a
Hijri date when no Gregorian one stands beside it. What stands around a stamp says what it is:
the label before it (``data/lexicon/stamp_labels.tsv``: published, updated, viewed …), a time of
day next to it, a weekday, and how much else the line holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from types import MappingProxyType

from components.extract.dates.lexicon import date_lexicon
from components.extract.dates.patterns import alternation
from components.extract.dates.resolve import hijri_span
from components.text.arabic import fold_text
from components.text.lexicon import LexiconError, column, int_between, load_rows, one_of, variants
from components.text.regex_store import RegexStore

LABEL_KINDS = ("published", "updated", "viewed", "issue", "generic", "filler")
YEARS = range(1990, 2100)  # years a page can have been published in
BARE_LINE_WORDS = 6  # a stamp line holds at most this many other words (outlet, section, city, byline)
WEEKDAY_REACH = 25  # a weekday this close to a stamp (characters) belongs to it
TIME_REACH = 14  # a time of day this close to a stamp is its time
LABEL_REACH = 40  # a label ends at most this far before its stamp (weekday, time and separators between)

_TIME = re.compile(r"(?<![\d:])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?")
_CRAWL_TIME = re.compile(r"\s*@\s*\d{1,2}:\d{2}")
_DAY = r"(?<!\d)(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?<!\d)(?P<y>(?:19|20)\d\d)(?!\d)"
_PART_GAP = r"[\s,،.]*(?:[/\-][\s,،]*)?"  # between the parts of a written date
_NUMERIC = (
    re.compile(r"(?<!\d)(?P<d>[0-3]?\d)\s?(?P<s>[/.\-])\s?(?P<n>[01]?\d)\s?(?P=s)\s?(?P<y>(?:19|20)\d\d)(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s?(?P<s>[/.\-])\s?(?P<n>[01]?\d)\s?(?P=s)\s?(?P<d>[0-3]?\d)(?!\d)"),
)
_WORD = re.compile(r"[^\W\d_]{2,}")
_DIGIT = re.compile(r"\d")
_YEAR_DIGITS = re.compile(r"(?:1[349]|20)\d\d")  # the years of _YEAR and of Hijri stamps; found fast (starts 1 or 2)
_LETTER_AFTER = r"(?![^\W\d_])"
_LETTER_BEFORE = r"(?<![^\W\d_])"


@dataclass(frozen=True)
class StampLabelRow:
    """A row of ``stamp_labels.tsv``."""

    label: tuple[str, ...] = column(variants)
    kind: str = column(one_of(*LABEL_KINDS))


@dataclass(frozen=True)
class EnglishMonthRow:
    """A row of ``english_months.tsv``."""

    month: int = column(int_between(1, 12))
    name: tuple[str, ...] = column(variants)


@dataclass(frozen=True)
class Stamp:
    """A full date printed on one line; offsets are those of the folded, lower-cased line."""

    day: date
    start: int
    end: int
    label: str | None = None  # kind of the label printed before it (see LABEL_KINDS)
    timed: bool = False  # a time of day is printed next to it
    bare: bool = False  # the line holds little besides the stamp
    crawl: bool = False  # "2025-04-24@11:24:21": the time a crawler saw the page
    issue: bool = False  # the line names a print issue ("العدد 18621")
    weekday_agrees: bool | None = None  # None when no weekday is printed next to it
    hijri: bool = False


@dataclass(frozen=True)
class StampGrammar:
    named: tuple[re.Pattern[str], ...]  # day, month word and year in the orders outlets print them
    hijri: re.Pattern[str]
    weekday: re.Pattern[str]
    label: re.Pattern[str]  # a label at the end of the text before a stamp
    issue: re.Pattern[str]
    months: Mapping[str, int]  # folded, lower-cased month word -> month number (Gregorian and English)
    hijri_months: Mapping[str, int]
    weekdays: Mapping[str, int]
    labels: Mapping[str, str]  # folded label -> kind
    fillers: frozenset[str]


def fold_lower(text: str) -> str:
    """Folded, lower-cased text of the same length as ``fold_text`` gives (one character for one)."""
    folded = fold_text(text)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in folded)


def _label_kinds() -> dict[str, str]:
    kinds: dict[str, str] = {}
    for row in load_rows("stamp_labels.tsv", StampLabelRow):
        for spelling in row.label:
            key = " ".join(fold_lower(spelling).split())
            if kinds.get(key, row.kind) != row.kind:
                raise LexiconError(f"stamp_labels.tsv: {spelling!r} is given two kinds")
            kinds[key] = row.kind
    return kinds


def _month_words() -> tuple[dict[str, int], dict[str, int]]:
    gregorian: dict[str, int] = {}
    hijri: dict[str, int] = {}
    for month in date_lexicon().months:
        (hijri if month.calendar == "hijri" else gregorian)[month.key] = month.month
    for row in load_rows("english_months.tsv", EnglishMonthRow):
        for name in row.name:
            gregorian[name.lower()] = row.month
    return gregorian, hijri


def _named_patterns(
    months: str, compile_pattern: Callable[[str], re.Pattern[str]] = re.compile
) -> tuple[re.Pattern[str], ...]:
    month = rf"{_LETTER_BEFORE}(?P<m>{months}){_LETTER_AFTER}(?:\s*[/\-(]\s*(?:{months}){_LETTER_AFTER}\)?)?"
    orders = (
        rf"{_DAY}{_PART_GAP}{month}{_PART_GAP}{_YEAR}",  # 14 مارس, 2023 — 14-يناير-2024 — 2nd, March 2024
        rf"{month}{_PART_GAP}{_DAY}{_PART_GAP}{_YEAR}",  # يونيو 20, 2025 — March 2, 2024
        rf"{_DAY}{_PART_GAP}{_YEAR}{_PART_GAP}{month}",  # 25 2024 ماي (a time printed between them)
    )
    return tuple(compile_pattern(order) for order in orders)


@lru_cache(maxsize=1)
def stamp_grammar() -> StampGrammar:
    months, hijri_months = _month_words()
    labels = _label_kinds()
    weekdays = dict(date_lexicon().weekdays)
    month_words = alternation(months)
    real_labels = [label for label, kind in labels.items() if kind not in ("filler", "issue")]
    issue_words = [label for label, kind in labels.items() if kind == "issue"]
    store = RegexStore("stamps")  # their programs are read from the cache folder
    grammar = StampGrammar(
        named=_named_patterns(month_words, store.compile),
        hijri=store.compile(rf"{_DAY}{_PART_GAP}(?P<m>{alternation(hijri_months)}){_PART_GAP}(?P<y>1[34]\d\d)(?!\d)"),
        weekday=store.compile(rf"{_LETTER_BEFORE}(?:{alternation(weekdays)}){_LETTER_AFTER}"),
        label=store.compile(rf"{_LETTER_BEFORE}(?P<label>{alternation(real_labels)})[\s:：\-–—|/(]*$"),
        issue=store.compile(rf"{_LETTER_BEFORE}(?:{alternation(issue_words)}){_LETTER_AFTER}\s*[:#]?\s*\d"),
        months=MappingProxyType(months),
        hijri_months=MappingProxyType(hijri_months),
        weekdays=MappingProxyType(weekdays),
        labels=MappingProxyType(labels),
        fillers=frozenset(label for label, kind in labels.items() if kind == "filler"),
    )
    store.save()
    return grammar


def _masked_times(line: str) -> tuple[str, list[tuple[int, int]]]:
    """The line with its times of day blanked out (same length), and where they stood."""
    times = [(found.start(), found.end()) for found in _TIME.finditer(line)]
    masked = line
    for start, end in times:
        masked = masked[:start] + " " * (end - start) + masked[end:]
    return masked, times


def _valid(year: int, month: int, day: int) -> date | None:
    if year not in YEARS:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _raw_dates(masked: str, grammar: StampGrammar) -> Iterator[tuple[int, int, date, bool, bool]]:
    """(start, end, day, day and month could be swapped, Hijri) of every full date of the line."""
    for pattern in grammar.named:
        for found in pattern.finditer(masked):
            day = _valid(int(found["y"]), grammar.months[found["m"]], int(found["d"]))
            if day is not None:
                yield found.start(), found.end(), day, False, False
    for pattern in _NUMERIC:
        for found in pattern.finditer(masked):
            first, second = int(found["d"]), int(found["n"])
            day = _valid(int(found["y"]), second, first)
            if day is not None:
                yield found.start(), found.end(), day, first <= 12 and second <= 12 and first != second, False
    for found in grammar.hijri.finditer(masked):
        span = hijri_span(int(found["y"]), grammar.hijri_months[found["m"]], int(found["d"]))
        if span is not None and span[0].year in YEARS:
            yield found.start(), found.end(), span[0], False, True


STAMP_LINE_LIMIT = 600


def _distinct(found: list[tuple[int, int, date, bool, bool]]) -> list[tuple[int, int, date, bool, bool]]:
    """Longest first, without overlaps, in line order; a Hijri date only on a line without a Gregorian one."""
    kept: list[tuple[int, int, date, bool, bool]] = []
    for item in sorted(found, key=lambda item: (item[0] - item[1], item[0])):
        if all(item[1] <= other[0] or item[0] >= other[1] for other in kept):
            kept.append(item)
    if any(not item[4] for item in kept):
        kept = [item for item in kept if not item[4]]
    return sorted(kept)


def _weekday_near(line: str, start: int, end: int, grammar: StampGrammar) -> tuple[int | None, list[tuple[int, int]]]:
    spans = [(found.start(), found.end()) for found in grammar.weekday.finditer(line)]
    near = [span for span in spans if start - WEEKDAY_REACH <= span[0] and span[1] <= end + WEEKDAY_REACH]
    if not near:
        return None, spans
    closest = min(near, key=lambda span: min(abs(span[0] - end), abs(start - span[1])))
    return grammar.weekdays[line[closest[0] : closest[1]]], spans


def _label_before(line: str, start: int, grammar: StampGrammar, skip: list[tuple[int, int]]) -> str | None:
    """Kind of the label that ends right before ``start``, weekdays, times and fillers between them skipped."""
    before = line[max(0, start - LABEL_REACH) : start]
    offset = max(0, start - LABEL_REACH)
    for skip_start, skip_end in skip:
        if skip_end <= start and skip_start >= offset:
            before = before[: skip_start - offset] + " " * (skip_end - skip_start) + before[skip_end - offset :]
    while True:
        before = before.rstrip(" \t:：-–—|/(),،.")
        words = before.split()
        if not words or words[-1] not in grammar.fillers:
            break
        before = before[: before.rfind(words[-1])]
    found = grammar.label.search(before + " ")
    return grammar.labels[" ".join(found["label"].split())] if found else None


def _other_words(line: str, spans: list[tuple[int, int]], grammar: StampGrammar) -> int:
    rest = line
    for start, end in spans:
        rest = rest[:start] + " " * (end - start) + rest[end:]
    return sum(1 for word in _WORD.findall(rest) if word not in grammar.fillers and word not in grammar.labels)


def _agreeing(day: date, swappable: bool, weekday: int | None) -> tuple[date, bool | None]:
    """The date and whether the printed weekday agrees; an ambiguous dd/mm is read mm/dd when only that agrees."""
    if weekday is None:
        return day, None
    if day.weekday() != weekday and swappable:
        swapped = _valid(day.year, day.day, day.month)
        if swapped is not None and swapped.weekday() == weekday:
            return swapped, True
    return day, day.weekday() == weekday


def find_stamps(line: str) -> list[Stamp]:
    """Every full date printed on one line, with what stands around it. Only the first
    STAMP_LINE_LIMIT characters of a line are read: a stamp line is short, and the words around each
    date are counted over the line, which on a page of one endless line would cost its square."""
    line = line[:STAMP_LINE_LIMIT]
    if not _DIGIT.search(line):
        return []  # every stamp has digits
    grammar = stamp_grammar()
    folded = fold_lower(line)
    if not _YEAR_DIGITS.search(folded):
        return []  # every stamp writes its year (Gregorian or Hijri) in four digits
    masked, times = _masked_times(folded)
    dates = _distinct(list(_raw_dates(masked, grammar)))
    if not dates:
        return []
    issue = grammar.issue.search(folded) is not None
    stamps = []
    for start, end, day, swappable, hijri in dates:
        weekday, weekday_spans = _weekday_near(folded, start, end, grammar)
        day, agrees = _agreeing(day, swappable, weekday)
        skip = times + weekday_spans + [(other[0], other[1]) for other in dates]
        others = _other_words(folded, skip, grammar)
        timed = any(start - TIME_REACH <= t_end and t_start <= end + TIME_REACH for t_start, t_end in times)
        stamps.append(
            Stamp(
                day=day,
                start=start,
                end=end,
                label=_label_before(folded, start, grammar, skip),
                timed=timed,
                bare=others <= BARE_LINE_WORDS,
                crawl=_CRAWL_TIME.match(folded, end) is not None,
                issue=issue,
                weekday_agrees=agrees,
                hijri=hijri,
            )
        )
    return stamps
