"""Build large stores fast for benchmarks: synthetic articles straight into model objects.

Reading 50,000 JSON files to reach a million relations would benchmark the reader again; the
query and memory benchmarks need the graph, so this builds `Document`s from the corpus generator
in memory (same text, offsets and claims as the files would hold).
"""
from __future__ import annotations

import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from actorgraph.graph.model import Actor, Article, Claim, Document, Mention, Span  # noqa: E402
from bench.make_corpus import ZipfPicker, make_actors, make_article  # noqa: E402


def synthetic_actors(count: int, seed: int = 7) -> list[dict]:
    return make_actors(count, random.Random(seed))


def to_document(data: dict) -> Document:
    """A generated article dict as a Document (the generator's offsets are exact by construction)."""
    article = Article(id=data["id"], title=data["title"], text=data["text"], language=data["language"],
                      publisher=data["publisher"], published=data["published"])
    aid = article.id
    claims = tuple(
        Claim(id=f"{aid}#{c['id']}", article_id=aid, subject=c["subject"], predicate=c["predicate"], object=c["object"],
              evidence=Span(c["evidence"]["start"], c["evidence"]["end"], c["evidence"]["text"]),
              claimant=c.get("claimant"), polarity=c.get("polarity", "asserted"), certainty=c["certainty"],
              date=c.get("date"), denies=f"{aid}#{c['denies']}" if c.get("denies") else None)
        for c in data["claims"])
    mentions = tuple(Mention(f"{aid}#{m['id']}", aid, m["actor"], Span(m["start"], m["end"], m["text"]))
                     for m in data["mentions"])
    return Document(article, claims, mentions)


def synthetic_documents(relations: int, actors: list[dict], per_article: int = 20,
                        seed: int = 11) -> Iterator[Document]:
    """Documents holding `relations` claims in total over `actors` (Zipf-distributed)."""
    rng = random.Random(seed)
    picker = ZipfPicker(len(actors), 1.1, rng)
    for index in range(relations // per_article):
        yield to_document(make_article(index, actors, picker, rng, per_article))


def actor_objects(actors: list[dict]) -> list[Actor]:
    return [Actor(id=a["id"], type=a["type"], labels=dict(a["labels"])) for a in actors]
