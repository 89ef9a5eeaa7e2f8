"""Tests of ranges.plot: every number drawn is the summary's, from the same draws."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import ranges as rg
from ranges import format as fmt
from ranges.report import _plot as plot
from ranges.report._summary import additive_terms

N = 4_000
SEED = 11


@pytest.fixture(autouse=True)
def _close_figures(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def no_show(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("ranges.plot must never call plt.show()")

    monkeypatch.setattr(plt, "show", no_show)
    yield
    plt.close("all")


def _by_gid(artists: Any, gid: str) -> list[Any]:
    return [artist for artist in artists if artist.get_gid() == gid]


def _x_extent(patch: Any) -> tuple[float, float]:
    """x extent of an axvspan in data coordinates (a Rectangle or, in older
    matplotlib, a Polygon)."""
    if hasattr(patch, "get_width"):
        x0, width = patch.get_x(), patch.get_width()
        return min(x0, x0 + width), max(x0, x0 + width)
    xs = np.asarray(patch.get_xy())[:, 0]
    return float(xs.min()), float(xs.max())


def _polygon_area(patch: Any) -> float:
    xy = np.asarray(patch.get_xy(), dtype=float)
    x, y = xy[:, 0], xy[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2)


# -- every function ---------------------------------------------------------------------
PLOTS = {
    "distribution": lambda est, **kw: plot.distribution(est, **kw),
    "cdf": lambda est, **kw: plot.cdf(est, **kw),
    "contributions": lambda est, **kw: plot.contributions(est, **kw),
    "compare": lambda est, **kw: plot.compare({"a": est, "b": est * 2}, **kw),
}


@pytest.mark.parametrize("name", sorted(PLOTS))
def test_returns_the_axes_passed_in_without_new_figures(name: str, troops: rg.Estimate) -> None:
    _fig, ax = plt.subplots()
    before = plt.get_fignums()
    result = PLOTS[name](troops, ax=ax, n=N, rng=SEED)
    assert result is ax
    assert plt.get_fignums() == before


@pytest.mark.parametrize("name", sorted(PLOTS))
def test_ax_none_makes_one_new_axes(name: str, troops: rg.Estimate) -> None:
    before = len(plt.get_fignums())
    ax = PLOTS[name](troops, n=N, rng=SEED)
    assert isinstance(ax, matplotlib.axes.Axes)
    assert len(plt.get_fignums()) == before + 1
    assert ax.figure.number in plt.get_fignums()


@pytest.mark.parametrize("name", sorted(PLOTS))
def test_global_style_is_left_alone(name: str, troops: rg.Estimate) -> None:
    before = dict(matplotlib.rcParams)
    PLOTS[name](troops, n=N, rng=SEED)
    after = dict(matplotlib.rcParams)
    assert before == after


def test_importing_ranges_plot_does_not_import_pyplot() -> None:
    code = (
        "import sys, ranges, ranges.plot\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported eagerly'\n"
        "assert ranges.plot is sys.modules['ranges.plot']\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- distribution -------------------------------------------------------------------------
def test_distribution_marks_the_summary_numbers(troops: rg.Estimate) -> None:
    summary = troops.summary(n=N, rng=SEED)
    ax = plot.distribution(troops, n=N, rng=SEED)

    (span,) = _by_gid(ax.patches, plot.GID_INTERVAL)
    low, high = _x_extent(span)
    assert low == pytest.approx(summary.low, abs=1e-9)
    assert high == pytest.approx(summary.high, abs=1e-9)

    (median,) = _by_gid(ax.lines, plot.GID_MEDIAN)
    assert median.get_xdata()[0] == pytest.approx(summary.median, abs=1e-9)

    bounds = _by_gid(ax.lines, plot.GID_BOUND)
    assert [line.get_xdata()[0] for line in bounds] == [13_000.0, 16_000.0]
    assert all(line.get_linestyle() == "--" for line in bounds)

    assert ax.get_xlabel() == "troops"
    texts = [t.get_text() for t in ax.texts]
    assert any(
        fmt.format_number(summary.median) in t
        and fmt.format_range(summary.low, summary.high) in t
        for t in texts
    ), texts


def test_distribution_histogram_is_a_density_of_every_draw(troops: rg.Estimate) -> None:
    ax = plot.distribution(troops, engine="mc", n=N, rng=SEED)
    (hist,) = _by_gid(ax.patches, plot.GID_DRAWS)
    assert _polygon_area(hist) == pytest.approx(1.0, rel=1e-9)
    xs = np.asarray(hist.get_xy())[:, 0]
    draws = troops.sample(N, rng=SEED)
    # the bins reach from the smallest draw to the largest: nothing left out
    assert xs.min() == pytest.approx(draws.min())
    assert xs.max() == pytest.approx(draws.max())


def test_distribution_with_int_bins_still_has_area_one(troops: rg.Estimate) -> None:
    ax = plot.distribution(troops, n=N, rng=SEED, bins=25)
    (hist,) = _by_gid(ax.patches, plot.GID_DRAWS)
    assert _polygon_area(hist) == pytest.approx(1.0, rel=1e-9)


def test_distribution_level_is_passed_to_the_summary(troops: rg.Estimate) -> None:
    summary = troops.summary(0.5, n=N, rng=SEED)
    ax = plot.distribution(troops, level=0.5, n=N, rng=SEED)
    (span,) = _by_gid(ax.patches, plot.GID_INTERVAL)
    assert _x_extent(span) == pytest.approx((summary.low, summary.high), abs=1e-9)
    assert "50% interval" in span.get_label()


def test_distribution_tick_labels_have_thousands_separators(troops: rg.Estimate) -> None:
    ax = plot.distribution(troops, n=N, rng=SEED)
    ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert labels and all("," in text for text in labels), labels


def test_distribution_draws_only_finite_bounds() -> None:
    est = rg.at_least(3_000, unit="troops")
    ax = plot.distribution(est, n=N, rng=SEED)
    assert [line.get_xdata()[0] for line in _by_gid(ax.lines, plot.GID_BOUND)] == [3_000.0]


def test_distribution_show_bounds_false(troops: rg.Estimate) -> None:
    ax = plot.distribution(troops, n=N, rng=SEED, show_bounds=False)
    assert _by_gid(ax.lines, plot.GID_BOUND) == []


def test_distribution_label_color_and_title(troops: rg.Estimate) -> None:
    ax = plot.distribution(troops, n=N, rng=SEED, label="my draws", color="red",
                           title="Troops")
    (hist,) = _by_gid(ax.patches, plot.GID_DRAWS)
    assert hist.get_label() == "my draws"
    assert hist.get_facecolor()[:3] == matplotlib.colors.to_rgb("red")
    assert ax.get_title(loc="left") == "Troops"


def test_a_generator_gives_the_plot_and_its_summary_the_same_draws(
    troops: rg.Estimate,
) -> None:
    ax = plot.distribution(troops, n=N, rng=np.random.default_rng(3))
    # the same generator state again, turned into a seed the same way
    seed = plot._same_draws(np.random.default_rng(3))
    summary = troops.summary(n=N, rng=seed)
    (median,) = _by_gid(ax.lines, plot.GID_MEDIAN)
    assert median.get_xdata()[0] == pytest.approx(summary.median, abs=1e-9)
    (span,) = _by_gid(ax.patches, plot.GID_INTERVAL)
    assert _x_extent(span) == pytest.approx((summary.low, summary.high), abs=1e-9)


# -- one evaluation: the printed numbers are the drawn points' numbers -------------------------
def _model(kind: str) -> rg.Estimate:
    """``sum``: the exact engine can compute it (auto does); ``shared``: an input used
    twice, which auto samples (QMC)."""
    x = rg.between(10_000, 12_000, unit="troops", name="x")
    y = rg.between(3_000, 4_000, unit="troops", name="y")
    return x + y if kind == "sum" else x + x * y / y


ENGINE_CASES = [  # (model, engine passed, engine expected to answer)
    ("sum", None, "exact"),
    ("shared", None, "qmc"),
    ("sum", "exact", "exact"),
    ("sum", "mc", "mc"),
    ("sum", "qmc", "qmc"),
    ("shared", "mc", "mc"),
]


def _recorded_hist(ax: Any, monkeypatch: pytest.MonkeyPatch) -> list[np.ndarray]:
    """Record the values handed to ``ax.hist``: the histogram's own draws."""
    seen: list[np.ndarray] = []
    original = ax.hist

    def recording(x: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(np.array(x, dtype=float))
        return original(x, *args, **kwargs)

    monkeypatch.setattr(ax, "hist", recording)
    return seen


def _probabilities(level: float) -> list[float]:
    return [0.5 - level / 2, 0.5, 0.5 + level / 2]


@pytest.mark.parametrize("case", ENGINE_CASES, ids=[f"{m}-{e}" for m, e, _ in ENGINE_CASES])
def test_histogram_draws_give_the_numbers_printed_on_the_plot(
    case: tuple[str, str | None, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    model, engine, answered = case
    est = _model(model)
    _fig, ax = plt.subplots()
    seen = _recorded_hist(ax, monkeypatch)
    chosen = {} if engine is None else {"engine": engine}  # None: the default, as users call it
    plot.distribution(est, ax=ax, n=N, rng=SEED, **chosen)
    (draws,) = seen
    (span,) = _by_gid(ax.patches, plot.GID_INTERVAL)
    (median,) = _by_gid(ax.lines, plot.GID_MEDIAN)
    marked = [_x_extent(span)[0], median.get_xdata()[0], _x_extent(span)[1]]
    # the numbers marked are the draws' own quantiles (numpy's default rule)...
    assert np.quantile(draws, _probabilities(0.9)) == pytest.approx(marked, rel=1e-12)
    # ...and the summary's, as est.summary() with the same arguments prints them
    summary = est.summary(engine=engine, n=N, rng=SEED)
    assert summary.engine == answered
    assert marked == pytest.approx([summary.low, summary.median, summary.high], rel=1e-12)
    (caption,) = _by_gid(ax.texts, plot.GID_CAPTION)
    assert f"engine {answered}" in caption.get_text()
    assert f"{draws.size:,}" in caption.get_text() or f"{summary.n:,}" in caption.get_text()


@pytest.mark.parametrize("case", ENGINE_CASES, ids=[f"{m}-{e}" for m, e, _ in ENGINE_CASES])
def test_cdf_steps_give_the_numbers_marked_on_the_plot(case: tuple[str, str | None, str]
                                                        ) -> None:
    model, engine, _ = case
    est = _model(model)
    chosen = {} if engine is None else {"engine": engine}
    ax = plot.cdf(est, level=0.8, n=N, rng=SEED, **chosen)
    (step,) = _by_gid(ax.lines, plot.GID_DRAWS)
    (median,) = _by_gid(ax.lines, plot.GID_MEDIAN)
    low, high = sorted(line.get_xdata()[1] for line in _by_gid(ax.lines, plot.GID_INTERVAL))
    marked = [low, median.get_xdata()[1], high]
    assert np.quantile(step.get_xdata(), _probabilities(0.8)) == pytest.approx(marked,
                                                                                rel=1e-12)


def test_computed_distribution_is_drawn_at_its_quantiles() -> None:
    # N(10, 3) + N(5, 4) is N(15, 5): the exact engine's points are its quantiles at
    # evenly spaced probabilities, so their quantiles follow scipy's normal closely
    from scipy import stats

    est = rg.normal(10, 3) + rg.normal(5, 4)
    drawn = plot.evaluated(est, engine="exact", n=N)
    assert drawn.points.size == N and not drawn.sampled
    probabilities = np.linspace(0.02, 0.98, 49)
    reference = stats.norm(15, 5).ppf(probabilities)
    # one grid step of probability (1/N) times the largest 1/density on this range
    tolerance = 5 / N / stats.norm(0, 1).pdf(stats.norm.ppf(0.98))
    np.testing.assert_allclose(np.quantile(drawn.points, probabilities), reference,
                               atol=tolerance)
    assert np.all(np.diff(drawn.points) >= 0)


def test_quantile_points_keep_every_anchor_even_when_few_are_asked_for() -> None:
    est = rg.between(10, 20, shape="uniform")
    evaluation = est.evaluate(engine="exact")
    anchors = [0.5, 0.495, 0.505]  # a 1% interval: the anchors are close together
    points = plot.quantile_points(evaluation, anchors, 10)
    assert np.quantile(points, anchors) == pytest.approx(evaluation.quantile(anchors),
                                                         rel=1e-12)


def test_contributions_total_is_the_reports_total_and_the_caption_says_how(
    troops: rg.Estimate,
) -> None:
    ax = plot.contributions(troops, n=N, rng=SEED)
    summary = troops.summary(n=N, rng=SEED)
    (total_bar,) = _by_gid(ax.patches, plot.GID_TOTAL)
    assert total_bar.get_width() == pytest.approx(summary.median, rel=1e-12)
    (caption,) = _by_gid(ax.texts, plot.GID_CAPTION)
    assert caption.get_text() == (f"total: engine {summary.engine} (computed, not sampled)\n"
                                  f"terms: engine exact (computed, not sampled)\n"
                                  f"shares of the variance: {N:,} Monte Carlo draws, "
                                  f"seed {SEED}")


def test_compare_caption_names_each_rows_engine_when_they_differ() -> None:
    rows = {"sum": _model("sum"), "shared": _model("shared")}
    ax = plot.compare(rows, n=N, rng=SEED)
    (caption,) = _by_gid(ax.texts, plot.GID_CAPTION)
    assert caption.get_text().startswith("sum: engine exact (computed, not sampled); "
                                         "shared: engine qmc, ")
    ax = plot.compare(rows, engine="mc", n=N, rng=SEED)
    (caption,) = _by_gid(ax.texts, plot.GID_CAPTION)
    assert caption.get_text() == f"engine mc, {N:,} samples, seed {SEED}"


# -- cdf ------------------------------------------------------------------------------------
def test_cdf_is_the_step_of_the_sorted_draws(troops: rg.Estimate) -> None:
    ax = plot.cdf(troops, engine="mc", n=N, rng=SEED)
    (step,) = _by_gid(ax.lines, plot.GID_DRAWS)
    np.testing.assert_array_equal(step.get_xdata(), np.sort(troops.sample(N, rng=SEED)))
    ys = np.asarray(step.get_ydata())
    assert ys[0] == pytest.approx(1 / N) and ys[-1] == 1.0
    assert np.all(np.diff(ys) > 0)
    assert step.get_drawstyle() == "steps-post"


def test_cdf_marks_the_interval_ends_and_median(troops: rg.Estimate) -> None:
    summary = troops.summary(n=N, rng=SEED)
    ax = plot.cdf(troops, n=N, rng=SEED)
    ends = _by_gid(ax.lines, plot.GID_INTERVAL)
    corners = sorted((line.get_xdata()[1], line.get_ydata()[1]) for line in ends)
    flat = [float(value) for corner in corners for value in corner]
    assert flat == pytest.approx([summary.low, 0.05, summary.high, 0.95], abs=1e-9)
    (median,) = _by_gid(ax.lines, plot.GID_MEDIAN)
    assert (median.get_xdata()[1], median.get_ydata()[1]) == pytest.approx(
        (summary.median, 0.5), abs=1e-9
    )
    assert [line.get_xdata()[0] for line in _by_gid(ax.lines, plot.GID_BOUND)] == [
        13_000.0, 16_000.0,
    ]


# -- contributions -------------------------------------------------------------------------
def test_contributions_one_bar_per_term_and_one_for_the_total(troops: rg.Estimate) -> None:
    extra = rg.between(500, 900, unit="troops", name="guards")
    total = troops + extra
    parts = rg.contributions(total, n=N, rng=SEED)
    summary = total.summary(n=N, rng=SEED)
    ax = plot.contributions(total, n=N, rng=SEED)

    terms = _by_gid(ax.patches, plot.GID_TERM)
    (total_bar,) = _by_gid(ax.patches, plot.GID_TOTAL)
    assert len(terms) == len(additive_terms(total)) == 3
    # each term's bar and label: its own summary's median (the engine's number)
    medians = [p.sign * p.term.summary(n=N, rng=SEED).median for p in parts]
    assert [bar.get_width() for bar in terms] == pytest.approx(medians, rel=1e-12)
    # a waterfall: each term starts where the one above it ends
    starts = np.cumsum([0.0, *medians[:-1]])
    assert [bar.get_x() for bar in terms] == pytest.approx(list(starts))
    assert total_bar.get_x() == 0.0
    assert total_bar.get_width() == pytest.approx(summary.median, abs=1e-9)

    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert labels == [fmt.label(p.term) for p in parts] + ["total"]
    assert labels[:3] == ["last fall", "this year", "guards"]

    texts = " ".join(t.get_text() for t in ax.texts)
    for part, median in zip(parts, medians, strict=True):
        assert f"{fmt.format_number(median)}  ·  {part.share_of_variance:.0%} of the " \
            "variance" in texts


def test_contributions_labels_are_the_exact_engines_numbers_not_the_draws() -> None:
    this_year = rg.between(3_000, 4_000, unit="troops", name="this year")
    total = rg.between(10_000, 12_000, unit="troops", name="last fall") + this_year
    exact = this_year.median(engine="exact")
    assert fmt.format_number(exact) == "3,460"  # sqrt(3,000 × 4,000) = 3,464.1
    ax = plot.contributions(total, n=2_000, rng=SEED)
    (label,) = [t.get_text() for t in ax.texts if t.get_text().startswith("3,")]
    assert label.split("  ·  ")[0] == fmt.format_number(exact)
    (bar,) = [b for b in _by_gid(ax.patches, plot.GID_TERM) if b.get_y() > 0.5]
    assert bar.get_width() == pytest.approx(exact, rel=1e-12)


def test_contributions_labels_look_through_unit_conversions(troops: rg.Estimate) -> None:
    workers = rg.exactly(5_000, unit="workers", name="workers")
    sappers = rg.between(800, 1_200, unit="sappers", name="sappers")
    total = troops.to("people") + sappers.to("people") + workers.to("people")
    ax = plot.contributions(total, n=N, rng=SEED)
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    # a unit conversion does not hide the terms inside it
    assert labels == ["last fall", "this year", "sappers", "workers", "total"]
    mixed = troops + sappers + workers  # converted implicitly: the same terms
    ax = plot.contributions(mixed, n=N, rng=SEED)
    assert [t.get_text() for t in ax.get_yticklabels()] == labels
    assert ax.get_xlabel() == "people"
    assert "exact, adds no uncertainty" in " ".join(t.get_text() for t in ax.texts)


def test_contributions_subtracted_terms_are_marked() -> None:
    total = rg.between(10, 20, name="in") - rg.between(3, 6, name="out")
    ax = plot.contributions(total, n=N, rng=SEED)
    assert [tick.get_text() for tick in ax.get_yticklabels()] == ["in", "− out", "total"]
    out_bar = _by_gid(ax.patches, plot.GID_TERM)[1]
    assert out_bar.get_width() < 0


# -- compare --------------------------------------------------------------------------------
def test_compare_one_row_per_estimate(troops: rg.Estimate) -> None:
    hard = rg.Reading(shape="bounds")
    bounded = (rg.between(10_000, 12_000, unit="troops", name="last fall", reading=hard)
               + rg.between(3_000, 4_000, unit="troops", name="this year", reading=hard))
    rows = {"default reading": troops, "hard bounds": bounded, "alone": troops * 1}
    ax = plot.compare(rows, n=N, rng=SEED)

    bars = _by_gid(ax.lines, plot.GID_ROW)
    assert len(bars) == 3
    for y, est in enumerate(rows.values()):
        summary = est.summary(n=N, rng=SEED)
        assert list(bars[y].get_xdata()) == pytest.approx([summary.low, summary.high], abs=1e-9)
        assert list(bars[y].get_ydata()) == [y, y]
    medians = _by_gid(ax.lines, plot.GID_MEDIAN)
    assert [m.get_xdata()[0] for m in medians] == pytest.approx(
        [est.summary(n=N, rng=SEED).median for est in rows.values()], abs=1e-9
    )
    labels = [tick.get_text().splitlines()[0] for tick in ax.get_yticklabels()]
    assert labels == list(rows)
    whiskers = [line for line in _by_gid(ax.lines, plot.GID_BOUND)
                if line.get_linestyle() != "None"]
    assert [list(w.get_xdata()) for w in whiskers] == [[13_000.0, 16_000.0]] * 3


def test_compare_without_bounds(troops: rg.Estimate) -> None:
    ax = plot.compare({"x": troops}, n=N, rng=SEED, show_bounds=False)
    assert _by_gid(ax.lines, plot.GID_BOUND) == []
    assert len(_by_gid(ax.lines, plot.GID_ROW)) == 1


def test_bad_input_is_refused(troops: rg.Estimate) -> None:
    with pytest.raises(rg.InputError):
        plot.compare({})
    with pytest.raises(rg.InputError):
        plot.distribution(5)  # type: ignore[arg-type]
    with pytest.raises(rg.InputError):
        plot.compare({"a": "not an estimate"})  # type: ignore[dict-item]


def test_an_axis_in_billions_says_so_once_and_keeps_tick_labels_short() -> None:
    money = rg.between(3e9, 4e9, unit="USD") + rg.between(1.5e9, 2e9, unit="USD")
    ax = plot.distribution(money, n=2_000, rng=1)
    assert ax.get_xlabel() == "USD (billions)"
    tick = ax.xaxis.get_major_formatter()
    assert tick(5.25e9, 0) == "5.25" and tick(4.5e9, 0) == "4.5"
    troops = plot.distribution(rg.between(10_000, 12_000, unit="troops"), n=2_000, rng=1)
    assert troops.get_xlabel() == "troops"
    assert troops.xaxis.get_major_formatter()(11_500, 0) == "11,500"
    plt.close("all")
