"""Numbers written in more than one token, folded into one ``NUMBER`` token for prose.

The expression tokenizer (:mod:`ranges.text._tokens`) reads a minus sign, a slash and
a power of ten as operators, which is right for ``ranges.parse`` ("10 - 12" is
arithmetic there). In prose the same characters are part of a number, and a figure
read without them is a silent wrong number: "-18 °C" read as 18, "1/4 inch" as 1. So
the prose reader folds them, before its grammar runs, with :func:`fold_numbers`:

* **Signs.** A minus sign glued to the number ("-18", "−1.3%", "$-99.99", "<-30")
  when it cannot be the dash of a range: nothing before it, or a word, a hedge, a
  currency sign or an opening parenthesis ("from -5 to -10"), never a number ("10
  -12" is a range). The words "minus" and "negative" before a number ("minus five",
  "negative ten") unless a number comes before them ("ten minus five" is arithmetic).
  A number in parentheses is negative as accounts write it ("(4.2)", "($4.2m)") after
  an accounting word such as "loss" or "net income", never right after another figure
  (a conversion: "£5m ($6.5m)"), noted as an assumption.
* **Fractions with a slash.** "1/4", "3/8", and mixed numbers "2 1/2": a numerator
  smaller than a common denominator (:data:`FRACTION_DENOMINATORS`), so that "24/7",
  "9/11" and dates are left alone.
* **Powers of ten.** "1.3×10^6", "3 x 10^6", "2.5*10^-3", "10^6", "1.3×10⁶".
* **A fraction added in words** after digits: "3 million and a half" (3.5 million),
  "2 and a quarter"; and dozens after digits ("3 dozen": 36); a fraction of a scale
  word ("two thirds of a million").

Number words ("two thirds", "five and a half million") are read by the tokenizer
itself; the sign of a number word ("minus five") is folded here.

>>> from ranges.text._tokens import tokenize_lower
>>> def folded(text):
...     toks, low = tokenize_lower(text, strict=False)
...     return [(t.text, t.value) for t in fold_numbers(text, toks, low)[0] if t.kind == NUMBER]
>>> folded("It fell to -18 °C, a loss of (4.2)")
[('-18', -18.0), ('(4.2)', -4.2)]
>>> folded("a 2 1/2 inch pipe, 1.3×10^6 cells")
[('2 1/2', 2.5), ('1.3×10^6', 1300000.0)]
"""

from __future__ import annotations

from typing import Final

from ranges.text._tokens import (
    CURRENCY,
    DASH,
    FRACTION_WORDS,
    HEDGE,
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
)
from ranges.text._words import ACCOUNT_WORDS

__all__ = ["FRACTION_DENOMINATORS", "fold_numbers", "is_fraction"]

#: the denominators a slash fraction may have ("3/8", "1/40"); "24/7" and "9/11" are
#: not fractions
FRACTION_DENOMINATORS: Final = frozenset({2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 25, 32, 40,
                                          50, 64, 100})
_MINUS: Final = frozenset({"-", "−"})
_MINUS_WORDS: Final = frozenset({"minus", "negative"})
# the lower-cased token texts a fold needs (a sign, or a word or mark after a number)
_SIGN_TEXTS: Final = _MINUS | _MINUS_WORDS
# words that fold only right after a number ("3 dozen", "2 and a half", "a third of a")
_AFTER_NUMBER_WORDS: Final = frozenset({"and", "dozen", "dozens", "doz", "dz", "dzs", "hundred",
                                        "of"})
_TRIGGER_TEXTS: Final = _SIGN_TEXTS | _AFTER_NUMBER_WORDS | {
    "/", "(", "^", "×", "x", "*", "·", "⋅",
    *"⁰¹²³⁴⁵⁶⁷⁸⁹", *(a + b for a in "⁰¹²³⁴⁵⁶⁷⁸⁹" for b in "⁰¹²³⁴⁵⁶⁷⁸⁹"),
}
_TIMES: Final = frozenset({"×", "x", "*", "·", "⋅"})
_SUPERSCRIPTS: Final = {c: i for i, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}
# what may touch a minus sign on its left: "<-30", "$-99.99", "(-5)", "=-3", ": -3"
_GLUED_BEFORE_SIGN: Final = frozenset({HEDGE, CURRENCY, LPAREN, PLUSMINUS, OTHER})
# what may not stand before a sign at all: a number makes the sign a range's dash
_NOT_BEFORE_SIGN: Final = frozenset({NUMBER, SCALE, PERCENT, RPAREN})
_ACCOUNTS_NOTE: Final = "a number in parentheses read as negative, as accounts write it"


