"""Numbers that are not estimates: the negative controls of the prose reader.

Years and decades are dates; ISO and slash dates, times ("9:30"), phone numbers and
ratios are blocked out of a window before the grammar reads it (:data:`BLOCK`);
ordinals ("3rd"), model names ("5G"), times ("9 pm") and numbers after page, version
or phone words give no figure; "won 3-1" is a score; "rose from 30,000 to 100,000" is
a change over time (two values, not a range). The words are in the ``[not_figures]``
and ``[change]`` sections of ``data/text_words.toml``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from ranges.text import _dates as dates
from ranges.text._tokens import DASH, WORD
from ranges.text._windows import End, TokenWindow
from ranges.text._words import (
    CHANGE_CONTEXT,
    CHANGE_VERBS,
    CURRENCY_WORDS,
    ORDINALS,
    PAGE_WORDS,
    PHONE_WORDS,
    SCORE_WORDS,
    STOP,
    TIME_AFTER,
    UNIT_WORDS,
    VERSION_WORDS,
    YEAR_WORDS,
)

__all__ = ["BLOCK", "NotFigures"]

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


class NotFigures(TokenWindow):
    """A token window that knows which of its numbers are not estimates."""

    def block_patterns(self) -> None:
        if _BLOCK_HINT.search(self.window) is None:
            return
        for m in BLOCK.finditer(self.window):
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

    def not_an_estimate(self, e: End) -> bool:
        """Times, ordinals, model numbers and numbers after page/version/phone words."""
        toks, n = self.toks, self.n
        j = e.stop
        if e.scale == 1.0 and not e.percent and j < n:
            t = toks[j]
            if t.kind == WORD and self.touching(j - 1, j):
                w = self.low[j]
                if w in ORDINALS or (w not in UNIT_WORDS and w not in CURRENCY_WORDS):
                    return True  # 3rd, 5G, 4x4
            if self.low[j] in TIME_AFTER:
                return True
            if self.low[j] in ("a", "p") and j + 2 < n and self.low[j + 1] == "." \
                    and self.low[j + 2] == "m":
                return True  # 9 a.m.
        prev = self.prev_word(e.first)
        if prev in PAGE_WORDS or prev in VERSION_WORDS or prev in PHONE_WORDS:
            return True
        return prev == "." and self.prev_word(e.first - 1) in PAGE_WORDS

    def year_like(self, e: End) -> bool:
        t = self.toks[e.num]
        return (len(t.text) == 4 and t.text.isdigit() and 1000 <= e.raw <= 2199
                and e.scale == 1.0 and not e.percent and e.currency is None and not e.plus)

    def in_year_context(self, e: End) -> bool:
        prev = self.prev_word(e.first)
        if prev in YEAR_WORDS or (prev is not None and prev in dates.MONTHS):
            return True
        if prev == "," and self.prev_word(e.first - 1) is not None \
                and (self.prev_word(e.first - 1) or "") in dates.MONTHS:
            return True
        nxt = self.word(e.stop)
        return nxt is None or nxt in STOP

    def near_words(self, i: int, stop: int, words: frozenset[str]) -> bool:
        low = self.low
        return not (words.isdisjoint(low[max(0, i - 3) : i])
                    and words.isdisjoint(low[stop : stop + 2]))

    def is_score(self, i: int, e1: End, e2: End) -> bool:
        """'won 3-1': two small whole numbers joined by a dash near a score word."""
        toks = self.toks
        small = (e1.scale == 1.0 and e2.scale == 1.0 and e1.raw.is_integer()
                 and e2.raw.is_integer() and e1.raw < 100 and e2.raw < 100
                 and toks[e1.num].text.isdigit() and toks[e2.num].text.isdigit())
        dash = toks[e1.stop].kind == DASH
        return small and dash and self.near_words(i, e2.stop, SCORE_WORDS)

    def is_change(self, k: int, e1: End, start_from: bool, dash: bool) -> bool:
        """'rose from 30,000 to 100,000', 'grew 5 to 7': a change over time, not a range
        (``k`` is the index of 'from' or of the first end)."""
        verb = self.prev_word(k if start_from else e1.first)
        before = set(self.low[max(0, k - 3) : k])
        return (start_from and bool(before & CHANGE_CONTEXT)) or (
            not start_from and verb in CHANGE_VERBS and not dash)
