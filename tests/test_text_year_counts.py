"""Bare numbers from 1000 to 2199: years or counts (``count_cue`` in
``ranges/text/_filters.py``, the ``[years]`` table of ``data/text_words.toml``).

A hedge before the number, a counting noun after it or after its range, or a range
partner that is no year make a count; date words ("in", "since", "by", month names,
"the 1990 census", "from 1990 to 2000", "the 1990s", "2019-20") keep a year. A count
read over a plausible year records why in ``assumptions``.
"""

from __future__ import annotations

import pytest

import ranges as rg
from ranges.text._words import COUNT_AFTER, YEAR_NOUNS, YEAR_STRONG_BEFORE, load_words

Row = tuple[str, str, object, object, object, str | None]


def rows(text: str) -> list[Row]:
    """(text, kind, low, high, point, unit) of every figure, dates included."""
    return [(f.text, f.kind.value, f.low, f.high, f.point, f.unit) for f in rg.extract(text)]


def figure(text: str, written: str) -> rg.Figure:
    found = [f for f in rg.extract(text) if f.text == written]
    assert len(found) == 1, rows(text)
    return found[0]


# -- counts --------------------------------------------------------------------------
# (text, figure as written, kind, low, high, point, unit)
COUNTS = [
    # a hedge before the number
    ("more than 2000 people came", "more than 2000 people", "lower_bound",
     None, None, 2000.0, "person"),
    ("up to 1800 workers", "up to 1800 workers", "upper_bound", None, None, 1800.0,
     "person"),
    ("over 1500 km", "over 1500 km", "lower_bound", None, None, 1500.0, "km"),
    ("nearly 1200 homes", "nearly 1200 homes", "approx", None, None, 1200.0, "home"),
    ("about 2000 of them", "about 2000", "approx", None, None, 2000.0, None),
    ("some 1900 soldiers", "some 1900 soldiers", "approx", None, None, 1900.0, "person"),
    ("up to 2100 tonnes", "up to 2100 tonnes", "upper_bound", None, None, 2100.0,
     "tonne"),
    ("at least 1800", "at least 1800", "lower_bound", None, None, 1800.0, None),
    ("as many as 1500 died", "as many as 1500", "upper_bound", None, None, 1500.0, None),
    ("the index fell by more than 2000 points", "more than 2000 points", "lower_bound",
     None, None, 2000.0, "point"),
    ("in more than 2000 cases", "more than 2000 cases", "lower_bound", None, None,
     2000.0, "case"),
    # a date-word hedge with a counting noun after it
    ("around 2000 people attended", "around 2000 people", "approx", None, None, 2000.0,
     "person"),
    ("circa 1500 soldiers", "circa 1500 soldiers", "approx", None, None, 1500.0,
     "person"),
    # a range partner that is no year
    ("between 1000 and 5000 troops", "between 1000 and 5000 troops", "range", 1000.0,
     5000.0, None, "person"),
    ("1000-5000 people", "1000-5000 people", "range", 1000.0, 5000.0, None, "person"),
    ("between 1500 and 2500 people", "between 1500 and 2500 people", "range", 1500.0,
     2500.0, None, "person"),
    ("The number range is 1000 – 5000", "1000 – 5000", "range", 1000.0, 5000.0, None,
     None),
    ("from 1500 to 2000 km", "from 1500 to 2000 km", "range", 1500.0, 2000.0, None,
     "km"),
    # a counting noun after the number or after the range
    ("between 1000 and 1500 workers", "between 1000 and 1500 workers", "range", 1000.0,
     1500.0, None, "person"),
    ("1200-1500 people", "1200-1500 people", "range", 1200.0, 1500.0, None, "person"),
    ("1500 to 2000 troops", "1500 to 2000 troops", "range", 1500.0, 2000.0, None,
     "person"),
    ("the 2000 people who came", "2000 people", "exact", None, None, 2000.0, "person"),
    ("a crowd of 2000 people", "2000 people", "exact", None, None, 2000.0, "person"),
    ("the population rose to 2000 people", "2000 people", "exact", None, None, 2000.0,
     "person"),
    ("1200 homes were built", "1200 homes", "exact", None, None, 1200.0, "home"),
    # words after it that count
    ("2000 or more", "2000 or more", "lower_bound", None, None, 2000.0, None),
    ("2000 of them", "2000", "exact", None, None, 2000.0, None),
    # a separator, currency, percent or scale: never a year
    ("1,500 people", "1,500 people", "exact", None, None, 1500.0, "person"),
    ("it cost $1500", "$1500", "exact", None, None, 1500.0, "USD"),
    ("a 1500% rise", "1500%", "exact", None, None, 1500.0, "percent"),
    ("1500 million", "1500 million", "exact", None, None, 1.5e9, None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "written", "kind", "low", "high", "point", "unit"),
                         COUNTS, ids=[c[0] for c in COUNTS])
def test_a_year_like_number_with_a_count_cue_is_a_count(
        text: str, written: str, kind: str, low: float | None, high: float | None,
        point: float | None, unit: str | None) -> None:
    assert written in [r[0] for r in rows(text)], rows(text)
    f = figure(text, written)
    assert (f.kind, f.low, f.high, f.point, f.unit) == (kind, low, high, point, unit)
    assert not any(r[1] == "date" for r in rows(text)), rows(text)


