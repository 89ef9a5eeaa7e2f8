"""Reading policy: how a stated figure becomes a distribution.

A :class:`Reading` is plain configuration: the level a stated range is read at,
the shape it is read as, how wide "about" is, how far the open side of "at least"
reaches, and the table of vague quantity words. Its ``read_*`` methods turn what a
source said into a :class:`LeafSpec`: the distribution, the hard range the figure
states (for range arithmetic), and a :class:`ReadingNote` that records how it was
read so summaries and reports can say so.

>>> spec = Reading().read_range(10_000, 12_000)
>>> spec.note.kind, spec.note.shape, spec.note.level, spec.stated
(<Stated.RANGE: 'range'>, <Shape.LOGNORMAL: 'lognormal'>, 0.9, Interval(10000, 12000))
>>> round(float(spec.distribution.ppf(0.95)))
12000

Kinds and shapes are ``str`` enumerations, so they compare equal to their names:

>>> spec.note.kind == "range" and spec.note.shape == "lognormal"
True
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from ranges._kinds import Stated
from ranges.core._interval import Interval
from ranges.distributions._families import (
    Bernoulli,
    Distribution,
    PointMass,
    check_finite,
    check_level,
)
from ranges.errors import ReadingError
from ranges.reading._shapes import MODE_SHAPES, SHAPE_RULES, Shape, resolve_shape
from ranges.reading._shapes import SHAPES as SHAPES  # the CLI imports it from here


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


@dataclass(frozen=True, init=False)
class ReadingNote:
    """How one figure was read: what was stated, and the policy's choice.

    ``kind`` (a :class:`~ranges._kinds.Stated`; a plain string naming one is accepted
    and turned into it) says what was stated:

    * ``range``: "low to high"; ``low``/``high`` are the stated ends (``point`` the
      mode of a triangular or PERT reading, if one was given);
    * ``exactly``: one figure taken as exact (``point``);
    * ``about``: "about x", widened by how round x is (``point`` is x);
    * ``at_least`` / ``at_most``: one end stated, the other a convention (``point``
      is x);
    * ``plus_minus``: "x ± m", read as the range x − m to x + m (``point`` is x);
    * ``vague``: a vague quantity word (``phrase``), read through the policy's table;
    * ``chance``: an event that may not happen, 1 with the stated chance (``point``,
      0 to 1) and 0 otherwise;
    * ``parameters``: nothing was read: a family given by its own parameters;
    * ``derived``: nothing was read: an engine computed this leaf from other inputs
      (a part of a graph computed exactly and put back as a leaf);
    * ``pooled``: several sources' estimates pooled into one (a log pool, see
      :func:`ranges.pool`); ``rule`` says how, ``assumption`` names the sources and
      their weights;
    * ``adjusted``: a factor that adjusts a source's figure (a grading, see
      :func:`ranges.grade`, or a bias, see ``Estimate.biased``); ``rule`` says which.

    ``shape`` is a :class:`~ranges.reading.Shape` for a figure that was read
    (``Shape.EXACTLY`` for one read as a single value); for ``parameters`` and
    ``derived`` it is the distribution's family name (``"student_t"``,
    ``"scipy.gamma"``, ``"grid"``), a Shape where the family is one. ``level`` is the
    probability the stated ends cover (None for hard bounds and exact values).
    ``assumption`` holds a sentence when the policy had to supply something the
    source did not say.

    >>> ReadingNote("derived", "grid").kind
    <Stated.DERIVED: 'derived'>
    """

    kind: Stated
    shape: Shape | str
    low: float | None = None
    high: float | None = None
    point: float | None = None
    level: float | None = None
    rule: str = ""
    assumption: str | None = None
    phrase: str | None = None
    hard: bool = False

    def __init__(
        self,
        kind: Stated | str,
        shape: Shape | str,
        low: float | None = None,
        high: float | None = None,
        point: float | None = None,
        level: float | None = None,
        rule: str = "",
        assumption: str | None = None,
        phrase: str | None = None,
        hard: bool = False,
    ) -> None:
        values = {
            "kind": _stated_kind(kind), "shape": _note_shape(shape), "low": low, "high": high,
            "point": point, "level": level, "rule": rule, "assumption": assumption,
            "phrase": phrase, "hard": hard,
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)


def _stated_kind(kind: Stated | str) -> Stated:
    try:
        return Stated(kind)
    except ValueError:
        valid = ", ".join(Stated)
        raise ReadingError(f"unknown reading kind {kind!r}; valid kinds are: {valid}") from None


def _note_shape(shape: Shape | str) -> Shape | str:
    """A note's shape: a Shape where it names one, else the family name as given."""
    try:
        return Shape(shape)
    except ValueError:
        return shape


