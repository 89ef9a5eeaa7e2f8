"""Unit words: the nouns, currencies and unit names ranges knows, singular and plural
forms, and the misspelling rule. Plain text; no pint here.

A word nobody defined becomes a count unit of its own ("tanks", "drones") unless it
looks like a misspelling of a word ranges knows; then :func:`misspelling_of` names what
it was probably meant to be, and the unit system refuses it.

**The misspelling rule.** A word is a likely misspelling of a known word when

* it has 5 letters or more and one *typing slip* turns a known word of 5 letters or
  more into it (a headcount noun or its plural, a currency name, a common unit name);
  a typing slip is swapping two neighbouring letters ("tropos" for troops), dropping a
  vowel or one of a doubled letter ("soldirs", "sapers"), doubling a letter or adding
  a neighbouring key's letter ("troopps"), or hitting a neighbouring key
  (QWERTY: "refugess"); the first letter is never changed, dropped or added, because
  ordinary nouns that differ from a unit in their first letter are common
  ("rounds"/pounds, "tours"/hours, "trams"/grams); or
* it has 2 to 4 letters, no lower-case vowel (a symbol, not a word: "kmz") and is one
  edit away from a unit symbol or currency code with the same first letter
  ("kmz" for km, "GPB" for GBP); or
* it differs from a known word only in letter case ("Km" is not a noun).

Ordinary nouns that the rule would catch are listed in :data:`NOT_MISSPELLINGS`.

>>> misspelling_of("tropos"), misspelling_of("kmz"), misspelling_of("tanks")
(['troops'], ['km'], [])
>>> misspelling_of("mines"), misspelling_of("rounds")
([], [])
"""

from __future__ import annotations

import difflib
import tomllib
from functools import cache
from importlib import resources
from typing import Final


def _load_headcount_nouns() -> dict[str, str]:
    text = resources.files("ranges").joinpath("data/headcount_nouns.toml").read_text("utf-8")
    return {singular: plural for singular, plural in tomllib.loads(text)["nouns"]}


#: Nouns that count people, singular -> plural as people write it (the rows of
#: ``data/headcount_nouns.toml``, shared with the prose reader).
HEADCOUNT_NOUNS: dict[str, str] = _load_headcount_nouns()
HEADCOUNT_SINGULAR: Final[dict[str, str]] = {
    form: one for one, plural in HEADCOUNT_NOUNS.items() for form in (one, plural)
}
#: Other names of the unit ``person``.
PERSON_ALIASES: Final = ("persons", "people", "head", "heads")

#: Currencies by ISO code, with the names people write for them. Each is a dimension
#: of its own: no exchange rate is ever guessed.
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
    # the dollars written with letters before "$" in prose ("C$", "A$", "HK$"...)
    "CAD": ("canadian_dollar", "canadian_dollars"),
    "AUD": ("australian_dollar", "australian_dollars"),
    "HKD": ("hong_kong_dollar", "hong_kong_dollars"),
    "NZD": ("new_zealand_dollar", "new_zealand_dollars"),
    "SGD": ("singapore_dollar", "singapore_dollars"),
    "TWD": ("new_taiwan_dollar", "new_taiwan_dollars"),
    "BRL": ("brazilian_real", "brazilian_reais"),
    "MXN": ("mexican_peso", "mexican_pesos"),
    # codes the prose reader knows from finance writing ("500 SEK", "10 TRY")
    "SEK": ("swedish_krona", "swedish_kronor"),
    "NOK": ("norwegian_krone", "norwegian_kroner"),
    "DKK": ("danish_krone", "danish_kroner"),
    "PLN": ("zloty", "zlotys", "zlotych"),
    "TRY": ("turkish_lira", "turkish_liras"),
}

# Names and symbols of the units people write in reports (pint knows many more; these
# are the ones a misspelling is checked against and suggestions are drawn from).
COMMON_UNIT_NAMES: Final = (
    "meter", "metre", "kilometer", "kilometre", "centimeter", "centimetre", "millimeter",
    "millimetre", "mile", "yard", "foot", "feet", "inch", "inches", "hectare", "acre",
    "liter", "litre", "milliliter", "millilitre", "gallon", "barrel", "gram", "kilogram",
    "milligram", "tonne", "ton", "pound", "ounce", "second", "minute", "hour", "day",
    "week", "month", "year", "decade", "century", "centuries", "watt", "kilowatt",
    "megawatt", "gigawatt", "joule", "calorie", "kilocalorie", "kelvin", "celsius",
    "fahrenheit", "degree", "percent", "knot",
)  # fmt: skip
COMMON_UNIT_SYMBOLS: Final = (
    "km", "m", "cm", "mm", "mi", "yd", "ft", "ha", "l", "L", "ml", "mL", "gal", "bbl",
    "g", "kg", "mg", "t", "lb", "lbs", "oz", "s", "min", "h", "hr", "hrs", "d", "yr", "W",
    "kW", "MW", "GW", "Wh", "kWh", "MWh", "GWh", "J", "kJ", "MJ", "cal", "kcal", "K",
    "degC", "degF", "kph", "mph", "kt", "Mt", "Gt", "ppm", "%",
)  # fmt: skip

