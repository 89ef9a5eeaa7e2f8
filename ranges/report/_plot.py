"""Plots of estimates (matplotlib, imported on first use).

A plot and the numbers printed on it come from one evaluation: each function
evaluates the estimate once (with ``engine``, ``n`` and ``rng``, as
:meth:`Estimate.summary <ranges.core._graph.Estimate.summary>` would), builds the
:class:`~ranges.report._summary.Summary` from that evaluation, and draws the
evaluation's own samples. When the engine computed the distribution instead of
sampling it (``"exact"``, or ``"auto"`` choosing it), the points drawn are that
distribution's quantiles at ``n`` evenly spaced probabilities, taken through the same
evaluation, with the summary's median and interval ends among them, so the drawn
points and the printed numbers agree. The caption under each plot says which
engine answered and how many draws (or quantiles) it shows.

Plotting computes no statistics of its own: every number drawn is the summary's,
:func:`ranges.contributions`'s, or one of the evaluation's points. The ``rng`` is
turned into one seed first (an int seed as it is; None is ``ranges.defaults.seed``;
a ``Generator`` is advanced once), so that the several estimates of
:func:`compare` and the terms of :func:`contributions` see the same draws.

Every function takes ``ax=`` (a new figure is made with ``plt.subplots`` when it
is None) and returns the Axes it drew on. Nothing here opens a window or changes
matplotlib's global style.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import ranges as rg
>>> from ranges import plot
>>> ax = plot.distribution(rg.between(10_000, 12_000, unit="troops"), n=2_000)
>>> ax.get_xlabel()
'troops'
>>> import matplotlib.pyplot as plt; plt.close("all")
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ranges import format as fmt
from ranges.core._graph import Estimate
from ranges.errors import InputError
from ranges.report._summary import contributions as _contributions
from ranges.report._summary import summarize, summary_probabilities

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ranges.engines._base import Evaluation, SeedLike
    from ranges.report._summary import Contribution, Summary

__all__ = ["cdf", "compare", "contributions", "distribution"]

# A quiet palette: draws in blue-grey, the interval in amber, the median in ink.
DRAWS_COLOR = "#4c72b0"
INTERVAL_COLOR = "#f0a030"
MEDIAN_COLOR = "#1f1f1f"
BOUNDS_COLOR = "#7a7a7a"
TOTAL_COLOR = "#2a2a2a"
CAPTION_COLOR = "#6a6a6a"

#: gid of the artists tests and callers may want to find again
GID_DRAWS = "ranges-draws"
GID_INTERVAL = "ranges-interval"
GID_MEDIAN = "ranges-median"
GID_BOUND = "ranges-bound"
GID_TERM = "ranges-term"
GID_TOTAL = "ranges-total"
GID_ROW = "ranges-row"
GID_CAPTION = "ranges-caption"

#: the most histogram bins "auto" may make (heavy tails would otherwise ask for millions)
MAX_AUTO_BINS = 1_000


# -- shared helpers -------------------------------------------------------------------------
def _pyplot() -> Any:
    import matplotlib.pyplot as plt

    return plt


def _axes(ax: Any, figsize: tuple[float, float]) -> Any:
    """``ax``, or the Axes of a new figure; either way the figure is laid out with
    constrained layout (a given figure only when it has no layout engine of its
    own), so that a plain ``fig.savefig(path)`` keeps the legend and labels inside."""
    if ax is not None:
        figure = ax.get_figure()
        if figure is not None and figure.get_layout_engine() is None:
            figure.set_layout_engine("constrained")
        return ax
    _, new_ax = _pyplot().subplots(figsize=figsize, layout="constrained")
    return new_ax


def _same_draws(rng: SeedLike) -> SeedLike:
    """A seed that gives the same draws every time it is used.

    An int seed already does; None stands for ``ranges.defaults.seed`` (or fresh
    entropy, fixed here once, when that is None); a ``Generator`` is advanced once
    to make a seed sequence.

    >>> _same_draws(5), _same_draws(None) == 0
    (5, True)
    """
    if rng is None:
        from ranges._config import defaults

        rng = defaults.seed
        if rng is None:
            return np.random.SeedSequence()
    if isinstance(rng, np.random.Generator):
        entropy = [int(x) for x in rng.integers(0, 2**63, size=2)]
        return np.random.SeedSequence(entropy)
    return rng


def _check_estimate(est: Any, what: str = "est") -> Estimate:
    if not isinstance(est, Estimate):
        raise InputError(f"{what} must be a ranges Estimate, got {type(est).__name__}")
    return est


def _tick_text(x: float, _pos: Any = None) -> str:
    """Tick labels: up to 6 significant figures with thousands separators."""
    return fmt.format_number(float(x), sig=6)


def _number_axis(axis: Any) -> None:
    """Tick labels with separators; for an axis reaching a million or more, plain
    numbers in millions (billions, ...) and the scale word in the axis label, so that
    the tick labels stay short."""
    from matplotlib.ticker import FuncFormatter

    axis.axes.autoscale_view()
    low, high = axis.get_view_interval()
    scale = fmt.scale_word(max(abs(float(low)), abs(float(high))))
    if scale is None:
        axis.set_major_formatter(FuncFormatter(_tick_text))
        return
    factor, word = scale
    axis.set_major_formatter(FuncFormatter(lambda x, _pos=None: fmt.format_plain(x / factor, 6)))
    label = axis.get_label_text()
    axis.set_label_text(f"{label} ({word}s)" if label else f"{word}s")


def _quiet_frame(ax: Any, *, left: bool = True) -> None:
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    if not left:
        ax.spines["left"].set_visible(False)


def _finite_bounds(summary: Summary) -> list[float]:
    if summary.bounds is None:
        return []
    return [x for x in (summary.bounds.low, summary.bounds.high) if math.isfinite(x)]


def _has_bounds(summary: Summary) -> bool:
    """Whether the summary has range bounds worth drawing (finite, not one point)."""
    return bool(_finite_bounds(summary)) and summary.bounds is not None \
        and summary.bounds.width > 0


def _with_unit(text: str, unit: str) -> str:
    return fmt.format_quantity(text, unit)


def headline(summary: Summary) -> str:
    """The short annotation of a plot: median and central interval.

    >>> import ranges as rg
    >>> s = rg.between(10_000, 12_000, unit="troops").summary(n=20_000, rng=1)
    >>> headline(s)
    'median 11,000 troops; 90% interval 10,000–12,000'
    """
    shape = fmt.describe_shape(summary)  # not one bump: say how instead
    if shape is not None:
        return shape
    median = _with_unit(fmt.format_number(summary.median), summary.unit)
    if summary.low == summary.high:
        return f"{median} (exact)"
    interval = fmt.format_range(summary.low, summary.high)
    return f"median {median}; {summary.level:.0%} interval {interval}"


def _view(summary: Summary, show_bounds: bool) -> tuple[float, float]:
    """The x window of a distribution: the interval with room either side, and the
    finite range bounds when they are drawn."""
    width = summary.high - summary.low
    pad = 0.45 * width if width > 0 else max(abs(summary.median) * 0.05, 1.0)
    left, right = summary.low - pad, summary.high + pad
    ends = _finite_bounds(summary) if show_bounds else []
    if ends:
        margin = 0.04 * (max(right, *ends) - min(left, *ends))
        left = min(left, min(ends) - margin)
        right = max(right, max(ends) + margin)
    if summary.bounds is not None and summary.bounds.low >= 0 and summary.low >= 0:
        left = max(left, 0.0)  # a quantity that cannot go below 0 needs no negative axis
    return left, right


def _bins(samples: np.ndarray[Any, Any], bins: int | str | Sequence[float]) -> Any:
    if isinstance(bins, str):
        edges = np.histogram_bin_edges(samples, bins=bins)
        if edges.size - 1 > MAX_AUTO_BINS:
            return MAX_AUTO_BINS
        return edges
    return bins


#: the longest line of a term's label on a bar chart; longer labels are wrapped
LABEL_WIDTH = 36
#: lines of a wrapped label kept (the rest is cut with an ellipsis)
LABEL_LINES = 3


def _term_label(term: Estimate) -> str:
    """The label of an additive term (``format.label`` sees through unit conversions),
    wrapped so that a long expression does not squeeze the bars off the figure.

    >>> import ranges as rg
    >>> a, b, c = (rg.between(1, 2, name=f"a rather long input name {i}") for i in "abc")
    >>> print(_term_label(a * b * c))
    a rather long input name a × a
    rather long input name b × a rather
    long input name c
    """
    lines = textwrap.wrap(fmt.label(term), LABEL_WIDTH)
    if len(lines) > LABEL_LINES:
        lines = [*lines[:LABEL_LINES - 1], lines[LABEL_LINES - 1] + " …"]
    return "\n".join(lines)


#: the longest caption line, in characters, before it is broken at a "; "
CAPTION_WIDTH = 90


def wrap_caption(text: str, width: int = CAPTION_WIDTH) -> str:
    """A long one-line caption broken into lines at its "; " separators, so that it
    fits under the axes instead of running off the figure's edges.

    >>> print(wrap_caption("a: engine exact; b: engine qmc; c: engine mc", width=20))
    a: engine exact;
    b: engine qmc;
    c: engine mc
    """
    lines: list[str] = []
    for line in text.split("\n"):
        current = ""
        for part in line.split("; "):
            if current and len(current) + 2 + len(part) > width:
                lines.append(current + ";")
                current = part
            else:
                current = f"{current}; {part}" if current else part
        lines.append(current)
    return "\n".join(lines)


def _caption(ax: Any, text: str) -> None:
    """Which engine answered and how many draws, in small type under the x axis label,
    flush with the axes' right end (long captions broken into lines)."""
    ax.annotate(wrap_caption(text), xy=(1.0, 0.0), xycoords=("axes fraction", ax.xaxis.label),
                xytext=(0, -2), textcoords="offset points", ha="right", va="top",
                fontsize=7.5, color=CAPTION_COLOR, gid=GID_CAPTION, annotation_clip=False)


