"""Split text into the tokens people use to write figures.

:func:`tokenize` turns a string into a list of :class:`Token`. It is shared by the
expression parser (:mod:`ranges.text._parse`) and is meant to be reused by anything that
looks for figures inside prose, so it knows nothing about grammar: it only finds
numbers, scale words, dashes, operators and words, and records where each one is.

Token kinds
-----------
``NUMBER``     a written number; ``value`` is its float value. Digits with thousands
               separators (``12,000``, ``12.000.000``, ``26 271``, ``12\u202f000``),
               decimals (``1.5``, ``1.234,5``), ``1e6``, vulgar fractions (``7½``) and
               number-word phrases (``twelve``, ``three hundred and fifty``, ``a dozen``).
``SCALE``      a multiplier written after a number; ``value`` is the factor: ``k``,
               ``m``/``M``, ``bn``, ``mn``, ``tn`` (single letters only when attached to
               the digits, as in ``5m``; ``5 m`` is five metres), ``thousand``,
               ``million``, ``billion``, ``trillion``.
``WORD``       any other run of letters (units, hedges, ``to``, ``plus``...).
``DASH``       ``-`` and the hyphens and dashes ``‐ ‑ ‒ – — ―``.
``OP``         ``+ * ** × · / ÷ ^`` and the minus sign ``−`` (U+2212).
``LPAREN``, ``RPAREN``  ``(`` and ``)``.
``PERCENT``    ``%``, ``percent``, ``per cent``, ``pct``.
``PLUSMINUS``  ``±``, ``+/-``, ``+-`` (not glued to a digit: ``+-5`` is plus minus five).
``CURRENCY``   ``$ € £ ¥``.
``HEDGE``      ``~ ≈ < > <= >= ≤ ≥``.
``OTHER``      any other single character (and, when ``strict=False``, a malformed
               number).

Numbers
-------
A thousands separator (``,`` ``'`` ``’``, thin, narrow or no-break spaces) must be
followed by exactly three digits and preceded by one to three digits in the first
group, so ``10,00`` and ``1234,567`` are errors. A plain space groups digits only
when every group after it has exactly three digits (``26 271``); otherwise it just
separates two numbers. A single ``.`` is a decimal point (``12.000`` is twelve); a dot
is a thousands separator only when it appears two or more times with three-digit
groups (``1.234.567``), optionally followed by a decimal comma (``1.234,5``).

>>> [(t.kind.value, t.value) for t in tokenize("about 10–12k")]
[('WORD', None), ('NUMBER', 10.0), ('DASH', None), ('NUMBER', 12.0), ('SCALE', 1000.0)]
>>> read_number("three hundred and fifty")
350.0
"""

from __future__ import annotations

import math
import re
from enum import StrEnum
from typing import Final, NamedTuple

from ranges.errors import ParseError

__all__ = [
    "CURRENCY",
    "DASH",
    "FRACTION_WORDS",
    "HEDGE",
    "LPAREN",
    "NUMBER",
    "OP",
    "OTHER",
    "PERCENT",
    "PLUSMINUS",
    "RPAREN",
    "SCALE",
    "SCALE_WORDS",
    "WORD",
    "Token",
    "TokenKind",
    "read_number",
    "tokenize",
    "tokenize_lower",
]

class TokenKind(StrEnum):
    """What a token is (see the module docstring). A ``str`` enumeration: a kind
    compares equal to its name (``tok.kind == "NUMBER"``)."""

    NUMBER = "NUMBER"
    SCALE = "SCALE"
    WORD = "WORD"
    DASH = "DASH"
    OP = "OP"
    LPAREN = "LPAREN"
    RPAREN = "RPAREN"
    PERCENT = "PERCENT"
    PLUSMINUS = "PLUSMINUS"
    CURRENCY = "CURRENCY"
    HEDGE = "HEDGE"
    OTHER = "OTHER"


NUMBER: Final = TokenKind.NUMBER
SCALE: Final = TokenKind.SCALE
WORD: Final = TokenKind.WORD
DASH: Final = TokenKind.DASH
OP: Final = TokenKind.OP
LPAREN: Final = TokenKind.LPAREN
RPAREN: Final = TokenKind.RPAREN
PERCENT: Final = TokenKind.PERCENT
PLUSMINUS: Final = TokenKind.PLUSMINUS
CURRENCY: Final = TokenKind.CURRENCY
HEDGE: Final = TokenKind.HEDGE
OTHER: Final = TokenKind.OTHER


