"""The date vocabulary (months, weekdays, date words) loaded from ``data/lexicon/``.

Every spelling is folded with :func:`components.text.arabic.fold_key` so that it can be matched
on folded text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from functools import lru_cache

from components.text.arabic import fold_key
from components.text.lexicon import LexiconError, column, int_between, load_rows, one_of, variants

KINDS = (
    "relative_day",
    "anchor_day",
    "day_prefix",
    "not_today_before",
    "not_today_after",
    "direction",
    "this_word",
    "same_word",
    "background_cue",
    "period",
    "hedge",
    "year_word",
    "year_cue",
    "month_cue",
    "month_word",
    "era",
    "link",
    "range_lead",
    "range_join",
    "counted_noun",
    "future_marker",
    "past_marker",
    "relative_pronoun",
    "future_verb_prefix",
    "not_future_verb",
    "noun_ending",
    "stamp_cue",
    "ordinal_day",
    "first_day",
    "count_lead",
    "count_unit",
    "single_unit",
    "dual_unit",
    "number_word",
)
# Kinds whose value must be an integer, and the kinds whose value is one of a closed set.
_INT_KINDS = {
    "relative_day": (-7, 7),
    "anchor_day": (-7, 7),
    "direction": (-1, 1),
    "ordinal_day": (1, 31),
    "first_day": (1, 1),
    "count_lead": (-1, 1),
    "number_word": (1, 100),
}
UNITS = ("day", "week", "month", "year")
_WORD_KINDS = {
    "period": ("month", "year", "week"),
    "hedge": ("early", "mid", "late", "season", "about", "first_half", "second_half"),
    "count_unit": UNITS,
    "dual_unit": UNITS,
    "single_unit": UNITS,
    "era": ("gregorian", "hijri"),
    "range_lead": ("span", "cue", "pair"),  # pair: "يومي", two days (a span when they follow each other)
    "range_join": ("to", "and"),
}


def _yes_no(value: str) -> bool:
    return one_of("yes", "no")(value) == "yes"


@dataclass(frozen=True)
class GeneratedMonthRow:
    """A row of ``months.tsv`` (generated from dateparser's data)."""

    month: int = column(int_between(1, 12))
    calendar: str = column(one_of("gregorian", "hijri"))
    variant: str = column(one_of("egyptian_gulf", "levantine", "maghrebi", "moroccan", "hijri"))
    name: tuple[str, ...] = column(variants)


@dataclass(frozen=True)
class MonthRow(GeneratedMonthRow):
    """A row of ``months_extra.tsv`` (written by hand), or of ``months.tsv`` with ``needs_number`` false."""

    needs_number: bool = column(_yes_no)


@dataclass(frozen=True)
class WeekdayRow:
    """A row of ``weekdays.tsv`` (generated) or ``weekdays_extra.tsv`` (written by hand)."""

    weekday: int = column(int_between(0, 6))
    name_en: str = column()
    name: tuple[str, ...] = column(variants)


@dataclass(frozen=True)
class DateWordRow:
    """A row of ``date_words.tsv``; ``value`` is checked against its kind by :func:`load_date_words`."""

    kind: str = column(one_of(*KINDS))
    phrase: tuple[str, ...] = column(variants)
    value: int | str | None = column(optional=True)


@dataclass(frozen=True)
class MonthName:
    key: str  # folded spelling
    month: int
    calendar: str  # "gregorian" or "hijri"
    variant: str
    needs_number: bool


@dataclass(frozen=True)
class DateLexicon:
    months: tuple[MonthName, ...]
    weekdays: dict[str, int]  # folded spelling -> 0 (Monday) … 6 (Sunday)
    words: dict[str, dict[str, int | str | None]]  # kind -> folded phrase -> value (None when the kind has none)
    month_by_key: dict[str, MonthName]

    def phrases(self, kind: str) -> tuple[str, ...]:
        return tuple(self.words.get(kind, {}))

    def month(self, key: str) -> MonthName | None:
        return self.month_by_key.get(key)

    def number(self, kind: str, phrase: str) -> int:
        """The value of a phrase of a kind whose values are numbers (``relative_day``, ``direction`` …)."""
        value = self.words[kind][phrase]
        if not isinstance(value, int):
            raise TypeError(f"{kind} {phrase!r} has no number")
        return value

    def label(self, kind: str, phrase: str | None) -> str | None:
        """The value of a phrase of a kind whose values are words (``period``, ``hedge`` …); ``None``
        for a phrase not of that kind."""
        value = self.words.get(kind, {}).get(phrase or "")
        return value if isinstance(value, str) else None


def load_months() -> list[MonthRow]:
    """The rows of ``months.tsv`` (a generated name is a month by itself) and of ``months_extra.tsv``."""
    generated = [MonthRow(**asdict(row), needs_number=False) for row in load_rows("months.tsv", GeneratedMonthRow)]
    return generated + load_rows("months_extra.tsv", MonthRow)


def load_weekdays() -> list[WeekdayRow]:
    """One row per weekday: the spellings of ``weekdays.tsv``, then those of ``weekdays_extra.tsv``."""
    merged = {row.weekday: row for row in load_rows("weekdays.tsv", WeekdayRow)}
    for row in load_rows("weekdays_extra.tsv", WeekdayRow):
        known = merged.get(row.weekday)
        if known is None or known.name_en != row.name_en:
            raise LexiconError(f"weekdays_extra.tsv: weekday {row.weekday} is not {row.name_en} in weekdays.tsv")
        merged[row.weekday] = replace(known, name=known.name + row.name)
    return list(merged.values())


def _checked_value(row: DateWordRow) -> DateWordRow:
    """The row with its value converted for its kind (a number, one of a closed set of words)."""
    kind, value = row.kind, row.value
    try:
        if kind in _INT_KINDS:
            low, high = _INT_KINDS[kind]
            return replace(row, value=int_between(low, high)(str(value)))
        if kind in _WORD_KINDS:
            return replace(row, value=one_of(*_WORD_KINDS[kind])(str(value)))
    except (ValueError, TypeError) as error:
        raise LexiconError(f"date_words.tsv: bad value {value!r} for kind {kind}: {error}") from error
    return row


def load_date_words() -> list[DateWordRow]:
    return [_checked_value(row) for row in load_rows("date_words.tsv", DateWordRow)]


def _month_names(rows: list[MonthRow]) -> list[MonthName]:
    """One entry per folded spelling; each names one month only, and needs a number next to it when
    any row giving it says so."""
    found: dict[str, MonthName] = {}
    for row in rows:
        for spelling in row.name:
            key = fold_key(spelling)
            known = found.get(key)
            if known is not None and (known.calendar, known.month) != (row.calendar, row.month):
                raise LexiconError(f"months.tsv, months_extra.tsv: {spelling!r} names two different months")
            if known is None:
                found[key] = MonthName(key, row.month, row.calendar, row.variant, row.needs_number)
            elif row.needs_number and not known.needs_number:
                found[key] = replace(known, needs_number=True)
    months = list(found.values())
    for calendar in ("gregorian", "hijri"):
        if sorted({month.month for month in months if month.calendar == calendar}) != list(range(1, 13)):
            raise LexiconError(f"months.tsv: every {calendar} month needs a name")
    return months


@lru_cache(maxsize=1)
def date_lexicon() -> DateLexicon:
    """Load and check the date lexicon files once (months, weekdays, date words)."""
    months = _month_names(load_months())
    weekdays = {fold_key(name): row.weekday for row in load_weekdays() for name in row.name}
    if sorted(set(weekdays.values())) != list(range(7)):
        raise LexiconError("weekdays.tsv: every weekday needs a name")
    words: dict[str, dict[str, int | str | None]] = defaultdict(dict)
    for row in load_date_words():
        for phrase in row.phrase:
            words[row.kind][fold_key(phrase)] = row.value
    ordinals = set(words["ordinal_day"].values())
    if ordinals != set(range(1, 32)):
        raise LexiconError(f"date_words.tsv: ordinal days missing: {sorted(set(range(1, 32)) - ordinals)}")
    return DateLexicon(tuple(months), weekdays, dict(words), {m.key: m for m in months})
