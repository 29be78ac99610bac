"""Where the store is: an SQLite file (the default, ``data/timeline.db``) or a PostgreSQL database,
chosen by ``$TIMELINE_DB`` (a path, ``sqlite:///path`` or ``postgresql://user@host:port/db``)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from components.store.errors import StoreError

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = ROOT / "data" / "timeline.db"
ENV_VAR = "TIMELINE_DB"
SQLITE, POSTGRESQL = "sqlite", "postgresql"
_PASSWORD = re.compile(r"(://[^:/@]*):[^@/]*@")


@dataclass(frozen=True)
class StoreLocation:
    """An SQLite file (``path``) or a PostgreSQL connection URL (``url``)."""

    engine: str
    path: Path | None = None
    url: str | None = None
    is_default: bool = False

    @property
    def display(self) -> str:
        """What messages name the store by (a URL without its password)."""
        if self.path is not None:
            return str(self.path)
        return _PASSWORD.sub(r"\1:***@", self.url or "")


def _postgres(text: str) -> StoreLocation:
    scheme, rest = text.split("://", 1)
    if not rest.split("/", 1)[0]:
        raise StoreError(f"bad PostgreSQL URL {text!r}", "write it as postgresql://user@host:port/database")
    return StoreLocation(POSTGRESQL, url=f"postgresql://{rest}")


def locate(raw: str | Path | StoreLocation | None = None, *, default: Path | None = None) -> StoreLocation:
    """The store that ``raw`` names (``None``: ``$TIMELINE_DB``, else the default file)."""
    if isinstance(raw, StoreLocation):
        return raw
    raw = raw if raw is not None else os.environ.get(ENV_VAR) or None
    if raw is None:
        return StoreLocation(SQLITE, path=default or DEFAULT_DB, is_default=True)
    if isinstance(raw, Path):
        return StoreLocation(SQLITE, path=raw)
    text = raw.strip()
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in ("postgresql", "postgres") or scheme.startswith(("postgresql+", "postgres+")):
        return _postgres(text)
    if scheme == "sqlite":  # SQLAlchemy style: sqlite:///relative.db, sqlite:////absolute.db
        if not text.lower().startswith("sqlite:///") or len(text) <= len("sqlite:///"):
            raise StoreError(f"bad SQLite URL {text!r}", "use sqlite:///relative/path or sqlite:////absolute/path")
        return StoreLocation(SQLITE, path=Path(text[len("sqlite:///") :]))
    if scheme:
        raise StoreError(
            f"unknown database URL scheme {scheme!r}",
            "give an SQLite file path or a postgresql://user@host:port/database URL",
        )
    if not text:
        raise StoreError("the store location is empty", "give an SQLite file path or a postgresql:// URL")
    return StoreLocation(SQLITE, path=Path(text))
