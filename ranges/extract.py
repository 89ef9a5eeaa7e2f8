"""Find the figures in prose: :func:`extract`.

The extractor reuses the expression tokenizer (:func:`ranges.tokens.tokenize`) and
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

Speed: only windows of text around digits and number, vague and date words are
tokenized, so plain prose costs one regular-expression scan.

>>> [(f.kind, f.low, f.high, f.unit) for f in extract("some 10,000-12,000 troops")]
[('range', 10000.0, 12000.0, 'person')]
>>> f = extract("up to 300 drones")[0]
>>> f.kind, f.point, f.unit, f.noun, f.qualifier
('upper_bound', 300.0, 'drone', 'drones', 'up to')
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any, Final

from . import dates
from .errors import InputError
from .figures import Figure, FigureKind
from .tokens import (
    CURRENCY,
    DASH,
    LPAREN,
    NUMBER,
    OP,
    OTHER,
    PERCENT,
    PLUSMINUS,
    RPAREN,
    SCALE,
    WORD,
    Token,
    tokenize,
)
from .units import HEADCOUNT_NOUNS

if TYPE_CHECKING:
    from .reading import Reading

__all__ = ["canonical_unit", "extract", "load_words"]


def load_words() -> dict[str, Any]:
    """The shipped word tables (``data/text_words.toml``) as a dict.

    >>> "more than" in load_words()["hedges"]["lower_bound"]
    True
    """
    text = resources.files("ranges").joinpath("data/text_words.toml").read_text("utf-8")
    return tomllib.loads(text)


_W: Final = load_words()


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(t.text.lower() for t in tokenize(text, strict=False))


def _phrase_table(groups: dict[str, list[str]]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word -> [(phrase words, label)], longest first."""
    table: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for label, phrases in groups.items():
        for p in phrases:
            words = _phrase(p)
            table.setdefault(words[0], []).append((words, label))
    for rows in table.values():
        rows.sort(key=lambda row: -len(row[0]))
    return table


_HEDGES: Final = _phrase_table(_W["hedges"])
_AFTER: Final = _phrase_table(_W["after"])
_EARLIER: Final = _phrase_table({"earlier": _W["change"]["earlier"]})
_CHANGE_VERBS: Final = frozenset(_W["change"]["verbs"])
_CHANGE_CONTEXT: Final = _CHANGE_VERBS | {"up", "down"}
_NF: Final = _W["not_figures"]
_PAGE_WORDS: Final = frozenset(_NF["pages"])
_VERSION_WORDS: Final = frozenset(_NF["versions"])
_SCORE_WORDS: Final = frozenset(_NF["scores"])
_PHONE_WORDS: Final = frozenset(_NF["phones"])
_TIME_AFTER: Final = frozenset(_NF["time_after"])
_ORDINALS: Final = frozenset(_NF["ordinal_suffixes"])
_STOP: Final = frozenset(_W["noun"]["stop"])
_UNIT_WORDS: Final = frozenset(_W["noun"]["units"])
_CURRENCY_WORDS: Final[dict[str, str]] = dict(_W["noun"]["currencies"])
_CURRENCY_CODES: Final = frozenset(v for v in _CURRENCY_WORDS.values()) | frozenset(
    {"AUD", "CAD", "NZD", "HKD", "SGD", "SEK", "NOK", "DKK", "PLN", "TRY", "BRL", "MXN"}
)
_CURRENCY_SIGNS: Final = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_HEADCOUNT: Final = frozenset(HEADCOUNT_NOUNS) | frozenset(HEADCOUNT_NOUNS.values()) | {
    "persons", "people", "troop", *_W["noun"]["people"]}  # fmt: skip
