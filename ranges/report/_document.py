"""A report as plain blocks (headings, paragraphs, tables, lists, images), written out
as one self-contained HTML page or as Markdown.

The blocks hold finished text and finished pictures: the numbers in them were computed
and formatted before (:mod:`ranges.report._report_results`, :mod:`ranges.report._format`).
This module only lays them out, so the HTML and the Markdown of a report always say the
same thing.

>>> doc = Document("Troops", [Paragraph("About 14,400 troops.", role="answer"),
...                           Table(("input", "stated"), [("last fall", "10,000–12,000")])])
>>> print(doc.to_markdown())
# Troops
<BLANKLINE>
**About 14,400 troops.**
<BLANKLINE>
| input | stated |
| --- | --- |
| last fall | 10,000–12,000 |
<BLANKLINE>
>>> "<table>" in doc.to_html()
True
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

__all__ = ["Bullets", "Document", "Heading", "Image", "Paragraph", "Table", "html_block"]


@dataclass(frozen=True)
class Heading:
    """A section heading; ``level`` 2 is a section, 3 a subsection."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of plain text. ``role`` marks the answer sentence ("answer", shown
    large and bold), a caption ("note", shown small) or ordinary text ("")."""

    text: str
    role: str = ""


@dataclass(frozen=True)
class Table:
    """A table of plain text cells, with an optional caption under it."""

    header: tuple[str, ...]
    rows: Sequence[Sequence[str]]
    caption: str = ""


@dataclass(frozen=True)
class Bullets:
    """A bulleted list of plain text items."""

    items: Sequence[str]


@dataclass(frozen=True)
class Image:
    """A PNG picture: ``name`` is its file name in the Markdown version (``"total.png"``),
    ``alt`` says in words what it shows, ``caption`` is printed under it."""

    name: str
    png: bytes
    alt: str
    caption: str = ""


Block = Heading | Paragraph | Table | Bullets | Image

_STYLE: Final = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328;
       line-height: 1.5; }
h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1.1rem; }
p.question { color: #57606a; font-size: 1.1rem; margin-top: 0; }
p.answer { font-size: 1.35rem; font-weight: 600; background: #f1f8ff;
           border-left: 4px solid #0969da; padding: 0.6rem 1rem; }
p.note, figcaption { color: #57606a; font-size: 0.9rem; }
table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.95rem; }
th, td { border: 1px solid #d0d7de; padding: 0.3rem 0.6rem; text-align: left;
         vertical-align: top; }
th { background: #f6f8fa; }
figure { margin: 1rem 0; }
img { max-width: 100%; height: auto; }
"""


@dataclass(frozen=True)
class Document:
    """A report: a title, an optional question under it, and its blocks in order.

    ``meta`` holds name/value pairs written into the HTML head (``generator``, ...).
    """

    title: str
    blocks: Sequence[Block]
    question: str = ""
    meta: Mapping[str, str] = field(default_factory=dict)

    def images(self) -> list[Image]:
        """The pictures, in order (the Markdown version writes each to a file).

        >>> Document("t", [Image("a.png", b"", "nothing")]).images()[0].name
        'a.png'
        """
        return [block for block in self.blocks if isinstance(block, Image)]

    # -- HTML ----------------------------------------------------------------------
    def to_html(self) -> str:
        """One self-contained HTML page: styles inline, pictures embedded as data
        URIs, no script and nothing fetched from the network.

        >>> page = Document("A & B", [Paragraph("x < y")]).to_html()
        >>> "<title>A &amp; B</title>" in page and "<p>x &lt; y</p>" in page
        True
        """
        esc = html.escape
        head = [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            *(f'<meta name="{esc(k)}" content="{esc(v)}">' for k, v in self.meta.items()),
            f"<title>{esc(self.title)}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            f"<h1>{esc(self.title)}</h1>",
        ]
        if self.question:
            head.append(f'<p class="question">{esc(self.question)}</p>')
        body = [html_block(block) for block in self.blocks]
        return "\n".join([*head, *body, "</body>", "</html>", ""])

    # -- Markdown ------------------------------------------------------------------
    def to_markdown(self) -> str:
        """The same report in Markdown; each picture is referenced by its file name
        (write :meth:`images` beside the file).

        >>> print(Document("T", [Bullets(["a", "b"])], question="Why?").to_markdown())
        # T
        <BLANKLINE>
        *Why?*
        <BLANKLINE>
        - a
        - b
        <BLANKLINE>
        """
        parts = [f"# {_md_text(self.title)}"]
        if self.question:
            parts.append(f"*{_md_text(self.question)}*")
        parts += [_md_block(block) for block in self.blocks]
        return "\n\n".join(parts) + "\n"


def html_block(block: Block) -> str:
    """One block as HTML (text escaped; a picture embedded as a data URI)."""
    esc = html.escape
    if isinstance(block, Heading):
        level = min(max(block.level, 2), 4)
        return f"<h{level}>{esc(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        role = f' class="{esc(block.role)}"' if block.role else ""
        return f"<p{role}>{esc(block.text)}</p>"
    if isinstance(block, Bullets):
        items = "".join(f"<li>{esc(item)}</li>" for item in block.items)
        return f"<ul>{items}</ul>"
    if isinstance(block, Table):
        header = "".join(f"<th>{esc(cell)}</th>" for cell in block.header)
        rows = "".join(
            "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>"
            for row in block.rows
        )
        caption = f'<p class="note">{esc(block.caption)}</p>' if block.caption else ""
        return f"<table><thead><tr>{header}</tr></thead><tbody>{rows}</tbody></table>{caption}"
    data = base64.b64encode(block.png).decode("ascii")
    caption = f"<figcaption>{esc(block.caption)}</figcaption>" if block.caption else ""
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{esc(block.alt)}">'
            f"{caption}</figure>")


def _md_text(text: str) -> str:
    """Text safe inside Markdown: characters that would start markup are escaped."""
    out = text.replace("\\", "\\\\")
    for char in "*_`[]<>|":
        out = out.replace(char, "\\" + char)
    return out


def _md_block(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * min(max(block.level, 2), 4) + " " + _md_text(block.text)
    if isinstance(block, Paragraph):
        text = _md_text(block.text)
        if block.role == "answer":
            return f"**{text}**"
        if block.role == "note":
            return f"*{text}*"
        return text
    if isinstance(block, Bullets):
        return "\n".join(f"- {_md_text(item)}" for item in block.items)
    if isinstance(block, Table):
        lines = ["| " + " | ".join(_md_text(cell) for cell in block.header) + " |",
                 "| " + " | ".join("---" for _ in block.header) + " |"]
        lines += ["| " + " | ".join(_md_text(cell).replace("\n", " ") for cell in row) + " |"
                  for row in block.rows]
        if block.caption:
            lines.append("")
            lines.append(f"*{_md_text(block.caption)}*")
        return "\n".join(lines)
    caption = f"\n\n*{_md_text(block.caption)}*" if block.caption else ""
    return f"![{_md_text(block.alt)}]({block.name}){caption}"
