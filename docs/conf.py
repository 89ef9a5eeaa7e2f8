"""Sphinx configuration of the ranges documentation site.

Build it with ``python -m sphinx -W --keep-going -b html docs OUTDIR`` (the ``docs``
extra of pyproject.toml installs what it needs). Nothing here reaches the network.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the ranges package of this checkout
sys.path.insert(0, str(HERE / "_ext"))  # the local extension ranges_docs

os.environ.setdefault("MPLBACKEND", "Agg")

import ranges  # noqa: E402

project = "ranges"
author = "ranges developers"
copyright = "ranges developers"
version = ranges.__version__
release = ranges.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx_gallery.gen_gallery",
    "ranges_docs",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = [
    "_build",
    "_ext",
    "_templates",
    "api/generated/*.md",
    "gallery/*.ipynb",
    "gallery/*.py",
    "gallery/*.zip",
    "gallery/*.md5",
    "gallery/*.pickle",
    "gallery/*.json",
    "**/sg_execution_times.rst",
    "sg_execution_times.rst",
    "README.md",
    "*.schema.json",
    ".DS_Store",
]

# MyST: ::: fences, definition lists, and anchors for headings so that the pages' links
# of the form [text](page.md#a-heading) resolve.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 4

# autodoc / autosummary: one page per public name, under api/generated/ (git-ignored).
autosummary_generate = True
autosummary_imported_members = True
autodoc_default_options = {"members": False, "show-inheritance": False}
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_member_order = "bysource"
add_module_names = False

# napoleon: the docstrings are prose with >>> examples; no Google/NumPy sections are
# relied on, so neither style rewrites an ordinary paragraph.
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# sphinx-gallery: every script of examples/gallery is run at build time.
sphinx_gallery_conf = {
    "examples_dirs": ["../examples/gallery"],
    "gallery_dirs": ["gallery"],
    "filename_pattern": r".*\.py$",
    "plot_gallery": "True",
    "download_all_examples": False,
    "remove_config_comments": True,
    "within_subsection_order": "FileNameSortKey",
    "abort_on_example_error": True,
    "image_scrapers": ("matplotlib",),
    "reset_modules": ("matplotlib",),
    "copyfile_regex": "",
    "write_computation_times": False,
    # the printed numbers are the output; the Axes a plot call returns is not
    "capture_repr": (),
}

html_theme = "furo"
html_title = f"ranges {release}"
html_static_path: list[str] = []
templates_path = ["_templates"]
nitpicky = False
# the CLI reference and the pages show options such as --json: keep two hyphens as typed
smartquotes = False
