"""Engines: turn an estimate graph into numbers.

* ``"exact"``: closed forms and numerical convolution of independent inputs
  (:mod:`ranges.engines.exact`).
* ``"qmc"``: quasi-Monte Carlo with scrambled Sobol points (:mod:`ranges.engines.qmc`).
* ``"mc"``: Monte Carlo (:mod:`ranges.engines.montecarlo`).
* ``"auto"``: exact where the graph allows it, Monte Carlo elsewhere
  (:mod:`ranges.engines.choose`).
* range bounds: interval arithmetic over the stated ranges
  (:mod:`ranges.engines.bounds`, through ``Estimate.bounds()``).

New engines implement :class:`~ranges.engines.base.Engine` and register here.

>>> sorted(ENGINES)
['auto', 'exact', 'mc', 'qmc']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import InputError
from .base import Engine, Evaluation, SeedLike
from .choose import Auto
from .exact import Exact
from .montecarlo import MonteCarlo
from .qmc import QuasiMonteCarlo

if TYPE_CHECKING:
    from ..estimate import Estimate

ENGINES: dict[str, Engine] = {
    "auto": Auto(),
    "exact": Exact(),
    "mc": MonteCarlo(),
    "qmc": QuasiMonteCarlo(),
}


def get_engine(name: str | None) -> Engine:
    """The engine called ``name`` (``ranges.defaults.engine`` when None)."""
    from ..defaults import defaults

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
    from ..defaults import defaults

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
