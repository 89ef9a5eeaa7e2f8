"""The gallery scripts (examples/gallery/, run by sphinx-gallery when the site is
built) run here too, each in a temporary working folder with the Agg backend: each
prints numbers that agree with its own estimates, draws its figure, and writes nothing
into the repository or the working folder."""

from __future__ import annotations

import contextlib
import io
import re
import runpy
from pathlib import Path
from typing import Any

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

GALLERY = Path(__file__).resolve().parent.parent / "examples" / "gallery"
SCRIPTS = sorted(GALLERY.glob("plot_*.py"))


def run_script(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
               ) -> tuple[str, dict[str, Any], list[Any]]:
    """Run one script in ``tmp_path``; its printed text, globals and figures."""
    monkeypatch.chdir(tmp_path)
    plt.close("all")
    before = sorted(p.name for p in GALLERY.iterdir())
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        namespace = runpy.run_path(str(path), run_name="__main__")
    figures = [plt.figure(num) for num in plt.get_fignums()]
    assert sorted(p.name for p in GALLERY.iterdir()) == before, "wrote into the gallery"
    assert list(tmp_path.iterdir()) == [], "wrote into the working folder"
    return out.getvalue(), namespace, figures


def numbers(text: str) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"\d[\d,]*\.?\d*", text)]


def test_there_are_five_to_seven_scripts_and_a_header() -> None:
    assert 5 <= len(SCRIPTS) <= 7
    assert (GALLERY / "GALLERY_HEADER.rst").exists()
    for script in SCRIPTS:
        doc = script.read_text(encoding="utf-8").split('"""')[1].strip().splitlines()
        assert set(doc[1]) == {"="} and len(doc[1]) >= len(doc[0]), f"{script.name} title"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_each_script_prints_and_draws_one_figure(script: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    text, _, figures = run_script(script, tmp_path, monkeypatch)
    assert text.strip(), f"{script.name} printed nothing"
    assert len(figures) == 1, f"{script.name} drew {len(figures)} figures"
    assert figures[0].axes, f"{script.name} drew an empty figure"
    plt.close("all")


def test_stated_range_prints_each_readings_own_median(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text, ns, _ = run_script(GALLERY / "plot_01_stated_range.py", tmp_path, monkeypatch)
    lines = text.strip().splitlines()
    assert len(lines) == len(ns["readings"]) == 3
    for line, est in zip(lines, ns["readings"].values(), strict=True):
        median = float(line.split("median")[1].split()[0])
        assert median == pytest.approx(float(est.median()), abs=0.05)
    # a flat reading of hard bounds: its 90% interval is 5%..95% of [40, 70]
    uniform_line = lines[1].split("interval")[1]
    assert numbers(uniform_line) == pytest.approx([41.5, 68.5], abs=0.05)


def test_total_shares_add_up_and_median_matches(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text, ns, figures = run_script(GALLERY / "plot_02_total_of_deployments.py",
                                   tmp_path, monkeypatch)
    shares = [float(s) for s in re.findall(r"(\d+)% of the variance", text)]
    assert len(shares) == 2 and sum(shares) == pytest.approx(100, abs=1)
    printed_median = numbers(text.splitlines()[1])[0]
    assert printed_median == pytest.approx(float(ns["total"].median()), abs=0.5)
    assert len(figures[0].axes) == 2


def test_currency_total_refuses_mixing_and_converts_km(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text, _, _ = run_script(GALLERY / "plot_03_units_and_currency.py", tmp_path, monkeypatch)
    assert text.startswith("refused: UnitError")
    km, miles = numbers(text.splitlines()[-1])
    assert miles == pytest.approx(km / 1.609344, abs=1)


def test_dependence_quantiles_are_ordered_and_inside_the_bounds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text, _, _ = run_script(GALLERY / "plot_04_dependence.py", tmp_path, monkeypatch)
    lines = text.strip().splitlines()
    independent, correlated, comonotonic = (numbers(line)[-1] for line in lines[:3])
    assert independent < correlated < comonotonic
    # comonotonic 95th percentiles add: 55,000 + 35,000 (the stated 95% ends)
    assert comonotonic == pytest.approx(90_000, rel=1e-3)
    low, high = numbers(lines[3])[-2:]
    assert low < independent and comonotonic < high


def test_timeline_totals_grow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text, _, _ = run_script(GALLERY / "plot_06_timeline.py", tmp_path, monkeypatch)
    medians = [float(m) for m in re.findall(r"median (\d+) trucks", text)]
    assert len(medians) == 3 and medians == sorted(medians)
    # by the end of March only the first batch: 120-150 read as its 90% interval
    assert numbers(text.split("by 2025-03-31")[1].splitlines()[0].split("interval")[1]) == \
        pytest.approx([120, 150], abs=1)


def test_report_answer_says_two_groups(tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    text, _, _ = run_script(GALLERY / "plot_07_report.py", tmp_path, monkeypatch)
    assert "Two separate groups" in text and "(60% chance)" in text
    assert "wrote .html" in text
