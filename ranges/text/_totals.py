"""Add up what a text implies: :func:`total`.

:func:`total` extracts the figures of a text (:func:`ranges.extract`), decides which
of them are parts of one total, reads each through a :class:`~ranges.reading.Reading`
and adds them. It never adds a figure twice, never adds rival estimates of one
quantity, and it says why it left each figure out.

Rules, in order (the words are in ``data/text_words.toml``, section ``[total]``):

1. Dates are not quantities.
2. A figure with no unit of its own ("with an additional 3,000-4,000 deployed") takes
   the unit of the figure before it in the same sentence, or, when it continues that
   figure ("Another 300 followed", "400 more"), in the sentence before (an assumption,
   noted).
3. A figure after "including", "of whom", "of them", "among them"... or followed by
   "of them", "of whom"... in the same sentence as an earlier figure is a *subset* of
   it ("4,700 casualties, around 600 of them fatalities"): skipped. So is a figure
   right before "of the" and another figure ("300 of the 5,000 troops"), and a figure
   after one that opens its clause with "of the" ("Of the 10,000 deployed, 1,000 were
   hurt"). After a noun, "of" only introduces a figure ("a battalion of 600").
4. A figure followed by "each" or "apiece" ("two battalions of 800 each"), or after
   "each of the" and a count ("each of the three camps holds about 2,000"), is
   multiplied by that count of groups; the count itself is not added. The one figure
   stands for every group (an assumption, noted). After "at" ("at 500 apiece") it is
   a price per item: skipped.
5. A figure after "a total of", "in all", "bringing the total to"... (or followed by
   "in total", "altogether") *states* a total: a cross-check, not a part. A level
   after a change verb and "to" ("raising the force to 12,000") is one too, unless
   the figures of its sentence are marked as more ("3,000 more troops"): then they are
   changes of the level, skipped, and the level is the part. When nothing else is
   left to add, the stated total is the total.
6. The first value of a change ("increased from 30,000 to 100,000"), a value the text
   compares with ("up from 8,000") and the "from" value after a stated level ("to
   9,000 from 6,500") are earlier values: skipped. A figure after "a net increase of"
   is a change of a level, not a part of it: skipped.
7. Only figures whose unit measures the same thing as the total's unit are added (the
   unit most figures have, unless ``unit=`` is given; headcount nouns are all
   ``person``; an agent noun that usually counts people, "40 welders", joins them
   beside a figure that surely counts people, an assumption noted). Others are
   skipped with the reason.
8. A figure that repeats one already used (same numbers and unit, in another
   sentence, whatever its hedge) is a restatement: skipped.
9. A vague figure ("thousands of military construction workers") whose noun shares
   a word with the noun of a precise figure elsewhere in the text describes the same
   people: the precise figures are used, the vague one is skipped and kept as a
   cross-check of the group it restates.
10. Rival estimates of one quantity by different sources ("police put the crowd at
    20,000; organisers said 60,000", see :mod:`ranges.text._rivals`) are never added
    to each other: each group is :attr:`Total.alternatives`, and it enters the total
    once, as the linear pool of its figures (:func:`ranges.pool`: a mixture, equal
    weights, each source named as the text names it), listed in the summary's
    assumptions (:attr:`Total.pools`; :meth:`Total.alternative_totals` gives the sum
    with each choice instead).
11. A figure that leaves ("800 were withdrawn", "will leave", "withdrew 500") is
    subtracted from the figures before it in the total's unit (noted); with none
    before it, it is skipped.

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
import itertools
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final

from ranges._kinds import FigureKind
from ranges.core import _units as units
from ranges.errors import InputError, RangesError, ReadingError
from ranges.text._extract import extract
from ranges.text._figure import Figure
from ranges.text._rivals import Alternatives, rival_groups
from ranges.text._words import headcount_rule, load_words

if TYPE_CHECKING:
    from ranges.core._graph import Estimate
    from ranges.core._interval import Interval
    from ranges.reading._policy import Reading
    from ranges.report._summary import Summary

__all__ = ["Alternatives", "CrossCheck", "Skipped", "Total", "total"]

_T: Final = load_words()["total"]
_SENTENCE_END: Final = re.compile(r"[.!?][\"'’”)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n")
_GENERIC_NOUNS: Final = frozenset(
    {"people", "persons", "person", "personnel", "men", "women", "others", "units", "more"}
)
_ABBREVIATIONS: Final = frozenset(a.lower().rstrip(".") for a in _T["abbreviations"])
_DOTTED: Final = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")  # "U.S", "e.g", "J"
_MAX_COMBINATIONS: Final = 64


def _phrases(key: str) -> tuple[str, ...]:
    return tuple(sorted((" ".join(p.lower().split()) for p in _T[key]), key=len, reverse=True))


_SUBSET_BEFORE: Final = _phrases("subset_before")
_SUBSET_AFTER: Final = _phrases("subset_after")
_SUBSET_BETWEEN: Final = frozenset(_phrases("subset_between"))
_ADD_BEFORE: Final = _phrases("add_before")
_ADD_AFTER: Final = _phrases("add_after")
_CONTINUE_BEFORE: Final = _phrases("continue_before")
_TOTAL_BEFORE: Final = _phrases("total_before")
_TOTAL_AFTER: Final = _phrases("total_after")
_WHOLE_BEFORE: Final = frozenset(_phrases("whole_before"))
_CHANGE_BEFORE: Final = _phrases("change_before")
_EARLIER_BEFORE: Final = _phrases("earlier_before")
_WITHDRAW_BEFORE: Final = _phrases("withdraw_before")
_WITHDRAW_AFTER: Final = _phrases("withdraw_after")
_EACH_AFTER: Final = _phrases("each_after")
_EACH_BEFORE: Final = _phrases("each_before")
_RATE_BEFORE: Final = _phrases("rate_before")
_LEVEL: Final = re.compile(
    r"(?:^| )(?:" + "|".join(map(re.escape, _T["level_verbs"])) + r")(?: [a-z]+){0,6} to$")
_MORE_WORDS: Final = frozenset({"more", "another", "additional", "further", "extra"})
_PEOPLE_GROUPS: Final = frozenset(_T["people_groups"])


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

    ``figures`` are the figures added (with any unit they inherited), ``groups`` the
    same figures grouped as the text joins them, ``subtracted`` the figures that leave
    the total ("800 were withdrawn"), ``skipped`` every figure left out with the
    reason, ``cross_checks`` the totals the text states itself, and ``alternatives``
    the groups of rival estimates of one quantity (:class:`Alternatives`), whose
    figures are never added to each other. ``parts`` is the sum of the figures added
    less those subtracted (None when there are none); ``pools`` holds one linear pool
    (:func:`ranges.pool`, equal weights, named by the sources) for each group of
    rivals.

    :attr:`estimate` is the parts plus the pools as an
    :class:`~ranges.core._graph.Estimate`, its summary's assumptions saying how each
    group was pooled (:meth:`alternative_totals` gives one sum for each choice of a
    rival instead). Statistic methods (``summary``, ``bounds``, ``quantile``,
    ``mean``...) and ``str()`` are those of :attr:`estimate`.

    >>> t = total("Police put the crowd at 20,000; organisers said 60,000.")
    >>> [f.text for f in t.alternatives[0].figures], t.figures
    (['20,000', '60,000'], [])
    >>> [e.bounds() for _, e in t.alternative_totals()]
    [Interval(20000, 20000), Interval(60000, 60000)]
    >>> t.bounds(), t.summary(n=1_000, rng=0).assumptions
    (Interval(20000, 60000), ['pooled 2 sources (linear pool: a mixture): police 50%, \
organisers 50%'])
    """

    parts: Estimate | None
    figures: list[Figure]
    groups: list[list[Figure]]
    skipped: list[Skipped] = field(default_factory=list)
    cross_checks: list[CrossCheck] = field(default_factory=list)
    unit: str | None = None
    alternatives: tuple[Alternatives, ...] = ()
    subtracted: list[Figure] = field(default_factory=list)
    reading: Reading | None = None
    pools: tuple[Estimate, ...] = ()
    #: why the rival estimates could not be pooled (None when they were, or are none)
    unpooled: str | None = None

    @property
    def estimate(self) -> Estimate:
        """The total: the parts plus one linear pool for each group of rival estimates
        (see :attr:`alternatives`); a :class:`~ranges.errors.ReadingError` when there is
        nothing to add or the rivals could not be pooled."""
        if self.unpooled is not None:
            names = "; ".join(" or ".join(repr(f.text) for f in a.figures)
                              for a in self.alternatives)
            raise ReadingError(
                f"the text gives rival estimates of one quantity ({names}) that could not "
                f"be pooled ({self.unpooled}); see Total.alternatives and "
                "Total.alternative_totals()")
        terms = ([] if self.parts is None else [self.parts]) + list(self.pools)
        if not terms:
            raise ReadingError("the text states no figure to add")
        return _sum(terms)

    def alternative_totals(self) -> list[tuple[tuple[Figure, ...], Estimate]]:
        """The sum of the parts with each choice of one figure from every group of
        :attr:`alternatives` (the parts alone when there are none), in the order of
        the text.

        >>> t = total("The ministry said 300 died; a monitor counted 250 to 400. "
        ...           "Another 50 died in May.")
        >>> [(c[0].text, e.bounds()) for c, e in t.alternative_totals()]
        [('300', Interval(350, 350)), ('250 to 400', Interval(300, 450))]
        """
        choices = list(itertools.product(*(a.figures for a in self.alternatives)))
        if len(choices) > _MAX_COMBINATIONS:
            raise ReadingError(f"{len(choices)} combinations of rival estimates; too many "
                               "to list (at most {_MAX_COMBINATIONS})")
        out: list[tuple[tuple[Figure, ...], Estimate]] = []
        for chosen in choices:
            terms = [f.estimate(self.reading) for f in chosen]
            if self.parts is not None:
                terms.insert(0, self.parts)
            if terms:
                out.append((chosen, _sum(terms)))
        return out

    def summary(self, *args: Any, **kwargs: Any) -> Summary:
        """The summary of :attr:`estimate`."""
        return self.estimate.summary(*args, **kwargs)

    def bounds(self) -> Interval:
        """The range bounds of :attr:`estimate` (stated ranges added end to end)."""
        return self.estimate.bounds()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name in ("estimate", "parts", "pools", "unpooled"):
            raise AttributeError(name)
        return getattr(self.estimate, name)

    def __str__(self) -> str:
        if self.unpooled is not None:
            return "no single total: rival estimates (" + "; ".join(
                " or ".join(f.text for f in a.figures) for a in self.alternatives) + ")"
        return str(self.estimate)

    def _repr_html_(self) -> str:
        """The total, what was added and what was skipped and why, for notebooks."""
        from ranges.report._html_repr import total_html

        return total_html(self)

    def report(self) -> str:
        """A plain-text account: the total, what was added, what was skipped and why.

        >>> print(total("5,000 troops and 2,000 more troops").report().splitlines()[1])
        added: 5,000 troops
        """
        lines = [f"total: {self}"]
        lines += [f"added: {f.text}" + (f" ({'; '.join(f.assumptions)})" if f.assumptions
                                         else "") for f in self.figures]
        lines += [f"subtracted: {f.text}" for f in self.subtracted]
        lines += [f"alternatives: {' | '.join(f.text for f in a.figures)}: {a.rule}"
                  for a in self.alternatives]
        lines += [f"pooled: {p.own_assumption}" for p in self.pools if p.own_assumption]
        lines += [f"skipped: {s.figure.text}: {s.reason}" for s in self.skipped]
        lines += [f"cross-check: {c.message}" for c in self.cross_checks]
        return "\n".join(lines)