def is_fraction(text: str) -> bool:
    """Whether ``text`` is a slash fraction the prose reader reads ("3/4", not "24/7").

    >>> is_fraction("3/4"), is_fraction("24/7"), is_fraction("9/11")
    (True, False, False)
    """
    top, _, bottom = text.partition("/")
    return (top.isdigit() and bottom.isdigit() and int(bottom) in FRACTION_DENOMINATORS
            and 0 < int(top) < int(bottom))


def fold_numbers(text: str, toks: list[Token], low: list[str]
                 ) -> tuple[list[Token], list[str], dict[int, str]]:
    """The tokens of ``text`` (a window) with signed numbers, slash fractions, powers of ten and
    added fractions folded into single ``NUMBER`` tokens (see the module docstring),
    their lower-cased texts, and the assumptions made, by index of the folded token.
    The lists themselves when there is nothing to fold."""
    present = _TRIGGER_TEXTS.intersection(low)  # in C: most windows stop here
    if not present:
        return toks, low, {}
    n = len(toks)
    starts: set[int] = set()
    signs = False
    for j, lw in enumerate(low):
        if lw not in present:
            continue
        if lw in _SIGN_TEXTS:  # a sign before a number; folded in the second pass
            signs = signs or (j + 1 < n and toks[j + 1].kind == NUMBER
                              and (j == 0 or toks[j - 1].kind not in _NOT_BEFORE_SIGN))
        elif lw == "(":
            starts.add(j)
        elif j > 0 and (toks[j - 1].kind == NUMBER or (
                j > 1 and toks[j - 2].kind == NUMBER and lw == "and")):
            # a fold starts one token (two for "3 million and a half") before its mark
            starts.update((j - 2, j - 1))
    folded = _fold_parts(toks, low, text, starts) if starts else None
    out, out_low, notes = (toks, low, {}) if folded is None else folded
    if signs:
        out, out_low, notes = _fold_signs(text, out, out_low, notes)
    return out, out_low, notes


def _fold_parts(toks: list[Token], low: list[str], text: str, starts: set[int]
                ) -> tuple[list[Token], list[str], dict[int, str]] | None:
    """The first pass: powers of ten, slash fractions, added fractions, dozens and
    accounting parentheses, tried only at ``starts``; None when nothing folds."""
    out: list[Token] = []
    out_low: list[str] = []
    notes: dict[int, str] = {}
    pos, n = 0, len(toks)
    changed = False
    for i in sorted(starts):
        if i < pos or i < 0 or i >= n:
            continue
        out += toks[pos:i]
        out_low += low[pos:i]
        pos = i
        folded = (_power_of_ten(toks, i, text) or _slash_fraction(toks, i, out, out_low, text)
                  or _added_fraction(toks, low, i, text) or _dozens(toks, low, i, text)
                  or _fraction_of_a_scale(toks, low, i, text))
        if folded is not None:
            token, pos = folded
            out.append(token)
            out_low.append(token.text.lower())
            changed = True
            continue
        accounts = _accounts(toks, low, i, text)
        if accounts is not None:
            changed = True
            inside, pos = accounts
            for t in inside:
                if t.kind == NUMBER:
                    notes[len(out)] = _ACCOUNTS_NOTE
                out.append(t)
                out_low.append(t.text.lower())
    if not changed:
        return None
    out += toks[pos:]
    out_low += low[pos:]
    return out, out_low, notes


def _fold_signs(text: str, toks: list[Token], low: list[str], notes: dict[int, str]
                ) -> tuple[list[Token], list[str], dict[int, str]]:
    """The second pass: signs, before the numbers the first pass folded ("-4/5")."""
    out: list[Token] = []
    out_low: list[str] = []
    moved: dict[int, str] = {}
    pos = 0
    for i in [j for j, lw in enumerate(low) if lw in _SIGN_TEXTS]:
        if i < pos:
            continue
        signed = _sign(toks, low, i, toks[i - 1 : i] if i else [], text)
        if signed is None:
            continue
        for k in range(pos, i):
            if k in notes:
                moved[len(out) + k - pos] = notes[k]
        out += toks[pos:i]
        out_low += low[pos:i]
        token, pos = signed
        if pos - 1 in notes:
            moved[len(out)] = notes[pos - 1]
        out.append(token)
        out_low.append(token.text.lower())
    if not out:
        return toks, low, notes
    for k in range(pos, len(toks)):
        if k in notes:
            moved[len(out) + k - pos] = notes[k]
    out += toks[pos:]
    out_low += low[pos:]
    return out, out_low, moved


_MULTIPLIERS: Final = {"dozen": 12, "dozens": 12, "doz": 12, "dz": 12, "dzs": 12,
                       "hundred": 100}


def _dozens(toks: list[Token], low: list[str], i: int, text: str
            ) -> tuple[Token, int] | None:
    """"3 dozen", "3 dozens", "3 hundred": the digits times the word (the tokenizer
    reads "three dozen" itself)."""
    t = toks[i]
    if t.kind == NUMBER and t.value is not None and t.text[0].isdigit() \
            and i + 1 < len(toks) and low[i + 1] in _MULTIPLIERS:
        return _number(toks, i, t.value * _MULTIPLIERS[low[i + 1]], i + 1, text), i + 2
    return None


