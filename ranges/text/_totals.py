"""Add up what a text implies: :func:`total`.

:func:`total` extracts the figures of a text (:func:`ranges.extract`), decides which
of them are parts of one total, reads each through a :class:`~ranges.reading.Reading`
and adds them. It never adds a figure twice, and it says why it left each figure out.

Rules, in order (the words are in ``data/text_words.toml``, section ``[total]``):

1. Dates are not quantities.
2. A figure with no unit of its own ("with an additional 3,000-4,000 deployed") takes
   the unit of the figure before it in the same sentence (an assumption, noted).
3. A figure after "including", "of whom", "of them", "among them"... or followed by
   "of them", "of whom"... in the same sentence as an earlier figure is a *subset* of
   it ("4,700 casualties, around 600 of them fatalities"): skipped. So is a figure
   after one introduced by "of the" ("Of the 10,000 deployed, 1,000 were hurt").
4. A figure after "a total of", "in all", "bringing the total to"... (or followed by
   "in total", "altogether") *states* a total: it is a cross-check, not a part.
5. The first value of a change ("increased from 30,000 to 100,000") and a value the
   text compares with ("up from 8,000") are earlier values: skipped.
6. Only figures whose unit measures the same thing as the total's unit are added
   (the unit most figures have, unless ``unit=`` is given; headcount nouns are all
   ``person``): others are skipped with the reason.
7. A figure that repeats one already used (same numbers and unit, in another
   sentence, whatever its hedge) is a restatement: skipped.
8. A vague figure ("thousands of military construction workers") whose noun shares
   a word with the noun of a precise figure elsewhere in the text describes the same
   people: the precise figures are used, the vague one is skipped and kept as a
   cross-check of the group it restates.

Everything else is added. Figures joined in one sentence by "and", "with an
additional", "in addition to", "join the"... form a *group*; groups in different
sentences are separate parts of the total (each group is in :attr:`Total.groups`, so
a reader can add only the groups they mean).

>>> t = total("Officials sent 1,000 sappers and 5,000 workers; 300 of them were engineers.")
>>> t.bounds()
Interval(6000, 6000)
>>> [(s.figure.text, s.reason.split(":")[0]) for s in t.skipped]
[('300', 'a subset of an earlier figure')]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final

from ranges._kinds import FigureKind
from ranges.core import _units as units
from ranges.errors import InputError, RangesError
from ranges.text._extract import extract
from ranges.text._figure import Figure
from ranges.text._words import load_words

if TYPE_CHECKING:
    from ranges.core._graph import Estimate
    from ranges.core._interval import Interval
    from ranges.reading._policy import Reading
    from ranges.report._summary import Summary

__all__ = ["CrossCheck", "Skipped", "Total", "total"]

_T: Final = load_words()["total"]
_SENTENCE_END: Final = re.compile(r"[.!?][\"'’”)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n")
_GENERIC_NOUNS: Final = frozenset(
    {"people", "persons", "person", "personnel", "men", "women", "others", "units", "more"}
)


def _phrases(key: str) -> tuple[str, ...]:
    return tuple(sorted((" ".join(p.lower().split()) for p in _T[key]), key=len, reverse=True))


_SUBSET_BEFORE: Final = _phrases("subset_before")
_SUBSET_AFTER: Final = _phrases("subset_after")
_ADD_BEFORE: Final = _phrases("add_before")
_TOTAL_BEFORE: Final = _phrases("total_before")
_TOTAL_AFTER: Final = _phrases("total_after")
_WHOLE_BEFORE: Final = _phrases("whole_before")


@dataclass(frozen=True)
class Skipped:
    """A figure :func:`total` did not add, and why."""

    figure: Figure
    reason: str


@dataclass(frozen=True)
class CrossCheck:
    """A figure that states (or vaguely restates) a total, compared with the sum of
    the figures it covers: ``consistent`` when the two ranges overlap."""

    figure: Figure
    stated: tuple[float, float]
    computed: tuple[float, float]
    consistent: bool
    message: str


@dataclass
class Total:
    """The total a text implies.

    ``estimate`` is the sum (an :class:`~ranges.core._graph.Estimate`); ``figures`` the
    figures added (with any unit they inherited), ``groups`` the same figures grouped
    as the text joins them, ``skipped`` every figure left out with the reason, and
    ``cross_checks`` the totals the text states itself. Statistic methods
    (``summary``, ``bounds``, ``quantile``, ``mean``...) and ``str()`` are those of
    ``estimate``.
    """

    estimate: Estimate
    figures: list[Figure]
    groups: list[list[Figure]]
    skipped: list[Skipped] = field(default_factory=list)
    cross_checks: list[CrossCheck] = field(default_factory=list)
    unit: str | None = None

    def summary(self, *args: Any, **kwargs: Any) -> Summary:
        """The summary of :attr:`estimate`."""
        return self.estimate.summary(*args, **kwargs)

    def bounds(self) -> Interval:
        """The range bounds of :attr:`estimate` (stated ranges added end to end)."""
        return self.estimate.bounds()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name == "estimate":
            raise AttributeError(name)
        return getattr(self.estimate, name)

    def __str__(self) -> str:
        return str(self.estimate)

    def report(self) -> str:
        """A plain-text account: the total, what was added, what was skipped and why.

        >>> print(total("5,000 troops and 2,000 more troops").report().splitlines()[1])
        added: 5,000 troops
        """
        lines = [f"total: {self.estimate}"]
        lines += [f"added: {f.text}" + (f" ({'; '.join(f.assumptions)})" if f.assumptions
                                         else "") for f in self.figures]
        lines += [f"skipped: {s.figure.text}: {s.reason}" for s in self.skipped]
        lines += [f"cross-check: {c.message}" for c in self.cross_checks]
        return "\n".join(lines)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w%$€£¥+-]+", " ", text.lower()).split())


def _ends_with(gap: str, phrases: tuple[str, ...]) -> str | None:
    for p in phrases:
        if gap == p or gap.endswith(" " + p):
            return p
    return None


def _starts_with(gap: str, phrases: tuple[str, ...]) -> str | None:
    for p in phrases:
        if gap == p or gap.startswith(p + " "):
            return p
    return None


def _content_words(noun: str | None) -> set[str]:
    if not noun:
        return set()
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", noun)}
    return {w.rstrip("s") for w in words if w not in _GENERIC_NOUNS and len(w) > 2}


def _stated(fig: Figure, est: Estimate) -> tuple[float, float]:
    b = est.bounds()
    return float(b.low), float(b.high)


def total(
    text: str,
    *,
    unit: str | None = None,
    reading: Reading | None = None,
    reference_date: dt.date | str | None = None,
) -> Total:
    """The total ``text`` implies, as a :class:`Total` (see the module docstring for the
    rules). ``unit`` picks what to add ("person", "USD"); by default the unit most
    figures have. Raises :class:`~ranges.errors.InputError` if nothing can be added.

    >>> t = total("About 4,700 casualties, around 600 of them fatalities, and 200 missing"
    ...           " people.")
    >>> [f.text for f in t.figures], t.bounds()
    (['About 4,700 casualties', '200 missing people'], Interval(4800, 5000))
    """
    figures = extract(text, reading=reading, reference_date=reference_date)
    roles = _Roles(text, list(figures), _sentences(text, figures))
    roles.assign()
    figs, skipped = roles.figs, roles.skipped
    target = _target_unit(unit, [figs[i] for i in roles.candidates])
    used = _addable(roles, target)
    restated = _restated_vague(figs, used)
    if not used:
        raise InputError("no figures to add in the text" + (
            f" (skipped: {'; '.join(f'{s.figure.text!r}: {s.reason}' for s in skipped)})"
            if skipped else ""))
    groups = _groups(used, roles)
    estimates = {i: figs[i].estimate(reading) for i in used}
    result_est = estimates[used[0]]
    for i in used[1:]:
        result_est = result_est + estimates[i]
    cross = _cross_checks(roles, restated, groups, estimates, reading)
    order = {f.span: n for n, f in enumerate(figures)}
    skipped.sort(key=lambda s: order.get(s.figure.span, 0))
    return Total(result_est, [figs[i] for i in used], [[figs[i] for i in g] for g in groups],
                 skipped, cross, target)


class _Role(StrEnum):
    """What a figure is to the total, by the words around it."""

    #: a part that starts a new group
    NEW = "new"
    #: a part joined to the group before it ("and", "with an additional")
    JOIN = "join"
    #: a figure that states the total itself (a cross-check)
    TOTAL = "total"


@dataclass
class _Roles:
    """The first pass of :func:`total`: the role of each figure from the words around
    it (rules 1 to 5 of the module docstring). ``figs`` are the figures (with any unit
    they inherit), ``sentence`` the sentence of each, ``candidates`` the indices of the
    parts that may be added, ``roles`` the role of each part or stated total."""

    text: str
    figs: list[Figure]
    sentence: list[int]
    skipped: list[Skipped] = field(default_factory=list)
    candidates: list[int] = field(default_factory=list)
    roles: dict[int, _Role] = field(default_factory=dict)
    befores: dict[int, str] = field(default_factory=dict)

    def assign(self) -> None:
        last_quantity: dict[int, int] = {}  # sentence -> index of last quantity figure
        for i, f in enumerate(self.figs):
            if f.kind == FigureKind.DATE:
                self.skipped.append(Skipped(f, "a date, not a quantity"))
                continue
            prev = last_quantity.get(self.sentence[i])
            last_quantity[self.sentence[i]] = i
            if prev is not None:
                f = self.inherit_unit(i, prev)
            before, after = self.context(i)
            self.befores[i] = before
            subset = self.subset_word(before, after, prev)
            if subset is not None and prev is not None:
                self.skipped.append(Skipped(f, f"a subset of an earlier figure: {subset!r} "
                                               f"{self.figs[prev].text!r}; not added"))
            elif _ends_with(before, _TOTAL_BEFORE) or _starts_with(after, _TOTAL_AFTER):
                self.roles[i] = _Role.TOTAL
            elif any(a.startswith(("the first value of a change", "an earlier value"))
                     for a in f.assumptions):
                self.skipped.append(Skipped(f, "an earlier value of a quantity that changed; "
                                               "the later value is used"))
            else:
                joined = prev is not None and _ends_with(before, _ADD_BEFORE)
                self.roles[i] = _Role.JOIN if joined else _Role.NEW
                self.candidates.append(i)

    def context(self, i: int) -> tuple[str, str]:
        """The normalised words between the figure before and figure ``i``, and the
        (at most 40) characters after it."""
        figs, text = self.figs, self.text
        f = figs[i]
        before = _norm(text[figs[i - 1].span[1] if i else 0 : f.span[0]])
        nxt = figs[i + 1].span[0] if i + 1 < len(figs) else len(text)
        return before, _norm(text[f.span[1] : min(nxt, f.span[1] + 40)])

    def inherit_unit(self, i: int, prev: int) -> Figure:
        """Rule 2: a figure with no unit or noun counts what the figure before it in
        its sentence counts (an assumption, noted)."""
        f, p = self.figs[i], self.figs[prev]
        if f.unit is None and f.noun is None and p.unit:
            f = replace(f, unit=p.unit, assumptions=(
                *f.assumptions, f"counts {p.unit}, like {p.text!r} before it (no noun of "
                "its own)"))
            self.figs[i] = f
        return f

    def subset_word(self, before: str, after: str, prev: int | None) -> str | None:
        """Rule 3: the words that make a figure a subset of the one before it."""
        if prev is None:
            return None
        return (_ends_with(before, _SUBSET_BEFORE) or _starts_with(after, _SUBSET_AFTER)
                or _ends_with(self.befores.get(prev, ""), _WHOLE_BEFORE))


def _addable(roles: _Roles, target: str | None) -> list[int]:
    """Rules 6 and 7: the candidates in the total's unit that repeat no figure already
    used; the others go to ``roles.skipped`` with the reason."""
    figs, sentence = roles.figs, roles.sentence
    used: list[int] = []
    for i in roles.candidates:
        f = figs[i]
        reason = _unit_mismatch(f, target)
        if reason:
            roles.skipped.append(Skipped(f, reason))
            continue
        repeat = next((j for j in used if sentence[j] != sentence[i] and _same(figs[j], f)),
                      None)
        if repeat is not None:
            roles.skipped.append(Skipped(f, f"repeats {figs[repeat].text!r} from an earlier "
                                            "sentence; counted once"))
            continue
        used.append(i)
    return used


def _restated_vague(figs: list[Figure], used: list[int]) -> dict[int, int]:
    """Rule 8: the vague figures whose noun shares a word with a precise figure's,
    taken out of ``used``; each maps to the precise figure it restates."""
    restated: dict[int, int] = {}
    for i in list(used):
        f = figs[i]
        if f.kind != FigureKind.VAGUE:
            continue
        words = _content_words(f.noun)
        match = next((j for j in used if j != i and figs[j].kind != FigureKind.VAGUE
                      and words & _content_words(figs[j].noun)), None)
        if match is not None:
            used.remove(i)
            restated[i] = match
    return restated


def _groups(used: list[int], roles: _Roles) -> list[list[int]]:
    """The figures the text joins in one sentence, group by group."""
    groups: list[list[int]] = []
    for i in used:
        if groups and roles.roles.get(i) == _Role.JOIN \
                and roles.sentence[groups[-1][-1]] == roles.sentence[i]:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _cross_checks(roles: _Roles, restated: dict[int, int], groups: list[list[int]],
                  estimates: dict[int, Estimate], reading: Reading | None) -> list[CrossCheck]:
    """The restated vague figures against their groups, and the totals the text states
    against the sum; each goes to ``roles.skipped`` with the reason."""
    figs, skipped = roles.figs, roles.skipped
    cross: list[CrossCheck] = []
    for i, j in restated.items():
        group = next(g for g in groups if j in g)
        names = " and ".join(repr(figs[k].text) for k in group)
        skipped.append(Skipped(figs[i], f"restates {names}, given precisely elsewhere "
                                        "(same noun); kept as a cross-check"))
        cross.append(_check(figs[i], [estimates[k] for k in group], reading,
                            f"{figs[i].text!r} restates {names}"))
    for i, role in roles.roles.items():
        if role != _Role.TOTAL:
            continue
        try:
            cross.append(_check(figs[i], list(estimates.values()), reading,
                                f"the text states a total: {figs[i].text!r}"))
        except RangesError as err:
            skipped.append(Skipped(figs[i], f"states a total that cannot be compared: {err}"))
            continue
        skipped.append(Skipped(figs[i], "states the total itself; used as a cross-check"))
    return cross


def _check(fig: Figure, parts: list[Estimate], reading: Reading | None,
           what: str) -> CrossCheck:
    est = fig.estimate(reading)
    summed = parts[0]
    for p in parts[1:]:
        summed = summed + p
    stated = _stated(fig, est)
    computed = _stated(fig, summed)
    ok = stated[0] <= computed[1] and computed[0] <= stated[1]
    message = (f"{what}: stated {stated[0]:,.0f}–{stated[1]:,.0f}, parts add to "
               f"{computed[0]:,.0f}–{computed[1]:,.0f}: "
               + ("consistent" if ok else "INCONSISTENT"))
    return CrossCheck(fig, stated, computed, ok, message)


def _same(a: Figure, b: Figure) -> bool:
    """Whether two figures state the same numbers in the same unit ("about 12,000
    officers" restates "12,000 officers")."""
    return (a.low, a.high, a.point, a.unit) == (b.low, b.high, b.point, b.unit)


def _sentences(text: str, figures: list[Figure]) -> list[int]:
    """Sentence number of each figure (a new sentence when the text between two
    figures holds a sentence end)."""
    out: list[int] = []
    s = 0
    prev_end = 0
    for f in figures:
        if out and _SENTENCE_END.search(text, prev_end, f.span[0] + 2):
            s += 1
        out.append(s)
        prev_end = f.span[1]
    return out


def _target_unit(unit: str | None, figures: list[Figure]) -> str | None:
    if unit is not None:
        return "person" if units.is_headcount(units.resolve(unit)) else unit
    counts: dict[str | None, int] = {}
    for f in figures:
        counts[f.unit] = counts.get(f.unit, 0) + 1
    with_unit: dict[str | None, int] = {u: c for u, c in counts.items() if u is not None}
    pool = with_unit or counts
    if not pool:
        return None
    best = max(pool.values())
    return next(f.unit for f in figures if f.unit in pool and pool[f.unit] == best)


def _unit_mismatch(fig: Figure, target: str | None) -> str | None:
    if fig.unit == target:
        return None
    if fig.unit is None or target is None:
        return (f"no unit where the total counts {target}" if fig.unit is None
                else f"counts {fig.unit}, the total is a plain number")
    try:
        a, b = units.resolve(fig.unit), units.resolve(target)
    except RangesError as err:
        return f"its unit cannot be read: {err}"
    if a.dimensionality != b.dimensionality:
        return f"counts {fig.unit}, not {target}: different units are not added"
    return None
