"""`actorgraph explorer`: open the explorer on the current store, from an installed package.

Streamlit runs a script file, and a pip-installed user has no `app.py`: the installed page module
(`actorgraph/explorer/page.py`, which calls `main()` when run as a script) is that file. The
server listens on the loopback interface only: the explorer can edit articles and the gazetteer
(the review queue), so it is not offered to the network unless the user asks for an address.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

import actorgraph.explorer


def page_path() -> Path:
    """The installed explorer page (found, not imported: importing it would load Streamlit here)."""
    return Path(actorgraph.explorer.__file__).resolve().parent / "page.py"


def streamlit_command(port: int, address: str, headless: bool) -> list[str]:
    """The command line that serves the installed explorer page (the same Python, so the same packages)."""
    return [sys.executable, "-m", "streamlit", "run", str(page_path()),
            "--server.address", address, "--server.port", str(port),
            "--server.headless", "true" if headless else "false", "--browser.gatherUsageStats", "false"]


@click.command("explorer")
@click.option("--port", default=8501, show_default=True, type=click.IntRange(1, 65535), help="TCP port to serve on.")
@click.option("--address", default="127.0.0.1", show_default=True,
              help="Interface to listen on (127.0.0.1: this machine only).")
@click.option("--no-browser", "headless", is_flag=True, help="Do not open a web browser tab.")
def explorer(port: int, address: str, headless: bool) -> None:
    """Open the explorer (Streamlit) on the store of $ACTORGRAPH_HOME; Ctrl-C stops it."""
    try:
        done = subprocess.run(streamlit_command(port, address, headless), check=False)
    except KeyboardInterrupt:  # Ctrl-C reaches Streamlit too; it stops cleanly
        return
    if done.returncode not in (0, -2):
        sys.exit(done.returncode)


commands = [explorer]
