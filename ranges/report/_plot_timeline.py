"""The fan chart of a timeline: :func:`timeline`.

Every number drawn is a :class:`~ranges.report._timeline_fan.Fan`'s (the engines'
percentiles of the cumulative total by day); nothing here computes a statistic. A
day's point is drawn at the END of that day (``tl.at(day)`` is the total by the end
of it), and an event's window is marked from the start of its first day to the end
of its last, so a spread event's straight rise fills its mark exactly.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> import ranges as rg
>>> tl = rg.timeline([(rg.between(10_000, 12_000, unit="troops"),
...                    ("2024-09-01", "2024-11-30"), "last fall")])
>>> ax = timeline(tl, dates=tl.dates(n=10), mark="2024-10-15")
>>> ax.get_ylabel(), len([c for c in ax.collections if c.get_gid() == GID_BAND50])
('troops', 1)
>>> plt.close("all")
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from ranges import format as fmt
from ranges.core._timeline import Timeline, as_day
from ranges.errors import InputError
from ranges.report._plot import (
    INTERVAL_COLOR,
    MEDIAN_COLOR,
    _axes,
    _caption,
    _number_axis,
    _quiet_frame,
)
from ranges.report._timeline_fan import Fan

if TYPE_CHECKING:
    from ranges.engines._base import SeedLike

__all__ = ["GID_BAND50", "GID_BAND90", "GID_MARK", "GID_TIMELINE_MEDIAN", "GID_WINDOW",
           "timeline"]

#: gid of the artists tests and callers may want to find again
GID_BAND90: Final = "ranges-band90"
GID_BAND50: Final = "ranges-band50"
GID_TIMELINE_MEDIAN: Final = "ranges-timeline-median"
GID_WINDOW: Final = "ranges-window"
GID_WINDOW_LABEL: Final = "ranges-window-label"
GID_MARK: Final = "ranges-mark"

WINDOW_COLOR: Final = "#7a7a7a"
#: the height of an event's mark along the bottom, as a fraction of the axes
WINDOW_HEIGHT: Final = 0.035


def _dates_module() -> Any:
    """``matplotlib.dates`` (untyped: used through Any)."""
    import importlib

    return importlib.import_module("matplotlib.dates")


def _day_start(day: dt.date) -> float:
    """Matplotlib's number for the start of ``day`` (its midnight)."""
    return float(_dates_module().date2num(day))


def _day_end(day: dt.date) -> float:
    """Matplotlib's number for the end of ``day`` (midnight after it)."""
    return _day_start(day + dt.timedelta(days=1))


def timeline(
    tl: Timeline,
    ax: Any = None,
    *,
    dates: Iterable[dt.date | str] | None = None,
    mark: dt.date | str | None = None,
    engine: str | None = None,
    n: int | None = None,
    rng: SeedLike = None,
    title: str | None = None,
) -> Any:
    """A fan chart of ``tl``'s cumulative total: the median line and the 50% and
    90% bands on each of ``dates`` (default ``tl.dates()``), each event's window
    marked along the bottom with its label, dates on the x axis and the unit on the
    y axis. ``mark=day`` draws a vertical line at the end of that day and writes the
    median and 90% interval there ("how many by September?"). ``engine``, ``n`` and
    ``rng`` go to :meth:`Timeline.fan <ranges.core._timeline.Timeline.fan>`.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> import ranges as rg
    >>> tl = rg.timeline([(rg.exactly(100, unit="troops"), ("2025-07-01", "2025-07-10"))])
    >>> ax = timeline(tl)
    >>> [t.get_text() for t in ax.get_legend().get_texts()][-1]
    'median'
    >>> plt.close("all")
    """
    if not isinstance(tl, Timeline):
        raise InputError(f"plot.timeline needs a ranges Timeline (rg.timeline([...])), "
                         f"got {type(tl).__name__}")
    days = list(tl.dates() if dates is None else (as_day(d, "a plotted day") for d in dates))
    marked = None if mark is None else as_day(mark, "mark")
    if marked is not None and marked not in days:
        days.append(marked)
    days.sort()
    fan = tl.fan(days, engine=engine, n=n, rng=rng)
    ax = _axes(ax, (8.0, 4.5))
    _draw_fan(ax, fan)
    _draw_windows(ax, tl)
    if marked is not None:
        _draw_mark(ax, fan, marked)
    _frame(ax, tl, fan, title)
    return ax


