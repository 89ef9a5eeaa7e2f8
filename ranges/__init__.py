"""ranges: turn the figures people write into uncertain quantities, combine them,
and say what the total is, how sure we can be, and why.

>>> import ranges as rg
>>> last_fall = rg.between(10_000, 12_000, unit="troops")
>>> this_year = rg.between(3_000, 4_000, unit="troops")
>>> total = last_fall + this_year
>>> total.bounds()
Interval(13000, 16000)
>>> print(total)
14,400 troops (90% interval 13,400–15,600); ranges added end to end: 13,000–16,000
"""

from __future__ import annotations

from typing import Any

from ranges import format, units
from ranges._config import Defaults, defaults
from ranges.core._correlate import Correlated, correlate
from ranges.core._graph import Estimate, maximum, minimum, mixture
from ranges.core._interval import Interval
from ranges.core._timeline import Timeline, TimelineEvent, timeline
from ranges.engines._dependence import (
    DependenceBounds,
    PBox,
    dependence_bounds,
    dependence_pbox,
)
from ranges.errors import (
    BoundsError,
    CorrelationError,
    DependenceError,
    DivisorRangeError,
    EngineError,
    InputError,
    ParseError,
    RangesError,
    ReadingError,
    SampleSizeError,
    SpecError,
    UnitError,
    UnknownUnitError,
)
from ranges.reading._constructors import (
    about,
    at_least,
    at_most,
    bernoulli,
    between,
    exactly,
    from_scipy,
    lognormal,
    loguniform,
    normal,
    pert,
    plus_minus,
    student_t,
    triangular,
    uniform,
    vague,
)
from ranges.reading._policy import Reading
from ranges.report._model import (
    Combine,
    Correlation,
    Report,
    ReportInput,
    ShowOptions,
    load_report,
)
from ranges.report._sensitivity import (
    Sensitivity,
    SensitivityRow,
    SourceSpread,
    VarianceSplit,
    sensitivity,
    variance_split,
)
from ranges.report._spec import spec_json_schema
from ranges.report._summary import Contribution, Summary, contributions
from ranges.sources._grading import GradingTable, grade
from ranges.sources._pool import PooledSource, PoolMethod, pool, pool_sources
from ranges.text._build import parse
from ranges.text._extract import extract
from ranges.text._figure import Figure
from ranges.text._totals import Alternatives, Total, total

#: The version of ranges, as in pyproject.toml (``"0.1.0"``).
__version__ = "0.1.0"

__all__ = [
    "Alternatives",
    "BoundsError",
    "Combine",
    "Contribution",
    "Correlated",
    "Correlation",
    "CorrelationError",
    "Defaults",
    "DependenceBounds",
    "DependenceError",
    "DivisorRangeError",
    "EngineError",
    "Estimate",
    "Figure",
    "GradingTable",
    "InputError",
    "Interval",
    "PBox",
    "ParseError",
    "PoolMethod",
    "PooledSource",
    "RangesError",
    "Reading",
    "ReadingError",
    "Report",
    "ReportInput",
    "SampleSizeError",
    "Sensitivity",
    "SensitivityRow",
    "ShowOptions",
    "SourceSpread",
    "SpecError",
    "Summary",
    "Timeline",
    "TimelineEvent",
    "Total",
    "UnitError",
    "UnknownUnitError",
    "VarianceSplit",
    "__version__",
    "about",
    "at_least",
    "at_most",
    "bernoulli",
    "between",
    "contributions",
    "correlate",
    "defaults",
    "dependence_bounds",
    "dependence_pbox",
    "exactly",
    "extract",
    "format",
    "from_scipy",
    "grade",
    "load_report",
    "lognormal",
    "loguniform",
    "maximum",
    "minimum",
    "mixture",
    "normal",
    "parse",
    "pert",
    "plot",
    "plus_minus",
    "pool",
    "pool_sources",
    "sensitivity",
    "spec_json_schema",
    "student_t",
    "timeline",
    "total",
    "triangular",
    "uniform",
    "units",
    "vague",
    "variance_split",
]


def __getattr__(name: str) -> Any:
    # plot loads on first use (it pulls in matplotlib)
    if name == "plot":
        import importlib

        return importlib.import_module(".plot", __name__)
    raise AttributeError(f"module 'ranges' has no attribute {name!r}")
