"""Tool-neutral annotations (entities, relations, equivalences) and how they become a Document.

Every tool reader (brat, Label Studio, doccano, INCEpTION) parses its own syntax into a
`ToolDocument` and hands it to `build_document`, so span checking, label mapping, actor
resolution, evidence sentences and error reporting are written once and behave the same for
every format.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from actorgraph.graph.errors import InputError
from actorgraph.graph.model import Actor, Article, Claim, Document, Mention, Span
from actorgraph.ingest.limits import check_bytes, check_counts
from actorgraph.ingest.mapping import UNMAPPED, EventRule, Mapping, RelationRule, label_key, load_mapping
from actorgraph.ingest.native import decode_text
from actorgraph.ingest.registry import InputErrors, ReadContext
from actorgraph.ingest.sentences import evidence_span, sentence_bounds
from actorgraph.ingest.spans import check_span


@dataclass
class ToolEntity:
    """A labelled text span. `fragments` are code-point offsets; `quoted` is the text the tool
    exported for it (discontinuous fragments joined by one space, as brat does), or None."""

    id: str
    label: str
    fragments: list[tuple[int, int]]
    quoted: str | None
    location: str
    wikidata: str | None = None
    actor: str | None = None  # an explicit ActorGraph actor id (a normalisation, an identifier)


@dataclass
class ToolRelation:
    """A binary link between entities, read as one claim (two for a non-symmetric `both_ways`).

    `labels` hold the relation label and any attribute labels (Negated, Speculation...);
    `attributes` are (name, value) pairs from tools with real attributes (brat A lines).
    `rule` is set when the reader already knows the term (a brat event type)."""

    id: str
    labels: list[str]
    subject: str
    object: str
    location: str
    claimant: str | None = None  # an entity id
    claimant_actor: str | None = None  # an actor id or a name, from a feature
    attributes: list[tuple[str, str | None]] = field(default_factory=list)
    note: str | None = None
    trigger: str | None = None  # entity id of the words that state the relation
    rule: RelationRule | EventRule | None = None
    both_ways: bool = False


@dataclass
class ToolDocument:
    path: str
    format: str
    text: str
    fields: dict[str, Any]
    entities: list[ToolEntity] = field(default_factory=list)
    relations: list[ToolRelation] = field(default_factory=list)
    equivalences: list[list[str]] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    triggers: set[str] = field(default_factory=set)  # entity ids that are event triggers, not actors
    #: "extracted" for unreviewed suggestions (a Label Studio task read from its `predictions`).
    origin: str = "annotated"


def read_text(path: Path, export: bool = False) -> str:
    """A file's UTF-8 text, exactly as stored (CRLF kept: tools count those characters too).

    One article's file is capped at MAX_ARTICLE_BYTES; a multi-article `export` at MAX_EXPORT_BYTES.
    """
    try:
        check_bytes(str(path), path.stat().st_size, export=export)
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), "", f"cannot be read: {exc.strerror}") from None
    return decode_text(raw, str(path))


def mapping_for(context: ReadContext) -> Mapping:
    """The run's label mapping (shipped file + `--mapping`), loaded once per ReadContext."""
    if context.cache.mapping is None:
        context.cache.mapping = load_mapping(context.vocabulary, context.options.mapping)
    return context.cache.mapping


def report_unmapped(context: ReadContext, section: str, label: str, path: str) -> None:
    """Warn about an unmapped label once per run, with the exact mapping line to add."""
    reported = context.cache.unmapped
    key = (section, label_key(label))
    if key in reported:
        return
    reported.add(key)
    kind = {"entities": "entity", "relations": "relation", "events": "event"}[section]
    line = mapping_for(context).unmapped_line(section, label, context.vocabulary)
    context.warn(f"{path}: unmapped {kind} label {label!r} (skipped; {line})")