# -- one evaluation: the summary and the points drawn --------------------------------------
@dataclass(frozen=True)
class Drawn:
    """What a plot of one estimate shows, all from one evaluation: the ``summary`` it
    prints, the ``points`` it draws, and whether they are the engine's samples or
    quantiles of a distribution it computed."""

    summary: Summary
    points: NDArray[np.float64]
    sampled: bool

    @property
    def what(self) -> str:
        """The points, in a few words (for the legend)."""
        if self.sampled:
            return f"simulated draws ({self.points.size:,})"
        return f"computed distribution ({self.points.size:,} quantiles)"

    @property
    def caption(self) -> str:
        """Which engine answered and what the points drawn are."""
        if self.sampled:
            return f"{fmt.how_computed(self.summary)}; every sample drawn"
        return (f"{fmt.how_computed(self.summary)}; drawn at {self.points.size:,} "
                "evenly spaced quantiles")


def quantile_points(evaluation: Evaluation, anchors: Sequence[float], count: int
                    ) -> NDArray[np.float64]:
    """``count`` sorted points of a computed distribution: its quantiles (through
    ``evaluation.quantile``) at the evenly spaced probabilities (i + ½)/count, with the
    quantile at each probability in ``anchors`` written on both ranks an empirical
    quantile at that probability interpolates between, so that the points' own
    quantiles there (numpy's default rule) are the evaluation's.

    >>> import ranges as rg
    >>> from ranges.engines import evaluate
    >>> ev = evaluate(rg.between(10, 20, shape="uniform"), engine="exact")
    >>> points = quantile_points(ev, [0.5, 0.05, 0.95], 1_000)
    >>> np.quantile(points, [0.05, 0.5, 0.95]).round(9).tolist()
    [10.0, 15.0, 20.0]
    """
    ordered = sorted(float(p) for p in anchors)
    gaps = np.diff([0.0, *ordered, 1.0])
    smallest = float(gaps.min()) if gaps.size else 1.0
    # enough points that no two anchors share a rank
    count = max(count, math.ceil(2.0 / smallest) + 2) if smallest > 0 else count
    probabilities = (np.arange(count) + 0.5) / count
    points = np.sort(np.asarray(evaluation.quantile(probabilities), dtype=float))
    for p in ordered:
        value = float(evaluation.quantile(p))
        below = math.floor(p * (count - 1))
        above = min(below + 1, count - 1)
        points[below] = points[above] = value
        np.minimum(points[:below], value, out=points[:below])
        np.maximum(points[above + 1:], value, out=points[above + 1:])
    return points