def _sum(terms: list[Estimate]) -> Estimate:
    out = terms[0]
    for t in terms[1:]:
        out = out + t
    return out


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


def _stated(est: Estimate) -> tuple[float, float]:
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
    roles.settle_levels()
    figs = roles.figs
    _agents_as_people(roles)
    alternatives = rival_groups(text, figs, roles.sentence, roles.candidates)
    target = _target_unit(unit, [figs[i] for i in roles.candidates])
    alternatives = _rivals_in_unit(roles, alternatives, target)
    used = _addable(roles, target)
    withdrawn, dropped = _withdrawals(roles, used)
    used = [i for i in used if i not in withdrawn and i not in dropped]
    if not used and not alternatives:
        used = roles.stated_total_alone(target)
        target = figs[used[0]].unit if used and target is None else target
    restated = _restated_vague(figs, used)
    if not used and not alternatives:
        raise InputError("no figures to add in the text" + (
            f" (skipped: {'; '.join(f'{s.figure.text!r}: {s.reason}' for s in roles.skipped)})"
            if roles.skipped else ""))
    groups = _groups(used, roles)
    estimates = {i: roles.estimate(i, reading) for i in used}
    parts = _sum([estimates[i] for i in used]) if used else None
    for i in withdrawn:
        parts = None if parts is None else parts - roles.estimate(i, reading)
    cross = _cross_checks(roles, restated, groups, estimates, reading) if used else []
    order = {f.span: n for n, f in enumerate(figures)}
    roles.skipped.sort(key=lambda s: order.get(s.figure.span, 0))
    pools, unpooled = _pooled_rivals(alternatives, reading)
    return Total(parts, [figs[i] for i in used], [[figs[i] for i in g] for g in groups],
                 roles.skipped, cross, target, tuple(alternatives),
                 [figs[i] for i in withdrawn], reading, pools, unpooled)


