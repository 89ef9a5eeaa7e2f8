"""Vague quantity words on the command line: ``ranges "thousands of workers"`` prints
the numbers of ``rg.vague``/``rg.extract``'s estimate, its reading as an assumption,
and ``--version`` works from both entry points."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

import ranges as rg
from ranges.cli import main
from ranges.report._format import format_number

N = 20_000


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def printed(out: str) -> tuple[str, ...]:
    """The median and the interval's ends as the report prints them."""
    median = re.search(r"^  median ([\d,.]*\d)", out, re.M)
    interval = re.search(r"^  \d+% interval ([\d,.]*\d)–([\d,.]*\d)", out, re.M)
    assert median and interval, out
    return (median[1], interval[1], interval[2])


def as_printed(x: float) -> str:
    """``x`` as the report prints it (4 significant figures)."""
    return format_number(x, 4)


# (command line, the estimate built independently with the constructors)
CASES = [
    ("thousands of workers", lambda: rg.vague("thousands", unit="workers")),
    ("dozens of trucks", lambda: rg.vague("dozens", unit="trucks")),
    ("tens of thousands of people", lambda: rg.vague("tens of thousands", unit="people")),
    ("a few thousand", lambda: rg.vague("a few thousand")),
    ("several hundred + 2,000-3,000 troops",
     lambda: rg.vague("several hundred", unit="troops") + rg.between(2_000, 3_000,
                                                                     unit="troops")),
]


@pytest.mark.parametrize(("text", "build"), CASES, ids=[c[0] for c in CASES])
def test_printed_numbers_are_those_of_rg_vague(
    capsys: pytest.CaptureFixture[str], text: str, build: object
) -> None:
    status, out, err = run(capsys, text, "--engine", "exact")
    assert status == 0 and err == ""
    est = build()  # type: ignore[operator]
    q = est.quantile([0.5, 0.05, 0.95], engine="exact")
    assert printed(out) == tuple(as_printed(float(x)) for x in q)
    assert "read as" in out and "by convention" in out  # the table's reading is noted


def test_cli_agrees_with_extract(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "tens of thousands of troops", "--engine", "exact")
    assert status == 0
    figure = rg.extract("The army massed tens of thousands of troops.")[0]
    q = figure.estimate().quantile([0.5, 0.05, 0.95], engine="exact")
    assert printed(out) == tuple(as_printed(float(x)) for x in q)


def test_sampled_engines_match_the_library_with_the_same_seed(
    capsys: pytest.CaptureFixture[str]
) -> None:
    text = "several hundred + 2,000-3,000 troops"
    status, out, _ = run(capsys, text, "--engine", "mc", "--n", str(N), "--seed", "4")
    assert status == 0
    s = rg.parse(text).summary(engine="mc", n=N, rng=4)
    assert printed(out) == (as_printed(s.median), as_printed(s.low), as_printed(s.high))


@pytest.mark.parametrize(("text", "where"), [("lots of workers", 0),
                                             ("5 + heaps of trucks", 4)])
def test_unknown_word_is_one_line_with_its_position(
    capsys: pytest.CaptureFixture[str], text: str, where: int
) -> None:
    status, out, err = run(capsys, text)
    assert status == 2 and out == ""
    assert err.startswith("ranges: error: ") and err.count("\n") == 1
    assert f"at position {where}" in err and "vague quantity" in err


@pytest.mark.parametrize("command", [[sys.executable, "-m", "ranges"]], ids=["python -m"])
def test_version_from_python_dash_m(command: list[str]) -> None:
    done = subprocess.run([*command, "--version"], capture_output=True, text=True,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"ranges {rg.__version__}"


def test_version_from_main(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--version")
    assert status == 0 and out.strip() == f"ranges {rg.__version__}"
