"""The tornado chart of a :class:`~ranges.report._sensitivity.Sensitivity`:
:func:`tornado`.

Every number drawn is the Sensitivity's (its swings, baseline and shares); nothing
here computes a statistic of its own. Like the other plots it takes ``ax=`` and
returns the Axes.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> import ranges as rg
>>> total = rg.between(10_000, 12_000, name="last fall") + rg.between(3_000, 4_000,
...                                                             name="this year")
>>> ax = tornado(total)
>>> [t.get_text().splitlines()[0] for t in ax.get_yticklabels()]
['last fall', 'this year']
>>> plt.close("all")
"""

from __future__ import annotations

import math
import textwrap
from typing import TYPE_CHECKING, Any

from ranges import format as fmt
from ranges.core._graph import Estimate
from ranges.errors import InputError
from ranges.report._plot import (
    INTERVAL_COLOR,
    MEDIAN_COLOR,
    _axes,
    _caption,
    _number_axis,
    _quiet_frame,
)
from ranges.report._sensitivity import Sensitivity, SensitivityRow, sensitivity

if TYPE_CHECKING:
    from ranges.engines._base import SeedLike

__all__ = ["GID_BASELINE", "GID_HIGH", "GID_LOW", "share_text", "tornado"]

#: the colour of the result with an input at its low value, and at its high value
LOW_COLOR = "#4c72b0"
HIGH_COLOR = INTERVAL_COLOR
#: the longest line of the caption, in characters
CAPTION_WIDTH = 90
#: gids of the bars (input at its low value, at its high value) and the baseline
GID_LOW = "ranges-tornado-low"
GID_HIGH = "ranges-tornado-high"
GID_BASELINE = "ranges-baseline"


def tornado(
    sens_or_estimate: Sensitivity | Estimate,
    ax: Any = None,
    *,
    level: float | None = None,
    engine: str | None = None,
    n: int | None = None,
    rng: SeedLike = None,
    title: str | None = None,
) -> Any:
    """A tornado chart: one row per input, the largest swing on top; from the
    baseline (every uncertain input at its median, a vertical line) one bar reaches
    the result with the input at its low percentile and one the result with it at
    its high percentile. Each row is labelled with the input's name, its low and
    high values and its share of the variance. Give a
    :class:`~ranges.report._sensitivity.Sensitivity`, or an estimate (then
    ``rg.sensitivity(est, level=level, engine=engine, n=n, rng=rng)`` is drawn).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import ranges as rg
    >>> a, b = rg.normal(10, 1, name="a"), rg.normal(5, 2, name="b")
    >>> ax = tornado(rg.sensitivity(a + b))
    >>> [t.get_text().splitlines()[-1] for t in ax.get_yticklabels()]
    ['80% of the variance', '20% of the variance']
    >>> plt.close("all")
    """
    if isinstance(sens_or_estimate, Estimate):
        sens = sensitivity(sens_or_estimate, level=level, engine=engine, n=n, rng=rng)
    elif isinstance(sens_or_estimate, Sensitivity):
        if any(x is not None for x in (level, engine, n, rng)):
            raise InputError("tornado() of a Sensitivity draws its numbers: level=, "
                             "engine=, n= and rng= are for an estimate only")
        sens = sens_or_estimate
    else:
        raise InputError("tornado() needs a Sensitivity (rg.sensitivity) or an Estimate, "
                         f"got {type(sens_or_estimate).__name__}")
    rows = sens.rows
    ax = _axes(ax, (7.5, 1.4 + 0.7 * len(rows)))
    low_q, high_q = (1 - sens.level) / 2, (1 + sens.level) / 2
    for i, row in enumerate(rows):
        for end, color, gid in ((row.result_low, LOW_COLOR, GID_LOW),
                                (row.result_high, HIGH_COLOR, GID_HIGH)):
            ax.barh([i], [abs(end - sens.baseline)], left=[min(end, sens.baseline)],
                    height=0.6, color=color, alpha=0.85, gid=gid)
        _end_numbers(ax, i, row, sens.baseline)
    ax.axvline(sens.baseline, color=MEDIAN_COLOR, linewidth=1.2, gid=GID_BASELINE)
    labels = [f"{row.name}\n{_input_text(row, low_q, high_q)}\n{share_text(row)}"
              for row in rows]
    ax.set_yticks(list(range(len(rows))), labels, fontsize=8)
    ax.set_ylim(len(rows) - 0.4, -0.6)
    ends = [sens.baseline, *[x for row in rows for x in (row.result_low, row.result_high)]]
    span = max(ends) - min(ends)
    margin = 0.12 * span if span > 0 else max(abs(sens.baseline) * 0.05, 1.0)
    ax.set_xlim(min(ends) - margin, max(ends) + margin)
    ax.set_xlabel(sens.unit)
    _number_axis(ax.xaxis)
    _quiet_frame(ax)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#ececec", linewidth=0.8)
    ax.set_axisbelow(True)
    _legend(ax, sens, low_q, high_q)
    if title:
        ax.set_title(title, loc="left", fontsize=11, fontweight="bold", pad=40)
    _caption(ax, textwrap.fill(f"shares of the variance: {sens.method}", CAPTION_WIDTH))
    return ax


