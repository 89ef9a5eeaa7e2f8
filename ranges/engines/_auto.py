"""Automatic engine choice (``engine="auto"``, the default).

1. A cheap structural probe (the exact engine's rules on a coarse grid, each node
   reduced once) says whether the exact engine accepts the whole graph; if it does,
   the exact engine answers.
2. Otherwise every largest sub-graph that the exact engine accepts *and* that is
   **closed** (no node inside it is used from outside, so collapsing it cannot break
   the pairing of draws: ``x + x·y`` stays sampled as a whole) is computed exactly and
   put back into the graph as a new input (its distribution); quasi-Monte Carlo
   evaluates what remains (plain Monte Carlo, in chunks, when one QMC replicate would
   not fit in ``ranges.defaults.memory_budget``, or when more than
   :data:`QMC_MAX_INPUTS` inputs remain).
3. The exact engine is given at most :data:`AUTO_MAX_CELLS` grid cells here: a sum
   with a long tail, which a uniform grid would need more for, is sampled.
4. The evaluation lists which engine answered each part (``evaluation.parts``).

Closed sub-graphs are found in time linear in the graph (times its depth at worst),
from the graph's dominator tree: a node's sub-graph is closed exactly when the node
dominates every node below it (every path from the root to them passes through it).

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
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ranges._kinds import Stated
from ranges.core._graph import replaced
from ranges.core._interval import Interval
from ranges.core._ops import Op
from ranges.engines._base import Engine, Evaluation
from ranges.engines._exact import ExactEvaluation, ExactReducer, Unsupported, reduce_exactly
from ranges.engines._montecarlo import MonteCarlo
from ranges.engines._qmc import QuasiMonteCarlo
from ranges.engines._seeding import SeedLike, stream_keys
from ranges.errors import EngineError
from ranges.reading._policy import LeafSpec, ReadingNote

if TYPE_CHECKING:
    from ranges.core._graph import Estimate


#: the largest grid the automatic choice lets the exact engine use (``engine="exact"``
#: allows 2^22): a sum that would need more (a long tail) is sampled instead, which is
#: then faster for the same printed accuracy
AUTO_MAX_CELLS = 1 << 19


#: the most random inputs auto samples with QMC: beyond it, Sobol points gain little
#: over plain Monte Carlo (their advantage fades with the dimension), while pushing
#: every point through an inverse CDF costs several times a direct draw
#: (``benchmarks/bench_scaling.py``)
QMC_MAX_INPUTS = 64


def structure_probe() -> ExactReducer:
    """An exact reducer that only checks structure (a coarse grid, no refinement)."""
    return ExactReducer(cells_per_sd=2, max_resolution=256, rtol=1.0, check_convergence=False)


@dataclass(frozen=True)
class Closure:
    """Which sub-graphs of a graph are closed, and how many random inputs each holds."""

    #: ids of the nodes whose sub-graph is closed
    closed: frozenset[int]
    #: for a closed node, the number of distinct random inputs below it (by id)
    random_inputs: dict[int, int]


def closure(root: Estimate) -> Closure:
    """Find the closed sub-graphs of ``root`` with its dominator tree (see the module
    docstring).

    >>> import ranges as rg
    >>> x, y = rg.between(1, 2), rg.between(3, 4)
    >>> product = x * y
    >>> total = x + product
    >>> found = closure(total)
    >>> id(product) in found.closed, id(total) in found.closed, id(y) in found.closed
    (False, True, True)
    """
    post_order = list(root.walk())  # children before parents
    parents: dict[int, list[int]] = defaultdict(list)
    for node in post_order:
        for child in node.args:
            parents[id(child)].append(id(node))
    idom, _ = _dominators(root, post_order, parents)
    # each edge u -> c marks the dominator-tree path from u up to (not including)
    # idom(c): those nodes have a descendant (c) used from outside their sub-graph
    marks: dict[int, int] = defaultdict(int)
    for child_id, its_parents in parents.items():
        for parent_id in its_parents:
            if idom[child_id] != parent_id:
                marks[parent_id] += 1
                marks[idom[child_id]] -= 1
    crossing: dict[int, int] = defaultdict(int)
    randoms: dict[int, int] = defaultdict(int)
    for node in post_order:  # dominator-tree children come before their idom here
        nid = id(node)
        crossing[nid] += marks[nid]
        randoms[nid] += 1 if node.is_random else 0
        if nid != id(root):
            crossing[idom[nid]] += crossing[nid]
            randoms[idom[nid]] += randoms[nid]
    closed = frozenset(nid for nid, count in crossing.items() if count == 0)
    return Closure(closed, {nid: randoms[nid] for nid in closed})


def _dominators(root: Estimate, post_order: list[Estimate], parents: dict[int, list[int]]
                ) -> tuple[dict[int, int], dict[int, int]]:
    """The immediate dominator and dominator-tree depth of every node: for a DAG, in
    one pass in topological order, each node's idom is the nearest common dominator of
    its parents."""
    idom: dict[int, int] = {id(root): id(root)}
    depth: dict[int, int] = {id(root): 0}
    for node in reversed(post_order):  # parents before children
        nid = id(node)
        if nid == id(root):
            continue
        candidates = parents[nid]
        common = candidates[0]
        for other in candidates[1:]:
            common = _common_dominator(common, other, idom, depth)
        idom[nid] = common
        depth[nid] = depth[common] + 1
    return idom, depth


def _common_dominator(a: int, b: int, idom: dict[int, int], depth: dict[int, int]) -> int:
    while a != b:
        if depth[a] >= depth[b]:
            a = idom[a]
        else:
            b = idom[b]
    return a


def collapsible_parts(root: Estimate, probe: ExactReducer | None = None) -> list[Estimate]:
    """The largest closed sub-graphs (with at least two random inputs, other than the
    whole graph) that the exact engine accepts."""
    found_closure = closure(root)
    probe = structure_probe() if probe is None else probe
    found: list[Estimate] = []
    queue = [root]
    seen: set[int] = set()
    while queue:
        node = queue.pop()
        nid = id(node)
        if nid in seen or not node.args:
            continue
        seen.add(nid)
        if node is not root and nid in found_closure.closed \
                and found_closure.random_inputs[nid] >= 2 and _accepted(probe, node):
            found.append(node)
            continue
        queue.extend(node.args)
    return found


def _accepted(probe: ExactReducer, node: Estimate) -> bool:
    try:
        probe.reduce(node)
    except Unsupported:
        return False
    return True


def _derived_leaf(part: Estimate, max_cells: int) -> tuple[Estimate, str] | None:
    """``part`` computed exactly, as a new input, and how; None when its grid would not
    converge (a heavy tail: it is sampled instead)."""
    from ranges.core._graph import Estimate
    from ranges.core._render import expression

    try:
        dist, _, method = reduce_exactly(part, max_resolution=max_cells)
    except Unsupported:
        return None
    try:
        stated = part.bounds()
    except EngineError:
        stated = Interval(*dist.support())
    note = ReadingNote(kind=Stated.DERIVED, shape=dist.family,
                       rule=f"computed exactly ({method}) from {expression(part)}")
    return Estimate(Op.LEAF, (), part.unit, leaf=LeafSpec(dist, stated, note)), method


class Auto(Engine):
    """Exact where the graph allows it, sampling elsewhere (see the module doc)."""

    name = "auto"

    def evaluate(self, root: Estimate, *, n: int, rng: SeedLike) -> Evaluation:
        from ranges.core._render import expression

        probe = structure_probe()
        if _accepted(probe, root):
            try:
                dist, coarse, method = reduce_exactly(root, max_resolution=AUTO_MAX_CELLS)
            except Unsupported:
                pass  # a long tail: sampled below
            else:
                result = ExactEvaluation(dist, coarse, method)
                result.parts = [(expression(root), "exact")]
                return result
        replacements: dict[int, Estimate] = {}
        parts: list[tuple[str, str]] = []
        for part in collapsible_parts(root, probe):
            derived = _derived_leaf(part, AUTO_MAX_CELLS)
            if derived is not None:
                replacements[id(part)] = derived[0]
                parts.append((expression(part), f"exact ({derived[1]})"))
        remaining = replaced(root, replacements)
        evaluation = self._sampler(remaining, n).evaluate(remaining, n=n, rng=rng)
        parts.append((expression(root), evaluation.engine))
        evaluation.parts = parts
        return evaluation

    @staticmethod
    def _sampler(graph: Estimate, n: int) -> Engine:
        """QMC; Monte Carlo (chunked) when one QMC replicate would not fit in memory or
        when more than :data:`QMC_MAX_INPUTS` inputs remain to be sampled."""
        from ranges._config import defaults

        quasi = QuasiMonteCarlo()
        if len(stream_keys(graph)) > QMC_MAX_INPUTS \
                or quasi.working_bytes(graph, n) > defaults.memory_budget:
            return MonteCarlo()
        return quasi
