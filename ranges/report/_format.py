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
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from ranges._kinds import Stated
from ranges.core._interval import Interval
from ranges.core._render import (
    format_chance,
    format_exact,
    format_number,
    format_plain,
    format_quantity,
    scale_word,
)
from ranges.errors import InputError
from ranges.reading._policy import ReadingNote

if TYPE_CHECKING:
    from ranges.report._summary import Summary

#: the words of a one-sided figure, as a reading note describes it
_ONE_SIDED: Final = {Stated.AT_LEAST: "at least", Stated.AT_MOST: "at most"}

#: the kinds of note whose rule says it all (a pool of sources, an adjusting factor)
_SAID_BY_RULE: Final = frozenset({Stated.POOLED, Stated.ADJUSTED})

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


#: how many more significant figures :func:`format_ranges` may use to tell ranges apart
EXTRA_FIGURES: Final = 2
_FIGURE_WORDS: Final = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def format_ranges(ranges: Sequence[tuple[float, float]], unit: str = "", sig: int = 3
                  ) -> list[str]:
    """Several ranges shown together (rows of a table, scenarios side by side),
    written so that different ranges never read the same: all with ``sig``
    significant figures when that tells them apart, else all with the fewest more
    (up to :data:`EXTRA_FIGURES` more) that do; ranges that still read alike are
    written with ``sig`` figures and marked "(the same to three figures)".

    >>> format_ranges([(13_358, 15_612), (13_447, 15_589)])
    ['13,360–15,610', '13,450–15,590']
    >>> format_ranges([(13_358, 15_612), (14_000, 16_000)], "troops")
    ['13,400–15,600 troops', '14,000–16,000 troops']
    >>> format_ranges([(13_400.001, 15_600), (13_400.002, 15_600)])
    ['13,400–15,600 (the same to three figures)', '13,400–15,600 (the same to three figures)']
    """
    pairs = [(float(low), float(high)) for low, high in ranges]
    for figures in range(sig, sig + EXTRA_FIGURES + 1):
        texts = [format_range(low, high, unit, figures) for low, high in pairs]
        if not _alike(pairs, texts):
            return texts
    texts = [format_range(low, high, unit, sig) for low, high in pairs]
    alike = _alike(pairs, texts)
    words = _FIGURE_WORDS.get(sig, str(sig))
    return [f"{text} (the same to {words} figures)" if i in alike else text
            for i, text in enumerate(texts)]


def _alike(pairs: list[tuple[float, float]], texts: list[str]) -> set[int]:
    """The positions of ranges written like a different range."""
    first: dict[str, tuple[float, float]] = {}
    clash: set[str] = set()
    for pair, text in zip(pairs, texts, strict=True):
        if first.setdefault(text, pair) != pair:
            clash.add(text)
    return {i for i, text in enumerate(texts) if text in clash}


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
    if note.kind in _SAID_BY_RULE:
        return note.rule
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
    if note.kind in _ONE_SIDED:
        hedge = _ONE_SIDED[Stated(note.kind)]
        return f"{hedge} {format_quantity(format_exact(note.point or 0.0), unit)} read as " \
               f"{shape} with {level} between {format_exact(low)} and {format_exact(high)}"
    if note.kind == "vague":
        return f"{note.phrase!r} read as {stated} ({level} interval of {shape})"
    if note.kind == Stated.CHANCE and note.point is not None:
        return f"a {format_chance(note.point)} chance: 1 if it happens, 0 if not"
    return f"{stated} read as {shape}"


#: significant figures of a chance computed from a result
_CHANCE_SIG: Final = 2
#: how many separate groups, in words
_COUNT_WORDS: Final = {2: "two", 3: "three", 4: "four", 5: "five"}


