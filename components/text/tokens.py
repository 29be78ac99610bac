"""Word tokens of folded Arabic text and the clitic-stripped forms a lexicon lookup tries."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Arabic letters, Latin letters and digits; folded text has no diacritics or tatweel left.
_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3A-Za-z0-9]+")

# Proclitics, longest first: conjunction (و ف), preposition (ب ل ك), article (ال), future (س).
PROCLITICS = (
    "وبال",
    "فبال",
    "وال",
    "فال",
    "بال",
    "كال",
    "ولل",
    "فلل",
    "لل",
    "ال",
    "وب",
    "ول",
    "وك",
    "فب",
    "فل",
    "وس",
    "فس",
    "و",
    "ف",
    "ب",
    "ل",
    "ك",
    "س",
)


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offsets in the folded text
    end: int


def tokenize(folded: str) -> list[Token]:
    return [Token(match.group(), match.start(), match.end()) for match in _WORD.finditer(folded)]
