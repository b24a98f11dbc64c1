"""Configuration is input too: every environment variable and option with a malformed value ends in
one line on stderr naming it, saying what is wrong and showing a good value, with a non-zero exit.

Environment variables run through the real CLI in a subprocess; options are found by walking the
click command tree, so an option added later is checked without editing this file.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from actorgraph.cli.main import main
from actorgraph.graph.errors import ConfigError
from actorgraph.graph.neo4j.server import Neo4jServerError, find_java

ROOT = Path(__file__).resolve().parent.parent


def run_cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "ACTORGRAPH_", "XDG_"))}
    return subprocess.run([sys.executable, "-m", "actorgraph.cli.main", *args], cwd=ROOT, env={**clean, **env},
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "plain-file"
    path.write_text("not a folder", encoding="utf-8")
    return path


# (variable, value ({file} is a regular file, {home} a fresh folder), command, what the line says)
ENVIRONMENT_CASES = [
    ("ACTORGRAPH_HOME", "{file}", ["stats"],
     "is a file, not a folder (e.g. ACTORGRAPH_HOME=~/.local/share/actorgraph)"),
    ("ACTORGRAPH_HOME", "{file}/sub", ["ingest", "data/articles"], "is inside {file}, which is a file, not a folder"),
    ("XDG_DATA_HOME", "{file}", ["stats"], "is a file, not a folder (e.g. XDG_DATA_HOME=~/.local/share)"),
    ("ACTORGRAPH_CACHE", "{file}", ["neo4j", "start"],
     "is a file, not a folder (e.g. ACTORGRAPH_CACHE=~/.cache/actorgraph)"),
    ("ACTORGRAPH_GAZETTEER", "{home}/missing.yaml", ["ingest", "data/articles"],
     "no such file (e.g. ACTORGRAPH_GAZETTEER=~/actorgraph/actors.yaml)"),
    ("ACTORGRAPH_GAZETTEER", "{home}", ["actors", "alias", "x", "y"], "is a folder, not a gazetteer file"),
    ("ACTORGRAPH_BACKEND", "neo5j", ["stats"], "not a backend (use embedded or neo4j) (e.g. ACTORGRAPH_BACKEND=neo4j)"),
    ("ACTORGRAPH_LOCK_TIMEOUT", "soon", ["ingest", "data/articles"],
     "not a number of seconds >= 0 (e.g. ACTORGRAPH_LOCK_TIMEOUT=120; 0 means do not wait)"),
    ("NEO4J_URI", "notaurl", ["stats", "--neo4j"],
     "the scheme must be one of bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc (e.g. NEO4J_URI=bolt://localhost:7687)"),
    ("NEO4J_URI", "bolt://:7687", ["triples", "--neo4j"], "no host name (e.g. NEO4J_URI=bolt://localhost:7687)"),
    ("NEO4J_URI", "bolt://localhost:99999", ["stats", "--neo4j"], "not a URI (Port out of range 0-65535)"),
    ("NEO4J_USER", " ", ["stats", "--neo4j"], "empty user name (e.g. NEO4J_USER=neo4j)"),
    ("NEO4J_DATABASE", "a_b", ["stats", "--neo4j"], "not a Neo4j database name"),
    ("NEO4J_BOLT_PORT", "x", ["neo4j", "start"], "not a port number (1-65535) (e.g. NEO4J_BOLT_PORT=7687)"),
    ("NEO4J_HTTP_PORT", "70000", ["neo4j", "start"], "not a port number (1-65535) (e.g. NEO4J_HTTP_PORT=7474)"),
]


@pytest.mark.parametrize("name,value,args,says", ENVIRONMENT_CASES,
                         ids=[f"{c[0]}={c[1]}" for c in ENVIRONMENT_CASES])
def test_a_malformed_environment_variable_is_one_line_with_an_example(
        name: str, value: str, args: list[str], says: str, a_file: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {"ACTORGRAPH_HOME": str(home), "ACTORGRAPH_CACHE": str(tmp_path / "cache")}
    if name == "XDG_DATA_HOME":
        del env["ACTORGRAPH_HOME"]
    if name.startswith("NEO4J_") and name != "NEO4J_URI" and "--neo4j" in args:
        env["NEO4J_URI"] = "bolt://localhost:7687"
    value = value.format(file=a_file, home=home)
    done = run_cli(args, {**env, name: value})
    assert done.returncode == 1, done.stdout
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {name}={value!r}: "), done.stderr
    assert says.format(file=a_file) in lines[0]
    assert "Traceback" not in done.stderr


def test_the_explorer_shows_a_malformed_home_as_a_message(a_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from actorgraph.explorer.data import BackendUnavailable, open_backend

    monkeypatch.setenv("ACTORGRAPH_HOME", str(a_file))
    with pytest.raises(BackendUnavailable, match=r"^ACTORGRAPH_HOME=.*: is a file, not a folder \(e\.g\."):
        open_backend("embedded")
    monkeypatch.setenv("NEO4J_URI", "notaurl")
    with pytest.raises(BackendUnavailable, match=r"^NEO4J_URI='notaurl': the scheme must be one of"):
        open_backend("neo4j")


def test_a_java_home_without_java_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JAVA_HOME", str(tmp_path))
    with pytest.raises(Neo4jServerError,
                       match=rf"^JAVA_HOME='{tmp_path}': has no executable bin/java \(e\.g\. JAVA_HOME="):
        find_java()


def test_config_errors_are_value_errors_the_cli_reports() -> None:
    assert issubclass(ConfigError, ValueError)


# ---------------------------------------------------------------------------------------- options
def _malformed(param: click.Parameter) -> str | None:
    """A value click must refuse for `param`, or None when any string is acceptable to its type."""
    kind = param.type
    if isinstance(kind, click.Choice):
        return "no-such-choice"
    if isinstance(kind, (click.IntRange, click.FloatRange)):
        return str((kind.min - 1) if kind.min is not None else (kind.max + 1))
    if isinstance(kind, (click.types.IntParamType, click.types.FloatParamType)):
        return "many"
    if isinstance(kind, click.Path) and kind.exists:
        return "/no/such/path"
    return None


def _option_cases() -> list[tuple[list[str], str, str]]:
    """(command path, option, malformed value) for every typed option of every command."""
    cases: list[tuple[list[str], str, str]] = []

    def walk(command: click.Command, path: list[str]) -> None:
        for param in command.params:
            value = _malformed(param)
            if isinstance(param, click.Option) and not param.is_flag and value is not None:
                cases.append((path, param.opts[-1], value))
        if isinstance(command, click.Group):
            for name, sub in sorted(command.commands.items()):
                walk(sub, [*path, name])

    walk(main, [])
    return cases


OPTION_CASES = _option_cases()


def test_the_option_walk_finds_the_typed_options() -> None:
    found = {(" ".join(path), option) for path, option, _ in OPTION_CASES}
    assert {("ingest", "--workers"), ("triples", "--format"), ("actors", "--limit")} <= found
    assert len(found) >= 15


@pytest.mark.parametrize("path,option,value", OPTION_CASES, ids=[f"{' '.join(p)} {o}" for p, o, _ in OPTION_CASES])
def test_a_malformed_option_is_one_line_with_what_is_wrong_and_a_good_value(
        path: list[str], option: str, value: str) -> None:
    # Required arguments get plausible values so that the option is what fails.
    command: click.Command = main
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    arguments = ["x" for p in command.params if isinstance(p, click.Argument) and p.required]
    runner = CliRunner()
    result = runner.invoke(main, [*path, option, value, *arguments], catch_exceptions=False)
    lines = result.stderr.splitlines()
    assert result.exit_code == 2, result.output
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"error: Invalid value for '{option}'") or option in lines[0]
    assert any(hint in lines[0] for hint in ("(e.g.", "is not one of", "existing file", "existing")), lines[0]
    assert f"see `{' '.join(['actorgraph', *path])} --help`" in lines[0].replace("main ", "actorgraph ")


def test_a_store_under_its_old_name_is_renamed_and_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Upgrading from 0.1 (store file `graph.pickle`) keeps the graph: the file is renamed, not left behind."""
    from actorgraph.graph.config import embedded_store_path
    from actorgraph.graph.embedded import EmbeddedStore
    from actorgraph.graph.model import Actor

    monkeypatch.setenv("ACTORGRAPH_HOME", str(tmp_path))
    old = EmbeddedStore(tmp_path / "graph.pickle")
    old.upsert_actors([Actor(id="iraq", type="state", labels={"en": "Iraq"})])
    path = embedded_store_path()
    assert path == tmp_path / "graph.msgpack" and path.is_file()
    assert not (tmp_path / "graph.pickle").exists()
    assert EmbeddedStore(path).get_actor("iraq").labels == {"en": "Iraq"}
