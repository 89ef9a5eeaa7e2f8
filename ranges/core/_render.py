"""How numbers and expressions are written: significant figures, scale words,
units, and a graph written out as an expression or a short label. Used by the core
(to name a node in an error), by the report layer and by the CLI.

>>> format_number(15_034)
'15,000'
>>> format_quantity("5", "USD")
'USD 5'
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final

from ranges._kinds import Stated
from ranges.core import _units as units
from ranges.core._ops import SPECS, Op

if TYPE_CHECKING:
    from ranges.core._graph import Estimate

#: scale words for large numbers, as reports write them ("3.46 billion")
_SCALES: Final = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def scale_word(x: float) -> tuple[float, str] | None:
    """The factor and scale word a number of this size is written with, or None below
    a million.

    >>> scale_word(2.5e9), scale_word(999_999.0)
    ((1000000000.0, 'billion'), None)
    """
    for factor, word in _SCALES:
        if abs(x) >= factor * (1 - 5e-7):
            return factor, word
    return None


def format_number(x: float, sig: int = 3) -> str:
    """``x`` rounded to ``sig`` significant figures, with thousands separators; a
    million or more with a scale word, as reports write it.

    Very small and very large (10^15 or more) values use powers of ten.

    >>> format_number(14_432.5), format_number(2.5), format_number(-0.5)
    ('14,400', '2.5', '-0.5')
    >>> format_number(3_456_789_000), format_number(1_200_000, sig=6)
    ('3.46 billion', '1.2 million')
    """
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(x)))
    if magnitude >= 15 or magnitude < -6:
        return f"{x:.{sig - 1}e}"
    scale = scale_word(round(x, sig - 1 - magnitude))
    if scale is not None:
        factor, word = scale
        return f"{format_plain(x / factor, sig)} {word}"
    return format_plain(x, sig)


def format_plain(x: float, sig: int = 3) -> str:
    """``x`` to ``sig`` significant figures with separators, never a scale word.

    >>> format_plain(3_456_789)
    '3,460,000'
    """
    if x == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(x)))
    decimals = sig - 1 - magnitude
    rounded = round(x, decimals)
    if decimals <= 0:
        return f"{int(rounded):,}"
    text = f"{rounded:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def format_exact(x: float) -> str:
    """A stated figure as written: up to 6 significant figures, no rounding noise.

    >>> format_exact(10_000), format_exact(2.25)
    ('10,000', '2.25')
    """
    return format_number(x, sig=6)


def format_chance(p: float, sig: int = 3) -> str:
    """A probability as a percentage with ``sig`` significant figures (more when they
    would round a chance short of certain up to 100%).

    >>> format_chance(0.6), format_chance(0.125), format_chance(1 / 3), format_chance(1e-5)
    ('60%', '12.5%', '33.3%', '0.001%')
    >>> format_chance(0.99999), format_chance(1.0), format_chance(0.39937, sig=2)
    ('99.999%', '100%', '40%')
    """
    text = format_plain(100 * p, sig)
    while text == "100" and p < 1 and sig < 9:
        sig += 1
        text = format_plain(100 * p, sig)
    return f"{text}%"


def format_quantity(text: str, unit: str) -> str:
    """A formatted number with its unit as people write it.

    >>> format_quantity("5", "USD"), format_quantity("5", "%"), format_quantity("5", "troops")
    ('USD 5', '5%', '5 troops')
    """
    if not unit:
        return text
    if unit == "%":
        return text + "%"
    if unit in units.CURRENCIES:
        return f"{unit} {text}"
    return f"{text} {unit}"



_HEDGE_WORDS: Final = {Stated.ABOUT: "about ", Stated.AT_LEAST: "at least ",
                       Stated.AT_MOST: "at most ", Stated.EXACTLY: ""}
_FUNCTION: Final = 9  # precedence of anything written as one unit: x, f(x), (a + b)


def label(node: Estimate) -> str:
    """A short label of a node: its name or label, its stated figure, or its expression.

    >>> import ranges as rg
    >>> label(rg.between(10_000, 12_000, unit="troops"))
    '10,000–12,000 troops'
    """
    while node.op is Op.CONVERT or node.op is Op.COMPONENT:
        if node.name or node.label:
            break
        node = component_input(node) if node.op is Op.COMPONENT else node.args[0]
    if node.name or node.label:
        return str(node.name or node.label)
    if node.op is Op.LEAF and node.leaf is not None:
        return _stated_label(node)
    return expression(node)


def _stated_label(node: Estimate) -> str:
    assert node.leaf is not None
    note = node.leaf.note
    unit = units.label(node.unit)
    kind = note.kind
    if kind in (Stated.RANGE, Stated.PLUS_MINUS) and note.low is not None \
            and note.high is not None:
        if note.low == note.high:
            return format_quantity(format_exact(note.low), unit)
        return format_quantity(f"{format_exact(note.low)}–{format_exact(note.high)}", unit)
    if kind == Stated.VAGUE and note.phrase:
        return format_quantity(note.phrase, unit)
    if kind == Stated.CHANCE and note.point is not None:
        return f"{format_chance(note.point)} chance"
    hedge = _HEDGE_WORDS.get(Stated(kind)) if kind in _HEDGE_WORDS else None
    if hedge is not None and note.point is not None:
        return format_quantity(hedge + format_exact(note.point), unit)
    return node.leaf.distribution.describe()


def component_input(node: Estimate) -> Estimate:
    """The input a COMPONENT node stands for (one input of a correlation).

    >>> import ranges as rg
    >>> a, b = rg.between(1, 2), rg.between(3, 4)
    >>> a2, b2 = rg.correlate([a, b], 0.5)
    >>> component_input(b2) is b
    True
    """
    return node.args[0].args[int(node.param[0])]


def _precedence(node: Estimate) -> int:
    """How tightly a node's written form binds (a conversion is invisible)."""
    while node.op is Op.CONVERT or node.op is Op.COMPONENT:
        node = component_input(node) if node.op is Op.COMPONENT else node.args[0]
    spec = SPECS[node.op]
    return spec.precedence if spec.infix else _FUNCTION


