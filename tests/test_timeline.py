"""Tests of rg.timeline, Timeline.at, Timeline.fan and rg.plot.timeline: each number is
checked against a closed form, a brute-force count over arrival days, or another
engine, with the tolerance stated beside it."""

from __future__ import annotations

import datetime as dt
import itertools
import pickle
from collections.abc import Iterator
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from scipy import stats

import ranges as rg
from ranges.report import _plot_timeline as plot_timeline


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def _running_example(arrival: str = "spread") -> rg.Timeline:
    """The story: 10,000-12,000 troops last fall, 3,000-4,000 earlier this year, and
    a planned 6,000 (60% likely) in July or August."""
    return rg.timeline([
        (rg.between(10_000, 12_000, unit="troops"), ("2024-09-01", "2024-11-30"), "last fall"),
        (rg.between(3_000, 4_000, unit="troops"), ("2025-01-01", "2025-06-01"),
         "earlier this year"),
        (rg.bernoulli(0.6) * rg.exactly(6_000, unit="troops"), ("2025-07-01", "2025-08-31"),
         "July or August"),
    ], arrival=arrival)


# -- spread: closed forms -------------------------------------------------------------------
def test_spread_normals_match_the_closed_form() -> None:
    # two normal events, days 2025-01-01..01-10 (10 days) and 01-06..01-25 (20 days);
    # by 2025-01-08: 8/10 of the first and 3/20 of the second have arrived
    tl = rg.timeline([(rg.normal(1_000, 100), ("2025-01-01", "2025-01-10")),
                      (rg.normal(400, 60), ("2025-01-06", "2025-01-25"))])
    at = tl.at(dt.date(2025, 1, 8))
    mean = 0.8 * 1_000 + 0.15 * 400
    sd = float(np.hypot(0.8 * 100, 0.15 * 60))
    qs = [0.05, 0.5, 0.95]
    got = at.quantile(qs, engine="exact")
    want = stats.norm(mean, sd).ppf(qs)
    np.testing.assert_allclose(got, want, rtol=1e-9)  # closed form: sums of normals
    assert at.mean(engine="exact") == pytest.approx(mean, rel=1e-12)


def test_before_the_first_window_is_exactly_zero_and_after_the_last_the_total() -> None:
    tl = _running_example()
    before = tl.at("2024-08-31")
    assert before.is_constant and before.value == 0.0
    assert before.unit == tl.unit
    assert before.quantile(0.95) == 0.0
    after = tl.at("2026-01-01")
    qs = [0.05, 0.5, 0.95]
    np.testing.assert_allclose(after.quantile(qs, engine="exact"),
                               tl.total.quantile(qs, engine="exact"), rtol=1e-12)
    # the whole total's mean is the sum of the events' means
    assert after.mean(engine="exact") == pytest.approx(
        sum(e.estimate.mean(engine="exact") for e in tl.events), rel=1e-6)


def test_the_arrival_assumption_reaches_the_summary() -> None:
    assumptions = _running_example().at("2024-10-06").summary(engine="exact").assumptions
    text = assumptions[-1]
    # 36 of the 91 days of last fall have ended by 2024-10-06: 40%
    assert "arrival spread evenly" in text
    assert "last fall: 2024-09-01 to 2024-11-30, 40% elapsed" in text
    assert "earlier this year: 2025-01-01 to 2025-06-01, not begun" in text
    at_once = _running_example("at_once").at("2024-10-06").summary(n=2_000).assumptions
    assert "a 40% chance it has arrived" in at_once[-1]


# -- at once: brute force over arrival days ------------------------------------------------
def _brute_force_at_once(events: list[tuple[float, dt.date, int]], day: dt.date
                         ) -> dict[float, float]:
    """The exact law of the total by ``day`` when each event (value, start, days)
    arrives on one equally likely day of its window: every combination of days."""
    law: dict[float, float] = {}
    for combo in itertools.product(*(range(days) for _, _, days in events)):
        total = sum(value for (value, start, _), k in zip(events, combo, strict=True)
                    if start + dt.timedelta(days=k) <= day)
        weight = 1.0 / np.prod([days for _, _, days in events])
        law[total] = law.get(total, 0.0) + weight
    return law


def test_at_once_matches_a_brute_force_count_of_arrival_days() -> None:
    start_a, start_b = dt.date(2025, 3, 1), dt.date(2025, 3, 4)
    tl = rg.timeline([(rg.exactly(100), (start_a, start_a + dt.timedelta(days=9))),
                      (rg.exactly(50), (start_b, start_b + dt.timedelta(days=4)))],
                     arrival="at_once")
    day = dt.date(2025, 3, 5)
    law = _brute_force_at_once([(100.0, start_a, 10), (50.0, start_b, 5)], day)
    # P(A by 03-05) = 5/10, P(B by 03-05) = 2/5: the four totals 0, 50, 100, 150
    assert law[150.0] == pytest.approx(0.5 * 0.4)
    samples = tl.at(day).sample(200_000, rng=3)
    for value, chance in law.items():
        share = float(np.mean(samples == value))
        se = np.sqrt(chance * (1 - chance) / samples.size)
        assert abs(share - chance) < 5 * se, (value, share, chance)
    # the fan computes the same law exactly (its graph has one chance event per event)
    fan = tl.fan([day], engine="exact")
    cdf = np.cumsum([law[v] for v in sorted(law)])
    values = sorted(law)
    for p, q in zip(fan.probabilities, fan.quantiles[0], strict=True):
        assert q == values[int(np.searchsorted(cdf, p - 1e-12))], (p, q)


