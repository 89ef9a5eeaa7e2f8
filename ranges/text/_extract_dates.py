"""The date part of the prose grammar: month names, "Nov. 2", "2 November 2024",
"July or August", "July 1-3", "last fall", "earlier this year", years in context,
decades and spans of years ("2019-2021", "2019-21").

Calendar arithmetic (month and season windows, relative phrases) is in
:mod:`ranges.text._dates`; this module reads the tokens of a
:class:`~ranges.text._windows.TokenWindow`: :func:`date_at` the dates written with
words, :func:`year_at` the years (called by the quantity grammar when a number looks
like one).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from ranges._kinds import FigureKind
from ranges.text import _dates as dates
from ranges.text._filters import in_year_context, year_like
from ranges.text._tokens import DASH, NUMBER, WORD
from ranges.text._windows import End, TokenWindow
from ranges.text._words import DATE_HEDGES, DATE_JOIN, ORDINALS, RELATIVE, SEASON_WHICH, YEAR_WORDS

__all__ = ["date_at", "year_at"]


_DATE: Final = FigureKind.DATE  # a module constant: read for every date


def date_at(w: TokenWindow, i: int) -> int | None:
    """Read a date starting at token ``i``: a relative phrase ("earlier this year"),
    a season ("last fall") or a month date; the index after it, or None."""
    first = w.low[i]  # called at every place a figure may start: reject cheaply
    if first in RELATIVE:
        found = _relative_at(w, i)
        if found is not None:
            return found
    if first in SEASON_WHICH:
        found = _season_at(w, i)
        if found is not None:
            return found
    got = _month_at(w, i)
    return None if got is None else _month_date(w, i, got)


def year_at(w: TokenWindow, i: int, e1: End, joined: bool) -> int | None:
    """A year, a decade or a span of years starting at e1, if the context says so."""
    toks, low = w.toks, w.low
    y1 = int(e1.raw)
    stop = e1.stop
    if stop < w.n and low[stop] == "s" and w.touching(stop - 1, stop):
        first, last = dates.year_window(y1 - y1 % 10, y1 - y1 % 10 + 9)
        return _date_figure(w, e1.first, stop + 1, first, last)
    if stop + 1 < w.n and (toks[stop].kind == DASH or low[stop] in ("to", "and", "through")):
        e2 = w.end_at(stop + 1)
        if e2 is not None and year_like(w, e2) and y1 < e2.raw:
            first, last = dates.year_window(y1, int(e2.raw))
            return _date_figure(w, e1.first if not joined else e1.first - 1, e2.stop,
                                first, last)
        nxt = toks[stop + 1]
        if e2 is not None and toks[stop].kind == DASH and len(nxt.text) == 2 \
                and nxt.text.isdigit() and int(nxt.text) > y1 % 100:
            first, last = dates.year_window(y1, y1 - y1 % 100 + int(nxt.text))
            return _date_figure(w, e1.first, stop + 2, first, last)
    if not in_year_context(w, e1):
        return None
    first, last = dates.year_window(y1)
    return _date_figure(w, e1.first, stop, first, last)


# -- the parts of date_at ------------------------------------------------------------
def _relative_at(w: TokenWindow, i: int) -> int | None:
    """"earlier this year", "next month": resolved against the reference date."""
    rel = w.match(RELATIVE, i)
    if rel is None:
        return None
    phrase = " ".join(w.low[i : rel[1]])
    if w.ref is None:
        return _date_figure(w, i, rel[1], None, None, (
            f"relative date {phrase!r}: pass reference_date= to resolve it",))
    low, high = dates.relative_window(phrase, w.ref)
    return _date_figure(w, i, rel[1], low, high)


def _season_at(w: TokenWindow, i: int) -> int | None:
    """"last fall", "this summer": resolved against the reference date."""
    which = SEASON_WHICH.get(w.low[i])
    if which is None or w.word(i + 1) not in dates.SEASONS:
        return None
    season = w.low[i + 1]
    if w.ref is None:
        return _date_figure(w, i, i + 2, None, None, (
            f"relative date '{w.low[i]} {season}': pass reference_date= to resolve it",))
    low, high = dates.season_window(season, which, w.ref)
    return _date_figure(w, i, i + 2, low, high)


def _month_date(w: TokenWindow, i: int, got: tuple[int, int | None, int]) -> int:
    """"July", "Nov. 2, 2024", "July or August", "July 1-3": a month, a day or a span
    of them (``got``: the month, day and index after the first one), in the year given
    or the reference date's year."""
    month, day, j = got
    year, j = _year_after(w, j)
    month2, day2, year2, j = _second_month(w, j, month, day)
    year = year or year2
    notes: tuple[str, ...] = ()
    if year is None:
        if w.ref is None:
            return _date_figure(w, i, j, None, None, (
                "no year given: pass reference_date= to resolve it",))
        year = w.ref.year
        notes = (f"no year given: {year} (the reference date's year) assumed",)
    try:
        low, high = _month_window(year, month, day, month2, day2)
    except ValueError:
        return _date_figure(w, i, j, None, None, ("not a calendar date: unresolved",))
    return _date_figure(w, i, j, low, high, notes)


