"""ActorGraph's graph layer: the data model, reference data, the stores and exports.

Library code only: nothing here imports click or streamlit, prints, or reads configuration at
import time. The CLI (`cli/`) and the explorer (`app.py`) call into it.
"""
from __future__ import annotations

__version__ = "0.1.0"
