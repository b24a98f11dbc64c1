"""The bulk path for very large first loads: CSV files for `neo4j-admin database import full`.

Why: the transactional loader (`graph.neo4j.writer`) MERGEs every node and relationship through
Cypher, checking each against an index; an empty database can instead be built offline by the
import tool, which writes the store files directly (no transactions, no index lookups) and is
one to two orders of magnitude faster. The price: the server must be stopped and the target
database is replaced, so this is for first loads only; incremental updates use the loader.

The CSVs hold exactly what the loader would write (`graph.neo4j.rows` gives the properties, the
same relationship rules apply: CLAIMED_BY and MENTIONED_IN only from actors that exist, one direct
actor-to-actor edge per asserted (subject, predicate, object) with its sorted `claim_ids`, `count`
and, when the source store gives them, its default-filter summary (`graph.neo4j.edge_props`), so
every Store read answers the same after either path (tests/test_neo4j_bulk.py). Without the
summaries in the CSV, the first open sums them from the claims pair by pair (at a million
relations, far longer than the import), while the source store has them at hand.

CSV dialect: every string quoted (`""` escapes a quote), a missing value is an empty unquoted
field (the importer stores no property, as `SET n = row` does for null), arrays joined with
U+001F (a control character no name or id contains; refused if one does), multi-line fields on.
"""
from __future__ import annotations

import logging
import os
import subprocess
from collections.abc import Container, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from actorgraph.graph.errors import StoreError
from actorgraph.graph.model import Actor, Article, Claim, Mention
from actorgraph.graph.neo4j.edge_props import summary_props
from actorgraph.graph.neo4j.rows import MENTION_LISTS, actor_row, article_row, claim_row, group_rows, split_mentions
from actorgraph.graph.store import ASSERTED, EdgeSummary
from actorgraph.graph.vocabulary import Vocabulary

if TYPE_CHECKING:  # only for the annotation: writing the CSV files needs no driver
    from actorgraph.graph.neo4j.store import Neo4jStore

log = logging.getLogger(__name__)

ARRAY_DELIMITER = "\x1f"
ACTOR_COLUMNS = (("id", "ID(Actor)"), ("type", ""), ("name_en", ""), ("name_ar", ""), ("labels_json", ""),
                 ("aliases", "string[]"), ("wikidata", ""), ("parent", ""), ("description", ""), ("origin", ""),
                 ("roles_json", ""), ("name_keys", "string[]"))
ARTICLE_COLUMNS = tuple((name, "ID(Article)" if name == "id" else "") for name in Article.__dataclass_fields__)
CLAIM_COLUMNS = (("id", "ID(Claim)"), ("predicate", ""), ("polarity", ""), ("certainty", ""), ("date", ""),
                 ("claimant", ""), ("evidence_start", "long"), ("evidence_end", "long"), ("evidence_text", ""),
                 ("spans_json", ""), ("reported_via", "string[]"), ("denies", ""), ("note", ""), ("origin", ""))
ARTICLE_COLUMNS += (("unlinked_mentions", "long"), ("unlinked_mentions_json", ""))
#: The summary columns of the direct edges (`edge_props.summary_props`), in the importer's types.
SUMMARY_COLUMNS = (("predicate", ""), ("claims", "long"), ("asserted", "long"), ("denied", "long"),
                   ("sources", "long"), ("articles", "long"), ("first", ""), ("last", ""), ("contested", "boolean"),
                   ("weight", "double"))
MENTION_PROPERTIES = (("ids", "string[]"), ("starts", "long[]"), ("ends", "long[]"), ("texts", "string[]"),
                      ("resolutions", "string[]"), ("origins", "string[]"))


@dataclass
class BulkFiles:
    """The CSV files of one export and how many nodes / relationships they hold."""

    directory: Path
    nodes: list[tuple[str, Path]] = field(default_factory=list)          # (label, file)
    relationships: list[Path] = field(default_factory=list)
    node_count: int = 0
    relationship_count: int = 0

    def import_arguments(self) -> list[str]:
        return ([f"--nodes={label}={path}" for label, path in self.nodes]
                + [f"--relationships={path}" for path in self.relationships])


