"""Engines: turn an estimate graph into numbers.

* ``"exact"``: closed forms and numerical convolution of independent inputs
  (:mod:`ranges.engines._exact`).
* ``"qmc"``: quasi-Monte Carlo with scrambled Sobol points (:mod:`ranges.engines._qmc`).
* ``"mc"``: Monte Carlo (:mod:`ranges.engines._montecarlo`).
* ``"auto"``: exact where the graph allows it, Monte Carlo elsewhere
  (:mod:`ranges.engines._auto`).
* range bounds: interval arithmetic over the stated ranges
  (:mod:`ranges.engines._bounds`, through ``Estimate.bounds()``).

New engines implement :class:`~ranges.engines._base.Engine` and register here.

>>> sorted(ENGINES)
['auto', 'exact', 'mc', 'qmc']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ranges.engines._auto import Auto
from ranges.engines._base import Engine, Evaluation, SeedLike
from ranges.engines._exact import Exact
from ranges.engines._montecarlo import MonteCarlo
from ranges.engines._qmc import QuasiMonteCarlo
from ranges.errors import InputError

if TYPE_CHECKING:
    from ranges.core._graph import Estimate

ENGINES: dict[str, Engine] = {
    "auto": Auto(),
    "exact": Exact(),
    "mc": MonteCarlo(),
    "qmc": QuasiMonteCarlo(),
}


def get_engine(name: str | None) -> Engine:
    """The engine called ``name`` (``ranges.defaults.engine`` when None)."""
    from ranges._config import defaults

    key = defaults.engine if name is None else name
    engine = ENGINES.get(str(key).lower())
    if engine is None:
        raise InputError(f"unknown engine {key!r}; known engines: {', '.join(sorted(ENGINES))}")
    return engine


def evaluate(
    root: Estimate, *, engine: str | None = None, n: int | None = None, rng: SeedLike = None
) -> Evaluation:
    """Evaluate ``root`` with an engine, reusing the last answer for the same engine,
    sample count and int seed (so ``quantile`` then ``mean`` see the same draws)."""
    from ranges._config import defaults

    chosen = get_engine(engine)
    count = defaults.n if n is None else n
    seed = defaults.seed if rng is None else rng
    cacheable = isinstance(seed, int) and not isinstance(seed, bool)
    key = (chosen.name, count, seed)
    if cacheable and root._cache.get("key") == key:
        cached: Evaluation = root._cache["evaluation"]
        return cached
    result = chosen.evaluate(root, n=count, rng=seed)
    if cacheable:
        root._cache.clear()
        root._cache.update(key=key, evaluation=result)
    return result


__all__ = ["ENGINES", "Engine", "Evaluation", "SeedLike", "evaluate", "get_engine"]
