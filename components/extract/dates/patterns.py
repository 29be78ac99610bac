"""Regular expressions for date mentions, built once from the date lexicon.

All patterns run on text folded by :func:`components.text.arabic.fold` (ASCII digits, bare alef,
taa marbuta as haa, no diacritics). Group names: ``d``/``o`` day number or ordinal word,
``m``/``ma`` month (and its alternative name), ``y``/``e`` year and era, ``rp``/``rd``/``rt``
relative year ("من العام الماضي", "هذا العام"), ``md`` a direction after the month
("مايو الماضي"); a suffix ``a``/``b`` tells the first and second date of a range apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from components.extract.dates.lexicon import DateLexicon, date_lexicon
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
    "relday": "relday",
    "weekday": "weekday",
    "period": "period",
    "relmonth_day": "period",
    "anchor": "anchor",
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
    background: re.Pattern[str]
    future_verb: re.Pattern[str]
    not_future_verb: frozenset[str]
    counted_noun: frozenset[str]
    stamp_cue: re.Pattern[str]
    month_cue_before: re.Pattern[str]
    not_today_before: re.Pattern[str]


@lru_cache(maxsize=1)
def date_patterns() -> DatePatterns:
    lex = date_lexicon()
    w = lex.words
    greg = alternation(m.key for m in lex.months if m.calendar == "gregorian")
    hijri = alternation(m.key for m in lex.months if m.calendar == "hijri")
    ordinal = alternation(w["ordinal_day"])
    direction = alternation(w["direction"])
    this = alternation(w["this_word"])
    same = alternation(w["same_word"])
    hedge = alternation(w["hedge"])
    year_word = alternation(w["year_word"])
    month_word = alternation(w["month_word"])
    era = alternation(w["era"])
    period = alternation(w["period"])
    period_year = _with_value(lex, "period", "year")
    period_month = _with_value(lex, "period", "month")
    day_prefix = alternation(w["day_prefix"])
    join = alternation(w["range_join"])
    lead = alternation(w["range_lead"])
    year_cue = alternation(w["year_cue"])
    known = proclitics()
    glued = f"[{known.detachable}]"  # a proclitic letter glued to a date or a cue (و ف ب ل)
    conjunction = f"[{known.conjunctions}]"
    # Start of a mention: not inside a word, then up to two glued proclitic letters.
    leadin = rf"(?<!\w)(?P<pfx>{glued}{{0,2}}?)"

    def day(s: str) -> str:
        return rf"(?:(?<![\d.,/:])(?P<d{s}>[0-3]?\d)(?![\d:]|[.,]\d)|(?P<o{s}>{ordinal})\s+من)"

    def month(s: str, names: str = greg) -> str:
        return (
            rf"(?:{month_word}\s+)?(?P<m{s}>{names})(?!\w)"
            rf"(?:\s*(?:/|\()\s*(?P<ma{s}>{names})(?!\w)(?:\s*\))?)?"
        )

    def year(s: str, digits: str = r"(?:19|20)\d\d") -> str:
        return rf"(?P<y{s}>{digits})(?:\s?(?P<e{s}>{era})(?!\w))?(?!\d|[.,]\d|\s?%|[/\-.]\d{{1,2}}(?!\d))"

    year_sep = rf"(?:\s*[/\-]\s*|\s+)(?:من\s+)?(?:{year_word}\s+)?"

    def year_tail(s: str) -> str:
        return (
            rf"(?:{year_sep}{year(s)}"
            rf"|\s+(?:من\s+)?(?:(?P<rp{s}>{period_year})\s+(?P<rd{s}>{direction})"
            rf"|(?P<rs{s}>{period_year})\s+{same}"
            rf"|{this}\s+(?P<rt{s}>{period_year}))(?!\w)"
            rf"|\s+(?P<md{s}>{direction})(?!\w))?"
        )

    hedges = rf"(?:(?P<h1>{hedge})\s+)?(?:(?P<h2>{hedge})\s+)?"
    finders = {
        "range": rf"{leadin}(?:(?P<lead>{lead})\s+)?{day('a')}(?:\s*[و،,]\s*[0-3]?\d(?!\d))*"
        rf"\s*(?P<join>{join})\s*{day('b')}"
        rf"{SEP_DAY_MONTH}{month('b')}{year_tail('b')}",
        "xrange": rf"{leadin}(?:(?P<lead>{lead})\s+)?{day('a')}{SEP_DAY_MONTH}{month('a')}(?:{year_sep}{year('a')})?"
        rf"\s*(?P<join>{join})\s*{day('b')}{SEP_DAY_MONTH}{month('b')}{year_tail('b')}",
        "dmy": rf"{leadin}{day('a')}{SEP_DAY_MONTH}{month('a')}{year_tail('a')}",
        "month": rf"{leadin}{hedges}{month('a')}{year_tail('a')}",
        "hijri": rf"{leadin}(?:{day('a')}{SEP_DAY_MONTH})?{month('a', hijri)}(?:\s+من)?(?:\s+{year_word})?\s*"
        rf"{year('a', HIJRI_YEAR)}",
        "ymd": r"(?<![\w/.:-])(?P<ya>(?:19|20)\d\d)\s?(?P<sep>[/\-.])\s?(?P<ma>[01]?\d)\s?(?P=sep)\s?(?P<da>[0-3]?\d)"
        r"(?![\d/]|\.\d)",
        "dmy_numeric": r"(?<![\w/.:-])(?P<da>[0-3]?\d)\s?(?P<sep>[/\-.])\s?(?P<ma>[01]?\d)\s?(?P=sep)\s?"
        r"(?P<ya>(?:19|20)\d\d)(?!\d)",
        "year_range": rf"{leadin}(?:(?P<lead>{lead})\s+)?(?:(?P<yw>{year_word})\s+)?{year('a')}\s*(?P<join>{join})\s*"
        rf"{year('b')}",
        "year": rf"{leadin}(?:(?P<cue>{year_cue})\s+)?{hedges}(?:(?P<yw>{year_word})\s+)?{year('a')}",
        "year_bare": rf"(?:(?<![\w.,/:-])|(?<=(?<!\w)و)){year('a')}",
        "relday": rf"{leadin}(?:(?P<dp>{day_prefix})\s+)?(?P<rel>{alternation(w['relative_day'])})(?!\w)"
        rf"(?!\s+{alternation(w['not_today_after'])}(?!\w))",
        "weekday": rf"{leadin}(?:(?P<dp>{day_prefix})\s+)?(?P<wd>{alternation(lex.weekdays)})(?!\w)"
        rf"(?:\s+(?P<dir>{direction})(?!\w))?",
        "period": rf"{leadin}{hedges}(?:(?P<per>{period})\s+(?P<dir>{direction})|{this}\s+(?P<per2>{period}))(?!\w)",
        "relmonth_day": rf"{leadin}{day('a')}\s+(?:من\s+)?(?:(?P<per>{period_month})\s+(?P<dir>{direction})"
        rf"|{this}\s+(?P<per2>{period_month})|(?P<per3>{period_month})\s+(?P<same>{same}))(?!\w)",
        "anchor": rf"{leadin}(?:(?P<dp>{day_prefix})\s+)?(?P<anchor>{alternation(w['anchor_day'])})(?!\w)",
    }
    return DatePatterns(
        finders={kind: re.compile(pattern) for kind, pattern in finders.items()},
        trigger=re.compile(
            rf"(?P<year>\d{{4}})|(?P<numeric>\d{{1,4}}\s?[/\-.]\s?\d)|(?<![^\W{known.detachable}])(?:"
            + "|".join(
                f"(?P<{name}>{pattern})"
                for name, pattern in (
                    ("hijri", hijri),
                    ("greg", greg),
                    ("weekday", alternation(lex.weekdays)),
                    ("anchor", alternation(w["anchor_day"])),
                    ("relday", alternation(w["relative_day"])),
                    ("period", period),
                )
            )
            + ")"
        ),
        link_gap=re.compile(rf"[\s,،(\-]*(?:{alternation(w['link'])}[\s,،(\-]*)?"),
        future=re.compile(rf"(?<!\w){conjunction}?{alternation(w['future_marker'])}(?!\w)"),
        past=re.compile(rf"(?<!\w){alternation(w['past_marker'])}(?!\w)"),
        background=re.compile(
            rf"(?<!\w){conjunction}?{alternation(w['background_cue'])}(?:\s+(?!(?:قد|جرت|جري|تم|كان|كانت|وقد)\s)[^\s،,.؛;:]+){{0,6}}\s+(?:في\s+)?$"
        ),
        future_verb=re.compile(rf"(?<!\w){conjunction}?({alternation(w['future_verb_prefix'])}\w{{3,}})"),
        not_future_verb=frozenset(w["not_future_verb"]),
        counted_noun=frozenset(w["counted_noun"]),
        stamp_cue=re.compile(rf"(?<!\w){conjunction}?{alternation(w['stamp_cue'])}(?!\w)"),
        month_cue_before=re.compile(rf"(?<!\w){glued}?{alternation(w['month_cue'])}\s*$"),
        not_today_before=re.compile(rf"(?<!\w){alternation(w['not_today_before'])}\s*$"),
    )
