"""Reading input pages: bytes → decoded text, with clear refusals for what cannot be read.

Accepted: UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without BOM when it is
unambiguous, and legacy single-byte Arabic encodings (Windows-1256, ISO-8859-6), plus
whatever charset-normalizer recognises for other text. Refused with
:class:`UnreadableInput`: missing files, folders, unreadable files, empty files, binary
files and pages larger than :data:`MAX_PAGE_BYTES`.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import trafilatura
from charset_normalizer import from_bytes
from lxml import html as lxml_html

log = logging.getLogger(__name__)

MAX_PAGE_BYTES: int = 5 * 1024 * 1024
PAGE_SUFFIXES: frozenset[str] = frozenset({".txt", ".html", ".htm", ".xhtml", ""})
HTML_SUFFIXES: frozenset[str] = frozenset({".html", ".htm", ".xhtml"})
SIDECAR_SUFFIX = ".meta.json"

# File signatures of common non-text formats, checked before any decoding.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"ID3", "MP3 audio"),
)
# BOMs, longest first (the UTF-32-LE BOM starts with the UTF-16-LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ARABIC_ENCODINGS: tuple[str, ...] = ("cp1256", "iso8859-6")
_HTML_SNIFF = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|section)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(r"</(?:p|div|article|section|span|a|li|td|h[1-6])>|<br\s*/?>", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-:.]+)", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SAMPLE_CHARS = 200_000  # enough text to judge an encoding; keeps big pages fast


class UnreadableInput(Exception):
    """A page that cannot be read; the message names the file and says what is wrong."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason


@dataclass(frozen=True)
class RawPage:
    name: str  # path or upload name
    text: str  # decoded text (still HTML if is_html)
    is_html: bool
    encoding: str  # Python codec name, e.g. "utf-8", "cp1256"
    content_hash: str  # sha256 of the decoded, whitespace-normalised text


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f} MB" if value == int(value) else f"{value:.1f} MB"


def _too_big(size: int) -> str:
    return f"page is {_megabytes(size)}, the limit is {_megabytes(MAX_PAGE_BYTES)}"


def _signature(data: bytes) -> str | None:
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP image"
    if data[4:8] == b"ftyp":
        return "MP4 video"
    return None


def _codec_name(encoding: str) -> str:
    return codecs.lookup(encoding).name


PLAUSIBLE_TEXT = 0.9  # share of ordinary characters a decoded page must have


def _plausible_share(text: str) -> float:
    """Share of characters that are ASCII, Arabic, Latin, Greek or Cyrillic letters or common
    punctuation: low for binary data decoded as text (BOM-less UTF-16, a wrong guess)."""
    text = text[:_SAMPLE_CHARS]
    if not text:
        return 0.0
    good = sum(
        1
        for ch in text
        if ch < "\x80"
        or "\u0600" <= ch <= "\u06ff"
        or "\u0750" <= ch <= "\u077f"
        or "\u2000" <= ch <= "\u206f"
        or "\ufb50" <= ch <= "\ufeff"
        or "\u00a0" <= ch <= "\u024f"
        or "\u0370" <= ch <= "\u04ff"
    )
    return good / len(text)


