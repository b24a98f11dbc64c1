"""English phrase shapes the frames test: a verb form inside a noun phrase ("the outrageous
terrorist attack"), the subject of a clause after opening phrases, the agent of "X launched an
attack", a nationality adjective on a thing ("an Iraqi military base"). Each looks at a few tokens
around a trigger; the frames (attach.py) decide what to do with the answer."""
from __future__ import annotations

from typing import TYPE_CHECKING

from actorgraph.ingest.extract.actors import FoundMention
from actorgraph.ingest.extract.lexicon import Match

if TYPE_CHECKING:
    from actorgraph.ingest.extract.attach import Sentence

_VERB_MARKERS = frozenset({"to", "will", "would", "can", "could", "must", "should", "may", "might",
                           "who", "which", "that", "and"})
_DETERMINERS = frozenset({"the", "a", "an", "these", "those", "this", "its", "their", "his", "her", "our",
                          "any", "such"})


def determined_noun(s: Sentence, t: Match) -> bool:
    """"the outrageous terrorist attack": a determiner at most three lowercase words before the
    trigger, with no actor or punctuation between, makes it a noun (the verb reading would take
    whoever precedes the determiner as the attacker)."""
    named = {i for m in s.mentions for i in range(m.first, m.last + 1)}
    for k in range(t.first - 1, max(s.first, t.first - 4) - 1, -1):
        token = s.tokens[k]
        if token.is_punct or k in named or token.text[:1].isupper() or token.norm in _VERB_MARKERS:
            return False  # "help the region to defeat ISIS": "to" makes the verb
        if token.norm in _DETERMINERS:
            return True
    return False


_NOT_VERBS = frozenset({"of", "and", "in", "on", "at", "for", "to", "or", "the", "a", "an"})


def clause_subject(s: Sentence, t: Match) -> FoundMention | None:
    """"On December 27, KH launched a rocket attack ..., killing X": when introductory phrases come
    first, the subject is the first actor followed by a lowercase word that can be its verb."""
    for m in s.mentions:
        if m.last + 1 >= t.first - 1:
            return None
        nxt = s.tokens[m.last + 1]
        if nxt.text.isalpha() and nxt.text.islower() and nxt.norm not in _NOT_VERBS:
            return m
    return None


def launcher(s: Sentence, t: Match) -> FoundMention | None:
    """"KH launched a rocket attack", "ISIS carried out an attack": the actor right before a verb of
    doing and an article that open the noun phrase is the act's agent."""
    subject = s.before(t.first, 4)
    if subject is None:
        return None
    words = [tok.norm for tok in s.tokens[subject.last + 1:t.first]]
    return subject if words and words[0] in _DOING and any(w in ("a", "an", "the") for w in words[1:3]) else None


_DOING = frozenset({"launched", "launches", "launch", "carried", "conducted", "conducts", "staged", "mounted",
                    "perpetrated", "committed", "claimed"})


def nationality_of_a_thing(s: Sentence, m: FoundMention) -> bool:
    """An English nationality adjective ("Iraqi", "Syrian", "Lebanese") before a lowercase noun."""
    word = s.tokens[m.last].text
    nxt = s.tokens[m.last + 1] if m.last < s.last else None
    return m.first == m.last and word[:1].isupper() and word.endswith(("i", "ian", "ese", "ish")) \
        and nxt is not None and nxt.text[:1].islower() and nxt.text.isalpha()
