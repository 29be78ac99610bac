"""Loading of the language-knowledge files under ``data/lexicon/``.

Each file is UTF-8 TSV: comment lines first (``# source: …`` and ``# licence: …`` are
required), then one header row naming the columns, then data rows. Files are validated
when loaded; a bad file raises :class:`LexiconError` naming the file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

LEXICON_DIR = Path(__file__).resolve().parents[2] / "data" / "lexicon"

Validator = Callable[[str], object]
RowT = TypeVar("RowT", bound="DataclassInstance")
_PARSE = "lexicon_parse"
_OPTIONAL = "lexicon_optional"


class LexiconError(ValueError):
    """A lexicon file is missing, malformed, or has an invalid value."""


def lexicon_path(name: str) -> Path:
    return LEXICON_DIR / name


def read_header(path: Path) -> dict[str, str]:
    """The ``# key: value`` lines at the top of a lexicon file."""
    header: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#"):
                break
            key, _, value = line[1:].partition(":")
            if value:
                header[key.strip().lower()] = value.strip()
    return header


def _data_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of each line that is neither blank nor a comment."""
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if line.strip() and not line.startswith("#"):
                yield number, [part.strip() for part in line.split("\t")]


def _checked_columns(where: str, names: list[str], columns: Mapping[str, Validator | None]) -> list[str]:
    missing = set(columns) - set(names)
    unknown = set(names) - set(columns)
    if missing or unknown:
        raise LexiconError(f"{where}: header columns {names}; missing {sorted(missing)}, unknown {sorted(unknown)}")
    return names


def _row(
    where: str, names: list[str], values: list[str], columns: Mapping[str, Validator | None], optional: frozenset[str]
) -> dict[str, object]:
    """One data line's values, each passed through its column's validator (``where`` is "file:line")."""
    if len(values) < len(names):
        values = values + [""] * (len(names) - len(values))
    if len(values) != len(names):
        raise LexiconError(f"{where}: {len(values)} fields, expected {len(names)}")
    row: dict[str, object] = {}
    for column, value in zip(names, values, strict=True):
        if not value:
            if column not in optional:
                raise LexiconError(f"{where}: empty value in column '{column}'")
            row[column] = None
            continue
        validator = columns[column]
        try:
            row[column] = validator(value) if validator else value
        except (ValueError, KeyError, TypeError) as error:
            raise LexiconError(f"{where}: bad {column} {value!r}: {error}") from error
    return row


def load_tsv(
    name: str,
    columns: Mapping[str, Validator | None],
    *,
    optional: frozenset[str] = frozenset(),
    directory: Path | None = None,
) -> list[dict[str, object]]:
    """Rows of a lexicon TSV as dicts, each value passed through its column's validator.

    ``columns`` names every expected column (in any order) with a validator that converts
    the text or raises ``ValueError``; ``None`` keeps the text. Columns in ``optional`` may
    be empty in a row (their value is then ``None``).
    """
    path = (directory or LEXICON_DIR) / name
    if not path.is_file():
        raise LexiconError(f"{path}: lexicon file not found")
    header = read_header(path)
    for required in ("source", "licence"):
        if not header.get(required):
            raise LexiconError(f"{path}: header line '# {required}: …' is missing")
    rows: list[dict[str, object]] = []
    names: list[str] | None = None
    for number, values in _data_lines(path):
        if names is None:
            names = _checked_columns(f"{path}:{number}", values, columns)
        else:
            rows.append(_row(f"{path}:{number}", names, values, columns, optional))
    if names is None or not rows:
        raise LexiconError(f"{path}: no data rows")
    return rows


def column(parse: Validator | None = None, *, optional: bool = False) -> Any:
    """A column of a lexicon row type (a dataclass read by :func:`load_rows`).

    ``parse`` converts the text or raises ``ValueError`` (``None`` keeps the text); an
    ``optional`` column may be empty in a row, its value is then ``None``. The field's type
    annotation says what ``parse`` returns.
    """
    return field(metadata={_PARSE: parse, _OPTIONAL: optional})


def load_rows(name: str, row_type: type[RowT], *, directory: Path | None = None) -> list[RowT]:
    """Rows of a lexicon TSV as ``row_type`` instances: the dataclass's fields, declared with
    :func:`column`, name the columns and say how each is checked (see :func:`load_tsv`)."""
    spec = fields(row_type)
    columns = {item.name: item.metadata.get(_PARSE) for item in spec}
    optional = frozenset(item.name for item in spec if item.metadata.get(_OPTIONAL))
    return [row_type(**row) for row in load_tsv(name, columns, optional=optional, directory=directory)]


def one_of(*allowed: str) -> Callable[[str], str]:
    """Validator accepting only the given words."""

    def check(value: str) -> str:
        if value not in allowed:
            raise ValueError(f"expected one of {', '.join(allowed)}")
        return value

    return check


NumberT = TypeVar("NumberT", int, float)


def _number_between(kind: Callable[[str], NumberT], low: float, high: float) -> Callable[[str], NumberT]:
    def check(value: str) -> NumberT:
        number = kind(value)
        if not low <= number <= high:
            raise ValueError(f"expected {low}..{high}")
        return number

    return check


def int_between(low: int, high: int) -> Callable[[str], int]:
    return _number_between(int, low, high)


def float_between(low: float, high: float) -> Callable[[str], float]:
    return _number_between(float, low, high)


def iso_country(value: str) -> str:
    """An ISO 3166-1 alpha-2 code known to pycountry (imported here: only building the gazetteer reads
    country columns, and a process that finds it in the cache need not pay the import)."""
    import pycountry

    if len(value) != 2 or value.upper() != value or pycountry.countries.get(alpha_2=value) is None:
        raise ValueError("not an ISO 3166-1 alpha-2 code")
    return value


def variants(value: str) -> tuple[str, ...]:
    """A ``|``-separated list of spellings."""
    parts = tuple(part.strip() for part in value.split("|") if part.strip())
    if not parts:
        raise ValueError("no spelling given")
    return parts
