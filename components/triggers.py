"""Trigger words: the words that make a dated sentence an event of a given type."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from components.arabic import Folded, fold_key
from components.lexicon import float_between, load_tsv, one_of, variants
from components.models import EVENT_TYPES, TriggerMatch
from components.tokens import Token, stripped_forms, tokenize

# Endings a "stem" trigger may carry: pronouns, dual and plural endings (folded spelling).
STEM_SUFFIXES = ("", "ه", "ها", "هما", "هم", "ات", "ان", "ين", "ا", "وا", "تان", "تين", "ته", "تها", "اتها", "اته")


@dataclass(frozen=True)
class TriggerEntry:
    words: tuple[str, ...]
    event_type: str
    weight: float
    stem: bool


@dataclass(frozen=True)
class TriggerLexicon:
    by_first_word: dict[str, tuple[TriggerEntry, ...]]


@lru_cache(maxsize=1)
def load_triggers() -> TriggerLexicon:
    rows = load_tsv(
        "triggers.tsv",
        {"type": one_of(*EVENT_TYPES), "weight": float_between(0.0, 1.0), "form": variants,
         "match": one_of("exact", "stem")},
    )
    index: dict[str, list[TriggerEntry]] = {}
    for row in rows:
        for form in row["form"]:  # type: ignore[union-attr]
            words = tuple(fold_key(form).split())
            entry = TriggerEntry(words, str(row["type"]), float(row["weight"]), row["match"] == "stem")
            index.setdefault(words[0], []).append(entry)
    return TriggerLexicon({word: tuple(entries) for word, entries in index.items()})


def _first_word_entries(word: str, lexicon: TriggerLexicon) -> list[TriggerEntry]:
    found: list[TriggerEntry] = []
    for form, _ in stripped_forms(word):
        for entry in lexicon.by_first_word.get(form, ()):
            found.append(entry)
        for suffix in STEM_SUFFIXES[1:]:
            if form.endswith(suffix) and len(form) - len(suffix) >= 3:
                for entry in lexicon.by_first_word.get(form[: -len(suffix)], ()):
                    if entry.stem:
                        found.append(entry)
        if found:
            break
    return found


def find_triggers(
    text: str, folded: Folded, lexicon: TriggerLexicon, tokens: list[Token] | None = None
) -> list[TriggerMatch]:
    """Trigger words in a folded text, longest phrase first at each position; offsets in the original text."""
    tokens = tokens if tokens is not None else tokenize(folded.text)
    matches: list[TriggerMatch] = []
    index = 0
    while index < len(tokens):
        best: tuple[int, TriggerEntry] | None = None
        for entry in _first_word_entries(tokens[index].text, lexicon):
            length = len(entry.words)
            following = tuple(token.text for token in tokens[index + 1: index + length])
            if following == entry.words[1:] and (best is None or length > best[0]):
                best = (length, entry)
        if best is None:
            index += 1
            continue
        length, entry = best
        start, end = folded.to_original(tokens[index].start, tokens[index + length - 1].end)
        matches.append(TriggerMatch(entry.event_type, start, end, text[start:end], entry.weight))
        index += length
    return matches
