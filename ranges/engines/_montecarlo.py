"""Monte Carlo: one numpy array per node, each leaf drawn once per sample.

Every random node (leaf or mixture) gets its own generator, a child of the root
seed identified by the node's name or its order of appearance, so the same seed
gives the same numbers and adding a term does not change the other terms' draws.
Arrays are freed as soon as their last user has run, and a node's result is
written into a child's array when that child is not needed any more.

>>> import ranges as rg
>>> x = rg.between(1, 2)
>>> samples = simulate(x * 2 - x, n=1000, rng=3)
>>> bool(np.allclose(samples, simulate(x, n=1000, rng=3)))
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ranges.engines._base import (
    Engine,
    Evaluation,
    SeedLike,
    check_sample_count,
    root_seed,
    source_keys,
    stream,
)
from ranges.errors import EngineError

if TYPE_CHECKING:
    from ranges.core._graph import Estimate

FloatArray = NDArray[np.float64]
Value = FloatArray | float

_BINARY = {
    "add": np.add,
    "sub": np.subtract,
    "mul": np.multiply,
    "div": np.divide,
    "pow": np.power,
    "min": np.minimum,
    "max": np.maximum,
}
_UNARY: dict[str, Any] = {"neg": np.negative}
# operations that can turn finite numbers into NaN: their results are checked
# (NaN from inf − inf or 0 × inf needs an infinite operand first; the root is checked too)
_CAN_MAKE_NAN = {"div", "pow", "log", "log10", "log2", "log1p", "sqrt", "sin", "cos", "tan"}


def _unary_func(op: str) -> Any:
    func = _UNARY.get(op)
    if func is None:
        func = getattr(np, op)
    return func


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
    keys = source_keys(root)
    if generators is None:
        generators = {nid: stream(sequence, key) for nid, key in keys.items()}
    uses: Counter[int] = Counter(id(child) for node in nodes for child in node.args)
    kept = {id(node) for node in keep} | {id(root)}
    values: dict[int, Value] = {}
    owned: set[int] = set()  # arrays made here that nobody else holds

    def reusable(child: Estimate) -> bool:
        cid = id(child)
        return cid in owned and uses[cid] == 1 and cid not in kept

    for node in nodes:
        nid = id(node)
        op = node.op
        if op == "const":
            values[nid] = node.value
            continue
        result: FloatArray
        if op == "leaf":
            assert node.leaf is not None
            dist = node.leaf.distribution
            if not node.is_random:
                result = np.full(n, dist.mean())
            elif uniforms is not None:
                result = dist.sample_from_uniform(uniforms[nid])
            else:
                result = dist.sample(n, generators[nid])
        elif op == "mixture":
            picks = uniforms[nid] if uniforms is not None else generators[nid].random(n)
            result = _mixture(node, values, n, picks)
        elif op in _BINARY:
            result = _binary(node, values, n, reusable)
        elif op == "scale":
            (child,) = node.args
            if node.param[0] == 1.0 and isinstance(values[id(child)], np.ndarray):
                # a unit relabelled: share the child's array, never write it
                values[nid] = values[id(child)]
                _release(node, uses, values, kept)
                continue
            result = _scale(node, values, n, reusable)
        else:
            result = _unary(node, values, reusable)
        if op in _CAN_MAKE_NAN:
            _check_nan(node, result)
        values[nid] = result
        owned.add(nid)
        _release(node, uses, values, kept)
    final = values[id(root)]
    if isinstance(final, np.ndarray) and root.op not in _CAN_MAKE_NAN:
        _check_nan(root, final)
    return values, seed


# The operations are functions of their own so that their operands' arrays are not
# held by a local of the loop in run_graph after _release has dropped them (that kept
# one array too many alive while the next input was drawn).
def _binary(
    node: Estimate, values: dict[int, Value], n: int, reusable: Callable[[Estimate], bool]
) -> FloatArray:
    left, right = node.args
    a, b = values[id(left)], values[id(right)]
    func = _BINARY[node.op]
    if node.op == "div":
        _check_divisor(node, b)
    with np.errstate(all="ignore"):  # NaN is checked by the caller, inf is allowed
        if isinstance(a, np.ndarray) and left is not right and reusable(left):
            return np.asarray(func(a, b, out=a))
        if isinstance(b, np.ndarray) and left is not right and reusable(right):
            return np.asarray(func(a, b, out=b))
        result = np.asarray(func(a, b), dtype=float)
    return np.full(n, float(result)) if result.ndim == 0 else result


def _scale(
    node: Estimate, values: dict[int, Value], n: int, reusable: Callable[[Estimate], bool]
) -> FloatArray:
    (child,) = node.args
    a = values[id(child)]
    factor = node.param[0]
    if not isinstance(a, np.ndarray):
        return np.full(n, a * factor)
    if reusable(child):
        return np.multiply(a, factor, out=a)
    return a * factor


def _unary(
    node: Estimate, values: dict[int, Value], reusable: Callable[[Estimate], bool]
) -> FloatArray:
    (child,) = node.args
    a = values[id(child)]
    func = _unary_func(node.op)
    with np.errstate(all="ignore"):
        if isinstance(a, np.ndarray) and reusable(child):
            return np.asarray(func(a, out=a))
        return np.asarray(func(a), dtype=float)


def _release(node: Estimate, uses: Counter[int], values: dict[int, Value], kept: set[int]) -> None:
    """Drop the children's arrays that no remaining node needs."""
    for child in node.args:
        cid = id(child)
        uses[cid] -= 1
        if uses[cid] <= 0 and cid not in kept:
            values.pop(cid, None)


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
    root: Estimate, n: int, rng: SeedLike, budget: int | None = None
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
    if chunk >= n:
        values, seed = run_graph(root, n, rng)
        value = values[id(root)]
        samples = value if isinstance(value, np.ndarray) else np.full(n, float(value))
        return samples, seed
    sequence, seed = root_seed(rng)
    generators = {nid: stream(sequence, key) for nid, key in source_keys(root).items()}
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


class MonteCarlo(Engine):
    """Plain Monte Carlo over the whole graph."""

    name = "mc"

    def evaluate(self, root: Estimate, *, n: int, rng: SeedLike) -> SampleEvaluation:
        samples, seed = run_chunked(root, n, rng)
        return SampleEvaluation(samples, engine=self.name, seed=seed)
