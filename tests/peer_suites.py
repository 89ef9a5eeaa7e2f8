"""Scoring a reader on other projects' labelled data (``../shared/peer-suites/``).

Shared by ``tests/test_peer_suites.py`` (accuracy floors) and
``benchmarks/bench_peer_suites.py`` (the table against quantulum3). The files are read
where they lie; nothing of them is copied into the project.

An *item* is one input text with every result the peer project expects from it. A
reader is a function from a text to :class:`Found` records; an item is *right* when
the reader's records and the expected ones match one to one:

* numbers (``NumberModel``, ``PercentModel``, ``CurrencyModel``, ``DimensionModel``,
  quantulum3): the same numbers (relative tolerance 1e-6) with the same unit (the
  number file labels no units, so any unit goes there; elsewhere the same
  currency; same physical unit by pint, so "metre" is "meter"; percent; or no physical
  unit: a headcount such as "person" matches the peers' "dimensionless"), each found
  record lying on the expected text. A range found where the peer lists its two ends
  as two numbers matches them;
* ranges and bounds (``NumberRangeModel*``): the same side (two-sided, at least, at
  most, or a single number) and the same ends;
* any record the peer does not expect makes the item wrong (a wrong number is worse
  than a miss), except records the peers do not label at all: dates (a year the peer
  calls a number counts as that number), vague quantities ("several hundred"), and, in
  the files that label one type only (currency, percent, dimension; ranges and bounds),
  records of other types that lie outside every expected text.

Each item has one or more *categories* (negatives, fractions, spelled-out, ranges,
bounds, units, currency, percent, plain, none) taken from what the peer expects, and
items outside this project's scope are *skipped* with a reason (:data:`SKIP_RULES`),
counted, never dropped silently.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

SUITES = Path(__file__).resolve().parents[2] / "shared" / "peer-suites"

#: the files scored, in the order of the table
FILES: tuple[str, ...] = (
    "recognizers-text/NumberModel.json",
    "recognizers-text/NumberRangeModel.json",
    "recognizers-text/NumberRangeModelExperimentalMode.json",
    "recognizers-text/PercentModel.json",
    "recognizers-text/CurrencyModel.json",
    "recognizers-text/DimensionModel.json",
    "quantulum3/quantities.json",
    "quantulum3/quantities.ambiguity.json",
)

CATEGORIES: tuple[str, ...] = (
    "negatives", "fractions", "spelled-out", "ranges", "bounds", "units", "currency",
    "percent", "plain", "none",
)

#: the unit of a number in a file that labels numbers, not units (NumberModel)
ANY_UNIT = "*"
NUMBER = "number"
RANGE = "range"
AT_LEAST = "at_least"
AT_MOST = "at_most"


@dataclass(frozen=True)
class Expected:
    """One result a peer expects: its text and span, side and numbers, unit key."""

    text: str
    span: tuple[int, int] | None
    side: str  # NUMBER, RANGE, AT_LEAST, AT_MOST
    values: tuple[float, ...]  # NUMBER: (v,); RANGE: (low, high); bounds: (bound,)
    unit: str | None  # a unit key (:func:`unit_key`), None for no physical unit
    closed: tuple[bool, bool] | None = None  # RANGE and bounds: whether each end is in
    alternative: tuple[float, str | None] | None = None  # another right (value, unit)

    def matches(self, value: float, unit: str | None, any_unit: bool = False) -> bool:
        """Whether a found single number is this expected one."""
        if self.side != NUMBER:
            return False
        if _close(self.values[0], value) and (any_unit or self.unit in (unit, ANY_UNIT)):
            return True
        alt = self.alternative
        return alt is not None and _close(alt[0], value) and alt[1] == unit


@dataclass(frozen=True)
class Item:
    """One input text of a peer file, with what the peer expects from it."""

    file: str
    index: int
    text: str
    expected: tuple[Expected, ...]
    categories: frozenset[str]
    skip: str | None = None


@dataclass(frozen=True)
class Found:
    """One result a reader returned, in the same terms as :class:`Expected`."""

    text: str
    span: tuple[int, int]
    side: str
    values: tuple[float, ...]
    unit: str | None
    ignorable: bool = False  # a date or a vague quantity: never an extra
    year: float | None = None  # a date written as a bare year: the number it is
    closed: tuple[bool, bool] | None = None


# ------------------------------------------------------------------------- units
_PEER_UNIT_ALIASES = {
    "percentage": "percent", "pound-mass": "pound", "minute of arc": "arcminute",
    "second of arc": "arcsecond", "inverse second": "1/second",
    "metric ton": "metric_ton", "degree": "degree", "dimensionless": "",
    "count per week": "1/week",
    # pint < 0.24 has no "electronvolt" alias (only electron_volt): the same unit on
    # every pint the suite runs with
    "electronvolt": "electron_volt", "teraelectronvolt": "teraelectron_volt",
}

_CURRENCY_NAMES = {
    "dollar": "USD", "united states dollar": "USD", "euro": "EUR",
    "pound sterling": "GBP", "british pound": "GBP", "japanese yen": "JPY",
    "chinese yuan": "CNY", "canadian dollar": "CAD", "australian dollar": "AUD",
    "hong kong dollar": "HKD", "new zealand dollar": "NZD", "swiss franc": "CHF",
    "turkish lira": "TRY", "mexican peso": "MXN", "costa rican colón": "CRC",
    "georgian lari": "GEL", "lao kip": "LAK", "sri lankan rupee": "LKR",
}
#: subunits: (main currency, factor); a reader may state "50 cents" as 0.5 USD
_CURRENCY_SUBUNITS = {"cent": ("USD", 0.01), "penny": ("GBP", 0.01),
                      "pence": ("GBP", 0.01), "dime": ("USD", 0.1)}
#: currencies the peers name without a code and whose code is not one reading
_UNRESOLVED_CURRENCIES = frozenset({
    "franc", "rupee", "bitcoin", "satoshi", "sen", "finnish markka", "peseta",
    "netherlands guilder",
})


@cache
def _pint() -> Any:
    import pint  # the scorer's own registry: independent of the project's units

    return pint.UnitRegistry()


def _pint_text(name: str) -> str:
    words = name.lower().replace("-", " ").split()
    out: list[str] = []
    power = ""
    for word in words:
        if word in ("square", "cubic"):
            power = "**2" if word == "square" else "**3"
        elif word == "per":
            out.append("/")
        else:
            if out and out[-1] not in ("/",):
                out[-1] += "_" + word
            else:
                out.append(word)
            if power:
                out[-1] += power
                power = ""
    return " ".join(out).replace(" / ", "/")


@cache
def unit_key(name: str | None) -> str | None:
    """A comparable key for a unit name from either side: an ISO currency code,
    ``"percent"``, a pint unit in base form (``"1.0 meter"``), ``None`` for no
    physical unit (a count, a headcount, dimensionless), or ``"?name"`` when the name
    is neither (a currency with no single code, a unit pint does not know).

    >>> unit_key("metre") == unit_key("meter"), unit_key("Dollar"), unit_key("person")
    (True, 'USD', None)
    """
    if name is None:
        return None
    low = name.strip().lower()
    if low in _PEER_UNIT_ALIASES:
        low = _PEER_UNIT_ALIASES[low]
    if low == "":
        return None
    if low == "percent":
        return "percent"
    if len(name) == 3 and name.isupper():
        return name
    if low in _CURRENCY_NAMES:
        return _CURRENCY_NAMES[low]
    if low in _UNRESOLVED_CURRENCIES:
        return "?" + low
    reg = _pint()
    unit = None
    if name != low and re.fullmatch(r"[A-Za-z]+", name):  # a symbol: its case matters
        with contextlib.suppress(Exception):  # "MB" is megabytes, "mb" millibarns
            unit = reg.parse_units(name)
    try:
        unit = unit if unit is not None else reg.parse_units(_pint_text(low))
    except Exception:
        return None if re.fullmatch(r"[a-z]+", low) and not _peer_unit(low) else "?" + low
    if unit.dimensionless:
        return None
    base = reg.Quantity(1.0, unit).to_base_units()
    return f"{base.magnitude:.9g} {base.units}"


def _peer_unit(low: str) -> bool:
    """Whether a peer unit name pint fails on names a real unit (not a count)."""
    return low in {"gross", "dozen", "baker's dozen", "candela second"}


def _subunit(name: str | None) -> tuple[str, float] | None:
    return _CURRENCY_SUBUNITS.get((name or "").strip().lower())


# ------------------------------------------------------------------------- numbers
def _number(text: str) -> float:
    return float(text.replace(",", "").rstrip("%"))


_INTERVAL = re.compile(r"^([\[(])\s*([^,]*)\s*,\s*([^\])]*)\s*([\])])$")


def _interval(value: str) -> tuple[str, tuple[float, ...], tuple[bool, bool]]:
    m = _INTERVAL.match(value.strip())
    if m is None:
        return NUMBER, (_number(value),), (True, True)
    lo, hi = m.group(2).strip(), m.group(3).strip()
    closed = (m.group(1) == "[", m.group(4) == "]")
    if lo and hi:
        if float(lo) == float(hi):
            return NUMBER, (float(lo),), closed
        return RANGE, (float(lo), float(hi)), closed
    if lo:
        return AT_LEAST, (float(lo),), closed
    return AT_MOST, (float(hi),), closed


# ------------------------------------------------------------------------- loading
_FRACTION_WORDS = re.compile(
    r"\b(half|halves|third|thirds|quarter|quarters|fifths?|sixths?|sevenths?|eighths?|"
    r"ninths?|tenths?|hundredths?|thousandths?|millionths?|billionths?|trillionths?|"
    r"over)\b|/|[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]")
_NUMBER_WORD = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|"
    r"half|a)\b", re.I)


def _categories(file: str, expected: tuple[Expected, ...]) -> frozenset[str]:
    if not expected:
        return frozenset({"none"})
    cats: set[str] = set()
    for e in expected:
        if any(v < 0 for v in e.values):
            cats.add("negatives")
        if _FRACTION_WORDS.search(e.text.lower()):
            cats.add("fractions")
        if not re.search(r"\d", e.text) and _NUMBER_WORD.search(e.text):
            cats.add("spelled-out")
        if e.side == RANGE:
            cats.add("ranges")
        elif e.side in (AT_LEAST, AT_MOST):
            cats.add("bounds")
        if e.unit == ANY_UNIT:
            pass
        elif e.unit == "percent":
            cats.add("percent")
        elif e.unit is not None and ((len(e.unit) == 3 and e.unit.isupper())
                                     or "Currency" in file or e.unit.startswith("?")):
            cats.add("currency" if "Currency" in file or e.unit.isupper() else "units")
        elif e.unit is not None:
            cats.add("units")
    if not cats:
        cats.add("plain")
    return frozenset(cats)


#: (reason, test on the item's input text and expected records); the first that
#: matches skips the item. Each is a kind of text outside this project's scope.
SKIP_RULES: tuple[tuple[str, Callable[[str, list[dict[str, Any]]], bool]], ...] = (
    ("the peer expects a result with no number (a unit word alone)",
     lambda text, res: any(_value(r) is None for r in res)),
    ("not English script (yuan sign, CJK numerals)",
     lambda text, res: bool(re.search(r"[\u3000-\u9fff\uff00-\uffef]", text))),
    ("a compound unit or a unit with a power (km^3, kg/cm³, per-unit rates)",
     lambda text, res: any(re.search(r" per |square|cubic|inverse", _unit(r) or "")
                           or re.search(r"\^\d|[²³]|/(?:[a-z]|cm)", r.get("surface", "") or
                                        r.get("Text", "")) for r in res)),
    ("a currency with no single code (franc, rupee, bitcoin...)",
     lambda text, res: any((unit_key(_unit(r)) or "").startswith("?") for r in res)),
    ("an address, phone number or slash date the peer splits into numbers "
     "(192.168.1.2, +1-222-2222, 5/17/2018): one identifier or a date here",
     lambda text, res: bool(re.search(r"\d+\.\d+\.\d+\.\d+|\+\d-\d{3}-|\d/\d+/\d{4}",
                                      text)) and len(res) > 1),
    ("the number file expects nothing from a number glued to a unit ('180ml', '29km'): "
     "a measurement, which the unit files score",
     lambda text, res: not res and bool(re.search(r"\d(?:ml|km|kg|mg|cm|mm|g|l|L)\b", text))),
    ("a code with a number in it (SCP-173): a name, never a figure, by design",
     lambda text, res: bool(re.fullmatch(r"\s*[A-Z]{2,}-\d+\s*", text))),
    ("a power of a number other than ten written with ^ (1.1^+23): algebra, not prose",
     lambda text, res: bool(re.search(r"(?<!10)\^[-+]*\d", text))),
    ("a unit whose name is a count word the peer resolves (dozen, gross)",
     lambda text, res: any((_unit(r) or "").lower() in ("dozen", "gross", "baker's dozen")
                           for r in res)),
)


def _unit(r: dict[str, Any]) -> str | None:
    if "Resolution" in r:
        res = r["Resolution"]
        return res.get("isoCurrency") or res.get("unit")
    unit = r.get("unit")
    return None if unit in (None, "dimensionless") else str(unit)


def _value(r: dict[str, Any]) -> Any:
    if "Resolution" in r:
        v = r["Resolution"].get("value")
        return None if v in (None, "null") else v
    return r.get("value")


def _expected(file: str, text: str, r: dict[str, Any]) -> Expected:
    value = _value(r)
    unit_name = _unit(r)
    sub = _subunit(unit_name)
    alternative = None
    if sub is not None:  # "50 cents": 0.5 USD, or 50 of a thing called cents
        unit_name = sub[0]
        alternative = (float(value), None)
    if "Currency" in file and (unit_name or "").lower() == "pound":
        unit_name = "GBP"  # the currency file's "Pound" is sterling, not the weight
    unit = unit_key(unit_name)
    if "Resolution" in r:
        span = (int(r["Start"]), int(r["End"]) + 1)
        shown = str(r["Text"])
        if "Range" in file:
            side, values, closed = _interval(str(value))
            return Expected(shown, span, side, values, None, closed)
        if "Percent" in file:
            return Expected(shown, span, NUMBER, (_number(str(value)),), "percent")
        number = _number(str(value))
        if file.endswith("NumberModel.json"):
            return Expected(shown, span, NUMBER, (number,), ANY_UNIT)
        if sub is not None:
            number *= sub[1]
        return Expected(shown, span, NUMBER, (number,), unit, alternative=alternative)
    surface = str(r.get("surface", ""))
    start = text.find(surface)
    span2 = (start, start + len(surface)) if start >= 0 else None
    number = float(value) * (sub[1] if sub is not None else 1.0)
    if r.get("uncertainty"):  # quantulum3 writes "3 to 4 L" as 3.5 ± 0.5
        half = float(r["uncertainty"])
        return Expected(surface, span2, RANGE, (number - half, number + half), unit)
    return Expected(surface, span2, NUMBER, (number,), unit, alternative=alternative)


def load_items(files: Iterable[str] = FILES) -> list[Item]:
    """Every item of the peer files, with its categories and skip reason.

    >>> items = load_items(["recognizers-text/PercentModel.json"])
    >>> len(items), items[0].expected[0].values, items[0].expected[0].unit
    (20, (100.0,), 'percent')
    """
    out: list[Item] = []
    for file in files:
        raw = json.loads((SUITES / file).read_text(encoding="utf-8"))
        for index, case in enumerate(raw):
            text = case["Input"] if "Input" in case else case["req"]
            res = case["Results"] if "Results" in case else case["res"]
            skip = next((reason for reason, rule in SKIP_RULES if rule(text, res)), None)
            expected: tuple[Expected, ...] = ()
            if skip is None:
                expected = tuple(_expected(file, text, r) for r in res)
            out.append(Item(file, index, text, expected,
                            _categories(file, expected) if skip is None else frozenset(),
                            skip))
    return out


# ------------------------------------------------------------------------- judging
def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12)


def _same_values(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int]) -> bool:
    return a is None or (a[0] < b[1] and b[0] < a[1])


def is_right(item: Item, found: list[Found], *, ranges_file: bool | None = None) -> bool:
    """Whether ``found`` is exactly what ``item`` expects (see the module docstring).

    >>> item = load_items(["recognizers-text/PercentModel.json"])[0]
    >>> is_right(item, [Found("100%", (0, 4), NUMBER, (100.0,), "percent")])
    True
    >>> is_right(item, [Found("100%", (0, 4), NUMBER, (100.0,), None)])
    False
    """
    as_numbers = not ("Range" in item.file if ranges_file is None else ranges_file)
    wanted = list(item.expected)
    labelled = _LABELLED.get(Path(item.file).stem)
    if labelled is not None:  # a file that labels one type only: judge only that type
        found = [f for f in found if labelled(f.unit) or (not as_numbers and f.side != NUMBER)
                 or any(_overlaps(e.span, f.span) for e in wanted)]
    if as_numbers:
        return _right_as_numbers(wanted, found)
    return _right_as_intervals(wanted, found)


def _is_currency(unit: str | None) -> bool:
    return unit is not None and len(unit) == 3 and unit.isupper()


def _is_physical(unit: str | None) -> bool:
    return unit is not None and unit[:1].isdigit()


def _is_dimension(unit: str | None) -> bool:
    """The types Recognizers' DimensionModel labels: lengths, areas, volumes and
    masses, never a duration or a speed (those are its DateTime model's, and no item of
    the file expects one)."""
    return _is_physical(unit) and "second" not in (unit or "")


#: files that label one type of quantity only (the others in their sentences are not
#: labelled, so a reader's records of other types are neither right nor wrong there)
_LABELLED: dict[str, Callable[[str | None], bool]] = {
    "CurrencyModel": _is_currency,
    "PercentModel": lambda unit: unit == "percent",
    "DimensionModel": _is_dimension,
    "NumberRangeModel": lambda unit: False,  # ranges and bounds: judged by their side
    "NumberRangeModelExperimentalMode": lambda unit: False,
}


def _right_as_intervals(wanted: list[Expected], found: list[Found]) -> bool:
    left = list(wanted)
    for f in found:
        hit = next((e for e in left if _overlaps(e.span, f.span) and e.side == f.side
                    and len(e.values) == len(f.values)
                    and _same_values(e.values, f.values)), None)
        if hit is not None:
            left.remove(hit)
        elif not f.ignorable:
            return False
    return not left


def _right_as_numbers(wanted: list[Expected], found: list[Found]) -> bool:
    left = list(wanted)
    for f in found:
        if f.side == RANGE:  # a range the peer states as a range
            hit = next((e for e in left if e.side == RANGE and _overlaps(e.span, f.span)
                        and e.unit == f.unit
                        and _same_values(e.values, f.values)), None)
            if hit is not None:
                left.remove(hit)
                continue
        values = f.values if not f.ignorable else ((f.year,) if f.year is not None else ())
        taken: list[Expected] = []
        for v in values:
            hit = next((e for e in left if e not in taken and _overlaps(e.span, f.span)
                        and e.matches(v, f.unit, any_unit=f.ignorable)), None)
            if hit is None:
                break
            taken.append(hit)
        if values and len(taken) == len(values):
            for e in taken:
                left.remove(e)
        elif not f.ignorable:
            return False
    return not left


# ------------------------------------------------------------------------- readers
def read_with_ranges(text: str) -> list[Found]:
    """What :func:`ranges.extract` finds in ``text``, as :class:`Found` records.

    >>> [(f.side, f.values, f.unit) for f in read_with_ranges("10-12 kg")]
    [('range', (10.0, 12.0), '1 kilogram')]
    """
    import ranges as rg
    from ranges._kinds import FigureKind

    out: list[Found] = []
    for fig in rg.extract(text):
        unit = None if _counted(fig.unit) else unit_key(fig.unit)
        closed = getattr(fig, "closed", None)
        if fig.kind == FigureKind.DATE:
            year = _whole_year(fig.low, fig.high)
            out.append(Found(fig.text, fig.span, NUMBER, (), None, True, year))
        elif fig.kind == FigureKind.VAGUE:
            out.append(Found(fig.text, fig.span, NUMBER, (), unit, True))
        elif fig.kind == FigureKind.RANGE:
            out.append(Found(fig.text, fig.span, RANGE, (_f(fig.low), _f(fig.high)), unit,
                             closed=closed))
        elif fig.kind == FigureKind.LOWER_BOUND:
            out.append(Found(fig.text, fig.span, AT_LEAST, (_f(fig.point),), unit,
                             closed=closed))
        elif fig.kind == FigureKind.UPPER_BOUND:
            out.append(Found(fig.text, fig.span, AT_MOST, (_f(fig.point),), unit,
                             closed=closed))
        elif fig.kind == FigureKind.PLUS_MINUS:
            out.append(Found(fig.text, fig.span, RANGE, (_f(fig.low), _f(fig.high)), unit))
        else:
            out.append(Found(fig.text, fig.span, NUMBER, (_f(fig.point),), unit))
    return out


def _counted(name: str | None) -> bool:
    """Whether ranges reads the unit ``name`` as a count noun ("190 points", "3
    quarters"): pint has units of those names (a typographic point, a quarter of a
    hundredweight) that ranges does not mean, so the peer's pint is not asked."""
    import ranges as rg

    if name is None:
        return False
    from ranges.core._units import is_count

    try:
        return is_count(rg.units.resolve(name))
    except rg.RangesError:
        return False