def _second_month(w: TokenWindow, j: int, month: int, day: int | None
                  ) -> tuple[int | None, int | None, int | None, int]:
    """After a month date ending before ``j``: the (month, day, year, index after) of
    a second one joined to it ("July or August", "July 1-3"), or Nones and ``j``."""
    if not (j + 1 < w.n and w.low[j] in DATE_JOIN):
        return None, None, None, j
    got2 = _month_at(w, j + 1)
    if got2 is not None:
        month2, day2, j2 = got2
        year2, j = _year_after(w, j2)
        return month2, day2, year2, j
    nxt = w.toks[j + 1]
    if day is not None and nxt.kind == NUMBER and nxt.text.isdigit() and len(nxt.text) <= 2 \
            and day < int(nxt.text) <= 31:
        year2, j = _year_after(w, j + 2)
        return month, int(nxt.text), year2, j  # July 1-3
    return None, None, None, j


def _month_window(year: int, month: int, day: int | None, month2: int | None,
                  day2: int | None) -> tuple[str, str]:
    """The ISO first and last days of a month date; ValueError for a day the
    calendar does not have."""
    if day is not None and (month2 is None or day2 is not None):
        low = dt.date(year, month, day).isoformat()
        m2, d2 = (month2, day2) if month2 is not None and day2 is not None else (month, day)
        y2 = year + 1 if m2 < month else year
        return low, dt.date(y2, m2, d2).isoformat()
    return dates.month_window(month, year, month2)


# -- helpers ---------------------------------------------------------------------------
def _date_qualifier(w: TokenWindow, i: int) -> tuple[str | None, str | None, int]:
    """(qualifier text, its label, first index) of a date hedge ending before i."""
    found = w.match_ending(DATE_HEDGES, i)
    if found is None:
        return None, None, i
    label, start = found
    text = w.span_text(start, i)[1]
    if label == "window" and text.lower() in ("in", "during", "around"):
        return None, None, start
    return text, label, start


def _date_figure(w: TokenWindow, i: int, j: int, low: str | None, high: str | None,
                 notes: tuple[str, ...] = ()) -> int:
    """Emit the date of tokens ``i`` to ``j - 1`` with the date hedge before it
    ("since", "by", "as early as"); the index after it."""
    qualifier, label, start = _date_qualifier(w, i)
    if label == "until" and low is not None:
        low = None
    elif label == "since" and high is not None:
        high = None
    if start < i and w.out and w.out[-1].span[1] > w.base + w.toks[start].start:
        start = i
    point = low if low is not None and low == high else None
    w.emit(start, j, _DATE, low, high, point, qualifier=qualifier,
           assumptions=notes)
    return j


def _month_at(w: TokenWindow, i: int) -> tuple[int, int | None, int] | None:
    """(month, day, index after) of 'Nov. 2', 'July', '2 November'."""
    toks, low, n = w.toks, w.low, w.n
    t = toks[i]
    if t.kind == NUMBER and t.text.isdigit() and len(t.text) <= 2 and i + 1 < n:
        first_day = int(t.text)
        got = _month_at(w, i + 1)
        if got is not None and got[1] is None and 1 <= first_day <= 31:
            return got[0], first_day, got[2]
        return None
    if t.kind != WORD or not t.text[0].isupper():
        return None
    month = dates.MONTHS.get(low[i])
    if month is None:
        return None
    j = i + 1
    if j < n and toks[j].text == "." and len(t.text) <= 4:
        j += 1
    day: int | None = None
    if j < n and toks[j].kind == NUMBER and toks[j].text.isdigit() \
            and len(toks[j].text) <= 2 and 1 <= int(toks[j].text) <= 31:
        day = int(toks[j].text)
        j += 1
        if j < n and low[j] in ORDINALS and w.touching(j - 1, j):
            j += 1
    if low[i] in ("may", "march") and day is None:
        prev = w.prev_word(i)
        nxt = toks[j] if j < n else None
        if prev not in YEAR_WORDS and prev not in ("or", "and", "last", "next", "this") \
                and not (nxt is not None and nxt.kind == NUMBER):
            return None  # "may" and "march" are words first
    return month, day, j


def _year_after(w: TokenWindow, j: int) -> tuple[int | None, int]:
    """(year, index after) of a four-digit year at ``j`` (after an optional comma)."""
    toks = w.toks
    k = j + 1 if j < w.n and toks[j].text == "," else j
    if k < w.n and toks[k].kind == NUMBER and len(toks[k].text) == 4 and toks[k].text.isdigit():
        return int(toks[k].text), k + 1
    return None, j