def _ordinal(q: float) -> str:
    """A quantile as a percentile in words.

    >>> _ordinal(0.05), _ordinal(0.95), _ordinal(0.025), _ordinal(0.21)
    ('5th', '95th', '2.5th', '21st')
    """
    text = fmt.format_plain(100 * q, 3)
    last = text[-1]
    suffix = {"1": "st", "2": "nd", "3": "rd"}.get(last, "th")
    if text.endswith(("11", "12", "13")):
        suffix = "th"
    return text + suffix


def _input_text(row: SensitivityRow, low_q: float, high_q: float) -> str:
    if row.low_label is not None and row.high_label is not None:  # a mixture's choice
        return f"{row.low_label} … {row.high_label}"
    values = fmt.format_range(row.input_low, row.input_high, row.input_unit)
    which = f"{_ordinal(low_q)}–{_ordinal(high_q)} percentile"
    if values == row.name:  # an input named by its stated range: say it once
        return which
    return f"{values} ({which})"


def share_text(row: SensitivityRow) -> str:
    """A row's share of the variance in words, with its standard error when sampled.

    >>> share_text(SensitivityRow("a", "", 1.0, 2.0, 3.0, 4.0, 0.623))
    '62% of the variance'
    >>> share_text(SensitivityRow("a", "", 1.0, 2.0, 3.0, 4.0, 0.314, 0.0071))
    '31% ± 0.7% of the variance'
    """
    if math.isnan(row.share_of_variance):
        return "share of the variance undefined"
    if row.share_error > 0:
        error = fmt.format_chance(row.share_error, 1)
        return f"{row.share_of_variance:.0%} ± {error} of the variance"
    return f"{row.share_of_variance:.0%} of the variance"


def _end_numbers(ax: Any, i: int, row: SensitivityRow, baseline: float) -> None:
    """The result at each end of a row, written just beyond the bar's end."""
    for end in (row.result_low, row.result_high):
        if end == baseline:
            continue
        right = end > baseline
        ax.annotate(fmt.format_number(end), (end, i), xytext=(4 if right else -4, 0),
                    textcoords="offset points", va="center", ha="left" if right else "right",
                    fontsize=7.5, color=MEDIAN_COLOR)


def _legend(ax: Any, sens: Sensitivity, low_q: float, high_q: float) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    baseline = fmt.format_quantity(fmt.format_number(sens.baseline), sens.unit)
    handles = [
        Patch(color=LOW_COLOR, alpha=0.85, label=f"input at {_ordinal(low_q)} percentile"),
        Patch(color=HIGH_COLOR, alpha=0.85,
              label=f"input at {_ordinal(high_q)} percentile"),
        Line2D([], [], color=MEDIAN_COLOR, linewidth=1.2,
               label=f"all at medians: {baseline}"),
    ]
    ax.legend(handles=handles, loc="lower right", bbox_to_anchor=(1.0, 1.0), ncol=2,
              frameon=False, fontsize=8)
