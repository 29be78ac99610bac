"""Arabic text folding for matching, with a map back to the original offsets.

Every finder (dates, countries, actors, places, triggers) works on *folded* text so that
spelling variants match one lexicon entry, then reports offsets in the *original* text so
that the exact Arabic sentence and its mentions can be shown and highlighted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Letters whose written variants are folded to one form (hamza seats, alef maqsura,
# taa marbuta, Persian/Urdu forms sometimes seen in Arabic text).
_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ۍ": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ک": "ك",
        "،": "،",
    }
)
# Harakat (fathatan U+064B to sukun U+0652: the set pyarabic.araby.TASHKEEL lists, as in the Unicode Arabic
# block), tatweel U+0640, and the zero-width joiners and direction marks.
_HARAKAT = {chr(code) for code in range(0x064B, 0x0653)}
_TATWEEL = "\u0640"
_DROP = _HARAKAT | {_TATWEEL, "\u200c", "\u200d", "\u200e", "\u200f", "\u061c"}
# Typographic punctuation folded to its plain form (quotes, dashes, Arabic comma kept).
_PUNCT = str.maketrans(
    {"“": '"', "”": '"', "«": '"', "»": '"', "„": '"', "–": "-", "—": "-", "‐": "-", "‑": "-", "٫": ".", "\u00a0": " "}
)


@dataclass(frozen=True)
class Folded:
    """Folded text plus, for each folded character, its offset in the original text."""

    text: str
    offsets: Sequence[int]  # a range when nothing was dropped
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the folded text back to the original text."""
        if start >= len(self.offsets):
            return self.original_length, self.original_length
        original_start = self.offsets[start]
        original_end = self.offsets[end - 1] + 1 if end > start else original_start
        return original_start, original_end


_FOLD_TABLE = {**_DIGITS, **_LETTERS, **_PUNCT, **{ord(ch): None for ch in _DROP}}
# The same table as (character, replacement) pairs. No replacement is itself a character of the table,
# so replacing one character after another gives what ``str.translate`` gives in one pass.
_FOLD_PAIRS = tuple(
    (chr(code), chr(new) if isinstance(new, int) else new or "")
    for code, new in _FOLD_TABLE.items()
    if new != chr(code)
)
# ``str.translate`` looks every character of Arabic text up in the table one at a time; on longer texts
# scanning once per folded character (in C) is several times faster.
_TRANSLATE_BELOW = 40


_DROP_RE = re.compile("[" + "".join(sorted(_DROP)) + "]")


def fold(text: str) -> Folded:
    """Strip diacritics and tatweel, unify letter variants and digits; keep an offset map."""
    folded = fold_text(text)
    if len(folded) == len(text):
        return Folded(folded, range(len(text)), len(text))
    kept: list[range] = []
    start = 0
    for dropped in _DROP_RE.finditer(text):  # the offsets are the runs of kept characters
        kept.append(range(start, dropped.start()))
        start = dropped.end()
    kept.append(range(start, len(text)))
    return Folded(folded, list(chain.from_iterable(kept)), len(text))


def fold_text(text: str) -> str:
    """Folded text only, for lexicon keys, user queries and search indexes (no offset map)."""
    if len(text) < _TRANSLATE_BELOW:
        return text.translate(_FOLD_TABLE)
    for character, replacement in _FOLD_PAIRS:
        if character in text:
            text = text.replace(character, replacement)
    return text


def fold_key(text: str) -> str:
    """A lexicon key: folded, lower-cased Latin, single spaces, trimmed."""
    return " ".join(fold_text(text).split()).lower()  # split() and r"\s+" know the same spaces