def test_at_once_days_share_one_arrival_day_per_event() -> None:
    tl = _running_example("at_once")
    early, late = tl.at("2024-10-06"), tl.at("2024-11-15")
    draws = (late - early).sample(100_000, rng=5)
    assert draws.min() >= 0.0  # never fewer troops later
    # arrived by the early day => arrived by the late day, draw by draw
    both = rg.timeline(tl.events, arrival="at_once")
    e2, l2 = both.at("2024-10-06"), both.at("2024-11-15")
    pair = (l2 - e2).sample(50_000, rng=6)
    assert pair.min() >= 0.0
    # the same timeline answers at(d) the same way: one arrival-day input per event
    assert tl.at("2024-10-06").leaves() == tl.at("2024-11-15").leaves()


def test_at_once_mean_is_the_chance_of_arrival_times_the_mean() -> None:
    tl = rg.timeline([(rg.normal(1_000, 50), ("2025-01-01", "2025-01-20"))],
                     arrival="at_once")
    # 7 of 20 days: a 35% chance the event has arrived
    assert tl.at("2025-01-07").mean(engine="mc", n=200_000, rng=1) == pytest.approx(
        350.0, rel=0.01)  # the MC mean's sd is about 0.2%
    fan = tl.fan(["2025-01-07"], engine="exact")
    assert fan.median[0] == 0.0  # 65% chance of nothing yet


# -- engines agree ------------------------------------------------------------------------
@pytest.mark.parametrize("arrival", ["spread", "at_once"])
def test_fan_engines_agree(arrival: str) -> None:
    tl = _running_example(arrival)
    days = ["2024-10-06", "2025-03-01", "2025-07-20", "2025-09-01"]
    exact = tl.fan(days, engine="exact").quantiles
    qmc = tl.fan(days, engine="qmc", n=2**16, rng=0).quantiles
    mc = tl.fan(days, engine="mc", n=100_000, rng=0).quantiles
    # quantiles of totals in the thousands: within 1% (qmc) and 2% (mc) of the total
    # by the last day, so atoms (a step in the quantile function) may differ a little
    scale = exact[-1, -1]
    assert np.max(np.abs(qmc - exact)) < 0.01 * scale
    assert np.max(np.abs(mc - exact)) < 0.02 * scale


def test_auto_fan_is_exact_for_the_running_example() -> None:
    for arrival in ("spread", "at_once"):
        fan = _running_example(arrival).fan(engine="auto")
        assert set(fan.engines) == {"exact"}
        assert len(fan.dates) == 60
        assert np.all(np.diff(fan.quantiles, axis=1) >= -1e-6)  # percentiles in order
        assert np.all(np.diff(fan.median) >= -1e-6)  # a cumulative total never falls


# -- errors ---------------------------------------------------------------------------------
def test_units_must_add_up_when_the_timeline_is_built() -> None:
    with pytest.raises(rg.UnitError, match="'tanks' does not add"):
        rg.timeline([(rg.exactly(5, unit="troops"), ("2025-01-01", "2025-01-02"), "troops"),
                     (rg.exactly(3, unit="tanks"), ("2025-01-01", "2025-01-02"), "tanks")])
    # troops and soldiers do add up, as people
    tl = rg.timeline([(rg.exactly(5, unit="troops"), ("2025-01-01", "2025-01-02")),
                      (rg.exactly(3, unit="soldiers"), ("2025-01-03", "2025-01-04"))])
    assert tl.at("2025-01-02").mean() == 5.0


@pytest.mark.parametrize("window", [("2025-02-01", "2025-01-01"), ("2025-13-01", "2025-12-01"),
                                    ("yesterday", "2025-01-01")])
def test_bad_windows_are_refused(window: tuple[str, str]) -> None:
    with pytest.raises(rg.InputError):
        rg.timeline([(rg.exactly(1), window)])


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(rg.InputError, match="arrival must be one of"):
        rg.timeline([(rg.exactly(1), ("2025-01-01", "2025-01-02"))], arrival="slowly")
    with pytest.raises(rg.InputError, match="at least one event"):
        rg.timeline([])
    with pytest.raises(rg.InputError, match="window must be"):
        rg.timeline([(rg.exactly(1), "2025-01-01")])


# -- figures ----------------------------------------------------------------------------
STORY = ("Last fall, some 10,000-12,000 soldiers were flown in. A further 3,000-4,000 "
         "troops landed earlier this year, and another 6,000 troops could follow as "
         "early as July or August. The navy has 40 ships.")


