"""ActorGraph's own annotated-article format: one JSON (or YAML) file per article.

The format is described by `data/schema/article.schema.json`. Offsets are Unicode code points,
every quoted span must equal `text[start:end]`, and every actor, relation and claimant must be
known (gazetteer, inline `actors`, vocabulary). An article with any error is rejected whole, with
one line per problem naming the file and the JSON path.
"""
from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

import fastjsonschema
from jsonschema import Draft202012Validator

from graph.config import DATA_DIR
from graph.errors import InputError
from graph.gazetteer import parse_actor
from graph.model import Actor, Article, Claim, Document, Mention
from graph.vocabulary import check_term
from graph.yaml_text import parse_yaml
from ingest.registry import InputErrors, ReadContext, register
from ingest.limits import MAX_ARTICLE_BYTES, check_bytes, check_counts  # noqa: F401 (re-exported)
from ingest.spans import check_span

SCHEMA_PATH = DATA_DIR / "schema" / "article.schema.json"


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
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


def _declared_actors(data: dict[str, Any], path: str, context: ReadContext, errors: list[InputError]) -> list[Actor]:
    actors = []
    for i, spec in enumerate(data.get("actors") or ()):
        try:
            actor = parse_actor(spec.get("id"), spec, path, context.vocabulary, f"$.actors[{i}]", "inline")
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


def _mentions(data: dict[str, Any], article: Article, path: str, context: ReadContext,
              errors: list[InputError]) -> dict[str, Mention]:
    mentions: dict[str, Mention] = {}
    order = sorted(range(len(data.get("mentions") or ())), key=lambda k: data["mentions"][k].get("start", 0))
    for i in order:  # text order, so that a bare descriptor finds the mentions before it
        spec = data["mentions"][i]
        where = f"$.mentions[{i}]"
        try:
            span = check_span(article.text, spec["start"], spec["end"], spec["text"], path=path, location=where)
            antecedents = [(m.span.text, m.actor_id) for m in mentions.values()]
            actor, how = context.resolver.resolve(spec["text"], actor_id=spec.get("actor"), wikidata=spec.get("wikidata"),
                                                  language=article.language, antecedents=antecedents)
        except InputError as exc:
            errors.append(exc)
            continue
        except KeyError:
            errors.append(InputError(path, f"{where}.actor", f"unknown actor {spec.get('actor')!r}",
                                     "declare it under 'actors' or add it to data/actors.yaml"))
            continue
        if spec["id"] in mentions:
            errors.append(InputError(path, f"{where}.id", f"duplicate mention id {spec['id']!r}"))
        mentions[spec["id"]] = Mention(f"{article.id}#{spec['id']}", article.id, actor.id, span, how)
    return mentions


def _actor_ref(value: str, where: str, path: str, mentions: dict[str, Mention], context: ReadContext) -> str:
    if value.startswith("@"):
        mention = mentions.get(value[1:])
        if mention is None:
            raise InputError(path, where, f"unknown mention {value!r}", "refer to a mention id declared under 'mentions'")
        return mention.actor_id
    actor = context.gazetteer.get(value)
    if actor is None:
        raise InputError(path, where, f"unknown actor {value!r}",
                         "use a gazetteer id (data/actors.yaml), an inline actor id or @mention")
    return actor.id  # an id merged away (`actorgraph actors merge`) reads as the actor it became


def _claim(spec: dict[str, Any], where: str, article: Article, path: str, mentions: dict[str, Mention],
           context: ReadContext) -> Claim:
    term = check_term(context.vocabulary, spec["predicate"], path, f"{where}.predicate")
    subject = _actor_ref(spec["subject"], f"{where}.subject", path, mentions, context)
    obj = _actor_ref(spec["object"], f"{where}.object", path, mentions, context)
    _check_types(term.id, subject, obj, where, path, context)
    claimant = spec.get("claimant")
    if claimant is not None:
        claimant = _actor_ref(claimant, f"{where}.claimant", path, mentions, context)
    via = tuple(_actor_ref(v, f"{where}.reported_via[{k}]", path, mentions, context)
                for k, v in enumerate(spec.get("reported_via") or ()))
    evidence = check_span(article.text, spec["evidence"]["start"], spec["evidence"]["end"], spec["evidence"]["text"],
                          path=path, location=f"{where}.evidence")
    spans = tuple(check_span(article.text, s["start"], s["end"], s["text"], path=path, location=f"{where}.spans[{k}]")
                  for k, s in enumerate(spec.get("spans") or ()))
    return Claim(
        id=f"{article.id}#{spec['id']}", article_id=article.id, subject=subject, predicate=term.id, object=obj,
        evidence=evidence, spans=spans, claimant=claimant, reported_via=via,
        polarity=spec.get("polarity", "asserted"), certainty=spec.get("certainty", "certain"),
        date=spec.get("date"), denies=spec.get("denies"), note=spec.get("note"),
    )


def _check_types(predicate: str, subject: str, obj: str, where: str, path: str, context: ReadContext) -> None:
    subject_actor, object_actor = context.gazetteer.get(subject), context.gazetteer.get(obj)
    if subject_actor is None or object_actor is None:
        return
    if not context.vocabulary.allows(predicate, subject_actor.type, object_actor.type):
        term = context.vocabulary.term(predicate)
        raise InputError(path, f"{where}.predicate",
                         f"{predicate!r} does not take a {subject_actor.type} subject and a {object_actor.type} object",
                         f"allowed: {'/'.join(term.subject_types or ('any',))} -> {'/'.join(term.object_types or ('any',))}")


def _claims(data: dict[str, Any], article: Article, path: str, mentions: dict[str, Mention], context: ReadContext,
            errors: list[InputError]) -> list[Claim]:
    claims: list[Claim] = []
    local_ids: set[str] = set()
    for i, spec in enumerate(data.get("claims") or ()):
        where = f"$.claims[{i}]"
        if spec["id"] in local_ids:
            errors.append(InputError(path, f"{where}.id", f"duplicate claim id {spec['id']!r}"))
            continue
        local_ids.add(spec["id"])
        try:
            claims.append(_claim(spec, where, article, path, mentions, context))
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
    check_counts(path, "$", mentions=data.get("mentions") or (), claims=data.get("claims") or ())
    article = Article(
        id=data["id"], title=data["title"], text=data["text"], language=data["language"], url=data.get("url"),
        publisher=data.get("publisher"), published=data.get("published"), source=path, format=source_format,
    )
    actors = _declared_actors(data, path, context, errors)
    mentions = _mentions(data, article, path, context, errors)
    claims = _claims(data, article, path, mentions, context, errors)
    if errors:
        raise InputErrors(errors)
    new_actors = {m.actor_id: context.gazetteer.actors[m.actor_id] for m in mentions.values() if m.resolution == "new"}
    return Document(article, tuple(claims), tuple(mentions.values()), tuple(actors) + tuple(new_actors.values()))


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
            raw = path.read_bytes()
            check_bytes(name, len(raw))
            data = parse_document_text(decode_text(raw, name), path)
            yield document_from_data(data, name, context)
        except InputError as exc:
            yield InputErrors([exc])
        except InputErrors as exc:
            yield exc
        except OSError as exc:
            yield InputErrors([InputError(name, "", f"cannot be read: {exc.strerror}")])


NATIVE = register(NativeReader())
