"""Text: numbers rounded to sensible significant figures, ranges, reading notes,
one-line answers and expressions. Formatting computes nothing a Summary does not
already hold.

>>> format_number(15_034)
'15,000'
>>> format_number(0.012345)
'0.0123'
>>> format_range(14_123, 15_876, "troops")
'14,100–15,900 troops'
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final

from ranges.core import _units as units
from ranges.core._interval import Interval
from ranges.reading._policy import ReadingNote

if TYPE_CHECKING:
    from ranges.core._graph import Estimate
    from ranges.report._summary import Summary

_SHAPE_NAMES = {
    "lognormal": "a lognormal",
    "normal": "a normal",
    "uniform": "a uniform",
    "loguniform": "a log-uniform",
    "triangular": "a triangular",
    "pert": "a PERT",
    "bounds": "hard bounds",
    "exactly": "an exact value",
}


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


def format_range(low: float, high: float, unit: str = "", sig: int = 3) -> str:
    """A range as people write it: ``14,100–15,900 troops``; with one scale word for
    both ends when the larger is a million or more (``USD 3–4 billion``).

    >>> format_range(3_000, math.inf, "")
    '3,000 or more'
    >>> format_range(3e9, 4.25e9, "USD"), format_range(800_000, 1_200_000)
    ('USD 3–4.25 billion', '0.8–1.2 million')
    """
    if math.isinf(high) and not math.isinf(low):
        return format_quantity(f"{format_number(low, sig)} or more", unit)
    if math.isinf(low) and not math.isinf(high):
        return format_quantity(f"{format_number(high, sig)} or less", unit)
    larger = max(abs(low), abs(high)) if math.isfinite(low) and math.isfinite(high) else 0.0
    smaller = min(abs(low), abs(high))
    scale = scale_word(larger) if larger < 1e15 else None
    # one scale word for both ends, unless the smaller would need many decimals in it
    if scale is not None and (smaller == 0 or smaller >= scale[0] / 100):
        factor, word = scale
        ends = f"{format_plain(low / factor, sig)}–{format_plain(high / factor, sig)}"
        return format_quantity(f"{ends} {word}", unit)
    if scale is not None:  # "123–4 billion" would read as 123 billion: no scale words
        return format_quantity(f"{format_plain(low, sig)}–{format_plain(high, sig)}", unit)
    return format_quantity(f"{format_number(low, sig)}–{format_number(high, sig)}", unit)


def format_interval(interval: Interval, unit: str = "") -> str:
    """Range bounds, written with the stated figures' precision.

    >>> format_interval(Interval(13_000, 16_000), "troops")
    '13,000–16,000 troops'
    """
    return format_range(interval.low, interval.high, unit, sig=6)


def describe_note(note: ReadingNote, unit: str = "") -> str:
    """How one input was read, in a sentence fragment.

    >>> from ranges.reading import Reading
    >>> describe_note(Reading().read_range(10_000, 12_000).note, "troops")
    '10,000–12,000 troops read as the 90% interval of a lognormal'
    """
    shape = _SHAPE_NAMES.get(note.shape, note.shape)
    if note.kind == "exactly" or note.shape == "exactly":
        value = note.point if note.point is not None else note.low
        return f"{format_quantity(format_exact(value or 0.0), unit)} taken as exact"
    if note.kind == "parameters":
        return f"given directly as {note.rule.split(': ', 1)[-1]}" + (f" ({unit})" if unit else "")
    level = f"{note.level:.0%}" if note.level is not None else ""
    low = note.low if note.low is not None else math.nan
    high = note.high if note.high is not None else math.nan
    stated = format_range(low, high, unit, sig=6)
    if note.kind == "range":
        if note.shape == "bounds":
            return f"{stated} read as hard bounds (flat on exactly that range)"
        return f"{stated} read as the {level} interval of {shape}"
    if note.kind == "plus_minus":
        return f"{format_quantity(format_exact(note.point or 0.0), unit)} ± " \
               f"{format_exact((high - low) / 2)} read as the {level} interval of {shape}"
    if note.kind == "about":
        return f"about {format_quantity(format_exact(note.point or 0.0), unit)} read as " \
               f"{stated} ({level} interval of {shape})"
    if note.kind == "at_least":
        return f"at least {format_quantity(format_exact(note.point or 0.0), unit)} read as " \
               f"{shape} with {level} between {format_exact(low)} and {format_exact(high)}"
    if note.kind == "at_most":
        return f"at most {format_quantity(format_exact(note.point or 0.0), unit)} read as " \
               f"{shape} with {level} between {format_exact(low)} and {format_exact(high)}"
    if note.kind == "vague":
        return f"{note.phrase!r} read as {stated} ({level} interval of {shape})"
    return f"{stated} read as {shape}"


def one_line(summary: Summary) -> str:
    """The one-line answer: median, interval, and the range bounds.

    Example: ``15,000 troops (90% interval 14,100–15,900); ranges added end to end:
    13,000–16,000``.
    """
    if summary.low == summary.high:
        return f"{format_quantity(format_exact(summary.median), summary.unit)} (exact)"
    head = format_quantity(format_number(summary.median), summary.unit)
    interval = format_range(summary.low, summary.high)
    text = f"{head} ({summary.level:.0%} interval {interval})"
    if summary.bounds is not None and summary.bounds.width > 0:
        text += f"; ranges added end to end: {format_interval(summary.bounds)}"
    return text


def report(summary: Summary, max_inputs: int = 10) -> str:
    """A several-line plain-text summary for the command line (at most ``max_inputs``
    inputs are listed one by one)."""
    lines = [one_line(summary)]
    lines.append(
        f"  median {format_quantity(format_number(summary.median, 4), summary.unit)}, "
        f"mean {format_number(summary.mean, 4)}, sd {format_number(summary.std, 3)}"
    )
    lines += [f"  warning: {text}" for text in summary.warnings]
    lines.append(
        f"  {summary.level:.0%} interval {format_range(summary.low, summary.high, summary.unit, 4)}"
    )
    if summary.bounds is not None:
        lines.append(f"  range bounds {format_interval(summary.bounds, summary.unit)}")
    elif summary.bounds_note:
        lines.append(f"  range bounds: none ({summary.bounds_note})")
    error = format_number(max(summary.errors["low"], summary.errors["high"]), 2)
    if summary.n:
        seed = "fresh entropy" if summary.seed is None else f"seed {summary.seed}"
        how = f"engine {summary.engine}, {summary.n:,} samples, {seed}"
    else:
        how = f"engine {summary.engine} (computed, not sampled)"
    lines.append(f"  {how}; numerical error of the interval ends ±{error}")
    if len(summary.parts) > 1:
        lines.append("  parts:")
        for part, engine in summary.parts:
            lines.append(f"    - {part}: {engine}")
    if summary.inputs:
        lines.append("  inputs:")
        for item in summary.inputs[:max_inputs]:
            name = f"{item.name}: " if item.name else ""
            lines.append(f"    - {name}{describe_note(item.note, item.unit)}")
        hidden = len(summary.inputs) - max_inputs
        if hidden > 0:
            lines.append(f"    - … and {hidden:,} more")
    if summary.assumptions:
        lines.append("  assumptions:")
        for assumption in summary.assumptions:
            lines.append(f"    - {assumption}")
    return "\n".join(lines)


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