def _pooled_rivals(alternatives: list[Alternatives], reading: Reading | None
                   ) -> tuple[tuple[Estimate, ...], str | None]:
    """Rule 10: each group of rival estimates as one linear pool (equal weights, each
    source named as the text names it), or none and the reason they could not be."""
    from ranges.sources._pool import pool

    try:
        return tuple(pool([f.estimate(reading) for f in a.figures], names=a.sources)
                     for a in alternatives), None
    except RangesError as err:
        return (), str(err)


class _Role(StrEnum):
    """What a figure is to the total, by the words around it."""

    #: a part that starts a new group
    NEW = "new"
    #: a part joined to the group before it ("and", "with an additional")
    JOIN = "join"
    #: a figure that states the total itself (a cross-check)
    TOTAL = "total"
    #: a level after a change verb and "to" ("raising the force to 12,000")
    LEVEL = "level"
    #: a figure that leaves the total ("800 were withdrawn")
    WITHDRAW = "withdraw"


@dataclass
class _Roles:
    """The first pass of :func:`total`: the role of each figure from the words around
    it (rules 1 to 6 of the module docstring). ``figs`` are the figures (with any unit
    they inherit), ``sentence`` the sentence of each, ``candidates`` the indices of the
    parts that may be added, ``roles`` the role of each part or stated total,
    ``multipliers`` the count of groups of each figure read with "each"."""

    text: str
    figs: list[Figure]
    sentence: list[int]
    skipped: list[Skipped] = field(default_factory=list)
    candidates: list[int] = field(default_factory=list)
    roles: dict[int, _Role] = field(default_factory=dict)
    befores: dict[int, str] = field(default_factory=dict)
    multipliers: dict[int, float] = field(default_factory=dict)

    def skip(self, i: int, reason: str) -> None:
        self.skipped.append(Skipped(self.figs[i], reason))

    def assign(self) -> None:
        last_in_sentence: dict[int, int] = {}  # sentence -> index of last quantity figure
        last: int | None = None
        for i, f in enumerate(self.figs):
            if f.kind == FigureKind.DATE:
                self.skip(i, "a date, not a quantity")
                continue
            prev = last_in_sentence.get(self.sentence[i])
            before, after = self.context(i)
            self.befores[i] = before
            carried = prev if prev is not None else (
                last if self.continues(before, after) else None)
            last_in_sentence[self.sentence[i]] = i
            last = i
            if self.distributive(i, prev, before, after):
                continue
            if carried is not None and i not in self.multipliers:
                self.inherit_unit(i, carried)
            self.members_of_group(i, before)
            self.assign_one(i, prev, before, after)

    def assign_one(self, i: int, prev: int | None, before: str, after: str) -> None:
        """The role of one quantity figure (rules 3, 5, 6 and 11)."""
        f = self.figs[i]
        subset = self.subset_word(i, before, after, prev)
        if subset is not None and prev is not None:
            self.skip(i, f"a subset of an earlier figure: {subset!r} "
                         f"{self.figs[prev].text!r}; not added")
        elif self.reverse_subset(i):
            return
        elif _LEVEL.search(self.clause_before(i)):
            self.roles[i] = _Role.LEVEL
        elif _ends_with(self.clause_before(i), _TOTAL_BEFORE) \
                or _starts_with(after, _TOTAL_AFTER):
            self.roles[i] = _Role.TOTAL
        elif any(a.startswith(("the first value of a change", "an earlier value"))
                 for a in f.assumptions) or self.earlier_after_level(i, prev, before):
            self.skip(i, "an earlier value of a quantity that changed; the later value "
                         "is used")
        elif (change := _ends_with(before, _CHANGE_BEFORE)) is not None:
            self.skip(i, f"a change of a level ({change!r}), not a part of it; not added")
        else:
            more = _starts_with(after, _ADD_AFTER)
            rest = after[len(more) + 1 :] if more else after
            leaves = (_ends_with(before, _WITHDRAW_BEFORE)
                      or _starts_with(rest, _WITHDRAW_AFTER))
            joined = prev is not None and _ends_with(before, _ADD_BEFORE)
            self.roles[i] = (_Role.WITHDRAW if leaves else _Role.JOIN if joined
                             else _Role.NEW)
            self.candidates.append(i)

    def context(self, i: int) -> tuple[str, str]:
        """The normalised words between the figure before and figure ``i``, and the
        (at most 40) characters after it."""
        figs, text = self.figs, self.text
        f = figs[i]
        before = _norm(text[figs[i - 1].span[1] if i else 0 : f.span[0]])
        nxt = figs[i + 1].span[0] if i + 1 < len(figs) else len(text)
        return before, _norm(text[f.span[1] : min(nxt, f.span[1] + 40)])

    def clause_before(self, i: int) -> str:
        """The normalised words before figure ``i`` in its clause: after the figure
        before it and after the last comma, colon or semicolon ("480 staff overall:
        300 drivers": "overall" is not before "300")."""
        start = self.figs[i - 1].span[1] if i else 0
        return _norm(re.split(r"[,;:()—]", self.text[start : self.figs[i].span[0]])[-1])

    @staticmethod
    def continues(before: str, after: str) -> bool:
        """Whether a figure continues the one before it across a sentence end
        ("Another 300 followed", "400 more")."""
        return bool(_ends_with(before, _CONTINUE_BEFORE) or _starts_with(after, _ADD_AFTER))

    def inherit_unit(self, i: int, prev: int) -> None:
        """Rule 2: a figure with no unit or noun counts what the figure it continues
        counts (an assumption, noted)."""
        f, p = self.figs[i], self.figs[prev]
        if f.unit is None and f.noun is None and p.unit:
            self.figs[i] = replace(f, unit=p.unit, assumptions=(
                *f.assumptions, f"counts {p.unit}, like {p.text!r} before it (no noun of "
                "its own)"))

    def subset_word(self, i: int, before: str, after: str, prev: int | None) -> str | None:
        """Rule 3: the words that make figure ``i`` a subset of the one before it."""
        if prev is None:
            return None
        return (_ends_with(before, _SUBSET_BEFORE) or _starts_with(after, _SUBSET_AFTER)
                or self.opens_with_whole(prev))

    def opens_with_whole(self, prev: int) -> str | None:
        """Whether figure ``prev`` opens its clause with "of the" ("Of the 10,000
        deployed, ..."): the words between the clause start and it."""
        p = self.figs[prev]
        start = self.figs[prev - 1].span[1] if prev else 0
        pieces = re.split(r"[,;:.!?()—]", self.text[start : p.span[0]])
        if len(pieces) == 1 and prev and self.sentence[prev - 1] == self.sentence[prev]:
            return None  # "two brigades of 3,000": "of" after a figure opens no clause
        words = _norm(pieces[-1])
        return words if words in _WHOLE_BEFORE else None

    def reverse_subset(self, i: int) -> bool:
        """Rule 3: "300 of the 5,000 troops": the figure before ``i``, right before
        "of the", is a subset of ``i`` (when it counts the same or has no unit)."""
        if i == 0 or self.befores.get(i) not in _SUBSET_BETWEEN or i - 1 in self.multipliers:
            return False
        p, f = self.figs[i - 1], self.figs[i]
        if p.kind == FigureKind.DATE or p.unit not in (None, f.unit):
            return False
        if i - 1 in self.candidates:
            self.candidates.remove(i - 1)
            self.roles.pop(i - 1, None)
            self.skip(i - 1, f"a subset of a later figure: {p.text!r} of {f.text!r}; not "
                             "added")
            self.roles[i] = _Role.NEW
            self.candidates.append(i)
            return True
        return False

    def distributive(self, i: int, prev: int | None, before: str, after: str) -> bool:
        """Rule 4: "two battalions of 800 each", "each of the three camps holds about
        2,000": figure ``i`` is multiplied by the count ``prev``, which is skipped.
        "at 500 apiece" is a price per item: skipped. Whether ``i`` was handled."""
        each_after = _starts_with(after, _EACH_AFTER)
        each_before = prev is not None and _ends_with(self.befores.get(prev, ""),
                                                       _EACH_BEFORE)
        if not each_after and not each_before:
            return False
        if each_after and _ends_with(before, _RATE_BEFORE):
            self.skip(i, f"a price or rate per item ({before.split()[-1]!r} ... "
                         f"{each_after!r}), not a count; not added")
            return True
        if prev is None or prev not in self.candidates:
            return False
        count = self.figs[prev]
        if count.kind != FigureKind.EXACT or not isinstance(count.point, float) \
                or not count.point.is_integer() or count.point < 1:
            return False
        self.candidates.remove(prev)
        self.roles.pop(prev, None)
        self.skip(prev, f"the number of groups {count.text!r}, each counted by "
                        f"{self.figs[i].text!r}; used as its multiplier")
        k = count.point
        f = self.figs[i]
        unit = f.unit
        self.figs[i] = replace(f, assumptions=(
            *f.assumptions, f"{k:g} × {f.text!r} ({count.text!r}, each): one figure for "
            "every group, so the groups vary together (a modelling choice)"))
        self.multipliers[i] = k
        if unit is None:  # "two battalions of 800 each": 800 counts no battalions
            carrier = self.carrier_before(prev)
            if carrier is not None:
                self.inherit_unit(i, carrier)
            elif count.noun and count.noun.split()[-1].lower() in _PEOPLE_GROUPS:
                self.members_of_group(i, f"{count.noun.split()[-1].lower()} of")
        self.roles[i] = _Role.NEW
        self.candidates.append(i)
        return True

    def members_of_group(self, i: int, before: str) -> None:
        """A figure with no noun after a group of people and "of" ("a battalion of
        600") counts people (an assumption, noted)."""
        f = self.figs[i]
        words = before.split()
        if f.unit is None and f.noun is None and len(words) >= 2 and words[-1] == "of" \
                and words[-2] in _PEOPLE_GROUPS:
            self.figs[i] = replace(f, unit="person", assumptions=(
                *f.assumptions, f"counts the people of a {words[-2]!r} (no noun of its "
                "own)"))

    def carrier_before(self, prev: int) -> int | None:
        """The quantity figure before ``prev`` in its sentence, if any."""
        for j in range(prev - 1, -1, -1):
            if self.sentence[j] != self.sentence[prev]:
                return None
            if self.figs[j].kind != FigureKind.DATE:
                return j
        return None

    def earlier_after_level(self, i: int, prev: int | None, before: str) -> bool:
        """Rule 6: "to 9,000 from 6,500": a "from" value right after a stated level."""
        if prev is None or self.roles.get(prev) not in (_Role.TOTAL, _Role.LEVEL):
            return False
        text = self.figs[i].text.lower()
        return bool(_ends_with(before, _EARLIER_BEFORE)) or text.startswith("from ")

    def settle_levels(self) -> None:
        """Rule 5: a level ("raising the force to 12,000") is the part, and the figures
        of its sentence are changes of it, when they are marked as more ("3,000 more
        troops") or add up to less than it ("sent 300, taking the number to 1,000");
        else it is a stated total (a cross-check of them)."""
        for i, role in list(self.roles.items()):
            if role != _Role.LEVEL:
                continue
            same = [j for j in self.candidates if self.sentence[j] == self.sentence[i]]
            changes = [j for j in same if j < i and self.marked_more(j)]
            if not changes and same and _falls_short(
                    [self.figs[j] for j in same], self.figs[i]):
                changes = same
            if not changes:
                self.roles[i] = _Role.TOTAL
                continue
            for j in changes:
                self.candidates.remove(j)
                self.roles.pop(j, None)
                self.skip(j, f"a change of the level {self.figs[i].text!r} that the "
                             "sentence states; not added to it")
            self.roles[i] = _Role.NEW
            self.candidates.append(i)
        self.candidates.sort()

    def marked_more(self, j: int) -> bool:
        before = set(self.befores.get(j, "").split()[-3:])
        words = set(_norm(self.figs[j].text).split())
        return bool((before | words) & _MORE_WORDS)

    def stated_total_alone(self, target: str | None) -> list[int]:
        """When nothing else is left to add: the last stated total in the total's unit
        is the total (taken out of ``skipped``)."""
        stated = [i for i, r in self.roles.items() if r == _Role.TOTAL
                  and (target is None or _unit_mismatch(self.figs[i], target) is None)]
        if not stated:
            return []
        i = max(stated)
        self.roles[i] = _Role.NEW
        f = self.figs[i]
        self.figs[i] = replace(f, assumptions=(
            *f.assumptions, "the total the text states; no parts of it to add"))
        return [i]

    def estimate(self, i: int, reading: Reading | None) -> Estimate:
        est = self.figs[i].estimate(reading)
        k = self.multipliers.get(i)
        return est if k is None else k * est


