"""The ``newscrawl`` command: tools around crawl output.

``newscrawl report OUT.jsonl -o report.html`` writes the story report. Each
subcommand is a function registered in :data:`COMMANDS` with its own
argument parser, so more can be added beside it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from newscrawl import __version__

# name -> (help, function that adds the arguments, function that runs it)
COMMANDS: dict[
    str,
    tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]],
] = {}


def command(name: str, help: str, arguments: Callable[[argparse.ArgumentParser], None]):
    def register(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = (help, arguments, run)
        return run

    return register


def report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("feed", type=Path, help="a JSON lines output of a crawl")
    parser.add_argument(
        "-o", "--output", type=Path, help="the HTML file to write (default: FEED.report.html)"
    )
    parser.add_argument(
        "--stats",
        type=Path,
        help="the crawl's stats file (default: FEED.stats.json when it exists)",
    )
    parser.add_argument("--title", help="the page's title")


@command("report", "write the story report of a crawl output as one HTML file", report_arguments)
def run_report(args: argparse.Namespace) -> int:
    from newscrawl.report import write_report

    feed: Path = args.feed
    if not feed.is_file():
        print(f"newscrawl report: no such file: {feed}", file=sys.stderr)
        return 2
    if args.stats is not None and not args.stats.is_file():
        print(f"newscrawl report: no such stats file: {args.stats}", file=sys.stderr)
        return 2
    output = args.output or feed.with_name(feed.name + ".report.html")
    try:
        result = write_report(feed, output, stats=args.stats, title=args.title)
    except OSError as exc:
        print(f"newscrawl report: cannot write {output}: {exc}", file=sys.stderr)
        return 1
    print(
        f"Wrote {result.path} ({result.articles} articles, {result.stories} stories "
        f"on 2+ outlets, {result.size / 1e6:.2f} MB)"
    )
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="newscrawl", description="newscrawl's tools around crawl output."
    )
    top.add_argument("--version", action="version", version=f"newscrawl {__version__}")
    subcommands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (help, arguments, run) in COMMANDS.items():
        sub = subcommands.add_parser(name, help=help, description=help)
        arguments(sub)
        sub.set_defaults(run=run)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