def _draw_fan(ax: Any, fan: Fan) -> None:
    x = [_day_end(day) for day in fan.dates]
    low90, high90 = fan.band90
    low50, high50 = fan.band50
    ax.fill_between(x, low90, high90, color=INTERVAL_COLOR, alpha=0.25, linewidth=0,
                    label="90% band (5th–95th percentile)", gid=GID_BAND90)
    ax.fill_between(x, low50, high50, color=INTERVAL_COLOR, alpha=0.55, linewidth=0,
                    label="50% band (25th–75th percentile)", gid=GID_BAND50)
    ax.plot(x, fan.median, color=MEDIAN_COLOR, linewidth=1.8, label="median",
            gid=GID_TIMELINE_MEDIAN)


def _draw_windows(ax: Any, tl: Timeline) -> None:
    """Each event's window as a band along the bottom of the axes, its label above,
    alternating between two rows so that neighbouring labels do not overlap."""
    for i, (event, label) in enumerate(zip(tl.events, tl.labels, strict=True)):
        left, right = _day_start(event.start), _day_end(event.end)
        ax.axvspan(left, right, ymin=0.0, ymax=WINDOW_HEIGHT, color=WINDOW_COLOR,
                   alpha=0.55, linewidth=0, gid=GID_WINDOW)
        ax.axvspan(left, right, color=WINDOW_COLOR, alpha=0.06, linewidth=0)
        ax.annotate(label, xy=((left + right) / 2, WINDOW_HEIGHT),
                    xycoords=("data", "axes fraction"), xytext=(0, 2 + 10 * (i % 2)),
                    textcoords="offset points", ha="center", va="bottom", fontsize=8,
                    color=WINDOW_COLOR, gid=GID_WINDOW_LABEL, annotation_clip=False)


def _draw_mark(ax: Any, fan: Fan, day: dt.date) -> None:
    numbers = fan.at(day)
    x = _day_end(day)
    ax.axvline(x, color=MEDIAN_COLOR, linewidth=0.9, linestyle="--", gid=GID_MARK)
    text = (f"by {day.isoformat()}: {fmt.format_number(numbers[0.5], sig=3)}\n"
            f"90%: {fmt.format_number(numbers[0.05], sig=3)}–"
            f"{fmt.format_number(numbers[0.95], sig=3)}")
    # written on the side of the line with more room (inside the axes)
    days = [_day_end(d) for d in fan.dates]
    right_half = x > (min(days) + max(days)) / 2
    ax.annotate(text, xy=(x, numbers[0.5]), xytext=(-6 if right_half else 6, 0),
                textcoords="offset points", ha="right" if right_half else "left",
                va="center", fontsize=8.5, color=MEDIAN_COLOR,
                bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "alpha": 0.85,
                      "linewidth": 0}, gid=GID_MARK)


def _frame(ax: Any, tl: Timeline, fan: Fan, title: str | None) -> None:
    mdates = _dates_module()
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    lefts = [_day_start(e.start) for e in tl.events] + [_day_end(d) for d in fan.dates]
    rights = [_day_end(e.end) for e in tl.events] + [_day_end(d) for d in fan.dates]
    pad = 0.02 * max(max(rights) - min(lefts), 1.0)
    ax.set_xlim(min(lefts) - pad, max(rights) + pad)
    ax.set_ylim(bottom=min(0.0, float(fan.quantiles.min())))
    ax.set_ylabel(fan.unit)
    _number_axis(ax.yaxis)
    _quiet_frame(ax)
    ax.legend(loc="upper left", frameon=False, fontsize=8.5)
    ax.set_title(title if title is not None else "cumulative total by day", loc="left")
    engines = sorted(set(fan.engines))
    _caption(ax, f"{tl.arrival_words}; percentiles by engine {', '.join(engines)}")
