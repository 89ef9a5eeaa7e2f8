"""rg.pool: the linear pool against the scipy mixture of the sources' CDFs, the log pool
against its closed forms and against scipy.integrate.quad of the product of the
sources' densities, refusals, names and weights in the summary, units, pickling."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest
from scipy import integrate, optimize, stats

import ranges as rg
from ranges.format import expression
from ranges.sources import PooledEstimate

SEED = 11


def _mixture_cdf(x: float, parts: list[tuple[float, stats.rv_continuous]]) -> float:
    return sum(w * float(d.cdf(x)) for w, d in parts)


def _mixture_quantile(q: float, parts: list[tuple[float, stats.rv_continuous]]) -> float:
    return float(optimize.brentq(lambda x: _mixture_cdf(x, parts) - q, -100, 100, xtol=1e-12))


# -- the linear pool ---------------------------------------------------------------------
@pytest.mark.parametrize("engine", ["mc", "qmc", "auto"])
def test_linear_pool_is_the_weighted_mixture_of_the_sources_cdfs(engine: str) -> None:
    a, b = rg.normal(10, 2, name="a"), rg.normal(16, 3, name="b")
    pooled = rg.pool([a, b], weights=[3, 7])
    reference = [(0.3, stats.norm(10, 2)), (0.7, stats.norm(16, 3))]
    n = 400_000
    # the sampling error of a probability is at most sqrt(0.25 / n) = 0.0008: 0.004 is
    # five of them; a quantile's is that over the density (> 0.05 here): 0.08
    for x in (8.0, 12.0, 13.5, 17.0, 21.0):
        assert pooled.prob_above(x, engine=engine, n=n, rng=SEED) == pytest.approx(
            1 - _mixture_cdf(x, reference), abs=0.004)
    for q in (0.05, 0.25, 0.5, 0.75, 0.95):
        assert pooled.quantile(q, engine=engine, n=n, rng=SEED) == pytest.approx(
            _mixture_quantile(q, reference), abs=0.08)
    assert pooled.mean(engine=engine, n=n, rng=SEED) == pytest.approx(
        0.3 * 10 + 0.7 * 16, abs=0.03)


def test_linear_pool_keeps_the_sources_inputs() -> None:
    # a source used elsewhere is the same draw there: pool(x, x) is x, and x − pool(x, x)
    # is exactly 0
    x = rg.between(1, 2)
    assert float(np.max(np.abs((x - rg.pool([x, x])).sample(1_000, rng=SEED)))) == 0.0


# -- the log pool: closed forms ----------------------------------------------------------
def _product_moments(densities: list, weights: list[float], low: float, high: float
                     ) -> tuple[float, float, float]:
    """Normalising constant, mean and variance of ∏ f_i^w_i by quad."""

    def product(x: float) -> float:
        return math.prod(float(f(x)) ** w for f, w in zip(densities, weights, strict=True))

    z = integrate.quad(product, low, high, limit=200)[0]
    mean = integrate.quad(lambda x: x * product(x), low, high, limit=200)[0] / z
    var = integrate.quad(lambda x: (x - mean) ** 2 * product(x), low, high, limit=200)[0] / z
    return z, mean, var


def test_log_pool_of_normals_is_the_precision_weighted_normal() -> None:
    sources = [(10.0, 2.0), (16.0, 3.0), (12.0, 1.5)]
    weights = [0.5, 0.2, 0.3]
    pooled = rg.pool([rg.normal(m, s) for m, s in sources], weights=weights, method="log")
    precision = sum(w / s**2 for (_, s), w in zip(sources, weights, strict=True))
    mean = sum(w * m / s**2 for (m, s), w in zip(sources, weights, strict=True)) / precision
    assert pooled.mean() == pytest.approx(mean, rel=1e-12)
    assert pooled.std() ** 2 == pytest.approx(1 / precision, rel=1e-12)
    # and against quad of the product of the densities itself
    _, quad_mean, quad_var = _product_moments(
        [stats.norm(m, s).pdf for m, s in sources], weights, -20, 50)
    assert pooled.mean() == pytest.approx(quad_mean, rel=1e-8)
    assert pooled.std() ** 2 == pytest.approx(quad_var, rel=1e-7)
    assert "precision-weighted normal" in pooled.leaf.note.rule


def test_log_pool_of_lognormals_is_lognormal_with_pooled_log_parameters() -> None:
    a = rg.between(100, 400)  # lognormal readings
    b = rg.between(200, 300)
    pooled = rg.pool([a, b], weights=[0.25, 0.75], method="log")
    da, db = a.leaf.distribution, b.leaf.distribution
    _, quad_mean, quad_var = _product_moments(
        [stats.lognorm(da.sigma, scale=math.exp(da.mu)).pdf,
         stats.lognorm(db.sigma, scale=math.exp(db.mu)).pdf], [0.25, 0.75], 1e-9, 2_000)
    assert pooled.mean() == pytest.approx(quad_mean, rel=1e-7)
    assert pooled.std() ** 2 == pytest.approx(quad_var, rel=1e-6)
    assert pooled.leaf.distribution.family == "lognormal"


# -- the log pool on a grid ------------------------------------------------------------
def _quad_cdf(densities: list, weights: list[float], low: float, high: float,
              xs: list[float], points: list[float] | None = None) -> list[float]:
    def product(x: float) -> float:
        return math.prod(float(f(x)) ** w for f, w in zip(densities, weights, strict=True))

    z = integrate.quad(product, low, high, limit=400, points=points)[0]
    out = []
    for x in xs:
        cut = [p for p in points or [] if low < p < x]
        out.append(integrate.quad(product, low, x, limit=400, points=cut or None)[0] / z)
    return out


def test_log_pool_on_the_grid_agrees_with_quad_triangular_and_pert() -> None:
    tri = rg.triangular(0, 4, 10)
    pert = rg.pert(2, 6, 12)
    weights = [0.4, 0.6]
    pooled = rg.pool([tri, pert], weights=weights, method="log")
    assert pooled.leaf.distribution.family == "grid"
    xs = [3.0, 4.5, 5.5, 6.5, 8.0]
    reference = _quad_cdf([stats.triang(0.4, 0, 10).pdf, stats.beta(
        1 + 4 * 4 / 10, 1 + 4 * 6 / 10, loc=2, scale=10).pdf], weights, 2, 10, xs,
        points=[4.0, 6.0])
    for x, expected in zip(xs, reference, strict=True):
        # the grid holds 32,768 cells over the pooled mass: 1e-5 of probability
        assert pooled.prob_below(x) == pytest.approx(expected, abs=1e-5)
    _, mean, _ = _product_moments([stats.triang(0.4, 0, 10).pdf, stats.beta(
        1 + 4 * 4 / 10, 1 + 4 * 6 / 10, loc=2, scale=10).pdf], weights, 2, 10)
    assert pooled.mean() == pytest.approx(mean, rel=1e-5)


def test_log_pool_of_a_derived_source_uses_the_exact_engines_density() -> None:
    # normal + uniform has the density (Φ((x−9)/2) − Φ((x−11)/2)) / 2: not a normal, so
    # the grid path, with the exact engine's convolution as the source's density
    derived = rg.normal(10, 2) + rg.uniform(-1, 1)
    other = rg.normal(13, 3)
    pooled = rg.pool([derived, other], weights=[0.5, 0.5], method="log")
    assert pooled.leaf.distribution.family == "grid"

    def sum_pdf(x: float) -> float:
        return (stats.norm.cdf((x - 9) / 2) - stats.norm.cdf((x - 11) / 2)) / 2

    xs = [8.0, 10.0, 11.0, 12.0, 14.0]
    reference = _quad_cdf([sum_pdf, stats.norm(13, 3).pdf], [0.5, 0.5], -10, 30, xs)
    for x, expected in zip(xs, reference, strict=True):
        assert pooled.prob_below(x) == pytest.approx(expected, abs=2e-5)


# -- refusals ----------------------------------------------------------------------------
def test_log_pool_refuses_sources_that_do_not_overlap() -> None:
    with pytest.raises(rg.InputError, match=r"do not overlap.*method='linear'"):
        rg.pool([rg.uniform(0, 1), rg.uniform(2, 3)], method="log")


def test_log_pool_refuses_an_exact_figure_and_a_sampled_only_source() -> None:
    with pytest.raises(rg.InputError, match=r"exact figure.*no density"):
        rg.pool([rg.exactly(5), rg.between(4, 6)], method="log")
    x, y = rg.between(1, 2), rg.between(3, 4)
    with pytest.raises(rg.EngineError, match=r"can only be sampled.*share an input"):
        rg.pool([x + x * y, rg.between(5, 9)], method="log", names=["model", "survey"])
    # the linear pool takes both
    assert rg.pool([x + x * y, rg.exactly(5)]).bounds() == rg.Interval(4, 10)


def test_bad_weights_names_and_methods_are_refused() -> None:
    a, b = rg.between(1, 2), rg.between(2, 3)
    with pytest.raises(rg.InputError, match="2 sources but 3 weights"):
        rg.pool([a, b], weights=[1, 2, 3])
    with pytest.raises(rg.InputError, match="non-negative"):
        rg.pool([a, b], weights=[1, -1])
    with pytest.raises(rg.InputError, match="not all zero"):
        rg.pool([a, b], weights=[0, 0])
    with pytest.raises(rg.InputError, match="one name for each"):
        rg.pool([a, b], names=["only one"])
    with pytest.raises(rg.InputError, match="unknown pooling method 'geometric'"):
        rg.pool([a, b], method="geometric")
    with pytest.raises(rg.InputError, match="at least one"):
        rg.pool([])


# -- names, weights and the summary --------------------------------------------------------
def test_names_and_normalised_weights_reach_the_summary_and_the_sources() -> None:
    un = rg.between(10_000, 12_000, name="UN")
    ministry = rg.between(14_000, 16_000).labelled("ministry")
    ngo = rg.between(9_000, 20_000)
    pooled = rg.pool([un, ministry, ngo], weights=[5, 3, 2])
    sentence = "pooled 3 sources (linear pool: a mixture): UN 50%, ministry 30%, source 3 20%"
    summary = pooled.summary(n=4_000, rng=SEED)
    assert sentence in summary.assumptions
    assert sentence in str(summary)
    assert rg.Summary.from_dict(summary.to_dict()) == summary
    sources = rg.pool_sources(pooled)
    assert [(s.name, s.weight, s.method) for s in sources] == [
        ("UN", 0.5, rg.PoolMethod.LINEAR), ("ministry", 0.3, rg.PoolMethod.LINEAR),
        ("source 3", 0.2, rg.PoolMethod.LINEAR)]
    assert [s.estimate for s in sources] == [un, ministry, ngo]
    named = rg.pool([un, ngo], names=["UN", "NGO"], method="log")
    assert named.summary().assumptions[0].startswith(
        "pooled 2 sources (log pool: density proportional to the product of the sources' "
        "densities to their weights; ")
    assert "UN 50%, NGO 50%" in named.summary().assumptions[0]


def test_pool_sources_finds_the_one_pool_in_a_graph_and_refuses_otherwise() -> None:
    a, b = rg.between(1, 2, name="a"), rg.between(3, 4, name="b")
    pooled = rg.pool([a, b])
    assert [s.name for s in rg.pool_sources(pooled * 2 + 1)] == ["a", "b"]
    with pytest.raises(rg.InputError, match="pools no sources"):
        rg.pool_sources(a + b)
    with pytest.raises(rg.InputError, match="2 pools"):
        rg.pool_sources(pooled + rg.pool([a, b], method="log"))


def test_units_are_converted_to_a_common_one() -> None:
    pooled = rg.pool([rg.exactly(1, unit="km"), rg.exactly(500, unit="m")])
    assert str(pooled.unit) == "kilometer"
    assert pooled.bounds() == rg.Interval(0.5, 1)
    assert pooled.mean(n=100_000, rng=SEED) == pytest.approx(0.75, abs=0.005)
    log = rg.pool([rg.normal(1, 0.1, unit="km"), rg.normal(1200, 100, unit="m")],
                  method="log")
    assert log.mean() == pytest.approx(1.1, rel=1e-12)  # precision-weighted, in km
    with pytest.raises(rg.UnitError):
        rg.pool([rg.exactly(1, unit="km"), rg.exactly(1, unit="kg")])


# -- pickling ------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["linear", "log"])
def test_pools_pickle_with_their_sources(method: str) -> None:
    a, b = rg.between(10, 12, name="a"), rg.between(11, 15, name="b")
    pooled = rg.pool([a, b], weights=[1, 3], method=method, names=["A", "B"])
    for est in (pooled, pooled + 100):
        copy = pickle.loads(pickle.dumps(est))
        assert expression(copy) == expression(est)
        assert copy.summary(n=2_000, rng=SEED) == est.summary(n=2_000, rng=SEED)
        sources = rg.pool_sources(copy)
        assert [(s.name, s.weight) for s in sources] == [("A", 0.25), ("B", 0.75)]
    copy = pickle.loads(pickle.dumps(pooled))
    assert isinstance(copy, PooledEstimate) and copy.method == method


def test_the_sources_doc_runs_as_written() -> None:
    import doctest
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "docs" / "sources.md"
    result = doctest.testfile(str(path), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 20 and result.failed == 0


def test_log_pool_refuses_tails_too_long_for_its_grid() -> None:
    # Cauchy and t(2): the pooled density's tails fall as |x|^-2.5, too slowly for a
    # uniform grid to hold both the body and the 1e-13 tails; refused, not guessed
    with pytest.raises(rg.EngineError, match=r"did not converge.*method='linear'"):
        rg.pool([rg.student_t(1, 0, 1), rg.student_t(2, 1, 1)], method="log")
