"""Keeps the web tests on this machine: any connection or name lookup beyond the loopback
addresses fails at once, before a packet leaves (used by conftest.py and by the command-line
runs the tests start)."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from typing import Any

REFUSAL = "refused by the test guard: the tests stay on 127.0.0.1"
_NAMES = {"localhost"}


def is_loopback(host: object) -> bool:
    if not isinstance(host, str):
        return False
    if host.lower() in _NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def install() -> Callable[[], None]:
    """Guard the socket module; returns the function that removes the guard."""
    real_lookup = socket.getaddrinfo
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def lookup(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is not None and not is_loopback(host if isinstance(host, str) else host.decode()):
            raise OSError(f"{REFUSAL} (looked up {host})")
        return real_lookup(host, *args, **kwargs)

    def checked(sock: socket.socket, address: Any) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(address[0]):
            raise OSError(f"{REFUSAL} (connected to {address[0]})")

    def connect(sock: socket.socket, address: Any) -> None:
        checked(sock, address)
        real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: Any) -> int:
        checked(sock, address)
        return real_connect_ex(sock, address)

    socket.getaddrinfo = lookup  # type: ignore[assignment]  # the guard replaces the lookup on purpose
    socket.socket.connect = connect  # type: ignore[method-assign]  # same for connections
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]

    def remove() -> None:
        socket.getaddrinfo = real_lookup
        socket.socket.connect = real_connect  # type: ignore[method-assign]
        socket.socket.connect_ex = real_connect_ex  # type: ignore[method-assign]

    return remove
