"""`actorgraph vocabulary [TERM]`: the relation terms an annotator may use, with their labels,
inverses, PLOVER event types and CAMEO codes, and the actor types they accept.

Why a command: annotators and analysts need the vocabulary while they work, and reading
data/vocabulary.yaml means reading YAML; `--json` gives tools the same data.
"""
from __future__ import annotations

import sys

import click

from actorgraph.cli.output import error_line, json_option, print_json, print_table, stdout_console
from actorgraph.graph.plover import PLOVER_SCHEME
from actorgraph.graph.vocabulary import RelationTerm, Vocabulary, default_vocabulary, nearest_terms

TERM_COLUMNS = ["term", "en", "ar", "inverse", "PLOVER", "CAMEO", "subject", "object"]


def _types(types: tuple[str, ...] | None, vocabulary: Vocabulary) -> str:
    """Allowed actor types, short: `any`, a list, or `any but X, Y` when the list leaves out only a few."""
    if types is None:
        return "any"
    missing = [t for t in vocabulary.actor_types if t not in types]
    if len(missing) < len(types):
        return "any but " + ", ".join(missing)
    return ", ".join(types)


def _inverse(term: RelationTerm) -> str:
    return "(symmetric)" if term.symmetric else (term.inverse or "")


def _cameo(term: RelationTerm) -> str:
    if term.cameo_code:
        return f"{term.cameo} ({term.cameo_code})"
    return term.cameo or ""


def _row(term: RelationTerm, vocabulary: Vocabulary) -> list[str]:
    return [term.id, term.labels["en"], term.labels["ar"], _inverse(term), term.plover or "-", _cameo(term),
            _types(term.subject_types, vocabulary), _types(term.object_types, vocabulary)]


def _show_term(term: RelationTerm, vocabulary: Vocabulary) -> None:
    console = stdout_console()
    console.print(f"[bold]{term.id}[/bold]  {term.labels['en']} / {term.labels['ar']}", highlight=False)
    console.print(term.definition, highlight=False, soft_wrap=True)
    lines = [("inverse", _inverse(term) or "-"),
             ("PLOVER", f"{term.plover} (skos:closeMatch {PLOVER_SCHEME}#{term.plover})" if term.plover
              else "- (a static relation, no event type)"),
             ("CAMEO", _cameo(term) or "-"),
             ("subject", _types(term.subject_types, vocabulary)),
             ("object", _types(term.object_types, vocabulary)),
             ("Neo4j type", term.relationship_type)]
    for name, value in lines:
        console.print(f"{name + ':':<12}{value}", highlight=False, soft_wrap=True)


@click.command("vocabulary")
@click.argument("term", required=False)
@json_option
def vocabulary_command(term: str | None, as_json: bool) -> None:
    """The relation terms (labels, inverse, PLOVER, CAMEO, actor types) and the actor types;
    with TERM (any spelling: SupportedBy, supported_by) one term and its definition."""
    vocabulary = default_vocabulary()
    if term is not None:
        if term not in vocabulary:
            close = nearest_terms(vocabulary, term)
            hint = f"did you mean {', '.join(close)}?" if close else "run `actorgraph vocabulary` for the list"
            error_line(f"unknown relation {term!r} ({hint})")
            sys.exit(1)
        found = vocabulary.term(term)
        if as_json:
            print_json(found.to_dict())
        else:
            _show_term(found, vocabulary)
        return
    if as_json:
        print_json({"terms": [t.to_dict() for t in vocabulary.terms.values()],
                    "actor_types": vocabulary.actor_types, "plover_scheme": PLOVER_SCHEME})
        return
    print_table([_row(t, vocabulary) for t in vocabulary.terms.values()], TERM_COLUMNS,
                title=f"{len(vocabulary.terms)} relation terms (PLOVER '-': a static relation)")
    print_table([[type_id, labels.get("en", ""), labels.get("ar", "")]
                 for type_id, labels in vocabulary.actor_types.items()],
                ["actor type", "en", "ar"], title=f"{len(vocabulary.actor_types)} actor types")


commands = [vocabulary_command]
