"""The deployment example report: it runs, writes valid PNGs, and prints the numbers
the public API gives for the same figures and seed."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import ranges as rg
from ranges import format as fmt

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "examples" / "deployment_report.py"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
N = 20_000
SEED = 5


def _load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("deployment_report", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while building
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def example() -> ModuleType:
    return _load_example()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, example: ModuleType) -> Path:
    outdir = tmp_path_factory.mktemp("report") / "out"  # does not exist yet: main makes it
    assert example.main([str(outdir), "--n", str(N), "--seed", str(SEED)]) == 0
    plt.close("all")
    return outdir / "deployment.md"


def _images(text: str) -> list[str]:
    return re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)


def _check_report_files(report: Path) -> str:
    assert report.is_file()
    text = report.read_text(encoding="utf-8")
    images = _images(text)
    assert len(images) >= 4
    for name in images:
        assert not Path(name).is_absolute() and "/" not in name
        png = report.parent / name
        data = png.read_bytes()
        assert len(data) > 1_000, name
        assert data[:8] == PNG_MAGIC, name
    return text


# -- the same figures, built independently through the public API ---------------------
def _sent_so_far(reading: rg.Reading | None = None) -> rg.Estimate:
    return (rg.between(10_000, 12_000, unit="troops", name="last fall", reading=reading)
            + rg.between(3_000, 4_000, unit="troops", name="earlier this year",
                         reading=reading))


def _with_planned(reading: rg.Reading | None = None) -> rg.Estimate:
    planned = (rg.exactly(1_000, unit="sappers", name="planned sappers")
               + rg.exactly(5_000, unit="workers", name="planned construction workers"))
    return _sent_so_far(reading) + planned


def _row(text: str, title: str, name: str) -> list[str]:
    """The cells of row ``name`` of the table headed ``title``."""
    block = text.split(f"| {title} |", 1)[1]
    for line in block.splitlines():
        if line.startswith(f"| {name} |"):
            return [cell.strip() for cell in line.strip("|").split("|")][1:]
    raise AssertionError(f"no row {name!r} under {title!r}")


def test_main_writes_the_report_and_valid_pngs(report: Path) -> None:
    text = _check_report_files(report)
    assert set(p.name for p in report.parent.iterdir()) == {"deployment.md", *_images(text)}


def test_report_has_the_required_sections(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    for heading in ("## The figures", "## Troops sent so far", "## Assumptions",
                    "## Plots", "## How this was computed", "## Cross-check"):
        assert heading in text
    # every plot has a caption (an italic paragraph right after it)
    for name in _images(text):
        after = text.split(f"({name})", 1)[1].lstrip("\n")
        assert after.startswith("*"), name
    assert f"The plots draw {N:,} samples with seed {SEED}" in text


def test_troops_sent_so_far_match_the_public_api(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    default = _sent_so_far().summary(n=N, rng=SEED)
    hard = _sent_so_far(rg.Reading(shape="bounds")).summary(n=N, rng=SEED)
    title = "troops sent so far"
    assert _row(text, title, "median") == [
        f"{fmt.format_number(default.median)} troops", f"{fmt.format_number(hard.median)} troops"
    ]
    assert _row(text, title, "90% interval") == [
        fmt.format_range(default.low, default.high, "troops"),
        fmt.format_range(hard.low, hard.high, "troops"),
    ]
    assert _row(text, title, "range bounds") == ["13,000–16,000 troops"] * 2
    assert default.bounds is not None
    assert fmt.format_interval(default.bounds, "troops") == "13,000–16,000 troops"


def test_total_with_planned_workers_matches_the_public_api(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    default = _with_planned().summary(n=N, rng=SEED)
    hard = _with_planned(rg.Reading(shape="bounds")).summary(n=N, rng=SEED)
    title = "sent so far + planned"
    assert default.unit == "people"
    assert _row(text, title, "median") == [
        f"{fmt.format_number(default.median)} people", f"{fmt.format_number(hard.median)} people"
    ]
    assert _row(text, title, "90% interval") == [
        fmt.format_range(default.low, default.high, "people"),
        fmt.format_range(hard.low, hard.high, "people"),
    ]
    assert _row(text, title, "range bounds") == ["19,000–22,000 people"] * 2


def test_cross_check_probabilities_match_the_public_api(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    thousands = rg.vague("thousands", unit="workers", name="thousands of workers")
    above = thousands.prob_above(5_000, n=N, rng=SEED)
    below = thousands.prob_below(5_000, n=N, rng=SEED)
    assert f"more than 5,000 workers is {above:.0%}" in text
    assert f"at most 5,000 is {below:.0%}" in text


def test_inputs_table_says_how_each_figure_was_read(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    notes = [
        (rg.between(10_000, 12_000), "troops"),
        (rg.between(3_000, 4_000), "troops"),
        (rg.exactly(1_000), "sappers"),
        (rg.exactly(5_000), "workers"),
    ]
    for est, unit in notes:
        assert est.leaf is not None
        assert fmt.describe_note(est.leaf.note, unit) in text
    # the planned figures' exactness is stated as an assumption
    assumptions = text.split("## Assumptions", 1)[1].split("## Plots", 1)[0]
    assert "taken as exact" in assumptions
    assert "'thousands' read as 2,000 to 10,000" in assumptions


def test_the_default_run_is_reproducible(tmp_path: Path, example: ModuleType) -> None:
    first = example.build_report(tmp_path / "a", n=3_000, seed=9)
    second = example.build_report(tmp_path / "b", n=3_000, seed=9)
    plt.close("all")
    assert first.read_text(encoding="utf-8").replace("/a/", "/b/") == second.read_text(
        encoding="utf-8"
    )


def test_readme_command_runs_as_a_script(tmp_path: Path, example: ModuleType) -> None:
    outdir = tmp_path / "tmp"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(outdir)],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    text = _check_report_files(outdir / "deployment.md")
    # the default run prints the defaults' numbers for troops sent so far
    default = _sent_so_far().summary(n=example.DEFAULT_N, rng=example.DEFAULT_SEED)
    assert f"**{fmt.format_number(default.median)} troops**, with a 90% interval of " \
           f"{fmt.format_range(default.low, default.high, 'troops')}" in text
    assert "13,000–16,000 troops" in text
    assert list(tmp_path.iterdir()) == [outdir]  # nothing written outside OUTDIR


def test_bad_arguments_are_refused(tmp_path: Path, example: ModuleType) -> None:
    with pytest.raises(SystemExit):
        example.main([str(tmp_path), "--n", "5"])
    with pytest.raises(SystemExit):
        example.main([])


def test_report_counts_the_draws_its_histogram_shows(report: Path) -> None:
    # The totals are computed exactly (no draws), but the histogram draws N samples:
    # the caption must count those, not the exact engine's zero.
    text = report.read_text(encoding="utf-8")
    assert f"{N:,} simulated totals" in text
