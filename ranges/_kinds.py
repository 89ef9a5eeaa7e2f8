"""The vocabulary of kinds, one enumeration per meaning, shared by every layer.

Each is a ``str`` enumeration, so a kind compares equal to its name as a string
(``note.kind == "range"``) and prints as one.

* :class:`Stated`: what a source stated about one quantity, as the expression grammar
  reads it and as a reading note records it (plus the two kinds of leaf that nobody
  stated: ``parameters`` and ``derived``).
* :class:`FigureKind`: the kind of a figure found in prose. Its values are the prose
  reader's own names ("approx", "lower_bound"); :attr:`FigureKind.stated` says which
  :class:`Stated` kind each one is, in one table.

>>> Stated.AT_LEAST == "at_least"
True
>>> FigureKind.APPROX.stated
<Stated.ABOUT: 'about'>
"""

from __future__ import annotations

from enum import StrEnum


class Stated(StrEnum):
    """What was stated about a quantity, and so how it is read."""

    #: "10,000–12,000": a low and a high end
    RANGE = "range"
    #: "5,000": a figure taken as exact
    EXACTLY = "exactly"
    #: "about 5,000", "an estimated 5,000"
    ABOUT = "about"
    #: "at least 5,000", "more than 5,000"
    AT_LEAST = "at_least"
    #: "up to 5,000", "as many as 5,000"
    AT_MOST = "at_most"
    #: "5,000 ± 300"
    PLUS_MINUS = "plus_minus"
    #: "thousands", "a few hundred": no number, a row of the vague-quantity table
    VAGUE = "vague"
    #: "a 60% chance": an event that happens (1) or not (0), with a stated chance
    CHANCE = "chance"
    #: a distribution given by its own parameters (nothing was stated)
    PARAMETERS = "parameters"
    #: computed by an engine from other inputs (a part of a graph computed exactly)
    DERIVED = "derived"
    #: several sources' estimates of one quantity pooled into one (``rg.pool``)
    POOLED = "pooled"
    #: a factor that adjusts a source's figure: a grading or a bias (``est.graded``,
    #: ``est.biased``)
    ADJUSTED = "adjusted"


class FigureKind(StrEnum):
    """The kind of a figure found in prose (see :class:`ranges.Figure`)."""

    RANGE = "range"
    APPROX = "approx"
    LOWER_BOUND = "lower_bound"
    UPPER_BOUND = "upper_bound"
    VAGUE = "vague"
    PLUS_MINUS = "plus_minus"
    EXACT = "exact"
    DATE = "date"

    @property
    def stated(self) -> Stated | None:
        """The :class:`Stated` kind of a figure of this kind (None for a date)."""
        return _FIGURE_STATED[self]


_FIGURE_STATED: dict[FigureKind, Stated | None] = {
    FigureKind.RANGE: Stated.RANGE,
    FigureKind.APPROX: Stated.ABOUT,
    FigureKind.LOWER_BOUND: Stated.AT_LEAST,
    FigureKind.UPPER_BOUND: Stated.AT_MOST,
    FigureKind.VAGUE: Stated.VAGUE,
    FigureKind.PLUS_MINUS: Stated.PLUS_MINUS,
    FigureKind.EXACT: Stated.EXACTLY,
    FigureKind.DATE: None,
}

__all__ = ["FigureKind", "Stated"]
