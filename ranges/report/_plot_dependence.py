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
    _forest_numbers,
    _forest_row,
    _number_axis,
    _quiet_frame,
    _same_draws,
)
from ranges.report._summary import summarize, summary_probabilities

if TYPE_CHECKING:
    from ranges.core._interval import Interval
    from ranges.engines._base import SeedLike
    from ranges.report._summary import Summary

__all__ = ["ANY_DEPENDENCE_COLOR", "GID_ANY", "scenarios", "sources"]

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
    ax = _axes(ax, (7.5, 1.4 + 0.8 * rows))
    labels: list[str] = []
    reached: list[float] = []
    for row, (key, summary) in enumerate(summaries.items()):
        reached += _forest_row(ax, row, summary, show_bounds)
        labels.append(f"{key}\n{_forest_numbers(summary, show_bounds)}")
    first = next(iter(summaries.values()))
    if any_dependence is not None:
        est = _check_estimate(any_dependence, "any_dependence")
        probabilities = summary_probabilities(first.level)
        ends = [est.quantile_bounds(p) for p in probabilities]
        reached += _any_row(ax, len(summaries), ends, first.low, first.high)
        labels.append(f"any dependence\n{_any_numbers(ends, first.level)}")
    _frame(ax, labels, reached, first, any_dependence is not None, title)
    _caption(ax, _forest_caption(summaries) + (
        "; last row: bounds under any dependence of the inputs (Williamson–Downs, "
        "sharpened by rearrangement)" if any_dependence is not None else ""))
    return ax


def _any_row(ax: Any, row: int, ends: list[Interval], low: float, high: float
             ) -> list[float]:
    """The bounds row: for the median and each interval end, a light bar over the
    values it can take under some dependence; returns the finite x values drawn."""
    reached: list[float] = []
    for index, interval in enumerate(ends):
        left = interval.low if math.isfinite(interval.low) else low
        right = interval.high if math.isfinite(interval.high) else high
        thick = 9 if index == 0 else 5
        ax.plot([left, right], [row, row], color=ANY_DEPENDENCE_COLOR, linewidth=thick,
                solid_capstyle="butt", gid=GID_ANY, zorder=1 + (index == 0), alpha=0.9)
        reached += [left, right]
    return reached


def _any_numbers(ends: list[Interval], level: float) -> str:
    median, low, high = ends
    return (f"median {fmt.format_interval(median)}\n"
            f"{level:.0%} ends {fmt.format_interval(low)} / {fmt.format_interval(high)}")


def _frame(ax: Any, labels: list[str], reached: list[float], first: Summary,
           any_row: bool, title: str | None) -> None:
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], linestyle="none", marker="o", color=MEDIAN_COLOR, label="median"),
        Line2D([], [], color=INTERVAL_COLOR, linewidth=7,
               label=f"{first.level:.0%} interval"),
    ]
    if any_row:
        handles.append(Line2D([], [], color=ANY_DEPENDENCE_COLOR, linewidth=7,
                              label="possible under any dependence"))
    ax.set_yticks(list(range(len(labels))), labels, fontsize=8.5)
    ax.set_ylim(len(labels) - 0.4, -0.6)
    finite = [x for x in reached if math.isfinite(x)]
    span = max(finite) - min(finite)
    margin = 0.06 * span if span > 0 else max(abs(max(finite)) * 0.05, 1.0)
    ax.set_xlim(min(finite) - margin, max(finite) + margin)
    ax.set_xlabel(first.unit)
    _number_axis(ax.xaxis)
    _quiet_frame(ax)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#ececec", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0),
              ncol=len(handles), frameon=False, fontsize=8.5)
    if title:
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold", pad=24)



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
    labels: list[str] = []
    reached: list[float] = []
    for row, (key, summary) in enumerate(summaries.items()):
        reached += _forest_row(ax, row, summary, show_bounds)
        labels.append(f"{key}\n{_forest_numbers(summary, show_bounds)}")
    ax.axhline(len(parts) - 0.5, color=BOUNDS_COLOR, linewidth=0.8, gid=GID_ROW)
    first = next(iter(summaries.values()))
    _frame(ax, labels, reached, first, False, title)
    ax.get_yticklabels()[-1].set_fontweight("bold")
    _caption(ax, _forest_caption(summaries))
    return ax


def _pool_node(est: Estimate) -> Estimate:
    """The pool itself inside ``est`` (``est`` when it is the pool)."""
    from ranges.sources import PooledEstimate

    if isinstance(est, PooledEstimate):
        return est
    return next(node for node in est.walk() if isinstance(node, PooledEstimate))
