"""Find countries, people, organisations and places in Arabic text.

Matching runs on folded text (``components.text.arabic.fold``) word by word
(``components.text.tokens``): detachable proclitics are stripped from the first word of a name
(و/ف, then ب/ل, "لل" read as ل + ال; see ``Proclitics.readings``), the longest name starting at a
word wins, and a word never matches inside a longer word. Offsets are mapped back to the original
text.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import compress

from components.extract.gazetteer import Entry, Gazetteer, load_gazetteer
from components.extract.models import EntityMention, MentionKind
from components.text.arabic import Folded, fold
from components.text.tokens import Token, proclitics, tokenize

__all__ = ["find_entities", "load_gazetteer"]

_MIN_STEM = 3  # letters left after stripping a proclitic


@dataclass(frozen=True)
class _Match:
    first: int  # index of the first word
    last: int  # index after the last word
    skip: int  # proclitic letters not part of the name on the first word
    entry: Entry


def _adjective(forms: list[tuple[str, int]], gazetteer: Gazetteer) -> tuple[Entry, int] | None:
    """A nisba adjective (الروسية، الأرمنيين ...) read as its country."""
    for form, skip in forms:
        found = gazetteer.adjectives.get(form)
        if found is not None:
            return Entry("country", country=found), skip
    return None


def _match_at(index: int, forms: list[tuple[str, int]], words: list[str], gazetteer: Gazetteer) -> _Match | None:
    """The longest name starting at word ``index``, read as one of ``forms`` (its readings)."""
    lengths = sorted({n for form, _ in forms for n in gazetteer.lengths.get(form, ())}, reverse=True)
    for n in lengths:
        if index + n > len(words):
            continue
        rest = tuple(words[index + 1 : index + n])
        for form, skip in forms:
            entry = gazetteer.phrases.get((form, *rest))
            if entry is not None:
                return _Match(index, index + n, skip, entry)
    for form, skip in forms:
        entry = gazetteer.phrases.get((form,))
        if entry is not None:
            return _Match(index, index + 1, skip, entry)
    adjective = _adjective(forms, gazetteer)
    return _Match(index, index + 1, adjective[1], adjective[0]) if adjective is not None else None


def _name_starts(words: list[str], gazetteer: Gazetteer) -> dict[str, list[tuple[str, int]]]:
    """The distinct words of an article that may start a name, each with its readings (a word repeats
    many times in an article; the tests depend on the word alone)."""
    known = proclitics()
    first_words = gazetteer.first_words
    tails, cuts = gazetteer.first_word_tails, range(known.most_taken + 1)
    starts: dict[str, list[tuple[str, int]]] = {}
    for word in set(words):
        for cut in cuts:  # a quick test that most words fail: no tail of them can be read as a first word
            if word[cut:] in tails:
                break
        else:
            continue
        forms = known.readings(word, _MIN_STEM)
        for form, _ in forms:
            if form in first_words:
                starts[word] = forms
                break  # otherwise no reading of the word starts a name
    return starts


def _matches(words: list[str], gazetteer: Gazetteer) -> list[_Match]:
    found: list[_Match] = []
    starts = _name_starts(words, gazetteer)
    resume = 0  # the first word after the last name found
    for index in compress(range(len(words)), map(starts.__contains__, words)):
        if index < resume:
            continue
        match = _match_at(index, starts[words[index]], words, gazetteer)
        if match is not None:
            found.append(match)
            resume = match.last
    return found


def _coordinated(matches: list[_Match], words: list[str], gazetteer: Gazetteer) -> set[int]:
    """Indexes of capitals in "بين X وY": there they stand for the states, not the cities."""
    between = gazetteer.role("between")
    conjunctions = proclitics().conjunctions
    marked: set[int] = set()
    for position, match in enumerate(matches[:-1]):
        partner = matches[position + 1]
        if (
            match.first > 0
            and words[match.first - 1] in between
            and partner.first == match.last
            and partner.skip > 0
            and words[partner.first][0] in conjunctions
            and (match.entry.capital or match.entry.kind == "country")
            and (partner.entry.capital or partner.entry.kind == "country")
        ):
            marked.update({position, position + 1})
    return marked


def _mention(
    match: _Match, span: tuple[int, int], text: str, *, located: bool, coordinated: bool, gazetteer: Gazetteer
) -> EntityMention:
    entry = match.entry
    start, end = span
    kind: MentionKind = entry.kind
    place = entry.place
    if entry.capital and coordinated:  # the state, not the city
        kind, place = "country", None
    elif entry.kind == "country":
        place = None
        if located and entry.locatable and entry.country is not None:
            place = gazetteer.country_places.get(entry.country.code)
    return EntityMention(kind, start, end, text[start:end], country=entry.country, actor=entry.actor, place=place)


def find_entities(
    text: str, gazetteer: Gazetteer, folded: Folded | None = None, tokens: list[Token] | None = None
) -> list[EntityMention]:
    """Countries, people, organisations and places mentioned in ``text``, in text order.

    Pass ``folded`` (``fold(text)``) and ``tokens`` (``tokenize(folded.text)``) when the caller has
    them already, to save folding and cutting the text twice.
    """
    folded = folded if folded is not None else fold(text)
    spans = tokens if tokens is not None else tokenize(folded.text)
    words = [token.text for token in spans]
    matches = _matches(words, gazetteer)
    coordinated = _coordinated(matches, words, gazetteer)
    locatives = gazetteer.role("locative")
    mentions = []
    for position, match in enumerate(matches):
        start = spans[match.first].start + match.skip
        span = folded.to_original(start, spans[match.last - 1].end)
        located = match.first > 0 and words[match.first - 1] in locatives
        mentions.append(
            _mention(match, span, text, located=located, coordinated=position in coordinated, gazetteer=gazetteer)
        )
    return mentions
