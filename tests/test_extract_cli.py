"""The extraction command line: output format, folders, bad input, stable ids."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "articles" / "000_0795dd7ba1cf26a9.txt"

ARTICLE = (
    "موسكو - وكالات\n"
    "التقى وزير الخارجية الأرميني أرارات ميرزويان نظيره الأذربيجاني جيهون بيراموف في ألماتي يومي 10 و11 مايو 2024، "
    "وبحثا نص معاهدة السلام.\n"
)


def run_extract(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "components.extract", *args], cwd=ROOT, capture_output=True, text=True)


def test_bad_inputs_are_reported_and_the_rest_processed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    run = run_extract(str(empty), str(tmp_path / "missing.txt"), str(binary), str(good))
    assert run.returncode == 2
    assert "empty.txt" in run.stderr and "missing.txt" in run.stderr and "image.txt" in run.stderr
    events = [json.loads(line) for line in run.stdout.splitlines()]
    assert [(e["date_start"], e["date_end"], e["type"]) for e in events] == [("2024-05-10", "2024-05-11", "meeting")]
    assert {"AM", "AZ"} <= set(events[0]["countries"]) and events[0]["location_country"] == "KZ"


def test_folder_is_walked_and_published_flag_applies(tmp_path):
    (tmp_path / "a.txt").write_text("وقال الكرملين أمس إن المحادثات مع أوكرانيا ستستأنف.\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    run = run_extract(str(tmp_path), "--published", "2025-05-17")
    assert run.returncode == 0, run.stderr
    events = [json.loads(line) for line in run.stdout.splitlines()]
    starts = sorted(e["date_start"] for e in events)
    assert starts == ["2024-05-10", "2025-05-16"]
    assert all(e["published"] == "2025-05-17" for e in events)


def test_unknown_publication_date_gives_undated_events_not_guesses(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("وقال الكرملين أمس إن المحادثات مع أوكرانيا ستستأنف.\n", encoding="utf-8")
    events = [json.loads(line) for line in run_extract(str(page)).stdout.splitlines()]
    assert len(events) == 1
    assert events[0]["undated"] is True and events[0]["date_start"] is None and events[0]["precision"] is None


def test_ids_are_stable_across_runs():
    first = run_extract(str(SEED)).stdout
    second = run_extract(str(SEED)).stdout
    assert first == second
    ids = [json.loads(line)["id"] for line in first.splitlines()]
    assert len(ids) == len(set(ids))


def test_bad_published_value_is_a_usage_error():
    run = run_extract(str(SEED), "--published", "5 June")
    assert run.returncode == 2 and "YYYY-MM-DD" in run.stderr and run.stdout == ""


def test_page_metadata_beats_the_published_flag_which_fills_in(tmp_path):
    (tmp_path / "with_meta.txt").write_text("وقال الكرملين أمس إن المحادثات مع أوكرانيا ستستأنف.\n", encoding="utf-8")
    (tmp_path / "with_meta.txt.meta.json").write_text(
        '{"published": "2024-02-10", "source": "وكالة"}', encoding="utf-8"
    )
    (tmp_path / "bare.txt").write_text("وقال الكرملين أمس إن المحادثات مع أوكرانيا ستستأنف.\n", encoding="utf-8")
    run = run_extract(str(tmp_path), "--published", "2025-05-17", "--source", "مصدر")
    events = {e["published"]: e for e in map(json.loads, run.stdout.splitlines())}
    assert events["2024-02-10"]["date_start"] == "2024-02-09" and events["2024-02-10"]["source"] == "وكالة"
    assert events["2025-05-17"]["date_start"] == "2025-05-16" and events["2025-05-17"]["source"] == "مصدر"


def test_a_broken_metadata_file_is_reported_and_the_rest_processed(tmp_path):
    for name in ("broken.txt", "array.txt", "good.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "broken.txt.meta.json").write_text('{"published": ', encoding="utf-8")
    (tmp_path / "array.txt.meta.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "good.txt.meta.json").write_text('{"published": "2024-05-20", "articles": 3}', encoding="utf-8")
    run = run_extract(str(tmp_path))
    assert run.returncode == 2
    errors = run.stderr.strip().splitlines()
    assert len(errors) == 2 and "Traceback" not in run.stderr
    assert errors[0].startswith("error: ") and "array.txt.meta.json: metadata file must hold a JSON object" in errors[0]
    assert "broken.txt.meta.json: metadata file is not valid JSON" in errors[1]
    events = [json.loads(line) for line in run.stdout.splitlines()]
    assert [(e["date_start"], e["published"]) for e in events] == [("2024-05-10", "2024-05-20")]
