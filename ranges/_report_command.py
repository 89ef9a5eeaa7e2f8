"""The ``ranges report`` command: build a report from a TOML spec and write it.

::

    $ ranges report examples/seed_deployment.toml -o report
    $ ranges report budget.toml -o out --format html --seed 7

writes ``OUTDIR/NAME.html`` (one self-contained page) and ``OUTDIR/NAME.md`` with its
pictures, NAME being the spec file's name; prints the paths written, one per line.
A progress bar is shown on stderr when it is a terminal.

Exit status: 0 on success; 2 when the spec or the command line cannot be used (one line
on stderr: ``ranges: error: FILE:LINE: KEY: what is wrong``); 1 when the report was
computed but could not be written.

>>> main(["nothing.toml", "-o", "out"])
2
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from ranges.errors import RangesError

__all__ = ["build_report_parser", "main"]

PROG = "ranges report"
EXIT_USAGE = 2
EXIT_WRITE = 1


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def build_report_parser() -> argparse.ArgumentParser:
    """The argument parser of ``ranges report``.

    >>> build_report_parser().parse_args(["a.toml", "-o", "out"]).format
    'html,md'
    """
    parser = _Parser(
        prog=PROG,
        description="Build the report a TOML spec declares and write it as a "
                    "self-contained HTML page and/or Markdown with its pictures.",
    )
    parser.add_argument("spec", help="the report spec, a TOML file "
                        "(docs/report-spec.md; schema docs/report-spec.schema.json)")
    parser.add_argument("-o", "--output", required=True, metavar="OUTDIR",
                        help="the folder to write into (made if missing)")
    parser.add_argument("--format", default="html,md", metavar="FORMATS",
                        help="html, md or both, comma-separated (default html,md)")
    parser.add_argument("--seed", type=int, default=None,
                        help="seed for every sampled number (default: the spec's seed)")
    parser.add_argument("--n", type=int, default=None,
                        help="draws where sampling is needed (default: the engines')")
    parser.add_argument("--no-progress", action="store_true",
                        help="no progress bar, even on a terminal")
    return parser


class _Progress:
    """A tqdm progress bar over a report's steps, on stderr, shown only on a terminal."""

    def __init__(self, total: int, enabled: bool) -> None:
        self._bar: Any = None
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self._bar = tqdm(total=total, file=sys.stderr, unit="step", leave=False,
                             mininterval=0)  # a few slow steps: show each one
        self._started = False

    def step(self, name: str) -> None:
        if self._bar is None:
            return
        if self._started:
            self._bar.update(1)
        self._started = True
        self._bar.set_description(name)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.update(self._bar.total - self._bar.n)
            self._bar.close()


def _fail(message: str, status: int) -> int:
    print(f"ranges: error: {' '.join(message.split())}", file=sys.stderr)
    return status


def main(argv: Sequence[str]) -> int:
    """Run ``ranges report`` with ``argv`` (the words after ``report``); return the exit
    status."""
    from ranges.report._model import load_report
    from ranges.report._report_render import parse_formats, write_report
    from ranges.report._report_results import steps

    parser = build_report_parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as done:  # --help
        return done.code if isinstance(done.code, int) else 0
    except _UsageError as err:
        return _fail(f"{err} (see '{PROG} --help')", EXIT_USAGE)
    spec = Path(args.spec)
    if not spec.is_file():
        return _fail(f"no report spec at {str(spec)!r} (give the path of a .toml file)",
                     EXIT_USAGE)
    try:
        formats = parse_formats(args.format)
        report = load_report(spec)
    except RangesError as err:
        return _fail(str(err), EXIT_USAGE)
    progress = _Progress(len(steps(report)) + 1, enabled=not args.no_progress)
    try:
        written = write_report(report, args.output, formats=formats, seed=args.seed,
                               n=args.n, name=spec.stem, step=progress.step)
    except RangesError as err:
        return _fail(f"{spec}: {err}", EXIT_USAGE)
    except OSError as err:
        return _fail(f"cannot write the report into {args.output!r}: {err}", EXIT_WRITE)
    finally:
        progress.close()
    for path in written:
        print(path)
    return 0
