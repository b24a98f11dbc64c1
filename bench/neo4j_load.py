"""How fast the Neo4j loader writes claims, by batch size, against a naive one-MERGE-per-row baseline.

Synthetic documents (deterministic: seeded) go through `Neo4jStore.write_documents`, the real
loader: constraints first, whole articles per transaction, `UNWIND $rows AS row CREATE ...`
statements of `batch_size` rows, direct edges updated in the same transaction. The baseline
writes a claim MERGE once per row, one transaction per claim, on a small subset; the loader's
own claim statement (CREATE, UNWIND batches) on the same subset gives the ratio. Medians of
`--repeats` runs, each on a cleared database.

    python bench/neo4j_load.py                    # starts a throw-away local server
    NEO4J_URI=bolt://... NEO4J_PASSWORD=... python bench/neo4j_load.py --claims 50000
"""
from __future__ import annotations

import argparse
import functools
import random
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from actorgraph.graph.config import Neo4jSettings, cache_home, neo4j_settings_from_env  # noqa: E402
from actorgraph.graph.model import Actor, Article, Claim, Document, Span  # noqa: E402
from actorgraph.graph.neo4j import queries as q  # noqa: E402
from actorgraph.graph.neo4j.connect import open_neo4j_store  # noqa: E402
from actorgraph.graph.neo4j.rows import claim_row  # noqa: E402
from actorgraph.graph.neo4j.store import Neo4jStore  # noqa: E402
from actorgraph.graph.neo4j.writer import run_batched  # noqa: E402
from actorgraph.graph.store import ClaimFilter  # noqa: E402

PREDICATES = ("accuses", "attacks", "fights", "supports", "supported-by", "backed-by", "allied-with", "opposes",
              "threatens", "cooperates-with")
CLAIMS_PER_ARTICLE = 40


def synthetic(claims: int, actors: int, seed: int = 7) -> tuple[list[Actor], list[Document]]:
    """Articles of 40 claims among `actors` actors drawn with Zipf-like weights (a few hubs)."""
    rng = random.Random(seed)
    people = [Actor(f"bench-{i}", "ArmedGroup", {"en": f"Group {i}", "ar": f"جماعة {i}"}) for i in range(actors)]
    weights = [1 / (i + 1) for i in range(actors)]
    documents = []
    for a in range(0, claims, CLAIMS_PER_ARTICLE):
        article_id = f"bench-article-{a // CLAIMS_PER_ARTICLE}"
        sentences, found = [], []
        for k in range(min(CLAIMS_PER_ARTICLE, claims - a)):
            s, o = rng.choices(people, weights, k=2)
            sentence = f"{s.labels['ar']} {k} {o.labels['ar']}."
            start = sum(len(x) + 1 for x in sentences)
            sentences.append(sentence)
            polarity = "denied" if rng.random() < 0.05 else "asserted"
            found.append(Claim(f"{article_id}#c{k}", article_id, s.id, rng.choice(PREDICATES), o.id,
                               Span(start, start + len(sentence), sentence), polarity=polarity))
        text = " ".join(sentences)
        documents.append(Document(Article(article_id, f"Bench {a}", text, publisher="bench", published="2022-01-21"),
                                  tuple(found)))
    return people, documents


