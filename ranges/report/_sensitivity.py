"""Which inputs matter: :func:`sensitivity`.

Two questions, answered for each uncertain input (each leaf once, by identity, so an
input used twice, ``x - x``, or through unit conversions is one input):

* **the swing**: the result with this input at its ``(1 - level)/2`` and
  ``(1 + level)/2`` quantiles (the 5th and 95th percentiles at ``level=0.9``) and
  every other uncertain input at its median. The graph is evaluated with its inputs
  replaced by those constants, so the swing is a plain number, not a sample. A chance
  event (``rg.bernoulli``) is an input too: its percentiles are 0 or 1.
* **the share of the variance**: how much of the result's variance this input alone
  explains (its first-order index). For a sum or difference of independent inputs,
  scaled by constants, it is exact: the variances of independent terms add, so the
  share of ``a·X`` is ``a²·Var(X) / Var(result)``, and the shares add up to 1. For any
  other graph it is estimated from samples by the pick-freeze estimator of first-order
  Sobol indices (Saltelli et al. 2010): the graph is evaluated on two independent sets
  of draws A and B, and once more for each input with that input's draws taken from B;
  each row then carries the estimate's standard error. The shares of a graph that is
  not additive add up to less than 1; the rest is the part of the variance that comes
  from inputs acting together (:attr:`Sensitivity.interaction`).

Inputs made to move together (``rg.correlate``, ``est.comonotonic()``) and mixtures
(pooled sources) are refused: a variance share assumes independent inputs, and a
mixture's choice of branch is randomness that no input holds.

>>> import ranges as rg
>>> total = rg.between(10_000, 12_000, unit="troops") + rg.between(3_000, 4_000, unit="troops")
>>> sens = sensitivity(total)
>>> [row.name for row in sens.rows]
['10,000–12,000 troops', '3,000–4,000 troops']
>>> [round(row.share_of_variance, 3) for row in sens.rows]
[0.8, 0.2]
>>> round(sens.rows[0].result_low), round(sens.rows[0].result_high)
(13464, 15464)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import numpy as np
from numpy.typing import NDArray

from ranges.core import _units as units
from ranges.core._graph import Estimate, replaced
from ranges.core._ops import Form, Op
from ranges.core._render import label
from ranges.distributions._families import check_level
from ranges.engines import EngineName, engine_name
from ranges.errors import EngineError, InputError

if TYPE_CHECKING:
    from ranges.engines._base import SeedLike

__all__ = ["METHOD_EXACT", "Sensitivity", "SensitivityRow", "sensitivity"]

#: the method of exact shares, in words
METHOD_EXACT: Final = "exact: the variances of independent terms of a sum add"
#: the most draws the pick-freeze estimator takes by default (it evaluates the graph
#: on (inputs + 2) sets of draws)
DEFAULT_SOBOL_N: Final = 20_000


@dataclass(frozen=True)
class SensitivityRow:
    """One input: its low and high values (in ``input_unit``), the result with it at
    each (every other uncertain input at its median), and its share of the result's
    variance (``share_error`` is that share's standard error: 0 when exact)."""

    name: str
    input_unit: str
    input_low: float
    input_high: float
    result_low: float
    result_high: float
    share_of_variance: float
    share_error: float = 0.0

    @property
    def swing(self) -> float:
        """How far the result moves between the input's low and high values.

        >>> SensitivityRow("a", "", 1.0, 2.0, 10.0, 7.0, 0.5).swing
        3.0
        """
        return abs(self.result_high - self.result_low)


@dataclass(frozen=True)
class Sensitivity:
    """What :func:`sensitivity` found: one row per uncertain input, the largest swing
    first; ``baseline`` is the result with every uncertain input at its median (in
    ``unit``); ``method`` says how the shares of the variance were found; ``n`` and
    ``seed`` are the draws behind them (0 and None when exact)."""

    rows: tuple[SensitivityRow, ...]
    method: str
    baseline: float
    unit: str
    level: float
    n: int = 0
    seed: int | None = None

    @property
    def share_sum(self) -> float:
        """The inputs' shares of the variance added up (1 for a sum of independent
        inputs, less when inputs act together)."""
        return float(sum(row.share_of_variance for row in self.rows))

    @property
    def interaction(self) -> float:
        """The part of the variance no input explains alone: ``1 - share_sum``."""
        return 1.0 - self.share_sum


def sensitivity(
    est: Estimate,
    *,
    level: float | None = None,
    engine: str | None = None,
    n: int | None = None,
    rng: SeedLike = None,
) -> Sensitivity:
    """Each uncertain input's swing and share of the variance of ``est`` (see the
    module docstring). ``level`` (default ``ranges.defaults.level``) sets the input's
    low and high quantiles. ``engine`` picks how the shares are found: "exact" (a sum
    of independent, scaled inputs; refused for any other graph), "mc" (pick-freeze on
    random draws), "qmc" (pick-freeze on scrambled Sobol points, ``n`` rounded up to a
    power of 2), "auto" or None
    (exact where it applies, else "mc"). ``n`` draws (default
    :data:`DEFAULT_SOBOL_N`) and ``rng`` are used by the sampling methods only.

    >>> import ranges as rg
    >>> a, b = rg.normal(0, 3, name="a"), rg.normal(0, 4, name="b")
    >>> sens = sensitivity(a + b)
    >>> [(row.name, round(row.share_of_variance, 2)) for row in sens.rows]
    [('b', 0.64), ('a', 0.36)]
    >>> print(sens.method)
    exact: the variances of independent terms of a sum add
    """
    from ranges._config import defaults

    if not isinstance(est, Estimate):
        raise InputError(f"sensitivity() needs a ranges Estimate, got {type(est).__name__}")
    level = check_level(defaults.level if level is None else level)
    _refuse_dependence(est)
    inputs = [leaf for leaf in est.leaves() if leaf.is_random]
    if not inputs:
        raise InputError("the estimate has no uncertain input: nothing to be sensitive to")
    lows = [_quantile(leaf, 0.5 - level / 2) for leaf in inputs]
    highs = [_quantile(leaf, 0.5 + level / 2) for leaf in inputs]
    medians = [_quantile(leaf, 0.5) for leaf in inputs]
    baseline = _value_at(est, inputs, medians)
    swings = []
    for i in range(len(inputs)):
        at_low = _value_at(est, inputs, [*medians[:i], lows[i], *medians[i + 1:]])
        at_high = _value_at(est, inputs, [*medians[:i], highs[i], *medians[i + 1:]])
        swings.append((at_low, at_high))
    shares = _SHARES[_share_method(est, engine)](est, inputs, n, rng)
    rows = [
        SensitivityRow(
            name=label(leaf), input_unit=units.label(leaf.unit), input_low=low,
            input_high=high, result_low=at_low, result_high=at_high,
            share_of_variance=share, share_error=error)
        for leaf, low, high, (at_low, at_high), share, error
        in zip(inputs, lows, highs, swings, shares.values, shares.errors, strict=True)
    ]
    rows.sort(key=lambda row: (-row.swing, -_or_zero(row.share_of_variance)))
    return Sensitivity(rows=tuple(rows), method=shares.method, baseline=baseline,
                       unit=units.label(est.unit), level=level, n=shares.n,
                       seed=shares.seed)


def _or_zero(x: float) -> float:
    return 0.0 if math.isnan(x) else x


@dataclass(frozen=True)
class _Shares:
    """The inputs' shares of the variance, in the order of the inputs."""

    values: list[float]
    errors: list[float]
    method: str
    n: int = 0
    seed: int | None = None


def _refuse_dependence(est: Estimate) -> None:
    for node in est.walk():
        if node.form is Form.JOINT:
            raise EngineError(
                "sensitivity() assumes independent inputs, and this estimate has inputs "
                "made to move together (rg.correlate or comonotonic()): a share of the "
                "variance would not be the input's own; compare the scenarios instead "
                "(rg.plot.scenarios) or compute the sensitivity of the independent model")
        if node.op is Op.MIXTURE:
            raise EngineError(
                "sensitivity() cannot split the variance of a mixture (pooled sources): "
                "its choice of source is randomness that no input holds; compute the "
                "sensitivity of each source, or of the total without the pool")


def _quantile(leaf: Estimate, q: float) -> float:
    assert leaf.leaf is not None
    return float(np.asarray(leaf.leaf.distribution.ppf(q), dtype=float))


def _value_at(est: Estimate, inputs: list[Estimate], values: list[float]) -> float:
    """The result with each input replaced by the constant value given for it."""
    from ranges.engines._montecarlo import run_graph

    fixed = replaced(est, {id(leaf): Estimate.constant(value, leaf.unit)
                           for leaf, value in zip(inputs, values, strict=True)})
    computed, _ = run_graph(fixed, 1, 0)
    return float(np.asarray(computed[id(fixed)], dtype=float).reshape(-1)[0])


# -- exact shares: a sum of independent, scaled inputs ----------------------------------------
def linear_coefficients(est: Estimate) -> dict[int, float] | None:
    """The coefficient of each input (by ``id``) when ``est`` is a constant plus a sum
    of inputs times constants (through + −, unary −, unit conversions and products or
    quotients with a constant), or None when it is not.

    >>> import ranges as rg
    >>> a, b = rg.between(1, 2), rg.between(3, 4)
    >>> sorted(linear_coefficients(2 * a - b / 4 + a).values())
    [-0.25, 3.0]
    >>> linear_coefficients(a * b) is None
    True
    """
    found: dict[int, float] = {}
    stack: list[tuple[float, Estimate]] = [(1.0, est)]
    while stack:
        factor, node = stack.pop()
        if node.is_constant or (node.is_leaf and not node.is_random):
            continue
        if node.is_leaf:
            found[id(node)] = found.get(id(node), 0.0) + factor
        elif node.op is Op.ADD or node.op is Op.SUB:
            stack.append((factor, node.args[0]))
            stack.append((factor if node.op is Op.ADD else -factor, node.args[1]))
        elif node.op is Op.NEG:
            stack.append((-factor, node.args[0]))
        elif node.op is Op.CONVERT:
            stack.append((factor * node.param[0], node.args[0]))
        elif node.op is Op.MUL and _is_fixed(node.args[0]):
            stack.append((factor * _fixed_value(node.args[0]), node.args[1]))
        elif node.op is Op.MUL and _is_fixed(node.args[1]):
            stack.append((factor * _fixed_value(node.args[1]), node.args[0]))
        elif node.op is Op.DIV and _is_fixed(node.args[1]):
            stack.append((factor / _fixed_value(node.args[1]), node.args[0]))
        else:
            return None
    return found


def _is_fixed(node: Estimate) -> bool:
    return node.is_constant or (node.is_leaf and not node.is_random)


def _fixed_value(node: Estimate) -> float:
    if node.is_constant:
        return node.value
    assert node.leaf is not None
    return node.leaf.distribution.mean()


def _exact_shares(est: Estimate, inputs: list[Estimate], n: int | None,
                  rng: SeedLike) -> _Shares:
    coefficients = linear_coefficients(est)
    if coefficients is None:
        raise EngineError(
            "exact variance shares need a sum or difference of independent inputs "
            "(each times a constant); this estimate is not one: use engine='mc' (or "
            "'auto') for the sampled first-order (Sobol) shares")
    parts = []
    for leaf in inputs:
        assert leaf.leaf is not None
        sd = leaf.leaf.distribution.std()
        if not math.isfinite(sd):
            raise EngineError(
                f"the input {label(leaf)!r} has no finite variance, so no input has a "
                "share of the result's variance; read the swings instead")
        parts.append((coefficients.get(id(leaf), 0.0) * sd) ** 2)
    total = sum(parts)
    if total <= 0:
        return _Shares([math.nan] * len(inputs), [0.0] * len(inputs),
                       METHOD_EXACT + " (the result does not vary: no shares)")
    return _Shares([part / total for part in parts], [0.0] * len(inputs), METHOD_EXACT)


# -- sampled shares: first-order Sobol indices by pick-freeze --------------------------------
def _sobol_shares(est: Estimate, inputs: list[Estimate], n: int | None, rng: SeedLike,
                  *, quasi: bool) -> _Shares:
    """First-order indices by the estimator of Saltelli et al. (2010), with f(B)
    centred by the mean of all draws (the same expectation, a smaller error):
    V_i = mean((f(B) − mean f) · (f(A_B^i) − f(A))), S_i = V_i / Var(f), clipped to
    [0, 1], with the standard error of that mean over Var(f)."""
    from ranges.engines._base import check_sample_count
    from ranges.engines._montecarlo import run_graph
    from ranges.engines._seeding import root_seed

    count = check_sample_count(DEFAULT_SOBOL_N if n is None else n, len(inputs) + 2)
    if count < 2:
        raise InputError("the sampled variance shares need at least 2 draws")
    if quasi:  # Sobol points keep their balance in powers of 2
        count = 2 ** math.ceil(math.log2(count))
    sequence, seed = root_seed(rng)
    k = len(inputs)
    first, second = _uniform_pair(sequence, count, k, quasi)

    def at(points: NDArray[np.float64]) -> NDArray[np.float64]:
        uniforms = {id(leaf): np.ascontiguousarray(points[:, j])
                    for j, leaf in enumerate(inputs)}
        values, _ = run_graph(est, count, 0, uniforms=uniforms)
        return np.broadcast_to(np.asarray(values[id(est)], dtype=float), (count,)).copy()

    f_a, f_b = at(first), at(second)
    if not (np.all(np.isfinite(f_a)) and np.all(np.isfinite(f_b))):
        raise EngineError("the result is not finite in some draws, so its variance and "
                          "the inputs' shares of it do not exist; read the swings instead")
    both = np.concatenate([f_a, f_b])
    variance, centred = float(np.var(both)), f_b - float(both.mean())
    values: list[float] = []
    errors: list[float] = []
    for j in range(k):
        mixed = first.copy()
        mixed[:, j] = second[:, j]
        terms = centred * (at(mixed) - f_a)
        if variance > 0:
            values.append(min(max(float(terms.mean()) / variance, 0.0), 1.0))
            errors.append(float(terms.std(ddof=1)) / math.sqrt(count) / variance)
        else:
            values.append(math.nan)
            errors.append(0.0)
    points = "scrambled Sobol points" if quasi else "random draws"
    method = (f"first-order Sobol indices by pick-freeze (Saltelli et al. 2010), "
              f"{count:,} {points} per set, {k + 2} sets; each share has its standard "
              f"error and is clipped to [0, 1]; the shares add up to less than 1 when "
              f"inputs act together")
    if variance <= 0:
        method += " (the result does not vary: no shares)"
    return _Shares(values, errors, method, n=count, seed=seed)


def _uniform_pair(sequence: np.random.SeedSequence, count: int, k: int, quasi: bool
                  ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Two independent (count × k) sets of points strictly inside (0, 1)."""
    generator = np.random.Generator(np.random.PCG64(sequence))
    if quasi:
        from scipy.stats import qmc

        sampler = qmc.Sobol(d=2 * k, scramble=True, seed=generator)
        points = sampler.random_base2(round(math.log2(count)))
    else:
        points = generator.random((count, 2 * k))
    tiny = np.finfo(float).eps
    points = np.clip(points, tiny, 1.0 - tiny)
    return points[:, :k], points[:, k:]


def _mc_shares(est: Estimate, inputs: list[Estimate], n: int | None, rng: SeedLike
               ) -> _Shares:
    return _sobol_shares(est, inputs, n, rng, quasi=False)


def _qmc_shares(est: Estimate, inputs: list[Estimate], n: int | None, rng: SeedLike
                ) -> _Shares:
    return _sobol_shares(est, inputs, n, rng, quasi=True)


_ShareMethod = Callable[[Estimate, list[Estimate], int | None, "SeedLike"], _Shares]

#: how each engine finds the shares of the variance
_SHARES: Final[Mapping[EngineName, _ShareMethod]] = MappingProxyType({
    EngineName.EXACT: _exact_shares,
    EngineName.MC: _mc_shares,
    EngineName.QMC: _qmc_shares,
})


def _share_method(est: Estimate, engine: str | None) -> EngineName:
    """The engine that finds the shares: "auto" (and None, unless
    ``ranges.defaults.engine`` names another) is exact where it applies, else mc."""
    name = engine_name(engine)
    if name is EngineName.AUTO:
        return EngineName.EXACT if linear_coefficients(est) is not None else EngineName.MC
    return name
