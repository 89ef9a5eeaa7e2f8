"""Summaries: the numbers that describe an estimate, and nothing else.

A :class:`Summary` holds numbers, the unit's label and how each input was read;
turning it into text is :mod:`ranges.report._format`'s job. :func:`contributions` splits
a total into the terms that add up to it.

>>> import ranges as rg
>>> s = (rg.between(10_000, 12_000) + rg.between(3_000, 4_000)).summary(n=20_000)
>>> s.bounds
Interval(13000, 16000)
>>> 14_000 < s.median < 16_000
True
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from ranges.core import _units as units
from ranges.core._graph import additive_terms
from ranges.core._interval import Interval
from ranges.distributions._families import check_level
from ranges.errors import BoundsError, DivisorRangeError, EngineError, InputError
from ranges.reading._policy import ReadingNote

if TYPE_CHECKING:
    from ranges.core._graph import Estimate
    from ranges.engines._base import Evaluation, SeedLike


@dataclass(frozen=True)
class InputReading:
    """One input of an estimate and how it was read; ``chance`` is its weight when it
    is a branch of a mixture (``ranges.mixture``), else None."""

    name: str | None
    unit: str
    note: ReadingNote
    chance: float | None = None


@dataclass(frozen=True)
class Summary:
    """The numbers that describe an estimate.

    ``low``/``high`` are the central interval at ``level``; ``errors`` holds the
    numerical (Monte Carlo) standard errors of median, low, high and mean;
    ``bounds`` is range arithmetic over the stated ranges (None where the bounds
    have no finite answer, with the reason in ``bounds_note``). ``engine`` names the
    engine that answered (``n`` is 0 for the exact engine), and ``parts`` says which
    engine answered which part of the graph when the automatic choice mixed them.
    ``warnings`` says which printed numbers not to trust (a mean that may not exist).
    ``notes`` holds the assumptions the graph's own nodes made: which inputs were made
    to move together (``rg.correlate``, ``est.comonotonic()``), how sources were pooled;
    they are part of :attr:`assumptions`.

    A result that is not one bump says how: ``atoms`` holds each single value with a
    probability of at least :data:`ATOM_MIN` as (value, probability); ``groups`` holds
    (probability, median, low, high) for each separate group of the rest (the
    ``level`` interval of each group on its own): the rest beside the atoms, or the
    groups that a gap holding almost no probability separates. Both are empty for a
    result that is one bump.

    >>> import ranges as rg
    >>> summary = rg.between(10_000, 12_000, unit="troops").summary()
    >>> round(summary.low), round(summary.high), summary.unit, summary.engine
    (10000, 12000, 'troops', 'exact')
    """

    median: float
    mean: float
    std: float
    level: float
    low: float
    high: float
    unit: str
    engine: str
    n: int
    seed: int | None
    bounds: Interval | None
    bounds_note: str | None
    errors: dict[str, float]
    inputs: tuple[InputReading, ...]
    parts: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()
    #: assumptions made by nodes of the graph rather than by an input's reading (a
    #: pool of sources says how it pooled them)
    notes: tuple[str, ...] = ()
    atoms: tuple[tuple[float, float], ...] = ()
    groups: tuple[tuple[float, float, float, float], ...] = ()

    @property
    def assumptions(self) -> list[str]:
        """Every assumption the reading policy made for the inputs, then those the
        graph's own nodes made (:attr:`notes`)."""
        return [item.note.assumption for item in self.inputs if item.note.assumption] \
            + list(self.notes)

    def __str__(self) -> str:
        from ranges.report._format import report

        return report(self)

    def _repr_html_(self) -> str:
        """A table of the numbers, the inputs and assumptions, for notebooks."""
        from ranges.report._html_repr import summary_html

        return summary_html(self)

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON); :meth:`from_dict` reads it back."""
        data = asdict(self)
        data["bounds"] = None if self.bounds is None else [self.bounds.low, self.bounds.high]
        data["assumptions"] = self.assumptions
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Summary:
        """The Summary that :meth:`to_dict` wrote, also after a trip through JSON (lists
        for tuples; a number that is not finite may be the string "inf", "-inf" or
        "nan", as ``ranges --json`` writes it).

        >>> import json, ranges as rg
        >>> s = rg.between(10, 12, unit="troops").summary(n=1_000)
        >>> Summary.from_dict(json.loads(json.dumps(s.to_dict()))) == s
        True
        """
        try:
            return cls(
                **{name: _number(data[name]) for name in _FLOAT_FIELDS},
                unit=str(data["unit"]),
                engine=str(data["engine"]),
                n=int(data["n"]),
                seed=None if data["seed"] is None else int(data["seed"]),
                bounds=None if data["bounds"] is None else Interval(
                    *(_number(end) for end in data["bounds"])),
                bounds_note=data["bounds_note"],
                errors={str(key): _number(value) for key, value in data["errors"].items()},
                inputs=tuple(_input_from_dict(item) for item in data["inputs"]),
                parts=tuple((str(part), str(engine)) for part, engine in data["parts"]),
                warnings=tuple(str(text) for text in data["warnings"]),
                notes=tuple(str(text) for text in data.get("notes", ())),
                atoms=tuple((_number(value), _number(chance))
                            for value, chance in data.get("atoms", ())),
                groups=tuple(tuple(_number(x) for x in group)  # type: ignore[misc]
                             for group in data.get("groups", ())),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            if isinstance(err, InputError):
                raise
            raise InputError(f"not the data of a Summary (as to_dict writes it): "
                             f"{type(err).__name__}: {err}") from err


_FLOAT_FIELDS = ("median", "mean", "std", "level", "low", "high")
_NOTE_NUMBERS = ("low", "high", "point", "level")


def _number(value: Any) -> float:
    """A float from JSON: a number, or "inf", "-inf", "nan" as ``ranges --json`` writes."""
    if isinstance(value, str) and value not in ("inf", "-inf", "nan"):
        raise ValueError(f"{value!r} is not a number")
    return float(value)


def _input_from_dict(item: Mapping[str, Any]) -> InputReading:
    note = dict(item["note"])
    for key in _NOTE_NUMBERS:
        if note.get(key) is not None:
            note[key] = _number(note[key])
    chance = item.get("chance")
    return InputReading(item["name"], str(item["unit"]), ReadingNote(**note),
                        None if chance is None else _number(chance))


def summary_probabilities(level: float) -> tuple[float, float, float]:
    """The probabilities of a summary's median and central interval ends at ``level``
    (one place, so that a plot can mark the very same ones).

    >>> summary_probabilities(0.5)
    (0.5, 0.25, 0.75)
    """
    return 0.5, 0.5 - level / 2, 0.5 + level / 2


def summarize(
    est: Estimate,
    *,
    level: float | None = None,
    engine: str | None = None,
    n: int | None = None,
    rng: SeedLike = None,
    evaluation: Evaluation | None = None,
) -> Summary:
    """Compute the :class:`Summary` of ``est``: from ``evaluation`` when one is given
    (an :class:`~ranges.engines.Evaluation` of ``est`` already made, so that a plot and
    its summary share it), else from a new evaluation with ``engine``, ``n``, ``rng``.

    >>> import ranges as rg
    >>> from ranges.engines import evaluate
    >>> est = rg.between(10, 12)
    >>> ev = evaluate(est, engine="mc", n=1_000, rng=3)
    >>> s = summarize(est, evaluation=ev)
    >>> (s.engine, s.n, s.median == float(ev.quantile(0.5)))
    ('mc', 1000, True)
    """
    from ranges._config import defaults
    from ranges.engines import evaluate

    level = check_level(defaults.level if level is None else level)
    if evaluation is None:
        evaluation = evaluate(est, engine=engine, n=n, rng=rng)
    elif engine is not None or n is not None or rng is not None:
        raise InputError(
            "summarize() takes either evaluation= or engine=, n= and rng= (which make "
            "a new evaluation), not both"
        )
    probs = summary_probabilities(level)
    median, low, high = (float(v) for v in evaluation.quantile(probs))
    err_median, err_low, err_high = (float(v) for v in evaluation.quantile_error(probs))
    bounds, bounds_note, warnings = _range_bounds(est)
    atoms, groups = shape_of(evaluation, level)
    return Summary(
        median=median,
        mean=evaluation.mean(),
        std=evaluation.std(),
        level=level,
        low=low,
        high=high,
        unit=units.label(est.unit),
        engine=evaluation.engine,
        n=evaluation.n,
        seed=evaluation.seed,
        bounds=bounds,
        bounds_note=bounds_note,
        errors={"median": err_median, "low": err_low, "high": err_high,
                "mean": evaluation.mean_error()},
        inputs=_input_readings(est),
        parts=tuple(evaluation.parts),
        warnings=warnings,
        atoms=atoms,
        groups=groups,
        notes=dependence_notes(est)
        + tuple(text for node in est.walk() if (text := node.own_assumption)),
    )


#: the least probability of one value that a summary reports as an atom
ATOM_MIN = 0.01
#: the most atoms a summary lists: a result spread over more values (a count of many
#: events) reads as one bump
MAX_ATOMS = 4
#: the probability step of the quantiles :func:`shape_of` looks at
SHAPE_STEP = 0.001
#: a gap: a window of this much probability inside the central interval that spans
#: at least GAP_WIDTH of the interval and GAP_RATIO times the narrowest such window on
#: each side of it (the density falls and rises again: impossible for one bump)
GAP_WINDOW = 0.01
GAP_WIDTH = 0.1
GAP_RATIO = 10.0
#: below this, the probability left beside the atoms is nothing
_NOTHING = 1e-9

Atoms = tuple[tuple[float, float], ...]
Groups = tuple[tuple[float, float, float, float], ...]


def shape_of(evaluation: Evaluation, level: float) -> tuple[Atoms, Groups]:
    """Whether a result is one bump, from its quantiles at fine probability steps and
    its CDF (so every engine gives the same answer): the single values that hold at
    least :data:`ATOM_MIN` of the probability (value, probability) and the groups of
    the rest (probability, median, low, high at ``level``). One bump gives two empty
    tuples; so do a single exact value and a result spread over more than
    :data:`MAX_ATOMS` values that hold :data:`ATOM_MIN` each (a count of many events,
    which reads as one bump).

    >>> import ranges as rg
    >>> from ranges.engines import evaluate
    >>> ev = evaluate(rg.bernoulli(0.25) * 8, engine="exact", n=0, rng=None)
    >>> shape_of(ev, 0.9)
    (((0.0, 0.75), (8.0, 0.25)), ())
    >>> shape_of(evaluate(rg.between(1, 2), engine="exact", n=0, rng=None), 0.9)
    ((), ())
    """
    steps = round(1 / SHAPE_STEP)
    probabilities = (np.arange(steps) + 0.5) / steps
    values = np.asarray(evaluation.quantile(probabilities), dtype=float)
    atoms = _atoms(evaluation, values, steps)
    rest = 1.0 - sum(chance for _, chance in atoms)
    if len(atoms) > MAX_ATOMS:
        return (), ()
    if atoms:
        if len(atoms) == 1 and rest <= _NOTHING:
            return (), ()  # one value: exact
        if rest <= _NOTHING:
            return atoms, ()
        return atoms, (_rest_group(evaluation, atoms, rest, level),)
    cuts = _gaps(evaluation, probabilities, values, level)
    if not cuts:
        return (), ()
    edges = [0.0, *cuts, 1.0]
    return (), tuple(_group(evaluation, a, b, level) for a, b in itertools.pairwise(edges))


def _atoms(evaluation: Evaluation, values: NDArray[np.float64], steps: int) -> Atoms:
    """Values repeated over a run of quantiles, kept when their probability (the jump
    of the CDF at them) is at least ATOM_MIN."""
    same = np.flatnonzero(values[1:] == values[:-1])
    if same.size == 0:
        return ()
    candidates = sorted({float(values[i]) for i in same})
    if len(candidates) > steps // 4:
        candidates = [v for v in candidates
                      if np.count_nonzero(values == v) >= ATOM_MIN * steps / 2]
    if not candidates:
        return ()
    at = np.asarray(candidates, dtype=float)
    jumps = evaluation.cdf(at) - evaluation.cdf(np.nextafter(at, -np.inf))
    return tuple((value, float(jump)) for value, jump in zip(candidates, jumps, strict=True)
                 if jump >= ATOM_MIN)


def _rest_group(evaluation: Evaluation, atoms: Atoms, rest: float, level: float
                ) -> tuple[float, float, float, float]:
    """(probability, median, low, high) of the result given that it is none of the
    atoms: the rest's quantile r is the result's at r × rest plus the atoms below."""
    at = np.asarray([value for value, _ in atoms])
    chances = np.asarray([chance for _, chance in atoms])
    before = np.asarray(evaluation.cdf(np.nextafter(at, -np.inf)), dtype=float)
    # the probability of the rest below each atom
    rest_before = before - np.concatenate([[0.0], np.cumsum(chances)[:-1]])
    wanted = np.asarray(summary_probabilities(level)) * rest
    below = np.searchsorted(rest_before, wanted, side="left")
    shifted = wanted + np.concatenate([[0.0], np.cumsum(chances)])[below]
    median, low, high = (float(v) for v in
                         evaluation.quantile(np.clip(shifted, 0.0, 1.0)))
    return rest, median, low, high


def _gaps(evaluation: Evaluation, probabilities: NDArray[np.float64],
          values: NDArray[np.float64], level: float) -> list[float]:
    """The probabilities at which gaps inside the central interval cut the result."""
    window = round(GAP_WINDOW / SHAPE_STEP)
    _, low_q, high_q = summary_probabilities(level)
    inside = np.flatnonzero((probabilities >= low_q) & (probabilities + GAP_WINDOW <= high_q))
    if inside.size < 3 * window:
        return []
    spans = values[inside + window] - values[inside]
    width = float(values[inside[-1] + window] - values[inside[0]])
    if not (width > 0 and np.all(np.isfinite(spans))):
        return []
    # the narrowest window wholly before each window, and wholly after it
    before = np.full(spans.shape, np.inf)
    before[window:] = np.minimum.accumulate(spans)[:-window]
    after = np.full(spans.shape, np.inf)
    after[:-window] = np.minimum.accumulate(spans[::-1])[::-1][window:]
    gap = (spans >= GAP_WIDTH * width) & (spans >= GAP_RATIO * before) \
        & (spans >= GAP_RATIO * after)
    cuts: list[float] = []
    last_end = -1
    for k in (int(i) for i in np.flatnonzero(gap)):
        if k <= last_end:
            continue
        run_end = k
        while run_end + 1 < gap.size and gap[run_end + 1]:
            run_end += 1
        # the widest single step inside the run's windows: the gap itself
        first, stop = int(inside[k]), int(inside[run_end]) + window
        step = first + int(np.argmax(np.diff(values[first:stop + 1])))
        middle = (values[step] + values[step + 1]) / 2.0
        cuts.append(float(evaluation.cdf(middle)))
        last_end = run_end + window
    return sorted(set(cuts))


def _group(evaluation: Evaluation, start: float, end: float, level: float
           ) -> tuple[float, float, float, float]:
    """(probability, median, low, high) of the part of the result between the
    probabilities ``start`` and ``end``."""
    wanted = start + np.asarray(summary_probabilities(level)) * (end - start)
    median, low, high = (float(v) for v in evaluation.quantile(wanted))
    return end - start, median, low, high


def dependence_notes(est: Estimate) -> tuple[str, ...]:
    """A sentence for each group of inputs made to move together in ``est``.

    >>> import ranges as rg
    >>> a, b = rg.between(1, 2, name="a"), rg.between(3, 4, name="b")
    >>> a2, b2 = rg.correlate([a, b], 0.5)
    >>> print(dependence_notes(a2 + b2)[0])  # doctest: +ELLIPSIS
    rank correlation 0.5 between a and b (Iman–Conover: each input keeps its own ...)
    """
    from ranges.core._correlate import joint_matrix
    from ranges.core._ops import Op
    from ranges.core._render import format_plain, label

    notes: list[str] = []
    for node in est.walk():
        if node.op is Op.COMONOTONE:
            names = ", ".join(label(part) for part in node.args)
            notes.append(f"all inputs perfectly positively dependent (comonotonic: high "
                         f"together, low together): {names}")
        elif node.op is Op.COUPLE:
            matrix = joint_matrix(node)
            labels = [label(part) for part in node.args]
            pairs = [(matrix[i, j], labels[i], labels[j]) for i in range(len(labels))
                     for j in range(i + 1, len(labels))]
            values = {value for value, _, _ in pairs}
            how = ("Iman–Conover: each input keeps its own draws, reordered so that "
                   "their ranks move together")
            if len(values) == 1:
                joined = " and ".join(labels) if len(labels) == 2 else \
                    "each pair of " + ", ".join(labels)
                notes.append(f"rank correlation {format_plain(pairs[0][0])} between "
                             f"{joined} ({how})")
            else:
                listed = "; ".join(f"{a} ~ {b}: {format_plain(v)}" for v, a, b in pairs)
                notes.append(f"rank correlations {listed} ({how})")
    return tuple(notes)


def _range_bounds(est: Estimate) -> tuple[Interval | None, str | None, tuple[str, ...]]:
    """The range bounds of ``est``, or None with the reason (and a warning when a
    divisor can be 0, so that the mean may not exist)."""
    try:
        return est.bounds(), None, ()
    except (BoundsError, EngineError) as err:
        warnings: tuple[str, ...] = ()
        if isinstance(err, DivisorRangeError):
            warnings = (
                "the mean and sd may not exist: a divisor can be 0 or close to it, which "
                "gives the quotient tails too heavy for a mean; the median and interval "
                "are still sound",
            )
        return None, str(err), warnings


def _input_readings(est: Estimate) -> tuple[InputReading, ...]:
    """Every stated input of ``est`` and how it was read (with its weight when it is a
    branch of a mixture)."""
    chances = _branch_chances(est)
    return tuple(
        InputReading(leaf.name or leaf.label, units.label(leaf.unit), leaf.leaf.note,
                     chances.get(id(leaf)))
        for leaf in est.leaves()
        if leaf.leaf is not None
    )


def _branch_chances(est: Estimate) -> dict[int, float]:
    """The weight of each input that is a branch of one mixture (through unit
    conversions), by id; an input that is a branch more than once is left out."""
    from ranges.core._ops import Op

    found: dict[int, float] = {}
    repeated: set[int] = set()
    for node in est.walk():
        if node.op is not Op.MIXTURE:
            continue
        for weight, child in zip(node.param, node.args, strict=True):
            while child.op is Op.CONVERT:
                child = child.args[0]
            if child.is_leaf:
                if id(child) in found:
                    repeated.add(id(child))
                found[id(child)] = weight
    return {key: value for key, value in found.items() if key not in repeated}


@dataclass(frozen=True)
class Contribution:
    """One additive term of a total: its own statistics and its share of the total.

    ``sign`` is the factor the term enters the total with (−1 for a subtracted term,
    a conversion factor when its unit differs from the total's).

    ``share_of_mean`` is the term's mean over the total's mean; ``share_of_variance``
    is cov(term, total) / var(total), so the shares add up to 1 even when terms
    share inputs.

    >>> import ranges as rg
    >>> total = rg.between(1, 2, name="a") + rg.between(3, 5, name="b")
    >>> [(part.term.name, round(part.share_of_variance, 2)) for part in rg.contributions(total)]
    [('a', 0.2), ('b', 0.8)]
    """

    term: Estimate
    sign: float
    mean: float
    median: float
    low: float
    high: float
    share_of_mean: float
    share_of_variance: float


def contributions(
    est: Estimate,
    *,
    level: float | None = None,
    n: int | None = None,
    rng: SeedLike = None,
) -> list[Contribution]:
    """Each additive term's statistics and share of the total, from one set of draws.

    >>> import ranges as rg
    >>> parts = contributions(rg.between(10, 12) + rg.between(1, 2), n=10_000)
    >>> round(sum(p.share_of_variance for p in parts), 9)
    1.0
    """
    from ranges._config import defaults
    from ranges.engines._montecarlo import simulate_many

    level = check_level(defaults.level if level is None else level)
    terms = additive_terms(est)
    samples, _ = simulate_many(est, [term for _, term in terms], n=n, rng=rng)
    total = samples[est]
    total_mean = float(total.mean())
    total_centered = total - total_mean
    total_var = float(np.dot(total_centered, total_centered))
    out: list[Contribution] = []
    for sign, term in terms:
        values = sign * samples[term]
        mean = float(values.mean())
        median, low, high = (
            float(v) for v in np.quantile(values, [0.5, 0.5 - level / 2, 0.5 + level / 2])
        )
        covariance = float(np.dot(values - mean, total_centered))
        out.append(
            Contribution(
                term=term,
                sign=sign,
                mean=mean,
                median=median,
                low=low,
                high=high,
                share_of_mean=mean / total_mean if total_mean else float("nan"),
                share_of_variance=covariance / total_var if total_var else float("nan"),
            )
        )
    return out
