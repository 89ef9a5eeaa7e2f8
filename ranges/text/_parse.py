"""Read an arithmetic expression of written figures.

:func:`parse_tree` turns text such as ``"about 10,000–12,000 plus 3k-4k troops"`` into
an immutable syntax tree, and :func:`parse` turns that tree into an
:class:`~ranges.core._graph.Estimate` with the public constructors (``between``,
``exactly``, ``about``, ``at_least``, ``at_most``, ``plus_minus``).

Grammar
-------
Over the tokens of :mod:`ranges.text._tokens` (keywords are case-insensitive)::

    expr     = term { ("+" | "plus" | "and" | "-" | "−" | "minus") term } ;
               (a spaced "-" between a smaller and a larger number: see the dash rule)
    term     = unary { ("*" | "×" | "·" | "x" | "times" | "multiplied by"
                       | "/" | "÷" | "per" | "divided by" | "of") (unary | unit) } ;
    unary    = ("-" | "−") unary | power ;
    power    = primary [ ("^" | "**") exponent ] ;
    exponent = [ "-" ] NUMBER | "(" [ "-" ] NUMBER ")" ;
    primary  = "(" expr ")" [ unit ] | quantity ;
    quantity = [ hedge ] ( "between" end "and" end
                         | [ "from" ] end [ ( range_dash | "to" ) end
                                          | "±" margin ] )
             | [ about ] vague [ "of" ] [ unit ] ;
    vague    = a row of the Reading's vague table ( "thousands" | "dozens"
             | "tens of thousands" | "a handful" | ...
             | multiplier-row scale-word: "a few thousand", "several hundred" ) ;
    end      = [ "-" ] [ currency ] NUMBER { SCALE } [ "%" ] [ unit ] ;
    margin   = [ currency ] NUMBER { SCALE } [ "%" ] [ unit ] ;
    unit     = WORD { WORD } [ "^" NUMBER ] ;     (words that are not keywords)
    currency = "$" | "€" | "£" | "¥" | three capital letters (``USD``) ;
    hedge    = "about" | "approximately" | "approx." | "around" | "roughly" | "some"
             | "nearly" | "almost" | "an estimated" | "circa" | "c." | "~" | "≈"
             | "at least" | "more than" | "over" | "no fewer than" | ">" | "≥"
             | "up to" | "as many as" | "fewer than" | "less than" | "under"
             | "no more than" | "at most" | "<" | "≤" | … ;

(the full hedge table, with synonyms such as "upwards of" and "not more than", is
``_HEDGES``; ``nearly``/``almost``/``some`` read as "about", with the words kept in
the node's ``qualifier``).

A vague quantity ("thousands of workers", "a few thousand", "several hundred") stands
wherever a figure may: it is matched by the same matcher as :func:`ranges.extract`
(:mod:`ranges.text._vague`) against the rows of the Reading's vague table, and read by
:func:`ranges.vague` (the table's reading is reported as an assumption). A hedge that
bounds ("at least thousands") is refused, since the table's reading is no number to
bound; "about" and its synonyms add nothing to it and are noted. A vague quantity
cannot be an end of a range. After a number, "thousands" is not a vague word but a
misspelt scale (``5 thousands`` is refused with "did you mean '5 thousand'").

``of`` multiplies only right after a percentage (``20% of 5,000``). A unit word after
``/`` or ``per`` with no number (``km/h``, ``troops per day``) divides by one of
that unit. A unit after a closing parenthesis multiplies the group by one of it.

The dash rule
-------------
* En dash, em dash, figure dash and horizontal bar (``– — ‒ ―``) always join the
  two ends of a range, with or without spaces: ``10–12`` and ``10 – 12`` are ranges.
* A hyphen (``-``, ``‐``, ``‑``) touching the numbers on both sides is a range dash
  (``10-12``, ``10k-12k``).
* A hyphen with a space on at least one side is a minus sign (``12 - 10`` is 2,
  ``-5`` is negative five), except between two plain positive numbers of which the
  first is the smaller, where a subtraction would be negative and a range is as
  likely meant (``10,000 - 12,000 troops``). There, when that figure (hedged or not,
  with or without a unit) is the whole expression, it is read as the range and the
  reading is recorded as an assumption in the figure's note (the summary lists it);
  inside a longer expression (``5 + 10 - 12``) it is refused with a
  :class:`~ranges.errors.ParseError` at the hyphen that shows both readings and how
  to write each.
* ``−`` (U+2212) and the word ``minus`` always subtract, so ``10 − 12`` is −2 and
  ``−3–2`` is the range from −3 to 2.
* ``to`` and ``between … and …`` also make ranges; ``-5 to 5`` runs from −5 to 5.
* A touching hyphen that cannot make a range (``10-12-14``, ``(3)-4``) is an error
  rather than a guess.

Typos
-----
A word glued to a number must be a scale word (``12k``) or a unit symbol written
that way (``5km``, ``60mph``; the ``[glued]`` list of ``data/text_words.toml``):
``12kk``, ``3kms`` and ``5bnn`` are refused with a "did you mean" suggestion
(:mod:`ranges.text._typos`), and another unit is written apart (``12 tanks``). A
plural or a misspelling of a scale word after a number (``5 thousands troops``,
``5 milion troops``) and a scale word after the unit (``5 USD million``) are refused
with the way to write them. A unit word the unit system refuses as a misspelling
(``12 tropos``) is a ParseError under that word, with its suggestion.

Shared scales and units
-----------------------
* A range whose high end has a scale and whose low end has none shares it when the
  low figure is not larger than the high figure: ``10–12 thousand`` is
  10,000–12,000, ``$3–4bn`` is USD 3e9–4e9 (``500 to 2 million`` is not shared).
* ``20 to 30,000``: a bare low end of at most three digits, with a high end written
  with a ``,000`` group and ``low × 1000 ≤ high``, takes the high end's thousands.
  Both are recorded in the node's ``assumptions``.
* A unit after the last term of a sum applies to the earlier terms that are bare
  figures without a unit: ``10k–12k plus 3k–4k troops`` is troops throughout.
  Factors are left alone: ``2 × 3,000 troops`` is ``2 × (3,000 troops)``.
* Percentages (``7.5%``, ``7½ per cent``) get unit ``"percent"`` in the tree and
  become plain fractions in :func:`parse`. ``± 10%`` after a figure is 10% of it;
  after a percentage it is ten percentage points.

>>> from ranges.text._syntax import to_tuple
>>> to_tuple(parse_tree("10–12 thousand troops"))
('range', 10000.0, 12000.0, 'troops')
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

from ranges._kinds import Stated
from ranges.errors import InputError, ParseError
from ranges.text._syntax import BinaryNode, NegNode, Node, QuantityNode, Span
from ranges.text._tokens import (
    CURRENCY,
    DASH,
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
    shares_thousands,
    tokenize,
)
from ranges.text._typos import glued_word_problem, misplaced_scale_message, scale_word_meant
from ranges.text._vague import VaguePhrase, vague_phrase_at, vague_phrases
from ranges.text._words import PhraseTable

if TYPE_CHECKING:
    from ranges.reading._policy import Reading

__all__ = ["MAX_NESTING", "parse_tree"]

_RANGE_DASHES: Final = frozenset("‒–—―")
_HYPHENS: Final = frozenset("-‐‑")
_CURRENCIES: Final = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_HEDGES: Final[tuple[tuple[tuple[str, ...], Stated], ...]] = (
    (("no", "fewer", "than"), Stated.AT_LEAST),
    (("no", "less", "than"), Stated.AT_LEAST),
    (("no", "more", "than"), Stated.AT_MOST),
    (("not", "more", "than"), Stated.AT_MOST),
    (("in", "excess", "of"), Stated.AT_LEAST),
    (("as", "many", "as"), Stated.AT_MOST),
    (("as", "much", "as"), Stated.AT_MOST),
    (("at", "least"), Stated.AT_LEAST),
    (("more", "than"), Stated.AT_LEAST),
    (("greater", "than"), Stated.AT_LEAST),
    (("upwards", "of"), Stated.AT_LEAST),
    (("up", "to"), Stated.AT_MOST),
    (("fewer", "than"), Stated.AT_MOST),
    (("less", "than"), Stated.AT_MOST),
    (("at", "most"), Stated.AT_MOST),
    (("an", "estimated"), Stated.ABOUT),
    (("close", "to"), Stated.ABOUT),
    (("over",), Stated.AT_LEAST),
    (("under",), Stated.AT_MOST),
    (("about",), Stated.ABOUT),
    (("approximately",), Stated.ABOUT),
    (("approx",), Stated.ABOUT),
    (("around",), Stated.ABOUT),
    (("roughly",), Stated.ABOUT),
    (("some",), Stated.ABOUT),
    (("nearly",), Stated.ABOUT),
    (("almost",), Stated.ABOUT),
    (("estimated",), Stated.ABOUT),
    (("circa",), Stated.ABOUT),
    (("ca",), Stated.ABOUT),
    (("c",), Stated.ABOUT),
)
_HEDGE_SYMBOLS: Final[dict[str, Stated]] = {
    "~": Stated.ABOUT,
    "≈": Stated.ABOUT,
    ">": Stated.AT_LEAST,
    ">=": Stated.AT_LEAST,
    "≥": Stated.AT_LEAST,
    "<": Stated.AT_MOST,
    "<=": Stated.AT_MOST,
    "≤": Stated.AT_MOST,
}
_HEDGE_FIRST: Final = frozenset(words[0] for words, _ in _HEDGES)
_ABBREVIATIONS: Final = frozenset({"approx", "ca", "c"})  # may take a "."
_ADD_WORDS: Final = {"plus": "+", "and": "+", "minus": "-"}
_MulOp: TypeAlias = Literal["*", "/"]
_MUL_WORDS: Final[dict[str, _MulOp]] = {"times": "*", "x": "*", "per": "/",
                                        "multiplied": "*", "divided": "/"}
_MUL_SYMBOLS: Final[dict[str, _MulOp]] = {"*": "*", "×": "*", "·": "*", "⋅": "*", "/": "/",
                                          "÷": "/"}
_NOT_FINITE: Final = frozenset({"nan", "inf", "infinity", "infinite"})
#: count words that are no scale after a digit ("5 hundred"), and no unit either
_COUNT_WORDS: Final = frozenset({"hundred", "hundreds", "dozen", "dozens"})
# Words that never start or continue a unit.
_KEYWORDS: Final = frozenset(
    {
        *_ADD_WORDS,
        *_MUL_WORDS,
        *_HEDGE_FIRST,
        "to",
        "between",
        "from",
        "divided",
        "multiplied",
        "of",
        "by",
        "or",
    }
)


@dataclass(slots=True)
class _End:
    """One end of a range (or the point of a figure) while it is being read."""

    value: float
    number: Token
    scale: float | None
    scale_text: str
    percent: bool
    currency: str | None
    unit: str | None
    unit_span: Span | None
    start: int
    end: int
    #: the number as written, with its scale words and percent sign ("12k", "5 million")
    number_text: str = ""


#: deepest nesting of parentheses accepted
MAX_NESTING = 100


class _Parser:
    """Recursive descent over the token list (one instance per text)."""

    def __init__(self, text: str, vague: PhraseTable[str]) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0
        #: the phrases of the Reading's vague table
        self.vague = vague

    # -- token helpers -----------------------------------------------------------

    def peek(self, k: int = 0) -> Token | None:
        j = self.i + k
        return self.tokens[j] if j < len(self.tokens) else None

    def word(self, k: int = 0) -> str | None:
        tok = self.peek(k)
        return tok.text.lower() if tok is not None and tok.kind == WORD else None

    def any_word(self, j: int) -> str | None:
        """The lower-cased word or scale word at absolute token ``j``, else None."""
        if 0 <= j < len(self.tokens) and self.tokens[j].kind in (WORD, SCALE):
            return self.tokens[j].text.lower()
        return None

    def error(self, message: str, at: int | None = None) -> ParseError:
        if at is None:
            tok = self.peek()
            at = tok.start if tok is not None else len(self.text)
        return ParseError(message, self.text, at)

    def prev_text(self) -> str:
        return self.tokens[self.i - 1].text if self.i > 0 else ""

    def touching(self, k: int) -> bool:
        """Whether token ``k`` (relative) touches its neighbours on both sides."""
        j = self.i + k
        if j <= 0 or j + 1 >= len(self.tokens):
            return False
        tok = self.tokens[j]
        return self.tokens[j - 1].end == tok.start and self.tokens[j + 1].start == tok.end

    def is_minus(self, tok: Token | None) -> bool:
        return tok is not None and (tok.text == "−" or (tok.kind == DASH and tok.text in _HYPHENS))

    def starts_number(self, k: int) -> bool:
        """Whether a (possibly currency-prefixed) number starts at relative ``k``."""
        tok = self.peek(k)
        if tok is None:
            return False
        if tok.kind == NUMBER:
            return True
        if self.is_currency(k):
            nxt = self.peek(k + 1)
            return nxt is not None and nxt.kind == NUMBER
        return False

    def is_currency(self, k: int) -> bool:
        tok = self.peek(k)
        if tok is None:
            return False
        if tok.kind == CURRENCY:
            return True
        nxt = self.peek(k + 1)
        return (
            tok.kind == WORD
            and len(tok.text) == 3
            and tok.text.isupper()
            and tok.text.isascii()
            and nxt is not None
            and nxt.kind == NUMBER
        )

    # -- grammar -----------------------------------------------------------------

    def parse(self) -> Node:
        if not self.tokens:
            raise self.error("empty expression", 0)
        node = self.expr()
        tok = self.peek()
        if tok is not None:
            raise self.unexpected_after_figure(tok)
        return node

    def unexpected_after_figure(self, tok: Token) -> ParseError:
        if tok.kind == RPAREN:
            return self.error("unmatched ')'")
        if tok.kind == CURRENCY and self.i > 0 and self.tokens[self.i - 1].kind == NUMBER:
            return self.error(f"the currency sign {tok.text!r} must come before the number")
        if tok.kind in (NUMBER, CURRENCY) or tok.kind == SCALE:
            if tok.kind == SCALE:
                return self.error(f"scale {tok.text!r} must follow a number directly")
            return self.error("expected an operator between two figures")
        if tok.kind == DASH:
            return self.error(
                f"a range dash {tok.text!r} must join two plain figures; "
                "put spaces around '-' to subtract"
            )
        if tok.kind == PERCENT:
            return self.error("'%' must follow a number directly")
        if tok.kind == PLUSMINUS:
            return self.error(f"{tok.text!r} must follow a single figure")
        if tok.kind == OTHER:
            return self.error(f"unexpected character {tok.text!r}")
        if tok.kind == WORD and tok.text.lower() in _NOT_FINITE:
            return self.error(f"not a finite number: {tok.text!r}")
        return self.error(f"expected an operator, found {tok.text!r}")

    def additive_op(self) -> tuple[Literal["+", "-"], Span] | None:
        tok = self.peek()
        if tok is None:
            return None
        if tok.kind == OP and tok.text in ("+", "−"):
            op: Literal["+", "-"] = "+" if tok.text == "+" else "-"
        elif tok.kind == DASH and tok.text in _HYPHENS:
            if self.touching(0):
                raise self.error(
                    f"a hyphen touching both sides is a range dash, and {self.prev_text()!r} "
                    "cannot start a range; put spaces around '-' to subtract"
                )
            op = "-"
        elif tok.kind == WORD and tok.text.lower() in _ADD_WORDS:
            op = "+" if _ADD_WORDS[tok.text.lower()] == "+" else "-"
        else:
            return None
        self.i += 1
        return op, (tok.start, tok.end)

    def expr(self) -> Node:
        terms: list[Node] = [self.term()]
        ops: list[tuple[Literal["+", "-"], Span]] = []
        while (found := self.additive_op()) is not None:
            if self.peek() is None:
                raise self.error(f"expected a number after {self.prev_text()!r}")
            ops.append(found)
            terms.append(self.term())
        if len(terms) == 1:
            return terms[0]
        terms = _share_unit(terms)
        node = terms[0]
        for (op, op_span), right in zip(ops, terms[1:], strict=True):
            node = BinaryNode(op, node, right, (_span(node)[0], _span(right)[1]), op_span)
        return node

    def mul_op(self, left: Node) -> tuple[_MulOp, Span] | None:
        tok = self.peek()
        if tok is None:
            return None
        start = tok.start
        op: _MulOp
        if tok.kind == OP and tok.text in _MUL_SYMBOLS:
            op = _MUL_SYMBOLS[tok.text]
        elif tok.kind == WORD:
            w = tok.text.lower()
            if w in ("divided", "multiplied"):
                if self.word(1) != "by":
                    return None
                op = _MUL_WORDS[w]
                self.i += 1
                tok = self.tokens[self.i]
            elif w in _MUL_WORDS:
                op = _MUL_WORDS[w]
            elif w == "of" and isinstance(left, QuantityNode) and left.unit == "percent":
                op = "*"
            else:
                return None
        else:
            return None
        self.i += 1
        return op, (start, tok.end)

    def term(self) -> Node:
        node = self.unary()
        while (found := self.mul_op(node)) is not None:
            op, op_span = found
            if self.peek() is None:
                raise self.error(f"expected a number after {self.prev_text()!r}")
            dividing = _MUL_SYMBOLS["/"] == op
            right = self.lone_unit() if dividing and self.at_unit() else self.unary()
            node = BinaryNode(op, node, right, (_span(node)[0], _span(right)[1]), op_span)
        return node

    def unary(self) -> Node:
        tok = self.peek()
        if self.is_minus(tok):
            assert tok is not None
            if self.starts_number(1):
                q = self.quantity()
                if q.kind == Stated.EXACTLY and self.at_power():
                    # -2^2 is -(2^2): the sign binds looser than the power
                    base = replace(
                        q, low=-q.low, high=-q.high, point=-q.low, span=(q.span[0] + 1, q.span[1])
                    )
                    return NegNode(self.power_rest(base), (tok.start, self.last_end()))
                return self.power_rest(q)
            self.i += 1
            if self.peek() is None:
                raise self.error(f"expected a number after {tok.text!r}")
            operand = self.unary()
            return NegNode(operand, (tok.start, _span(operand)[1]))
        return self.power_rest(self.primary())

    def last_end(self) -> int:
        return self.tokens[self.i - 1].end

    def at_power(self) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind == OP and tok.text in ("^", "**")

    def power_rest(self, base: Node) -> Node:
        if not self.at_power():
            return base
        op_tok = self.tokens[self.i]
        self.i += 1
        exponent = self.exponent(op_tok)
        if self.at_power():
            raise self.error("write repeated powers with parentheses, e.g. (2^3)^2")
        return BinaryNode(
            "**", base, exponent, (_span(base)[0], exponent.span[1]), (op_tok.start, op_tok.end)
        )

    def exponent(self, op_tok: Token) -> QuantityNode:
        start = self.i
        first = self.peek()
        paren = first is not None and first.kind == LPAREN
        if paren:
            self.i += 1
        sign = 1.0
        if self.is_minus(self.peek()):
            sign = -1.0
            self.i += 1
        tok = self.peek()
        after = self.peek(1)
        if tok is None or tok.kind != NUMBER or (after is not None and after.kind == SCALE):
            self.i = start
            raise self.error(f"the exponent after {op_tok.text!r} must be a plain number")
        self.i += 1
        if paren:
            close = self.peek()
            if close is None or close.kind != RPAREN:
                raise self.error(f"the exponent after {op_tok.text!r} must be a plain number")
            self.i += 1
        value = sign * (tok.value or 0.0)
        span = (self.tokens[start].start, self.last_end())
        return QuantityNode(Stated.EXACTLY, value, value, value, None, None, span)

    def primary(self) -> Node:
        tok = self.peek()
        if tok is None:
            prev = self.prev_text()
            raise self.error(f"expected a number after {prev!r}" if prev else "empty expression")
        if tok.kind == LPAREN:
            if self.depth >= MAX_NESTING:
                raise self.error(f"parentheses nested more than {MAX_NESTING} deep", tok.start)
            self.depth += 1
            self.i += 1
            nxt = self.peek()
            if nxt is None:
                raise self.error("'(' is never closed", tok.start)
            if nxt.kind == RPAREN:
                raise self.error("empty parentheses")
            inner = self.expr()
            self.depth -= 1
            close = self.peek()
            if close is None:
                raise self.error("'(' is never closed", tok.start)
            if close.kind != RPAREN:
                raise self.unexpected_after_figure(close)
            self.i += 1
            span = (tok.start, close.end)
            if self.at_unit():
                one = self.lone_unit()
                return BinaryNode("*", inner, one, (span[0], one.span[1]), one.span)
            return _with_span(inner, span)
        return self.quantity()

    # -- figures -----------------------------------------------------------------

    def at_unit(self) -> bool:
        w = self.word()
        return w is not None and w not in _KEYWORDS and w not in _NOT_FINITE

    def lone_unit(self) -> QuantityNode:
        """A unit with no number after ``/``, ``per`` or ``)``: one of that unit."""
        unit, span = self.unit()
        return QuantityNode(Stated.EXACTLY, 1.0, 1.0, 1.0, unit, None, span, (), span)

    def unit(self) -> tuple[str, Span]:
        first = self.tokens[self.i]
        words = [first.text]
        self.i += 1
        while self.at_unit():
            words.append(self.tokens[self.i].text)
            self.i += 1
        unit = " ".join(words)
        tok = self.peek()
        if (
            tok is not None
            and tok.kind == OP
            and tok.text in ("^", "**")
            and tok.start == self.last_end()
        ):
            exp = self.peek(1)
            if exp is not None and exp.kind == NUMBER and exp.value is not None:
                unit = f"{unit}^{exp.text}"
                self.i += 2
        return unit, (first.start, self.last_end())

    def hedge(self) -> tuple[Stated, str, int] | None:
        tok = self.peek()
        if tok is None:
            return None
        if tok.kind == HEDGE:
            self.i += 1
            return _HEDGE_SYMBOLS[tok.text], tok.text, tok.start
        w = self.word()
        if w not in _HEDGE_FIRST:
            return None
        for words, kind in _HEDGES:
            if all(self.word(k) == word for k, word in enumerate(words)):
                self.i += len(words)
                nxt = self.peek()
                if (
                    words[0] in _ABBREVIATIONS
                    and nxt is not None
                    and nxt.text == "."
                    and nxt.start == self.last_end()
                ):
                    self.i += 1
                elif words[0] in ("c", "ca"):
                    self.i -= len(words)
                    return None
                return kind, self.text[tok.start : self.last_end()], tok.start
        return None

    def quantity(self) -> QuantityNode:
        start_tok = self.peek()
        assert start_tok is not None
        hedge = self.hedge()
        qualifier: str | None = None
        kind = Stated.EXACTLY
        if hedge is not None:
            kind, qualifier, _ = hedge
        tok = self.peek()
        if tok is not None and tok.kind == WORD and tok.text.lower() in ("between", "from"):
            return self.worded_range(tok, start_tok.start, qualifier)
        found = vague_phrase_at(self.any_word, self.vague, self.i)
        if found is not None:
            return self.vague_quantity(found, start_tok, hedge)
        if hedge is not None and not self.starts_number(0) and not self.starts_signed():
            raise self.error(f"expected a number after {qualifier!r}")
        if tok is None:
            raise self.error(f"expected a number after {self.prev_text()!r}")
        if not self.starts_number(0) and not self.starts_signed():
            raise self.no_number(tok)
        low = self.end_value("", signed=True)
        connector = self.peek()
        if connector is not None and self.at_range_connector():
            self.i += 1
            high = self.end_value(f"after {connector.text!r}", signed=True, high=True)
            return self.make_range(low, high, start_tok.start, qualifier)
        if connector is not None and connector.kind == PLUSMINUS:
            self.i += 1
            return self.make_plus_minus(low, connector, start_tok.start, qualifier)
        spaced = self.spaced_hyphen_range(low, start_tok, qualifier)
        if spaced is not None:
            return spaced
        if low.percent and low.unit is not None:
            raise self.error(
                f"a percentage cannot also have a unit {low.unit!r}",
                low.unit_span[0] if low.unit_span else None,
            )
        return QuantityNode(
            kind,
            low.value,
            low.value,
            low.value,
            _unit_of(low),
            qualifier,
            (start_tok.start, low.end),
            (),
            low.unit_span,
        )

    def vague_quantity(
        self, found: VaguePhrase, start: Token, hedge: tuple[Stated, str, int] | None
    ) -> QuantityNode:
        """A vague quantity ("thousands of workers", "a few thousand") and its unit."""
        assumptions: tuple[str, ...] = ()
        qualifier: str | None = None
        if hedge is not None:
            kind, qualifier, at = hedge
            if kind != Stated.ABOUT:
                raise self.error(
                    f"{qualifier!r} before the vague quantity {found.phrase!r} is not "
                    f"read: the table reads {found.phrase!r} as a range, not a number to "
                    f"bound; drop {qualifier!r}, or write a number ('{qualifier} 2,000')",
                    at,
                )
            assumptions = (f"{qualifier!r} before the vague quantity {found.phrase!r} "
                           "adds nothing to the table's reading",)
        self.i = found.end
        unit: str | None = None
        unit_span: Span | None = None
        if self.at_unit():
            unit, unit_span = self.unit()
        if self.at_range_connector():
            raise self.error(
                f"the vague quantity {found.phrase!r} cannot be an end of a range; write "
                "the range with numbers ('2,000–10,000')"
            )
        return QuantityNode(Stated.VAGUE, math.nan, math.nan, None, unit, qualifier,
                            (start.start, self.last_end()), assumptions, unit_span,
                            phrase=found.phrase)

    def worded_range(self, tok: Token, start: int, qualifier: str | None) -> QuantityNode:
        """``between`` end ``and`` end, ``from`` end ``to`` end (``tok`` is the first
        word)."""
        self.i += 1
        low = self.end_value(f"after {tok.text!r}", signed=True)
        joint = self.peek()
        if tok.text.lower() == "between":
            if joint is None or joint.kind != WORD or joint.text.lower() != "and":
                raise self.error(f"expected 'and' after the first figure of {tok.text!r}")
        elif joint is None or not self.at_range_connector():
            raise self.error(f"expected 'to' after the first figure of {tok.text!r}")
        self.i += 1
        high = self.end_value(f"after {joint.text!r}", signed=True, high=True)
        return self.make_range(low, high, start, qualifier)

    def spaced_hyphen_range(
        self, low: _End, start: Token, qualifier: str | None
    ) -> QuantityNode | None:
        """A hyphen with a space on a side, between a smaller and a larger plain
        positive number ("10,000 - 12,000 troops"), is a range or a subtraction (which
        would be negative). When the figure is the whole expression it is read as the
        range, an assumption noted; inside a longer one it is refused, with both ways
        of writing it. None (nothing read) for any other hyphen."""
        dash = self.peek()
        if dash is None or dash.kind != DASH or dash.text not in _HYPHENS:
            return None
        if low.value <= 0 or (low.unit is not None and low.currency is None):
            return None  # "-5 - 3", "10 km - 12 km": the left is not a plain number
        at = self.i
        self.i += 1
        high = self.plain_number_after_hyphen()
        if high is None or not high.value > low.value:
            self.i = at  # "12,000 - 10,000" subtracts
            return None
        lows, highs = _figure_text(self.text, low), _figure_text(self.text, high)
        difference = _fmt(low.value - high.value).replace("-", "−", 1)
        ambiguous = (
            f"a spaced hyphen between {lows} and {highs} is ambiguous: a range "
            f"({lows}–{highs}) or a subtraction ({difference})? write "
            f"{lows}–{highs} or {lows} to {highs} for a range, {lows} − {highs} or "
            f"{lows} minus {highs} to subtract"
        )
        whole = self.depth == 0 and start is self.tokens[0] and self.peek() is None
        if not whole:
            raise self.error(ambiguous, dash.start)
        try:
            node = self.make_range(low, high, start.start, qualifier)
        except ParseError as err:
            raise self.error(ambiguous, dash.start) from err
        note = (
            f"'{self.text[low.start : high.end]}' read as the range {lows}–{highs} (a "
            f"spaced hyphen from a smaller to a larger number), not as a subtraction; "
            f"write {lows} − {highs} or {lows} minus {highs} to subtract"
        )
        return replace(node, assumptions=(*node.assumptions, note))

    def plain_number_after_hyphen(self) -> _End | None:
        """The unsigned figure after a spaced hyphen, or None (nothing read) when
        there is none or it cannot be read (the subtraction reports why)."""
        if not self.starts_number(0):
            return None
        at = self.i
        try:
            return self.end_value("", signed=False)
        except ParseError:
            self.i = at
            return None

    def starts_signed(self) -> bool:
        return self.is_minus(self.peek()) and self.starts_number(1)

    def no_number(self, tok: Token) -> ParseError:
        w = tok.text.lower()
        if tok.kind == WORD:
            if w in _NOT_FINITE:
                return self.error(f"not a finite number: {tok.text!r}")
            if w in self.vague:
                rows = self.vague[w]
                multiplier = any(label == "multiplier" for _, label in rows)
                return self.error(
                    f"{tok.text!r} starts a vague quantity only as in "
                    f"{_vague_examples(rows)}"
                    + (" (a multiplier such as 'a few' or 'several' needs hundred, "
                       "thousand, million or billion after it)" if multiplier else "")
                )
            if w not in _KEYWORDS:
                return self.error(
                    f"unit {tok.text!r} has no number before it, and it is not a vague "
                    f"quantity the reading's table knows ({_table_examples(self.vague)})"
                )
            if self.i == 0:
                return self.error(f"expected a number before {tok.text!r}")
        if tok.kind == SCALE:
            return self.error(f"scale {tok.text!r} has no number before it")
        if tok.kind == PERCENT:
            return self.error("'%' has no number before it")
        if tok.kind == OTHER:
            return self.error(f"unexpected character {tok.text!r}")
        if tok.kind == RPAREN and self.i > 0 and self.tokens[self.i - 1].kind == LPAREN:
            return self.error("empty parentheses")
        if tok.kind == CURRENCY:
            return self.error(f"expected a number after {tok.text!r}", tok.end)
        prev = self.prev_text()
        if prev:
            return self.error(f"expected a number after {prev!r}")
        return self.error(f"expected a number before {tok.text!r}")

    def at_range_connector(self) -> bool:
        tok = self.peek()
        if tok is None:
            return False
        if tok.kind == DASH:
            return tok.text in _RANGE_DASHES or self.touching(0)
        return tok.kind == WORD and tok.text.lower() == "to"

    def end_value(
        self, where: str, *, signed: bool, high: bool = False, what: str = "a number"
    ) -> _End:
        """``[-] [currency] NUMBER {SCALE} [%] [unit]``."""
        if high:
            what = "the high end of the range"
        first = self.peek()
        if first is None:
            raise self.error(f"expected {what} {where}".strip())
        sign, currency = self.sign_and_currency(signed)
        tok = self.peek()
        if tok is None or tok.kind != NUMBER:
            if tok is None:
                raise self.error(f"expected {what} {where}".strip())
            if where:
                raise self.error(f"expected {what} {where}")
            raise self.no_number(tok)
        self.i += 1
        value, scale, scale_text, percent = self.scaled_number(tok)
        if not math.isfinite(value):
            raise self.error("number too large", first.start)
        number_text = self.text[tok.start : self.last_end()]
        self.check_glued_word(number_text)
        unit: str | None = None
        unit_span: Span | None = None
        if self.at_unit():
            unit, unit_span = self.end_unit(number_text, currency)
        elif currency is not None:
            unit, unit_span = currency, (first.start, tok.start)
        self.check_scale_after_unit(number_text, unit, currency)
        return _End(sign * value, tok, scale, scale_text, percent, currency, unit, unit_span,
                    first.start, self.last_end(), number_text)

    def sign_and_currency(self, signed: bool) -> tuple[float, str | None]:
        """``[-] [currency] [-]`` before a number: its sign and currency code."""
        sign = 1.0
        if signed and self.is_minus(self.peek()) and self.starts_number(1):
            sign = -1.0
            self.i += 1
        currency: str | None = None
        if self.is_currency(0):
            cur = self.tokens[self.i]
            currency = _CURRENCIES.get(cur.text, cur.text)
            self.i += 1
            if self.is_minus(self.peek()) and sign == 1.0 and signed:
                sign = -1.0
                self.i += 1
        return sign, currency

    def scaled_number(self, tok: Token) -> tuple[float, float | None, str, bool]:
        """The value of the number ``tok`` (just read) with the scale words and the
        percent sign after it: ``(value, scale, scale words, percent)``."""
        value = tok.value if tok.value is not None else math.nan
        scale: float | None = None
        scale_text = ""
        while (s := self.peek()) is not None and s.kind == SCALE:
            scale = (scale or 1.0) * (s.value or 1.0)
            scale_text = f"{scale_text} {s.text}".strip()
            self.i += 1
        percent = False
        p = self.peek()
        if p is not None and p.kind == PERCENT:
            percent = True
            self.i += 1
        if scale is not None:
            value *= scale
        return value, scale, scale_text, percent

    def check_glued_word(self, number_text: str) -> None:
        """A word glued to the number must be a unit symbol written that way ("5km");
        "12kk", "3kms", "5bnn" are refused with a suggestion."""
        tok = self.peek()
        if tok is None or tok.kind != WORD or tok.start != self.last_end():
            return
        if tok.text.lower() in _KEYWORDS:
            return  # "2x3"
        problem = glued_word_problem(tok.text, number_text)
        if problem is not None:
            raise self.error(problem)

    def end_unit(self, number_text: str, currency: str | None) -> tuple[str, Span]:
        """The unit after a number; a scale word hidden in it ("5 thousands troops",
        "5 milion troops", "5 USD millions") is refused with what was meant."""
        at = self.i
        unit, unit_span = self.unit()
        for k in range(at, self.i):
            word = self.tokens[k]
            if word.text.lower() in _COUNT_WORDS:
                raise self.error(
                    f"{word.text!r} after a number is not read (a unit would drop it, a "
                    f"scale is not what it says after {number_text!r}): write the number "
                    "in full, e.g. '500' for '5 hundred', '24' for '2 dozen'", word.start)
            meant = scale_word_meant(word.text) if word.kind == WORD else None
            if meant is None:
                continue
            rest = " ".join(t.text for t in self.tokens[at : self.i] if t is not word)
            if k == at and rest:
                raise self.error(f"{word.text!r} is not a scale word: did you mean "
                                 f"'{number_text} {meant} {rest}'?", word.start)
            if k == at:
                raise self.error(f"{word.text!r} is not a scale word: did you mean "
                                 f"'{number_text} {meant}'?", word.start)
            raise self.error(misplaced_scale_message(meant, number_text, rest,
                                                     _is_currency_code(rest)), word.start)
        if currency is not None:
            raise self.error(
                f"{currency} already gives the unit; {unit!r} is a second one", unit_span[0]
            )
        return unit, unit_span

    def check_scale_after_unit(self, number_text: str, unit: str | None,
                               currency: str | None) -> None:
        """A scale word after the unit ("5 USD million", "5 troops thousand") is
        refused with the ways to write it."""
        tok = self.peek()
        if tok is None or tok.kind != SCALE or unit is None:
            return
        if currency is not None:  # "USD 5 million" is read; "$5 USD million" is not
            return
        raise self.error(misplaced_scale_message(tok.text, number_text, unit,
                                                 _is_currency_code(unit)))

    def make_range(self, low: _End, high: _End, start: int, qualifier: str | None) -> QuantityNode:
        assumptions: list[str] = []
        if low.unit is not None and high.unit is not None and low.unit != high.unit:
            raise self.error(
                f"the ends of the range have different units ({low.unit!r} and {high.unit!r})",
                high.unit_span[0] if high.unit_span else high.start,
            )
        if low.percent != high.percent and low.unit is None and high.unit is None:
            low.percent = high.percent = True
        elif low.percent != high.percent:
            raise self.error("only one end of the range is a percentage", low.start)
        lo, hi = low.value, high.value
        if low.scale is None and high.scale is not None:
            raw_high = hi / high.scale
            if lo <= raw_high:
                lo *= high.scale
                assumptions.append(
                    f"the scale {high.scale_text!r} of the high end also applies to the low end"
                )
        elif (
            low.scale is None
            and high.scale is None
            and low.currency == high.currency
            and shares_thousands(low.number.text, lo, high.number.text, hi)
        ):
            assumptions.append(
                f"{low.number.text!r} read as {lo * 1000:,.0f}: it shares the thousands of "
                f"{high.number.text!r}"
            )
            lo *= 1000
        if lo > hi:
            raise self.error(
                f"the low end of the range ({_fmt(lo)}) is greater than the high end ({_fmt(hi)})",
                low.start,
            )
        unit = _unit_of(high) or _unit_of(low)
        if (low.percent or high.percent) and (low.unit or high.unit):
            bad = high if high.unit is not None else low
            raise self.error(
                f"a percentage cannot also have a unit {bad.unit!r}",
                bad.unit_span[0] if bad.unit_span else None,
            )
        unit_span = high.unit_span or low.unit_span
        return QuantityNode(
            Stated.RANGE,
            lo,
            hi,
            None,
            unit,
            qualifier,
            (start, high.end),
            tuple(assumptions),
            unit_span,
        )

    def make_plus_minus(
        self, point: _End, sign_tok: Token, start: int, qualifier: str | None
    ) -> QuantityNode:
        if self.is_minus(self.peek()) and self.starts_number(1):
            raise self.error(f"the margin after {sign_tok.text!r} cannot be negative")
        margin = self.end_value(f"after {sign_tok.text!r}", signed=False, what="a margin")
        m = margin.value
        if margin.percent and not point.percent:
            m = abs(point.value) * m / 100.0
        elif point.percent and not margin.percent and margin.unit is not None:
            raise self.error("a percentage's margin cannot have a unit", margin.start)
        if point.unit is not None and margin.unit is not None and point.unit != margin.unit:
            raise self.error(
                f"the margin's unit {margin.unit!r} differs from {point.unit!r}",
                margin.unit_span[0] if margin.unit_span else margin.start,
            )
        unit = _unit_of(point) or margin.unit
        unit_span = point.unit_span or margin.unit_span
        p = point.value
        return QuantityNode(
            Stated.PLUS_MINUS, p - m, p + m, p, unit, qualifier, (start, margin.end), (),
            unit_span,
        )


def _table_examples(vague: PhraseTable[str]) -> str:
    """Some phrases of a vague table, as they are written, for an error message."""
    rows = [row for first in vague.values() for row in first]
    rows.sort(key=lambda row: (row[1] == "multiplier", len(row[0]), row[0]))
    return _vague_examples(rows[:6]) + (", ..." if len(rows) > 6 else "")


def _vague_examples(rows: list[tuple[tuple[str, ...], str]]) -> str:
    """Rows of a vague table as written in text ('a few thousand', 'scores of')."""
    written = []
    for words, label in rows:
        phrase = " ".join(words)
        if label == "multiplier":
            phrase += " thousand"
        elif phrase == "scores":
            phrase += " of"
        written.append(f"'{phrase}'")
    return ", ".join(written)


def _figure_text(text: str, end: _End) -> str:
    """A figure as written, with its currency and scale but not its unit ("$3bn")."""
    return text[end.start : end.number.start] + end.number_text


def _is_currency_code(unit: str) -> bool:
    """Whether a unit as written is a currency code ("USD")."""
    return len(unit) == 3 and unit.isupper() and unit.isascii() and unit.isalpha()


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if x == int(x) and abs(x) < 1e15 else f"{x:g}"


def _unit_of(end: _End) -> str | None:
    if end.percent:
        return "percent"
    return end.unit


def _span(node: Node) -> Span:
    return node.span


def _with_span(node: Node, span: Span) -> Node:
    return replace(node, span=span)


def _share_unit(terms: list[Node]) -> list[Node]:
    """Give the last term's unit to the earlier bare terms of a sum that have none."""
    last = terms[-1]
    if not isinstance(last, QuantityNode) or last.unit in (None, "percent"):
        return terms
    unit = last.unit
    out: list[Node] = []
    for t in terms[:-1]:
        if isinstance(t, QuantityNode) and t.unit is None:
            note = f"unit {unit!r} written once at the end of the sum, applied to this term"
            t = replace(t, unit=unit, assumptions=(*t.assumptions, note))
        out.append(t)
    out.append(last)
    return out


