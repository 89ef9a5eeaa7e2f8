"""The syntax tree of an expression of written figures (what :func:`parse_tree` reads
and :func:`ranges.parse` builds an estimate from): figures, binary operations and unary
minus, each with where it is written.

>>> from ranges.text._parse import parse_tree
>>> to_tuple(parse_tree("10–12 thousand troops"))
('range', 10000.0, 12000.0, 'troops')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from ranges._kinds import Stated

__all__ = ["BinaryNode", "NegNode", "Node", "QuantityNode", "Span", "to_tuple"]

Span: TypeAlias = tuple[int, int]


@dataclass(frozen=True, slots=True)
class QuantityNode:
    """One written figure.

    ``kind`` is a :class:`~ranges._kinds.Stated`: ``RANGE`` (``low``–``high``,
    ``point`` is None), ``PLUS_MINUS`` (``point`` with ``low``/``high`` = point ∓ the
    absolute margin), or ``EXACTLY``, ``ABOUT``, ``AT_LEAST``, ``AT_MOST``
    (``low == high == point``), or ``VAGUE`` (a vague quantity such as "thousands",
    read through the Reading's table: ``phrase`` is its row, ``low`` and ``high`` are
    NaN and ``point`` is None, since the text states no number). ``unit``
    is the unit as written (``"troops"``, ``"km"``, ``"USD"``, ``"percent"``) or
    None; ``qualifier`` is the hedge as written (``"at least"``) or None; ``span``
    is ``(start, end)`` in the text; ``assumptions`` lists readings the parser chose.
    """

    kind: Stated
    low: float
    high: float
    point: float | None
    unit: str | None
    qualifier: str | None
    span: Span
    assumptions: tuple[str, ...] = ()
    unit_span: Span | None = field(default=None, compare=False)
    phrase: str | None = None

    @property
    def margin(self) -> float | None:
        """The absolute margin of a ``plus_minus`` figure, else None."""
        if self.kind != Stated.PLUS_MINUS or self.point is None:
            return None
        return self.high - self.point


@dataclass(frozen=True, slots=True)
class BinaryNode:
    """``left op right`` with ``op`` one of ``+ - * / **``; ``op_span`` is where the
    operator is written."""

    op: Literal["+", "-", "*", "/", "**"]
    left: Node
    right: Node
    span: Span
    op_span: Span = field(default=(0, 0), compare=False)


@dataclass(frozen=True, slots=True)
class NegNode:
    """Unary minus."""

    operand: Node
    span: Span


Node: TypeAlias = QuantityNode | BinaryNode | NegNode


def to_tuple(node: Node) -> tuple[object, ...]:
    """A compact nested-tuple form of a tree, handy for tests and debugging.

    Ranges are ``("range", low, high, unit)``, ``±`` figures
    ``("plus_minus", point, margin, unit)``, other figures ``(kind, point, unit)``
    with the kind's name (``"exactly"``, ``"about"``...), vague quantities
    ``("vague", phrase, unit)``, operations
    ``(op, left, right)`` and unary minus ``("neg", operand)``.

    >>> from ranges.text._parse import parse_tree
    >>> to_tuple(parse_tree("-(2 + 3k)"))
    ('neg', ('+', ('exactly', 2.0, None), ('exactly', 3000.0, None)))
    """
    if isinstance(node, BinaryNode):
        return (node.op, to_tuple(node.left), to_tuple(node.right))
    if isinstance(node, NegNode):
        return ("neg", to_tuple(node.operand))
    kind = node.kind.value
    if node.kind == Stated.RANGE:
        return (kind, node.low, node.high, node.unit)
    if node.kind == Stated.PLUS_MINUS:
        return (kind, node.point, node.margin, node.unit)
    if node.kind == Stated.VAGUE:
        return (kind, node.phrase, node.unit)
    return (kind, node.point, node.unit)
