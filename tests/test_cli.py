"""The ``ranges`` command: what it prints matches the library, options change what
they should, and bad input is one ``ranges: error:`` line with exit status 2."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import ranges as rg
from ranges.cli import main
from ranges.report._format import format_number, format_range, one_line
from ranges.text._build import parse

N = 20_000
SEED_TOTAL = "10,000–12,000 + 3,000–4,000 + 800–1,200 + 4,000–6,000 troops"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def number(text: str) -> float:
    return float(text.replace(",", ""))


def reported(out: str) -> dict[str, float]:
    """The median and interval ends printed by the multi-line report."""
    median = re.search(r"^  median ([-\d,.]+)", out, re.M)
    interval = re.search(r"^  \d+% interval ([-\d,.]+)–([-\d,.]+)", out, re.M)
    assert median and interval, out
    return {"median": number(median[1]), "low": number(interval[1]),
            "high": number(interval[2])}


def expected(summary: rg.Summary) -> dict[str, float]:
    """The same numbers as the report writes them in the report (4 significant figures)."""
    return {key: number(format_number(getattr(summary, key), 4))
            for key in ("median", "low", "high")}


def one_error_line(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("ranges: error: "), err
    assert "Traceback" not in err
    return err


# -- what is printed matches the library ------------------------------------------------
@pytest.mark.parametrize(
    "text", [SEED_TOTAL, "10k-12k troops", "about 5,000 workers - at most 1,000 workers",
             "at least 3,000 + 2 × 10–20"],
)
def test_report_numbers_match_the_summary(capsys: pytest.CaptureFixture[str], text: str) -> None:
    status, out, err = run(capsys, text, "--n", str(N), "--seed", "7")
    assert status == 0 and err == ""
    summary = parse(text).summary(n=N, rng=7)
    assert reported(out) == expected(summary)
    first = out.splitlines()[0]
    assert first == one_line(summary)
    if summary.engine == "exact":
        assert "engine exact (computed, not sampled)" in out
    else:
        assert f"{N:,} samples, seed 7" in out
    status, out, err = run(capsys, text, "--n", str(N), "--seed", "7", "--engine", "mc")
    sampled = parse(text).summary(engine="mc", n=N, rng=7)
    assert reported(out) == expected(sampled)
    assert f"{N:,} samples, seed 7" in out


def test_report_lists_how_each_input_was_read(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, SEED_TOTAL, "--n", str(N))
    assert status == 0
    assert out.count("read as the 90% interval of a lognormal") == 4
    assert "range bounds 17,800–23,200 troops" in out
    assert "assumptions:" in out


def test_words_are_joined_into_one_expression(capsys: pytest.CaptureFixture[str]) -> None:
    _, joined, _ = run(capsys, "10k-12k", "+", "3k-4k", "troops", "--n", str(N))
    _, quoted, _ = run(capsys, "10k-12k + 3k-4k troops", "--n", str(N))
    assert joined == quoted


def test_json_parses_and_matches(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, SEED_TOTAL, "--n", str(N), "--seed", "3", "--json",
                         "--engine", "mc")
    assert status == 0
    data = json.loads(out)
    summary = parse(SEED_TOTAL).summary(engine="mc", n=N, rng=3)
    assert data["expression"] == SEED_TOTAL
    assert data["answer"] == one_line(summary)
    for key in ("median", "mean", "std", "low", "high", "level"):
        assert data[key] == getattr(summary, key)
    assert data["bounds"] == [17_800.0, 23_200.0]
    assert data["n"] == N and data["seed"] == 3 and data["engine"] == "mc"
    assert data["errors"] == summary.errors
    assert len(data["inputs"]) == 4
    assert data["inputs"][0]["note"]["shape"] == "lognormal"


def test_json_writes_infinity_as_a_string(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "at least 3,000", "--n", "2000", "--json")
    assert status == 0
    assert "Infinity" not in out and "NaN" not in out
    data = json.loads(out)
    assert data["bounds"] == [3000.0, "inf"]
    assert float(data["bounds"][1]) == math.inf


def test_same_seed_same_output_other_seed_other_numbers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    mc = ("--engine", "mc")
    first = run(capsys, SEED_TOTAL, "--n", str(N), "--seed", "11", *mc)[1]
    again = run(capsys, SEED_TOTAL, "--n", str(N), "--seed", "11", *mc)[1]
    other = run(capsys, SEED_TOTAL, "--n", str(N), "--seed", "12", *mc)[1]
    assert first == again
    assert reported(first) != reported(other)
    a = json.loads(run(capsys, SEED_TOTAL, "--n", str(N), "--seed", "11", "--json", *mc)[1])
    b = json.loads(run(capsys, SEED_TOTAL, "--n", str(N), "--seed", "12", "--json", *mc)[1])
    assert a["median"] != b["median"] and a["low"] != b["low"]


def test_default_seed_is_the_library_default(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "10k-12k", "--n", str(N), "--json")[1]
    assert json.loads(out)["median"] == parse("10k-12k").summary(n=N).median


def test_seed_none_draws_fresh_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    mc = ("--engine", "mc")
    a = json.loads(run(capsys, "10k-12k", "--n", "2000", "--seed", "none", "--json", *mc)[1])
    b = json.loads(run(capsys, "10k-12k", "--n", "2000", "--seed", "none", "--json", *mc)[1])
    assert a["seed"] is None and a["median"] != b["median"]


def test_shape_bounds_changes_the_interval(capsys: pytest.CaptureFixture[str]) -> None:
    text = "10,000–12,000"
    default = reported(run(capsys, text, "--n", str(N))[1])
    status, out, _ = run(capsys, text, "--n", str(N), "--shape", "bounds")
    assert status == 0
    flat = reported(out)
    assert flat != default
    # flat on exactly 10,000–12,000: the 90% interval is 10,100–11,900
    assert flat["low"] == pytest.approx(10_100, abs=15)
    assert flat["high"] == pytest.approx(11_900, abs=15)
    assert "read as hard bounds" in out
    reading = rg.defaults.reading.replace(shape="bounds")
    assert flat == expected(parse(text, reading=reading).summary(n=N))


def test_level_changes_the_interval(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, SEED_TOTAL, "--n", str(N), "--level", "50%")[1]
    summary = parse(SEED_TOTAL).summary(0.5, n=N)
    assert "50% interval" in out
    assert reported(out) == expected(summary)
    assert run(capsys, SEED_TOTAL, "--n", str(N), "--level", "0.5")[1] == out


def test_engine_option(capsys: pytest.CaptureFixture[str]) -> None:
    mc_out = run(capsys, SEED_TOTAL, "--n", str(N), "--engine", "mc")[1]
    exact_out = run(capsys, SEED_TOTAL, "--engine", "exact")[1]
    auto_out = run(capsys, SEED_TOTAL, "--engine", "auto")[1]
    assert "engine mc" in mc_out and "engine exact" in exact_out
    assert reported(exact_out) == reported(auto_out)
    sampled, computed = reported(mc_out), reported(exact_out)
    for key in computed:  # Monte Carlo at 20,000 samples is within 0.3 % here
        assert sampled[key] == pytest.approx(computed[key], rel=3e-3)


def test_exact_total(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "20% × 5,000 troops", "--n", "100")
    assert status == 0 and out.startswith("1,000 troops (exact)")


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0 and "--json" in out and '"inf"' in out
    status, out, _ = run(capsys, "--version")
    assert status == 0 and out.strip() == f"ranges {rg.__version__}"


# -- plot ---------------------------------------------------------------------------------
def test_plot_writes_a_png(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import matplotlib

    backend = matplotlib.get_backend()
    target = tmp_path / "total.png"
    status, out, err = run(capsys, SEED_TOTAL, "--n", str(N), "--plot", str(target))
    assert status == 0 and err == ""
    assert reported(out) == expected(parse(SEED_TOTAL).summary(n=N))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # no backend switch and no pyplot figure left open in this process
    assert matplotlib.get_backend() == backend
    if "matplotlib.pyplot" in sys.modules:
        assert sys.modules["matplotlib.pyplot"].get_fignums() == []


def test_plot_that_cannot_be_written(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "10k-12k", "--n", "2000",
                           "--plot", str(tmp_path / "missing" / "x.png"))
    assert status == 1 and out  # the summary is printed, the plot is not
    assert "cannot write the plot" in one_error_line(err)


# -- errors -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text,position",
    [("10k + )", 6), ("10k + ?", 6), ("10–12 ~~", 6), ("10 troops + 5 km", 10),
     ("12–10", 0), ("at least -5", 0)],
)
def test_parse_error_is_one_line_with_the_position(
    capsys: pytest.CaptureFixture[str], text: str, position: int
) -> None:
    status, out, err = run(capsys, text)
    assert status == 2 and out == ""
    line = one_error_line(err)
    assert f"position {position}" in line
    assert repr(text) in line


@pytest.mark.parametrize(
    "argv,words",
    [
        (["--n", "0"], "--n must be at least 1"),
        (["--n", "-5"], "--n must be at least 1"),
        (["--n", "1.5"], "whole number"),
        (["--n", "lots"], "whole number"),
        (["--n", "1e13", "--engine", "mc"], "memory"),
        (["--level", "1.5"], "--level must be strictly between 0 and 1"),
        (["--level", "0"], "--level"),
        (["--level", "150%"], "--level"),
        (["--level", "nan"], "--level"),
        (["--level", "high"], "--level"),
        (["--engine", "quantum"], "unknown engine 'quantum'"),
        (["--seed", "-1"], "--seed"),
        (["--seed", "1.5"], "--seed"),
        (["--seed", "abc"], "--seed"),
        (["--shape", "weird"], "unknown shape 'weird'"),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["--n"], "expected one argument"),
    ],
)
def test_bad_options_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    status, out, err = run(capsys, "10k-12k", *argv)
    assert status == 2 and out == ""
    assert words in one_error_line(err)


def test_no_expression_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys)
    assert status == 2
    assert "required: EXPR" in one_error_line(err)


MALFORMED = [
    "", "   ", "+", "-", "10k -", "10 +", "(", ")", "(10", "10)", "10–", "–10", "10 to",
    "between 10", "between 10 and", "about", "at least", "about 0", "at most 0",
    "10 ±", "± 5", "10 ± -1", "$", "$$5", "5 %%", "% 5", "10k-12k-14k", "10 × × 2",
    "×", "2 times", "5 ^", "5 ^ x", "5^(2", "from 1 to", "1.2.3", "..5", "\x00",
    "1/0", "0^-1", "(-1)^0.5", "10^1000", "1e308 * 10", "1e999", "nan", "inf",
    "10 troops + 5 km", "1k-2k troops - 1k-2k km", "10 USD + 5 EUR", "troops",
    "(" * 400 + "1" + ")" * 400,
]


def test_a_very_long_sum_is_fine(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "+".join(["1"] * 3000))
    assert status == 0 and out.startswith("3,000 (exact)")
    assert "and 2,990 more" in out


@pytest.mark.parametrize("text", MALFORMED, ids=lambda t: repr(t)[:30])
def test_malformed_expressions_fail_cleanly(
    capsys: pytest.CaptureFixture[str], text: str
) -> None:
    status, out, err = run(capsys, "--n", "200", "--", text)
    assert status == 2, out
    assert out == ""
    one_error_line(err)


def test_random_junk_never_escapes(capsys: pytest.CaptureFixture[str]) -> None:
    import random

    pieces = [*"0123456789 +-−–*/×^()%$,.k±~<>", "about ", "at least ", " to ",
              " troops", "between ", " and ", "thousand", "e5"]
    chooser = random.Random(0)
    for _ in range(300):
        text = "".join(chooser.choice(pieces) for _ in range(chooser.randint(1, 12)))
        status, out, err = run(capsys, "--n", "200", "--", text)
        assert status in (0, 2), text
        if status == 0:
            assert err == "" and out, text
        else:
            one_error_line(err)


# -- the command as installed ---------------------------------------------------------------
def _subprocess(command: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                          env=env, timeout=120, check=False)


COMMANDS: list[Any] = [
    pytest.param([sys.executable, "-m", "ranges"], id="python -m ranges"),
    # the console script the install made, beside this interpreter (not whatever is on PATH)
    pytest.param([str(Path(sys.executable).with_name("ranges"))], id="console script"),
]


@pytest.mark.parametrize("command", COMMANDS)
def test_installed_command(command: list[str]) -> None:
    done = _subprocess([*command, SEED_TOTAL, "--n", str(N), "--seed", "5"])
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    summary = parse(SEED_TOTAL).summary(n=N, rng=5)
    assert reported(done.stdout) == expected(summary)
    assert format_range(summary.low, summary.high) in done.stdout.splitlines()[0]

    bad = _subprocess([*command, "10k + )"])
    assert bad.returncode == 2 and bad.stdout == ""
    assert "position 6" in one_error_line(bad.stderr)
