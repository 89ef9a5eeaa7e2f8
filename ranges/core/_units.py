"""Units: the unit system of ranges, and the rules that combine and convert units.

Estimates carry a ``pint.Unit``; samples stay plain float arrays. Units are
combined and checked when an expression is built: this module says what the
result's unit is and by which constant factor each operand must be scaled.

**The unit system.** One :class:`UnitSystem` owns everything about units: a pint
registry of ranges' own (made on first use, so ``import ranges`` does not import
pint; pint's application registry is never changed), the nouns defined on it and the
user's declarations. The one in force is ``ranges.defaults.units``; the functions
of this module act on it. It knows

* headcount nouns (troops, soldiers, personnel, workers, sappers, deminers, people,
  ...) as one dimension ``[headcount]`` with base unit ``person``, so troops + workers
  adds up;
* currencies (USD, EUR, GBP, ...), each its own dimension: no exchange rates are
  guessed;
* everything pint knows (km, t, %, degC, ...), except that a word is never read as a
  prefixed unit unless it is written as one ("km", "kilometres"; "cats" is not
  centi-atmospheres, "camps" not centi-amperes), and that a few pint units that are
  ordinary nouns in reports ("bags", "points", "quarters") are read as nouns;
* any other noun becomes its own count unit on first use ("tanks"), unless it looks
  like a misspelling of a known word ("tropos"): that is refused with suggestions
  (:class:`ranges.errors.UnknownUnitError`; the rule is in
  :mod:`ranges.core._unit_words`).

**Extending it.**

========================================  ==============================================
to                                        call
========================================  ==============================================
count a noun the same as another          ``declare_same("gunners", as_unit="troops")``
  (so they add up)                        (before first using the noun)
define a count noun explicitly (also one  ``define_count_noun("tropos")``, or write the
  refused as a likely misspelling)        unit as ``"count:tropos"``
use your own pint registry                ``use_registry(pint.UnitRegistry())``
make changes that end with a block        ``with scoped(): ...`` (a child system: it
  (tests: one per test)                   starts with the current declarations and
                                          forgets its own at the end of the block)
========================================  ==============================================

Systems made by :func:`scoped` share their parent's pint registry (making a pint
registry takes a third of a second), so a noun declared in one never changes what
another reads: a declared noun gets a pint name of its own when the plain one is
taken. A unit is written as text with :func:`to_text` and read back with
:func:`resolve` (in any process: count nouns are defined again).

**Offset units** (degC, degF) follow pint's rules: two absolute temperatures are
not added, multiplied or divided; their difference is a ``delta_`` unit; a change
(delta_degC) may be added to or subtracted from a temperature. :func:`conversion`
gives a conversion's factor and offset.

>>> resolve("troops") == resolve("workers")
False
>>> combine_add(resolve("troops"), resolve("workers"))[0]
<Unit('person')>
>>> combine_add(resolve("km"), resolve("m"))
(<Unit('kilometer')>, 1.0, 0.001)
>>> conversion(resolve("degC"), resolve("degF"))
(1.7999999999999998, 32.0)
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from ranges.core._unit_words import (
    CURRENCIES,
    HEADCOUNT_NOUNS,
    PERSON_ALIASES,
    is_typing_slip,
    misspelling_of,
    plural,
    singular,
    suggest,
)
from ranges.errors import RangesError, UnitError, UnknownUnitError

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

# Metric base units that may carry an SI prefix ("km", "kg", "kilotonnes").
_PREFIXABLE: Final = frozenset({
    "meter", "gram", "second", "liter", "watt", "joule", "watt_hour", "metric_ton",
    "byte", "bit", "hertz", "volt", "ampere", "pascal", "newton", "calorie",
    "electron_volt", "mole", "kelvin", "tonne", "gray", "sievert", "becquerel",
})  # fmt: skip
# Prefixes that turn English words into units ("dams" is not decametres).
_UNUSED_PREFIXES: Final = frozenset({"deca", "hecto"})
# pint units whose names are ordinary nouns in reports: read as count nouns.
_ORDINARY_NOUNS: Final = frozenset({
    "bag", "barn", "candle", "circle", "count", "dot", "hand", "jig", "league", "link",
    "particle", "point", "pole", "pond", "quarter", "section", "shake", "shot", "strain",
    "turn", "fifth",
})  # fmt: skip
# Plurals of unit symbols that people do write; pint accepts the plural of any symbol,
# which turns English nouns into units ("bus", "ins").
_SYMBOL_PLURALS: Final = frozenset({"lbs", "yds", "mins", "gals", "ozs", "mis"})

_WORD: Final = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_EXPLICIT: Final = "count:"
_TOKEN: Final = re.compile(r"(?:count:)?°?[^\W\d]\w*|%")
_OPERATORS: Final = re.compile(r"[*/^()]")


@contextlib.contextmanager
def _pint_errors(what: str | Callable[[], str]) -> Iterator[None]:
    """The one place where pint's exceptions become :class:`UnitError` (``what`` says
    what failed; a function is called only when something did)."""
    try:
        yield
    except RangesError:
        raise
    except Exception as err:  # pint raises many kinds (and ValueError, AttributeError)
        raise UnitError(f"{what if isinstance(what, str) else what()}: {err}") from err


# -- the pint registry and the nouns defined on it ----------------------------------------


class NounKind(StrEnum):
    """How a noun that ranges defined on a pint registry is counted."""

    COUNT = "count"  # its own dimension ("tank")
    SAME_AS = "same as"  # declared to be the same as another unit


@dataclass(frozen=True)
class _Noun:
    singular: str
    plural: str
    kind: NounKind


def _new_pint_registry() -> Any:
    """A new pint registry with pint's default definitions, parsed from pint's own disk
    cache when it can (``cache_folder=":auto:"``, in the user's cache folder: about
    0.03 s instead of 0.4 s from the second process on), without it when that folder
    cannot be used."""
    import pint

    try:
        return pint.UnitRegistry(cache_folder=":auto:")
    except (OSError, ImportError, ValueError):  # no writable cache folder, no platformdirs
        return pint.UnitRegistry()


class _Registry:
    """A pint registry prepared for ranges (headcount nouns, currencies) and the nouns
    defined on it by every unit system that uses it."""

    def __init__(self, pint_registry: Any | None) -> None:
        self.lock = threading.RLock()
        self.own = pint_registry is None
        self.nouns: dict[str, _Noun] = {}  # pint name -> noun
        self.count_names: dict[str, str] = {}  # singular -> pint name of its count unit
        self._pint = pint_registry
        if pint_registry is not None:
            self._prepare(pint_registry)

    @staticmethod
    def of(pint_registry: Any) -> _Registry:
        """The ranges state of a pint registry (prepared now if it was not)."""
        found = getattr(pint_registry, "_ranges_registry", None)
        return found if isinstance(found, _Registry) else _Registry(pint_registry)

    @property
    def pint(self) -> Any:
        """The pint registry, made (and pint imported) on first use."""
        if self._pint is None:
            with self.lock:
                if self._pint is None:
                    self._prepare(_new_pint_registry())
        return self._pint

    def _prepare(self, reg: Any) -> None:
        if getattr(reg, "_ranges_registry", None) is None:
            _define_known_units(reg)
            reg._ranges_registry = self
        self._pint = reg

    def define_noun(self, one: str, definition: str, noun: _Noun) -> str:
        """Define ``one`` (``name = definition``) under the first free pint name among
        one, one_2, one_3, ...; return the name."""
        with self.lock:
            for k in range(1, 100):
                name = one if k == 1 else f"{one}_{k}"
                if name in self.nouns or self._taken(name):
                    continue
                with _pint_errors(f"cannot use {noun.plural!r} as a unit"):
                    self.pint.define(f"{name} = {definition.format(name=name)}")
                self.nouns[name] = noun
                return name
        raise UnitError(f"cannot find a free unit name for {one!r}")  # pragma: no cover

    def _taken(self, name: str) -> bool:
        # pint would silently ignore (or redefine) a name, alias or symbol it has
        return name in self.pint._units

    def count_unit(self, one: str, many: str) -> str:
        """The pint name of the count unit for the noun ``one`` (defined on first use)."""
        with self.lock:
            name = self.count_names.get(one)
            if name is None:
                name = self.define_noun(one, "[count_{name}]", _Noun(one, many, NounKind.COUNT))
                self.count_names[one] = name
            return name


def _define_known_units(reg: Any) -> None:
    """Headcount nouns and currencies, on a registry ranges has not prepared before."""

    def define(definition: str) -> None:
        import pint

        with contextlib.suppress(pint.errors.RedefinitionError):  # the user's own
            reg.define(definition)

    define("person = [headcount] = _ = " + " = ".join(PERSON_ALIASES))
    for one, many in HEADCOUNT_NOUNS.items():
        if one != "person":
            define(f"{one} = person" + ("" if many == one else f" = _ = {many}"))
    for code, names in CURRENCIES.items():
        define(f"{code} = [currency_{code}] = _ = " + " = ".join(names))
    if "kn" not in reg:  # the knot's symbol in pint from 0.24 on; older pint knows only "kt"
        define("@alias knot = kn")
    # geological time: "66 Ma" is 66 million years ago, not 66 counts of "ma" (pint reads
    # no prefix on a year, and ranges reads no prefix on a word that is not written as one)
    # the hundredths people name: "50 cents" is half a US dollar, "20 pence" a fifth of
    # a pound ("3 dollars 50 cents" then reads as one amount, 3.50 USD)
    define("cent = 0.01 * USD = _ = cents")
    define("penny = 0.01 * GBP = _ = pence = pennies")
    define("kiloannum = 1e3 * year = ka = kyr")
    define("megaannum = 1e6 * year = Ma = Myr")
    define("gigaannum = 1e9 * year = Ga = Gyr")


def _nouns_of(unit: Any) -> dict[str, _Noun]:
    """The nouns ranges defined on the registry of ``unit`` (none if it never used it)."""
    state = getattr(unit._REGISTRY, "_ranges_registry", None)
    return state.nouns if isinstance(state, _Registry) else {}


# -- the unit system --------------------------------------------------------------------


class UnitSystem:
    """Everything about units: a pint registry, the nouns defined on it and the
    declarations made on this system.

    ``UnitSystem()`` uses a pint registry of ranges' own, made on first use;
    ``UnitSystem(registry)`` uses yours (headcount nouns and currencies are defined on
    it). :meth:`child` makes a system that shares the registry but not the
    declarations.

    >>> system = UnitSystem()
    >>> system.declare_same("gunners", as_unit="troops")
    >>> system.resolve("gunners").dimensionality == system.resolve("troops").dimensionality
    True
    >>> UnitSystem().resolve("gunners").dimensionality
    <UnitsContainer({'[count_gunner]': 1})>
    """

    def __init__(self, registry: Any = None) -> None:
        self._shared = _Registry(None) if registry is None else _Registry.of(registry)
        self._names: dict[str, str] = {}  # singular -> pint name: declared, explicit
        self._counted: set[str] = set()  # singulars used here as count nouns
        self._history: list[tuple[str, str, str]] = []

    # -- making and copying ------------------------------------------------------------
    def child(self) -> UnitSystem:
        """A system that starts with this one's declarations and shares its registry;
        what is declared in one is not seen by the other."""
        other = UnitSystem.__new__(UnitSystem)
        with self._shared.lock:
            other._shared = self._shared
            other._names = dict(self._names)
            other._counted = set(self._counted)
            other._history = list(self._history)
        return other

    @property
    def declarations(self) -> tuple[tuple[str, str, str], ...]:
        """What was declared, in order: ``("same", noun, unit as text)`` and
        ``("count", noun, plural)``."""
        return tuple(self._history)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        if not self._shared.own:
            raise UnitError(
                "a unit system on your own pint registry cannot be pickled (pint registries "
                "cannot); pickle the estimates (their units are stored as text) and call "
                "use_registry() again after loading"
            )
        return _restore_system, (self.declarations,)

    @property
    def registry(self) -> Any:
        """The pint registry (made, and pint imported, on first use)."""
        return self._shared.pint

    # -- declaring ---------------------------------------------------------------------
    def declare_same(self, noun: str, as_unit: str = "person") -> None:
        """Count ``noun`` in the same unit as ``as_unit``, so that they add up."""
        target = self.resolve(as_unit)
        one = singular(noun)
        with self._shared.lock:
            if one in self._names and self._declared_as(one, target):
                return  # the same declaration again (a notebook cell run twice)
            if one in self._names or one in self._counted or self._real_unit(one):
                raise UnitError(
                    f"{noun!r} is already a unit of its own; declare it before first using it"
                )
            many = noun if noun.lower() != one else plural(one)
            definition = to_text(target) or "dimensionless"
            name = self._shared.define_noun(
                one, _pint_text(target), _Noun(one, many, NounKind.SAME_AS)
            )
            self._names[one] = name
            self._history.append(("same", noun, definition))

    def _declared_as(self, one: str, target: Any) -> bool:
        name = self._names[one]
        if self._shared.nouns[name].kind is not NounKind.SAME_AS:
            return False
        declared = self.registry.Unit(name)
        return bool(declared.dimensionality == target.dimensionality
                    and _factor(declared, target) == 1.0)

    def define_count_noun(self, noun: str, plural_form: str | None = None) -> Any:
        """Define ``noun`` as a count unit of its own, even a word refused as a likely
        misspelling; returns the unit."""
        one = singular(noun)
        with self._shared.lock:
            if one in self._names:
                name = self._names[one]
                if self._shared.nouns[name].kind is not NounKind.COUNT:
                    raise UnitError(f"{noun!r} is declared to be the same as another unit")
                return self.registry.Unit(name)
            if self._real_unit(noun) or self._real_unit(one) or one in HEADCOUNT_NOUNS:
                raise UnitError(f"{noun!r} is already a unit: {self.resolve(noun)}")
            many = plural_form or (noun if noun.lower() != one else plural(one))
            name = self._shared.count_unit(one, many)
            self._names[one] = name
            self._history.append(("count", noun, many))
            return self.registry.Unit(name)

    # -- reading -----------------------------------------------------------------------
    def resolve(self, unit: Any) -> Any:
        """A unit as written (``"troops"``, ``"km/h"``, a pint Unit, None) as a
        ``pint.Unit`` of this system's registry; see :func:`resolve`."""
        if unit is None or unit in ("", "dimensionless"):
            return self.registry.dimensionless
        if isinstance(unit, str):
            return self._read_text(unit.strip())
        import pint

        if isinstance(unit, pint.Unit):
            if unit._REGISTRY is self.registry:
                return unit
            return self._read_text(to_text(unit))
        raise UnitError(f"a unit must be a string such as 'troops' or 'km', got {unit!r}")

    def _read_text(self, text: str) -> Any:
        if text in ("%", "percent", "per cent"):
            return self.registry.Unit("percent")
        if _OPERATORS.search(text):
            return self._read_expression(text)
        words = text.split()
        if len(words) > 1:
            return self._read_phrase(words)
        return self._read_word(text)

    def _read_phrase(self, words: list[str]) -> Any:
        """"military construction workers", "tonnes per year", "degrees Celsius"."""
        if "per" in words[1:-1]:
            at = words.index("per", 1)
            return self._read_phrase(words[:at]) / self._read_phrase(words[at + 1:])
        if len(words) == 1:
            return self._read_word(words[0])
        last = singular(words[-1])
        if last in HEADCOUNT_NOUNS:
            return self.registry.Unit(last)
        if misspelling_of(words[-1]):
            self._refuse(words[-1])
        for joined in ("_".join(words), "_".join([singular(words[0]), *words[1:]])):
            known = self._real_unit(joined)
            if known is not None:
                return known
        return self._read_word("_".join(words))

    def _read_expression(self, text: str) -> Any:
        """"km/h", "USD / EUR", "tank / day": each word read as a unit, then the
        expression by pint."""

        def pint_name(match: re.Match[str]) -> str:
            return _pint_text(self._read_word(match.group(0)))

        rewritten = _TOKEN.sub(pint_name, text)
        with _pint_errors(f"cannot read {text!r} as a unit"):
            return self.registry.parse_units(rewritten)

    def _read_word(self, word: str) -> Any:
        if word == "%":
            return self.registry.Unit("percent")
        if word.startswith(_EXPLICIT):
            return self.define_count_noun(word[len(_EXPLICIT):])
        one = singular(word)
        reg = self.registry
        with self._shared.lock:
            if one in self._names:
                return reg.Unit(self._names[one])
            if one in HEADCOUNT_NOUNS or word.lower() in PERSON_ALIASES:
                return reg.Unit(one if one in HEADCOUNT_NOUNS else "person")
            known = self._real_unit(word)
            if known is not None:
                return known
            if not _WORD.match(word):
                with _pint_errors(f"cannot read {word!r} as a unit"):
                    return reg.parse_units(word)
            if misspelling_of(word):
                self._refuse(word)
            self._counted.add(one)
            many = word if word.lower() != one else plural(one)
            return reg.Unit(self._shared.count_unit(one, many))

    @staticmethod
    def _refuse(word: str) -> None:
        options = suggest(word)
        quoted = " or ".join(repr(s) for s in options[:3])
        raise UnknownUnitError(
            f"{word!r} is not a unit ranges knows and looks like a misspelling: did you "
            f"mean {quoted}? If it is a noun of its own, define it first with "
            f"ranges.units.define_count_noun({word!r}) or write the unit as "
            f"'{_EXPLICIT}{word}'",
            word,
            tuple(options),
        )

    def _real_unit(self, word: str) -> Any | None:
        """A unit pint knows under this name, symbol or alias (prefixed only when written
        as a prefixed metric unit; not a noun ranges defined), or None."""
        if not _WORD.match(word) and not word.startswith("°"):
            return None
        found = self._pint_candidate(word)
        if found is None and word.endswith("s") and not set(word) & set("aeiouy"):
            found = self._pint_candidate(word[:-1], prefixed_only=True)  # "kgs"
        return found

    def _pint_candidate(self, word: str, prefixed_only: bool = False) -> Any | None:
        reg = self.registry
        try:
            candidates = reg.parse_unit_name(word)
        except Exception:  # pint raises several kinds for odd words
            return None
        for prefix, name, suffix in candidates:
            if name in self._shared.nouns or name in _ORDINARY_NOUNS:
                continue
            if prefix == "" and not prefixed_only:
                if not _misread_symbol_plural(reg, word, name):
                    return reg.Unit(name)
            elif prefix and _written_prefixed(reg, word[: len(word) - len(suffix)], prefix, name):
                return reg.Unit(prefix + name)
        return None

    # -- writing -----------------------------------------------------------------------
    def label(self, unit: Any, plural: bool = True) -> str:
        """How a unit is written in text; see :func:`label`."""
        if unit.dimensionless and str(unit) == "dimensionless":
            return ""
        name = str(unit)
        noun = _nouns_of(unit).get(name)
        if noun is not None:
            return noun.plural if plural else noun.singular
        if name in CURRENCIES:
            return name
        if name in HEADCOUNT_NOUNS:
            return HEADCOUNT_NOUNS[name] if plural else name
        if name == "percent":
            return "%"
        return f"{unit:~P}"