def evaluated(
    est: Estimate,
    *,
    level: float | None = None,
    engine: str | None = None,
    n: int | None = None,
    rng: SeedLike = None,
) -> Drawn:
    """Evaluate ``est`` once and take from that one evaluation both the summary a
    plot prints and the points it draws: the evaluation's samples when the engine
    drew any, else ``n`` quantiles of the computed distribution
    (:func:`quantile_points`, with the summary's median and interval ends among them).

    >>> import ranges as rg
    >>> drawn = evaluated(rg.between(10, 12) + rg.between(3, 4), n=2_000, rng=1)
    >>> drawn.summary.engine, drawn.points.size
    ('exact', 2000)
    >>> float(np.median(drawn.points)) == drawn.summary.median
    True
    """
    from ranges._config import defaults
    from ranges.engines import evaluate
    from ranges.engines._base import check_sample_count

    evaluation = evaluate(est, engine=engine, n=n, rng=rng)
    summary = summarize(est, level=level, evaluation=evaluation)
    samples = evaluation.samples
    if samples is not None:
        return Drawn(summary, samples, sampled=True)
    count = check_sample_count(defaults.n if n is None else n)
    points = quantile_points(evaluation, summary_probabilities(summary.level), count)
    return Drawn(summary, points, sampled=False)