_RANGE_WORDS: Final = frozenset({"to", "through", "thru"})
_YEAR_WORDS: Final = frozenset({
    "in", "since", "by", "until", "till", "from", "during", "of", "before", "after", "early",
    "mid", "late", "year", "fiscal", "summer", "spring", "autumn", "winter", "fall", "the",
    "between", "and", "through", "to", "around", "circa", "throughout", "than", "as",
})  # fmt: skip
_DATE_HEDGES: Final = _phrase_table({
    "window": ["as early as", "as late as", "as soon as", "in", "during", "around"],
    "until": ["by", "until", "till", "before", "no later than", "not later than"],
    "since": ["since", "after", "no earlier than", "not before", "from"],
})  # fmt: skip
_DATE_JOIN: Final = frozenset({"or", "to", "through", "until", "-", "–", "—"})
_SEASON_WHICH: Final = {"last": "last", "this": "this", "next": "next", "past": "last",
                        "previous": "last", "coming": "next"}
_RELATIVE: Final = _phrase_table({"relative": list(dates.RELATIVE)})
_STARTERS: Final = frozenset({
    *_HEDGES, *_RELATIVE, *_SEASON_WHICH, *dates.MONTHS, "between", "from",
    *(c.lower() for c in _CURRENCY_CODES), "us", "a", "c", "hk", "nz", "s",
})  # fmt: skip
_START_KINDS: Final = frozenset({NUMBER, CURRENCY})
_ONE_WORDS: Final = frozenset({"one", "a", "an"})  # a lone "one" is too often a pronoun

_NUMBER_WORDS: Final = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
    "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands", "million",
    "millions", "billion", "billions", "trillion", "dozen", "dozens", "half", "handful",
    "scores", "several", "few", "couple", "tens", "bn", "mn",
]
def _trie(words: list[str]) -> str:
    """A regular expression matching any of ``words``, as a trie (much faster than a
    plain alternation in Python's engine)."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + walk(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return walk(root)


_TRIGGER_WORDS: Final = sorted(
    {*_NUMBER_WORDS, *dates.MONTHS, *dates.SEASONS, "year", "month", "week", "yesterday",
     "today", "tomorrow"},
    key=len, reverse=True,
)  # fmt: skip
# matched against the lower-cased text
_TRIGGER: Final = re.compile(
    r"[\d½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒]+|(?<![^\W\d_])(?:" + _trie(_TRIGGER_WORDS) + r")(?![^\W\d_])"
)
# trigger words that only matter before a scale word ("several hundred") or after a
# "which" word ("last fall"): checked on a few characters around them
_NEEDS_SCALE_AFTER: Final = re.compile(r"\s+(?:of\s+)?(?:hundred|thousand|million|billion|dozen)")
_NEEDS_WHICH_BEFORE: Final = re.compile(r"(?:last|this|next|past|previous|coming)\s+$")
_CONDITIONAL: Final = {
    **dict.fromkeys(("several", "few", "couple"), "scale"),
    **dict.fromkeys(("year", "month", "week", *dates.SEASONS), "which"),
}
_BACK: Final = 32
_FORWARD: Final = 44
_BLOCK: Final = re.compile(
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


def canonical_unit(noun: str | None, currency: str | None = None) -> str | None:
    """The canonical unit of a noun phrase: ``person`` for headcount nouns, a currency
    code for money, ``percent``, else the singular of the last word.

    >>> canonical_unit("military construction workers"), canonical_unit("tanks")
    ('person', 'tank')
    >>> canonical_unit(None, "USD"), canonical_unit("billion euros")
    ('USD', 'EUR')
    """
    if currency:
        return currency
    if not noun:
        return None
    last = noun.split()[-1]
    lower = last.lower()
    if lower in _HEADCOUNT:
        return "person"
    if last in _CURRENCY_CODES:
        return last
    if lower in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[lower]
    if lower in ("percent", "pct", "%"):
        return "percent"
    return _singular(lower)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 2:
        return word[:-1]
    return word


def _plural_like(word: str) -> bool:
    w = word.lower()
    return len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous"))


@dataclass(slots=True)
class _End:
    value: float
    raw: float
    scale: float
    scale_text: str
    currency: str | None
    percent: bool
    plus: bool
    first: int  # index of the first token (currency included)
    num: int  # index of the NUMBER token
    stop: int  # index after the last token


def extract(
    text: str,
    *,
    reference_date: dt.date | str | None = None,
    reading: Reading | None = None,
) -> list[Figure]:
    """Every figure in ``text``, in order (see :class:`~ranges.figures.Figure`).

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
        from .defaults import defaults

        reading = defaults.reading
    vague = _vague_table(tuple(reading.vague.items()))
    figures: list[Figure] = []
    for start, end in _windows(text):
        _Scanner(text, start, end, ref, vague, figures).run()
    figures.sort(key=lambda f: f.span)
    return figures


