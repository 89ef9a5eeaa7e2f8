"""The ``--above X`` and ``--below X`` options of the ``ranges`` command: read a
threshold as the expression's numbers are read, convert it to the total's unit, and
state the probability of the total being above it (or at most it), with the engine's
numerical error and, where the threshold lies outside the range bounds, what the
stated ranges alone say.

>>> import ranges as rg
>>> from ranges.engines import evaluate
>>> est = rg.between(10_000, 20_000, shape="bounds", unit="troops")
>>> ev = evaluate(est, engine="exact")
>>> print(probability_of(Threshold.read("17.5k", "above"), est, ev, est.bounds()).line())
P(total > 17,500 troops) = 0.250 (numerical error ±9e-16)
>>> print(probability_of(Threshold.read("25k", "below"), est, ev, est.bounds()).line())
P(total ≤ 25,000 troops) > 0.999
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ranges._kinds import Stated
from ranges.core import _units as units
from ranges.core._render import format_number, format_quantity
from ranges.errors import InputError, ParseError, RangesError

if TYPE_CHECKING:
    from ranges.core._graph import Estimate
    from ranges.core._interval import Interval
    from ranges.engines._base import Evaluation

__all__ = ["ProbabilityAnswer", "Threshold", "format_probability", "probability_of"]

Event = Literal["above", "below"]

#: probabilities closer than this to 0 or 1 are written as "< 0.001", "> 0.999"
SMALLEST_SHOWN = 0.001


@dataclass(frozen=True)
class Threshold:
    """A threshold as written after ``--above``/``--below``: its value and its unit as
    written (None when it has none, ``"percent"`` for a percentage)."""

    event: Event
    text: str
    value: float
    unit: str | None

    @classmethod
    def read(cls, text: str, event: Event) -> Threshold:
        """Read ``text`` as one number, with a unit if it has one (``15,000``,
        ``15k``, ``2 million USD``, ``20%``); anything else is an
        :class:`~ranges.errors.InputError` naming the option and the text.

        >>> Threshold.read("2 million USD", "below")
        Threshold(event='below', text='2 million USD', value=2000000.0, unit='USD')
        """
        from ranges.text._parse import parse_tree
        from ranges.text._syntax import QuantityNode

        option = f"--{event}"
        try:
            node = parse_tree(text)
        except ParseError as err:
            raise InputError(
                f"{option} {text!r}: not a number ({err.message}); write e.g. "
                f"{option} 15,000 or {option} 15k or {option} '2 million USD'"
            ) from None
        if not isinstance(node, QuantityNode) or node.kind != Stated.EXACTLY:
            raise InputError(
                f"{option} {text!r}: a threshold is one number, with a unit if need be "
                f"(not a range, a hedge, a vague word or a sum); write e.g. {option} 15,000"
            )
        return cls(event, text, node.low, node.unit)

    def in_unit_of(self, est: Estimate) -> float:
        """The threshold in ``est``'s unit (a number without a unit is taken in it);
        a unit that cannot be converted is an :class:`~ranges.errors.InputError`
        naming both units.

        >>> import ranges as rg
        >>> Threshold.read("2 km", "above").in_unit_of(rg.exactly(1, unit="m"))
        2000.0
        """
        if self.unit is None:
            return self.value
        target = units.label(est.unit) or "a plain number"
        if self.unit == "percent":
            if not units.is_dimensionless(est.unit):
                raise InputError(
                    f"--{self.event} {self.text!r}: a percentage is a plain number and the "
                    f"total is in {target}; give the threshold in {target}, or no unit"
                )
            return self.value / 100.0
        try:
            factor, offset = units.conversion(units.resolve(self.unit), est.unit)
        except RangesError as err:
            raise InputError(
                f"--{self.event} {self.text!r}: its unit {self.unit!r} does not match the "
                f"total's unit ({target}): {' '.join(str(err).split())}; give the "
                "threshold in the total's unit, or no unit"
            ) from None
        return self.value * factor + offset


@dataclass(frozen=True)
class ProbabilityAnswer:
    """The probability of one threshold's event, in the total's unit."""

    event: Event
    threshold: float
    unit: str
    probability: float
    #: the engine's numerical error of :attr:`probability` (NaN when none is reported)
    error: float
    #: samples behind the answer (0 when computed, not sampled)
    samples: int
    #: what the range bounds alone say: "certain", "impossible" or None (neither)
    range_bounds: str | None
    bounds: tuple[float, float] | None
    #: the threshold as written, when it was converted from another unit
    written: str | None = None

    def event_text(self) -> str:
        """``total > 15,000 troops`` or ``total ≤ 13,000 troops``."""
        sign = ">" if self.event == "above" else "≤"
        shown = format_quantity(format_number(self.threshold, 6), self.unit)
        if self.written is not None:
            shown += f" ({self.written})"
        return f"total {sign} {shown}"

    def line(self) -> str:
        """``P(total > 15,000 troops) = 0.065 (numerical error ±0.0008)``, or
        ``P(total > 25,000 troops) < 0.001``."""
        text = format_probability(self.probability, self.error, self.samples)
        sign = "" if text[:1] in "<>" else "= "
        return f"P({self.event_text()}) {sign}{text}"

    def bounds_line(self) -> str | None:
        """What the range bounds say when the threshold lies outside them, else None."""
        if self.range_bounds is None or self.bounds is None:
            return None
        low, high = self.bounds
        shown = format_quantity(format_number(self.threshold, 6), self.unit)
        where = "above" if self.threshold >= high else "below"
        sure = 0.0 if self.range_bounds == "impossible" else 1.0
        tails = "" if self.probability == sure else " (the readings' tails pass the stated ends)"
        says = {("above", "impossible"): "cannot exceed it",
                ("above", "certain"): "is certainly above it",
                ("below", "certain"): "is certainly at most it",
                ("below", "impossible"): "cannot be as low as it"}[self.event, self.range_bounds]
        return (f"{shown} lies {where} the range bounds "
                f"{format_number(low, 4)}–{format_quantity(format_number(high, 4), self.unit)}: "
                f"if every stated range holds, the total {says}" + tails)

    def to_dict(self) -> dict[str, Any]:
        """The ``--json`` entry of this answer."""
        return {"event": self.event, "threshold": self.threshold, "unit": self.unit or None,
                "probability": self.probability,
                "error": None if math.isnan(self.error) else self.error,
                "range_bounds": self.range_bounds}


def format_probability(p: float, error: float = math.nan, samples: int = 0) -> str:
    """A probability as the command prints it: three decimals (four near 0 or 1),
    ``< 0.001`` and ``> 0.999`` beyond, and the numerical error when there is one. A
    sampled answer cannot tell apart probabilities below about 3/n (none of n samples
    is consistent with up to 3/n at 95%), so that is its floor.

    >>> format_probability(0.0652, 0.0008), format_probability(0.00004)
    ('0.065 (numerical error ±0.0008)', '< 0.001')
    >>> format_probability(1.0, 0.0, samples=1_000), format_probability(0.005)
    ('> 0.997', '0.0050')
    """
    floor = max(SMALLEST_SHOWN, 3.0 / samples) if samples else SMALLEST_SHOWN
    if p < floor:
        return f"< {floor:.2g}"
    if p > 1.0 - floor:
        return f"> {1.0 - floor:.3g}"
    text = f"{p:.3f}" if 0.01 <= p <= 0.99 else f"{p:.4f}"
    if math.isfinite(error) and error > 0:
        text += f" (numerical error ±{error:.1g})"
    return text


def probability_of(
    threshold: Threshold, est: Estimate, evaluation: Evaluation, bounds: Interval | None
) -> ProbabilityAnswer:
    """The probability that ``est`` is above ``threshold`` (or at most it), from
    ``evaluation`` (the engine's answer about ``est``: :meth:`Evaluation.prob_above`
    and its numerical error), and what the range ``bounds`` say of it."""
    x = threshold.in_unit_of(est)
    above = evaluation.prob_above(x)
    error = evaluation.prob_above_error(x)
    probability = above if threshold.event == "above" else 1.0 - above
    verdict: str | None = None
    if bounds is not None:
        if x >= bounds.high:
            verdict = "impossible" if threshold.event == "above" else "certain"
        elif x < bounds.low:
            verdict = "certain" if threshold.event == "above" else "impossible"
    unit = units.label(est.unit)
    written = None
    if threshold.unit is not None and x != threshold.value:
        written = threshold.text
    return ProbabilityAnswer(
        threshold.event, x, unit, probability, error,
        evaluation.n if evaluation.samples is not None else 0, verdict,
        None if bounds is None else (bounds.low, bounds.high), written,
    )
