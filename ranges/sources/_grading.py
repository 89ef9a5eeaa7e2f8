"""Doubtful sources: an Admiralty (NATO) grade as a reading adjustment.

A grade is a letter for the source's reliability (A completely reliable, B usually
reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged)
and a digit for the information's credibility (1 confirmed, 2 probably true, 3 possibly
true, 4 doubtful, 5 improbable, 6 cannot be judged). A :class:`GradingTable` maps each
letter and digit to

* a **spread**: the figure is multiplied by a factor of median 1 whose 90% interval is
  1/r to r (a lognormal: the ordinary error of such a source), and
* a **fallback**: with weight w, the figure is uninformative and the value is the figure
  times a log-uniform factor over 1/b to b;

and combines the letter's and the digit's (spreads in quadrature in log space, the
chances of a fallback as independent failures, the larger breadth). The shipped table is
``ranges/data/source_grades.toml``, whose comments explain its numbers; a user passes a
table of their own (``GradingTable.load(path)``, or a path) as ``table=``.

Each factor is an input of its own, independent of the figure and of every other
factor: two figures from one source, graded one by one, get independent errors (to make
them err together, grade their sum, or multiply both by one factor). The summary's
assumptions state the numbers used.

>>> import ranges as rg
>>> x = rg.between(10_000, 12_000, unit="troops").graded("C3")
>>> x.summary(n=2_000, rng=0).assumptions[-1]
'source graded C3 (fairly reliable, possibly true): spread ×1.45 at 90%, 19% weight on \
a fallback 1/4 to 4 times the figure'
"""

from __future__ import annotations

import functools
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ranges._kinds import Stated
from ranges.core._graph import Estimate, mixture
from ranges.core._interval import Interval
from ranges.distributions._families import LogNormal, LogUniform, check_level
from ranges.errors import InputError, ParseError, ReadingError
from ranges.reading._policy import LeafSpec, ReadingNote
from ranges.reading._shapes import Shape


@dataclass(frozen=True)
class GradeRow:
    """One letter or digit of the table: what it means and the adjustment it asks for."""

    meaning: str
    spread: float
    fallback_weight: float
    fallback_breadth: float


@dataclass(frozen=True)
class GradeAdjustment:
    """What one grade does to a figure (the letter's and the digit's rows combined).

    >>> GradingTable.default().adjustment("A1").changes_nothing
    True
    """

    grade: str
    reliability: str
    credibility: str
    #: r: the spread factor's ``level`` interval is 1/r to r (1: no spread)
    spread: float
    #: w: the weight on the fallback (0: none)
    fallback_weight: float
    #: b: the fallback is the figure times a log-uniform factor over 1/b to b
    fallback_breadth: float
    level: float

    @property
    def has_spread(self) -> bool:
        """Whether the figure is multiplied by a spread factor."""
        return self.spread > 1.0

    @property
    def has_fallback(self) -> bool:
        """Whether the figure is mixed with a broad fallback."""
        return self.fallback_weight > 0.0 and self.fallback_breadth > 1.0

    @property
    def changes_nothing(self) -> bool:
        """Whether the grade leaves the figure as it is (A1 in the shipped table)."""
        return not (self.has_spread or self.has_fallback)

    def describe(self) -> str:
        """The assumption sentence, with the numbers used.

        >>> print(GradingTable.default().adjustment("B2").describe())
        source graded B2 (usually reliable, probably true): spread ×1.18 at 90%, 9.75% \
weight on a fallback 1/3 to 3 times the figure
        """
        head = f"source graded {self.grade} ({self.reliability}, {self.credibility})"
        if self.changes_nothing:
            return f"{head}: no adjustment"
        parts = []
        if self.has_spread:
            parts.append(f"spread ×{self.spread:.3g} at {self.level:.0%}")
        if self.has_fallback:
            b = f"{self.fallback_breadth:.3g}"
            parts.append(f"{100 * self.fallback_weight:.3g}% weight on a fallback 1/{b} to "
                         f"{b} times the figure")
        return f"{head}: {', '.join(parts)}"


_GRADE_HELP = "a grade is a reliability letter and a credibility digit, such as 'B2'"


