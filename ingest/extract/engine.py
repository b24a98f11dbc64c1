"""The extraction engine: a RawArticle in, a native annotated article (dict) out.

Steps, per article: tokenise (tokens.py); find actor mentions (actors.py); per sentence
(ingest.sentences), find trigger words (lexicon.py), attach their two arguments (attach.py), set
claimant, polarity and certainty (attribution.py); add the claims that patterns state (roles:
"spokesman of X, Y"; official accusations); merge repeated claims. Every mention and claim carries
`origin: "extracted"`, a `confidence` and the `rule` that produced it; actors nobody knew are
declared inline, flagged for review in their description.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from actorgraph.graph.gazetteer import Gazetteer, default_gazetteer
from actorgraph.graph.vocabulary import Vocabulary, default_vocabulary
from actorgraph.ingest.extract.actors import ActorPatterns, FoundMention, MentionFinder, key_words_of
from actorgraph.ingest.extract.attach import (
    Attached,
    Sentence,
    agent_in_clause,
    attach,
    joint_agents,
    object_of_noun,
)
from actorgraph.ingest.extract.attribution import Voice, quotation_speaker, voice
from actorgraph.ingest.extract.claims import ClaimBuilder, state_of
from actorgraph.ingest.extract.ellipsis import states_as_their_forces
from actorgraph.ingest.extract.first_person import first_person
from actorgraph.ingest.extract.lexicon import Entry, Lexicon, Match, PhraseIndex, default_lexicon
from actorgraph.ingest.extract.patterns import load_patterns
from actorgraph.ingest.extract.phrases import nationality_of_a_thing
from actorgraph.ingest.extract.possession import add_leaders, owned, possessed_allies, possessive_heads
from actorgraph.ingest.extract.pronouns import pronoun_subjects, topic_of
from actorgraph.ingest.extract.raw import RawArticle
from actorgraph.ingest.extract.roles import mentions_in, role_persons
from actorgraph.ingest.extract.stance import stance_on_act
from actorgraph.ingest.extract.statements import (
    continues_quotation,
    obligation_demands,
    responsibility_accusations,
    statement_voice,
)
from actorgraph.ingest.extract.titles import title_claims
from actorgraph.ingest.extract.tokens import is_arabic, tokenize
from actorgraph.ingest.sentences import sentence_bounds


def extract_article(raw: RawArticle, *, gazetteer: Gazetteer | None = None, vocabulary: Vocabulary | None = None,
                    open_world_exclude: set[str] | None = None) -> dict:
    """The native article dict for `raw`: its text, extracted mentions, claims and inline actors.

    `gazetteer` defaults to the configured one; `open_world_exclude` removes actors from it first
    (to measure how extraction does on actors it has never been told about).
    """
    vocabulary = vocabulary or default_vocabulary()
    base = gazetteer or _default_base()
    working, key_words, cache = _working_gazetteer(base, frozenset(open_world_exclude or ()))
    lexicon = default_lexicon()
    patterns = load_patterns()
    language = "ar" if raw.language == "ar" else "en"
    finder = MentionFinder(working, patterns, raw.id, language, dictionary=_dictionary(), key_words=key_words,
                           cache=cache, publisher=raw.publisher)
    text = raw.text
    tokens = tokenize(text)
    finder.text = text
    mentions = _merge_agents_with_names(_drop_unknown_before_known(finder.find(text, tokens), tokens, patterns),
                                        working, finder)
    led_by = possessive_heads(mentions, tokens, working, finder)
    states_as_their_forces(mentions, tokens, working, lambda a: _type_of(a, working, finder))
    _mark_modifiers(mentions, tokens, lambda a: _type_of(a, working, finder))
    def type_of(actor_id: str) -> str | None:
        return _type_of(actor_id, working, finder)

    builder = ClaimBuilder(text, vocabulary, type_of)
    inside = _inside_names(mentions)
    cues_by_token = {i: m for i, m in _all_matches(lexicon.cues, tokens).items() if i not in inside}
    ranges = list(_sentence_token_ranges(text, tokens))
    release_voice = statement_voice(cues_by_token, mentions, finder)
    builder.release_voice = release_voice[0] if release_voice else None
    builder.default_authors = release_voice or _opening_subject(ranges, mentions, tokens, language, working, finder)
    quoted_by: FoundMention | None = None  # who spoke the quotation the previous sentence closed
    topic: FoundMention | None = None  # the actor that opened the previous sentence
    for first, last in ranges:
        sentence = Sentence(tokens, first, last, mentions)
        cues = [m for i in range(first, last + 1) for m in cues_by_token.get(i, ())]
        persons = role_persons(finder, patterns, sentence, mentions, builder, text)
        continued = quoted_by if continues_quotation(sentence, cues) else None
        own = [m for m in mentions_in(mentions, first, last) if not m.modifier]
        pronouns = pronoun_subjects(tokens, first, last, own, topic, type_of)
        topic = topic_of(tokens, first, last + 1, own, type_of) or topic
        sentence.mentions = sorted(own + pronouns, key=lambda m: m.first)
        builder.add_locations(sentence, mentions_in(mentions, first, last), patterns.heads)
        _appositive_members(sentence, patterns, builder, working, finder)
        _name_internal_claims(sentence, finder, lexicon, builder, text)
        title_claims(sentence, builder, working, type_of, (raw.published or "")[:10] or None)
        possessed_allies(sentence, builder)
        add_leaders(sentence, led_by, builder)
        for alternatives in lexicon.triggers.scan_alternatives(tokens[first:last + 1]):
            triggers = [Match(t.entry, t.first + first, t.last + first) for t in alternatives]
            if triggers[0].first in inside or triggers[0].first in finder.headline:
                continue  # a word of a name ("The United States"), or a Title Case headline's verb
            said = voice(sentence, triggers[0].first, cues, persons)
            if continued is not None and said.claimant is None:  # "“...,” said X. “We appreciate ...”"
                said = Voice(continued.actor, said.polarity, said.certainty, None)
            triggers.sort(key=lambda t: not _typed_for(t, sentence, lexicon, vocabulary, working, finder))
            if not any(_claims_of_trigger(sentence, trigger, said, lexicon, builder, persons) for trigger in triggers) \
                    and said.polarity == "denied":
                builder.add_denial_of_earlier(sentence, triggers[0], said)
            agents = joint_agents(sentence, triggers[0], lexicon)
            for partner in agents[1:]:  # acting together is cooperating (CAMEO 04/06)
                if owned(sentence, partner):
                    continue  # "the RSF and its affiliated militias": their alliance is stated below
                builder.add_pair(sentence, agents[0].actor, "cooperates-with", partner.actor, triggers[0],
                                 "joint-action", 0.4)
        builder.add_accusations(sentence, cues, persons, working)
        obligation_demands(sentence, builder, cues, persons, continued)
        responsibility_accusations(sentence, builder, cues, persons, continued)
        quoted_by = quotation_speaker(sentence, cues, persons) or continued
    publisher = finder.publisher_actor()
    builder.add_statement_accusations(_official_issuer(publisher, working), working)
    return _article_dict(raw, mentions, builder.claims(), finder, working)


def _official_issuer(publisher, gazetteer: Gazetteer) -> str | None:
    """The state whose statement the article is: its publisher is a state or one of its organs
    (a ministry, a military command, an embassy); a news outlet issues no statement."""
    if publisher is None:
        return None
    state = state_of(publisher.id, gazetteer)
    kind = gazetteer.get(state)
    return state if kind is not None and kind.type == "State" else None


_DEFAULT: dict[tuple[str, int], Gazetteer] = {}


def _default_base() -> Gazetteer:
    """The configured gazetteer, built once per file version: `default_gazetteer()` returns a
    fresh copy each call, and extraction must not re-index names for every article."""
    from actorgraph.graph.config import gazetteer_path
    path = gazetteer_path()
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError:
        return default_gazetteer()  # it reports the missing file
    if key not in _DEFAULT:
        _DEFAULT.clear()
        _DEFAULT[key] = default_gazetteer()
    return _DEFAULT[key]


_WORKING: dict[tuple[int, frozenset[str]], tuple[Gazetteer, Gazetteer, frozenset[str], int, dict]] = {}


def _working_gazetteer(base: Gazetteer, exclude: frozenset[str]) -> tuple[Gazetteer, frozenset[str], dict]:
    """The gazetteer minus the excluded actors, with its key words; cached per (gazetteer, exclusion)
    because indexing names is the costly part and a batch extracts many articles with one gazetteer."""
    cache_key = (id(base), exclude)
    cached = _WORKING.get(cache_key)
    if cached is not None and cached[0] is base and len(cached[0].actors) == cached[3]:
        return cached[1], cached[2], cached[4]
    actors = {i: a for i, a in base.actors.items() if i not in exclude}
    gazetteer = Gazetteer(actors, source=base.source, merged={k: v for k, v in base.merged.items() if v not in exclude})
    if len(_WORKING) > 16:
        _WORKING.clear()
    _WORKING[cache_key] = (base, gazetteer, key_words_of(gazetteer), len(base.actors), {})
    return gazetteer, _WORKING[cache_key][2], _WORKING[cache_key][4]


_NAMED_GROUP_TYPES = frozenset({"ArmedGroup", "State", "Organization", "MilitaryUnit", "GovernmentBody", "Coalition"})


def _merge_agents_with_names(mentions: list[FoundMention], gazetteer: Gazetteer,
                             finder: MentionFinder) -> list[FoundMention]:
    """A generic agent next to a named group is that group ("ISIS detainees", "عناصر داعش",
    "سجناء تنظيم داعش"): one mention of the named actor over both, no article-scoped collective."""
    out: list[FoundMention] = []
    for m in mentions:
        previous = out[-1] if out else None
        if previous is not None and m.first == previous.last + 1 and "agent" in (m.rule, previous.rule) \
                and m.rule != previous.rule:
            named = previous if m.rule == "agent" else m
            if _type_of(named.actor, gazetteer, finder) in _NAMED_GROUP_TYPES and named.rule != "unknown-name":
                out[-1] = FoundMention(previous.first, m.last, previous.start, m.end,
                                       finder.text[previous.start:m.end], named.actor, named.rule,
                                       named.confidence)
                continue
        out.append(m)
    return out


def _appositive_members(sentence: Sentence, patterns: ActorPatterns, builder: ClaimBuilder, gazetteer: Gazetteer,
                        finder: MentionFinder) -> None:
    """"Khaled Ahmed al-Dandal, an ISIS facilitator", "فلان، أحد قادة داعش": a person, a comma,
    an indefinite or membership word, at most two words, then a group: the person is a member."""
    tokens = sentence.tokens
    for person, group in itertools.pairwise(sentence.mentions):
        if _type_of(person.actor, gazetteer, finder) != "Person" or person.last + 2 >= group.first:
            continue
        if tokens[person.last + 1].text not in (",", "،"):
            continue
        matches = patterns.apposition.match_at(tokens, person.last + 2)
        if matches and sentence.words_between(matches[0].last, group.first) <= 2 \
                and not sentence.breaks_between(matches[0].last, group.first):
            builder.add_pair(sentence, person.actor, "member-of", group.actor,
                             Match(matches[0].entry, person.last + 2, matches[0].last), "apposition-member", 0.5)


def _name_internal_claims(sentence: Sentence, finder: MentionFinder, lexicon: Lexicon, builder: ClaimBuilder,
                          text: str) -> None:
    """Relations stated inside a known name: "الميليشيات الطائفية المدعومة من إيران", "Iran-backed
    militias" (backed-by Iran), "التحالف الذي تقوده السعودية" (Saudi Arabia leads it)."""
    tokens = sentence.tokens
    named = {n.actor: n for n in sentence.mentions}
    for m in sentence.mentions:
        _direction_of_place(sentence, m, finder, builder, text)
        _known_container(sentence, m, named, finder, builder)
        if m.last - m.first < 2 or m.rule not in ("gazetteer",):
            continue
        for trigger in lexicon.triggers.scan(tokens[m.first:m.last + 1]):
            t = Match(trigger.entry, trigger.first + m.first, trigger.last + m.first)
            if t.kind == "by":
                inner = _inner_name(finder, text, tokens, range(t.last + 1, m.last + 1), m.last)
                pair = (m.actor, inner)
            elif t.kind == "by-reverse":
                inner = _inner_name(finder, text, tokens, range(m.first, t.first), t.first - 1)
                pair = (m.actor, inner)
            elif t.kind == "verb" and t.first > m.first and tokens[t.first - 1].norm in ("الذي", "التي"):
                inner = _inner_name(finder, text, tokens, range(t.last + 1, m.last + 1), m.last)
                pair = (inner, m.actor)
            else:
                continue
            if inner is not None and pair[0] and pair[1]:
                builder.add_pair(sentence, pair[0], t.payload, pair[1], t, "name-internal", 0.55)
        for k in range(m.first + 1, m.last):
            if tokens[k].norm in ("في", "in"):  # "سفارة الولايات المتحدة في طهران"
                place = _inner_name(finder, text, tokens, range(k + 1, m.last + 1), m.last)
                if place is not None:
                    builder.add_pair(sentence, m.actor, "located-in", place, Match(_IN_ENTRY, k, k),
                                     "name-internal", 0.55)
                break


