"""The extractor on the evaluation corpus (tests/corpus, docs/corpus.md) reaches the product's targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.evaluation.corpus_run import score_folder

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="module")
def corpus_score():
    result, golden = score_folder(CORPUS / "articles", CORPUS / "golden.tsv")
    assert len(golden) >= 40 and len({row.article for row in golden}) >= 10
    return result


def test_stated_dated_events_are_found_with_the_right_span(corpus_score):
    assert corpus_score.span_recall >= 0.90, [(r.article, r.date_text) for r in corpus_score.missed]


def test_output_events_are_correct(corpus_score):
    assert corpus_score.precision >= 0.85, [(e["article"], e["date_text"], e["type"]) for e in corpus_score.wrong]


def test_found_events_mostly_have_right_type_countries_and_place(corpus_score):
    assert corpus_score.recall >= 0.70  # a floor against regressions; the product targets are the two above
