"""Page → articles: main text out of HTML, then one page cut into its articles.

A news page often holds several articles glued together with site furniture between them:
"المصدر: …", "كلمات دلالية: …", "إقرأ أيضاً:" followed by a headline, "مقالات مشابهة" followed
by a list of headlines, share/follow/copyright lines, readers' comments. These markers are data
(``data/lexicon/page_markers.tsv``, see :mod:`components.extract.page_markers`). The page is read
line by line:

* the lines before an article's first paragraph of prose are its header region (masthead,
  navigation, tickers, title, byline, stamp): they are kept apart (``header``), not in the text;
  the longest headline-like line among them is the title; photo captions among them stay in the
  text, marked;
* an article ends when a source, keyword, read-also or related-list marker, or a rule ("-----")
  is seen; what follows such a marker is metadata (source, keywords) or related headlines;
* body text after the end of an article (after its source or keywords) starts the next article;
* a read-also block inside an article holds headlines; the article goes on after it. A story
  printed under a read-also or related marker (a headline followed by a dateline or a stamp, or
  any body text once the article has ended) is a related story: it is kept apart
  (``related_story``) to the next rule or marker, and gives no events unless the page's metadata
  lists it as an article of the page;
* a dateline ("البلاد – جدة", "باكو (رويترز) - …") after body text starts an article; a
  headline-like line just before it is its title (and stays a related headline of the previous
  article when it was listed under "read also");
* short headline-like lines between body paragraphs stay in the text as sub-headings; photo
  captions stay in the text too; both are marked (``heading_ranges``, ``caption_ranges``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from components.extract.html_meta import page_meta
from components.extract.page_lines import (
    is_caption,
    is_caption_marked,
    is_headline_like,
    is_navigation,
    is_prose,
    is_separator,
    list_item,
)
from components.extract.page_markers import (
    MATCHES,
    ROLES,
    Dateline,
    Markers,
    find_marker,
    load_markers,
    parse_dateline,
    parse_keywords,
)
from components.extract.reading import RawPage
from components.extract.stamps import find_stamps

__all__ = [
    "MATCHES",
    "ROLES",
    "ArticleDraft",
    "find_marker",
    "is_headline_like",
    "load_markers",
    "parse_dateline",
    "parse_keywords",
    "split_page",
    "split_text",
]

_PENDING_VALUE_MAX_WORDS = 12
_HTML_HEADER_LINES = 30  # visible lines of an HTML page read before its body, for its stamp

Range = tuple[int, int]


@dataclass(frozen=True)
class ArticleDraft:
    text: str  # the article body only, paragraphs separated by "\n\n" or "\n"
    title: str | None
    source: str | None  # from "المصدر: …" or from the dateline
    dateline: str | None  # e.g. "البلاد – جدة"
    dateline_city: str | None  # e.g. "جدة"
    keywords: tuple[str, ...]
    related_headlines: tuple[str, ...]
    url: str | None = None  # the page's own address (HTML metadata)
    published_hint: str | None = None  # publication date from the HTML page's own metadata (ISO)
    header: tuple[str, ...] = ()  # the header region: the lines before the body (masthead, title, stamp …)
    caption_ranges: tuple[Range, ...] = ()  # photo captions in ``text``
    heading_ranges: tuple[Range, ...] = ()  # sub-headings and kickers in ``text``
    related_story: bool = False  # a story printed under a read-also or related marker
    extracted_date: str | None = None  # the main-text extractor's guess of the date (ISO), the weakest hint


@dataclass
class _Builder:
    """An article being collected (local to one split_text call)."""

    markers: Markers
    title: str | None = None
    related_story: bool = False
    header: list[str] = field(default_factory=list)
    paragraphs: list[tuple[str, bool]] = field(default_factory=list)  # (line, blank line before it)
    prose: bool = False  # a paragraph of prose was read: the header region is over
    source: str | None = None
    dateline: Dateline | None = None
    keywords: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)

    def add(self, line: str, blank_before: bool) -> None:
        """A line of the article: a header line until the first prose paragraph (captions excepted)."""
        if not self.prose and not is_prose(line):
            if is_caption(line, self.markers):
                self.paragraphs.append((line, blank_before))
            else:
                self.header.append(line)
            return
        self.prose = True
        self.paragraphs.append((line, blank_before))

    def _title(self) -> str | None:
        """The longest headline-like header line that is not navigation, a stamp or a caption."""
        candidates = [
            line
            for line in self.header
            if is_headline_like(line)
            and not is_navigation(line)
            and list_item(line) is None
            and not find_stamps(line)
            and not is_caption(line, self.markers)
            and find_marker(line, self.markers) is None
        ]
        return max(candidates, key=lambda line: len(line.split()), default=None)

    def _kind(self, index: int, line: str, first_prose: int) -> str:
        """caption, heading or text. A line closed by a credit is a caption unless it opens or closes
        the body (wire stories end with their credit: "… (أ ف ب)")."""
        inside = index < first_prose or first_prose < index < len(self.paragraphs) - 1
        if is_caption(line, self.markers) and (inside or is_caption_marked(line, self.markers)):
            return "caption"
        if index > first_prose and is_headline_like(line) and list_item(line) is None:
            return "heading"
        return "text"

    def _text_and_ranges(self) -> tuple[str, tuple[Range, ...], tuple[Range, ...]]:
        first_prose = next((i for i, (line, _) in enumerate(self.paragraphs) if is_prose(line)), 0)
        text = ""
        captions: list[Range] = []
        headings: list[Range] = []
        for index, (line, blank_before) in enumerate(self.paragraphs):
            if index:
                text += "\n\n" if blank_before else "\n"
            kind = self._kind(index, line, first_prose)
            if kind != "text":
                (captions if kind == "caption" else headings).append((len(text), len(text) + len(line)))
            text += line
        return text, tuple(captions), tuple(headings)

    def finish(self) -> ArticleDraft | None:
        if not self.prose:
            return None
        text, captions, headings = self._text_and_ranges()
        dateline = self.dateline
        return ArticleDraft(
            text=text,
            title=self.title or self._title(),
            source=self.source or (dateline.source if dateline else None),
            dateline=dateline.text if dateline else None,
            dateline_city=dateline.city if dateline else None,
            keywords=tuple(dict.fromkeys(self.keywords)),
            related_headlines=tuple(dict.fromkeys(self.related)),
            header=tuple(self.header),
            caption_ranges=captions,
            heading_ranges=headings,
            related_story=self.related_story,
        )


@dataclass
class _Splitter:
    """One split_text call: the articles so far, the one being collected, and how the coming lines
    are read (``mode``: body | tail, after source/keywords | related, after a read-also or related
    marker | story, a related story | skip, a most-read list | drop, readers' comments)."""

    markers: Markers
    drafts: list[ArticleDraft] = field(default_factory=list)
    current: _Builder = field(init=False)
    mode: str = "body"
    pending: str | None = None  # a source/keywords marker whose value is on the next line
    previous_title: str | None = None  # the previous non-empty line, when headline-like text
    blank: bool = False  # a blank line was just read
    inline: bool = False  # the related block stands inside an article that goes on after it
    opening: list[str] = field(default_factory=list)  # a story's header lines seen in a related block

    def __post_init__(self) -> None:
        self.current = _Builder(self.markers)

    def begin(self, title: str | None, *, related_story: bool = False) -> None:
        """Close the current article and start the next one (with that title). Lines read before
        any prose are the header of the article that follows, not an article."""
        current = self.current
        if not current.prose:
            current.title = title or current.title
            current.related_story = related_story
            return
        if title and self.mode == "body" and current.paragraphs and current.paragraphs[-1][0] == title:
            current.paragraphs.pop()
        draft = current.finish()
        if draft is not None:
            self.drafts.append(draft)
        self.current = _Builder(self.markers, title=title, related_story=related_story)

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
        if is_separator(line):
            self._separator()
            return None
        marker = find_marker(line, self.markers)
        if marker is not None and marker[0] != "caption":
            self._marker(*marker, line)
            return None
        dateline = parse_dateline(line, self.markers)
        if dateline is not None and self.mode != "drop":
            self._dateline(dateline, line)
            return None
        item = list_item(line)
        if item is not None:
            self._item(line, item, blank_before)
            return None
        return self._text(line, blank_before)

    def _separator(self) -> None:
        """A rule between stories ends the current one (and a related block)."""
        if self.current.prose or self.mode in ("story", "related", "drop"):
            self.begin(None)
            self.mode = "body"

    def _marker(self, role: str, value: str, line: str) -> None:
        if role in ("source", "keywords"):
            if role == "source" and value:
                self.current.source = value.rstrip(" .")
            elif value:
                self.current.keywords.extend(parse_keywords(value))
            else:
                self.pending = role
            if self.current.prose:
                self.mode = "tail"
        elif role in ("read_also", "related_list"):
            self.inline = self.mode == "body" and self.current.prose
            self.opening = []
            self.mode = "related"
            if value and is_headline_like(value):
                self.current.related.append(value)
        elif role == "skip_list":
            self.mode = "skip"
        elif role == "comments" and self.current.prose and not is_prose(line):
            self.mode = "drop"  # readers' comments follow the article (a comments link above it is no marker)

    def _dateline(self, dateline: Dateline, line: str) -> None:
        """A dateline after body text starts an article (a related story when under a marker)."""
        if self.mode == "related" and self.current.prose:
            self._story(self.previous_title)
        elif self.current.prose:
            story = self.mode == "story"
            self.begin(self.previous_title, related_story=story)
            self.mode = "story" if story else "body"
        elif self.mode != "story":
            self.mode = "body"
        self.current.dateline = self.current.dateline or dateline
        if dateline.rest:
            self.current.add(dateline.rest, False)
        else:
            self.current.header.append(line)

    def _story(self, title: str | None) -> None:
        """A related story starts: its header is what was read of it in the related block."""
        self.begin(title, related_story=True)
        self.current.header.extend(self.opening)
        self.opening = []
        self.mode = "story"

    def _item(self, line: str, item: str, blank_before: bool) -> None:
        if self.mode in ("body", "story"):
            if self.current.prose:
                self.current.paragraphs.append((line, blank_before))
            else:
                self.current.header.append(line)
        elif self.mode in ("related", "tail") and item:
            self.current.related.append(item)

    def _text(self, line: str, blank_before: bool) -> str | None:
        headline = line if is_headline_like(line) else None
        if self.mode in ("body", "story"):
            self.current.add(line, blank_before)
            return headline
        if self.mode == "drop" or (self.mode == "skip" and headline is not None):
            return None
        if self.mode == "related":
            return self._related_text(line, headline, blank_before)
        # body text after the end of an article (its source, keywords or a most-read list): the next article
        self.begin(None)
        self.mode = "body"
        self.current.add(line, False)
        return headline

    def _related_text(self, line: str, headline: str | None, blank_before: bool) -> str | None:
        """A line under a read-also or related marker: a headline, a story's stamp, or body text."""
        if headline is not None and find_stamps(line):
            self.opening.append(line)
            return None
        if headline is not None and not self.opening:
            self.current.related.append(line)
            return headline
        if not is_prose(line):
            self.opening.append(line)
            return headline
        if not self.current.prose or (self.inline and not self.opening):
            self.mode = "body"  # a block in the header, or a read-also line inside an article that goes on
            self.current.header.extend(self.opening)
            self.opening = []
            self.current.add(line, blank_before)
            return None
        self._story(self.previous_title or (self.current.related[-1] if self.current.related else None))
        self.current.add(line, False)
        return None


def split_text(text: str) -> list[ArticleDraft]:
    """Cut plain page text into articles (see the module docstring for the rules)."""
    splitter = _Splitter(load_markers())
    for raw in text.split("\n"):
        splitter.read(raw)
    return splitter.finish()


def _html_header(visible: str, draft: ArticleDraft) -> tuple[str, ...]:
    """The visible lines of an HTML page before the article's first paragraph: where its stamp stands
    when the main-text extractor left it out."""
    first = draft.text.split("\n", 1)[0].strip()[:60]
    lines = [line.strip() for line in visible.split("\n") if line.strip()]
    for index, line in enumerate(lines):
        if first and first in line:
            return tuple(lines[max(0, index - _HTML_HEADER_LINES) : index])
    return ()


def split_page(page: RawPage) -> list[ArticleDraft]:
    """The articles of a page; HTML pages are reduced to their main text first. An HTML page
    with several ``<article>`` elements is read one element at a time: a main-text extractor
    keeps only the largest block of a page."""
    if not page.is_html:
        return split_text(page.text)
    from components.extract.html_text import html_main_text, read_html_page  # only HTML pages pay its import

    read = read_html_page(page.text)
    whole, own, blocks = read.main, read.meta, read.blocks
    parts = [(block, html_main_text(block)) for block in blocks] if len(blocks) > 1 else [(page.text, whole)]
    drafts: list[ArticleDraft] = []
    for html, extracted in parts:
        found = split_text(extracted.text)
        if found:
            first = found[0]
            published = (page_meta(html) if html is not page.text else own).published or own.published
            found[0] = replace(
                first,
                title=first.title or extracted.title,
                source=first.source or whole.sitename,
                keywords=first.keywords or extracted.keywords or whole.keywords,
                url=own.url or whole.url,
                published_hint=published.isoformat() if published else None,
                header=_html_header(whole.visible, first) + first.header,
                extracted_date=extracted.date or whole.date,
            )
        drafts.extend(found)
    return drafts