def _restore_system(history: tuple[tuple[str, str, str], ...]) -> UnitSystem:
    system = UnitSystem()
    for kind, noun, detail in history:
        if kind == "same":
            system.declare_same(noun, as_unit=detail or "dimensionless")
        else:
            system.define_count_noun(noun, detail)
    return system


def _misread_symbol_plural(reg: Any, word: str, name: str) -> bool:
    """Whether pint reads an English plural as the plural of a symbol ("bus" as
    bushels, "ins" as inches)."""
    definition = reg._units[name]
    symbol = definition.symbol
    return bool(
        symbol and word == symbol + "s" and symbol != name
        and word[:-1] not in definition.aliases and word not in _SYMBOL_PLURALS
    )


def _written_prefixed(reg: Any, core: str, prefix: str, name: str) -> bool:
    """Whether ``core`` is a metric unit written with its prefix: symbol with symbol
    ("km", "mL") or name with name ("kilometre"), not a mix ("camp" is not c + amp)."""
    if name not in _PREFIXABLE or prefix in _UNUSED_PREFIXES:
        return False
    pre, unit = reg._prefixes[prefix], reg._units[name]
    prefix_symbols = {pre.symbol, *(a for a in pre.aliases if len(a) <= 2)}
    unit_symbols = {unit.symbol, *(a for a in unit.aliases if len(a) <= 2)}
    written = {core, core.removesuffix("s"), core.removesuffix("es")}  # pint reads plurals
    by_symbol = any(p + u in written for p in prefix_symbols if p for u in unit_symbols if u)
    by_name = any(prefix + u in written for u in (name, *unit.aliases))
    return by_symbol or by_name