@dataclass(frozen=True)
class GradingTable:
    """The table that turns a grade into a :class:`GradeAdjustment`: a row for each
    reliability letter and each credibility digit, and the ``level`` the spreads are
    read at. :meth:`default` is the shipped table; :meth:`load` reads one of your own
    in the same TOML layout (see ``ranges/data/source_grades.toml``).

    >>> table = GradingTable.default()
    >>> table.reliability["C"].meaning, table.credibility["6"].meaning
    ('fairly reliable', 'cannot be judged')
    """

    reliability: Mapping[str, GradeRow]
    credibility: Mapping[str, GradeRow]
    level: float = 0.9

    @classmethod
    def default(cls) -> GradingTable:
        """The shipped table (``ranges/data/source_grades.toml``), read once."""
        return _default_table()

    @classmethod
    def load(cls, path: str | Path | None = None) -> GradingTable:
        """A table from a TOML file (the shipped one when ``path`` is None).

        >>> GradingTable.load().level
        0.9
        """
        if path is None:
            text = resources.files("ranges").joinpath("data/source_grades.toml").read_text(
                encoding="utf-8")
            where = "the shipped grading table"
        else:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError as err:
                raise InputError(f"cannot read the grading table {path}: {err}") from err
            where = f"the grading table {path}"
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            raise ReadingError(f"{where} is not valid TOML: {err}") from err
        return cls.from_dict(data, where)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "the grading table"
                  ) -> GradingTable:
        """A table from plain data laid out as the TOML file is (``reliability`` and
        ``credibility`` tables of rows, and ``level``).

        >>> row = {"meaning": "sure", "spread": 1.0, "fallback_weight": 0.0,
        ...        "fallback_breadth": 1.0}
        >>> GradingTable.from_dict({"reliability": {"A": row}, "credibility": {"1": row}}
        ...                        ).adjustment("A1").changes_nothing
        True
        """
        try:
            level = check_level(float(data.get("level", 0.9)))
        except (TypeError, ValueError) as err:
            raise ReadingError(f"{where}: level must be a number in (0, 1): {err}") from err
        sections = []
        for section in ("reliability", "credibility"):
            rows = data.get(section)
            if not isinstance(rows, Mapping) or not rows:
                raise ReadingError(f"{where} needs a [{section}] table of rows")
            sections.append(MappingProxyType(
                {str(key).upper(): _row(where, section, str(key), row)
                 for key, row in rows.items()}))
        return cls(sections[0], sections[1], level)

    def adjustment(self, grade: str) -> GradeAdjustment:
        """What ``grade`` ("B2", any case) does to a figure; a :class:`ParseError` with a
        caret under a letter or digit the table does not know.

        >>> GradingTable.default().adjustment("g2")
        Traceback (most recent call last):
        ...
        ranges.errors.ParseError: unknown reliability letter 'G' (A completely reliable, B \
usually reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be \
judged) at position 0:
          g2
          ^
        """
        letter, digit = self._parse(grade)
        r, c = self.reliability[letter], self.credibility[digit]
        spread = math.exp(math.hypot(math.log(r.spread), math.log(c.spread)))
        weight = 1.0 - (1.0 - r.fallback_weight) * (1.0 - c.fallback_weight)
        breadth = max(r.fallback_breadth, c.fallback_breadth)
        return GradeAdjustment(letter + digit, r.meaning, c.meaning, spread, weight, breadth,
                               self.level)

    def _parse(self, grade: str) -> tuple[str, str]:
        if not isinstance(grade, str):
            raise InputError(f"{_GRADE_HELP}; got {grade!r}")
        text = grade.strip().upper()
        offset = len(grade) - len(grade.lstrip())
        if not text:
            raise ParseError(f"an empty grade: {_GRADE_HELP}", grade, 0)
        if text[0] not in self.reliability:
            raise ParseError(f"unknown reliability letter {text[0]!r} "
                             f"({_listing(self.reliability)})", grade, offset)
        if len(text) < 2:
            raise ParseError(f"a grade needs a credibility digit after the letter "
                             f"({_listing(self.credibility)})", grade, offset + 1)
        if text[1] not in self.credibility:
            raise ParseError(f"unknown credibility digit {text[1]!r} "
                             f"({_listing(self.credibility)})", grade, offset + 1)
        if len(text) > 2:
            raise ParseError(f"unexpected text after the grade {text[:2]!r}: {_GRADE_HELP}",
                             grade, offset + 2)
        return text[0], text[1]


