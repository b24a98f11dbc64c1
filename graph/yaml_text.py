"""YAML parsing that turns every bad input into an InputError, and never crashes the process.

libyaml (the fast C loader) overflows the C stack on deeply nested flow collections and kills
the interpreter with a segmentation fault, which no `except` can catch. Found by fuzzing; so
nesting is measured before parsing and refused past a depth no real file needs.
"""
from __future__ import annotations

from typing import Any

import yaml

from graph.errors import InputError

MAX_NESTING = 64
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster


def nesting_depth(text: str) -> int:
    """Upper bound of the flow-collection nesting of `text` (brackets inside strings count too)."""
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif char in "]}" and depth:
            depth -= 1
    return deepest


def parse_yaml(text: str, path: str, error: type[InputError] = InputError) -> Any:
    """Parse YAML text; syntax errors and over-deep nesting become `error(path, line:col, ...)`."""
    if "[" in text or "{" in text:
        depth = nesting_depth(text)
        if depth > MAX_NESTING:
            raise error(path, "", f"YAML nested {depth} levels deep (the limit is {MAX_NESTING})",
                        "flatten the file")
    try:
        return yaml.load(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error(path, where, f"invalid YAML: {problem}", "fix the syntax") from None
    except RecursionError:
        raise error(path, "", "YAML nested too deeply", "flatten the file") from None
