"""Sources: pooling estimates that disagree (:func:`pool`), grading how far a source
can be trusted (:func:`grade`, :class:`GradingTable`) and a source's bias
(:meth:`Estimate.biased <ranges.core._graph.Estimate.biased>`).

* ``_pool``: linear and log pools of several sources' estimates of one quantity
* ``_grading``: the Admiralty grading (reliability A–F, credibility 1–6) as a reading
  adjustment, from a replaceable table (``ranges/data/source_grades.toml``)
* ``_bias``: "this source may overstate by up to 20%" as a factor of its own
"""

from ranges.sources._bias import biased
from ranges.sources._grading import GradeAdjustment, GradingTable, grade
from ranges.sources._pool import (
    PooledEstimate,
    PooledSource,
    PoolMethod,
    describe_pool,
    pool,
    pool_sources,
)

__all__ = [
    "GradeAdjustment",
    "GradingTable",
    "PoolMethod",
    "PooledEstimate",
    "PooledSource",
    "biased",
    "describe_pool",
    "grade",
    "pool",
    "pool_sources",
]
