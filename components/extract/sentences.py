"""Sentence splitting for Arabic news text, with exact offsets.

Sentences end at line breaks and after ``. ! ? ؟ …`` (runs such as ``..`` or ``?!`` count as
one end). Closing quotes and brackets right after the end mark stay with the sentence
(``…السلام".``). A full stop does not end a sentence inside a number (``3.5``), inside a
token (``العربية.نت``) or after a one-letter abbreviation (``د. محمد``, ``أ.د.``).

A sentence longer than :data:`MAX_SENTENCE_CHARS` (a page without punctuation) is cut into pieces
of at most that length: at the last clause mark of a piece's second half, else before the last
word opening with the conjunction و there, else at the last space, else at the limit. This bounds
what one sentence (and so one event) holds, and keeps the extraction linear in the page size.
"""

from __future__ import annotations

import re

from components.extract.models import Sentence

_ENDS = ".!?؟…"
_END_MARK = re.compile(f"[{re.escape(_ENDS)}]")
_CLOSERS = "\"'”’»)]}"
_LINES = re.compile(r"[^\n]+")
MAX_SENTENCE_CHARS = 600  # real news sentences stay under 450 characters
_CUT_PREFERENCES = (re.compile(r"[،,؛;]"), re.compile(r"\s(?=و\w)"), re.compile(r"\s"))


def _is_abbreviation(line: str, dot: int) -> bool:
    """True when the token before the full stop at ``dot`` ends in a single letter ("د", "أ.د")."""
    start = dot
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    last = line[start:dot].rsplit(".", 1)[-1].lstrip("(\"'«“")
    return len(last) == 1 and last.isalpha()


def _sentence_end(line: str, index: int) -> int | None:
    """If the end mark at ``index`` ends a sentence, the offset just past it (closers included)."""
    ch = line[index]
    if index > 0 and line[index - 1] in _ENDS:
        return None  # inside a run: the first mark of the run decides
    end = index + 1
    while end < len(line) and (line[end] in _ENDS or line[end] in _CLOSERS):
        end += 1
    if ch == "." and line[index + 1 : end].strip(_CLOSERS) == "":
        before = line[index - 1] if index > 0 else ""
        after = line[index + 1] if index + 1 < len(line) else ""
        if before.isdigit() and after.isdigit():
            return None
        if _is_abbreviation(line, index):
            return None
    if end < len(line) and not line[end].isspace():
        # "العربية.نت", "3.5": glued to the next token. Other end marks still end a sentence.
        if ch == ".":
            return None
    return end


def _pieces(line: str) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    start = 0
    for mark in _END_MARK.finditer(line):
        index = mark.start()
        if index >= start:
            end = _sentence_end(line, index)
            if end is not None:
                pieces.append((start, end))
                start = end
    if start < len(line):
        pieces.append((start, len(line)))
    return pieces


def _cut_at(piece: str, limit: int) -> int:
    """Where to cut an over-long piece: just past the last preferred boundary in ``(limit / 2, limit]``."""
    window = piece[limit // 2 : limit]
    for boundary in _CUT_PREFERENCES:
        ends = [match.end() for match in boundary.finditer(window)]
        if ends:
            return limit // 2 + ends[-1]
    return limit


def bounded(start: int, end: int, line: str, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of ``line`` as pieces of at most ``limit`` characters."""
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        cut = start + _cut_at(line[start : start + limit], limit)
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with offsets such that ``text[s.start:s.end] == s.text``."""
    sentences: list[Sentence] = []
    for line_match in _LINES.finditer(text):
        line = line_match.group()
        for start, end in (part for whole in _pieces(line) for part in bounded(*whole, line)):
            piece = line[start:end]
            stripped = piece.strip()
            if not any(ch.isalnum() for ch in stripped):
                continue
            begin = line_match.start() + start + (len(piece) - len(piece.lstrip()))
            sentences.append(Sentence(stripped, begin, begin + len(stripped)))
    return sentences
