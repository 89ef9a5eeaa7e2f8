"""Where the prose reader looks, and the state it reads there.

:func:`find_windows` returns the spans of a text worth tokenizing: a few dozen
characters around each digit and each number, vague or date word (two compiled regular
expressions over the lower-cased text, as Latin-1 bytes when it is mostly Latin-1),
snapped to whitespace and merged when they overlap. Plain prose costs two scans.

:class:`TokenWindow` is the state of reading one such span: its tokens, the spans
blocked out of it, the list the figures go to, and the token helpers. The parts of the
reader are functions that take a window: :mod:`ranges.text._filters` (numbers that are
not estimates), :mod:`ranges.text._extract_dates` (dates),
:mod:`ranges.text._quantities` (the quantity grammar), driven by
:mod:`ranges.text._extract`. :class:`End` is one number with its currency, scale and
percent sign, as read by :meth:`TokenWindow.end_at`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any, AnyStr, Final

from ranges._kinds import FigureKind
from ranges.core._units import singular
from ranges.text import _dates as dates
from ranges.text._figure import Figure
from ranges.text._numbers import fold_numbers
from ranges.text._tokens import (
    CURRENCY,
    DASH,
    FRACTION_WORDS,
    NUMBER,
    OP,
    OTHER,
    PERCENT,
    SCALE,
    WORD,
    Token,
    tokenize_lower,
)
from ranges.text._words import (
    CURRENCY_CODES,
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    DOLLAR_PREFIXES,
    HEADCOUNT,
    LENGTH_AFTER,
    LENGTH_BEFORE,
    MONEY_BEFORE,
    MONEY_NOUNS,
    NUMBER_WORDS,
    SIZE_WORDS,
    STOP,
    UNIT_NAMES,
    UNIT_SYMBOLS,
    L,
    PhraseTable,
    plural_like,
)

__all__ = ["End", "TokenWindow", "find_windows"]

_FEET: Final = frozenset({"ft", "feet", "foot"})
# a double quote or a double prime right after a number: inches, unless the quote closes
# one opened before it in the window (an even count of quotes before it opens none)
_INCH_MARKS: Final = frozenset({'"', "″"})
# brackets around a unit symbol after a number ("20 (kg)"), opening -> closing
_OPENING: Final = {"(": ")", "[": "]", "{": "}", "<": ">"}


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
    {*NUMBER_WORDS, *dates.MONTHS, *dates.SEASONS, "year", "month", "week", "yesterday",
     "today", "tomorrow", *FRACTION_WORDS},
    key=len, reverse=True,
)  # fmt: skip
# The triggers are found in the lower-cased text by two scans, each beginning with a
# character class (the regular-expression engine skips in C to where a match may
# start): runs of digits, and trigger words (group 1), read after the non-letter
# before them, with a cheap test of the initial first.
_DIGIT_CLASS: Final = r"[\d½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒]"
_NON_LETTER: Final = r"[\W\d_]"
_LETTER: Final = r"[^\W\d_]"
_TRIE: Final = _trie(_TRIGGER_WORDS)
_INITIALS: Final = re.escape("".join(sorted({w[0] for w in _TRIGGER_WORDS})))


def _scans(digit: str, non_letter: str, letter: str) -> tuple[str, str, str]:
    """The patterns of the scans: digits, trigger words, a trigger word at the start."""
    word = f"({_TRIE})(?!{letter})"
    return f"{digit}+", f"{non_letter}(?=[{_INITIALS}]){word}", word


def _latin1(cls: str) -> str:
    """The Latin-1 characters of the character class ``cls``, spelled out."""
    r = re.compile(cls)
    return "[" + "".join(f"\\x{i:02x}" for i in range(256) if r.fullmatch(chr(i))) + "]"


_STR_SCANS: Final = tuple(re.compile(p) for p in _scans(_DIGIT_CLASS, _NON_LETTER, _LETTER))
# The same scans over the text as Latin-1 bytes (one byte a character, so the offsets
# are the same), with the classes spelled out: no Unicode categories to look up, about
# twice as fast. A character beyond Latin-1 stands as a byte in the same classes of
# these scans, so that they match the same spans: a digit as "0", a fraction sign as
# "½", a letter as "ª", anything else as "?".
_LATIN1_SCANS: Final = tuple(re.compile(p.encode("latin-1")) for p in _scans(
    _latin1(_DIGIT_CLASS), _latin1(_NON_LETTER), _latin1(_LETTER)))
_BEYOND_LATIN1: Final = re.compile(r"[^\x00-\xff]")
_DIGIT_RE: Final = re.compile(r"\d")
_FRACTION_RE: Final = re.compile(_DIGIT_CLASS)
_LETTER_RE: Final = re.compile(_LETTER)
_MAX_BEYOND: Final = 0.05  # above this share of them, the str scans are cheaper


@functools.lru_cache(maxsize=4096)
def _stand_in(char: str) -> int:
    """The Latin-1 byte that stands for ``char`` (beyond Latin-1) in the scans."""
    if _DIGIT_RE.fullmatch(char):
        return 0x30  # "0"
    if _FRACTION_RE.fullmatch(char):
        return 0xBD  # "½"
    if _LETTER_RE.fullmatch(char):
        return 0xAA  # "ª"
    return 0x3F  # "?"


def _latin1_bytes(lower: str) -> bytes | None:
    """``lower`` as Latin-1 bytes for the scans, or None when too many of its
    characters are beyond Latin-1."""
    data = lower.encode("latin-1", errors="replace")  # "?" for those beyond
    beyond = data.count(b"?") - lower.count("?")
    if not beyond:
        return data
    if beyond > _MAX_BEYOND * len(lower):
        return None
    buf = bytearray(data)
    for m in _BEYOND_LATIN1.finditer(lower):
        buf[m.start()] = _stand_in(m.group())
    return bytes(buf)


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


def _triggers(lower: str) -> list[tuple[int, int]]:
    """Spans of the triggers in ``lower``, in order: the runs of digits, and the trigger
    words (whole words) whose condition holds. The two never overlap: a word starts
    with a letter."""
    data = _latin1_bytes(lower)
    if data is None:
        return _scan(lower, lower, _STR_SCANS)
    return _scan(lower, data, _LATIN1_SCANS)


def _scan(lower: str, data: AnyStr, scans: tuple[re.Pattern[AnyStr], ...]
          ) -> list[tuple[int, int]]:
    """The triggers found by ``scans`` in ``data`` (``lower`` or its bytes)."""
    digits, words_after, word_at_start = scans
    spans = [m.span() for m in digits.finditer(data)]
    first = word_at_start.match(data)
    words = [first] if first is not None else []
    words += words_after.finditer(data)
    for m in words:
        start, stop = m.span(1)
        need = _CONDITIONAL.get(lower[start:stop])
        if need == "scale" and not _NEEDS_SCALE_AFTER.match(lower, stop):
            continue
        if need == "which" and not _NEEDS_WHICH_BEFORE.search(lower, max(0, start - 12), start):
            continue
        spans.append((start, stop))
    spans.sort()
    return spans


def _lower_same_length(text: str) -> str:
    """``text.lower()`` with every character kept at its offset: a character whose
    lower case is longer ("İ" becomes "i" and a combining dot) keeps only the first
    character of it, so that spans found in the result index ``text`` itself."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join([c.lower()[0] for c in text])