def _pint_text(unit: Any) -> str:
    """A unit as pint reads it back in the same registry (its own names)."""
    if not unit._units:
        return "1"
    if len(unit._units) == 1:
        (name, power), = unit._units.items()
        if power == 1:
            return str(name)
    return f"({unit})"


# -- the system in force ----------------------------------------------------------------

_MAKING: Final = threading.Lock()


def current() -> UnitSystem:
    """The unit system in force: ``ranges.defaults.units`` (a new one when that is None).

    >>> isinstance(current(), UnitSystem)
    True
    """
    from ranges._config import defaults

    system = defaults.units
    if system is None:
        with _MAKING:
            system = defaults.units
            if system is None:
                system = defaults.units = UnitSystem()
    return system


#: The old name of :func:`current`.
context = current
#: The old name of :class:`UnitSystem`.
UnitContext = UnitSystem


@contextlib.contextmanager
def scoped(system: UnitSystem | None = None) -> Iterator[UnitSystem]:
    """Use ``system`` (by default a :meth:`~UnitSystem.child` of the one in force)
    inside a ``with`` block, in this thread or asyncio task only.

    >>> with scoped():
    ...     declare_same("riflemen", as_unit="troops")
    ...     label(combine_add(resolve("riflemen"), resolve("troops"))[0])
    'people'
    >>> label(resolve("riflemen"))
    'riflemen'
    """
    from ranges._config import defaults

    chosen = current().child() if system is None else system
    with defaults.using(units=chosen):
        yield chosen