def _listing(rows: Mapping[str, GradeRow]) -> str:
    return ", ".join(f"{key} {row.meaning}" for key, row in rows.items())


def _row(where: str, section: str, key: str, row: Any) -> GradeRow:
    """One row of the table, checked."""
    name = f"{where}, [{section}.{key}]"
    if len(key) != 1:
        raise ReadingError(f"{name}: a row's key is one letter or digit")
    if not isinstance(row, Mapping):
        raise ReadingError(f"{name}: a row needs meaning, spread, fallback_weight and "
                           "fallback_breadth")
    try:
        parsed = GradeRow(str(row["meaning"]), float(row["spread"]),
                          float(row["fallback_weight"]), float(row["fallback_breadth"]))
    except (KeyError, TypeError, ValueError) as err:
        raise ReadingError(f"{name}: a row needs meaning, spread, fallback_weight and "
                           f"fallback_breadth as numbers ({type(err).__name__}: {err})"
                           ) from err
    if not (math.isfinite(parsed.spread) and parsed.spread >= 1.0):
        raise ReadingError(f"{name}: spread must be at least 1 (1 adds nothing), got "
                           f"{parsed.spread!r}")
    if not 0.0 <= parsed.fallback_weight < 1.0:
        raise ReadingError(f"{name}: fallback_weight must be in [0, 1), got "
                           f"{parsed.fallback_weight!r}")
    if not (math.isfinite(parsed.fallback_breadth) and parsed.fallback_breadth >= 1.0):
        raise ReadingError(f"{name}: fallback_breadth must be at least 1, got "
                           f"{parsed.fallback_breadth!r}")
    return parsed


@functools.cache
def _default_table() -> GradingTable:
    return GradingTable.load()


def _table(table: GradingTable | str | Path | None) -> GradingTable:
    if table is None:
        return _default_table()
    if isinstance(table, GradingTable):
        return table
    if isinstance(table, (str, Path)):
        return GradingTable.load(table)
    raise InputError(f"table= must be a ranges.GradingTable or the path of one, got {table!r}")


def grade(est: Estimate, grade: str, table: GradingTable | str | Path | None = None
          ) -> Estimate:
    """``est`` adjusted for its source's Admiralty grade (see the module docstring):
    times a spread factor, and mixed with a broad fallback, as the table says. A grade
    that changes nothing (A1) gives ``est`` itself.

    >>> import ranges as rg
    >>> x = rg.grade(rg.exactly(100), "F6")
    >>> round(x.bounds().low), round(x.bounds().high)
    (3, 3155)
    """
    adjustment = _table(table).adjustment(grade)
    if adjustment.changes_nothing:
        return est
    sentence = adjustment.describe()
    result = est
    if adjustment.has_spread:
        r, level = adjustment.spread, adjustment.level
        note = ReadingNote(
            kind=Stated.ADJUSTED, shape=Shape.LOGNORMAL, low=1 / r, high=r, level=level,
            rule=f"grade {adjustment.grade}: a spread factor of median 1, {level:.0%} "
                 f"interval 1/{r:.3g} to {r:.3g} (lognormal)",
            assumption=sentence)
        spec = LeafSpec(LogNormal.from_interval(1 / r, r, level), Interval(1 / r, r), note)
        result = result * Estimate.from_leaf(spec, label=f"grade {adjustment.grade} spread")
    if adjustment.has_fallback:
        b, w = adjustment.fallback_breadth, adjustment.fallback_weight
        note = ReadingNote(
            kind=Stated.ADJUSTED, shape=Shape.LOGUNIFORM, low=1 / b, high=b,
            rule=f"grade {adjustment.grade}: a fallback factor, log-uniform over 1/{b:.3g} "
                 f"to {b:.3g}, with weight {100 * w:.3g}%",
            assumption=None if adjustment.has_spread else sentence)
        spec = LeafSpec(LogUniform(1 / b, b), Interval(1 / b, b), note)
        fallback = Estimate.from_leaf(spec, label=f"grade {adjustment.grade} fallback")
        result = result * mixture([1.0, fallback], [1.0 - w, w])
    return result


__all__ = ["GradeAdjustment", "GradeRow", "GradingTable", "grade"]