# -- the plots ------------------------------------------------------------------------------
def distribution(
    est: Estimate,
    ax: Any = None,
    *,
    level: float | None = None,
    engine: str | None = None,
    n: int | None = None,
    rng: SeedLike = None,
    bins: int | str | Sequence[float] = "auto",
    show_bounds: bool = True,
    color: str | None = None,
    label: str | None = None,
    title: str | None = None,
) -> Any:
    """A density histogram of the draws, the central interval shaded, the median
    marked and the range bounds dashed.

    The numbers and the histogram come from one evaluation (see :func:`evaluated`):
    the numbers are those of ``est.summary(level, engine=engine, n=n, rng=rng)`` and
    the histogram's points give the same median and interval. ``bins`` goes to
    matplotlib ("auto" is numpy's rule, at most :data:`MAX_AUTO_BINS` bins). The x
    axis shows the central interval with room either side (and the range bounds when
    ``show_bounds``); the histogram still holds every point. ``label`` names the
    draws in the legend.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import ranges as rg
    >>> total = rg.between(10_000, 12_000, unit="troops") + rg.between(3_000, 4_000, unit="troops")
    >>> ax = distribution(total, n=5_000, rng=1)
    >>> ax.get_xlabel(), type(ax).__name__
    ('troops', 'Axes')
    >>> [line.get_xdata()[0] for line in ax.lines if line.get_linestyle() == "--"]
    [13000.0, 16000.0]
    >>> plt.close("all")
    """
    est = _check_estimate(est)
    drawn = evaluated(est, level=level, engine=engine, n=n, rng=_same_draws(rng))
    summary, points = drawn.summary, drawn.points
    ax = _axes(ax, (7.0, 3.6))
    draws_color = color or DRAWS_COLOR

    heights, _, _ = ax.hist(
        points, bins=_bins(points, bins), density=True, histtype="stepfilled",
        color=draws_color, alpha=0.45, edgecolor=draws_color, linewidth=0.8,
        label=label or drawn.what, gid=GID_DRAWS,
    )
    interval_text = fmt.format_range(summary.low, summary.high)
    ax.axvspan(summary.low, summary.high, color=INTERVAL_COLOR, alpha=0.22, linewidth=0,
               label=f"{summary.level:.0%} interval {interval_text}", gid=GID_INTERVAL,
               zorder=0)
    ax.axvline(summary.median, color=MEDIAN_COLOR, linewidth=1.6,
               label=f"median {fmt.format_number(summary.median)}", gid=GID_MEDIAN)
    if show_bounds:
        _bound_lines(ax, summary)
    _density_frame(ax, summary, float(np.max(heights)) if np.size(heights) else 1.0,
                   show_bounds)
    _headline(ax, headline(summary), title)
    _caption(ax, drawn.caption)
    return ax


def _density_frame(ax: Any, summary: Summary, top: float, show_bounds: bool) -> None:
    """Limits (room above the highest bar ``top`` for the legend), labels, legend."""
    ax.set_xlim(*_view(summary, show_bounds))
    ax.set_ylim(0, top * 1.32 if top > 0 else 1.0)
    ax.set_xlabel(summary.unit)
    ax.set_ylabel("probability density")
    ax.set_yticks([])
    _number_axis(ax.xaxis)
    _quiet_frame(ax, left=False)
    # A white backing so that a bound or median line behind the legend does not run
    # through its text.
    ax.legend(loc="upper right", frameon=True, facecolor="white", edgecolor="none",
              framealpha=0.9, fontsize=8.5)


def _bound_lines(ax: Any, summary: Summary) -> None:
    """The finite range bounds as dashed vertical lines (one legend entry)."""
    if summary.bounds is None or summary.bounds.width <= 0:
        return
    bound_label = f"range bounds {fmt.format_interval(summary.bounds)}"
    for index, end in enumerate(_finite_bounds(summary)):
        ax.axvline(end, color=BOUNDS_COLOR, linestyle="--", linewidth=1.1,
                   label=bound_label if index == 0 else None, gid=GID_BOUND)


