"""The dependence and sources plots draw the engines' numbers: the scenarios' medians
and intervals, the bounds under any dependence, the p-box, each pooled source."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import ranges as rg
from ranges import format as fmt
from ranges.report._plot_dependence import GID_ANY

N = 4_000
SEED = 3


@pytest.fixture(autouse=True)
def _close() -> None:
    yield
    plt.close("all")


def _batches() -> tuple[rg.Estimate, rg.Estimate]:
    return (rg.between(10_000, 12_000, unit="troops", name="fall"),
            rg.between(3_000, 4_000, unit="troops", name="spring"))


def test_scenarios_rows_print_each_summary_and_the_any_dependence_bounds() -> None:
    fall, spring = _batches()
    a, b = rg.correlate([fall, spring], 0.5)
    rows = {"independent": fall + spring, "correlated": a + b,
            "comonotonic": (fall + spring).comonotonic()}
    ax = rg.plot.scenarios(rows, any_dependence=fall + spring, n=N, rng=SEED)
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert [label.splitlines()[0] for label in labels] == [*rows, "any dependence"]
    for label, est in zip(labels, rows.values(), strict=False):
        summary = est.summary(n=N, rng=SEED)
        assert fmt.format_range(summary.low, summary.high) in label
    drawn = [line.get_xdata() for line in ax.get_lines() if line.get_gid() == GID_ANY]
    median = (fall + spring).quantile_bounds(0.5)
    low, high = (fall + spring).quantile_bounds(0.05), (fall + spring).quantile_bounds(0.95)
    assert [float(x) for x in drawn[0]] == pytest.approx([low.low, high.high])
    assert [float(x) for x in drawn[1]] == pytest.approx([median.low, median.high])


def test_pbox_band_holds_the_independent_and_comonotonic_cdfs() -> None:
    fall, spring = _batches()
    total = fall + spring + rg.between(800, 1_200, shape="bounds", unit="troops")
    ax = rg.plot.pbox(total, n=20_000, rng=SEED)
    independent, together = ax.get_lines()[:2]
    x = np.asarray(independent.get_xdata(), dtype=float)
    box = rg.dependence_pbox(total)
    lowest, highest = box.cdf_bounds(x)
    for line in (independent, together):
        y = np.asarray(line.get_ydata(), dtype=float)
        # inside the band, up to the box's one-level discretisation and QMC error
        assert np.all(y >= lowest - 2e-3) and np.all(y <= highest + 2e-3)
    exact = rg.engines.evaluate(total, engine="auto", n=20_000, rng=SEED)
    assert np.allclose(independent.get_ydata(), exact.cdf(x))


def test_sources_plot_names_each_source_with_its_weight_and_the_pool() -> None:
    un = rg.between(10_000, 12_000, unit="troops", name="UN")
    ngo = rg.between(14_000, 16_000, unit="troops", name="NGO")
    pooled = rg.pool([un, ngo], weights=[3, 1])
    ax = rg.plot.sources(pooled, n=N, rng=SEED)
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert [label.splitlines()[0] for label in labels] == [
        "UN (weight 75%)", "NGO (weight 25%)", "linear pool"]
    summary = pooled.summary(n=N, rng=SEED)
    assert fmt.format_number(summary.median) in labels[-1]
    with pytest.raises(rg.InputError, match="pools no sources"):
        rg.plot.sources(un + ngo)


def _example() -> object:
    path = Path(__file__).resolve().parents[1] / "examples" / "dependence_report.py"
    spec = importlib.util.spec_from_file_location("dependence_report", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_dependence_example_writes_its_report_with_the_apis_numbers(tmp_path: Path) -> None:
    example = _example()
    path = example.write_report(tmp_path, n=N, seed=SEED)  # type: ignore[attr-defined]
    text = path.read_text(encoding="utf-8")
    for name in ("scenarios.png", "pbox.png", "sources.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f"({name})" in text
    cases = example.scenarios()  # type: ignore[attr-defined]
    for name, est in cases.as_dict().items():
        s = est.summary(n=N, rng=SEED)
        assert f"| {name} | {fmt.format_number(s.median)} | " \
               f"{fmt.format_range(s.low, s.high)} |" in text
    assert "60% chance" in text and "two separate groups" in text
    assert "pooled 3 sources" in text
