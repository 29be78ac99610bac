"""Every bad store location of tests/bad_inputs/store_cases.py gives its exact message, through the
store and through the command line (never a traceback), and leaves foreign files untouched."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from bad_inputs.store_cases import INGEST_ARGUMENT_CASES, STORE_CASES, StoreCase
from postgres_cluster import Cluster, free_port

from components.store import sqlite_engine  # noqa: F401  (imported before dropping root's rights)
from components.store.event_store import StoreError, open_store

ROOT = Path(__file__).resolve().parent.parent
NOBODY = 65534


@pytest.fixture()
def folder() -> Iterator[Path]:
    """An empty folder that an unprivileged user can reach."""
    path = Path(tempfile.mkdtemp(prefix="bad-store-"))
    path.chmod(0o755)
    yield path
    path.chmod(0o755)
    shutil.rmtree(path, ignore_errors=True)


def _open_as_nobody(location: str, answer: multiprocessing.connection.Connection) -> None:
    os.setgid(NOBODY)
    os.setuid(NOBODY)
    try:
        open_store(location).close()
        answer.send("opened")
    except StoreError as error:
        answer.send(str(error))


def message_of(location: str, as_user: bool) -> str:
    """What opening the store at ``location`` says (run as an unprivileged user when asked and root)."""
    if as_user and os.geteuid() == 0:
        receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
        child = multiprocessing.get_context("fork").Process(target=_open_as_nobody, args=(location, send))
        child.start()
        child.join(60)
        return str(receive.recv())
    with pytest.raises(StoreError) as caught:
        open_store(location).close()
    return str(caught.value)


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("case", STORE_CASES, ids=lambda case: case.name)
def test_a_bad_store_location_gives_its_message(case: StoreCase, folder: Path) -> None:
    location = case.make(folder)
    before = snapshot(folder)
    expected = case.message.format(location=location, folder=folder)
    assert message_of(location, case.as_user) == expected
    if case.untouched:
        assert snapshot(folder) == before, "the file is byte-identical and nothing was created beside it"


@pytest.mark.parametrize("case", [c for c in STORE_CASES if not c.as_user], ids=lambda case: case.name)
def test_the_ingest_command_prints_the_message_not_a_traceback(case: StoreCase, folder: Path) -> None:
    location = case.make(folder)
    run = subprocess.run(
        [sys.executable, "-m", "components.ingest", str(ROOT / "data" / "articles"), "--db", location],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert run.stderr.strip() == "error: " + case.message.format(location=location, folder=folder)
    assert "Traceback" not in run.stdout + run.stderr


@pytest.mark.parametrize("arguments, message", INGEST_ARGUMENT_CASES, ids=lambda v: str(v)[:30])
def test_ingest_arguments_out_of_range_give_a_message(arguments: list[str], message: str, tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "components.ingest", str(tmp_path), *arguments, "--db", str(tmp_path / "t.db")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert run.stderr.strip().splitlines()[-1].endswith(f"error: {message}")
    assert "Traceback" not in run.stderr and not (tmp_path / "t.db").exists()


def test_an_unreachable_postgresql_server_is_named_with_what_to_do() -> None:
    location = f"postgresql://postgres@127.0.0.1:{free_port()}/timeline"
    assert message_of(location, False) == (
        f"cannot reach the store at {location}: connection refused; start the server, or correct the host and "
        "port in TIMELINE_DB"
    )


def test_a_missing_postgresql_database_is_named_with_what_to_do(postgres_cluster: Cluster) -> None:
    location = postgres_cluster.url("no_such_database")
    assert message_of(location, False) == (
        f"cannot reach the store at {location}: the database or user does not exist; create it first (createdb), "
        "or correct TIMELINE_DB"
    )


def test_a_password_in_the_url_is_not_shown(postgres_cluster: Cluster) -> None:
    location = postgres_cluster.url("no_such_database").replace("postgres@", "postgres:s3cret@")
    message = message_of(location, False)
    assert "s3cret" not in message and "postgres:***@" in message
