"""From the syntax tree of an expression of written figures to the
:class:`~ranges.core._graph.Estimate` it describes: :func:`parse` (``rg.parse``).

>>> parse("10k-12k + 3k-4k troops").bounds()
Interval(13000, 16000)
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from ranges._kinds import Stated
from ranges.errors import InputError, ParseError, UnitError
from ranges.text._parse import parse_tree
from ranges.text._stated import estimate_stated
from ranges.text._syntax import NegNode, Node, QuantityNode

if TYPE_CHECKING:
    from ranges.core._graph import Estimate
    from ranges.reading._policy import Reading

__all__ = ["parse"]


def parse(text: str, *, reading: Reading | None = None) -> Estimate:
    """Read ``text`` and build the :class:`~ranges.core._graph.Estimate` it describes.

    Figures are built with :func:`ranges.between`, :func:`ranges.exactly`,
    :func:`ranges.about`, :func:`ranges.at_least`, :func:`ranges.at_most` and
    :func:`ranges.plus_minus`; ``reading`` is passed to those that take one, and each
    assumption the parser made goes to the constructor's ``note``. Vague quantities
    ("thousands of workers", "a few thousand", "tens of thousands") stand wherever a
    number may, found as :func:`ranges.extract` finds them and read with
    :func:`ranges.vague` through ``reading``'s table (an assumption the summary
    lists); a word that is neither a number nor a row of the table is a
    :class:`~ranges.errors.ParseError` under the word. Percentages become
    plain fractions (``20%`` is 0.2). Units that cannot be combined, and figures the
    reading cannot accept, raise :class:`~ranges.errors.ParseError` pointing at the
    operator or the figure.

    >>> parse("10k-12k + 3k-4k troops").bounds()
    Interval(13000, 16000)
    >>> parse("20% × 5,000 troops").bounds()
    Interval(1000, 1000)
    >>> parse("thousands of workers").bounds()
    Interval(2000, 10000)
    >>> parse("several hundred + 2,000-3,000 troops").bounds()
    Interval(2300, 3900)
    """
    tree = parse_tree(text, reading=reading)
    return _build(tree, text, reading)


#: what each written operator does to the estimates on either side
_APPLY: Final[dict[str, Callable[[Estimate, Estimate], Estimate]]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
}
#: operators whose right side is a constant exponent, not an estimate
_EXPONENT_OPS: Final = frozenset({"**"})


def _build(root: Node, text: str, reading: Reading | None) -> Estimate:
    """Turn the tree into an Estimate, children first (iterative: long sums are fine)."""
    built: dict[int, Estimate] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if isinstance(node, QuantityNode):
            built[id(node)] = _leaf(node, text, reading)
            continue
        children: tuple[Node, ...] = (
            (node.operand,) if isinstance(node, NegNode)
            else (node.left,) if node.op in _EXPONENT_OPS else (node.left, node.right)
        )
        if not ready:
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(children))
            continue
        if isinstance(node, NegNode):
            built[id(node)] = -built[id(node.operand)]
            continue
        left = built[id(node.left)]
        try:
            if node.op in _EXPONENT_OPS:
                assert isinstance(node.right, QuantityNode)
                built[id(node)] = left ** node.right.low
            else:
                built[id(node)] = _APPLY[node.op](left, built[id(node.right)])
        except UnitError as err:
            raise ParseError(_first_line(err), text, node.op_span[0]) from err
    return built[id(root)]


def _leaf(node: QuantityNode, text: str, reading: Reading | None) -> Estimate:
    """The estimate of one figure (its stated kind's constructor); an error about its
    unit or numbers points at the unit or the figure."""
    if node.kind == Stated.VAGUE:
        try:
            return estimate_stated(node.kind, phrase=node.phrase, unit=node.unit,
                                   reading=reading, note="; ".join(node.assumptions) or None)
        except UnitError as err:
            raise ParseError(_unit_message(err), text, _unit_word_at(node, text, err)) from err
        except InputError as err:
            raise ParseError(_first_line(err), text, node.span[0]) from err
    scale = 1.0
    unit = node.unit
    if unit == "percent":
        scale, unit = 0.01, None
    low, high = node.low * scale, node.high * scale
    point = node.point * scale if node.point is not None else low
    try:
        return estimate_stated(node.kind, low=low, high=high, point=point, unit=unit,
                               reading=reading, note="; ".join(node.assumptions) or None)
    except UnitError as err:
        raise ParseError(_unit_message(err), text, _unit_word_at(node, text, err)) from err
    except ParseError:
        raise
    except InputError as err:
        raise ParseError(_first_line(err), text, node.span[0]) from err


def _unit_word_at(node: QuantityNode, text: str, err: UnitError) -> int:
    """Where the unit a UnitError is about is written: the word it names (a refused
    misspelling carries it as ``word``: "12 big tropos") within the figure's unit, else
    the unit's start, else the figure's."""
    if node.unit_span is None:
        return node.span[0]
    start, end = node.unit_span
    word = getattr(err, "word", "")
    if isinstance(word, str) and word:
        found = text.find(word, start, end)
        if found >= 0:
            return found
    return start


def _unit_message(err: UnitError) -> str:
    """A UnitError's message on one line, all of it (a suggestion included)."""
    return " ".join(line.strip() for line in str(err).splitlines() if line.strip())


def _first_line(err: Exception) -> str:
    return str(err).split("\n", 1)[0]