def _field(value: Any) -> str:
    """One CSV field in the importer's dialect (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as the same double
    if isinstance(value, (list, tuple)):
        items = [str(v) for v in value]
        if any(ARRAY_DELIMITER in v for v in items):
            raise StoreError(f"an array value contains the bulk array delimiter U+001F: {items!r}")
        if not items:
            return ""  # the importer stores nothing; `fill_empty_arrays` sets the loader's `[]` afterwards
        value = ARRAY_DELIMITER.join(items)
    return '"' + str(value).replace('"', '""') + '"'


def _header(columns: Sequence[tuple[str, str]], label: bool) -> str:
    cells = [f"{name}:{kind}" if kind else name for name, kind in columns]
    return ",".join(cells + ([":LABEL"] if label else [])) + "\n"


def _line(row: Sequence[Any]) -> str:
    return ",".join(_field(v) for v in row) + "\n"


def _write_rows(out: TextIO, rows: Iterable[Sequence[Any]]) -> int:
    count = 0
    for row in rows:
        out.write(_line(row))
        count += 1
    return count


def _relationship_header(start: str, end: str, properties: Sequence[tuple[str, str]] = ()) -> str:
    cells = [f":START_ID({start})", f":END_ID({end})", ":TYPE"]
    return ",".join(cells + [f"{n}:{k}" if k else n for n, k in properties]) + "\n"


class _Writer:
    """Writes one CSV per node label and per relationship kind into `directory`."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.files = BulkFiles(directory)

    def nodes(self, name: str, label: str, columns: Sequence[tuple[str, str]], rows: Iterable[Sequence[Any]]) -> None:
        path = self.files.directory / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            out.write(_header(columns, label=True))
            self.files.node_count += _write_rows(out, ([*r, label] for r in rows))
        self.files.nodes.append((label, path))

    def relationships(self, name: str, start: str, end: str, rows: Iterable[Sequence[Any]],
                      properties: Sequence[tuple[str, str]] = ()) -> None:
        """Rows of (start id, end id, TYPE, *properties)."""
        path = self.files.directory / f"{name}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            out.write(_relationship_header(start, end, properties))
            self.files.relationship_count += _write_rows(out, rows)
        self.files.relationships.append(path)

    def claims(self, claims: Iterable[Claim], actor_ids: Container[str], article_ids: Container[str],
               vocabulary: Vocabulary, summaries: Iterable[EdgeSummary] | None = None) -> None:
        """The claim nodes and their four relationship files in ONE pass over `claims` (so it may be
        a generator: nothing is copied), then the direct edges grouped from the same pass."""
        names = ("claims", "claim_in_article", "claim_subject", "claim_object", "claim_claimed_by")
        paths = [self.files.directory / f"{name}.csv" for name in names]
        grouped: dict[tuple[str, str, str], list[str]] = {}
        with ExitStack() as stack:
            out = [stack.enter_context(path.open("w", encoding="utf-8", newline="")) for path in paths]
            out[0].write(_header(CLAIM_COLUMNS, label=True))
            for handle, end in zip(out[1:], ("Article", "Actor", "Actor", "Actor"), strict=True):
                handle.write(_relationship_header("Claim", end))
            for claim in claims:
                _check_claim(claim, actor_ids, article_ids)
                out[0].write(_line([*_values(claim_row(claim)["props"], CLAIM_COLUMNS), "Claim"]))
                out[1].write(_line((claim.id, claim.article_id, "IN_ARTICLE")))
                out[2].write(_line((claim.id, claim.subject, "SUBJECT")))
                out[3].write(_line((claim.id, claim.object, "OBJECT")))
                self.files.node_count += 1
                self.files.relationship_count += 3
                if claim.claimant is not None and claim.claimant in actor_ids:
                    out[4].write(_line((claim.id, claim.claimant, "CLAIMED_BY")))
                    self.files.relationship_count += 1
                if claim.polarity == "asserted":
                    grouped.setdefault((claim.subject, claim.predicate, claim.object), []).append(claim.id)
        self.files.nodes.append(("Claim", paths[0]))
        self.files.relationships += paths[1:]
        properties = (("claim_ids", "string[]"), ("count", "long"))
        self.relationships("direct_edges", "Actor", "Actor", direct_edges(grouped, vocabulary, summaries),
                           properties=properties + (SUMMARY_COLUMNS if summaries is not None else ()))