def _headline(ax: Any, text: str, title: str | None) -> None:
    """The one-line numbers just above the plot, under the title when there is one."""
    ax.text(0.0, 1.015, text, transform=ax.transAxes, ha="left", va="bottom",
            fontsize=9.5, color=MEDIAN_COLOR)
    if title:
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold", pad=20)


def cdf(
    est: Estimate,
    ax: Any = None,
    *,
    level: float | None = None,
    engine: str | None = None,
    n: int | None = None,
    rng: SeedLike = None,
    show_bounds: bool = True,
    color: str | None = None,
    title: str | None = None,
) -> Any:
    """The empirical CDF of the draws (a step through the sorted points), with the
    median and the interval ends read off it.

    The y axis is the share of points at or below x; the dotted guides show where
    the interval ends and the median sit (the summary's numbers, from the same
    evaluation as the points: see :func:`evaluated`).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import ranges as rg
    >>> ax = cdf(rg.between(3_000, 4_000, unit="troops"), n=1_000, rng=2)
    >>> float(ax.lines[0].get_ydata()[-1])
    1.0
    >>> plt.close("all")
    """
    est = _check_estimate(est)
    drawn = evaluated(est, level=level, engine=engine, n=n, rng=_same_draws(rng))
    summary = drawn.summary
    ax = _axes(ax, (7.0, 3.6))

    ordered = np.sort(drawn.points)
    steps = np.arange(1, ordered.size + 1) / ordered.size
    ax.step(ordered, steps, where="post", color=color or DRAWS_COLOR, linewidth=1.8,
            label=f"share at or below x: {drawn.what}", gid=GID_DRAWS)
    left, right = _view(summary, show_bounds)
    _cdf_guides(ax, summary, left)
    ax.axvspan(summary.low, summary.high, color=INTERVAL_COLOR, alpha=0.15, linewidth=0,
               zorder=0, label=f"{summary.level:.0%} interval "
               f"{fmt.format_range(summary.low, summary.high)}")
    if show_bounds:
        _bound_lines(ax, summary)

    ax.set_xlim(left, right)
    ax.set_ylim(0, 1.0)
    ax.set_yticks(sorted(summary_probabilities(summary.level)))
    from matplotlib.ticker import PercentFormatter

    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel(summary.unit)
    ax.set_ylabel("chance of at most x")
    _number_axis(ax.xaxis)
    _quiet_frame(ax)
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.legend(loc="lower right", frameon=False, fontsize=8.5)
    _headline(ax, headline(summary), title)
    _caption(ax, drawn.caption)
    return ax


def _cdf_guides(ax: Any, summary: Summary, left: float) -> None:
    """Dotted guides from the y axis to the median and the interval ends on the CDF,
    each marked with a dot and its number."""
    median_p, lower_p, upper_p = summary_probabilities(summary.level)
    marks = [(summary.low, lower_p, fmt.format_number(summary.low)),
             (summary.median, median_p, f"median {fmt.format_number(summary.median)}"),
             (summary.high, upper_p, fmt.format_number(summary.high))]
    for x, p, text in marks:
        is_median = p == median_p
        ax.plot([left, x, x], [p, p, 0], color=MEDIAN_COLOR if is_median else INTERVAL_COLOR,
                linestyle=":", linewidth=1.1, gid=GID_MEDIAN if is_median else GID_INTERVAL)
        ax.annotate(f"{text}  ({p:.0%})", (x, p), xytext=(-7, 4), ha="right",
                    textcoords="offset points", fontsize=8.5, color=MEDIAN_COLOR)
    ax.plot([summary.low, summary.median, summary.high], [lower_p, median_p, upper_p],
            linestyle="none", marker="o", markersize=5, color=MEDIAN_COLOR)


# -- contributions: a waterfall of the additive terms ----------------------------------------
@dataclass(frozen=True)
class _Waterfall:
    """Where each term's bar sits: it starts where the medians of the terms above it
    end; its error bar reaches from its low to its high around its median."""

    labels: list[str]
    starts: list[float]
    widths: list[float]
    low_err: list[float]
    high_err: list[float]

    @classmethod
    def of(cls, parts: Sequence[Contribution]) -> _Waterfall:
        starts = list(np.cumsum([0.0, *[p.median for p in parts[:-1]]])) if parts else []
        return cls(
            labels=[_term_label(p.term) if p.sign > 0 else f"− {_term_label(p.term)}"
                    for p in parts],
            starts=[float(x) for x in starts],
            widths=[p.median for p in parts],
            low_err=[max(p.median - p.low, 0.0) for p in parts],
            high_err=[max(p.high - p.median, 0.0) for p in parts],
        )

    @property
    def ends(self) -> list[float]:
        return [s + w for s, w in zip(self.starts, self.widths, strict=True)]


