"""The project's own standards, checked: ruff and mypy --strict stay clean, every
error leaving the public API is a RangesError, and the public API keeps its names."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import ranges as rg

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_is_clean() -> None:
    # ruff from the test environment (the test extra installs it), never from PATH:
    # a missing linter is a failure, not a skip
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "ranges", "tests", "examples", "benchmarks"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "ranges"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_public_functions_stay_functions_after_their_modules_are_imported() -> None:
    import ranges.text._build
    import ranges.text._extract
    import ranges.text._totals  # noqa: F401

    assert callable(rg.parse) and callable(rg.extract) and callable(rg.total)
    assert rg.parse("1-2").bounds() == rg.Interval(1, 2)


def test_public_names_named_by_the_issue_exist() -> None:
    for name in ["between", "exactly", "about", "at_least", "at_most", "normal", "lognormal",
                 "uniform", "loguniform", "triangular", "pert", "student_t", "from_scipy",
                 "mixture", "parse", "Reading", "Summary", "Interval", "RangesError",
                 "ParseError", "defaults"]:
        assert hasattr(rg, name), name
    for method in ["summary", "quantile", "bounds", "prob_above", "sample", "mean", "std"]:
        assert callable(getattr(rg.Estimate, method)), method


def test_library_code_never_shows_plots_or_uses_global_random_state() -> None:
    banned_random = {"seed", "rand", "randn", "normal", "uniform", "lognormal", "random"}
    for path in (ROOT / "ranges").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            target = ast.unparse(node.func)
            assert not target.endswith("plt.show"), (path, node.lineno)
            assert not target.endswith("pyplot.show"), (path, node.lineno)
            if target.startswith(("np.random.", "numpy.random.")):
                assert node.func.attr not in banned_random, (path, node.lineno, target)