_IN_ENTRY = Entry("phrase", "located-in", "ar", (), "في")
#: compass words that name a part of a place ("جنوب لبنان", "North Darfur", "northern Syria")
_DIRECTIONS = frozenset({"جنوب", "شمال", "شرق", "غرب", "وسط", "جنوبي", "شمالي", "شرقي", "غربي",
                         "south", "north", "east", "west", "southern", "northern", "eastern", "western", "central"})


def _known_container(sentence: Sentence, m: FoundMention, named: dict[str, FoundMention], finder: MentionFinder,
                     builder: ClaimBuilder) -> None:
    """A known place named in one sentence with the place the gazetteer puts it in ("Taiz ...
    Yemen"): the text says where it is, in the gazetteer's terms."""
    actor = finder.gazetteer.get(m.actor)
    if actor is None or actor.type not in ("Location", "Facility") or not actor.parent:
        return
    container = named.get(actor.parent)
    if container is not None and container is not m and not nationality_of_a_thing(sentence, container):
        builder.add_pair(sentence, m.actor, "located-in", container.actor, Match(_IN_ENTRY, m.first, m.last),
                         "known-container", 0.45)


def _direction_of_place(sentence: Sentence, m: FoundMention, finder: MentionFinder, builder: ClaimBuilder,
                        text: str) -> None:
    """"جنوب لبنان", "South Kordofan": a known place named by a compass word and another known
    place is in that place."""
    tokens = sentence.tokens
    word = tokens[m.first]
    if m.last == m.first or not {word.norm, *word.bases} & _DIRECTIONS:
        return
    whole = _type_of(m.actor, finder.gazetteer, finder)
    inner = finder.lookup_name(text[tokens[m.first + 1].start:tokens[m.last].end])
    if whole in ("Location", "State") and inner and inner != m.actor \
            and _type_of(inner, finder.gazetteer, finder) in ("Location", "State"):
        builder.add_pair(sentence, m.actor, "located-in", inner, Match(_IN_ENTRY, m.first, m.first),
                         "direction-of-place", 0.5)


