"""Write the JSON Schema of a report spec: ``python -m ranges.report.schema [PATH]``
(``docs/report-spec.schema.json`` by default; ``-`` prints it). The schema is made
from the one table of fields in :mod:`ranges.report._spec`.

>>> schema_text().startswith('{\\n  "$schema"')
True
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ranges.report._spec import spec_json_schema

#: where the published schema lives, relative to the repository root
SCHEMA_PATH = Path("docs") / "report-spec.schema.json"


def schema_text() -> str:
    """The schema as the file holds it (indented JSON ending with a newline)."""
    return json.dumps(spec_json_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schema to the path given (``-`` for standard output)."""
    args = sys.argv[1:] if argv is None else argv
    target = args[0] if args else str(SCHEMA_PATH)
    if target == "-":
        sys.stdout.write(schema_text())
    else:
        Path(target).write_text(schema_text(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