def _ends(f: Figure) -> tuple[float, float] | None:
    """The stated low and high numbers of a figure (None for a vague one)."""
    low = f.low if f.low is not None else f.point
    high = f.high if f.high is not None else f.point
    if isinstance(low, float) and isinstance(high, float):
        return low, high
    return None


def _falls_short(parts: list[Figure], level: Figure) -> bool:
    """Whether ``parts`` surely add up to less than ``level`` (by their stated
    numbers; an open bound or a vague figure is never short)."""
    ends = [_ends(f) for f in parts]
    lvl = _ends(level)
    if lvl is None or any(e is None for e in ends) or any(
            f.kind == FigureKind.LOWER_BOUND for f in parts):
        return False
    return sum(e[1] for e in ends if e is not None) < lvl[0]


def _agents_as_people(roles: _Roles) -> None:
    """Rule 7: beside a figure that surely counts people, a figure whose noun is an
    agent noun that usually does ("40 welders") counts people too (noted)."""
    figs = roles.figs
    if not any(figs[i].unit == "person" for i in roles.candidates):
        return
    for i in roles.candidates:
        f = figs[i]
        if f.unit in (None, "person") or not f.noun:
            continue
        rule = headcount_rule(f.noun.split()[-1])
        if rule is not None and not rule[1]:
            figs[i] = replace(f, unit="person", assumptions=(
                *f.assumptions, f"{f.noun.split()[-1]!r} read as people ({rule[0]}, an "
                "agent noun), like the other figures"))