def _inner_name(finder: MentionFinder, text: str, tokens, positions, limit: int) -> str | None:
    """The first known name inside tokens[positions] that ends by `limit` (longest first)."""
    for k in positions:
        if tokens[k].is_punct:
            continue
        for j in range(limit, k - 1, -1):
            if tokens[j].is_punct:
                continue
            hit = finder.lookup_name(text[tokens[k].start:tokens[j].end])
            if hit is not None:
                return hit
    return None


_BODY_TYPES = frozenset({"GovernmentBody", "Organization", "MilitaryUnit", "ArmedGroup", "Coalition"})


def _drop_unknown_before_known(mentions: list[FoundMention], tokens, patterns: ActorPatterns) -> list[FoundMention]:
    """"اللجنة المشتركة لمجلس النواب": an unknown name right before a known one introduced by
    "ل" (of) is a part of it; the known actor carries the statement, the guess is dropped. So is it
    before an unknown body whose head says what it is ("لمجلس", "لوزارة"): the body it belongs to."""
    def of_next(m: FoundMention, nxt: FoundMention | None) -> bool:
        if nxt is None or nxt.first != m.last + 1:
            return False
        first = tokens[nxt.first]
        if nxt.rule == "unknown-name":
            return first.norm.startswith("ل") and any(patterns.name_heads.get(b) in _BODY_TYPES
                                                      for b in first.bases[1:])
        return first.norm.startswith("ل") and len(first.bases) > 1
    return [m for m, nxt in zip(mentions, [*mentions[1:], None], strict=True)
            if not (m.rule == "unknown-name" and of_next(m, nxt))]


