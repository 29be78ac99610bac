"""Every bad input of the reading side gives its exact message and loses nothing else (see reading_cases.py)."""

from __future__ import annotations

import json
import os
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
from reading_cases import CASES, Case

from components.extract import cli, reading
from components.extract.reading import UnreadableInput


def _raw(path: Path, relative: str) -> bytes:
    """The path as bytes, with "\\xNN" escapes turned into raw bytes (names that are not UTF-8)."""
    return (
        os.fsencode(path)
        + b"/"
        + relative.encode("ascii", "backslashreplace").decode("unicode_escape").encode("latin-1")
    )


def _build(case: Case, tmp: Path) -> None:
    for relative, content in case.files.items():
        target = _raw(tmp, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as out:
            out.write(content)
    for link, points_to in case.links.items():
        os.symlink(points_to, tmp / link)
    for name in case.fifos:
        os.mkfifo(tmp / name)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_bad_input_message(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    _build(case, tmp_path)
    if case.refuse_listing:
        refused = str(tmp_path / case.refuse_listing)
        real_scandir = os.scandir

        def scandir(path: str = ".") -> Iterator[os.DirEntry[str]]:
            if os.fspath(path) == refused:
                raise PermissionError(13, "Permission denied", refused)
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in case.args]
    try:
        status = cli.main(args)
    except SystemExit as stop:  # argparse refuses a bad flag value
        status = int(stop.code or 0)
    out, err = capsys.readouterr()
    expected = [line.replace("{tmp}", str(tmp_path)) for line in case.stderr]
    assert [line for line in err.splitlines() if not line.startswith(("usage:", " "))] == expected
    assert "Traceback" not in err and status == case.status
    events = [json.loads(line) for line in out.splitlines()]
    assert len(events) == case.events and all(event["date_start"] == "2024-05-10" for event in events)


def test_the_error_crosses_process_boundaries_intact() -> None:
    error = pickle.loads(pickle.dumps(UnreadableInput("pages/a.txt", "empty file")))
    assert (error.name, error.reason, str(error)) == ("pages/a.txt", "empty file", "pages/a.txt: empty file")


def test_names_that_are_not_utf8_print_as_escapes(tmp_path: Path) -> None:
    path = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.txt"))
    assert reading.printable(path) == f"{tmp_path}/caf\\xe9.txt"
    assert reading.printable(path).encode("utf-8")
