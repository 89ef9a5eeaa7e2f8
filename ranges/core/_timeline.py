"""Timelines: estimates that arrive over windows of time, and the running total.

A :class:`Timeline` holds events, each an estimate with an inclusive window of days
(:class:`TimelineEvent`). :meth:`Timeline.at` is the estimate of the cumulative total
by the end of a day. How an event arrives within its window is an
:class:`Arrival`, said in the answer's assumptions:

* ``SPREAD`` (the default): evenly over the window, so by a day inside it the
  event has brought its estimate × the fraction of the window's days elapsed (a
  fixed fraction, not a random one);
* ``AT_ONCE``: whole, on one day of the window, every day equally likely. Each event
  gets ONE uncertain arrival day (an input of its own), and ``at(d)`` compares it
  with ``d``: the estimates for different days share it, so ``tl.at(d2) - tl.at(d1)``
  is never negative for ``d1 <= d2``.

Before the first window starts ``at()`` is exactly 0 in the timeline's unit; after
the last one ends it is the sum of the events (:attr:`Timeline.total`).

This module builds graphs only; :meth:`Timeline.fan` hands the numbers of a fan chart
to the summaries layer (:mod:`ranges.report._timeline_fan`).

>>> import ranges as rg
>>> tl = rg.timeline([
...     (rg.exactly(900, unit="troops"), ("2024-09-01", "2024-09-30")),
...     (rg.exactly(300, unit="troops"), ("2024-10-01", "2024-10-10")),
... ])
>>> [float(tl.at(day).mean()) for day in ("2024-08-31", "2024-09-10", "2024-10-05")]
[0.0, 300.0, 1050.0]
>>> note = tl.at("2024-09-10").summary().assumptions[-1]
>>> for part in note.replace(" (", "; ").split("; "):
...     print(part)
by 2024-09-10, arrival spread evenly over each event's window
event 1: 2024-09-01 to 2024-09-30, 33% elapsed
event 2: 2024-10-01 to 2024-10-10, not begun)
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from ranges.core import _units as units
from ranges.core._graph import Estimate, as_estimate, maximum, minimum
from ranges.core._interval import Interval
from ranges.core._ops import Op
from ranges.errors import InputError

if TYPE_CHECKING:
    from ranges.engines._base import SeedLike
    from ranges.reading._policy import Reading
    from ranges.report._timeline_fan import Fan

__all__ = ["Arrival", "Timeline", "TimelineEstimate", "TimelineEvent", "Undated",
           "as_day", "timeline"]


class Arrival(StrEnum):
    """How an event arrives within its window (see the module docstring)."""

    #: evenly over the window: a fixed fraction by each day
    SPREAD = "spread"
    #: whole, on one uniformly random day of the window
    AT_ONCE = "at_once"


class Undated(StrEnum):
    """What :func:`timeline` does with a quantity figure that has no date window."""

    #: refuse, naming the figure
    ERROR = "error"
    #: leave it out, listed in :attr:`Timeline.skipped`
    SKIP = "skip"


def as_day(value: object, what: str = "a date") -> dt.date:
    """A ``datetime.date`` from a date, a datetime or an ISO string ("2025-07-01").

    >>> as_day("2025-07-01")
    datetime.date(2025, 7, 1)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InputError(f"{what} must be a datetime.date or an ISO date such as "
                     f"'2025-07-01', got {value!r}")


@dataclass(frozen=True)
class TimelineEvent:
    """One event of a timeline: ``estimate`` arrives within the days ``start`` to
    ``end`` (both included); ``label`` names it in assumptions and plots.

    >>> import ranges as rg
    >>> event = TimelineEvent(rg.exactly(10), "2025-07-01", "2025-07-10", "July wave")
    >>> event.days, event.fraction_elapsed("2025-07-03")
    (10, 0.3)
    """

    estimate: Estimate
    start: dt.date
    end: dt.date
    label: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "estimate", as_estimate(self.estimate))
        start = as_day(self.start, "an event's start")
        end = as_day(self.end, "an event's end")
        if end < start:
            raise InputError(f"an event's window must not end before it starts: "
                             f"{start.isoformat()} to {end.isoformat()} (give the "
                             "earlier day first)")
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        if self.label is not None and not isinstance(self.label, str):
            raise InputError(f"an event's label must be a string, got {self.label!r}")

    @property
    def days(self) -> int:
        """How many days the window holds (start and end included)."""
        return (self.end - self.start).days + 1

    def days_elapsed(self, day: dt.date | str) -> int:
        """How many of the window's days have ended by the end of ``day`` (0 to
        :attr:`days`)."""
        elapsed = (as_day(day) - self.start).days + 1
        return min(max(elapsed, 0), self.days)

    def fraction_elapsed(self, day: dt.date | str) -> float:
        """The fraction of the window's days ended by the end of ``day`` (0 before
        the start, 1 from the last day on)."""
        return self.days_elapsed(day) / self.days

    def window(self) -> str:
        """The window written out: ``"2024-09-01 to 2024-11-30"``."""
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()} to {self.end.isoformat()}"


