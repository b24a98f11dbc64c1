"""Whose voice a statement speaks with: a release attributed to a person ("The below is
attributable to Spokesperson X:"), a quotation that goes on in the next sentence, and obligations
laid on an actor ("ينبغي أن يطلق الحوثيون", "Iran must"), which are the voice's demands.
"""
from __future__ import annotations

from actorgraph.ingest.extract.actors import FoundMention, MentionFinder
from actorgraph.ingest.extract.attach import Sentence
from actorgraph.ingest.extract.attribution import Voice, voice
from actorgraph.ingest.extract.claims import ClaimBuilder
from actorgraph.ingest.extract.lexicon import Entry, Match


def statement_voice(cues_by_token: dict[int, list[Match]], mentions: list[FoundMention],
                    finder: MentionFinder) -> list[str]:
    """"The below is attributable to Spokesperson Morgan Ortagus:": the person a release is
    attributed to is who "we" is in it (a title may stand between)."""
    for i in sorted(k for k in cues_by_token if k < 80):  # the attribution line heads the release
        for match in cues_by_token[i]:
            person = next((m for m in mentions if match.last < m.first <= match.last + 4), None) \
                if match.kind == "statement-voice" else None
            if person is not None and finder.type_of(person.actor) == "Person":
                return [person.actor]
    return []


_OPENING_QUOTES = frozenset({"“", '"', "«"})


def continues_quotation(sentence: Sentence, cues) -> bool:
    """The sentence opens a quotation and names no speaker of its own: the same voice goes on."""
    return sentence.tokens[sentence.first].text in _OPENING_QUOTES and not any(c.kind == "cue-verb" for c in cues)


_DEMANDS_ENTRY = Entry("phrase", "demands", "ar", (), "يجب")
_ACCUSES_ENTRY = Entry("phrase", "accuses", "ar", (), "مسوول")


def obligation_demands(sentence: Sentence, builder: ClaimBuilder, cues, persons,
                        continued: FoundMention | None) -> None:
    """"ينبغي أن يطلق الحوثيون سراح ...", "إيران يجب أن تسمح ...", "Iran must release ...": an
    obligation laid on an actor is a demand made of it, by the quoted speaker, else by the
    statement's authors (who "we" is); nothing when the article has no known authors."""
    for match in cues:
        if match.kind == "obligation" and match.last <= sentence.last:
            arabic = match.entry.language == "ar"
            if not arabic and _passive_after(sentence, match.last):
                continue  # "ISIS must be defeated": an obligation on others, ISIS is its patient
            target = sentence.before(match.first, 0) or (sentence.after(match.last, 2) if arabic else None)
            if target is None:
                continue
            _voiced(sentence, builder, cues, persons, continued, Match(_DEMANDS_ENTRY, match.first, match.last),
                    sentence.group(target), "obligation-demand", 0.4)


def responsibility_accusations(sentence: Sentence, builder: ClaimBuilder, cues, persons,
                               continued: FoundMention | None) -> None:
    """"Russia is responsible for these attacks", "وهي تتحمل المسؤولية الكاملة عن": holding an
    actor responsible is accusing it (CAMEO 112), by the speaker of the sentence, else the voice of
    a continued quotation, else the statement's authors. The responsible actor is the clause's
    subject right before the phrase (a subject pronoun counts: see pronouns.py)."""
    for match in cues:
        if match.kind != "responsibility" or match.last > sentence.last:
            continue
        target = sentence.before(match.first, 2)
        if target is None or _in_adjunct(sentence, target):
            target = _complement_subject(sentence, match.first)
        if target is None:
            continue
        _voiced(sentence, builder, cues, persons, continued, Match(_ACCUSES_ENTRY, match.first, match.last),
                sentence.group(target), "responsibility", 0.45)


_THAT_AR = frozenset({"ان", "بان", "وان"})
_ADJUNCT = frozenset({"في", "من", "عن", "على", "الى", "in", "at", "on", "from", "to", "of", "with"})


def _in_adjunct(sentence: Sentence, m: FoundMention) -> bool:
    """The mention (or the coordination it ends) follows a preposition: an adjunct, no subject
    ("وتعمل في سوريا والعراق تقف وراءه")."""
    first = sentence.group(m)[0].first
    return first > sentence.first and sentence.tokens[first - 1].norm in _ADJUNCT


def _complement_subject(sentence: Sentence, index: int) -> FoundMention | None:
    """"نعلم أن جماعات مدعومة من إيران وتعمل في سوريا تقف وراءه": the subject of the clause that
    أن opens (the actor right after it), when the cue ends that clause (within fifteen words)."""
    tokens = sentence.tokens
    for k in range(index - 1, max(sentence.first, index - 16) - 1, -1):
        if tokens[k].norm in _THAT_AR:
            return sentence.after(k, 0)
    return None


def _voiced(sentence: Sentence, builder: ClaimBuilder, cues, persons, continued: FoundMention | None, trigger: Match,
            targets: list[FoundMention], rule: str, confidence: float) -> None:
    """Claims of the sentence's voice about `targets`: the speaker of the sentence, else the voice
    of a continued quotation, else the statement's authors; nothing when none is known."""
    said = voice(sentence, trigger.first, cues, persons)
    who = said.claimant or (continued.actor if continued else None)
    authors = [who] if who else builder.default_authors or builder.authors
    plain = Voice(None, said.polarity, said.certainty, None)
    builder.add_group(sentence, trigger, authors, targets, plain, rule, confidence)


def _passive_after(sentence: Sentence, index: int) -> bool:
    """"must be held", "should not be allowed", "must have been": the modal's actor undergoes it."""
    words = [t.norm for t in sentence.tokens[index + 1:min(sentence.last, index + 3) + 1]]
    return "be" in words or "been" in words
