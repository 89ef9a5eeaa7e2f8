"""Calendar helpers for date figures: month and season names and the windows that
relative phrases ("last fall", "earlier this year") cover against a reference date.

Conventions (documented, not facts): seasons are meteorological and northern
(spring = March–May, summer = June–August, fall/autumn = September–November, winter
= December–February); a month or season named without a year falls in the reference
date's year ("this" season) unless "last" or "next" says otherwise; "last fall" is
the most recent fall that ended before the reference date.

>>> import datetime as dt
>>> season_window("fall", "last", dt.date(2025, 6, 20))
('2024-09-01', '2024-11-30')
>>> relative_window("earlier this year", dt.date(2025, 6, 20))
('2025-01-01', '2025-06-20')
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Final

from ranges.errors import InputError

__all__ = [
    "MONTHS",
    "RELATIVE",
    "SEASONS",
    "as_reference",
    "month_window",
    "relative_window",
    "season_window",
    "year_window",
]

MONTHS: Final[dict[str, int]] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
SEASONS: Final[dict[str, int]] = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
#: Relative phrases that name a window by themselves.
RELATIVE: Final[tuple[str, ...]] = (
    "earlier this year", "later this year", "this year", "last year", "next year",
    "earlier this month", "later this month", "this month", "last month", "next month",
    "this week", "last week", "next week", "yesterday", "today", "tomorrow",
)  # fmt: skip


def as_reference(value: object) -> dt.date | None:
    """A reference date from a ``datetime.date`` or an ISO string (None stays None).

    >>> as_reference("2025-06-20")
    datetime.date(2025, 6, 20)
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError as err:
            raise InputError(
                f"reference_date must be an ISO date such as '2025-06-20', got {value!r}"
            ) from err
    raise InputError(f"reference_date must be a datetime.date or an ISO string, got {value!r}")


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def month_window(month: int, year: int, last_month: int | None = None) -> tuple[str, str]:
    """The first and last day of ``month`` (through ``last_month``) of ``year``.

    >>> month_window(7, 2025, 8)
    ('2025-07-01', '2025-08-31')
    """
    end = last_month or month
    end_year = year + 1 if end < month else year
    return (dt.date(year, month, 1).isoformat(),
            dt.date(end_year, end, _last_day(end_year, end)).isoformat())


def year_window(year: int, last_year: int | None = None) -> tuple[str, str]:
    """The first and last day of ``year`` (through ``last_year``).

    >>> year_window(2011)
    ('2011-01-01', '2011-12-31')
    """
    return f"{year:04d}-01-01", f"{(last_year or year):04d}-12-31"


def _season(season: str, year: int) -> tuple[dt.date, dt.date]:
    start = SEASONS[season]
    first = dt.date(year, start, 1)
    end_month = (start + 1) % 12 + 1
    end_year = year + 1 if end_month < start else year
    return first, dt.date(end_year, end_month, _last_day(end_year, end_month))


def season_window(season: str, which: str, reference: dt.date) -> tuple[str, str]:
    """The window of "last/this/next ``season``" seen from ``reference``.

    >>> import datetime as dt
    >>> season_window("winter", "this", dt.date(2025, 1, 10))
    ('2024-12-01', '2025-02-28')
    """
    season = season.lower()
    if season not in SEASONS:
        raise InputError(f"unknown season {season!r}")
    candidates = [_season(season, y) for y in range(reference.year - 2, reference.year + 2)]
    if which == "last":
        first, last = [c for c in candidates if c[1] < reference][-1]
    elif which == "next":
        first, last = next(c for c in candidates if c[0] > reference)
    else:
        current = [c for c in candidates if c[0] <= reference <= c[1]]
        first, last = current[0] if current else _season(season, reference.year)
    return first.isoformat(), last.isoformat()


def relative_window(phrase: str, reference: dt.date) -> tuple[str, str]:
    """The window a relative phrase of :data:`RELATIVE` covers, seen from ``reference``.

    >>> import datetime as dt
    >>> relative_window("last month", dt.date(2025, 1, 10))
    ('2024-12-01', '2024-12-31')
    """
    p = " ".join(phrase.lower().split())
    y, m = reference.year, reference.month
    ref = reference.isoformat()
    if p.endswith("year"):
        if p == "earlier this year":
            return f"{y:04d}-01-01", ref
        if p == "later this year":
            return ref, f"{y:04d}-12-31"
        return year_window({"this year": y, "last year": y - 1, "next year": y + 1}[p])
    if p.endswith("month"):
        first, last = month_window(m, y)
        if p == "earlier this month":
            return first, ref
        if p == "later this month":
            return ref, last
        if p == "this month":
            return first, last
        prev = dt.date(y, m, 1) - dt.timedelta(days=1)
        if p == "last month":
            return month_window(prev.month, prev.year)
        nxt = dt.date(y, m, _last_day(y, m)) + dt.timedelta(days=1)
        return month_window(nxt.month, nxt.year)
    if p.endswith("week"):
        monday = reference - dt.timedelta(days=reference.weekday())
        shift = {"this week": 0, "last week": -7, "next week": 7}[p]
        start = monday + dt.timedelta(days=shift)
        return start.isoformat(), (start + dt.timedelta(days=6)).isoformat()
    day = reference + dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[p])
    return day.isoformat(), day.isoformat()
