"""Monte Carlo: one numpy array per node, each leaf drawn once per sample.

Every random node (leaf or mixture) gets its own generator (see
:mod:`ranges.engines._seeding`), so the same seed gives the same numbers and adding a
term does not change the other terms' draws. Arrays are freed as soon as their last
user has run, and a node's result is written into an argument's array when nothing
else holds that array any more (a unit relabelled with factor 1 shares its argument's
array, so that array is then held twice and is never overwritten).

>>> import ranges as rg
>>> x = rg.between(1, 2)
>>> samples = simulate(x * 2 - x, n=1000, rng=3)
>>> bool(np.allclose(samples, simulate(x, n=1000, rng=3)))
True
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, assert_never

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ranges.core._ops import SPECS, Form, Op
from ranges.engines._base import Engine, Evaluation, check_sample_count
from ranges.engines._seeding import SeedLike, root_seed, streams
from ranges.errors import EngineError

if TYPE_CHECKING:
    from ranges.core._graph import Estimate

FloatArray = NDArray[np.float64]
Value = FloatArray | float


class _Run:
    """The values of one evaluation over ``n`` samples, and who holds which array.

    ``holders`` counts, for each array (by ``id``), the entries of ``values`` that
    refer to it; an argument's array may be overwritten by the node that uses it last
    only when it is held once and was made by this run (``owned``)."""

    def __init__(self, root: Estimate, nodes: list[Estimate], n: int,
                 keep: Iterable[Estimate]) -> None:
        self.n = n
        self.uses: Counter[int] = Counter(id(child) for node in nodes for child in node.args)
        self.kept = {id(node) for node in keep} | {id(root)}
        self.values: dict[int, Value] = {}
        self.holders: Counter[int] = Counter()
        self.owned: set[int] = set()

    def store(self, node: Estimate, value: Value, *, owned: bool) -> None:
        self.values[id(node)] = value
        if isinstance(value, np.ndarray):
            self.holders[id(value)] += 1
            if owned:
                self.owned.add(id(value))

    def writable(self, child: Estimate) -> bool:
        """Whether the node being computed may write its result into ``child``'s array."""
        value = self.values[id(child)]
        return (isinstance(value, np.ndarray) and id(value) in self.owned
                and self.holders[id(value)] == 1 and self.uses[id(child)] == 1
                and id(child) not in self.kept)

    def release(self, node: Estimate) -> None:
        """Drop the arguments' values that no remaining node needs."""
        for child in node.args:
            cid = id(child)
            self.uses[cid] -= 1
            if self.uses[cid] <= 0 and cid not in self.kept and cid in self.values:
                value = self.values.pop(cid)
                if isinstance(value, np.ndarray):
                    self.holders[id(value)] -= 1
                    if self.holders[id(value)] <= 0:
                        del self.holders[id(value)]
                        self.owned.discard(id(value))


def run_graph(
    root: Estimate,
    n: int,
    rng: SeedLike,
    keep: Iterable[Estimate] = (),
    uniforms: dict[int, FloatArray] | None = None,
    generators: dict[int, np.random.Generator] | None = None,
) -> tuple[dict[int, Value], int | None]:
    """Evaluate every node under ``root`` on ``n`` samples.

    Returns the values of ``root`` and of the nodes in ``keep`` (by ``id``), and the
    int seed used (if any). Constants stay Python floats. With ``uniforms`` (one
    array of uniform points per random node, by ``id``) the random nodes are driven
    through their quantile functions instead of drawing (quasi-Monte Carlo). With
    ``generators`` (one per random node, by ``id``) the draws continue those streams,
    which is how chunked evaluation reproduces the draws of a single run.
    """
    nodes = list(root.walk())
    n = check_sample_count(n)
    sequence, seed = root_seed(rng)
    if generators is None and uniforms is None:
        generators = streams(root, sequence)
    run = _Run(root, nodes, n, keep)
    for node in nodes:
        _compute(node, run, uniforms, generators)
        run.release(node)
    final = run.values[id(root)]
    if isinstance(final, np.ndarray) and not SPECS[root.op].can_make_nan:
        _check_nan(root, final)
    return run.values, seed