def prepare_registry(registry: Any) -> UnitSystem:
    """A unit system on ``registry`` (a ``pint.UnitRegistry``): headcount nouns and
    currencies are defined on it; ranges never touches pint's application registry
    unless you pass it here yourself.

    >>> import pint
    >>> str(prepare_registry(pint.UnitRegistry()).registry.Unit("sappers"))
    'sapper'
    """
    return UnitSystem(registry)


def use_registry(registry: Any) -> UnitSystem:
    """Use ``registry`` (a ``pint.UnitRegistry``) for every estimate built from now on
    (assigned to ``ranges.defaults.units``: inside a ``defaults.using`` block, until
    its end). Headcount nouns and currencies are defined on it. Returns its system.

    >>> import pint
    >>> import ranges as rg
    >>> with rg.defaults.using():
    ...     system = rg.units.use_registry(pint.UnitRegistry())
    ...     rg.units.is_headcount(rg.units.resolve("troops"))
    True
    """
    from ranges._config import defaults

    system = UnitSystem(registry)
    defaults.units = system
    return system


def registry() -> Any:
    """The pint registry in use.

    >>> import ranges as rg
    >>> str(rg.units.registry().Quantity(2, "km").to("m"))
    '2000.0 meter'
    """
    return current().registry


def dimensionless() -> Any:
    """The dimensionless unit of the registry in use.

    >>> import ranges as rg
    >>> str(rg.units.dimensionless())
    'dimensionless'
    """
    return registry().dimensionless


