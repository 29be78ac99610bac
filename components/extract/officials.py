"""Officials named by their title: "وزير الخارجية الأرميني" is the Foreign Minister of Armenia.

A title of office (``data/lexicon/titles.tsv``) followed by a state, as a nisba adjective
("الأرميني") or a name in construct ("وزير خارجية أرمينيا"), is an actor whose name is the office:
"Foreign Minister of Armenia" / "وزير خارجية أرمينيا". A name written right after it (one to three
words, none of them a word that ends a name, a word with the article, a trigger word or a date)
becomes that actor's Arabic name even when the gazetteer does not know the person; a person the
gazetteer knows there is left to the gazetteer (its English name is known).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from components.extract.countries import country_name
from components.extract.gazetteer import Gazetteer
from components.extract.models import Actor, Country, EntityMention
from components.extract.triggers import PhraseEntry, PhraseIndex, build_index, match_phrases
from components.text.arabic import Folded, fold_key
from components.text.lexicon import column, load_rows, one_of, variants
from components.text.tokens import Token

MAX_NAME_WORDS = 3
_ARTICLE = "ال"


@dataclass(frozen=True)
class TitleRow:
    """A row of ``titles.tsv``."""

    kind: str = column(one_of("title", "not_name"))
    role_en: str | None = column(optional=True)
    forms: tuple[str, ...] = column(variants)


@dataclass(frozen=True)
class Titles:
    index: PhraseIndex
    not_name: frozenset[str]


@lru_cache(maxsize=1)
def load_titles() -> Titles:
    rows = load_rows("titles.tsv", TitleRow)
    entries = [
        PhraseEntry(tuple(fold_key(form).split()), row.role_en or "")
        for row in rows
        if row.kind == "title"
        for form in row.forms
    ]
    stops = frozenset(fold_key(form) for row in rows if row.kind == "not_name" for form in row.forms)
    return Titles(build_index(entries), stops)


def _state_after(words: Sequence[str], gazetteer: Gazetteer) -> tuple[Country, int] | None:
    """The state named at the start of ``words`` (an adjective or a country's name) and its word count."""
    if not words:
        return None
    adjective = gazetteer.adjectives.get(words[0])
    if adjective is not None:
        return adjective, 1
    for length in (*gazetteer.lengths.get(words[0], ()), 1):
        entry = gazetteer.phrases.get(tuple(words[:length]))
        if entry is not None and entry.kind == "country" and entry.country is not None:
            return entry.country, length
    return None


def _name_words(
    tokens: Sequence[Token], starts: Sequence[int], blocked: frozenset[int], titles: Titles, text: str
) -> int:
    """How many of ``tokens`` (the words right after a title and its state, ``starts`` their offsets
    in the original text) make a name: 0, or 2 to 3."""
    count = 0
    for token, start in zip(tokens[:MAX_NAME_WORDS], starts, strict=False):
        gap = text[tokens[count - 1].end : token.start] if count else " "
        if gap.strip() or token.text in titles.not_name or token.text.startswith(_ARTICLE):
            break
        if start in blocked or not token.text.isalpha():
            break
        count += 1
    return count if count >= 2 else 0


def find_officials(
    text: str,
    folded: Folded,
    tokens: list[Token],
    gazetteer: Gazetteer,
    known: Sequence[EntityMention] = (),
    blocked: frozenset[int] = frozenset(),
) -> list[EntityMention]:
    """Actor mentions of officials named by title and state. ``known``: the gazetteer's mentions
    (a known person after the title is theirs); ``blocked``: starts (in ``text``) of words that
    cannot be part of a name (trigger words, dates)."""
    titles = load_titles()
    original_starts = [folded.offsets[token.start] for token in tokens]  # to_original(start, end)[0]
    known_starts = {mention.char_start for mention in known if mention.actor is not None}
    found: list[EntityMention] = []
    for match in match_phrases(folded, titles.index, tokens):
        first = bisect_right(original_starts, match.start) - 1
        after = first + len(match.entry.words)
        state = _state_after([token.text for token in tokens[after : after + 3]], gazetteer)
        if first < 0 or state is None:
            continue
        country, length = state
        name_at = after + length
        if name_at < len(tokens) and original_starts[name_at] in known_starts:
            continue  # "وزير الخارجية الأرميني أرارات ميرزويان": the gazetteer's person
        reach = name_at + MAX_NAME_WORDS
        words = _name_words(tokens[name_at:reach], original_starts[name_at:reach], blocked, titles, folded.text)
        start, stop = folded.to_original(tokens[first].start, tokens[name_at + words - 1].end)
        office_end = folded.to_original(tokens[name_at - 1].start, tokens[name_at - 1].end)[1]
        name_ar = text[original_starts[name_at] : stop] if words else text[start:office_end]
        actor = Actor(f"{match.entry.label} of {country_name(country.code)}", name_ar, country.code, match.entry.label)
        found.append(EntityMention("actor", start, stop, text[start:stop], country=country, actor=actor))
    return found