def _inside_names(mentions: list[FoundMention]) -> set[int]:
    """Token indices covered by multi-word mentions: trigger and cue words there belong to names."""
    return {i for m in mentions if m.last > m.first for i in range(m.first, m.last + 1)}


def _mark_modifiers(mentions: list[FoundMention], tokens, type_of) -> None:
    """A one-word definite nisba right after another mention ("الحسكة السورية", "ديالى العراقية")
    is an adjective on it, not an actor that acts: it stays a mention but never an argument. So is
    a person's nationality in parentheses ("Ali Hassan (Iraqi) and Omar Said"), which must not
    break the coordination of the names either."""
    for previous, mention in itertools.pairwise(mentions):
        between = [t.text for t in tokens[previous.last + 1:mention.first]]
        if between == ["("] and mention.last + 1 < len(tokens) and tokens[mention.last + 1].text == ")" \
                and mention.actor != previous.actor and type_of(previous.actor) == "Person":
            mention.modifier = True
            continue
        if between in (["’", "s"], ["'", "s"]):
            previous.modifier = True  # "Yemen’s Houthis": the possessor qualifies the head after it
            continue
        token = tokens[mention.first]
        if mention.first == previous.last + 1 and mention.first == mention.last \
                and token.norm.startswith("ال") and token.norm.endswith(("يه", "ي")):
            mention.modifier = True


