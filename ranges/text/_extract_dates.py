"""The date part of the prose grammar: month names, "Nov. 2", "2 November 2024",
"July or August", "July 1-3", "last fall", "earlier this year", years in context,
decades and spans of years ("2019-2021", "2019-21").

Calendar arithmetic (month and season windows, relative phrases) is in
:mod:`ranges.text._dates`; this module reads the tokens.
"""

from __future__ import annotations

import datetime as dt

from ranges.text import _dates as dates
from ranges.text._filters import NotFigures
from ranges.text._tokens import DASH, NUMBER, WORD
from ranges.text._windows import End
from ranges.text._words import DATE_HEDGES, DATE_JOIN, ORDINALS, RELATIVE, SEASON_WHICH, YEAR_WORDS

__all__ = ["DateGrammar"]


class DateGrammar(NotFigures):
    """A token window that reads dates."""

    def date_qualifier(self, i: int) -> tuple[str | None, str | None, int]:
        """(qualifier text, its label, first index) of a date hedge ending before i."""
        found = self.match_ending(DATE_HEDGES, i)
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
            if j < self.n and self.low[j] in ORDINALS and self.touching(j - 1, j):
                j += 1
        if self.low[i] in ("may", "march") and day is None:
            prev = self.prev_word(i)
            nxt = self.toks[j] if j < self.n else None
            if prev not in YEAR_WORDS and prev not in ("or", "and", "last", "next", "this") \
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
        rel = self.match(RELATIVE, i)
        if rel is not None:
            phrase = " ".join(self.low[i : rel[1]])
            if self.ref is None:
                return self.date_figure(i, rel[1], None, None, (
                    f"relative date {phrase!r}: pass reference_date= to resolve it",))
            low, high = dates.relative_window(phrase, self.ref)
            return self.date_figure(i, rel[1], low, high)
        which = SEASON_WHICH.get(self.low[i])
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
        if j + 1 < self.n and self.low[j] in DATE_JOIN:
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

    def year_at(self, i: int, e1: End, joined: bool) -> int | None:
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

