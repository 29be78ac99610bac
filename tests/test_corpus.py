"""The extractor on the evaluation corpus (tests/corpus, docs/corpus.md), scored strictly.

One golden row per happening and one output event per happening: a second output for the same
happening, or an undated one, counts as wrong. The thresholds sit just below what the extractor
reaches now; they guard against regressions and rise as the extraction improves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from components.evaluation.corpus_run import score_folder
from components.evaluation.strict import StrictScore

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="module")
def corpus_score() -> StrictScore:
    result, golden = score_folder(CORPUS / "articles", CORPUS / "golden.tsv")
    assert len(golden) >= 600 and len({row.page for row in golden}) >= 120
    return result


def test_happenings_are_found_with_the_right_span(corpus_score: StrictScore) -> None:
    missed = [(row.page, row.date_start, row.date_texts[0]) for row in corpus_score.missed]
    assert corpus_score.span_recall >= 0.935, missed


def test_one_correct_output_per_happening(corpus_score: StrictScore) -> None:
    wrong = [(event["page"], event.get("date_start"), event.get("date_text")) for event in corpus_score.wrong]
    assert corpus_score.precision >= 0.82, wrong


def test_found_happenings_mostly_have_right_type_countries_and_place(corpus_score: StrictScore) -> None:
    assert corpus_score.full_recall >= 0.685


def test_status_and_role_of_found_happenings(corpus_score: StrictScore) -> None:
    assert corpus_score.status_agree / corpus_score.found >= 0.94
    assert corpus_score.role_agree / corpus_score.found >= 0.52
