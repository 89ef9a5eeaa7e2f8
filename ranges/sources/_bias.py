"""A source's bias: "this source may overstate by up to 20%".

The convention: the true value is the figure × (1 + b), where the bias b lies in the
range ``low`` to ``high`` that you give. So

* ``est.biased(-0.2, 0)``: the source may **overstate** by up to 20% (the true value is
  0 to 20% below the figure);
* ``est.biased(0, 0.5)``: the source may **understate** by up to 50% (the true value is
  up to 1.5 times the figure);
* ``est.biased(-0.1, 0.1)``: it may be off by 10% either way.

The factor 1 + b is an input of its own (a leaf, independent of everything else), read
by default as **flat on exactly** [1 + low, 1 + high] (``shape="bounds"``: every bias in
the range is as likely, none outside it). Any other shape of the reading policy may be
asked for (``shape="lognormal"`` reads the range as the 90% interval of a lognormal
factor). Being a positive factor, it multiplies in log space in the exact engine. The
summary's assumptions state the numbers.

>>> import ranges as rg
>>> claimed = rg.exactly(1_000, unit="troops")
>>> true = claimed.biased(-0.2, 0)
>>> true.bounds()
Interval(800, 1000)
>>> true.summary(n=1_000, rng=0).assumptions
['bias: true value = figure × (1 + b), b from −20% to 0% (flat on exactly that range): \
the source may overstate by up to 20%']
"""

from __future__ import annotations

from dataclasses import replace

from ranges._kinds import Stated
from ranges.core._graph import Estimate
from ranges.distributions._families import check_finite
from ranges.errors import ReadingError
from ranges.reading._policy import LeafSpec
from ranges.reading._shapes import Shape


def _percent(x: float, *, signed: bool = True) -> str:
    """A fraction as a percentage: -0.2 → "−20%", 0.05 → "+5%", 0 → "0%"."""
    value = 100 * x
    text = f"{abs(value):.3g}%"
    if value == 0 or not signed:
        return text
    return ("−" if value < 0 else "+") + text


def _direction(low: float, high: float) -> str:
    """What the range of the bias says about the source, in words."""
    if high <= 0:
        if high == 0:
            return f"the source may overstate by up to {_percent(-low, signed=False)}"
        return (f"the source overstates by {_percent(-high, signed=False)} to "
                f"{_percent(-low, signed=False)}")
    if low >= 0:
        if low == 0:
            return f"the source may understate by up to {_percent(high, signed=False)}"
        return (f"the source understates by {_percent(low, signed=False)} to "
                f"{_percent(high, signed=False)}")
    return f"the source may be off by {_percent(low)} to {_percent(high)}"


def biased(est: Estimate, low: float, high: float, *, shape: Shape | str = Shape.BOUNDS
           ) -> Estimate:
    """``est`` × (1 + b), with the bias b read from ``low`` to ``high`` (fractions:
    -0.2 is 20% below) as an input of its own (see the module docstring).

    >>> import ranges as rg
    >>> x = rg.exactly(50).biased(0, 0.5)
    >>> x.bounds(), round(x.mean(), 6)
    (Interval(50, 75), 62.5)
    """
    from ranges._config import defaults

    low = check_finite("the low end of the bias", low)
    high = check_finite("the high end of the bias", high)
    if low > high:
        raise ReadingError(
            f"the low end of a bias must not exceed the high end: got {low:g} and "
            f"{high:g}; did you mean biased({high:g}, {low:g})?")
    if low <= -1:
        raise ReadingError(
            f"a bias of {_percent(low)} would make the true value zero or negative: "
            "the true value is figure × (1 + b), so b must stay above −1 (−100%); for "
            "a source that overstates by a factor of k, use b from 1/k − 1")
    if low == high == 0:
        return est
    spec = defaults.reading.read_range(1.0 + low, 1.0 + high, shape=shape)
    if spec.note.hard:
        how = "flat on exactly that range"
    elif spec.note.level is None:
        how = "exactly that value"
    else:
        how = f"the {spec.note.level:.0%} interval of a {spec.note.shape}"
    bias_range = f"b from {_percent(low)} to {_percent(high)}" if low != high else \
        f"b = {_percent(low)}"
    sentence = (f"bias: true value = figure × (1 + b), {bias_range} ({how}): "
                f"{_direction(low, high)}")
    note = replace(spec.note, kind=Stated.ADJUSTED,
                   rule=f"a bias factor 1 + b, {bias_range} ({how})", assumption=sentence)
    factor = Estimate.from_leaf(LeafSpec(spec.distribution, spec.stated, note),
                                label="bias")
    return est * factor


__all__ = ["biased"]
