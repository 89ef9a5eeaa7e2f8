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

Modules: this one holds :func:`extract` and the grammar of quantities (hedges, ranges,
plus-minus, vague quantities, nouns); :mod:`ranges.text._extract_dates` the grammar of dates;
:mod:`ranges.text._filters` the numbers that are not estimates;
:mod:`ranges.text._windows` where to look (only windows of text around digits and
number, vague and date words are tokenized, so plain prose costs two regular-expression
scans) and the token helpers; :mod:`ranges.text._words` the word tables.

>>> [(f.kind, f.low, f.high, f.unit) for f in extract("some 10,000-12,000 troops")]
[('range', 10000.0, 12000.0, 'person')]
>>> f = extract("up to 300 drones")[0]
>>> f.kind, f.point, f.unit, f.noun, f.qualifier
('upper_bound', 300.0, 'drone', 'drones', 'up to')
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

from ranges.errors import InputError
from ranges.text import _dates as dates
from ranges.text._extract_dates import DateGrammar
from ranges.text._figure import FigureKind
from ranges.text._tokens import (
    CURRENCY,
    DASH,
    LPAREN,
    NUMBER,
    OTHER,
    PLUSMINUS,
    RPAREN,
    WORD,
    shares_thousands,
)
from ranges.text._windows import End, find_windows
from ranges.text._words import (
    AFTER,
    CURRENCY_CODES,
    CURRENCY_WORDS,
    EARLIER,
    HEADCOUNT,
    HEDGES,
    NON_HEDGE_STARTERS,
    ONE_WORDS,
    PAGE_WORDS,
    RANGE_WORDS,
    STARTERS,
    STOP,
    UNIT_WORDS,
    PhraseTable,
    canonical_unit,
    load_words,
    phrase_table,
    plural_like,
)

if TYPE_CHECKING:
    from ranges.reading._policy import Reading
    from ranges.text._figure import Figure

__all__ = ["canonical_unit", "extract", "load_words"]

_START_KINDS: Final = frozenset({NUMBER, CURRENCY})


def extract(
    text: str,
    *,
    reference_date: dt.date | str | None = None,
    reading: Reading | None = None,
) -> list[Figure]:
    """Every figure in ``text``, in order (see :class:`~ranges.text._figure.Figure`).

    ``reference_date`` (a ``datetime.date`` or ISO string) resolves relative dates
    ("last fall", "July"); without it they stay unresolved and say so. ``reading``
    supplies the vague-quantity table (``ranges.defaults.reading`` when None).

    >>> [(f.text, f.kind) for f in extract("Thousands fled; 1,000 sappers came in 2011.")]
    [('Thousands', 'vague'), ('1,000 sappers', 'exact'), ('in 2011', 'date')]
    """
    if not isinstance(text, str):
        raise InputError(f"extract() needs a string, got {type(text).__name__}")
    ref = dates.as_reference(reference_date)
    if reading is None:
        from ranges._config import defaults

        reading = defaults.reading
    vague = _vague_table(tuple(reading.vague.items()))
    starters = STARTERS.union(vague)  # the words a figure may start with
    # words that start nothing but a hedge phrase ("in" of "in excess of")
    hedge_only = STARTERS.difference(NON_HEDGE_STARTERS, vague)
    figures: list[Figure] = []
    for start, end in find_windows(text):
        _Scanner(text, start, end, ref, vague, figures).run(starters, hedge_only)
    figures.sort(key=lambda f: f.span)
    return figures


_VAGUE_CACHE: dict[tuple[str, ...], PhraseTable] = {}


def _vague_table(rows: tuple[tuple[str, Any], ...]) -> PhraseTable:
    """First word -> [(words, 'multiplier' | 'plain')] of a vague table (cached)."""
    key = tuple(f"{k}|{getattr(v, 'multiplier', False)}" for k, v in rows)
    table = _VAGUE_CACHE.get(key)
    if table is None:
        groups: dict[str, list[str]] = {"multiplier": [], "plain": []}
        for phrase, entry in rows:
            groups["multiplier" if getattr(entry, "multiplier", False) else "plain"].append(phrase)
        table = phrase_table(groups)
        if len(_VAGUE_CACHE) > 32:
            _VAGUE_CACHE.clear()
        _VAGUE_CACHE[key] = table
    return table



