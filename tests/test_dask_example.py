"""examples/dask_scale_out.py at a small size: the dask.bag reading on a real
LocalCluster (worker processes, so every function and record crosses a process boundary
by pickling) counts exactly what a plain loop over the same articles counts, and each
dask.delayed scenario gives the summary the same scenario gives computed in-process with
the same seed."""

from __future__ import annotations

import doctest
import importlib
import math
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

pytest.importorskip("dask")
pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "examples" / "dask_scale_out.py"
CORPUS_MB = 0.2


def _load_example() -> ModuleType:
    """The example imported by name, as the LocalCluster's worker processes (which
    inherit ``sys.path``) import it to run its functions."""
    if str(SCRIPT.parent) not in sys.path:
        sys.path.insert(0, str(SCRIPT.parent))
    return importlib.import_module("dask_scale_out")


@pytest.fixture(scope="module")
def example() -> ModuleType:
    return _load_example()


@pytest.fixture(scope="module")
def corpus(example: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    example.write_corpus(folder, CORPUS_MB, files=3, seed=7)
    return folder


@pytest.fixture(scope="module")
def cluster(example: ModuleType) -> Iterator[str]:
    with example.dask_scheduler(workers=1) as where:
        yield where


def test_the_examples_doctests_pass(example: ModuleType) -> None:
    failed, tried = doctest.testmod(example, optionflags=doctest.ELLIPSIS)
    assert tried >= 5 and failed == 0


def test_the_corpus_is_seeded_and_as_large_as_asked(example: ModuleType, corpus: Path,
                                                    tmp_path: Path) -> None:
    sizes = [p.stat().st_size for p in sorted(corpus.glob("corpus-*.txt"))]
    assert len(sizes) == 3 and CORPUS_MB * 1e6 <= sum(sizes) < CORPUS_MB * 1e6 + 3 * 5_000
    again = example.write_corpus(tmp_path, CORPUS_MB, files=3, seed=7)
    assert [p.read_bytes() for p in again] == [p.read_bytes()
                                              for p in sorted(corpus.glob("corpus-*.txt"))]


def test_the_bag_on_worker_processes_counts_what_a_plain_loop_counts(
        example: ModuleType, corpus: Path, cluster: str) -> None:
    assert "LocalCluster" in cluster
    found = example.read_corpus(corpus, blocksize="20kB")  # several partitions per file
    lines = list(example.corpus_lines(corpus))
    expected = example.tally(example.article_record(line) for line in lines).summary()
    medians, expected_medians = found.pop("median_total"), expected.pop("median_total")
    assert found == expected  # every count equal
    # each total's mean is computed in closed form; across processes it may differ in the
    # last bit (floating-point sums in another order), hence the tolerance of 1e-12
    assert medians == pytest.approx(expected_medians, rel=1e-12, abs=0)
    found["median_total"] = medians
    assert found["articles"] == len(lines) > 300
    assert found["bytes"] == sum(p.stat().st_size for p in corpus.glob("corpus-*.txt"))
    assert found["totals"] + sum(found["refused"].values()) == found["articles"]
    assert found["refused"] and set(found["refused"]) <= {"InputError", "ReadingError"}
    kinds = set(found["figures"])
    assert {"range", "approx", "lower_bound", "upper_bound", "vague", "date"} <= kinds
    topics = {key.split(" (")[0] for key in found["median_total"]}
    assert topics == {"deployment", "casualties", "budget", "workers"}


def test_each_delayed_scenario_matches_the_scenario_computed_in_process(
        example: ModuleType, cluster: str) -> None:
    import tomllib

    chosen = [example.Scenario("pert", 0.8, None, "as stated"),
              example.Scenario("lognormal", 0.9, 0.5, example.GRADINGS[1]),
              example.Scenario("uniform", 0.9, "comonotonic", "as stated")]
    rows = example.sweep_scenarios(example.DEFAULT_SPEC, chosen, n=5_000)
    spec = tomllib.loads(example.DEFAULT_SPEC.read_text(encoding="utf-8"))
    assert [row["shape"] for row in rows] == ["pert", "lognormal", "uniform"]
    for scenario, row in zip(chosen, rows, strict=True):
        here = example.scenario_summary(spec, scenario, n=5_000)
        assert row == pytest.approx(here, nan_ok=True), scenario  # same seed, same numbers
    # the scenarios do differ, and each agrees with the report built by hand
    assert rows[0]["engine"] == "exact" and rows[1]["engine"] in ("qmc", "mc")
    assert len({round(row["median"]) for row in rows}) == 3
    hand = example.scenario_report(spec, chosen[1])
    assert hand.inputs[1].grade == "C3" and hand.combine.correlate[0].rho == 0.5
    assert math.isclose(rows[1]["median"],
                        hand.answer.summary(0.9, n=5_000, rng=hand.seed).median)


def test_main_runs_on_the_synchronous_scheduler(example: ModuleType, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    table = tmp_path / "sweep.csv"
    code = example.main(["--scheduler", "synchronous", "--corpus", str(tmp_path / "c"),
                         "--corpus-mb", "0.03", "--files", "1", "--n", "2000",
                         "--csv", str(table)])
    out = capsys.readouterr().out
    assert code == 0
    assert "articles/s" in out and "scenarios/s" in out and "MB/s" in out
    assert len(table.read_text(encoding="utf-8").splitlines()) == 1 + 48
    assert out.count("\n| ") == 2 + 48  # the Markdown table's header, rule and rows