_VAGUE_CACHE: dict[tuple[str, ...], dict[str, list[tuple[tuple[str, ...], str]]]] = {}


def _vague_table(rows: tuple[tuple[str, Any], ...]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word -> [(words, 'multiplier' | 'plain')] of a vague table (cached)."""
    key = tuple(f"{k}|{getattr(v, 'multiplier', False)}" for k, v in rows)
    table = _VAGUE_CACHE.get(key)
    if table is None:
        groups: dict[str, list[str]] = {"multiplier": [], "plain": []}
        for phrase, entry in rows:
            groups["multiplier" if getattr(entry, "multiplier", False) else "plain"].append(phrase)
        table = _phrase_table(groups)
        if len(_VAGUE_CACHE) > 32:
            _VAGUE_CACHE.clear()
        _VAGUE_CACHE[key] = table
    return table


def _windows(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` worth tokenizing: around each trigger, snapped to whitespace."""
    out: list[tuple[int, int]] = []
    n = len(text)
    cur_a = cur_b = -1
    lower = text.lower()
    for m in _TRIGGER.finditer(lower):
        need = _CONDITIONAL.get(m.group())
        if need == "scale" and not _NEEDS_SCALE_AFTER.match(lower, m.end()):
            continue
        if need == "which" and not _NEEDS_WHICH_BEFORE.search(lower, max(0, m.start() - 12),
                                                              m.start()):
            continue
        a = max(0, m.start() - _BACK)
        b = min(n, m.end() + _FORWARD)
        if a <= cur_b:
            if b > cur_b:
                cur_b = b
            continue
        if cur_b >= 0:
            out.append((cur_a, cur_b))
        cur_a, cur_b = a, b
    if cur_b >= 0:
        out.append((cur_a, cur_b))
    snapped: list[tuple[int, int]] = []
    for a, b in out:
        lo = max(0, a - 24)
        while a > lo and not text[a - 1].isspace():
            a -= 1
        hi = min(n, b + 24)
        while b < hi and not text[b].isspace():
            b += 1
        if snapped and a <= snapped[-1][1]:
            snapped[-1] = (snapped[-1][0], b)
        else:
            snapped.append((a, b))
    return snapped


class _Scanner:
    """Reads the figures of one window of the text."""

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        ref: dt.date | None,
        vague: dict[str, list[tuple[tuple[str, ...], str]]],
        out: list[Figure],
    ) -> None:
        self.source = text
        self.base = start
        self.window = text[start:end]
        self.ref = ref
        self.vague = vague
        self.out = out
        self.toks: list[Token] = tokenize(self.window, strict=False)
        self.low = [t.text.lower() for t in self.toks]
        self.n = len(self.toks)
        self.blocked: list[tuple[int, int]] = []

    # -- helpers -------------------------------------------------------------------
    def word(self, i: int) -> str | None:
        if 0 <= i < self.n and self.toks[i].kind in (WORD, SCALE):
            return self.low[i]
        return None

    def touching(self, i: int, j: int) -> bool:
        return 0 <= i < self.n and 0 <= j < self.n and self.toks[i].end == self.toks[j].start

    def match(self, table: dict[str, list[tuple[tuple[str, ...], str]]], i: int
              ) -> tuple[str, int] | None:
        """(label, index after) of the longest phrase of ``table`` starting at ``i``."""
        if i >= self.n:
            return None
        rows = table.get(self.low[i])
        if not rows:
            return None
        for words, label in rows:
            k = len(words)
            if tuple(self.low[i : i + k]) == words:
                return label, i + k
        return None

    def match_ending(self, table: dict[str, list[tuple[tuple[str, ...], str]]], stop: int
                     ) -> tuple[str, int] | None:
        """(label, start index) of the longest phrase of ``table`` ending just before
        ``stop``."""
        best: tuple[str, int] | None = None
        for k in range(max(0, stop - 4), stop):
            found = self.match(table, k)
            if found is not None and found[1] == stop:
                return found[0], k
        return best

    def span_text(self, i: int, j: int) -> tuple[tuple[int, int], str]:
        """Source span and text of tokens ``i`` to ``j - 1``."""
        a = self.base + self.toks[i].start
        b = self.base + self.toks[j - 1].end
        return (a, b), self.source[a:b]

    def emit(self, i: int, j: int, kind: FigureKind, low: float | str | None,
             high: float | str | None, point: float | str | None, *, unit: str | None = None,
             noun: str | None = None, qualifier: str | None = None, phrase: str | None = None,
             assumptions: tuple[str, ...] = ()) -> None:
        span, words = self.span_text(i, j)
        self.out.append(Figure(words, span, kind, low, high, point, unit, noun, qualifier,
                               phrase, assumptions))

    def is_blocked(self, i: int) -> bool:
        s = self.toks[i].start
        return any(a <= s < b for a, b in self.blocked)

    # -- main loop -----------------------------------------------------------------
    def run(self) -> None:
        self.block_patterns()
        i = 0
        # a window may start inside a run of tokens already read by the previous one
        min_start = self.out[-1].span[1] - self.base if self.out else 0
        while i < self.n and self.toks[i].start < min_start:
            i += 1
        toks, low, vague = self.toks, self.low, self.vague
        while i < self.n:
            if toks[i].kind not in _START_KINDS and low[i] not in _STARTERS \
                    and low[i] not in vague:
                i += 1
                continue
            if self.blocked and self.is_blocked(i):
                i += 1
                continue
            nxt = self.figure_at(i)
            i = nxt if nxt is not None and nxt > i else i + 1

    def block_patterns(self) -> None:
        for m in _BLOCK.finditer(self.window):
            a, b = m.span()
            self.blocked.append((a, b))
            group = m.lastgroup
            if group == "iso":
                try:
                    day = dt.date.fromisoformat(m.group()).isoformat()
                except ValueError:
                    continue
                self.emit_raw(a, b, "date", day, day, day)
            elif group == "slash":
                parts = [int(p) for p in m.group().split("/")]
                year = parts[2] + (2000 if parts[2] < 100 else 0)
                low = high = None
                notes: tuple[str, ...] = ()
                try:
                    if parts[0] > 12 >= parts[1]:
                        low = high = dt.date(year, parts[1], parts[0]).isoformat()
                    elif parts[1] > 12 >= parts[0]:
                        low = high = dt.date(year, parts[0], parts[1]).isoformat()
                    else:
                        notes = ("day and month order is ambiguous: unresolved",)
                except ValueError:
                    notes = ("not a valid calendar date: unresolved",)
                self.emit_raw(a, b, "date", low, high, low, notes)

    def emit_raw(self, a: int, b: int, kind: FigureKind, low: str | None, high: str | None,
                 point: str | None, notes: tuple[str, ...] = ()) -> None:
        span = (self.base + a, self.base + b)
        self.out.append(Figure(self.source[span[0] : span[1]], span, kind, low, high, point,
                               assumptions=notes))

    def figure_at(self, i: int) -> int | None:
        found = self.date_at(i)
        if found is not None:
            return found
        hedge = self.match(_HEDGES, i)
        k = hedge[1] if hedge else i
        if k < self.n and self.toks[k].kind == OTHER and self.toks[k].text == "." and hedge:
            k += 1  # "approx. 300", "c. 1500"
        found = self.vague_at(k, i)
        if found is not None:
            return found
        return self.quantity_at(i, k, hedge[0] if hedge else None)

    # -- numbers -------------------------------------------------------------------
    def end_at(self, i: int) -> _End | None:
        """One end of a range: [currency] NUMBER [+] {SCALE} [%], or None."""
        n, toks = self.n, self.toks
        first = i
        currency = None
        if i < n and toks[i].kind == CURRENCY:
            currency = _CURRENCY_SIGNS[toks[i].text]
            i += 1
        elif i + 1 < n and toks[i].kind == WORD:
            w = toks[i].text
            if w in _CURRENCY_CODES and toks[i + 1].kind in (NUMBER, CURRENCY):
                currency = w
                i += 1
            elif w in ("US", "A", "C", "HK", "NZ", "S") and toks[i + 1].kind == CURRENCY \
                    and self.touching(i, i + 1):
                currency = "USD" if w == "US" else w + "D"
                i += 1
            if toks[i].kind == CURRENCY and currency is not None:
                i += 1
        if i >= n or toks[i].kind != NUMBER or toks[i].value is None:
            return None
        num = i
        t = toks[i]
        if len(t.text) > 1 and t.text[0] == "0" and t.text[1].isdigit():
            return None  # 0143: an identifier, not an amount
        if i > 0 and currency is None and self.touching(i - 1, i) and toks[i - 1].kind in (
                WORD, NUMBER):
            return None  # G7, A380
        if i > 1 and currency is None and toks[i - 1].kind == DASH and self.touching(i - 1, i) \
                and toks[i - 2].kind == WORD and self.touching(i - 2, i - 1):
            return None  # F-16, COVID-19
        raw = t.value or 0.0
        i += 1
        plus = False
        if i < n and toks[i].kind == OP and toks[i].text == "+" and self.touching(i - 1, i) \
                and not (i + 1 < n and toks[i + 1].kind in (NUMBER, CURRENCY)):
            plus = True
            i += 1
        scale = 1.0
        scale_text = ""
        while i < n and toks[i].kind == SCALE:
            scale *= toks[i].value or 1.0
            scale_text = toks[i].text
            i += 1
        if not plus and i < n and toks[i].kind == OP and toks[i].text == "+" \
                and self.touching(i - 1, i) and scale_text \
                and not (i + 1 < n and toks[i + 1].kind in (NUMBER, CURRENCY)):
            plus = True  # 3bn+
            i += 1
        percent = False
        if i < n and toks[i].kind == PERCENT:
            percent = True
            i += 1
        return _End(raw * scale, raw, scale, scale_text, currency, percent, plus, first, num, i)

    def not_an_estimate(self, e: _End) -> bool:
        """Times, ordinals, model numbers and numbers after page/version/phone words."""
        toks, n = self.toks, self.n
        j = e.stop
        if e.scale == 1.0 and not e.percent and j < n:
            t = toks[j]
            if t.kind == WORD and self.touching(j - 1, j):
                w = self.low[j]
                if w in _ORDINALS or (w not in _UNIT_WORDS and w not in _CURRENCY_WORDS):
                    return True  # 3rd, 5G, 4x4
            if self.low[j] in _TIME_AFTER:
                return True
            if self.low[j] in ("a", "p") and j + 2 < n and self.low[j + 1] == "." \
                    and self.low[j + 2] == "m":
                return True  # 9 a.m.
        prev = self.prev_word(e.first)
        if prev in _PAGE_WORDS or prev in _VERSION_WORDS or prev in _PHONE_WORDS:
            return True
        return prev == "." and self.prev_word(e.first - 1) in _PAGE_WORDS

    def prev_word(self, i: int) -> str | None:
        j = i - 1
        if j < 0:
            return None
        return self.low[j]

    def year_like(self, e: _End) -> bool:
        t = self.toks[e.num]
        return (len(t.text) == 4 and t.text.isdigit() and 1000 <= e.raw <= 2199
                and e.scale == 1.0 and not e.percent and e.currency is None and not e.plus)

    def in_year_context(self, e: _End) -> bool:
        prev = self.prev_word(e.first)
        if prev in _YEAR_WORDS or (prev is not None and prev in dates.MONTHS):
            return True
        if prev == "," and self.prev_word(e.first - 1) is not None \
                and (self.prev_word(e.first - 1) or "") in dates.MONTHS:
            return True
        nxt = self.word(e.stop)
        return nxt is None or nxt in _STOP

    # -- quantities ----------------------------------------------------------------
    def quantity_at(self, i: int, k: int, hedge: str | None) -> int | None:
        between = self.word(k) == "between"
        start_from = self.word(k) == "from"
        j = k + 1 if between or start_from else k
        e1 = self.end_at(j)
        if e1 is None:
            return None
        if self.toks[e1.num].text.lower() in _ONE_WORDS and hedge is None:
            nxt = e1.stop
            if not (nxt < self.n and (self.toks[nxt].kind == DASH or self.word(nxt) in (
                    "to", "or", "and"))):
                return e1.stop  # "one of them": a pronoun, not a figure
        if self.year_like(e1) and self.prev_word(e1.first) not in _PAGE_WORDS:
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
        e2: _End | None = None
        joint = e1.stop
        if joint < self.n:
            jt = self.toks[joint]
            if between and self.word(joint) == "and":
                e2 = self.end_at(joint + 1)
            elif not between and (jt.kind == DASH or self.word(joint) in _RANGE_WORDS):
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

    def range_at(self, i: int, k: int, e1: _End, e2: _End, hedge: str | None,
                 between: bool, start_from: bool) -> int | None:
        notes: list[str] = []
        toks = self.toks
        joint = e1.stop
        dash = toks[joint].kind == DASH
        small = (e1.scale == 1.0 and e2.scale == 1.0 and e1.raw.is_integer()
                 and e2.raw.is_integer() and e1.raw < 100 and e2.raw < 100
                 and toks[e1.num].text.isdigit() and toks[e2.num].text.isdigit())
        if small and dash and self.near_words(i, e2.stop, _SCORE_WORDS):
            return e2.stop  # won 3-1
        prev = self.prev_word(k)
        if prev in _PAGE_WORDS:
            return e2.stop
        verb = self.prev_word(k if start_from else e1.first)
        before = set(self.low[max(0, k - 3) : k])
        change = (start_from and bool(before & _CHANGE_CONTEXT)) or (
            not start_from and verb in _CHANGE_VERBS and not dash)
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
        elif (e1.scale == 1.0 and e2.scale == 1.0 and toks[e1.num].text.isdigit()
              and len(toks[e1.num].text) <= 3 and re.search(r"\d[,.'’\s\u202f\u00a0]000$",
                                                            toks[e2.num].text)
              and e1.raw * 1000 <= e2.raw and e1.raw > 0):
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
        after = self.match(_AFTER, stop)
        qualifier = self.qualifier(i, k) if k > i else None
        if after is not None and not self.after_is_addition(after[1]):
            stop = after[1]
        return self.finish(i, stop, kind, low, high, None, currency, percent, qualifier,
                           tuple(notes))

    def near_words(self, i: int, stop: int, words: frozenset[str]) -> bool:
        before = {self.low[j] for j in range(max(0, i - 3), i)}
        after = {self.low[j] for j in range(stop, min(self.n, stop + 2))}
        return bool((before | after) & words)

    def after_is_addition(self, stop: int) -> bool:
        """'5,000 plus 3,000' adds; '5,000 plus' is a bound."""
        last = self.low[stop - 1]
        return last in ("plus", "+") and stop < self.n and self.toks[stop].kind in (
            NUMBER, CURRENCY)

    def qualifier(self, i: int, k: int) -> str:
        return self.span_text(i, k)[1].rstrip()

    def plus_minus_at(self, i: int, e1: _End, hedge: str | None) -> int | None:
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

    def single_at(self, i: int, e: _End, hedge: str | None, *, stop: int | None = None,
                  note: str | None = None) -> int | None:
        kind: FigureKind = "exact"
        qualifier = None
        if hedge is not None:
            kind = hedge  # type: ignore[assignment]
            qualifier = self.qualifier(i, e.first)
        end = e.stop if stop is None else stop
        after = None if stop is not None else self.match(_AFTER, end)
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
        if kind == "exact" and self.match_ending(_EARLIER, e.first) is not None:
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
            after = self.match(_AFTER, end) if noun is not None and kind == "exact" else None
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
        first = j
        words: list[int] = []
        while j < n and len(words) < 4:
            t = toks[j]
            if t.kind != WORD:
                break
            w = self.low[j]
            if w in _STOP or (w in dates.MONTHS and t.text[0].isupper()):
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
            if lw in _HEADCOUNT or lw in _UNIT_WORDS or lw in _CURRENCY_WORDS \
                    or toks[wi].text in _CURRENCY_CODES:
                keep = idx
        if keep < 0:
            for idx, wi in enumerate(words):
                if _plural_like(self.low[wi]):
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

    # -- dates ---------------------------------------------------------------------
    def date_qualifier(self, i: int) -> tuple[str | None, str | None, int]:
        """(qualifier text, its label, first index) of a date hedge ending before i."""
        found = self.match_ending(_DATE_HEDGES, i)
        if found is None:
            return None, None, i
        label, start = found
        text = self.span_text(start, i)[1]
        if label == "window" and text.lower() in ("in", "during", "around"):
            return None, None, start
        return text, label, start

    def date_figure(self, i: int, j: int, low: str | None, high: str | None,
                    notes: tuple[str, ...] = ()) -> int:
        qualifier, label, start = self.date_qualifier(i)
        if label == "until" and low is not None:
            low = None
        elif label == "since" and high is not None:
            high = None
        if start < i and self.out and self.out[-1].span[1] > self.base + self.toks[start].start:
            start = i
        point = low if low is not None and low == high else None
        self.emit(start, j, "date", low, high, point, qualifier=qualifier, assumptions=notes)
        return j

    def month_at(self, i: int) -> tuple[int, int | None, int] | None:
        """(month, day, index after) of 'Nov. 2', 'July', '2 November'."""
        t = self.toks[i]
        if t.kind == NUMBER and t.text.isdigit() and len(t.text) <= 2 and i + 1 < self.n:
            first_day = int(t.text)
            got = self.month_at(i + 1)
            if got is not None and got[1] is None and 1 <= first_day <= 31:
                return got[0], first_day, got[2]
            return None
        if t.kind != WORD or not t.text[0].isupper():
            return None
        month = dates.MONTHS.get(self.low[i])
        if month is None:
            return None
        j = i + 1
        if j < self.n and self.toks[j].text == "." and len(t.text) <= 4:
            j += 1
        day: int | None = None
        if j < self.n and self.toks[j].kind == NUMBER and self.toks[j].text.isdigit() \
                and len(self.toks[j].text) <= 2 and 1 <= int(self.toks[j].text) <= 31:
            day = int(self.toks[j].text)
            j += 1
            if j < self.n and self.low[j] in _ORDINALS and self.touching(j - 1, j):
                j += 1
        if self.low[i] in ("may", "march") and day is None:
            prev = self.prev_word(i)
            nxt = self.toks[j] if j < self.n else None
            if prev not in _YEAR_WORDS and prev not in ("or", "and", "last", "next", "this") \
                    and not (nxt is not None and nxt.kind == NUMBER):
                return None
        return month, day, j

    def year_after(self, j: int) -> tuple[int | None, int]:
        k = j + 1 if j < self.n and self.toks[j].text == "," else j
        if k < self.n and self.toks[k].kind == NUMBER and len(self.toks[k].text) == 4 \
                and self.toks[k].text.isdigit():
            return int(self.toks[k].text), k + 1
        return None, j

    def date_at(self, i: int) -> int | None:
        rel = self.match(_RELATIVE, i)
        if rel is not None:
            phrase = " ".join(self.low[i : rel[1]])
            if self.ref is None:
                return self.date_figure(i, rel[1], None, None, (
                    f"relative date {phrase!r}: pass reference_date= to resolve it",))
            low, high = dates.relative_window(phrase, self.ref)
            return self.date_figure(i, rel[1], low, high)
        which = _SEASON_WHICH.get(self.low[i])
        if which is not None and self.word(i + 1) in dates.SEASONS:
            season = self.low[i + 1]
            if self.ref is None:
                return self.date_figure(i, i + 2, None, None, (
                    f"relative date '{self.low[i]} {season}': pass reference_date= to "
                    "resolve it",))
            low, high = dates.season_window(season, which, self.ref)
            return self.date_figure(i, i + 2, low, high)
        got = self.month_at(i)
        if got is None:
            return None
        month, day, j = got
        year, j = self.year_after(j)
        month2 = day2 = None
        if j + 1 < self.n and self.low[j] in _DATE_JOIN:
            got2 = self.month_at(j + 1)
            if got2 is not None:
                month2, day2, j2 = got2
                year2, j = self.year_after(j2)
                year = year or year2
            elif day is not None and self.toks[j + 1].kind == NUMBER \
                    and self.toks[j + 1].text.isdigit() and len(self.toks[j + 1].text) <= 2 \
                    and day < int(self.toks[j + 1].text) <= 31:
                month2, day2 = month, int(self.toks[j + 1].text)  # July 1-3
                year2, j = self.year_after(j + 2)
                year = year or year2
        notes: tuple[str, ...] = ()
        if year is None:
            if self.ref is None:
                return self.date_figure(i, j, None, None, (
                    "no year given: pass reference_date= to resolve it",))
            year = self.ref.year
            notes = (f"no year given: {year} (the reference date's year) assumed",)
        try:
            if day is not None and (month2 is None or day2 is not None):
                low = dt.date(year, month, day).isoformat()
                m2, d2 = (month2, day2) if month2 is not None and day2 is not None else (
                    month, day)
                y2 = year + 1 if m2 < month else year
                high = dt.date(y2, m2, d2).isoformat()
            else:
                low, high = dates.month_window(month, year, month2)
        except ValueError:
            return self.date_figure(i, j, None, None, ("not a calendar date: unresolved",))
        return self.date_figure(i, j, low, high, notes)

    def year_at(self, i: int, e1: _End, joined: bool) -> int | None:
        """A year, a decade or a span of years starting at e1, if the context says so."""
        toks = self.toks
        y1 = int(e1.raw)
        stop = e1.stop
        if stop < self.n and self.low[stop] == "s" and self.touching(stop - 1, stop):
            low, high = dates.year_window(y1 - y1 % 10, y1 - y1 % 10 + 9)
            return self.date_figure(e1.first, stop + 1, low, high)
        if stop + 1 < self.n and (toks[stop].kind == DASH or self.low[stop] in (
                "to", "and", "through")):
            e2 = self.end_at(stop + 1)
            if e2 is not None and self.year_like(e2) and y1 < e2.raw:
                low, high = dates.year_window(y1, int(e2.raw))
                return self.date_figure(e1.first if not joined else e1.first - 1, e2.stop,
                                        low, high)
            nxt = toks[stop + 1]
            if e2 is not None and toks[stop].kind == DASH and len(nxt.text) == 2 \
                    and nxt.text.isdigit() and int(nxt.text) > y1 % 100:
                low, high = dates.year_window(y1, y1 - y1 % 100 + int(nxt.text))
                return self.date_figure(e1.first, stop + 2, low, high)
        if not self.in_year_context(e1):
            return None
        low, high = dates.year_window(y1)
        return self.date_figure(e1.first, stop, low, high)
