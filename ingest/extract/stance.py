"""A stance on an act is aimed at the act's agent: "The United States strongly condemns the
terrorist attack carried out today by al-Shabaab" is the United States condemning al-Shabaab, not
an attack by the United States."""
from __future__ import annotations

from actorgraph.ingest.extract.attach import Attached, Sentence, agent_in_clause, before_parenthetical
from actorgraph.ingest.extract.lexicon import Lexicon, Match

STANCE_ON_ACTS = frozenset({"condemns", "opposes", "accuses", "warns-about"})


def stance_on_act(s: Sentence, t: Match, lexicon: Lexicon) -> Attached | None:
    """"The United States strongly condemns the terrorist attack carried out today by al-Shabaab":
    a condemnation (opposition, accusation) of an act is aimed at the act's agent, the actor after
    an agentive "by" in the verb's clause, when no actor stands between the verb and that phrase."""
    if t.kind != "verb" or t.payload not in STANCE_ON_ACTS or t.entry.language != "en":
        return None
    agent = agent_in_clause(s, t.last + 2, t.last + 11, lexicon, 3)
    if agent is None or s.after(t.last, 12) is not agent:
        return None
    subject = s.before(t.first, 6) or before_parenthetical(s, t.first)
    if subject is None or subject.actor == agent.actor:
        return None
    return Attached(subject, agent, t, "en-stance-on-act", 0.5)
