"""The lower bounds in pyproject.toml are versions the suite has passed on: CI runs the
tests again on exactly those versions (.ci/oldest, with pins from .ci/floors.py)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
FLOORS = ROOT / ".ci" / "floors.py"


def _floors(pyproject: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(FLOORS), str(pyproject)],
        capture_output=True, text=True, check=False,
    )


def _readme_test_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1].split("## Quick start", 1)[0]
    return re.findall(r"```bash\n(.*?)\n```", setup, re.S)[-1]


def test_ci_runs_the_readme_tests_then_the_oldest_versions() -> None:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert _readme_test_command() in lines
    oldest = [i for i, line in enumerate(lines) if re.fullmatch(r"(bash )?\.ci/oldest", line)]
    assert oldest, "'.ci/run' never runs .ci/oldest"
    assert oldest[0] > lines.index(_readme_test_command())


def test_the_oldest_run_pins_every_declared_floor_exactly() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["test"]
    result = _floors(ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stderr
    pins = {Requirement(pin).name: Requirement(pin).specifier for pin in result.stdout.split()}
    for text in declared:
        requirement = Requirement(text)
        (bound,) = requirement.specifier  # one bound each, or the oldest version is unclear
        assert bound.operator in (">=", "=="), text
        (pin,) = pins.pop(requirement.name)
        assert (pin.operator, pin.version) == ("==", bound.version), text
    assert not pins, f"pins for requirements pyproject.toml does not declare: {pins}"
    assert {"numpy", "scipy", "matplotlib", "pint"} <= {Requirement(t).name for t in declared}


def test_a_requirement_without_a_single_floor_is_refused_by_name(tmp_path: Path) -> None:
    for requirement in ["scipy", "scipy<2", "scipy>=1.15,<2", "scipy~=1.15"]:
        pyproject = tmp_path / "pyproject.toml"
        pyproject.write_text(
            "[project]\n"
            f'dependencies = ["numpy>=1.26", "{requirement}"]\n'
            "[project.optional-dependencies]\n"
            'test = ["pytest>=8"]\n',
            encoding="utf-8",
        )
        result = _floors(pyproject)
        assert result.returncode == 2, requirement
        assert result.stdout == ""
        assert repr(requirement) in result.stderr and "dependencies" in result.stderr


def test_extras_in_brackets_are_kept_in_the_pin(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        "[project]\n"
        'dependencies = ["numpy>=1.26"]\n'
        "[project.optional-dependencies]\n"
        'test = ["pytest>=8", "dask[bag, distributed]>=2024.8.0", "a.b-c[x]==1.2"]\n',
        encoding="utf-8",
    )
    result = _floors(pyproject)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["numpy==1.26", "pytest==8",
                                     "dask[bag,distributed]==2024.8.0", "a.b-c[x]==1.2"]
    for broken in ["dask[]>=2024.8.0", "dask[bag,]>=2024.8.0", "dask[bag>=2024.8.0"]:
        pyproject.write_text(
            "[project]\n"
            f'dependencies = ["{broken}"]\n'
            "[project.optional-dependencies]\n"
            'test = ["pytest>=8"]\n',
            encoding="utf-8",
        )
        result = _floors(pyproject)
        assert result.returncode == 2 and repr(broken) in result.stderr, broken


def test_the_oldest_run_leaves_out_only_the_type_check_and_it_still_exists() -> None:
    script = (ROOT / ".ci" / "oldest").read_text(encoding="utf-8")
    left_out = re.findall(r"--deselect (\S+?)\"?$", script, re.M)
    assert left_out == ["tests/test_quality.py::test_mypy_strict_is_clean"]
    module, name = left_out[0].split("::")
    assert f"def {name}(" in (ROOT / module).read_text(encoding="utf-8")
    assert "floors.py" in script and '-m pytest' in script
