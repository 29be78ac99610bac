"""A throw-away PostgreSQL 15 cluster for the tests: ``initdb`` and ``pg_ctl`` in a temporary
folder, on a free local port, run as the ``postgres`` user when the tests run as root (the server
refuses to run as root); one fresh database per test."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import psycopg

PG_BIN = Path(os.environ.get("TIMELINE_PG_BIN", "/usr/lib/postgresql/15/bin"))
MISSING = (
    f"PostgreSQL 15's server programs are not in {PG_BIN} (initdb, pg_ctl): install Debian's package "
    "(apt-get install -y postgresql), or set TIMELINE_PG_BIN to the folder that holds them"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@dataclass
class Cluster:
    folder: Path
    port: int

    @property
    def admin_url(self) -> str:
        return self.url("postgres")

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    @classmethod
    def start(cls) -> Cluster:
        if not (PG_BIN / "initdb").is_file() or not (PG_BIN / "pg_ctl").is_file():
            raise RuntimeError(MISSING)
        folder = Path(tempfile.mkdtemp(prefix="timeline-pg-"))
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres")
        subprocess.run(
            _as_server_user([str(PG_BIN / "initdb"), "-D", str(folder / "data"), "-A", "trust", "-U", "postgres",
                             "--encoding=UTF8", "--locale=C.UTF-8"]),
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        cluster = cls(folder, free_port())
        options = f"-p {cluster.port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300"
        subprocess.run(
            _as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(folder / "data"), "-o", options,
                             "-l", str(folder / "log"), "-w", "start"]),
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        return cluster

    def stop(self) -> None:
        subprocess.run(
            _as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(self.folder, ignore_errors=True)

    def create_database(self) -> str:
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return name

    def drop_database(self, name: str) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
