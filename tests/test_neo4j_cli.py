"""The Neo4j commands as a user runs them: real subprocesses against a real Neo4j server."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NEO4J_HINT, ROOT, SEED_ARTICLE, SEED_DIR, _free_port, _neo4j_unavailable

SEED_ID = "orient-2022-01-hasakah-prison"
EDGE_QUERY = "MATCH (a:Actor)-[:SUPPORTED_BY]->(b:Actor) RETURN a.id, b.id"


def run(env: dict[str, str] | None, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "actorgraph.cli.main", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env=env)


def ok(env: dict[str, str] | None, *args: str) -> subprocess.CompletedProcess[str]:
    result = run(env, *args)
    assert result.returncode == 0, result.stderr
    return result


def seed_claim(local_id: str) -> dict:
    data = json.loads((SEED_DIR / f"{SEED_ID}.json").read_text(encoding="utf-8"))
    return next(c for c in data["claims"] if c["id"] == local_id)


def stats(env: dict[str, str]) -> dict:
    return json.loads(ok(env, "stats", "--neo4j", "--json").stdout)


@pytest.mark.neo4j
def test_ingest_neo4j_then_cypher_and_evidence(neo4j_env: dict[str, str]) -> None:
    summary = json.loads(ok(neo4j_env, "ingest", str(SEED_ARTICLE), "--neo4j", "--json").stdout)
    assert summary["backend"] == "neo4j" and summary["articles"] == 1 and summary["errors"] == 0
    rows = json.loads(ok(neo4j_env, "cypher", EDGE_QUERY, "--json").stdout)
    assert rows == [{"a.id": "sdf", "b.id": "international-coalition"}]
    evidence = json.loads(ok(neo4j_env, "query", "evidence", "-p", "a=قسد", "-p", "b=international-coalition",
                             "-p", "relation=supported-by", "--json").stdout)
    behind = [c for c in json.loads((SEED_DIR / f"{SEED_ID}.json").read_text(encoding="utf-8"))["claims"]
              if (c["predicate"], c.get("polarity", "asserted")) == ("supported-by", "asserted")]
    assert [(r["subject"], r["edge"], r["object"], r["article"], r["sentence"], r["claim"]) for r in evidence] == [
        ("sdf", "SUPPORTED_BY", "international-coalition", SEED_ID, c["evidence"]["text"], f"{SEED_ID}#{c['id']}")
        for c in behind]
    supporters = json.loads(ok(neo4j_env, "query", "who-supports", "--param", "actor=sdf", "--json").stdout)
    assert [(r["actor"], r["edge"]) for r in supporters] == [("international-coalition", "SUPPORTED_BY")]
    listing = ok(neo4j_env, "query").stdout
    for name in ("who-supports", "who-accuses", "paths", "ego", "contested", "central", "article-claims", "evidence"):
        assert name in listing
    assert "[:`ACCUSES`|" in ok(neo4j_env, "query", "paths", "--cypher").stdout


@pytest.mark.neo4j
def test_the_console_is_read_only(neo4j_env: dict[str, str]) -> None:
    ok(neo4j_env, "ingest", str(SEED_ARTICLE), "--neo4j")
    before = stats(neo4j_env)
    for statement in ("CREATE (n)", "MATCH (n) DETACH DELETE n"):
        refused = run(neo4j_env, "cypher", statement)
        assert refused.returncode == 1
        assert refused.stderr.splitlines() == [
            "error: the cypher console is read-only: this statement would write (query type 'w')"]
    assert stats(neo4j_env) == before
    limited = run(neo4j_env, "cypher", "MATCH (a:Actor) RETURN a.id", "--limit", "2", "--json")
    assert len(json.loads(limited.stdout)) == 2
    assert limited.stderr.strip() == "warning: stopped at 2 rows (pass a larger --limit)"


@pytest.mark.neo4j
def test_hostile_param_values_are_refused_or_stay_values(neo4j_env: dict[str, str]) -> None:
    ok(neo4j_env, "ingest", str(SEED_ARTICLE), "--neo4j")
    before = stats(neo4j_env)
    missing = run(neo4j_env, "query", "who-accuses", "-p", "actor='}) DETACH DELETE n //")
    assert missing.returncode == 1
    assert missing.stderr.splitlines() == [
        "error: --param actor: no actor matches \"'}) DETACH DELETE n //\" (try `actorgraph actors NAME`)"]
    relation = run(neo4j_env, "query", "evidence", "-p", "a=sdf", "-p", "b=isis", "-p", "relation=`X`) DELETE n //")
    assert relation.stderr.splitlines() == [
        "error: --param relation: unknown relation '`X`) DELETE n //' (see data/vocabulary.yaml)"]
    empty = ok(neo4j_env, "query", "article-claims", "-p", "article=x' OR 1=1 //", "--json")
    assert json.loads(empty.stdout) == []
    echoed = ok(neo4j_env, "cypher", "RETURN $v AS v", "-p", "v=`X` }) DETACH DELETE n //", "--json")
    assert json.loads(echoed.stdout) == [{"v": "`X` }) DETACH DELETE n //"}]
    assert stats(neo4j_env) == before


@pytest.mark.neo4j
def test_load_copies_the_embedded_store_and_reloading_changes_nothing(neo4j_env: dict[str, str]) -> None:
    ok(neo4j_env, "ingest", str(SEED_ARTICLE))  # the embedded store
    embedded = json.loads(ok(neo4j_env, "stats", "--json").stdout)
    first = json.loads(ok(neo4j_env, "load", "--neo4j", "--json").stdout)
    assert first["articles"] == 1 and first["claims"] == embedded["claims"]
    after_first = stats(neo4j_env)
    assert {**after_first, "backend": "embedded"} == embedded
    ok(neo4j_env, "load", "--neo4j", "--batch-size", "7")
    assert stats(neo4j_env) == after_first
    needs_flag = run(neo4j_env, "load")
    assert needs_flag.returncode == 2 and "pass --neo4j" in needs_flag.stderr


def test_a_missing_local_server_is_one_clear_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["ACTORGRAPH_HOME"] = str(tmp_path / "nowhere")
    for args in (("stats", "--neo4j"), ("cypher", "RETURN 1"), ("load", "--neo4j")):
        result = run(env, *args)
        assert result.returncode == 1
        expected = ("error: the local Neo4j server is not running: run `actorgraph neo4j start` or set NEO4J_URI"
                    if args[0] != "load" else
                    f"error: {tmp_path / 'nowhere' / 'graph.msgpack'}: no embedded store yet "
                    "(run `actorgraph ingest PATH` first)")
        assert result.stderr.splitlines() == [expected]
    status = run(env, "neo4j", "status")
    assert status.returncode == 3 and status.stdout.startswith("not running")


@pytest.mark.neo4j
def test_neo4j_start_status_stop_and_the_local_server_path(isolated_home: Path) -> None:
    from actorgraph.graph.neo4j import server as neo4j_server

    try:
        neo4j_server.find_java()
    except neo4j_server.Neo4jServerError:
        _neo4j_unavailable(NEO4J_HINT)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    password = "Known-Secret-Pw-7f3a9c"  # a known password: it must never reach output, logs or files
    env.update(NEO4J_BOLT_PORT=str(_free_port()), NEO4J_HTTP_PORT=str(_free_port()), NEO4J_PASSWORD=password,
               ACTORGRAPH_NEO4J_HEAP="512m", ACTORGRAPH_NEO4J_PAGECACHE="96m")
    home = isolated_home / "neo4j"
    outputs: list[str] = []
    try:
        start = ok(env, "neo4j", "start", "--json")
        started = json.loads(start.stdout)
        assert not (home / "password").exists()  # a password from the environment is not copied to disk
        assert started["uri"] == f"bolt://127.0.0.1:{env['NEO4J_BOLT_PORT']}"
        assert started["password_file"] == "(from NEO4J_PASSWORD)"
        assert started["browser"] == f"http://127.0.0.1:{env['NEO4J_HTTP_PORT']}/browser/"
        # sizes from the environment; the transaction limit is half the heap
        assert (started["memory_heap"], started["memory_pagecache"], started["memory_transaction_total"]) == (
            "512m", "96m", "256m")
        status = ok(env, "neo4j", "status", "--json")
        assert json.loads(status.stdout)["pid"] == started["pid"]
        assert json.loads(status.stdout)["browser"] == started["browser"]
        ingested = json.loads(ok(env, "ingest", str(SEED_ARTICLE), "--neo4j", "--json").stdout)
        assert ingested["backend"] == "neo4j" and ingested["claims"] > 0
        assert json.loads(ok(env, "cypher", EDGE_QUERY, "--json").stdout) == [
            {"a.id": "sdf", "b.id": "international-coalition"}]
        verbose = ok(env, "-v", "ingest", str(SEED_ARTICLE), "--neo4j")
        stopped = ok(env, "neo4j", "stop")
        assert stopped.stdout.strip() == "stopped"
        outputs += [r.stdout + r.stderr for r in (start, status, verbose, stopped, run(env, "neo4j", "status"))]
        assert "INFO" in verbose.stderr or "DEBUG" in verbose.stderr  # -v logs, and still no password
    finally:
        neo4j_server.stop(home)
    assert not [text for text in outputs if password in text]
    leaks = [path for path in isolated_home.rglob("*") if path.is_file() and path != home / "password"
             and path.stat().st_size < 5_000_000 and password.encode() in path.read_bytes()]
    assert leaks == []