class TimelineEstimate(Estimate):
    """The cumulative total of a timeline by one day: an estimate like any other,
    whose own assumption says how arrival was spread."""

    __slots__ = ("assumption",)

    assumption: str

    def __init__(self, op: Op, args: tuple[Estimate, ...], unit: Any, *, assumption: str,
                 value: float = math.nan, param: tuple[float, ...] = ()) -> None:
        super().__init__(op, args, unit, value=value, param=param)
        self.assumption = assumption

    @property
    def own_assumption(self) -> str | None:
        """How arrival within each window was assumed, by this day."""
        return self.assumption

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_timeline_estimate, (self.op.value, self.args,
                                             units.to_text(self.unit), self.value,
                                             self.param, self.assumption))


def _rebuild_timeline_estimate(op: str, args: tuple[Estimate, ...], unit: str, value: float,
                               param: tuple[float, ...], assumption: str
                               ) -> TimelineEstimate:
    return TimelineEstimate(Op(op), args, units.resolve(unit), assumption=assumption,
                            value=value, param=param)


def _rebuild_timeline(events: tuple[TimelineEvent, ...], arrival: Arrival, unit: str,
                      skipped: tuple[str, ...], arrival_days: tuple[Estimate | None, ...]
                      ) -> Timeline:
    return Timeline(events, arrival, units.resolve(unit), skipped, arrival_days)


def _arrival_day_input(event: TimelineEvent, label: str) -> Estimate:
    """The day an AT_ONCE event arrives, counted from its window's first day (0) to
    its last: one input, every day equally likely."""
    from ranges.distributions._derived import Mixture
    from ranges.distributions._families import PointMass
    from ranges.reading._policy import LeafSpec, ReadingNote

    days = event.days
    dist = Mixture([1.0] * days, [PointMass(float(k)) for k in range(days)])
    note = ReadingNote(
        "parameters", "mixture", low=0.0, high=float(days - 1),
        rule=f"the day {label} arrives: one of the {days} days {event.window()}, each "
             f"equally likely (0 is {event.start.isoformat()})",
    )
    return Estimate.from_leaf(LeafSpec(dist, Interval(0.0, float(days - 1)), note),
                              None, label=f"arrival day of {label}")


def _spread_share(event: TimelineEvent, day: dt.date, _: Estimate | None) -> Estimate:
    return event.estimate * event.fraction_elapsed(day)


def _at_once_share(event: TimelineEvent, day: dt.date, arrival: Estimate | None) -> Estimate:
    # 1 when the arrival day (0-based) is at most the last day elapsed, else 0: the
    # arrival day is a whole number, so k - D + 1 is a whole number and the clip to
    # [0, 1] is exactly that indicator
    assert arrival is not None
    arrived = minimum(maximum(event.days_elapsed(day) - arrival, 0.0), 1.0)
    return event.estimate * arrived


def _spread_state(event: TimelineEvent, day: dt.date) -> str:
    return f"{event.fraction_elapsed(day):.0%} elapsed"


def _at_once_state(event: TimelineEvent, day: dt.date) -> str:
    return f"a {event.fraction_elapsed(day):.0%} chance it has arrived"


@dataclass(frozen=True)
class _ArrivalRule:
    """What one kind of arrival does: the share of an event inside its window by a
    day, the words for it, and the state of one event at a day."""

    share: Callable[[TimelineEvent, dt.date, Estimate | None], Estimate]
    words: str
    state: Callable[[TimelineEvent, dt.date], str]
    needs_arrival_day: bool


