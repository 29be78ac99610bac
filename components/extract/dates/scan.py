"""Finding date mentions in folded text: candidates, overlap selection, merging.

Every finder of :mod:`components.extract.dates.patterns` proposes candidates; the longest one wins
where candidates overlap; words that are only dates next to a cue or a coordinated date
("مايو" alone, a bare four-digit number) are kept only when that context is there; then
adjacent parts of one date are merged ("اليوم (الاثنين)", "الأربعاء الموافق 5 يونيو",
a Hijri date beside its Gregorian one).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from copy import copy
from dataclasses import dataclass, field, replace
from functools import lru_cache
from types import MappingProxyType

from components.extract.dates.lexicon import date_lexicon
from components.extract.dates.patterns import (
    FINDER_TRIGGERS,
    GAP_COORDINATION,
    GAP_TODAY_WEEKDAY,
    WORD,
    DatePatterns,
    date_patterns,
)
from components.text.arabic import Folded

DATED_KINDS = frozenset({"dmy", "range", "xrange", "hijri", "ymd", "dmy_numeric"})
GREGORIAN_DAY_KINDS = frozenset({"dmy", "ymd", "dmy_numeric"})
MONTH_KINDS = frozenset({"dmy", "range", "xrange", "month"})
YEAR_KINDS = frozenset({"year", "year_bare", "year_range"})
_MAX_GAP = 30
_WINDOW_BEFORE, _WINDOW_AFTER = 80, 100  # longer than any mention ("خلال الفترة ما بين 30 أبريل 2024 و…")


@dataclass
class Mention:
    """One date mention found in folded text (offsets into the folded text)."""

    kind: str
    start: int
    end: int
    groups: dict[str, str | None]
    conditional: bool = False  # kept only if a coordinated date confirms it
    weekday: int | None = None  # a weekday written with the date
    today: int | None = None  # offset of a relative day written with it ("اليوم الأربعاء 5 يونيو")
    with_hijri: bool = False
    borrowed_year: int | None = None  # year written on a coordinated date ("مايو ويوليو 2023")
    day_list: tuple[int, int] | None = None  # "في 3 و7 مارس": where the first of two listed days is written

    def group(self, name: str) -> str | None:
        return self.groups.get(name)

    def number(self, name: str) -> int:
        """The digits of a group the pattern always fills (a year, a numeric month or day)."""
        digits = self.groups.get(name)
        if digits is None:
            raise ValueError(f"a {self.kind} mention without {name}")
        return int(digits)

    def suffix(self) -> str:
        """Group suffix of the part that carries month and year ("b" for ranges)."""
        return "b" if self.kind in ("range", "xrange") else "a"

    def same_year(self) -> bool:
        """The year is "the same year" as the previous date ("9 نوفمبر من العام نفسه")."""
        return bool(self.groups.get("rs" + self.suffix()))

    def relative_year_marks(self) -> tuple[str | None, str | None, str | None]:
        """("من العام الماضي" direction, "هذا العام" word, "مايو الماضي" direction) after the month."""
        s = self.suffix()
        return self.groups.get("rd" + s), self.groups.get("rt" + s), self.groups.get("md" + s)

    def written_year(self) -> int | None:
        """A Gregorian year written in the mention itself."""
        if self.kind == "hijri":
            return None
        for name in ("yb", "ya"):
            digits = self.groups.get(name)
            if digits:
                return int(digits)
        return None


def _span_start(match: re.Match[str], names: tuple[str, ...]) -> int:
    starts = [match.start(name) for name in names if match.group(name) is not None]
    return min(starts) if starts else match.end("pfx")


def _is_about(word: str | None) -> bool:
    return date_lexicon().label("hedge", word) == "about"


def _counted_after(folded: Folded, end: int, patterns: DatePatterns, original: str, listed_only: bool = False) -> bool:
    """True when a number is followed by a counted noun ("1960 جنديا", "380 وحده", "50%"); ``listed_only``: only
    a noun listed as counted, not any word with tanween (after "منذ" or "عام": "منذ 1993 تضامناً" is a year)."""
    word = WORD.search(folded.text, end, min(len(folded.text), end + 30))
    if word is None or folded.text[end : word.start()].strip(" \t"):
        return False
    if word.group() in patterns.counted_noun:
        return True
    if listed_only:
        return False
    start, stop = folded.to_original(word.start(), word.end())
    return "\u064b" in original[start : stop + 1]  # fathatan: an accusative counted noun (tamyiz)


@dataclass(frozen=True)
class _Found:
    """A finder's match, with what the checks of its kind look at."""

    kind: str
    match: re.Match[str]
    groups: dict[str, str | None]
    folded: Folded
    original: str
    patterns: DatePatterns

    @property
    def start(self) -> int:
        """Where the mention starts: after the proclitic letters glued to it."""
        return self.match.end("pfx") if "pfx" in self.groups else self.match.start()

    @property
    def hedged(self) -> str | None:
        return self.groups.get("h1") or self.groups.get("h2")

    def counted_after(self) -> bool:
        """A counted noun follows; after a year word or a cue of the past ("عام"، "منذ") only a listed one does."""
        lexicon = date_lexicon()
        cue = self.groups.get("cue")
        year_led = bool(self.groups.get("yw")) or (cue is not None and cue in lexicon.words.get("background_cue", {}))
        return _counted_after(self.folded, self.match.end(), self.patterns, self.original, listed_only=year_led)

    def mention(
        self, start: int | None = None, *, conditional: bool = False, day_list: tuple[int, int] | None = None
    ) -> Mention:
        start = self.start if start is None else start
        return Mention(self.kind, start, self.match.end(), self.groups, conditional=conditional, day_list=day_list)


