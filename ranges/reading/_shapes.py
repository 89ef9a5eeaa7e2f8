"""The shapes a stated range can be read as, and how each is built: one table.

:class:`Shape` names them (a ``str`` enumeration: ``Shape.PERT == "pert"``), and
:data:`SHAPE_RULES` says, for each, how the distribution whose central ``level``
interval is the stated range is built, whether it takes a ``mode`` and whether it makes
the range hard. ``"auto"`` is not a shape of its own: :func:`resolve_shape` turns it
into lognormal or normal by the sign of the range.

>>> Shape.parse("LogNormal")
<Shape.LOGNORMAL: 'lognormal'>
>>> SHAPE_RULES[Shape.BOUNDS].hard, SHAPE_RULES[Shape.PERT].takes_mode
(True, True)
>>> resolve_shape(Shape.AUTO, -5.0)
(<Shape.NORMAL: 'normal'>, 'default reading of a range reaching zero or below')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from ranges.distributions._families import (
    PERT,
    Distribution,
    LogNormal,
    LogUniform,
    Normal,
    Triangular,
    Uniform,
)
from ranges.errors import ReadingError


class Shape(StrEnum):
    """The shape a stated range is read as (what ``shape=`` accepts, any case)."""

    #: lognormal for a positive range, normal for one reaching zero or below
    AUTO = "auto"
    LOGNORMAL = "lognormal"
    NORMAL = "normal"
    UNIFORM = "uniform"
    TRIANGULAR = "triangular"
    PERT = "pert"
    LOGUNIFORM = "loguniform"
    #: flat on exactly the stated range, which becomes hard
    BOUNDS = "bounds"
    #: not asked for: the shape a note records for a figure read as one exact value
    EXACTLY = "exactly"

    @classmethod
    def parse(cls, value: Shape | str) -> Shape:
        """The shape named ``value`` (any case), or a ReadingError listing the valid ones.

        >>> Shape.parse("PERT")
        <Shape.PERT: 'pert'>
        """
        if isinstance(value, str) and value.lower() in SHAPES:
            return cls(value.lower())
        raise ReadingError(f"unknown shape {value!r}; valid shapes are: {', '.join(SHAPES)}")


#: the shapes ``shape=`` accepts, as strings, in the order the CLI lists them
SHAPES: tuple[str, ...] = tuple(shape.value for shape in Shape if shape is not Shape.EXACTLY)

#: how a shape is built from the stated ends, the level and an optional mode
Build = Callable[[float, float, float, float | None], Distribution]


@dataclass(frozen=True)
class ShapeRule:
    """How a stated range is read as one shape.

    * ``build(low, high, level, mode)``: the distribution.
    * ``takes_mode``: whether ``mode=`` places its peak.
    * ``hard``: whether the stated ends are hard limits (then the level does not apply).
    * ``rule``: the note's rule when the shape always reads a range the same way.
    """

    build: Build
    takes_mode: bool = False
    hard: bool = False
    rule: str | None = None


def _without_mode(from_interval: Callable[[float, float, float], Distribution]) -> Build:
    """A builder for a shape with no mode (``mode`` is refused before it is called)."""

    def build(low: float, high: float, level: float, mode: float | None) -> Distribution:
        return from_interval(low, high, level)

    return build


def _hard_bounds(low: float, high: float, level: float) -> Distribution:
    """Flat on exactly [low, high]: the level does not apply."""
    return Uniform(low, high)


SHAPE_RULES: dict[Shape, ShapeRule] = {
    Shape.LOGNORMAL: ShapeRule(_without_mode(LogNormal.from_interval)),
    Shape.NORMAL: ShapeRule(_without_mode(Normal.from_interval)),
    Shape.UNIFORM: ShapeRule(_without_mode(Uniform.from_interval)),
    Shape.LOGUNIFORM: ShapeRule(_without_mode(LogUniform.from_interval)),
    Shape.TRIANGULAR: ShapeRule(Triangular.from_interval, takes_mode=True),
    Shape.PERT: ShapeRule(PERT.from_interval, takes_mode=True),
    Shape.BOUNDS: ShapeRule(
        _without_mode(_hard_bounds), hard=True,
        rule="hard bounds: flat on exactly the stated range",
    ),
}

#: the shapes ``mode=`` applies to
MODE_SHAPES: tuple[Shape, ...] = tuple(s for s, rule in SHAPE_RULES.items() if rule.takes_mode)


def resolve_shape(asked: Shape, low: float) -> tuple[Shape, str]:
    """The shape a range starting at ``low`` is read as, and the rule that chose it."""
    if asked is not Shape.AUTO:
        return asked, "shape as asked"
    if low > 0:
        return Shape.LOGNORMAL, "default reading of a positive range"
    return Shape.NORMAL, "default reading of a range reaching zero or below"


__all__ = ["MODE_SHAPES", "SHAPES", "SHAPE_RULES", "Shape", "ShapeRule", "resolve_shape"]
