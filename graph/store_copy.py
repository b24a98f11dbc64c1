"""Copy one store's contents into another, article by article (e.g. the embedded store into Neo4j).

Goes through the Store protocol only, so it works between any two backends: actors first (all of
them, including those no claim mentions yet), then each article with its claims and mentions as
one Document, written in batches. Writing an article replaces it, so copying twice is a no-op.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from actorgraph.graph.model import Document
from actorgraph.graph.store import ClaimFilter, Store

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CopyReport:
    actors: int
    articles: int
    claims: int
    mentions: int


def copy_store(source: Store, target: Store, *, articles_per_write: int = 200,
               progress: Progress | None = None) -> CopyReport:
    """Write every actor, article, claim and mention of `source` into `target`."""
    actors = target.upsert_actors(source.actors())
    articles = source.articles()
    batch: list[Document] = []
    claims = mentions = done = 0
    for article in articles:
        document = Document(article, tuple(source.claims(ClaimFilter(polarities=()), article_id=article.id)),
                            tuple(source.mentions(article_id=article.id)))
        claims += len(document.claims)
        mentions += len(document.mentions)
        batch.append(document)
        if len(batch) >= articles_per_write:
            target.write_documents(batch)
            done += len(batch)
            batch = []
            if progress:
                progress(done, len(articles))
    if batch:
        target.write_documents(batch)
        done += len(batch)
    if progress:
        progress(done, len(articles))
    return CopyReport(actors, len(articles), claims, mentions)