def describe_shape(summary: Summary) -> str | None:
    """How a result that is not one bump is spread, in words (None for one bump):
    its atoms with their chances and what happens otherwise, or its separate groups
    (each with its own central interval). Chances computed from the result are
    written with two significant figures (a sampled chance is not known better).

    >>> from ranges.report._summary import Summary
    >>> s = Summary(median=6_000.0, mean=3_600.0, std=2_940.0, level=0.9, low=0.0,
    ...             high=6_000.0, unit="troops", engine="exact", n=0, seed=None,
    ...             bounds=None, bounds_note=None, errors={}, inputs=(),
    ...             atoms=((0.0, 0.4), (6_000.0, 0.6)))
    >>> describe_shape(s)
    '40% chance of exactly 0 troops; otherwise 6,000 troops'
    """
    unit = summary.unit
    if summary.atoms:
        if len(summary.atoms) == 2 and not summary.groups:
            # the less likely value first: "30% chance of exactly 6,000; otherwise 0"
            first, other = sorted(summary.atoms, key=lambda atom: (atom[1], atom[0]))
            return (f"{format_chance(first[1], _CHANCE_SIG)} chance of exactly "
                    f"{format_quantity(format_exact(first[0]), unit)}; otherwise "
                    f"{format_quantity(format_exact(other[0]), unit)}")
        pieces = [f"{format_chance(chance, _CHANCE_SIG)} chance of exactly "
                  f"{format_quantity(format_exact(value), unit)}"
                  for value, chance in summary.atoms]
        for _, median, low, high in summary.groups:
            pieces.append(f"otherwise {_bump(median, low, high, unit, summary.level)}")
        return "; ".join(pieces)
    if len(summary.groups) >= 2:
        count = _COUNT_WORDS.get(len(summary.groups), f"{len(summary.groups):,}")
        each = [f"{format_range(low, high, unit)} ({format_chance(chance, _CHANCE_SIG)} chance)"
                for chance, _, low, high in summary.groups]
        listed = ", ".join(each[:-1]) + " or " + each[-1]
        return f"{count} separate groups: {listed}"
    return None


def _bump(median: float, low: float, high: float, unit: str, level: float) -> str:
    """One bump in words: its median and central interval (a single value as such)."""
    if low == high:
        return format_quantity(format_exact(median), unit)
    return (f"{format_quantity(format_number(median), unit)} "
            f"({level:.0%} interval {format_range(low, high)})")


def one_line(summary: Summary) -> str:
    """The one-line answer: median, interval, and the range bounds.

    Example: ``15,000 troops (90% interval 14,100–15,900); ranges added end to end:
    13,000–16,000``.

    >>> import ranges as rg
    >>> print(rg.format.one_line(rg.between(10_000, 12_000, unit="troops").summary()))
    11,000 troops (90% interval 10,000–12,000); ranges added end to end: 10,000–12,000
    """
    shape = describe_shape(summary)
    if shape is None and summary.low == summary.high:
        return f"{format_quantity(format_exact(summary.median), summary.unit)} (exact)"
    if shape is not None:
        text = shape
    else:
        head = format_quantity(format_number(summary.median), summary.unit)
        interval = format_range(summary.low, summary.high)
        text = f"{head} ({summary.level:.0%} interval {interval})"
    if summary.bounds is not None and summary.bounds.width > 0:
        text += f"; ranges added end to end: {format_interval(summary.bounds)}"
    return text


