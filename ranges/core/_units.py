"""Units: the only module of ranges that imports pint.

Estimates carry a ``pint.Unit``; samples stay plain float arrays. Units are
combined and checked when an expression is built: this module says what the
result's unit is and by which constant factor each operand must be scaled.

ranges uses its own :class:`pint.UnitRegistry` (made on first use) so that pint's
application registry is never changed. It knows:

* headcount nouns (troops, soldiers, personnel, workers, sappers, deminers,
  people, persons, ...) as one dimension ``[headcount]`` with base unit
  ``person``, so troops + workers adds up;
* currencies (USD, EUR, GBP, ...), each its own dimension: no exchange rates are
  guessed;
* everything pint knows (km, t, %, ...), except that a word is never read as a
  prefixed unit unless the unit is a metric one ("cats" is not centi-atmospheres);
* any other noun becomes its own count unit on first use ("tanks").

Use your own registry with :func:`use_registry`.

>>> resolve("troops") == resolve("workers")
False
>>> combine_add(resolve("troops"), resolve("workers"))[0]
<Unit('person')>
>>> combine_add(resolve("km"), resolve("m"))
(<Unit('kilometer')>, 1.0, 0.001)
"""

from __future__ import annotations

import contextlib
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Final

import pint

from ranges.errors import UnitError


def _load_headcount_nouns() -> dict[str, str]:
    text = resources.files("ranges").joinpath("data/headcount_nouns.toml").read_text("utf-8")
    return {singular: plural for singular, plural in tomllib.loads(text)["nouns"]}


#: Nouns that count people, singular -> plural as people write it (the rows of
#: ``data/headcount_nouns.toml``, shared with the prose reader).
HEADCOUNT_NOUNS: dict[str, str] = _load_headcount_nouns()
_HEADCOUNT_SINGULAR: dict[str, str] = {
    form: singular for singular, plural in HEADCOUNT_NOUNS.items() for form in (singular, plural)
}
_EXTRA_PERSON_ALIASES = ("persons", "people", "head", "heads")

CURRENCIES: dict[str, tuple[str, ...]] = {
    "USD": ("dollar", "dollars", "US_dollar"),
    "EUR": ("euro", "euros"),
    "GBP": ("pound_sterling", "pounds_sterling"),
    "JPY": ("yen",),
    "CNY": ("yuan", "renminbi"),
    "RUB": ("rouble", "roubles", "ruble", "rubles"),
    "KRW": ("won",),
    "KPW": ("north_korean_won",),
    "UAH": ("hryvnia", "hryvnias"),
    "INR": ("rupee", "rupees"),
    "CHF": ("swiss_franc", "swiss_francs"),
}

# Metric base units that may carry an SI prefix when written as a word ("km", "kg").
_PREFIXABLE = frozenset({
    "meter", "gram", "second", "liter", "watt", "joule", "watt_hour", "metric_ton",
    "byte", "bit", "hertz", "volt", "ampere", "pascal", "newton", "calorie",
    "electron_volt", "mole", "kelvin", "tonne", "gray", "sievert", "becquerel",
})

_WORD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass
class UnitContext:
    """A pint registry prepared for ranges, with the display names it has learnt."""

    registry: Any
    plural: dict[str, str] = field(default_factory=dict)
    count_nouns: set[str] = field(default_factory=set)


def prepare_registry(registry: Any) -> UnitContext:
    """Define headcount nouns and currencies on ``registry`` and return its context.

    This adds definitions to the registry you pass; ranges never touches pint's
    application registry unless you pass it here yourself.

    >>> ctx = prepare_registry(pint.UnitRegistry())
    >>> str(ctx.registry.Unit("sappers"))
    'sapper'
    """
    ctx = UnitContext(registry=registry)
    _define(registry, "person = [headcount] = _ = " + " = ".join(_EXTRA_PERSON_ALIASES))
    ctx.plural["person"] = "people"
    for one, plural in HEADCOUNT_NOUNS.items():
        if one == "person":
            continue
        aliases = "" if plural == one else f" = _ = {plural}"
        _define(registry, f"{one} = person{aliases}")
        ctx.plural[one] = plural
    for code, names in CURRENCIES.items():
        alias_text = " = ".join(names)
        _define(registry, f"{code} = [currency_{code}] = _ = {alias_text}")
        ctx.plural[code] = code
    return ctx


