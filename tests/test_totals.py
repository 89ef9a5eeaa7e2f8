"""Tests of ranges.total: the labelled sums with subset traps, the seed article's
deployments, skipped figures with reasons, cross-checks and units."""

from __future__ import annotations

import pytest
from corpus_tools import load

import ranges as rg

SUMS = load()["sums"]


@pytest.mark.parametrize(("text", "low", "high", "used"), SUMS, ids=lambda x: str(x)[:40])
def test_labelled_sums(text: str, low: float, high: float, used: int) -> None:
    t = rg.total(text)
    assert len(t.figures) == used, t.report()
    b = t.bounds()
    assert b.low == pytest.approx(low) and b.high == pytest.approx(high), t.report()


def test_subset_is_skipped_with_its_reason() -> None:
    t = rg.total("The army reported 4,700 casualties, around 600 of them fatalities.")
    (skip,) = t.skipped
    assert skip.figure.point == 600.0 and "subset" in skip.reason and "of them" in skip.reason


def test_stated_total_is_a_cross_check_not_a_part() -> None:
    t = rg.total("Crews cleared 2,000 mines in May and 2,500 mines in June, "
                 "a total of 4,500 mines.")
    assert t.bounds() == rg.Interval(4500, 4500)
    (check,) = t.cross_checks
    assert check.consistent and check.stated == (4500, 4500)
    bad = rg.total("Crews cleared 2,000 mines and 2,500 mines, a total of 9,000 mines.")
    assert not bad.cross_checks[0].consistent
    assert "INCONSISTENT" in bad.cross_checks[0].message


def test_only_compatible_units_are_added() -> None:
    t = rg.total("They sent 300 troops, 40 tanks and 500 engineers.")
    assert t.bounds() == rg.Interval(800, 800)
    assert [s.figure.text for s in t.skipped] == ["40 tanks"]
    assert "tank" in t.skipped[0].reason
    tanks = rg.total("They sent 300 troops, 40 tanks and 500 engineers.", unit="tanks")
    assert tanks.bounds() == rg.Interval(40, 40)


def test_change_over_time_adds_only_the_latest_value() -> None:
    t = rg.total("Staff numbers increased from 30,000 to 100,000 workers.")
    assert t.bounds() == rg.Interval(100000, 100000)
    assert "earlier value" in t.skipped[0].reason


def test_nothing_to_add_is_a_ranges_error() -> None:
    with pytest.raises(rg.RangesError, match="no figures"):
        rg.total("The talks ended in 2011 without a deal.")


def test_total_behaves_as_its_estimate() -> None:
    t = rg.total("1,000 sappers and 5,000 workers")
    assert t.unit == "person"
    assert str(t) == str(t.estimate)
    assert t.quantile(0.5) == pytest.approx(6000)
    assert t.summary().median == pytest.approx(6000)


def test_seed_article_total_never_double_counts(article: str) -> None:
    t = rg.total(article, reference_date="2025-06-20")
    assert t.bounds() == rg.Interval(19000, 22000)
    assert [f.text for f in t.figures] == [
        "1,000 sappers", "5,000 military construction workers",
        "approximately 10,000-12,000 troops", "3,000-4,000"]
    assert [[f.point or f.low for f in g] for g in t.groups] == [[1000, 5000], [10000, 3000]]
    reasons = {s.figure.text: s.reason for s in t.skipped}
    assert "restates" in reasons["thousands of military construction workers"]
    assert "different units" in reasons["approximately one month"]
    assert reasons["last fall"] == "a date, not a quantity"
    (check,) = t.cross_checks
    assert check.consistent and check.computed == (6000, 6000)
    sent = rg.total(article[article.index("While the exact"):])
    assert sent.bounds() == rg.Interval(13000, 16000)
