"""The :class:`Figure` record: one figure found in prose, as the text states it.

A Figure is plain data: what the words say (kind, numbers, unit, hedge, noun and where
they are), with no distribution attached. :meth:`Figure.estimate` hands it to a
:class:`~ranges.reading.Reading` policy, which decides how wide "about" is or what
"thousands" means. Extraction (:mod:`ranges.text._extract`) finds figures; reading turns
them into estimates; the two never mix.

Kinds
-----
``range``        "10,000-12,000 troops", "between 150 and 300 million": ``low``, ``high``.
``approx``       "about 600", "an estimated 3,000": ``point``.
``lower_bound``  "more than 5,000", "1000+", "five dozen or more": ``point`` (the bound).
``upper_bound``  "up to 300", "as many as 2,000", "fewer than 50": ``point``.
``plus_minus``   "1,200 ± 150": ``point`` and ``low``/``high`` = point ∓ margin.
``vague``        "thousands of", "a few hundred": no number stated (``low``, ``high``,
                 ``point`` are None); ``phrase`` is the key of the vague table row.
``exact``        a bare figure: "5,000 workers", "USD3.3bn": ``point``.
``date``         "July or August", "last fall", "in 2011": ``low``/``high`` are ISO
                 dates (``"2025-07-01"``) when resolvable, else None.

>>> f = Figure("about 600 troops", (0, 16), "approx", None, None, 600.0, "person",
...            "troops", "about")
>>> f.render()
'about 600 troops'
>>> f.estimate().bounds()
Interval(540, 660)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from ranges._kinds import FigureKind
from ranges.errors import InputError, ReadingError
from ranges.text._stated import estimate_stated
from ranges.text._tokens import shares_thousands

if TYPE_CHECKING:
    from ranges.core._graph import Estimate
    from ranges.reading._policy import Reading

__all__ = ["KINDS", "Figure", "FigureKind"]

#: every figure kind, in the order of the module docstring
KINDS: Final[tuple[FigureKind, ...]] = tuple(FigureKind)

_RENDER_HEDGE: Final = {
    FigureKind.APPROX: "about",
    FigureKind.LOWER_BOUND: "at least",
    FigureKind.UPPER_BOUND: "at most",
}


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure in a text.

    * ``text``: the words as written, ``span``: ``(start, end)`` offsets into the text
      (``source[start:end] == text``), covering the hedge, the numbers and the noun.
    * ``kind``: a :class:`~ranges._kinds.FigureKind` (see the module docstring; its
      name as a string is accepted, and it compares equal to its name).
    * ``low``, ``high``, ``point``: plain numbers as the text states them, scale words
      expanded ("1.7 million" is 1,700,000), None where the text gives none; ISO date
      strings for a ``date``.
    * ``unit``: the canonical unit ("person" for troops, sappers, refugees...; "USD";
      "percent"; "tank" for tanks), or None. ``noun``: the noun phrase as written.
    * ``qualifier``: the hedge as written ("approximately", "as many as", "thousands
      of", "or more"), or None.
    * ``phrase``: for a ``vague`` figure, the row of the vague table it is read through.
    * ``assumptions``: what the reader assumed on the way (a shared scale, a table
      reading, an unresolved date).
    * ``closed``: whether each end belongs to the figure, where the text says so, as
      in interval notation: ``(True, False)`` for "at least 30" (``[30, ∞)``),
      ``(False, False)`` for "more than 30", ``(False, True)`` for "more than 20 and at
      most 35"; None where the text does not say (most ranges).
    * ``margin``: for a ``plus_minus`` figure, the half-width ("± 3" is 3); a margin
      stated with no centre ("a margin of error of ± 3 points") has ``point``,
      ``low`` and ``high`` None and cannot become an estimate on its own.

    >>> import ranges as rg
    >>> figure = rg.extract("An estimated 10,000 to 12,000 troops were sent.")[0]
    >>> figure.text, figure.low, figure.high, figure.unit
    ('An estimated 10,000 to 12,000 troops', 10000.0, 12000.0, 'person')
    """

    text: str
    span: tuple[int, int]
    kind: FigureKind
    low: float | str | None
    high: float | str | None
    point: float | str | None
    unit: str | None = None
    noun: str | None = None
    qualifier: str | None = None
    phrase: str | None = None
    assumptions: tuple[str, ...] = ()
    closed: tuple[bool, bool] | None = None
    margin: float | None = None
    when: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        if type(self.kind) is not FigureKind:  # a kind given as its name ("range")
            try:
                kind = FigureKind(self.kind)
            except ValueError:
                raise InputError(
                    f"unknown figure kind {self.kind!r}; expected one of "
                    f"{', '.join(k.value for k in FigureKind)}"
                ) from None
            object.__setattr__(self, "kind", kind)

    # -- reading -------------------------------------------------------------------
    def estimate(self, reading: Reading | None = None) -> Estimate:
        """The :class:`~ranges.core._graph.Estimate` this figure becomes under ``reading``
        (``ranges.defaults.reading`` when None): the constructor of its
        :attr:`FigureKind.stated <ranges._kinds.FigureKind.stated>` kind.

        A ``date`` has no estimate and raises :class:`~ranges.errors.ReadingError`.

        >>> Figure("thousands", (0, 9), "vague", None, None, None, phrase="thousands"
        ...        ).estimate().bounds()
        Interval(2000, 10000)
        """
        stated = self.kind.stated
        if self.kind == FigureKind.PLUS_MINUS and self.point is None:
            raise ReadingError(
                f"{self.text!r} states a margin of ± {self.margin:g} with no centre: it "
                "has no estimate on its own (give the figure the margin is around)"
            )
        if stated is None:
            raise ReadingError(
                f"{self.text!r} is a date, not a quantity: it has no estimate"
            )
        return estimate_stated(
            stated, low=self.low, high=self.high, point=self.point, phrase=self.phrase,
            unit=self.unit, reading=reading, label=self.text,
            note="; ".join(self.assumptions) or None,
        )

    @property
    def is_quantity(self) -> bool:
        """Whether the figure is a quantity (anything but a date).

        >>> Figure("2011", (0, 4), "date", "2011-01-01", "2011-12-31", None).is_quantity
        False
        """
        return self.kind != FigureKind.DATE

    # -- writing -------------------------------------------------------------------
    def render(self) -> str:
        """The figure written back as plain text that :func:`ranges.extract` reads to
        the same numbers: ``"at least 5,000 troops"``, ``"10,000–12,000 troops"``.

        >>> Figure("1000+", (0, 5), "lower_bound", None, None, 1000.0).render()
        'at least 1,000'
        """
        if self.kind == FigureKind.DATE:
            if self.low is not None and self.low == self.high:
                return str(self.low)
            return f"{self.low or ''} to {self.high or ''}".strip()
        if self.kind == FigureKind.VAGUE:
            body = f"{self.phrase} of" if self.noun else str(self.phrase)
            return f"{body} {self.noun}" if self.noun else body
        hedge = _RENDER_HEDGE.get(self.kind)
        if self.kind == FigureKind.PLUS_MINUS and self.point is None:
            body = f"± {_write(_number(self.margin, 'margin'))}"
            return f"{body} {self.noun}" if self.noun else body
        if self.kind == FigureKind.PLUS_MINUS:
            point = _number(self.point, "point")
            margin = _number(self.high, "high") - point
            numbers = [_write(point), _write(margin)]
            joint = " ± "
        elif self.kind == FigureKind.RANGE:
            low, high = _number(self.low, "low"), _number(self.high, "high")
            numbers = [_write(low), _write(high)]
            if shares_thousands(numbers[0], low, numbers[1], high):
                numbers[1] = _write(high, grouped=False)  # "13–125000", not 13,000–
            joint = "–"
        else:
            numbers = [_write(_number(self.point, "point"))]
            joint = ""
        unit = self.unit
        if unit == "percent":
            numbers = [n + "%" for n in numbers]
        body = joint.join(numbers)
        if unit is not None and len(unit) == 3 and unit.isupper():
            body = f"{unit} {body}"
        if hedge:
            body = f"{hedge} {body}"
        if self.noun:
            return f"{body} {self.noun}"
        if unit == "person":
            return f"{body} people"
        if unit and unit != "percent" and not (len(unit) == 3 and unit.isupper()):
            return f"{body} {unit}s"
        return body


def _number(value: float | str | None, what: str) -> float:
    if isinstance(value, (int, float)):
        return float(value)
    raise ReadingError(f"this figure states no {what} number")


def _write(x: float, *, grouped: bool = True) -> str:
    """A number (with thousands separators unless ``grouped=False``) that the
    tokenizer reads back exactly."""
    if x.is_integer() and abs(x) < 1e15:
        return f"{int(x):,}" if grouped else str(int(x))
    return f"{x:,}" if grouped else repr(x)