def resolve(unit: Any) -> Any:
    """Turn a unit as written (``"troops"``, ``"km"``, ``"USD/EUR"``, ``"tanks"``, a pint
    Unit, None) into a ``pint.Unit`` of the unit system in force.

    An unknown noun becomes a count unit of its own; one that looks like a misspelling
    of a known word is refused (:class:`~ranges.errors.UnknownUnitError`).

    >>> str(resolve("soldiers")), str(resolve(None)), str(resolve("km/h"))
    ('soldier', 'dimensionless', 'kilometer / hour')
    >>> resolve("tropos")
    Traceback (most recent call last):
    ...
    ranges.errors.UnknownUnitError: 'tropos' is not a unit ... did you mean 'troops'? ...
    """
    return current().resolve(unit)


def declare_same(noun: str, as_unit: str = "person") -> None:
    """Declare a noun to be counted in the same unit as another, so they add.

    >>> with scoped():
    ...     declare_same("tankers", as_unit="vehicles")
    ...     combine_add(resolve("tankers"), resolve("vehicles"))[1:]
    (1.0, 1.0)
    """
    current().declare_same(noun, as_unit)


def define_count_noun(noun: str, plural: str | None = None) -> Any:
    """Define ``noun`` as a count unit of its own, also a word that :func:`resolve`
    refuses as a likely misspelling; returns the unit.

    >>> with scoped():
    ...     label(define_count_noun("tropos"))
    'tropos'
    """
    return current().define_count_noun(noun, plural)


