"""Tests of rg.sensitivity on mixtures (pooled sources, graded sources): the choice of
branch is an input of its own. Shares against the law of total variance in closed form,
the sampled (pick-freeze) shares against the exact ones within 4 standard errors,
swings against the branches' medians worked by hand."""

from __future__ import annotations

import math

import pytest

import ranges as rg
from ranges.report._sensitivity import METHOD_EXACT, METHOD_EXACT_CHOICE

MEANS, SDS, WEIGHTS = (100.0, 160.0), (10.0, 25.0), (0.3, 0.7)


def _row(sens: rg.Sensitivity, name: str) -> rg.SensitivityRow:
    (row,) = [row for row in sens.rows if row.name == name]
    return row


def _pool() -> rg.Estimate:
    sources = [rg.normal(m, s, name=f"source {i}")
               for i, (m, s) in enumerate(zip(MEANS, SDS, strict=True), 1)]
    return rg.pool(sources, weights=list(WEIGHTS), names=["ministry", "monitors"])


def _closed_form() -> tuple[float, float, list[float]]:
    """Var(Y), Var(E[Y | choice]) and each source's Var(E[Y | X_k]) = w_k² σ_k²."""
    mean = sum(w * m for w, m in zip(WEIGHTS, MEANS, strict=True))
    between = sum(w * (m - mean) ** 2 for w, m in zip(WEIGHTS, MEANS, strict=True))
    within = sum(w * s**2 for w, s in zip(WEIGHTS, SDS, strict=True))
    own = [w**2 * s**2 for w, s in zip(WEIGHTS, SDS, strict=True)]
    return between + within, between, own


def test_pool_of_two_normals_shares_are_the_closed_form() -> None:
    sens = rg.sensitivity(_pool())
    variance, between, own = _closed_form()
    choice = _row(sens, "which source (pool of 2)")
    assert choice.share_of_variance == pytest.approx(between / variance, rel=1e-12)
    assert choice.share_error == 0.0
    for i, part in enumerate(own, 1):
        assert _row(sens, f"source {i}").share_of_variance == pytest.approx(
            part / variance, rel=1e-12)
    # each source acts only when it is chosen: the rest, Σ w(1 − w)σ², is interaction
    interaction = sum(w * (1 - w) * s**2 for w, s in zip(WEIGHTS, SDS, strict=True))
    assert sens.interaction == pytest.approx(interaction / variance, rel=1e-9)
    assert sens.method == METHOD_EXACT + METHOD_EXACT_CHOICE


@pytest.mark.parametrize("engine", ["mc", "qmc"])
def test_pick_freeze_agrees_with_the_exact_shares_of_a_pool(engine: str) -> None:
    est = _pool() + rg.normal(0, 30, name="other")
    exact = rg.sensitivity(est)
    sampled = rg.sensitivity(est, engine=engine, n=40_000, rng=5)
    assert sampled.n >= 40_000
    for row in exact.rows:
        got = _row(sampled, row.name)
        assert got.share_error > 0
        assert abs(got.share_of_variance - row.share_of_variance) <= 4 * got.share_error, \
            row.name


def test_swings_of_a_choice_name_the_branches() -> None:
    sens = rg.sensitivity(_pool() + 5)
    choice = _row(sens, "which source (pool of 2)")
    # each branch chosen, every input at its median: the source's median plus 5
    assert (choice.result_low, choice.result_high) == pytest.approx((105.0, 165.0))
    assert (choice.low_label, choice.high_label) == ("ministry", "monitors")
    assert (choice.input_low, choice.input_high) == pytest.approx(WEIGHTS)
    # the baseline and the other swings hold the choice at its likeliest branch
    assert sens.baseline == pytest.approx(165.0)
    assert sens.notes == ("while the other inputs move, 'which source (pool of 2)' stays "
                          "at its most likely branch, monitors (70%)",)
    inside = _row(sens, "source 2")
    assert (inside.result_low, inside.result_high) == pytest.approx(
        (165 - 1.6448536 * 25, 165 + 1.6448536 * 25), rel=1e-6)
    assert _row(sens, "source 1").swing == 0.0  # its branch is not the one held
    assert _row(sens, "source 1").low_label is None


