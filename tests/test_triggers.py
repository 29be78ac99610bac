"""Trigger and clause-word lexicons: they load, validate, and match words in their written forms."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.extract.triggers import (
    find_clause_words,
    find_triggers,
    load_clause_words,
    load_triggers,
)
from components.text.arabic import fold
from components.text.lexicon import LexiconError, load_tsv, one_of


def triggers_in(text: str) -> list[tuple[str, str, float]]:
    return [(t.event_type, t.text, round(t.weight, 2)) for t in find_triggers(text, fold(text), load_triggers())]


def test_lexicons_load() -> None:
    assert load_triggers().by_surface and load_clause_words().by_surface


@pytest.mark.parametrize(
    "text, expected",
    [
        ("والاجتماع", ("meeting", "والاجتماع", 0.9)),  # conjunction and article
        ("اجتماعهما", ("meeting", "اجتماعهما", 0.9)),  # pronoun ending on a stem entry
        ("لقائه", ("meeting", "لقائه", 0.9)),  # the hamza changes its seat before an ending
        ("بالمحادثات", ("meeting", "بالمحادثات", 0.9)),
        ("للتوصل", ("agreement", "للتوصل", 0.2)),  # ل + verbal noun (التوصل, 0.6): a purpose, weight lowered
        ("الاحتجاجات", ("protest", "الاحتجاجات", 1.0)),  # the article ال is not the preposition ل
        ("العمليةُ العسكرية", ("military", "العمليةُ العسكرية", 0.9)),  # phrase, adjective with ال, diacritics
    ],
)
def test_written_forms_match(text: str, expected: tuple[str, str, float]) -> None:
    assert triggers_in(text) == [expected]


@pytest.mark.parametrize("text", ["الاجتماعي", "وزارة", "ألف توقيع", "الموقعون"])
def test_look_alikes_do_not_match(text: str) -> None:
    assert triggers_in(text) == []


def test_clause_words_have_roles() -> None:
    text = "بعد الاجتماع، وفق ما أعلنته البلاد حتى نهاية العام، واتفق البلدان"
    roles = [word.role for word in find_clause_words(fold(text), load_clause_words())]
    assert roles == ["connector", "attribution", "deadline", "pair"]


def test_a_malformed_lexicon_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bad.tsv").write_text(
        "# source: test\n# licence: CC0-1.0\ntype\tform\nmeating\tلقاء\n", encoding="utf-8"
    )
    with pytest.raises(LexiconError, match="bad.tsv:4"):
        load_tsv("bad.tsv", {"type": one_of("meeting"), "form": None}, directory=tmp_path)
    (tmp_path / "nolicence.tsv").write_text("# source: test\ntype\tform\nmeeting\tلقاء\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="licence"):
        load_tsv("nolicence.tsv", {"type": None, "form": None}, directory=tmp_path)
