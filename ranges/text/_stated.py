"""How a stated figure becomes an estimate: one table from each
:class:`~ranges._kinds.Stated` kind to the public constructor that reads it
(:func:`ranges.between`, :func:`ranges.about`, :func:`ranges.vague`...).

Both readers of text build their estimates here: the expression grammar
(:func:`ranges.parse`) for each figure of an expression, and
:meth:`ranges.Figure.estimate` for a figure found in prose.

>>> estimate_stated(Stated.AT_LEAST, point=5_000, unit="troops").bounds()
Interval(5000, inf)
>>> estimate_stated(Stated.PLUS_MINUS, low=900, high=1_100, point=1_000).bounds()
Interval(900, 1100)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from ranges._kinds import Stated
from ranges.errors import ReadingError

if TYPE_CHECKING:
    from ranges.core._graph import Estimate
    from ranges.reading._policy import Reading

__all__ = ["Stated", "estimate_stated"]

#: a number as stated (an ISO date string for a date figure, None where none is given)
Value: TypeAlias = float | str | None


class _Stated(NamedTuple):
    low: Value
    high: Value
    point: Value
    phrase: str | None
    name: str | None


_Builder: TypeAlias = Callable[[_Stated, dict[str, Any]], "Estimate"]


def _need(value: Value, what: str) -> float:
    if isinstance(value, (int, float)):
        return float(value)
    raise ReadingError(f"this figure states no {what} number")


@functools.cache
def _builders() -> dict[Stated, _Builder]:
    """The table: the constructor call that reads each stated kind (the reading layer
    is imported when the first estimate is built, not when text is read)."""
    from ranges.reading import _constructors as c

    def plus_minus(s: _Stated, kw: dict[str, Any]) -> Estimate:
        point = _need(s.point, "point")
        return c.plus_minus(point, _need(s.high, "high") - point, **kw)

    def vague(s: _Stated, kw: dict[str, Any]) -> Estimate:
        if s.phrase is None:
            raise ReadingError(f"vague figure {s.name!r} has no table phrase")
        return c.vague(s.phrase, **kw)

    return {
        Stated.RANGE: lambda s, kw: c.between(_need(s.low, "low"), _need(s.high, "high"), **kw),
        Stated.EXACTLY: lambda s, kw: c.exactly(_need(s.point, "point"), **kw),
        Stated.ABOUT: lambda s, kw: c.about(_need(s.point, "point"), **kw),
        Stated.AT_LEAST: lambda s, kw: c.at_least(_need(s.point, "point"), **kw),
        Stated.AT_MOST: lambda s, kw: c.at_most(_need(s.point, "point"), **kw),
        Stated.PLUS_MINUS: plus_minus,
        Stated.VAGUE: vague,
    }


def estimate_stated(
    kind: Stated,
    *,
    low: Value = None,
    high: Value = None,
    point: Value = None,
    phrase: str | None = None,
    unit: str | None = None,
    reading: Reading | None = None,
    name: str | None = None,
    label: str | None = None,
    note: str | None = None,
) -> Estimate:
    """The estimate of a figure of ``kind`` with these stated numbers, read by
    ``reading`` (``ranges.defaults.reading`` when None); ``note`` is the assumption the
    reader made, shown in the summary; ``label`` how the input is shown (the words of a
    figure read from text, which may repeat: it does not identify the input as ``name``
    does). ``phrase`` is the vague-table row of a
    ``vague`` figure. A kind that nothing states (``parameters``, ``derived``) or a
    missing number raises :class:`~ranges.errors.ReadingError`.

    >>> estimate_stated(Stated.RANGE, low=10, high=12, unit="troops").bounds()
    Interval(10, 12)
    """
    builder = _builders().get(kind)
    if builder is None:
        raise ReadingError(f"a figure of kind {str(kind)!r} is not stated in text")
    kw: dict[str, Any] = {"unit": unit, "reading": reading, "name": name, "note": note}
    made = builder(_Stated(low, high, point, phrase, name or label), kw)
    return made.labelled(label) if label else made
