"""The date vocabulary (months, weekdays, date words) loaded from ``data/lexicon/``.

Every spelling is folded with :func:`components.text.arabic.fold_key` so that it can be matched
on folded text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from components.text.arabic import fold_key
from components.text.lexicon import LexiconError, int_between, load_tsv, one_of, variants

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
    "future_verb_prefix",
    "not_future_verb",
    "stamp_cue",
    "ordinal_day",
)
# Kinds whose value must be an integer, and the kinds whose value is one of a closed set.
_INT_KINDS = {"relative_day": (-7, 7), "anchor_day": (-7, 7), "direction": (-1, 1), "ordinal_day": (1, 31)}
_WORD_KINDS = {
    "period": ("month", "year", "week"),
    "hedge": ("early", "mid", "late", "season", "about"),
    "era": ("gregorian", "hijri"),
    "range_lead": ("span", "cue"),
    "range_join": ("to", "and"),
}


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
    canonical_month: dict[int, str]  # Gregorian month number -> spelling given to dateparser
    weekdays: dict[str, int]  # folded spelling -> 0 (Monday) … 6 (Sunday)
    words: dict[str, dict[str, object]]  # kind -> folded phrase -> value (None when the kind has none)
    month_by_key: dict[str, MonthName]

    def phrases(self, kind: str) -> tuple[str, ...]:
        return tuple(self.words.get(kind, {}))

    def month(self, key: str) -> MonthName | None:
        return self.month_by_key.get(key)


def _yes_no(value: str) -> bool:
    return one_of("yes", "no")(value) == "yes"


def load_months() -> list[dict[str, object]]:
    return load_tsv(
        "months.tsv",
        {
            "month": int_between(1, 12),
            "calendar": one_of("gregorian", "hijri"),
            "variant": one_of("egyptian_gulf", "levantine", "maghrebi", "moroccan", "hijri"),
            "name": variants,
            "needs_number": _yes_no,
        },
    )


def load_weekdays() -> list[dict[str, object]]:
    return load_tsv("weekdays.tsv", {"weekday": int_between(0, 6), "name_en": None, "name": variants})


def load_date_words() -> list[dict[str, object]]:
    rows = load_tsv(
        "date_words.tsv", {"kind": one_of(*KINDS), "phrase": variants, "value": None}, optional=frozenset({"value"})
    )
    for row in rows:
        kind, value = str(row["kind"]), row["value"]
        try:
            if kind in _INT_KINDS:
                low, high = _INT_KINDS[kind]
                row["value"] = int_between(low, high)(str(value))
            elif kind in _WORD_KINDS:
                row["value"] = one_of(*_WORD_KINDS[kind])(str(value))
        except (ValueError, TypeError) as error:
            raise LexiconError(f"date_words.tsv: bad value {value!r} for kind {kind}: {error}") from error
    return rows


@lru_cache(maxsize=1)
def date_lexicon() -> DateLexicon:
    """Load and check the three date lexicon files once."""
    months: list[MonthName] = []
    seen: dict[str, tuple[str, int]] = {}
    canonical: dict[int, str] = {}
    for row in load_months():
        for spelling in row["name"]:  # type: ignore[union-attr]
            key = fold_key(spelling)
            calendar = str(row["calendar"])
            if seen.setdefault(key, (calendar, int(row["month"]))) != (calendar, row["month"]):  # type: ignore
                raise LexiconError(f"months.tsv: {spelling!r} names two different months")
            months.append(
                MonthName(
                    key,
                    int(row["month"]),
                    calendar,
                    str(row["variant"]),  # type: ignore[arg-type]
                    bool(row["needs_number"]),
                )
            )
            if row["variant"] == "egyptian_gulf":
                canonical.setdefault(int(row["month"]), spelling)  # type: ignore[arg-type]
    if sorted(canonical) != list(range(1, 13)):
        raise LexiconError("months.tsv: every Gregorian month needs an egyptian_gulf spelling")
    weekdays = {
        fold_key(name): int(row["weekday"])  # type: ignore[arg-type]
        for row in load_weekdays()
        for name in row["name"]
    }  # type: ignore[union-attr]
    if sorted(set(weekdays.values())) != list(range(7)):
        raise LexiconError("weekdays.tsv: every weekday needs a name")
    words: dict[str, dict[str, object]] = defaultdict(dict)
    for row in load_date_words():
        for phrase in row["phrase"]:  # type: ignore[union-attr]
            words[str(row["kind"])][fold_key(phrase)] = row["value"]
    ordinals = set(words["ordinal_day"].values())
    if ordinals != set(range(1, 32)):
        raise LexiconError(f"date_words.tsv: ordinal days missing: {sorted(set(range(1, 32)) - ordinals)}")
    return DateLexicon(tuple(months), canonical, weekdays, dict(words), {m.key: m for m in months})
