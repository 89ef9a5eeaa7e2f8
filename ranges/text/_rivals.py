"""Rival estimates of one quantity in a text, for :func:`ranges.total`.

Several sources giving their own number for one quantity ("police put the crowd at
20,000; organisers said 60,000") are alternatives, never parts: adding them would
count one crowd twice. Two figures are rivals when

* each is attributed to a source: a reporting verb with the words before it as the
  source ("the ministry reports at least 300", "organisers said 60,000"), or
  "according to" with the words after it, before or after the figure (the words are
  in ``data/text_words.toml``, section ``[total]``);
* the sources differ, and the figures count the same unit;
* they are set against each other: in one sentence with a contrast between them
  ("while", "whereas", "but", a semicolon), or the later one has no noun of its own
  ("..., 6,000 according to the rebels"), or (not joined by "and") the same noun; and
  the later one is not marked as more ("another", "more").

A figure in "estimates range from 5,000 (the army) to 9,000 (local officials)" and the
figure after its "to" are rivals too (the sources in brackets).

>>> text = "Police put the crowd at 20,000; organisers said 60,000."
>>> from ranges.text._extract import extract
>>> [(g.rule, [f.text for f in g.figures]) for g in rival_groups(text, extract(text),
...                                                     [0, 0], [0, 1])]
[('different sources for one quantity (police; organisers)', ['20,000', '60,000'])]
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from typing import Final

from ranges.text._figure import Figure
from ranges.text._words import STOP, load_words

__all__ = ["Alternatives", "rival_groups"]

_T: Final = load_words()["total"]
_VERBS: Final = frozenset(_T["reporting_verbs"])
_ACCORDING: Final = tuple(" ".join(p.split()) for p in _T["according"])
_CONTRAST: Final = frozenset(_T["contrast"])
_ADDITION: Final = frozenset({"more", "another", "additional", "further", "extra"})
_ESTIMATE_NOUNS: Final = frozenset(_T["estimate_nouns"])
_SPREAD: Final = frozenset(_T["spread_verbs"])
_CLAUSE_CUT: Final = re.compile(r"[;:,()\[\]—–]|\b(?:while|whereas|but|however|although|"
                                r"though|and|that)\b", re.IGNORECASE)
_WORD: Final = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?")
_NOT_SOURCE: Final = STOP | {"the", "a", "an", "it", "crowd", "figure", "number", "toll",
                             "total", "at", "that", "this", "group", "groups"}


@dataclass(frozen=True)
class Alternatives:
    """Figures that are rival estimates of one quantity: never added together.

    ``figures`` in the order of the text, ``sources`` the source of each as the text
    names it, ``rule`` the rule that decided.

    >>> import ranges as rg
    >>> text = "Police said 2,000 people marched; organisers said 5,000 people marched."
    >>> rivals = rg.total(text).alternatives[0]
    >>> [figure.text for figure in rivals.figures], rivals.sources
    (['2,000 people', '5,000 people'], ('police', 'organisers'))
    """

    figures: tuple[Figure, ...]
    sources: tuple[str, ...]
    rule: str


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _source_words(words: list[str]) -> str:
    kept = [w for w in words if w not in _NOT_SOURCE]
    return " ".join(kept)


def _source_before(clause: str) -> str | None:
    """The source of the last reporting verb in ``clause`` (the words before it), or
    the words after "according to"."""
    low = " ".join(_words(clause))
    for phrase in _ACCORDING:
        at = low.rfind(phrase)
        if at >= 0:
            return _source_words(low[at + len(phrase):].split()) or None
    words = low.split()
    for k in range(len(words) - 1, -1, -1):
        if words[k] in _VERBS:
            return _source_words(words[:k]) or _source_words(words[k + 1:]) or None
    return None


def _source_after(clause: str) -> str | None:
    """The source named after a figure: "..., police said", "according to X"."""
    low = " ".join(_words(clause))
    for phrase in _ACCORDING:  # "700 sheep drowned according to the farmers"
        at = low.find(phrase + " ")
        if at >= 0:
            return _source_words(low[at + len(phrase):].split()) or None
    words = low.split()
    for k, w in enumerate(words[:4]):
        if w in _VERBS and k > 0:
            return _source_words(words[:k]) or None
        if w in _VERBS and k == 0 and len(words) > 1:  # "60,000, said organisers"
            return _source_words(words[1:3]) or None
    return None


def _last_clause(text: str) -> str:
    cuts = list(_CLAUSE_CUT.finditer(text))
    return text[cuts[-1].end():] if cuts else text


def _first_clause(text: str) -> str:
    m = _CLAUSE_CUT.search(text.lstrip(" ,"))
    body = text.lstrip(" ,")
    return body[: m.start()] if m else body


@dataclass
class _Attributed:
    index: int
    source: str
    sentence: int


def _attribution(text: str, figs: list[Figure], i: int, starts: list[int]) -> str | None:
    """The source of figure ``i``: in the clause before it (from the sentence start or
    the figure before), else in the words after it up to the next figure."""
    f = figs[i]
    start = max(starts[i], figs[i - 1].span[1] if i else 0)
    before = _last_clause(text[start : f.span[0]])
    first = f.text.split()[0].lower()
    if first in _VERBS:  # "the Red Cross estimated 3,500 homes": the hedge is the verb
        before = f"{before} {first}"
    source = _source_before(before)
    if source is not None:
        return source
    end = figs[i + 1].span[0] if i + 1 < len(figs) else len(text)
    after = text[f.span[1] : end]
    after = after.lstrip(" ,")
    stop = re.search(r"[,;.!?]", after)
    return _source_after(after[: stop.start()] if stop else after)


def _set_against(text: str, a: Figure, b: Figure, same_sentence: bool) -> bool:
    """Whether figure ``b`` is set against ``a``: a contrast word or a semicolon between
    them (in one sentence), or ``b`` has no noun of its own or ``a``'s noun."""
    between = text[a.span[1] : b.span[0]]
    words = set(_words(between))
    if words & _ADDITION or set(_words(b.text)) & _ADDITION:
        return False
    if same_sentence and (words & _CONTRAST or ";" in between):
        return True
    if same_sentence and "and" in words:  # "X said 300 troops and Y said 200 troops"
        return b.noun is None
    if b.noun is None:
        return True
    return a.noun is not None and a.noun.lower() == b.noun.lower()