class Token(NamedTuple):
    """One token: its ``kind``, the ``text`` as written, its ``start``/``end`` offsets
    in the input (``text == source[start:end]``) and, for ``NUMBER`` and ``SCALE``,
    its numeric ``value``. Immutable (a named tuple: the prose reader makes many)."""

    kind: TokenKind
    text: str
    start: int
    end: int
    value: float | None = None


_FRACTIONS: Final = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒"
_FRACTION_VALUES: Final = {
    "½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5,
    "⅗": 3 / 5, "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅐": 1 / 7, "⅛": 1 / 8, "⅜": 3 / 8,
    "⅝": 5 / 8, "⅞": 7 / 8, "⅑": 1 / 9, "⅒": 1 / 10,
}  # fmt: skip
_GROUP_SEPS: Final = ",.'’\u2007\u2009\u202f\u00a0"

# One pattern for every token, words first (the commonest). Leading whitespace is
# skipped by the same match (possessively, so that it is never read as an ``other``
# character), so a token's span is its group's span. Scale letters attached to the
# digits (5k, 3.5m, $4bn) are read by the same match, in the ``suffix`` group.
# "percent", "pct" and "per cent" are read as words and turned into PERCENT tokens by
# :func:`tokenize`.
_MASTER: Final = re.compile(
    r"""
    \s*+
    (?:(?P<word>[^\W\d_½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒]+)
  | (?P<number>
        (?: \d{1,3}(?:\x20\d{3})+(?!\d)(?:\.\d+)?      # 26 271 (plain-space groups)
          | \d+(?:[,.'’\u2007\u2009\u202f\u00a0]\d+)*  # 12,000  1.5  1.2.3 (checked later)
          | \.\d+                                      # .5
        )
        (?:[eE][+-]?\d+(?![^\W\d_]))?                  # 1e6
        [½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒]?                          # 7½
    )
    (?:(?P<suffix>bn|Bn|BN|mn|Mn|MN|tn|Tn|TN|k|K|m|M|b|B)(?![^\W\d_]))?  # 5k  $4bn
  | (?P<fraction>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅐⅛⅜⅝⅞⅑⅒])
  | (?P<plusminus>±|\+/?[-−](?![-−\d]))
  | (?P<percent>%)
  | (?P<dash>[-‐‑‒–—―])
  | (?P<op>\*\*|[+*×·⋅/÷^−])
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<currency>[$€£¥])
  | (?P<hedge>[<>]=?|[≤≥≈~])
  | (?P<other>.))
    """,
    re.VERBOSE | re.DOTALL,
)
_PER_CENT: Final = re.compile(r"(?i:per[\x20\u00a0]cent)(?![^\W\d_])")