def label(unit: Any, plural: bool = True) -> str:
    """How a unit is written in text: ``troops``, ``km``, ``USD``, ``%`` or ''.

    >>> label(resolve("troops")), label(resolve("km")), label(resolve(None))
    ('troops', 'km', '')
    """
    return current().label(unit, plural)


def to_text(unit: Any) -> str:
    """A unit as text that :func:`resolve` reads back as the same unit, in this process
    or another (count nouns are defined again; a declared noun needs its declaration).

    >>> to_text(resolve("km/h")), to_text(resolve("tanks")), to_text(resolve(None))
    ('kilometer / hour', 'tank', '')
    >>> with scoped():
    ...     to_text(define_count_noun("tropos"))
    'count:tropo'
    """
    nouns = _nouns_of(unit)
    above: list[str] = []
    below: list[str] = []
    for name, power in unit._units.items():
        word = _name_text(nouns, name)
        size = abs(power)
        text = word if size == 1 else f"{word} ** {int(size) if size == int(size) else size!r}"
        (above if power > 0 else below).append(text)
    if not above and not below:
        return ""
    top = " * ".join(above) if above else "1"
    return " / ".join([top, *below])


def _name_text(nouns: dict[str, _Noun], name: str) -> str:
    noun = nouns.get(name)
    if noun is None:
        return name
    if noun.kind is NounKind.COUNT and misspelling_of(noun.singular):
        return _EXPLICIT + noun.singular
    return noun.singular


# -- unit rules -------------------------------------------------------------------------


def is_dimensionless(unit: Any) -> bool:
    """Whether ``unit`` has no dimension (plain numbers, %, ...).

    >>> import ranges as rg
    >>> rg.units.is_dimensionless(rg.units.resolve("percent"))
    True
    >>> rg.units.is_dimensionless(rg.units.resolve("km"))
    False
    """
    return bool(unit.dimensionless)


def is_headcount(unit: Any) -> bool:
    """Whether ``unit`` counts people.

    >>> import ranges as rg
    >>> rg.units.is_headcount(rg.units.resolve("sappers"))
    True
    >>> rg.units.is_headcount(rg.units.resolve("tanks"))
    False
    """
    return str(unit.dimensionality) == "[headcount]"


def is_count(unit: Any) -> bool:
    """Whether ``unit`` counts things: people or a count noun ("tanks"), not a measure."""
    dims = str(unit.dimensionality)
    return dims == "[headcount]" or dims.startswith("[count_")


def _factor(source: Any, target: Any) -> float:
    with _pint_errors(lambda: f"cannot convert {label(source)} to {label(target)}"):
        return float(source._REGISTRY.Quantity(1.0, source).to(target).magnitude)


def _adopt(*units: Any) -> list[Any]:
    """Units in the registry in force (a unit from another registry is read again)."""
    system = current()
    return [system.resolve(u) for u in units]


def _offset(unit: Any) -> bool:
    """Whether ``unit`` has an offset zero (degC, degF), as pint says."""
    reg = unit._REGISTRY
    return any(not reg._is_multiplicative(name) for name in unit._units)


def _change(unit: Any) -> bool:
    """Whether ``unit`` is a change of an offset unit (delta_degC)."""
    return bool(unit._units) and all(str(n).startswith("delta_") for n in unit._units)


def _change_of(unit: Any) -> Any:
    """The change unit of an offset unit (degC -> delta_degC); other units as they are."""
    if not _offset(unit) or len(unit._units) != 1:
        return unit
    (name, power), = unit._units.items()
    return unit._REGISTRY.Unit(f"delta_{name}") if power == 1 else unit


def combine_add(left: Any, right: Any) -> tuple[Any, float, float]:
    """Unit of ``left + right`` and the factors each side is multiplied by first.

    Headcount nouns that differ add up as ``person``; otherwise the left unit wins. A
    temperature (degC) plus a change (delta_degC, delta_degF) is a temperature; two
    temperatures are not added.

    >>> import ranges as rg
    >>> unit, left, right = rg.units.combine_add(rg.units.resolve("troops"),
    ...                                          rg.units.resolve("soldiers"))
    >>> str(unit), left, right
    ('person', 1.0, 1.0)
    """
    left, right = _adopt(left, right)
    if _offset(left) or _offset(right):
        return _add_offset(left, right)
    if left == right:
        return left, 1.0, 1.0
    if left.dimensionality != right.dimensionality:
        raise UnitError(_mismatch(left, right))
    if left.dimensionless:
        _check_same_kind(left, right)
    if is_headcount(left) and is_headcount(right):
        person = left._REGISTRY.Unit("person")
        return person, _factor(left, person), _factor(right, person)
    if _change(left) and not _change(right):  # delta_degC + kelvin is kelvin, as in pint
        return right, _factor(left, right), 1.0
    return left, 1.0, _factor(right, left)


