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

from ranges.core import _units as units

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



_SYMBOLS = {"add": "+", "sub": "−", "mul": "×", "div": "/", "pow": "^"}
_PRECEDENCE = {"add": 1, "sub": 1, "mul": 2, "div": 2, "neg": 3, "pow": 4}


def label(node: Estimate) -> str:
    """A short label of a node: its name, its stated figure, or its expression.

    >>> import ranges as rg
    >>> label(rg.between(10_000, 12_000, unit="troops"))
    '10,000–12,000 troops'
    """
    if node.name:
        return node.name
    if node.op == "scale":
        return label(node.args[0])
    if node.op == "leaf" and node.leaf is not None:
        note = node.leaf.note
        unit = units.label(node.unit)
        if note.kind in ("range", "plus_minus") and note.low is not None and note.high is not None:
            if note.low == note.high:
                return format_quantity(format_exact(note.low), unit)
            return format_quantity(f"{format_exact(note.low)}–{format_exact(note.high)}", unit)
        if note.kind == "vague" and note.phrase:
            return format_quantity(note.phrase, unit)
        if note.kind in ("about", "at_least", "at_most", "exactly") and note.point is not None:
            word = {"about": "about ", "at_least": "at least ", "at_most": "at most ",
                    "exactly": ""}[note.kind]
            return format_quantity(word + format_exact(note.point), unit)
        return node.leaf.distribution.describe()
    return expression(node)


def expression(node: Estimate, max_length: int = 120) -> str:
    """The expression under ``node`` written out (iteratively: deep sums are fine).

    >>> import ranges as rg
    >>> expression(rg.between(1, 2) + 3 * rg.between(4, 5))
    '[1–2] + 3 × [4–5]'
    """
    text: dict[int, tuple[str, int]] = {}
    for current in node.walk():
        text[id(current)] = _render(current, text)
    rendered = text[id(node)][0]
    if len(rendered) > max_length:
        rendered = rendered[: max_length - 1] + "…"
    return rendered


def _render(node: Estimate, done: dict[int, tuple[str, int]]) -> tuple[str, int]:
    op = node.op
    if op == "const":
        return format_exact(node.value), 9
    if op == "leaf":
        if node.name:
            return node.name, 9
        name = label(node)
        unit = units.label(node.unit)
        core = name[: -len(unit) - 1] if unit and name.endswith(" " + unit) else name
        return f"[{core}]", 9
    parts = [done[id(child)] for child in node.args]
    if op == "scale":  # a unit conversion: show what was converted
        return parts[0]
    if op in ("add", "sub", "mul", "div", "pow"):
        mine = _PRECEDENCE[op]
        (lt, lp), (rt, rp) = parts
        if lp < mine:
            lt = f"({lt})"
        if rp < mine or (rp == mine and op in ("sub", "div", "pow")):
            rt = f"({rt})"
        return f"{lt} {_SYMBOLS[op]} {rt}", mine
    if op == "neg":
        inner, precedence = parts[0]
        return (f"−({inner})" if precedence < 3 else f"−{inner}"), 3
    if op in ("min", "max", "mixture"):
        return f"{op}({', '.join(t for t, _ in parts)})", 9
    return f"{op}({parts[0][0]})", 9