def timed(work: Callable[[], Any]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def prepare(store: Neo4jStore, actors: list[Actor], documents: list[Document]) -> None:
    """A cleared database holding only the actors (so every run loads the same claims from scratch)."""
    store.clear()
    store.upsert_actors(actors)


def drop_claims(store: Neo4jStore) -> None:
    """Delete every claim node, keeping actors and articles: the baselines write claim nodes with
    a bare statement, bypassing the loader (and its per-article digests), so they are removed the
    same way rather than by rewriting the articles."""
    with store.session() as session:
        while session.run(q.CLEAR_BATCHES[0], batch=10_000).single(strict=True)["deleted"]:
            pass


def naive_rows(store: Neo4jStore, rows: list[dict[str, Any]]) -> None:
    with store.session() as session:
        for row in rows:
            session.execute_write(lambda tx, r=row: tx.run(q.MERGE_ONE_CLAIM, row=r).consume())


def batched_rows(store: Neo4jStore, rows: list[dict[str, Any]], size: int,
                 statement: q.LiteralString = q.CREATE_CLAIMS) -> None:
    """The loader's claim statement (CREATE after the article's old claims are gone), `size` rows each."""
    with store.session() as session:
        for start in range(0, len(rows), size):
            session.execute_write(run_batched, statement, rows[start:start + size], size)


def documents_of(source: Any) -> tuple[list[Actor], list[Document]]:
    """Every actor, and every article of `source` (any Store) as the Document the loader writes,
    read once before any timing so the figures are the loader's, not the source store's."""
    every = ClaimFilter(polarities=())
    return source.actors(), [Document(a, tuple(source.claims(every, article_id=a.id)),
                                      tuple(source.mentions(article_id=a.id))) for a in source.articles()]


def bare_create_seconds(store: Neo4jStore, actors: list[Actor], documents: list[Document], batch: int) -> float:
    """(a) The machine's limit for this model: the bare `UNWIND $rows CREATE` of the claim rows
    (node, IN_ARTICLE, SUBJECT, OBJECT, CLAIMED_BY) in transactions of `batch` rows, into a database
    that already holds the actors and articles; no mentions, no direct edges, no digest."""
    store.clear()
    store.upsert_actors(actors)
    store.write_documents([Document(d.article, ()) for d in documents])
    rows = [claim_row(c) for d in documents for c in d.claims]
    return timed(lambda: batched_rows(store, rows, batch))


def loader_seconds(store: Neo4jStore, actors: list[Actor], documents: list[Document]) -> float:
    """(b) The full loader into an empty database: actors, articles, claims, mentions, direct edges."""
    store.clear()
    return timed(lambda: (store.upsert_actors(actors), store.write_documents(documents)))


def loader_figures(store: Neo4jStore, actors: list[Actor], documents: list[Document], runs: int,
                   batch: int = 2000) -> dict[str, float]:
    """(a) and (b) in the same run, alternated so both see the same machine load; medians of `runs`.

    The first loader run meets a cold server (statements planned and JIT-compiled) and is
    reported on its own; a reload of the unchanged documents is the digest skip.
    """
    claims = sum(len(d.claims) for d in documents)
    cold = loader_seconds(store, actors, documents)
    bare, loads, reloads = [], [], []
    for _ in range(runs):
        bare.append(bare_create_seconds(store, actors, documents, batch))
        loads.append(loader_seconds(store, actors, documents))
        reloads.append(timed(lambda: store.write_documents(documents)))
    edges = edge_claims_figures(store)
    store.clear()
    bare_rate = claims / statistics.median(bare)
    load_rate = claims / statistics.median(loads)
    return {"relations": claims, "neo4j_loader_cold_relations_per_s": claims / cold,
            "neo4j_loader_relations_per_s": load_rate, "neo4j_bare_create_relations_per_s": bare_rate,
            "neo4j_loader_to_bare_ratio": load_rate / bare_rate,
            "neo4j_reload_relations_per_s": claims / statistics.median(reloads), **edges}


#: "Claims of edge X, page 1", both ways the model allows (measured here, not product queries):
#: through the edge's sorted `claim_ids` and the Claim.id uniqueness index, or by walking the
#: subject's claims to those with the predicate and the object.
BUSIEST_EDGE = """
MATCH (s:Actor)-[r]->(o:Actor) WHERE r.claim_ids IS NOT NULL
RETURN s.id AS subject, type(r) AS type, o.id AS object, r.count AS claims ORDER BY claims DESC LIMIT 1
"""
PAGE_BY_EDGE_IDS = """
MATCH (:Actor {id: $subject})-[r]->(:Actor {id: $object}) WHERE type(r) = $type
UNWIND r.claim_ids[0..$page] AS claim_id
MATCH (c:Claim {id: claim_id})-[:IN_ARTICLE]->(a:Article)
RETURN c.id, a.id, c.evidence_text
"""
PAGE_BY_CLAIM_WALK = """
MATCH (:Actor {id: $subject})<-[:SUBJECT]-(c:Claim {predicate: $predicate, polarity: 'asserted'})
WHERE (c)-[:OBJECT]->(:Actor {id: $object})
WITH c ORDER BY c.id LIMIT $page
MATCH (c)-[:IN_ARTICLE]->(a:Article)
RETURN c.id, a.id, c.evidence_text
"""


def edge_claims_figures(store: Neo4jStore, runs: int = 9, page: int = 20) -> dict[str, float]:
    """Median ms of "the first `page` claims of the busiest direct edge", both ways."""
    with store.session() as session:
        edge = session.run(BUSIEST_EDGE).single()
        if edge is None:
            return {}
        params = {"subject": edge["subject"], "object": edge["object"], "type": edge["type"], "page": page,
                  "predicate": store.vocabulary.term_for_relationship_type(edge["type"]).id}
        figures = {"neo4j_busiest_edge_claims": float(edge["claims"])}
        for key, text in (("neo4j_edge_claims_page1_by_ids_ms", PAGE_BY_EDGE_IDS),
                          ("neo4j_edge_claims_page1_by_claim_walk_ms", PAGE_BY_CLAIM_WALK)):
            session.run(text, params).consume()  # plan once
            times = [timed(lambda t=text: session.run(t, params).consume()) for _ in range(runs)]
            figures[key] = statistics.median(times) * 1000
    return figures


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--actors", type=int, default=2_000)
    parser.add_argument("--batch-sizes", default="2000,5000,10000")
    parser.add_argument("--naive", type=int, default=1_000, help="claims in the one-per-row baseline subset")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    settings = neo4j_settings_from_env()
    home = None
    if settings is None:
        from actorgraph.graph.neo4j import server as neo4j_server

        home = Path(tempfile.mkdtemp(prefix="actorgraph-bench-neo4j-"))
        info = neo4j_server.start(home, bolt_port=_free_port(), http_port=_free_port(), cache_dir=cache_home(),
                                  heap="768m", pagecache="128m")
        settings = Neo4jSettings(info.uri, info.user, info.password or "")
    try:
        run(settings, args)
    finally:
        if home is not None:
            from actorgraph.graph.neo4j import server as neo4j_server

            neo4j_server.stop(home)


def run(settings: Neo4jSettings, args: argparse.Namespace) -> None:
    actors, documents = synthetic(args.claims, args.actors)
    claims = sum(len(d.claims) for d in documents)
    print(f"neo4j load bench: {claims} claims in {len(documents)} articles over {len(actors)} actors, "
          f"median of {args.repeats} runs at {settings.uri}")
    base = open_neo4j_store(settings)
    try:
        print("\nfull loader (write_documents: claims + direct edges, one transaction per ~batch):")
        print(f"  {'batch':>6} {'seconds':>8} {'claims/s':>9} {'reload s':>9}")
        for size in (int(s) for s in args.batch_sizes.split(",")):
            store = Neo4jStore(base.driver, settings.database, batch_size=size, owns_driver=False, ensure_schema=False)
            loads, reloads = [], []
            for _ in range(args.repeats):
                prepare(store, actors, documents)
                load_all = functools.partial(store.write_documents, documents)
                loads.append(timed(load_all))
                reloads.append(timed(load_all))
            load = statistics.median(loads)
            print(f"  {size:>6} {load:>8.2f} {claims / load:>9.0f} {statistics.median(reloads):>9.2f}")

        subset = [claim_row(c) for d in documents for c in d.claims][:args.naive]
        naive, batched = [], []
        for _ in range(args.repeats):
            prepare(base, actors, documents)
            base.write_documents([Document(d.article, ()) for d in documents])  # the articles, no claims
            naive.append(timed(lambda: naive_rows(base, subset)))
            drop_claims(base)
            batched.append(timed(lambda: batched_rows(base, subset, 2000)))
        naive_rate = len(subset) / statistics.median(naive)
        batched_rate = len(subset) / statistics.median(batched)
        print(f"\nthe same claims, {len(subset)} of them (no edges):")
        print(f"  one MERGE per row, one transaction each: {naive_rate:>8.0f} claims/s")
        print(f"  loader statement, UNWIND batches of 2000: {batched_rate:>8.0f} claims/s")
        print(f"  ratio batched / naive: {batched_rate / naive_rate:.1f}x")
    finally:
        base.clear()
        base.close()


if __name__ == "__main__":
    main()
