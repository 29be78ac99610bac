"""Page → articles: main text out of HTML, then one page cut into its articles.

A news page often holds several articles glued together with site furniture between them:
"المصدر: …", "كلمات دلالية: …", "إقرأ أيضاً:" followed by a headline, "مقالات مشابهة" followed
by a list of headlines, share/follow/copyright lines. These markers are data
(``data/lexicon/page_markers.tsv``). The page is read line by line:

* an article ends when a source, keyword, read-also or related-list marker is seen; what
  follows such a marker is metadata (source, keywords) or related headlines;
* body text after the end of an article starts the next article;
* a dateline ("البلاد – جدة", "باكو (رويترز) - …") always starts an article; a headline-like
  line just before it is its title (and stays a related headline of the previous article
  when it was listed under "read also");
* a headline-like first line followed by body text is the title;
* short headline-like lines between body paragraphs stay in the text (they may be
  sub-headings); sentence splitting keeps them apart since it splits on line breaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from components.extract.reading import RawPage, article_blocks, html_main_text
from components.text.arabic import fold, fold_key, fold_text
from components.text.lexicon import column, load_rows, one_of
from components.text.tokens import first_word

ROLES = ("source", "keywords", "read_also", "related_list", "skip_list", "boilerplate", "agency")
MATCHES = ("prefix", "line", "start", "contains", "name")
_START_MAX_WORDS = 8  # a "start" marker line ("تابعونا على فيسبوك") is short
_CONTAINS_MAX_WORDS = 20  # a copyright line is short
_HEADLINE_MAX_WORDS = 25
_HEADLINE_MAX_CHARS = 200
_PENDING_VALUE_MAX_WORDS = 12

_SENTENCE_END = ".!?؟:…"
_CLOSERS = "\"'”’»)]"
_BULLET = re.compile(r"^(?:[•·●▪■◆◇►▶○◦*]|[-–—](?=\s))\s*")
_SEPARATOR = re.compile(r"^\s*[:：\-|/]")
_KEYWORD_SEPARATORS = re.compile(r"[،,|;؛/#\n]+")
_PART = r"[^\s\-–—:،؛؟!?()\[\]]+(?:\s+[^\s\-–—:،؛؟!?()\[\]]+){0,2}"
_DASH = r"\s*[-–—]\s*"
_DATELINE_PAREN = re.compile(rf"^(?P<a>{_PART})\s*\((?P<p>[^()]{{1,40}})\)\s*(?:[-–—:]\s*(?P<rest>.*))?$")
_DATELINE_LINE = re.compile(rf"^(?P<a>{_PART}){_DASH}(?P<b>{_PART})\s*[:\-–—]?\s*$")
_DATELINE_PREFIX = re.compile(rf"^(?P<a>{_PART}){_DASH}(?P<b>{_PART})\s*[-–—:]\s*(?P<rest>\S.*)$")
_QUOTES = str.maketrans("", "", "«»\"“”'")


@dataclass(frozen=True)
class ArticleDraft:
    text: str  # the article body only, paragraphs separated by "\n\n" or "\n"
    title: str | None
    source: str | None  # from "المصدر: …" or from the dateline
    dateline: str | None  # e.g. "البلاد – جدة"
    dateline_city: str | None  # e.g. "جدة"
    keywords: tuple[str, ...]
    related_headlines: tuple[str, ...]
    url: str | None = None  # from HTML metadata
    published_hint: str | None = None  # date from HTML metadata (ISO when known)


@dataclass(frozen=True)
class MarkerRow:
    """A row of ``page_markers.tsv``."""

    marker: str = column()
    role: str = column(one_of(*ROLES))
    match: str = column(one_of(*MATCHES))


@dataclass(frozen=True)
class Marker:
    key: str  # folded, lower-cased marker
    role: str
    match: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Markers:
    lines: tuple[Marker, ...]  # longest first
    agencies: frozenset[str]  # agency keys (see _agency_key)
    prefix_words: frozenset[str] = frozenset()  # first words of the "prefix" markers


@dataclass(frozen=True)
class Dateline:
    text: str
    city: str | None
    source: str | None
    rest: str  # body text following the dateline on the same line


def _fold_lower(text: str) -> str:
    """Folded text, lower-cased without changing its length (so fold offsets stay valid)."""
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in fold(text).text)


def _agency_key(text: str) -> str:
    return re.sub(r"[\s.\"«»“”'()]", "", fold_key(text))


@lru_cache(maxsize=1)
def load_markers() -> Markers:
    lines: list[Marker] = []
    agencies: set[str] = set()
    for row in load_rows("page_markers.tsv", MarkerRow):
        marker, role, match = row.marker, row.role, row.match
        if role == "agency":
            agencies.add(_agency_key(marker))
            continue
        key = " ".join(_fold_lower(marker).split())
        words = r"\s+".join(re.escape(word) for word in key.split())
        pattern = re.compile(rf"^[\W_]*?{words}(?=$|[\s:：\-.،؛|/])")
        lines.append(Marker(key, role, match, pattern))
    lines.sort(key=lambda marker: len(marker.key), reverse=True)
    prefix_words = frozenset(_first_word(marker.key) for marker in lines if marker.match == "prefix")
    return Markers(tuple(lines), frozenset(agencies), prefix_words)


def _first_word(line: str) -> str:
    return first_word(line).lower()


def find_marker(line: str, markers: Markers) -> tuple[str, str] | None:
    """The (role, value) of a marker line, ``None`` for other lines."""
    if len(line.split()) > max(_START_MAX_WORDS, _CONTAINS_MAX_WORDS) and (
        _first_word(fold_text(line)) not in markers.prefix_words
    ):
        return None  # a paragraph of body text: only a "prefix" marker could start it, and none does
    folded = fold(line)
    lowered = _fold_lower(line)
    bare = " ".join(re.sub(r"^[\W_]+|[\W_]+$", "", lowered).split())
    words = len(line.split())
    for marker in markers.lines:
        if marker.match == "line":
            if bare == marker.key:
                return marker.role, ""
        elif marker.match == "contains":
            if words <= _CONTAINS_MAX_WORDS and marker.key in " ".join(lowered.split()):
                return marker.role, ""
        elif marker.match == "start":
            if words <= _START_MAX_WORDS and marker.pattern.match(lowered):
                return marker.role, ""
        elif marker.match == "prefix":
            found = marker.pattern.match(lowered)
            if not found:
                continue
            rest = lowered[found.end() :]
            if " " not in marker.key and rest.strip() and not _SEPARATOR.match(rest):
                continue  # a one-word marker ("المصدر") needs "المصدر: …"
            start = folded.offsets[found.end()] if found.end() < len(folded.offsets) else len(line)
            return marker.role, line[start:].strip().lstrip(":：-–—|/ ").strip()
    return None


def _side(text: str) -> str:
    return text.translate(_QUOTES).strip()


def _datelined(a: str, b: str, markers: Markers) -> tuple[str | None, str | None]:
    """(city, source) from the two parts of "A – B": the agency side is the source."""
    a_agency = _agency_key(a) in markers.agencies
    b_agency = _agency_key(b) in markers.agencies
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
        known = _agency_key(a) in markers.agencies or _agency_key(b) in markers.agencies
        if not known and (pattern is _DATELINE_PREFIX or len(a.split()) + len(b.split()) > 2):
            return None
        city, source = _datelined(a, b, markers)
        rest = found.groupdict().get("rest") or ""
        return Dateline(line[: found.end("b")].strip(), city, source, rest.strip())
    return None


def is_headline_like(line: str) -> bool:
    """A short line that does not end like a sentence: a title, a headline or a fragment."""
    words = line.split()
    if not words or len(words) > _HEADLINE_MAX_WORDS or len(line) > _HEADLINE_MAX_CHARS:
        return False
    stripped = line.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] not in _SENTENCE_END and stripped[-1] != "،"


def parse_keywords(value: str) -> tuple[str, ...]:
    """Keywords separated by commas, "|" or "#"; by spaces when no such separator is used."""
    parts = _KEYWORD_SEPARATORS.split(value) if _KEYWORD_SEPARATORS.search(value) else value.split()
    return tuple(dict.fromkeys(part.strip(" .") for part in parts if part.strip(" .")))


@dataclass
class _Builder:
    """An article being collected (local to one split_text call)."""

    paragraphs: list[tuple[str, bool]] = field(default_factory=list)  # (line, blank line before it)
    title: str | None = None
    source: str | None = None
    dateline: Dateline | None = None
    keywords: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)

    def finish(self) -> ArticleDraft | None:
        paragraphs = list(self.paragraphs)
        title = self.title
        if title is None and len(paragraphs) >= 2 and is_headline_like(paragraphs[0][0]):
            title = paragraphs.pop(0)[0]
        if not paragraphs:
            return None
        text = paragraphs[0][0]
        for line, blank_before in paragraphs[1:]:
            text += ("\n\n" if blank_before else "\n") + line
        dateline = self.dateline
        return ArticleDraft(
            text=text,
            title=title,
            source=self.source or (dateline.source if dateline else None),
            dateline=dateline.text if dateline else None,
            dateline_city=dateline.city if dateline else None,
            keywords=tuple(dict.fromkeys(self.keywords)),
            related_headlines=tuple(dict.fromkeys(self.related)),
        )


@dataclass
class _Splitter:
    """One split_text call: the articles so far, the one being collected, and how the coming lines
    are read (``mode``: body | tail, after source/keywords | related | skip)."""

    markers: Markers
    drafts: list[ArticleDraft] = field(default_factory=list)
    current: _Builder = field(default_factory=_Builder)
    mode: str = "body"
    pending: str | None = None  # a source/keywords marker whose value is on the next line
    previous_title: str | None = None  # the previous non-empty line, when headline-like text
    blank: bool = False  # a blank line was just read

    def begin(self, title: str | None) -> None:
        """Close the current article and start the next one (with that title)."""
        current = self.current
        if title and self.mode == "body" and current.paragraphs and current.paragraphs[-1][0] == title:
            current.paragraphs.pop()
        draft = current.finish()
        if draft is not None:
            self.drafts.append(draft)
        self.current = _Builder(title=title)

    def read(self, raw: str) -> None:
        line = raw.strip()
        if not line:
            self.blank = True
            return
        blank_before, self.blank = self.blank, False
        if self.pending is not None and self._pending_value(line):
            self.previous_title = None
            return
        self.previous_title = self._line(line, blank_before)

    def finish(self) -> list[ArticleDraft]:
        draft = self.current.finish()
        if draft is not None:
            self.drafts.append(draft)
        return self.drafts

    def _pending_value(self, line: str) -> bool:
        """Take the line as the value of the marker before it ("المصدر:" then "وكالات") if it can be one."""
        target, self.pending = self.pending, None
        if len(line.split()) > _PENDING_VALUE_MAX_WORDS or find_marker(line, self.markers) is not None:
            return False
        if target == "source":
            self.current.source = line
        else:
            self.current.keywords.extend(parse_keywords(line))
        return True

    def _line(self, line: str, blank_before: bool) -> str | None:
        """Read one non-empty line; returns it when it may be the title of an article that follows."""
        marker = find_marker(line, self.markers)
        if marker is not None:
            self._marker(*marker)
            return None
        dateline = parse_dateline(line, self.markers)
        if dateline is not None:
            self.begin(self.previous_title)
            self.current.dateline = dateline
            self.mode = "body"
            if dateline.rest:
                self.current.paragraphs.append((dateline.rest, False))
            return None
        if _BULLET.match(line):
            item = _BULLET.sub("", line).strip()
            if self.mode == "body":
                self.current.paragraphs.append((line, blank_before))
            elif self.mode in ("related", "tail") and item:
                self.current.related.append(item)
            return None
        return self._text(line, blank_before)

    def _marker(self, role: str, value: str) -> None:
        if role in ("source", "keywords"):
            if role == "source" and value:
                self.current.source = value.rstrip(" .")
            elif value:
                self.current.keywords.extend(parse_keywords(value))
            else:
                self.pending = role
            if self.current.paragraphs:
                self.mode = "tail"
        elif role in ("read_also", "related_list"):
            self.mode = "related"
            if value and is_headline_like(value):
                self.current.related.append(value)
        elif role == "skip_list":
            self.mode = "skip"

    def _text(self, line: str, blank_before: bool) -> str | None:
        headline = line if is_headline_like(line) else None
        if self.mode == "body":
            self.current.paragraphs.append((line, blank_before))
            return headline
        if self.mode == "related" and headline is not None:
            self.current.related.append(line)
            return headline
        if self.mode == "skip" and headline is not None:
            return None
        # body text after the end of an article: the next article
        self.begin(self.previous_title if self.mode == "related" else None)
        self.mode = "body"
        self.current.paragraphs.append((line, False))
        return headline


def split_text(text: str) -> list[ArticleDraft]:
    """Cut plain page text into articles (see the module docstring for the rules)."""
    splitter = _Splitter(load_markers())
    for raw in text.split("\n"):
        splitter.read(raw)
    return splitter.finish()


def split_page(page: RawPage) -> list[ArticleDraft]:
    """The articles of a page; HTML pages are reduced to their main text first. An HTML page
    with several ``<article>`` elements is read one element at a time: a main-text extractor
    keeps only the largest block of a page."""
    if not page.is_html:
        return split_text(page.text)
    whole = html_main_text(page.text)
    blocks = article_blocks(page.text)
    parts = [html_main_text(block) for block in blocks] if len(blocks) > 1 else [whole]
    drafts: list[ArticleDraft] = []
    for extracted in parts:
        found = split_text(extracted.text)
        if found:
            first = found[0]
            found[0] = ArticleDraft(
                text=first.text,
                title=first.title or extracted.title,
                source=first.source or whole.sitename,
                dateline=first.dateline,
                dateline_city=first.dateline_city,
                keywords=first.keywords or extracted.keywords or whole.keywords,
                related_headlines=first.related_headlines,
                url=whole.url,
                published_hint=extracted.date or whole.date,
            )
        drafts.extend(found)
    return drafts