def test_a_timeline_from_extracted_figures() -> None:
    figures = rg.extract(STORY, reference_date="2025-06-01")
    with pytest.raises(rg.InputError, match="'40 ships' has no date window"):
        rg.timeline(figures)
    tl = rg.timeline(figures, undated="skip")
    assert tl.skipped == ("40 ships",)
    assert [(e.start.isoformat(), e.end.isoformat()) for e in tl.events] == [
        ("2024-09-01", "2024-11-30"), ("2025-01-01", "2025-06-01"),
        ("2025-07-01", "2025-08-31")]
    assert tl.labels[0] == "some 10,000-12,000 soldiers"
    assert tl.at("2025-09-01").bounds() == rg.Interval(19_000, 22_000)


def test_a_figure_without_a_unit_takes_the_timelines_unit_when_given() -> None:
    figures = rg.extract("Last fall 500 arrived; 300 troops came in 2025.",
                         reference_date="2025-06-01")
    with pytest.raises(rg.UnitError, match="unit="):
        rg.timeline(figures)
    tl = rg.timeline(figures, unit="troops")
    assert "no unit stated: troops" in " ".join(
        tl.at("2025-12-31").summary(engine="exact").assumptions)


# -- text, pickling ---------------------------------------------------------------------------
def test_text_forms() -> None:
    tl = _running_example()
    assert str(tl).splitlines()[1] == "  2024-09-01 to 2024-11-30: last fall"
    assert repr(tl).startswith("<Timeline spread: 'last fall' 2024-09-01 to 2024-11-30")
    page = tl._repr_html_()
    assert page.count("<tr><td>") == 3 and "<td>2025-08-31</td>" in page


def test_at_pickles_with_its_assumption() -> None:
    at = _running_example("at_once").at("2024-10-06")
    twin = pickle.loads(pickle.dumps(at))
    assert twin.own_assumption == at.own_assumption
    assert twin.quantile(0.9, n=4_000, rng=2) == at.quantile(0.9, n=4_000, rng=2)


def test_dates_cover_the_windows() -> None:
    tl = _running_example()
    days = tl.dates(n=60)
    assert days[0] == dt.date(2024, 9, 1) and days[-1] == dt.date(2025, 8, 31)
    assert len(days) == 60 and all(a < b for a, b in itertools.pairwise(days))


# -- the plot ---------------------------------------------------------------------------
def _by_gid(artists: Any, gid: str) -> list[Any]:
    return [artist for artist in artists if artist.get_gid() == gid]


def _x_extent(patch: Any) -> tuple[float, float]:
    xy = patch.get_patch_transform().transform(patch.get_path().vertices)
    return float(xy[:, 0].min()), float(xy[:, 0].max())


def test_plot_draws_the_fans_numbers_and_the_windows() -> None:
    from matplotlib.dates import date2num

    tl = _running_example()
    days = tl.dates(n=20)
    ax = rg.plot.timeline(tl, dates=days, mark="2025-09-01", engine="exact")
    fan = tl.fan(days, engine="exact")
    assert len(_by_gid(ax.collections, plot_timeline.GID_BAND90)) == 1
    assert len(_by_gid(ax.collections, plot_timeline.GID_BAND50)) == 1
    (median,) = _by_gid(ax.lines, plot_timeline.GID_TIMELINE_MEDIAN)
    # mark= is one of the plotted days already (the last window's end is 08-31, so
    # 09-01 is added): the line holds the fan's medians at the other days
    ys = np.asarray(median.get_ydata(), dtype=float)
    np.testing.assert_allclose(ys[: len(days)], fan.median, rtol=1e-12)
    xs = np.asarray(median.get_xdata(), dtype=float)
    assert xs[0] == date2num(days[0]) + 1  # a day's point at the end of the day
    spans = _by_gid(ax.patches, plot_timeline.GID_WINDOW)
    assert [_x_extent(s) for s in spans] == [
        (date2num(e.start), date2num(e.end) + 1) for e in tl.events]
    labels = [t.get_text() for t in _by_gid(ax.texts, plot_timeline.GID_WINDOW_LABEL)]
    assert labels == ["last fall", "earlier this year", "July or August"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["90% band (5th–95th percentile)", "50% band (25th–75th percentile)",
                      "median"]
    (note,) = [t for t in _by_gid(ax.texts, plot_timeline.GID_MARK)]
    by_sept = tl.fan(["2025-09-01"], engine="exact").at("2025-09-01")
    assert rg.format.format_number(by_sept[0.5], sig=3) in note.get_text()
    assert rg.format.format_number(by_sept[0.95], sig=3) in note.get_text()
    assert ax.get_ylabel() == "troops"
    assert ax.yaxis.get_major_formatter()(12_000, 0) == "12,000"


def test_plot_refuses_what_is_not_a_timeline() -> None:
    with pytest.raises(rg.InputError, match="needs a ranges Timeline"):
        rg.plot.timeline(rg.exactly(3))
