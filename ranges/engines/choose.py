"""Automatic engine choice (``engine="auto"``, the default).

1. If the exact engine accepts the whole graph, it answers.
2. Otherwise every largest sub-graph that the exact engine accepts *and* whose
   inputs are used nowhere else is computed exactly and put back into the graph as
   a new input (its distribution); Monte Carlo evaluates what remains. A sub-graph
   whose inputs are also used elsewhere is never collapsed, since that would break
   the pairing of draws (``x + x·y`` stays sampled as a whole).
3. The evaluation lists which engine answered each part (``evaluation.parts``).

>>> import ranges as rg
>>> x, y = rg.between(1, 2), rg.between(3, 4)
>>> Auto().evaluate(x + y, n=1000, rng=0).engine
'exact'
>>> Auto().evaluate(x + x * y, n=1000, rng=0).engine
'mc'
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..errors import EngineError
from ..interval import Interval
from ..reading import LeafSpec, ReadingNote
from .base import Engine, Evaluation, SeedLike
from .exact import Exact, ExactEvaluation, ExactReducer, Unsupported, reduce_exactly
from .montecarlo import MonteCarlo

if TYPE_CHECKING:
    from ..estimate import Estimate


def _descendants(node: Estimate) -> set[int]:
    return {id(n) for n in node.walk()}


def collapsible_parts(root: Estimate) -> list[Estimate]:
    """The largest sub-graphs (with at least two random inputs) the exact engine can
    evaluate and whose nodes are used only inside the sub-graph."""
    parents: dict[int, set[int]] = defaultdict(set)
    for node in root.walk():
        for child in node.args:
            parents[id(child)].add(id(node))
    probe = ExactReducer(cells_per_sd=2, max_resolution=256, rtol=1.0)
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
    from ..estimate import Estimate

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
        self.sampler = MonteCarlo()

    def evaluate(self, root: Estimate, *, n: int, rng: SeedLike) -> Evaluation:
        from ..format import expression

        try:
            dist, coarse, method = reduce_exactly(root)
        except Unsupported:
            pass
        else:
            result = ExactEvaluation(dist, coarse, method)
            result.parts = [(expression(root), "exact")]
            return result
        replacements: dict[int, Estimate] = {}
        parts: list[tuple[str, str]] = []
        for part in collapsible_parts(root):
            dist, _, method = reduce_exactly(part)
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
            from ..estimate import Estimate

            replacements[id(part)] = Estimate("leaf", (), part.unit, leaf=spec)
            parts.append((expression(part), f"exact ({method})"))
        evaluation = self.sampler.evaluate(_replace(root, replacements), n=n, rng=rng)
        parts.append((expression(root), "mc"))
        evaluation.parts = parts
        return evaluation
