"""Differential tests on random graphs of every operation, unit relabel and input shape.

Hypothesis draws graphs with :func:`graphs.random_graph` (inputs of every shape,
reused at several places and relabelled through ``.to``; sums, products, quotients,
powers, min/max, abs, numpy functions, mixtures, constants on either side) and each
test checks one invariant with the matching check of ``tests/graphs.py``:

* every Monte Carlo and QMC draw of a graph of hard-bounded inputs lies inside
  ``est.bounds()``;
* every engine that answers (exact, qmc, mc, auto) agrees with the others and with a
  plain numpy evaluation of the same program, within the errors they state (the
  statistics are in :func:`graphs.check_agreement`: K = 6 standard errors on the
  quantile, or the CDFs crossing each probability within 6 binomial standard errors,
  so that atoms and gaps do not raise false alarms; below 1e-8 per comparison);
* ``engine="auto"`` gives what the engine it names gives;
* the same seed gives the same bits, twice and whatever the chunk size;
* nothing but a ``RangesError`` leaves the API.

Runs are reproducible: ``derandomize=True`` (examples from a hash of the test), no
example database, and fixed seeds inside the checks. The explicit ``@example``s are
faults found by these tests (shrunk), kept so that they are always tried first.
``benchmarks/bench_random_graphs.py`` runs the same checks over 10^4 graphs or more.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from graphs import (
    Graph,
    Outcome,
    check_agreement,
    check_auto,
    check_bounds,
    check_exceptions,
    check_reproducible,
    random_graph,
)
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

T = TypeVar("T")


class DrawChooser:
    """The generator's choices drawn by Hypothesis (so that it can shrink them)."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw

    def integer(self, low: int, high: int) -> int:
        return self.draw(st.integers(min_value=low, max_value=high))

    def pick(self, options: Sequence[T]) -> T:
        return self.draw(st.sampled_from(options))


@st.composite
def graphs(draw: st.DrawFn, **options: Any) -> Graph:
    return random_graph(DrawChooser(draw), **options)


def _settings(examples: int) -> Callable[[Any], Any]:
    return settings(max_examples=examples, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _passes(outcome: Outcome) -> None:
    assert not outcome.failures, "\n".join(f"{f.kind}: {f.detail}" for f in outcome.failures)


# -- faults found by these tests, shrunk --------------------------------------------------

#: an input used directly and through a unit relabel: Monte Carlo wrote x·y into the
#: array that x.to("people") shares with x, so the sum came out near 3.3, not 12.6
RELABEL_AND_REUSE = Graph.of('''
    x0 = rg.between(10, 12, shape="bounds", unit="troops")
    x1 = rg.between(0.1, 0.2, shape="bounds")
    model = x0.to("people") + (x0 * x1).to("people")
''')
#: a sum whose terms cancel, multiplied by another input: the exact engine built an
#: affine map with scale 0 (a bare ValueError from auto and exact)
CANCELLED_FACTOR = Graph.of('''
    x0 = rg.between(10, 12, shape="bounds")
    x1 = rg.between(0.1, 0.2, shape="bounds")
    model = (x0 - x0) * x1
''')
CANCELLED_QUOTIENT = Graph.of('''
    x0 = rg.between(10, 12, shape="bounds")
    model = (x0 - x0) / x0 + x0
''')
#: a square root of a square of a negative exact figure: the exact engine merged the
#: powers, (x·x)^0.5 = x, and gave −10 where every sampler gives 10
ROOT_OF_A_SQUARE = Graph.of('''
    x0 = rg.exactly(-10)
    model = (x0 * x0) ** 0.5
''')


# -- the invariants -------------------------------------------------------------------------

@_settings(60)
@given(graphs(bounded_only=True))
@example(RELABEL_AND_REUSE)
def test_every_draw_lies_inside_the_range_bounds(graph: Graph) -> None:
    _passes(check_bounds(graph))


@_settings(70)
@given(graphs())
@example(RELABEL_AND_REUSE)
@example(CANCELLED_FACTOR)
@example(CANCELLED_QUOTIENT)
@example(ROOT_OF_A_SQUARE)
def test_engines_agree_within_their_stated_errors(graph: Graph) -> None:
    _passes(check_agreement(graph))


@_settings(50)
@given(graphs())
@example(CANCELLED_FACTOR)
def test_auto_gives_what_the_engine_it_names_gives(graph: Graph) -> None:
    _passes(check_auto(graph))


@_settings(40)
@given(graphs())
@example(RELABEL_AND_REUSE)
def test_the_same_seed_gives_the_same_bits_whatever_the_chunk_size(graph: Graph) -> None:
    _passes(check_reproducible(graph))


@_settings(70)
@given(graphs(allow_domain_errors=True))
@example(CANCELLED_FACTOR)
@example(CANCELLED_QUOTIENT)
def test_only_ranges_errors_leave_the_api(graph: Graph) -> None:
    _passes(check_exceptions(graph))


# -- the checks themselves can fail -----------------------------------------------------

def test_the_checks_catch_a_wrong_answer_and_a_bare_exception() -> None:
    # a graph whose numpy reference differs from every engine (a program the engines
    # cannot see: the reference runs the source, the engines the graph built from it)
    class Skewed(Graph):
        def build(self) -> Any:
            return super().build() * 1.1

    skewed = Skewed(Graph.of('model = rg.between(10, 12, shape="bounds")').source)
    kinds = {f.kind for f in check_agreement(skewed).failures}
    assert kinds == {f"{engine} disagrees with the numpy reference"
                     for engine in ("exact", "qmc", "mc", "auto")}
    broken = Graph.of("model = rg.between(1, 2) + [1, 2][5]")
    assert [f.kind for f in check_exceptions(broken).failures] == ["bare IndexError from building"]

