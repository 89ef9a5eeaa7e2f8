"""The quantity grammar of the prose reader: hedges, ranges, plus-minus figures, bare
figures, vague quantities and the nouns after them.

Each part is a function of the :class:`~ranges.text._windows.TokenWindow` being read
and the token index where it starts; it emits the figures it reads into the window
and returns the index after them (None when nothing is read there). The grammar is
in the docstring of :mod:`ranges.text._extract`; the numbers that are not estimates
are tested by :mod:`ranges.text._filters`, years read by
:mod:`ranges.text._extract_dates`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from ranges._kinds import FigureKind
from ranges.core import _units as units
from ranges.errors import RangesError
from ranges.text import _dates as dates
from ranges.text._extract_dates import year_at
from ranges.text._filters import (
    count_cue,
    in_year_context,
    is_change,
    is_score,
    not_an_estimate,
    year_like,
)
from ranges.text._tokens import (
    CURRENCY,
    DASH,
    LPAREN,
    NUMBER,
    PERCENT,
    PLUSMINUS,
    RPAREN,
    SCALE,
    WORD,
    shares_thousands,
)
from ranges.text._vague import vague_phrase_at
from ranges.text._windows import End, TokenWindow
from ranges.text._words import (
    AFTER,
    CURRENCY_CODES,
    CURRENCY_WORDS,
    EARLIER,
    HEADCOUNT,
    INCLUSIVE_BOUNDS,
    MARGINS,
    MONEY_BEFORE,
    MONEY_NOUNS,
    ONE_WORDS,
    PAGE_WORDS,
    RANGE_ENDS,
    RANGE_WORDS,
    STOP,
    UNIT_NAMES,
    UNIT_WORDS,
    WEIGHT_WORDS,
    canonical_unit,
    plural_like,
)

__all__ = ["margin_at", "noun_at", "quantity_at", "vague_at"]

# The kinds as module constants: a member looked up on its enumeration costs a
# descriptor call (~0.2 µs in Python 3.11), and these are read for every figure.
_EXACT: Final = FigureKind.EXACT
_APPROX: Final = FigureKind.APPROX
_LOWER_BOUND: Final = FigureKind.LOWER_BOUND
_RANGE: Final = FigureKind.RANGE
_PLUS_MINUS: Final = FigureKind.PLUS_MINUS
_VAGUE: Final = FigureKind.VAGUE
_POINT_KINDS: Final = frozenset({_APPROX, _LOWER_BOUND, FigureKind.UPPER_BOUND, _EXACT})


# "one mile" is a length, but "one day", "one second" and "one point" are idioms
_MONEY_AFTER_ONE: Final = frozenset({"pound", "pounds", "penny", "cent", "dollar", "euro",
                                     "yen", "yuan", "rupee", "franc"})
_IDIOM_AFTER_ONE: Final = frozenset({
    "day", "week", "month", "year", "night", "morning", "evening", "time", "second",
    "minute", "moment", "hour", "point", "way", "side", "step",
})


def quantity_at(w: TokenWindow, i: int, k: int, hedge: FigureKind | None) -> int | None:
    """A quantity starting at token ``i`` (``k`` after its hedge, if any): a range, a
    plus-minus figure or a single figure, unless the number is not an estimate."""
    first = w.word(k)
    between = first == "between"
    start_from = first == "from"
    j = k + 1 if between or start_from else k
    e1 = w.end_at(j)
    if e1 is None:
        return None
    if w.toks[e1.num].text.lower() in ONE_WORDS and hedge is None and e1.scale == 1.0 \
            and e1.unit is None:
        nxt = e1.stop
        if not (nxt < w.n and (w.toks[nxt].kind == DASH or w.word(nxt) in (
                "to", "or", "and") or w.word(nxt) in _MONEY_AFTER_ONE
                or (w.word(nxt) in UNIT_NAMES and w.word(nxt) not in _IDIOM_AFTER_ONE))):
            return e1.stop  # "one of them": a pronoun, not a figure
    counted = False
    if year_like(w, e1) and e1.unit is None and w.prev_word(e1.first) not in PAGE_WORDS:
        cue = count_cue(w, i, k, e1, between, _noun_after(w))
        if cue is None:
            year = year_at(w, i if hedge is None else k, e1, between or start_from)
            if year is not None:
                return year
        else:
            counted = True
            _note_count_over_year(w, e1, cue)
    if not_an_estimate(w, e1):
        return _skip_not_an_estimate(w, e1)
    e2: End | None = None
    joint = e1.stop
    if joint < w.n:
        jt = w.toks[joint]
        if between and w.word(joint) in ("and", "to"):  # "between 44 mg to 50 mg" too
            e2 = w.end_at(joint + 1)
        elif not between and (jt.kind == DASH or w.word(joint) in RANGE_WORDS):
            e2 = w.end_at(joint + 1)
            if e2 is not None and jt.kind == DASH and w.touching(joint, joint + 1) \
                    and not w.touching(joint - 1, joint) and e1.value > 0:
                # "5 -3" is not a range in prose either
                e2 = None
        elif jt.kind in (PLUSMINUS, LPAREN) or w.word(joint) == "plus":
            return plus_minus_at(w, i, e1, hedge)
    if e2 is not None:
        if not_an_estimate(w, e2):
            return e2.stop
        return range_at(w, i, k, e1, e2, hedge, between, start_from, counted=counted)
    return single_at(w, i, e1, hedge)


def _noun_after(w: TokenWindow) -> Callable[[int], str | None]:
    """The noun reader :func:`~ranges.text._filters.count_cue` looks after a number
    with: :func:`noun_at` in this window."""
    return lambda j: noun_at(w, j, allow_of=False)[0]


def _note_count_over_year(w: TokenWindow, e1: End, cue: str) -> None:
    """Record on ``e1`` (so on its figure) that it was read as a count, not a year,
    and why, when a year was a plausible reading too: the words around it are year
    words ("more than 2000", "the 2000 people") or it starts a span of two year-like
    numbers ("1200-1500 people"). A count whose range partner is no year
    ("1000-5000") was never plausibly a year and gets no note."""
    if cue.startswith("the other end of its range"):
        return
    stop = e1.stop
    span = False
    if stop + 1 < w.n and (w.toks[stop].kind == DASH or w.low[stop] in ("to", "and", "through")):
        e2 = w.end_at(stop + 1)
        span = e2 is not None and year_like(w, e2) and e1.raw < e2.raw
    if not (span or in_year_context(w, e1)):
        return
    note = f"{w.toks[e1.num].text} read as a count, not a year: {cue}"
    e1.note = f"{e1.note}; {note}" if e1.note else note


def _skip_not_an_estimate(w: TokenWindow, e1: End) -> int:
    """The index after a number that is not an estimate, and after the second number
    of a range of them ("pages 10-12")."""
    stop = e1.stop
    if stop + 1 < w.n and (w.toks[stop].kind == DASH or w.word(stop) in (
            "to", "and", "through")):
        skipped = w.end_at(stop + 1)
        if skipped is not None:
            return skipped.stop  # pages 10-12
    return stop


def range_at(w: TokenWindow, i: int, k: int, e1: End, e2: End, hedge: FigureKind | None,
             between: bool, start_from: bool, *, counted: bool = False) -> int | None:
    """Two numbers joined by a dash, "to" or "between ... and": a range, unless they
    are a score, pages, a change over time or a span of years (``counted``: the
    first number looks like a year but was read as a count)."""
    toks = w.toks
    joint = e1.stop
    dash = toks[joint].kind == DASH
    if is_score(w, i, e1, e2) or w.prev_word(k) in PAGE_WORDS:
        return e2.stop  # won 3-1, pages 10-12
    if is_change(w, k, e1, start_from, dash):
        single_at(w, k + 1 if start_from else e1.first, e1, None, stop=e1.stop,
                  note="the first value of a change over time, not a range")
        return single_at(w, joint + 1, e2, None,
                         note="the second value of a change over time, not a range")
    if e1.unit is not None and e2.unit is None:
        w.unit_name_after(e2)  # "100 kilometres to 150 kilometres"
    if _units_clash(e1, e2) or _ends_clash(e1, e2):
        # "5 km to 10 miles", "$2m-€3m", "from 5% to $3m": two figures, no range
        return single_at(w, i, e1, hedge)
    low, notes = _shared_low_end(w, e1, e2)
    high = e2.value
    if not low < high:
        return single_at(w, i, e1, hedge)
    if not counted and year_like(w, e1) and year_like(w, e2) and in_year_context(w, e2):
        return None
    stop = e2.stop
    after = w.match(AFTER, stop)
    qualifier = _qualifier(w, i, k) if k > i else None
    if after is not None and not _after_is_addition(w, after[1]):
        stop = after[1]
    stop, closed = _range_ends(w, stop)
    return finish(w, i, stop, _RANGE, low, high, None, e1.currency or e2.currency,
                  e1.percent or e2.percent, qualifier, notes, closed=closed,
                  ends=(e1, e2))


def _range_ends(w: TokenWindow, stop: int) -> tuple[int, tuple[bool, bool] | None]:
    """"inclusive" or "exclusive" after a range (``[bounds]`` of the word file): the
    index after it and whether the ends are in the range; else ``(stop, None)``."""
    found = w.match(RANGE_ENDS, stop)
    if found is None:
        return stop, None
    inclusive = found[0] == "inclusive"
    return found[1], (inclusive, inclusive)


def _ends_clash(e1: End, e2: End) -> bool:
    """Whether one end is a percentage and the other money ("from 5% to $3m"), or the
    low end a percentage and the high end a bare number above 100 ("fell 6% to 309,381
    yen": a change and a level): never one range (different units and currencies:
    :func:`_units_clash`)."""
    return bool((e1.percent and e2.currency) or (e2.percent and e1.currency)
                or (e1.percent and not e2.percent and e2.value > 100))


def _shared_low_end(w: TokenWindow, e1: End, e2: End) -> tuple[float, tuple[str, ...]]:
    """The low end of a range, with the high end's scale ("1.7–1.9 million") or
    thousands ("20 to 30,000") shared when people mean it so, and the note saying so."""
    toks = w.toks
    if e2.scale != 1.0 and e1.scale == 1.0 and e1.raw <= e2.raw:
        notes = ((f"the scale word {e2.scale_text!r} applies to both ends",)
                 if e2.scale_text else ())
        return e1.raw * e2.scale, notes
    if (e1.scale == 1.0 and e2.scale == 1.0
            and shares_thousands(toks[e1.num].text, e1.raw, toks[e2.num].text, e2.raw)):
        low = e1.raw * 1000
        return low, (f"'{toks[e1.num].text}' read as {low:,.0f} (the thousands of "
                     f"{toks[e2.num].text} shared)",)
    return e1.value, ()


def _after_is_addition(w: TokenWindow, stop: int) -> bool:
    """'5,000 plus 3,000' adds; '5,000 plus' is a bound."""
    last = w.low[stop - 1]
    return last in ("plus", "+") and stop < w.n and w.toks[stop].kind in (NUMBER, CURRENCY)


def _qualifier(w: TokenWindow, i: int, k: int) -> str:
    return w.span_text(i, k)[1].rstrip()


def plus_minus_at(w: TokenWindow, i: int, e1: End, hedge: FigureKind | None) -> int | None:
    """"1,200 ± 150", "1,200 (+/- 150)", "5% plus or minus 2%": a point and a margin
    (a margin in percent of a figure that is not one is that share of it)."""
    j = e1.stop
    paren = w.toks[j].kind == LPAREN
    if paren:
        j += 1
    if j < w.n and w.toks[j].kind == PLUSMINUS:
        j += 1
    elif w.low[j : j + 3] == ["plus", "or", "minus"]:
        j += 3
    else:
        return single_at(w, i, e1, hedge)
    margin = w.end_at(j)
    if margin is None:
        return single_at(w, i, e1, hedge)
    stop = margin.stop
    if paren and stop < w.n and w.toks[stop].kind == RPAREN:
        stop += 1
    m = margin.value
    notes: tuple[str, ...] = ()
    if margin.percent and not e1.percent:
        m = e1.value * margin.value / 100
        notes = (f"a margin of {margin.value:g}% of {e1.value:g}",)
    qualifier = _qualifier(w, i, e1.first) if e1.first > i else None
    return finish(w, i, stop, _PLUS_MINUS, e1.value - m, e1.value + m, e1.value,
                  e1.currency, e1.percent, qualifier, notes, margin=m,
                  ends=(e1, margin))


def margin_at(w: TokenWindow, i: int) -> int | None:
    """A margin with no centre: "± 3 points", "plus or minus 4 percentage points"
    (``[margins]`` of the word file), when no number stands before it."""
    found = w.match(MARGINS, i)
    if found is None or (i > 0 and w.toks[i - 1].kind in (NUMBER, PERCENT, SCALE)):
        return None
    e = w.end_at(found[1])
    if e is None:
        return None
    qualifier = w.span_text(i, e.first)[1].rstrip()
    return finish(w, i, e.stop, _PLUS_MINUS, None, None, None, e.currency, e.percent,
                  qualifier, (), margin=e.value, ends=(e,))


def single_at(w: TokenWindow, i: int, e: End, hedge: FigureKind | None, *,
              stop: int | None = None, note: str | None = None) -> int | None:
    """One figure: exact, or a bound or approximation by its hedge, by the words after
    it ("or more", "or so") or by a "+" ("1000+"). With ``stop``, the figure ends
    there and has no noun (the first value of a change)."""
    kind = _EXACT
    qualifier = None
    if hedge is not None:
        kind = hedge
        qualifier = _qualifier(w, i, e.first)
    end = e.stop if stop is None else stop
    after = None if stop is not None else w.match(AFTER, end)
    if after is not None and w.low[end] == "odd" and not w.touching(end - 1, end):
        after = None
    if after is not None and after[1] < w.n and (
            w.low[after[1]] == "than" or w.toks[after[1]].kind == NUMBER):
        after = None  # "40 and more than 10", "200 or above 190": the next figure's hedge
    if after is not None and not _after_is_addition(w, after[1]):
        kind = after[0]
        qualifier = w.source[w.base + w.toks[end].start : w.base + w.toks[after[1] - 1].end]
        end = after[1]
    if e.plus:
        kind = _LOWER_BOUND
        qualifier = qualifier or "+"
    notes = (note,) if note else ()
    if kind == _EXACT and w.match_ending(EARLIER, e.first) is not None:
        notes = (*notes, "an earlier value the text compares with")
    closed = None
    if kind in _BOUND_SIDE:
        inclusive = _inclusive(qualifier)
        if w.low[end : end + 2] == ["or", "equal"]:  # "less than 50 or equal"
            inclusive, end = True, end + 2
        closed = (inclusive, False) if kind == _LOWER_BOUND else (False, inclusive)
    return finish(w, i, end, kind, None, None, e.value, e.currency, e.percent,
                  qualifier, notes, read_noun=stop is None, closed=closed,
                  ends=(e,))


_BOUND_SIDE: Final = frozenset({_LOWER_BOUND, FigureKind.UPPER_BOUND})
_APOSTROPHES: Final = frozenset({"'", "’"})
_CODE_SCALES: Final = {"M": 1e6, "k": 1e3, "K": 1e3}


def _scaled_currency(w: TokenWindow, noun: str, end: int
                     ) -> tuple[str, float, int] | None:
    """A currency code with a scale after it or before it, as finance writes them: "75
    USD million" (the code, then the scale word) and "120 MEUR", "30 kUSD" (a scale
    letter glued to the code): (the code, the factor, the index after), else None."""
    last = noun.split()[-1]
    if last.upper() in CURRENCY_CODES and last.isupper() and end < w.n \
            and w.toks[end].kind == SCALE:
        return last, w.toks[end].value or 1.0, end + 1
    if len(last) == 4 and last[0] in _CODE_SCALES and last[1:].upper() in CURRENCY_CODES \
            and last[1:].isupper():
        return last[1:], _CODE_SCALES[last[0]], end
    return None


def _inclusive(qualifier: str | None) -> bool:
    """Whether the hedge of a bound includes its number ("at least" does, "more than"
    does not): the table ``[bounds] inclusive`` of the word file."""
    return qualifier is not None and " ".join(qualifier.lower().split()) in INCLUSIVE_BOUNDS


def finish(w: TokenWindow, i: int, stop: int, kind: FigureKind, low: float | None,
           high: float | None, point: float | None, currency: str | None, percent: bool,
           qualifier: str | None, notes: tuple[str, ...], *, read_noun: bool = True,
           closed: tuple[bool, bool] | None = None, margin: float | None = None,
           ends: tuple[End, ...] = ()) -> int:
    """Emit the figure of tokens ``i`` to ``stop - 1`` with the noun after it (and an
    "or more" after the noun: "5,000 troops or more"); the index after it. A unit
    written with the numbers (``ends``: "30 kg", "64GB") is the figure's unit and
    noun."""
    noun = None
    end = stop
    if any(e.note for e in ends):
        notes = tuple(dict.fromkeys((*notes, *(e.note for e in ends if e.note))))
    unit = next((e.unit for e in ends if e.unit), None)
    if unit is not None and not percent:
        noun = next(e.unit_text for e in ends if e.unit)
    else:
        if read_noun and not percent:
            noun, end = noun_at(w, stop, allow_of=False)
            after = w.match(AFTER, end) if noun is not None and kind == _EXACT else None
            if after is not None and after[0] != _APPROX and w.low[end] == "or":
                kind = after[0]
                qualifier = w.span_text(end, after[1])[1]
                end = after[1]
                inclusive = _inclusive(qualifier)
                closed = (inclusive, False) if kind == _LOWER_BOUND else (False, inclusive)
        unit, note = ("percent", None) if percent else noun_unit(w, i, end, noun, currency)
        if note:
            notes = (*notes, note)
        if noun is not None and not percent:
            scaled = _scaled_currency(w, noun, end)
            if scaled is not None:  # "75 USD million", "120 MEUR": the scale is the value's
                unit, factor, end = scaled
                point, low, high = (None if v is None else v * factor
                                    for v in (point, low, high))
                margin = None if margin is None else margin * factor
    if kind in _POINT_KINDS:
        low = high = None
    w.emit(i, end, kind, low, high, point, unit=unit, noun=noun, qualifier=qualifier,
           assumptions=notes, closed=closed, margin=margin)
    return end


_POWER_WORDS: Final = {"square": 2, "sq": 2, "cubic": 3}


def _units_clash(e1: End, e2: End) -> bool:
    """Whether the two ends of a range are written in different units or currencies
    (then they are two figures, never one range in either's unit)."""
    if e1.currency and e2.currency and e1.currency != e2.currency:
        return True
    if not (e1.unit and e2.unit) or e1.unit == e2.unit:
        return False
    try:  # "30 kg to 35 kilograms" is one unit written twice
        return bool(units.resolve(e1.unit) != units.resolve(e2.unit))
    except RangesError:
        return True


def noun_unit(w: TokenWindow, i: int, end: int, noun: str | None, currency: str | None
              ) -> tuple[str | None, str | None]:
    """The unit of a figure (tokens ``i`` to ``end - 1``) from its noun and currency,
    and the assumption made: "pounds" is a weight unless money is near ("cost 200
    pounds", "£"), with a note when no word decides."""
    unit = canonical_unit(noun, currency)
    if currency or noun is None:
        return unit, None
    words = noun.lower().split()
    if unit is not None and len(words) > 1 and words[-2] in _POWER_WORDS:
        return f"{unit}^{_POWER_WORDS[words[-2]]}", None  # 660 square metres, cubic feet
    if unit in ("ton", "tonne") and len(words) > 1 and words[-2] == "metric":
        return "tonne", None  # 16,000 metric tons
    if words[-1] not in ("pound", "pounds"):
        return unit, None
    low, toks = w.low, w.toks
    after = low[end : end + 3]
    before = low[max(0, i - 6) : i]
    if not WEIGHT_WORDS.isdisjoint(after):
        return "lb", None  # 3 pounds of flour
    if after and after[0] in MONEY_NOUNS:
        return "GBP", None  # a 20 pound note
    if not MONEY_BEFORE.isdisjoint(before) or any(
            t.kind == CURRENCY for t in toks[max(0, i - 6) : min(w.n, end + 3)]):
        return "GBP", None  # it cost 200 pounds
    if not WEIGHT_WORDS.isdisjoint(before):
        return "lb", None  # weighs 200 pounds
    return "lb", (f"'{noun}' read as a weight (lb): no word near it says money "
                  "(pounds sterling)")


def noun_at(w: TokenWindow, k: int, *, allow_of: bool) -> tuple[str | None, int]:
    """The noun phrase starting at token ``k`` and the index after it: up to four
    words that are not stop words (a hyphenated word counts as its last part), cut
    after the last that counts (a headcount noun, a unit or a currency), else after
    the first plural, else after the first word unless it is a verb or an adverb."""
    toks, n, low = w.toks, w.n, w.low
    j = k
    if allow_of and w.word(j) == "of":
        j += 1
    elif w.word(j) == "more" and j + 1 < n and toks[j + 1].kind == WORD \
            and low[j + 1] not in STOP:
        j += 1  # "3,000 more troops": the noun is "troops" ("more than" stops here)
    first = j
    words: list[int] = []
    abbreviations: set[int] = set()  # the last token of each dotted abbreviation
    while j < n and len(words) < 4:
        t = toks[j]
        if t.kind != WORD:
            break
        word = low[j]
        if word in STOP or (word in dates.MONTHS and t.text[0].isupper()):
            break
        if words and w.touching(j - 1, j):
            break
        if j + 1 < n and w.touching(j, j + 1) and (toks[j + 1].kind == NUMBER or (
                toks[j + 1].text in _APOSTROPHES and low[j + 2 : j + 3] == ["t"])):
            break  # "m212": an identifier; "isn't": a verb
        words.append(j)
        j += 1
        if len(word) == 1 and _dotted_run_end(w, j) > j:  # "U.N. peacekeepers"
            j = _dotted_run_end(w, j)
            words[-1] = j - 1
            abbreviations.add(j - 1)
            continue
        # hyphenated words: "North Korean-made", "well-trained"
        while j + 1 < n and toks[j].kind == DASH and toks[j].text == "-" \
                and w.touching(j - 1, j) and w.touching(j, j + 1) \
                and toks[j + 1].kind == WORD:
            j += 2
            words[-1] = j - 1
    if not words:
        return None, k
    keep = _last_counting_word(w, words)
    if keep is None or words[keep] in abbreviations:
        return None, k  # "300 U.S." alone names no noun
    last = words[keep]
    if toks[last].text == ".":
        last -= 1
    return w.source[w.base + toks[first].start : w.base + toks[last].end], last + 1


def _dotted_run_end(w: TokenWindow, j: int) -> int:
    """After a one-letter word ending at ``j``: the index after the dotted abbreviation
    it starts ("U.N.", "U.S.", each letter and dot touching), else ``j``."""
    toks, n = w.toks, w.n
    end = j
    while end + 1 < n and toks[end].text == "." and w.touching(end - 1, end) \
            and w.touching(end, end + 1) and toks[end + 1].kind == WORD \
            and len(toks[end + 1].text) == 1:
        end += 2
    if end == j:
        return j
    if end < n and toks[end].text == "." and w.touching(end - 1, end):
        end += 1
    return end


def _last_counting_word(w: TokenWindow, words: list[int]) -> int | None:
    """The position in ``words`` of the last word that counts (a headcount noun, a
    unit or a currency), else of the first plural, else 0; None when the first word
    is a verb or an adverb ("-ed", "-ing", "-ly") and nothing counts."""
    low, toks = w.low, w.toks
    keep = -1
    for idx, wi in enumerate(words):
        lw = low[wi]
        if lw in HEADCOUNT or lw in UNIT_WORDS or lw in CURRENCY_WORDS \
                or toks[wi].text in CURRENCY_CODES:
            keep = idx
    if keep >= 0:
        return keep
    for idx, wi in enumerate(words):
        if plural_like(low[wi]):
            return idx
    if low[words[0]].endswith(("ed", "ing", "ly")):
        return None
    return 0


def vague_at(w: TokenWindow, k: int) -> int | None:
    """A row of the Reading's vague table at ``k`` ("thousands of", "a few hundred"),
    with its noun; read through the table, which is recorded as an assumption."""
    found = vague_phrase_at(w.word, w.vague, k)
    if found is None:
        return None
    phrase, j, q_end = found
    qualifier = w.span_text(k, q_end)[1]
    noun, end = noun_at(w, j, allow_of=True)
    if noun is None:
        end = j
    note: tuple[str, ...] = (
        f"{phrase!r} is read through the vague-quantity table, a convention",)
    unit, pounds = noun_unit(w, k, end, noun, None)
    if pounds:
        note = (*note, pounds)
    w.emit(k, end, _VAGUE, None, None, None, unit=unit, noun=noun,
           qualifier=qualifier, phrase=phrase, assumptions=note)
    return end
