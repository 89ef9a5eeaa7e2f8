"""Automatic engine choice (``engine="auto"``, the default).

1. If the exact engine accepts the whole graph, it answers.
2. Otherwise every largest sub-graph that the exact engine accepts *and* whose
   inputs are used nowhere else is computed exactly and put back into the graph as
   a new input (its distribution); quasi-Monte Carlo evaluates what remains (plain
   Monte Carlo, in chunks, when one QMC replicate would not fit in
   ``ranges.defaults.memory_budget``). A sub-graph whose inputs are also used
   elsewhere is never collapsed, since that would break the pairing of draws
   (``x + x·y`` stays sampled as a whole).
3. The exact engine is given at most :data:`AUTO_MAX_CELLS` grid cells here: a sum
   with a long tail, which a uniform grid would need more for, is sampled.
4. The evaluation lists which engine answered each part (``evaluation.parts``).

QMC rather than plain Monte Carlo because, at the same number of points, its errors
are several times to a hundred times smaller on the models people build (see
``docs/benchmarks.md``), and its replicates give an honest error estimate.

>>> import ranges as rg
>>> x, y = rg.between(1, 2), rg.between(3, 4)
>>> Auto().evaluate(x + y, n=1000, rng=0).engine
'exact'
>>> Auto().evaluate(x + x * y, n=1000, rng=0).engine
'qmc'
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ranges._config import defaults
from ranges.core._interval import Interval
from ranges.engines._base import Engine, Evaluation, SeedLike
from ranges.engines._exact import Exact, ExactEvaluation, ExactReducer, Unsupported, reduce_exactly
from ranges.engines._montecarlo import MonteCarlo
from ranges.engines._qmc import QuasiMonteCarlo
from ranges.errors import EngineError
from ranges.reading._policy import LeafSpec, ReadingNote

if TYPE_CHECKING:
    from ranges.core._graph import Estimate


#: the largest grid the automatic choice lets the exact engine use (``engine="exact"``
#: allows 2^22): a sum that would need more (a long tail) is sampled instead, which is
#: then faster for the same printed accuracy
AUTO_MAX_CELLS = 1 << 19


def _descendants(node: Estimate) -> set[int]:
    return {id(n) for n in node.walk()}


def collapsible_parts(root: Estimate) -> list[Estimate]:
    """The largest sub-graphs (with at least two random inputs) the exact engine can
    evaluate and whose nodes are used only inside the sub-graph."""
    parents: dict[int, set[int]] = defaultdict(set)
    for node in root.walk():
        for child in node.args:
            parents[id(child)].add(id(node))
    probe = ExactReducer(cells_per_sd=2, max_resolution=256, rtol=1.0, check_convergence=False)
    found: list[Estimate] = []
    queue = [root]
    seen: set[int] = set()
    while queue:
        node = queue.pop()
        if id(node) in seen or node.op in ("leaf", "const"):
            continue
        seen.add(id(node))
        inside = _descendants(node)
        random_inputs = sum(1 for n in node.walk() if n.is_random)
        private = all(parents[i] <= inside for i in inside if i != id(node))
        if node is not root and private and random_inputs >= 2:
            try:
                probe.reduce(node)
            except Unsupported:
                pass
            else:
                found.append(node)
                continue
        queue.extend(node.args)
    return found


def _replace(root: Estimate, replacements: dict[int, Estimate]) -> Estimate:
    """A copy of the graph with some nodes replaced (leaves keep their identity)."""
    from ranges.core._graph import Estimate

    built: dict[int, Estimate] = {}
    for node in root.walk():
        if id(node) in replacements:
            built[id(node)] = replacements[id(node)]
        elif not node.args:
            built[id(node)] = node
        else:
            args = tuple(built[id(child)] for child in node.args)
            if all(new is old for new, old in zip(args, node.args, strict=True)):
                built[id(node)] = node
            else:
                built[id(node)] = Estimate(node.op, args, node.unit, name=node.name,
                                           param=node.param, value=node.value)
    return built[id(root)]


class Auto(Engine):
    """Exact where the graph allows it, Monte Carlo elsewhere (see the module doc)."""

    name = "auto"

    def __init__(self) -> None:
        self.exact = Exact()
        self.quasi = QuasiMonteCarlo()
        self.fallback = MonteCarlo()
        self.sampler: Engine = self.quasi

    def evaluate(self, root: Estimate, *, n: int, rng: SeedLike) -> Evaluation:
        from ranges.core._render import expression

        try:
            dist, coarse, method = reduce_exactly(root, max_resolution=AUTO_MAX_CELLS)
        except Unsupported:
            pass
        else:
            result = ExactEvaluation(dist, coarse, method)
            result.parts = [(expression(root), "exact")]
            return result
        replacements: dict[int, Estimate] = {}
        parts: list[tuple[str, str]] = []
        for part in collapsible_parts(root):
            try:
                dist, _, method = reduce_exactly(part, max_resolution=AUTO_MAX_CELLS)
            except Unsupported:  # its grid would not converge (a heavy tail): sample it
                continue
            try:
                stated = part.bounds()
            except EngineError:
                stated = Interval(*dist.support())
            spec = LeafSpec(
                dist,
                stated,
                ReadingNote(kind="derived", shape=dist.family,
                            rule=f"computed exactly ({method}) from {expression(part)}"),
            )
            from ranges.core._graph import Estimate

            replacements[id(part)] = Estimate("leaf", (), part.unit, leaf=spec)
            parts.append((expression(part), f"exact ({method})"))
        remaining = _replace(root, replacements)
        sampler: Engine = self.sampler
        if self.quasi.working_bytes(remaining, n) > defaults.memory_budget:
            sampler = self.fallback  # too large for one QMC replicate: chunked MC
        evaluation = sampler.evaluate(remaining, n=n, rng=rng)
        parts.append((expression(root), sampler.name))
        evaluation.parts = parts
        return evaluation
