"""Reading input pages: bytes → decoded text, with clear refusals for what cannot be read.

Accepted: UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without BOM when it is
unambiguous, and legacy single-byte Arabic encodings (Windows-1256, ISO-8859-6), plus
whatever charset-normalizer recognises for other text. Refused with
:class:`UnreadableInput`: missing files, folders, unreadable files, empty files, binary
files and pages larger than :data:`MAX_PAGE_BYTES`.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

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
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SAMPLE_CHARS = 200_000  # enough text to judge an encoding; keeps big pages fast


class UnreadableInput(Exception):
    """A page that cannot be read; the message names the file and says what is wrong."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason

    def __reduce__(self) -> tuple[type[UnreadableInput], tuple[str, str]]:
        """Pickled with both its arguments, so that it crosses from a worker process intact."""
        return type(self), (self.name, self.reason)


def printable(path: Path | str) -> str:
    """A path as text that can always be printed and stored: bytes of a file name that are not
    UTF-8 are shown as escapes (``caf\\xe9.txt``) instead of failing every later write."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def missing_reason(path: Path) -> str:
    """Why a path cannot be opened: not there, a symbolic link loop, a broken link, a folder in the
    way, permission denied."""
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop (the link leads back to itself)"
        if error.errno == errno.ENOENT and path.is_symlink():
            return "broken symbolic link (what it points to does not exist)"
        if error.errno == errno.ENOTDIR:
            return "a part of the path is a file, not a folder"
        if error.errno in (errno.EACCES, errno.EPERM):
            return "permission denied"
        if error.errno == errno.ENAMETOOLONG:
            return "file name too long"
        if error.errno != errno.ENOENT:
            return f"cannot be read ({error.strerror or error})"
    return "file not found"


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
    otherwise sometimes taken for Cyrillic or Latin code pages. It is imported here, not with the
    module: only pages that are not UTF-8 need it (start-up time).
    """
    from charset_normalizer import from_bytes

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
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()  # split() knows the spaces r"\s" does


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


def _folder_reason(path: Path) -> str:
    try:
        with os.scandir(path) as entries:
            next(entries, None)
    except PermissionError:
        return "folder cannot be read (permission denied)"
    except OSError as error:
        return f"folder cannot be read ({error.strerror or error})"
    return "is a folder, not a file"


def read_page(path: Path) -> RawPage:
    """Read and decode one page from disk; raises :class:`UnreadableInput` with a clear reason."""
    name = printable(path)
    try:
        if not path.exists():
            raise UnreadableInput(name, missing_reason(path))
        if path.is_dir():
            raise UnreadableInput(name, _folder_reason(path))
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


def _is_page_file(name: str) -> bool:
    return (
        not name.startswith(".")
        and not name.lower().endswith(SIDECAR_SUFFIX)
        and Path(name).suffix.lower() in PAGE_SUFFIXES
    )


def _walk(root: Path) -> list[Path]:
    """The page files under ``root``, and the folders that could not be listed (for :func:`read_page`
    to report: a folder that cannot be read is not skipped in silence)."""
    found: list[Path] = []

    def unreadable(error: OSError) -> None:
        found.append(Path(error.filename) if error.filename else root)

    for folder, folders, files in os.walk(root, onerror=unreadable):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found.extend(Path(folder) / name for name in files if _is_page_file(name))
    return sorted(found)


def iter_page_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; folders walked recursively in sorted order.

    Inside folders only ``.txt``, ``.html``, ``.htm``, ``.xhtml`` and extension-less files are
    kept; hidden files and folders (name starting with ".") and ``*.meta.json`` sidecars are
    skipped; links to folders are not followed. Paths given explicitly, files of a folder that
    cannot be opened (a link loop, a broken link) and subfolders that cannot be listed are yielded
    as they are, so that :func:`read_page` reports them.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path
