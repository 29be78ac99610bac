"""Property tests: the extractor never raises on Arabic-like text, and its output points into the
text (a fixed-seed run; ``benchmarks/fuzz_extract.py`` runs longer)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings

from components.extract.models import Article
from components.extract.pipeline import extract_article, load_resources
from tests.fuzz_text import arabic_like_text, check_event, check_extraction, publication_dates


@settings(derandomize=True, max_examples=150, deadline=None)
@given(text=arabic_like_text(), published=publication_dates())
def test_extraction_never_raises_and_points_into_the_text(text: str, published: date | None) -> None:
    check_extraction(text, published, load_resources())


def test_the_event_check_fails_on_an_event_read_against_another_text() -> None:
    text = "التقى وزير الخارجية الأرميني نظيره الأذربيجاني في موسكو أمس."
    (event,) = extract_article(Article(id="t", text=text, published=date(2025, 5, 19)), load_resources())
    check_event(event, text)
    with pytest.raises(AssertionError):
        check_event(event, "، " + text)
