"""Find the figures in prose: :func:`extract`.

The extractor reuses the expression tokenizer (:func:`ranges.text._tokens.tokenize`) and
reads a small grammar over its tokens. Keywords come from data files, not code:
hedges, change verbs, noun stop words and the words that mark numbers which are not
estimates are in ``data/text_words.toml``; vague quantities ("thousands", "a few
hundred") are the rows of the Reading's vague table (``data/vague_quantities.toml``).

Grammar (over tokens; words are matched case-insensitively, longest phrase first)::

    figure   = date | [hedge] ( vague | quantity ) ;
    quantity = "between" end "and" end [after] [noun]
             | [ "from" ] end [ ( dash | "to" | "through" ) end
                              | ( "±" | "+/-" | "plus or minus" ) end ] [after] [noun] ;
    end      = [ currency ] NUMBER [ "+" ] { SCALE } [ PERCENT ] ;
    currency = "$" | "€" | "£" | "¥" | "US$" | a code such as "USD" ;
    vague    = a row of the vague table ( "tens of thousands" | "a handful" | ...
             | multiplier-row scale-word: "a few thousand", "several hundred" ) [ "of" ] ;
    after    = "or more" | "or so" | "or fewer" | "-plus" | "-odd" | ... ;
    noun     = up to four words that are not stop words, cut after the last word that
               counts (a headcount noun, a unit, a currency, or a plural) ;
    date     = [ date-hedge ] ( month [ day ] [ year ] [ ("or"|"to"|"-") month ... ]
             | ("last"|"this"|"next") season | "earlier this year" | ...
             | year-in-context | decade | ISO date ) ;

Scale and currency are shared between the ends of a range as people mean them:
"1.7–1.9 million", "$3–4bn", "two to seven million" (the low end takes the high end's
scale when its digits are not larger), "20 to 30,000" (a bare low end of at most three
digits takes the high end's thousands; recorded as an assumption).

Numbers that are not estimates are skipped or read as what they are: years and
decades become ``date`` figures; times, ordinals, phone numbers, versions, model names
("F-16", "G7"), page and section numbers and scores ("won 3-1") give no figure;
"increased from 30,000 to 100,000" gives two ``exact`` figures (a change over time,
not a range); "$47bn or $8bn" gives two figures.

Modules: this one holds :func:`extract` and the reading of one window (where a figure
may start, and which part of the grammar reads it); :mod:`ranges.text._quantities` the
grammar of quantities (hedges, ranges, plus-minus, vague quantities, nouns);
:mod:`ranges.text._extract_dates` the grammar of dates; :mod:`ranges.text._filters` the
numbers that are not estimates; :mod:`ranges.text._windows` where to look (only windows
of text around digits and number, vague and date words are tokenized, so plain prose
costs two regular-expression scans) and :class:`~ranges.text._windows.TokenWindow`, the
state of reading one window, which every part takes as its first argument;
:mod:`ranges.text._words` the word tables.

>>> [(f.kind.value, f.low, f.high, f.unit) for f in extract("some 10,000-12,000 troops")]
[('range', 10000.0, 12000.0, 'person')]
>>> f = extract("up to 300 drones")[0]
>>> f.kind, f.point, f.unit, f.noun, f.qualifier
(<FigureKind.UPPER_BOUND: 'upper_bound'>, 300.0, 'drone', 'drones', 'up to')
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from ranges.errors import InputError
from ranges.text import _dates as dates
from ranges.text._attach_dates import attach_dates
from ranges.text._comparisons import join_two_sided
from ranges.text._extract_dates import date_at
from ranges.text._filters import block_patterns
from ranges.text._quantities import margin_at, quantity_at, vague_at
from ranges.text._tokens import CURRENCY, NUMBER, OTHER
from ranges.text._vague import vague_phrases
from ranges.text._windows import TokenWindow, find_windows
from ranges.text._words import (
    HEDGES,
    MARGINS,
    NON_HEDGE_STARTERS,
    STARTERS,
    canonical_unit,
    load_words,
)

if TYPE_CHECKING:
    from ranges.reading._policy import Reading
    from ranges.text._figure import Figure

__all__ = ["canonical_unit", "extract", "load_words"]

_START_KINDS: Final = frozenset({NUMBER, CURRENCY})
#: the first words of a margin with no centre ("±", "plus" of "plus or minus")
MARGIN_STARTS: Final = frozenset(MARGINS)


def extract(
    text: str,
    *,
    reference_date: dt.date | str | None = None,
    reading: Reading | None = None,
) -> list[Figure]:
    """Every figure in ``text``, in order (see :class:`~ranges.text._figure.Figure`).

    ``reference_date`` (a ``datetime.date`` or ISO string) resolves relative dates
    ("last fall", "July"); without it they stay unresolved and say so. ``reading``
    supplies the vague-quantity table (``ranges.defaults.reading`` when None). A
    quantity that a date in its clause dates gets that date's window as ``when``
    (:mod:`ranges.text._attach_dates`).

    >>> [(f.text, f.kind.value) for f in extract("Thousands fled; 1,000 sappers came in 2011.")]
    [('Thousands', 'vague'), ('1,000 sappers', 'exact'), ('in 2011', 'date')]
    """
    if not isinstance(text, str):
        raise InputError(f"extract() needs a string, got {type(text).__name__}")
    ref = dates.as_reference(reference_date)
    if reading is None:
        from ranges._config import defaults

        reading = defaults.reading
    vague = vague_phrases(reading)
    starters = STARTERS.union(vague, MARGIN_STARTS)  # the words a figure may start with
    # words that start nothing but a hedge phrase ("in" of "in excess of")
    hedge_only = STARTERS.difference(NON_HEDGE_STARTERS, vague)
    figures: list[Figure] = []
    for start, end in find_windows(text):
        read_window(TokenWindow(text, start, end, ref, vague, figures), starters, hedge_only)
    figures.sort(key=lambda f: f.span)
    return attach_dates(text, join_two_sided(text, figures))


def read_window(w: TokenWindow, starters: frozenset[str], hedge_only: frozenset[str]) -> None:
    """Read the figures of one window into ``w.out``; ``starters`` are the words a
    figure may start with (besides numbers and currency signs), ``hedge_only`` those
    of them that start a figure only as the first word of a hedge phrase."""
    out = w.out
    # a window may start inside a run of tokens already read by the previous one
    min_start = out[-1].span[1] - w.base if out else 0
    first_new = len(out)
    block_patterns(w)  # may emit dates ("2024-05-01") ahead of the figures before them
    toks, low = w.toks, w.low
    i = 0
    while i < w.n and toks[i].start < min_start:
        i += 1
    starts = [c for c, t in enumerate(toks) if t.kind in _START_KINDS or low[c] in starters]
    for c in starts:
        if c < i or (w.blocked and w.is_blocked(c)):
            continue
        if low[c] in hedge_only and toks[c].kind not in _START_KINDS \
                and w.match(HEDGES, c) is None:
            continue  # "in" without "excess of": no date, vague word or number here
        nxt = figure_at(w, c)
        i = nxt if nxt is not None and nxt > c else c + 1
    if len(out) - first_new > 1:
        out[first_new:] = sorted(out[first_new:], key=lambda f: f.span)


_SYMBOLS: Final = frozenset("<>=-")


def _arrow_or_not_equal(w: TokenWindow, i: int) -> bool:
    """Whether a comparison sign at token ``i`` is glued to another sign before it:
    "=>30", "->30" (arrows) and "<>30" (not equal) state no bound, and no figure."""
    tok = w.toks[i]
    if i == 0 or tok.text[:1] not in "<>":
        return False
    before = w.toks[i - 1]
    return before.end == tok.start and before.text[-1:] in _SYMBOLS


def figure_at(w: TokenWindow, i: int) -> int | None:
    """The figure starting at token ``i``, in the order of the grammar: a date, else a
    hedge and a vague quantity, else a hedge and a quantity; the index after it."""
    found = date_at(w, i)
    if found is not None:
        return found
    if w.low[i] in MARGIN_STARTS:
        found = margin_at(w, i)
        if found is not None:
            return found
    hedge = w.match(HEDGES, i)
    if hedge and _arrow_or_not_equal(w, i):
        end = w.end_at(hedge[1])
        return end.stop if end is not None else hedge[1]
    k = hedge[1] if hedge else i
    if hedge and k < w.n and w.toks[k].kind == OTHER and w.toks[k].text == ".":
        k += 1  # "approx. 300", "c. 1500"
    found = vague_at(w, k)
    if found is not None:
        return found
    return quantity_at(w, i, k, hedge[0] if hedge else None)