def _range(found: _Found) -> Mention | None:
    """ "من 10 إلى 12 مايو", "10 مايو - 2 يونيو"; "في 3 و7 مارس" and "يومي 24 و27 فبراير" are two days, not the
    days 3 to 7 ("يومي 10 و11 مايو" is a span)."""
    g, match, lexicon = found.groups, found.match, date_lexicon()
    lead = g.get("lead")
    lead_kind = lexicon.label("range_lead", lead) if lead else None
    start = match.start("lead") if lead_kind in ("span", "pair") else _span_start(match, ("da", "oa", "fa"))
    join_kind = lexicon.label("range_join", g["join"])
    if found.kind == "xrange" and join_kind == "and" and lead_kind is None:
        return None  # "10 مايو و12 يونيو" are two dates, not a range ("يومي 31 أغسطس و1 سبتمبر" is)
    if found.kind == "range" and day_number(g, "a") >= day_number(g, "b"):
        return None
    day_list: tuple[int, int] | None = None
    if (
        found.kind == "range"
        and join_kind == "and"
        and lead_kind in (None, "pair")  # "يومي 24 و27 فبراير": two days that do not follow each other
        and "," not in found.folded.text[start : match.start("join")]
        and day_number(g, "b") != day_number(g, "a") + 1
    ):
        first = next(name for name in ("da", "oa", "fa") if g.get(name))
        day_list = (match.start(first), match.end(first))
    return found.mention(start, day_list=day_list)


def _month(found: _Found) -> Mention | None:
    """A month without a day: a word that may be something else needs a year or a hedge; without a
    year or a direction it needs a cue, or it is kept only when a coordinated date confirms it."""
    g, match, text = found.groups, found.match, found.folded.text
    entry = date_lexicon().month(g["ma"] or "")
    has_year = g.get("ya") is not None
    if entry is not None and entry.needs_number and not has_year and not found.hedged:
        return None  # "آب" (August) is also "أب" (father): only with a year or a hedge ("نهاية أوت")
    conditional = False
    if not (has_year or g.get("rta") or g.get("rda") or g.get("mda")):
        cue = (
            bool(text[found.start : match.start("ma")].strip())  # a hedge, "شهر"
            or "ب" in (g.get("pfx") or "")  # "بمايو"
            or found.patterns.month_cue_before.search(text, max(0, match.start() - 25), match.start()) is not None
        )
        conditional = not cue
    return found.mention(conditional=conditional)


def _year(found: _Found) -> Mention | None:
    """A year needs a cue, a hedge or an era (a bare one a coordinated year); not a Hijri year, not a
    number of things ("1960 جنديا")."""
    g, match, start = found.groups, found.match, found.start
    if found.kind == "year":
        start = _span_start(match, ("h1", "h2", "yw", "ya"))
        hedged = found.hedged
        if not (g.get("cue") or g.get("yw") or (hedged and not _is_about(hedged)) or g.get("ea")):
            return None
    if found.kind == "year_range":
        first, last = found.match.group("ya"), found.match.group("yb")
        if not (int(first) < int(last) <= int(first) + 50 and (g.get("lead") or g["join"] == "-")):
            return None  # "بين 2020 و2022", "من 2020 إلى 2022", "2020-2022"
        start = _span_start(match, ("yw", "ya"))
    era = g.get("eb") or g.get("ea")
    if era is not None and date_lexicon().label("era", era) == "hijri":
        return None
    if era is None and found.counted_after():
        return None
    return found.mention(start, conditional=found.kind == "year_bare" and not g.get("ea"))