# -- dates ---------------------------------------------------------------------------
# (text, date as written, first day, last day, the quantities beside it)
DATES = [
    ("in 2019, 1200 homes were built", "in 2019", "2019-01-01", "2019-12-31",
     [("1200 homes", "exact", None, None, 1200.0, "home")]),
    ("in 2019 1200 homes were built", "in 2019", "2019-01-01", "2019-12-31",
     [("1200 homes", "exact", None, None, 1200.0, "home")]),
    ("the 1990 census counted 1400 people", "1990", "1990-01-01", "1990-12-31",
     [("1400 people", "exact", None, None, 1400.0, "person")]),
    ("by 2030 emissions will fall", "by 2030", None, "2030-12-31", []),
    ("since 1999 nothing changed", "since 1999", "1999-01-01", None, []),
    ("the 2016 election was close", "2016", "2016-01-01", "2016-12-31", []),
    ("the 2016 elections were close", "2016", "2016-01-01", "2016-12-31", []),
    ("May 2011 was wet", "May 2011", "2011-05-01", "2011-05-31", []),
    ("between 2001 and 2005", "between 2001 and 2005", "2001-01-01", "2005-12-31", []),
    ("from 1990 to 2000 the number rose", "from 1990 to 2000", "1990-01-01",
     "2000-12-31", []),
    ("from 1990 to 2000 prices rose", "from 1990 to 2000", "1990-01-01", "2000-12-31",
     []),
    ("2010-2015 was a period of growth", "2010-2015", "2010-01-01", "2015-12-31", []),
    ("the 1990s were good", "1990s", "1990-01-01", "1999-12-31", []),
    ("the 2019-20 season", "2019-20", "2019-01-01", "2020-12-31", []),
    ("in the year 2000 we won", "2000", "2000-01-01", "2000-12-31", []),
    ("2000 was a leap year", "2000", "2000-01-01", "2000-12-31", []),
    ("in 2000 people voted", "in 2000", "2000-01-01", "2000-12-31", []),
    ("around 2000 the market crashed", "around 2000", "2000-01-01", "2000-12-31", []),
    ("c. 1500 he died", "1500", "1500-01-01", "1500-12-31", []),
    ("the deal runs until at least 2030.", "2030", "2030-01-01", "2030-12-31", []),
    ("since about 1990 it grew", "1990", "1990-01-01", "1990-12-31", []),
    ("emissions fell 40% below 1990 levels", "1990", "1990-01-01", "1990-12-31",
     [("40%", "exact", None, None, 40.0, "percent")]),
    ("the 2011 riots shook the city", "2011", "2011-01-01", "2011-12-31", []),
    ("prices rose in 2010 to 5000", "in 2010", "2010-01-01", "2010-12-31",
     [("5000", "exact", None, None, 5000.0, None)]),
    ("by 2030, 1500 people will move", "by 2030", None, "2030-12-31",
     [("1500 people", "exact", None, None, 1500.0, "person")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "written", "first", "last", "quantities"), DATES,
                         ids=[d[0] for d in DATES])
def test_a_year_in_date_words_stays_a_date(
        text: str, written: str, first: str | None, last: str | None,
        quantities: list[Row]) -> None:
    found = rows(text)
    dates = [r for r in found if r[1] == "date"]
    assert [(r[0], r[2], r[3]) for r in dates] == [(written, first, last)], found
    assert [r for r in found if r[1] != "date"] == quantities


# -- the assumption recorded -----------------------------------------------------------
@pytest.mark.parametrize(("text", "written", "number", "why"), [
    ("more than 2000 people came", "more than 2000 people", "2000",
     "the hedge 'more than' before it"),
    ("at least 1800", "at least 1800", "1800", "the hedge 'at least' before it"),
    ("1200-1500 people", "1200-1500 people", "1200", "'people' after it"),
    ("the 2000 people who came", "2000 people", "2000", "'people' after it"),
    ("2000 or more", "2000 or more", "2000", "'or more' after it"),
])  # fmt: skip
def test_a_count_read_over_a_plausible_year_says_so(text: str, written: str, number: str,
                                                    why: str) -> None:
    f = figure(text, written)
    notes = [a for a in f.assumptions if "not a year" in a]
    assert notes == [f"{number} read as a count, not a year: {why}"], f.assumptions


@pytest.mark.parametrize(("text", "written"), [
    ("1000-5000 people", "1000-5000 people"),      # 5000 is no year: never plausible
    ("some 1900 soldiers", "some 1900 soldiers"),  # no year words around it
    ("he bought 1500 shares", "1500 shares"),
    ("1,500 people", "1,500 people"),
])  # fmt: skip
def test_a_count_no_year_reading_competed_with_has_no_note(text: str, written: str) -> None:
    f = figure(text, written)
    assert not any("not a year" in a for a in f.assumptions), f.assumptions


# -- the tables ------------------------------------------------------------------------
def test_the_year_words_are_the_word_file_tables() -> None:
    years = load_words()["years"]
    assert frozenset(years["strong_before"]) == YEAR_STRONG_BEFORE
    assert frozenset(years["year_nouns"]) == YEAR_NOUNS
    assert ("of", "them") in [row[0] for row in COUNT_AFTER["of"]]
    assert {"in", "since", "by"} <= YEAR_STRONG_BEFORE
    assert "the" not in YEAR_STRONG_BEFORE  # "the 2000 people" may count


@pytest.mark.parametrize(("text", "low", "high"), [
    ("It weighed 1500 ± 20 kg.", 1480, 1520),
    ("Output was 1200 +- 150 kg.", 1050, 1350),
])  # fmt: skip
def test_a_margin_after_a_year_like_number_makes_it_a_measure(text: str, low: float,
                                                              high: float) -> None:
    # was the year 1500 and a separate "20 kg": a confident wrong figure
    [f] = rg.extract(text)
    assert (f.kind.value, f.low, f.high) == ("plus_minus", low, high)