def _graded_moments(figure: rg.Estimate, graded: rg.Estimate
                    ) -> tuple[float, float, float, float]:
    """E[figure·spread], E[(figure·spread)²], the fallback factor's mean and weight."""
    spread, fallback = [leaf for leaf in graded.leaves() if leaf is not figure]
    (mixture,) = [node for node in graded.walk() if node.op.value == "mixture"]
    weight = mixture.param[1]
    product_mean = figure.leaf.distribution.mean() * spread.leaf.distribution.mean()
    second = ((figure.leaf.distribution.std() ** 2 + figure.leaf.distribution.mean() ** 2)
              * (spread.leaf.distribution.std() ** 2 + spread.leaf.distribution.mean() ** 2))
    return product_mean, second, fallback.leaf.distribution, weight


def test_graded_input_in_a_sum_choice_share_matches_total_variance() -> None:
    figure = rg.between(800, 1_100, unit="kEUR")
    graded = figure.graded("B2")
    other = rg.between(1_200, 1_500, unit="kEUR")
    sens = rg.sensitivity(graded + other, n=100_000, rng=2)
    product_mean, second, fallback, w = _graded_moments(figure, graded)
    # graded = figure · spread · M, M = 1 or the fallback factor F (chance w)
    mixture_mean = (1 - w) + w * fallback.mean()
    mixture_second = (1 - w) + w * (fallback.std() ** 2 + fallback.mean() ** 2)
    var_graded = second * mixture_second - (product_mean * mixture_mean) ** 2
    variance = var_graded + other.leaf.distribution.std() ** 2
    between = product_mean**2 * w * (1 - w) * (1 - fallback.mean()) ** 2
    choice = _row(sens, "whether grade B2 fallback applies")
    assert abs(choice.share_of_variance - between / variance) <= 4 * choice.share_error
    assert choice.share_error < 0.02
    assert {choice.low_label, choice.high_label} == {"with grade B2 fallback",
                                                     "without grade B2 fallback"}
    names = [row.name for row in sens.rows]
    assert len(names) == len(set(names)) == 5  # figure, spread, fallback, choice, other


def test_a_graded_input_used_twice_is_one_input() -> None:
    figure = rg.between(10, 12, unit="troops")
    graded = figure.graded("C3")
    once = rg.sensitivity(2 * graded, n=20_000, rng=3)
    twice = rg.sensitivity(graded + graded, n=20_000, rng=3)
    assert [row.name for row in twice.rows] == [row.name for row in once.rows]
    assert len(twice.rows) == 4  # the figure, the spread, the fallback and its choice
    for a, b in zip(once.rows, twice.rows, strict=True):
        assert b.share_of_variance == pytest.approx(a.share_of_variance, abs=1e-12)
        assert (b.result_low, b.result_high) == pytest.approx((a.result_low, a.result_high))
    # graded − graded is 0 in every draw: nothing varies, so no shares
    nothing = rg.sensitivity(graded - graded, n=1_000, rng=3)
    assert all(math.isnan(row.share_of_variance) for row in nothing.rows)
    assert all(row.swing == 0 for row in nothing.rows)


def test_nested_mixture_exact_agrees_with_pick_freeze() -> None:
    a, b, c = (rg.normal(m, s, name=n) for m, s, n in ((0, 1, "a"), (4, 2, "b"),
                                                        (10, 1, "c")))
    inner = rg.mixture([a, b], [0.5, 0.5], name="inner choice")
    est = rg.mixture([inner, c + a], [0.6, 0.4], name="outer choice") + rg.normal(0, 1)
    exact = rg.sensitivity(est, engine="exact")
    sampled = rg.sensitivity(est, engine="mc", n=60_000, rng=8)
    assert sampled.rows  # same inputs either way
    assert {row.name for row in exact.rows} == {row.name for row in sampled.rows}
    for row in exact.rows:
        got = _row(sampled, row.name)
        assert abs(got.share_of_variance - row.share_of_variance) <= 4 * got.share_error \
            + 1e-3, row.name
    assert len(exact.rows) == 6  # a, b, c, the last normal and the two choices
    # the law of total variance, worked by hand: the exact shares' denominator
    inner_mean, outer_mean = 2.0, 0.6 * 2.0 + 0.4 * 10.0
    inner_var = 0.5 * 1 + 0.5 * 4 + 0.25 * 4**2
    outer_var = 0.6 * inner_var + 0.4 * 2 + 0.6 * 0.4 * (10.0 - inner_mean) ** 2
    assert outer_mean == pytest.approx(5.2)
    between = 0.6 * 0.4 * (10.0 - inner_mean) ** 2
    assert _row(exact, "outer choice").share_of_variance == pytest.approx(
        between / (outer_var + 1), rel=1e-12)
    assert est.std(engine="mc", n=400_000, rng=1) ** 2 == pytest.approx(outer_var + 1,
                                                                          rel=0.01)
