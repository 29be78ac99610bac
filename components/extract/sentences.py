"""Sentence splitting for Arabic news text, with exact offsets.

Sentences end at line breaks and after ``. ! ? ؟ …`` (runs such as ``..`` or ``?!`` count as
one end). Closing quotes and brackets right after the end mark stay with the sentence
(``…السلام".``). A full stop does not end a sentence inside a number (``3.5``), inside a
token (``العربية.نت``) or after a one-letter abbreviation (``د. محمد``, ``أ.د.``).
"""

from __future__ import annotations

import re

from components.extract.models import Sentence

_ENDS = ".!?؟…"
_CLOSERS = "\"'”’»)]}"
_LINES = re.compile(r"[^\n]+")


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
    for index, ch in enumerate(line):
        if ch in _ENDS and index >= start:
            end = _sentence_end(line, index)
            if end is not None:
                pieces.append((start, end))
                start = end
    if start < len(line):
        pieces.append((start, len(line)))
    return pieces


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with offsets such that ``text[s.start:s.end] == s.text``."""
    sentences: list[Sentence] = []
    for line_match in _LINES.finditer(text):
        line = line_match.group()
        for start, end in _pieces(line):
            piece = line[start:end]
            stripped = piece.strip()
            if not any(ch.isalnum() for ch in stripped):
                continue
            begin = line_match.start() + start + (len(piece) - len(piece.lstrip()))
            sentences.append(Sentence(stripped, begin, begin + len(stripped)))
    return sentences
