"""Words of folded Arabic text, and the proclitics a word may carry (``data/lexicon/proclitics.tsv``).

A word is a run of letters and digits of any script: what ``\\w`` matches, without "_". The date
patterns' ``(?<!\\w)`` boundaries use the same notion, so every finder agrees on where a word starts.
Proclitics (و ف ب ل ك س and the article ال) are written joined to the next word; which ones there are,
how they combine and which of them are taken off a name or a date is language knowledge kept in the
data file; this module only reads it and applies it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from components.text.lexicon import LexiconError, column, load_rows, one_of

WORD = re.compile(r"[^\W_]+")
ROLES = ("conjunction", "preposition", "article", "future")


class Token(NamedTuple):
    """A word (a named tuple: an article has hundreds of them, built several times faster than a dataclass)."""

    text: str
    start: int  # offsets in the folded text
    end: int


def tokenize(folded: str) -> list[Token]:
    """The words of folded text with their [start, end) offsets."""
    make = tuple.__new__  # Token(...) through its own __new__ costs a Python call per word
    return [make(Token, (match.group(), *match.span())) for match in WORD.finditer(folded)]


def first_word(text: str) -> str:
    """The first word of ``text`` ("" when it has none)."""
    match = WORD.search(text)
    return match.group() if match else ""


def _parts(value: str) -> tuple[str, ...]:
    parts = tuple(part.strip() for part in value.split("+"))
    if len(parts) < 2 or not all(parts):
        raise ValueError("expected two or more proclitics joined by +")
    return parts


def _yes_no(value: str) -> bool:
    return one_of("yes", "no")(value) == "yes"


@dataclass(frozen=True)
class ProcliticRow:
    """A row of ``proclitics.tsv``: a single proclitic (with its role) or a combination (with its parts)."""

    proclitic: str = column()
    parts: tuple[str, ...] | None = column(_parts, optional=True)
    role: str | None = column(one_of(*ROLES), optional=True)
    detachable: bool | None = column(_yes_no, optional=True)


@dataclass(frozen=True)
class Proclitics:
    """What ``proclitics.tsv`` says, in the forms the finders use."""

    forms: tuple[str, ...]  # every proclitic and combination a word may carry, longest first
    conjunctions: str  # the detachable conjunction letters (و ف), in file order
    prepositions: str  # the detachable preposition letters (ب ل)
    article: str  # ال
    contractions: Mapping[str, str]  # preposition -> how it is written before the article (ل -> لل)

    @property
    def detachable(self) -> str:
        """Letters that may be glued before a name or a date: conjunctions, then prepositions."""
        return self.conjunctions + self.prepositions

    @property
    def most_taken(self) -> int:
        """The most letters :meth:`readings` takes off the front of a word (a conjunction, then a
        preposition, which before the article may be written with more letters: لل)."""
        return len(self.conjunctions[:1]) + max([len(self.prepositions[:1]), *map(len, self.contractions.values())])

    def readings(self, word: str, min_stem: int) -> list[tuple[str, int]]:
        """The word and its readings without detachable proclitics, as (form, letters taken off), exact
        form first: a conjunction, then a preposition (before the article, "لل" reads as ل + ال).
        A letter is only taken off a word longer than ``min_stem`` letters."""
        forms = [(word, 0)]
        if word[0] in self.conjunctions and len(word) > min_stem:
            forms.append((word[1:], 1))
        for form, skip in list(forms):
            if form[0] in self.prepositions and len(form) > min_stem:
                contracted = self.contractions.get(form[0])
                if contracted is not None and form.startswith(contracted):
                    forms.append((self.article + form[len(contracted) :], skip + 1))
                else:
                    forms.append((form[1:], skip + 1))
        return forms


def _single(rows: list[ProcliticRow]) -> dict[str, ProcliticRow]:
    single: dict[str, ProcliticRow] = {}
    for row in rows:
        if (row.parts is None) != (row.role is not None and row.detachable is not None):
            raise LexiconError(f"proclitics.tsv: {row.proclitic!r} needs either parts, or a role and detachable")
        if row.parts is None:
            if row.detachable and len(row.proclitic) != 1:
                raise LexiconError(f"proclitics.tsv: detachable {row.proclitic!r} must be one letter")
            single[row.proclitic] = row
    return single


def _contractions(rows: list[ProcliticRow], single: Mapping[str, ProcliticRow], article: str) -> dict[str, str]:
    """Prepositions written otherwise before the article: a combination of the two whose spelling is
    not the two joined (ل + ال is لل)."""
    found: dict[str, str] = {}
    for row in rows:
        if row.parts is not None and len(row.parts) == 2 and row.parts[1] == article:
            if single[row.parts[0]].role == "preposition" and row.proclitic != "".join(row.parts):
                found[row.parts[0]] = row.proclitic
    return found


def _spelling(parts: tuple[str, ...], contractions: Mapping[str, str], article: str) -> str:
    """How proclitics are written joined: "و+ب+ال" is وبال, "و+ل+ال" is ولل."""
    spelled, previous = "", ""
    for part in parts:
        if part == article and previous in contractions:
            spelled = spelled[: -len(previous)] + contractions[previous]
        else:
            spelled += part
        previous = part
    return spelled


def _check_combinations(rows: list[ProcliticRow], single: Mapping[str, ProcliticRow], proclitics: Proclitics) -> None:
    """Each combination is made of known proclitics and spelled as they are written joined."""
    for row in rows:
        if row.parts is None:
            continue
        unknown = [part for part in row.parts if part not in single]
        if unknown:
            raise LexiconError(f"proclitics.tsv: {row.proclitic!r} has unknown parts {unknown}")
        if _spelling(row.parts, proclitics.contractions, proclitics.article) != row.proclitic:
            raise LexiconError(f"proclitics.tsv: {row.proclitic!r} is not how {'+'.join(row.parts)} is written")


@lru_cache(maxsize=1)
def proclitics() -> Proclitics:
    """``proclitics.tsv``, loaded and checked once."""
    return read_proclitics()


def read_proclitics(directory: Path | None = None) -> Proclitics:
    """Load and check ``proclitics.tsv`` (from ``directory`` instead of ``data/lexicon/`` when given)."""
    rows = load_rows("proclitics.tsv", ProcliticRow, directory=directory)
    single = _single(rows)
    articles = [form for form, row in single.items() if row.role == "article"]
    if len(articles) != 1:
        raise LexiconError(f"proclitics.tsv: expected one article, found {articles}")
    forms = tuple(row.proclitic for row in rows)
    if any(len(longer) < len(shorter) for longer, shorter in zip(forms, forms[1:], strict=False)):
        raise LexiconError("proclitics.tsv: rows must run longest first")
    detachable = [form for form, row in single.items() if row.detachable]
    found = Proclitics(
        forms=forms,
        conjunctions="".join(form for form in detachable if single[form].role == "conjunction"),
        prepositions="".join(form for form in detachable if single[form].role == "preposition"),
        article=articles[0],
        contractions=MappingProxyType(_contractions(rows, single, articles[0])),
    )
    _check_combinations(rows, single, found)
    return found