def _check_claim(claim: Claim, actor_ids: Container[str], article_ids: Container[str]) -> None:
    for actor_id in (claim.subject, claim.object):
        if actor_id not in actor_ids:
            raise StoreError(f"claim {claim.id} refers to unknown actor {actor_id!r}")
    if claim.article_id not in article_ids:
        raise StoreError(f"claim {claim.id} refers to unknown article {claim.article_id!r}")


def _values(row: dict[str, Any], columns: Sequence[tuple[str, str]]) -> list[Any]:
    return [row.get(name) for name, _ in columns]


def direct_edges(grouped: dict[tuple[str, str, str], list[str]], vocabulary: Vocabulary,
                 summaries: Iterable[EdgeSummary] | None = None) -> Iterator[tuple[Any, ...]]:
    """(subject, object, TYPE, sorted claim ids, count) per asserted triple, as `update_edges` writes
    them, followed by the triple's summary columns when `summaries` are given (those of the asserted
    triples: one per direct edge, else the source is out of step with its claims and is refused)."""
    by_triple = {e.triple: e for e in summaries} if summaries is not None else None  # no copy: the objects
    if by_triple is not None and by_triple.keys() != grouped.keys():
        raise StoreError("the source store's edge summaries do not match its asserted claims")
    for triple, ids in sorted(grouped.items()):
        subject, predicate, obj = triple
        ids = sorted(set(ids))
        edge = (subject, obj, vocabulary.relationship_type(predicate), ids, len(ids))
        if by_triple is None:
            yield edge
        else:
            props = summary_props(by_triple.pop(triple))  # one row's properties at a time
            yield edge + tuple(props[name] for name, _ in SUMMARY_COLUMNS)


def _article_rows(articles: Iterable[Article], unlinked: dict[str, dict[str, Any]]) -> Iterator[list[Any]]:
    for article in articles:
        row = dict(article_row(article))
        stray = unlinked.get(article.id)
        if stray is not None:
            row.update(unlinked_mentions=stray["count"], unlinked_mentions_json=stray["json"])
        yield _values(row, ARTICLE_COLUMNS)


def _mention_rows(groups: Iterable[dict[str, Any]]) -> Iterator[list[Any]]:
    for group in groups:
        yield [group["actor_id"], group["article_id"], "MENTIONED_IN",
               *(group["props"][name] for name, _ in MENTION_LISTS)]


def write_bulk_csvs(actors: Sequence[Actor], articles: Iterable[Article], claims: Iterable[Claim],
                    mentions: Iterable[Mention], directory: Path, vocabulary: Vocabulary,
                    summaries: Iterable[EdgeSummary] | None = None) -> BulkFiles:
    """Write the import CSVs for this content; refuse claims whose ends or article are unknown.

    Streamed: each file is written row by row as its input is read, claims in one pass; what is
    held is the article ids, the actor ids, the mention groups' references and the direct edges'
    claim ids (grouping needs them), never a second copy of the rows.
    """
    actor_ids = {a.id for a in actors}
    writer = _Writer(directory)
    writer.nodes("actors", "Actor", ACTOR_COLUMNS, (_values(actor_row(a), ACTOR_COLUMNS) for a in actors))
    articles = list(articles)  # references: the ids are needed before the mentions are grouped
    article_ids = {a.id for a in articles}
    groups, unlinked = split_mentions((m for m in mentions if m.article_id in article_ids), actor_ids)
    writer.nodes("articles", "Article", ARTICLE_COLUMNS,
                 _article_rows(articles, {row["article_id"]: row for row in unlinked}))
    writer.relationships("mentioned_in", "Actor", "Article", _mention_rows(group_rows(groups)),
                         properties=MENTION_PROPERTIES)
    writer.claims(claims, actor_ids, article_ids, vocabulary, summaries)
    return writer.files


