"""Units of ranges' estimates: the public face of :mod:`ranges.core._units`.

Estimates carry a ``pint`` unit, checked when an expression is built. Headcount nouns
(troops, workers, sappers, ...) all count people and add up as ``person``; currencies
are dimensions of their own; any other noun becomes a count unit of its own, unless it
looks like a misspelling of a known word ("tropos"), which is refused with suggestions.

One :class:`UnitSystem` owns the pint registry and the declarations; the one in force is
``ranges.defaults.units``. Extend it with :func:`declare_same` (count a noun the same as
another), :func:`define_count_noun` (a count noun of its own, also one refused as a
likely misspelling), :func:`use_registry` (your own pint registry); keep changes to a
block with :func:`scoped`.

>>> import ranges as rg
>>> rg.units.label(rg.units.resolve("soldiers"))
'soldiers'
>>> with rg.units.scoped():
...     rg.units.declare_same("gunners", as_unit="troops")
...     print(rg.exactly(10, unit="gunners") + rg.exactly(5, unit="troops"))
15 people (exact)
"""

from ranges.core._unit_words import misspelling_of, plural, suggest
from ranges.core._units import (
    CURRENCIES,
    HEADCOUNT_NOUNS,
    UnitContext,
    UnitSystem,
    combine_add,
    combine_compare,
    combine_div,
    combine_mul,
    combine_pow,
    combine_sub,
    context,
    conversion,
    conversion_factor,
    current,
    declare_same,
    define_count_noun,
    dimensionless,
    is_dimensionless,
    is_headcount,
    label,
    prepare_registry,
    registry,
    require_dimensionless,
    resolve,
    scoped,
    singular,
    to_text,
    use_registry,
)

__all__ = [
    "CURRENCIES",
    "HEADCOUNT_NOUNS",
    "UnitContext",
    "UnitSystem",
    "combine_add",
    "combine_compare",
    "combine_div",
    "combine_mul",
    "combine_pow",
    "combine_sub",
    "context",
    "conversion",
    "conversion_factor",
    "current",
    "declare_same",
    "define_count_noun",
    "dimensionless",
    "is_dimensionless",
    "is_headcount",
    "label",
    "misspelling_of",
    "plural",
    "prepare_registry",
    "registry",
    "require_dimensionless",
    "resolve",
    "scoped",
    "singular",
    "suggest",
    "to_text",
    "use_registry",
]
