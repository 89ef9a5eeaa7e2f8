"""Notebook display: _repr_html_ of estimates, summaries and totals parses, holds the
one-line answer, escapes text, and embeds a real PNG."""

from __future__ import annotations

import base64
import re
from html.parser import HTMLParser

import matplotlib.pyplot as plt
import pytest

import ranges as rg
from ranges.report._format import one_line


class _Collector(HTMLParser):
    """Text and tags of a snippet, and whether every tag opened was closed."""

    VOID = frozenset({"img", "br", "hr", "meta", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.images: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append(dict(attrs)["src"] or "")
        elif tag not in self.VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, (tag, self.open)
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    assert collector.open == []
    return collector


def _png(src: str) -> bytes:
    match = re.fullmatch(r"data:image/png;base64,([A-Za-z0-9+/=]+)", src)
    assert match is not None
    return base64.b64decode(match.group(1), validate=True)


def test_estimate_html_has_the_sentence_and_a_png() -> None:
    total = rg.between(10_000, 12_000, unit="troops", name="last <fall> & co") \
        + rg.between(3_000, 4_000, unit="troops")
    before = plt.get_fignums()
    html = total._repr_html_()
    assert plt.get_fignums() == before  # pyplot untouched: no figure left open
    parsed = _parsed(html)
    text = "".join(parsed.text)
    assert one_line(total.summary()) in text
    assert "last <fall> & co" in text  # shown as written ...
    assert "<fall>" not in html  # ... because it was escaped
    assert "13,000" in text
    (src,) = parsed.images
    png = _png(src)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 1_000
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width > 100 and height > 100


def test_estimate_without_an_answer_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    est = rg.between(1, 2) + rg.between(3, 4)

    def refuse(*args: object, **kwargs: object) -> None:
        raise rg.EngineError("no engine can <evaluate> this")

    monkeypatch.setattr(rg.Estimate, "summary", refuse)
    html = est._repr_html_()
    parsed = _parsed(html)
    assert "no answer: no engine can <evaluate> this" in "".join(parsed.text)
    assert parsed.images == []


def test_summary_html_is_a_table_of_the_numbers() -> None:
    summary = rg.between(10_000, 12_000, unit="troops").summary()
    parsed = _parsed(summary._repr_html_())
    text = " ".join(parsed.text)
    assert "median" in text and "90% interval" in text
    assert rg.format.format_number(summary.median, 4) in text
    assert "read as the 90% interval of a lognormal" in text
    assert parsed.images == []


def test_total_html_lists_what_was_added_and_skipped() -> None:
    found = rg.total("Police put the crowd at 20,000; organisers said 60,000. "
                     "Another 5,000 came later.")
    parsed = _parsed(found._repr_html_())
    text = "".join(parsed.text)
    assert str(found) in text
    assert "alternatives" in text and "added" in text
    assert len(parsed.images) == 1 and len(_png(parsed.images[0])) > 1_000


@pytest.mark.parametrize(("text", "escaped"), [("<b>", "&lt;b&gt;"), ("a & b", "a &amp; b")])
def test_names_are_escaped(text: str, escaped: str) -> None:
    est = rg.between(1, 2, name=text) + rg.between(3, 4)
    html = est.summary()._repr_html_()
    assert text not in html and escaped in html
    assert text in "".join(_parsed(html).text)
