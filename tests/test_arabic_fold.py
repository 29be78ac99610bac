"""Folding is one character at a time, whatever the length of the text (short and long texts take
different paths to the same result)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from components.text.arabic import fold, fold_key, fold_text

# every character folding changes or drops, and some it keeps
FOLDED_CHARACTERS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹أإآٱىیۍةؤئک،“”«»„–—‐‑٫\u00a0\u0640\u200c\u200d\u200e\u200f\u061c" + "".join(
    chr(code) for code in range(0x064B, 0x0653)
)
KEPT_CHARACTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي 019aZ.-\n\t"
texts = st.text(alphabet=FOLDED_CHARACTERS + KEPT_CHARACTERS, max_size=300)


@given(texts)
def test_folding_a_text_folds_each_of_its_characters(text: str) -> None:
    assert fold_text(text) == "".join(fold_text(character) for character in text)


@given(texts)
def test_the_offset_map_points_each_folded_character_at_its_original(text: str) -> None:
    folded = fold(text)
    assert len(folded.offsets) == len(folded.text)
    assert all(fold_text(text[at]) == character for character, at in zip(folded.text, folded.offsets, strict=True))


def test_a_long_text_folds_like_a_short_one() -> None:
    short = "وقالت الخارجيّة إنّ «المحادثات» ستُستأنف في ١٥ مايو ٢٠٢٤"
    assert fold_text(short * 10) == fold_text(short) * 10
    assert fold_text(short) == 'وقالت الخارجيه ان "المحادثات" ستستانف في 15 مايو 2024'
    assert fold_key("  الأمم\u00a0 المتحدة\n") == "الامم المتحده"
