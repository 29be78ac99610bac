"""The sample page through the command line must give the events of tests/golden/seed_events.tsv."""

from __future__ import annotations

import calendar
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from components.evaluation.scoring import load_golden, matches, score

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "000_0795dd7ba1cf26a9.txt"
GOLDEN = load_golden(ROOT / "tests" / "golden" / "seed_events.tsv")


@pytest.fixture(scope="module")
def seed_events() -> list[dict]:
    run = subprocess.run(
        [sys.executable, "-m", "components.extract", str(SEED)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [json.loads(line) for line in run.stdout.splitlines()]


@pytest.mark.parametrize("golden", GOLDEN, ids=lambda row: f"{row.date_start}-{row.types[0]}")
def test_seed_event_is_found(seed_events, golden):
    candidates = [e for e in seed_events if (e["date_start"], e["date_end"]) == (golden.date_start, golden.date_end)]
    assert any(matches(event, golden) for event in candidates), (golden, candidates)


def test_seed_scores_perfectly_on_recall(seed_events):
    result = score({SEED.name: seed_events}, GOLDEN)
    assert result.recall == 1.0, result.missed


def test_no_troop_count_taken_for_a_year(seed_events):
    for event in seed_events:
        for value in (event["date_start"], event["date_end"]):
            assert value is None or not value.startswith("1960"), event


def test_month_mentions_keep_month_precision(seed_events):
    for event in seed_events:
        if event["precision"] != "month":
            continue
        start, end = date.fromisoformat(event["date_start"]), date.fromisoformat(event["date_end"])
        assert start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1], event
    month_only = [e for e in seed_events if e["date_text"].strip() in ("مايو 2023", "يوليو 2023")]
    assert len(month_only) == 2 and all(e["precision"] == "month" for e in month_only)


def test_event_objects_carry_the_documented_fields(seed_events):
    required = {
        "id",
        "article_id",
        "date_start",
        "date_end",
        "precision",
        "approximate",
        "type",
        "countries",
        "actors",
        "places",
        "title_en",
        "sentence",
        "char_start",
        "char_end",
        "source",
        "published",
        "confidence",
    }
    assert seed_events
    for event in seed_events:
        assert required <= set(event), required - set(event)
        assert 0 < event["confidence"] <= 1
        for place in event["places"]:
            assert {"name_en", "name_ar", "country", "lat", "lon"} <= set(place)
        for actor in event["actors"]:
            assert {"name_en", "name_ar", "country", "role"} <= set(actor)


def test_sentences_are_exact_article_text(seed_events):
    text = SEED.read_text(encoding="utf-8")
    for event in seed_events:
        assert event["sentence"] in text
        assert "\n" not in event["sentence"]


def test_sources_and_publication_dates_come_from_metadata_and_text(seed_events):
    by_date = {e["date_start"]: e for e in seed_events}
    assert by_date["2024-05-10"]["source"] == "بوابة الوفد"
    assert by_date["2024-05-10"]["published"] == "2024-06-05"  # inferred from the weekday date in the text
    assert by_date["2025-03-23"]["published"] == "2025-03-24"  # from the metadata sidecar
    assert by_date["2025-03-23"]["source"] == "البلاد"


def test_title_is_built_from_the_parts(seed_events):
    meeting = next(e for e in seed_events if e["date_start"] == "2024-05-10")
    assert meeting["title_en"].startswith("Meeting — ")
    assert "Armenia" in meeting["title_en"] and "Azerbaijan" in meeting["title_en"]
    assert meeting["title_en"].endswith("Kazakhstan")
