"""Coordination with ellipsis: "U.S. and Coalition Forces" reads as "U.S. forces and coalition
forces", so the state named first stands for its armed forces, not for the state (the corpus
convention, data/articles/README.md: `U.S.` there is a mention of `us-forces`)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from actorgraph.graph.gazetteer import Gazetteer
from actorgraph.ingest.extract.actors import FoundMention
from actorgraph.ingest.extract.tokens import Token

_FORCE_WORDS = frozenset({"forces", "troops", "militaries", "armies"})


def states_as_their_forces(mentions: list[FoundMention], tokens: Sequence[Token], gazetteer: Gazetteer,
                           type_of: Callable[[str], str | None]) -> None:
    """A state mention followed by "and" and a mention whose head is "forces"/"troops" (or that
    the word "forces" ends) becomes a mention of that state's armed forces when the gazetteer has
    them (a MilitaryUnit whose parent is the state and one of whose names says "forces")."""
    for m, n in pairwise(mentions):
        between = [t.norm for t in tokens[m.last + 1:n.first] if t.text != "."]  # "U.S. and": the dot of U.S.
        if between not in (["and"], ["&"]) or type_of(m.actor) != "State":
            continue
        ends_in_force = tokens[n.last].norm in _FORCE_WORDS or (
            n.last + 1 < len(tokens) and tokens[n.last + 1].norm in _FORCE_WORDS)
        unit = _forces_of(gazetteer, m.actor) if ends_in_force else None
        if unit is not None:
            m.actor = unit


def _forces_of(gazetteer: Gazetteer, state: str) -> str | None:
    """The state's armed forces: the first MilitaryUnit child with an English name in "forces" (looked
    up only when the pattern fires, which is rare, so no index is kept)."""
    return next((actor.id for actor in gazetteer.actors.values()
                 if actor.type == "MilitaryUnit" and actor.parent == state
                 and any(name.lower().endswith(" forces") for name in actor.names())), None)
