"""ActorGraph's own annotated-article format: one JSON (or YAML) file per article.

The format is described by `data/schema/article.schema.json`. Offsets are Unicode code points,
every quoted span must equal `text[start:end]`, and every actor, relation and claimant must be
known (gazetteer, inline `actors`, vocabulary). An article with any error is rejected whole, with
one line per problem naming the file and the JSON path.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import fastjsonschema
import msgspec

from actorgraph.graph.config import DATA_DIR
from actorgraph.graph.errors import InputError
from actorgraph.graph.files import NUMBER_HINT, parse_yaml
from actorgraph.graph.gazetteer import parse_actor
from actorgraph.graph.model import Actor, Article, Claim, Document, Mention, Span
from actorgraph.graph.vocabulary import RelationTerm, check_term
from actorgraph.ingest.limits import MAX_ARTICLE_BYTES, check_bytes, check_counts  # noqa: F401 (re-exported)
from actorgraph.ingest.native_specs import (
    DECODER,
    FAST_PATH_ERRORS,
    ArticleSpec,
    ClaimSpec,
    MentionSpec,
    SpanSpec,
    from_data,
    value,
)
from actorgraph.ingest.registry import InputErrors, ReadContext, register
from actorgraph.ingest.spans import check_span

SCHEMA_PATH = DATA_DIR / "schema" / "article.schema.json"


@lru_cache(maxsize=1)
def _validator() -> Any:
    """jsonschema's validator, imported on first use: only invalid articles need it (0.4 s to import)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def decode_text(raw: bytes, path: str) -> str:
    """UTF-8 text (a BOM is accepted); invalid bytes are an error naming the byte offset."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"byte {exc.start}", "is not valid UTF-8", "save the file as UTF-8") from None


def parse_document_text(text: str, path: Path) -> Any:
    """Parse JSON, or YAML for .yaml/.yml files, with the line and column of a syntax error."""
    name = str(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        return parse_yaml(text, name)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(name, f"{exc.lineno}:{exc.colno}", f"invalid JSON: {exc.msg}", "fix the syntax") from None
    except ValueError as exc:  # an integer of more than 4300 digits (Python's guard against slow int parsing)
        raise InputError(name, "", f"invalid JSON: {str(exc).split(';')[0]}", NUMBER_HINT) from None
    except RecursionError:
        raise InputError(name, "", "JSON nested too deeply", "an article is a flat object") from None


@lru_cache(maxsize=1)
def _fast_check() -> Any:
    """A compiled validator: ~30x faster than jsonschema on valid articles, which are the bulk."""
    return fastjsonschema.compile(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def schema_errors(data: Any, path: str) -> list[InputError]:
    """Every JSON Schema violation, as InputErrors located by JSON path, in document order.

    Valid documents pass the compiled check alone; only invalid ones pay for jsonschema, whose
    errors carry the JSON paths users need.
    """
    try:
        _fast_check()(data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    errors = sorted(_validator().iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [InputError(path, error.json_path, _schema_message(error), "see data/schema/article.schema.json")
            for error in errors]


def _schema_message(error: Any) -> str:
    message: str = error.message
    return message if len(message) <= 160 else message[:157] + "..."


def _declared_actors(spec: ArticleSpec, path: str, context: ReadContext, errors: list[InputError]) -> list[Actor]:
    actors = []
    for i, raw in enumerate(spec.actors):
        try:
            actor = parse_actor(raw.get("id"), raw, path, context.vocabulary, f"$.actors[{i}]", "inline")
        except InputError as exc:
            errors.append(InputError(path, exc.location, exc.problem, exc.hint))
            continue
        known = context.gazetteer.get(actor.id)
        if known is not None and known.origin == "gazetteer":
            errors.append(InputError(path, f"$.actors[{i}].id", f"actor {actor.id!r} is already in the gazetteer",
                                     "refer to it by id instead of declaring it"))
            continue
        context.gazetteer.add(actor)
        actors.append(actor)
    return actors


def _mentions(spec: ArticleSpec, article: Article, path: str, context: ReadContext,
              errors: list[InputError]) -> dict[str, Mention]:
    mentions: dict[str, Mention] = {}
    antecedents: list[tuple[str, str]] = []
    order = sorted(range(len(spec.mentions)), key=lambda k: spec.mentions[k].start)
    for i in order:  # text order, so that a bare descriptor finds the mentions before it
        item = spec.mentions[i]
        where = f"$.mentions[{i}]"
        try:
            span = _span(article.text, item, path, where, "")
            actor, how = context.resolver.resolve(item.text, actor_id=value(item.actor), wikidata=value(item.wikidata),
                                                  language=article.language, antecedents=antecedents)
        except InputError as exc:
            errors.append(exc)
            continue
        except KeyError:
            errors.append(InputError(path, f"{where}.actor", f"unknown actor {value(item.actor)!r}",
                                     "declare it under 'actors' or add it to data/actors.yaml"))
            continue
        duplicate = item.id in mentions
        if duplicate:
            errors.append(InputError(path, f"{where}.id", f"duplicate mention id {item.id!r}"))
        mentions[item.id] = Mention(f"{article.id}#{item.id}", article.id, actor.id, span, how,
                                    value(item.origin) or article.origin)
        if duplicate:  # the later mention takes the earlier one's place
            antecedents = [(m.span.text, m.actor_id) for m in mentions.values()]
        else:
            antecedents.append((span.text, actor.id))
    return mentions


def _actor_ref(value: str, where: str, field: str, path: str, mentions: dict[str, Mention],
               context: ReadContext) -> str:
    """The actor id an actor reference names; `where` + `field` locate it (built only for an error)."""
    if value.startswith("@"):
        mention = mentions.get(value[1:])
        if mention is None:
            raise InputError(path, where + field, f"unknown mention {value!r}",
                             "refer to a mention id declared under 'mentions'")
        return mention.actor_id
    actor = context.gazetteer.get(value)
    if actor is None:
        raise InputError(path, where + field, f"unknown actor {value!r}",
                         "use a gazetteer id (data/actors.yaml), an inline actor id or @mention")
    return actor.id  # an id merged away (`actorgraph actors merge`) reads as the actor it became


def _span(text: str, item: SpanSpec | MentionSpec, path: str, where: str, field: str) -> Span:
    """check_span for a record whose offsets are already non-negative ints: the exact match inline."""
    start, end, quoted = item.start, item.end, item.text
    if start < end <= len(text) and text[start:end] == quoted:
        return Span(start, end, quoted)
    return check_span(text, start, end, quoted, path=path, location=where + field)


def _claim(item: ClaimSpec, where: str, article: Article, path: str, mentions: dict[str, Mention],
           context: ReadContext) -> Claim:
    term = _term(context, item.predicate, path, where)
    subject = _actor_ref(item.subject, where, ".subject", path, mentions, context)
    obj = _actor_ref(item.object, where, ".object", path, mentions, context)
    _check_types(term, subject, obj, where, path, context)
    claimant = item.claimant
    if claimant is not None:
        claimant = _actor_ref(claimant, where, ".claimant", path, mentions, context)
    via = tuple(_actor_ref(v, where, f".reported_via[{k}]", path, mentions, context)
                for k, v in enumerate(item.reported_via))
    text = article.text
    evidence = _span(text, item.evidence, path, where, ".evidence")
    spans = tuple(_span(text, s, path, where, f".spans[{k}]") for k, s in enumerate(item.spans))
    return Claim(
        id=f"{article.id}#{item.id}", article_id=article.id, subject=subject, predicate=term.id, object=obj,
        evidence=evidence, spans=spans, claimant=claimant, reported_via=via,
        polarity=item.polarity, certainty=item.certainty,
        date=value(item.date), denies=value(item.denies), note=value(item.note),
        origin=value(item.origin) or article.origin,
    )


def _term(context: ReadContext, predicate: str, path: str, where: str) -> RelationTerm:
    """The vocabulary term of a predicate spelling, remembered for the run (a few dozen spellings)."""
    terms = context.cache.native_terms
    term = terms.get(predicate)
    if term is None:
        term = terms[predicate] = check_term(context.vocabulary, predicate, path, f"{where}.predicate")
    return term


def _check_types(term: RelationTerm, subject: str, obj: str, where: str, path: str, context: ReadContext) -> None:
    subject_actor, object_actor = context.gazetteer.get(subject), context.gazetteer.get(obj)
    if subject_actor is None or object_actor is None:
        return
    if not ((term.subject_types is None or subject_actor.type in term.subject_types)
            and (term.object_types is None or object_actor.type in term.object_types)):
        predicate = term.id
        raise InputError(path, f"{where}.predicate",
                         f"{predicate!r} does not take a {subject_actor.type} subject and a {object_actor.type} object",
                         f"allowed: {'/'.join(term.subject_types or ('any',))}"
                         f" -> {'/'.join(term.object_types or ('any',))}")


def _claims(spec: ArticleSpec, article: Article, path: str, mentions: dict[str, Mention], context: ReadContext,
            errors: list[InputError]) -> list[Claim]:
    claims: list[Claim] = []
    local_ids: set[str] = set()
    for i, item in enumerate(spec.claims):
        where = f"$.claims[{i}]"
        if item.id in local_ids:
            errors.append(InputError(path, f"{where}.id", f"duplicate claim id {item.id!r}"))
            continue
        local_ids.add(item.id)
        try:
            claims.append(_claim(item, where, article, path, mentions, context))
        except InputError as exc:
            errors.append(exc)
    for i, claim in enumerate(claims):
        if claim.denies is None:
            continue
        if claim.denies not in local_ids:
            errors.append(InputError(path, f"$.claims[{i}].denies", f"unknown claim {claim.denies!r}",
                                     "give the id of a claim in this article"))
        else:
            claims[i] = replace(claim, denies=f"{article.id}#{claim.denies}")
    return claims


def document_from_data(data: Any, path: str, context: ReadContext, source_format: str = "native") -> Document:
    """Validate a parsed native article and build its Document; InputErrors lists every problem."""
    errors = schema_errors(data, path)
    if errors:
        raise InputErrors(errors)
    try:
        spec = from_data(data)
    except msgspec.ValidationError as exc:
        message, _, where = str(exc).rpartition(" - at `")
        raise InputErrors([InputError(path, where.rstrip("`"), message or str(exc),
                                      "see data/schema/article.schema.json")]) from None
    return document_from_spec(spec, path, context, source_format)


def article_origin(spec: ArticleSpec) -> str:
    """The article's own `origin`, else "extracted" when every mention and claim it has says so.

    The second rule keeps an extractor's output that lacks the top-level field from replacing a
    human-annotated article of the same id (see `graph.store.keeps_stored`)."""
    if not isinstance(spec.origin, msgspec.UnsetType):
        return spec.origin
    items = [*spec.mentions, *spec.claims]
    return "extracted" if items and all(value(i.origin) == "extracted" for i in items) else "annotated"


def document_from_spec(spec: ArticleSpec, path: str, context: ReadContext, source_format: str = "native") -> Document:
    """Build the Document of schema-valid records: spans, references and types are checked here."""
    check_counts(path, "$", mentions=spec.mentions, claims=spec.claims)
    article = Article(
        id=spec.id, title=spec.title, text=spec.text, language=spec.language, url=value(spec.url),
        publisher=value(spec.publisher), published=value(spec.published), source=path, format=source_format,
        license=value(spec.license), obtained=value(spec.obtained),
        origin=article_origin(spec),
    )
    errors: list[InputError] = []
    actors = _declared_actors(spec, path, context, errors)
    mentions = _mentions(spec, article, path, context, errors)
    claims = _claims(spec, article, path, mentions, context, errors)
    if errors:
        raise InputErrors(errors)
    new_actors = {m.actor_id: context.gazetteer.actors[m.actor_id] for m in mentions.values() if m.resolution == "new"}
    return Document(article, tuple(claims), tuple(mentions.values()), tuple(actors) + tuple(new_actors.values()))


def fast_document(raw: bytes, path: str, context: ReadContext) -> Document | None:
    """The Document of a valid JSON article decoded by the typed records, or None to take the schema path.

    Articles declaring inline actors also take the schema path: their actors are checked there.
    """
    try:
        spec = DECODER.decode(raw)
    except FAST_PATH_ERRORS:
        return None
    if spec.actors:
        return None
    return document_from_spec(spec, path, context)


class NativeReader:
    """Reads `*.json` / `*.yaml` files in the native format."""

    name = "native"
    suffixes = (".json", ".yaml", ".yml")

    def detect(self, path: Path, head: bytes) -> bool:
        sample = head.decode("utf-8", errors="ignore")
        if '"claims"' in sample or "claims:" in sample:
            return True
        tool_keys = ('"entities"', '"annotations"', '"completions"', '"relations"', '"result"')
        return ('"text"' in sample and '"id"' in sample and not sample.lstrip().startswith("[")
                and not any(key in sample for key in tool_keys))

    def read(self, path: Path, context: ReadContext) -> Iterator[Document | InputErrors]:
        name = str(path)
        try:
            check_bytes(name, path.stat().st_size)  # before reading: a 5 GB file is never loaded
            raw = path.read_bytes()
            check_bytes(name, len(raw))  # it may have grown since
            fast = fast_document(raw, name, context) if path.suffix.lower() == ".json" else None
            if fast is not None:
                yield fast
                return
            data = parse_document_text(decode_text(raw, name), path)
            yield document_from_data(data, name, context)
        except InputError as exc:
            yield InputErrors([exc])
        except InputErrors as exc:
            yield exc
        except OSError as exc:
            yield InputErrors([InputError(name, "", f"cannot be read: {exc.strerror}")])


NATIVE = register(NativeReader())
