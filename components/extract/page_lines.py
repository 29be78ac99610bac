"""What one line of a page is: prose, a headline-like line, a navigation bar, a list item, a
separator between stories, or a photo caption.

Captions are recognised by their markers (``page_markers.tsv``, role ``caption``: "الصورة:",
"(أرشيفية)", "صورة أرشيفية" …) or by a photo credit closing a short line: an agency or
photographer credit in brackets or after a dash ("… في البيت الأبيض. (أ ف ب)", "… - رويترز").
"""

from __future__ import annotations

import re

from components.extract.page_markers import Markers, agency_key, find_marker

HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 200
PROSE_MIN_WORDS = 4  # fewer words than this is a label or a fragment, not body text
CAPTION_MAX_WORDS = 35  # a photo caption is one short description
CREDITED_MIN_WORDS = 3  # ... of at least this many words before its credit ("تبليسي – وكالات" is a dateline)
NAV_MIN_ITEMS = 3  # "الرئيسية | محليات | العالم": items of a navigation bar, a breadcrumb or a ticker …
NAV_ITEM_MAX_WORDS = 12  # ... each of them short

_SENTENCE_END = ".!?؟:…"
_CLOSERS = "\"'”’»)]"
_LIST_ITEM = re.compile(r"^(?:[•·●▪■◆◇►▶○◦*]|[-–—](?=\s)|\d{1,2}\s?[-.)](?=\s))\s*")
_SEPARATOR_LINE = re.compile(r"^\s*(?:[-–—_=*~•·.+#]\s*){3,}$")
_NAV_SEPARATOR = re.compile(r"\s[|>»›/]\s|\s{3,}")
_CREDIT_IN_BRACKETS = re.compile(r"[(\[]\s*(?P<credit>[^()\[\]]{1,40})\s*[)\]]\s*[.،]?\s*$")
_CREDIT_AFTER_DASH = re.compile(r"\s[-–—/|]\s*(?P<credit>[^-–—/|]{1,30})\s*$")
_PHOTO_CREDIT = re.compile(r"(?:^|\s)(?:©|getty|images?|photos?|afp|ap|epa|reuters|tass|sputnik)(?:\s|$|\.)", re.I)


def is_headline_like(line: str) -> bool:
    """A short line that does not end like a sentence: a title, a headline or a fragment."""
    words = line.split()
    if not words or len(words) > HEADLINE_MAX_WORDS or len(line) > HEADLINE_MAX_CHARS:
        return False
    stripped = line.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] not in _SENTENCE_END and stripped[-1] != "،"


def is_navigation(line: str) -> bool:
    """A navigation bar, breadcrumb or ticker: short items separated by "|", ">" or runs of spaces."""
    items = [item for item in _NAV_SEPARATOR.split(line) if item.strip()]
    return (
        len(items) >= NAV_MIN_ITEMS
        and max(len(item.split()) for item in items) <= NAV_ITEM_MAX_WORDS
        and line.rstrip().rstrip(_CLOSERS)[-1:] not in _SENTENCE_END
    )


def is_prose(line: str) -> bool:
    """Body text: a sentence (or a long run of words) that is not a navigation bar."""
    words = line.split()
    return len(words) >= PROSE_MIN_WORDS and not is_headline_like(line) and not is_navigation(line)


def list_item(line: str) -> str | None:
    """The text of a bulleted or numbered list item ("• …", "- …", "1- …", "2. …"), else ``None``."""
    found = _LIST_ITEM.match(line)
    return line[found.end() :].strip() if found else None


def is_separator(line: str) -> bool:
    """A rule between two stories: "-----", "* * *", "______"."""
    return bool(_SEPARATOR_LINE.match(line))


def _is_credit(credit: str, markers: Markers) -> bool:
    return agency_key(credit) in markers.agencies or bool(_PHOTO_CREDIT.search(credit))


def has_photo_credit(line: str, markers: Markers) -> bool:
    """A short line closed by a photo credit: "… (أ ف ب)", "… - رويترز", "… / Getty Images"."""
    for pattern in (_CREDIT_IN_BRACKETS, _CREDIT_AFTER_DASH):
        found = pattern.search(line)
        if found and _is_credit(found["credit"], markers):
            before = line[: found.start()].split()
            return CREDITED_MIN_WORDS <= len(before) <= CAPTION_MAX_WORDS
    return False


def is_caption_marked(line: str, markers: Markers) -> bool:
    """A line a caption marker makes a caption ("الصورة: …", "صورة أرشيفية", "(أرشيفية)")."""
    found = find_marker(line, markers)
    return found is not None and found[0] == "caption"


def is_caption(line: str, markers: Markers) -> bool:
    """A photo caption: marked as one, or a short line closed by a photo credit."""
    return len(line.split()) <= CAPTION_MAX_WORDS and (
        is_caption_marked(line, markers) or has_photo_credit(line, markers)
    )
