"""Which quantity a date in the text dates: :func:`attach_dates` sets ``Figure.when``.

The rule works on clauses. A text is cut into sentences (at ".", "!" or "?" before a
capital or a digit, not after an abbreviation, and at line ends), and a sentence
into clauses at ";", ":", a dash between spaces, and the words "and", "but",
"while", "whereas", "although" (never inside a figure: "between 10 and 20" is one
figure). Within one clause, a date

1. dates the nearest quantity before it, when no other date stands between them
   ("an additional 3,000-4,000 arrived earlier this year", "6,000 may follow as
   early as July or August");
2. else dates the first quantity after it, when no other date stands between them
   (a date opening the clause: "Last fall, some 10,000-12,000 troops were sent").

A date never reaches into another clause or sentence. A quantity claimed by two
dates ("In 2011, 1,000 sappers came in March") is not dated: ambiguity is not
guessed, and the figure says so in its assumptions. A date with no full window
("by March" has no first day; an unresolved "last fall" without a reference date)
dates nothing, and the quantity it would have dated says why. Each attachment is
recorded as an assumption of the quantity ("dated by 'last fall': 2024-09-01 to
2024-11-30"). Date figures are returned unchanged.

>>> import ranges as rg
>>> figs = rg.extract("Last fall, 10,000-12,000 troops were sent; 3,000 more came "
...                   "earlier this year.", reference_date="2025-06-01")
>>> [(f.text, f.when) for f in figs if f.is_quantity]
[('10,000-12,000 troops', ('2024-09-01', '2024-11-30')), ('3,000', ('2025-01-01', '2025-06-01'))]
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from ranges.text._figure import Figure

__all__ = ["attach_dates"]

_SENTENCE_END: Final = re.compile(r"[.!?][\"'’”)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n")
_CLAUSE_BREAK: Final = re.compile(
    r"[;:]|\s[—–-]\s|\b(?:and|but|while|whereas|although)\b", re.IGNORECASE)


def _inside(figures: list[Figure], position: int) -> bool:
    return any(f.span[0] <= position < f.span[1] for f in figures)


def _breaks(text: str, figures: list[Figure]) -> list[int]:
    """The offsets where a sentence or a clause ends (not inside a figure)."""
    from ranges.text._totals import _is_abbreviation  # the sentence rule of totals

    found: list[int] = []
    for m in _SENTENCE_END.finditer(text):
        if text[m.start()] == "." and _is_abbreviation(text, m.start()):
            continue
        if not _inside(figures, m.start()):
            found.append(m.start())
    found += [m.start() for m in _CLAUSE_BREAK.finditer(text)
              if not _inside(figures, m.start())]
    return sorted(found)


def _clauses(text: str, figures: list[Figure]) -> list[list[int]]:
    """The indices of the figures of each clause, in order."""
    breaks = _breaks(text, figures)
    groups: dict[int, list[int]] = {}
    for i, figure in enumerate(figures):
        clause = sum(1 for b in breaks if b < figure.span[0])
        groups.setdefault(clause, []).append(i)
    return list(groups.values())


def _target(figures: list[Figure], clause: list[int], at: int) -> int | None:
    """The quantity the date at position ``at`` of ``clause`` dates: the figure just
    before it if that is a quantity (rule 1), else the figure just after it if that
    is a quantity (rule 2); another date next to it blocks that side."""
    for k in (at - 1, at + 1):
        if 0 <= k < len(clause) and figures[clause[k]].is_quantity:
            return clause[k]
    return None


def _window(date: Figure) -> tuple[str, str] | None:
    low, high = date.low, date.high
    if isinstance(low, str) and isinstance(high, str):
        return low, high
    return None


def attach_dates(text: str, figures: list[Figure]) -> list[Figure]:
    """``figures`` (as :func:`ranges.extract` found them in ``text``, in order) with
    ``when`` set on each quantity a date dates, by the rule of the module docstring.

    >>> import ranges as rg
    >>> figs = rg.extract("In 2011, 1,000 sappers came in March.")
    >>> sappers = [f for f in figs if f.is_quantity][0]
    >>> sappers.when is None, sappers.assumptions[-1]
    (True, "not dated: 'In 2011' and 'in March' could each date it")
    """
    claims: dict[int, list[int]] = {}
    for clause in _clauses(text, figures):
        for at, index in enumerate(clause):
            if figures[index].is_quantity:
                continue
            target = _target(figures, clause, at)
            if target is not None:
                claims.setdefault(target, []).append(index)
    out = list(figures)
    for target, dates in claims.items():
        figure = figures[target]
        if len(dates) > 1:
            names = " and ".join(repr(figures[d].text) for d in dates)
            note = f"not dated: {names} could each date it"
            out[target] = replace(figure, assumptions=(*figure.assumptions, note))
            continue
        date = figures[dates[0]]
        window = _window(date)
        if window is None:
            note = f"not dated: {date.text!r} gives no first and last day"
            out[target] = replace(figure, assumptions=(*figure.assumptions, note))
            continue
        note = f"dated by {date.text!r}: {window[0]} to {window[1]}"
        if date.assumptions:
            note += f" ({'; '.join(date.assumptions)})"
        out[target] = replace(figure, when=window, assumptions=(*figure.assumptions, note))
    return out
