"""Distributions: the monotone-function table against closed forms, scipy loading only
when first needed, and families that compare equal by their parameters."""

from __future__ import annotations

import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy import stats

import ranges as rg
from ranges.distributions import (
    MONOTONE_OPS,
    PERT,
    Distribution,
    LogNormal,
    LogUniform,
    Monotone,
    Normal,
    Triangular,
    Uniform,
)

ROOT = Path(__file__).resolve().parents[1]
PROBABILITIES = np.array([0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99])


def _same_distribution(got: Distribution, reference: Distribution, rel: float) -> None:
    """ppf, cdf and pdf of ``got`` agree with ``reference`` within ``rel``."""
    xs = reference.ppf(PROBABILITIES)
    assert got.ppf(PROBABILITIES) == pytest.approx(xs, rel=rel)
    assert got.cdf(xs) == pytest.approx(PROBABILITIES, rel=rel)
    assert got.pdf(xs) == pytest.approx(reference.pdf(xs), rel=rel)


@pytest.mark.parametrize(
    "made,reference",
    [
        # exp of a normal is a lognormal with the same parameters
        (Monotone(Normal(0.3, 0.7), "exp"), LogNormal(0.3, 0.7)),
        # the log of a lognormal is that normal; log10 and log2 scale it
        (Monotone(LogNormal(0.3, 0.7), "log"), Normal(0.3, 0.7)),
        (Monotone(LogNormal(0.3, 0.7), "log10"),
         Normal(0.3 / math.log(10), 0.7 / math.log(10))),
        (Monotone(LogNormal(0.3, 0.7), "log2"), Normal(0.3 / math.log(2), 0.7 / math.log(2))),
        # a power of a lognormal is a lognormal (a negative power mirrors it)
        (Monotone(LogNormal(0.3, 0.7), "power", exponent=2.5), LogNormal(0.75, 1.75)),
        (Monotone(LogNormal(0.3, 0.7), "power", exponent=-1.0), LogNormal(-0.3, 0.7)),
        (Monotone(LogNormal(0.3, 0.7), "sqrt"), LogNormal(0.15, 0.35)),
        # the cube root of a loguniform is a loguniform
        (Monotone(LogUniform(1.0, 1000.0), "cbrt"), LogUniform(1.0, 10.0)),
    ],
    ids=["exp", "log", "log10", "log2", "power", "negative_power", "sqrt", "cbrt"],
)
def test_monotone_functions_match_closed_forms(made: Monotone, reference: Distribution) -> None:
    _same_distribution(made, reference, rel=1e-9)


@pytest.mark.parametrize(
    "function,base",
    [("expm1", Normal(0, 0.5)), ("log1p", LogNormal(0, 0.5)), ("tanh", Normal(0, 1)),
     ("arctan", Normal(0, 2))],
)
def test_monotone_functions_without_a_closed_form_agree_with_their_definition(
    function: str, base: Distribution
) -> None:
    numpy_function = {"expm1": np.expm1, "log1p": np.log1p, "tanh": np.tanh,
                      "arctan": np.arctan}[function]
    made = Monotone(base, function)
    xs = base.ppf(PROBABILITIES)
    # g(X) at the q-quantile of X is the q-quantile of g(X) (g increasing)
    assert made.ppf(PROBABILITIES) == pytest.approx(numpy_function(xs), rel=1e-12)
    assert made.cdf(numpy_function(xs)) == pytest.approx(PROBABILITIES, rel=1e-9)
    # the density is the derivative of the cdf (central difference, step 1e-6)
    ys = numpy_function(xs)
    h = 1e-6
    slope = (made.cdf(ys + h) - made.cdf(ys - h)) / (2 * h)
    assert made.pdf(ys) == pytest.approx(slope, rel=1e-5)


def test_every_monotone_function_is_in_the_table() -> None:
    for function in MONOTONE_OPS:
        base = LogNormal(0.0, 0.2) if function.value != "tanh" else Normal(0, 0.2)
        made = Monotone(base, function, exponent=2.0)
        assert made.op is function
        assert np.all(np.isfinite(made.ppf(PROBABILITIES)))


def test_monotone_refuses_what_it_cannot_name() -> None:
    with pytest.raises(rg.InputError, match="unknown monotone function 'sinh'"):
        Monotone(Normal(0, 1), "sinh")
    with pytest.raises(rg.InputError, match="power of 0"):
        Monotone(LogNormal(0, 1), "power", exponent=0.0)
    with pytest.raises(rg.InputError, match="pow-1 is decreasing"):
        Monotone(LogNormal(0, 1), "power", exponent=-1.0, increasing=True)


def _modules_loaded_after(code: str) -> set[str]:
    """The scipy, pint and matplotlib modules a fresh interpreter has after ``code``."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
    script = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout
    return {line for line in out.splitlines()
            if line.split(".")[0] in ("scipy", "pint", "matplotlib")}


def test_import_ranges_does_not_load_scipy_stats() -> None:
    loaded = _modules_loaded_after("import ranges")
    assert "scipy.stats" not in loaded


def test_reading_figures_and_their_quantiles_does_not_load_scipy_stats() -> None:
    loaded = _modules_loaded_after(
        "import ranges as rg\n"
        "for est in (rg.between(10_000, 12_000), rg.between(-5, 5), rg.about(10_700),\n"
        "            rg.at_least(3_000), rg.at_most(5_000), rg.vague('thousands')):\n"
        "    est.leaf.distribution.ppf([0.05, 0.5, 0.95])\n"
        "    est.leaf.distribution.cdf(7_000.0)\n"
        "    est.leaf.distribution.support()\n"
    )
    assert "scipy.special" in loaded  # the quantiles need it, and load it
    assert "scipy.stats" not in loaded


def test_z_values_come_from_the_normal_quantile() -> None:
    for level in (0.5, 0.8, 0.9, 0.95, 0.99):
        normal = Normal.from_interval(-1.0, 1.0, level)
        assert normal.sigma == pytest.approx(1.0 / stats.norm.ppf(0.5 + level / 2), rel=1e-14)


@pytest.mark.parametrize("mode", [None, 110.0, 185.0])
def test_pert_fit_matches_scipy_beta(mode: float | None) -> None:
    dist = PERT.from_interval(100.0, 200.0, 0.9, mode)
    reference = stats.beta(dist.alpha, dist.beta, loc=dist.low, scale=dist.high - dist.low)
    assert reference.ppf([0.05, 0.95]) == pytest.approx([100.0, 200.0], rel=1e-9)


@pytest.mark.parametrize(
    "dist,support",
    [(Normal(0, 1), (-math.inf, math.inf)), (LogNormal(0, 1), (0.0, math.inf)),
     (Uniform(2, 4), (2.0, 4.0)), (LogUniform(1, 9), (1.0, 9.0)),
     (Triangular(0, 1, 3), (0.0, 3.0)), (PERT(0, 1, 3), (0.0, 3.0))],
)
def test_families_state_the_same_support_as_scipy(
    dist: Distribution, support: tuple[float, float]
) -> None:
    assert dist.support() == support
    assert tuple(dist._frozen.support()) == support  # type: ignore[attr-defined]


def test_equal_families_hash_alike_and_serve_as_keys() -> None:
    seen = {Normal(0, 1): "a", LogNormal(0, 1): "b"}
    assert seen[Normal(0.0, 1.0)] == "a"
    assert seen[LogNormal(0, 1)] == "b"
    assert Normal(0, 1) not in {LogNormal(0, 1), Normal(0, 2)}
    assert rg.between(10, 20).leaf == rg.between(10, 20).leaf
