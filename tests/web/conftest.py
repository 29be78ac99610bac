"""Web tests: a local server per test, and a guard that keeps every connection on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.web.guard import install
from tests.web.local_server import LocalServer


@pytest.fixture(autouse=True)
def loopback_only() -> Iterator[None]:
    remove = install()
    try:
        yield
    finally:
        remove()


@pytest.fixture()
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        running.robots("User-agent: *\nDisallow: /private/\n")
        yield running
