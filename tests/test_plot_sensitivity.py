"""Tests of rg.plot.tornado: the bars sit where the Sensitivity's numbers say; and the
multi-part figures keep their legend and labels inside when saved plainly."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import ranges as rg
from ranges.report._plot_sensitivity import GID_BASELINE, GID_HIGH, GID_LOW


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def _bars(ax: Any, gid: str) -> list[Any]:
    return [patch for patch in ax.patches if patch.get_gid() == gid]


def test_tornado_bars_reach_the_sensitivity_numbers() -> None:
    a, b, c = (rg.between(1 + i, 2 + i, name=name) for i, name in enumerate("abc"))
    sens = rg.sensitivity(a * b - c, n=2_000, rng=4)
    ax = rg.plot.tornado(sens)
    lows, highs = _bars(ax, GID_LOW), _bars(ax, GID_HIGH)
    assert len(lows) == len(highs) == len(sens.rows) == 3
    for row, low, high in zip(sens.rows, lows, highs, strict=True):
        assert low.get_y() + low.get_height() / 2 == pytest.approx(sens.rows.index(row))
        for bar, end in ((low, row.result_low), (high, row.result_high)):
            drawn = {bar.get_x(), bar.get_x() + bar.get_width()}
            assert min(drawn) == pytest.approx(min(end, sens.baseline), abs=1e-12)
            assert max(drawn) == pytest.approx(max(end, sens.baseline), abs=1e-12)
    # largest swing on top: row 0 is drawn at the top of the inverted y axis
    swings = [row.swing for row in sens.rows]
    assert swings == sorted(swings, reverse=True)
    bottom, top = ax.get_ylim()
    assert bottom > top
    (line,) = [line for line in ax.lines if line.get_gid() == GID_BASELINE]
    assert line.get_xdata()[0] == pytest.approx(sens.baseline)


def test_tornado_labels_say_name_percentiles_and_share() -> None:
    total = rg.between(10_000, 12_000, unit="troops", name="last fall") \
        + rg.between(3_000, 4_000, unit="troops", name="this year")
    sens = rg.sensitivity(total)
    ax = rg.plot.tornado(total)
    labels = [tick.get_text().splitlines() for tick in ax.get_yticklabels()]
    assert labels[0] == ["last fall", "10,000–12,000 troops (5th–95th percentile)",
                         f"{sens.rows[0].share_of_variance:.0%} of the variance"]
    assert labels[1][0] == "this year"
    assert ax.get_xlabel() == "troops"
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert any("," in text for text in ticks)


def test_tornado_refuses_what_it_cannot_draw() -> None:
    sens = rg.sensitivity(rg.between(1, 2) + rg.between(3, 4))
    with pytest.raises(rg.InputError, match="for an estimate only"):
        rg.plot.tornado(sens, n=10)
    with pytest.raises(rg.InputError, match="needs a Sensitivity"):
        rg.plot.tornado([1, 2])  # type: ignore[arg-type]


def _inside_after_plain_savefig(ax: Any, *, with_notes: bool = True) -> None:
    """Save without bbox_inches and check that the legend, the tick labels, the axis
    labels, the title and (``with_notes``) the numbers and caption written on the
    plot lie inside the figure."""
    figure = ax.figure
    figure.savefig(io.BytesIO(), format="png")  # lays out and draws
    renderer = figure.canvas.get_renderer()
    box = figure.bbox
    low, high = sorted(ax.get_xlim())
    shown = [tick.label1 for tick in ax.xaxis.get_major_ticks()
             if low <= tick.get_loc() <= high]  # ticks beyond the limits are not drawn
    texts = [*ax.get_yticklabels(), *shown, ax.xaxis.label, ax.title,
             *(ax.texts if with_notes else [])]
    extents = [text.get_window_extent(renderer) for text in texts if text.get_text()]
    legend = ax.get_legend()
    assert legend is not None
    extents.append(legend.get_window_extent(renderer))
    for extent in extents:
        assert extent.x0 >= box.x0 - 0.5 and extent.x1 <= box.x1 + 0.5, extent
        assert extent.y0 >= box.y0 - 0.5 and extent.y1 <= box.y1 + 0.5, extent


@pytest.mark.parametrize("own_axes", [False, True])
@pytest.mark.parametrize("which", ["contributions", "compare", "tornado", "scenarios"])
def test_multi_part_figures_fit_when_saved_plainly(which: str, own_axes: bool) -> None:
    # own_axes: the caller's figure from a plain plt.subplots(), with no layout engine
    given = plt.subplots()[1] if own_axes else None
    a = rg.between(10_000, 12_000, unit="troops", name="troops deployed last fall")
    b = rg.between(3_000, 4_000, unit="troops", name="troops added this year")
    total = a + b
    if which == "contributions":
        ax = rg.plot.contributions(total, given, n=2_000, rng=0,
                                   title="Where the total comes from")
    elif which == "compare":
        ax = rg.plot.compare({"last fall": a, "total": total}, given, n=2_000, rng=0,
                             title="Compared")
    elif which == "scenarios":
        ax = rg.plot.scenarios({"independent": total, "comonotonic": total.comonotonic()},
                               given, n=2_000, rng=0, title="Scenarios")
    else:
        ax = rg.plot.tornado(total, given, title="Which input matters")
    # the numbers written beside a bar are placed in data units, which constrained
    # layout does not move: in a narrower figure than ours they may reach the edge
    _inside_after_plain_savefig(ax, with_notes=not own_axes)
