"""Plots of estimates (matplotlib, imported on first use).

Plotting computes no statistics of its own: every number drawn comes from
:meth:`Estimate.summary <ranges.core._graph.Estimate.summary>` (median, interval,
range bounds, unit), from :func:`ranges.contributions`, or is one of the draws of
:meth:`Estimate.sample <ranges.core._graph.Estimate.sample>`. Each function takes
``n=`` and ``rng=`` and hands the same values to all of these, so the picture and
the printed summary come from the very same draws (an int seed, or
``ranges.defaults.seed`` when ``rng`` is None; a ``Generator`` is turned into one
seed sequence first so both calls see the same numbers).

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
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ranges import format as fmt
from ranges.core._graph import Estimate
from ranges.errors import InputError
from ranges.report._summary import contributions as _contributions

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from ranges.engines._base import SeedLike
    from ranges.report._summary import Summary

__all__ = ["cdf", "compare", "contributions", "distribution"]

# A quiet palette: draws in blue-grey, the interval in amber, the median in ink.
DRAWS_COLOR = "#4c72b0"
INTERVAL_COLOR = "#f0a030"
MEDIAN_COLOR = "#1f1f1f"
BOUNDS_COLOR = "#7a7a7a"
TOTAL_COLOR = "#2a2a2a"

#: gid of the artists tests and callers may want to find again
GID_DRAWS = "ranges-draws"
GID_INTERVAL = "ranges-interval"
GID_MEDIAN = "ranges-median"
GID_BOUND = "ranges-bound"
GID_TERM = "ranges-term"
GID_TOTAL = "ranges-total"
GID_ROW = "ranges-row"

#: the most histogram bins "auto" may make (heavy tails would otherwise ask for millions)
MAX_AUTO_BINS = 1_000


# -- shared helpers -------------------------------------------------------------------------
def _pyplot() -> Any:
    import matplotlib.pyplot as plt

    return plt


def _axes(ax: Any, figsize: tuple[float, float]) -> Any:
    if ax is not None:
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


def _with_unit(text: str, unit: str) -> str:
    return fmt.format_quantity(text, unit)


def headline(summary: Summary) -> str:
    """The short annotation of a plot: median and central interval.

    >>> import ranges as rg
    >>> s = rg.between(10_000, 12_000, unit="troops").summary(n=20_000, rng=1)
    >>> headline(s)
    'median 11,000 troops; 90% interval 10,000–12,000'
    """
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


def _summary_and_draws(
    est: Estimate, level: float | None, n: int | None, rng: SeedLike
) -> tuple[Summary, NDArray[np.float64]]:
    """The summary the plot marks and the draws it shows, from one seed."""
    seed = _same_draws(rng)
    return est.summary(level, n=n, rng=seed), est.sample(n, rng=seed)


def _term_label(term: Estimate) -> str:
    """The label of an additive term (``format.label`` sees through unit conversions)."""
    return fmt.label(term)


# -- the plots ------------------------------------------------------------------------------
def distribution(
    est: Estimate,
    ax: Any = None,
    *,
    level: float | None = None,
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

    The numbers come from ``est.summary(level, n=n, rng=rng)`` and the histogram from
    ``est.sample(n, rng)``: the same draws. ``bins`` goes to matplotlib ("auto" is
    numpy's rule, at most :data:`MAX_AUTO_BINS` bins). The x axis shows the central
    interval with room either side (and the range bounds when ``show_bounds``); the
    histogram still holds every draw. ``label`` names the draws in the legend.

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
    summary, samples = _summary_and_draws(est, level, n, rng)
    ax = _axes(ax, (7.0, 3.6))
    draws_color = color or DRAWS_COLOR

    heights, _, _ = ax.hist(
        samples, bins=_bins(samples, bins), density=True, histtype="stepfilled",
        color=draws_color, alpha=0.45, edgecolor=draws_color, linewidth=0.8,
        label=label or f"simulated draws ({samples.size:,})", gid=GID_DRAWS,
    )
    interval_text = fmt.format_range(summary.low, summary.high)
    ax.axvspan(summary.low, summary.high, color=INTERVAL_COLOR, alpha=0.22, linewidth=0,
               label=f"{summary.level:.0%} interval {interval_text}", gid=GID_INTERVAL,
               zorder=0)
    ax.axvline(summary.median, color=MEDIAN_COLOR, linewidth=1.6,
               label=f"median {fmt.format_number(summary.median)}", gid=GID_MEDIAN)
    if show_bounds and summary.bounds is not None and summary.bounds.width > 0:
        ends = _finite_bounds(summary)
        bound_label = f"range bounds {fmt.format_interval(summary.bounds)}"
        for index, end in enumerate(ends):
            ax.axvline(end, color=BOUNDS_COLOR, linestyle="--", linewidth=1.1,
                       label=bound_label if index == 0 else None, gid=GID_BOUND)

    left, right = _view(summary, show_bounds)
    ax.set_xlim(left, right)
    top = float(np.max(heights)) if np.size(heights) else 1.0
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
    _headline(ax, headline(summary), title)
    return ax


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
    n: int | None = None,
    rng: SeedLike = None,
    show_bounds: bool = True,
    color: str | None = None,
    title: str | None = None,
) -> Any:
    """The empirical CDF of the draws (a step through the sorted samples), with the
    median and the interval ends read off it.

    The y axis is the share of draws at or below x; the dotted guides show where
    the interval ends and the median sit (from ``est.summary``).

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
    summary, samples = _summary_and_draws(est, level, n, rng)
    ax = _axes(ax, (7.0, 3.6))
    line_color = color or DRAWS_COLOR

    ordered = np.sort(samples)
    steps = np.arange(1, ordered.size + 1) / ordered.size
    ax.step(ordered, steps, where="post", color=line_color, linewidth=1.8,
            label=f"share of draws at or below x ({samples.size:,} draws)", gid=GID_DRAWS)

    lower_p, upper_p = (1 - summary.level) / 2, (1 + summary.level) / 2
    left, right = _view(summary, show_bounds)
    marks = [(summary.low, lower_p, fmt.format_number(summary.low)),
             (summary.median, 0.5, f"median {fmt.format_number(summary.median)}"),
             (summary.high, upper_p, fmt.format_number(summary.high))]
    for x, p, text in marks:
        ax.plot([left, x, x], [p, p, 0], color=INTERVAL_COLOR if p != 0.5 else MEDIAN_COLOR,
                linestyle=":", linewidth=1.1, gid=GID_INTERVAL if p != 0.5 else GID_MEDIAN)
        ax.annotate(f"{text}  ({p:.0%})", (x, p), xytext=(-7, 4), ha="right",
                    textcoords="offset points", fontsize=8.5, color=MEDIAN_COLOR)
    ax.plot([summary.low, summary.median, summary.high], [lower_p, 0.5, upper_p],
            linestyle="none", marker="o", markersize=5, color=MEDIAN_COLOR)
    ax.axvspan(summary.low, summary.high, color=INTERVAL_COLOR, alpha=0.15, linewidth=0,
               zorder=0, label=f"{summary.level:.0%} interval "
               f"{fmt.format_range(summary.low, summary.high)}")
    if show_bounds and summary.bounds is not None and summary.bounds.width > 0:
        for index, end in enumerate(_finite_bounds(summary)):
            ax.axvline(end, color=BOUNDS_COLOR, linestyle="--", linewidth=1.1, gid=GID_BOUND,
                       label=f"range bounds {fmt.format_interval(summary.bounds)}"
                       if index == 0 else None)

    ax.set_xlim(left, right)
    ax.set_ylim(0, 1.0)
    ax.set_yticks([lower_p, 0.5, upper_p])
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
    return ax


