"""Subject pronouns: "They have endangered ...", "وهي تتحمل المسؤولية": the pronoun stands for the
topic, the actor that opens its sentence before it, else the one that opened the previous sentence.

The pronoun becomes an argument of the sentence (a mention seen by the frames) but is not written
out as a mention of the article: annotators mark names, not pronouns.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from actorgraph.ingest.extract.actors import FoundMention
from actorgraph.ingest.extract.tokens import Token

#: subject pronouns, by the actor types they may stand for (None: any actor that acts)
_PERSONAL = frozenset({"he", "she"})
_ANY = frozenset({"they", "هي", "هو", "هم"})
#: words a pronoun subject may follow at the start of its clause
_OPENERS = frozenset({"and", "but", "و", "ف", "“", '"', "«", ","})
_NOT_ACTING = frozenset({"Location", "Facility", None})


def pronoun_subjects(tokens: Sequence[Token], first: int, last: int, sentence_mentions: list[FoundMention],
                     previous_topic: FoundMention | None,
                     type_of: Callable[[str], str | None]) -> list[FoundMention]:
    """Mentions for the subject pronouns of the sentence tokens[first:last+1] (see the module)."""
    found = []
    for i in range(first, last + 1):
        word = tokens[i].bases[-1] if tokens[i].bases else tokens[i].norm
        if word not in _PERSONAL and word not in _ANY:
            continue
        if i > first and tokens[i - 1].norm not in _OPENERS and tokens[i - 1].text not in _OPENERS \
                and word == tokens[i].norm:
            continue  # a pronoun inside a clause ("what they said"): not a clause's subject
        opening = i == first or (i == first + 1 and tokens[first].text in _OPENERS)
        # mid-sentence, "وهم يحاولون" may be anyone just named: only the sentence's own topic is safe
        topic = topic_of(tokens, first, i, sentence_mentions, type_of) or (previous_topic if opening else None)
        if topic is None or type_of(topic.actor) in _NOT_ACTING \
                or (word in _PERSONAL and type_of(topic.actor) != "Person"):
            continue
        t = tokens[i]
        found.append(FoundMention(i, i, t.start, t.end, t.text, topic.actor, "pronoun", 0.4))
    return found


def topic_of(tokens: Sequence[Token], first: int, before: int, mentions: list[FoundMention],
             type_of: Callable[[str], str | None]) -> FoundMention | None:
    """The actor that opens the sentence (within its first two words, "إن روسيا", "The Houthis"),
    if it stands before token `before` and can act."""
    for m in mentions:
        if m.first >= before or m.first > first + 2:
            return None
        if not m.modifier and type_of(m.actor) not in _NOT_ACTING:
            return m
    return None
