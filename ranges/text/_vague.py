"""Vague quantity words in a token stream ("thousands of", "a few hundred", "tens of
thousands"): the one matcher that both readers of text use, the prose reader
(:func:`ranges.extract`) and the expression grammar (:func:`ranges.parse`).

The phrases are the rows of the Reading's vague table (``data/vague_quantities.toml``,
or ``Reading(vague=...)``). A *multiplier* row ("a few", "several", "a couple of")
is a vague quantity only with a scale word after it ("a few thousand"); "scores" only
with "of" after it ("scores of people", not a team's "scores").

>>> from ranges._config import defaults
>>> words = ["several", "hundred", "troops"]
>>> vague_phrase_at(lambda i: words[i] if i < len(words) else None,
...                 vague_phrases(defaults.reading), 0)
VaguePhrase(phrase='several hundred', stop=2, end=2)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from ranges.text._words import PhraseTable, phrase_table

if TYPE_CHECKING:
    from ranges.reading._policy import Reading

__all__ = ["VAGUE_SCALES", "VaguePhrase", "vague_phrase_at", "vague_phrases"]

#: the scale words a multiplier row takes ("a few thousand", "several dozen")
VAGUE_SCALES: Final = frozenset({"hundred", "thousand", "million", "billion", "dozen"})


class VaguePhrase(NamedTuple):
    """A vague quantity found in a token stream."""

    #: the words read through the table, with a multiplier row's scale word
    #: ("a few thousand"): what :meth:`ranges.Reading.read_vague` takes
    phrase: str
    #: the index after the phrase's words
    stop: int
    #: the index after the phrase and the "of" after it, when there is one
    end: int


_CACHE: dict[tuple[str, ...], PhraseTable[str]] = {}


def vague_phrases(reading: Reading) -> PhraseTable[str]:
    """The phrase table of ``reading``'s vague table: first word -> [(words,
    'multiplier' | 'plain')], longest first (cached per table).

    >>> from ranges._config import defaults
    >>> [words for words, _ in vague_phrases(defaults.reading)["hundreds"]]
    [('hundreds', 'of', 'thousands'), ('hundreds', 'of', 'millions'), ('hundreds',)]
    """
    rows: tuple[tuple[str, Any], ...] = tuple(reading.vague.items())
    key = tuple(f"{k}|{getattr(v, 'multiplier', False)}" for k, v in rows)
    table = _CACHE.get(key)
    if table is None:
        groups: dict[str, list[str]] = {"multiplier": [], "plain": []}
        for phrase, entry in rows:
            groups["multiplier" if getattr(entry, "multiplier", False) else "plain"].append(phrase)
        table = phrase_table(groups)
        if len(_CACHE) > 32:
            _CACHE.clear()
        _CACHE[key] = table
    return table


def vague_phrase_at(
    word: Callable[[int], str | None], table: PhraseTable[str], k: int
) -> VaguePhrase | None:
    """The longest vague phrase of ``table`` starting at token ``k``, or None.

    ``word(i)`` is the lower-cased word at token ``i`` (None past the end, or for a
    token that is not a word or a scale word), so the matcher reads any token list.
    """
    first = word(k)
    rows = table.get(first) if first is not None else None
    if not rows:
        return None
    found = next((row for row in rows
                  if all(word(k + m) == w for m, w in enumerate(row[0]))), None)
    if found is None:
        return None
    words, label = found
    stop = k + len(words)
    phrase = " ".join(words)
    if label == "multiplier":
        scale = word(stop)
        if scale not in VAGUE_SCALES:
            return None
        phrase = f"{phrase} {scale}"
        stop += 1
    if phrase == "scores" and word(stop) != "of":
        return None
    return VaguePhrase(phrase, stop, stop + 1 if word(stop) == "of" else stop)