@dataclass(frozen=True)
class LeafSpec:
    """What a reading produces: a distribution, the stated hard range, and a note."""

    distribution: Distribution
    stated: Interval
    note: ReadingNote


def _explained(meaning: str, per_call: str) -> dict[str, str]:
    """The metadata of a :class:`Reading` field, for the table of defaults."""
    return {"meaning": meaning, "per_call": per_call}


@dataclass(frozen=True)
class FieldRow:
    """One field of a :class:`Reading` in the table of defaults
    (:meth:`ranges.Defaults.describe`): ``default`` and ``meaning`` as text, and the
    argument that changes it for one call."""

    name: str
    default: str
    meaning: str
    per_call: str


@dataclass(frozen=True)
class Reading:
    """The policy that turns stated figures into distributions.

    * ``level``: the probability a stated range "a–b" covers (0.9: a and b are the
      5th and 95th percentiles).
    * ``shape``: a :class:`~ranges.reading.Shape` (its name in any case is accepted):
      "auto" (lognormal for a positive range, normal otherwise, as in Squiggle,
      squigglepy and Guesstimate), or one of lognormal, normal, uniform, triangular,
      pert, loguniform, bounds ("bounds" is flat on exactly [a, b] and marks the range
      as hard).
    * ``x ± m`` is read as the ``level`` interval x − m to x + m of a normal.
    * ``about_min_relative`` / ``about_max_relative``: "about x" is read as a normal
      whose ``level`` interval is x ± h, where h is the place value of x's last
      non-zero digit (its roundness), kept between these fractions of ``|x|``: "about
      10,000" is ±10 %, "about 10,700" ±2 %.
    * ``one_sided_ratio``: "at least x" is a lognormal with x at the lower end of the
      ``level`` interval and ``ratio × x`` at the upper end; "at most x" has
      ``x / ratio`` at the lower end and x at the upper end.
    * ``vague``: the table of vague quantity words (see ``data/vague_quantities.toml``).

    >>> Reading(level=0.8).level
    0.8
    """

    level: float = field(default=0.9, metadata=_explained(
        "probability a stated range a–b covers (0.9: a, b are p5 and p95)",
        "level= (or reading=)"))
    shape: Shape | str = field(default=Shape.AUTO, metadata=_explained(
        "shape of a range: auto = lognormal if positive, else normal",
        "shape= (or reading=)"))
    about_min_relative: float = field(default=0.02, metadata=_explained(
        "narrowest 'about x': ± this share of x", "reading="))
    about_max_relative: float = field(default=0.10, metadata=_explained(
        "widest 'about x': ± this share of x", "reading="))
    one_sided_ratio: float = field(default=2.0, metadata=_explained(
        "'at least x' reaches ratio × x at its 95th percentile", "reading="))
    vague: Mapping[str, VagueEntry] = field(
        default_factory=load_vague_table, repr=False,
        metadata=_explained("table of vague words ('thousands')", "reading="))

    def __post_init__(self) -> None:
        check_level(self.level)
        object.__setattr__(self, "shape", Shape.parse(self.shape))
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

        >>> Reading().replace(shape="Uniform").shape
        <Shape.UNIFORM: 'uniform'>
        """
        return replace(self, **changes)

    # -- stated ranges -------------------------------------------------------------
    def read_range(
        self,
        low: float,
        high: float,
        *,
        level: float | None = None,
        shape: Shape | str | None = None,
        mode: float | None = None,
    ) -> LeafSpec:
        """Read "low to high" as the central ``level`` interval of ``shape`` (the
        policy's shape when None; see :data:`~ranges.reading._shapes.SHAPE_RULES`)."""
        low, high = _checked_range(low, high)
        level = check_level(self.level if level is None else level)
        asked = Shape.parse(self.shape if shape is None else shape)
        mode = _checked_mode(mode, asked)
        if low == high:
            return _zero_width_range(low)
        resolved, rule = resolve_shape(asked, low)
        how = SHAPE_RULES[resolved]
        note = ReadingNote(
            kind=Stated.RANGE, shape=resolved, low=low, high=high,
            level=None if how.hard else level, point=mode, rule=how.rule or rule,
            hard=how.hard,
        )
        return LeafSpec(how.build(low, high, level, mode), Interval(low, high), note)

    def read_plus_minus(
        self, point: float, margin: float, *, level: float | None = None,
        shape: Shape | str | None = None,
    ) -> LeafSpec:
        """Read "x ± m" as the stated range x − m to x + m."""
        point = check_finite("value", point)
        margin = check_finite("margin", margin)
        if margin < 0:
            raise ReadingError(f"a ± margin must not be negative, got {margin:,.6g}")
        spec = self.read_range(point - margin, point + margin, level=level,
                               shape=self._hedge_shape(shape, Shape.NORMAL))
        note = replace(spec.note, kind=Stated.PLUS_MINUS, point=point,
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
        self, x: float, *, level: float | None = None, shape: Shape | str | None = None
    ) -> LeafSpec:
        """Read "about x" as a symmetric range x ± h (h from roundness), by default the
        ``level`` interval of a normal."""
        half = self.about_half_width(x)
        x = float(x)
        spec = self.read_range(x - half, x + half, level=level,
                               shape=self._hedge_shape(shape, Shape.NORMAL))
        pct = 100 * half / abs(x)
        level_text = f"{spec.note.level:.0%} interval" if spec.note.level else "hard bounds"
        note = replace(
            spec.note, kind=Stated.ABOUT, point=x,
            rule=f"'about' read as ±{pct:.3g}% (from how round the number is)",
            assumption=f"'about {x:,.6g}' read as {x - half:,.6g} to {x + half:,.6g} "
            f"({level_text}); the width is a convention",
        )
        return LeafSpec(spec.distribution, spec.stated, note)

    def read_at_least(
        self, x: float, *, level: float | None = None, shape: Shape | str | None = None
    ) -> LeafSpec:
        """Read "at least x": x is the lower end of the ``level`` interval and, by
        convention, ``one_sided_ratio × x`` the upper end; the stated range is [x, ∞)."""
        return self._read_one_sided(_AT_LEAST, x, level, shape)

    def read_at_most(
        self, x: float, *, level: float | None = None, shape: Shape | str | None = None
    ) -> LeafSpec:
        """Read "at most x": x is the upper end of the ``level`` interval and, by
        convention, ``x / one_sided_ratio`` the lower end; the stated range is [0, x]."""
        return self._read_one_sided(_AT_MOST, x, level, shape)

    def _read_one_sided(
        self, side: _OneSided, x: float, level: float | None, shape: Shape | str | None
    ) -> LeafSpec:
        """Read a figure that states one end: the other end is a convention."""
        x = check_finite("value", x)
        if x <= 0:
            raise ReadingError(
                f"'{side.words} {x:,.6g}' can only be read for a positive number; "
                "give a range instead"
            )
        other = side.other_end(x, self.one_sided_ratio)
        spec = self.read_range(min(x, other), max(x, other), level=level,
                               shape=self._hedge_shape(shape, Shape.LOGNORMAL))
        q = side.quantile_of_x(spec.note.level or self.level)
        note = replace(
            spec.note, kind=side.kind, point=x,
            rule=f"'{side.words}' read with x as the {_ordinal(q)} percentile",
            assumption=f"'{side.words} {x:,.6g}': the {side.open_tail} tail is a convention "
            f"({_ordinal(1 - q)} percentile at {side.convention(x, self.one_sided_ratio)} = "
            f"{other:,.6g})",
        )
        return LeafSpec(spec.distribution, side.stated(x), note)

    def _hedge_shape(self, asked: Shape | str | None, usual: Shape) -> Shape | str:
        """The shape for a hedged figure: as asked, else the policy's shape when it is
        not "auto", else the usual one (normal for symmetric hedges such as "about"
        and "±", lognormal for one-sided ones)."""
        if asked is not None:
            return asked
        return usual if self.shape == Shape.AUTO else self.shape

    def read_exactly(self, x: float) -> LeafSpec:
        """Read a figure as known exactly."""
        x = check_finite("value", x)
        return LeafSpec(
            PointMass(x),
            Interval.point(x),
            ReadingNote(kind=Stated.EXACTLY, shape=Shape.EXACTLY, point=x, low=x, high=x,
                        rule="taken as exact"),
        )

    def read_vague(
        self, phrase: str, *, level: float | None = None, shape: Shape | str | None = None
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
            spec.note, kind=Stated.VAGUE, phrase=phrase,
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


def _checked_range(low: float, high: float) -> tuple[float, float]:
    """The ends of a stated range as finite floats, low first, or a ReadingError."""
    low = check_finite("low end of the range", low)
    high = check_finite("high end of the range", high)
    if low > high:
        raise ReadingError(
            f"the low end of a range must not exceed the high end: got low={low:,.6g} and "
            f"high={high:,.6g}; did you mean {high:,.6g} to {low:,.6g}?"
        )
    return low, high


def _checked_mode(mode: float | None, asked: Shape) -> float | None:
    """A mode as a finite float, refused for a shape it does not apply to."""
    if mode is None:
        return None
    mode = check_finite("mode", mode)
    if asked not in MODE_SHAPES:
        shapes = " or ".join(repr(str(s)) for s in MODE_SHAPES)
        raise ReadingError(f"mode= only applies to shape={shapes}, not {str(asked)!r}")
    return mode


def _zero_width_range(x: float) -> LeafSpec:
    """A range whose ends are equal: read as exactly that value."""
    return LeafSpec(
        PointMass(x),
        Interval(x, x),
        ReadingNote(
            kind=Stated.RANGE, shape=Shape.EXACTLY, low=x, high=x, point=x,
            rule=f"a zero-width range {x:,.6g} to {x:,.6g}, read as exactly {x:,.6g}",
        ),
    )


@dataclass(frozen=True)
class _OneSided:
    """How a figure stating one end is read: which end x is, and the convention that
    supplies the other (``one_sided_ratio`` times or divided by x)."""

    kind: Stated
    #: the words of the figure, "at least"
    words: str
    #: whether x is the low end of the reading
    x_is_low: bool

    @property
    def open_tail(self) -> str:
        return "upper" if self.x_is_low else "lower"

    def other_end(self, x: float, ratio: float) -> float:
        return x * ratio if self.x_is_low else x / ratio

    def convention(self, x: float, ratio: float) -> str:
        """How the other end was made, in words: "2 × 3,000"."""
        return f"{ratio:,.6g} × {x:,.6g}" if self.x_is_low else f"{x:,.6g} / {ratio:,.6g}"

    def quantile_of_x(self, level: float) -> float:
        """The percentile x sits at: the lower or upper end of the level interval."""
        return (1 - level) / 2 if self.x_is_low else (1 + level) / 2

    def stated(self, x: float) -> Interval:
        """The hard range the figure states: [x, ∞) or [0, x]."""
        return Interval(x, math.inf) if self.x_is_low else Interval(0.0, x)


_AT_LEAST = _OneSided(Stated.AT_LEAST, "at least", x_is_low=True)
_AT_MOST = _OneSided(Stated.AT_MOST, "at most", x_is_low=False)


def _last_digit_step(size: float) -> float:
    """Place value of the last non-zero significant digit: 10,700 → 100, 2.5 → 0.1."""
    text = f"{size:.12e}"
    mantissa, exponent = text.split("e")
    digits = mantissa.replace(".", "").rstrip("0")
    return float(10.0 ** (int(exponent) - (len(digits) - 1)))


def read_chance(p: float) -> LeafSpec:
    """Read "a chance of p" (0 to 1): an event that happens (1) with probability p and
    otherwise does not (0).

    >>> spec = read_chance(0.6)
    >>> spec.note.kind, spec.note.point, spec.note.rule
    (<Stated.CHANCE: 'chance'>, 0.6, 'a 60% chance: 1 if it happens, 0 if not')
    """
    from ranges.core._render import format_chance

    dist = Bernoulli(p)
    return LeafSpec(
        dist,
        Interval(*dist.support()),
        ReadingNote(kind=Stated.CHANCE, shape=dist.family, low=0.0, high=1.0, point=dist.p,
                    rule=f"a {format_chance(dist.p)} chance: 1 if it happens, 0 if not"),
    )


def parameters_note(dist: Distribution) -> ReadingNote:
    """The note of a leaf given by its own parameters (nothing was read).

    >>> from ranges.distributions import Normal
    >>> parameters_note(Normal(0, 1)).kind
    <Stated.PARAMETERS: 'parameters'>
    """
    low, high = dist.support()
    return ReadingNote(kind=Stated.PARAMETERS, shape=dist.family,
                       low=low if math.isfinite(low) else None,
                       high=high if math.isfinite(high) else None,
                       rule="given by its parameters: " + dist.describe())



def _field_text(value: Any) -> str:
    if isinstance(value, Shape):
        return repr(value.value)
    if isinstance(value, Mapping):
        shipped = value == load_vague_table()
        return f"{'the shipped' if shipped else 'a'} table ({len(value)} phrases)"
    return repr(value)


def reading_fields(reading: Reading | None = None) -> list[FieldRow]:
    """The fields of the reading policy with their defaults, meanings and the argument
    that changes each for one call; a field of ``reading`` that differs from its
    default shows as "now ...".

    >>> [row.name for row in reading_fields()][:2]
    ['level', 'shape']
    >>> reading_fields(Reading(level=0.8))[0].default
    '0.9 (now 0.8)'
    """
    default = Reading()
    rows = []
    for item in fields(Reading):
        text = _field_text(getattr(default, item.name))
        if reading is not None and getattr(reading, item.name) != getattr(default, item.name):
            text += f" (now {_field_text(getattr(reading, item.name))})"
        rows.append(FieldRow(item.name, text, item.metadata["meaning"],
                             item.metadata["per_call"]))
    return rows
