"""Trigger words (what makes a dated sentence an event of a type) and clause words (connectors
and references to two parties, which decide how a sentence is shared out between its events)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from components.extract.models import EVENT_TYPES, TriggerMatch
from components.text.arabic import Folded, fold_key
from components.text.lexicon import column, float_between, load_rows, one_of, variants
from components.text.tokens import Token, proclitics, tokenize

# Endings a "stem" entry may carry: pronouns, dual and plural endings, and the verb endings of the
# feminine, the dual and the plural (وقعت، وقعتا، صادقوا) (folded spelling).
STEM_SUFFIXES = (
    "ه",
    "ها",
    "هما",
    "هم",
    "ات",
    "ان",
    "ين",
    "ا",
    "وا",
    "تان",
    "تين",
    "ته",
    "تها",
    "اتها",
    "اته",
    "ت",
    "تا",
    "ون",
)
# A trigger written with the preposition ل ("لتوقيع", "للتوصل") names a purpose, not something that happened.
PURPOSE_PREPOSITION = "ل"
PURPOSE_PENALTY = 0.4
# Type of phrases that only block a shorter trigger inside them ("ألف توقيع": signatures, not a signing).
NOT_A_TRIGGER = "none"
CLAUSE_ROLES = ("connector", "pair", "deadline", "attribution", "subject", "locative", "recurring")


@dataclass(frozen=True)
class TriggerRow:
    """A row of ``triggers.tsv``."""

    type: str = column(one_of(*EVENT_TYPES, NOT_A_TRIGGER))
    weight: float = column(float_between(0.0, 1.0))
    form: tuple[str, ...] = column(variants)
    match: str = column(one_of("exact", "stem"))


@dataclass(frozen=True)
class ClauseWordRow:
    """A row of ``clause_words.tsv``."""

    role: str = column(one_of(*CLAUSE_ROLES))
    form: tuple[str, ...] = column(variants)


@dataclass(frozen=True)
class PhraseEntry:
    words: tuple[str, ...]
    label: str
    weight: float = 1.0
    stem: bool = False


@dataclass(frozen=True)
class PhraseIndex:
    """Every written form of every entry's first word (with proclitics and, for stems, endings)
    mapped to the entries it can start, so that matching is one dictionary look-up per word."""

    by_surface: dict[str, tuple[tuple[PhraseEntry, str], ...]]


@dataclass(frozen=True)
class PhraseMatch:
    entry: PhraseEntry
    start: int  # offsets in the original text
    end: int
    proclitic: str  # what stands before the first word ("", "و", "لل", ...)


@dataclass(frozen=True)
class ClauseWord:
    role: str  # one of CLAUSE_ROLES
    char_start: int
    char_end: int


def _with_endings(word: str, stem: bool) -> Iterator[str]:
    yield word
    if not stem:
        return
    for ending in STEM_SUFFIXES:
        yield word + ending
        if word.endswith("اء"):  # the hamza changes seat before an ending: لقاء → لقائه (folded لقايه), لقاءه
            yield word[:-1] + "ي" + ending


def surface_forms(word: str, stem: bool) -> Iterator[tuple[str, str]]:
    """(written form, proclitic) pairs under which ``word`` can appear."""
    known = proclitics()
    bases = [(word, "")]
    if word.startswith(known.article):  # ل + ال is written لل: "للاتفاق"
        bases += [(word[len(known.article) :], preposition) for preposition in known.contractions]
    for base, joined in bases:
        for proclitic in ("", *known.forms):
            if joined and not proclitic.endswith(joined):
                continue
            for form in _with_endings(base, stem):
                yield proclitic + form, proclitic + joined


def build_index(entries: Iterable[PhraseEntry]) -> PhraseIndex:
    index: dict[str, list[tuple[PhraseEntry, str]]] = {}
    for entry in entries:
        for form, proclitic in surface_forms(entry.words[0], entry.stem):
            index.setdefault(form, []).append((entry, proclitic))
    return PhraseIndex({form: tuple(found) for form, found in index.items()})


def _follows(tokens: list[Token], words: tuple[str, ...]) -> bool:
    """The tokens spell ``words``; an adjective may carry the article when the noun does
    ("العملية العسكرية" for the phrase "عملية عسكرية")."""
    return len(tokens) == len(words) and all(
        token.text == word or token.text == "ال" + word for token, word in zip(tokens, words, strict=False)
    )


def match_phrases(folded: Folded, index: PhraseIndex, tokens: list[Token] | None = None) -> list[PhraseMatch]:
    """Longest entry starting at each token, left to right, without overlaps."""
    tokens = tokens if tokens is not None else tokenize(folded.text)
    matches: list[PhraseMatch] = []
    position = 0
    while position < len(tokens):
        candidates = index.by_surface.get(tokens[position].text)
        best: tuple[PhraseEntry, str] | None = None
        for entry, proclitic in candidates or ():
            following = tokens[position + 1 : position + len(entry.words)]
            if _follows(following, entry.words[1:]) and (best is None or len(entry.words) > len(best[0].words)):
                best = (entry, proclitic)
        if best is None:
            position += 1
            continue
        entry, proclitic = best
        last = tokens[position + len(entry.words) - 1]
        start, end = folded.to_original(tokens[position].start, last.end)
        matches.append(PhraseMatch(entry, start, end, proclitic))
        position += len(entry.words)
    return matches


def _phrases(forms: Iterable[str]) -> list[tuple[str, ...]]:
    return [tuple(fold_key(form).split()) for form in forms]


@lru_cache(maxsize=1)
def load_triggers() -> PhraseIndex:
    return build_index(
        PhraseEntry(words, row.type, row.weight, row.match == "stem")
        for row in load_rows("triggers.tsv", TriggerRow)
        for words in _phrases(row.form)
    )


@lru_cache(maxsize=1)
def load_clause_words() -> PhraseIndex:
    return build_index(
        PhraseEntry(words, row.role)
        for row in load_rows("clause_words.tsv", ClauseWordRow)
        for words in _phrases(row.form)
    )


def is_purpose(proclitic: str) -> bool:
    """The preposition ل before a verbal noun ("لتوقيع", "للتوصل"; after و/ف too), not the article ال."""
    return proclitic.lstrip(proclitics().conjunctions).startswith(PURPOSE_PREPOSITION)


def find_triggers(
    text: str, folded: Folded, index: PhraseIndex, tokens: list[Token] | None = None
) -> list[TriggerMatch]:
    """Trigger words of a text, with offsets in the original text."""
    found = []
    for match in match_phrases(folded, index, tokens):
        if match.entry.label == NOT_A_TRIGGER:
            continue
        weight = match.entry.weight - (PURPOSE_PENALTY if is_purpose(match.proclitic) else 0.0)
        found.append(TriggerMatch(match.entry.label, match.start, match.end, text[match.start : match.end], weight))
    return found


def find_clause_words(folded: Folded, index: PhraseIndex, tokens: list[Token] | None = None) -> list[ClauseWord]:
    return [ClauseWord(m.entry.label, m.start, m.end) for m in match_phrases(folded, index, tokens)]