def contributions(
    est: Estimate,
    ax: Any = None,
    *,
    level: float | None = None,
    engine: str | None = None,
    n: int | None = None,
    rng: SeedLike = None,
    title: str | None = None,
) -> Any:
    """Each additive term of a total as a waterfall of horizontal bars, then the total.

    Term *i* starts where the medians of the terms above it end; its error bar is
    its own central interval around its median. The total's bar (from
    ``est.summary`` with the same ``engine``, ``n`` and seed, so the numbers match
    the other plots and the report) starts at 0. Beside each term: its median and
    its share of the total's variance (:attr:`Contribution.share_of_variance`), i.e.
    how much of the uncertainty it brings. A term's median and interval come from
    its own summary (the same ``engine``, ``n`` and seed: the exact engine's numbers
    where it applies); its share from :func:`ranges.contributions` (Monte Carlo
    draws of every term at once, with the same ``n`` and seed). Medians of terms
    need not add up exactly to the total's median.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import ranges as rg
    >>> total = rg.between(10, 12, name="a") + rg.between(3, 4, name="b")
    >>> ax = contributions(total, n=2_000, rng=0)
    >>> [tick.get_text() for tick in ax.get_yticklabels()]
    ['a', 'b', 'total']
    >>> plt.close("all")
    """
    est = _check_estimate(est)
    seed = _same_draws(rng)
    summary = summarize(est, level=level, engine=engine, n=n, rng=seed)
    parts, ways = _engine_terms(_contributions(est, level=level, n=n, rng=seed),
                                level=level, engine=engine, n=n, rng=seed)
    waterfall = _Waterfall.of(parts)
    ax = _axes(ax, (7.5, 1.2 + 0.62 * (len(parts) + 1)))
    _waterfall_bars(ax, waterfall, parts, summary)
    _waterfall_numbers(ax, waterfall, parts, summary)
    _waterfall_frame(ax, waterfall, summary, title)
    _caption(ax, f"total: {fmt.how_computed(summary)}\nterms: {ways}\nshares of the "
                 f"variance: {_terms_draws(n, seed)}")
    return ax


def _engine_terms(parts: Sequence[Contribution], *, level: float | None,
                  engine: str | None, n: int | None, rng: SeedLike
                  ) -> tuple[list[Contribution], str]:
    """The terms with their median and interval from the engine (each term's own
    summary with the same ``engine``, ``n`` and seed, times the factor it enters the
    total with), so that a term's label is the number its own summary prints; the
    shares of the variance stay those of the joint draws. Also how the terms were
    computed, in words."""
    from dataclasses import replace

    out: list[Contribution] = []
    ways: list[str] = []
    for part in parts:
        own = summarize(part.term, level=level, engine=engine, n=n, rng=rng)
        low, high = sorted((part.sign * own.low, part.sign * own.high))
        out.append(replace(part, median=part.sign * own.median, low=low, high=high))
        ways.append(fmt.how_computed(own))
    return out, "; ".join(dict.fromkeys(ways))


def _terms_draws(n: int | None, seed: SeedLike) -> str:
    """How the terms of :func:`contributions` were drawn.

    >>> _terms_draws(4_000, 11)
    '4,000 Monte Carlo draws, seed 11'
    """
    from ranges._config import defaults

    count = defaults.n if n is None else n
    where = f"seed {seed}" if isinstance(seed, int) else "fresh entropy"
    return f"{count:,} Monte Carlo draws, {where}"


def _waterfall_bars(ax: Any, waterfall: _Waterfall, parts: Sequence[Contribution],
                    summary: Summary) -> None:
    """The terms' bars and error bars, then the total's bar and its interval."""
    rows = list(range(len(parts)))
    total_row = len(parts)
    ax.barh(rows, waterfall.widths, left=waterfall.starts, height=0.56, color=DRAWS_COLOR,
            alpha=0.75, label="term medians, added in turn", gid=GID_TERM)
    ax.barh([total_row], [summary.median], height=0.56, color=TOTAL_COLOR, alpha=0.85,
            label="total (median)", gid=GID_TOTAL)
    uncertain = [i for i, part in enumerate(parts) if part.high > part.low]
    ax.errorbar([waterfall.ends[i] for i in uncertain], uncertain,
                xerr=[[waterfall.low_err[i] for i in uncertain],
                      [waterfall.high_err[i] for i in uncertain]],
                fmt="none", ecolor=MEDIAN_COLOR, elinewidth=1.2, capsize=4,
                label=f"{summary.level:.0%} interval of a term")
    ax.errorbar([summary.median], [total_row],
                xerr=[[summary.median - summary.low], [summary.high - summary.median]],
                fmt="none", ecolor=INTERVAL_COLOR, elinewidth=2.0, capsize=5,
                label=f"{summary.level:.0%} interval of the total")


