"""Trigger words (what makes a dated sentence an event of a type) and clause words (connectors
and references to two parties, which decide how a sentence is shared out between its events)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, KeysView, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

from components.extract import models
from components.extract.models import EVENT_TYPES, TriggerMatch
from components.text import arabic, cache, lexicon, tokens
from components.text.arabic import Folded, fold_key
from components.text.lexicon import LEXICON_DIR, LexiconError, column, float_between, load_rows, one_of, variants
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
# The feminine ending ة (folded ه) becomes ت before a pronoun or a dual ending, and gives way to ات in the
# plural: زيارة → زيارته، زيارتها، زيارتهما، زيارتان، زيارات، زياراته (folded spelling).
TA_MARBUTA = "ه"
TA_MARBUTA_ENDINGS = ("ته", "تها", "تهما", "تهم", "تان", "تين", "ات", "اته", "اتها", "اتهما", "اتهم")
# A trigger written with the preposition ل ("لتوقيع", "للتوصل") names a purpose, not something that happened.
PURPOSE_PREPOSITION = "ل"
PURPOSE_PENALTY = 0.4
# A noun with ب right after a word of stance is its object ("رحب باتفاق"): it loses this much.
OBJECT_PENALTY = 0.4
OBJECT_REACH = 40  # characters between the word of stance and its object
# Roles of words that link a trigger to another event ("بعد الاجتماع", "منذ إعلان").
CONNECTOR_ROLES = ("connector", "since", "before")
# Type of phrases that only block a shorter trigger inside them ("ألف توقيع": signatures, not a signing).
NOT_A_TRIGGER = "none"
CLAUSE_ROLES = (
    "connector",
    "since",
    "before",
    "first",
    "pair",
    "deadline",
    "attribution",
    "press",
    "subject",
    "locative",
    "recurring",
    "continuation",
    "deploy_verb",
    "troops",
    "handover_verb",
    "control",
    "signing_verb",
    "decree",
    "office",
    "assume_verb",
    "withdrawal",
    "pact",
    "granting",
    "respite",
    "exchange",
    "views",
    "accusations",
    "firing_verb",
    "fire",
    "adopting_verb",
    "resolution",
    "admission",
    "relative",
    "topic",
    "coinciding",
    "audience",
    "during",
    "closing",
    "declaration",
    "departing",
    "hosting",
    "civilians",
    "frontier",
    "message",
    "deciding",
    "announcing",
    "aspect",
    "resumption",
    "about",
    "gathering",
    "delimitation",
)
# (verb role, object role, type, weight, reach): a verb of publishing, sending or deploying (نشر، أرسل، سحب)
# followed within reach characters by troops or weapons moves them, by a letter says something; a verb of
# receiving or handing over (تسلم، تسليم) followed by control (السيطرة) hands territory over; a verb of signing
# (وقع) followed by a decree or a law (مرسوما، القانون) enacts it, it signs no agreement; receiving or assuming
# power or an office (تسلم، تولى … السلطة، الرئاسة، منصبه) takes office (other); a withdrawal from an
# agreement or an initiative is a political step (statement), not troops moving; granting a respite (منح …
# مهلة) is an ultimatum (statement); exchanging views is talking (meeting), exchanging accusations a statement;
# launching fire, missiles or shells (أطلق … النار) is shooting (military); a body adopting a resolution
# (تبنى مجلس الأمن … قرارا) declares a position (statement), and so does admitting something (أقر … بالعملية).
RETYPINGS = (
    ("deploy_verb", "troops", "military", 0.8, 30),
    ("deploy_verb", "message", "statement", 0.75, 30),
    ("handover_verb", "control", "border", 0.9, 50),
    ("signing_verb", "decree", "other", 1.0, 80),
    ("handover_verb", "office", "other", 0.9, 40),
    ("assume_verb", "office", "other", 0.85, 40),
    ("withdrawal", "pact", "statement", 0.9, 25),
    ("granting", "respite", "statement", 0.85, 60),
    ("exchange", "views", "meeting", 0.75, 30),
    ("exchange", "accusations", "statement", 0.7, 30),
    ("firing_verb", "fire", "military", 0.85, 40),
    ("adopting_verb", "resolution", "statement", 0.8, 50),
    ("adopting_verb", "admission", "statement", 0.8, 70),
    ("closing", "frontier", "border", 0.85, 40),
    ("departing", "troops", "military", 0.85, 25),
    ("hosting", "civilians", "other", 0.85, 30),
)
# (word role, subject role, type, weight, reach): a word typed by what is written BEFORE it ("والحدود بينهما مغلقة
# منذ 1993": a closed border; "عقدت لجنتا ترسيم الحدود، برئاسة …، اليوم الثلاثاء أول اجتماع": the border commissions'
# meeting is a border step; the reach lets the chairs be named between).
RETYPINGS_AFTER_SUBJECT = (
    ("closing", "frontier", "border", 0.85, 70),
    ("gathering", "delimitation", "border", 0.9, 130),
)


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


Starts = tuple[tuple[PhraseEntry, str], ...]  # (entry, proclitic before it) pairs a written form can start


@dataclass(frozen=True)
class PhraseIndex:
    """Every written form of every entry's first word (with proclitics and, for stems, endings)
    mapped to the entries it can start, so that matching is one dictionary look-up per word."""

    by_surface: Mapping[str, Starts]


class PhraseMatch(NamedTuple):
    """A phrase found in a text (a named tuple: an article has dozens of them, built several times faster
    than a frozen dataclass)."""

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
        if word.endswith("اء"):  # the hamza changes seat before an ending: لقاء → لقائه (folded لقايه), لقاؤه
            yield word[:-1] + "ي" + ending  # (folded لقاوه, the case of a subject), لقاءه
            yield word[:-1] + "و" + ending
    if word.endswith(TA_MARBUTA):  # ة is written ت before an ending: زيارة → زيارته, قمتهما, جولتين
        for ending in TA_MARBUTA_ENDINGS:
            yield word[: -len(TA_MARBUTA)] + ending


def surface_forms(word: str, stem: bool) -> Iterator[tuple[str, str, int]]:
    """(written form, proclitic, derivation) triples under which ``word`` can appear; derivation is 0
    for the word as written, 1 with a proclitic, 2 with an ending."""
    known = proclitics()
    bases = [(word, "")]
    if word.startswith(known.article):  # ل + ال is written لل: "للاتفاق"
        bases += [(word[len(known.article) :], preposition) for preposition in known.contractions]
    for base, joined in bases:
        for proclitic in ("", *known.forms):
            if joined and not proclitic.endswith(joined):
                continue
            for form in _with_endings(base, stem):
                derivation = 2 if form != base else 1 if proclitic else 0
                yield proclitic + form, proclitic + joined, derivation


def build_index(entries: Iterable[PhraseEntry]) -> PhraseIndex:
    """A form written in the lexicon wins over one derived from another row with a proclitic or an
    ending ("توقيعات" is its own row, not توقيع + ات; "التوقيع" its own, not ال + توقيع)."""
    index: dict[str, list[tuple[int, PhraseEntry, str]]] = {}
    for entry in entries:
        for form, proclitic, derivation in surface_forms(entry.words[0], entry.stem):
            index.setdefault(form, []).append((derivation, entry, proclitic))
    return PhraseIndex(
        {
            form: tuple((entry, proclitic) for _, entry, proclitic in sorted(found, key=lambda item: item[0]))
            for form, found in index.items()
        }
    )


def _follows(words: list[str], at: int, entry_words: tuple[str, ...]) -> bool:
    """The words from ``at`` on spell the entry's words after its first; an adjective may carry the
    article when the noun does ("العملية العسكرية" for the phrase "عملية عسكرية")."""
    if at + len(entry_words) - 1 > len(words):
        return False
    for offset in range(1, len(entry_words)):
        word, wanted = words[at + offset - 1], entry_words[offset]
        if word != wanted and word != "ال" + wanted:
            return False
    return True


def _longest(words: list[str], at: int, candidates: Starts) -> tuple[PhraseEntry, str] | None:
    """The longest entry (the first of equal ones) starting at word ``at`` whose other words follow it."""
    best: tuple[PhraseEntry, str] | None = None
    longest = 0
    following = words[at + 1] if at + 1 < len(words) else None
    for candidate in candidates:
        entry_words = candidate[0].words
        length = len(entry_words)
        if length <= longest:
            continue
        if length > 1 and (
            (following != entry_words[1] and following != "ال" + entry_words[1])  # most fail on the next word
            or not _follows(words, at + 1, entry_words)
        ):
            continue
        best, longest = candidate, length
    return best


def match_phrases(folded: Folded, index: PhraseIndex, tokens: list[Token] | None = None) -> list[PhraseMatch]:
    """Longest entry starting at each token, left to right, without overlaps."""
    tokens = tokens if tokens is not None else tokenize(folded.text)
    words = list(map(itemgetter(0), tokens))  # token.text
    surfaces = index.by_surface
    starting = compress(range(len(words)), map(surfaces.keys().__contains__, words))  # most words start no entry
    make = tuple.__new__  # PhraseMatch(...) through its own __new__ costs a Python call per match
    matches: list[PhraseMatch] = []
    position = 0  # the first token after the last match
    for at in starting:
        if at < position:
            continue
        best = _longest(words, at, surfaces.get(words[at]) or ())
        if best is None:
            continue
        entry, proclitic = best
        start, end = folded.to_original(tokens[at].start, tokens[at + len(entry.words) - 1].end)
        matches.append(make(PhraseMatch, (entry, start, end, proclitic)))
        position = at + len(entry.words)
    return matches


def _phrases(forms: Iterable[str]) -> list[tuple[str, ...]]:
    return [tuple(fold_key(form).split()) for form in forms]


def check_trigger_rows(rows: Iterable[TriggerRow]) -> list[TriggerRow]:
    """The rows, or a LexiconError naming every form written twice (after folding), in one row or
    two: a second row would give it a second type or weight, and which one wins would be an accident."""
    first_row: dict[str, int] = {}
    repeated: list[str] = []
    checked = list(rows)
    for number, row in enumerate(checked):
        for form in row.form:
            key = fold_key(form)
            if key in first_row:
                repeated.append(f"{form!r} (rows {first_row[key] + 1} and {number + 1})")
            first_row.setdefault(key, number)
    if repeated:
        raise LexiconError("triggers.tsv: forms written twice: " + ", ".join(repeated))
    return checked


def build_triggers() -> PhraseIndex:
    return build_index(
        PhraseEntry(words, row.type, row.weight, row.match == "stem")
        for row in check_trigger_rows(load_rows("triggers.tsv", TriggerRow))
        for words in _phrases(row.form)
    )


def build_clause_words() -> PhraseIndex:
    return build_index(
        PhraseEntry(words, row.role)
        for row in load_rows("clause_words.tsv", ClauseWordRow)
        for words in _phrases(row.form)
    )


@lru_cache(maxsize=1)
def load_triggers() -> PhraseIndex:
    """The trigger index, from the cache on disk when it is up to date (see components.text.cache)."""
    return cache.cached("triggers", index_key("triggers.tsv"), build_triggers, encode_index, decode_index)


@lru_cache(maxsize=64)
def clause_word_forms(role: str) -> frozenset[str]:
    """The written forms (folded) of the clause words of one role."""
    return frozenset(
        form for row in load_rows("clause_words.tsv", ClauseWordRow) if row.role == role for form in row.form
    )


@lru_cache(maxsize=1)
def load_clause_words() -> PhraseIndex:
    return cache.cached("clause_words", index_key("clause_words.tsv"), build_clause_words, encode_index, decode_index)


def is_purpose(proclitic: str) -> bool:
    """The preposition ل before a verbal noun ("لتوقيع", "للتوصل"; after و/ف too), not the article ال."""
    return proclitic.lstrip(proclitics().conjunctions).startswith(PURPOSE_PREPOSITION)


def find_triggers(
    text: str, folded: Folded, index: PhraseIndex, tokens: list[Token] | None = None
) -> list[TriggerMatch]:
    """Trigger words of a text, with offsets in the original text."""
    found: list[TriggerMatch] = []
    for match in match_phrases(folded, index, tokens):
        if match.entry.label == NOT_A_TRIGGER:
            continue
        weight = match.entry.weight - (PURPOSE_PENALTY if is_purpose(match.proclitic) else 0.0)
        if is_object_of_saying(match, found, text):
            weight -= OBJECT_PENALTY
        found.append(TriggerMatch(match.entry.label, match.start, match.end, text[match.start : match.end], weight))
    return found


def is_object_of_saying(match: PhraseMatch, earlier: list[TriggerMatch], text: str) -> bool:
    """A noun with the preposition ب right after a word of stance names what was welcomed or
    condemned ("رحبت … باتفاق السلام", "ندد بالهجوم"): the event is the statement, not the noun."""
    if match.entry.label == "statement" or not match.proclitic.lstrip(proclitics().conjunctions).startswith("ب"):
        return False
    return any(
        trigger.event_type == "statement"
        and 0 <= match.start - trigger.char_end <= OBJECT_REACH
        and not any(mark in text[trigger.char_end : match.start] for mark in ".،,؛;:")
        for trigger in earlier[-3:]
    )


def find_clause_words(folded: Folded, index: PhraseIndex, tokens: list[Token] | None = None) -> list[ClauseWord]:
    return [
        ClauseWord(m.entry.label, m.start, m.end)
        for m in match_phrases(folded, index, tokens)
        if not (m.entry.label == "press" and _after_preposition(m))
    ]


def _after_preposition(match: PhraseMatch) -> bool:
    """The press written with ل or ب is spoken to, not speaking ("صرح لوكالة تاس")."""
    return match.proclitic.lstrip(proclitics().conjunctions).startswith(("ل", "ب"))


# --- the index on disk (components.text.cache) ----------------------------------------------------------


class StoredSurfaces(Mapping[str, Starts]):
    """``PhraseIndex.by_surface`` read back from the cache: tens of thousands of written forms, each
    mapped to a group of (entry, proclitic) pairs that is only turned into objects when looked up."""

    def __init__(
        self, forms: dict[str, int], groups: tuple[tuple[tuple[int, str], ...], ...], entries: list[PhraseEntry]
    ):
        self._forms = forms
        self._groups = groups
        self._entries = entries
        self._made: dict[int, Starts] = {}

    def __getitem__(self, form: str) -> Starts:
        found = self.get(form)
        if found is None:
            raise KeyError(form)
        return found

    def get(self, form: str, default: Starts | None = None) -> Starts | None:  # type: ignore[override]  # narrower than Mapping.get's overloads, same behaviour
        """The pairs a form can start (one dictionary look-up per word of every article: kept short)."""
        group = self._forms.get(form)
        if group is None:
            return default
        made = self._made.get(group)
        if made is None:
            made = self._made[group] = tuple((self._entries[at], proclitic) for at, proclitic in self._groups[group])
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self._forms)

    def keys(self) -> KeysView[str]:
        """The forms as a view whose ``in`` is one dictionary look-up (Mapping's own goes through ``get``)."""
        return self._forms.keys()

    def __len__(self) -> int:
        return len(self._forms)


def encode_index(index: PhraseIndex) -> object:
    """Plain values: the entries, every form in one string (fast to read back), a group per form."""
    entries: dict[PhraseEntry, int] = {}
    groups: dict[tuple[tuple[int, str], ...], int] = {}
    group_of: list[int] = []
    for starts in index.by_surface.values():
        group = tuple((entries.setdefault(entry, len(entries)), proclitic) for entry, proclitic in starts)
        group_of.append(groups.setdefault(group, len(groups)))
    if any("\n" in form for form in index.by_surface):
        raise ValueError("a written form holds a line break")
    return {
        "entries": [(entry.words, entry.label, entry.weight, entry.stem) for entry in entries],
        "forms": "\n".join(index.by_surface),
        "group_of": group_of,
        "groups": tuple(groups),
    }


def decode_index(value: object) -> PhraseIndex:
    if not isinstance(value, dict):
        raise TypeError("not a stored phrase index")
    entries = [PhraseEntry(*row) for row in value["entries"]]
    forms = value["forms"].split("\n") if value["forms"] else []
    if len(forms) != len(value["group_of"]):
        raise ValueError("forms and groups differ in number")
    return PhraseIndex(StoredSurfaces(dict(zip(forms, value["group_of"], strict=True)), value["groups"], entries))


def index_key(name: str) -> str:
    return cache.fingerprint(
        [LEXICON_DIR / name, LEXICON_DIR / "proclitics.tsv"],
        [sys.modules[__name__], models, arabic, tokens, lexicon, cache],
    )


def retype_by_object(triggers: list[TriggerMatch], clause_words: list[ClauseWord]) -> list[TriggerMatch]:
    """A verb whose object decides what it does (see :data:`RETYPINGS`): it takes that type when the
    object follows it closely ("نشرت روسيا قواتها" deploys, "تسلمت باكو السيطرة على القرى" hands
    territory over)."""
    verbs = {(word.role, word.char_start) for word in clause_words}
    starts_by_role: dict[str, list[int]] = {}
    for word in clause_words:
        starts_by_role.setdefault(word.role, []).append(word.char_start)
    ends_by_role: dict[str, list[int]] = {}
    for word in clause_words:
        ends_by_role.setdefault(word.role, []).append(word.char_end)
    retyped = []
    for trigger in triggers:
        for verb_role, object_role, event_type, weight, reach in RETYPINGS:
            if (verb_role, trigger.char_start) in verbs and _object_follows(
                trigger, triggers, starts_by_role.get(object_role, ()), reach
            ):
                trigger = replace(trigger, event_type=event_type, weight=max(trigger.weight, weight))
                break
        else:
            for word_role, subject_role, event_type, weight, reach in RETYPINGS_AFTER_SUBJECT:
                if (word_role, trigger.char_start) in verbs and any(
                    0 <= trigger.char_start - end <= reach for end in ends_by_role.get(subject_role, ())
                ):
                    trigger = replace(trigger, event_type=event_type, weight=max(trigger.weight, weight))
                    break
        retyped.append(trigger)
    return retyped


def _object_follows(
    trigger: TriggerMatch, triggers: list[TriggerMatch], object_starts: Iterable[int], reach: int
) -> bool:
    """A word of the object role starts within ``reach`` characters after the trigger, with no trigger
    of the verb's own type between them ("وقع الطرفان اتفاقا وفق القانون": the agreement is what was
    signed)."""
    return any(
        0 <= start - trigger.char_end <= reach
        and not any(
            other.event_type == trigger.event_type and trigger.char_end <= other.char_start < start
            for other in triggers
        )
        for start in object_starts
    )
