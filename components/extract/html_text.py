"""The main text of an HTML page: trafilatura's extraction, with plain tag stripping (the standard
library's parser) when it finds nothing, and the outermost ``<article>`` elements of a page.

This module is imported only when an HTML page is read (trafilatura takes a noticeable part of a
second to import, which text pages need not pay).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import Any

import trafilatura
from lxml import html as lxml_html
from trafilatura.settings import Document

from components.extract.html_meta import MetaCollector, PageMeta, collected_meta

log = logging.getLogger(__name__)

_SKIPPED_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "object",
        "head",
        "nav",
        "footer",
        "aside",
        "form",
        "button",
        "select",
    }
)
_SMALL_PAGE_CHARS = 1000
_VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "source", "area", "base", "col"})
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "hr",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "article",
        "section",
        "header",
        "main",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "dd",
        "dt",
        "title",
        "body",
        "html",
    }
)


@dataclass(frozen=True)
class HtmlText:
    """The main text of an HTML page, paragraphs on their own lines, plus its metadata."""

    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None  # ISO date when known
    sitename: str | None = None
    keywords: tuple[str, ...] = ()
    visible: str = ""  # every visible line of the page (tags stripped), for what the main text leaves out


class _TextCollector(HTMLParser):
    """Visible text of an HTML document; script, style, navigation and the like are skipped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.skipping: list[str] = []  # open skipped elements
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _SKIPPED_TAGS and tag not in _VOID_TAGS:
            self.skipping.append(tag)
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in self.skipping:
            while self.skipping and self.skipping.pop() != tag:
                pass
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skipping:
            self.parts.append(data)


def strip_html(html: str) -> HtmlText:
    """Text of an HTML page by walking its tags with the standard library's parser."""
    collector = _TextCollector()
    _walk(html, collector)
    return _stripped(collector)


def _stripped(collector: _TextCollector) -> HtmlText:
    lines = (" ".join(line.split()) for line in "".join(collector.parts).split("\n"))
    title = " ".join("".join(collector.title_parts).split()) or None
    return HtmlText("\n".join(line for line in lines if line), title=title)


class _ArticleSpans(HTMLParser):
    """Where the outermost ``<article>`` elements of a page start and end (line, column)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.start: tuple[int, int] | None = None
        self.spans: list[tuple[tuple[int, int], tuple[int, int]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            if self.depth == 0:
                self.start = self.getpos()
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1
            if self.depth == 0 and self.start is not None:
                self.spans.append((self.start, self.getpos()))


def article_blocks(html: str) -> list[str]:
    """The HTML of each outermost ``<article>`` element, in page order ([] when there are none)."""
    parser = _ArticleSpans()
    _walk(html, parser)
    return _blocks(html, parser.spans)


def _blocks(html: str, spans: list[tuple[tuple[int, int], tuple[int, int]]]) -> list[str]:
    line_starts = [0]
    for line in html.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))

    def offset(position: tuple[int, int]) -> int:
        return line_starts[position[0] - 1] + position[1]

    blocks = []
    for start, end in spans:
        close = html.find(">", offset(end))
        blocks.append(html[offset(start) : close + 1 if close >= 0 else len(html)])
    return blocks


def _drop_title_line(text: str, title: str | None) -> str:
    """trafilatura repeats the headline as the first line; the title is kept apart."""
    if not title:
        return text
    first, _, rest = text.partition("\n")
    return rest.lstrip("\n") if " ".join(first.split()) == " ".join(title.split()) else text


def without_noscript(html: str) -> str:
    """The page without its ``<noscript>`` blocks (text for browsers without scripts, never the
    article), which the main-text extractor would otherwise keep."""
    if "<noscript" not in html.lower():
        return html
    try:
        tree = lxml_html.fromstring(html)
        for element in tree.xpath("//noscript"):
            element.drop_tree()
        return lxml_html.tostring(tree, encoding="unicode")
    except Exception as error:  # a parser failure on odd markup must not lose the page
        log.warning("could not drop <noscript> blocks (%s)", error)
        return html


# class or id words of the element holding an article's lede (its first, summary paragraph), which
# main-text extraction often drops as it sits outside the body ("article__announce-text", "lead", "standfirst")
_LEDE_WORDS = r"(?:lead|lede|standfirst|summary|excerpt|intro|announce-text|abstract)"
_LEDE_CLASS = re.compile(rf"(?:^|[\s_-]){_LEDE_WORDS}(?:$|[\s_-])", re.I)
_LEDE_ANYWHERE = re.compile(_LEDE_WORDS, re.I)
_LEDE_MIN_CHARS = 40


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def lede_missing_from(html: str, text: str) -> str | None:
    """The page's lede when the extracted ``text`` lacks it: the first element whose class or id names
    a lede, with a sentence's worth of text and not mostly links."""
    if not _LEDE_ANYWHERE.search(html):
        return None
    try:
        tree = lxml_html.fromstring(html)
    except Exception as error:  # odd markup: the extracted text stands alone
        log.warning("could not look for the lede (%s)", error)
        return None
    body = _squeezed(text)
    for element in tree.iter():
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        if not isinstance(element.tag, str) or not _LEDE_CLASS.search(marks):
            continue
        lede = _squeezed(element.text_content())
        linked = sum(len(_squeezed(a.text_content())) for a in element.iter("a"))
        if len(lede) >= _LEDE_MIN_CHARS and linked < len(lede) / 2:
            return None if lede in body else lede
    return None