def _define(registry: Any, definition: str) -> None:
    with contextlib.suppress(pint.errors.RedefinitionError):  # already prepared
        registry.define(definition)


def context() -> UnitContext:
    """The unit context in use: ``ranges.defaults.units``, made from a new registry of
    ranges' own on first use unless :func:`use_registry` was called."""
    from ranges._config import defaults

    ctx = defaults.units
    if ctx is None:
        ctx = defaults.units = prepare_registry(pint.UnitRegistry())
    assert isinstance(ctx, UnitContext)
    return ctx


def use_registry(registry: Any) -> UnitContext:
    """Use ``registry`` (a ``pint.UnitRegistry``) for every estimate built from now on.

    Headcount nouns and currencies are defined on it. Returns its context.
    """
    from ranges._config import defaults

    ctx = prepare_registry(registry)
    defaults.units = ctx
    return ctx


def registry() -> Any:
    """The pint registry in use."""
    return context().registry


def dimensionless() -> Any:
    """The dimensionless unit of the registry in use."""
    return registry().dimensionless


# Plurals the regular endings get wrong ("buses" is not the plural of "buse"); headcount
# nouns have their own table in data/headcount_nouns.toml.
_IRREGULAR_SINGULAR: Final = {
    "buses": "bus", "gases": "gas", "bonuses": "bonus", "viruses": "virus",
    "campuses": "campus", "censuses": "census", "statuses": "status",
    "heroes": "hero", "potatoes": "potato", "tomatoes": "tomato", "echoes": "echo",
    "vetoes": "veto", "torpedoes": "torpedo", "mice": "mouse", "geese": "goose",
    "feet": "foot", "teeth": "tooth", "knives": "knife", "lives": "life",
    "wives": "wife", "halves": "half", "leaves": "leaf", "shelves": "shelf",
    "thieves": "thief", "wolves": "wolf", "loaves": "loaf", "calves": "calf",
    "oxen": "ox", "aircraft": "aircraft", "sheep": "sheep", "fish": "fish",
    "deer": "deer", "series": "series", "species": "species", "crises": "crisis",
    "analyses": "analysis", "theses": "thesis", "axes": "axis", "indices": "index",
    "matrices": "matrix", "vertices": "vertex", "data": "data", "criteria": "criterion",
    "phenomena": "phenomenon", "media": "media", "dice": "die",
}  # fmt: skip