def _share_text(part: Contribution) -> str:
    """How much of the total's uncertainty a term brings, in words."""
    if part.low == part.high:
        return "exact, adds no uncertainty"
    if math.isnan(part.share_of_variance):
        return "share of variance undefined"
    return f"{part.share_of_variance:.0%} of the variance"


def _waterfall_numbers(ax: Any, waterfall: _Waterfall, parts: Sequence[Contribution],
                       summary: Summary) -> None:
    """Beside each term its median and share of the variance; beside the total its
    median and interval."""
    for row, part in enumerate(parts):
        right = max(waterfall.ends[row] + waterfall.high_err[row], waterfall.starts[row])
        ax.annotate(f"{fmt.format_number(part.median)}  ·  {_share_text(part)}",
                    (right, row), xytext=(7, 0), textcoords="offset points",
                    va="center", fontsize=8.5, color=MEDIAN_COLOR)
    total_text = (f"{_with_unit(fmt.format_number(summary.median), summary.unit)}"
                  f" ({fmt.format_range(summary.low, summary.high)})")
    ax.annotate(total_text, (summary.high, len(parts)), xytext=(7, 0),
                textcoords="offset points", va="center", fontsize=8.5, fontweight="bold",
                color=MEDIAN_COLOR)


def _waterfall_frame(ax: Any, waterfall: _Waterfall, summary: Summary,
                     title: str | None) -> None:
    """Row labels, x limits with room for the numbers, the legend and the title."""
    ax.set_yticks(list(range(len(waterfall.labels) + 1)), [*waterfall.labels, "total"])
    ax.invert_yaxis()
    reach = max([summary.high,
                 *[e + h for e, h in zip(waterfall.ends, waterfall.high_err, strict=True)]])
    floor = min([0.0, summary.low,
                 *[e - lo for e, lo in zip(waterfall.ends, waterfall.low_err, strict=True)]])
    ax.set_xlim(floor * 1.1, reach * 1.6 if reach > 0 else 1.0)
    ax.set_xlabel(summary.unit)
    _number_axis(ax.xaxis)
    _quiet_frame(ax)
    ax.tick_params(axis="y", length=0)
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2, frameon=False,
              fontsize=8)
    if title:
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold", pad=40)


# -- compare: a forest plot of several estimates ---------------------------------------------
def compare(
    estimates: Mapping[str, Estimate],
    ax: Any = None,
    *,
    level: float | None = None,
    engine: str | None = None,
    n: int | None = None,
    rng: SeedLike = None,
    show_bounds: bool = True,
    title: str | None = None,
) -> Any:
    """A forest plot: one row per labelled estimate, top to bottom in the mapping's
    order: the central interval as a thick bar, the median as a dot, the range
    bounds as thin whiskers with end ticks; the numbers under each row's label.

    Each estimate is summarized with the same ``engine``, ``n`` and seed.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import ranges as rg
    >>> rows = {"lognormal": rg.between(10, 12), "hard bounds": rg.between(10, 12, shape="bounds")}
    >>> ax = compare(rows, n=2_000, rng=0)
    >>> [tick.get_text().splitlines()[0] for tick in ax.get_yticklabels()]
    ['lognormal', 'hard bounds']
    >>> plt.close("all")
    """
    if not isinstance(estimates, Mapping) or not estimates:
        raise InputError("compare() needs a non-empty mapping of labels to estimates")
    seed = _same_draws(rng)
    summaries = {
        str(key): summarize(_check_estimate(value, f"estimates[{key!r}]"), level=level,
                            engine=engine, n=n, rng=seed)
        for key, value in estimates.items()
    }
    ax = _axes(ax, (7.0, 1.3 + 0.75 * len(summaries)))
    labels, reached = forest_rows(ax, summaries, show_bounds)
    _forest_frame(ax, labels, reached, list(summaries.values()), show_bounds, title)
    _caption(ax, _forest_caption(summaries))
    return ax


