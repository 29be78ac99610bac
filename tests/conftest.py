"""Fixtures shared by the test suite: the store on both engines.

Every test that takes ``store_url`` (or ``new_store_url``) runs twice: on an SQLite file and on a
PostgreSQL database of a throw-away cluster that the session starts itself (never skipped: when
the server programs are missing the test fails and says what to install).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from postgres_cluster import Cluster

ENGINES = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    try:
        cluster = Cluster.start()
    except Exception as error:  # the binaries are missing or initdb/pg_ctl failed: say why
        pytest.fail(f"cannot start the PostgreSQL test server: {error}", pytrace=False)
    yield cluster
    cluster.stop()


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """The engine a test runs on (each test that uses it runs on both)."""
    return str(request.param)


@pytest.fixture()
def new_store_url(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Callable[[], str]]:
    """Makes locations of new, empty stores on the test's engine (a file path or a database URL)."""
    made: list[str] = []
    cluster: Cluster | None = request.getfixturevalue("postgres_cluster") if engine == "postgresql" else None

    def make() -> str:
        if cluster is None:
            made.append(str(tmp_path / f"store-{len(made)}.db"))
            return made[-1]
        made.append(cluster.create_database())
        return cluster.url(made[-1])

    yield make
    for name in made if cluster is not None else ():
        cluster.drop_database(name)


@pytest.fixture()
def store_url(new_store_url: Callable[[], str]) -> str:
    """The location of a new, empty store on the test's engine."""
    return new_store_url()


def new_location(engine: str, folder: Path, request: pytest.FixtureRequest) -> tuple[str, Callable[[], None]]:
    """A new, empty store on ``engine`` for fixtures of a wider scope, and how to drop it."""
    if engine == "sqlite":
        return str(folder / "store.db"), lambda: None
    cluster: Cluster = request.getfixturevalue("postgres_cluster")
    name = cluster.create_database()
    return cluster.url(name), lambda: cluster.drop_database(name)
