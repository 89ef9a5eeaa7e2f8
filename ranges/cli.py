"""The ``ranges`` command: read an expression of written figures and report the total.

::

    $ ranges "10,000–12,000 + 3,000–4,000 troops" --n 20000 --seed 1
    $ ranges 10k-12k plus 3k-4k troops --json
    $ ranges "thousands of workers"                        # vague words, as rg.vague reads them
    $ ranges "10,000–12,000 + 3,000–4,000 troops" --above 15,000 --below 13k
    $ python -m ranges "about 5,000 workers" --shape bounds --plot workers.png
    $ ranges report examples/seed_deployment.toml -o report   # a report from a spec

The words after the options are joined with spaces, so quoting is only needed when
the shell would otherwise interpret a character (``*``, ``<``, ``>``, ``(``). An
expression that starts with a hyphen goes after ``--``.

Exit status: 0 on success; 2 when the command line or the expression cannot be used
(one line on stderr starting with ``ranges: error: ``, naming the problem and, for
text that cannot be read, the position); 1 when the answer was computed but the plot
could not be written.

>>> main(["5,000", "--n", "1000"])
5,000 (exact)
...
0
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

import numpy as np

from ranges import __version__
from ranges._config import defaults
from ranges._thresholds import ProbabilityAnswer, Threshold, probability_of
from ranges.core._graph import Estimate
from ranges.errors import EngineError, InputError, ParseError, RangesError, SampleSizeError
from ranges.reading._policy import SHAPES, Reading
from ranges.report._format import one_line, report
from ranges.report._summary import Summary

PROG = "ranges"

#: exit status for bad input (the command line or the expression)
EXIT_USAGE = 2
#: exit status when the summary was printed but the plot could not be written
EXIT_PLOT = 1

_JSON_NOTE = (
    "With --json, numbers that are not finite are written as the strings "
    '"inf", "-inf" and "nan" (JSON has no such numbers); float("inf") reads them back.'
)


class UsageError(Exception):
    """A command-line usage problem reported by argparse."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that raises instead of printing usage and exiting, so every
    error leaves as the same single ``ranges: error:`` line."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``ranges`` command.

    >>> args = build_parser().parse_args(["10k-12k", "troops", "--seed", "3"])
    >>> args.expression, args.seed
    (['10k-12k', 'troops'], '3')
    """
    from ranges.engines import ENGINES

    parser = _Parser(
        prog=PROG,
        description=(
            "Read figures as people write them ('10,000–12,000 troops', 'about 5,000', "
            "'at least 3k', 'thousands of workers') combined with + − × /, and report "
            "the total: the median, an interval, the range bounds, and how each figure "
            "was read."
        ),
        epilog=(
            "Examples: ranges \"10,000–12,000 + 3,000–4,000 troops\"; ranges \"several "
            "hundred + 2,000-3,000 troops\" --above 3,500; ranges \"thousands of workers\" "
            "--json. Exit status: 0 on success, 2 for a bad command line or expression "
            "(one line on stderr starting with 'ranges: error: '), 1 if the plot could "
            "not be written. " + _JSON_NOTE
        ),
    )
    parser.add_argument(
        "expression", nargs="+", metavar="EXPR",
        help=("the expression; several words are joined with spaces. Vague quantity "
              "words stand where a number may, read through the vague-quantity table as "
              "rg.vague reads them (e.g. 'thousands of workers', 'a few thousand', "
              "'tens of thousands of people')"),
    )
    parser.add_argument(
        "--level", default=None, metavar="P",
        help=f"probability of the reported interval, 0.9 or 90%% (default {defaults.level:g})",
    )
    parser.add_argument(
        "--n", default=None, metavar="N",
        help=f"number of Monte Carlo samples (default {defaults.n:,})",
    )
    parser.add_argument(
        "--seed", default=None, metavar="S",
        help=(f"non-negative integer seed (default {defaults.seed}); the same seed prints "
              "the same numbers; 'none' for fresh entropy"),
    )
    parser.add_argument(
        "--engine", default=None, metavar="NAME",
        help=f"engine for the statistics: {', '.join(sorted(ENGINES))} "
        f"(default {defaults.engine})",
    )
    parser.add_argument(
        "--shape", default=None, metavar="SHAPE",
        help=("read the stated ranges with this shape instead of the default policy: "
              + ", ".join(SHAPES)),
    )
    parser.add_argument(
        "--plot", default=None, metavar="FILE",
        help="also write a figure of the distribution to FILE (format from the extension)",
    )
    parser.add_argument(
        "--above", action="append", default=[], metavar="X",
        help=("also print the probability that the total exceeds X, e.g. --above 15,000 "
              "or --above 15k or --above '2 million USD'; X is read as the expression's "
              "numbers are, in the total's unit when it has none; a unit that cannot be "
              "converted to the total's is an error. May be repeated"),
    )
    parser.add_argument(
        "--below", action="append", default=[], metavar="X",
        help=("also print the probability that the total is at most X, e.g. --below "
              "13k; as --above. May be repeated"),
    )
    parser.add_argument(
        "--json", action="store_true",
        help=("print a JSON object (the summary, the expression and the one-line answer; "
              "with --above/--below, a \"probabilities\" list of {\"event\", "
              "\"threshold\", \"unit\", \"probability\", \"error\", "
              "\"range_bounds\"})"),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


# -- option values ---------------------------------------------------------------------
def parse_count(text: str) -> int:
    """The ``--n`` value: a positive whole number (``20000``, ``20_000``, ``2e4``).

    >>> parse_count("2e4"), parse_count("20_000")
    (20000, 20000)
    """
    value: float
    try:
        return _positive(int(text.replace(",", "")), text)
    except ValueError:
        pass
    try:
        value = float(text)
    except ValueError:
        raise SampleSizeError(f"--n must be a whole number of samples, got {text!r}") from None
    if not math.isfinite(value) or not value.is_integer():
        raise SampleSizeError(f"--n must be a whole number of samples, got {text!r}")
    return _positive(int(value), text)


def _positive(count: int, text: str) -> int:
    if count < 1:
        raise SampleSizeError(f"--n must be at least 1, got {text!r}")
    return count


def parse_level(text: str) -> float:
    """The ``--level`` value: a probability strictly between 0 and 1, or a percentage.

    >>> parse_level("0.8"), parse_level("95%")
    (0.8, 0.95)
    """
    body = text.strip()
    scale = 1.0
    if body.endswith("%"):
        body, scale = body[:-1], 0.01
    try:
        value = float(body) * scale
    except ValueError:
        raise InputError(f"--level must be a number such as 0.9 or 90%, got {text!r}") from None
    if not (math.isfinite(value) and 0.0 < value < 1.0):
        raise InputError(
            f"--level must be strictly between 0 and 1 (0.9 means a 90% interval), got {text!r}"
        )
    return value


def parse_seed(text: str) -> int | np.random.SeedSequence:
    """The ``--seed`` value: a non-negative integer, or ``none`` for fresh entropy.

    >>> parse_seed("42")
    42
    >>> type(parse_seed("none")).__name__
    'SeedSequence'
    """
    if text.strip().lower() in ("none", "random", "fresh"):
        return np.random.SeedSequence()
    try:
        seed = int(text)
    except ValueError:
        raise InputError(
            f"--seed must be a non-negative integer (or 'none'), got {text!r}"
        ) from None
    if seed < 0:
        raise InputError(f"--seed must be a non-negative integer (or 'none'), got {text!r}")
    return seed


def parse_engine(text: str) -> str:
    """The ``--engine`` value: the name of a registered engine.

    >>> parse_engine("MC")
    'mc'
    """
    from ranges.engines import ENGINES

    name = text.strip().lower()
    if name not in ENGINES:
        raise InputError(
            f"--engine: unknown engine {text!r}; known engines: {', '.join(sorted(ENGINES))}"
        )
    return name


# -- output ----------------------------------------------------------------------------
def json_safe(value: Any) -> Any:
    """``value`` with tuples as lists and non-finite floats as "inf", "-inf", "nan".

    >>> json_safe({"bounds": (3000.0, float("inf")), "x": [float("nan"), 1]})
    {'bounds': [3000.0, 'inf'], 'x': ['nan', 1]}
    """
    if isinstance(value, dict):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    if isinstance(value, float | np.floating):
        number = float(value)
        if math.isnan(number):
            return "nan"
        if math.isinf(number):
            return "inf" if number > 0 else "-inf"
        return number
    if isinstance(value, np.integer):
        return int(value)
    return value


def summary_json(text: str, summary: Summary,
                 probabilities: Sequence[ProbabilityAnswer] | None = None) -> str:
    """The ``--json`` output: the expression, the one-line answer and the summary;
    with ``probabilities`` (the answers to ``--above``/``--below``), a
    ``"probabilities"`` list of their ``to_dict()``.

    >>> import ranges as rg
    >>> s = rg.at_least(3_000).summary(n=1000)
    >>> data = json.loads(summary_json("at least 3,000", s))
    >>> data["expression"], data["bounds"]
    ('at least 3,000', [3000.0, 'inf'])
    """
    data: dict[str, Any] = {"expression": text, "answer": one_line(summary)}
    data.update(summary.to_dict())
    if probabilities is not None:
        data["probabilities"] = [answer.to_dict() for answer in probabilities]
    return json.dumps(json_safe(data), ensure_ascii=False, indent=2, allow_nan=False)


def one_line_error(err: BaseException) -> str:
    """A single line describing ``err`` (a ParseError keeps its position).

    >>> one_line_error(ParseError("unexpected word", "10k - - 2", 6))
    "unexpected word at position 6 in '10k - - 2'"
    """
    if isinstance(err, ParseError):
        return err.one_line()
    return " ".join(str(err).split()) or type(err).__name__


def write_plot(est: Estimate, path: str, *, level: float, n: int | None, rng: Any,
               engine: str | None = None) -> None:
    """Draw the distribution of ``est`` with :func:`ranges.plot.distribution` and save it.

    The figure is a standalone :class:`matplotlib.figure.Figure`: no pyplot figure
    manager, no backend switch, nothing left open in the calling process.
    """
    plot = importlib.import_module("ranges.plot")
    from matplotlib.figure import Figure

    figure = Figure()
    ax = figure.add_subplot()
    ax = plot.distribution(est, ax=ax, level=level, n=n, rng=rng, engine=engine)
    ax.figure.savefig(path, dpi=150, bbox_inches="tight")


def _evaluate(
    text: str, reading: Reading | None, *, level: float, engine: str | None, n: int | None,
    rng: int | np.random.SeedSequence | None, thresholds: Sequence[Threshold] = (),
) -> tuple[Estimate, Summary, list[ProbabilityAnswer]]:
    """Parse ``text``, summarize it and answer the thresholds from the same
    evaluation; a total that is not a number is an error."""
    from ranges.report._summary import summarize
    from ranges.text._build import parse

    if not text.strip():
        raise ParseError("the expression is empty", text, 0)
    # overflow and division by zero show up in the numbers (and are checked below),
    # not as numpy warnings on stderr
    with np.errstate(all="ignore"):
        est = parse(text, reading=reading)
        for threshold in thresholds:  # a bad unit is refused before any sampling
            threshold.in_unit_of(est)
        evaluation = est.evaluate(engine=engine, n=n, rng=rng)
        summary = summarize(est, level=level, evaluation=evaluation)
        answers = [probability_of(t, est, evaluation, summary.bounds) for t in thresholds]
    ends = {"median": summary.median, "low end": summary.low, "high end": summary.high}
    bad = [f"{name} {value}" for name, value in ends.items() if not math.isfinite(value)]
    if bad:
        raise EngineError(
            f"the total of {text!r} is not a finite number ({', '.join(bad)}): a division "
            "by zero or an overflow; " + (summary.bounds_note or "check the figures")
        )
    return est, summary, answers


def _fail(stream: TextIO, message: str, status: int) -> int:
    print(f"{PROG}: error: {message}", file=stream)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``ranges`` command with ``argv`` (``sys.argv[1:]`` when None); return
    the exit status.

    >>> main(["10,000–12,000", "+", "3,000–4,000", "troops", "--n", "20000", "--json"])
    {
      "expression": "10,000–12,000 + 3,000–4,000 troops",
      "answer": "14,400 troops (90% interval 13,400–15,600); ranges added end to end: ...",
    ...
    0
    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["report"]:  # `ranges report SPEC.toml -o OUTDIR`
        from ranges._report_command import main as report_main

        return report_main(args_list[1:])
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except SystemExit as done:  # --help and --version print and stop
        return done.code if isinstance(done.code, int) else 0
    except UsageError as err:
        return _fail(sys.stderr, f"{one_line_error(err)} (see '{PROG} --help')", EXIT_USAGE)
    text = " ".join(args.expression)
    try:
        level = defaults.level if args.level is None else parse_level(args.level)
        n = None if args.n is None else parse_count(args.n)
        rng: int | np.random.SeedSequence | None = (
            None if args.seed is None else parse_seed(args.seed)
        )
        engine = None if args.engine is None else parse_engine(args.engine)
        reading = None if args.shape is None else defaults.reading.replace(shape=args.shape)
        thresholds = [Threshold.read(x, "above") for x in args.above] + [
            Threshold.read(x, "below") for x in args.below]
        est, summary, answers = _evaluate(text, reading, level=level, engine=engine, n=n,
                                          rng=rng, thresholds=thresholds)
    except RangesError as err:
        return _fail(sys.stderr, one_line_error(err), EXIT_USAGE)
    except RecursionError:
        return _fail(sys.stderr, "the expression is nested or chained too deeply to read "
                     f"({len(text):,} characters); split it into parts", EXIT_USAGE)
    except (OverflowError, MemoryError) as err:
        return _fail(sys.stderr, f"a number in the expression is too large to work with "
                     f"({type(err).__name__}: {one_line_error(err)})", EXIT_USAGE)
    if args.json:
        print(summary_json(text, summary, answers if thresholds else None))
    else:
        print(report(summary))
        for answer in answers:
            print(answer.line())
            statement = answer.bounds_line()
            if statement is not None:
                print(f"  {statement}")
    if args.plot is not None:
        try:
            write_plot(est, args.plot, level=level, n=n, rng=rng, engine=engine)
        except ModuleNotFoundError as err:
            if err.name not in ("ranges.plot", "matplotlib"):
                raise
            return _fail(sys.stderr, f"--plot needs {err.name}, which is not available",
                         EXIT_PLOT)
        except RangesError as err:
            return _fail(sys.stderr, f"--plot: {one_line_error(err)}", EXIT_USAGE)
        except (OSError, ValueError) as err:
            return _fail(sys.stderr, f"cannot write the plot to {args.plot!r}: "
                         f"{one_line_error(err)}", EXIT_PLOT)
    return 0
