"""Figures that state one figure together: two opposite bounds ("more than 20 but
fewer than 40") and a figure with a margin written after it ("1,200, plus or minus
150").

The quantity grammar (:mod:`ranges.text._quantities`) reads each bound on its own, with
whether it includes its number (:attr:`Figure.closed`). :func:`join_two_sided` then
joins a lower and an upper bound next to each other into one ``range`` figure when
only a joining word stands between them ("and", "but", a comma: ``[bounds]
two_sided_joins`` of the word file), they are about the same thing (the same unit, or
one of them has none) and the low bound is below the high one. Otherwise they stay
two bounds: "more than 40 and less than 10" are two statements, not an empty range.
A margin with no centre ("plus or minus 150") right after an exact or approximate
figure, with at most a comma between, is that figure's margin. One measure written in
two units, the larger first ("5 ft 2 in", "2 hours 30 minutes"), is one figure. A bare
number listed before a measure takes its unit ("45 and 50 mg", "5 or 10%").

>>> from ranges.text._extract import extract
>>> [(f.kind.value, f.low, f.high, f.closed, f.unit)
...  for f in extract("more than 200 but at most 300 people")]
[('range', 200.0, 300.0, (False, True), 'person')]
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from ranges._kinds import FigureKind
from ranges.core import _units as units
from ranges.errors import RangesError
from ranges.text._figure import Figure
from ranges.text._words import TWO_SIDED_JOINS

__all__ = ["join_two_sided"]

_BOUNDS: Final = frozenset({FigureKind.LOWER_BOUND, FigureKind.UPPER_BOUND})
_GAP_WORDS: Final = re.compile(r"\w+|[^\w\s]")
_LONGEST_GAP: Final = 16  # characters: ", and yet" fits, a clause does not


def join_two_sided(text: str, figures: list[Figure]) -> list[Figure]:
    """``figures`` (in text order) with each pair of opposite bounds that states one
    range replaced by that range (see the module docstring)."""
    if len(figures) < 2:
        return figures
    out: list[Figure] = []
    i = 0
    while i < len(figures):
        joined = _joined(text, figures[i], figures[i + 1]) if i + 1 < len(figures) else None
        if joined is None:
            out.append(figures[i])
            i += 1
        elif joined.span == figures[i].span:  # a unit shared: the next figure stays
            out.append(joined)
            i += 1
        else:
            out.append(joined)
            i += 2
    return out


def _joined(text: str, a: Figure, b: Figure) -> Figure | None:
    if b.kind == FigureKind.PLUS_MINUS and b.point is None:
        return _centred(text, a, b)
    if b.kind == FigureKind.EXACT and a.kind in _CENTRES and a.unit and b.unit:
        return _compound(text, a, b)
    if a.kind in _CENTRES and a.unit is None and a.noun is None and b.unit is not None \
            and b.kind in _CENTRES:
        return _shared_unit(text, a, b)
    if a.kind not in _BOUNDS or b.kind not in _BOUNDS or a.kind == b.kind:
        return None
    gap = text[a.span[1] : b.span[0]]
    if len(gap) > _LONGEST_GAP or " ".join(_GAP_WORDS.findall(gap.lower())) \
            not in TWO_SIDED_JOINS:
        return None
    if a.unit is not None and b.unit is not None and a.unit != b.unit:
        return None
    low_fig, high_fig = (a, b) if a.kind == FigureKind.LOWER_BOUND else (b, a)
    low, high = low_fig.point, high_fig.point
    if not (isinstance(low, float) and isinstance(high, float) and low < high):
        return None
    span = (a.span[0], b.span[1])
    closed = ((low_fig.closed or (False, False))[0], (high_fig.closed or (False, False))[1])
    return replace(
        a, text=text[span[0] : span[1]], span=span, kind=FigureKind.RANGE, low=low,
        high=high, point=None, unit=a.unit or b.unit, noun=b.noun or a.noun,
        qualifier=f"{a.qualifier}{gap}{b.qualifier}",
        assumptions=(*a.assumptions, *b.assumptions), closed=closed,
    )


_CENTRES: Final = frozenset({FigureKind.EXACT, FigureKind.APPROX})
_MARGIN_GAPS: Final = frozenset({"", ","})


def _centred(text: str, a: Figure, b: Figure) -> Figure | None:
    """A margin with no centre right after a figure it can be around ("1,200 troops,
    plus or minus 150"): one plus-minus figure; else None."""
    gap = " ".join(_GAP_WORDS.findall(text[a.span[1] : b.span[0]]))
    point, margin = a.point, b.margin
    if a.kind not in _CENTRES or gap not in _MARGIN_GAPS or not isinstance(point, float) \
            or margin is None or (a.unit is not None and b.unit is not None
                                  and a.unit != b.unit):
        return None
    span = (a.span[0], b.span[1])
    return replace(
        a, text=text[span[0] : span[1]], span=span, kind=FigureKind.PLUS_MINUS,
        low=point - margin, high=point + margin, unit=a.unit or b.unit,
        noun=a.noun or b.noun, qualifier=b.qualifier, margin=margin,
        assumptions=(*a.assumptions, *b.assumptions),
    )


_LIST_GAPS: Final = frozenset({"and", "or", ","})


def _shared_unit(text: str, a: Figure, b: Figure) -> Figure | None:
    """A bare number listed right before a measure ("45 and 50 mg", "5 or 10%",
    "3, 4 km"): the unit of the measure, noted as an assumption (the figure returned
    replaces only ``a``; ``b`` is kept by :func:`join_two_sided`). Count nouns are not
    shared ("2 and 3 tanks" may be two and three of different things)."""
    between = text[a.span[1] : b.span[0]]
    if len(between) > 6 or " ".join(_GAP_WORDS.findall(between.lower())) not in _LIST_GAPS:
        return None
    unit = b.unit or ""
    if unit != "percent" and not (len(unit) == 3 and unit.isupper()):
        try:
            if units.is_count(units.resolve(unit)):
                return None
        except RangesError:
            return None
    return replace(a, unit=b.unit, assumptions=(
        *a.assumptions, f"{a.text} shares the unit of {b.text}, listed after it"))


_COMPOUND_GAPS: Final = frozenset({"", "and"})


def _compound(text: str, a: Figure, b: Figure) -> Figure | None:
    """One measure written in two units, the larger first ("5 ft 2 in", "2 hours 30
    minutes", "1 m 20 cm"): one figure in the larger unit; else None. The units must
    measure the same thing with no offset (not temperatures) and the second be the
    smaller, and only "and" or nothing stand between."""
    between = text[a.span[1] : b.span[0]]
    if a.unit == b.unit or len(between) > 6:
        return None
    gap = " ".join(_GAP_WORDS.findall(between.lower()))
    big, small = a.point, b.point
    if gap not in _COMPOUND_GAPS or not isinstance(big, float) or not isinstance(small, float) \
            or not big.is_integer() or small < 0:
        return None
    try:
        factor, offset = units.conversion(units.resolve(b.unit), units.resolve(a.unit))
    except RangesError:
        return None
    if offset != 0 or not 0 < factor < 1 or small * factor >= 1:
        return None  # "5 km 10 km", "20 °C 5 °F", "5 ft 14 in"
    span = (a.span[0], b.span[1])
    value = big + small * factor
    return replace(
        a, text=text[span[0] : span[1]], span=span, point=value,
        noun=b.noun or a.noun,
        assumptions=(*a.assumptions, *b.assumptions,
                     f"{a.text} {b.text} read as one measure: {value:g} {a.unit}"),
    )
