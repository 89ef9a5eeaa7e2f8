"""Words around a number that look like typos, and the messages that refuse them.

The expression grammar (:mod:`ranges.text._parse`) asks two questions here:

* :func:`glued_word_problem`: a word glued to a number ("5km", "12kk") must be a
  scale word (read by the tokenizer) or a unit symbol people write that way (the
  ``[glued]`` section of ``data/text_words.toml``); anything else is refused with a
  "did you mean" suggestion drawn from those words (:func:`difflib.get_close_matches`),
  or with the way to write a unit apart ("12 tanks").
* :func:`scale_word_meant`: a word after a number that is a plural or a misspelling
  of a scale word ("5 thousands troops", "5 milion troops") would otherwise be read
  as part of the unit and the scale lost; the grammar refuses it with the scale word
  meant, and refuses a scale word written after the unit ("5 USD million") with the
  ways to write it (:func:`misplaced_scale_message`).

>>> glued_word_problem("kk", "12")
"'kk' glued to 12 is not a scale word or a unit symbol: did you mean '12k'?"
>>> glued_word_problem("km", "3") is None
True
>>> scale_word_meant("milion"), scale_word_meant("troops")
('million', None)
"""

from __future__ import annotations

import difflib
from typing import Final

from ranges.text._tokens import SCALE_WORDS
from ranges.text._words import ORDINALS, W

__all__ = ["GLUED_UNITS", "glued_word_problem", "misplaced_scale_message", "scale_word_meant"]

#: unit symbols that may be glued to a number ("5km"), as written (case matters: MW, mW)
GLUED_UNITS: Final = frozenset(W["glued"]["units"])
# The scale words as suggested ("b" and "m" are read too, but "bn" and "m" say it).
# the scale words a misspelling is likely of: not "b", nor the regional ones ("12tanks"
# is no "12lakhs")
_SCALES_SUGGESTED: Final = tuple(sorted(
    SCALE_WORDS - {"b", "bln", "mln", "tln", "lakh", "lakhs", "crore", "crores"}))
# Lower-cased word -> the words as written, for suggestions whatever the case typed.
_SUGGESTIONS: Final[dict[str, list[str]]] = {}
for _word in (*_SCALES_SUGGESTED, *sorted(GLUED_UNITS)):
    _SUGGESTIONS.setdefault(_word.lower(), []).append(_word)
# Scale words written out, which a typo or a plural hides inside a unit.
_LONG_SCALES: Final = ("thousand", "million", "billion", "trillion")
# How close a word must be to a written-out scale word to be taken for a misspelling
# of it: one letter dropped or added ("milion", "thousnad" is not), never a word that
# differs by a letter ("bullion", "pillion").
_SCALE_CUTOFF: Final = 0.9


def glued_word_problem(word: str, number: str) -> str | None:
    """Why ``word`` cannot be glued to the number written ``number``, with what was
    probably meant; None when it is a unit symbol people write that way.

    >>> glued_word_problem("kms", "3")
    "'kms' glued to 3 is not a scale word or a unit symbol: did you mean '3km' or '3ms'?"
    >>> print(glued_word_problem("tanks", "12"))
    'tanks' glued to 12 is not a scale word or a unit symbol (k, m, bn, thousand, million, \
km, kg, MW...); write a unit apart from the number: '12 tanks'
    """
    if word in GLUED_UNITS:
        return None
    if word.lower() in ORDINALS:
        return f"'{number}{word}' is an ordinal (a rank), not a quantity"
    problem = f"{word!r} glued to {number} is not a scale word or a unit symbol"
    close = _closest(word.lower())
    options = [f"'{number} {written}'" if written in _LONG_SCALES else f"'{number}{written}'"
               for key in close for written in _SUGGESTIONS[key]]
    if options:
        return f"{problem}: did you mean {_either(options[:3])}?"
    return (f"{problem} (k, m, bn, thousand, million, km, kg, MW...); write a unit apart "
            f"from the number: '{number} {word}'")


def _closest(lower: str) -> list[str]:
    """The (at most three) suggestion keys closest to ``lower``, those with the same
    first letter first among equally close ones."""
    close = difflib.get_close_matches(lower, _SUGGESTIONS, n=6, cutoff=0.6)

    def rank(key: str) -> tuple[float, bool, str]:
        ratio = difflib.SequenceMatcher(None, lower, key).ratio()
        return -ratio, key[:1] != lower[:1], key

    return sorted(close, key=rank)[:3]


def scale_word_meant(word: str) -> str | None:
    """The scale word that ``word`` is a plural or a misspelling of, or None.

    >>> scale_word_meant("Thousands"), scale_word_meant("bullion")
    ('thousand', None)
    """
    lower = word.lower()
    if lower.endswith("s") and lower[:-1] in _LONG_SCALES:
        return lower[:-1]
    if lower in SCALE_WORDS:
        return None
    close = difflib.get_close_matches(lower, _LONG_SCALES, n=1, cutoff=_SCALE_CUTOFF)
    return close[0] if close else None


def misplaced_scale_message(scale: str, number: str, unit: str, currency: bool) -> str:
    """How to write a scale word that came after the unit ("5 USD million").

    >>> misplaced_scale_message("million", "5", "USD", True)
    "the scale word 'million' must follow the number, before the unit: write \
'USD 5 million' or '5 million USD'"
    >>> misplaced_scale_message("thousand", "5", "troops", False)
    "the scale word 'thousand' must follow the number, before the unit: write \
'5 thousand troops'"
    """
    ways = [f"'{unit} {number} {scale}'"] if currency else []
    ways.append(f"'{number} {scale} {unit}'")
    return (f"the scale word {scale!r} must follow the number, before the unit: write "
            f"{_either(ways)}")


def _either(options: list[str]) -> str:
    """'a', 'a or b', 'a, b or c'."""
    if len(options) == 1:
        return options[0]
    return f"{', '.join(options[:-1])} or {options[-1]}"
