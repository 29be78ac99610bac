"""Saying and quoting: where reported speech begins, words of saying that only cite a source, and
the dates written inside quotation marks."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from components.extract.models import DateSpan, Sentence, TriggerMatch
from components.extract.triggers import ClauseWord

ATTRIBUTION_PENALTY = 0.4  # "وفق ما أعلنته": the word of saying only cites the source
ATTRIBUTION_GAP = 3  # characters between an attribution phrase and the word it governs
REPORT_REACH = 60  # characters between a word of saying and the "أن" that opens what was said


def reported_speech_starts(triggers: Sequence[TriggerMatch], clause_words: Sequence[ClauseWord]) -> list[int]:
    """Where reported speech begins: an "أن"/"إن" shortly after a word of saying."""
    says = sorted(t.char_end for t in triggers if t.event_type == "statement")
    return [
        word.char_start
        for word in clause_words
        if word.role == "subject"
        and bisect_right(says, word.char_start) > bisect_left(says, word.char_start - REPORT_REACH)
    ]


def discount_attributions(triggers: Sequence[TriggerMatch], attributions: Sequence[ClauseWord]) -> list[TriggerMatch]:
    """Words of saying right after "وفق ما"/"بحسب ما" cite a source: they lose weight."""
    ends = {word.char_end for word in attributions}
    return [
        replace(trigger, weight=trigger.weight - ATTRIBUTION_PENALTY)
        if trigger.event_type == "statement"
        and any(trigger.char_start - gap in ends for gap in range(ATTRIBUTION_GAP + 1))
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
