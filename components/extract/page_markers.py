"""Page furniture as language knowledge: the markers of ``data/lexicon/page_markers.tsv`` (source, keywords,
read-also and related lists, most-read blocks, comments, boilerplate, photo captions, agency names) and
datelines ("البلاد – جدة", "باكو (رويترز) - …")."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from components.text.arabic import fold, fold_key, fold_text
from components.text.lexicon import column, load_rows, one_of
from components.text.tokens import WORD, first_word

ROLES = ("source", "keywords", "read_also", "related_list", "skip_list", "comments", "boilerplate", "caption", "agency")
MATCHES = ("prefix", "line", "start", "contains", "name")
_START_MAX_WORDS = 8  # a "start" marker line ("تابعونا على فيسبوك") is short
_CONTAINS_MAX_WORDS = 20  # a copyright line is short
_HEAD_CHARS = 64  # the start of a line that is folded to find its first word
_SEPARATOR = re.compile(r"^\s*[:：\-|/]")
_KEYWORD_SEPARATORS = re.compile(r"[،,|;؛/#\n]+")
_PART = r"[^\s\-–—:،؛؟!?()\[\]]+(?:\s+[^\s\-–—:،؛؟!?()\[\]]+){0,2}"
_DASH = r"\s*[-–—]\s*"
_DATELINE_PAREN = re.compile(rf"^(?P<a>{_PART})\s*\((?P<p>[^()]{{1,40}})\)\s*(?:[-–—:]\s*(?P<rest>.*))?$")
_DATELINE_LINE = re.compile(rf"^(?P<a>{_PART}){_DASH}(?P<b>{_PART})\s*[:\-–—]?\s*$")
_DATELINE_PREFIX = re.compile(rf"^(?P<a>{_PART}){_DASH}(?P<b>{_PART})\s*[-–—:]\s*(?P<rest>\S.*)$")
_QUOTES = str.maketrans("", "", "«»\"“”'")
_LEADING_PUNCTUATION = re.compile(r"[\W_]*")
_GAP = re.compile(r"\s+")
_MARKER_END = frozenset(" \t:：-.،؛|/")


@dataclass(frozen=True)
class MarkerRow:
    """A row of ``page_markers.tsv``."""

    marker: str = column()
    role: str = column(one_of(*ROLES))
    match: str = column(one_of(*MATCHES))


@dataclass(frozen=True)
class Marker:
    key: str  # folded, lower-cased marker, words separated by one space
    role: str
    match: str

    def end_at_start(self, lowered: str) -> int | None:
        """Where the marker ends when ``lowered`` starts with it (after leading punctuation), else ``None``.

        Its words may be separated by any run of whitespace, and it must end the line or be
        followed by a space or a separator (so that "المصدر" does not start "المصدري").
        """
        leading = _LEADING_PUNCTUATION.match(lowered)
        position = leading.end() if leading else 0
        for index, word in enumerate(self.key.split(" ")):
            if index:
                gap = _GAP.match(lowered, position)
                if gap is None:
                    return None
                position = gap.end()
            if not lowered.startswith(word, position):
                return None
            position += len(word)
        if position < len(lowered) and lowered[position] not in _MARKER_END:
            return None
        return position


@dataclass(frozen=True)
class Markers:
    lines: tuple[Marker, ...]  # longest first
    agencies: frozenset[str]  # agency keys (see agency_key)
    prefix_words: frozenset[str] = frozenset()  # first words of the "prefix" markers
    by_first_word: Mapping[str, tuple[Marker, ...]] = field(default_factory=dict)  # "prefix" and "start", longest first
    whole_lines: Mapping[str, Marker] = field(default_factory=dict)  # "line" markers by key
    contained: tuple[Marker, ...] = ()  # "contains" markers, longest first


@dataclass(frozen=True)
class Dateline:
    text: str
    city: str | None
    source: str | None
    rest: str  # body text following the dateline on the same line


def _fold_lower(text: str) -> str:
    """Folded text, lower-cased without changing its length (so fold offsets stay valid)."""
    folded = fold_text(text)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in folded)


def agency_key(text: str) -> str:
    """An agency or outlet name reduced for comparison (no spaces, dots, quotes or brackets)."""
    return re.sub(r"[\s.\"«»“”'()]", "", fold_key(text))


@lru_cache(maxsize=1)
def load_markers() -> Markers:
    lines: list[Marker] = []
    agencies: set[str] = set()
    for row in load_rows("page_markers.tsv", MarkerRow):
        if row.role == "agency":
            agencies.add(agency_key(row.marker))
            continue
        lines.append(Marker(" ".join(_fold_lower(row.marker).split()), row.role, row.match))
    lines.sort(key=lambda marker: len(marker.key), reverse=True)
    prefix_words = frozenset(_first_word(marker.key) for marker in lines if marker.match == "prefix")
    by_first_word: dict[str, list[Marker]] = {}
    for starting in lines:
        if starting.match in ("prefix", "start"):
            by_first_word.setdefault(_first_word(starting.key), []).append(starting)
    return Markers(
        tuple(lines),
        frozenset(agencies),
        prefix_words,
        MappingProxyType({word: tuple(found) for word, found in by_first_word.items()}),
        MappingProxyType({marker.key: marker for marker in reversed(lines) if marker.match == "line"}),
        tuple(marker for marker in lines if marker.match == "contains"),
    )


def _first_word(line: str) -> str:
    return first_word(line).lower()


def _folded_first_word(line: str) -> str:
    """``_first_word(fold_text(line))`` without folding a whole paragraph: folding maps each character
    on its own, so the start of the line is enough when its first word ends there."""
    head = fold_text(line[:_HEAD_CHARS])
    found = WORD.search(head)
    if found is not None and found.end() < len(head):
        return found.group().lower()
    return _first_word(fold_text(line))


def without_edge_punctuation(text: str) -> str:
    """``text`` without the characters that are not letters or digits at its two ends (what
    ``re.sub(r"^[\\W_]+|[\\W_]+$", "", text)`` gives, without trying the pattern at every character)."""
    start, end = 0, len(text)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return text[start:end]


def _candidates(lowered: str, words: int, markers: Markers) -> list[Marker]:
    """The markers that may match a line (by its first word, its whole text, what it contains), longest first."""
    found = list(markers.by_first_word.get(_first_word(lowered), ()))
    whole = markers.whole_lines.get(" ".join(without_edge_punctuation(lowered).split()))
    if whole is not None:
        found.append(whole)
    if words <= _CONTAINS_MAX_WORDS:
        spaced = " ".join(lowered.split())
        found += [marker for marker in markers.contained if marker.key in spaced]
    return sorted(found, key=lambda marker: len(marker.key), reverse=True)


def find_marker(line: str, markers: Markers) -> tuple[str, str] | None:
    """The (role, value) of a marker line, ``None`` for other lines."""
    words = len(line.split())
    if words > max(_START_MAX_WORDS, _CONTAINS_MAX_WORDS) and _folded_first_word(line) not in markers.prefix_words:
        return None  # a paragraph of body text: only a "prefix" marker could start it, and none does
    lowered = _fold_lower(line)
    for marker in _candidates(lowered, words, markers):
        if marker.match in ("line", "contains"):
            return marker.role, ""
        end = marker.end_at_start(lowered)
        if end is None:
            continue
        if marker.match == "start":
            if words <= _START_MAX_WORDS:
                return marker.role, ""
            continue
        rest = lowered[end:]
        if " " not in marker.key and rest.strip() and not _SEPARATOR.match(rest):
            continue  # a one-word marker ("المصدر") needs "المصدر: …"
        offsets = fold(line).offsets
        start = offsets[end] if end < len(offsets) else len(line)
        return marker.role, line[start:].strip().lstrip(":：-–—|/ ").strip()
    return None


def _side(text: str) -> str:
    return text.translate(_QUOTES).strip()


def _datelined(a: str, b: str, markers: Markers) -> tuple[str | None, str | None]:
    """(city, source) from the two parts of "A – B": the agency side is the source."""
    a_agency = agency_key(a) in markers.agencies
    b_agency = agency_key(b) in markers.agencies
    if a_agency and not b_agency:
        return b, a
    if a_agency and b_agency:
        return None, a
    return a, b


def parse_dateline(line: str, markers: Markers) -> Dateline | None:
    """A dateline at the start of a line: "البلاد – جدة", "موسكو - سبوتنيك", "باكو (رويترز) - …"."""
    found = _DATELINE_PAREN.match(line)
    if found:
        dateline = line[: found.end("p") + 1].strip()
        return Dateline(dateline, _side(found["a"]), _side(found["p"]), (found["rest"] or "").strip())
    for pattern in (_DATELINE_LINE, _DATELINE_PREFIX):
        found = pattern.match(line)
        if not found:
            continue
        a, b = _side(found["a"]), _side(found["b"])
        if not a or not b or a == b or a.isdigit() or b.isdigit():
            return None
        known = agency_key(a) in markers.agencies or agency_key(b) in markers.agencies
        if not known and (pattern is _DATELINE_PREFIX or len(a.split()) + len(b.split()) > 2):
            return None
        city, source = _datelined(a, b, markers)
        rest = found.groupdict().get("rest") or ""
        return Dateline(line[: found.end("b")].strip(), city, source, rest.strip())
    return None


def parse_keywords(value: str) -> tuple[str, ...]:
    """Keywords separated by commas, "|" or "#"; by spaces when no such separator is used."""
    parts = _KEYWORD_SEPARATORS.split(value) if _KEYWORD_SEPARATORS.search(value) else value.split()
    return tuple(dict.fromkeys(part.strip(" .") for part in parts if part.strip(" .")))