def html_main_text(html: str) -> HtmlText:
    """Main article text and metadata via trafilatura; tag stripping when it finds nothing."""
    html = without_noscript(html)
    found = _bare_extraction(html)
    return _main_text(html, found, strip_html(html))


def _bare_extraction(html: str) -> Document | dict[str, Any] | None:
    found = None
    try:
        found = trafilatura.bare_extraction(
            html,
            include_comments=False,
            fast=True,
            favor_recall=True,
            include_tables=True,
            with_metadata=True,
            # its date is only the last resort (the page's own metadata and stamp are read first); the
            # extensive search runs dateparser over every language and costs a third of a second a page
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as error:  # a parser failure on odd markup must not lose the page
        log.warning("trafilatura failed (%s); using plain tag stripping", error)
    return found


def _main_text(html: str, found: Document | dict[str, Any] | None, fallback: HtmlText) -> HtmlText:
    """The main text trafilatura ``found`` in ``html`` (``fallback``: the page's stripped tags)."""
    document = None if isinstance(found, dict) else found  # a dict only comes with as_dict=True
    if document is None:
        return replace(fallback, visible=fallback.text)
    title = document.title or fallback.title
    text = (document.text or "").strip()
    if len(fallback.text) < _SMALL_PAGE_CHARS and len(text) < len(fallback.text) / 2:
        text = ""  # trafilatura drops parts of small snippets; their visible text is the content
    keywords = tuple(word.strip() for tag in (document.tags or []) for word in re.split(r"[,،;|]", tag) if word.strip())
    lede = lede_missing_from(html, text) if text else None
    if lede is not None:
        text = f"{lede}\n\n{text}"
    return HtmlText(
        text=_drop_title_line(text, title) if text else _drop_title_line(fallback.text, title),
        title=title,
        url=document.url or None,
        date=document.date or None,
        sitename=document.sitename or None,
        keywords=keywords,
        visible=fallback.text,
    )


class _Fanout(HTMLParser):
    """One walk of a page whose tags and text go to several parsers' handlers, each seeing what its
    own walk would show it (their ``getpos()`` gives the walk's position)."""

    def __init__(self, listeners: tuple[HTMLParser, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.listeners = listeners

    def _at_position(self) -> tuple[HTMLParser, ...]:
        for listener in self.listeners:
            listener.lineno, listener.offset = self.lineno, self.offset
        return self.listeners

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for listener in self._at_position():
            listener.handle_starttag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for listener in self._at_position():
            listener.handle_startendtag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        for listener in self._at_position():
            listener.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        for listener in self.listeners:
            listener.handle_data(data)


def _walk(html: str, *listeners: HTMLParser) -> None:
    """Feed the page to the listeners' handlers (to a single one directly)."""
    parser = listeners[0] if len(listeners) == 1 else _Fanout(listeners)
    parser.feed(html)
    parser.close()


@dataclass(frozen=True)
class HtmlPage:
    """What a page's markup gives: its main text, its own metadata, its outermost ``<article>`` blocks."""

    main: HtmlText
    meta: PageMeta
    blocks: list[str]


def read_html_page(html: str) -> HtmlPage:
    """``html_main_text``, ``page_meta`` and ``article_blocks`` of a page, the standard parser walking it
    once for the three (twice when ``<noscript>`` blocks were dropped for the main text)."""
    cleaned = without_noscript(html)
    found = _bare_extraction(cleaned)
    text, meta, spans = _TextCollector(), MetaCollector(), _ArticleSpans()
    if cleaned is html:
        _walk(html, text, meta, spans)
    else:
        _walk(cleaned, text)
        _walk(html, meta, spans)
    return HtmlPage(_main_text(cleaned, found, _stripped(text)), collected_meta(meta), _blocks(html, spans.spans))
