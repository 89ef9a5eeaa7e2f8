"""Readings against closed forms: every shape puts the stated ends at the level's
percentiles (checked through the distribution's own ppf), and Monte Carlo draws
agree within the binomial error."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

import ranges as rg
from ranges.distributions._families import LogNormal, Normal, PointMass
from ranges.reading._policy import Reading, load_vague_table

SHAPES = ["lognormal", "normal", "uniform", "triangular", "pert", "loguniform"]
RANGES = [(10_000, 12_000), (3_000, 4_000), (1, 1_000), (0.2, 0.3), (800, 1_200)]
LEVELS = [0.5, 0.8, 0.9, 0.95, 0.99]


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("low,high", RANGES)
@pytest.mark.parametrize("level", LEVELS)
def test_stated_ends_sit_at_the_levels_percentiles(
    shape: str, low: float, high: float, level: float
) -> None:
    est = rg.between(low, high, shape=shape, level=level)
    assert est.leaf is not None
    got = est.leaf.distribution.ppf([(1 - level) / 2, (1 + level) / 2])
    assert got[0] == pytest.approx(low, rel=1e-9)
    assert got[1] == pytest.approx(high, rel=1e-9)
    assert est.leaf.note.shape == shape
    assert est.leaf.note.level == level


@pytest.mark.parametrize("low,high", [(-5, 5), (-10, -2), (0, 3)])
def test_normal_reading_of_ranges_reaching_zero_or_below(low: float, high: float) -> None:
    est = rg.between(low, high)
    assert est.leaf is not None
    assert est.leaf.note.shape == "normal"
    got = est.leaf.distribution.ppf([0.05, 0.95])
    assert got == pytest.approx([low, high], rel=1e-9, abs=1e-12)


def test_default_reading_of_a_positive_range_is_lognormal_with_closed_form_parameters() -> None:
    est = rg.between(10_000, 12_000)
    dist = est.leaf.distribution if est.leaf else None
    assert isinstance(dist, LogNormal)
    z = stats.norm.ppf(0.95)
    assert dist.mu == pytest.approx((math.log(10_000) + math.log(12_000)) / 2, rel=1e-12)
    assert dist.sigma == pytest.approx((math.log(12_000) - math.log(10_000)) / (2 * z), rel=1e-12)
    # the mean of a lognormal in closed form
    assert dist.mean() == pytest.approx(math.exp(dist.mu + dist.sigma**2 / 2), rel=1e-12)
    assert dist.mean() == pytest.approx(float(stats.lognorm(dist.sigma,
                                                            scale=math.exp(dist.mu)).mean()))


def test_bounds_shape_is_flat_on_exactly_the_stated_range_and_hard() -> None:
    est = rg.between(3_000, 4_000, shape="bounds")
    assert est.leaf is not None
    assert est.leaf.distribution.support() == (3_000, 4_000)
    assert est.leaf.distribution.ppf([0.0, 0.5, 1.0]) == pytest.approx([3_000, 3_500, 4_000])
    assert est.leaf.note.hard


def test_uniform_shape_is_flat_on_a_wider_interval() -> None:
    est = rg.between(10, 20, shape="uniform", level=0.9)
    assert est.leaf is not None
    low, high = est.leaf.distribution.support()
    # 90% of the mass on [10, 20] means the support is 10/0.9 wide
    assert high - low == pytest.approx(10 / 0.9, rel=1e-12)
    assert (low + high) / 2 == pytest.approx(15)


@pytest.mark.parametrize("shape", ["triangular", "pert"])
def test_mode_is_kept_and_ends_still_match(shape: str) -> None:
    est = rg.between(100, 200, shape=shape, mode=130)
    assert est.leaf is not None
    dist = est.leaf.distribution
    assert dist.params["mode"] == 130
    assert dist.ppf([0.05, 0.95]) == pytest.approx([100, 200], rel=1e-9)


@pytest.mark.parametrize("shape", [*SHAPES, "bounds"])
def test_monte_carlo_percentiles_within_binomial_error(shape: str) -> None:
    n = 200_000
    est = rg.between(800, 1_200, shape=shape)
    samples = est.sample(n, rng=11)
    assert est.leaf is not None
    for p in (0.05, 0.5, 0.95):
        x = float(est.leaf.distribution.ppf(p))
        share_below = float(np.mean(samples <= x))
        assert abs(share_below - p) < 4.5 * math.sqrt(p * (1 - p) / n)


def test_about_width_follows_roundness() -> None:
    reading = Reading()
    assert reading.about_half_width(10_000) == pytest.approx(1_000)  # capped at 10 %
    assert reading.about_half_width(10_700) == pytest.approx(214)  # floor of 2 %
    assert reading.about_half_width(15_000) == pytest.approx(1_000)  # step of 1,000
    est = rg.about(10_000, unit="troops")
    assert est.leaf is not None
    assert isinstance(est.leaf.distribution, Normal)
    assert est.leaf.distribution.ppf([0.05, 0.95]) == pytest.approx([9_000, 11_000])
    assert est.leaf.note.assumption is not None


def test_about_zero_is_refused() -> None:
    with pytest.raises(rg.ReadingError, match="about 0"):
        rg.about(0)


def test_one_sided_readings_put_the_figure_at_the_documented_percentile() -> None:
    lower = rg.at_least(3_000)
    upper = rg.at_most(5_000)
    assert lower.leaf is not None and upper.leaf is not None
    assert lower.leaf.distribution.ppf([0.05, 0.95]) == pytest.approx([3_000, 6_000])
    assert upper.leaf.distribution.ppf([0.05, 0.95]) == pytest.approx([2_500, 5_000])
    assert lower.bounds() == rg.Interval(3_000, math.inf)
    assert upper.bounds() == rg.Interval(0, 5_000)
    wider = rg.at_least(3_000, reading=Reading(one_sided_ratio=3))
    assert wider.leaf is not None
    assert float(wider.leaf.distribution.ppf(0.95)) == pytest.approx(9_000)


def test_plus_minus_is_a_stated_range() -> None:
    est = rg.plus_minus(5_000, 500)
    assert est.leaf is not None
    assert est.leaf.distribution.ppf([0.05, 0.95]) == pytest.approx([4_500, 5_500])
    assert est.leaf.note.kind == "plus_minus"


def test_zero_width_range_is_read_as_a_point_and_said_so() -> None:
    est = rg.between(5, 5)
    assert est.leaf is not None
    assert isinstance(est.leaf.distribution, PointMass)
    assert "zero-width" in est.leaf.note.rule
    assert set(est.sample(10).tolist()) == {5.0}


def test_vague_words_come_from_the_table_and_are_assumptions() -> None:
    thousands = rg.vague("thousands of", unit="workers")
    assert thousands.leaf is not None
    assert thousands.leaf.distribution.ppf([0.05, 0.95]) == pytest.approx([2_000, 10_000])
    assert "convention" in (thousands.leaf.note.assumption or "")
    few = rg.vague("a few thousand")
    assert few.bounds() == rg.Interval(2_000, 5_000)
    several = rg.vague("several hundred")
    assert several.bounds() == rg.Interval(300, 900)
    with pytest.raises(rg.ReadingError, match="thousands"):
        rg.vague("umpteen")


def test_vague_table_is_replaceable(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "table.toml"
    path.write_text('[phrases."loads"]\nlow = 50\nhigh = 500\n', encoding="utf-8")
    reading = Reading(vague=load_vague_table(path))
    assert rg.vague("loads", reading=reading).bounds() == rg.Interval(50, 500)
    bad = Path(str(tmp_path)) / "bad.toml"
    bad.write_text('[phrases."x"]\nlow = 5\nhigh = 1\n', encoding="utf-8")
    with pytest.raises(rg.ReadingError, match="low < high"):
        load_vague_table(bad)


def test_policy_level_and_shape_come_from_the_reading_object() -> None:
    reading = Reading(level=0.8, shape="normal")
    est = rg.between(10, 20, reading=reading)
    assert est.leaf is not None
    assert est.leaf.note.shape == "normal"
    assert est.leaf.distribution.ppf([0.1, 0.9]) == pytest.approx([10, 20])
    with rg.defaults.using(reading=reading):
        again = rg.between(10, 20)
    assert again.leaf is not None and again.leaf.note.level == 0.8
    assert rg.between(10, 20).leaf.note.level == 0.9  # type: ignore[union-attr]


def test_parameter_constructors_match_closed_forms() -> None:
    # standard normal quantiles z(0.975) = 1.959964, z(0.9) = 1.281552 and Student's
    # t(5) 95th percentile 2.015048 (published tables)
    z975, z90, t5_95 = 1.959963984540054, 1.2815515655446004, 2.015048372669157
    normal = rg.normal(3, 2).leaf.distribution  # type: ignore[union-attr]
    assert normal.ppf(0.975) == pytest.approx(3 + 2 * z975, rel=1e-12)
    ln = rg.lognormal(median=100, sigma=0.5).leaf.distribution  # type: ignore[union-attr]
    assert ln.ppf(0.9) == pytest.approx(100 * np.exp(0.5 * z90), rel=1e-12)
    assert rg.uniform(2, 4).bounds() == rg.Interval(2, 4)
    lu = rg.loguniform(1, 100).leaf.distribution  # type: ignore[union-attr]
    assert lu.ppf(0.25) == pytest.approx(100**0.25, rel=1e-12)  # flat in log10: 0.5
    tri = rg.triangular(0, 1, 4).leaf.distribution  # type: ignore[union-attr]
    assert tri.cdf(1) == pytest.approx(0.25)
    pert = rg.pert(0, 1, 4).leaf.distribution  # type: ignore[union-attr]
    assert pert.mean() == pytest.approx((0 + 4 * 1 + 4) / 6)
    t = rg.student_t(5, 10, 2).leaf.distribution  # type: ignore[union-attr]
    assert t.ppf(0.95) == pytest.approx(10 + 2 * t5_95, rel=1e-9)
    # any scipy family: gamma(k=2.5, θ=3) has mean kθ = 7.5 and variance kθ² = 22.5
    g = rg.from_scipy(stats.gamma(2.5, scale=3)).leaf.distribution  # type: ignore[union-attr]
    assert g.cdf(g.ppf(0.3)) == pytest.approx(0.3, rel=1e-9)
    assert (g.mean(), g.std() ** 2) == pytest.approx((7.5, 22.5), rel=1e-9)
    samples = rg.from_scipy(stats.gamma(2.5, scale=3)).sample(100_000, rng=1)
    assert samples.mean() == pytest.approx(7.5, rel=0.02)
