"""The README stays true: its quick start runs and prints what it says, and CI runs
exactly its test command."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_quick_start_runs_and_prints_what_the_readme_says() -> None:
    block = re.search(r"## Quick start\s+```python\n(.*?)```", README, re.S)
    assert block, "no quick start block"
    code = block.group(1)
    promised = re.search(r"print\(total\)\s+# (.*)", code)
    assert promised
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    import matplotlib.pyplot as plt

    plt.close("all")
    assert out.getvalue().splitlines()[0] == promised.group(1).strip()


def test_exactly_two_setup_commands_and_ci_runs_the_test_one() -> None:
    setup = README.split("## Set up", 1)[1].split("## Quick start", 1)[0]
    commands = re.findall(r"```bash\n(.*?)\n```", setup, re.S)
    assert len(commands) == 2
    install_and_run, test = commands
    assert "examples/" in install_and_run
    assert "pytest" in test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()
