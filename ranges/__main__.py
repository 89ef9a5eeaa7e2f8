"""``python -m ranges``: the same command as the ``ranges`` console script.

>>> from ranges.__main__ import main
>>> main(["--version"])
ranges 0.1.0
0
"""

from __future__ import annotations

import sys

from ranges.cli import main

if __name__ == "__main__":
    sys.exit(main())