def _claims_of_trigger(sentence: Sentence, trigger: Match, said, lexicon: Lexicon, builder: ClaimBuilder,
                       persons: dict[int, FoundMention]) -> bool:
    """Add the claims of one trigger reading; False when none fits (another reading may)."""
    if first_person(sentence, trigger) and (builder.authors or builder.default_authors or said.claimant):
        window = 10 if trigger.entry.language == "ar" else 4  # "نرحب بالتقدم المحرز في المحادثات بين X"
        obj = sentence.after(trigger.last, window) or _after_inclusion(sentence, trigger, lexicon) \
            or _agent_of_following_act(sentence, trigger, lexicon)
        if obj is None:
            return False
        obj = persons.get(obj.first, obj)  # "نقدر عمل المستشارة الخاصة للأمين العام ... ستيفاني ويليامز"
        authors = (said.claimant and [said.claimant]) or builder.default_authors or builder.authors
        plain = said if not said.claimant else type(said)(None, said.polarity, said.certainty, None)
        return builder.add_group(sentence, trigger, authors, sentence.group(obj), plain, "first-person", 0.5)
    attached = stance_on_act(sentence, trigger, lexicon) or attach(sentence, trigger, lexicon) \
        or _shared_agent(sentence, trigger, lexicon)
    if attached is None:
        return False
    if trigger.kind in ("noun", "verb"):  # "the Houthi attack on X" reads as a verb too
        sentence.acts[trigger.payload] = attached.subject
    return builder.add(sentence, attached, said)


