"""The `actorgraph` command line: parses arguments, calls the library, renders tables or JSON.

One module per command group; `cli.main` assembles them. Library errors become one line on
stderr and a non-zero exit code.
"""
from __future__ import annotations
