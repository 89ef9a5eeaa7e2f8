"""What every engine shares: the :class:`Evaluation` interface, the engine interface
itself, and the check of a sample count (seeds and random streams are in
:mod:`ranges.engines._seeding`).

An engine turns an :class:`~ranges.core._graph.Estimate` graph into an
:class:`Evaluation`: an answer about the distribution of the root node (quantiles,
mean, tail probabilities), each with an estimate of its numerical error. Engines
never see units (the graph already holds every conversion as a constant factor)
and never draw plots.

>>> check_sample_count(1_000)
1000
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ranges.engines._seeding import SeedLike

if TYPE_CHECKING:
    from ranges.core._graph import Estimate

__all__ = ["Engine", "Evaluation", "SeedLike", "available_memory", "check_sample_count"]


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

    def prob_above_error(self, x: float) -> float:
        """Standard error of :meth:`prob_above` (numerical error, not uncertainty);
        NaN when the engine reports none."""
        return math.nan

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
