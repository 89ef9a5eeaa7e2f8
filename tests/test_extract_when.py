"""Which quantity each date in a text dates (Figure.when, set by rg.extract): a table of
sentences written for this test, each with the window every quantity must get."""

from __future__ import annotations

import pytest

import ranges as rg

REFERENCE = "2025-06-01"
FALL = ("2024-09-01", "2024-11-30")
THIS_YEAR = ("2025-01-01", "2025-06-01")
Y2011 = ("2011-01-01", "2011-12-31")

#: (sentence, {quantity figure text: window or None}) for every quantity figure
CASES: list[tuple[str, dict[str, tuple[str, str] | None]]] = [
    # a date opening the clause dates its first quantity
    ("Last fall, some 10,000-12,000 troops were sent north.",
     {"some 10,000-12,000 troops": FALL}),
    ("In 2011, about 1,000 sappers cleared the fields.", {"about 1,000 sappers": Y2011}),
    # a date right after a quantity dates it
    ("An additional 3,000-4,000 soldiers arrived earlier this year.",
     {"3,000-4,000 soldiers": THIS_YEAR}),
    ("Another 6,000 troops may follow as early as July or August.",
     {"6,000 troops": ("2025-07-01", "2025-08-31")}),
    ("About 1,000 sappers cleared the fields in 2011.", {"About 1,000 sappers": Y2011}),
    ("Between 300 and 500 trucks crossed last week.",
     {"Between 300 and 500 trucks": ("2025-05-19", "2025-05-25")}),
    # two quantities, two dates: each clause its own
    ("5,000 refugees crossed in May and 3,000 more in June.",
     {"5,000 refugees": ("2025-05-01", "2025-05-31"), "3,000": ("2025-06-01", "2025-06-30")}),
    ("In May 5,000 refugees crossed, but in June only 800 did.",
     {"5,000 refugees": ("2025-05-01", "2025-05-31"), "800": ("2025-06-01", "2025-06-30")}),
    # a stock in one clause, a dated flow in the next
    ("The army has 40,000 troops; last year it recruited 5,000 more.",
     {"40,000 troops": None, "5,000": ("2024-01-01", "2024-12-31")}),
    ("Officials said 2,500 people were evacuated last month, and 900 were still missing.",
     {"2,500 people": ("2025-05-01", "2025-05-31"), "900": None}),
    # never across a sentence end
    ("The storm hit last fall. Some 400 homes were damaged.", {"Some 400 homes": None}),
    # a date with no first day ("by March") dates nothing
    ("By March, 200 tanks had been delivered.", {"200 tanks": None}),
    # two dates claim one quantity: not guessed
    ("In 2011, 1,000 sappers arrived in March.", {"1,000 sappers": None}),
    # the nearest date wins; a date after another date dates nothing
    ("The 2,000 workers hired in 2019 left in 2021.",
     {"2,000 workers": ("2019-01-01", "2019-12-31")}),
    # a year that is a quantity is no date
    ("2011 troops were counted in the square.", {"2011 troops": None}),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_each_quantity_gets_its_window(text: str,
                                       expected: dict[str, tuple[str, str] | None]) -> None:
    figures = rg.extract(text, reference_date=REFERENCE)
    got = {f.text: f.when for f in figures if f.is_quantity}
    assert got == expected


def test_the_score_over_the_table_is_perfect() -> None:
    right = total = 0
    for text, expected in CASES:
        got = {f.text: f.when for f in rg.extract(text, reference_date=REFERENCE)
               if f.is_quantity}
        for key, window in expected.items():
            total += 1
            right += got.get(key, "missing") == window
    assert (right, total) == (19, 19)


def test_the_attachment_is_an_assumption_of_the_figure() -> None:
    (troops,) = [f for f in rg.extract(CASES[0][0], reference_date=REFERENCE) if f.is_quantity]
    assert troops.assumptions[-1] == "dated by 'Last fall': 2024-09-01 to 2024-11-30"
    assert "dated by 'Last fall'" in " ".join(troops.estimate().summary().assumptions)
    (sappers,) = [f for f in rg.extract(CASES[12][0], reference_date=REFERENCE)
                  if f.is_quantity]
    assert sappers.assumptions[-1] == "not dated: 'In 2011' and 'in March' could each date it"


def test_dates_are_still_returned_and_unresolved_dates_date_nothing() -> None:
    figures = rg.extract("Last fall, 10,000 troops were sent.")  # no reference date
    assert [f.kind.value for f in figures] == ["date", "exact"]
    assert figures[1].when is None
    assert "gives no first and last day" in figures[1].assumptions[-1]


def test_figures_made_by_hand_have_no_window() -> None:
    assert rg.Figure("5 troops", (0, 8), "exact", None, None, 5.0).when is None