def _glued(a: Token, b: Token) -> bool:
    return a.end == b.start


def _number(toks: list[Token], i: int, value: float, j: int, text: str) -> Token:
    """A NUMBER token for tokens ``i`` to ``j`` inclusive of ``text``."""
    return Token(NUMBER, text[toks[i].start : toks[j].end], toks[i].start, toks[j].end, value)


def _digits(t: Token) -> bool:
    return t.kind == NUMBER and t.text.isdigit()


def _power_of_ten(toks: list[Token], i: int, text: str) -> tuple[Token, int] | None:
    """"1.3×10^6", "3 x 10^6", "10^-3", "1.3×10⁶": (the NUMBER, the index after)."""
    t = toks[i]
    if t.kind != NUMBER or t.value is None or not t.text[0].isdigit():
        return None
    n = len(toks)
    mantissa, k = 1.0, i
    if t.text != "10" or not _exponent_follows(toks, i):
        if not (i + 2 < n and toks[i + 1].text in _TIMES and toks[i + 2].text == "10"
                and _exponent_follows(toks, i + 2, bare_minus=True)):
            return None
        if toks[i + 1].start - t.end > 1 or toks[i + 2].start - toks[i + 1].end > 1:
            return None
        mantissa, k = t.value, i + 2
    exponent, stop = _exponent(toks, k)
    value = mantissa * 10.0**exponent
    return _number(toks, i, value, stop - 1, text), stop


def _exponent_follows(toks: list[Token], k: int, *, bare_minus: bool = False) -> bool:
    """Whether a power follows the "10" at ``k``, glued: "^6", "^-3", "⁶", and, after a
    mantissa and a times sign (``bare_minus``), a negative power whose caret was lost
    in copying ("2.48×10−5")."""
    n = len(toks)
    if k + 1 >= n or not _glued(toks[k], toks[k + 1]):
        return False
    nxt = toks[k + 1]
    if bare_minus and nxt.text in _MINUS:
        return k + 2 < n and _digits(toks[k + 2]) and _glued(nxt, toks[k + 2])
    if nxt.text == "^":
        j = k + 2
        if j < n and toks[j].text in _MINUS and _glued(toks[j - 1], toks[j]):
            j += 1
        return j < n and _digits(toks[j]) and _glued(toks[j - 1], toks[j])
    return _superscript(nxt)


def _superscript(t: Token) -> bool:
    """Whether ``t`` is written in superscript digits (the tokenizer reads "⁶" as a
    word: it is alphanumeric, not a decimal digit)."""
    return t.kind in (OTHER, WORD) and all(c in _SUPERSCRIPTS for c in t.text)


def _exponent(toks: list[Token], k: int) -> tuple[int, int]:
    """The power after the "10" at ``k`` (checked by :func:`_exponent_follows`) and the
    index after it."""
    if toks[k + 1].text in _MINUS:  # "×10−5"
        return -int(toks[k + 2].text), k + 3
    if toks[k + 1].text == "^":
        j, sign = k + 2, 1
        if toks[j].text in _MINUS:
            j, sign = j + 1, -1
        return sign * int(toks[j].text), j + 1
    power = 0
    for c in toks[k + 1].text:
        power = power * 10 + _SUPERSCRIPTS[c]
    return power, k + 2


def _slash_fraction(toks: list[Token], i: int, out: list[Token], out_low: list[str],
                    text: str) -> tuple[Token, int] | None:
    """"1/4" (and "2 1/2", taking back the whole number already emitted)."""
    n = len(toks)
    if not (i + 2 < n and _digits(toks[i]) and toks[i + 1].text == "/"
            and _digits(toks[i + 2]) and _glued(toks[i], toks[i + 1])
            and _glued(toks[i + 1], toks[i + 2])):
        return None
    if i + 3 < n and _glued(toks[i + 2], toks[i + 3]) and toks[i + 3].kind in (OP, NUMBER):
        return None  # 1/2/2024
    if out and out[-1].text in ("/", ".") and _glued(out[-1], toks[i]):
        return None
    written = toks[i].text + "/" + toks[i + 2].text
    if not is_fraction(written):
        return None
    value = int(toks[i].text) / int(toks[i + 2].text)
    start = toks[i].start
    if out and _digits(out[-1]) and len(out[-1].text) <= 3 \
            and 1 <= toks[i].start - out[-1].end <= 2:  # "2 1/2": a whole number and a fraction
        whole = out.pop()
        out_low.pop()
        return Token(NUMBER, text[whole.start : toks[i + 2].end], whole.start,
                     toks[i + 2].end, (whole.value or 0.0) + value), i + 3
    return Token(NUMBER, written, start, toks[i + 2].end, value), i + 3


