"""Bad inputs of the reading side (``python -m components.extract``) and the exact message each gives.

Each case builds its inputs in an empty folder (``{tmp}`` in arguments and messages), runs the
command line with ``args`` and expects these lines on stderr, in order, and this exit status.
Pages named ``good*`` hold a real article: they must still give their events (a bad input loses
nothing else). ``refuse_listing`` names a subfolder whose listing fails with "permission denied"
(this process may run as root, for whom file modes grant everything).
"""

from __future__ import annotations

from dataclasses import dataclass, field

GOOD = "التقى وزير الخارجية الأرميني نظيره الأذربيجاني في ألماتي يوم 10 مايو 2024 وبحثا معاهدة السلام.\n".encode()
RANGE = "publication dates run from 1900-01-01 to 2100-12-31"


@dataclass(frozen=True)
class Case:
    id: str
    files: dict[str, bytes] = field(
        default_factory=dict
    )  # relative path (may hold \\x escapes of raw bytes) -> content
    links: dict[str, str] = field(default_factory=dict)  # symbolic link -> what it points to
    fifos: tuple[str, ...] = ()
    refuse_listing: str | None = None
    args: tuple[str, ...] = ("{tmp}",)
    stderr: tuple[str, ...] = ()
    status: int = 2
    events: int = 0  # events printed on stdout (by the good pages)


CASES: tuple[Case, ...] = (
    Case("missing file", args=("{tmp}/missing.txt",), stderr=("error: {tmp}/missing.txt: no such file or folder",)),
    Case("empty file", {"empty.txt": b"", "good.txt": GOOD}, stderr=("error: {tmp}/empty.txt: empty file",), events=1),
    Case(
        "only whitespace", {"blank.txt": b" \n\t\n"}, stderr=("error: {tmp}/blank.txt: empty file (only whitespace)",)
    ),
    Case(
        "an image named .txt",
        {"photo.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256))},
        stderr=("error: {tmp}/photo.txt: binary file (looks like PNG image)",),
    ),
    Case(
        "a PDF",
        {"doc.txt": b"%PDF-1.7\n" + bytes(200)},
        stderr=("error: {tmp}/doc.txt: binary file (looks like PDF document)",),
    ),
    Case(
        "NUL bytes",
        {"nul.txt": "نص\x00عربي".encode() * 20},
        stderr=("error: {tmp}/nul.txt: binary file (contains NUL bytes)",),
    ),
    Case(
        "control characters",
        {"ctl.txt": bytes(range(1, 32)) * 10},
        stderr=("error: {tmp}/ctl.txt: binary file (contains control characters)",),
    ),
    Case(
        "too big",
        {"big.txt": b"a" * (5 * 1024 * 1024 + 1)},
        stderr=("error: {tmp}/big.txt: page is 5.0 MB, the limit is 5 MB",),
    ),
    Case(
        "a byte-order mark on bytes that are not UTF-8",
        {"bom.txt": b"\xef\xbb\xbf\xff\xfe\xfd"},
        stderr=("error: {tmp}/bom.txt: starts with a utf-8-sig byte-order mark but is not valid utf-8-sig",),
    ),
    Case("not a regular file", fifos=("pipe.txt",), stderr=("error: {tmp}/pipe.txt: not a regular file",)),
    Case(
        "a symbolic link loop",
        {"good.txt": GOOD},
        links={"loop.txt": "loop.txt"},
        stderr=("error: {tmp}/loop.txt: symbolic link loop (the link leads back to itself)",),
        events=1,
    ),
    Case(
        "a symbolic link loop given by name",
        links={"loop.txt": "loop.txt"},
        args=("{tmp}/loop.txt",),
        stderr=("error: {tmp}/loop.txt: symbolic link loop (the link leads back to itself)",),
    ),
    Case(
        "a broken symbolic link",
        links={"gone.txt": "nowhere.txt"},
        stderr=("error: {tmp}/gone.txt: broken symbolic link (what it points to does not exist)",),
    ),
    Case(
        "a subfolder that cannot be read",
        {"good.txt": GOOD, "locked/page.txt": GOOD},
        refuse_listing="locked",
        stderr=("error: {tmp}/locked: folder cannot be read (permission denied)",),
        events=1,
    ),
    Case(
        "a file name that is not UTF-8",
        {"caf\\xe9.txt": b"", "good\\xff.txt": GOOD},
        stderr=("error: {tmp}/caf\\xe9.txt: empty file",),
        events=1,
    ),
    Case(
        "a metadata file that is not JSON",
        {"a.txt": GOOD, "a.txt.meta.json": b'{"published": ', "good.txt": GOOD},
        stderr=(
            "error: {tmp}/a.txt.meta.json: metadata file is not valid JSON (Expecting value: line 1 column 15 (char 14))",
        ),
        events=1,
    ),
    Case(
        "a metadata file that is not an object",
        {"a.txt": GOOD, "a.txt.meta.json": b"[1, 2]"},
        stderr=("error: {tmp}/a.txt.meta.json: metadata file must hold a JSON object",),
    ),
    Case(
        "a metadata publication date out of range",
        {"a.txt": GOOD, "a.txt.meta.json": b'{"published": "9999-12-31"}'},
        stderr=(f"error: {{tmp}}/a.txt.meta.json: metadata 'published': 9999-12-31 is out of range ({RANGE})",),
    ),
    Case(
        "a metadata publication date that is not a date",
        {"a.txt": GOOD, "a.txt.meta.json": b'{"published": "31/12/2024"}'},
        stderr=(
            "error: {tmp}/a.txt.meta.json: metadata 'published': '31/12/2024' is not a date in the form YYYY-MM-DD",
        ),
    ),
    Case(
        "--published far in the future",
        {"good.txt": GOOD},
        args=("{tmp}", "--published", "9999-12-31"),
        stderr=(f"python -m components.extract: error: argument --published: 9999-12-31 is out of range ({RANGE})",),
    ),
    Case(
        "--published not a date",
        {"good.txt": GOOD},
        args=("{tmp}", "--published", "5 June"),
        stderr=(
            "python -m components.extract: error: argument --published: not a date in the form YYYY-MM-DD: '5 June'",
        ),
    ),
)
