"""Claims as native article dicts: built from attached triggers, roles and official accusations,
with repeated statements of one claim merged (their triggers become extra spans)."""
from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

from actorgraph.graph.gazetteer import Gazetteer
from actorgraph.graph.vocabulary import Vocabulary
from actorgraph.ingest.extract.actors import FoundMention
from actorgraph.ingest.extract.attach import Attached, Sentence, locative_adjunct
from actorgraph.ingest.extract.attribution import Voice, speaker
from actorgraph.ingest.extract.lexicon import Match

#: terms whose statement by an actor about another is an accusation ("X says Y attacked")
HOSTILE_TERMS = frozenset({"attacks", "kills", "detains", "besieges", "threatens", "escapes-from"})
#: hostile acts an official statement accuses their agent of by stating them (arrests are left out:
#: a government reports its own and its partners' arrests as achievements)
STATEMENT_HOSTILE_TERMS = frozenset({"attacks", "kills", "besieges", "threatens"})
#: bodies whose statements are their state's voice (an intelligence service's report is Iraq's)
_OTHER = frozenset({"اخري", "اخر", "اخرين"})  # normalised أخرى، آخر: "وأحياء أخرى في Y"
STATE_ORGANS = frozenset({"GovernmentBody", "MilitaryUnit"})


#: generic agents that, as the target of an act, stand for victims the text names better elsewhere
#: ("the Houthis have killed innocent civilians": the seafarers; "sniper attacks on protesters in
#: Baghdad"): a claim against the bare noun is noise for review, so none is suggested
GENERIC_VICTIMS = (".civilians", ".protesters", ".prisoners")