class _Scanner(DateGrammar):
    """Reads the figures of one window of the text: the grammar of quantities."""

    # -- main loop -----------------------------------------------------------------
    def run(self, starters: frozenset[str], hedge_only: frozenset[str]) -> None:
        """Read the figures of the window; ``starters`` are the words one may start
        with (besides numbers and currency signs), ``hedge_only`` those of them that
        start a figure only as the first word of a hedge phrase."""
        # a window may start inside a run of tokens already read by the previous one
        min_start = self.out[-1].span[1] - self.base if self.out else 0
        first_new = len(self.out)
        self.block_patterns()  # may emit dates ("2024-05-01") ahead of the figures before them
        toks = self.toks
        i = 0
        while i < self.n and toks[i].start < min_start:
            i += 1
        low = self.low
        starts = [c for c, t in enumerate(toks) if t.kind in _START_KINDS or low[c] in starters]
        for c in starts:
            if c < i or (self.blocked and self.is_blocked(c)):
                continue
            if low[c] in hedge_only and toks[c].kind not in _START_KINDS \
                    and self.match(HEDGES, c) is None:
                continue  # "in" without "excess of": no date, vague word or number here
            nxt = self.figure_at(c)
            i = nxt if nxt is not None and nxt > c else c + 1
        if len(self.out) - first_new > 1:
            self.out[first_new:] = sorted(self.out[first_new:], key=lambda f: f.span)


    def figure_at(self, i: int) -> int | None:
        found = self.date_at(i)
        if found is not None:
            return found
        hedge = self.match(HEDGES, i)
        k = hedge[1] if hedge else i
        if hedge and k < self.n and self.toks[k].kind == OTHER and self.toks[k].text == ".":
            k += 1  # "approx. 300", "c. 1500"
        found = self.vague_at(k, i)
        if found is not None:
            return found
        return self.quantity_at(i, k, hedge[0] if hedge else None)


    # -- quantities ----------------------------------------------------------------
    def quantity_at(self, i: int, k: int, hedge: str | None) -> int | None:
        first = self.word(k)
        between = first == "between"
        start_from = first == "from"
        j = k + 1 if between or start_from else k
        e1 = self.end_at(j)
        if e1 is None:
            return None
        if self.toks[e1.num].text.lower() in ONE_WORDS and hedge is None:
            nxt = e1.stop
            if not (nxt < self.n and (self.toks[nxt].kind == DASH or self.word(nxt) in (
                    "to", "or", "and"))):
                return e1.stop  # "one of them": a pronoun, not a figure
        if self.year_like(e1) and self.prev_word(e1.first) not in PAGE_WORDS:
            year = self.year_at(i if hedge is None else k, e1, between or start_from)
            if year is not None:
                return year
        if self.not_an_estimate(e1):
            stop = e1.stop
            if stop + 1 < self.n and (self.toks[stop].kind == DASH or self.word(stop) in (
                    "to", "and", "through")):
                skipped = self.end_at(stop + 1)
                if skipped is not None:
                    return skipped.stop  # pages 10-12
            return stop
        e2: End | None = None
        joint = e1.stop
        if joint < self.n:
            jt = self.toks[joint]
            if between and self.word(joint) == "and":
                e2 = self.end_at(joint + 1)
            elif not between and (jt.kind == DASH or self.word(joint) in RANGE_WORDS):
                e2 = self.end_at(joint + 1)
                if e2 is not None and jt.kind == DASH and self.touching(joint, joint + 1) \
                        and not self.touching(joint - 1, joint) and e1.value > 0:
                    # "5 -3" is not a range in prose either
                    e2 = None
            elif jt.kind in (PLUSMINUS, LPAREN) or self.word(joint) == "plus":
                return self.plus_minus_at(i, e1, hedge)
        if e2 is not None:
            if self.not_an_estimate(e2):
                return e2.stop
            return self.range_at(i, k, e1, e2, hedge, between, start_from)
        return self.single_at(i, e1, hedge)

    def range_at(self, i: int, k: int, e1: End, e2: End, hedge: str | None,
                 between: bool, start_from: bool) -> int | None:
        notes: list[str] = []
        toks = self.toks
        joint = e1.stop
        dash = toks[joint].kind == DASH
        if self.is_score(i, e1, e2) or self.prev_word(k) in PAGE_WORDS:
            return e2.stop  # won 3-1, pages 10-12
        change = self.is_change(k, e1, start_from, dash)
        if change:
            self.single_at(k + 1 if start_from else e1.first, e1, None, stop=e1.stop,
                           note="the first value of a change over time, not a range")
            return self.single_at(joint + 1, e2, None,
                                  note="the second value of a change over time, not a range")
        low, high = e1.value, e2.value
        if e2.scale != 1.0 and e1.scale == 1.0 and e1.raw <= e2.raw:
            low = e1.raw * e2.scale
            if e2.scale_text:
                notes.append(f"the scale word {e2.scale_text!r} applies to both ends")
        elif (e1.scale == 1.0 and e2.scale == 1.0
              and shares_thousands(toks[e1.num].text, e1.raw, toks[e2.num].text, e2.raw)):
            low = e1.raw * 1000
            notes.append(f"'{toks[e1.num].text}' read as {low:,.0f} (the thousands of "
                         f"{toks[e2.num].text} shared)")
        currency = e1.currency or e2.currency
        percent = e1.percent or e2.percent
        if not low < high:
            return self.single_at(i, e1, hedge)
        if self.year_like(e1) and self.year_like(e2) and self.in_year_context(e2):
            return None
        kind: FigureKind = "range"
        stop = e2.stop
        after = self.match(AFTER, stop)
        qualifier = self.qualifier(i, k) if k > i else None
        if after is not None and not self.after_is_addition(after[1]):
            stop = after[1]
        return self.finish(i, stop, kind, low, high, None, currency, percent, qualifier,
                           tuple(notes))

    def after_is_addition(self, stop: int) -> bool:
        """'5,000 plus 3,000' adds; '5,000 plus' is a bound."""
        last = self.low[stop - 1]
        return last in ("plus", "+") and stop < self.n and self.toks[stop].kind in (
            NUMBER, CURRENCY)

    def qualifier(self, i: int, k: int) -> str:
        return self.span_text(i, k)[1].rstrip()

    def plus_minus_at(self, i: int, e1: End, hedge: str | None) -> int | None:
        j = e1.stop
        paren = self.toks[j].kind == LPAREN
        if paren:
            j += 1
        if j < self.n and self.toks[j].kind == PLUSMINUS:
            j += 1
        elif self.low[j : j + 3] == ["plus", "or", "minus"]:
            j += 3
        else:
            return self.single_at(i, e1, hedge)
        margin = self.end_at(j)
        if margin is None:
            return self.single_at(i, e1, hedge)
        stop = margin.stop
        if paren and stop < self.n and self.toks[stop].kind == RPAREN:
            stop += 1
        m = margin.value
        notes: tuple[str, ...] = ()
        if margin.percent and not e1.percent:
            m = e1.value * margin.value / 100
            notes = (f"a margin of {margin.value:g}% of {e1.value:g}",)
        qualifier = self.qualifier(i, e1.first) if e1.first > i else None
        return self.finish(i, stop, "plus_minus", e1.value - m, e1.value + m, e1.value,
                           e1.currency, e1.percent, qualifier, notes)

    def single_at(self, i: int, e: End, hedge: str | None, *, stop: int | None = None,
                  note: str | None = None) -> int | None:
        kind: FigureKind = "exact"
        qualifier = None
        if hedge is not None:
            kind = hedge  # type: ignore[assignment]
            qualifier = self.qualifier(i, e.first)
        end = e.stop if stop is None else stop
        after = None if stop is not None else self.match(AFTER, end)
        if after is not None and self.low[end] == "odd" and not self.touching(end - 1, end):
            after = None
        if after is not None and not self.after_is_addition(after[1]):
            kind = after[0]  # type: ignore[assignment]
            qualifier = self.source[self.base + self.toks[end].start :
                                    self.base + self.toks[after[1] - 1].end]
            end = after[1]
        if e.plus:
            kind = "lower_bound"
            qualifier = qualifier or "+"
        notes = (note,) if note else ()
        if kind == "exact" and self.match_ending(EARLIER, e.first) is not None:
            notes = (*notes, "an earlier value the text compares with")
        return self.finish(i, end, kind, None, None, e.value, e.currency, e.percent,
                           qualifier, notes, read_noun=stop is None)

    def finish(self, i: int, stop: int, kind: FigureKind, low: float | None,
               high: float | None, point: float | None, currency: str | None, percent: bool,
               qualifier: str | None, notes: tuple[str, ...], *, read_noun: bool = True,
               ) -> int:
        noun = None
        end = stop
        if read_noun and not percent:
            noun, end = self.noun_at(stop, allow_of=False)
            after = self.match(AFTER, end) if noun is not None and kind == "exact" else None
            if after is not None and after[0] != "approx" and self.low[end] == "or":
                kind = after[0]  # type: ignore[assignment]
                qualifier = self.span_text(end, after[1])[1]
                end = after[1]
        unit = "percent" if percent else canonical_unit(noun, currency)
        if kind in ("approx", "lower_bound", "upper_bound", "exact"):
            low = high = None
        self.emit(i, end, kind, low, high, point, unit=unit, noun=noun, qualifier=qualifier,
                  assumptions=notes)
        return end

    def noun_at(self, k: int, *, allow_of: bool) -> tuple[str | None, int]:
        """The noun phrase starting at token ``k`` and the index after it."""
        toks, n = self.toks, self.n
        j = k
        if allow_of and self.word(j) == "of":
            j += 1
        elif self.word(j) == "more" and j + 1 < n and self.toks[j + 1].kind == WORD \
                and self.low[j + 1] not in STOP:
            j += 1  # "3,000 more troops": the noun is "troops" ("more than" stops here)
        first = j
        words: list[int] = []
        while j < n and len(words) < 4:
            t = toks[j]
            if t.kind != WORD:
                break
            w = self.low[j]
            if w in STOP or (w in dates.MONTHS and t.text[0].isupper()):
                break
            if words and self.touching(j - 1, j):
                break
            words.append(j)
            j += 1
            # hyphenated words: "North Korean-made", "well-trained"
            while j + 1 < n and toks[j].kind == DASH and toks[j].text == "-" \
                    and self.touching(j - 1, j) and self.touching(j, j + 1) \
                    and toks[j + 1].kind == WORD:
                j += 2
                words[-1] = j - 1
        if not words:
            return None, k
        keep = -1
        for idx, wi in enumerate(words):
            lw = self.low[wi]
            if lw in HEADCOUNT or lw in UNIT_WORDS or lw in CURRENCY_WORDS \
                    or toks[wi].text in CURRENCY_CODES:
                keep = idx
        if keep < 0:
            for idx, wi in enumerate(words):
                if plural_like(self.low[wi]):
                    keep = idx
                    break
        if keep < 0:
            lw = self.low[words[0]]
            if lw.endswith(("ed", "ing", "ly")):
                return None, k
            keep = 0
        last = words[keep]
        a = self.base + toks[first].start
        b = self.base + toks[last].end
        return self.source[a:b], last + 1

    # -- vague quantities ----------------------------------------------------------
    def vague_at(self, k: int, i: int) -> int | None:
        found = self.match(self.vague, k)
        if found is None:
            return None
        label, j = found
        phrase = " ".join(self.low[k:j])
        if label == "multiplier":
            w = self.word(j)
            if w not in ("hundred", "thousand", "million", "billion", "dozen"):
                return None
            phrase = f"{phrase} {w}"
            j += 1
        if phrase == "scores" and self.word(j) != "of":
            return None
        q_end = j + 1 if self.word(j) == "of" else j
        qualifier = self.span_text(k, q_end)[1]
        noun, end = self.noun_at(j, allow_of=True)
        if noun is None:
            end = j
        unit = canonical_unit(noun)
        note = (f"{phrase!r} is read through the vague-quantity table, a convention",)
        self.emit(k, end, "vague", None, None, None, unit=unit, noun=noun, qualifier=qualifier,
                  phrase=phrase, assumptions=note)
        return end

