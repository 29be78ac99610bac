"""Word tokens of folded Arabic text and the clitic-stripped forms a lexicon lookup tries."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Arabic letters, Latin letters and digits; folded text has no diacritics or tatweel left.
_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3A-Za-z0-9]+")

# Proclitics, longest first: conjunction (و ف), preposition (ب ل ك), article (ال), future (س).
_PROCLITICS = ("وبال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال", "وب", "ول", "وك", "فب", "فل",
               "وس", "فس", "و", "ف", "ب", "ل", "ك", "س")


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offsets in the folded text
    end: int


def tokenize(folded: str) -> list[Token]:
    return [Token(match.group(), match.start(), match.end()) for match in _WORD.finditer(folded)]


def stripped_forms(word: str, min_length: int = 2) -> Iterator[tuple[str, int]]:
    """The word itself, then the word without each proclitic it starts with, with the prefix length.

    ``لل`` before a noun stands for ``ل`` + ``ال``; the form with ``ال`` restored is offered too.
    """
    yield word, 0
    for clitic in _PROCLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= min_length:
            rest = word[len(clitic):]
            yield rest, len(clitic)
            if clitic.endswith("لل"):
                yield "ال" + rest, len(clitic)
