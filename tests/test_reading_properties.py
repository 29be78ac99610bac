"""Property tests: reading arbitrary bytes, cutting arbitrary Arabic-like text into articles, and
finding stamps and publication dates in it never raise, and every range points into the text.

The suite runs a fixed-seed profile; ``python benchmarks/fuzz_reading.py`` runs the same properties
with many more examples (profile "long").
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.extract.page_split import split_text
from components.extract.publication_date import infer_publication_date
from components.extract.reading import RawPage, UnreadableInput, decode_page
from components.extract.stamps import YEARS, find_stamps, fold_lower

settings.register_profile(
    "suite",
    max_examples=150,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("long", max_examples=5000, deadline=None, database=None)
settings.load_profile(os.environ.get("READING_FUZZ_PROFILE", "suite"))

PIECES = [
    "قال",
    "الوزير",
    "اليوم",
    "الثلاثاء",
    "أمس",
    "غداً",
    "مارس",
    "آذار",
    "تشرين الأول",
    "جويلية",
    "شتنبر",
    "رمضان",
    "1446هـ",
    "2024",
    "٢٠٢٤",
    "١٢",
    "12/05/2024",
    "2025-09-02 09:41:05",
    "10:30",
    "11:0312/02/2024",
    "14-يناير-2024",
    "تاريخ النشر:",
    "آخر تحديث:",
    "نشر في",
    "اقرأ أيضاً:",
    "إقــــرأ المزيد",
    "المصدر:",
    "كلمات دلالية:",
    "الأكثر قراءة",
    "تعليقات",
    "الصورة:",
    "(أ ف ب)",
    "(أرشيفية)",
    "موسكو (رويترز) -",
    "البلاد – جدة",
    "-----",
    "•",
    "1-",
    "|",
    "«",
    "»",
    "\u200f",
    "\u202e",
    "\u061c",
    "\ufeff",
    "\x00",
    "ـ",
    "ً",
    "GMT",
    "2nd, March 2024",
    "@",
]
SEPARATORS = [" ", "  ", "\n", "\n\n", "، ", ". ", " - ", " | ", "\t", "\r\n", ": "]
TOKENS = st.one_of(
    st.sampled_from(PIECES),
    st.text(min_size=1, max_size=12),
    st.text(alphabet="ابتثجحخدذرسشصضطظعغفقكلمنهوي٠١٢٣٤٥٦٧٨٩0123456789", min_size=50, max_size=400),
)
ARABIC_LIKE = st.lists(st.tuples(TOKENS, st.sampled_from(SEPARATORS)), max_size=60).map(
    lambda pairs: "".join(token + separator for token, separator in pairs)
)


@given(st.binary(max_size=3000) | ARABIC_LIKE.map(lambda text: text.encode("utf-8", "surrogatepass")))
def test_any_bytes_are_read_or_refused_with_a_reason(data: bytes) -> None:
    try:
        page = decode_page(data, "upload.txt")
    except UnreadableInput as error:
        assert error.reason and str(error).startswith("upload.txt: ")
        return
    assert isinstance(page, RawPage) and page.text.strip() and "\r" not in page.text
    assert len(page.content_hash) == 64


def _valid_ranges(text: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    ordered = sorted(ranges)
    inside = all(0 <= start < end <= len(text) and "\n" not in text[start:end] for start, end in ordered)
    return inside and all(first[1] <= second[0] for first, second in zip(ordered, ordered[1:], strict=False))


@given(ARABIC_LIKE)
def test_any_text_is_cut_into_articles_whose_ranges_point_into_them(text: str) -> None:
    for draft in split_text(text):
        assert draft.text.strip()
        assert _valid_ranges(draft.text, draft.caption_ranges) and _valid_ranges(draft.text, draft.heading_ranges)
        assert not set(draft.caption_ranges) & set(draft.heading_ranges)
        assert all(line.strip() for line in draft.header)


@given(ARABIC_LIKE)
def test_stamps_and_publication_dates_of_any_text(text: str) -> None:
    for line in text.split("\n")[:20]:
        for stamp in find_stamps(line):
            assert 0 <= stamp.start < stamp.end <= len(fold_lower(line)) and stamp.day.year in YEARS
    day, how = infer_publication_date(text, text.split("\n")[:5])
    assert how in ("stamp", "weekday", "unknown") and (day is None) == (how == "unknown")
