"""Doubtful sources and bias: the Admiralty grading table (its rules of combination,
validation, a table of one's own), the graded estimate's distribution against a quad
reference, the bias factor against closed forms and quad, and the assumption lines."""

from __future__ import annotations

import itertools
import math
import pickle
from pathlib import Path

import pytest
from scipy import integrate, stats

import ranges as rg
from ranges.sources import GradingTable

SEED = 5
N = 400_000


def _row(spread: float, weight: float, breadth: float, meaning: str = "x") -> dict:
    return {"meaning": meaning, "spread": spread, "fallback_weight": weight,
            "fallback_breadth": breadth}


# -- the table -----------------------------------------------------------------------------
def test_a1_changes_nothing_and_worse_grades_widen() -> None:
    x = rg.between(10_000, 12_000)
    assert x.graded("A1") is x and rg.grade(x, "a1") is x
    table = GradingTable.default()
    assert table.adjustment("A1").changes_nothing
    letters = [table.adjustment(f"{letter}1") for letter in "ABCDE"]
    digits = [table.adjustment(f"A{digit}") for digit in "12345"]
    for ladder in (letters, digits):
        assert all(a.spread < b.spread for a, b in itertools.pairwise(ladder))
        assert all(a.fallback_weight < b.fallback_weight for a, b in itertools.pairwise(ladder))


def test_f6_is_close_to_knowing_only_the_order_of_magnitude() -> None:
    figure = rg.exactly(1_000)
    low, high = figure.graded("F6").interval(0.9, n=N, rng=SEED)
    assert high / low > 30  # the 90% interval spans one and a half orders of magnitude
    # and half of the weight is on anything from a tenth to ten times the figure
    assert GradingTable.default().adjustment("F6").fallback_weight >= 0.5


def test_the_letter_and_the_digit_combine_as_independent_errors() -> None:
    table = GradingTable.from_dict({
        "level": 0.8,
        "reliability": {"A": _row(1, 0, 1), "Q": _row(2, 0.5, 3)},
        "credibility": {"1": _row(1, 0, 1), "9": _row(2, 0.5, 7)},
    })
    both = table.adjustment("q9")
    assert both.grade == "Q9"
    assert both.spread == pytest.approx(2 ** math.sqrt(2))  # log spreads in quadrature
    assert both.fallback_weight == pytest.approx(0.75)  # 1 − (1 − ½)(1 − ½)
    assert both.fallback_breadth == 7 and both.level == 0.8
    one = table.adjustment("Q1")
    assert (one.spread, one.fallback_weight, one.fallback_breadth) == (2, 0.5, 3)


@pytest.mark.parametrize(("grade", "message", "position"), [
    ("G2", "unknown reliability letter 'G'", 0),
    ("B7", "unknown credibility digit '7'", 1),
    ("  b0", "unknown credibility digit '0'", 3),
    ("B", "needs a credibility digit", 1),
    ("B22", "unexpected text after the grade 'B2'", 2),
    ("", "an empty grade", 0),
])
def test_a_bad_grade_is_refused_with_a_caret(grade: str, message: str, position: int) -> None:
    with pytest.raises(rg.ParseError) as info:
        rg.between(1, 2).graded(grade)
    assert message in str(info.value) and info.value.position == position
    assert "^" in str(info.value)


def test_a_grade_that_is_not_text_is_refused() -> None:
    with pytest.raises(rg.InputError, match="such as 'B2'"):
        rg.grade(rg.between(1, 2), 2)  # type: ignore[arg-type]


