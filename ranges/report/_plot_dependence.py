"""Plots about dependence and sources: :func:`scenarios`, :func:`pbox`, :func:`sources`.

As in :mod:`ranges.report._plot`, every number drawn comes from an engine (a summary,
``est.quantile_bounds``, the dependence p-box, a pool's sources); nothing here
computes a statistic of its own, and every function takes ``ax=`` and returns it.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> import ranges as rg
>>> a, b = rg.between(10, 12, name="a"), rg.between(3, 4, name="b")
>>> a2, b2 = rg.correlate([a, b], 0.5)
>>> ax = scenarios({"independent": a + b, "correlated": a2 + b2}, n=2_000, rng=0)
>>> [t.get_text().splitlines()[0] for t in ax.get_yticklabels()]
['independent', 'correlated']
>>> plt.close("all")
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ranges import format as fmt
from ranges.core._graph import Estimate
from ranges.errors import InputError
from ranges.report._plot import (
    BOUNDS_COLOR,
    GID_ROW,
    INTERVAL_COLOR,
    MEDIAN_COLOR,
    _axes,
    _caption,
    _check_estimate,
    _forest_caption,
    _forest_frame,
    _number_axis,
    _quiet_frame,
    _same_draws,
    forest_rows,
)
from ranges.report._summary import summarize, summary_probabilities

if TYPE_CHECKING:
    from ranges.core._interval import Interval
    from ranges.engines._base import SeedLike

__all__ = ["ANY_DEPENDENCE_COLOR", "GID_ANY", "pbox", "scenarios", "sources"]

#: the colour of results that hold under any dependence (a p-box, bounds rows)
ANY_DEPENDENCE_COLOR = "#9bb7d4"
#: gid of the artists that show bounds under any dependence
GID_ANY = "ranges-any-dependence"


def scenarios(
    estimates: Mapping[str, Estimate],
    ax: Any = None,
    *,
    any_dependence: Estimate | None = None,
    level: float | None = None,
    engine: str | None = None,
    n: int | None = None,
    rng: SeedLike = None,
    show_bounds: bool = False,
    title: str | None = None,
) -> Any:
    """Results of one question under several dependence scenarios, side by side: one
    row per labelled estimate (its median and central interval, as
    :func:`ranges.plot.compare` draws them) and, with ``any_dependence=est``, a last
    row of what holds under *any* dependence between ``est``'s inputs: light bars
    from the smallest to the largest possible median and interval ends
    (``est.quantile_bounds``).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import ranges as rg
    >>> a, b = rg.between(10, 12, name="a"), rg.between(3, 4, name="b")
    >>> ax = scenarios({"independent": a + b, "comonotonic": (a + b).comonotonic()},
    ...                n=2_000, rng=0)
    >>> len(ax.get_yticklabels())
    2
    >>> plt.close("all")
    """
    if not isinstance(estimates, Mapping) or not estimates:
        raise InputError("scenarios() needs a non-empty mapping of labels to estimates")
    seed = _same_draws(rng)
    summaries = {
        str(key): summarize(_check_estimate(value, f"estimates[{key!r}]"), level=level,
                            engine=engine, n=n, rng=seed)
        for key, value in estimates.items()
    }
    rows = len(summaries) + (any_dependence is not None)
    ax = _axes(ax, (8.5, 1.8 + 0.85 * rows))
    labels, reached = forest_rows(ax, summaries, show_bounds)
    first = next(iter(summaries.values()))
    if any_dependence is not None:
        est = _check_estimate(any_dependence, "any_dependence")
        probabilities = summary_probabilities(first.level)
        ends = [est.quantile_bounds(p) for p in probabilities]
        reached += _any_row(ax, len(summaries), ends, first.low, first.high)
        labels.append(f"any dependence\n{_any_numbers(ends, first.level)}")
    _forest_frame(ax, labels, reached, list(summaries.values()), show_bounds, title,
                  _any_handles(first.level) if any_dependence is not None else ())
    caption = _forest_caption(summaries, sep="\n")
    if any_dependence is not None:
        caption += "\nany dependence: Williamson–Downs bounds, narrowed by tail means"
    _caption(ax, caption)
    return ax


def _any_row(ax: Any, row: int, ends: list[Interval], low: float, high: float
             ) -> list[float]:
    """The bounds row: a thin light line over every value the interval's ends can take
    under some dependence, and a thick bar over the values the median can take;
    returns the finite x values drawn."""
    median, first, last = ends
    outer_low = first.low if math.isfinite(first.low) else low
    outer_high = last.high if math.isfinite(last.high) else high
    ax.plot([outer_low, outer_high], [row, row], color=ANY_DEPENDENCE_COLOR, linewidth=2.5,
            solid_capstyle="butt", gid=GID_ANY, zorder=1)
    mid_low = median.low if math.isfinite(median.low) else outer_low
    mid_high = median.high if math.isfinite(median.high) else outer_high
    ax.plot([mid_low, mid_high], [row, row], color=ANY_DEPENDENCE_COLOR, linewidth=9,
            solid_capstyle="butt", gid=GID_ANY, zorder=2)
    return [outer_low, outer_high, mid_low, mid_high]


def _any_numbers(ends: list[Interval], level: float) -> str:
    median, low, high = ends
    return (f"median {fmt.format_range(median.low, median.high)}\n"
            f"{level:.0%} interval within {fmt.format_range(low.low, high.high)}")


def _any_handles(level: float) -> list[Any]:
    """The legend entries of the any-dependence row."""
    from matplotlib.lines import Line2D

    return [Line2D([], [], color=ANY_DEPENDENCE_COLOR, linewidth=7,
                   label="median, any dependence"),
            Line2D([], [], color=ANY_DEPENDENCE_COLOR, linewidth=2.5,
                   label=f"{level:.0%} interval, any dependence")]


def sources(
    pooled: Estimate,
    ax: Any = None,
    *,
    level: float | None = None,
    engine: str | None = None,
    n: int | None = None,
    rng: SeedLike = None,
    show_bounds: bool = False,
    title: str | None = None,
) -> Any:
    """Each source of a pool (:func:`ranges.pool`) and the pooled result: one row per
    source, labelled with its name and weight, then the pool in a row of its own
    below a rule; the median as a dot and the central interval as a bar.

    ``pooled`` is the pool, or a graph holding exactly one (see
    :func:`ranges.pool_sources`).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import ranges as rg
    >>> both = rg.pool([rg.between(10, 12, name="UN"), rg.between(14, 16, name="NGO")])
    >>> ax = sources(both, n=2_000, rng=0)
    >>> [t.get_text().splitlines()[0] for t in ax.get_yticklabels()]
    ['UN (weight 50%)', 'NGO (weight 50%)', 'linear pool']
    >>> plt.close("all")
    """
    from ranges.sources import pool_sources

    parts = pool_sources(_check_estimate(pooled, "pooled"))
    seed = _same_draws(rng)
    pool_node = _pool_node(pooled)
    summaries = {
        f"{part.name} (weight {part.weight:.0%})": summarize(
            part.estimate, level=level, engine=engine, n=n, rng=seed) for part in parts}
    method = parts[0].method.value
    summaries[f"{method} pool"] = summarize(pool_node, level=level, engine=engine, n=n,
                                            rng=seed)
    ax = _axes(ax, (7.5, 1.4 + 0.8 * len(summaries)))
    labels, reached = forest_rows(ax, summaries, show_bounds)
    ax.axhline(len(parts) - 0.5, color=BOUNDS_COLOR, linewidth=0.8, gid=GID_ROW)
    _forest_frame(ax, labels, reached, list(summaries.values()), show_bounds, title)
    ax.get_yticklabels()[-1].set_fontweight("bold")
    _caption(ax, _forest_caption(summaries))
    return ax


def _pool_node(est: Estimate) -> Estimate:
    """The pool itself inside ``est`` (``est`` when it is the pool)."""
    from ranges.sources import PooledEstimate

    if isinstance(est, PooledEstimate):
        return est
    return next(node for node in est.walk() if isinstance(node, PooledEstimate))


def pbox(
    est: Estimate,
    ax: Any = None,
    *,
    levels: int | None = None,
    engine: str | None = None,
    n: int | None = None,
    rng: SeedLike = None,
    title: str | None = None,
) -> Any:
    """The CDF of ``est`` under any dependence between its inputs: a shaded band
    between the lowest and highest possible P(result <= x) (the dependence p-box,
    :func:`ranges.dependence_pbox`), with the CDF under independence (a solid line)
    and under perfect positive dependence (``est.comonotonic()``, dashed) inside it.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import ranges as rg
    >>> a, b = rg.between(10, 12, name="a"), rg.between(3, 4, name="b")
    >>> ax = pbox(a + b, n=2_000, rng=0)
    >>> [line.get_label() for line in ax.get_lines()]
    ['independent', 'comonotonic (perfect positive dependence)']
    >>> plt.close("all")
    """
    import numpy as np

    from ranges.engines import evaluate
    from ranges.engines._dependence import dependence_pbox

    est = _check_estimate(est)
    box = dependence_pbox(est, levels=levels)
    seed = _same_draws(rng)
    independent = evaluate(est, engine=engine, n=n, rng=seed)
    together = evaluate(est.comonotonic(), engine=engine, n=n, rng=seed)
    ends = independent.quantile([0.001, 0.999])
    widest = (box.quantile_bounds(0.001).low, box.quantile_bounds(0.999).high)
    left = float(min(ends[0], widest[0])) if math.isfinite(widest[0]) else float(ends[0])
    right = float(max(ends[1], widest[1])) if math.isfinite(widest[1]) else float(ends[1])
    pad = 0.03 * (right - left) if right > left else 1.0
    x = np.linspace(left - pad, right + pad, 1_200)
    lowest, highest = box.cdf_bounds(x)
    ax = _axes(ax, (7.0, 4.2))
    ax.fill_between(x, lowest, highest, step="post", color=ANY_DEPENDENCE_COLOR,
                    alpha=0.55, linewidth=0, gid=GID_ANY,
                    label="possible under any dependence")
    ax.plot(x, independent.cdf(x), color=MEDIAN_COLOR, linewidth=1.6, label="independent")
    ax.plot(x, together.cdf(x), color=INTERVAL_COLOR, linewidth=1.6, linestyle="--",
            label="comonotonic (perfect positive dependence)")
    ax.set_xlim(x[0], x[-1])
    ax.set_ylim(0.0, 1.0)
    ax.set_ylabel("probability the result is at most x")
    from ranges.core import _units as units

    ax.set_xlabel(units.label(est.unit))
    _number_axis(ax.xaxis)
    _quiet_frame(ax)
    ax.grid(color="#ececec", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", frameon=False, fontsize=8.5)
    if title:
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold")
    summary = summarize(est, evaluation=independent)
    _caption(ax, f"band: pairwise Williamson–Downs bounds on {box.lower_quantile.size:,} "
                 f"probability levels; lines: {fmt.how_computed(summary)}")
    return ax