def parse_tree(text: str, *, reading: Reading | None = None) -> Node:
    """Read ``text`` into a syntax tree of :class:`QuantityNode`, :class:`BinaryNode`
    and :class:`NegNode`. ``reading`` supplies the vague-quantity table
    (``ranges.defaults.reading`` when None).

    Raises :class:`~ranges.errors.ParseError` (with the position of the first
    offending character) if the text is not a well-formed expression.

    >>> tree = parse_tree("about 5,000 troops + 2 × 300")
    >>> tree.op, tree.left.kind, tree.left.point, tree.left.unit
    ('+', <Stated.ABOUT: 'about'>, 5000.0, 'troops')
    >>> from ranges.text._syntax import to_tuple
    >>> to_tuple(parse_tree("$3–4bn"))
    ('range', 3000000000.0, 4000000000.0, 'USD')
    >>> to_tuple(parse_tree("several hundred + thousands of workers"))
    ('+', ('vague', 'several hundred', 'workers'), ('vague', 'thousands', 'workers'))
    """
    if not isinstance(text, str):
        raise InputError(f"parse_tree expects text (a str), not {type(text).__name__}")
    if reading is None:
        from ranges._config import defaults

        reading = defaults.reading
    parser = _Parser(text, vague_phrases(reading))
    try:
        return parser.parse()
    except RecursionError:
        raise parser.error("expression nested too deeply") from None
