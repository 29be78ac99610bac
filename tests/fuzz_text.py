"""Hypothesis strategies for Arabic-like news text, and the properties every extraction must keep.

Shared by the fixed-seed run in ``tests/test_fuzz_extract.py`` and the longer run of
``benchmarks/fuzz_extract.py``.
"""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from components.extract.models import Article, Event
from components.extract.pipeline import Resources, extract_article_result

# Pieces a news sentence is made of, with the awkward ones real pages carry.
DATE_WORDS = (
    "مايو", "أيار", "يوليوز", "جوان", "شباط", "فيفري", "تشرين الثاني", "كانون الأول", "رمضان", "هـ", "م",
    "أمس", "اليوم", "غداً", "الخميس", "يومي", "الماضي", "المقبل", "الجاري", "الشهر", "العام", "قبل", "منذ",
    "بعد", "أيام", "أسبوعين", "شهرين", "ثلاثة", "مطلع", "منتصف", "أواخر", "النصف الأول من", "الـ", "فاتح",
    "عام", "سنة", "من", "إلى", "و", "حتى", "في", "اليوم التالي", "نفسه",
)  # fmt: skip
WORDS = (
    "التقى", "وزير", "الخارجية", "الأرميني", "أذربيجان", "روسيا", "موسكو", "وقع", "اتفاق", "قال", "سيزور",
    "المحادثات", "الحدود", "احتجاجات", "البلدين", "نظيره", "تاس", "وكالة", "من المقرر أن", "سيرغي",
)  # fmt: skip
MARKS = (".", "،", ",", "؛", ":", "؟", "!", "…", '"', "«", "»", "(", ")", "/", "-", "\n", "\t", " ")
BIDI = ("\u200f", "\u200e", "\u202e", "\u202c", "\u2066", "\u2069", "\u061c", "\ufeff")
ODD = ("\x00", "\u0640", "\u064b", "\u0651", "\ufffd", "🙂", "A", "z", "é", "中")


def _number() -> st.SearchStrategy[str]:
    ascii_digits = st.integers(min_value=0, max_value=100000).map(str)
    return st.one_of(ascii_digits, ascii_digits.map(lambda s: s.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))))


def pieces() -> st.SearchStrategy[str]:
    letters = st.text(alphabet=st.characters(min_codepoint=0x0621, max_codepoint=0x064A), min_size=1, max_size=8)
    long_token = st.integers(min_value=200, max_value=3000).map(lambda n: "ب" * n)
    return st.one_of(
        st.sampled_from(DATE_WORDS),
        st.sampled_from(WORDS),
        st.sampled_from(MARKS),
        st.sampled_from(BIDI),
        st.sampled_from(ODD),
        _number(),
        letters,
        long_token,
        st.text(max_size=5),
    )


def arabic_like_text() -> st.SearchStrategy[str]:
    return st.lists(pieces(), max_size=60).map(" ".join)


def publication_dates() -> st.SearchStrategy[date | None]:
    return st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))


def check_event(event: Event, text: str) -> None:
    """What every event must satisfy, whatever the text."""
    assert 0 <= event.char_start <= event.char_end <= len(text)
    assert text[event.char_start : event.char_end] == event.sentence
    for mention in event.mentions:
        assert 0 <= mention["start"] <= mention["end"] <= len(event.sentence)
        assert event.sentence[mention["start"] : mention["end"]] == mention["text"]
    for item in event.evidence:
        assert text[item["char_start"] : item["char_end"]] == item["text"]
    if event.date_start is not None:
        assert event.date_end is not None and event.date_start <= event.date_end
    assert event.status in ("reported", "planned") and event.role in ("news", "background")


def check_extraction(text: str, published: date | None, resources: Resources) -> None:
    """Extraction never raises and its output points into the text."""
    result = extract_article_result(Article(id="fuzz", text=text, published=published), resources)
    for event in result.events:
        check_event(event, text)
    assert all(isinstance(warning, str) for warning in result.warnings)
