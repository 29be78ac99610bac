"""months.tsv and weekdays.tsv come from dateparser's Arabic data; our own additions are kept apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.extract.dates.generate_lexicon import generated_files, main, month_rows
from components.extract.dates.lexicon import date_lexicon, load_weekdays
from components.text.arabic import fold_key
from components.text.lexicon import LEXICON_DIR, read_header

BEFORE = Path(__file__).parent / "fixtures" / "lexicon_before_generation"


def test_committed_files_are_what_the_generator_writes_from_the_installed_dateparser() -> None:
    for name, text in generated_files().items():
        assert (LEXICON_DIR / name).read_text(encoding="utf-8") == text, (
            f"{name} is out of date: run python -m components.extract.dates.generate_lexicon"
        )


@pytest.mark.parametrize("name", ["months.tsv", "weekdays.tsv", "months_extra.tsv", "weekdays_extra.tsv"])
def test_every_file_says_where_it_comes_from(name: str) -> None:
    header = read_header(LEXICON_DIR / name)
    assert header["source"] and header["licence"]
    if name in generated_files():
        assert "dateparser" in header["source"] and header["licence"].startswith("BSD-3-Clause")


def _old_rows(name: str) -> list[dict[str, str]]:
    lines = [line for line in (BEFORE / name).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    columns = lines[0].split("\t")
    return [dict(zip(columns, line.split("\t"), strict=True)) for line in lines[1:]]


def test_months_read_as_they_did_before_generation() -> None:
    before = {
        (fold_key(name), int(row["month"]), row["calendar"], row["needs_number"] == "yes")
        for row in _old_rows("months.tsv")
        for name in row["name"].split("|")
    }
    now = {(month.key, month.month, month.calendar, month.needs_number) for month in date_lexicon().months}
    assert now == before
    assert len(date_lexicon().month_by_key) == len(before)


def test_weekdays_read_as_they_did_before_generation() -> None:
    before = {
        (fold_key(name), int(row["weekday"]), row["name_en"])
        for row in _old_rows("weekdays.tsv")
        for name in row["name"].split("|")
    }
    now = {(fold_key(name), row.weekday, row.name_en) for row in load_weekdays() for name in row.name}
    assert now == before
    assert [row.weekday for row in load_weekdays()] == list(range(7))


def test_names_with_digits_and_repeated_spellings_are_left_out() -> None:
    spellings = [(number, name) for number, _, names in month_rows() for name in names]
    assert not any(ch.isdigit() for _, name in spellings for ch in name)  # dateparser has "كانون 2"
    assert len(spellings) == len(set(spellings))  # ماي: Algeria, Tunisia and Morocco
    assert (1, "كانون الثاني") in spellings and (7, "يوليوز") in spellings and (1, "جانفي") in spellings


def test_the_generator_writes_and_checks_the_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check"], directory=tmp_path) == 1
    assert main([], directory=tmp_path) == 0
    assert main(["--check"], directory=tmp_path) == 0
    assert {path.name for path in tmp_path.iterdir()} == set(generated_files())
    (tmp_path / "months.tsv").write_text("edited\n", encoding="utf-8")
    assert main(["--check"], directory=tmp_path) == 1
    assert "months.tsv: out of date" in capsys.readouterr().err
