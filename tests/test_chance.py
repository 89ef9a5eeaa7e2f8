"""Events that may not happen: ``rg.bernoulli(p)``, atoms in the exact engine, and
summaries that say when a result is not one bump.

References come from closed forms (p × E[X], p × P(X > x), the binomial law of a sum
of two independent events, a lognormal's quantiles rescaled past an atom) or from a
different engine, never from the engine under test alone. Engines are compared within
their own reported errors (4 × the combined standard error plus a small floor).
"""

from __future__ import annotations

import json
import math
import pickle

import numpy as np
import pytest
from scipy import optimize, stats

import ranges as rg
from ranges._kinds import Stated
from ranges.distributions import (
    Bernoulli,
    LogNormal,
    Mixture,
    PointMass,
    Uniform,
    mixture_of,
    point_masses,
)
from ranges.format import describe_note, one_line
from ranges.report._summary import Summary, shape_of

N = 200_000
SEED = 2026
#: probabilities kept away from the jumps of the results below (0.28, 0.4, 0.82)
PROBS = np.array([0.05, 0.1, 0.2, 0.5, 0.6, 0.75, 0.9, 0.95])


def _deployment() -> rg.Estimate:
    return rg.bernoulli(0.6) * rg.exactly(6_000, unit="troops")


def _troops() -> rg.Estimate:
    last_batch = rg.between(10_000, 12_000, unit="troops")
    planned = rg.bernoulli(0.6) * rg.exactly(6_000, unit="troops")
    return last_batch + planned + rg.between(3_000, 4_000, unit="troops")


def _damage() -> rg.Estimate:
    return rg.bernoulli(0.6) * rg.lognormal(median=100.0, sigma=0.5, unit="USD")


def _two_events() -> rg.Estimate:
    return rg.bernoulli(0.3) + rg.bernoulli(0.6)


MODELS = {"deployment": _deployment, "troops": _troops, "damage": _damage,
          "two events": _two_events}


# -- the distribution ----------------------------------------------------------------------
def test_bernoulli_is_two_exact_points() -> None:
    d = Bernoulli(0.6)
    q = np.array([0.0, 0.1, 0.4, 0.4000001, 0.9, 1.0])
    assert d.ppf(q).tolist() == [0.0, 0.0, 0.0, 1.0, 1.0, 1.0]
    assert d.cdf([-1.0, 0.0, 0.5, 1.0, 2.0]).tolist() == [0.0, 0.4, 0.4, 1.0, 1.0]
    assert d.mean() == 0.6 and d.std() == pytest.approx(math.sqrt(0.24), rel=1e-15)
    assert d.support() == (0.0, 1.0)
    assert np.array_equal(d.sample_from_uniform(q), d.ppf(q))
    draws = d.sample(100_000, np.random.default_rng(5))
    assert set(np.unique(draws)) == {0.0, 1.0}
    # the share of ones is binomial: within 4 standard errors of 0.6
    assert abs(draws.mean() - 0.6) < 4 * math.sqrt(0.24 / 100_000)
    assert np.array_equal(draws, d.sample(100_000, np.random.default_rng(5)))
    assert Bernoulli(1.0).support() == (1.0, 1.0) and Bernoulli(0.0).ppf([0.5, 1.0]).tolist() \
        == [0.0, 0.0]


@pytest.mark.parametrize("bad", [-0.1, 1.5, math.nan, math.inf, "often"])
def test_a_chance_outside_0_to_1_is_refused(bad: object) -> None:
    with pytest.raises(rg.InputError, match="the chance p must be"):
        rg.bernoulli(bad)  # type: ignore[arg-type]