def _compute(node: Estimate, run: _Run, uniforms: dict[int, FloatArray] | None,
             generators: dict[int, np.random.Generator] | None) -> None:
    """Compute one node's value into ``run`` (each form in a function of its own, so
    that no local of this function keeps a released array alive)."""
    form = node.form
    match form:
        case Form.CONSTANT:
            run.store(node, node.value, owned=False)
            return
        case Form.INPUT:
            drawn, owned = _draw(node, run.n, uniforms, generators)
            run.store(node, drawn, owned=owned)
            return
        case Form.MIXTURE:
            picks = uniforms[id(node)] if uniforms is not None else \
                _generator(node, generators).random(run.n)
            run.store(node, _mixture(node, run.values, run.n, picks), owned=True)
            return
        case Form.JOINT:
            run.store(node, _joint(node, run, generators), owned=False)
            return
        case Form.COMPONENT:
            joint = run.values[id(node.args[0])]
            assert isinstance(joint, np.ndarray)
            run.store(node, joint[int(node.param[0])], owned=False)  # a row: never written
            return
        case Form.CONVERT:
            _convert(node, run)
            return
        case Form.SUM | Form.PRODUCT | Form.POWER | Form.EXTREMUM:
            result = _binary(node, run)
        case Form.NEGATE | Form.ELEMENTWISE:
            result = _unary(node, run)
        case _:
            assert_never(form)
    if SPECS[node.op].can_make_nan:
        _check_nan(node, result)
    run.store(node, result, owned=True)


def _generator(node: Estimate, generators: dict[int, np.random.Generator] | None
               ) -> np.random.Generator:
    assert generators is not None
    return generators[id(node)]


def _draw(node: Estimate, n: int, uniforms: dict[int, FloatArray] | None,
          generators: dict[int, np.random.Generator] | None) -> tuple[FloatArray, bool]:
    """A leaf's draws, and whether the array is this run's own."""
    assert node.leaf is not None
    dist = node.leaf.distribution
    if not node.is_random:
        return np.full(n, dist.mean()), True
    if uniforms is not None:
        points = uniforms[id(node)]
        result = np.asarray(dist.sample_from_uniform(points), dtype=float)
        return result, result is not points and bool(result.flags.owndata)
    return dist.sample(n, _generator(node, generators)), True


def _joint(node: Estimate, run: _Run, generators: dict[int, np.random.Generator] | None
           ) -> FloatArray:
    """The inputs' draws, one row each, reordered to the node's dependence."""
    from ranges.core._correlate import joint_matrix
    from ranges.engines._coupling import comonotone, iman_conover

    rows = np.empty((len(node.args), run.n))
    for i, child in enumerate(node.args):
        rows[i] = run.values[id(child)]
    if node.op is Op.COMONOTONE:
        return comonotone(rows)
    return iman_conover(rows, joint_matrix(node), _generator(node, generators))


def _convert(node: Estimate, run: _Run) -> None:
    (child,) = node.args
    a = run.values[id(child)]
    factor, offset = node.param
    if not isinstance(a, np.ndarray):
        run.store(node, np.full(run.n, a * factor + offset), owned=True)
    elif factor == 1.0 and offset == 0.0:
        run.store(node, a, owned=False)  # a unit relabelled: the same array, held twice
    elif run.writable(child):
        np.multiply(a, factor, out=a)
        if offset:
            np.add(a, offset, out=a)
        run.store(node, a, owned=True)
    else:
        run.store(node, a * factor + offset if offset else a * factor, owned=True)


def _binary(node: Estimate, run: _Run) -> FloatArray:
    left, right = node.args
    a, b = run.values[id(left)], run.values[id(right)]
    func = SPECS[node.op].numpy
    assert func is not None
    if node.op is Op.DIV:
        _check_divisor(node, b)
    with np.errstate(all="ignore"):  # NaN is checked by the caller, inf is allowed
        if left is not right and run.writable(left):
            return np.asarray(func(a, b, out=a))
        if left is not right and run.writable(right):
            return np.asarray(func(a, b, out=b))
        result = np.asarray(func(a, b), dtype=float)
    return np.full(run.n, float(result)) if result.ndim == 0 else result


def _unary(node: Estimate, run: _Run) -> FloatArray:
    (child,) = node.args
    a = run.values[id(child)]
    func = SPECS[node.op].numpy
    assert func is not None
    with np.errstate(all="ignore"):
        if run.writable(child):
            return np.asarray(func(a, out=a))
        result = np.asarray(func(a), dtype=float)
    return np.full(run.n, float(result)) if result.ndim == 0 else result


def _check_divisor(node: Estimate, divisor: Value) -> None:
    zero = divisor == 0.0
    if np.any(zero):
        from ranges.core._render import expression

        share = float(np.mean(zero))
        raise EngineError(
            f"{expression(node)} divides by exactly 0 in {share:.2%} of the samples"
        )


