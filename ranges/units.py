"""Units of ranges' estimates: the public face of :mod:`ranges.core._units`.

Estimates carry a ``pint`` unit, checked when an expression is built. Headcount nouns
(troops, workers, sappers, ...) all count people and add up as ``person``; currencies
are dimensions of their own; any other noun becomes a count unit of its own.

>>> import ranges as rg
>>> rg.units.label(rg.units.resolve("soldiers"))
'soldiers'
"""

from ranges.core._units import (
    CURRENCIES,
    HEADCOUNT_NOUNS,
    UnitContext,
    combine_add,
    combine_div,
    combine_mul,
    context,
    conversion_factor,
    declare_same,
    dimensionless,
    is_dimensionless,
    is_headcount,
    label,
    prepare_registry,
    registry,
    resolve,
    singular,
    use_registry,
)

__all__ = [
    "CURRENCIES",
    "HEADCOUNT_NOUNS",
    "UnitContext",
    "combine_add",
    "combine_div",
    "combine_mul",
    "context",
    "conversion_factor",
    "declare_same",
    "dimensionless",
    "is_dimensionless",
    "is_headcount",
    "label",
    "prepare_registry",
    "registry",
    "resolve",
    "singular",
    "use_registry",
]
