"""The free-text filter (``q``) in SQL: the folded query found in ``merged_events.search``.

Both engines search the same folded text, stored at write time (:func:`components.store.rows.search_text`),
for the folded query as a plain substring, so they find what the in-memory index finds. SQLite
scans with ``instr``; PostgreSQL uses ``LIKE`` with the query's wildcards escaped, which its
trigram index (``pg_trgm``, ``merged_events_search``) answers.
"""

from __future__ import annotations

from components.text.arabic import fold_key

_ESCAPE = str.maketrans({"\\": "\\\\", "%": "\\%", "_": "\\_"})


def folded_query(text: str) -> str:
    return fold_key(text)


def text_condition(engine: str, text: str, column: str = "search") -> tuple[str, tuple[str, ...]]:
    """A WHERE condition (with ``?`` placeholders) matching rows whose ``column`` holds the folded
    ``text``; ``("1 = 1", ())`` when the folded text is empty (no filter)."""
    needle = folded_query(text)
    if not needle:
        return "1 = 1", ()
    if engine == "postgresql":
        return f"{column} LIKE ? ESCAPE '\\'", (f"%{needle.translate(_ESCAPE)}%",)
    return f"instr({column}, ?) > 0", (needle,)