def _pieces(node: Estimate) -> list[str | Estimate]:
    """A node written as text and arguments still to write, in order."""
    op = node.op
    spec = SPECS[op]
    if op is Op.CONST:
        return [format_exact(node.value)]
    if op is Op.LEAF:
        if node.name or node.label:
            return [str(node.name or node.label)]
        name = label(node)
        unit = units.label(node.unit)
        core = name[: -len(unit) - 1] if unit and name.endswith(" " + unit) else name
        return [f"[{core}]"]
    if op is Op.CONVERT:  # a unit conversion: show what was converted
        return [node.args[0]]
    if op is Op.COMPONENT:  # one input of a correlation: shown as that input
        return [component_input(node)]
    if op is Op.NEG:
        (inner,) = node.args
        return ["−(", inner, ")"] if _precedence(inner) < spec.precedence else ["−", inner]
    if spec.infix:
        left, right = node.args
        mine = spec.precedence
        right_first = op is Op.SUB or op is Op.DIV or op is Op.POW  # not associative
        pieces: list[str | Estimate] = []
        pieces += ["(", left, ")"] if _precedence(left) < mine else [left]
        pieces.append(f" {spec.symbol} ")
        wrap = _precedence(right) < mine or (_precedence(right) == mine and right_first)
        pieces += ["(", right, ")"] if wrap else [right]
        return pieces
    pieces = [f"{spec.symbol}("]
    for i, child in enumerate(node.args):
        pieces += [", ", child] if i else [child]
    return [*pieces, ")"]


def expression(node: Estimate, max_length: int = 120) -> str:
    """The expression under ``node`` written out, cut to ``max_length`` characters with
    "…" (written from the left and stopped there, so a huge graph costs no more than a
    short one; iterative, so deep sums are fine).

    >>> import ranges as rg
    >>> expression(rg.between(1, 2) + 3 * rg.between(4, 5))
    '[1–2] + 3 × [4–5]'
    """
    out: list[str] = []
    length = 0
    stack: list[str | Estimate] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            out.append(item)
            length += len(item)
            if length > max_length:
                return "".join(out)[: max_length - 1] + "…"
        else:
            stack.extend(reversed(_pieces(item)))
    return "".join(out)