def rival_groups(text: str, figs: list[Figure], sentence: list[int],
                 candidates: list[int]) -> list[Alternatives]:
    """The groups of rival estimates among the ``candidates`` (indices into ``figs``,
    all in the unit of the total); ``sentence`` is the sentence of each figure."""
    starts = _sentence_starts(text, figs, sentence)
    groups = _spread_groups(text, figs, candidates)
    taken = {i for g in groups for i in g[0]}
    attributed: list[_Attributed] = []
    for i in candidates:
        if i in taken:
            continue
        source = _attribution(text, figs, i, starts)
        if source is not None:
            attributed.append(_Attributed(i, source, sentence[i]))
    current: list[_Attributed] = []
    found: list[list[_Attributed]] = []
    for a in attributed:
        prev = current[-1] if current else None
        if prev is not None and a.sentence - prev.sentence <= 1 \
                and a.source not in {c.source for c in current} \
                and _same_unit(figs[prev.index], figs[a.index]) \
                and _set_against(text, figs[prev.index], figs[a.index],
                                 a.sentence == prev.sentence):
            current.append(a)
            continue
        if len(current) > 1:
            found.append(current)
        current = [a]
    if len(current) > 1:
        found.append(current)
    for g in found:
        names = "; ".join(c.source for c in g)
        groups.append(([c.index for c in g], [c.source for c in g],
                       f"different sources for one quantity ({names})"))
    groups.sort(key=lambda g: g[0][0])
    return [Alternatives(_with_shared_unit([figs[i] for i in idx]), tuple(src), rule)
            for idx, src, rule in groups]


def _same_unit(a: Figure, b: Figure) -> bool:
    """Whether ``b`` counts what ``a`` counts, or states no unit or noun at all."""
    return a.unit == b.unit or (b.unit is None and b.noun is None)


def _with_shared_unit(figs: list[Figure]) -> tuple[Figure, ...]:
    """The rival figures, those with no unit taking the unit of the first that has one
    (an assumption, noted)."""
    first = next((f for f in figs if f.unit is not None), None)
    if first is None:
        return tuple(figs)
    return tuple(
        replace(f, unit=first.unit, assumptions=(
            *f.assumptions, f"counts {first.unit}, like its rival {first.text!r} (no noun "
            "of its own)")) if f.unit is None else f
        for f in figs)


def _sentence_starts(text: str, figs: list[Figure], sentence: list[int]) -> list[int]:
    """The offset where the sentence of each figure starts (after the end of the last
    figure of the sentence before, at the sentence end found there)."""
    starts: list[int] = []
    start = 0
    for i, f in enumerate(figs):
        if i and sentence[i] != sentence[i - 1]:
            gap = text[figs[i - 1].span[1] : f.span[0]]
            m = list(re.finditer(r"[.!?]\s+|\n", gap))
            start = figs[i - 1].span[1] + (m[-1].end() if m else 0)
        starts.append(start)
    return starts


def _spread_groups(text: str, figs: list[Figure], candidates: list[int]
                   ) -> list[tuple[list[int], list[str], str]]:
    """"Estimates range from 5,000 (the army) to 9,000 (local officials)": a figure
    after an estimate noun and a spread verb ("range from"), and the figure after
    its "to", each with a source in brackets after it."""
    out: list[tuple[list[int], list[str], str]] = []
    for a, b in itertools.pairwise(candidates):
        if b != a + 1:
            continue
        fa, fb = figs[a], figs[b]
        before = _words(text[max(0, fa.span[0] - 60) : fa.span[0]] + " "
                        + fa.text.split()[0])
        if not (len(before) >= 3 and before[-1] == "from" and before[-2] in _SPREAD
                and before[-3] in _ESTIMATE_NOUNS | {"of"}) \
                and not (before[-2:-1] and before[-2] in _SPREAD
                         and set(before) & _ESTIMATE_NOUNS and before[-1] == "from"):
            continue
        between = text[fa.span[1] : fb.span[0]]
        m = re.fullmatch(r"\s*\(([^()\d]+)\)\s*to\s*", between)
        after_b = re.match(r"\s*\(([^()\d]+)\)", text[fb.span[1]:])
        if m and after_b:
            sources = [_source_words(_words(m.group(1))) or m.group(1).strip(),
                       _source_words(_words(after_b.group(1))) or after_b.group(1).strip()]
            out.append(([a, b], sources, "estimates range from one source's figure to "
                        f"another's ({'; '.join(sources)})"))
    return out
