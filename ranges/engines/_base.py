"""What every engine shares: seeds, the :class:`Evaluation` interface, and the
engine interface itself.

An engine turns an :class:`~ranges.core._graph.Estimate` graph into an
:class:`Evaluation`: an answer about the distribution of the root node (quantiles,
mean, tail probabilities), each with an estimate of its numerical error. Engines
never see units (the graph already holds every conversion as a constant factor)
and never draw plots.

>>> ss, seed = root_seed(5)
>>> seed
5
"""

from __future__ import annotations

import zlib
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ranges.errors import InputError

if TYPE_CHECKING:
    from ranges.core._graph import Estimate

SeedLike = int | np.random.Generator | np.random.SeedSequence | None


def root_seed(rng: SeedLike) -> tuple[np.random.SeedSequence, int | None]:
    """The root ``SeedSequence`` for one evaluation and the int seed behind it (if any).

    An int (or None, which takes ``ranges.defaults.seed``) gives the same numbers every
    time; a ``Generator`` is advanced, so consecutive calls differ (SPEC 7).
    """
    if rng is None:
        from ranges._config import defaults

        rng = defaults.seed
    if isinstance(rng, np.random.SeedSequence):
        return rng, None
    if isinstance(rng, np.random.Generator):
        entropy = [int(x) for x in rng.integers(0, 2**63, size=2)]
        return np.random.SeedSequence(entropy), None
    if rng is None:
        sequence = np.random.SeedSequence()
        return sequence, None
    if isinstance(rng, bool) or not isinstance(rng, int | np.integer):
        raise InputError(
            f"rng must be an int seed, a numpy.random.Generator or None, got {rng!r}"
        )
    if rng < 0:
        raise InputError(f"a seed must be a non-negative integer, got {rng}")
    return np.random.SeedSequence(int(rng)), int(rng)


def source_keys(root: Estimate) -> dict[int, tuple[int, ...]]:
    """A stable random-stream key for every random node (leaf or mixture) under ``root``.

    A named node's key comes from its name, so its draws do not depend on the rest
    of the graph; unnamed nodes are numbered in order of first appearance, so
    appending a term leaves the draws of the earlier ones unchanged.
    """
    keys: dict[int, tuple[int, ...]] = {}
    names: dict[str, int] = {}
    counter = 0
    for node in root.walk():
        if not node.is_random:
            continue
        if node.name is not None:
            if node.name in names and names[node.name] != id(node):
                raise InputError(
                    f"two different inputs are both named {node.name!r}; names identify "
                    "inputs, so give each its own"
                )
            names[node.name] = id(node)
            keys[id(node)] = (1, zlib.crc32(node.name.encode("utf-8")))
        else:
            keys[id(node)] = (0, counter)
            counter += 1
    return keys


def stream(root: np.random.SeedSequence, key: tuple[int, ...]) -> np.random.Generator:
    """The generator of one random node: a child of ``root`` identified by ``key``."""
    child = np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, *key))
    return np.random.Generator(np.random.PCG64(child))


class Evaluation(ABC):
    """An engine's answer about one estimate's distribution."""

    engine: str = "?"
    #: number of samples or points behind the answer (0 when exact)
    n: int = 0
    #: the int seed used, when there was one
    seed: int | None = None
    #: which engine answered which part of the graph: (expression, engine) pairs
    parts: Sequence[tuple[str, str]] = ()

    @abstractmethod
    def quantile(self, q: ArrayLike) -> NDArray[np.float64]:
        """Quantiles at probabilities ``q``."""

    @abstractmethod
    def quantile_error(self, q: ArrayLike) -> NDArray[np.float64]:
        """Standard error of :meth:`quantile` (numerical error, not uncertainty)."""

    @abstractmethod
    def mean(self) -> float:
        """Expected value."""

    @abstractmethod
    def mean_error(self) -> float:
        """Standard error of :meth:`mean`."""

    @abstractmethod
    def std(self) -> float:
        """Standard deviation."""

    @abstractmethod
    def cdf(self, x: ArrayLike) -> NDArray[np.float64]:
        """P(value <= x)."""

    def prob_above(self, x: float) -> float:
        """P(value > x)."""
        return float(1.0 - self.cdf(x))

    @property
    def samples(self) -> NDArray[np.float64] | None:
        """The samples behind the answer, when the engine drew any."""
        return None


class Engine(ABC):
    """An engine evaluates a graph into an :class:`Evaluation`."""

    name: str = "?"

    @abstractmethod
    def evaluate(self, root: Estimate, *, n: int, rng: SeedLike) -> Evaluation:
        """Evaluate the graph under ``root``."""

    def supports(self, root: Estimate) -> bool:
        """Whether this engine can evaluate the graph (all of it)."""
        return True

    def __repr__(self) -> str:
        return f"<{type(self).__name__} engine {self.name!r}>"


def check_sample_count(n: Any, nodes: int = 1) -> int:
    """Validate a sample count, refusing counts whose result would not fit in memory.

    Working arrays are chunked to ``ranges.defaults.memory_budget``; what must fit is
    the result (and a sorted copy of it) plus one chunk of ``nodes`` arrays.

    >>> check_sample_count(1000)
    1000
    """
    from ranges.errors import SampleSizeError

    count: int
    if isinstance(n, bool):
        raise SampleSizeError(f"the sample count must be a whole number, got {n!r}")
    if isinstance(n, int | np.integer) or (isinstance(n, float) and n.is_integer()):
        count = int(n)
    else:
        raise SampleSizeError(f"the sample count must be a whole number, got {n!r}")
    if count < 1:
        raise SampleSizeError(f"the sample count must be at least 1, got {count}")
    from ranges._config import defaults

    working = min(8 * count * max(2, nodes), defaults.memory_budget)
    needed = 2 * 8 * count + working
    available = available_memory()
    if needed > 0.8 * available:
        raise SampleSizeError(
            f"{count:,} samples of a model with {nodes} nodes need about "
            f"{needed / 2**30:.1f} GiB of arrays, more than the {available / 2**30:.1f} GiB "
            "of memory available; use fewer samples"
        )
    return count


def available_memory() -> int:
    """Bytes of memory available to this process (MemAvailable on Linux)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    kib = int(line.split()[1])
                    return kib * 1024
    except OSError:
        pass
    return 8 * 2**30
