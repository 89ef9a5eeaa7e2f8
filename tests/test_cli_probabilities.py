"""``--above X`` and ``--below X``: the printed probability is the estimate's own
``prob_above``/``prob_below`` under the same engine, seed and sample count; it agrees
with plain Monte Carlo; units are converted or refused; bad thresholds are one line."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

import ranges as rg
from ranges._thresholds import format_probability
from ranges.cli import main

TEXT = "10,000–12,000 + 3,000–4,000 + 800–1,200 + 4,000–6,000 troops"
N = 50_000


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def probabilities(out: str) -> dict[str, str]:
    """'total > 22,000 troops' -> '0.043 (numerical error ±...)' from the printed lines."""
    return {m[1]: m[2] for m in re.finditer(r"^P\((.+?)\) (?:= )?(.+)$", out, re.M)}


@pytest.mark.parametrize("engine", ["mc", "qmc", "exact", "auto"])
def test_printed_probability_is_prob_above(
    capsys: pytest.CaptureFixture[str], engine: str
) -> None:
    status, out, err = run(capsys, TEXT, "--above", "22,000", "--below", "19.5k",
                           "--engine", engine, "--n", str(N), "--seed", "3")
    assert status == 0 and err == ""
    est = rg.parse(TEXT)
    above = est.prob_above(22_000, engine=engine, n=N, rng=3)
    below = est.prob_below(19_500, engine=engine, n=N, rng=3)
    found = probabilities(out)
    assert found["total > 22,000 troops"].split(" (")[0] == f"{above:.3f}"
    assert found["total ≤ 19,500 troops"].split(" (")[0] == f"{below:.3f}"
    # the summary lines are unchanged by the options
    status, plain, _ = run(capsys, TEXT, "--engine", engine, "--n", str(N), "--seed", "3")
    assert out.startswith(plain)


def test_agrees_with_plain_monte_carlo(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, TEXT, "--above", "21,000", "--json", "--engine", "exact")
    assert status == 0
    entry = json.loads(out)["probabilities"][0]
    # an independent reference: 400,000 plain draws of the four lognormals, by numpy
    rng = np.random.default_rng(2024)
    z = 1.6448536269514722  # the 95th percentile of the standard normal
    total = np.zeros(400_000)
    for low, high in [(10_000, 12_000), (3_000, 4_000), (800, 1_200), (4_000, 6_000)]:
        mu, sigma = (math.log(low) + math.log(high)) / 2, (math.log(high) - math.log(low)) / (2 * z)
        total += rng.lognormal(mu, sigma, total.size)
    reference = float(np.mean(total > 21_000))
    standard_error = math.sqrt(reference * (1 - reference) / total.size)
    assert abs(entry["probability"] - reference) < 5 * standard_error + 1e-4


def test_mc_error_is_the_binomial_standard_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, TEXT, "--above", "21,000", "--json", "--engine", "mc",
                         "--n", "10000", "--seed", "8")
    assert status == 0
    entry = json.loads(out)["probabilities"][0]
    p = entry["probability"]
    assert entry["error"] == pytest.approx(math.sqrt(p * (1 - p) / 10_000), rel=1e-12)


def test_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, TEXT, "--above", "15k", "--above", "25,000", "--below",
                         "20 thousand soldiers", "--json", "--n", "4000")
    assert status == 0
    rows = json.loads(out)["probabilities"]
    assert [(r["event"], r["threshold"], r["unit"]) for r in rows] == [
        ("above", 15_000.0, "troops"), ("above", 25_000.0, "troops"),
        ("below", 20_000.0, "troops")]
    for row in rows:
        assert set(row) == {"event", "threshold", "unit", "probability", "error",
                            "range_bounds"}
        assert 0.0 <= row["probability"] <= 1.0
    # the range bounds are 17,800–23,200: below them "certain" to be above, above them
    # "impossible" to exceed, inside them neither
    assert [r["range_bounds"] for r in rows] == ["certain", "impossible", None]
    status, out, _ = run(capsys, TEXT, "--json", "--n", "4000")
    assert "probabilities" not in json.loads(out)


def test_range_bounds_statement(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, TEXT, "--above", "25k", "--below", "20,000")
    assert status == 0
    lines = out.splitlines()
    at = lines.index(next(line for line in lines if line.startswith("P(total > 25,000")))
    assert lines[at].endswith("< 0.001")
    assert "cannot exceed it" in lines[at + 1] and "17,800–23,200 troops" in lines[at + 1]
    assert lines[at + 2].startswith("P(total ≤ 20,000 troops) = ")  # inside: no statement
    assert len(lines) == at + 3


def test_units_are_converted(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "10–12 km", "--above", "11,500 m", "--engine", "exact")
    assert status == 0
    expected = rg.parse("10–12 km").prob_above(11.5, engine="exact")
    line = next(x for x in out.splitlines() if x.startswith("P("))
    assert line.startswith(f"P(total > 11.5 km (11,500 m)) = {expected:.3f}")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--above", "2 million USD"], ["--above", "'2 million USD'", "USD", "troops"]),
        (["--below", "5 km"], ["--below", "km", "troops"]),
        (["--above", "50%"], ["--above", "percentage", "troops"]),
        (["--above", "abc"], ["--above", "'abc'", "not a number"]),
        (["--below", "10-12"], ["--below", "'10-12'", "one number"]),
        (["--above", "thousands"], ["--above", "one number"]),
    ],
)
def test_bad_threshold_is_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: list[str]
) -> None:
    status, out, err = run(capsys, TEXT, *argv)
    assert status == 2 and out == ""
    assert err.startswith("ranges: error: ") and err.count("\n") == 1, err
    for word in words:
        assert word in err, err


def test_currency_threshold_fits_a_currency_total(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "$1-3 million", "--below", "2 million USD", "--engine", "exact")
    assert status == 0
    expected = rg.parse("$1-3 million").prob_below(2e6, engine="exact")
    assert f"= {expected:.3f}" in next(x for x in out.splitlines() if x.startswith("P("))


def test_format_probability() -> None:
    assert format_probability(0.0652) == "0.065"
    assert format_probability(0.0004) == "< 0.001"
    assert format_probability(0.9996) == "> 0.999"
    assert format_probability(0.0042) == "0.0042"
    # a sampled zero says no more than its samples can: 0 of 1,000 is "< 0.003"
    assert format_probability(0.0, 0.0, samples=1_000) == "< 0.003"
    assert format_probability(0.5, 0.0158) == "0.500 (numerical error ±0.02)"