def forest_rows(ax: Any, summaries: Mapping[str, Summary], show_bounds: bool
                ) -> tuple[list[str], list[float]]:
    """One forest row per summary, top to bottom; returns the row labels (the key and
    its numbers) and the x values drawn."""
    labels: list[str] = []
    reached: list[float] = []
    # rows side by side: different intervals must not read the same
    intervals = fmt.format_ranges([(s.low, s.high) for s in summaries.values()])
    for row, ((key, summary), interval) in enumerate(zip(summaries.items(), intervals,
                                                         strict=True)):
        reached += _forest_row(ax, row, summary, show_bounds)
        labels.append(f"{key}\n{_forest_numbers(summary, show_bounds, interval)}")
    return labels, reached


def _forest_row(ax: Any, row: int, summary: Summary, show_bounds: bool) -> list[float]:
    """One row of the forest plot; returns the x values it reaches."""
    reached = [summary.low, summary.high]
    if show_bounds and _has_bounds(summary) and summary.bounds is not None:
        ends = _finite_bounds(summary)
        low = summary.bounds.low if math.isfinite(summary.bounds.low) else summary.low
        high = summary.bounds.high if math.isfinite(summary.bounds.high) else summary.high
        ax.plot([low, high], [row, row], color=BOUNDS_COLOR, linewidth=1.0, gid=GID_BOUND,
                solid_capstyle="butt", zorder=1)
        ax.plot(ends, [row] * len(ends), linestyle="none", marker="|", markersize=12,
                markeredgewidth=1.2, color=BOUNDS_COLOR, gid=GID_BOUND, zorder=1)
        reached = [*ends, *reached]
    ax.plot([summary.low, summary.high], [row, row], color=INTERVAL_COLOR, linewidth=7,
            solid_capstyle="butt", gid=GID_ROW, zorder=2)
    ax.plot([summary.median], [row], linestyle="none", marker="o", markersize=7,
            color=MEDIAN_COLOR, gid=GID_MEDIAN, zorder=3)
    return reached


def _forest_numbers(summary: Summary, show_bounds: bool, interval: str | None = None
                    ) -> str:
    """The numbers under a row's label: median (interval, written as ``interval`` when
    given), and the bounds if drawn."""
    if interval is None:
        interval = fmt.format_range(summary.low, summary.high)
    numbers = f"{fmt.format_number(summary.median)} ({interval})"
    if show_bounds and _has_bounds(summary) and summary.bounds is not None:
        numbers += f"\nbounds {fmt.format_interval(summary.bounds)}"
    return numbers


def _forest_caption(summaries: Mapping[str, Summary], sep: str = "; ") -> str:
    """How the rows were computed: once when they all were alike, else row by row
    (joined by ``sep``)."""
    ways = {key: fmt.how_computed(summary) for key, summary in summaries.items()}
    if len(set(ways.values())) == 1:
        return next(iter(ways.values()))
    return sep.join(f"{key}: {way}" for key, way in ways.items())


def _forest_frame(ax: Any, labels: list[str], reached: list[float],
                  summaries: list[Summary], show_bounds: bool, title: str | None,
                  extra_handles: Sequence[Any] = ()) -> None:
    """Row labels, x limits around everything drawn, the legend (with
    ``extra_handles`` after the usual entries) and the title."""
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], linestyle="none", marker="o", color=MEDIAN_COLOR, label="median"),
        Line2D([], [], color=INTERVAL_COLOR, linewidth=7,
               label=f"{summaries[0].level:.0%} interval"),
    ]
    if show_bounds:
        handles.append(Line2D([], [], color=BOUNDS_COLOR, linewidth=1.0, marker="|",
                              markersize=10, label="range bounds"))
    handles += list(extra_handles)
    rows = len(labels)
    ax.set_yticks(list(range(rows)), labels, fontsize=8.5)
    ax.set_ylim(rows - 0.4, -0.6)
    span = max(reached) - min(reached)
    margin = 0.06 * span if span > 0 else max(abs(max(reached)) * 0.05, 1.0)
    ax.set_xlim(min(reached) - margin, max(reached) + margin)
    unit_names = list(dict.fromkeys(s.unit for s in summaries))
    ax.set_xlabel(" / ".join(u for u in unit_names if u))
    _number_axis(ax.xaxis)
    _quiet_frame(ax)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#ececec", linewidth=0.8)
    ax.set_axisbelow(True)
    # at most two entries a row, right-aligned to the axes: four in one row run past
    # the figure's edge beside long row labels
    ax.legend(handles=handles, loc="lower right", bbox_to_anchor=(1.0, 1.0),
              ncol=min(len(handles), 2), frameon=False, fontsize=8.5)
    if title:
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold", pad=24)