def singular(word: str) -> str:
    """The singular of an English noun, lower-cased: a headcount noun by its table row
    ("men" -> "man"), else by the regular endings ("casualties" -> "casualty",
    "tanks" -> "tank"); words in -ss, -us and -is stay as they are.

    >>> singular("Children"), singular("batteries"), singular("boxes"), singular("virus")
    ('child', 'battery', 'box', 'virus')
    >>> singular("buses"), singular("houses"), singular("knives")
    ('bus', 'house', 'knife')
    """
    lower = word.lower()
    known = _HEADCOUNT_SINGULAR.get(lower) or _IRREGULAR_SINGULAR.get(lower)
    if known is not None:
        return known
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes")):
        return lower[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(lower) > 2:
        return lower[:-1]
    return lower


def resolve(unit: Any) -> Any:
    """Turn a unit as written (``"troops"``, ``"km"``, ``"USD"``, a pint Unit, None)
    into a ``pint.Unit`` of the registry in use.

    >>> str(resolve("soldiers"))
    'soldier'
    >>> str(resolve(None))
    'dimensionless'
    """
    ctx = context()
    reg = ctx.registry
    if unit is None or unit == "":
        return reg.dimensionless
    if isinstance(unit, pint.Unit):
        if unit._REGISTRY is not reg:
            try:
                return reg.Unit(str(unit))
            except Exception as err:  # pint raises several kinds here
                raise UnitError(f"unit {unit!s} is not known to the registry in use") from err
        return unit
    if not isinstance(unit, str):
        raise UnitError(f"a unit must be a string such as 'troops' or 'km', got {unit!r}")
    text = unit.strip()
    if text in ("%", "percent", "per cent"):
        return reg.Unit("percent")
    words = text.split()
    if len(words) > 1:
        # "military construction workers": a headcount phrase if its last word is one
        last = singular(words[-1])
        if last in HEADCOUNT_NOUNS:
            return reg.Unit(last)
        text = "_".join(words)
    if _WORD.match(text):
        known = _known_unit(reg, text)
        if known is not None:
            return known
        return _count_unit(ctx, text)
    try:
        parsed = reg.parse_units(text)
    except Exception as err:  # pint raises several kinds here
        raise UnitError(f"cannot read {unit!r} as a unit: {err}") from err
    return parsed


# Plurals of unit symbols that people do write; pint accepts the plural of any symbol,
# which turns English nouns into units ("bus", "ins").
_SYMBOL_PLURALS: Final = frozenset({"lbs", "yds", "mins", "gals", "ozs", "mis"})


def _known_unit(reg: Any, word: str) -> Any | None:
    """A unit pint knows under this exact name, symbol or alias (prefixes only for
    metric units), or None."""
    try:
        candidates = reg.parse_unit_name(word)
    except Exception:  # pint raises several kinds for odd words
        return None
    for prefix, name, _suffix in candidates:
        definition = reg._units[name]
        if prefix == "" and word == definition.symbol + "s" and definition.symbol != name \
                and word[:-1] not in definition.aliases and word not in _SYMBOL_PLURALS:
            continue  # pint reads "bus" as bushels ("bu" + s), "ins" as inches
        if prefix == "" or name in _PREFIXABLE:
            return reg.Unit(prefix + name)
    return None


def _count_unit(ctx: UnitContext, word: str) -> Any:
    """Define (once) and return a new count unit for an unknown noun."""
    reg = ctx.registry
    one = singular(word)
    if one not in ctx.count_nouns:
        plural = word if word.lower() != one else one + "s"
        aliases = f" = _ = {plural}" if plural != one else ""
        try:
            reg.define(f"{one} = [count_{one}]{aliases}")
        except Exception as err:  # pint raises several kinds for odd names
            raise UnitError(f"cannot use {word!r} as a unit: {err}") from err
        ctx.count_nouns.add(one)
        ctx.plural[one] = plural
    return reg.Unit(one)


def declare_same(noun: str, as_unit: str = "person") -> None:
    """Declare a noun to be counted in the same unit as another, so they add.

    >>> declare_same("tankers", as_unit="vehicles")
    >>> combine_add(resolve("tankers"), resolve("vehicles"))[1:]
    (1.0, 1.0)
    """
    ctx = context()
    target = resolve(as_unit)
    one = singular(noun)
    plural = noun if noun.lower() != one else one + "s"
    aliases = f" = _ = {plural}" if plural != one else ""
    if one in ctx.count_nouns or _known_unit(ctx.registry, one) is not None:
        raise UnitError(
            f"{noun!r} is already a unit of its own; declare it before first using it"
        )
    ctx.registry.define(f"{one} = {target}{aliases}")
    ctx.plural[one] = plural


def is_dimensionless(unit: Any) -> bool:
    """Whether ``unit`` has no dimension (plain numbers, %, ...)."""
    return bool(unit.dimensionless)


def is_headcount(unit: Any) -> bool:
    """Whether ``unit`` counts people."""
    return bool(unit.dimensionality == registry().Unit("person").dimensionality)


def _factor(source: Any, target: Any) -> float:
    return float(registry().Quantity(1.0, source).to(target).magnitude)


def combine_add(left: Any, right: Any) -> tuple[Any, float, float]:
    """Unit of ``left + right`` and the factors each side is multiplied by first.

    Headcount nouns that differ add up as ``person``; otherwise the left unit wins.
    """
    if left == right:
        return left, 1.0, 1.0
    if left.dimensionality != right.dimensionality:
        left_name, right_name = label(left) or "a plain number", label(right) or "a plain number"
        message = (
            f"cannot add or compare {left_name} and {right_name}: they measure different "
            f"things ({left.dimensionality} vs {right.dimensionality})"
        )
        custom = [u for u in (right, left) if str(u) in context().count_nouns]
        if custom:
            other = left if custom[0] is right else right
            message += (
                f". If they count the same thing, declare it before building the estimate: "
                f"ranges.units.declare_same('{label(custom[0])}', as_unit='{label(other)}')"
            )
        elif left.dimensionless or right.dimensionless:
            message += ". Give the plain number a unit, e.g. ranges.exactly(5, unit='troops')"
        raise UnitError(message)
    if is_headcount(left) and is_headcount(right):
        person = registry().Unit("person")
        return person, _factor(left, person), _factor(right, person)
    return left, 1.0, _factor(right, left)


def combine_mul(left: Any, right: Any) -> tuple[Any, float]:
    """Unit of ``left * right`` and a constant factor for the product.

    Scaled dimensionless units (%, ppm) are folded into the factor, so
    20 % × troops is troops with factor 0.01.
    """
    return _fold_dimensionless(left * right)


def combine_div(left: Any, right: Any) -> tuple[Any, float]:
    """Unit of ``left / right`` and a constant factor (see :func:`combine_mul`)."""
    return _fold_dimensionless(left / right)


def _fold_dimensionless(unit: Any) -> tuple[Any, float]:
    reg = registry()
    if unit.dimensionless:
        return reg.dimensionless, _factor(unit, reg.dimensionless)
    # strip scaled-dimensionless pieces such as percent from a product
    factor = 1.0
    kept = reg.dimensionless
    for name, power in unit._units.items():
        piece = reg.Unit(name) ** power
        if piece.dimensionless:
            factor *= _factor(piece, reg.dimensionless)
        else:
            kept = kept * piece
    return kept, factor


def combine_pow(base: Any, exponent: float) -> Any:
    """Unit of ``base ** exponent``."""
    return base**exponent


def require_dimensionless(unit: Any, operation: str) -> float:
    """Factor that turns ``unit`` into a plain number, or a UnitError naming ``operation``."""
    if not unit.dimensionless:
        raise UnitError(
            f"{operation} needs a plain number, but the estimate is in {label(unit)}; "
            "divide by a quantity of the same unit first"
        )
    return _factor(unit, registry().dimensionless)


def conversion_factor(source: Any, target: Any) -> float:
    """Factor turning values in ``source`` into values in ``target``.

    >>> conversion_factor(resolve("km"), resolve("m"))
    1000.0
    """
    source, target = resolve(source), resolve(target)
    if source.dimensionality != target.dimensionality:
        raise UnitError(f"cannot convert {label(source)} to {label(target)}")
    return _factor(source, target)


def label(unit: Any, plural: bool = True) -> str:
    """How a unit is written in text: ``troops``, ``km``, ``USD``, ``%`` or ''.

    >>> label(resolve("troops")), label(resolve("km")), label(resolve(None))
    ('troops', 'km', '')
    """
    if unit.dimensionless and str(unit) == "dimensionless":
        return ""
    ctx = context()
    name = str(unit)
    if name in ctx.plural:
        return ctx.plural[name] if plural else name
    if name == "percent":
        return "%"
    return f"{unit:~P}"


# -- placeholders until the unit system lands (lead's branch; the units branch replaces)
def conversion(source: Any, target: Any) -> tuple[float, float]:
    """``(factor, offset)`` with ``target = source × factor + offset``."""
    return conversion_factor(source, target), 0.0


def to_text(unit: Any) -> str:
    """The unit as text that :func:`resolve` reads back."""
    return str(unit)
