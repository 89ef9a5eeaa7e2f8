"""The report's layout: the document writers, the progress bar, the notebook view and
the plain-language sentences, each checked against numbers computed independently."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import numpy as np
import pytest
from scipy import stats

import ranges as rg
from ranges._report_command import _Progress
from ranges.report._document import Bullets, Document, Image, Paragraph, Table
from ranges.report._report_render import parse_formats, slug


def _two_batches() -> rg.Report:
    return rg.Report(title="Two batches", question="How many in all?", inputs=[
        rg.ReportInput("first", rg.between(10_000, 12_000, unit="troops"), source="A"),
        rg.ReportInput("second", rg.between(3_000, 4_000, unit="troops"), source="B")])


def test_markdown_escapes_markup_and_html_escapes_tags() -> None:
    doc = Document("a*b", [Paragraph("x_y <z>"), Table(("a|b",), [("1|2",)]),
                           Bullets(["[link](x)"])])
    md = doc.to_markdown()
    assert r"a\*b" in md and r"x\_y \<z\>" in md and r"a\|b" in md and r"\[link\]" in md
    page = doc.to_html()
    assert "<z>" not in page and "&lt;z&gt;" in page


def test_images_are_embedded_in_html_and_named_in_markdown() -> None:
    png = b"\x89PNG\r\n\x1a\nrest"
    doc = Document("t", [Image("p.png", png, "alt text", "cap")])
    assert "data:image/png;base64,iVBORw0KGgpyZXN0" in doc.to_html()
    assert "![alt text](p.png)" in doc.to_markdown()


def test_the_answer_sentence_matches_the_closed_form() -> None:
    """A sum of two normals: median and 90% ends from scipy, written to 3 figures."""
    a, b = rg.normal(100, 3), rg.normal(50, 4)
    sentence = rg.format.answer_sentence((a + b).summary())
    total = stats.norm(150, 5)
    expected = [total.median(), total.ppf(0.05), total.ppf(0.95)]
    found = [float(x) for x in re.findall(r"\d+(?:\.\d+)?", sentence) if x != "90"]
    assert np.allclose(found, expected, rtol=0.005)


def test_parse_formats_and_slug() -> None:
    assert parse_formats(["md", "html", "md"]) == ("md", "html")
    with pytest.raises(rg.InputError, match="no report format"):
        parse_formats(" , ")
    assert slug("  ") == "report"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    bar = _Progress(3, enabled=True)
    for name in ("answer", "inputs", "pictures"):
        bar.step(name)
    bar.close()
    assert "pictures" in terminal.getvalue() and "3/3" in terminal.getvalue()
    plain = io.StringIO()
    monkeypatch.setattr("sys.stderr", plain)
    bar = _Progress(3, enabled=True)
    bar.step("answer")
    bar.close()
    assert plain.getvalue() == ""


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text = ""

    def handle_data(self, data: str) -> None:
        self.text += data


def test_report_in_a_notebook_shows_its_answer_and_inputs() -> None:
    report = _two_batches()
    parser = _Text()
    parser.feed(report._repr_html_())
    summary = report.answer.summary()
    assert rg.format.answer_sentence(summary) in parser.text
    assert "first" in parser.text and "second" in parser.text


def test_write_in_one_format_only(tmp_path) -> None:
    written = _two_batches().write(tmp_path, formats="html", seed=3)
    assert [p.suffix for p in written] == [".html"]
    assert list(tmp_path.iterdir()) == written