#: one row per kind of arrival
_RULES: Final[Mapping[Arrival, _ArrivalRule]] = MappingProxyType({
    Arrival.SPREAD: _ArrivalRule(_spread_share,
                                 "arrival spread evenly over each event's window",
                                 _spread_state, False),
    Arrival.AT_ONCE: _ArrivalRule(_at_once_share,
                                  "each event arrives whole on one day of its window, "
                                  "every day equally likely", _at_once_state, True),
})


@dataclass(frozen=True)
class Timeline:
    """Events that arrive over windows of days, and their running total (see the
    module docstring). Build it with :func:`timeline`.

    * ``events``: the :class:`TimelineEvent`\\ s, in the order given;
    * ``arrival``: an :class:`Arrival`;
    * ``unit``: the unit of the total;
    * ``skipped``: the texts of figures left out for having no date (``undated="skip"``).

    >>> import ranges as rg
    >>> tl = rg.timeline([(rg.exactly(100, unit="trucks"), ("2025-03-01", "2025-03-10"))])
    >>> float(tl.at("2025-03-05").median())
    50.0
    """

    events: tuple[TimelineEvent, ...]
    arrival: Arrival
    unit: Any
    skipped: tuple[str, ...] = ()
    _arrival_days: tuple[Estimate | None, ...] = field(default=(), repr=False,
                                                       compare=False)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with its unit as text, as estimates are (a pint unit pickles through
        pint's application registry, which does not know ranges' nouns such as troops)."""
        return (_rebuild_timeline, (self.events, self.arrival, units.to_text(self.unit),
                                    self.skipped, self._arrival_days))

    @property
    def labels(self) -> tuple[str, ...]:
        """Each event's label (its own, its estimate's label, or "event N").

        >>> import ranges as rg
        >>> timeline([(rg.exactly(1), ("2025-01-01", "2025-01-02"))]).labels
        ('event 1',)
        """
        return tuple(_label_of(event, i) for i, event in enumerate(self.events))

    @property
    def arrival_words(self) -> str:
        """How arrival within the windows is assumed, in words.

        >>> import ranges as rg
        >>> timeline([(rg.exactly(1), ("2025-01-01", "2025-01-02"))]).arrival_words
        "arrival spread evenly over each event's window"
        """
        return _RULES[self.arrival].words

    @property
    def total(self) -> Estimate:
        """The sum of all events (what :meth:`at` gives once every window has ended).

        >>> import ranges as rg
        >>> tl = timeline([(rg.exactly(2), ("2025-01-01", "2025-01-02")),
        ...                (rg.exactly(3), ("2025-02-01", "2025-02-02"))])
        >>> float(tl.total.mean())
        5.0
        """
        return _sum([event.estimate for event in self.events], self.unit)

    @property
    def first(self) -> dt.date:
        """The first day of the earliest window."""
        return min(event.start for event in self.events)

    @property
    def last(self) -> dt.date:
        """The last day of the latest window."""
        return max(event.end for event in self.events)

    def at(self, day: dt.date | str) -> Estimate:
        """The cumulative total by the end of ``day`` (a date or an ISO string).

        >>> import ranges as rg
        >>> tl = timeline([(rg.exactly(100, unit="troops"), ("2025-07-01", "2025-07-10"))],
        ...               arrival="at_once")
        >>> round(tl.at("2025-07-04").prob_above(50, engine="mc", n=20_000, rng=1), 1)
        0.4
        """
        when = as_day(day, "the day asked for")
        rule = _RULES[self.arrival]
        terms: list[Estimate] = []
        for event, arrival_day in zip(self.events, self._arrival_days, strict=True):
            elapsed = event.days_elapsed(when)
            if elapsed == 0:
                continue
            terms.append(event.estimate if elapsed == event.days
                         else rule.share(event, when, arrival_day))
        assumption = self._assumption(when)
        if not terms:
            return TimelineEstimate(Op.CONST, (), self.unit, value=0.0,
                                    assumption=assumption)
        return TimelineEstimate(Op.CONVERT, (_sum(terms, self.unit),), self.unit,
                                param=(1.0, 0.0), assumption=assumption)

    def _assumption(self, day: dt.date) -> str:
        rule = _RULES[self.arrival]
        states: list[str] = []
        for i, event in enumerate(self.events):
            elapsed = event.days_elapsed(day)
            state = ("not begun" if elapsed == 0 else "all arrived" if elapsed == event.days
                     else rule.state(event, day))
            states.append(f"{_label_of(event, i)}: {event.window()}, {state}")
        return f"by {day.isoformat()}, {rule.words} ({'; '.join(states)})"

    def dates(self, n: int = 60) -> tuple[dt.date, ...]:
        """About ``n`` evenly spaced days from the first window's start to the last
        window's end, both included (fewer when the span has fewer days).

        >>> import ranges as rg
        >>> tl = timeline([(rg.exactly(1), ("2025-01-01", "2025-01-31"))])
        >>> [d.isoformat() for d in tl.dates(n=3)]
        ['2025-01-01', '2025-01-16', '2025-01-31']
        """
        if isinstance(n, bool) or not isinstance(n, int) or n < 2:
            raise InputError(f"dates(n=...) needs a whole number of at least 2, got {n!r}")
        span = (self.last - self.first).days
        steps = sorted({round(i * span / (n - 1)) for i in range(n)})
        return tuple(self.first + dt.timedelta(days=step) for step in steps)

    def fan(self, dates: Iterable[dt.date | str] | None = None, *, engine: str | None = None,
            n: int | None = None, rng: SeedLike = None) -> Fan:
        """The numbers of a fan chart: the median and the 5th, 25th, 75th and 95th
        percentiles of the cumulative total at each of ``dates`` (by default
        :meth:`dates`); see :func:`ranges.report._timeline_fan.timeline_fan`."""
        from ranges.report._timeline_fan import timeline_fan

        return timeline_fan(self, dates, engine=engine, n=n, rng=rng)

    # -- text ------------------------------------------------------------------------
    def __str__(self) -> str:
        unit = units.label(self.unit)
        lines = [f"timeline of {len(self.events)} event"
                 f"{'' if len(self.events) == 1 else 's'} in {unit or 'plain numbers'}, "
                 f"{_RULES[self.arrival].words}:"]
        for i, event in enumerate(self.events):
            lines.append(f"  {event.window()}: {_label_of(event, i)}")
        if self.skipped:
            lines.append(f"  skipped (no date): {', '.join(map(repr, self.skipped))}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        events = ", ".join(f"{_label_of(e, i)!r} {e.window()}" for i, e in enumerate(self.events))
        return f"<Timeline {self.arrival.value}: {events}>"

    def _repr_html_(self) -> str:
        """A small table of the events and their windows (for notebooks)."""
        rows = "".join(
            f"<tr><td>{html.escape(_label_of(e, i))}</td><td>{e.start.isoformat()}</td>"
            f"<td>{e.end.isoformat()}</td><td>{e.days}</td></tr>"
            for i, e in enumerate(self.events)
        )
        caption = html.escape(f"Timeline in {units.label(self.unit) or 'plain numbers'}: "
                              f"{_RULES[self.arrival].words}")
        skipped = ("" if not self.skipped else
                   f"<p>Skipped (no date): {html.escape(', '.join(self.skipped))}</p>")
        return (f"<table><caption>{caption}</caption><thead><tr><th>event</th>"
                f"<th>from</th><th>to</th><th>days</th></tr></thead><tbody>{rows}</tbody>"
                f"</table>{skipped}")


def _label_of(event: TimelineEvent, index: int) -> str:
    return event.label or event.estimate.label or event.estimate.name or f"event {index + 1}"


def _sum(terms: list[Estimate], unit: Any) -> Estimate:
    total = terms[0]
    for term in terms[1:]:
        total = total + term
    return total.to(unit)


def timeline(
    events: Iterable[Any],
    *,
    arrival: Arrival | str = Arrival.SPREAD,
    undated: Undated | str = Undated.ERROR,
    reading: Reading | None = None,
    unit: str | None = None,
) -> Timeline:
    """A :class:`Timeline` from ``events``, each one of

    * ``(estimate, (start, end))`` or ``(estimate, (start, end), label)``, with the
      window's days as ``datetime.date`` or ISO strings (both included);
    * a :class:`TimelineEvent`;
    * a figure from :func:`ranges.extract` with a date window (``figure.when``): its
      estimate (under ``reading``) arrives in that window. Date figures are left out;
      a quantity figure without a window is refused (``undated="error"``) or left out
      and listed in :attr:`Timeline.skipped` (``undated="skip"``). A figure that
      states no unit ("an additional 3,000") is read in ``unit`` when it is given
      (said in its reading's assumption), else it stays a plain number.

    ``arrival`` is an :class:`Arrival` ("spread" or "at_once"). The events' units
    must add up (troops and soldiers do; troops and tanks do not).

    >>> import ranges as rg
    >>> tl = rg.timeline([(rg.between(10_000, 12_000, unit="troops"),
    ...                    ("2024-09-01", "2024-11-30"), "last fall")])
    >>> print(tl)
    timeline of 1 event in troops, arrival spread evenly over each event's window:
      2024-09-01 to 2024-11-30: last fall
    """
    try:
        how = Arrival(arrival)
    except ValueError:
        raise InputError(f"arrival must be one of {', '.join(a.value for a in Arrival)}, "
                         f"got {arrival!r}") from None
    try:
        skip_undated = Undated(undated) is Undated.SKIP
    except ValueError:
        raise InputError(f"undated must be one of {', '.join(u.value for u in Undated)}, "
                         f"got {undated!r}") from None
    if isinstance(events, (str, bytes)) or not isinstance(events, Iterable):
        raise InputError("timeline() needs a list of events: (estimate, (start, end)) "
                         "pairs, TimelineEvents or dated figures")
    built: list[TimelineEvent] = []
    skipped: list[str] = []
    for item in events:
        event = _event_of(item, reading, skip_undated, skipped, unit)
        if event is not None:
            built.append(event)
    if not built:
        detail = f" (skipped for having no date: {', '.join(map(repr, skipped))})" \
            if skipped else ""
        raise InputError(f"a timeline needs at least one event{detail}")
    unit = _common_unit(built)
    rule = _RULES[how]
    arrival_days = tuple(
        _arrival_day_input(event, _label_of(event, i))
        if rule.needs_arrival_day and event.days > 1 else None
        for i, event in enumerate(built)
    )
    return Timeline(tuple(built), how, unit, tuple(skipped), arrival_days)


def _common_unit(events: list[TimelineEvent]) -> Any:
    """The unit of the events' sum; a mismatch is refused now, naming the events."""
    from ranges.errors import UnitError

    total = events[0].estimate
    for i, event in enumerate(events[1:], start=1):
        try:
            total = total + event.estimate
        except UnitError as why:
            raise UnitError(f"the events of a timeline must add up, but "
                            f"{_label_of(event, i)!r} does not add to the events before "
                            f"it: {why} (a figure read from text without a unit takes "
                            f"timeline(..., unit=...))") from why
    return total.unit


def _event_of(item: Any, reading: Reading | None, skip_undated: bool,
              skipped: list[str], unit: str | None) -> TimelineEvent | None:
    if isinstance(item, TimelineEvent):
        return item
    if isinstance(item, tuple) and len(item) in (2, 3):
        estimate, window, *rest = item
        if not (isinstance(window, tuple | list) and len(window) == 2):
            raise InputError(f"an event's window must be a (start, end) pair, got {window!r}")
        return TimelineEvent(as_estimate(estimate), window[0], window[1],
                             rest[0] if rest else None)
    if hasattr(item, "when") and hasattr(item, "is_quantity"):  # a figure from the text
        if not item.is_quantity:
            return None  # a date figure: it dates others, it is no event
        if item.when is None:
            if skip_undated:
                skipped.append(item.text)
                return None
            raise InputError(
                f"the figure {item.text!r} has no date window (figure.when is None): give "
                "it one as (figure.estimate(), (start, end)), or pass undated='skip'"
            )
        if item.unit is None and unit is not None:
            from dataclasses import replace

            item = replace(item, unit=unit, assumptions=(
                *item.assumptions, f"no unit stated: {unit} (the timeline's unit) assumed"))
        start, end = item.when
        return TimelineEvent(item.estimate(reading), start, end, item.text)
    raise InputError(f"a timeline event must be (estimate, (start, end)), a TimelineEvent "
                     f"or a dated figure, got {item!r}")