def export_store_csvs(store: Any, directory: Path, vocabulary: Vocabulary) -> BulkFiles:
    """The import CSVs of everything in `store` (any Store: usually the embedded one), the direct
    edges with the default-filter summaries the store computes (`Store.edge_summaries`)."""
    return write_bulk_csvs(store.actors(), store.articles(), store.claims(), store.mentions(), directory, vocabulary,
                           store.edge_summaries(ASSERTED))


def run_import(home: Path, files: BulkFiles, *, database: str = "neo4j", cache_dir: Path | None = None,
               timeout: float = 3600) -> str:
    """Run `neo4j-admin database import full --overwrite-destination` for the local server of `home`.

    The server must be stopped (the importer writes the store files directly). Returns the
    importer's output; raises StoreError with its tail when it fails.
    """
    from actorgraph.graph.neo4j import server as neo4j_server

    home = Path(home).expanduser().resolve()
    if neo4j_server.status(home) is not None:
        raise StoreError(f"the Neo4j server of {home} is running; stop it before an offline import")
    java = neo4j_server.find_java()
    dist = neo4j_server.ensure_distribution(cache_dir or neo4j_server.default_cache_dir())
    command = [str(java), "-Xmx1g", "-cp", str(dist / "lib" / "*"), neo4j_server.ADMIN_TOOL,
               "database", "import", "full", database, "--overwrite-destination=true",
               "--multiline-fields=true", "--array-delimiter=U+001F", "--id-type=string",
               "--report-file", str(files.directory / "import.report"), *files.import_arguments()]
    env = dict(os.environ, NEO4J_HOME=str(home), NEO4J_CONF=str(home / "conf"))
    log.info("bulk import of %d nodes, %d relationships into %s", files.node_count, files.relationship_count, home)
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    output = proc.stdout + proc.stderr
    if proc.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-15:])
        raise StoreError(f"neo4j-admin database import failed (exit {proc.returncode}):\n{tail}")
    return output


def fill_empty_arrays(store: Neo4jStore) -> None:
    """Give the imported nodes the empty lists the loader writes, so both graphs are equal."""
    from actorgraph.graph.neo4j import queries as q

    with store.session() as session:
        for statement in q.BULK_EMPTY_ARRAYS:
            session.run(statement).consume()


@dataclass
class BulkReport:
    nodes: int
    relationships: int
    claims: int
    export_seconds: float
    import_seconds: float
    restart_seconds: float


def bulk_import_local(home: Path, source: Any, vocabulary: Vocabulary, csv_dir: Path, *,
                      cache_dir: Path | None = None, heap: str | None = None) -> BulkReport:
    """Replace the local server's `neo4j` database with the content of `source`, offline.

    Stops the server of `home` if it runs, exports the CSVs, imports them with
    `--overwrite-destination`, restarts the server on the ports of its neo4j.conf, and creates
    the constraints and indexes (the importer builds none).
    """
    import time

    from actorgraph.graph.config import Neo4jSettings
    from actorgraph.graph.neo4j import server as neo4j_server
    from actorgraph.graph.neo4j.connect import open_neo4j_store

    home = Path(home).expanduser().resolve()
    if not (home / "data" / "databases" / "system").is_dir():
        raise StoreError(f"no local Neo4j server in {home} yet: run `actorgraph neo4j start` once first")
    started = time.perf_counter()
    files = export_store_csvs(source, csv_dir, vocabulary)
    claims = len(source.claims())
    exported = time.perf_counter()
    neo4j_server.stop(home)
    run_import(home, files, cache_dir=cache_dir)
    imported = time.perf_counter()
    bolt, http = neo4j_server.configured_ports(home)  # restart where it was
    info = neo4j_server.start(home, bolt_port=bolt or 7687, http_port=http or 7474, cache_dir=cache_dir, heap=heap)
    store = open_neo4j_store(Neo4jSettings(info.uri, info.user, info.password or ""), vocabulary=vocabulary)
    try:  # opening created the constraints and indexes and waited for them
        fill_empty_arrays(store)
    finally:
        store.close()
    return BulkReport(files.node_count, files.relationship_count, claims, exported - started, imported - exported,
                      time.perf_counter() - imported)
