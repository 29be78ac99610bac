"""Regular expressions compiled once per installation: what ``re`` makes of a pattern (its program for
the matching engine) is kept in the cache folder (components.text.cache), so that a new process hands the
stored program straight to the engine instead of parsing and compiling the pattern again in Python (the
large alternations of the date vocabulary took a noticeable part of every start).

A program is looked up by the exact pattern and flags, so a changed pattern is simply compiled afresh;
the entry's key holds the Python version and the engine's version, whose programs differ. A stored
program the engine refuses (it validates every program it is given), or an ``re`` without the internals
used here, only means compiling as ``re.compile`` does. A pattern made this way equals (``==``) the one
``re.compile`` makes.
"""

from __future__ import annotations

import hashlib
import importlib
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from components.text import cache

_Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _engine_key() -> str:
    engine = _module("_sre")
    magic = getattr(engine, "MAGIC", None)
    return hashlib.sha256(f"{sys.version}\x1f{magic}".encode()).hexdigest()[:32]


def program(pattern: str, flags: int = 0) -> _Program:
    """What ``re`` hands its engine for ``pattern`` (the steps of ``re._compiler.compile``)."""
    parser, compiler = _module("re._parser"), _module("re._compiler")
    if parser is None or compiler is None:
        raise ImportError("re has no _parser/_compiler")
    parsed = parser.parse(pattern, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for group_name, index in groupindex.items():
        indexgroup[index] = group_name
    code = [int(step) for step in compiler._code(parsed, flags)]  # its named constants are ints
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


class RegexStore:
    """Patterns compiled through the stored programs of the entry ``name``; ``save`` stores the programs
    of the patterns compiled since, when they differ from the ones read.

        store = RegexStore("date_patterns")
        finder = store.compile(r"\\d{4}")
        store.save()
    """

    def __init__(self, name: str, as_usual: Callable[[str, int], re.Pattern[str]] = re.compile) -> None:
        self.as_usual = as_usual  # how a pattern is compiled when its program cannot be made here
        self.name = f"regex_{name}"
        self.key = _engine_key()
        stored = cache.read_entry(self.name, self.key)
        self.stored: dict[str, Any] = stored if isinstance(stored, dict) else {}
        self.used: dict[str, _Program] = {}
        self.changed = False
        self.fresh = 0  # patterns compiled here, not read back

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        flags = int(flags)
        handle = f"{flags}\x1f{pattern}"
        found = self.stored.get(handle)
        if found is not None:
            compiled = self._from_program(pattern, found)
            if compiled is not None:
                self.used[handle] = found
                return compiled
        try:
            made = program(pattern, flags)
            compiled = self._from_program(pattern, made)
        except Exception:  # an re whose internals differ from these: compile as usual, store nothing
            return self.as_usual(pattern, flags)
        if compiled is None:
            return self.as_usual(pattern, flags)
        self.used[handle] = made
        self.changed = True
        self.fresh += 1
        return compiled

    @staticmethod
    def _from_program(pattern: str, stored: Any) -> re.Pattern[str] | None:
        engine = _module("_sre")
        try:
            flags, code, groups, groupindex, indexgroup = stored
            compiled: re.Pattern[str] = engine.compile(pattern, flags, code, groups, groupindex, indexgroup)  # type: ignore[union-attr]  # no _sre: caught below
        except Exception:  # a foreign or damaged program: refused by the engine's own validation
            return None
        return compiled

    def save(self) -> None:
        if self.changed or len(self.used) != len(self.stored):
            cache.write_entry(self.name, self.key, self.used)

    def save_all(self) -> None:
        """Store the programs read and those compiled since, when there are at least ``MIN_FRESH`` new ones:
        for a store whose patterns differ from run to run (a process that imports some packages only for
        some inputs), so that one run does not drop what another needs, and a pattern that differs in every
        process (one built from a set, whose order changes) does not rewrite the entry every time. Past
        ``MAX_KEPT`` programs only the used ones stay."""
        if self.fresh < MIN_FRESH:
            return
        kept = {**self.stored, **self.used}
        cache.write_entry(self.name, self.key, kept if len(kept) <= MAX_KEPT else self.used)


MIN_FRESH = 8  # new programs that make save_all write the entry again
MAX_KEPT = 4000  # programs a store passed to stored_compiles keeps (a few hundred in a run of the command)


@contextmanager
def stored_compiles(name: str) -> Iterator[None]:
    """Within the block, every text pattern ``re`` compiles afresh (at the import of a module, including
    other packages', or on first use) goes through the stored programs of the entry ``name``; the store is
    saved at the end. Patterns ``re`` has in its own cache are not compiled again, bytes patterns and
    debug flags are compiled as usual, and an ``re`` without these internals only means compiling as
    usual."""
    compiler = _module("re._compiler")
    usual = getattr(compiler, "compile", None)
    if compiler is None or usual is None:
        yield
        return
    store = RegexStore(name, usual)

    def through_store(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str) and not int(flags) & re.DEBUG:
            return store.compile(pattern, flags)
        return usual(pattern, flags)

    setattr(compiler, "compile", through_store)  # noqa: B010  # ModuleType has no declared compile
    try:
        yield
    finally:
        setattr(compiler, "compile", usual)  # noqa: B010
        store.save_all()