def arabic_share(text: str) -> float:
    """Share of the letters in ``text`` that are Arabic letters (0 when there are no letters)."""
    letters = [ch for ch in text[:_SAMPLE_CHARS] if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f") / len(letters)


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROLS.findall(text)) / len(text)


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag, if Python knows it."""
    found = _META_CHARSET.search(data[:4096])
    if not found:
        return None
    try:
        return _codec_name(found.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes that are not UTF-8, preferring an Arabic code page when it yields Arabic.

    charset-normalizer is asked first, but its guess is only kept when no Arabic code page
    gives a text whose letters are mostly Arabic: short Arabic pages in Windows-1256 are
    otherwise sometimes taken for Cyrillic or Latin code pages.
    """
    best = from_bytes(data).best()
    guess = _codec_name(best.encoding) if best is not None else None
    candidates: list[str] = []
    for encoding in (_declared_charset(data), guess, *_ARABIC_ENCODINGS):
        if encoding and encoding not in candidates and encoding != "utf-8":
            candidates.append(encoding)
    scored: list[tuple[float, int, str, str]] = []
    for rank, encoding in enumerate(candidates):
        text = _try_decode(data, encoding)
        if text is not None:
            scored.append((arabic_share(text), -rank, encoding, text))
    arabic = [item for item in scored if item[0] >= 0.6]
    if arabic:
        _, _, encoding, text = max(arabic)
        return text, encoding
    for encoding in (_declared_charset(data), guess):
        text = _try_decode(data, encoding) if encoding else None
        if encoding and text is not None and _plausible_share(text) >= PLAUSIBLE_TEXT:
            return text, encoding
    raise UnreadableInput(name, "cannot tell the text encoding (not UTF-8, UTF-16 or an Arabic code page)")


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try_decode(data, encoding)
            if text is None:
                raise UnreadableInput(name, f"starts with a {encoding} byte-order mark but is not valid {encoding}")
            return text.lstrip("\ufeff"), _codec_name(encoding)
    if b"\x00" in data:
        for encoding in ("utf-16-le", "utf-16-be"):
            text = _try_decode(data, encoding)
            if text is not None and _plausible_share(text) >= 0.95 and _control_share(text) < 0.01:
                return text, encoding
        raise UnreadableInput(name, "binary file (contains NUL bytes)")
    text = _try_decode(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    return _decode_legacy(data, name)


def looks_like_html(text: str, name: str = "") -> bool:
    """HTML by file extension, or by the start of the content (or by several closing tags)."""
    if Path(name).suffix.lower() in HTML_SUFFIXES:
        return True
    head = text[:4096]
    return bool(_HTML_SNIFF.match(head)) or len(_HTML_TAGS.findall(head)) >= 3


def content_hash(text: str) -> str:
    return hashlib.sha256(_WHITESPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()


def decode_page(data: bytes, name: str) -> RawPage:
    """Decode an uploaded or read page; raises :class:`UnreadableInput` with a clear reason."""
    if len(data) > MAX_PAGE_BYTES:
        raise UnreadableInput(name, _too_big(len(data)))
    if not data:
        raise UnreadableInput(name, "empty file")
    kind = _signature(data)
    if kind:
        raise UnreadableInput(name, f"binary file (looks like {kind})")
    text, encoding = _decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UnreadableInput(name, "empty file (only whitespace)")
    if _control_share(text) > 0.02:
        raise UnreadableInput(name, "binary file (contains control characters)")
    return RawPage(
        name=name,
        text=text,
        is_html=looks_like_html(text, name),
        encoding=encoding,
        content_hash=content_hash(text),
    )


def read_page(path: Path) -> RawPage:
    """Read and decode one page from disk; raises :class:`UnreadableInput` with a clear reason."""
    name = str(path)
    try:
        if not path.exists():
            raise UnreadableInput(name, "file not found")
        if path.is_dir():
            raise UnreadableInput(name, "is a folder, not a file")
        if not path.is_file():
            raise UnreadableInput(name, "not a regular file")
        size = path.stat().st_size
        if size > MAX_PAGE_BYTES:
            raise UnreadableInput(name, _too_big(size))
        with path.open("rb") as handle:
            data = handle.read(MAX_PAGE_BYTES + 1)
    except PermissionError as error:
        raise UnreadableInput(name, "permission denied") from error
    except OSError as error:
        raise UnreadableInput(name, f"cannot be read ({error.strerror or error})") from error
    return decode_page(data, name)


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _is_page_file(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIX) is False and path.suffix.lower() in PAGE_SUFFIXES


def iter_page_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; folders walked recursively in sorted order.

    Inside folders only ``.txt``, ``.html``, ``.htm``, ``.xhtml`` and extension-less files are
    kept; hidden files and folders (name starting with ".") and ``*.meta.json`` sidecars are
    skipped. Paths given explicitly are yielded as they are, even when missing, so that
    :func:`read_page` reports them.
    """
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        for child in sorted(path.rglob("*")):
            if child.is_file() and not _is_hidden(child, path) and _is_page_file(child):
                yield child


# --- HTML main text -------------------------------------------------------------------------

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
    collector.feed(html)
    collector.close()
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
    parser.feed(html)
    parser.close()
    line_starts = [0]
    for line in html.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))

    def offset(position: tuple[int, int]) -> int:
        return line_starts[position[0] - 1] + position[1]

    blocks = []
    for start, end in parser.spans:
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


def html_main_text(html: str) -> HtmlText:
    """Main article text and metadata via trafilatura; tag stripping when it finds nothing."""
    html = without_noscript(html)
    found = None
    try:
        found = trafilatura.bare_extraction(
            html,
            include_comments=False,
            favor_recall=True,
            include_tables=True,
            with_metadata=True,
        )
    except Exception as error:  # a parser failure on odd markup must not lose the page
        log.warning("trafilatura failed (%s); using plain tag stripping", error)
    fallback = strip_html(html)
    document = None if isinstance(found, dict) else found  # a dict only comes with as_dict=True
    if document is None:
        return fallback
    title = document.title or fallback.title
    text = (document.text or "").strip()
    if len(fallback.text) < _SMALL_PAGE_CHARS and len(text) < len(fallback.text) / 2:
        text = ""  # trafilatura drops parts of small snippets; their visible text is the content
    keywords = tuple(word.strip() for tag in (document.tags or []) for word in re.split(r"[,،;|]", tag) if word.strip())
    return HtmlText(
        text=_drop_title_line(text, title) if text else _drop_title_line(fallback.text, title),
        title=title,
        url=document.url or None,
        date=document.date or None,
        sitename=document.sitename or None,
        keywords=keywords,
    )
