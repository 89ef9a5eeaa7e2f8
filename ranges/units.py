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

from ranges.core import _units as _core_units
from ranges.core._unit_words import misspelling_of, plural, suggest
from ranges.core._units import (
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

#: The currencies ranges knows, by ISO code, each with the unit words that name it in
#: text: ``CURRENCIES["EUR"] == ("euro", "euros")``. Each is a dimension of its own.
CURRENCIES: dict[str, tuple[str, ...]] = _core_units.CURRENCIES

#: The headcount nouns, singular to plural (``"troop": "troops"``): all of them count
#: people, so they add up as ``person``.
HEADCOUNT_NOUNS: dict[str, str] = _core_units.HEADCOUNT_NOUNS

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