def _check_nan(node: Estimate, result: FloatArray) -> None:
    bad = np.isnan(result)
    if bad.any():
        from ranges.core._render import expression

        share = float(bad.mean())
        raise EngineError(
            f"{expression(node)} is undefined (NaN) in {share:.2%} of the samples: "
            "an operand reaches values the operation does not accept (a log or square "
            "root below 0, 0/0, inf - inf); read that input with a positive shape"
        )


def _mixture(node: Estimate, values: dict[int, Value], n: int, picks: FloatArray) -> FloatArray:
    weights = np.asarray(node.param, dtype=float)
    choice = np.searchsorted(np.cumsum(weights), picks, side="right")
    np.minimum(choice, len(weights) - 1, out=choice)
    result = np.empty(n)
    for index, child in enumerate(node.args):
        mask = choice == index
        value = values[id(child)]
        result[mask] = value[mask] if isinstance(value, np.ndarray) else value
    return result


def simulate(root: Estimate, n: int | None = None, rng: SeedLike = None) -> FloatArray:
    """``n`` Monte Carlo samples of ``root`` (``ranges.defaults.n`` when None)."""
    from ranges._config import defaults

    return run_chunked(root, defaults.n if n is None else n, rng)[0]


def run_chunked(
    root: Estimate, n: int, rng: SeedLike, budget: int | None = None,
    most: int | None = None,
) -> tuple[FloatArray, int | None]:
    """Samples of ``root`` computed in chunks whose working arrays fit in ``budget``
    bytes (``ranges.defaults.memory_budget``); only the result is kept whole.

    The random nodes' streams continue from chunk to chunk, so the samples do not
    depend on the chunk size.
    """
    from ranges._config import defaults

    nodes = sum(1 for _ in root.walk())
    n = check_sample_count(n, nodes)
    limit = defaults.memory_budget if budget is None else budget
    chunk = max(1, limit // (8 * max(2, nodes)))
    if most is not None:  # batches of a fixed size (correlated inputs: see MonteCarlo)
        chunk = min(chunk, max(1, most))
    if chunk >= n:
        values, seed = run_graph(root, n, rng)
        value = values[id(root)]
        samples = value if isinstance(value, np.ndarray) else np.full(n, float(value))
        return samples, seed
    sequence, seed = root_seed(rng)
    generators = streams(root, sequence)
    out = np.empty(n)
    for start in range(0, n, chunk):
        size = min(chunk, n - start)
        values, _ = run_graph(root, size, sequence, generators=generators)
        out[start:start + size] = values[id(root)]
    return out, seed


def simulate_many(
    root: Estimate, nodes: Iterable[Estimate], n: int | None = None, rng: SeedLike = None
) -> tuple[dict[Estimate, FloatArray], int | None]:
    """Samples of several nodes of one graph from the same draws (for contributions)."""
    from ranges._config import defaults

    count = defaults.n if n is None else n
    wanted = list(nodes)
    values, seed = run_graph(root, count, rng, keep=wanted)
    out: dict[Estimate, FloatArray] = {}
    for node in [root, *wanted]:
        value = values[id(node)]
        out[node] = value if isinstance(value, np.ndarray) else np.full(int(count), value)
    return out, seed


class SampleEvaluation(Evaluation):
    """Statistics of a set of samples, with sampling errors.

    >>> ev = SampleEvaluation(np.arange(1.0, 101.0))
    >>> float(ev.quantile(0.5)), ev.prob_above(90)
    (50.5, 0.1)
    """

    def __init__(self, samples: FloatArray, engine: str = "mc", seed: int | None = None) -> None:
        self._samples = samples
        self._sorted: FloatArray | None = None
        # A copy partitioned at the ranks in _placed (quantiles and their errors share
        # one partial sort instead of one each)
        self._part: FloatArray | None = None
        self._placed: set[int] = set()
        self.engine = engine
        self.n = int(samples.size)
        self.seed = seed

    @property
    def samples(self) -> FloatArray:
        return self._samples

    @property
    def sorted(self) -> FloatArray:
        """The samples in increasing order (computed once)."""
        if self._sorted is None:
            self._sorted = np.sort(self._samples)
        return self._sorted

    def _order_statistics(self, ranks: NDArray[np.intp]) -> FloatArray:
        """The samples of the given (0-based) ranks in increasing order."""
        if self._sorted is not None:
            return self._sorted[ranks]
        wanted = {int(r) for r in np.ravel(ranks)}
        if not wanted <= self._placed:
            self._placed |= wanted
            kth = np.fromiter(sorted(self._placed), dtype=np.intp)
            base = self._part if self._part is not None else self._samples
            self._part = np.partition(base, kth)
        assert self._part is not None
        return self._part[ranks]

    def _error_ranks(self, p: FloatArray) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
        n = self.n
        spread = np.sqrt(n * p * (1 - p))
        low = np.clip(np.floor(p * (n - 1) - spread), 0, n - 1).astype(np.intp)
        high = np.clip(np.ceil(p * (n - 1) + spread), 0, n - 1).astype(np.intp)
        return low, high

    def quantile(self, q: ArrayLike) -> FloatArray:
        # numpy's default ("linear") quantile: interpolate between the order
        # statistics either side of q·(n − 1). Those of the error estimate are placed
        # in the same partial sort, since a summary asks for both.
        p = np.asarray(q, dtype=np.float64)
        if np.any((p < 0) | (p > 1)) or np.any(np.isnan(p)):
            raise ValueError("quantiles must be in the range [0, 1]")
        position = p * (self.n - 1)
        below = np.floor(position).astype(np.intp)
        above = np.minimum(below + 1, self.n - 1)
        if self._sorted is None:
            low, high = self._error_ranks(p)
            self._order_statistics(np.concatenate([np.ravel(x) for x in
                                                   (below, above, low, high)]))
        x_below, x_above = self._order_statistics(below), self._order_statistics(above)
        fraction = position - below
        with np.errstate(invalid="ignore"):
            between = x_below + (x_above - x_below) * fraction
        return np.asarray(np.where(x_below == x_above, x_below, between), dtype=np.float64)

    def quantile_error(self, q: ArrayLike) -> FloatArray:
        """Half the distance between the order statistics one binomial standard
        deviation either side of rank ``q·n``: a distribution-free standard error."""
        low, high = self._error_ranks(np.asarray(q, dtype=float))
        x_low, x_high = self._order_statistics(low), self._order_statistics(high)
        return np.asarray((x_high - x_low) / 2.0, dtype=float)

    def mean(self) -> float:
        return float(self._samples.mean())

    def mean_error(self) -> float:
        return self.std() / float(np.sqrt(self.n))

    def std(self) -> float:
        return float(self._samples.std(ddof=1)) if self.n > 1 else 0.0

    def cdf(self, x: ArrayLike) -> FloatArray:
        points = np.asarray(x, dtype=float)
        if self._sorted is None and points.size <= 8:
            counts = [np.count_nonzero(self._samples <= value) for value in points.ravel()]
            return np.asarray(np.reshape(counts, points.shape) / self.n, dtype=float)
        return np.asarray(
            np.searchsorted(self.sorted, points, side="right") / self.n, dtype=float
        )


    def prob_above_error(self, x: float) -> float:
        """The binomial standard error ``sqrt(p (1 − p) / n)`` of :meth:`prob_above`.

        >>> ev = SampleEvaluation(np.arange(1.0, 101.0))
        >>> round(ev.prob_above_error(90), 4)
        0.03
        """
        p = self.prob_above(x)
        return math.sqrt(p * (1.0 - p) / self.n)


class MonteCarlo(Engine):
    """Plain Monte Carlo over the whole graph."""

    name = "mc"

    #: the independent batches a graph with correlated inputs is drawn in
    batches = 16

    def evaluate(self, root: Estimate, *, n: int, rng: SeedLike) -> SampleEvaluation:
        """Samples of ``root``. A graph with correlated inputs (a JOINT node) is drawn
        in :attr:`batches` batches, each reordered on its own, and its numerical errors
        come from the spread between batches: reordering pairs each input's order
        statistics, so the draws of the result are not independent of each other and
        the usual formula would understate the error."""
        if not any(node.form is Form.JOINT for node in root.walk()):
            samples, seed = run_chunked(root, n, rng)
            return SampleEvaluation(samples, engine=self.name, seed=seed)
        from ranges.engines._qmc import ReplicatedEvaluation

        count = check_sample_count(n)
        size = -(-count // min(self.batches, count))
        samples, seed = run_chunked(root, count, rng, most=size)
        pieces = [samples[start:start + size] for start in range(0, count, size)]
        if len(pieces) > 1 and pieces[-1].size < size:  # a short last batch joins the one
            pieces[-2:] = [np.concatenate(pieces[-2:])]  # before it
        if len(pieces) < 2:
            return SampleEvaluation(samples, engine=self.name, seed=seed)
        return ReplicatedEvaluation(pieces, engine=self.name, seed=seed)
