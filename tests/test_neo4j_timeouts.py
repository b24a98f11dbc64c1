"""Every Neo4j store read runs under a server-side transaction timeout, and says so in one line."""
from __future__ import annotations

import pytest

from actorgraph.graph.config import DEFAULT_READ_TIMEOUT, neo4j_read_timeout
from actorgraph.graph.errors import ConfigError, StoreError

#: A read the server cannot finish in a second: ten billion rows counted.
ENDLESS = "UNWIND range(1, 10000000000) AS x RETURN count(x) AS n"


@pytest.mark.neo4j
def test_a_read_that_runs_past_its_timeout_is_stopped_with_one_clear_line(neo4j_settings, neo4j_driver) -> None:
    from actorgraph.graph.neo4j.store import Neo4jStore

    store = Neo4jStore(neo4j_driver, neo4j_settings.database, owns_driver=False, ensure_schema=False,
                       read_timeout=0.5)
    with pytest.raises(StoreError) as stopped:
        store._read(ENDLESS)
    message = str(stopped.value)
    assert message.startswith("Neo4j stopped a read after 0.5 s (its timeout)") and "\n" not in message
    assert "ACTORGRAPH_NEO4J_READ_TIMEOUT" in message
    # the store still answers afterwards (a statement the server needs no planning for: a first
    # `claim_overview` is planned cold, which alone can pass 0.5 s on a loaded machine)
    assert store._read("RETURN 1 AS one") == [{"one": 1}]


def test_the_read_timeout_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ACTORGRAPH_NEO4J_READ_TIMEOUT", raising=False)
    assert neo4j_read_timeout() == DEFAULT_READ_TIMEOUT
    monkeypatch.setenv("ACTORGRAPH_NEO4J_READ_TIMEOUT", "2.5")
    assert neo4j_read_timeout() == 2.5
    for bad in ("0", "-1", "soon", "inf"):
        monkeypatch.setenv("ACTORGRAPH_NEO4J_READ_TIMEOUT", bad)
        with pytest.raises(ConfigError, match=r"^ACTORGRAPH_NEO4J_READ_TIMEOUT=.*not a positive number of seconds"):
            neo4j_read_timeout()
