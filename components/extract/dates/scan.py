"""Finding date mentions in folded text: candidates, overlap selection, merging.

Every finder of :mod:`components.extract.dates.patterns` proposes candidates; the longest one wins
where candidates overlap; words that are only dates next to a cue or a coordinated date
("مايو" alone, a bare four-digit number) are kept only when that context is there; then
adjacent parts of one date are merged ("اليوم (الاثنين)", "الأربعاء الموافق 5 يونيو",
a Hijri date beside its Gregorian one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

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


def _counted_after(folded: Folded, end: int, patterns: DatePatterns, original: str) -> bool:
    """True when a number is followed by a counted noun ("1960 جنديا", "380 وحده", "50%")."""
    word = WORD.search(folded.text, end, min(len(folded.text), end + 30))
    if word is None or folded.text[end : word.start()].strip(" \t"):
        return False
    if word.group() in patterns.counted_noun:
        return True
    start, stop = folded.to_original(word.start(), word.end())
    return "\u064b" in original[start : stop + 1]  # fathatan: an accusative counted noun (tamyiz)


def _candidate(
    kind: str, match: re.Match[str], folded: Folded, original: str, patterns: DatePatterns
) -> Mention | None:
    g = match.groupdict()
    text = folded.text
    start, end = match.start(), match.end()
    if "pfx" in g:
        start = match.end("pfx")
    conditional = False
    day_list: tuple[int, int] | None = None
    hedged = g.get("h1") or g.get("h2")
    if kind in ("range", "xrange"):
        lead = g.get("lead")
        lead_kind = date_lexicon().label("range_lead", lead) if lead else None
        start = match.start("lead") if lead_kind == "span" else _span_start(match, ("da", "oa"))
        join_kind = date_lexicon().label("range_join", g["join"])
        if kind == "xrange" and join_kind == "and" and lead_kind != "cue":
            return None  # "10 مايو و12 يونيو" are two dates, not a range
        if kind == "range" and day_number(g, "a") >= day_number(g, "b"):
            return None
        if (
            kind == "range"
            and join_kind == "and"
            and lead is None
            and "," not in text[start : match.start("join")]
            and day_number(g, "b") != day_number(g, "a") + 1
        ):
            day_list = (
                match.start("da") if g.get("da") else match.start("oa"),
                match.end("da") if g.get("da") else match.end("oa"),
            )
    elif kind == "month":
        entry = date_lexicon().month(g["ma"] or "")
        has_year = g.get("ya") is not None
        if entry is not None and entry.needs_number and not has_year and not hedged:
            return None  # "آب" (August) is also "أب" (father): only with a year or a hedge ("نهاية أوت")
        if not (has_year or g.get("rta") or g.get("rda") or g.get("mda")):
            cue = (
                bool(text[start : match.start("ma")].strip())  # a hedge, "شهر"
                or "ب" in (g.get("pfx") or "")  # "بمايو"
                or patterns.month_cue_before.search(text, max(0, match.start() - 25), match.start()) is not None
            )
            conditional = not cue
    elif kind in YEAR_KINDS:
        if kind == "year":
            start = _span_start(match, ("h1", "h2", "yw", "ya"))
            if not (g.get("cue") or g.get("yw") or (hedged and not _is_about(hedged)) or g.get("ea")):
                return None
        if kind == "year_range":
            if not (int(g["ya"]) < int(g["yb"]) <= int(g["ya"]) + 50 and (g.get("lead") or g["join"] == "-")):
                return None  # "بين 2020 و2022", "من 2020 إلى 2022", "2020-2022"
            start = _span_start(match, ("yw", "ya"))
        if kind == "year_bare":
            conditional = not g.get("ea")
        era = g.get("eb") or g.get("ea")
        if era is not None and date_lexicon().label("era", era) == "hijri":
            return None
        if era is None and _counted_after(folded, end, patterns, original):
            return None
    elif kind in ("ymd", "dmy_numeric"):
        if not (1 <= int(g["ma"]) <= 12 and 1 <= int(g["da"]) <= 31):
            return None
    elif kind == "relday":
        if patterns.not_today_before.search(text, max(0, start - 12), start):
            return None
    if kind in ("dmy", "range", "xrange", "month"):
        suffix = "b" if kind in ("range", "xrange") else "a"
        if g.get("y" + suffix) and not g.get("e" + suffix) and _counted_after(folded, end, patterns, original):
            return None
    # "في 3 و7 مارس": two days, not the days 3 to 7
    return Mention(kind, start, end, g, conditional=conditional, day_list=day_list)


def day_number(groups: dict[str, str | None], suffix: str) -> int:
    digits = groups.get("d" + suffix)
    if digits:
        return int(digits)
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


def scan(folded: Folded, original: str) -> list[Mention]:
    """All date mentions of a text, merged and in text order (offsets in ``folded.text``)."""
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
