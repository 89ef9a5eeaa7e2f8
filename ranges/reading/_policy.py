"""Reading policy: how a stated figure becomes a distribution.

A :class:`Reading` is plain configuration: the level a stated range is read at,
the shape it is read as, how wide "about" is, how far the open side of "at least"
reaches, and the table of vague quantity words. Its ``read_*`` methods turn what a
source said into a :class:`LeafSpec`: the distribution, the hard range the figure
states (for range arithmetic), and a :class:`ReadingNote` that records how it was
read so summaries and reports can say so.

>>> spec = Reading().read_range(10_000, 12_000)
>>> spec.note.shape, spec.note.level, spec.stated
('lognormal', 0.9, Interval(10000, 12000))
>>> round(float(spec.distribution.ppf(0.95)))
12000
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from ranges.core._interval import Interval
from ranges.distributions._families import (
    PERT,
    Distribution,
    LogNormal,
    LogUniform,
    Normal,
    PointMass,
    Triangular,
    Uniform,
    check_finite,
    check_level,
    family_names,
)
from ranges.errors import ReadingError

SHAPES: tuple[str, ...] = ("auto", *family_names())


@dataclass(frozen=True)
class VagueEntry:
    """One row of the vague-quantity table: ``low``-``high`` read at the policy's level.

    ``multiplier`` entries ("a few", "several") combine with a scale word that
    follows them ("a few thousand" = 2,000 to 5,000).
    """

    low: float
    high: float
    note: str = ""
    multiplier: bool = False


def load_vague_table(path: str | Path | None = None) -> dict[str, VagueEntry]:
    """Read a vague-quantity table from TOML (the shipped one when ``path`` is None).

    >>> load_vague_table()["thousands"].low
    2000.0
    """
    if path is None:
        text = resources.files("ranges").joinpath("data/vague_quantities.toml").read_text(
            encoding="utf-8"
        )
    else:
        text = Path(path).read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ReadingError(f"the vague-quantity table {path} is not valid TOML: {err}") from err
    table: dict[str, VagueEntry] = {}
    for phrase, row in data.get("phrases", {}).items():
        try:
            entry = VagueEntry(
                low=float(row["low"]),
                high=float(row["high"]),
                note=str(row.get("note", "")),
                multiplier=bool(row.get("multiplier", False)),
            )
        except (KeyError, TypeError, ValueError) as err:
            raise ReadingError(
                f"row {phrase!r} of the vague-quantity table needs numeric low and high"
            ) from err
        if not 0 < entry.low < entry.high:
            raise ReadingError(
                f"row {phrase!r} of the vague-quantity table needs 0 < low < high, "
                f"got {entry.low:,.6g} and {entry.high:,.6g}"
            )
        table[phrase.lower()] = entry
    return table


_SCALE_WORDS = {"dozen": 12.0, "hundred": 100.0, "thousand": 1e3, "million": 1e6,
                "billion": 1e9}


@dataclass(frozen=True)
class ReadingNote:
    """How one figure was read: what was stated, and the policy's choice.

    ``kind`` is one of "range", "about", "at_least", "at_most", "exactly",
    "plus_minus", "vague", "parameters". ``assumption`` holds a sentence when the
    policy had to supply something the source did not say.
    """

    kind: str
    shape: str
    low: float | None = None
    high: float | None = None
    point: float | None = None
    level: float | None = None
    rule: str = ""
    assumption: str | None = None
    phrase: str | None = None
    hard: bool = False


@dataclass(frozen=True)
class LeafSpec:
    """What a reading produces: a distribution, the stated hard range, and a note."""

    distribution: Distribution
    stated: Interval
    note: ReadingNote


@dataclass(frozen=True)
class Reading:
    """The policy that turns stated figures into distributions.

    * ``level``: the probability a stated range "a–b" covers (0.9: a and b are the
      5th and 95th percentiles).
    * ``shape``: "auto" (lognormal for a positive range, normal otherwise, as in
      Squiggle, squigglepy and Guesstimate), or one of lognormal, normal, uniform,
      triangular, pert, loguniform, bounds ("bounds" is flat on exactly [a, b] and
      marks the range as hard).
    * ``x ± m`` is read as the ``level`` interval x − m to x + m of a normal.
    * ``about_min_relative`` / ``about_max_relative``: "about x" is read as a normal
      whose ``level`` interval is x ± h, where h is the place value of x's last
      non-zero digit (its roundness), kept between these fractions of |x|: "about
      10,000" is ±10 %, "about 10,700" ±2 %.
    * ``one_sided_ratio``: "at least x" is a lognormal with x at the lower end of the
      ``level`` interval and ``ratio × x`` at the upper end; "at most x" has
      ``x / ratio`` at the lower end and x at the upper end.
    * ``vague``: the table of vague quantity words (see ``data/vague_quantities.toml``).

    >>> Reading(level=0.8).level
    0.8
    """

    level: float = 0.9
    shape: str = "auto"
    about_min_relative: float = 0.02
    about_max_relative: float = 0.10
    one_sided_ratio: float = 2.0
    vague: Mapping[str, VagueEntry] = field(default_factory=load_vague_table, repr=False)

    def __post_init__(self) -> None:
        check_level(self.level)
        _check_shape(self.shape)
        if not 0 < self.about_min_relative <= self.about_max_relative:
            raise ReadingError(
                "about_min_relative must be positive and at most about_max_relative, got "
                f"{self.about_min_relative!r} and {self.about_max_relative!r}"
            )
        if not self.one_sided_ratio > 1:
            raise ReadingError(
                f"one_sided_ratio must be greater than 1, got {self.one_sided_ratio!r}"
            )

    def replace(self, **changes: Any) -> Reading:
        """A copy with some settings changed.

        >>> Reading().replace(shape="uniform").shape
        'uniform'
        """
        return replace(self, **changes)

    # -- stated ranges -------------------------------------------------------------
    def read_range(
        self,
        low: float,
        high: float,
        *,
        level: float | None = None,
        shape: str | None = None,
        mode: float | None = None,
    ) -> LeafSpec:
        """Read "low to high" as the central ``level`` interval of ``shape``."""
        low = check_finite("low end of the range", low)
        high = check_finite("high end of the range", high)
        level = check_level(self.level if level is None else level)
        asked = _check_shape(self.shape if shape is None else shape)
        if low > high:
            raise ReadingError(
                f"the low end of a range must not exceed the high end: got low={low:,.6g} and "
                f"high={high:,.6g}; did you mean {high:,.6g} to {low:,.6g}?"
            )
        if mode is not None:
            mode = check_finite("mode", mode)
            if asked not in ("triangular", "pert"):
                raise ReadingError(
                    f"mode= only applies to shape='triangular' or 'pert', not {asked!r}"
                )
        if low == high:
            return LeafSpec(
                PointMass(low),
                Interval(low, high),
                ReadingNote(
                    kind="range", shape="exactly", low=low, high=high, point=low,
                    rule=f"a zero-width range {low:,.6g} to {high:,.6g}, "
                    f"read as exactly {low:,.6g}",
                ),
            )
        resolved = asked
        if asked == "auto":
            resolved = "lognormal" if low > 0 else "normal"
            rule = (
                "default reading of a positive range"
                if low > 0
                else "default reading of a range reaching zero or below"
            )
        else:
            rule = "shape as asked"
        dist: Distribution
        if resolved == "lognormal":
            dist = LogNormal.from_interval(low, high, level)
        elif resolved == "normal":
            dist = Normal.from_interval(low, high, level)
        elif resolved == "uniform":
            dist = Uniform.from_interval(low, high, level)
        elif resolved == "loguniform":
            dist = LogUniform.from_interval(low, high, level)
        elif resolved == "triangular":
            dist = Triangular.from_interval(low, high, level, mode)
        elif resolved == "pert":
            dist = PERT.from_interval(low, high, level, mode)
        else:  # bounds
            dist = Uniform(low, high)
            return LeafSpec(
                dist,
                Interval(low, high),
                ReadingNote(kind="range", shape="bounds", low=low, high=high,
                            rule="hard bounds: flat on exactly the stated range", hard=True),
            )
        return LeafSpec(
            dist,
            Interval(low, high),
            ReadingNote(kind="range", shape=resolved, low=low, high=high, level=level,
                        point=mode, rule=rule),
        )

    def read_plus_minus(
        self, point: float, margin: float, *, level: float | None = None,
        shape: str | None = None,
    ) -> LeafSpec:
        """Read "x ± m" as the stated range x − m to x + m."""
        point = check_finite("value", point)
        margin = check_finite("margin", margin)
        if margin < 0:
            raise ReadingError(f"a ± margin must not be negative, got {margin:,.6g}")
        spec = self.read_range(point - margin, point + margin, level=level,
                               shape=self._hedge_shape(shape, "normal"))
        note = replace(spec.note, kind="plus_minus", point=point,
                       rule=spec.note.rule + "; x ± m read as the range x − m to x + m")
        return LeafSpec(spec.distribution, spec.stated, note)

    # -- hedged single figures -------------------------------------------------------
    def about_half_width(self, x: float) -> float:
        """Half-width of the ``level`` interval of "about x" (see the class docstring).

        >>> Reading().about_half_width(10_000), Reading().about_half_width(10_700)
        (1000.0, 214.0)
        """
        x = check_finite("value", x)
        if x == 0:
            raise ReadingError("'about 0' has no scale to read a width from; give a range")
        size = abs(x)
        step = _last_digit_step(size)
        return float(min(max(step, self.about_min_relative * size),
                         self.about_max_relative * size))

    def read_about(
        self, x: float, *, level: float | None = None, shape: str | None = None
    ) -> LeafSpec:
        """Read "about x" as a symmetric range x ± h (h from roundness), by default the
        ``level`` interval of a normal."""
        half = self.about_half_width(x)
        spec = self.read_range(x - half, x + half, level=level,
                               shape=self._hedge_shape(shape, "normal"))
        pct = 100 * half / abs(x)
        level_text = f"{spec.note.level:.0%} interval" if spec.note.level else "hard bounds"
        note = replace(
            spec.note, kind="about", point=x,
            rule=f"'about' read as ±{pct:.3g}% (from how round the number is)",
            assumption=f"'about {x:,.6g}' read as {x - half:,.6g} to {x + half:,.6g} "
            f"({level_text}); the width is a convention",
        )
        return LeafSpec(spec.distribution, spec.stated, note)

    def read_at_least(
        self, x: float, *, level: float | None = None, shape: str | None = None
    ) -> LeafSpec:
        """Read "at least x": x is the lower end of the ``level`` interval and, by
        convention, ``one_sided_ratio × x`` the upper end; the stated range is [x, ∞)."""
        x = self._positive_one_sided("at least", x)
        high = x * self.one_sided_ratio
        spec = self.read_range(x, high, level=level, shape=self._hedge_shape(shape, "lognormal"))
        q = (1 - (spec.note.level or self.level)) / 2
        note = replace(
            spec.note, kind="at_least", point=x,
            rule=f"'at least' read with x as the {_ordinal(q)} percentile",
            assumption=f"'at least {x:,.6g}': the upper tail is a convention "
            f"({_ordinal(1 - q)} percentile at {self.one_sided_ratio:,.6g} × {x:,.6g} = "
            f"{high:,.6g})",
        )
        return LeafSpec(spec.distribution, Interval(x, math.inf), note)

    def read_at_most(
        self, x: float, *, level: float | None = None, shape: str | None = None
    ) -> LeafSpec:
        """Read "at most x": x is the upper end of the ``level`` interval and, by
        convention, ``x / one_sided_ratio`` the lower end; the stated range is [0, x]."""
        x = self._positive_one_sided("at most", x)
        low = x / self.one_sided_ratio
        spec = self.read_range(low, x, level=level, shape=self._hedge_shape(shape, "lognormal"))
        q = (1 + (spec.note.level or self.level)) / 2
        note = replace(
            spec.note, kind="at_most", point=x,
            rule=f"'at most' read with x as the {_ordinal(q)} percentile",
            assumption=f"'at most {x:,.6g}': the lower tail is a convention "
            f"({_ordinal(1 - q)} percentile at {x:,.6g} / {self.one_sided_ratio:,.6g} = "
            f"{low:,.6g})",
        )
        return LeafSpec(spec.distribution, Interval(0.0, x), note)

    def _hedge_shape(self, asked: str | None, usual: str) -> str:
        """The shape for a hedged figure: as asked, else the policy's shape when it is
        not "auto", else the usual one (normal for symmetric hedges such as "about"
        and "±", lognormal for one-sided ones)."""
        if asked is not None:
            return asked
        return usual if self.shape == "auto" else self.shape

    @staticmethod
    def _positive_one_sided(words: str, x: float) -> float:
        x = check_finite("value", x)
        if x <= 0:
            raise ReadingError(
                f"'{words} {x:,.6g}' can only be read for a positive number; give a range instead"
            )
        return x

    def read_exactly(self, x: float) -> LeafSpec:
        """Read a figure as known exactly."""
        x = check_finite("value", x)
        return LeafSpec(
            PointMass(x),
            Interval.point(x),
            ReadingNote(kind="exactly", shape="exactly", point=x, low=x, high=x,
                        rule="taken as exact"),
        )

    def read_vague(
        self, phrase: str, *, level: float | None = None, shape: str | None = None
    ) -> LeafSpec:
        """Read a vague quantity ("thousands", "a few thousand") through the table."""
        key = " ".join(phrase.lower().replace("-", " ").split())
        if key.endswith(" of"):
            key = key[:-3]
        entry = self.vague.get(key)
        scale = 1.0
        if entry is None:
            head, _, last = key.rpartition(" ")
            last_singular = last[:-1] if last.endswith("s") else last
            candidate = self.vague.get(head)
            if candidate is not None and candidate.multiplier and last_singular in _SCALE_WORDS:
                entry, scale = candidate, _SCALE_WORDS[last_singular]
        if entry is None:
            known = ", ".join(sorted(self.vague))
            raise ReadingError(
                f"no reading for the vague quantity {phrase!r}; the table knows: {known} "
                "(multiplier rows combine with hundred/thousand/million)"
            )
        low, high = entry.low * scale, entry.high * scale
        spec = self.read_range(low, high, level=level, shape=shape)
        note = replace(
            spec.note, kind="vague", phrase=phrase,
            rule=spec.note.rule + "; vague quantity from the reading table",
            assumption=f"{phrase!r} read as {low:,.0f} to {high:,.0f} "
            f"({spec.note.level or self.level:.0%} interval) by convention"
            + (f": {entry.note}" if entry.note else ""),
        )
        return LeafSpec(spec.distribution, spec.stated, note)


def _ordinal(p: float) -> str:
    """A probability as a percentile's name: 0.05 → "5th", 0.95 → "95th".

    >>> _ordinal(0.05), _ordinal(0.975), _ordinal(0.01), _ordinal(0.02)
    ('5th', '97.5th', '1st', '2nd')
    """
    value = round(100 * p, 6)
    text = f"{value:g}"
    if value != int(value):
        return text + "th"
    whole = int(value)
    suffix = "th" if 10 <= whole % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(whole % 10, "th")
    return text + suffix


def _check_shape(shape: str) -> str:
    if not isinstance(shape, str) or shape.lower() not in SHAPES:
        raise ReadingError(
            f"unknown shape {shape!r}; valid shapes are: {', '.join(SHAPES)}"
        )
    return shape.lower()


def _last_digit_step(size: float) -> float:
    """Place value of the last non-zero significant digit: 10,700 → 100, 2.5 → 0.1."""
    text = f"{size:.12e}"
    mantissa, exponent = text.split("e")
    digits = mantissa.replace(".", "").rstrip("0")
    return float(10.0 ** (int(exponent) - (len(digits) - 1)))


def parameters_note(dist: Distribution) -> ReadingNote:
    """The note of a leaf given by its own parameters (nothing was read).

    >>> parameters_note(Normal(0, 1)).kind
    'parameters'
    """
    low, high = dist.support()
    return ReadingNote(kind="parameters", shape=dist.family,
                       low=low if math.isfinite(low) else None,
                       high=high if math.isfinite(high) else None,
                       rule="given by its parameters: " + dist.describe())
