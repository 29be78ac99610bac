"""Headless Chromium against a real ``streamlit run dashboard.py`` (Debian's /usr/bin/chromium)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "events.jsonl"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--use-angle=swiftshader",  # WebGL in software, should a chart ask for it: no GPU needed
    "--enable-unsafe-swiftshader",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(
    base_path: str = "", env_extra: dict[str, str] | None = None, script: Path = ROOT / "dashboard.py"
) -> Iterator[str]:
    """Run the dashboard (or another Streamlit ``script``) on a free port, on the fixture events
    unless ``env_extra`` says otherwise; yield its URL (ending in ``/``)."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
    ]
    if base_path:
        command += ["--server.baseUrlPath", base_path]
    env = dict(os.environ, TIMELINE_EVENTS_JSONL=str(FIXTURE))
    env.update(env_extra or {})
    if "TIMELINE_DB" in (env_extra or {}):
        env.pop("TIMELINE_EVENTS_JSONL")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/{base_path.strip('/') + '/' if base_path else ''}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
                    raise RuntimeError(f"streamlit did not start:\n{output}") from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def app_url() -> Iterator[str]:
    yield from start_app()


@pytest.fixture(scope="module")
def prefixed_app_url() -> Iterator[str]:
    yield from start_app("timeline")


@pytest.fixture(scope="module")
def store_app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard on a store: the shipped articles plus an event of 1938 and one of 2050."""
    from components.store.event_store import open_store
    from components.store.ingest import ARTICLES_DIR, build_store

    path = tmp_path_factory.mktemp("store") / "timeline.db"
    build_store(path, ARTICLES_DIR)
    with open_store(path) as store:
        for day in ("1938-03-15", "2050-06-01"):
            store.add_event(
                {"date_start": day, "precision": "day", "type": "meeting", "countries": ["AM", "AZ"]},
                reason="missed by the extractor",
                author="Lilit",
            )
    yield from start_app(env_extra={"TIMELINE_DB": str(path)})


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture()
def new_page(browser):
    """Factory of pages in fresh contexts (like a colleague opening a link in a new browser)."""
    contexts = []

    def make(viewport: dict | None = None):
        context = browser.new_context(viewport=viewport or {"width": 1400, "height": 1600})
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


# The page is settled when the script has run (the state is "initial" before the first run), the
# browser is connected, no element is still marked stale from the run before or drawn as a placeholder
# while its code loads, and every plotly chart has drawn its SVG.
SETTLED = """() => {
  const SKELETONS = '[data-testid="stSkeleton"], [data-testid="stSkeletonElement"], [data-testid="stAppSkeleton"]';
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testScriptState !== 'notRunning' || app.dataset.testConnectionState !== 'CONNECTED') {
    return false;
  }
  if (document.querySelector('[data-testid="stElementContainer"][data-stale="true"]')) return false;
  if (document.querySelector(SKELETONS)) return false;  // a widget whose code is still loading
  return Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
    .every(chart => chart.querySelector('.main-svg'));
}"""


def wait_ready(page, timeout: float = 120_000) -> None:
    """Wait until the page has settled (:data:`SETTLED`), then until it is still settled on the next
    animation frame (a chart drawn on the first frame of a rerun counts once): conditions, no fixed time."""
    page.wait_for_function(SETTLED, timeout=timeout)
    page.wait_for_function(
        f"() => new Promise(done => requestAnimationFrame(() => done(({SETTLED})())))",
        timeout=timeout,
    )


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


# The focused list shows its entries, or holds the typed text with its entries closed (its part of the
# page re-drawn while the text was typed).
SHOWN_OR_CLOSED = """(typed) => document.querySelector('[role="option"]') !== null
  || (document.activeElement?.value === typed && document.activeElement?.getAttribute('aria-expanded') === 'false')"""


def show_entries(page, typed: str) -> None:
    """After ``typed`` was typed into a list, wait until it shows its entries; when they were closed
    meanwhile, open them with the down arrow, as a keyboard user does."""
    page.wait_for_function(SHOWN_OR_CLOSED, arg=typed, timeout=60_000)
    if page.query_selector('[role="option"]') is None:
        page.keyboard.press("ArrowDown")


def record_frames(page) -> list[bytes]:
    """The websocket frames the page receives from now on (call before ``page.goto``)."""
    frames: list[bytes] = []
    page.on("websocket", lambda socket: socket.on("framereceived", lambda payload: frames.append(payload)))
    return frames


def run_endings(frames: list[bytes]) -> list[str]:
    """How each run of the page's script that ``frames`` tell of ended (Streamlit's ``script_finished``),
    e.g. ``FINISHED_FRAGMENT_RUN_SUCCESSFULLY`` or ``FINISHED_EARLY_FOR_RERUN`` (a run stopped for another)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    endings = []
    for frame in frames:
        if isinstance(frame, bytes | bytearray):
            message = ForwardMsg.FromString(bytes(frame))
            if message.WhichOneof("type") == "script_finished":
                endings.append(ForwardMsg.ScriptFinishedStatus.Name(message.script_finished))
    return endings