def test_mixture_inverts_its_cdf_across_atoms_and_flat_parts() -> None:
    lognormal = LogNormal(math.log(5.0), 0.3)
    m = Mixture([0.3, 0.2, 0.5], [PointMass(0.0), Uniform(1.0, 2.0), lognormal])
    x = np.array([-1.0, 0.0, 0.5, 1.5, 3.0, 7.0])
    by_hand = 0.3 * (x >= 0) + 0.2 * np.clip(x - 1.0, 0, 1) + 0.5 * lognormal.cdf(x)
    assert np.allclose(m.cdf(x), by_hand, rtol=0, atol=1e-15)
    assert m.mean() == pytest.approx(0.2 * 1.5 + 0.5 * lognormal.mean(), rel=1e-14)
    # quantiles inside the atom's probability are the atom exactly
    assert m.ppf([0.01, 0.15, 0.3]).tolist() == [0.0, 0.0, 0.0]
    # elsewhere the smallest x whose CDF reaches q, found here by a root search
    for q in (0.31, 0.45, 0.52, 0.7, 0.99):
        want = optimize.brentq(lambda v, q=q: float(m.cdf(v)) - q, 0.5, 50.0, xtol=1e-14)
        assert float(m.ppf(q)) == pytest.approx(want, rel=1e-10)
    # two parts with a flat CDF between them: the quantile at the flat level is its start
    gap = Mixture([0.5, 0.5], [Uniform(0.0, 1.0), Uniform(2.0, 3.0)])
    assert float(gap.ppf(0.5)) == pytest.approx(1.0, abs=1e-12)
    assert float(gap.ppf(0.5 + 1e-9)) == pytest.approx(2.0, abs=1e-6)
    assert mixture_of([0.4, 0.6], [PointMass(2.0), PointMass(2.0)]) == PointMass(2.0)


def test_distributions_with_atoms_pickle() -> None:
    m = Mixture([0.4, 0.6], [PointMass(0.0), LogNormal(1.0, 0.5)])
    for d in (Bernoulli(0.6), m):
        copy = pickle.loads(pickle.dumps(d))
        assert copy == d and hash(copy) == hash(d)
        assert np.array_equal(copy.ppf(PROBS), d.ppf(PROBS))


# -- engines against each other and against closed forms -----------------------------------
@pytest.mark.parametrize("name", list(MODELS))
@pytest.mark.parametrize("engine", ["mc", "qmc"])
def test_sampling_engines_agree_with_the_exact_engine(name: str, engine: str) -> None:
    model = MODELS[name]()
    exact = model.evaluate(engine="exact")
    sampled = model.evaluate(engine=engine, n=N, rng=SEED)
    gap = np.abs(exact.quantile(PROBS) - sampled.quantile(PROBS))
    error = np.hypot(exact.quantile_error(PROBS), sampled.quantile_error(PROBS))
    floor = 1e-9 * np.abs(exact.quantile(PROBS)) + 1e-12
    assert np.all(gap <= 4 * error + floor), (gap, error)
    mean_error = math.hypot(exact.mean_error(), sampled.mean_error())
    assert abs(exact.mean() - sampled.mean()) <= 4 * mean_error + 1e-12
    for x in np.quantile(exact.quantile(np.linspace(0.01, 0.99, 7)), [0.2, 0.5, 0.8]):
        p = exact.prob_above(float(x))
        # a share of N draws: binomial standard error (QMC does better than this)
        assert abs(sampled.prob_above(float(x)) - p) <= 4 * math.sqrt(p * (1 - p) / N) + 1e-9


@pytest.mark.parametrize("name", list(MODELS))
def test_auto_answers_exactly(name: str) -> None:
    evaluation = MODELS[name]().evaluate(engine="auto", n=1_000, rng=0)
    assert evaluation.engine == "exact" and evaluation.n == 0


def test_an_event_times_a_lognormal_has_the_closed_form() -> None:
    p, median, sigma = 0.6, 100.0, 0.5
    ev = _damage().evaluate(engine="exact")
    assert ev.mean() == pytest.approx(p * median * math.exp(sigma**2 / 2), rel=1e-12)
    reference = stats.lognorm(s=sigma, scale=median)
    for x in (10.0, 100.0, 250.0):
        assert ev.prob_above(x) == pytest.approx(p * reference.sf(x), rel=1e-12)
    assert ev.prob_above(0.0) == pytest.approx(p, rel=1e-12)
    # below 1 − p the quantile is the atom, exactly; above, the lognormal's rescaled
    assert ev.quantile([0.05, 0.2, 0.39]).tolist() == [0.0, 0.0, 0.0]
    assert ev.quantile_error([0.05, 0.39]).tolist() == [0.0, 0.0]
    q = np.array([0.41, 0.7, 0.95])
    assert np.allclose(ev.quantile(q), reference.ppf((q - (1 - p)) / p), rtol=1e-12, atol=0)


