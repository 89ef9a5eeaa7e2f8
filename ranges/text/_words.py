"""The words the prose reader knows, loaded from ``data/text_words.toml``.

:func:`load_words` reads the shipped tables; the module turns them into the frozen
sets and phrase tables that :mod:`ranges.text._extract` (and :mod:`ranges.text._totals`) look words
up in: hedges, words after a figure, change verbs, the words that make a number not an
estimate, noun stop words, unit words and currencies; the people nouns are the rows of
``data/headcount_nouns.toml``, shared with :mod:`ranges.units`. It also says what
unit a noun phrase is in (:func:`canonical_unit`).

A phrase table maps the first word of each phrase to ``[(words, label)]``, longest
phrase first, so that the reader can match the longest phrase at a token.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Any, Final, TypeAlias, TypeVar

from ranges._kinds import FigureKind
from ranges.core._unit_words import COMMON_UNIT_NAMES
from ranges.core._units import HEADCOUNT_NOUNS, singular
from ranges.text import _dates as dates
from ranges.text._tokens import tokenize

__all__ = [
    "PhraseTable", "canonical_unit", "headcount_rule", "load_words", "phrase_table",
    "plural_like",
]

#: the label of a phrase table's rows (a :class:`~ranges._kinds.FigureKind` for hedges)
L = TypeVar("L", bound=str)
#: First word -> [(phrase words, label)], longest first.
PhraseTable: TypeAlias = dict[str, list[tuple[tuple[str, ...], L]]]


def load_words() -> dict[str, Any]:
    """The shipped word tables (``data/text_words.toml``) as a dict.

    >>> "more than" in load_words()["hedges"]["lower_bound"]
    True
    """
    text = resources.files("ranges").joinpath("data/text_words.toml").read_text("utf-8")
    return tomllib.loads(text)


W: Final = load_words()


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(t.text.lower() for t in tokenize(text, strict=False))


def phrase_table(groups: dict[L, list[str]]) -> PhraseTable[L]:
    """First word -> [(phrase words, label)], longest first.

    >>> phrase_table({"approx": ["about", "more or less"]})["more"]
    [(('more', 'or', 'less'), 'approx')]
    """
    table: PhraseTable[L] = {}
    for label, phrases in groups.items():
        for p in phrases:
            words = _phrase(p)
            table.setdefault(words[0], []).append((words, label))
    for rows in table.values():
        rows.sort(key=lambda row: -len(row[0]))
    return table


def _kind_table(section: dict[str, list[str]]) -> PhraseTable[FigureKind]:
    """A phrase table of a section whose keys are figure kinds (hedges)."""
    return phrase_table({FigureKind(kind): phrases for kind, phrases in section.items()})


HEDGES: Final = _kind_table(W["hedges"])
AFTER: Final = _kind_table(W["after"])
EARLIER: Final = phrase_table({"earlier": W["change"]["earlier"]})
#: hedge phrases (as word tuples) whose bound includes its number ("at least 30")
INCLUSIVE_BOUNDS: Final = frozenset(" ".join(_phrase(p)) for p in W["bounds"]["inclusive"])
#: "inclusive" / "exclusive" after a range: whether its ends are in it
RANGE_ENDS: Final = phrase_table({"inclusive": W["bounds"]["range_inclusive"],
                                  "exclusive": W["bounds"]["range_exclusive"]})
#: what may join two opposite bounds into one range ("more than 20 but under 40")
TWO_SIDED_JOINS: Final = frozenset(" ".join(_phrase(p)) for p in W["bounds"]["two_sided_joins"])
#: the words of a margin with no centre ("plus or minus 4 points")
MARGINS: Final = phrase_table({"margin": W["margins"]["words"]})
CHANGE_VERBS: Final = frozenset(W["change"]["verbs"])
CHANGE_CONTEXT: Final = CHANGE_VERBS | {"up", "down"}
NF: Final = W["not_figures"]
PAGE_WORDS: Final = frozenset(NF["pages"])
VERSION_WORDS: Final = frozenset(NF["versions"])
SCORE_WORDS: Final = frozenset(NF["scores"])
PHONE_WORDS: Final = frozenset(NF["phones"])
TIME_AFTER: Final = frozenset(NF["time_after"])
ORDINALS: Final = frozenset(NF["ordinal_suffixes"])
STOP: Final = frozenset(W["noun"]["stop"])
UNIT_WORDS: Final = frozenset(W["noun"]["units"])
CURRENCY_WORDS: Final[dict[str, str]] = dict(W["noun"]["currencies"])
_UNITS: Final = W["units_in_prose"]
#: letters written before "$" -> the dollar they name ("C$" Canadian, "R$" Brazilian)
DOLLAR_PREFIXES: Final[dict[str, str]] = dict(_UNITS["dollar_prefixes"])
CURRENCY_CODES: Final = frozenset(v for v in CURRENCY_WORDS.values()) | frozenset(
    {"AUD", "CAD", "NZD", "HKD", "SGD", "SEK", "NOK", "DKK", "PLN", "TRY", "BRL", "MXN"}
) | frozenset(DOLLAR_PREFIXES.values())
CURRENCY_SIGNS: Final = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
#: unit symbols read after a number, as written -> the figure's unit ("64GB", "30 kg")
UNIT_SYMBOLS: Final[dict[str, str]] = {
    **{s: s for s in W["glued"]["units"] if s not in _UNITS["not_after_numbers"]},
    **_UNITS["symbols"],
}
_M: Final = _UNITS["metre_or_million"]
#: the words that decide whether "m" after a number is metres or million
LENGTH_AFTER: Final = frozenset(_M["length_after"])
LENGTH_BEFORE: Final = frozenset(_M["length_before"])
MONEY_BEFORE: Final = frozenset(_M["money_before"])
MONEY_NOUNS: Final = frozenset(_M["money_nouns"])
#: words that make "pounds" a weight for sure
WEIGHT_WORDS: Final = frozenset(_M["weight_words"])
#: unit names (lower case, singular or plural) that may follow a number and a hyphen
#: ("a 9-metre wall", "a 40-tonne truck") or stand between the ends of a range
UNIT_NAMES: Final = (frozenset(W["noun"]["units"]) | frozenset(COMMON_UNIT_NAMES) | frozenset(
    singular(u) for u in W["noun"]["units"])) - {"sq", "square", "pound", "degree", "percent"}
# people nouns: the rows of data/headcount_nouns.toml (ranges.units.HEADCOUNT_NOUNS)
HEADCOUNT: Final = frozenset(HEADCOUNT_NOUNS) | frozenset(HEADCOUNT_NOUNS.values()) | {
    "persons", "people", "troop"}  # fmt: skip
RANGE_WORDS: Final = frozenset({"to", "through", "thru"})
YEAR_WORDS: Final = frozenset({
    "in", "since", "by", "until", "till", "from", "during", "of", "before", "after", "early",
    "mid", "late", "year", "fiscal", "summer", "spring", "autumn", "winter", "fall", "the",
    "between", "and", "through", "to", "around", "circa", "throughout", "than", "as",
})  # fmt: skip
# years or counts: the [years] section of the word file (ranges.text._filters.count_cue)
_Y: Final = W["years"]
#: date words before a number that keep it a year against a counting noun ("in 2000")
YEAR_STRONG_BEFORE: Final = frozenset(_Y["strong_before"])
#: date words before a hedge that keep the number after it a year ("until at least 2030")
YEAR_BEFORE_HEDGE: Final = frozenset(_Y["before_hedge"])
#: hedges that are date words too ("around 2000"), as space-joined lower-case tokens
YEAR_DATE_HEDGES: Final = frozenset(" ".join(_phrase(p)) for p in _Y["date_hedges"])
#: nouns after a year that the year dates ("1990 levels", "the 2016 elections")
YEAR_NOUNS: Final = frozenset(_Y["year_nouns"])
#: words after a number that make it a count ("2000 of them")
COUNT_AFTER: Final = phrase_table({"count": _Y["count_after"]})
DATE_HEDGES: Final = phrase_table({
    "window": ["as early as", "as late as", "as soon as", "in", "during", "around"],
    "until": ["by", "until", "till", "before", "no later than", "not later than"],
    "since": ["since", "after", "no earlier than", "not before", "from"],
})  # fmt: skip
DATE_JOIN: Final = frozenset({"or", "to", "through", "until", "-", "–", "—"})
SEASON_WHICH: Final = {"last": "last", "this": "this", "next": "next", "past": "last",
                        "previous": "last", "coming": "next"}
RELATIVE: Final = phrase_table({"relative": list(dates.RELATIVE)})
# the words a figure may start with besides hedges (and vague quantities, which come
# from the Reading's table)
NON_HEDGE_STARTERS: Final = frozenset({
    *RELATIVE, *SEASON_WHICH, *dates.MONTHS, "between", "from",
    *(c.lower() for c in CURRENCY_CODES), *(p.lower() for p in DOLLAR_PREFIXES),
})  # fmt: skip
STARTERS: Final = frozenset(HEDGES) | NON_HEDGE_STARTERS
ONE_WORDS: Final = frozenset({"one", "a", "an"})  # a lone "one" is too often a pronoun

#: words of size after a measure: "in" before them is inches ("2 in thick")
SIZE_WORDS: Final = frozenset(_M["size_words"])
#: units named in more than one word ("british thermal unit") -> the unit
PHRASE_UNITS: Final[dict[str, str]] = dict(W["noun"]["phrase_units"])
#: words that make a slash number a ratio, not a fraction ("a ratio of 3/4")
RATIO_WORDS: Final = frozenset(W["not_figures"]["ratios"])
#: words that make a plain number in parentheses negative ("a net loss of (4.2)")
ACCOUNT_WORDS: Final = frozenset(W["accounts"]["words"])

NUMBER_WORDS: Final = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
    "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands", "million",
    "millions", "billion", "billions", "trillion", "dozen", "dozens", "half", "handful",
    "scores", "several", "few", "couple", "tens", "bn", "mn",
]


def _load_suffixes() -> dict[str, Any]:
    text = resources.files("ranges").joinpath("data/headcount_nouns.toml").read_text("utf-8")
    return dict(tomllib.loads(text)["suffixes"])


_SUFFIXES: Final = _load_suffixes()
_PEOPLE_ENDINGS: Final = tuple(_SUFFIXES["people"])
_PEOPLES_ENDINGS: Final = tuple(_SUFFIXES["peoples"])
_AGENT_ENDINGS: Final = tuple(_SUFFIXES["agents"])
_MIN_STEM: Final = int(_SUFFIXES["min_stem"])
NOT_PEOPLE: Final = frozenset(_SUFFIXES["not_people"])


def _ending(lower: str, endings: tuple[str, ...]) -> str | None:
    for e in endings:
        if lower.endswith(e) and len(lower) - len(e) >= _MIN_STEM:
            return e
    return None


@functools.lru_cache(maxsize=4096)
def headcount_rule(word: str) -> tuple[str, bool] | None:
    """The suffix rule by which a plural noun the headcount table does not hold counts
    people, and whether the rule is sure: ``(rule, True)`` for "-ists", "-ians" and
    capitalised demonyms ("Syrians", "Iraqis"), ``(rule, False)`` for agent nouns
    ("-ers", "-ors", "-ees", "-ics": "welders" usually counts people, "containers"
    does not); None otherwise, and for the words of the ``not_people`` table (the rules
    and tables are in ``data/headcount_nouns.toml``).

    >>> headcount_rule("physicists"), headcount_rule("Bolivians"), headcount_rule("welders")
    (('a plural in -ists', True), ('a plural in -ians', True), ('a plural in -ers', False))
    >>> headcount_rule("Iraqis"), headcount_rule("taxis"), headcount_rule("containers")
    (('a capitalised plural in -is (a people)', True), None, None)
    """
    lower = word.lower()
    if lower in NOT_PEOPLE or lower in HEADCOUNT:
        return None
    sure = _ending(lower, _PEOPLE_ENDINGS)
    if sure:
        return f"a plural in -{sure}", True
    if word[:1].isupper() and word[1:].islower():
        people = _ending(lower, _PEOPLES_ENDINGS)
        if people:
            return f"a capitalised plural in -{people} (a people)", True
    agent = _ending(lower, _AGENT_ENDINGS)
    if agent:
        return f"a plural in -{agent}", False
    return None


def canonical_unit(noun: str | None, currency: str | None = None) -> str | None:
    """The canonical unit of a noun phrase: ``person`` for headcount nouns (the table,
    or a sure rule of :func:`headcount_rule`), a currency code for money, ``percent``,
    else the singular of the last word.

    >>> canonical_unit("military construction workers"), canonical_unit("tanks")
    ('person', 'tank')
    >>> canonical_unit("nuclear physicists"), canonical_unit("Ukrainians")
    ('person', 'person')
    >>> canonical_unit(None, "USD"), canonical_unit("billion euros")
    ('USD', 'EUR')
    """
    if currency:
        return currency
    if not noun:
        return None
    words = noun.split()
    last = words[-1]
    lower = last.lower()
    for size in (3, 2):  # "British thermal units", "nautical miles"
        if len(words) >= size:
            phrase = " ".join((*(x.lower() for x in words[-size:-1]), singular(lower)))
            if phrase in PHRASE_UNITS:
                return PHRASE_UNITS[phrase]
    if lower in HEADCOUNT:
        return "person"
    if last in CURRENCY_CODES:
        return last
    if lower in CURRENCY_WORDS:
        return CURRENCY_WORDS[lower]
    if lower in ("percent", "pct", "%"):
        return "percent"
    if lower not in UNIT_WORDS:
        rule = headcount_rule(last)
        if rule is not None and rule[1]:
            return "person"
    return singular(lower)


def plural_like(word: str) -> bool:
    w = word.lower()
    return len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous"))

