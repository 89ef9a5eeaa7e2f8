"""The numbers of a timeline's fan chart: percentiles of the cumulative total by day.

:func:`timeline_fan` asks the engines for the 5th, 25th, 50th, 75th and 95th
percentiles of :meth:`Timeline.at <ranges.core._timeline.Timeline.at>` at each day.
A fan shows each day on its own (marginal distributions), so each day is evaluated
from the graph that has the same distribution and that the exact engine can compute:

* arrival spread: the timeline's own ``at(day)``, a sum of the events scaled by the
  fraction of each window elapsed (exact by convolution);
* arrival at once: each event inside its window times a chance event of its own
  (``bernoulli(fraction elapsed)``, atoms for the exact engine). By one day this has
  the distribution of ``at(day)``, whose arrival days are shared between days; the
  fan needs nothing joint between its days.

Days where every event is in the same state (all before the first window, between
windows, after the last) are evaluated once.

>>> import ranges as rg
>>> tl = rg.timeline([(rg.exactly(100, unit="troops"), ("2025-07-01", "2025-07-10"))])
>>> fan = tl.fan(["2025-06-30", "2025-07-05", "2025-07-10"])
>>> [float(m) for m in fan.median]
[0.0, 50.0, 100.0]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np
from numpy.typing import NDArray

from ranges.core import _units as units
from ranges.core._timeline import Arrival, Timeline, as_day
from ranges.errors import InputError
from ranges.reading._constructors import bernoulli

if TYPE_CHECKING:
    from ranges.core._graph import Estimate
    from ranges.engines._base import SeedLike

__all__ = ["FAN_PROBABILITIES", "Fan", "timeline_fan"]

#: the probabilities of a fan's percentiles: the 90% band, the 50% band, the median
FAN_PROBABILITIES: Final[tuple[float, ...]] = (0.05, 0.25, 0.5, 0.75, 0.95)


@dataclass(frozen=True)
class Fan:
    """Percentiles of a timeline's cumulative total by day.

    ``dates``: the days; ``quantiles``: one row per day, one column per probability
    of ``probabilities`` (5th, 25th, 50th, 75th, 95th); ``unit``: the unit's label;
    ``engines``: the engine that answered each day.
    """

    dates: tuple[dt.date, ...]
    quantiles: NDArray[np.float64]
    unit: str
    engines: tuple[str, ...]
    probabilities: tuple[float, ...] = FAN_PROBABILITIES

    def column(self, probability: float) -> NDArray[np.float64]:
        """The percentile at ``probability`` (one of :attr:`probabilities`) on every day."""
        try:
            index = self.probabilities.index(probability)
        except ValueError:
            raise InputError(f"a fan holds the percentiles at {self.probabilities}, not "
                             f"{probability!r}") from None
        return np.asarray(self.quantiles[:, index], dtype=float)

    @property
    def median(self) -> NDArray[np.float64]:
        """The median on every day."""
        return self.column(0.5)

    @property
    def band50(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """The 25th and 75th percentiles on every day (the 50% band)."""
        return self.column(0.25), self.column(0.75)

    @property
    def band90(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """The 5th and 95th percentiles on every day (the 90% band)."""
        return self.column(0.05), self.column(0.95)

    def at(self, day: dt.date | str) -> dict[float, float]:
        """The percentiles on one of the fan's days, by probability.

        >>> import ranges as rg
        >>> tl = rg.timeline([(rg.exactly(10), ("2025-01-01", "2025-01-10"))])
        >>> tl.fan(["2025-01-05"]).at("2025-01-05")[0.5]
        5.0
        """
        when = as_day(day)
        if when not in self.dates:
            raise InputError(f"{when.isoformat()} is not one of the fan's days; ask "
                             "tl.fan([...]) for it")
        row = self.quantiles[self.dates.index(when)]
        return {p: float(v) for p, v in zip(self.probabilities, row, strict=True)}


def _marginal(tl: Timeline, day: dt.date) -> tuple[tuple[float, ...], Estimate]:
    """The state of every event by ``day`` (the fraction elapsed) and a graph with
    the distribution of ``tl.at(day)`` that the exact engine can compute."""
    fractions = tuple(event.fraction_elapsed(day) for event in tl.events)
    if tl.arrival is Arrival.SPREAD or all(f in (0.0, 1.0) for f in fractions):
        return fractions, tl.at(day)
    terms: list[Estimate] = []
    for event, fraction in zip(tl.events, fractions, strict=True):
        if fraction == 1.0:
            terms.append(event.estimate)
        elif fraction > 0.0:
            terms.append(bernoulli(fraction) * event.estimate)
    total = terms[0]
    for term in terms[1:]:
        total = total + term
    return fractions, total.to(tl.unit)


def timeline_fan(tl: Timeline, dates: Iterable[dt.date | str] | None = None, *,
                 engine: str | None = None, n: int | None = None,
                 rng: SeedLike = None) -> Fan:
    """The percentiles (:data:`FAN_PROBABILITIES`) of ``tl``'s cumulative total on
    each of ``dates`` (default ``tl.dates()``), from the engines (``engine``, ``n``
    and ``rng`` as for any estimate; each distinct day's graph is evaluated with the
    same ``rng`` seed, so sampled days vary smoothly).

    >>> import ranges as rg
    >>> tl = rg.timeline([(rg.normal(100, 10), ("2025-01-01", "2025-01-04"))])
    >>> fan = timeline_fan(tl, ["2025-01-02"], engine="exact")
    >>> round(float(fan.median[0]), 6), fan.engines
    (50.0, ('exact',))
    """
    days = tl.dates() if dates is None else tuple(as_day(d, "a fan's day") for d in dates)
    if not days:
        raise InputError("a fan needs at least one day")
    found: dict[tuple[float, ...], tuple[NDArray[np.float64], str]] = {}
    rows: list[NDArray[np.float64]] = []
    engines: list[str] = []
    for day in days:
        key, graph = _marginal(tl, day)
        if key not in found:
            evaluation = graph.evaluate(engine=engine, n=n, rng=rng)
            values = np.asarray(evaluation.quantile(list(FAN_PROBABILITIES)), dtype=float)
            found[key] = (values, evaluation.engine)
        values, used = found[key]
        rows.append(values)
        engines.append(used)
    return Fan(tuple(days), np.vstack(rows), units.label(tl.unit), tuple(engines))