def test_two_independent_events_add_up_to_the_binomial_law() -> None:
    p1, p2 = 0.3, 0.6
    ev = _two_events().evaluate(engine="exact")
    law = [(1 - p1) * (1 - p2), p1 * (1 - p2) + (1 - p1) * p2, p1 * p2]
    assert np.allclose(ev.cdf([0.0, 1.0, 2.0]), np.cumsum(law), rtol=0, atol=1e-15)
    assert ev.mean() == pytest.approx(p1 + p2, rel=1e-15)
    assert ev.std() == pytest.approx(math.sqrt(p1 * (1 - p1) + p2 * (1 - p2)), rel=1e-14)
    assert ev.quantile([0.1, 0.5, 0.9]).tolist() == [0.0, 1.0, 2.0]


def test_a_sum_with_an_event_keeps_the_means_and_no_atom() -> None:
    model = _troops()
    ev = model.evaluate(engine="exact")
    a, b = (LogNormal.from_interval(lo, hi, 0.9) for lo, hi in ((10_000, 12_000),
                                                                (3_000, 4_000)))
    want = a.mean() + 0.6 * 6_000 + b.mean()
    assert abs(ev.mean() - want) <= 4 * ev.mean_error() + 1e-9 * want
    # P(total > 18,000): a convolution of the two ranges, with and without the 6,000
    both = (rg.between(10_000, 12_000) + rg.between(3_000, 4_000)).evaluate(engine="exact")
    by_hand = 0.6 * both.prob_above(12_000) + 0.4 * both.prob_above(18_000)
    assert ev.prob_above(18_000) == pytest.approx(by_hand, abs=1e-6)
    assert not point_masses(ev.dist)  # a continuous term smooths the atom away
    summary = model.summary()
    assert summary.atoms == () and len(summary.groups) == 2


def test_a_quantile_inside_an_atom_stays_exact_beside_a_grid() -> None:
    # the lognormal sum needs a grid (and its coarse twin); the atom at 0 stays exact
    model = rg.bernoulli(0.25) * (rg.between(1, 2) + rg.between(3, 5))
    ev = model.evaluate(engine="exact")
    assert ev.coarse is not None
    assert ev.quantile([0.01, 0.1, 0.2, 0.25]).tolist() == [0.0, 0.0, 0.0, 0.0]
    assert ev.quantile_error([0.1, 0.2]).tolist() == [0.0, 0.0]
    sampled = model.evaluate(engine="qmc", n=N, rng=SEED)
    upper = np.array([0.3, 0.5, 0.9])
    gap = np.abs(ev.quantile(upper) - sampled.quantile(upper))
    assert np.all(gap <= 4 * np.hypot(ev.quantile_error(upper),
                                      sampled.quantile_error(upper)) + 1e-9)


def test_a_mixture_node_is_computed_exactly() -> None:
    pooled = rg.mixture([rg.between(10, 12), rg.between(14, 16)], [0.3, 0.7])
    ev = pooled.evaluate(engine="exact")
    a, b = LogNormal.from_interval(10, 12, 0.9), LogNormal.from_interval(14, 16, 0.9)
    assert ev.mean() == pytest.approx(0.3 * a.mean() + 0.7 * b.mean(), rel=1e-14)
    for x in (11.0, 13.0, 15.0):
        assert ev.prob_above(x) == pytest.approx(
            0.3 * float(1 - a.cdf(x)) + 0.7 * float(1 - b.cdf(x)), rel=1e-13)
    assert pooled.evaluate(engine="auto", n=1_000, rng=0).engine == "exact"


