"""How a sentence with several dates is shared out between them: clauses, groups of dates and the
segment of clauses each group covers (see the docstring of :mod:`components.extract.events`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from components.extract.models import DateSpan, Sentence, TriggerMatch

COORDINATED_GAP = 12  # dates closer than this (characters) in one clause are one group ("مايو 2023 ويوليو 2023")
ASIDE_LETTERS = 3  # letters a clause may hold besides its dates and still be a date set off by commas ("، في 12 مارس،")
_CLAUSE_BREAK = re.compile(r"[،,؛;:]")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    dates: tuple[DateSpan, ...]


def clause_bounds(sentence: Sentence, dates: Sequence[DateSpan] = ()) -> list[tuple[int, int]]:
    """Clauses of a sentence as absolute (start, end) offsets; a clause holding two dates that are
    not side by side is cut right after the first of them."""
    cuts = [sentence.start + match.end() for match in _CLAUSE_BREAK.finditer(sentence.text)]
    ordered = sorted(dates, key=lambda span: span.char_start)
    for first, second in pairwise(ordered):
        between = (first.char_end, second.char_start)
        if between[1] - between[0] > COORDINATED_GAP and not any(between[0] <= cut <= between[1] for cut in cuts):
            cuts.append(first.char_end)
    bounds: list[tuple[int, int]] = []
    start = sentence.start
    for end in sorted(set(cuts)):
        if start < end < sentence.end:
            bounds.append((start, end))
            start = end
    bounds.append((start, sentence.end))
    return bounds


def clause_groups(sentence: Sentence, clauses: Sequence[tuple[int, int]], dates: Sequence[DateSpan]) -> list[int]:
    """For each clause, the clause it belongs to once a date set off by commas is read as part of its
    clause ("أعلن الوزير، أمس الخميس، موافقة بلاده …" is one clause): a clause holding nothing but
    dates joins the clause before it, and the clause after it joins too."""
    aside = [_only_dates(sentence, start, end, dates) for start, end in clauses]
    groups: list[int] = []
    for index in range(len(clauses)):
        joined = index > 0 and (aside[index] or aside[index - 1])
        groups.append(groups[-1] if joined else len(set(groups)))
    return groups


def _only_dates(sentence: Sentence, start: int, end: int, dates: Sequence[DateSpan]) -> bool:
    text = list(sentence.text[start - sentence.start : end - sentence.start])
    inside = [span for span in dates if start <= span.char_start and span.char_end <= end]
    for span in inside:
        text[span.char_start - start : span.char_end - start] = " " * (span.char_end - span.char_start)
    return bool(inside) and len(_LETTER.findall("".join(text))) <= ASIDE_LETTERS


def clause_of(offset: int, clauses: Sequence[tuple[int, int]]) -> int:
    for index, (start, end) in enumerate(clauses):
        if start <= offset < end:
            return index
    return len(clauses) - 1


def segment_sentence(
    sentence: Sentence, dates: Sequence[DateSpan], triggers: Sequence[TriggerMatch]
) -> tuple[list[Segment], list[tuple[int, int]]]:
    """Share a sentence out between the groups of dates it holds (see the module docstring).
    Returns the segments and the clauses they were cut from."""
    clauses = clause_bounds(sentence, dates)
    groups: dict[int, list[DateSpan]] = {}
    for span in dates:
        groups.setdefault(clause_of(span.char_start, clauses), []).append(span)
    ordered = sorted(groups)
    has_trigger = [any(start <= t.char_start < end for t in triggers) for start, end in clauses]
    starts: list[int] = [0]
    for previous, current in pairwise(ordered):
        first = current
        while first - 1 > previous and not any(has_trigger[first : current + 1]):
            first -= 1
        starts.append(first)
    segments: list[Segment] = []
    for position, clause_index in enumerate(ordered):
        first_clause = starts[position]
        last_clause = starts[position + 1] - 1 if position + 1 < len(starts) else len(clauses) - 1
        segments.append(Segment(clauses[first_clause][0], clauses[last_clause][1], tuple(groups[clause_index])))
    return segments, clauses