def _numeric(found: _Found) -> Mention | None:
    """ "2024/06/05", "05/06/2024": a month 1–12 and a day 1–31."""
    month, day = int(found.match.group("ma")), int(found.match.group("da"))
    return found.mention() if 1 <= month <= 12 and 1 <= day <= 31 else None


def _relative_day(found: _Found) -> Mention | None:
    """ "اليوم", "أمس", not after a word that makes them something else ("ذلك اليوم", "طوال اليوم")."""
    start = found.start
    if found.patterns.not_today_before.search(found.folded.text, max(0, start - 12), start):
        return None
    return found.mention()


def _weekday_range(found: _Found) -> Mention | None:
    """ "يومي السبت والأحد", "من الاثنين إلى الأربعاء": one span; "الخميس والسبت" alone are two days."""
    g, lexicon = found.groups, date_lexicon()
    first, last = lexicon.weekdays[g["wd"] or ""], lexicon.weekdays[g["wdb"] or ""]
    lead_kind = lexicon.label("range_lead", g.get("lead"))
    spanned = lead_kind == "span" or lexicon.label("range_join", g["join"]) == "to"
    if first == last or not (spanned or (last - first) % 7 == 1):
        return None
    start = found.match.start("lead") if lead_kind in ("span", "pair") else _span_start(found.match, ("dp", "wd"))
    return found.mention(start)


def _hijri_year(found: _Found) -> Mention | None:
    """ "عام 1446 هـ": the mention starts at the year word, not at its cue ("في")."""
    return found.mention(_span_start(found.match, ("yw", "ya")))


_CHECKS: Mapping[str, Callable[[_Found], Mention | None]] = MappingProxyType(
    {
        "hijri_year": _hijri_year,
        "weekday_range": _weekday_range,
        "range": _range,
        "xrange": _range,
        "month": _month,
        "year": _year,
        "year_range": _year,
        "year_bare": _year,
        "ymd": _numeric,
        "dmy_numeric": _numeric,
        "relday": _relative_day,
    }
)


def _candidate(
    kind: str, match: re.Match[str], folded: Folded, original: str, patterns: DatePatterns
) -> Mention | None:
    """The mention a finder's match proposes, after the checks of its kind; ``None`` when it is not a date."""
    found = _Found(kind, match, match.groupdict(), folded, original, patterns)
    check = _CHECKS.get(kind)
    mention = check(found) if check is not None else found.mention()
    if mention is None or kind not in MONTH_KINDS:
        return mention
    suffix = mention.suffix()
    if found.groups.get("y" + suffix) and not found.groups.get("e" + suffix) and found.counted_after():
        return None  # "في مايو 1960 جنديا"
    return mention


def day_number(groups: dict[str, str | None], suffix: str) -> int:
    digits = groups.get("d" + suffix)
    if digits:
        return int(digits)
    first = groups.get("f" + suffix)
    if first:
        return date_lexicon().number("first_day", first)
    return date_lexicon().number("ordinal_day", groups.get("o" + suffix) or "")


def _select(candidates: list[Mention]) -> list[Mention]:
    """Earliest start first, then the longest; drop candidates overlapping a chosen one."""
    chosen: list[Mention] = []
    last_end = -1
    for mention in sorted(candidates, key=lambda m: (m.start, -(m.end - m.start), m.conditional)):
        if mention.start >= last_end:
            chosen.append(mention)
            last_end = mention.end
    return chosen


def _gap(text: str, left: Mention, right: Mention, pattern: re.Pattern[str]) -> bool:
    gap = text[left.end : right.start]
    return len(gap) <= _MAX_GAP and pattern.fullmatch(gap) is not None


def _has_year(mention: Mention) -> bool:
    return mention.written_year() is not None or mention.borrowed_year is not None