def test_a_table_of_ones_own_from_a_path_or_an_object(tmp_path: Path) -> None:
    path = tmp_path / "grades.toml"
    path.write_text(
        'level = 0.5\n'
        '[reliability.A]\nmeaning = "trusted"\nspread = 1.0\nfallback_weight = 0.0\n'
        'fallback_breadth = 1.0\n'
        '[reliability.Z]\nmeaning = "our rival"\nspread = 3.0\nfallback_weight = 0.0\n'
        'fallback_breadth = 1.0\n'
        '[credibility.1]\nmeaning = "seen"\nspread = 1.0\nfallback_weight = 0.0\n'
        'fallback_breadth = 1.0\n', encoding="utf-8")
    figure = rg.exactly(100)
    by_path = figure.graded("Z1", table=path)
    by_object = rg.grade(figure, "Z1", table=GradingTable.load(path))
    for est in (by_path, by_object):
        # a lognormal factor whose 50% interval is 1/3 to 3: quartiles 100/3 and 300
        assert est.quantile([0.25, 0.75]) == pytest.approx([100 / 3, 300], rel=1e-9)
    with pytest.raises(rg.ParseError, match="unknown reliability letter 'B'"):
        figure.graded("B1", table=path)
    with pytest.raises(rg.InputError, match=r"must be a ranges\.GradingTable"):
        figure.graded("A1", table=3)


@pytest.mark.parametrize(("text", "message"), [
    ("level = 0.9\n", r"needs a \[reliability\] table"),
    ("[reliability.A]\nmeaning = 'a'\nspread = 0.5\nfallback_weight = 0\n"
     "fallback_breadth = 1\n[credibility.1]\nmeaning = 'c'\nspread = 1\n"
     "fallback_weight = 0\nfallback_breadth = 1\n", "spread must be at least 1"),
    ("[reliability.A]\nmeaning = 'a'\nspread = 1\nfallback_weight = 1\n"
     "fallback_breadth = 1\n[credibility.1]\nmeaning = 'c'\nspread = 1\n"
     "fallback_weight = 0\nfallback_breadth = 1\n", r"fallback_weight must be in \[0, 1\)"),
    ("[reliability.A]\nmeaning = 'a'\n[credibility.1]\nmeaning = 'c'\n",
     "a row needs meaning, spread"),
    ("[reliability\n", "not valid TOML"),
])
def test_a_broken_table_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(rg.ReadingError, match=message):
        GradingTable.load(path)


# -- the graded estimate ----------------------------------------------------------------------
def _graded_cdf(x: float, figure: float, sigma: float, weight: float, breadth: float) -> float:
    """P(figure × S × G ≤ x): S lognormal(0, sigma); G is 1, or with ``weight`` a
    log-uniform factor over 1/breadth to breadth (by quad over the log-uniform)."""
    log_breadth = math.log(breadth)

    def given_factor(t: float) -> float:
        return float(stats.norm.cdf(math.log(x / (figure * math.exp(t))) / sigma))

    fallback = integrate.quad(given_factor, -log_breadth, log_breadth)[0] / (2 * log_breadth)
    return (1 - weight) * given_factor(0.0) + weight * fallback


@pytest.mark.parametrize("grade", ["B2", "C3", "E5"])
def test_graded_distribution_matches_the_quad_reference(grade: str) -> None:
    adjustment = GradingTable.default().adjustment(grade)
    sigma = math.log(adjustment.spread) / stats.norm.ppf(0.95)
    est = rg.exactly(1_000).graded(grade)
    for x in (300.0, 700.0, 950.0, 1_000.0, 1_100.0, 1_500.0, 3_000.0):
        expected = _graded_cdf(x, 1_000, sigma, adjustment.fallback_weight,
                               adjustment.fallback_breadth)
        # five times the largest sampling error of a probability from N draws
        assert est.prob_below(x, engine="mc", n=N, rng=SEED) == pytest.approx(
            expected, abs=5 * math.sqrt(0.25 / N))


def test_the_grading_is_stated_in_the_assumptions_with_its_numbers() -> None:
    est = rg.between(10_000, 12_000, unit="troops").graded("C3")
    assert ("source graded C3 (fairly reliable, possibly true): spread ×1.45 at 90%, "
            "19% weight on a fallback 1/4 to 4 times the figure"
            ) in est.summary(n=4_000, rng=SEED).assumptions
    adjustment = GradingTable.default().adjustment("C3")
    assert adjustment.spread == pytest.approx(math.exp(math.hypot(math.log(1.35),
                                                                  math.log(1.25))))
    assert adjustment.fallback_weight == pytest.approx(1 - 0.9 * 0.9)


