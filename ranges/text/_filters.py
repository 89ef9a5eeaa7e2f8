"""Numbers that are not estimates: the negative controls of the prose reader.

Years and decades are dates (:func:`year_like`, :func:`in_year_context`), but a bare
number from 1000 to 2199 is a count when the words say so (:func:`count_cue`: "more
than 2000 people", "1000-5000 troops", "the 2000 workers"); where both readings stay
plausible and no count cue is present, the year wins (its words are the ``[years]``
section of ``data/text_words.toml``). ISO and slash dates, times ("9:30"), phone
numbers and ratios are blocked out of a window before the grammar reads it
(:data:`BLOCK`); ordinals ("3rd"), model names ("5G"), times ("9 pm") and numbers after
page, version or phone words give no figure; "won 3-1" is a score; "rose from 30,000
to 100,000" is a change over time (two values, not a range). The words are in the
``[not_figures]`` and ``[change]`` sections of ``data/text_words.toml``.

Each test is a function of the :class:`~ranges.text._windows.TokenWindow` being read
and the number (:class:`~ranges.text._windows.End`) in question.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Final

from ranges._kinds import FigureKind
from ranges.text import _dates as dates
from ranges.text._numbers import is_fraction
from ranges.text._tokens import DASH, PLUSMINUS, WORD
from ranges.text._windows import End, TokenWindow
from ranges.text._words import (
    AFTER,
    CHANGE_CONTEXT,
    CHANGE_VERBS,
    COUNT_AFTER,
    CURRENCY_CODES,
    CURRENCY_WORDS,
    HEADCOUNT,
    ORDINALS,
    PAGE_WORDS,
    PHONE_WORDS,
    RATIO_WORDS,
    SCORE_WORDS,
    STOP,
    TIME_AFTER,
    UNIT_WORDS,
    VERSION_WORDS,
    YEAR_BEFORE_HEDGE,
    YEAR_DATE_HEDGES,
    YEAR_NOUNS,
    YEAR_STRONG_BEFORE,
    YEAR_WORDS,
    PhraseTable,
    canonical_unit,
    plural_like,
)

__all__ = [
    "BLOCK",
    "block_patterns",
    "count_cue",
    "in_year_context",
    "is_change",
    "is_score",
    "near_words",
    "not_an_estimate",
    "year_like",
]

BLOCK: Final = re.compile(
    r"""
    (?=[\d(+])
    (?:(?P<iso>(?<![\d.,/-])\d{4}-\d{2}-\d{2}(?![\d-]))
  | (?P<slash>(?<![\d.,/])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\d/]))
  | (?P<time>(?<![\d.,:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:]))
  | (?P<phone>(?:\+\d{1,3}[\s.-]?(?:\(\d{1,5}\)[\s.-]?)?\d[\d\s.-]{5,}\d
               |\(\d{2,5}\)[\s.-]?\d{3,4}[\s.-]?\d{3,4}
               |(?<![\d.,])\d{1,4}(?:-\d{2,4}){2,4}(?![\d,])
               |(?<![\d.,])\d{3}\.\d{3}\.\d{4}(?![\d,])
               |(?<![\d.,])\d{3}-0\d{3}(?![\d,])
               |(?<![\d.,])0\d{1,4}\x20\d{3,4}\x20\d{3,4}(?![\d,])))
  | (?P<ratio>(?<![\d.,/])\d+/\d+(?![\d/])))
    """,
    re.VERBOSE,
)
# What every match of BLOCK contains: a digit before "-", "/" or ":", a digit before
# "." or a space and a digit, or "+" or "(" before a digit. Most windows have none, and
# this one scan (it starts with a character class, which the engine skips to in C) is
# cheaper than BLOCK's.
_BLOCK_HINT: Final = re.compile(r"[\d+(](?:(?<=\d)(?:[-/:]|[.\x20]\d)|(?<=[+(])\d)")


# Web and e-mail addresses: every number in them is part of a name ("%2020", "?id=305")
_ADDRESS: Final = re.compile(r"(?:https?://|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WORD: Final = re.compile(r"[^\W\d_]+")
_DATE: Final = FigureKind.DATE  # a module constant: read for every date


def block_patterns(w: TokenWindow) -> None:
    """Block web and e-mail addresses, ISO and slash dates, times, phone numbers and
    ratios of the window out of it (``w.blocked``); the dates among them are emitted as
    ``date`` figures."""
    if "://" in w.window or "www." in w.window or "@" in w.window:
        w.blocked.extend(m.span() for m in _ADDRESS.finditer(w.window))
    if _BLOCK_HINT.search(w.window) is None:
        return
    for m in BLOCK.finditer(w.window):
        a, b = m.span()
        group = m.lastgroup
        if group == "ratio" and is_fraction(m.group()) and RATIO_WORDS.isdisjoint(
                _WORD.findall(w.window[max(0, a - 40) : a].lower())[-3:]):
            continue  # "1/4 inch": a fraction (ranges.text._numbers), not a ratio
        w.blocked.append((a, b))
        if group == "iso":
            try:
                day = dt.date.fromisoformat(m.group()).isoformat()
            except ValueError:
                continue
            w.emit_raw(a, b, _DATE, day, day, day)
        elif group == "slash":
            low, notes = _slash_date(m.group())
            w.emit_raw(a, b, _DATE, low, low, low, notes)


def _slash_date(written: str) -> tuple[str | None, tuple[str, ...]]:
    """The ISO day of "6/15/2024" or "15/6/24" when the order of day and month is
    clear, else None and why."""
    parts = [int(p) for p in written.split("/")]
    year = parts[2] + (2000 if parts[2] < 100 else 0)
    try:
        if parts[0] > 12 >= parts[1]:
            return dt.date(year, parts[1], parts[0]).isoformat(), ()
        if parts[1] > 12 >= parts[0]:
            return dt.date(year, parts[0], parts[1]).isoformat(), ()
        return None, ("day and month order is ambiguous: unresolved",)
    except ValueError:
        return None, ("not a valid calendar date: unresolved",)


def not_an_estimate(w: TokenWindow, e: End) -> bool:
    """Times, ordinals, model numbers and numbers after page/version/phone words."""
    toks, n, low = w.toks, w.n, w.low
    j = e.stop
    if e.scale == 1.0 and not e.percent and j < n:
        t = toks[j]
        if t.kind == WORD and w.touching(j - 1, j):
            word = low[j]
            if word in ORDINALS or (word not in UNIT_WORDS and word not in CURRENCY_WORDS):
                return True  # 3rd, 5G, 4x4
        if low[j] in TIME_AFTER:
            return True
        if low[j] in ("a", "p") and j + 2 < n and low[j + 1] == "." and low[j + 2] == "m":
            return True  # 9 a.m.
    prev = w.prev_word(e.first)
    if prev in PAGE_WORDS or prev in VERSION_WORDS or prev in PHONE_WORDS:
        return True
    return prev == "." and w.prev_word(e.first - 1) in PAGE_WORDS


def year_like(w: TokenWindow, e: End) -> bool:
    """Whether the number could be a year: four bare digits from 1000 to 2199."""
    t = w.toks[e.num]
    return (len(t.text) == 4 and t.text.isdigit() and 1000 <= e.raw <= 2199
            and e.scale == 1.0 and not e.percent and e.currency is None and not e.plus)


def in_year_context(w: TokenWindow, e: End) -> bool:
    """Whether the words around a year-like number make it a year ("in 2011",
    "May 2011", "since 2011." at the end of a clause, "below 1990 levels")."""
    prev = w.prev_word(e.first)
    if prev in YEAR_WORDS or (prev is not None and prev in dates.MONTHS):
        return True
    if prev == "," and (w.prev_word(e.first - 1) or "") in dates.MONTHS:
        return True
    nxt = w.word(e.stop)
    return nxt is None or nxt in STOP or nxt in YEAR_NOUNS


# -- a year-like number that is a count --------------------------------------------------
#: the hedges after a figure that make a year-like number a count ("2000 or more")
_COUNT_AFTER_HEDGES: Final[PhraseTable[str]] = {
    "or": [(words, "count") for words, kind in AFTER.get("or", []) if kind != FigureKind.APPROX],
}


def count_cue(w: TokenWindow, i: int, k: int, e1: End, between: bool,
              noun_after: Callable[[int], str | None]) -> str | None:
    """Why the year-like number ``e1`` is a count and not a year, or None when nothing
    says so (then the year grammar decides, and prefers the year). ``i`` to ``k`` is
    the hedge before it (``i == k``: none), ``between`` whether "between" stands
    before it, ``noun_after(j)`` the noun read at token ``j`` (the quantity grammar's).

    The rules, first match wins (the words are the ``[years]`` section of
    ``data/text_words.toml``):

    1. the other end of its range is no year: a count ("1000-5000 people",
       "between 1500 and 2500", "from 1500 to 2000 km");
    2. a noun the year dates after it (or after a span of two years): a year
       ("below 1990 levels", "the 2016 elections");
    3. a hedge before it: a count ("more than 2000", "at least 1800"), unless the hedge
       is a date word too ("around 2000") or follows a date word ("until at least
       2030"): then only with a counting noun after it ("around 2000 people");
    4. with no hedge, a strong date word before it keeps the year ("in 2000 people
       voted", "in 2010 to 5000": checked first); after a weak one ("the", "from",
       "between") a noun that counts people, a unit or money makes a count ("the 2000
       workers", "between 1000 and 1500 workers"); with no date word before it any
       plural does ("1200-1500 homes"); "2000 of them", "2000 or more" count like such
       a noun.

    A margin after it ("1500 ± 20 kg") makes a count before all but rule 4's strong
    date word ("in 1990 ± 2 years" stays a year).
    """
    toks, low = w.toks, w.low
    prev = w.prev_word(e1.first)
    if k == i and (prev in YEAR_STRONG_BEFORE or (prev is not None and prev in dates.MONTHS)):
        return None  # "in 2010 to 5000", "in 2000 people voted"
    stop = j = e1.stop
    if j + 1 < w.n and (toks[j].kind == PLUSMINUS or low[j : j + 3] == ["plus", "or", "minus"]):
        return "a margin after it: a year is not given with one"  # "1500 ± 20 kg"
    if j + 1 < w.n and (toks[j].kind == DASH or low[j] in ("to", "through")
                        or (low[j] == "and" and between)):
        e2 = w.end_at(j + 1)
        if e2 is not None and e2.value > e1.raw:
            if not year_like(w, e2) or e2.unit is not None:
                return (f"the other end of its range, "
                        f"{w.span_text(e2.first, e2.stop)[1]!r}, is no year")
            stop = e2.stop
    noun = noun_after(stop)
    strength = _noun_strength(noun)
    if strength == "year":
        return None
    if strength is None:
        after = w.match(COUNT_AFTER, stop) or w.match(_COUNT_AFTER_HEDGES, stop)
        if after is not None:
            strength, noun = "strong", w.span_text(stop, after[1])[1]
    said = f"{noun!r} after it"
    if k > i:
        hedge = " ".join(low[i:k])
        if hedge not in YEAR_DATE_HEDGES and w.prev_word(i) not in YEAR_BEFORE_HEDGE:
            return f"the hedge {w.span_text(i, k)[1].strip()!r} before it"
        return said if strength is not None else None
    if strength == "strong" or (strength == "weak" and prev not in YEAR_WORDS):
        return said
    return None


def _noun_strength(noun: str | None) -> str | None:
    """How much the noun after a year-like number says it is a count: "strong" for
    people, units and money ("workers", "km", "dollars"), "weak" for another plural
    ("homes"), "year" for a noun the year dates ("levels"), else None."""
    if noun is None:
        return None
    words = noun.split()
    last = words[-1].lower()
    if last in YEAR_NOUNS or words[0].lower() in YEAR_NOUNS:
        return "year"
    if (last in HEADCOUNT or last in UNIT_WORDS or last in CURRENCY_WORDS
            or words[-1] in CURRENCY_CODES or canonical_unit(noun) == "person"):
        return "strong"
    return "weak" if plural_like(last) else None


def near_words(w: TokenWindow, i: int, stop: int, words: frozenset[str]) -> bool:
    """Whether one of ``words`` is among the three tokens before ``i`` or the two
    from ``stop``."""
    low = w.low
    return not (words.isdisjoint(low[max(0, i - 3) : i])
                and words.isdisjoint(low[stop : stop + 2]))


def is_score(w: TokenWindow, i: int, e1: End, e2: End) -> bool:
    """'won 3-1': two small whole numbers joined by a dash near a score word."""
    toks = w.toks
    small = (e1.scale == 1.0 and e2.scale == 1.0 and e1.raw.is_integer()
             and e2.raw.is_integer() and e1.raw < 100 and e2.raw < 100
             and toks[e1.num].text.isdigit() and toks[e2.num].text.isdigit())
    dash = toks[e1.stop].kind == DASH
    return small and dash and near_words(w, i, e2.stop, SCORE_WORDS)


def is_change(w: TokenWindow, k: int, e1: End, start_from: bool, dash: bool) -> bool:
    """'rose from 30,000 to 100,000', 'grew 5 to 7': a change over time, not a range
    (``k`` is the index of 'from' or of the first end)."""
    verb = w.prev_word(k if start_from else e1.first)
    before = set(w.low[max(0, k - 3) : k])
    return (start_from and bool(before & CHANGE_CONTEXT)) or (
        not start_from and verb in CHANGE_VERBS and not dash)