def _check_same_kind(left: Any, right: Any) -> None:
    """Refuse to add two units pint counts as dimensionless but that measure different
    things: information and a share (64 GB + 5%), angles and a share, or a share and a
    plain number (64% + 5 is 564% to pint, and 64 + 5% is 64.05: either is a guess)."""
    reg = left._REGISTRY
    root_left, root_right = reg.get_root_units(left)[1], reg.get_root_units(right)[1]
    plain_left, plain_right = not left._units, not right._units
    if root_left != root_right or plain_left != plain_right:
        what = (f"{label(left) or 'a plain number'} and {label(right) or 'a plain number'}")
        hint = ""
        if plain_left or plain_right:
            shared = label(right) if plain_left else label(left)
            hint = (f"; give the plain number its unit (e.g. rg.exactly(x, unit="
                    f"'{to_text(right if plain_left else left)}')) if it is in {shared}")
        raise UnitError(f"cannot add {what}: they measure different things{hint}")


def _add_offset(left: Any, right: Any) -> tuple[Any, float, float]:
    if left.dimensionality != right.dimensionality:
        raise UnitError(_mismatch(left, right))
    if _offset(left) and _offset(right):
        raise UnitError(
            f"cannot add two temperatures ({label(left)} and {label(right)}): a sum of "
            "temperatures depends on where their zero is. Subtract them for a difference "
            f"(in {label(_change_of(left))}), add a change of temperature written in "
            f"{label(_change_of(left))}, or convert both to kelvin first with .to('kelvin')"
        )
    temperature, other = (left, right) if _offset(left) else (right, left)
    if not _change(other):
        raise UnitError(
            f"cannot add {label(temperature)} and {label(other)}: {label(other)} could be a "
            f"temperature or a change of temperature. Write a change as "
            f"{label(_change_of(temperature))}, or convert {label(temperature)} to "
            f"{label(other)} first with .to('{to_text(other)}')"
        )
    factor = _factor(other, _change_of(temperature))
    return (left, 1.0, factor) if temperature is left else (right, factor, 1.0)


def combine_sub(left: Any, right: Any) -> tuple[Any, float, float]:
    """Unit of ``left - right`` and the factors each side is multiplied by first: as
    :func:`combine_add`, except that the difference of two temperatures in the same
    unit is a change (degC - degC is delta_degC).

    >>> combine_sub(resolve("degC"), resolve("degC"))
    (<Unit('delta_degree_Celsius')>, 1.0, 1.0)
    """
    left, right = _adopt(left, right)
    if not (_offset(left) and _offset(right)):
        if _change(left) and not _change(right) and left.dimensionality == right.dimensionality:
            raise UnitError(
                f"cannot subtract a temperature ({label(right)}) from a change of "
                f"temperature ({label(left)}): the result has no meaning"
            )
        return combine_add(left, right)
    if left != right:
        raise UnitError(
            f"cannot subtract {label(right)} from {label(left)} as they are: convert one "
            f"to the other's unit first, e.g. b.to('{to_text(left)}')"
        )
    return _change_of(left), 1.0, 1.0


def combine_compare(left: Any, right: Any) -> tuple[Any, float, float]:
    """Unit of ``min``, ``max`` or a mixture of ``left`` and ``right`` and the factors
    each side is multiplied by first: as :func:`combine_add`, except that temperatures
    in the same unit compare as they are.

    >>> combine_compare(resolve("degC"), resolve("degC"))
    (<Unit('degree_Celsius')>, 1.0, 1.0)
    """
    left, right = _adopt(left, right)
    if not (_offset(left) or _offset(right)):
        return combine_add(left, right)
    if left != right:
        raise UnitError(
            f"cannot compare {label(left)} with {label(right)} as they are: convert one to "
            f"the other's unit first, e.g. b.to('{to_text(left)}')"
        )
    return left, 1.0, 1.0


def _mismatch(left: Any, right: Any) -> str:
    """Why ``left`` and ``right`` cannot be added, and what to do instead."""
    left_name = label(left) or "a plain number"
    right_name = label(right) or "a plain number"
    message = (
        f"cannot add or compare {left_name} and {right_name}: they measure different "
        f"things ({left.dimensionality} vs {right.dimensionality})"
    )
    rate = left / right
    if rate._units and all(str(d).startswith("[currency_") for d in rate.dimensionality):
        return message + (
            f". To convert {right_name} to {left_name}, multiply by a rate such as "
            f"rg.between(low, high, unit='{to_text(rate).replace(' ', '')}'), the "
            f"{left_name} per {right_name} over the period"
        )
    nouns = _nouns_of(left)
    custom = [u for u in (right, left)
              if str(u) in nouns and nouns[str(u)].kind is NounKind.COUNT]
    if len(custom) == 2 and _one_slip_apart(nouns[str(left)], nouns[str(right)]):
        return message + f". Is {right_name!r} a misspelling of {left_name!r}?"
    if custom:
        other = left if custom[0] is right else right
        return message + (
            f". If they count the same thing, declare it before building the estimate: "
            f"ranges.units.declare_same('{label(custom[0])}', as_unit='{label(other)}')"
        )
    if left.dimensionless or right.dimensionless:
        return message + ". Give the plain number a unit, e.g. ranges.exactly(5, unit='troops')"
    return message