def test_a_grade_with_only_a_fallback_states_it_on_the_fallback() -> None:
    table = GradingTable.from_dict({
        "reliability": {"A": _row(1, 0.2, 5, "sure")},
        "credibility": {"1": _row(1, 0, 1, "seen")}})
    est = rg.exactly(10).graded("A1", table=table)
    assert est.summary(n=2_000, rng=SEED).assumptions == [
        "source graded A1 (sure, seen): 20% weight on a fallback 1/5 to 5 times the figure"]
    assert est.bounds() == rg.Interval(2, 50)


def test_a_graded_estimate_pickles() -> None:
    est = rg.between(10, 12).graded("D4")
    copy = pickle.loads(pickle.dumps(est))
    assert copy.summary(n=4_000, rng=SEED) == est.summary(n=4_000, rng=SEED)


# -- bias -------------------------------------------------------------------------------------
def test_a_bias_of_an_exact_figure_is_flat_on_the_stated_range() -> None:
    est = rg.exactly(1_000, unit="troops").biased(-0.2, 0.0)
    assert est.bounds() == rg.Interval(800, 1_000)
    qs = [0.05, 0.25, 0.5, 0.9]
    assert est.quantile(qs, engine="exact") == pytest.approx([800 + 200 * q for q in qs],
                                                             rel=1e-9)
    assert est.summary().assumptions == [
        "bias: true value = figure × (1 + b), b from −20% to 0% (flat on exactly that "
        "range): the source may overstate by up to 20%"]


def test_a_biased_range_matches_the_quad_reference() -> None:
    figure = rg.between(100, 200)  # a lognormal reading
    est = figure.biased(0.0, 0.5)
    dist = figure.leaf.distribution
    reading = stats.lognorm(dist.sigma, scale=math.exp(dist.mu))
    for x in (110.0, 150.0, 200.0, 260.0):
        # P(X (1 + b) ≤ x), b uniform on [0, 0.5]
        expected = integrate.quad(lambda u, x=x: reading.cdf(x / u), 1.0, 1.5)[0] / 0.5
        assert est.prob_below(x) == pytest.approx(expected, abs=1e-6)
        assert est.prob_below(x, engine="mc", n=N, rng=SEED) == pytest.approx(
            expected, abs=5 * math.sqrt(0.25 / N))


@pytest.mark.parametrize(("low", "high", "words"), [
    (-0.2, 0.0, "may overstate by up to 20%"),
    (-0.3, -0.1, "overstates by 10% to 30%"),
    (0.0, 0.5, "may understate by up to 50%"),
    (0.05, 0.1, "understates by 5% to 10%"),
    (-0.1, 0.25, "may be off by −10% to +25%"),
])
def test_the_direction_of_a_bias_is_said_in_words(low: float, high: float, words: str) -> None:
    (line,) = rg.exactly(10).biased(low, high).summary().assumptions
    assert line.endswith(words)


def test_bias_edge_cases_and_refusals() -> None:
    x = rg.between(10, 12)
    assert x.biased(0, 0) is x
    assert rg.exactly(10).biased(0.1, 0.1).quantile(0.5) == pytest.approx(11)
    lognormal = rg.exactly(10).biased(-0.5, 1.0, shape="lognormal")
    assert lognormal.quantile([0.05, 0.95]) == pytest.approx([5, 20], rel=1e-9)
    assert "the 90% interval of a lognormal" in lognormal.summary().assumptions[0]
    with pytest.raises(rg.ReadingError, match="did you mean biased"):
        x.biased(0.2, -0.2)
    with pytest.raises(rg.ReadingError, match="above −1"):
        x.biased(-1.0, 0.0)
    with pytest.raises(rg.InputError, match="finite"):
        x.biased(float("nan"), 0.0)
