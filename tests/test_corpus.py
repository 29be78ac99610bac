"""The extractor on the evaluation corpus (tests/corpus, docs/corpus.md), scored strictly.

One golden row per happening and one output event per happening: a second output for the same
happening, or an undated one, counts as wrong. The thresholds sit just below what the extractor
reaches now; they guard against regressions and rise as the extraction improves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from components.evaluation.corpus_run import score_folder, score_outlet_part
from components.evaluation.strict import PublicationScore, StrictScore

CORPUS = Path(__file__).resolve().parent / "corpus"
OUTLETS = Path(__file__).resolve().parent / "outlets"
# Floors per part of tests/outlets: (span recall, strict precision, publication dates read). The frozen
# part is never used to tune the rules: its floors only guard what unseen pages got when last measured.
OUTLET_FLOORS = {"tune": (0.97, 0.95, 0.97), "frozen": (0.83, 0.68, 0.95)}


@pytest.fixture(scope="module")
def corpus_score() -> StrictScore:
    result, golden = score_folder(CORPUS / "articles", CORPUS / "golden.tsv")
    assert len(golden) >= 600 and len({row.page for row in golden}) >= 120
    return result


def test_happenings_are_found_with_the_right_span(corpus_score: StrictScore) -> None:
    missed = [(row.page, row.date_start, row.date_texts[0]) for row in corpus_score.missed]
    assert corpus_score.span_recall >= 0.955, missed


def test_one_correct_output_per_happening(corpus_score: StrictScore) -> None:
    wrong = [(event["page"], event.get("date_start"), event.get("date_text")) for event in corpus_score.wrong]
    assert corpus_score.precision >= 0.945, wrong


def test_found_happenings_mostly_have_right_type_countries_and_place(corpus_score: StrictScore) -> None:
    assert corpus_score.full_recall >= 0.76


def test_status_and_role_of_found_happenings(corpus_score: StrictScore) -> None:
    assert corpus_score.status_agree / corpus_score.found >= 0.99
    assert corpus_score.role_agree / corpus_score.found >= 0.94


@pytest.fixture(scope="module", params=sorted(OUTLET_FLOORS))
def outlet_part(request: pytest.FixtureRequest) -> tuple[str, StrictScore, PublicationScore]:
    strict, printed = score_outlet_part(OUTLETS / request.param)
    return request.param, strict, printed


def test_pages_shaped_like_real_outlets_keep_their_scores(
    outlet_part: tuple[str, StrictScore, PublicationScore],
) -> None:
    part, strict, printed = outlet_part
    span_floor, precision_floor, published_floor = OUTLET_FLOORS[part]
    assert strict.rows >= 150 and printed.printed >= 20
    assert strict.span_recall >= span_floor, part
    assert strict.precision >= precision_floor, part
    assert printed.accuracy >= published_floor, (part, printed.wrong if part == "tune" else printed.correct)