class _Builder:
    """Turns one ToolDocument into a Document, collecting every problem before failing."""

    def __init__(self, doc: ToolDocument, context: ReadContext) -> None:
        self.doc, self.context = doc, context
        self.mapping = mapping_for(context)
        self.errors: list[InputError] = list(doc.errors)
        fields = doc.fields
        self.article = Article(id=fields["id"], title=fields["title"], text=doc.text, language=fields["language"],
                               url=fields.get("url"), publisher=fields.get("publisher"),
                               published=fields.get("published"), source=doc.path, format=doc.format,
                               origin=doc.origin)
        self.bounds = sentence_bounds(doc.text)
        self.spans: dict[str, list[Span]] = {}
        self.types: dict[str, str] = {}
        self.skipped: dict[str, str] = {}  # entity id -> label, for entities that are not actors
        self.actor_of: dict[str, str] = {}
        self.mentions: list[Mention] = []
        self.new_actors: dict[str, Actor] = {}
        self.by_id = {e.id: e for e in doc.entities}

    def error(self, location: str, problem: str, hint: str = "") -> None:
        self.errors.append(InputError(self.doc.path, location, problem, hint))

    # --- entities -----------------------------------------------------------------------------
    def entities(self) -> None:
        seen: set[str] = set()
        for entity in self.doc.entities:
            if entity.id in seen:
                self.error(entity.location, f"duplicate annotation id {entity.id!r}")
                continue
            seen.add(entity.id)
            if entity.id in self.doc.triggers:
                self._check(entity)
                continue
            actor_type = self.mapping.actor_type(entity.label)
            if actor_type is UNMAPPED or actor_type is None:
                if actor_type is UNMAPPED:
                    report_unmapped(self.context, "entities", entity.label, self.doc.path)
                self.skipped[entity.id] = entity.label
                continue
            if self._check(entity):
                self.types[entity.id] = actor_type

    def _check(self, entity: ToolEntity) -> bool:
        text, path = self.doc.text, self.doc.path
        try:
            if len(entity.fragments) == 1:
                start, end = entity.fragments[0]
                spans = [check_span(text, start, end, entity.quoted, path=path, location=entity.location,
                                    reanchor=True, warnings=self.context.warnings)]
            else:
                spans = [check_span(text, s, e, None, path=path, location=entity.location) for s, e in entity.fragments]
                joined = " ".join(s.text for s in spans)
                if entity.quoted is not None and joined != entity.quoted:
                    raise InputError(path, entity.location, f"fragments read {joined!r} but the annotation quotes"
                                     f" {entity.quoted!r}", "fix the offsets; discontinuous spans are not re-anchored")
        except InputError as exc:
            self.errors.append(exc)
            return False
        self.spans[entity.id] = spans
        return True

    def resolve(self) -> None:
        """Link each group of equivalent entities (brat `*` lines) to one actor, then make mentions."""
        for group in self._groups():
            actor, how = self._resolve_group(group)
            if actor is None:
                continue
            for entity_id in group:
                self.actor_of[entity_id] = actor.id
                for k, span in enumerate(self.spans[entity_id]):
                    suffix = f"~{k + 1}" if k else ""
                    self.mentions.append(Mention(f"{self.article.id}#{entity_id}{suffix}", self.article.id,
                                                 actor.id, span, how, self.doc.origin))
            if how == "new":
                self.new_actors[actor.id] = actor

    def _groups(self) -> list[list[str]]:
        parent = {entity_id: entity_id for entity_id in self.types}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for group in self.doc.equivalences:
            members = [m for m in group if m in parent]
            for other in members[1:]:
                parent[find(other)] = find(members[0])
        groups: dict[str, list[str]] = {}
        for entity_id in self.types:
            groups.setdefault(find(entity_id), []).append(entity_id)
        return list(groups.values())

    def _resolve_group(self, group: list[str]) -> tuple[Actor | None, str]:
        entities = self.by_id  # built once: per group it made an article of 20,000 mentions take minutes
        resolver, language = self.context.resolver, self.article.language
        assert resolver is not None
        explicit = next((entities[i] for i in group if entities[i].actor), None)
        if explicit is not None:
            try:
                return resolver.resolve(self._name(explicit.id), actor_id=explicit.actor,
                                        actor_type=self.types[explicit.id], language=language)
            except KeyError:
                self.error(explicit.location, f"unknown actor {explicit.actor!r}",
                           "use an id of data/actors.yaml, or a Wikidata QID")
                return None, ""
        qid = next((entities[i].wikidata for i in group if entities[i].wikidata), None)
        first: tuple[Actor, str] | None = None
        for entity_id in group:
            found = resolver.resolve(self._name(entity_id), wikidata=qid, actor_type=self.types[entity_id],
                                     language=language)
            if found[1] != "new":
                return found
            first = first or found
        assert first is not None
        return first

    def _name(self, entity_id: str) -> str:
        return " ".join(span.text for span in self.spans[entity_id])

    # --- relations ----------------------------------------------------------------------------
    def relations(self) -> list[Claim]:
        claims: list[Claim] = []
        seen: set[str] = set()
        known = {e.id for e in self.doc.entities}
        for relation in self.doc.relations:
            if relation.id in seen:
                self.error(relation.location, f"duplicate annotation id {relation.id!r}")
                continue
            seen.add(relation.id)
            try:
                claims.extend(self._claims(relation, known))
            except InputError as exc:
                self.errors.append(exc)
        return claims

    def _rule(self, relation: ToolRelation) -> tuple[Any, str | None, str | None]:
        """The relation's rule, and the polarity and certainty its labels and attributes set."""
        polarity: str | None = None
        certainty: str | None = None
        labels: list[str] = []
        pairs = list(relation.attributes)
        for label in relation.labels:
            for part in (p.strip() for p in label.split("|")):
                if not part:
                    continue
                if self.mapping.attribute(part) is not None and part not in self.context.vocabulary:
                    pairs.append((part, None))
                else:
                    labels.append(part)
        for name, value in pairs:
            attribute = self.mapping.attribute(name)
            resolved = attribute.resolve(value) if attribute else None
            if attribute is None or resolved is None:
                continue
            if attribute.field == "polarity":
                polarity = resolved
            else:
                certainty = resolved
        rule: Any = relation.rule
        if rule is None:
            if not labels:
                raise InputError(self.doc.path, relation.location, f"relation {relation.id!r} has no relation label",
                                 "label it with a vocabulary term or a label of the mapping file")
            if len(labels) > 1:
                raise InputError(self.doc.path, relation.location,
                                 f"relation {relation.id!r} has several relation labels {labels!r}",
                                 "keep one relation label; other labels must be attributes (Negated, Speculation...)")
            rule = self.mapping.relation(labels[0], self.context.vocabulary)
            if rule is UNMAPPED:
                report_unmapped(self.context, "relations", labels[0], self.doc.path)
                rule = None
        if isinstance(rule, RelationRule):
            polarity = polarity or rule.polarity
            certainty = certainty or rule.certainty
        return rule, polarity, certainty

    def _argument(self, relation: ToolRelation, entity_id: str, role: str, known: set[str]) -> str | None:
        if entity_id not in known:
            raise InputError(self.doc.path, relation.location,
                             f"relation {relation.id!r} refers to a missing entity {entity_id!r} as its {role}",
                             "every relation argument must be an entity of the same document")
        if entity_id in self.skipped:
            self.context.warn(f"{self.doc.path}:{relation.location}: relation {relation.id!r} skipped: its {role}"
                              f" {entity_id!r} is labelled {self.skipped[entity_id]!r}, which is not an actor")
            return None
        return self.actor_of.get(entity_id)  # None: the entity had an error, already reported

    def _claims(self, relation: ToolRelation, known: set[str]) -> list[Claim]:
        rule, polarity, certainty = self._rule(relation)
        if rule is None:
            return []
        subject = self._argument(relation, relation.subject, "subject", known)
        obj = self._argument(relation, relation.object, "object", known)
        claimant = self._claimant(relation, known)
        if subject is None or obj is None:
            return []
        term = self.context.vocabulary.term(rule.term)
        self._check_types(relation, term.id, subject, obj)
        argument_spans = self.spans.get(relation.subject, []) + self.spans.get(relation.object, [])
        trigger_spans = self.spans.get(relation.trigger, []) if relation.trigger else []
        evidence = evidence_span(self.doc.text, argument_spans or trigger_spans, self.bounds)
        spans = tuple(sorted(set(argument_spans + trigger_spans), key=lambda s: (s.start, s.end)))
        claim = Claim(id=f"{self.article.id}#{relation.id}", article_id=self.article.id, subject=subject,
                      predicate=term.id, object=obj, evidence=evidence, spans=spans, claimant=claimant,
                      polarity=polarity or "asserted", certainty=certainty or "certain", note=relation.note,
                      origin=self.doc.origin)
        if not relation.both_ways or term.symmetric:
            return [claim]
        reverse = replace(claim, id=f"{claim.id}-reverse", subject=obj, object=subject)
        return [claim, reverse]

    def _claimant(self, relation: ToolRelation, known: set[str]) -> str | None:
        if relation.claimant is not None:
            return self._argument(relation, relation.claimant, "claimant", known)
        if not relation.claimant_actor:
            return None
        name = relation.claimant_actor.strip()
        if name in self.context.gazetteer:
            return name
        resolver = self.context.resolver
        assert resolver is not None
        actor, how = resolver.resolve(name, actor_type="Person", language=self.article.language)
        if how == "new":
            self.new_actors[actor.id] = actor
        return actor.id

    def _check_types(self, relation: ToolRelation, term: str, subject: str, obj: str) -> None:
        gazetteer, vocabulary = self.context.gazetteer, self.context.vocabulary
        subject_actor, object_actor = gazetteer.get(subject), gazetteer.get(obj)
        if subject_actor is None or object_actor is None:
            return
        if not vocabulary.allows(term, subject_actor.type, object_actor.type):
            allowed = vocabulary.term(term)
            raise InputError(self.doc.path, relation.location,
                             f"{term!r} does not take a {subject_actor.type} subject ({subject}) and a"
                             f" {object_actor.type} object ({obj})",
                             f"allowed: {'/'.join(allowed.subject_types or ('any',))} ->"
                             f" {'/'.join(allowed.object_types or ('any',))}; fix the label or the mapping")

    def build(self) -> Document:
        self.entities()
        self.resolve()
        claims = self.relations()
        if self.errors:
            raise InputErrors(self.errors)
        return Document(self.article, tuple(claims), tuple(self.mentions), tuple(self.new_actors.values()))


def build_document(doc: ToolDocument, context: ReadContext) -> Document:
    """The Document for one tool document; InputErrors lists every problem (the article is skipped)."""
    try:
        check_bytes(doc.path, len(doc.text.encode("utf-8")), what="article text")
        check_counts(doc.path, "", mentions=doc.entities, claims=doc.relations)
    except InputError as exc:
        raise InputErrors([exc]) from None
    return _Builder(doc, context).build()


def read_one(parse: Callable[[Path, ReadContext], ToolDocument], path: Path,
             context: ReadContext) -> Iterator[Document | InputErrors]:
    """Read a one-document file: `parse` it, then build it; any problem is yielded as InputErrors."""
    try:
        doc = parse(path, context)
    except InputError as exc:
        yield InputErrors([exc])
        return
    yield from documents([doc], context)


def documents(docs: list[ToolDocument], context: ReadContext) -> list[Document | InputErrors]:
    """Build each document, turning its problems into an InputErrors item so the others still load."""
    built: list[Document | InputErrors] = []
    for doc in docs:
        try:
            built.append(build_document(doc, context))
        except InputErrors as exc:
            built.append(exc)
    return built
