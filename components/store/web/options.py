"""The web part of ``python -m components.ingest``: article URLs, ``--feed``, ``--follow``.

Only argument handling lives here (the ingest command imports it); the runs themselves are
in :mod:`components.store.web.cli`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from components.store.web.client import is_web_url
from components.store.web.settings import FetchSettings, parse_duration

_DEFAULTS = FetchSettings()


def _duration(text: str) -> float:
    try:
        seconds = parse_duration(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
    if seconds < 1:
        raise argparse.ArgumentTypeError("at least 1 s")
    return seconds


def _web_url(text: str) -> str:
    if not is_web_url(text):
        raise argparse.ArgumentTypeError(f"not an http(s) address: {text!r}")
    return text.strip()


def _non_negative(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def add_web_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("web pages and feeds (docs/input.md)")
    group.add_argument(
        "--feed",
        action="append",
        type=_web_url,
        default=[],
        metavar="URL",
        help="read an RSS/Atom feed or a news sitemap and ingest its items not yet stored",
    )
    group.add_argument(
        "--follow",
        type=Path,
        metavar="FEEDS.toml",
        help="read every feed of the file (see data/feeds.example.toml), round after round",
    )
    group.add_argument(
        "--every",
        type=_duration,
        metavar="DURATION",
        help="with --follow: start a round this often (30s, 15m, 2h), until stopped",
    )
    group.add_argument("--rounds", type=int, metavar="N", help="with --follow: stop after N rounds")
    group.add_argument("--refresh", action="store_true", help="fetch URLs again even when already stored")
    group.add_argument("--dry-run", action="store_true", help="list what would be fetched; store nothing")
    group.add_argument(
        "--delay",
        type=_non_negative,
        default=_DEFAULTS.delay,
        metavar="SECONDS",
        help=f"between two requests to the same host (default {_DEFAULTS.delay:g})",
    )
    group.add_argument(
        "--timeout",
        type=_non_negative,
        default=_DEFAULTS.timeout,
        metavar="SECONDS",
        help=f"to connect and for each wait for data (default {_DEFAULTS.timeout:g})",
    )
    group.add_argument("--retries", type=int, default=_DEFAULTS.retries, metavar="N",
                       help=f"after a 5xx answer or a timeout (default {_DEFAULTS.retries})")  # fmt: skip


def wants_web(args: argparse.Namespace) -> bool:
    return bool(args.urls or args.feed or args.follow)


def split_targets(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Positional arguments → ``args.paths`` (files, folders) and ``args.urls``; refuse
    combinations that make no sense, with a message saying why."""
    targets: list[str] = args.paths
    args.urls = [target for target in targets if is_web_url(target)]
    args.paths = [Path(target) for target in targets if not is_web_url(target)]
    web = wants_web(args)
    if web and (args.paths or args.reextract):
        parser.error("give files or web addresses (URLs, --feed, --follow), not both in one run")
    if args.follow and (args.urls or args.feed):
        parser.error("--follow reads its feeds from the file: give URLs and --feed in another run")
    if (args.every or args.rounds is not None) and not args.follow:
        parser.error("--every and --rounds go with --follow")
    if args.rounds is not None and args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if (args.refresh or args.dry_run) and not web:
        parser.error("--refresh and --dry-run go with URLs, --feed or --follow")
    if web and args.url:
        parser.error("--url names the address of local files; a fetched page keeps its own")
    if args.timeout <= 0 or args.retries < 0:
        parser.error("--timeout must be positive and --retries at least 0")