#: Ordinary nouns (singular) one typing slip away from a known word ("plots" from
#: pilots, "litters" from liters): they and their plurals are never refused as
#: misspellings. Add a row when an ordinary noun is refused.
NOT_MISSPELLINGS: Final = frozenset({"plot", "gust", "framer", "litter", "wart", "mike", "revel"})

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
_IRREGULAR_PLURAL: Final = {one: many for many, one in _IRREGULAR_SINGULAR.items()}
_VOWELS: Final = frozenset("aeiou")
# "riflemen" / "rifleman", but not these
_NOT_MEN: Final = frozenset({"specimen", "abdomen", "omen", "stamen", "amen", "regimen"})
_NOT_MAN: Final = frozenset({"human", "german", "roman", "shaman", "talisman", "caiman"})


def singular(word: str) -> str:
    """The singular of an English noun, lower-cased: a headcount noun by its table row
    ("men" -> "man"), else by the regular endings ("casualties" -> "casualty",
    "tanks" -> "tank"); words in -ss, -us and -is stay as they are.

    >>> singular("Children"), singular("batteries"), singular("boxes"), singular("virus")
    ('child', 'battery', 'box', 'virus')
    >>> singular("buses"), singular("houses"), singular("knives"), singular("riflemen")
    ('bus', 'house', 'knife', 'rifleman')
    """
    lower = word.lower()
    known = HEADCOUNT_SINGULAR.get(lower) or _IRREGULAR_SINGULAR.get(lower)
    if known is not None:
        return known
    if lower.endswith("men") and lower not in _NOT_MEN:
        return lower[:-3] + "man"
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes")):
        return lower[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(lower) > 2:
        return lower[:-1]
    return lower


def plural(word: str) -> str:
    """The plural of an English noun given in the singular (the inverse of
    :func:`singular` for the nouns it knows).

    >>> plural("tank"), plural("battery"), plural("box"), plural("bus"), plural("mouse")
    ('tanks', 'batteries', 'boxes', 'buses', 'mice')
    """
    lower = word.lower()
    known = HEADCOUNT_NOUNS.get(lower) or _IRREGULAR_PLURAL.get(lower)
    if known is not None:
        return known
    if not _VOWELS.intersection(lower):  # a symbol or acronym, not a word: "kmz", "MLRS"
        return word
    if lower.endswith("man") and lower not in _NOT_MAN:
        return word[:-3] + "men"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return word[:-1] + "ies"
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


# -- the misspelling rule ----------------------------------------------------------------

_KEY_ROWS: Final = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _keyboard_neighbours() -> dict[str, frozenset[str]]:
    """Keys that touch each key on a QWERTY keyboard (rows are staggered: a key touches
    the keys at the same and the next index on the row above, and at the same and the
    previous index on the row below)."""
    near: dict[str, set[str]] = {key: set() for row in _KEY_ROWS for key in row}
    for r, row in enumerate(_KEY_ROWS):
        for i, key in enumerate(row):
            touching = [(r, i - 1), (r, i + 1), (r - 1, i), (r - 1, i + 1),
                        (r + 1, i - 1), (r + 1, i)]
            for rr, ii in touching:
                if 0 <= rr < len(_KEY_ROWS) and 0 <= ii < len(_KEY_ROWS[rr]):
                    near[key].add(_KEY_ROWS[rr][ii])
    return {key: frozenset(keys) for key, keys in near.items()}


_NEAR_KEYS: Final = _keyboard_neighbours()


def _touching(a: str, b: str) -> bool:
    return b in _NEAR_KEYS.get(a, frozenset())


def _swapped(word: str, known: str) -> bool:
    """Two neighbouring letters of ``known`` swapped (any position)."""
    diff = [i for i, (a, b) in enumerate(zip(word, known, strict=True)) if a != b]
    return (len(diff) == 2 and diff[1] == diff[0] + 1
            and word[diff[0]] == known[diff[1]] and word[diff[1]] == known[diff[0]])


def _wrong_key(word: str, known: str) -> bool:
    """One letter after the first replaced by a neighbouring key's letter."""
    diff = [i for i, (a, b) in enumerate(zip(word, known, strict=True)) if a != b]
    return len(diff) == 1 and diff[0] > 0 and _touching(known[diff[0]], word[diff[0]])


def _dropped(word: str, known: str) -> bool:
    """A vowel or one of a doubled letter of ``known`` (not its first) left out."""
    for i in range(1, len(known)):
        letter = known[i]
        doubled = letter == known[i - 1] or (i + 1 < len(known) and letter == known[i + 1])
        if known[:i] + known[i + 1:] == word and (letter in _VOWELS or doubled):
            return True
    return False


def _added(word: str, known: str) -> bool:
    """A letter (not first) added to ``known``: doubling a neighbour or a neighbouring
    key's letter."""
    for i in range(1, len(word)):
        if word[:i] + word[i + 1:] != known:
            continue
        letter, neighbours = word[i], [word[i - 1]] + ([word[i + 1]] if i + 1 < len(word) else [])
        if any(letter == n or _touching(n, letter) for n in neighbours):
            return True
    return False


def is_typing_slip(word: str, known: str) -> bool:
    """Whether one typing slip turns ``known`` into ``word`` (see the module docstring;
    letter case is ignored).

    >>> is_typing_slip("tropos", "troops"), is_typing_slip("rounds", "pounds")
    (True, False)
    """
    word, known = word.lower(), known.lower()
    if len(word) == len(known):
        return word == known or _swapped(word, known) or _wrong_key(word, known)
    if len(word) == len(known) - 1:
        return _dropped(word, known)
    if len(word) == len(known) + 1:
        return _added(word, known)
    return False


def _one_edit(word: str, known: str) -> bool:
    """Optimal-string-alignment distance at most 1 (any slip, first letter included)."""
    if abs(len(word) - len(known)) > 1:
        return False
    if len(word) == len(known):
        diff = [i for i, (a, b) in enumerate(zip(word, known, strict=True)) if a != b]
        return len(diff) <= 1 or _swapped(word, known)
    short, long = sorted((word, known), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


@cache
def _long_words() -> tuple[str, ...]:
    """Known words of 5 letters or more that a misspelling is checked against."""
    words: list[str] = []
    for one, many in HEADCOUNT_NOUNS.items():
        words += [one, many]
    words += ["persons", "people"]
    for names in CURRENCIES.values():
        words += [name for name in names if "_" not in name]
    for name in COMMON_UNIT_NAMES:
        words += [name, plural(name)] if name not in ("feet", "inches", "centuries") else [name]
    return tuple(dict.fromkeys(w for w in words if len(w) >= 5))


@cache
def _symbols() -> tuple[str, ...]:
    """Unit symbols and currency codes of 2 to 4 characters."""
    return tuple(s for s in (*COMMON_UNIT_SYMBOLS, *CURRENCIES) if 2 <= len(s) <= 4)


@cache
def vocabulary() -> tuple[str, ...]:
    """Every word suggestions are drawn from: headcount nouns and their plurals,
    currency codes and names, common unit names and symbols."""
    names = [n.replace("_", " ") for names in CURRENCIES.values() for n in names]
    return tuple(dict.fromkeys([*_long_words(), *names, *_symbols(), *COMMON_UNIT_SYMBOLS]))


def misspelling_of(word: str) -> list[str]:
    """The known words ``word`` is probably a misspelling of (empty when it looks like
    an ordinary new noun); see the rule in the module docstring.

    >>> misspelling_of("soldeirs"), misspelling_of("GPB"), misspelling_of("drones")
    (['soldiers'], ['GBP'], [])
    """
    lower = word.lower()
    if lower in NOT_MISSPELLINGS or singular(lower) in NOT_MISSPELLINGS or word in vocabulary():
        return []
    if len(word) >= 5:
        found = [known for known in _long_words() if is_typing_slip(lower, known)]
        # the form that matches: "employes" is closer to employees than to employee
        return sorted(found, key=lambda known: (known.endswith("s") != lower.endswith("s"),
                                                abs(len(known) - len(lower))))
    if len(word) >= 2 and not _VOWELS.intersection(word):
        return [symbol for symbol in _symbols()
                if symbol[0].lower() == lower[0] and _one_edit(lower, symbol.lower())]
    return []


def suggest(word: str) -> list[str]:
    """Known unit words close to ``word``, best first: its likely misspellings (see
    :func:`misspelling_of`), then close matches by :mod:`difflib` among headcount nouns
    and their plurals, currency codes and names, and common unit names and symbols.

    >>> suggest("tropos")[0], suggest("kmz")[0], suggest("dolars")[0]
    ('troops', 'km', 'dollars')
    """
    close = difflib.get_close_matches(word, vocabulary(), n=4, cutoff=0.75)
    lower = [w for w in difflib.get_close_matches(word.lower(), vocabulary(), n=4, cutoff=0.75)]
    return list(dict.fromkeys([*misspelling_of(word), *close, *lower]))[:4]
