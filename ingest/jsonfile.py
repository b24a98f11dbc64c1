"""Parsing JSON exports with errors that name the line and column (shared by the JSON tool readers)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from actorgraph.graph.errors import InputError
from actorgraph.graph.files import NUMBER_HINT
from actorgraph.ingest.annotations import read_text


def parse_json(text: str, path: str, line_offset: int = 0) -> Any:
    """Parsed JSON, or an InputError at `line:column` (shifted by `line_offset` for JSONL lines)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        truncated = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        hint = "the file looks truncated: export it again" if truncated else "fix the syntax"
        raise InputError(path, f"line {exc.lineno + line_offset}:{exc.colno}", f"invalid JSON: {exc.msg}",
                         hint) from None
    except ValueError as exc:  # an integer of more than 4300 digits (Python's guard against slow int parsing)
        raise InputError(path, "", f"invalid JSON: {str(exc).split(';')[0]}", NUMBER_HINT) from None
    except RecursionError:
        raise InputError(path, "", "JSON nested too deeply") from None


def load_json(path: Path) -> Any:
    return parse_json(read_text(path, export=True), str(path))