def format_summary(summary: Summary, spec: str) -> str:
    """The one-line answer with its numbers written by the format ``spec`` (what
    ``format(est, spec)`` and ``f"{est:{spec}}"`` give): the median, then the central
    interval, each number formatted as ``format(number, spec)``. An empty ``spec``
    gives the usual one-line answer (:func:`one_line`).

    >>> from ranges.report._summary import Summary
    >>> s = Summary(median=14_423.1712, mean=14_450.0, std=660.0, level=0.9,
    ...             low=13_405.0213, high=15_573.7091, unit="troops", engine="exact",
    ...             n=0, seed=None, bounds=Interval(13_000, 16_000), bounds_note=None,
    ...             errors={}, inputs=())
    >>> format_summary(s, ".2f")
    '14423.17 troops (90% interval 13405.02–15573.71)'
    >>> format_summary(s, ",.0f")
    '14,423 troops (90% interval 13,405–15,574)'
    >>> format_summary(s, "")
    '14,400 troops (90% interval 13,400–15,600); ranges added end to end: 13,000–16,000'
    >>> format_summary(s, ".2q")
    Traceback (most recent call last):
    ...
    ranges.errors.InputError: invalid format spec '.2q' for an estimate...
    """
    if not spec:
        return one_line(summary)
    try:
        median, low, high = (format(value, spec) for value in
                             (summary.median, summary.low, summary.high))
    except (ValueError, TypeError) as err:
        raise InputError(
            f"invalid format spec {spec!r} for an estimate: its numbers are floats, so "
            f"the spec must be one for float (e.g. '.2f', ',.0f', '.3g'); {err}"
        ) from None
    head = format_quantity(median, summary.unit)
    if summary.low == summary.high:
        return f"{head} (exact)"
    return f"{head} ({summary.level:.0%} interval {low}–{high})"


def short_repr(summary: Summary, expression: str) -> str:
    """What ``repr(est)`` shows: the expression, the unit and the answer's numbers.

    >>> from ranges.report._summary import Summary
    >>> s = Summary(median=14_423.17, mean=14_450.0, std=660.0, level=0.9,
    ...             low=13_405.02, high=15_573.71, unit="troops", engine="exact", n=0,
    ...             seed=None, bounds=None, bounds_note=None, errors={}, inputs=())
    >>> short_repr(s, "[10,000–12,000] + [3,000–4,000]")
    '<Estimate [10,000–12,000] + [3,000–4,000] troops: median 14,400, 90% interval 13,400–15,600>'
    """
    unit = f" {summary.unit}" if summary.unit else ""
    shape = describe_shape(summary)
    if shape is not None:
        return f"<Estimate {expression}{unit}: {shape}>"
    if summary.low == summary.high:
        return f"<Estimate {expression}{unit}: exactly {format_exact(summary.median)}>"
    return (f"<Estimate {expression}{unit}: median {format_number(summary.median)}, "
            f"{summary.level:.0%} interval {format_range(summary.low, summary.high)}>")


def how_computed(summary: Summary) -> str:
    """Which engine gave a summary's numbers and from how many draws.

    >>> from ranges.report._summary import Summary
    >>> s = Summary(median=1.0, mean=1.0, std=0.1, level=0.9, low=0.8, high=1.2, unit="",
    ...             engine="qmc", n=4_096, seed=11, bounds=None, bounds_note=None,
    ...             errors={}, inputs=())
    >>> how_computed(s)
    'engine qmc, 4,096 samples, seed 11'
    """
    if not summary.n:
        return f"engine {summary.engine} (computed, not sampled)"
    seed = "fresh entropy" if summary.seed is None else f"seed {summary.seed}"
    return f"engine {summary.engine}, {summary.n:,} samples, {seed}"


def report(summary: Summary, max_inputs: int = 10) -> str:
    """A several-line plain-text summary for the command line (at most ``max_inputs``
    inputs are listed one by one).

    >>> import ranges as rg
    >>> print(rg.format.report(rg.between(10_000, 12_000, unit="troops").summary()))
    11,000 troops (90% interval 10,000–12,000); ranges added end to end: 10,000–12,000
      median 10,950 troops, mean 10,970, sd 609
      90% interval 10,000–12,000 troops
      range bounds 10,000–12,000 troops
      engine exact (computed, not sampled); numerical error of the interval ends ...
      inputs:
        - 10,000–12,000 troops read as the 90% interval of a lognormal
    """
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
    lines.append(f"  {how_computed(summary)}; numerical error of the interval ends ±{error}")
    if len(summary.groups) > 1 and not summary.atoms:
        lines.append(f"  not one bump: a gap inside the {summary.level:.0%} interval holds "
                     f"almost no probability; each group's range is its own "
                     f"{summary.level:.0%} interval")
    if len(summary.parts) > 1:
        lines.append("  parts:")
        for part, engine in summary.parts:
            lines.append(f"    - {part}: {engine}")
    if summary.inputs:
        lines.append("  inputs:")
        for item in summary.inputs[:max_inputs]:
            name = f"{item.name}: " if item.name else ""
            branch = "" if item.chance is None else \
                f" (a {format_chance(item.chance)} chance: one branch of a mixture)"
            lines.append(f"    - {name}{describe_note(item.note, item.unit)}{branch}")
        hidden = len(summary.inputs) - max_inputs
        if hidden > 0:
            lines.append(f"    - … and {hidden:,} more")
    if summary.assumptions:
        lines.append("  assumptions:")
        for assumption in summary.assumptions:
            lines.append(f"    - {assumption}")
    return "\n".join(lines)