def _fraction_of_a_scale(toks: list[Token], low: list[str], i: int, text: str
                         ) -> tuple[Token, int] | None:
    """"two thirds of a million", "1/4 of a billion": the fraction times the scale."""
    t = toks[i]
    if t.kind != NUMBER or t.value is None or not 0 < t.value < 1 or i + 3 >= len(toks):
        return None
    if low[i + 1] == "of" and low[i + 2] in ("a", "an") and toks[i + 3].kind == SCALE:
        return _number(toks, i, t.value * (toks[i + 3].value or 1.0), i + 3, text), i + 4
    return None


def _added_fraction(toks: list[Token], low: list[str], i: int, text: str
                    ) -> tuple[Token, int] | None:
    """"3 million and a half", "2 and a quarter": digits, a scale word or none, "and"
    and a fraction in words (a NUMBER below one that the tokenizer read from words)."""
    t = toks[i]
    if t.kind != NUMBER or t.value is None or not t.text[0].isdigit():
        return None
    j = i + 1
    scale = 1.0
    if j < len(toks) and toks[j].kind == SCALE:
        scale = toks[j].value or 1.0
        j += 1
    if j + 1 >= len(toks) or low[j] != "and":
        return None
    frac = toks[j + 1]
    if frac.kind == NUMBER and frac.value is not None and 0 < frac.value < 1 \
            and frac.text[0].isalpha():  # "and two thirds" (read by the tokenizer)
        value, last = frac.value, j + 1
    elif low[j + 1] in ("a", "an") and j + 2 < len(toks) and low[j + 2] in FRACTION_WORDS:
        value, last = 1.0 / FRACTION_WORDS[low[j + 2]], j + 2  # "and a half"
    else:
        return None
    if last + 1 < len(toks) and toks[last + 1].kind == SCALE:
        return None  # "3 billion and a half million": not read
    return _number(toks, i, (t.value + value) * scale, last, text), last + 1


def _sign(toks: list[Token], low: list[str], i: int, out: list[Token], text: str
          ) -> tuple[Token, int] | None:
    """A minus sign or "minus"/"negative" before a number: the signed NUMBER."""
    t = toks[i]
    if i + 1 >= len(toks):
        return None
    num = toks[i + 1]
    if num.kind != NUMBER or num.value is None:
        return None
    prev = out[-1] if out else None
    if prev is not None and prev.kind in _NOT_BEFORE_SIGN:
        return None
    if t.text in _MINUS and t.kind in (DASH, OP):
        if not _glued(t, num) or not (num.text[0].isdigit() or num.text[0] == "."):
            return None
        if prev is not None and _glued(prev, t) and prev.kind not in _GLUED_BEFORE_SIGN:
            return None  # COVID-19, F-16: a name
        if prev is not None and prev.kind == OTHER and prev.text in "/.":
            return None
    elif low[i] in _MINUS_WORDS and t.kind == WORD:
        if prev is not None and prev.kind == WORD and low[i] == "minus" \
                and prev.text.lower() in ("a", "the", "or", "plus"):
            return None  # "plus or minus 5": a margin
    else:
        return None
    return _number(toks, i, -num.value, i + 1, text), i + 2


def _accounts(toks: list[Token], low: list[str], i: int, text: str
              ) -> tuple[list[Token], int] | None:
    """"(4.2)" and "($4.2m)" after an accounting word (among the four words before
    the parenthesis): the tokens inside with the number negative, and the index after
    the closing parenthesis. Never right after a number: "£5m ($6.5m)" and "a
    deficit of 1.6 billion ($2.54 billion)" give a conversion, not a negative."""
    if toks[i].kind != LPAREN:
        return None
    j = i + 1
    n = len(toks)
    currency = j < n and toks[j].kind == CURRENCY
    if currency:
        j += 1
    if j >= n or toks[j].kind != NUMBER or toks[j].value is None \
            or not toks[j].text[0].isdigit():
        return None
    num = j
    j += 1
    while j < n and toks[j].kind == SCALE:
        j += 1
    if j >= n or toks[j].kind != RPAREN:
        return None
    if ACCOUNT_WORDS.isdisjoint(low[max(0, i - 4) : i]) or (
            i > 0 and toks[i - 1].kind in (NUMBER, SCALE, CURRENCY)):
        return None  # "£5m ($6.5m)": a conversion, not a negative amount
    t = toks[num]
    if j == num + 1 and not currency:  # "(4.2)": one number, written with its parentheses
        return [_number(toks, i, -(t.value or 0.0), j, text)], j + 1
    inside = list(toks[i + 1 : j])
    inside[num - i - 1] = t._replace(value=-(t.value or 0.0))
    return inside, j + 1
