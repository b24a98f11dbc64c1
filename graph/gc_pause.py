"""Pausing Python's cyclic garbage collector during bulk loads.

An ingest or a store load creates millions of small objects that all stay alive; every few
thousand allocations the collector walks them again looking for cycles that are not there.
Measured on 2,000 articles (40,000 claims): 1.0 s of a 3.5 s ingest was the collector. Our
model objects hold no reference cycles, so nothing is lost by collecting once afterwards.
"""
from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block (re-entrant; restores the previous state)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
