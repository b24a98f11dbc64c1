"""Claims as native article dicts: built from attached triggers, roles and official accusations,
with repeated statements of one claim merged (their triggers become extra spans)."""
from __future__ import annotations

from typing import Any, Callable, Sequence

from graph.gazetteer import Gazetteer
from graph.vocabulary import Vocabulary
from ingest.extract.actors import FoundMention
from ingest.extract.attach import Attached, Sentence
from ingest.extract.attribution import Voice, speaker
from ingest.extract.lexicon import Match

#: terms whose statement by an actor about another is an accusation ("X says Y attacked")
HOSTILE_TERMS = frozenset({"attacks", "kills", "detains", "besieges", "threatens", "escapes-from"})
#: bodies whose statements are their state's voice (an intelligence service's report is Iraq's)
STATE_ORGANS = frozenset({"GovernmentBody", "MilitaryUnit"})


class ClaimBuilder:
    """Collects an article's claims; `actor_type(id)` gives an actor's type, so that a claim the
    vocabulary forbids for those types (a Location that attacks) is never suggested."""

    def __init__(self, text: str, vocabulary: Vocabulary, actor_type: Callable[[str], str | None]) -> None:
        self.text = text
        self.vocabulary = vocabulary
        self.actor_type = actor_type
        self._claims: list[dict[str, Any]] = []
        self._by_key: dict[tuple, dict[str, Any]] = {}

    def claims(self) -> list[dict[str, Any]]:
        return self._claims

    def _span(self, start: int, end: int) -> dict[str, Any]:
        return {"start": start, "end": end, "text": self.text[start:end]}

    def _evidence(self, sentence: Sentence) -> dict[str, Any]:
        tokens = sentence.tokens
        return self._span(tokens[sentence.first].start, tokens[sentence.last].end)

    def _put(self, sentence: Sentence, subject: str, predicate: str, obj: str, spans: list[dict[str, Any]],
             rule: str, confidence: float, said: Voice | None = None, denies: str | None = None) -> dict[str, Any] | None:
        said = said or Voice(None, "asserted", "certain", None)
        if subject == obj or not self._fits(predicate, subject, obj):
            return None
        key = (subject, predicate, obj, said.claimant, said.polarity)
        existing = self._by_key.get(key)
        if existing is not None:
            existing["spans"].extend(s for s in spans[:1] if s not in existing["spans"])
            existing["confidence"] = round(min(1.0, existing["confidence"] + 0.05), 2)
            return existing
        claim: dict[str, Any] = {
            "id": f"c{len(self._claims) + 1}", "subject": subject, "predicate": predicate, "object": obj,
            "evidence": self._evidence(sentence), "spans": spans, "claimant": said.claimant,
            "polarity": said.polarity, "certainty": said.certainty,
            "origin": "extracted", "confidence": round(confidence, 2), "rule": rule,
        }
        if denies:
            claim["denies"] = denies
        self._claims.append(claim)
        self._by_key[key] = claim
        return claim

    def _fits(self, predicate: str, subject: str, obj: str) -> bool:
        return self.vocabulary.allows(predicate, self.actor_type(subject) or "", self.actor_type(obj) or "")

    def _mention_span(self, m: FoundMention) -> dict[str, Any]:
        return self._span(m.start, m.end)

    def _trigger_span(self, sentence: Sentence, t: Match) -> dict[str, Any]:
        return self._span(sentence.tokens[t.first].start, sentence.tokens[t.last].end)

    def add(self, sentence: Sentence, a: Attached, said: Voice, gazetteer: Gazetteer) -> None:
        spans = [self._trigger_span(sentence, a.trigger), self._mention_span(a.subject), self._mention_span(a.object)]
        confidence = a.confidence - (0.1 if said.certainty != "certain" else 0)
        if said.claimant in (a.subject.actor, a.object.actor) and said.cue and said.polarity == "asserted":
            said = Voice(said.claimant if said.claimant == a.subject.actor and a.trigger.payload in HOSTILE_TERMS
                         else None, said.polarity, said.certainty, said.cue) if said.claimant == a.object.actor else said
        self._put(sentence, a.subject.actor, a.trigger.payload, a.object.actor, spans, f"{a.trigger.kind}:{a.rule}",
                  confidence, said)

    def add_role(self, sentence: Sentence, person: FoundMention, org: FoundMention, role: Match) -> None:
        spans = [self._trigger_span(sentence, role), self._mention_span(org), self._mention_span(person)]
        self._put(sentence, person.actor, role.payload, org.actor, spans, "role-name", 0.7)

    def add_denial_of_earlier(self, sentence: Sentence, trigger: Match, said: Voice) -> None:
        """A denial whose content lacks its arguments ("نافياً ... هروب السجناء") denies the latest
        earlier claim of the same predicate in the article: it takes that claim's arguments."""
        if said.claimant is None:
            return
        for earlier in reversed(self._claims):
            if earlier["predicate"] == trigger.payload and earlier["polarity"] == "asserted" \
                    and earlier["claimant"] != said.claimant:
                spans = [self._trigger_span(sentence, trigger)]
                self._put(sentence, earlier["subject"], earlier["predicate"], earlier["object"], spans,
                          "denial-of-earlier", 0.45, said, denies=earlier["id"])
                return

    def add_accusations(self, sentence: Sentence, cues: Sequence[Match], persons: dict[int, FoundMention],
                        gazetteer: Gazetteer) -> None:
        """"S says/reports that X attacked ..." is S accusing X (CAMEO 112): for each reporting
        cue, the hostile claims after it in the sentence whose subject is not the speaker. A state
        organ (government body, military unit) speaks for its state."""
        for cue in cues:
            if cue.kind != "cue-verb":
                continue
            who = speaker(sentence, cue, persons)
            if who is None:
                continue
            accuser = _state_of(who.actor, gazetteer)
            for claim in list(self._claims):
                if claim["predicate"] in HOSTILE_TERMS and claim["evidence"] == self._evidence(sentence) \
                        and claim["subject"] not in (who.actor, accuser) and claim["polarity"] == "asserted":
                    spans = [self._trigger_span(sentence, cue), self._mention_span(who)]
                    self._put(sentence, accuser, "accuses", claim["subject"], spans, "speech-accusation", 0.45)


def _state_of(actor_id: str, gazetteer: Gazetteer) -> str:
    """The State an organ belongs to (following `parent`), else the actor itself."""
    actor = gazetteer.get(actor_id)
    if actor is None or actor.type not in STATE_ORGANS:
        return actor_id
    seen = set()
    while actor is not None and actor.parent and actor.id not in seen:
        seen.add(actor.id)
        actor = gazetteer.get(actor.parent)
        if actor is not None and actor.type == "State":
            return actor.id
    return actor_id