class ClaimBuilder:
    """Collects an article's claims; `actor_type(id)` gives an actor's type, so that a claim the
    vocabulary forbids for those types (a Location that attacks) is never suggested."""

    def __init__(self, text: str, vocabulary: Vocabulary, actor_type: Callable[[str], str | None]) -> None:
        self.text = text
        self.vocabulary = vocabulary
        self.actor_type = actor_type
        self._claims: list[dict[str, Any]] = []
        self._by_key: dict[tuple, dict[str, Any]] = {}
        self.authors: list[str] = []  # who "we" is: the first subjects of a verb in the article
        self.default_authors: list[str] = []  # else the subject of the article's opening sentence
        self.release_voice: str | None = None  # the person a release is attributed to: its claimant
        #: hostile acts whose only object was a place adjunct ("razed villages west of X"): no claim
        #: of their own, but who reports them still accuses their agent
        self._objectless: list[tuple[dict[str, Any], str, str, dict[str, Any]]] = []

    def claims(self) -> list[dict[str, Any]]:
        return self._claims

    def _span(self, start: int, end: int) -> dict[str, Any]:
        return {"start": start, "end": end, "text": self.text[start:end]}

    def _evidence(self, sentence: Sentence) -> dict[str, Any]:
        tokens = sentence.tokens
        return self._span(tokens[sentence.first].start, tokens[sentence.last].end)

    def _put(self, sentence: Sentence, subject: str, predicate: str, obj: str, spans: list[dict[str, Any]],
             rule: str, confidence: float, said: Voice | None = None,
             denies: str | None = None) -> dict[str, Any] | None:
        return self._put_evidence(self._evidence(sentence), subject, predicate, obj, spans, rule, confidence, said,
                                  denies)

    def _put_evidence(self, evidence: dict[str, Any], subject: str, predicate: str, obj: str,
                      spans: list[dict[str, Any]], rule: str, confidence: float, said: Voice | None = None,
                      denies: str | None = None) -> dict[str, Any] | None:
        said = said or Voice(None, "asserted", "certain", None)
        if subject == obj or not self._fits(predicate, subject, obj) or obj.endswith(GENERIC_VICTIMS):
            return None
        if said.claimant is None and self.release_voice not in (None, subject, obj):
            said = Voice(self.release_voice, said.polarity, said.certainty, said.cue)  # the release speaks
        key = (subject, predicate, obj, said.claimant, said.polarity)
        existing = self._by_key.get(key)
        if existing is not None:
            existing["spans"].extend(s for s in spans[:1] if s not in existing["spans"])
            existing["confidence"] = round(min(1.0, existing["confidence"] + 0.05), 2)
            return existing
        claim: dict[str, Any] = {
            "id": f"c{len(self._claims) + 1}", "subject": subject, "predicate": predicate, "object": obj,
            "evidence": evidence, "spans": spans, "claimant": said.claimant,
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

    def add(self, sentence: Sentence, a: Attached, said: Voice) -> bool:
        """The claims of an attached trigger, distributed over coordinated subjects and objects
        ("فرنسا وألمانيا ترحبان ..." is two claims); the first group of subjects of a verb is
        remembered as the article's authors, whom a first-person verb ("نرحب", "we welcome") means."""
        if a.trigger.kind == "between":
            subjects, objects = [a.subject], [a.object]
        elif a.trigger.kind == "by":
            subjects, objects = [a.subject], sentence.group(a.object)  # the nearest actor is the supported one
        else:
            subjects, objects = sentence.group(a.subject), sentence.group(a.object)
        objects = self._without_containers(sentence, objects)
        kept = [o for o in objects if not locative_adjunct(sentence, o, a.trigger.payload)]
        if objects and not kept and said.polarity == "asserted":
            self._objectless += [(self._evidence(sentence), a.trigger.payload, m.actor,
                                  self._trigger_span(sentence, a.trigger)) for m in subjects]
        objects = kept
        if said.claimant in (a.subject.actor, a.object.actor) and said.cue and said.polarity == "asserted":
            said = Voice(None, said.polarity, said.certainty, said.cue)
        confidence = a.confidence - (0.1 if said.certainty != "certain" else 0)
        added = False
        for subject in subjects:
            for obj in objects:
                spans = [self._trigger_span(sentence, a.trigger), self._mention_span(subject), self._mention_span(obj)]
                distributed = len(subjects) * len(objects) > 1
                added |= self._put(sentence, subject.actor, a.trigger.payload, obj.actor, spans,
                                   f"{a.trigger.kind}:{a.rule}" + ("+coordination" if distributed else ""),
                                   confidence - (0.05 if distributed else 0), said) is not None
        if added and not self.authors and a.trigger.kind == "verb":
            self.authors = list(dict.fromkeys(m.actor for m in subjects))
        return added

    def add_pair(self, sentence: Sentence, subject: str, predicate: str, obj: str, trigger: Match, rule: str,
                 confidence: float) -> None:
        self._put(sentence, subject, predicate, obj, [self._trigger_span(sentence, trigger)], rule, confidence)

    def add_group(self, sentence: Sentence, trigger: Match, subjects: list[str], objects: list[FoundMention],
                  said: Voice, rule: str, confidence: float) -> bool:
        added = False
        objects = [o for o in objects if not locative_adjunct(sentence, o, trigger.payload)]
        for subject in subjects:
            for obj in objects:
                spans = [self._trigger_span(sentence, trigger), self._mention_span(obj)]
                put = self._put(sentence, subject, trigger.payload, obj.actor, spans, rule, confidence, said)
                added |= put is not None
        return added

    def add_role(self, sentence: Sentence, person: FoundMention, org: FoundMention, role: Match) -> None:
        spans = [self._trigger_span(sentence, role), self._mention_span(org), self._mention_span(person)]
        self._put(sentence, person.actor, role.payload, org.actor, spans, "role-name", 0.7)

    def add_locations(self, sentence: Sentence, mentions: list[FoundMention], heads: frozenset[str]) -> None:
        """Where places are: "الحسكة السورية" (a nisba on a place) and "سجن الصناعة بمدينة الحسكة",
        "X في Y", "X in Y" (a place, then ب/في/in, an optional head noun, another place)."""
        tokens = sentence.tokens
        for a, b in itertools.pairwise(mentions):
            if b.modifier and b.first == a.last + 1:
                self._put(sentence, a.actor, "located-in", b.actor, [self._mention_span(a), self._mention_span(b)],
                          "nisba-location", 0.6)
                continue
            words = [t.norm for t in tokens[a.last + 1:b.first]]
            first = tokens[b.first].norm
            linked = (not words and first[:1] == "ب" and first[1:] in heads) \
                or (len(words) == 1 and (words[0] in ("في", "in") or (words[0][:1] == "ب" and words[0][1:] in heads))) \
                or (len(words) == 2 and words[0] in ("في", "in") and words[1] in heads | {"ال" + h for h in heads})
            if linked:
                self._put(sentence, a.actor, "located-in", b.actor, [self._mention_span(a), self._mention_span(b)],
                          "location-in", 0.55)
            elif len(words) == 3 and words[0].startswith("و") and words[1] in _OTHER and words[2] == "في":
                # "أحياء A وB وC وأحياء أخرى في المدينة": every listed place is in Y
                for member in sentence.group(a):
                    self._put(sentence, member.actor, "located-in", b.actor,
                              [self._mention_span(member), self._mention_span(b)], "location-list", 0.5)
            elif [t.text for t in tokens[a.last + 1:b.first]] in ([","], ["،"]) \
                    and self._in_a_state(b, mentions, tokens):
                self._put(sentence, a.actor, "located-in", b.actor, [self._mention_span(a), self._mention_span(b)],
                          "location-chain", 0.5)

    def _without_containers(self, sentence: Sentence, group: list[FoundMention]) -> list[FoundMention]:
        """"attacked in Mogadishu, Somalia": a comma chain of places ending in a state names one
        place and where it is, not two targets; only its first member is the argument."""
        tokens = sentence.tokens
        if len(group) < 2 or [t.text for t in tokens[group[0].last + 1:group[1].first]] not in ([","], ["،"]) \
                or not self._in_a_state(group[1], sentence.mentions, tokens):
            return group
        return group[:1]

    def _in_a_state(self, b: FoundMention, mentions: list[FoundMention], tokens) -> bool:
        """"El Fasher, North Darfur, Sudan": a comma chain of places is containment when it ends in a
        state (b is one, or b is followed by a comma and one); a list of towns is not."""
        if self.actor_type(b.actor) == "State":
            return True
        after = next((m for m in mentions if m.first > b.last), None)
        return (after is not None and [t.text for t in tokens[b.last + 1:after.first]] in ([","], ["،"])
                and self.actor_type(after.actor) == "State")

    def add_denial_of_earlier(self, sentence: Sentence, trigger: Match, said: Voice) -> None:
        """A denial whose content lacks its arguments ("نافياً ... هروب السجناء") denies the latest
        earlier claim of the same predicate in the article: it takes that claim's arguments."""
        if said.claimant is None:
            return
        candidates = [c for c in self._claims if c["predicate"] == trigger.payload and c["polarity"] == "asserted"
                      and c["claimant"] != said.claimant]
        named = [c for c in candidates if "." not in c["subject"]]  # article-scoped agents last
        if named or candidates:
            earlier = (named or candidates)[-1]
            spans = [self._trigger_span(sentence, trigger)]
            self._put(sentence, earlier["subject"], earlier["predicate"], earlier["object"], spans,
                      "denial-of-earlier", 0.45, said, denies=earlier["id"])

    def add_accusations(self, sentence: Sentence, cues: Sequence[Match], persons: dict[int, FoundMention],
                        gazetteer: Gazetteer) -> None:
        """"S says/reports that X attacked ..." is S accusing X (CAMEO 112): for each reporting
        cue, the hostile claims after it in the sentence whose subject is not the speaker. A state
        organ (government body, military unit) speaks for its state."""
        for cue in cues:
            if cue.kind != "cue-verb":
                continue
            who = speaker(sentence, cue, persons) or _sentence_subject(sentence, cue)
            if who is None:
                continue
            accuser = state_of(who.actor, gazetteer)
            evidence = self._evidence(sentence)
            acts = [(c["evidence"], c["predicate"], c["subject"], c["spans"][0]) for c in self._claims
                    if c["polarity"] == "asserted"]
            for act_evidence, predicate, agent, _ in acts + self._objectless:
                if predicate in HOSTILE_TERMS and act_evidence == evidence and agent not in (who.actor, accuser):
                    spans = [self._trigger_span(sentence, cue), self._mention_span(who)]
                    self._put(sentence, accuser, "accuses", agent, spans, "speech-accusation", 0.45)


    def add_statement_accusations(self, issuer: str | None, gazetteer: Gazetteer) -> None:
        """An official statement that states, in its own voice, a hostile act of another actor as
        fact accuses that actor (CAMEO 112: a government asserting another's wrongdoing): "On Monday
        the Houthis attacked a ship" in a release of the State Department is the United States
        accusing the Houthis. The accuser is the person the release is attributed to, else the
        issuing body's state; acts of the issuer's own organs and article-scoped agents are left out."""
        accuser = self.release_voice or issuer
        if accuser is None:
            return
        own = {accuser, issuer}
        acts = [(c["evidence"], c["predicate"], c["subject"], c["spans"][0]) for c in self._claims
                if c["polarity"] == "asserted" and c["claimant"] in (None, self.release_voice)]
        for evidence, predicate, agent, span in acts + self._objectless:
            if predicate in STATEMENT_HOSTILE_TERMS and "." not in agent and agent not in own \
                    and state_of(agent, gazetteer) not in own:
                self._put_evidence(evidence, accuser, "accuses", agent, [span], "statement-accusation", 0.4)


def _sentence_subject(sentence: Sentence, cue: Match) -> FoundMention | None:
    """The actor opening the sentence before the cue ("The United States is troubled by reports
    that ..."): who voices what the sentence reports when the cue has no subject of its own."""
    for m in sentence.mentions:
        opening = sentence.tokens[sentence.first].norm in ("the", "و") and m.first == sentence.first + 1
        if (m.first == sentence.first or opening) and m.last < cue.first:
            return m
        break
    return None


def state_of(actor_id: str, gazetteer: Gazetteer) -> str:
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