def _rivals_in_unit(roles: _Roles, alternatives: list[Alternatives], target: str | None
                    ) -> list[Alternatives]:
    """Rule 10: the groups of rival estimates in the total's unit; all rival figures
    leave the candidates, those in another unit are skipped with the reason."""
    rivals = {f.span for a in alternatives for f in a.figures}
    roles.candidates = [i for i in roles.candidates if roles.figs[i].span not in rivals]
    kept: list[Alternatives] = []
    for a in alternatives:
        reason = _unit_mismatch(a.figures[0], target)
        if reason is None:
            kept.append(a)
            continue
        for f in a.figures:
            roles.skipped.append(Skipped(f, f"a rival estimate ({a.rule}) that {reason}"))
    return kept


def _addable(roles: _Roles, target: str | None) -> list[int]:
    """Rules 7 and 8: the candidates in the total's unit that repeat no figure already
    used; the others go to ``roles.skipped`` with the reason."""
    figs, sentence = roles.figs, roles.sentence
    used: list[int] = []
    for i in roles.candidates:
        f = figs[i]
        reason = _unit_mismatch(f, target)
        if reason:
            roles.skip(i, reason)
            continue
        repeat = next((j for j in used if sentence[j] != sentence[i] and _same(figs[j], f)
                       and i not in roles.multipliers), None)
        if repeat is not None:
            roles.skip(i, f"repeats {figs[repeat].text!r} from an earlier sentence; "
                          "counted once")
            continue
        used.append(i)
    return used


