"""Model objects to Neo4j property maps and back, losslessly.

Neo4j properties are scalars or lists of scalars, so nested values (labels in any language,
roles, extra evidence spans) travel as JSON strings next to flat, queryable copies
(`name_en`, `name_ar`, `evidence_text`, ...) that Cypher users and indexes read. Reading
rebuilds exactly the object that was written, so both stores answer with equal values.
"""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Container, Iterable, Iterator, Mapping
from typing import Any

from actorgraph.graph.model import Actor, Article, Claim, Mention, Span
from actorgraph.graph.names import name_keys


def actor_keys(actor: Actor) -> list[str]:
    """The keys `search_actors` matches, computed in Python exactly as the embedded store indexes
    them (`graph.names.name_keys` of every label, alias and the id), stored on the node."""
    return sorted({key for name in (*actor.names(), actor.id) for key in name_keys(name)})


def actor_row(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id, "type": actor.type,
        "name_en": actor.labels.get("en"), "name_ar": actor.labels.get("ar"),
        "labels_json": json.dumps(actor.labels, ensure_ascii=False, sort_keys=True),
        "aliases": list(actor.aliases), "wikidata": actor.wikidata, "parent": actor.parent,
        "description": actor.description, "origin": actor.origin,
        "roles_json": json.dumps([{"relation": r.relation, "object": r.object, "start": r.start, "end": r.end}
                                  for r in actor.roles], ensure_ascii=False),
        "name_keys": actor_keys(actor),
    }


def actor_from(props: Mapping[str, Any]) -> Actor:
    return Actor.from_dict({
        "id": props["id"], "type": props["type"],
        "labels": json.loads(props.get("labels_json") or "{}"),
        "aliases": props.get("aliases") or (), "wikidata": props.get("wikidata"),
        "parent": props.get("parent"), "description": props.get("description"),
        "roles": json.loads(props.get("roles_json") or "[]"), "origin": props.get("origin", "gazetteer"),
    })


def article_row(article: Article) -> dict[str, Any]:
    return article.to_dict()


def article_from(props: Mapping[str, Any]) -> Article:
    fields = Article.__dataclass_fields__
    return Article.from_dict({k: v for k, v in props.items() if k in fields})


def claim_row(claim: Claim) -> dict[str, Any]:
    """The claim's own properties; subject, object and article become relationships."""
    props = {
        "id": claim.id, "predicate": claim.predicate, "polarity": claim.polarity, "certainty": claim.certainty,
        "date": claim.date, "claimant": claim.claimant,
        "evidence_start": claim.evidence.start, "evidence_end": claim.evidence.end,
        "evidence_text": claim.evidence.text,
        "spans_json": json.dumps([s.to_dict() for s in claim.spans], ensure_ascii=False),
        "reported_via": list(claim.reported_via), "denies": claim.denies, "note": claim.note,
        "origin": claim.origin,
    }
    return {"props": props, "article_id": claim.article_id, "subject": claim.subject, "object": claim.object,
            "claimant": claim.claimant}


def claim_from(record: Mapping[str, Any]) -> Claim:
    """A claim from a row of `neo4j_queries._CLAIM_RETURN`."""
    props = record["claim"]
    return Claim(
        id=props["id"], article_id=record["article_id"], subject=record["subject"], predicate=props["predicate"],
        object=record["object"],
        evidence=Span(props["evidence_start"], props["evidence_end"], props["evidence_text"]),
        spans=tuple(Span.from_dict(s) for s in json.loads(props.get("spans_json") or "[]")),
        claimant=props.get("claimant"), reported_via=tuple(props.get("reported_via") or ()),
        polarity=props["polarity"], certainty=props["certainty"], date=props.get("date"),
        denies=props.get("denies"), note=props.get("note"), origin=props.get("origin") or "annotated",
    )


def filter_context(record: Mapping[str, Any]) -> tuple[Article, Actor, Actor]:
    """The article and actors `ClaimFilter.accepts` needs, holding only the fields it reads.

    Fetching whole articles (their text) for every candidate claim would be wasteful; the filter
    looks at the publisher, publication date and the two actor types only.
    """
    article = Article(id=record["article_id"], title="", text="", publisher=record["publisher"],
                      published=record["published"])
    return (article, Actor(record["subject"], record["subject_type"]), Actor(record["object"], record["object_type"]))