def test_dividing_by_an_event_is_refused() -> None:
    model = rg.lognormal(median=10, sigma=0.2) / rg.bernoulli(0.6)
    with pytest.raises(rg.EngineError, match="exactly 0"):
        model.evaluate(engine="exact")
    with pytest.raises(rg.EngineError, match="divides by exactly 0"):
        model.evaluate(engine="mc", n=10_000, rng=1)


# -- readings and summaries ----------------------------------------------------------------
def test_the_reading_states_the_chance_in_words() -> None:
    event = rg.bernoulli(0.6, name="second wave")
    assert event.leaf is not None
    note = event.leaf.note
    assert note.kind is Stated.CHANCE and note.point == 0.6
    assert describe_note(note) == "a 60% chance: 1 if it happens, 0 if not"
    assert event.bounds() == rg.Interval(0, 1) and event.name == "second wave"
    assert rg.bernoulli(0.125, label="rain").label == "rain"
    assert "[60% chance] × [6,000] troops" in repr(_deployment())


@pytest.mark.parametrize("engine", ["exact", "mc", "qmc"])
def test_the_summary_says_there_is_a_chance_of_nothing(engine: str) -> None:
    summary = _deployment().summary(engine=engine, n=N, rng=SEED)
    assert one_line(summary) == ("40% chance of exactly 0 troops; otherwise 6,000 troops; "
                                 "ranges added end to end: 0–6,000")
    assert [value for value, _ in summary.atoms] == [0.0, 6_000.0]
    assert summary.atoms[0][1] == pytest.approx(0.4, abs=4 * math.sqrt(0.24 / N))
    assert "a 60% chance: 1 if it happens, 0 if not" in str(summary)


def test_a_hand_made_mixture_says_the_same() -> None:
    planned = rg.mixture([rg.exactly(6_000, unit="troops"), rg.exactly(0, unit="troops")],
                         [0.6, 0.4])
    text = str(planned.summary())
    assert text.splitlines()[0].startswith("40% chance of exactly 0 troops; otherwise 6,000")
    assert "6,000 troops taken as exact (a 60% chance: one branch of a mixture)" in text
    assert "0 troops taken as exact (a 40% chance: one branch of a mixture)" in text


@pytest.mark.parametrize("engine", ["exact", "mc", "qmc"])
def test_the_summary_reports_an_atom_and_the_rest(engine: str) -> None:
    summary = _damage().summary(engine=engine, n=N, rng=SEED)
    ((value, chance),) = summary.atoms
    assert value == 0.0 and chance == pytest.approx(0.4, abs=4 * math.sqrt(0.24 / N))
    ((rest, median, low, high),) = summary.groups
    reference = stats.lognorm(s=0.5, scale=100.0)
    assert rest == pytest.approx(0.6, abs=4 * math.sqrt(0.24 / N))
    assert (median, low, high) == pytest.approx(tuple(reference.ppf([0.5, 0.05, 0.95])),
                                                rel=0.01)
    assert one_line(summary).startswith("40% chance of exactly USD 0; otherwise USD 100 "
                                        "(90% interval 4")
    if engine == "exact":
        assert "(90% interval 43.9–228)" in one_line(summary)


@pytest.mark.parametrize("engine", ["exact", "mc", "qmc"])
def test_the_summary_lists_every_value_of_a_discrete_result(engine: str) -> None:
    summary = _two_events().summary(engine=engine, n=N, rng=SEED)
    assert one_line(summary).startswith(
        "28% chance of exactly 0; 54% chance of exactly 1; 18% chance of exactly 2")
    assert summary.groups == ()


