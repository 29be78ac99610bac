"""Find countries, people, organisations and places in Arabic text.

Matching runs on folded text (``components.text.arabic.fold``) word by word: proclitics are
stripped from the first word of a name (و/ف, then ب/ل/ك, "لل" read as ل + ال), the longest
name starting at a word wins, and a word never matches inside a longer word. Offsets are
mapped back to the original text.
"""

from __future__ import annotations

from dataclasses import dataclass

from components.extract.gazetteer import Entry, Gazetteer, load_gazetteer, tokens
from components.extract.models import EntityMention
from components.text.arabic import Folded, fold

__all__ = ["find_entities", "load_gazetteer"]

_MIN_STEM = 3  # letters left after stripping a proclitic


@dataclass(frozen=True)
class _Match:
    first: int  # index of the first word
    last: int  # index after the last word
    skip: int  # proclitic letters not part of the name on the first word
    entry: Entry


def _forms(word: str, gazetteer: Gazetteer) -> list[tuple[str, int]]:
    """The word and its readings without proclitics, as (form, letters stripped), exact form first."""
    forms = [(word, 0)]
    if word[0] in gazetteer.conjunctions and len(word) > _MIN_STEM:
        forms.append((word[1:], 1))
    for form, skip in list(forms):
        if form[0] in gazetteer.prepositions and len(form) > _MIN_STEM:
            if form[0] == "ل" and form[1] == "ل":  # لل = ل + ال with the alef dropped
                forms.append(("ا" + form[1:], skip + 1))
            else:
                forms.append((form[1:], skip + 1))
    return forms


def _adjective(forms: list[tuple[str, int]], gazetteer: Gazetteer) -> tuple[Entry, int] | None:
    """A nisba adjective (الروسية، الأرمنيين ...) read as its country."""
    for form, skip in forms:
        found = gazetteer.adjectives.get(form)
        if found is not None:
            return Entry("country", country=found), skip
    return None


def _match_at(index: int, words: list[str], gazetteer: Gazetteer) -> _Match | None:
    forms = _forms(words[index], gazetteer)
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


def _matches(words: list[str], gazetteer: Gazetteer) -> list[_Match]:
    found: list[_Match] = []
    index = 0
    while index < len(words):
        match = _match_at(index, words, gazetteer)
        if match is None:
            index += 1
        else:
            found.append(match)
            index = match.last
    return found


def _coordinated(matches: list[_Match], words: list[str], gazetteer: Gazetteer) -> set[int]:
    """Indexes of capitals in "بين X وY": there they stand for the states, not the cities."""
    between = gazetteer.role("between")
    conjunctions = gazetteer.role("conjunction")
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
    common = {
        "char_start": start,
        "char_end": end,
        "text": text[start:end],
        "country": entry.country,
        "actor": entry.actor,
    }
    if entry.capital and coordinated:
        return EntityMention("country", **common)
    if entry.kind == "country":
        place = None
        if located and entry.locatable and entry.country is not None:
            place = gazetteer.country_places.get(entry.country.code)
        return EntityMention("country", place=place, **common)
    return EntityMention(entry.kind, place=entry.place, **common)


def find_entities(text: str, gazetteer: Gazetteer, folded: Folded | None = None) -> list[EntityMention]:
    """Countries, people, organisations and places mentioned in ``text``, in text order.

    Pass ``folded`` (``fold(text)``) when the caller has it already, to save folding twice.
    """
    folded = folded if folded is not None else fold(text)
    spans = tokens(folded.text)
    words = [word for word, _, _ in spans]
    matches = _matches(words, gazetteer)
    coordinated = _coordinated(matches, words, gazetteer)
    locatives = gazetteer.role("locative")
    mentions = []
    for position, match in enumerate(matches):
        start = spans[match.first][1] + match.skip
        span = folded.to_original(start, spans[match.last - 1][2])
        located = match.first > 0 and words[match.first - 1] in locatives
        mentions.append(
            _mention(match, span, text, located=located, coordinated=position in coordinated, gazetteer=gazetteer)
        )
    return mentions