def mention_row(mention: Mention) -> dict[str, Any]:
    """A mention's own values: one element of a `MENTIONED_IN` group, or of an article's unlinked list."""
    return {"id": mention.id, "article_id": mention.article_id, "actor_id": mention.actor_id,
            "start": mention.span.start, "end": mention.span.end, "text": mention.span.text,
            "resolution": mention.resolution, "origin": mention.origin}


def mention_from(props: Mapping[str, Any]) -> Mention:
    return Mention(props["id"], props["article_id"], props["actor_id"],
                   Span(props["start"], props["end"], props["text"]), props.get("resolution", "explicit"),
                   props.get("origin") or "annotated")


#: The list properties of one `(:Actor)-[:MENTIONED_IN]->(:Article)` relationship, one element per
#: mention, in the order (start, id); the keys of `mention_row` they come from.
MENTION_LISTS = (("ids", "id"), ("starts", "start"), ("ends", "end"), ("texts", "text"),
                 ("resolutions", "resolution"), ("origins", "origin"))


def mention_groups(mentions: Iterable[Mention], linked: Container[str]) -> tuple[list[dict[str, Any]],
                                                                                   list[dict[str, Any]]]:
    """The rows that store these mentions: one `MENTIONED_IN` row per (article, actor) whose actor
    is in `linked`, and per article the mentions of actors that are not (stored on the article).

    Why grouped: a node per mention cost two nodes and four relationships per claim on a first
    load; one relationship per (actor, article) holding the spans as parallel lists is what a
    reader asks for ("where is X mentioned, and where in the text") and a fraction of the writes.
    """
    grouped, unlinked = split_mentions(mentions, linked)
    return list(group_rows(grouped)), unlinked


def split_mentions(mentions: Iterable[Mention], linked: Container[str]) -> tuple[dict[tuple[str, str], list[Mention]],
                                                                                  list[dict[str, Any]]]:
    """References to the mentions per (article, actor in `linked`), and the unlinked rows per article."""
    grouped: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    unlinked: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.actor_id in linked:
            grouped[(mention.article_id, mention.actor_id)].append(mention)
        else:
            unlinked[mention.article_id].append(mention)
    stray = [{"article_id": article_id, "count": len(group),
              "json": json.dumps([mention_row(m) for m in sorted(group, key=lambda m: (m.span.start, m.id))],
                                 ensure_ascii=False)}
             for article_id, group in sorted(unlinked.items())]
    return grouped, stray


def group_rows(grouped: Mapping[tuple[str, str], list[Mention]]) -> Iterator[dict[str, Any]]:
    """One `MENTIONED_IN` row per (article, actor), built when consumed (the bulk export streams them)."""
    for (article_id, actor_id), group in sorted(grouped.items()):
        values = [mention_row(m) for m in sorted(group, key=lambda m: (m.span.start, m.id))]
        yield {"article_id": article_id, "actor_id": actor_id,
               "props": {name: [v[key] for v in values] for name, key in MENTION_LISTS}}


def mentions_from_group(article_id: str, actor_id: str, props: Mapping[str, Any]) -> list[Mention]:
    """The mentions one `MENTIONED_IN` relationship holds (the inverse of `mention_groups`)."""
    columns = [props[name] for name, _ in MENTION_LISTS]
    return [mention_from({"article_id": article_id, "actor_id": actor_id,
                          **{key: column[i] for (_, key), column in zip(MENTION_LISTS, columns, strict=True)}})
            for i in range(len(columns[0]))]


def mentions_from_json(text: str | None) -> list[Mention]:
    """The mentions an article stores for actors that were not in the graph when it was written."""
    return [mention_from(row) for row in json.loads(text or "[]")]


def mentions_from_rows(rows: Iterable[Mapping[str, Any]], actor_id: str | None = None) -> list[Mention]:
    """The mentions of the rows a mention read returns (see `queries.MENTIONS_ALL`), of `actor_id` if given."""
    found: list[Mention] = []
    for row in rows:
        if row["props"] is not None:
            found += mentions_from_group(row["article_id"], row["actor_id"], row["props"])
        else:
            found += (m for m in mentions_from_json(row["unlinked"]) if actor_id is None or m.actor_id == actor_id)
    return found