_SUFFIX_VALUES: Final = {"k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9, "mn": 1e6, "tn": 1e12}
# Scale words that may stand apart from the number (case-insensitive), plus "k".
_SCALE_WORDS: Final = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "mn": 1e6,
    "tn": 1e12,
    # as other Englishes write them: "10 bln", "5 mln" (Russian and European wires),
    # "13 lakh", "1 crore" (South Asian: 100,000 and 10,000,000)
    "bln": 1e9,
    "mln": 1e6,
    "tln": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
#: every scale word, lower-cased, as written after a number ("5k", "3 bn", "2 million")
SCALE_WORDS: Final = frozenset({*_SUFFIX_VALUES, *_SCALE_WORDS})
_GROUPED: Final = re.compile(r"\d{1,3}(?:([,.'’\u2007\u2009\u202f\u00a0 ])\d{3})(?:\1\d{3})*")
_SPLIT_SEPS: Final = re.compile(r"[^\d]")
_SIMPLE_DIGITS: Final = re.compile(r"\d{1,3}(?:,\d{3})+|\d+\.\d+")  # 12,000  3.5

_UNIT_WORDS: Final = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_WORDS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_HYPHENS: Final = frozenset("-‐‑")
# The denominators of fraction words ("two thirds", "a quarter", "three-quarters"): a
# fraction needs a numerator word before it ("one", "two", "a"), so "the third" and "a
# tenth-century church" stay words; plural after a numerator above one ("two thirds").
_DENOMINATORS: Final = {
    "half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "twelfth": 12, "sixteenth": 16,
    "twentieth": 20, "hundredth": 100, "thousandth": 1000,
}  # fmt: skip
#: fraction words after "a" or "one" and the denominators they name ("a third": 3)
FRACTION_WORDS: Final = _DENOMINATORS
_PLURAL_DENOMINATORS: Final = {
    **{(w + "s"): d for w, d in _DENOMINATORS.items() if w != "half"}, "halves": 2,
}
# "half" and "quarter" may scale on their own ("half million", "a quarter million"); a
# "quarter" after a numerator is a period of the year after these words ("the last two
# quarters", "for three quarters"), not a fraction
_BARE_FRACTIONS: Final = {"half": 0.5, "quarter": 0.25}
_PERIOD_BEFORE: Final = frozenset({
    "last", "past", "next", "previous", "first", "consecutive", "straight", "successive",
    "for", "over", "in", "within", "coming", "fiscal",
})
_NUMBER_WORD_STARTS: Final = frozenset(
    {*_UNIT_WORDS, *_TENS_WORDS, "a", "an", "half", "quarter", "hundred"})
# What :func:`tokenize_lower` notes about a word (the words not listed need no care):
# a number word, an article that may start one ("a hundred"), a word a phrase may
# scale by; scale words, "k" and the words of "per cent" are listed to be looked at.
_NUMERAL: Final = 1
_ARTICLE: Final = 2
_SCALED: Final = 4
_FRACTION: Final = 8
_WORD_FLAGS: Final = {
    **dict.fromkeys((*_SCALE_WORDS, "k", "percent", "pct", "per", "cent"), 0),
    "hundred": _SCALED | _NUMERAL,  # "hundred thousand dollars"
    "dozen": _SCALED,
    **dict.fromkeys((*_DENOMINATORS, *_PLURAL_DENOMINATORS), _FRACTION),
    **dict.fromkeys(("a", "an"), _ARTICLE),
    **dict.fromkeys(("half", "quarter"), _ARTICLE | _FRACTION),
    **dict.fromkeys((*_UNIT_WORDS, *_TENS_WORDS), _NUMERAL),
}


def tokenize(text: str, *, strict: bool = True) -> list[Token]:
    """Split ``text`` into tokens (whitespace is dropped).

    With ``strict=True`` a malformed number (``10,00``, ``1.2.3``, ``1e999``) raises
    :class:`~ranges.errors.ParseError`; with ``strict=False`` it becomes an ``OTHER``
    token, which suits scanning prose. No other error is raised.

    >>> [(t.kind.value, t.text) for t in tokenize("$3–4bn")]
    [('CURRENCY', '$'), ('NUMBER', '3'), ('DASH', '–'), ('NUMBER', '4'), ('SCALE', 'bn')]
    >>> [(t.text, t.value) for t in tokenize("twenty-five thousand")]
    [('twenty-five', 25.0), ('thousand', 1000.0)]
    """
    return tokenize_lower(text, strict=strict)[0]


def tokenize_lower(text: str, *, strict: bool = True) -> tuple[list[Token], list[str]]:
    """:func:`tokenize`, with the lower-cased text of each token alongside (the prose
    reader matches words case-insensitively).

    >>> tokenize_lower("About 5K troops")[1]
    ['about', '5', 'k', 'troops']
    """
    tokens: list[Token] = []
    lows: list[str] = []
    append = tokens.append
    append_low = lows.append
    new = tuple.__new__  # makes a Token without the Python-level NamedTuple.__new__
    seen = 0  # _WORD_FLAGS of the words read: is there a number-word phrase to merge?
    skip = 0  # the end of a "per cent" already read
    for m in _MASTER.finditer(text):
        piece = m[1]  # the word group; a word ends its match
        if piece is not None:
            lower = piece.lower()
            end = m.end()
            start = end - len(piece)
            if lower not in _WORD_FLAGS:  # the common case: a plain word
                append(new(Token, (WORD, piece, start, end, None)))
                append_low(lower)
                continue
            if start < skip:  # the "cent" of "per cent"
                continue
            token = _word_token(text, piece, lower, start, end)
            append(token)
            append_low(token.text.lower())
            seen |= _WORD_FLAGS[lower] | (_SCALED if token.kind == SCALE else 0)
            skip = token.end
            continue
        kind = m.lastgroup or "other"
        simple = _GROUP_KINDS.get(kind)
        if simple is not None:  # punctuation, a dash, an operator, a sign
            piece = m.group(kind)
            end = m.end()  # the group ends the match
            append(new(Token, (simple, piece, end - len(piece), end, None)))
            append_low(piece.lower())
        elif kind == "number":  # the common case: a number without a scale suffix
            digits = m.group(kind)
            start, end = m.span(kind)
            try:
                value = _number_value(digits, start, text)
            except ParseError:
                if strict:
                    raise
                append(new(Token, (OTHER, digits, start, end, None)))
            else:
                append(new(Token, (NUMBER, digits, start, end, value)))
            append_low(digits.lower())
        else:  # a number with a scale suffix, or a fraction sign
            seen |= _append_number(m, kind, text, strict, tokens, lows)
    # "a"/"an"/"half" start a phrase only before "hundred", "dozen", a scale word or a
    # fraction word ("a third of")
    if seen & _NUMERAL or (seen & _ARTICLE and seen & (_SCALED | _FRACTION)):
        return _merge_number_words(tokens, lows, text)
    return tokens, lows


def _append_number(m: re.Match[str], kind: str, text: str, strict: bool,
                   tokens: list[Token], lows: list[str]) -> int:
    """Append the tokens of a number match of ``_MASTER`` (a NUMBER and its SCALE
    suffix, a fraction sign, or, when not ``strict``, an OTHER for a malformed number);
    the ``_WORD_FLAGS`` they add (``_SCALED`` for a scale)."""
    new = tuple.__new__
    if kind == "fraction":
        piece = m.group(kind)
        start, end = m.span(kind)
        tokens.append(new(Token, (NUMBER, piece, start, end, _FRACTION_VALUES[piece])))
        lows.append(piece)
        return 0
    piece = m.group("number")
    start, num_end = m.span("number")
    end = m.end()
    try:
        value = _number_value(piece, start, text)
    except ParseError:
        if strict:
            raise
        tokens.append(new(Token, (OTHER, piece, start, num_end, None)))
        lows.append(piece.lower())
        if kind != "suffix":
            return 0
        suffix = m.group(kind)  # read on its own, as a word
        token = _word_token(text, suffix, suffix.lower(), num_end, end)
        tokens.append(token)
        lows.append(token.text.lower())
        return _SCALED if token.kind == SCALE else 0
    tokens.append(new(Token, (NUMBER, piece, start, num_end, value)))
    lows.append(piece.lower())
    if kind != "suffix":
        return 0
    suffix = m.group(kind)
    lower = suffix.lower()
    tokens.append(new(Token, (SCALE, suffix, num_end, end, _SUFFIX_VALUES[lower])))
    lows.append(lower)
    return _SCALED


def _word_token(text: str, piece: str, lower: str, start: int, end: int) -> Token:
    """A run of letters: a SCALE token for a scale word, a PERCENT for "percent",
    "pct" and "per cent", else a WORD."""
    scale = _SCALE_WORDS.get(lower)
    if scale is None and piece == "k":
        scale = 1e3
    if scale is not None:
        return Token(SCALE, piece, start, end, scale)
    if lower in ("percent", "pct"):
        return Token(PERCENT, piece, start, end)
    if lower == "per":
        m = _PER_CENT.match(text, start)
        if m is not None:
            return Token(PERCENT, m.group(), start, m.end())
    return Token(WORD, piece, start, end)


_GROUP_KINDS: Final = {
    "dash": DASH,
    "op": OP,
    "lparen": LPAREN,
    "rparen": RPAREN,
    "currency": CURRENCY,
    "hedge": HEDGE,
    "plusminus": PLUSMINUS,
    "percent": PERCENT,
    "other": OTHER,
}


def _number_value(piece: str, start: int, text: str) -> float:
    """The value of a run of digits and separators, or a ParseError."""
    if piece.isdigit():  # the common case: plain digits
        value = float(piece)
        if not math.isfinite(value):
            raise ParseError("number too large", text, start)
        return value
    frac = 0.0
    if piece[-1] in _FRACTIONS:
        frac = _FRACTION_VALUES[piece[-1]]
        piece = piece[:-1]
    exponent = ""
    e_at = max(piece.find("e"), piece.find("E"))
    if e_at >= 0:
        exponent = piece[e_at:]
        piece = piece[:e_at]
    if frac and exponent:
        raise ParseError("a fraction sign cannot follow an exponent", text, start + len(piece))
    mantissa = piece if piece.isdigit() else _normalise_digits(piece, start, text)
    value = float(mantissa + exponent) + frac
    if not math.isfinite(value):
        raise ParseError("number too large", text, start)
    return value


def _normalise_digits(piece: str, start: int, text: str) -> str:
    """Turn ``12,345.6`` / ``1.234,5`` / ``26 271`` into ``12345.6`` style, checking groups."""
    if _SIMPLE_DIGITS.fullmatch(piece):  # the common cases, well formed
        return piece.replace(",", "")
    seps = [(start + m.start(), m.group()) for m in _SPLIT_SEPS.finditer(piece)]
    groups = _SPLIT_SEPS.split(piece)
    dots = [at for at, s in seps if s == "."]
    if len(dots) == len(seps):  # only dots: one is a decimal point, several are groups
        if len(dots) == 1:
            return f"{groups[0]}.{groups[1]}"
        if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
            raise ParseError("malformed number: more than one decimal point", text, dots[1])
        return "".join(groups)
    last = seps[-1][1]
    has_decimal = last == "." or (
        last == "," and bool(dots) and all(s == "." for _, s in seps[:-1])
    )
    grouping = seps[:-1] if has_decimal else seps
    if len(dots) > 1 and last == ".":
        raise ParseError("malformed number: more than one decimal point", text, dots[1])
    sep = grouping[0][1]
    for at, s in grouping[1:]:
        if s != sep:
            raise ParseError("malformed number: mixed digit separators", text, at)
    if not 1 <= len(groups[0]) <= 3:
        raise ParseError(
            f"bad digit grouping: more than 3 digits before {sep!r}", text, grouping[0][0]
        )
    for (at, _), group in zip(grouping, groups[1:], strict=False):
        if len(group) != 3:
            raise ParseError(f"bad digit grouping: expected 3 digits after {sep!r}", text, at)
    integer = "".join(groups[: len(grouping) + 1])
    return f"{integer}.{groups[-1]}" if has_decimal else integer


def _merge_number_words(tokens: list[Token], lows: list[str], text: str
                        ) -> tuple[list[Token], list[str]]:
    """Replace runs of number words by NUMBER tokens (a trailing lone scale word stays
    a SCALE token so that "ten to twelve thousand" can share it), with the lower-cased
    texts ``lows`` to match; ``tokens`` and ``lows`` themselves when there is none."""
    out: list[Token] = []
    out_lows: list[str] = []
    changed = False
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if tok.kind == WORD and lows[i] in _NUMBER_WORD_STARTS:
            read = _read_words(tokens, i)
            if read is not None and lows[i] in ("a", "an") and i > 0 \
                    and lows[i - 1] == "and" and read[0] < 1:
                read = None  # "an hour and a half": a fraction of the word before
            if read is not None:
                value, j, scale_at = read
                last = tokens[scale_at - 1] if scale_at is not None else tokens[j - 1]
                phrase = text[tok.start : last.end]
                out.append(Token(NUMBER, phrase, tok.start, last.end, value))
                out_lows.append(phrase.lower())
                if scale_at is not None:
                    out.append(tokens[scale_at])
                    out_lows.append(lows[scale_at])
                i = j
                changed = True
                continue
        out.append(tok)
        out_lows.append(lows[i])
        i += 1
    return (out, out_lows) if changed else (tokens, lows)


def _read_words(tokens: list[Token], i: int) -> tuple[float, int, int | None] | None:
    """Read a number-word phrase starting at ``tokens[i]``.

    Returns ``(value, end_index, scale_index)``: when the phrase ends with its only
    scale word, ``value`` excludes it and ``scale_index`` points at it."""
    phrase = _NumberPhrase(tokens)
    k = phrase.start(i)
    if k is None:
        return None
    while k < len(tokens) and not phrase.done:
        nxt = phrase.step(k)
        if nxt is None:
            break
        k = nxt
    return phrase.result(k)


# The digit words after "point" ("nine point nought four"): "nought" and "naught" are
# zero only there ("all for naught" is no figure)
_DECIMAL_DIGITS: Final = {
    **{w: v for w, v in _UNIT_WORDS.items() if v <= 9}, "nought": 0, "naught": 0,
}
# What may come before a unit word ("five") or a tens word ("twenty") in a phrase.
_BEFORE_UNITS: Final = frozenset({"", "hundred", "and", "scale"})
# What "hundred" and "dozen" may multiply.
_MULTIPLIABLE: Final = frozenset({"a", "unit", "tens"})


class _NumberPhrase:
    """The state machine that reads a number-word phrase ("three hundred and fifty
    thousand", "half a million", "a dozen"): ``last`` is the kind of the previous
    piece ("a", "unit", "tens", "hundred", "and", "dozen", "scale"); ``current`` the
    value since the last scale word, ``total`` the value of the scaled groups."""

    __slots__ = ("current", "done", "factor", "first_index", "last", "last_scale", "scales",
                 "tokens", "total")

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.factor = 1.0
        self.total = 0.0
        self.current: float | None = None
        self.last = ""
        self.scales: list[int] = []
        self.last_scale = math.inf
        self.done = False  # "dozen" ends a phrase
        self.first_index = 0

    def word(self, k: int) -> str | None:
        tokens = self.tokens
        if k < len(tokens) and tokens[k].kind in (WORD, SCALE):
            return tokens[k].text.lower()
        return None

    def start(self, i: int) -> int | None:
        """The index of the first number word after "half a", "a" or "an" at ``i``,
        or None when the article starts no number. "half" and "quarter" before a scale
        word ("half million", "a quarter million") and "a" before a fraction word that
        a scale word or "of" follows ("a third of") start one too."""
        k = i
        self.first_index = i
        first = self.word(k)
        if first == "hundred" and k + 1 < len(self.tokens) and self.tokens[k + 1].kind == SCALE:
            self.current = 1.0  # "hundred thousand dollars"
            self.last = "a"
            return k
        if first in ("a", "an") and self.word(k + 1) in _BARE_FRACTIONS \
                and self.tokens[k + 2:k + 3] and self.tokens[k + 2].kind == SCALE:
            k += 1  # "a half million": as "half million"
            first = self.word(k)
        if first in _BARE_FRACTIONS and k + 1 < len(self.tokens) \
                and self.tokens[k + 1].kind == SCALE and self.word(k + 1) in _SCALE_WORDS:
            self.factor = _BARE_FRACTIONS[first]
            self.current = 1.0
            self.last = "a"
            return k + 1
        if first == "half" and self.word(k + 1) in ("a", "an"):
            self.factor = 0.5
            k += 1
        if self.word(k) in ("a", "an"):
            nxt = self.word(k + 1)
            if self.factor == 1.0 and nxt in _DENOMINATORS and (
                    self.word(k + 2) == "of" or k + 2 >= len(self.tokens)
                    or self.tokens[k + 2].kind == OTHER):  # "a third of", "by a fifth."
                self.current = 1.0 / _DENOMINATORS[nxt]  # "a third of"
                self.last = "fraction"
                self.done = True
                return k + 2
            if nxt not in ("hundred", "dozen") and nxt not in _SCALE_WORDS:
                return None
            self.current = 1.0
            self.last = "a"
            return k + 1
        return None if self.factor != 1.0 else k

    def tokens_before_period(self) -> bool:
        """Whether the phrase follows a word that makes "quarters" periods of a year."""
        return self.first_index > 0 and self.word(self.first_index - 1) in _PERIOD_BEFORE

    def decimals(self, k: int) -> int | None:
        """"two hundred point zero three", "three point five (million)": the digit
        words after "point" (each zero to nine, or one compound "seventy-one"), added
        as decimals to the phrase so far; the index after them, or None."""
        digits = ""
        j = k + 1
        while (d := self.word(j)) in _DECIMAL_DIGITS:
            digits += str(_DECIMAL_DIGITS[d or ""])
            j += 1
        if not digits:
            tens = self.word(j)
            if tens not in _TENS_WORDS:
                return None
            probe = _NumberPhrase(self.tokens)
            after = probe.tens(j, tens or "")
            digits = str(int(probe.current or 0))
            j = after
        self.current = (self.current or 0.0) + float("0." + digits)
        self.last = "point"
        return j

    def fraction_at(self, k: int) -> tuple[float, int] | None:
        """A fraction written in words from ``k``: "a half", "one third", "two thirds",
        "three-quarters" (value, index after), or None."""
        w = self.word(k)
        if w in ("a", "an"):
            d = self.word(k + 1)
            if d in _DENOMINATORS:
                return 1.0 / _DENOMINATORS[d or ""], k + 2
            return None
        if w not in _UNIT_WORDS or not 1 <= _UNIT_WORDS[w or ""] <= 19:
            return None
        return self.over(k, float(_UNIT_WORDS[w or ""]))

    def over(self, k: int, numerator: float) -> tuple[float, int] | None:
        """The fraction ``numerator`` over the denominator word after ``k`` (apart or
        joined by a hyphen: "two thirds", "one-half"), or None."""
        tokens = self.tokens
        j = k + 1
        if j + 1 < len(tokens) and tokens[j].kind == DASH and tokens[j].text in _HYPHENS \
                and tokens[j].start == tokens[k].end and tokens[j + 1].start == tokens[j].end:
            j += 1
        d = self.word(j)
        if d is None:
            return None
        table = _DENOMINATORS if numerator == 1.0 else _PLURAL_DENOMINATORS
        denominator = table.get(d)
        if denominator is None or numerator >= denominator * 4:
            return None
        if d.startswith("quarter") and self.word(k - 1) in _PERIOD_BEFORE:
            return None  # "the last two quarters": periods of the year
        return numerator / denominator, j + 1

    def step(self, k: int) -> int | None:
        """Read the word at ``k``: the index of the next word, or None when the phrase
        ended before ``k``."""
        w = self.word(k)
        if w is None:
            return None
        if w in _UNIT_WORDS and (self.last in _BEFORE_UNITS or (
                self.last == "tens" and 0 < _UNIT_WORDS[w] < 10)):
            if self.last == "" and self.current is None:
                frac = self.over(k, float(_UNIT_WORDS[w]))
                if frac is not None:  # "two thirds", "one-half"
                    self.current, after = frac
                    self.last = "fraction"
                    return after
            self.current = (self.current or 0.0) + _UNIT_WORDS[w]
            self.last = "unit"
            return k + 1
        if w in _TENS_WORDS and self.last in _BEFORE_UNITS:
            return self.tens(k, w)
        if w in _PLURAL_DENOMINATORS and self.last in ("unit", "tens", "hundred") \
                and not (w.startswith("quarter") and self.tokens_before_period()):
            # "twenty-three fifths", "one hundred thirty two fifths": the phrase so far
            # is the numerator
            self.total = (self.total + (self.current or 0.0)) / _PLURAL_DENOMINATORS[w]
            self.current = None
            self.scales.append(-1)
            self.last = "fraction"
            self.done = True
            return k + 1
        if w == "point" and self.last in ("unit", "tens", "hundred"):
            return self.decimals(k)
        if w in ("hundred", "dozen") or (w == "dozens" and self.last in ("unit", "tens")):
            return self.multiply(k, w)
        if w == "and":
            return self.joining_and(k)
        if self.tokens[k].kind == SCALE and w in _SCALE_WORDS:
            return self.scale(k, w)
        return None

    def tens(self, k: int, w: str) -> int:
        """"twenty", and "twenty-five" (a hyphen touching both words)."""
        self.current = (self.current or 0.0) + _TENS_WORDS[w]
        self.last = "tens"
        tokens = self.tokens
        if k + 2 < len(tokens):
            dash, unit = tokens[k + 1], self.word(k + 2)
            if dash.kind == DASH and dash.text in _HYPHENS and dash.start == tokens[k].end \
                    and tokens[k + 2].start == dash.end and unit in _UNIT_WORDS \
                    and 1 <= _UNIT_WORDS[unit or ""] <= 9:
                self.current += _UNIT_WORDS[unit or ""]
                self.last = "unit"
                return k + 3
        return k + 1

    def multiply(self, k: int, w: str) -> int | None:
        """"hundred" (not after a hundred already) and "dozen" (which ends the phrase)."""
        if self.current is None or self.last not in _MULTIPLIABLE:
            return None
        if w in ("dozen", "dozens"):
            self.current *= 12
            self.last = "dozen"
            self.done = True
            return k + 1
        if self.current >= 100:
            return None
        self.current *= 100
        self.last = "hundred"
        return k + 1

    def joining_and(self, k: int) -> int | None:
        """The "and" of "three hundred and fifty" (not of "three hundred and four
        hundred"), and of a fraction added: "two and a half", "one million and a
        half" (a half million), "one billion and a quarter million"."""
        frac = (self.fraction_at(k + 1)
                if self.last in ("unit", "tens", "scale", "hundred") else None)
        if frac is not None:
            value, after = frac
            if self.last == "scale":
                nxt_scale = self.word(after)
                if nxt_scale in _SCALE_WORDS and self.tokens[after].kind == SCALE \
                        and _SCALE_WORDS[nxt_scale or ""] < self.last_scale:
                    self.total += value * _SCALE_WORDS[nxt_scale or ""]
                    after += 1
                else:
                    self.total += value * self.last_scale
                self.scales.append(-1)  # no longer one trailing scale word
            else:
                self.current = (self.current or 0.0) + value
            self.last = "fraction"
            return after
        nxt = self.word(k + 1)
        if self.last == "scale" and (nxt in _UNIT_WORDS or nxt in _TENS_WORDS) \
                and self.word(self.first_index - 1) not in ("between", "and"):
            # "one thousand and five hundred", "twenty-one trillion and three hundred":
            # a smaller group after the scale ("between two thousand and three hundred"
            # is a range, and "two thousand and three thousand" two numbers)
            read = _read_words(self.tokens, k + 1)
            if read is not None:
                value, after, scale_at = read
                if scale_at is not None:
                    value *= _SCALE_WORDS[self.word(scale_at) or ""]
                    after = scale_at + 1
                if value < self.last_scale:
                    self.total += value
                    self.last = "joined"
                    self.done = True
                    return after
            return None
        if self.last == "hundred" and (nxt in _UNIT_WORDS or nxt in _TENS_WORDS) \
                and "hundred" not in (self.word(k + 2), self.word(k + 4)):
            self.last = "and"
            return k + 1
        return None

    def scale(self, k: int, w: str) -> int | None:
        """A scale word closing a group ("three thousand"), each smaller than the one
        before ("two million three hundred thousand")."""
        scale = _SCALE_WORDS[w]
        if self.current is None or self.last == "scale" or scale >= self.last_scale \
                or (self.last == "fraction" and -1 in self.scales):
            return None
        self.last_scale = scale
        self.total += self.current * scale
        self.current = None
        self.scales.append(k)
        self.last = "scale"
        return k + 1

    def result(self, k: int) -> tuple[float, int, int | None] | None:
        """``(value, end_index, scale_index)`` of the phrase read up to ``k``."""
        if self.last in ("", "a", "and"):
            return None
        if self.last == "scale" and len(self.scales) == 1:
            scale = _SCALE_WORDS[self.word(self.scales[0]) or ""]
            return self.total / scale * self.factor, k, self.scales[0]
        return (self.total + (self.current or 0.0)) * self.factor, k, None


def read_number(text: str) -> float:
    """Read one written number, with its scale, into a float.

    Raises :class:`~ranges.errors.ParseError` if ``text`` is anything else.

    >>> read_number("12,000"), read_number("1.5k"), read_number("twelve thousand")
    (12000.0, 1500.0, 12000.0)
    >>> read_number("half a million"), read_number("−2.5 bn")
    (500000.0, -2500000000.0)
    """
    tokens = tokenize(text)
    i = 0
    sign = 1.0
    if tokens and (tokens[0].text in _HYPHENS or tokens[0].text == "−"):
        sign = -1.0
        i = 1
    if i >= len(tokens) or tokens[i].kind != NUMBER:
        at = tokens[i].start if i < len(tokens) else len(text)
        raise ParseError("expected a number", text, at)
    value = tokens[i].value or 0.0
    i += 1
    while i < len(tokens) and tokens[i].kind == SCALE:
        value *= tokens[i].value or 1.0
        i += 1
    if i < len(tokens):
        raise ParseError(f"unexpected {tokens[i].text!r} after the number", text, tokens[i].start)
    if not math.isfinite(value):
        raise ParseError("number too large", text, 0)
    return sign * value


def shares_thousands(low_text: str, low: float, high_text: str, high: float) -> bool:
    """Whether "low to high" reads as sharing the high end's thousands, as people write
    "20 to 30,000" for 20,000–30,000: a bare low end of at most three digits, a high end
    written with a ``,000`` group, and a scaled low end within a factor of ten below the
    high end (so "1 to 15,625,000" is left alone). Callers record it as an assumption.

    >>> shares_thousands("20", 20, "30,000", 30_000)
    True
    >>> shares_thousands("1", 1, "15,625,000", 15_625_000)
    False
    >>> shares_thousands("500", 500, "3,000", 3_000)
    False
    """
    grouped = (len(high_text) >= 5 and high_text[-3:] == "000"
               and high_text[-4] in ",.'’\u2007\u2009\u202f\u00a0 ")
    return (low_text.isdigit() and len(low_text) <= 3 and low > 0 and grouped
            and low * 1000 <= high < low * 10_000)

