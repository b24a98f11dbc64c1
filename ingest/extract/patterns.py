"""The actor-pattern word lists of `data/triggers.yaml` (agents, roles, role links, head nouns)."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from actorgraph.graph.errors import ReferenceDataError
from actorgraph.graph.files import load_yaml
from actorgraph.graph.names import normalise_name
from actorgraph.graph.vocabulary import default_vocabulary
from actorgraph.ingest.extract.actors import ActorPatterns
from actorgraph.ingest.extract.lexicon import DEFAULT_TRIGGERS, PhraseIndex, language_of


def _forms(value: Any, path: str, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ReferenceDataError(path, key, "must be a list of words or phrases")
    return value


def parse_patterns(data: Any, path: str) -> ActorPatterns:
    agents, roles = PhraseIndex(), PhraseIndex()
    for key, by_language in (data.get("agents") or {}).items():
        for language, forms in (by_language or {}).items():
            for form in _forms(forms, path, f"agents.{key}.{language}"):
                agents.add(form, "agent", key, language)
    vocabulary = default_vocabulary()
    for relation, by_language in (data.get("roles") or {}).items():
        if relation not in vocabulary:
            raise ReferenceDataError(path, f"roles.{relation}", "is not a vocabulary term")
        for language, forms in (by_language or {}).items():
            for form in _forms(forms, path, f"roles.{relation}.{language}"):
                roles.add(form, "role", vocabulary.term(relation).id, language)
    links = {normalise_name(w) for forms in (data.get("role_links") or {}).values()
             for w in _forms(forms, path, "role_links")}
    heads = set()
    for language, forms in (data.get("heads") or {}).items():
        for word in _forms(forms, path, f"heads.{language}"):
            norm = normalise_name(word)
            heads.add(norm[2:] if language_of(norm) == "ar" and norm.startswith("ال") else norm)
    name_heads: dict[str, str] = {}
    for actor_type, by_language in (data.get("name_heads") or {}).items():
        for language, forms in (by_language or {}).items():
            for word in _forms(forms, path, f"name_heads.{actor_type}.{language}"):
                name_heads[normalise_name(word)] = actor_type
    stop = {normalise_name(w) for forms in (data.get("name_stop") or {}).values()
            for w in _forms(forms, path, "name_stop")}
    apposition = PhraseIndex()
    for language, forms in (data.get("apposition_member") or {}).items():
        for form in _forms(forms, path, f"apposition_member.{language}"):
            apposition.add(form, "phrase", "member-of", language)
    return ActorPatterns(agents=agents, roles=roles, role_links=frozenset(links), heads=frozenset(heads),
                         name_heads=name_heads, name_stop=frozenset(stop), apposition=apposition)


@lru_cache(maxsize=1)
def load_patterns() -> ActorPatterns:
    path = DEFAULT_TRIGGERS
    return parse_patterns(load_yaml(path), str(path))