def find_windows(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` worth tokenizing: around each trigger, snapped to whitespace."""
    out: list[tuple[int, int]] = []
    n = len(text)
    cur_a = cur_b = -1
    for start, stop in _triggers(_lower_same_length(text)):
        a = max(0, start - _BACK)
        b = min(n, stop + _FORWARD)
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


def _dollar_prefix(word: str, glued: bool) -> str | None:
    """The currency of letters written before "$": "C$", "HK$", "A$" as written when
    glued; a prefix of two letters or more in any case, or "c", also one space apart
    ("hk $ 10", "c $ 16.4", as some news archives space them); a currency code glued
    ("AUD$15", "nzd$15"). "A $5 fee" is not Australian, nor "cost us $3" American by
    its "us"."""
    if glued and word in DOLLAR_PREFIXES:
        return DOLLAR_PREFIXES[word]
    upper = word.upper()
    if glued and upper in CURRENCY_CODES:
        return upper
    if (len(word) >= 2 or upper == "C") and upper in DOLLAR_PREFIXES and word != "us":
        return DOLLAR_PREFIXES[upper]
    return None


@dataclass(slots=True)
class End:
    """One number as the prose reader reads it: ``[currency] NUMBER [+] {SCALE} [%]``
    and a unit written with it (``unit``: the figure's unit, ``unit_text`` as written;
    "64GB", "30 kg", "9-metre", "15°C", "20 €"), with token indices into its window.
    ``note`` is an assumption made in reading it ("3m" read as million or metres)."""

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
    unit: str | None = None
    unit_text: str | None = None
    note: str | None = None


class TokenWindow:
    """The state of reading one window of the text: its tokens (``toks``) and their
    lower-cased texts (``low``), the spans blocked out of it (``blocked``, offsets in
    the window), the reference date and vague table of the reading, and ``out``, the
    figures of the whole text so far (shared by the windows of one text, in order).

    Its helpers read tokens (words, adjacency, phrase tables, spans, one number with
    :meth:`end_at`) and emit figures; the grammar is in the modules that take a window.
    """

    __slots__ = ("base", "blocked", "low", "n", "number_notes", "out", "ref", "source",
                 "toks", "vague", "window")

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        ref: dt.date | None,
        vague: PhraseTable[str],
        out: list[Figure],
    ) -> None:
        self.source = text
        self.base = start
        self.window = text[start:end]
        self.ref = ref
        self.vague = vague
        self.out = out
        self.toks: list[Token]
        toks, low = tokenize_lower(self.window, strict=False)
        #: assumptions made in folding a number, by token index ("(4.2)" as negative)
        self.number_notes: dict[int, str]
        self.toks, self.low, self.number_notes = fold_numbers(self.window, toks, low)
        self.n = len(self.toks)
        self.blocked: list[tuple[int, int]] = []

    # -- helpers -------------------------------------------------------------------
    def word(self, i: int) -> str | None:
        if 0 <= i < self.n and self.toks[i].kind in (WORD, SCALE):
            return self.low[i]
        return None

    def touching(self, i: int, j: int) -> bool:
        return 0 <= i < self.n and 0 <= j < self.n and self.toks[i].end == self.toks[j].start

    def match(self, table: PhraseTable[L], i: int) -> tuple[L, int] | None:
        """(label, index after) of the longest phrase of ``table`` starting at ``i``."""
        if i >= self.n:
            return None
        rows = table.get(self.low[i])
        if not rows:
            return None
        low = self.low
        for words, label in rows:
            k = len(words)
            if k == 1:  # the key itself (and the shortest phrase: the rows are sorted)
                return label, i + 1
            if tuple(low[i : i + k]) == words:
                return label, i + k
        return None

    def match_ending(self, table: PhraseTable[L], stop: int) -> tuple[L, int] | None:
        """(label, start index) of the longest phrase of ``table`` ending just before
        ``stop``."""
        low = self.low
        for k in range(max(0, stop - 4), stop):
            if low[k] in table:
                found = self.match(table, k)
                if found is not None and found[1] == stop:
                    return found[0], k
        return None

    def span_text(self, i: int, j: int) -> tuple[tuple[int, int], str]:
        """Source span and text of tokens ``i`` to ``j - 1``."""
        a = self.base + self.toks[i].start
        b = self.base + self.toks[j - 1].end
        return (a, b), self.source[a:b]

    def emit(self, i: int, j: int, kind: FigureKind, low: float | str | None,
             high: float | str | None, point: float | str | None, *, unit: str | None = None,
             noun: str | None = None, qualifier: str | None = None, phrase: str | None = None,
             assumptions: tuple[str, ...] = (), closed: tuple[bool, bool] | None = None,
             margin: float | None = None) -> None:
        span, words = self.span_text(i, j)
        self.out.append(Figure(words, span, kind, low, high, point, unit, noun, qualifier,
                               phrase, assumptions, closed, margin))

    def is_blocked(self, i: int) -> bool:
        s = self.toks[i].start
        return any(a <= s < b for a, b in self.blocked)

    def emit_raw(self, a: int, b: int, kind: FigureKind, low: str | None, high: str | None,
                 point: str | None, notes: tuple[str, ...] = ()) -> None:
        span = (self.base + a, self.base + b)
        self.out.append(Figure(self.source[span[0] : span[1]], span, kind, low, high, point,
                               assumptions=notes))

    # -- numbers -------------------------------------------------------------------
    def end_at(self, i: int) -> End | None:
        """One end of a range: [currency] NUMBER [+] {SCALE} [%], or None."""
        n, toks = self.n, self.toks
        first = i
        currency = None
        if i < n and toks[i].kind == CURRENCY:
            currency = CURRENCY_SIGNS[toks[i].text]
            i += 1
        elif i + 1 < n and toks[i].kind == WORD:
            w = toks[i].text
            if w in CURRENCY_CODES and toks[i + 1].kind in (NUMBER, CURRENCY):
                currency = w
                i += 1
            elif toks[i + 1].text == "$" and toks[i + 1].start - toks[i].end <= 1:
                code = _dollar_prefix(w, self.touching(i, i + 1))
                if code is not None:
                    currency = code  # C$ is Canadian, not US, dollars
                    i += 1
            if toks[i].kind == CURRENCY and currency is not None:
                i += 1
        if i >= n or toks[i].kind != NUMBER or toks[i].value is None:
            return None
        num = i
        t = toks[i]
        if len(t.text) > 1 and t.text[0] == "0" and t.text[1].isdigit():
            return None  # 0143: an identifier, not an amount
        if i > 0 and currency is None and toks[i - 1].end == t.start:  # touching
            before = toks[i - 1]
            if before.kind in (WORD, NUMBER):
                return None  # G7, A380
            if i > 1 and before.kind == DASH and toks[i - 2].kind == WORD \
                    and toks[i - 2].end == before.start:
                return None  # F-16, COVID-19
            if i > 2 and before.kind == DASH and toks[i - 2].kind == NUMBER \
                    and toks[i - 2].end == before.start and toks[i - 3].kind == WORD \
                    and toks[i - 3].end == toks[i - 2].start:
                return None  # ab3-204k: an identifier
        raw = t.value or 0.0
        i += 1
        plus = False
        if i < n and toks[i].kind == OP and toks[i].text == "+" and self.touching(i - 1, i) \
                and not (i + 1 < n and toks[i + 1].kind in (NUMBER, CURRENCY)):
            plus = True
            i += 1
        scale = 1.0
        scale_text = ""
        m_note: str | None = None
        while i < n and toks[i].kind == SCALE:
            if toks[i].text in ("b", "B") and currency is None and raw >= 1000 \
                    and i == num + 1:
                return None  # "a 1500b packet": bytes or bits, not 1.5 trillion
            if toks[i].text == "m" and currency is None and i == num + 1:
                metre, m_note = self._metre_or_million(first, i)
                if metre is not None:  # "2.1m tall": metres, not million
                    unit, stop = metre
                    return End(raw, raw, 1.0, "", None, False, plus, first, num, stop, unit,
                               self.span_text(i, stop)[1], m_note)
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
        end = End(raw * scale, raw, scale, scale_text, currency, percent, plus, first, num, i,
                  note=m_note or (self.number_notes.get(num) if self.number_notes else None))
        if not percent and not plus and i < n:
            self._unit_after(end)
        return end

    # -- units written with a number ---------------------------------------------------
    def _unit_after(self, e: End) -> None:
        """Read into ``e`` a unit written right after its number: a unit symbol glued
        or apart ("64GB", "30 kg", "100m2"), a hyphenated unit name ("9-metre"),
        degrees ("15°C"), a currency sign after the number ("20 €"), or a unit name
        between the ends of a range ("30 kilograms to 35 kilograms")."""
        toks, n, i = self.toks, self.n, e.stop
        t = toks[i]
        found: tuple[str, int] | None = None
        if t.kind == WORD:
            found = self._symbol_at(i)
            if found is None and self.low[i] in UNIT_NAMES and i + 2 < n and (
                    toks[i + 1].kind == DASH or self.low[i + 1] in _RANGE_JOINTS) \
                    and toks[i + 2].kind in (NUMBER, CURRENCY):
                found = singular(self.low[i]), i + 1  # 30 kilograms to 35 kilograms
        elif t.text in _OPENING and i + 2 < n and toks[i + 2].text == _OPENING[t.text] \
                and toks[i + 1].kind == WORD and toks[i + 1].text in UNIT_SYMBOLS:
            found = UNIT_SYMBOLS[toks[i + 1].text], i + 3  # "20 (kg)", "20 [kg]" in tables
            unit, stop = found
            e.unit, e.unit_text, e.stop = unit, self.span_text(i + 1, i + 2)[1], stop
            return
        elif t.kind == OTHER and t.text in _INCH_MARKS and self.touching(i - 1, i) \
                and (t.text != '"' or self.window.count('"', 0, t.start) % 2 == 0) \
                and not (i + 1 < n and self.touching(i, i + 1) and toks[i + 1].kind == WORD):
            found = "inch", i + 1  # a 9" plate (not the closing quote of "I saw 5")
        elif t.kind == OTHER and t.text in "°º" and i + 1 < n \
                and toks[i + 1].text in ("C", "F") and toks[i + 1].start - t.end <= 1:
            found = "degC" if toks[i + 1].text == "C" else "degF", i + 2
        elif t.kind == DASH and t.text == "-" and self.touching(i - 1, i) \
                and self.touching(i, i + 1) and toks[i + 1].kind == WORD \
                and self.low[i + 1] in UNIT_NAMES \
                and not (i + 2 < n and toks[i + 2].kind == DASH and self.touching(i + 1, i + 2)
                         and self.low[i + 3 : i + 4] == ["old"]):
            found = singular(self.low[i + 1]), i + 2  # a 9-metre wall (not 3-year-old)
        elif t.kind == DASH and self.touching(i - 1, i) and i + 2 < n \
                and not self.touching(i, i + 1) and self.low[i + 1] in _RANGE_JOINTS \
                and toks[i + 2].kind in (NUMBER, CURRENCY):
            e.stop = i + 1  # "a 6- to 9-metre wall": the hyphen waits for the unit
            return
        elif t.kind == CURRENCY and e.currency is None and e.scale == 1.0 \
                and not (i + 1 < n and toks[i + 1].kind == NUMBER):
            e.currency = CURRENCY_SIGNS[t.text]  # 20 €
            e.stop = i + 1
            return
        if found is None:
            return
        unit, stop = found
        if t.kind == DASH:
            i += 1  # the unit of "9-metre" is written "metre"
        if unit == "percent":
            e.percent = True  # 2.5pc
        else:
            e.unit = unit
            e.unit_text = self.span_text(i, stop)[1]
        e.stop = stop

    def unit_name_after(self, e: End) -> None:
        """Read into ``e`` a unit symbol or name written apart after it ("150
        kilometres" at the high end of "100 kilometres to 150 kilometres")."""
        i = e.stop
        if i >= self.n or self.toks[i].kind != WORD:
            return
        found = self._symbol_at(i)
        if found is None and self.low[i] in UNIT_NAMES:
            found = singular(self.low[i]), i + 1
        if found is not None and found[0] != "percent":
            e.unit, e.stop = found
            e.unit_text = self.span_text(i, e.stop)[1]

    def _symbol_at(self, i: int) -> tuple[str, int] | None:
        """The unit symbol at token ``i`` and the index after it ("GB", "m²", "km2")."""
        toks = self.toks
        text = toks[i].text
        if text == "in" and self._inch_at(i):
            return "inch", i + 1
        if self.low[i] == "percentage" and self.word(i + 1) not in ("point", "points"):
            return "percent", i + 1  # "a 100 percentage increase" (not percentage points)
        if text not in UNIT_SYMBOLS and text != "m":
            return None
        if i + 1 < self.n and self.touching(i, i + 1) and toks[i + 1].kind == NUMBER:
            squared = UNIT_SYMBOLS.get(text + toks[i + 1].text)
            if squared is not None:
                return squared, i + 2  # 100 m2, 3km2
            return None  # 24703L202: an identifier
        if text == "m":  # "5 m" apart: metres ("5m" glued is a scale word)
            return "m", i + 1
        return UNIT_SYMBOLS[text], i + 1

    def _inch_at(self, i: int) -> bool:
        """Whether "in" after a number at ``i`` is inches: after feet ("5 ft 2 in"), or
        before a word of size ("2 1/2 in thick") or the end of the text."""
        low = self.low
        if i >= 2 and low[i - 2] in _FEET:
            return True
        if i + 1 < self.n and low[i + 1] in SIZE_WORDS:
            return True
        last = i if i + 1 == self.n else i + 1 if i + 2 == self.n and low[i + 1] == "." else -1
        # "the length of my pencil is 2 in." at the end of the text, after a word of size
        return last >= 0 and self.base + self.toks[last].end >= len(self.source.rstrip()) \
            and not SIZE_WORDS.isdisjoint(low[max(0, i - 8) : i - 1])


    def _metre_or_million(self, first: int, m: int
                          ) -> tuple[tuple[str, int] | None, str | None]:
        """What the "m" glued to a number at token ``m`` means: ((the unit, the index
        after it) for metres or None for million, the assumption made or None)."""
        toks, low, n = self.toks, self.low, self.n
        j = m + 1
        if j < n and self.touching(m, j) and toks[j].text in ("2", "3"):
            return ("m^2" if toks[j].text == "2" else "m^3", j + 1), None  # 100m2
        if j + 1 < n and toks[j].kind == DASH and self.touching(m, j) \
                and self.touching(j, j + 1) and low[j + 1] in LENGTH_AFTER:
            return ("m", j), None  # a 12m-long boat
        metre, note = _read_m(low, toks, first, self._after_range_partner(j),
                              self.span_text(first, j)[1])
        return (("m", j) if metre else None), note

    def _after_range_partner(self, j: int) -> int:
        """The index after the other end of a range whose low end stops at ``j``
        ("2m to 3m people": the words after "3m" decide for both)."""
        toks, n = self.toks, self.n
        if j + 1 < n and (toks[j].kind == DASH or self.low[j] in _RANGE_JOINTS) \
                and toks[j + 1].kind == NUMBER:
            j += 2
            if j < n and toks[j].kind == SCALE and toks[j].text == "m":
                j += 1
        return j

    def prev_word(self, i: int) -> str | None:
        j = i - 1
        if j < 0:
            return None
        return self.low[j]


_RANGE_JOINTS: Final = frozenset({"to", "through", "and", "or"})
_DETERMINERS: Final = frozenset({
    "a", "an", "the", "its", "his", "her", "their", "our", "this", "that", "each", "every",
})  # fmt: skip


def _read_m(low: list[str], toks: list[Token], first: int, j: int, written: str
            ) -> tuple[bool, str | None]:
    """Whether "m" after a number (``written``, from token ``first``) means metres
    (else million), from the words around it, and the assumption made (None when a
    word decides); ``j`` is the token after the figure (after the range it starts)."""
    n = len(toks)
    nxt = low[j] if j < n and toks[j].kind == WORD else None
    if nxt is not None and nxt in LENGTH_AFTER:
        return True, None  # 2.1m tall
    if nxt is not None and (nxt in HEADCOUNT or nxt in CURRENCY_WORDS or plural_like(nxt)):
        return False, None  # 1.7m refugees, 3m barrels
    before = low[max(0, first - 4) : first]
    if not LENGTH_BEFORE.isdisjoint(before):
        return True, None  # it measured 3m, a depth of 3m
    if not MONEY_BEFORE.isdisjoint(before) or any(
            t.kind == CURRENCY for t in toks[max(0, first - 4) : first]):
        return False, None  # cost 3m
    if nxt is not None and nxt not in STOP and not nxt.endswith(("ed", "ing", "ly")) \
            and _determiner_before(low, toks, first):
        if nxt in MONEY_NOUNS:
            return False, (f"{written!r} read as million: a sum of money ('{nxt}'), though "
                           "no currency is written")
        return True, (f"{written!r} read as metres: a measure of the {nxt!r} it stands "
                      "before (a count would be plural)")
    return False, (f"{written!r} read as million: no word near it says whether it counts, "
                   "is money or is a length in metres")


def _determiner_before(low: list[str], toks: list[Token], first: int) -> bool:
    """Whether a determiner comes before the figure starting at token ``first``, or
    before the low end of the range it ends ("a 2-3m wall")."""
    if first > 1 and (toks[first - 1].kind == DASH or low[first - 1] in _RANGE_JOINTS) \
            and toks[first - 2].kind in (NUMBER, SCALE):
        first -= 2
        if toks[first].kind == SCALE:
            first -= 1
    return first > 0 and low[first - 1] in _DETERMINERS
