"""The example reports in examples/ (report specs run by ``ranges report``): each builds,
writes a self-contained HTML page and a Markdown file with its pictures, says its answer
in numbers an independent engine agrees with, and keeps the library's own words for the
appendix."""

from __future__ import annotations

import base64
import re
import shlex
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from report_tools import EXAMPLES, ROOT, example_specs

import ranges as rg

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
EXPECTED = ("death_toll", "project_budget", "seed_deployment")


class _Page(HTMLParser):
    """The parts of a page the tests look at: image sources, links, scripts, answer."""

    def __init__(self) -> None:
        super().__init__()
        self.images: list[str] = []
        self.links: list[str] = []
        self.scripts = 0
        self.answer = ""
        self.headings: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "img":
            self.images.append(found.get("src") or "")
        if tag in ("a", "link"):
            self.links.append(found.get("href") or "")
        if tag == "script":
            self.scripts += 1
        if tag == "p" and found.get("class") == "answer":
            self._in = "answer"
        if tag in ("h2", "h3"):
            self._in = "heading"

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "answer":
            self.answer += data
        elif self._in == "heading":
            self.headings.append(data)


def _page(paths: list[Path]) -> _Page:
    (html,) = [p for p in paths if p.suffix == ".html"]
    page = _Page()
    page.feed(html.read_text(encoding="utf-8"))
    return page


def _markdown(paths: list[Path]) -> str:
    (md,) = [p for p in paths if p.suffix == ".md"]
    return md.read_text(encoding="utf-8")


def test_the_three_example_specs_are_there() -> None:
    assert tuple(p.stem for p in example_specs()) == EXPECTED


@pytest.mark.parametrize("stem", EXPECTED)
def test_html_is_self_contained_and_its_pictures_are_pngs(example_reports, stem) -> None:
    page = _page(example_reports[stem])
    assert page.scripts == 0
    assert not [link for link in page.links if link.startswith(("http", "//"))]
    assert len(page.images) >= 2
    for src in page.images:
        assert src.startswith("data:image/png;base64,"), src[:40]
        data = base64.b64decode(src.split(",", 1)[1])
        assert data.startswith(PNG_MAGIC) and len(data) > 2_000


@pytest.mark.parametrize("stem", EXPECTED)
def test_markdown_says_what_the_html_says_and_its_pictures_exist(example_reports,
                                                                stem) -> None:
    paths = example_reports[stem]
    page, md = _page(paths), _markdown(paths)
    assert page.answer and f"**{page.answer.replace('*', chr(92) + '*')}**" in md
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert len(pictures) == len(page.images)
    folder = paths[0].parent
    for name in pictures:
        assert (folder / name).read_bytes().startswith(PNG_MAGIC)


@pytest.mark.parametrize("stem", EXPECTED)
def test_the_body_reads_without_the_library_and_the_appendix_says_how(example_reports,
                                                                     stem) -> None:
    md = _markdown(example_reports[stem])
    body, appendix = md.split("## How this was computed", 1)
    for jargon in ("numerical error", "random stream", "engine ", "Iman", "qmc", "±"):
        assert jargon not in body, jargon
    assert "computed" in appendix and "seed" in appendix
    for heading in ("## What the sources said", "## Assumptions"):
        assert heading in body


_SCALE = {"": 1.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}


def _numbers(text: str) -> list[float]:
    """The numbers of a sentence, scale words applied ("2.82 million")."""
    return [float(x.replace(",", "")) * _SCALE[scale] for x, scale in
            re.findall(r"(\d[\d,]*(?:\.\d+)?)(?:\s+(thousand|million|billion)\b)?", text)]


@pytest.mark.parametrize("stem", ["project_budget", "death_toll"])
def test_the_answer_agrees_with_monte_carlo(example_reports, stem) -> None:
    """The answer's median and 90% ends, as printed (3 significant figures), lie within
    rounding plus 4 standard errors of plain Monte Carlo with another seed."""
    report = rg.load_report(EXAMPLES / f"{stem}.toml")
    page = _page(example_reports[stem])
    assert "Best estimate about" in page.answer
    median, low, high = [x for x in _numbers(page.answer) if x != 90][:3]
    draws = report.result.sample(400_000, rng=2)
    for printed, q in ((median, 0.5), (low, 0.05), (high, 0.95)):
        reference = float(np.quantile(draws, q))
        rounding = 10 ** (np.floor(np.log10(abs(reference))) - 2)  # half of 3 sig figs, x2
        assert abs(printed - reference) <= rounding + 0.01 * abs(reference), (q, printed,
                                                                              reference)


def test_the_seed_report_shows_the_timeline_and_the_planned_chance(example_reports) -> None:
    md = _markdown(example_reports["seed_deployment"])
    assert "## Over time" in md and "By 2025-09-01" in md
    report = rg.load_report(EXAMPLES / "seed_deployment.toml")
    for item in report.inputs:
        assert item.name in md
    page = _page(example_reports["seed_deployment"])
    assert len(page.images) >= 4  # answer, sensitivity, scenarios, timeline


def test_the_readme_main_command_runs_ranges_report_on_the_seed_spec(tmp_path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1]
    command = re.findall(r"```bash\n(.*?)\n```", setup, re.S)[0]
    run = command.split("&&", 1)[1].strip()
    words = shlex.split(run)
    assert words[:3] == ["ranges", "report", "examples/seed_deployment.toml"]
    out = tmp_path / "report"
    words[words.index("-o") + 1] = str(out)
    done = subprocess.run([sys.executable, "-m", "ranges", *words[1:]], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    written = [Path(line) for line in done.stdout.splitlines()]
    assert {p.suffix for p in written} == {".html", ".md", ".png"}
    assert all(p.exists() for p in written)
    assert done.stderr == ""  # not a terminal: no progress bar


def test_a_bad_spec_is_one_line_and_exit_2(tmp_path, capsys) -> None:
    from ranges._report_command import main

    spec = tmp_path / "bad.toml"
    spec.write_text('title = "t"\nquestion = "q"\n\n[[inputs]]\nname = "a"\nvalu = 3\n',
                    encoding="utf-8")
    assert main([str(spec), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith("ranges: error: ") and "bad.toml:6" in err and "value" in err
    assert not (tmp_path / "out").exists()