def answer_sentence(summary: Summary) -> str:
    """The answer in one plain sentence for a reader who does not know the library:
    the best estimate (the median) and the central interval as a chance, or the
    answer's shape when it is not one bump.

    >>> from ranges.report._summary import Summary
    >>> s = Summary(median=14_423.17, mean=14_450.0, std=660.0, level=0.9,
    ...             low=13_405.02, high=15_573.71, unit="troops", engine="exact", n=0,
    ...             seed=None, bounds=None, bounds_note=None, errors={}, inputs=())
    >>> answer_sentence(s)
    'Best estimate about 14,400 troops; a 90% chance it lies between 13,400 and 15,600 troops.'
    >>> from dataclasses import replace
    >>> answer_sentence(replace(s, unit="USD"))
    'Best estimate about USD 14,400; a 90% chance it lies between USD 13,400 and USD 15,600.'
    """
    shape = describe_shape(summary)
    if shape is not None:
        return shape[0].upper() + shape[1:] + "."
    unit = summary.unit
    if summary.low == summary.high:
        return f"Exactly {format_quantity(format_exact(summary.median), unit)}."
    # a currency is written before its number, so at both ends ("USD 2.4–3.3 million"
    # would read as dollars only at the start)
    low = format_number(summary.low)
    if format_quantity("", unit).startswith(unit + " "):
        low = format_quantity(low, unit)
    return (f"Best estimate about {format_quantity(format_number(summary.median), unit)}; "
            f"a {summary.level:.0%} chance it lies between {low} "
            f"and {format_quantity(format_number(summary.high), unit)}.")


def plain_how_computed(summary: Summary) -> str:
    """How a summary's numbers were computed, in words for a lay reader: exactly or from
    random draws, and how accurate the interval ends are.

    >>> from ranges.report._summary import Summary
    >>> s = Summary(median=1.0, mean=1.0, std=0.1, level=0.9, low=0.8, high=1.2,
    ...             unit="troops", engine="qmc", n=4_096, seed=11, bounds=None,
    ...             bounds_note=None, errors={"low": 0.004, "high": 0.002}, inputs=())
    >>> plain_how_computed(s)  # doctest: +NORMALIZE_WHITESPACE
    'The answer was computed from 4,096 evenly spread (quasi-random) draws of the inputs,
    with seed 11; the ends of the interval are accurate to about ±0.004 troops.'
    """
    errors = [value for value in summary.errors.values() if math.isfinite(value)]
    accuracy = ""
    if errors:
        error = format_number(max(errors), 1)
        accuracy = f"; the ends of the interval are accurate to about ±{error}" + (
            f" {summary.unit}" if summary.unit else "")
    if not summary.n:
        return ("The answer was computed exactly, with formulas and numerical "
                f"integration rather than random draws{accuracy}.")
    kind = "evenly spread (quasi-random)" if "qmc" in summary.engine else "random"
    seed = "" if summary.seed is None else f", with seed {summary.seed}"
    return f"The answer was computed from {summary.n:,} {kind} draws of the inputs{seed}{accuracy}."
