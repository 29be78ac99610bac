"""The one tokeniser and the proclitics of data/lexicon/proclitics.tsv."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from components.text.arabic import fold
from components.text.lexicon import LEXICON_DIR, LexiconError
from components.text.tokens import first_word, proclitics, read_proclitics, tokenize


def test_words_are_runs_of_letters_and_digits_of_any_script() -> None:
    text = fold("وقال: «زيارة» الرئيس_الروسي إلى Genève في 2024-05-01").text
    assert [token.text for token in tokenize(text)] == [
        "وقال",
        "زياره",
        "الرييس",
        "الروسي",
        "الي",
        "Genève",
        "في",
        "2024",
        "05",
        "01",
    ]
    assert all(text[token.start : token.end] == token.text for token in tokenize(text))
    assert first_word(" - المصدر: وكالة") == "المصدر" and first_word(" ... ") == ""


def test_the_proclitic_file_loads_with_its_roles() -> None:
    known = proclitics()
    assert known.forms[0] == "وبال" and known.forms[-1] == "س" and len(known.forms) == len(set(known.forms))
    assert [len(form) for form in known.forms] == sorted((len(form) for form in known.forms), reverse=True)
    assert known.conjunctions == "وف" and known.prepositions == "بل" and known.detachable == "وفبل"
    assert known.article == "ال" and dict(known.contractions) == {"ل": "لل"}
    assert "ك" in known.forms and "ك" not in known.detachable  # كبيرًا is not ك + a name


@pytest.mark.parametrize(
    ("word", "readings"),
    [
        ("وبموسكو", [("وبموسكو", 0), ("بموسكو", 1), ("موسكو", 2)]),
        ("للسعوديه", [("للسعوديه", 0), ("السعوديه", 1)]),
        ("وللسعوديه", [("وللسعوديه", 0), ("للسعوديه", 1), ("السعوديه", 2)]),
        ("فباكو", [("فباكو", 0), ("باكو", 1), ("اكو", 2)]),
        ("كبيرا", [("كبيرا", 0)]),
        ("ولد", [("ولد", 0)]),  # too short to lose a letter
    ],
)
def test_readings_take_off_a_conjunction_then_a_preposition(word: str, readings: list[tuple[str, int]]) -> None:
    assert proclitics().readings(word, 3) == readings


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    source = (LEXICON_DIR / "proclitics.tsv").read_text(encoding="utf-8")
    assert old in source
    (tmp_path / "proclitics.tsv").write_text(source.replace(old, new), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("وبال\tو+ب+ال", "وبال\tو+ل+ال", "is not how و\\+ل\\+ال is written"),
        ("وبال\tو+ب+ال", "وبال\tو+ب+لا", "unknown parts"),
        ("ك\t\tpreposition\tno", "كك\t\tpreposition\tyes", "must be one letter"),
        ("س\t\tfuture\tno", "س\t\tfuture\t", "needs either parts, or a role and detachable"),
        ("وس\tو+س", "وسس\tو+س+س", "longest first"),
    ],
)
def test_a_wrong_proclitic_file_is_refused(tmp_path: Path, old: str, new: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        read_proclitics(_broken(tmp_path, old, new))


def test_the_file_as_shipped_reads_the_same_from_another_folder(tmp_path: Path) -> None:
    shutil.copy(LEXICON_DIR / "proclitics.tsv", tmp_path / "proclitics.tsv")
    assert read_proclitics(tmp_path) == proclitics()