def _shared_agent(sentence: Sentence, trigger: Match, lexicon: Lexicon) -> Attached | None:
    """"the ISIL attack in Baghdad, and the car bomb attacks in Diyala, as well as other attacks
    against the Iraqi people": acts of one kind listed in one sentence share the agent named on
    the first; a later one with no agent of its own takes it, its object found as usual."""
    agent = sentence.acts.get(trigger.payload)
    if agent is None or trigger.kind != "noun" or not _listed(sentence, trigger.first):
        return None
    obj = object_of_noun(sentence, trigger, lexicon)
    if obj is None or obj.actor == agent.actor or obj.first < agent.first:
        return None
    return Attached(agent, obj, trigger, "shared-agent", 0.45)


_AUTHOR_TYPES = frozenset({"State", "GovernmentBody", "Organization", "Coalition", "Person", "MilitaryUnit",
                           "ArmedGroup"})


def _opening_subject(ranges, mentions: list[FoundMention], tokens, language: str, gazetteer: Gazetteer,
                     finder: MentionFinder) -> list[str]:
    """Who "we" is when no earlier verb said it: the subject of the first sentence that opens
    with one ("تعبر الولايات المتحدة عن ...": after the verb; "The United States calls ...")."""
    starts = {m.first: m for m in mentions}
    openers: list[list[str]] = []
    for first, last in ranges:
        for index in (first, first + 1):
            m = starts.get(index)
            if m is not None and _type_of(m.actor, gazetteer, finder) in _AUTHOR_TYPES:
                if index == first + 1 and not (language == "ar" or tokens[first].norm == "the"):
                    continue
                group = Sentence(tokens, first, last, mentions).group(m)
                openers.append(list(dict.fromkeys(g.actor for g in group)))
                break
    # an official "we" is a state's voice when a state opens a sentence; else the first opener,
    # a state organ ("وزارة الخارجية الأمريكية" heading a press release) speaking for its state
    states = [g for g in openers if _type_of(g[0], gazetteer, finder) == "State"]
    chosen = (states[:1] or openers[:1] or [[]])[0]
    return list(dict.fromkeys(state_of(a, gazetteer) for a in chosen))


def _typed_for(trigger: Match, sentence: Sentence, lexicon: Lexicon, vocabulary: Vocabulary,
               gazetteer: Gazetteer, finder: MentionFinder) -> bool:
    """True when the term names the object's type explicitly: "captured" + a Person is `detains`
    (objects: people and groups) before `controls` (objects: anything)."""
    attached = attach(sentence, trigger, lexicon)
    if attached is None:
        return False
    allowed = vocabulary.term(trigger.payload).object_types
    return allowed is not None and _type_of(attached.object.actor, gazetteer, finder) in allowed


def _after_inclusion(sentence: Sentence, trigger: Match, lexicon: Lexicon) -> FoundMention | None:
    """"ندعو كافة الأطراف، بما في ذلك روسيا والنظام السوري، إلى": the named object follows an
    inclusion phrase ("بما في ذلك", "including") within the next clause."""
    for i in range(trigger.last + 1, min(sentence.last, trigger.last + 8) + 1):
        matches = lexicon.inclusion.match_at(sentence.tokens, i) if lexicon.inclusion else []
        if matches:
            return sentence.after(matches[0].last, 1)
    return None


def _listed(sentence: Sentence, index: int) -> bool:
    """The word at `index` continues a list: "and"/"as well as"/"و" within the six words before
    it, or the conjunction و as its own proclitic ("وهجمات")."""
    token = sentence.tokens[index]
    if token.norm.startswith("و") and token.norm[1:] in token.bases:
        return True
    before = sentence.tokens[max(sentence.first, index - 6):index]
    return any(t.norm in ("and", "well", "و", "وكذلك", "كذلك") for t in before)


