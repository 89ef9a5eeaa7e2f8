"""Engines: turn an estimate graph into numbers.

One table, :data:`ENGINES`, maps each :class:`EngineName` to its class:

* ``"exact"``: closed forms and numerical convolution of independent inputs
  (:mod:`ranges.engines._exact`);
* ``"qmc"``: quasi-Monte Carlo with scrambled Sobol points (:mod:`ranges.engines._qmc`);
* ``"mc"``: Monte Carlo (:mod:`ranges.engines._montecarlo`);
* ``"auto"``: exact where the graph allows it, sampling elsewhere
  (:mod:`ranges.engines._auto`).

Range bounds (interval arithmetic over the stated ranges) are
:mod:`ranges.engines._bounds`, behind ``Estimate.bounds()``. New engines implement
:class:`~ranges.engines._base.Engine` and get a row here. Engines hold no state
between calls: :func:`evaluate` makes a new one for each evaluation.

:func:`evaluate` keeps the last :data:`CACHE_SIZE` evaluations made with an int seed,
keyed by the estimate (held weakly: an entry is dropped when its estimate is), the
engine, the sample count, the seed and the defaults that change results, so that
``quantile`` then ``mean`` see the same draws without drawing twice.
:func:`clear_cache` empties it.

>>> sorted(str(name) for name in ENGINES)
['auto', 'exact', 'mc', 'qmc']
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from ranges.engines._auto import Auto
from ranges.engines._base import Engine, Evaluation
from ranges.engines._exact import Exact
from ranges.engines._montecarlo import MonteCarlo
from ranges.engines._qmc import QuasiMonteCarlo
from ranges.engines._seeding import SeedLike
from ranges.errors import InputError

if TYPE_CHECKING:
    from ranges.core._graph import Estimate


class EngineName(StrEnum):
    """The engines by name (``engine="mc"`` and ``EngineName.MC`` are the same)."""

    AUTO = "auto"
    EXACT = "exact"
    MC = "mc"
    QMC = "qmc"


#: Each engine's class, by name.
ENGINES: Final[Mapping[EngineName, type[Engine]]] = MappingProxyType({
    EngineName.AUTO: Auto,
    EngineName.EXACT: Exact,
    EngineName.MC: MonteCarlo,
    EngineName.QMC: QuasiMonteCarlo,
})

#: How many evaluations :func:`evaluate` keeps.
CACHE_SIZE: Final = 8


def engine_name(name: str | None) -> EngineName:
    """The :class:`EngineName` for ``name`` (``ranges.defaults.engine`` when None).

    >>> engine_name("MC")
    <EngineName.MC: 'mc'>
    """
    from ranges._config import defaults

    key = defaults.engine if name is None else name
    try:
        return EngineName(str(key).strip().lower())
    except ValueError:
        raise InputError(
            f"unknown engine {key!r}; known engines: {', '.join(sorted(ENGINES))}"
        ) from None


def get_engine(name: str | None) -> Engine:
    """A new engine called ``name`` (``ranges.defaults.engine`` when None)."""
    return ENGINES[engine_name(name)]()


class _Cache:
    """The last evaluations, by estimate (weakly) and settings; thread-safe."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[tuple[Any, ...], tuple[weakref.ref[Estimate], Evaluation]]
        self.entries = OrderedDict()
        self.lock = threading.RLock()  # a weakref callback may run inside a locked call

    def get(self, root: Estimate, settings: tuple[Any, ...]) -> Evaluation | None:
        key = (id(root), *settings)
        with self.lock:
            found = self.entries.get(key)
            if found is None or found[0]() is not root:
                return None
            self.entries.move_to_end(key)
            return found[1]

    def put(self, root: Estimate, settings: tuple[Any, ...], evaluation: Evaluation) -> None:
        key = (id(root), *settings)
        entries, lock = self.entries, self.lock

        def forget(_: weakref.ref[Estimate]) -> None:  # the estimate is gone
            with lock:
                entries.pop(key, None)

        with self.lock:
            self.entries[key] = (weakref.ref(root, forget), evaluation)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


_CACHE: Final = _Cache(CACHE_SIZE)


def clear_cache() -> None:
    """Forget the evaluations :func:`evaluate` kept."""
    _CACHE.clear()


def evaluate(
    root: Estimate, *, engine: str | None = None, n: int | None = None, rng: SeedLike = None
) -> Evaluation:
    """Evaluate ``root`` with an engine (reusing a kept evaluation for the same
    estimate, engine, sample count, int seed and defaults)."""
    from ranges._config import defaults

    name = engine_name(engine)
    count = defaults.n if n is None else n
    seed = defaults.seed if rng is None else rng
    if not (isinstance(seed, int) and not isinstance(seed, bool)):
        return ENGINES[name]().evaluate(root, n=count, rng=seed)
    settings = (name, count, seed, defaults.memory_budget)
    found = _CACHE.get(root, settings)
    if found is None:
        found = ENGINES[name]().evaluate(root, n=count, rng=seed)
        _CACHE.put(root, settings, found)
    return found


__all__ = ["CACHE_SIZE", "ENGINES", "Engine", "EngineName", "Evaluation", "SeedLike",
           "clear_cache", "engine_name", "evaluate", "get_engine"]