def contributions(
    est: Estimate,
    ax: Any = None,
    *,
    level: float | None = None,
    n: int | None = None,
    rng: SeedLike = None,
    title: str | None = None,
) -> Any:
    """Each additive term of a total as a waterfall of horizontal bars, then the total.

    Term *i* starts where the medians of the terms above it end; its error bar is
    its own central interval around its median. The total's bar (from
    ``est.summary``) starts at 0. Beside each term: its median and its share of
    the total's variance (:attr:`Contribution.share_of_variance`), i.e. how much of
    the uncertainty it brings. Medians of terms need not add up exactly to the
    total's median.

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
    summary = est.summary(level, n=n, rng=seed)
    parts = _contributions(est, level=level, n=n, rng=seed)
    rows = len(parts) + 1
    ax = _axes(ax, (7.5, 1.2 + 0.62 * rows))

    positions = list(range(rows))
    labels: list[str] = []
    starts: list[float] = []
    widths: list[float] = []
    running = 0.0
    for part in parts:
        text = _term_label(part.term)
        labels.append(text if part.sign > 0 else f"− {text}")
        starts.append(running)
        widths.append(part.median)
        running += part.median
    ax.barh(positions[:-1], widths, left=starts, height=0.56, color=DRAWS_COLOR, alpha=0.75,
            label="each term's median, added in turn", gid=GID_TERM)
    ax.barh([positions[-1]], [summary.median], height=0.56, color=TOTAL_COLOR, alpha=0.85,
            label="total (median)", gid=GID_TOTAL)
    ends = [s + w for s, w in zip(starts, widths, strict=True)]
    low_err = [max(p.median - p.low, 0.0) for p in parts]
    high_err = [max(p.high - p.median, 0.0) for p in parts]
    uncertain = [i for i, part in enumerate(parts) if part.high > part.low]
    ax.errorbar([ends[i] for i in uncertain], [positions[i] for i in uncertain],
                xerr=[[low_err[i] for i in uncertain], [high_err[i] for i in uncertain]],
                fmt="none",
                ecolor=MEDIAN_COLOR, elinewidth=1.2, capsize=4,
                label=f"{summary.level:.0%} interval of the term")
    ax.errorbar([summary.median], [positions[-1]],
                xerr=[[summary.median - summary.low], [summary.high - summary.median]],
                fmt="none", ecolor=INTERVAL_COLOR, elinewidth=2.0, capsize=5,
                label=f"{summary.level:.0%} interval of the total")

    reach = max([summary.high, *[e + h for e, h in zip(ends, high_err, strict=True)]])
    for y, part, start, end, high in zip(positions[:-1], parts, starts, ends, high_err,
                                         strict=True):
        share = part.share_of_variance
        if part.low == part.high:
            share_text = "exact, adds no uncertainty"
        elif math.isnan(share):
            share_text = "share of variance undefined"
        else:
            share_text = f"{share:.0%} of the variance"
        ax.annotate(f"{fmt.format_number(part.median)}  ·  {share_text}",
                    (max(end + high, start), y), xytext=(7, 0), textcoords="offset points",
                    va="center", fontsize=8.5, color=MEDIAN_COLOR)
    total_text = (f"{_with_unit(fmt.format_number(summary.median), summary.unit)}"
                  f" ({fmt.format_range(summary.low, summary.high)})")
    ax.annotate(total_text, (summary.high, positions[-1]), xytext=(7, 0),
                textcoords="offset points", va="center", fontsize=8.5, fontweight="bold",
                color=MEDIAN_COLOR)

    ax.set_yticks(positions, [*labels, "total"])
    ax.invert_yaxis()
    floor = min([0.0, summary.low, *[e - lo for e, lo in zip(ends, low_err, strict=True)]])
    ax.set_xlim(floor * 1.1, reach * 1.6 if reach > 0 else 1.0)
    ax.set_xlabel(summary.unit)
    _number_axis(ax.xaxis)
    _quiet_frame(ax)
    ax.tick_params(axis="y", length=0)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False,
              fontsize=8)
    if title:
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold", pad=34)
    return ax


def compare(
    estimates: Mapping[str, Estimate],
    ax: Any = None,
    *,
    level: float | None = None,
    n: int | None = None,
    rng: SeedLike = None,
    show_bounds: bool = True,
    title: str | None = None,
) -> Any:
    """A forest plot: one row per labelled estimate, top to bottom in the mapping's
    order: the central interval as a thick bar, the median as a dot, the range
    bounds as thin whiskers with end ticks; the numbers under each row's label.

    Each estimate is summarized with the same ``n`` and seed.

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
        str(key): _check_estimate(value, f"estimates[{key!r}]").summary(level, n=n, rng=seed)
        for key, value in estimates.items()
    }
    rows = len(summaries)
    ax = _axes(ax, (7.0, 1.3 + 0.75 * rows))

    labels: list[str] = []
    xs: list[float] = []
    for y, (key, summary) in enumerate(summaries.items()):
        ends = _finite_bounds(summary) if show_bounds else []
        has_bounds = bool(ends) and summary.bounds is not None and summary.bounds.width > 0
        if has_bounds and summary.bounds is not None:
            low = summary.bounds.low if math.isfinite(summary.bounds.low) else summary.low
            high = summary.bounds.high if math.isfinite(summary.bounds.high) else summary.high
            ax.plot([low, high], [y, y], color=BOUNDS_COLOR, linewidth=1.0, gid=GID_BOUND,
                    solid_capstyle="butt", zorder=1)
            ax.plot(ends, [y] * len(ends), linestyle="none", marker="|", markersize=12,
                    markeredgewidth=1.2, color=BOUNDS_COLOR, gid=GID_BOUND, zorder=1)
            xs.extend(ends)
        ax.plot([summary.low, summary.high], [y, y], color=INTERVAL_COLOR, linewidth=7,
                solid_capstyle="butt", gid=GID_ROW, zorder=2)
        ax.plot([summary.median], [y], linestyle="none", marker="o", markersize=7,
                color=MEDIAN_COLOR, gid=GID_MEDIAN, zorder=3)
        xs.extend([summary.low, summary.high])
        numbers = (f"{fmt.format_number(summary.median)} "
                   f"({fmt.format_range(summary.low, summary.high)})")
        if has_bounds and summary.bounds is not None:
            numbers += f"\nbounds {fmt.format_interval(summary.bounds)}"
        labels.append(f"{key}\n{numbers}")

    from matplotlib.lines import Line2D

    level_used = next(iter(summaries.values())).level
    handles = [
        Line2D([], [], linestyle="none", marker="o", color=MEDIAN_COLOR, label="median"),
        Line2D([], [], color=INTERVAL_COLOR, linewidth=7, label=f"{level_used:.0%} interval"),
    ]
    if show_bounds:
        handles.append(Line2D([], [], color=BOUNDS_COLOR, linewidth=1.0, marker="|",
                              markersize=10, label="range bounds"))
    ax.set_yticks(list(range(rows)), labels, fontsize=8.5)
    ax.set_ylim(rows - 0.4, -0.6)
    span = max(xs) - min(xs)
    margin = 0.06 * span if span > 0 else max(abs(max(xs)) * 0.05, 1.0)
    ax.set_xlim(min(xs) - margin, max(xs) + margin)
    unit_names = list(dict.fromkeys(s.unit for s in summaries.values()))
    ax.set_xlabel(" / ".join(u for u in unit_names if u))
    _number_axis(ax.xaxis)
    _quiet_frame(ax)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#ececec", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0),
              ncol=len(handles), frameon=False, fontsize=8.5)
    if title:
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold", pad=24)
    return ax