def _confirm(mentions: list[Mention], text: str) -> list[Mention]:
    """Keep conditional mentions confirmed by a coordinated date; lend years across coordination."""
    keep = [not m.conditional for m in mentions]
    for i in range(len(mentions) - 2, -1, -1):  # right to left: "مايو ويونيو ويوليو 2023"
        left, right = mentions[i], mentions[i + 1]
        if (
            left.kind in MONTH_KINDS
            and right.kind in MONTH_KINDS
            and keep[i + 1]
            and _has_year(right)
            and left.written_year() is None
            and not any(left.relative_year_marks())
            and _gap(text, left, right, GAP_COORDINATION)
        ):
            left.borrowed_year = right.written_year() or right.borrowed_year
            keep[i] = True
    for i in range(1, len(mentions)):  # left to right: "عامي 2020 و2021"
        left, right = mentions[i - 1], mentions[i]
        if (
            right.kind == "year_bare"
            and keep[i - 1]
            and left.written_year()
            and _gap(text, left, right, GAP_COORDINATION)
        ):
            keep[i] = True
    return [m for m, ok in zip(mentions, keep, strict=True) if ok]


def _merge(mentions: list[Mention], text: str, patterns: DatePatterns) -> list[Mention]:
    """Join the parts of one written date into one mention."""
    weekdays = date_lexicon().weekdays
    out: list[Mention] = []
    for mention in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "relday"
            and prev.weekday is None
            and mention.kind == "weekday"
            and not mention.group("dir")
            and _gap(text, prev, mention, GAP_TODAY_WEEKDAY)
        ):
            end = mention.end
            closing = re.match(r"\s*\)", text[end:])
            if "(" in text[prev.end : mention.start] and closing:
                end += closing.end()
            out[-1] = replace(prev, end=end, weekday=weekdays[mention.group("wd") or ""])
            continue
        if prev is not None and mention.kind in DATED_KINDS and _gap(text, prev, mention, patterns.link_gap):
            if prev.kind == "weekday":  # "الأربعاء 5 يونيو", "الأحد الماضي 2 يونيو"
                out[-1] = replace(mention, start=prev.start, weekday=weekdays[prev.group("wd") or ""])
                continue
            if prev.kind == "relday":
                today = date_lexicon().number("relative_day", prev.group("rel") or "")
                out[-1] = replace(mention, start=prev.start, weekday=prev.weekday, today=today)
                continue
            pair = {prev.kind, mention.kind}
            if "hijri" in pair and pair & GREGORIAN_DAY_KINDS:
                greg = mention if prev.kind == "hijri" else prev
                out[-1] = replace(
                    greg,
                    start=prev.start,
                    end=mention.end,
                    with_hijri=True,
                    weekday=prev.weekday or mention.weekday,
                    today=prev.today,
                )
                continue
        out.append(mention)
    return out


def _windows(text: str, patterns: DatePatterns) -> dict[str, list[tuple[int, int]]]:
    """For each trigger class, the stretches of text around its triggers, merged."""
    windows: dict[str, list[tuple[int, int]]] = {}
    for match in patterns.trigger.finditer(text):
        found = windows.setdefault(match.lastgroup or "", [])
        start, end = max(0, match.start() - _WINDOW_BEFORE), min(len(text), match.end() + _WINDOW_AFTER)
        if found and start <= found[-1][1]:
            found[-1] = (found[-1][0], end)
        else:
            found.append((start, end))
    return windows


@dataclass(frozen=True)
class _ScannedText:
    """A text to scan, equal to another by its two strings (its offset map follows from them)."""

    folded: Folded = field(compare=False)
    folded_text: str
    original: str


def scan(folded: Folded, original: str) -> list[Mention]:
    """All date mentions of a text, merged and in text order (offsets in ``folded.text``).

    An article's text is scanned twice in a row, for its publication date and for its dates: the
    mentions of the latest text are kept and handed out as copies (each call may change its own)."""
    return [copy(mention) for mention in _scan_latest(_ScannedText(folded, folded.text, original))]


@lru_cache(maxsize=1)
def _scan_latest(text: _ScannedText) -> tuple[Mention, ...]:
    return tuple(_scan(text.folded, text.original))


def _scan(folded: Folded, original: str) -> list[Mention]:
    patterns = date_patterns()
    candidates = []
    windows = _windows(folded.text, patterns)
    for kind, pattern in patterns.finders.items():
        for window_start, window_end in windows.get(FINDER_TRIGGERS[kind], ()):
            for match in pattern.finditer(folded.text, window_start, window_end):
                mention = _candidate(kind, match, folded, original, patterns)
                if mention is not None:
                    candidates.append(mention)
    selected = _confirm(_select(candidates), folded.text)
    return _merge(selected, folded.text, patterns)