def _one_slip_apart(left: _Noun, right: _Noun) -> bool:
    return any(is_typing_slip(a, b) for a in (left.singular, left.plural)
               for b in (right.singular, right.plural))


def _refuse_offset(unit: Any, operation: str) -> None:
    if _offset(unit):
        raise UnitError(
            f"cannot {operation} a temperature in {label(unit)}: the result would depend "
            f"on where its zero is. Convert it to kelvin first with .to('kelvin'), or "
            f"give a change of temperature in {label(_change_of(unit))}"
        )


def combine_mul(left: Any, right: Any) -> tuple[Any, float]:
    """Unit of ``left * right`` and a constant factor for the product.

    Scaled dimensionless units (%, ppm) are folded into the factor, so
    20 % × troops is troops with factor 0.01. Temperatures in degC or degF are not
    multiplied (pint's rule).

    >>> import ranges as rg
    >>> unit, factor = rg.units.combine_mul(rg.units.resolve("percent"),
    ...                                     rg.units.resolve("troops"))
    >>> str(unit), factor
    ('troop', 0.01)
    """
    left, right = _adopt(left, right)
    for unit in (left, right):
        _refuse_offset(unit, "multiply")
    return _fold_dimensionless(left * right)


def combine_div(left: Any, right: Any) -> tuple[Any, float]:
    """Unit of ``left / right`` and a constant factor (see :func:`combine_mul`).

    >>> import ranges as rg
    >>> unit, factor = rg.units.combine_div(rg.units.resolve("km"), rg.units.resolve("hour"))
    >>> str(unit), factor
    ('kilometer / hour', 1.0)
    """
    left, right = _adopt(left, right)
    for unit in (left, right):
        _refuse_offset(unit, "divide")
    return _fold_dimensionless(left / right)


def _fold_dimensionless(unit: Any) -> tuple[Any, float]:
    reg = unit._REGISTRY
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
    """Unit of ``base ** exponent`` (a temperature in degC only to the power 1).

    >>> import ranges as rg
    >>> str(rg.units.combine_pow(rg.units.resolve("m"), 2))
    'meter ** 2'
    """
    (base,) = _adopt(base)
    if exponent != 1.0:
        _refuse_offset(base, "raise to a power")
    return base**exponent


def require_dimensionless(unit: Any, operation: str) -> float:
    """Factor that turns ``unit`` into a plain number, or a UnitError naming ``operation``.

    >>> import ranges as rg
    >>> rg.units.require_dimensionless(rg.units.resolve("percent"), "exp")
    0.01
    >>> rg.units.require_dimensionless(rg.units.resolve("km"), "exp")
    Traceback (most recent call last):
    ...
    ranges.errors.UnitError: exp needs a plain number, but the estimate is in km; ...
    """
    (unit,) = _adopt(unit)
    if not unit.dimensionless:
        raise UnitError(
            f"{operation} needs a plain number, but the estimate is in {label(unit)}; "
            "divide by a quantity of the same unit first"
        )
    return _factor(unit, unit._REGISTRY.dimensionless)


def conversion(source: Any, target: Any) -> tuple[float, float]:
    """``(factor, offset)`` with ``value in target = value in source × factor + offset``
    (offset 0 unless a unit has an offset zero, like degC and degF).

    >>> conversion("km", "m"), conversion("degC", "kelvin")
    ((1000.0, 0.0), (1.0, 273.15))
    """
    source, target = _adopt(source, target)
    if source.dimensionality != target.dimensionality:
        raise UnitError(f"cannot convert {label(source)} to {label(target)}")
    if not (_offset(source) or _offset(target)):
        return _factor(source, target), 0.0
    if _change(source) != _change(target) or len(source._units) + len(target._units) > 2:
        raise UnitError(
            f"cannot convert {label(source)} to {label(target)}: a temperature and a "
            "change of temperature are different things (subtract a reference temperature "
            "for a change), and only a plain temperature converts"
        )
    reg = source._REGISTRY
    with _pint_errors(f"cannot convert {label(source)} to {label(target)}"):
        offset = float(reg.Quantity(0.0, source).to(target).magnitude)
    return _factor(_change_of(source), _change_of(target)), offset


def conversion_factor(source: Any, target: Any) -> float:
    """Factor turning values in ``source`` into values in ``target``; refused when the
    conversion also has an offset (use :func:`conversion`).

    >>> conversion_factor(resolve("km"), resolve("m"))
    1000.0
    """
    factor, offset = conversion(source, target)
    if offset != 0.0:
        raise UnitError(
            f"converting {label(resolve(source))} to {label(resolve(target))} adds an offset "
            f"({offset:+g}) as well as a factor; use .to('{to_text(resolve(target))}'), "
            "which applies both"
        )
    return factor