def _whole_year(low: object, high: object) -> float | None:
    """The first year of a date figure that is a whole year or decade ("in 1979",
    "the 1960s"): the number a peer that does not know dates calls it."""
    if not (isinstance(low, str) and isinstance(high, str)):
        return None
    if low[4:] == "-01-01" and high[4:] == "-12-31":
        return float(low[:4])
    return None


def _f(x: float | str | None) -> float:
    return float(x) if isinstance(x, (int, float)) else math.nan


def read_with_quantulum3(text: str) -> list[Found]:
    """What quantulum3 (the bench extra) finds in ``text``: a value with an
    uncertainty is the range value ± uncertainty; quantulum3 states no bounds."""
    from quantulum3 import parser

    out: list[Found] = []
    for q in parser.parse(text):
        unit = unit_key(q.unit.name)
        span = (int(q.span[0]), int(q.span[1]))
        if q.uncertainty:
            out.append(Found(q.surface, span, RANGE,
                             (q.value - q.uncertainty, q.value + q.uncertainty), unit))
        else:
            out.append(Found(q.surface, span, NUMBER, (float(q.value),), unit))
    return out


# ------------------------------------------------------------------------- scoring
@dataclass
class Score:
    """Counts of one reader on a set of items."""

    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    misses: dict[str, list[tuple[Item, list[Found]]]] = field(
        default_factory=lambda: defaultdict(list))

    def share(self, key: str) -> float:
        """The share right of the items under ``key`` (a file or a category)."""
        return self.right[key] / self.total[key] if self.total[key] else math.nan


def score(items: list[Item], reader: Callable[[str], list[Found]]) -> Score:
    """Score ``reader`` on ``items``: counts right and in scope per file, per category
    and overall (key ``"all"``), the skipped per reason, and the misses per category.
    A reader that raises on an item gets it wrong."""
    s = Score()
    for item in items:
        if item.skip is not None:
            s.skipped[item.skip] += 1
            continue
        try:
            found = reader(item.text)
        except Exception:
            found = [Found("<raised>", (0, 0), NUMBER, (math.nan,), None)]
        right = is_right(item, found)
        for key in (item.file, "all", *item.categories):
            s.total[key] += 1
            s.right[key] += right
        if not right:
            for cat in (item.file, *item.categories):
                s.misses[cat].append((item, found))
    return s