def _agent_of_following_act(sentence: Sentence, trigger: Match, lexicon: Lexicon) -> FoundMention | None:
    """"we oppose the military offensive by X's forces": what a first person opposes, condemns or
    praises is the agent of the act named right after the verb (an agentive "by" within seven words)."""
    return agent_in_clause(sentence, trigger.last + 2, trigger.last + 8, lexicon, 3)


def _type_of(actor_id: str, gazetteer: Gazetteer, finder: MentionFinder) -> str | None:
    actor = gazetteer.get(actor_id) or finder.inline.get(actor_id)
    return actor.type if actor else None


def _dictionary():
    from actorgraph.ingest.extract.dictionary import default_dictionary
    return default_dictionary()


def _all_matches(index: PhraseIndex, tokens) -> dict[int, list[Match]]:
    out: dict[int, list[Match]] = {}
    for i in range(len(tokens)):
        found = index.match_at(tokens, i)
        if found:
            out[i] = found
    return out


_ABBREVIATIONS = frozenset({"gen", "adm", "maj", "col", "lt", "sgt", "mr", "mrs", "ms", "dr", "st", "no", "jan", "feb",
                            "aug", "sept", "oct", "nov", "dec", "vs", "jr", "sr", "gov", "sen", "rep"})


def _sentence_token_ranges(text: str, tokens) -> Iterable[tuple[int, int]]:
    """(first, last) token index of each sentence (ingest.sentences bounds), a sentence that ends
    on an abbreviation or an initial ("Gen.", "U.S.") joined to the next one on the same line."""
    ranges: list[tuple[int, int]] = []
    i = 0
    for start, end in sentence_bounds(text):
        while i < len(tokens) and tokens[i].end <= start:
            i += 1
        first = i
        while i < len(tokens) and tokens[i].start < end:
            i += 1
        if i > first:
            previous = ranges[-1] if ranges else None
            if previous and _ends_in_abbreviation(tokens, previous[1]) \
                    and "\n" not in text[tokens[previous[1]].end:tokens[first].start]:
                ranges[-1] = (previous[0], i - 1)
            else:
                ranges.append((first, i - 1))
    return ranges


def _ends_in_abbreviation(tokens, last: int) -> bool:
    if tokens[last].text != "." or last == 0:
        return False
    word = tokens[last - 1].text
    # an initial: "U.S.", "أنتوني ج. بلينكن" (an Arabic letter alone)
    return (len(word) == 1 and (word.isupper() or is_arabic(word))) or word.casefold() in _ABBREVIATIONS




def _article_dict(raw: RawArticle, mentions: list[FoundMention], claims: list[dict[str, Any]],
                  finder: MentionFinder, gazetteer: Gazetteer) -> dict[str, Any]:
    article: dict[str, Any] = {"id": raw.id, "title": raw.title or _first_line(raw.text), "language": raw.language,
                               "text": raw.text}
    for key in ("url", "publisher", "published"):
        value = getattr(raw, key)
        if value:
            article[key] = value
    used = {m.actor for m in mentions} | {c["subject"] for c in claims} | {c["object"] for c in claims} \
        | {c["claimant"] for c in claims if c.get("claimant")}
    inline = [finder.inline[i] for i in sorted(used) if i in finder.inline]
    if inline:
        article["actors"] = [_actor_dict(a) for a in inline]
    article["mentions"] = [
        {"id": f"m{n}", "actor": m.actor, "start": m.start, "end": m.end, "text": m.text,
         "origin": "extracted", "confidence": m.confidence, "rule": m.rule}
        for n, m in enumerate(sorted(mentions, key=lambda m: m.start), 1)
    ]
    article["claims"] = claims
    return article


def _actor_dict(actor) -> dict[str, Any]:
    out: dict[str, Any] = {"id": actor.id, "type": actor.type, "labels": dict(actor.labels)}
    if actor.aliases:
        out["aliases"] = list(actor.aliases)
    if actor.description:
        out["description"] = actor.description
    return out


def _first_line(text: str) -> str:
    line = next((l.strip() for l in text.splitlines() if l.strip()), "untitled")
    return line[:200]
