"""Saying and quoting: where reported speech begins, words of saying that only cite a source, and
the dates written inside quotation marks."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from functools import lru_cache

from components.extract.dates.lexicon import date_lexicon
from components.extract.located import Located
from components.extract.models import DateSpan, Event, Sentence, TriggerMatch
from components.extract.triggers import CONNECTOR_ROLES, ClauseWord
from components.text.arabic import fold_key

ATTRIBUTION_PENALTY = 0.4  # "وفق ما أعلنته": the word of saying only cites the source
ATTRIBUTION_GAP = 3  # characters between an attribution phrase and the word it governs
REPORT_REACH = 80  # characters between a word of saying and the "أن" that opens what was said (a speaker named
# with his title and name set off by commas stands between)
# Happenings on the ground that a word of announcing reports as done ("أعلنت روسيا أمس انسحاب قواتها"); other
# things announced (talks, agreements, decisions) are what was said.
REPORTED_ON_ANNOUNCING = ("military", "border", "protest")
SAYING_REACH = 100  # characters between a word of saying and its date (the speaker named between them)
ABOUT_REACH = 40  # characters between a word of announcing and the "عن" that opens what it announces


def reported_speech_starts(triggers: Sequence[TriggerMatch], clause_words: Sequence[ClauseWord]) -> list[int]:
    """Where reported speech begins: an "أن"/"إن" shortly after a word of saying."""
    says = sorted(t.char_end for t in triggers if t.event_type == "statement")
    return [
        word.char_start
        for word in clause_words
        if word.role == "subject"
        and bisect_right(says, word.char_start) > bisect_left(says, word.char_start - REPORT_REACH)
    ]


def names_what_was_said(
    trigger: TriggerMatch,
    span: DateSpan,
    triggers: Sequence[TriggerMatch],
    words: Sequence[ClauseWord],
    same_clause: Callable[[int, int], bool],
) -> bool:
    """Whether ``trigger`` names what a word of saying before the date says, calls for or announces:
    word of saying, speaker, date, then the noun, in one clause ("أعلن باشينيان اليوم موافقة بلاده على
    عقد اجتماع", "دعا لافروف، أمس الإثنين، إلى استئناف اجتماعات الصيغة"): the date is the saying's.
    Not so when the date is inside what was said ("أعلن أن الرئيسين التقيا أمس"), after a connector
    ("تأتي تصريحاته بعد قرار … في"), when the word decides or issues rather than says ("قررت المحكمة
    أمس توقيف", "أصدرت أمس حكما"), when the saying reports that the happening began, ended or
    succeeded, or that an agreement was reached ("أعلنت أمس اكتمال انسحاب القوات", "أعلنا أمس التوصل
    إلى نص": the withdrawal, the agreement is the news; the aspect word may be the trigger itself), or when a word of
    announcing names a happening on the ground first ("أعلنت روسيا أمس انسحاب قواتها")."""
    if trigger.event_type == "statement" or trigger.char_start < span.char_end:
        return False
    deciding = {word.char_start for word in words if word.role == "deciding"}
    announcing = {word.char_start for word in words if word.role in ("announcing", "declaration")}
    if any(word.role == "aspect" and span.char_end <= word.char_start <= trigger.char_start for word in words) and any(
        saying.event_type == "statement" and saying.char_end <= span.char_start and saying.char_start in announcing
        for saying in triggers
    ):
        return False
    named = next(
        (other for other in triggers if other.event_type != "statement" and other.char_start >= span.char_end), None
    )
    resumes = any(
        word.role == "resumption" and span.char_end <= word.char_start <= trigger.char_start for word in words
    )
    for saying in triggers:
        if saying.event_type != "statement" or saying.char_end > span.char_start or saying.char_start in deciding:
            continue
        if saying.char_start in announcing and (
            (named is not None and named.event_type in REPORTED_ON_ANNOUNCING) or resumes
        ):
            continue  # "أعلنت روسيا أمس انسحاب قواتها", "أعلنت استئناف سفارتها أعمالها": the happening is the news
        interrupted = any(
            other.event_type != "statement" and saying.char_end <= other.char_start < span.char_start
            for other in triggers
        ) or any(
            (word.role == "subject" or word.role in CONNECTOR_ROLES)
            and saying.char_end <= word.char_start < span.char_start
            for word in words
        )
        if (
            not interrupted
            and span.char_start - saying.char_end <= SAYING_REACH
            and same_clause(saying.char_start, trigger.char_start)
        ):
            return True
    return False


def discount_attributions(
    triggers: Sequence[TriggerMatch], attributions: Sequence[ClauseWord], press: Sequence[ClauseWord] = ()
) -> list[TriggerMatch]:
    """Words of saying that cite a source lose weight: right after "وفق ما"/"بحسب ما", or right before the
    press as their subject ("أفادت وسائل إعلام اليوم بأن متظاهرين اقتحموا …": the storming is the news)."""
    ends = {word.char_end for word in attributions}
    starts = {word.char_start for word in press}
    return [
        replace(trigger, weight=trigger.weight - ATTRIBUTION_PENALTY)
        if trigger.event_type == "statement"
        and any(
            trigger.char_start - gap in ends or trigger.char_end + gap in starts for gap in range(ATTRIBUTION_GAP + 1)
        )
        else trigger
        for trigger in triggers
    ]


_QUOTE_PAIRS = {'"': '"', "“": "”", "«": "»", "„": "“"}
_QUOTE_OPENING = re.compile("[" + "".join(_QUOTE_PAIRS) + "]")


def quoted_ranges(sentence: Sentence) -> list[tuple[int, int]]:
    """Absolute ranges of the sentence inside quotation marks. A relative date there ("اليوم" in a
    quoted speech) counts from the day of the speech, which the publication date does not give."""
    ranges: list[tuple[int, int]] = []
    text, index = sentence.text, 0
    while (opening := _QUOTE_OPENING.search(text, index)) is not None:
        start = opening.start()
        end = text.find(_QUOTE_PAIRS[opening.group()], start + 1)
        end = end if end > start else len(text)  # the quotation goes on past the sentence's end
        ranges.append((sentence.start + start, sentence.start + end))
        index = end + 1
    return ranges


def spoken_dates(
    dates: Sequence[DateSpan], quoted: Sequence[tuple[int, int]], published: date | None
) -> list[DateSpan]:
    """Dates inside quoted speech are dates like any other, except those counted from the time of
    speaking ("أمس", "الأسبوع الماضي"): they are moved to count from the date of the speech written
    before the quotation in the same sentence ("وقال في 3 أيلول: "التقيت أمس …""), and dropped when
    the speech has no date."""
    kept: list[DateSpan] = []
    for span in dates:
        if not (span.deictic and any(a <= span.char_start < b for a, b in quoted)):
            kept.append(span)
            continue
        speech = next(
            (
                other
                for other in reversed(dates)
                if other.char_end <= span.char_start
                and other.start is not None
                and not any(a <= other.char_start < b for a, b in quoted)
            ),
            None,
        )
        moved = _at_speech(span, speech, published)
        # "اليوم" of the speaker is the day of the speech itself: the speech is that event already
        if moved is not None and speech is not None and (moved.start, moved.end) != (speech.start, speech.end):
            kept.append(moved)
    return kept


def _at_speech(span: DateSpan, speech: DateSpan | None, published: date | None) -> DateSpan | None:
    """``span`` (counted from ``published``) counted from the day of ``speech`` instead."""
    if speech is None or speech.start is None or published is None or span.start is None or span.end is None:
        return None
    shift = speech.start - published
    if not shift:
        return span
    if span.precision != "day":
        return None  # a month or year counted from another day: not worth a guess
    start, end = span.start + shift, span.end + shift
    return replace(span, start=start, end=end, planned=span.planned and start > published)


def reported_types(event: Event, triggers: Located[TriggerMatch], openers: frozenset[str]) -> frozenset[str]:
    """The types of the happenings a statement reports when what it says opens right after its date with one of
    ``openers`` ("وأعلنت الوزارة في اليوم ذاته أن الهجوم جرى …": military), up to the next comma or full stop."""
    date_end = next((mention["end"] for mention in event.mentions if mention["kind"] == "date"), None)
    if date_end is None:
        return frozenset()
    rest = event.sentence[date_end:]
    words = fold_key(rest).split()
    if not words or words[0] not in openers:
        return frozenset()
    stop = min((at for at in (rest.find(mark) for mark in "،,.؛") if at >= 0), default=len(rest))
    start = event.char_start + date_end
    return frozenset(t.event_type for t in triggers.within(start, start + stop) if t.event_type != "statement")


@lru_cache(maxsize=1)
def same_day_phrases() -> frozenset[str]:
    """The anchor phrases of the date lexicon that name the day of the anchor itself ("اليوم نفسه")."""
    return frozenset(phrase for phrase, offset in date_lexicon().words["anchor_day"].items() if offset == 0)


def announced_about(
    trigger: TriggerMatch, span: DateSpan, triggers: Sequence[TriggerMatch], words: Sequence[ClauseWord]
) -> bool:
    """The trigger is what a word of announcing announces with "عن", and the date comes after it ("وكان الكرملين
    قد أعلن عن الزيارة في 19 نيسان"): the date is the announcing's. Happenings on the ground announced so
    ("أعلنت عن انسحاب قواتها أمس") are the news themselves."""
    if trigger.event_type in ("statement", *REPORTED_ON_ANNOUNCING) or span.char_start < trigger.char_end:
        return False
    about = [word for word in words if word.role == "about" and 0 <= trigger.char_start - word.char_end <= 1]
    announcing = [word for word in words if word.role == "announcing"]
    return any(
        0 <= at.char_start - word.char_end <= ABOUT_REACH
        and any(t.event_type == "statement" and t.char_start == word.char_start for t in triggers)
        for at in about
        for word in announcing
    )