@pytest.mark.parametrize("engine", ["exact", "mc", "qmc"])
def test_the_summary_finds_two_separate_groups(engine: str) -> None:
    summary = _troops().summary(engine=engine, n=N, rng=SEED)
    assert summary.atoms == ()
    (p1, *_, high1), (p2, _, low2, _) = summary.groups
    assert p1 == pytest.approx(0.4, abs=0.005) and p2 == pytest.approx(0.6, abs=0.005)
    assert high1 < low2
    assert one_line(summary).startswith("two separate groups: 13,400–15,600 troops (40% "
                                        "chance) or 19,400–21,600 troops (60% chance)")
    assert "a gap inside the 90% interval" in str(summary)


@pytest.mark.parametrize("engine", ["exact", "mc", "qmc"])
@pytest.mark.parametrize("model", [
    rg.between(10_000, 12_000) + rg.between(3_000, 4_000),
    rg.lognormal(0.0, 2.0),
    rg.mixture([rg.between(10, 12), rg.between(11, 13)]),
    rg.student_t(2, 0, 1),
], ids=["sum", "wide lognormal", "overlapping mixture", "student t"])
def test_one_bump_prints_as_before(engine: str, model: rg.Estimate) -> None:
    summary = model.summary(engine=engine, n=N, rng=SEED)
    assert summary.atoms == () and summary.groups == ()
    assert " interval " in one_line(summary) and "chance" not in one_line(summary)


def test_shape_of_a_single_value_is_nothing() -> None:
    ev = (rg.bernoulli(1.0) * 5).evaluate(engine="exact")
    assert shape_of(ev, 0.9) == ((), ())
    assert str(rg.bernoulli(0.0) * 5).endswith("(exact)")


def test_a_rare_event_is_not_hidden_by_a_flat_interval() -> None:
    text = one_line((rg.bernoulli(0.001) * rg.exactly(6_000, unit="troops")).summary())
    assert text.startswith("99.9% chance of exactly 0 troops; otherwise 6,000 troops")


def test_summaries_with_atoms_and_groups_round_trip_through_json() -> None:
    for model in (_damage(), _troops(),
                  rg.mixture([rg.exactly(6_000), rg.exactly(0)], [0.6, 0.4])):
        summary = model.summary(n=10_000, rng=1)
        again = Summary.from_dict(json.loads(json.dumps(summary.to_dict())))
        assert again == summary


def test_estimates_with_events_pickle() -> None:
    model = _troops()
    copy = pickle.loads(pickle.dumps(model))
    assert np.array_equal(copy.quantile(PROBS, engine="exact"),
                          model.quantile(PROBS, engine="exact"))
    assert np.array_equal(copy.sample(1_000, rng=3), model.sample(1_000, rng=3))
    assert one_line(copy.summary(engine="exact")) == one_line(model.summary(engine="exact"))


def test_a_count_of_many_events_is_the_binomial_law_and_reads_as_one_bump() -> None:
    count = sum(rg.bernoulli(0.3) for _ in range(20))
    assert isinstance(count, rg.Estimate)
    ev = count.evaluate(engine="auto", n=1_000, rng=0)
    assert ev.engine == "exact"
    values = np.arange(21)
    assert np.allclose(ev.cdf(values), stats.binom(20, 0.3).cdf(values), rtol=0, atol=1e-14)
    summary = count.summary()
    assert summary.atoms == () and summary.groups == ()
    assert one_line(summary).startswith("6 (90% interval 3–9)")


def test_mixture_quantiles_invert_the_cdf_on_random_mixtures() -> None:
    rng = np.random.default_rng(11)
    for _ in range(20):
        parts = int(rng.integers(2, 5))
        components = [LogNormal(rng.normal(0, 2), rng.uniform(0.05, 1.5)) for _ in range(parts)]
        components.append(PointMass(float(rng.uniform(0, 3))))
        m = Mixture(list(rng.uniform(0.05, 1.0, parts + 1)), components)
        u = rng.random(2_000)
        x = m.ppf(u)
        # the smallest x whose CDF reaches u: F(x) >= u > F(just below x)
        assert np.all(m.cdf(x) >= u - 1e-12)
        assert np.all(m.cdf(np.nextafter(x, -np.inf)) <= u + 1e-12)
        assert np.array_equal(m.sample_from_uniform(u), x)