def _withdrawals(roles: _Roles, used: list[int]) -> tuple[list[int], list[int]]:
    """Rule 11: the figures that leave the total and come out of a part before them
    (noted), and those with no part before them (skipped with the reason)."""
    subtract: list[int] = []
    dropped: list[int] = []
    for i in used:
        if roles.roles.get(i) != _Role.WITHDRAW:
            continue
        if any(j < i and roles.roles.get(j) != _Role.WITHDRAW for j in used):
            f = roles.figs[i]
            roles.figs[i] = replace(f, assumptions=(
                *f.assumptions, "leaves: subtracted from the figures before it"))
            subtract.append(i)
        else:
            dropped.append(i)
            roles.skip(i, "leaves, but no figure before it counts what it leaves; not "
                          "added")
    return subtract, dropped


def _restated_vague(figs: list[Figure], used: list[int]) -> dict[int, int]:
    """Rule 9: the vague figures whose noun shares a word with a precise figure's,
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
    figs = roles.figs
    cross: list[CrossCheck] = []
    for i, j in restated.items():
        group = next(g for g in groups if j in g)
        names = " and ".join(repr(figs[k].text) for k in group)
        roles.skip(i, f"restates {names}, given precisely elsewhere (same noun); kept as "
                      "a cross-check")
        cross.append(_check(figs[i], [estimates[k] for k in group], reading,
                            f"{figs[i].text!r} restates {names}"))
    for i, role in roles.roles.items():
        if role != _Role.TOTAL:
            continue
        try:
            cross.append(_check(figs[i], list(estimates.values()), reading,
                                f"the text states a total: {figs[i].text!r}"))
        except RangesError as err:
            roles.skip(i, f"states a total that cannot be compared: {err}")
            continue
        roles.skip(i, "states the total itself; used as a cross-check")
    return cross


def _check(fig: Figure, parts: list[Estimate], reading: Reading | None,
           what: str) -> CrossCheck:
    stated = _stated(fig.estimate(reading))
    computed = _stated(_sum(parts))
    ok = stated[0] <= computed[1] and computed[0] <= stated[1]
    message = (f"{what}: stated {stated[0]:,.0f}–{stated[1]:,.0f}, parts add to "
               f"{computed[0]:,.0f}–{computed[1]:,.0f}: "
               + ("consistent" if ok else "INCONSISTENT"))
    return CrossCheck(fig, stated, computed, ok, message)


def _same(a: Figure, b: Figure) -> bool:
    """Whether two figures state the same numbers in the same unit ("about 12,000
    officers" restates "12,000 officers")."""
    return (a.low, a.high, a.point, a.unit) == (b.low, b.high, b.point, b.unit)


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the "." at ``dot`` ends an abbreviation ("U.S.", "Lt.", "approx.", an
    initial "J.") rather than a sentence."""
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "(\"'“":
        start -= 1
    word = text[start:dot]
    if not word:
        return False
    if word.lower() in _ABBREVIATIONS:
        return True
    if "." in word and _DOTTED.fullmatch(word):
        return True  # "U.S", "e.g"
    return len(word) == 1 and word.isupper()  # an initial


def _sentences(text: str, figures: list[Figure]) -> list[int]:
    """Sentence number of each figure (a new sentence when the text between two
    figures holds a sentence end that does not end an abbreviation)."""
    out: list[int] = []
    s = 0
    prev_end = 0
    for f in figures:
        if out and any(text[m.start()] != "." or not _is_abbreviation(text, m.start())
                       for m in _SENTENCE_END.finditer(text, prev_end, f.span[0] + 2)):
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
    try:  # the rules of addition itself (64 GB and 5% are both dimensionless to pint)
        units.combine_add(b, a)
    except RangesError as err:
        return f"counts {fig.unit}, not {target}: {err}"
    return None
