"""Sentence splitting: end marks, quotes, numbers, abbreviations, exact offsets."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from components.extract.page_split import split_page
from components.extract.reading import read_page
from components.extract.sentences import MAX_SENTENCE_CHARS, split_sentences

SAMPLE = Path(__file__).parent.parent / "data" / "articles" / "000_0795dd7ba1cf26a9.txt"


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in split_sentences(text)]


def assert_offsets(text: str) -> None:
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال الوزير. وأضاف السفير! هل انتهت؟ ربما", ["قال الوزير.", "وأضاف السفير!", "هل انتهت؟", "ربما"]),
        ("انتظر… ثم تكلم.", ["انتظر…", "ثم تكلم."]),
        ("هل هذا صحيح?! نعم.", ["هل هذا صحيح?!", "نعم."]),
        ("وجهات النظر.. جولة جديدة", ["وجهات النظر..", "جولة جديدة"]),
        ("سطر أول بلا نقطة\nسطر ثان\n\n  سطر ثالث  ", ["سطر أول بلا نقطة", "سطر ثان", "سطر ثالث"]),
    ],
)
def test_end_marks_and_line_breaks(text: str, expected: list[str]) -> None:
    assert texts(text) == expected
    assert_offsets(text)


def test_closing_quote_stays_with_its_sentence() -> None:
    text = 'وقال نائب الوزير: "لقد أتاح هذا الاجتماع فرصة للتحرك نحو السلام". وأضاف أن الجولة المقبلة قريبة.'
    assert texts(text) == [
        'وقال نائب الوزير: "لقد أتاح هذا الاجتماع فرصة للتحرك نحو السلام".',
        "وأضاف أن الجولة المقبلة قريبة.",
    ]
    guillemets = "قال: «انتهى الاجتماع.» ثم غادر."
    assert texts(guillemets) == ["قال: «انتهى الاجتماع.»", "ثم غادر."]


def test_decimal_numbers_are_not_split() -> None:
    text = "ارتفع النمو إلى 3.5 في المئة. وانخفض التضخم إلى ٢٫٣ في المئة."
    assert texts(text) == ["ارتفع النمو إلى 3.5 في المئة.", "وانخفض التضخم إلى ٢٫٣ في المئة."]


def test_abbreviations_and_glued_tokens() -> None:
    text = "التقى د. محمد مع أ.د. علي في القاهرة. ونقلت العربية.نت الخبر."
    assert texts(text) == ["التقى د. محمد مع أ.د. علي في القاهرة.", "ونقلت العربية.نت الخبر."]


def test_question_mark_glued_to_next_word_still_ends() -> None:
    assert texts("هل انتهت الحرب؟وقال آخر: لا.") == ["هل انتهت الحرب؟", "وقال آخر: لا."]


def test_punctuation_only_pieces_are_dropped() -> None:
    assert texts("•\n...\nنص.") == ["نص."]
    assert split_sentences("") == []
    assert split_sentences("  \n\n ") == []


def test_offsets_on_sample_articles() -> None:
    for draft in split_page(read_page(SAMPLE)):
        sentences = split_sentences(draft.text)
        assert len(sentences) >= 3
        for sentence in sentences:
            assert draft.text[sentence.start : sentence.end] == sentence.text
        assert all(a.end <= b.start for a, b in pairwise(sentences))


def test_sample_quote_sentence() -> None:
    first = split_page(read_page(SAMPLE))[0]
    quoted = [s.text for s in split_sentences(first.text) if s.text.startswith("وقال نائب وزير الخارجية الروسي")]
    assert quoted == [
        'وقال نائب وزير الخارجية الروسي: "لقد أتاح هذا الاجتماع فرصة للأطراف المعنية للتحرك نحو السلام '
        'والاستقرار في جنوب القوقاز، وقد تم اتخاذ خطوة مهمة أخرى".'
    ]


RUN_ON = "التقى وزير الخارجية نظيره في العاصمة وبحث الجانبان العلاقات الثنائية والتعاون الاقتصادي "


def test_a_sentence_without_punctuation_is_cut_into_bounded_pieces() -> None:
    text = RUN_ON * 60  # about 5,500 characters and no end mark
    sentences = split_sentences(text)
    assert len(sentences) > 1
    assert all(len(sentence.text) <= MAX_SENTENCE_CHARS for sentence in sentences)
    assert_offsets(text)
    # nothing is lost between the pieces but the spaces where they were cut
    assert "".join(s.text for s in sentences).replace(" ", "") == text.replace(" ", "")
    # cut before a word opening with the conjunction و, not inside a word
    assert all(s.text.split()[0] in RUN_ON.split() for s in sentences)
    assert sum(s.text.startswith("و") for s in sentences) >= len(sentences) - 1


def test_an_over_long_sentence_is_cut_at_its_last_clause_mark() -> None:
    first = "أعلنت الحكومة " + "اليوم " * 70 + "عن خطة جديدة، "
    text = first + "وقالت " + "الوزارة " * 40 + "إن المحادثات مستمرة."
    pieces = texts(text)
    assert pieces[0] == first.strip() and len(pieces) == 2


def test_one_endless_word_is_cut_at_the_limit() -> None:
    text = "ب" * (MAX_SENTENCE_CHARS * 2 + 5)
    assert [len(piece) for piece in texts(text)] == [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 5]
