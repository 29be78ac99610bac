"""Typed lexicon rows: columns, conversions, optional values and the file:line of a bad value."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from components.text.lexicon import LexiconError, column, int_between, load_rows, one_of, variants


@dataclass(frozen=True)
class _Row:
    number: int = column(int_between(1, 12))
    kind: str = column(one_of("a", "b"))
    spellings: tuple[str, ...] = column(variants)
    note: str | None = column(optional=True)


def _write(tmp_path: Path, body: str, header: str = "# source: test\n# licence: CC0-1.0\n") -> Path:
    path = tmp_path / "rows.tsv"
    path.write_text(header + "number\tkind\tspellings\tnote\n" + body, encoding="utf-8")
    return path


def test_rows_are_converted_to_their_declared_types(tmp_path: Path) -> None:
    _write(tmp_path, "5\ta\tمايو|ماي\tfifth\n12\tb\tديسمبر\t\n")
    rows = load_rows("rows.tsv", _Row, directory=tmp_path)
    assert rows == [_Row(5, "a", ("مايو", "ماي"), "fifth"), _Row(12, "b", ("ديسمبر",), None)]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("13\ta\tx\t\n", r"rows.tsv:4: bad number '13'"),
        ("1\tc\tx\t\n", r"rows.tsv:4: bad kind 'c'"),
        ("1\ta\t\t\n", r"rows.tsv:4: empty value in column 'spellings'"),
        ("1\ta\tx\t\n2\ta\tx\tone\ttoo many\n", r"rows.tsv:5: 5 fields, expected 4"),
    ],
)
def test_a_bad_row_is_refused_with_file_and_line(tmp_path: Path, body: str, message: str) -> None:
    _write(tmp_path, body)
    with pytest.raises(LexiconError, match=message):
        load_rows("rows.tsv", _Row, directory=tmp_path)


def test_a_file_without_licence_or_with_other_columns_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "1\ta\tx\t\n", header="# source: test\n")
    with pytest.raises(LexiconError, match="licence"):
        load_rows("rows.tsv", _Row, directory=tmp_path)
    (tmp_path / "rows.tsv").write_text("# source: t\n# licence: CC0-1.0\nnumber\tkind\n1\ta\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"rows.tsv:3: header columns .*missing \['note', 'spellings'\]"):
        load_rows("rows.tsv", _Row, directory=tmp_path)
