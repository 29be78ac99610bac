"""A cache on disk for what is slow to build from the language data (the gazetteer, the trigger
index), so that a process starts extracting in a fraction of a second instead of seconds.

An entry is rebuilt whenever what it was built from changes: its key is a digest of the lexicon
files it reads, the source of the modules that build it, the packages whose data it uses (their
installed files), and the Python version. Entries are written with ``marshal`` (plain values only:
lists, tuples, dicts, strings, numbers; loading one runs no code) to a temporary file that is then
renamed, so that concurrent processes never read a half-written file; a file that cannot be read is
rebuilt, never fatal. Beside the current entry of a name, the three most recently used of other keys
are kept (several checkouts or versions may be in use at once); older ones are removed. The folder
is ``$TIMELINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/diplomatic-timeline``, else
``~/.cache/diplomatic-timeline``; when it cannot be written, entries are simply built in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import logging
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar, cast

log = logging.getLogger(__name__)

CACHE_ENV = "TIMELINE_CACHE_DIR"
APP_FOLDER = "diplomatic-timeline"
SUFFIX = ".marshal"
KEEP_OTHERS = 3  # entries of other keys kept beside the new one (other checkouts or versions in use), latest used first

T = TypeVar("T")


def cache_dir() -> Path:
    """Where cache entries are kept (see the module docstring)."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / APP_FOLDER


def _package_stamp(name: str) -> str:
    """Where a package is installed and when its files were written: a new version of it (or a
    reinstall) changes this. Cheaper than reading its metadata, and it does not import the package."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return "absent"
    found = os.stat(spec.origin)
    return f"{spec.origin}:{found.st_size}:{found.st_mtime_ns}"


def fingerprint(files: Iterable[Path], modules: Iterable[ModuleType], packages: Iterable[str] = ()) -> str:
    """A digest of everything an entry is built from: file contents, module sources, package versions."""
    digest = hashlib.sha256(f"{sys.version}\x1f{marshal.version}".encode())
    sources = [Path(module.__file__) for module in modules if module.__file__]
    for path in [*files, *sources]:
        digest.update(f"\x1e{path.name}\x1f".encode())
        digest.update(path.read_bytes())
    for name in packages:
        digest.update(f"\x1e{name}={_package_stamp(name)}".encode())
    return digest.hexdigest()[:32]


def _read(path: Path) -> object:
    return marshal.loads(path.read_bytes())  # much faster than marshal.load on a file object


def _write(folder: Path, path: Path, value: object) -> None:
    """Write atomically (a temporary file renamed over the entry) and remove stale entries of the same name."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = path.name.rsplit("-", 1)[0]
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{stem}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(marshal.dumps(cast(Any, value)))  # raises ValueError on anything but plain values
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    others = sorted(
        (entry for entry in folder.glob(f"{stem}-*{SUFFIX}") if entry != path),
        key=lambda entry: entry.stat().st_mtime,
        reverse=True,
    )
    for stale in others[KEEP_OTHERS:]:
        stale.unlink(missing_ok=True)


def read_entry(name: str, key: str) -> object | None:
    """The stored value named ``name`` for ``key`` (marked as in use), or ``None`` when there is none or it
    cannot be read."""
    path = cache_dir() / f"{name}-{key}{SUFFIX}"
    try:
        value = _read(path)
    except FileNotFoundError:
        return None
    except Exception as error:  # any unreadable entry (truncated, foreign, from other code) is rebuilt
        log.info("cache entry %s is unreadable (%s: %s); rebuilding it", path, type(error).__name__, error)
        return None
    with contextlib.suppress(OSError):  # a read-only cache is still a cache
        os.utime(path)  # marks it as in use: the entries least recently used are the ones dropped
    return value


def write_entry(name: str, key: str, value: object) -> None:
    """Store ``value`` (plain values only) as ``name`` for ``key``; a folder that cannot be written is no error."""
    folder = cache_dir()
    path = folder / f"{name}-{key}{SUFFIX}"
    try:
        _write(folder, path, value)
    except (OSError, ValueError) as error:
        log.info("cache entry %s not written (%s)", path, error)


def cached(
    name: str, key: str, build: Callable[[], T], encode: Callable[[T], object], decode: Callable[[object], T]
) -> T:
    """The value named ``name`` for ``key``: decoded from the cache folder when an entry is there and
    readable, else built, encoded and stored (when the folder can be written)."""
    folder = cache_dir()
    path = folder / f"{name}-{key}{SUFFIX}"
    try:
        value = decode(_read(path))
    except FileNotFoundError:
        pass
    except Exception as error:  # any unreadable entry (truncated, foreign, from other code) is rebuilt
        log.info("cache entry %s is unreadable (%s: %s); rebuilding it", path, type(error).__name__, error)
    else:
        with contextlib.suppress(OSError):  # a read-only cache is still a cache
            os.utime(path)  # marks it as in use: the entries least recently used are the ones dropped
        return value
    value = build()
    try:
        _write(folder, path, encode(value))
    except (OSError, ValueError) as error:
        log.info("cache entry %s not written (%s)", path, error)
    return value
