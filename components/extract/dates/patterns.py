"""Regular expressions for date mentions, built once from the date lexicon.

All patterns run on text folded by :func:`components.text.arabic.fold` (ASCII digits, bare alef,
taa marbuta as haa, no diacritics). Group names: ``d``/``o`` day number or ordinal word,
``m``/``ma`` month (and its alternative name), ``y``/``e`` year and era, ``rp``/``rd``/``rt``
relative year ("من العام الماضي", "هذا العام"), ``md`` a direction after the month
("مايو الماضي"); a suffix ``a``/``b`` tells the first and second date of a range apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from components.extract.dates.lexicon import DateLexicon, date_lexicon, load_date_words
from components.text.regex_store import RegexStore
from components.text.tokens import proclitics

HIJRI_YEAR = r"1[34]\d\d"
SEP_DAY_MONTH = r"\s*(?:[/\-]\s*)?"
GAP_TODAY_WEEKDAY = re.compile(r"[\s,،(\-]*")
GAP_COORDINATION = re.compile(r"\s*(?:و|او|ثم|،|,|-|/|الى|حتى|وفي|و\s+في)?\s*")
SENTENCE_END = re.compile(r"[.!?؟؛](?=\s|$)|\n")
CLAUSE_END = re.compile(r"[.!?؟؛;:،,\n]")
TIME_OF_DAY = re.compile(r"\s*[-–,،]?\s*\d{1,2}:\d{2}")
WORD = re.compile(r"[^\s\d\W]+|%")


# Each finder runs only near a trigger of its class (see DatePatterns.trigger).
FINDER_TRIGGERS = {
    "range": "greg",
    "xrange": "greg",
    "dmy": "greg",
    "month": "greg",
    "hijri": "hijri",
    "ymd": "numeric",
    "dmy_numeric": "numeric",
    "year_range": "year",
    "year": "year",
    "year_bare": "year",
    "hijri_year": "year",
    "relday": "relday",
    "weekday": "weekday",
    "period": "period",
    "relmonth_day": "period",
    "anchor": "anchor",
    "counted": "count",
    "weekday_range": "weekday",
}


_Trie = dict[str, "_Trie"]  # character -> the trie of what may follow ("" marks the end of a phrase)


def alternation(phrases: Iterable[str]) -> str:
    """A regex matching any of the folded phrases (longest first), spaces matching any whitespace.

    Built as a trie ("ال(?:يوم|شهر|…)") so that the regex engine does not retry every phrase at
    every position.
    """
    trie: _Trie = {}
    for phrase in set(phrases):
        node = trie
        for token in " ".join(phrase.split()):
            node = node.setdefault(token, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [
            (r"\s+" if token == " " else re.escape(token)) + emit(child)
            for token, child in sorted(node.items())
            if token
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(trie) + ")"


def _with_value(lexicon: DateLexicon, kind: str, value: object) -> str:
    return alternation(phrase for phrase, v in lexicon.words[kind].items() if v == value)


@dataclass(frozen=True)
class DatePatterns:
    """Compiled patterns: ``finders`` maps a mention kind to its regex; the rest are helpers."""

    finders: dict[str, re.Pattern[str]]
    trigger: re.Pattern[str]  # digits and date words, one named group per class of FINDER_TRIGGERS
    link_gap: re.Pattern[str]
    future: re.Pattern[str]
    past: re.Pattern[str]
    relative: re.Pattern[str]  # a relative pronoun: the clause it opens has its own tense
    background: re.Pattern[str]
    future_verb: re.Pattern[str]
    not_future_verb: frozenset[str]
    noun_endings: tuple[str, ...]  # as written (not folded): "ة" is not the pronoun "ه"
    counted_noun: frozenset[str]
    stamp_cue: re.Pattern[str]
    year_out_of_range: re.Pattern[str]  # a date or year word with a number that is no year we date
    month_cue_before: re.Pattern[str]
    not_today_before: re.Pattern[str]


@dataclass(frozen=True)
class _Parts:
    """Regex pieces of the date vocabulary (alternations of folded phrases) and what is built from them."""

    greg: str  # Gregorian month names
    hijri: str  # Hijri month names
    weekdays: str
    ordinal: str  # ordinal day words ("الخامس عشر")
    direction: str
    this: str
    same: str
    hedge: str
    year_word: str
    month_word: str
    era: str
    hijri_era: str  # "هـ"
    period: str
    period_year: str
    period_month: str
    day_prefix: str
    join: str
    lead: str
    year_cue: str
    relative_day: str
    not_today_after: str
    anchor_day: str
    first_day: str  # "فاتح": the first day of a month
    count_lead: str  # "قبل", "منذ", "بعد" before a count of days, weeks, months or years
    count_unit: str
    single_unit: str  # "يوم", "شهر": one of them ("قبل شهر")
    dual_unit: str  # "يومين", "شهرين"
    number_word: str
    glued: str  # a proclitic letter glued to a date or a cue (و ف ب ل)
    conjunction: str  # a conjunction letter glued to a cue (و ف)

    @property
    def leadin(self) -> str:
        """Start of a mention: not inside a word, then up to two glued proclitic letters."""
        return rf"(?<!\w)(?P<pfx>{self.glued}{{0,2}}?)"

    @property
    def hedges(self) -> str:
        return rf"(?:(?P<h1>{self.hedge})\s+)?(?:(?P<h2>{self.hedge})\s+)?"

    @property
    def year_sep(self) -> str:
        return rf"(?:\s*[/\-]\s*|\s+)(?:من\s+)?(?:{self.year_word}\s+)?"

    def day(self, s: str) -> str:
        """A day of the month: digits (with the article glued, "الـ14"), an ordinal word with من, "فاتح"."""
        return (
            rf"(?:(?<![\d.,/:])(?:ال)?(?P<d{s}>[0-3]?\d)(?![\d:]|[.,]\d)|(?P<o{s}>{self.ordinal})\s+من"
            rf"|(?P<f{s}>{self.first_day})(?:\s+من)?)"
        )

    def month(self, s: str, names: str | None = None) -> str:
        names = self.greg if names is None else names
        return (
            rf"(?:{self.month_word}\s+)?(?P<m{s}>{names})(?!\w)"
            rf"(?:\s*(?:/|\()\s*(?P<ma{s}>{names})(?!\w)(?:\s*\))?)?"
        )

    def year(self, s: str, digits: str = r"(?:19|20)\d\d") -> str:
        return rf"(?P<y{s}>{digits})(?:\s?(?P<e{s}>{self.era})(?!\w))?(?!\d|[.,]\d|\s?%|[/\-.]\d{{1,2}}(?!\d))"

    def year_tail(self, s: str) -> str:
        """What may follow a month: a year, a relative year ("من العام الماضي"), a direction ("الماضي")."""
        return (
            rf"(?:{self.year_sep}{self.year(s)}"
            rf"|\s+(?:من\s+)?(?:(?P<rp{s}>{self.period_year})\s+(?P<rd{s}>{self.direction})"
            rf"|(?P<rs{s}>{self.period_year})\s+{self.same}"
            rf"|{self.this}\s+(?P<rt{s}>{self.period_year}))(?!\w)"
            rf"|\s+(?P<md{s}>{self.direction})(?!\w))?"
        )


def _parts(lex: DateLexicon) -> _Parts:
    w = lex.words
    known = proclitics()
    return _Parts(
        greg=alternation(m.key for m in lex.months if m.calendar == "gregorian"),
        hijri=alternation(m.key for m in lex.months if m.calendar == "hijri"),
        weekdays=alternation(lex.weekdays),
        ordinal=alternation(w["ordinal_day"]),
        direction=alternation(w["direction"]),
        this=alternation(w["this_word"]),
        same=alternation(w["same_word"]),
        hedge=alternation(w["hedge"]),
        year_word=alternation(w["year_word"]),
        month_word=alternation(w["month_word"]),
        era=alternation(w["era"]),
        hijri_era=_with_value(lex, "era", "hijri"),
        period=alternation(w["period"]),
        period_year=_with_value(lex, "period", "year"),
        period_month=_with_value(lex, "period", "month"),
        day_prefix=alternation(w["day_prefix"]),
        join=alternation(w["range_join"]),
        lead=alternation(w["range_lead"]),
        year_cue=alternation(w["year_cue"]),
        relative_day=alternation(w["relative_day"]),
        not_today_after=alternation(w["not_today_after"]),
        anchor_day=alternation(w["anchor_day"]),
        first_day=alternation(w["first_day"]),
        count_lead=alternation(w["count_lead"]),
        count_unit=alternation(w["count_unit"]),
        single_unit=alternation(w["single_unit"]),
        dual_unit=alternation(w["dual_unit"]),
        number_word=alternation(w["number_word"]),
        glued=f"[{known.detachable}]",
        conjunction=f"[{known.conjunctions}]",
    )


def _finders(p: _Parts) -> dict[str, str]:
    """The regex of each kind of mention (see FINDER_TRIGGERS)."""
    leadin, day, month, year, year_tail = p.leadin, p.day, p.month, p.year, p.year_tail
    return {
        "range": rf"{leadin}(?:(?P<lead>{p.lead})\s+)?{day('a')}(?:\s*[و،,]\s*[0-3]?\d(?!\d))*"
        rf"\s*(?P<join>{p.join})\s*{day('b')}"
        rf"{SEP_DAY_MONTH}{month('b')}{year_tail('b')}",
        "xrange": rf"{leadin}(?:(?P<lead>{p.lead})\s+)?{day('a')}{SEP_DAY_MONTH}{month('a')}"
        rf"(?:{p.year_sep}{year('a')})?\s*(?P<join>{p.join})\s*{day('b')}{SEP_DAY_MONTH}{month('b')}{year_tail('b')}",
        "dmy": rf"{leadin}{day('a')}{SEP_DAY_MONTH}{month('a')}{year_tail('a')}",
        "month": rf"{leadin}{p.hedges}{month('a')}{year_tail('a')}",
        "hijri": rf"{leadin}(?:{day('a')}{SEP_DAY_MONTH})?{month('a', p.hijri)}(?:\s+من)?(?:\s+{p.year_word})?\s*"
        rf"{year('a', HIJRI_YEAR)}",
        "ymd": r"(?<![\w/.:-])(?P<ya>(?:19|20)\d\d)\s?(?P<sep>[/\-.])\s?(?P<ma>[01]?\d)\s?(?P=sep)\s?(?P<da>[0-3]?\d)"
        r"(?![\d/]|\.\d)",
        "dmy_numeric": r"(?<![\w/.:-])(?P<da>[0-3]?\d)\s?(?P<sep>[/\-.])\s?(?P<ma>[01]?\d)\s?(?P=sep)\s?"
        r"(?P<ya>(?:19|20)\d\d)(?!\d)",
        "year_range": rf"{leadin}(?:(?P<lead>{p.lead})\s+)?(?:(?P<yw>{p.year_word})\s+)?{year('a')}\s*"
        rf"(?P<join>{p.join})\s*{year('b')}",
        "year": rf"{leadin}(?:(?P<cue>{p.year_cue})\s+)?{p.hedges}(?:(?P<yw>{p.year_word})\s+)?{year('a')}",
        "year_bare": rf"(?:(?<![\w.,/:-])|(?<=(?<!\w)و)){year('a')}",
        "hijri_year": rf"{leadin}(?:(?P<cue>{p.year_cue})\s+)?(?:(?P<yw>{p.year_word})\s+)?(?P<ya>{HIJRI_YEAR})\s?"
        rf"(?P<ea>{p.hijri_era})(?!\w)",
        "relday": rf"{leadin}(?:(?P<dp>{p.day_prefix})\s+)?(?P<rel>{p.relative_day})(?!\w)"
        rf"(?!\s+{p.not_today_after}(?!\w))",
        "weekday": rf"{leadin}(?:(?P<dp>{p.day_prefix})\s+)?(?P<wd>{p.weekdays})(?!\w)"
        rf"(?:\s+(?P<dir>{p.direction})(?!\w))?",
        "period": rf"{leadin}{p.hedges}(?:(?P<per>{p.period})\s+(?P<dir>{p.direction})|{p.this}\s+(?P<per2>{p.period}))"
        r"(?!\w)",
        "relmonth_day": rf"{leadin}{day('a')}\s+(?:من\s+)?(?:(?P<per>{p.period_month})\s+(?P<dir>{p.direction})"
        rf"|{p.this}\s+(?P<per2>{p.period_month})|(?P<per3>{p.period_month})\s+(?P<same>{p.same}))(?!\w)",
        "anchor": rf"{leadin}(?:(?P<dp>{p.day_prefix})\s+)?(?P<anchor>{p.anchor_day})(?!\w)",
        # "قبل 3 أيام", "منذ ثلاثة أشهر", "قبل أسبوعين": not "قبل يومين (فقط) من الانتخابات", "بعد يوم واحد من
        # غيابه" (counted from another event)
        "counted": rf"{leadin}(?P<lead>{p.count_lead})\s+(?:(?:(?P<n>\d{{1,3}})|(?P<nw>{p.number_word}))\s+"
        rf"(?P<unit>{p.count_unit}|{p.single_unit})|(?P<one>{p.single_unit})|(?P<dual>{p.dual_unit}))(?!\w)"
        r"(?!\s*\d)(?!(?:\s+(?:فقط|واحد|واحدة|تقريبا|تقريباً))?\s+(?:من|على)(?!\w))",
        "weekday_range": rf"{leadin}(?:(?P<lead>{p.lead})\s+)?(?:(?P<dp>{p.day_prefix})\s+)?(?P<wd>{p.weekdays})\s*"
        rf"(?P<join>{p.join})\s*(?:{p.day_prefix}\s+)?(?P<wdb>{p.weekdays})(?!\w)(?:\s+(?P<dir>{p.direction})(?!\w))?",
    }


def _trigger(p: _Parts, compile_pattern: Callable[[str], re.Pattern[str]] = re.compile) -> re.Pattern[str]:
    """Digits and date words, one named group per trigger class of FINDER_TRIGGERS; a word may carry
    glued proclitic letters."""
    classes = (
        ("hijri", p.hijri),
        ("greg", p.greg),
        ("weekday", p.weekdays),
        ("anchor", p.anchor_day),
        ("relday", p.relative_day),
        ("period", p.period),
        ("count", f"{p.count_unit}|{p.single_unit}|{p.dual_unit}"),
    )
    words = "|".join(f"(?P<{name}>{pattern})" for name, pattern in classes)
    letters = p.glued[1:-1]
    return compile_pattern(rf"(?P<year>\d{{4}})|(?P<numeric>\d{{1,4}}\s?[/\-.]\s?\d)|(?<![^\W{letters}])(?:{words})")


@lru_cache(maxsize=1)
def date_patterns() -> DatePatterns:
    lex = date_lexicon()
    w = lex.words
    p = _parts(lex)
    # the cue stands at most six words before the date, with no auxiliary of a past event between (قد، تم، كان …)
    background_words = r"(?:\s+(?!(?:قد|جرت|جري|تم|كان|كانت|وقد)\s)[^\s،,.؛;:]+){0,6}\s+(?:في\s+)?$"
    store = RegexStore("date_patterns")  # their programs are read from the cache folder
    patterns = DatePatterns(
        finders={kind: store.compile(pattern) for kind, pattern in _finders(p).items()},
        trigger=_trigger(p, store.compile),
        link_gap=store.compile(rf"[\s,،(\-]*(?:{alternation(w['link'])}[\s,،(\-]*)?"),
        future=store.compile(rf"(?<!\w){p.conjunction}?{alternation(w['future_marker'])}(?!\w)"),
        past=store.compile(rf"(?<!\w){alternation(w['past_marker'])}(?!\w)"),
        relative=store.compile(rf"(?<!\w){p.conjunction}?{alternation(w['relative_pronoun'])}(?!\w)"),
        background=store.compile(rf"(?<!\w){p.conjunction}?{alternation(w['background_cue'])}{background_words}"),
        future_verb=store.compile(
            rf"(?<!\w){p.conjunction}?(?P<prefix>{alternation(w['future_verb_prefix'])})\w{{2,}}"
        ),
        not_future_verb=frozenset(w["not_future_verb"]),
        noun_endings=tuple(phrase for row in load_date_words() if row.kind == "noun_ending" for phrase in row.phrase),
        counted_noun=frozenset(w["counted_noun"]),
        year_out_of_range=store.compile(
            rf"(?:(?<![\d/.])\d{{1,2}}\s*)?(?:{p.greg}|{p.year_word})(?!\w)(?:{p.year_sep})(?P<year>\d{{4,}})(?!\d)"
            rf"(?<!19\d\d)(?<!20\d\d)(?!\s?%)(?!\s?{p.hijri_era}(?!\w))"
        ),
        stamp_cue=store.compile(rf"(?<!\w){p.conjunction}?{alternation(w['stamp_cue'])}(?!\w)"),
        month_cue_before=store.compile(rf"(?<!\w){p.glued}?{alternation(w['month_cue'])}\s*$"),
        not_today_before=store.compile(rf"(?<!\w){alternation(w['not_today_before'])}\s*$"),
    )
    store.save()
    return patterns
