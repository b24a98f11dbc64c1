"""Argument attachment: which two actor mentions a trigger relates, by the trigger's frame.

Word order is what decides, as in the grammar books: an Arabic verb takes its subject right after
it (VSO, "هاجم داعش السجن") or before it (SVO, "داعش هاجم السجن"); a verbal noun takes its agent
in the construct state right after it ("هجوم داعش على السجن", "هجوم جديد لداعش") or after an
agentive phrase ("من قبل", "by"), and its object after a preposition (على, ضد, on, against);
"بين X و Y" coordinates the two sides of a symmetric relation; "المدعومة من X" / "backed by X"
puts the supported actor before the trigger; English is SVO, with the passive "was attacked by X".
Mentions are only looked for inside the sentence, and a clause break (comma, colon, quote) between
a trigger and an argument lowers the confidence.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from actorgraph.ingest.extract.actors import FoundMention
from actorgraph.ingest.extract.lexicon import Lexicon, Match
from actorgraph.ingest.extract.phrases import clause_subject, determined_noun, launcher, nationality_of_a_thing
from actorgraph.ingest.extract.tokens import CLAUSE_PUNCTUATION, Token

#: words after which an English -s/-ed form is a noun or adjective, not a verb ("cease attacks",
#: "the attack", "armed forces" is handled by the lexicon)
_NOUN_CONTEXT = frozenset({"the", "a", "an", "these", "those", "this", "that", "its", "their", "his", "her", "our",
                           "of", "cease", "stop", "halt", "end", "such", "new", "recent", "further", "more",
                           "repeated", "continued", "deadly", "any", "all", "no", "to", "following", "after"})
_PASSIVE_AUXILIARIES = frozenset({"was", "were", "been", "is", "are", "be", "being", "got"})
_FRAME_CONFIDENCE = {"verb": 0.6, "participle": 0.5, "noun": 0.55, "noun-patient": 0.5, "between": 0.65, "by": 0.65,
                     "by-reverse": 0.6}
_VICTIM_AGENTS = (".prisoners", ".civilians")


@dataclass(frozen=True, slots=True)
class Attached:
    subject: FoundMention
    object: FoundMention
    trigger: Match
    rule: str
    confidence: float


class Sentence:
    """The tokens and mentions of one sentence, with the look-ups the frames need."""

    def __init__(self, tokens: Sequence[Token], first: int, last: int, mentions: list[FoundMention]) -> None:
        self.tokens = tokens
        self.first, self.last = first, last
        start = bisect_left(mentions, first, key=lambda m: m.first)  # mentions are in text order
        end = bisect_right(mentions, last, key=lambda m: m.first)
        self.mentions = [m for m in mentions[start:end] if m.last <= last and not m.modifier]
        self.acts: dict[str, FoundMention] = {}  # predicate -> agent of the latest verbal noun attached

    @property
    def mentions(self) -> list[FoundMention]:
        return self._mentions

    @mentions.setter
    def mentions(self, value: list[FoundMention]) -> None:
        self._mentions = value
        self._groups: dict[int, list[FoundMention]] = {}
        group: list[FoundMention] = []
        for m in value:
            if group and _joined(self.tokens, group[-1], m):
                group.append(m)
            else:
                group = [m]
            for member in group:
                self._groups[member.first] = group

    def group(self, m: FoundMention) -> list[FoundMention]:
        """The coordinated mentions m belongs to ("فرنسا وألمانيا وإيطاليا", "CENTCOM and the SDF")."""
        return self._groups.get(m.first, [m])

    def group_last(self, m: FoundMention) -> FoundMention:
        return self.group(m)[-1]

    def breaks_between(self, a: int, b: int) -> int:
        """Clause punctuation tokens strictly between token indices a and b."""
        return sum(1 for t in self.tokens[a + 1:b] if t.text in CLAUSE_PUNCTUATION)

    def words_between(self, a: int, b: int) -> int:
        return sum(1 for t in self.tokens[a + 1:b] if not t.is_punct)

    def after(self, index: int, max_words: int, cross_clause: bool = False) -> FoundMention | None:
        for m in self.mentions:
            if m.first > index:
                if self.words_between(index, m.first) > max_words:
                    return None
                if not cross_clause and self.breaks_between(index, m.first) and not _only_quotes(self, index, m.first):
                    return None
                return m
        return None

    def before(self, index: int, max_words: int, cross_clause: bool = False,
               skip_victims: bool = False) -> FoundMention | None:
        for m in reversed(self.mentions):
            if m.last < index:
                if skip_victims and m.actor.endswith(_VICTIM_AGENTS):
                    continue
                if self.words_between(m.last, index) > max_words:
                    return None
                if not cross_clause and self.breaks_between(m.last, index):
                    return None
                return m
        return None


_COORDINATORS = frozenset({"و", "and", ",", "،", "&"})
#: generic heads that may follow a name inside a coordination ("CENTCOM forces and the SDF")
_GENERIC_HEADS = frozenset({"forces", "troops", "fighters", "militias", "units", "the", "its", "their", "his", "her"})


def _joined(tokens: Sequence[Token], a: FoundMention, b: FoundMention) -> bool:
    """b is coordinated with a: "A وB" (the conjunction is b's proclitic), "A و B", "A and B",
    "A, B", "A, and B". A subject pronoun opens a clause of its own ("مع تركيا وهي تتحمل")."""
    if "pronoun" in (a.rule, b.rule):
        return False
    between = [t.norm or t.text for t in _outside_parentheses(tokens[a.last + 1:b.first])
               if not (t.text == "." and t.start == tokens[a.last].end)]  # "the U.S. and Britain"
    if not between:
        first = tokens[b.first]
        return first.norm.startswith("و") and first.norm[1:] in first.bases
    words = [w for w in between if w not in _GENERIC_HEADS]
    return bool(words) and all(w in _COORDINATORS for w in words) and len(words) <= 2


def _outside_parentheses(tokens: Sequence[Token]) -> list[Token]:
    """The tokens outside one short parenthesis: "A (Russian) and B (Libyan)" coordinates A and B;
    a parenthesis of more than four words is a clause of its own and is kept (it breaks the group)."""
    if not tokens or tokens[0].text != "(":
        return list(tokens)
    close = next((k for k, t in enumerate(tokens) if t.text == ")"), None)
    if close is None or close > 5:
        return list(tokens)
    return list(tokens[close + 1:])


#: terms whose object may be a place ("attacks in Diyala", "controls the city", "escaped from X")
_PLACE_OBJECT_TERMS = frozenset({"attacks", "controls", "controlled-by", "besieges", "located-in", "threatens",
                                 "escapes-from", "protests-against", "kills"})
_LOCATIVE = frozenset({"in", "at", "across", "throughout", "inside", "within"})
_RELATIVE_PLACE = frozenset({"near", "outside", "around", "west", "east", "north", "south", "northwest", "northeast",
                             "southwest", "southeast", "beyond"})


def locative_adjunct(s: Sentence, m: FoundMention, predicate: str) -> bool:
    """An English mention that only says where ("calls on all armed forces in Sudan", "facilities
    in Syria") is no object of a term about people and groups; a place relative to another ("villages
    west of X", "near X") is the object of no term (the act is on the villages, not on X)."""
    k = m.first - 1
    if k >= s.first and s.tokens[k].norm == "the":
        k -= 1
    if k < s.first:
        return False
    word = s.tokens[k].norm
    if word == "of" and k - 1 >= s.first and s.tokens[k - 1].norm in _RELATIVE_PLACE:
        return True
    if word in ("near", "outside", "around"):
        return True
    return word in _LOCATIVE and predicate not in _PLACE_OBJECT_TERMS


def _only_quotes(sentence: Sentence, a: int, b: int) -> bool:
    return all(t.text in '"«»' for t in sentence.tokens[a + 1:b] if t.text in CLAUSE_PUNCTUATION)


def attach(sentence: Sentence, trigger: Match, lexicon: Lexicon) -> Attached | None:
    """The subject and object of `trigger` in `sentence`, or None when the frame finds no pair."""
    frame = trigger.kind
    arabic = trigger.entry.language == "ar"
    pair = _FRAMES[frame](sentence, trigger, lexicon, arabic)
    if pair is None:
        return None
    subject, obj, rule = pair
    if subject is None or obj is None or subject.actor == obj.actor:
        return None
    confidence = _FRAME_CONFIDENCE[frame]
    span = (min(subject.first, obj.first, trigger.first), max(subject.last, obj.last, trigger.last))
    if sentence.breaks_between(*span):
        confidence -= 0.1
    return Attached(subject, obj, trigger, rule, round(confidence, 2))


def _verb(s: Sentence, t: Match, lexicon: Lexicon, arabic: bool):
    if arabic:
        patient = s.after(t.last, 4)
        agent = _passive_agent(s, t, lexicon, patient) if patient is not None else None
        if agent is not None:  # "قُتل ثلاثة من جنود X على يد عناصر داعش": the agent follows على يد
            return agent, patient, "ar-verb-passive"
        first = s.after(t.last, 2)
        if first is None:
            return _coordinated_verb(s, t)
        relative = _relative_antecedent(s, t)
        if relative is not None:
            return first, relative, "ar-verb-relative"
        before = s.before(t.first, 3)
        if before is not None:
            return before, first, "ar-verb-svo"
        second = s.after(s.group_last(first).last, 8)
        if second is not None:
            return first, second, "ar-verb-vso"
        return s.before(t.first, 6), first, "ar-verb-svo"
    previous = s.tokens[t.first - 1].norm if t.first > s.first else ""
    following = s.tokens[t.last + 1].norm if t.last < s.last else ""
    if t.first > s.first and s.tokens[t.first - 1].text in "-‐":
        return None  # "Houthi-controlled areas": an adjective compound, not a clause
    if previous.isdigit() or (previous in _NOUN_CONTEXT and (previous != "to" or s.tokens[t.first].norm.endswith("s"))):
        return None  # "cease attacks", "the attack", "30 attacks": the noun reading applies
    if determined_noun(s, t):
        return None  # "condemns the outrageous terrorist attack": adjectives after "the", a noun phrase
    if previous in _PASSIVE_AUXILIARIES or following == "by":
        agent = _agent_after(s, t, lexicon)
        return (agent, s.before(t.first, 4), "en-verb-passive") if agent else None
    participle = _participle_clause(s, t)
    if participle is not None:
        return participle
    subject = s.before(t.first, 6) or before_parenthetical(s, t.first)
    obj = s.after(t.last, 5) or _after_colon(s, t.last)
    if obj is not None and s.tokens[obj.first - 1].norm in ("a", "an") and s.tokens[obj.first - 2].norm == "as":
        return None  # "designated as a Foreign Terrorist Organization": a category, not who is designated
    return subject, obj, "en-verb-svo"


def _coordinated_verb(s: Sentence, t: Match):
    """"ويفتخر حزب الله بمخزونه من الأسلحة ويهدد في العلن بتدمير إسرائيل": a verb joined by و to
    an earlier verb of the sentence, with no subject after it, shares the sentence's subject (the
    actor right after the opening verb, or opening the sentence) when no other actor stands between;
    its object comes within four words."""
    token = s.tokens[t.first]
    if not (token.norm.startswith("و") and token.norm[1:] in token.bases):
        return None
    subject = opening_subject(s, t.first)
    if subject is None:
        return None
    obj = s.after(t.last, 4)
    return (subject, obj, "ar-verb-coordinated") if obj is not None else None


_OBJECT_PRONOUNS = frozenset({"them", "it", "him", "her"})
def _participle_clause(s: Sentence, t: Match):
    """"The United States is cracking down on the Houthis, redesignating them as ...": an -ing
    clause after a comma is done by the actor opening the sentence; an object pronoun right after
    it is the latest other actor before the comma."""
    word = s.tokens[t.first]
    if not word.norm.endswith("ing") or t.first - 1 <= s.first or s.tokens[t.first - 1].text != ",":
        return None
    opener = next((m for m in s.mentions if m.first <= s.first + 1), None) or clause_subject(s, t)
    if opener is None:
        return None
    following = s.tokens[t.last + 1].norm if t.last < s.last else ""
    if following in _OBJECT_PRONOUNS:
        obj = next((m for m in reversed(s.mentions) if m.last < t.first and m.actor != opener.actor), None)
    else:
        obj = s.after(t.last, 5)
    return (opener, obj, "en-participle") if obj is not None else None


def _passive_agent(s: Sentence, t: Match, lexicon: Lexicon, patient: FoundMention) -> FoundMention | None:
    """The actor after an agentive phrase ("على يد", "من قبل") that follows the verb's first actor
    within eight words of the verb and in its clause: the verb is passive, that actor its agent."""
    return agent_in_clause(s, s.group_last(patient).last + 1, t.last + 9, lexicon, 2)


def agent_in_clause(s: Sentence, start: int, end: int, lexicon: Lexicon, max_words: int) -> FoundMention | None:
    """The actor (within `max_words`) after the first agentive phrase ("by", "على يد") found from
    token `start` to `end`, before any clause break."""
    for i in range(start, min(s.last, end) + 1):
        if s.tokens[i].text in CLAUSE_PUNCTUATION:
            return None
        matches = lexicon.agentive.match_at(s.tokens, i)
        if matches:
            return s.after(matches[0].last, max_words)
    return None


def _after_colon(s: Sentence, index: int) -> FoundMention | None:
    """"SDF recaptured two escapees: Imam Abdulwahed Akhwan ...": the named object after a colon."""
    for k in range(index + 1, min(s.last, index + 5) + 1):
        if s.tokens[k].text == ":":
            return s.after(k, 0)
        if s.tokens[k].text in CLAUSE_PUNCTUATION:
            return None
    return None


def before_parenthetical(s: Sentence, index: int) -> FoundMention | None:
    """"Iran, in coordination with Syria, attacked ISIS": the subject precedes a comma-enclosed
    phrase that ends right before the verb."""
    if index - 1 <= s.first or s.tokens[index - 1].text != ",":
        return None
    for k in range(index - 2, max(s.first, index - 14), -1):
        if s.tokens[k].text == ",":
            return s.before(k, 0)
    return None


_RELATIVE_PRONOUNS = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين"})
_OBJECT_SUFFIXES = ("ه", "ها", "هم")


def _relative_antecedent(s: Sentence, t: Match) -> FoundMention | None:
    """"التحالف الذي تقوده السعودية": after a relative pronoun, a verb carrying an object pronoun
    has the antecedent (before the pronoun) as its object and the actor after it as subject."""
    if t.first - 1 < s.first or s.tokens[t.first - 1].norm not in _RELATIVE_PRONOUNS:
        return None
    if not s.tokens[t.first].norm.endswith(_OBJECT_SUFFIXES):
        return None
    return s.before(t.first - 1, 0)


def _participle(s: Sentence, t: Match, lexicon: Lexicon, arabic: bool):
    return s.before(t.first, 12, cross_clause=True), s.after(t.last, 3), "participle"


def joint_agents(s: Sentence, t: Match, lexicon: Lexicon) -> list[FoundMention]:
    """The coordinated agents of a noun ("airstrikes by the U.S. and Britain"): two or more actors
    carrying out one act together."""
    if t.kind != "noun":
        return []
    agent = _agent_after(s, t, lexicon)
    group = s.group(agent) if agent is not None else []
    return group if len(group) >= 2 else []


_PERPETRATED = frozenset({"carried", "conducted", "perpetrated", "committed", "launched", "claimed", "staged"})


def _agent_after(s: Sentence, t: Match, lexicon: Lexicon) -> FoundMention | None:
    """The actor after an agentive phrase ("من قبل X", "by X") within four words of the trigger,
    eight when a verb of doing follows it ("the attack carried out earlier today by X")."""
    reach = 9 if t.last < s.last and s.tokens[t.last + 1].norm in _PERPETRATED else 5
    for i in range(t.last + 1, min(s.last, t.last + reach) + 1):
        if s.tokens[i].text in CLAUSE_PUNCTUATION:
            return None
        matches = lexicon.agentive.match_at(s.tokens, i)
        if matches:
            return s.after(matches[0].last, 1)
    return None


_IN = frozenset({"in", "في"})


def _place_after(s: Sentence, index: int) -> FoundMention | None:
    """"the attack carried out by al-Shabaab in Mogadishu": once the agent of an act is named, the
    actor right after "in" is where it struck (the vocabulary keeps it only when a place may be hit)."""
    if index + 1 > s.last or s.tokens[index + 1].norm not in _IN:
        return None
    return s.after(index + 1, 0)


def _object_after_preposition(s: Sentence, start: int, lexicon: Lexicon) -> FoundMention | None:
    for i in range(start + 1, min(s.last, start + 6) + 1):
        if s.tokens[i].text in CLAUSE_PUNCTUATION:
            return None
        if s.tokens[i].norm in lexicon.object_prepositions:
            return s.after(i, 2)
    return None


def _noun(s: Sentence, t: Match, lexicon: Lexicon, arabic: bool):
    if s.tokens[t.last].norm in lexicon.object_prepositions and t.last > t.first:
        # "قام X بفرض عقوبات على Y", "U.S. sanctions on Y": the preposition is the trigger's own,
        # the actor after it is the object and the agent stands before
        obj = s.after(t.last, 2)
        return (s.before(t.first, 3, cross_clause=True), obj, "noun-preposition") if obj is not None else None
    agent = _agent_after(s, t, lexicon)
    if agent is not None:
        obj = _object_after_preposition(s, agent.last, lexicon) or _subjected(s, t, lexicon) \
            or (s.before(t.first, 3) if arabic else None) \
            or _place_after(s, s.group_last(agent).last)  # "X point to attacks from Y": X is no target
        return agent, obj, "noun-agentive"
    if arabic:
        subject = s.after(t.last, 2)
        if subject is not None and any(tok.norm in lexicon.object_prepositions
                                       for tok in s.tokens[t.last + 1:subject.first]):
            subject = None  # "الهجوم على الملاحة": after على comes the object, not the agent
        subject = subject or s.before(t.first, 0)  # "قيام الحوثيين باحتجاز ..."
    else:  # "the Houthi attack"; "KH launched a rocket attack against": a verb of doing and an article between
        subject = s.before(t.first, 1) or launcher(s, t)
    if subject is None:
        return None
    return subject, object_of_noun(s, t, lexicon, subject.last), "ar-noun-construct" if arabic else "en-noun-modifier"


def object_of_noun(s: Sentence, t: Match, lexicon: Lexicon, after: int = -1) -> FoundMention | None:
    """The object of a verbal noun: after على/ضد/on/against, else the next actor (past `after`),
    unless that actor is what the act's agent belongs to ("الغارات الروسية والتابعة لنظام الأسد":
    the regime is a second agent, not the target)."""
    start = max(after, t.last)
    obj = _object_after_preposition(s, start, lexicon)
    if obj is not None:
        return None if nationality_of_a_thing(s, obj) else obj
    if t.entry.language == "ar" and _preposition_ahead(s, start, lexicon):
        return None  # "هجوم التنظيم على ثكنة عسكرية في ديالى": the object was named, and is no actor
    obj = s.after(start, 6 if t.entry.language == "ar" else 8)
    if obj is not None and obj.first > s.first and set(s.tokens[obj.first - 1].bases) & _BELONGING:
        return None
    if obj is not None and nationality_of_a_thing(s, obj):
        return None  # "an attack against an Iraqi military base": the base is the target, not Iraq
    return obj


def _preposition_ahead(s: Sentence, start: int, lexicon: Lexicon) -> bool:
    """An object preposition (على, ضد) within the next six words of the clause."""
    for i in range(start + 1, min(s.last, start + 6) + 1):
        if s.tokens[i].text in CLAUSE_PUNCTUATION:
            return False
        if s.tokens[i].norm in lexicon.object_prepositions:
            return True
    return False


#: adjectives of belonging after which an actor qualifies the noun before ("التابعة لـ X")
_BELONGING = frozenset({"التابعه", "التابع", "التابعين", "الموالية", "الموالي", "الموالين", "المدعومه", "المدعوم"})


def _coordinated_adjective(s: Sentence, t: Match) -> bool:
    """"المدفعية الروسية والتابعة لنظام الأسد": a "by" phrase joined by و to a nisba adjective
    qualifies the noun both describe; the adjective's state is no subject of it."""
    token = s.tokens[t.first]
    if not (token.norm.startswith("و") and token.norm[1:] in token.bases) or t.first - 1 < s.first:
        return False
    previous = s.tokens[t.first - 1]
    return any(m.last == t.first - 1 and m.first == m.last for m in s.mentions) \
        and previous.norm.startswith("ال") and previous.norm.endswith(("يه", "ي"))


def _subjected(s: Sentence, t: Match, lexicon: Lexicon) -> FoundMention | None:
    """"تعرض سجن الصناعة ... لهجوم": the actor right after "تعرض" suffers the noun's act."""
    if lexicon.subjected is None:
        return None
    for i in range(max(s.first, t.first - 12), t.first):
        matches = lexicon.subjected.match_at(s.tokens, i)
        if matches:
            return s.after(matches[0].last, 1)
    return None


def _between(s: Sentence, t: Match, lexicon: Lexicon, arabic: bool):
    for i in range(t.last + 1, min(s.last, t.last + 4) + 1):
        if s.tokens[i].norm in lexicon.between:
            first = s.after(i, 1)
            second = s.after(first.last, 1) if first else None
            return first, second, "between"
    agent = _agent_after(s, t, lexicon)
    if agent is not None:
        return agent, s.after(agent.last, 1), "between-agentive"
    return _reciprocal_pair(s, t)


_ADJUNCT_PREPOSITIONS = frozenset({"في", "على", "من", "الى", "عن", "in", "on", "for", "with", "to", "of", "by", "from"})


def _reciprocal_pair(s: Sentence, t: Match):
    """"توقيع ممثلين عن A وB اتفاقاً", "the A and B ceasefire": the two sides of a symmetric act
    are a coordination of actors right before its noun (at most two words between: "A and B
    signed a truce")."""
    last = s.before(t.first, 1 if t.entry.language == "ar" else 2)
    if last is None or any(tok.norm in _ADJUNCT_PREPOSITIONS for tok in s.tokens[last.last + 1:t.first]):
        return None  # "دعم حكومات A وB في تأمين الهدنة": the actors are in another phrase
    group = s.group(last)
    if len(group) < 2 or group[-1] is not last:
        return None
    return group[-2], group[-1], "reciprocal"


def _by(s: Sentence, t: Match, lexicon: Lexicon, arabic: bool):
    obj = s.after(t.last, 2)
    if obj is None or _coordinated_adjective(s, t):
        return None
    return s.before(t.first, 8, cross_clause=True, skip_victims=True), obj, "by"


def _by_reverse(s: Sentence, t: Match, lexicon: Lexicon, arabic: bool):
    if t.first == s.first or s.tokens[t.first - 1].text not in "-‐–":
        return None
    backer = s.before(t.first, 0, cross_clause=True)
    if backer is None:
        return None
    backed = s.after(t.last, 2)
    if backed is None and not arabic:  # "Kata’ib Hizballah (KH), an Iran-backed terrorist group"
        k = backer.first - 1
        if k - 1 > s.first and s.tokens[k].norm in ("a", "an") and s.tokens[k - 1].text == ",":
            return s.before(k - 1, 0, cross_clause=True), backer, "x-backed-apposition"
    return backed, backer, "x-backed"


def _noun_patient(s: Sentence, t: Match, lexicon: Lexicon, arabic: bool):
    """"تابع النظام الإيراني تزويد الحوثيين بالأسلحة": the genitive after a verbal noun of giving
    (تزويد، تسليح، تمويل) is who receives, not who gives; the giver is the subject of the sentence
    (the actor opening it, or right after its opening verb) when no other actor stands between."""
    obj = s.after(t.last, 0)
    if obj is None:
        return None
    return opening_subject(s, t.first) or s.before(t.first, 2), obj, "noun-patient"


def opening_subject(s: Sentence, index: int) -> FoundMention | None:
    """The sentence's subject as seen from token `index`: its first actor, when that opens the
    sentence or follows its opening verb, and no other actor stands between it and `index`."""
    if not s.mentions:
        return None
    subject = s.mentions[0]
    if subject.first > s.first + 2 or subject.last >= index \
            or any(subject.last < m.first < index for m in s.mentions):
        return None
    return subject


_FRAMES = {"verb": _verb, "participle": _participle, "noun": _noun, "noun-patient": _noun_patient, "between": _between,
           "by": _by, "by-reverse": _by_reverse}
