"""The extraction engine: a RawArticle in, a native annotated article (dict) out.

Steps, per article: tokenise (tokens.py); find actor mentions (actors.py); per sentence
(ingest.sentences), find trigger words (lexicon.py), attach their two arguments (attach.py), set
claimant, polarity and certainty (attribution.py); add the claims that patterns state (roles:
"spokesman of X, Y"; official accusations); merge repeated claims. Every mention and claim carries
`origin: "extracted"`, a `confidence` and the `rule` that produced it; actors nobody knew are
declared inline, flagged for review in their description.
"""
from __future__ import annotations

from typing import Any, Iterable

from graph.gazetteer import Gazetteer, default_gazetteer
from graph.vocabulary import Vocabulary, default_vocabulary
from ingest.extract.actors import ActorPatterns, FoundMention, MentionFinder, key_words_of
from ingest.extract.attach import Attached, Sentence, attach
from ingest.extract.attribution import voice
from ingest.extract.claims import ClaimBuilder
from ingest.extract.lexicon import Lexicon, Match, PhraseIndex, default_lexicon
from ingest.extract.patterns import load_patterns
from ingest.extract.raw import RawArticle
from ingest.extract.tokens import tokenize
from ingest.sentences import sentence_bounds


def extract_article(raw: RawArticle, *, gazetteer: Gazetteer | None = None, vocabulary: Vocabulary | None = None,
                    open_world_exclude: set[str] | None = None) -> dict:
    """The native article dict for `raw`: its text, extracted mentions, claims and inline actors.

    `gazetteer` defaults to the configured one; `open_world_exclude` removes actors from it first
    (to measure how extraction does on actors it has never been told about).
    """
    vocabulary = vocabulary or default_vocabulary()
    base = gazetteer or default_gazetteer()
    working, key_words = _working_gazetteer(base, frozenset(open_world_exclude or ()))
    lexicon = default_lexicon()
    patterns = load_patterns()
    language = "ar" if raw.language == "ar" else "en"
    finder = MentionFinder(working, patterns, raw.id, language, dictionary=_dictionary(), key_words=key_words)
    text = raw.text
    tokens = tokenize(text)
    mentions = finder.find(text, tokens)
    builder = ClaimBuilder(text, vocabulary, lambda a: _type_of(a, working, finder))
    cues_by_token = _all_matches(lexicon.cues, tokens)
    for first, last in _sentence_token_ranges(text, tokens):
        sentence = Sentence(tokens, first, last, mentions)
        cues = [m for i in range(first, last + 1) for m in cues_by_token.get(i, ())]
        persons = _role_persons(finder, patterns, sentence, mentions, builder, text)
        sentence.mentions = sorted(mentions_in(mentions, first, last), key=lambda m: m.first)
        for trigger in lexicon.triggers.scan(tokens[first:last + 1]):
            trigger = Match(trigger.entry, trigger.first + first, trigger.last + first)
            attached = attach(sentence, trigger, lexicon)
            said = voice(sentence, trigger.first, cues, persons)
            if attached is not None:
                builder.add(sentence, attached, said, working)
            elif said.polarity == "denied":
                builder.add_denial_of_earlier(sentence, trigger, said)
        builder.add_accusations(sentence, cues, persons, working)
    return _article_dict(raw, mentions, builder.claims(), finder, working)


_WORKING: dict[tuple[int, frozenset[str]], tuple[Gazetteer, Gazetteer, frozenset[str], int]] = {}


def _working_gazetteer(base: Gazetteer, exclude: frozenset[str]) -> tuple[Gazetteer, frozenset[str]]:
    """The gazetteer minus the excluded actors, with its key words; cached per (gazetteer, exclusion)
    because indexing names is the costly part and a batch extracts many articles with one gazetteer."""
    cache_key = (id(base), exclude)
    cached = _WORKING.get(cache_key)
    if cached is not None and cached[0] is base and len(cached[0].actors) == cached[3]:
        return cached[1], cached[2]
    actors = {i: a for i, a in base.actors.items() if i not in exclude}
    gazetteer = Gazetteer(actors, source=base.source, merged={k: v for k, v in base.merged.items() if v not in exclude})
    if len(_WORKING) > 16:
        _WORKING.clear()
    _WORKING[cache_key] = (base, gazetteer, key_words_of(gazetteer), len(base.actors))
    return gazetteer, _WORKING[cache_key][2]


def _type_of(actor_id: str, gazetteer: Gazetteer, finder: MentionFinder) -> str | None:
    actor = gazetteer.get(actor_id) or finder.inline.get(actor_id)
    return actor.type if actor else None


def _dictionary():
    from ingest.extract.dictionary import default_dictionary
    return default_dictionary()


def _all_matches(index: PhraseIndex, tokens) -> dict[int, list[Match]]:
    out: dict[int, list[Match]] = {}
    for i in range(len(tokens)):
        found = index.match_at(tokens, i)
        if found:
            out[i] = found
    return out


def _sentence_token_ranges(text: str, tokens) -> Iterable[tuple[int, int]]:
    """(first, last) token index of each sentence (ingest.sentences bounds)."""
    i = 0
    for start, end in sentence_bounds(text):
        while i < len(tokens) and tokens[i].end <= start:
            i += 1
        first = i
        while i < len(tokens) and tokens[i].start < end:
            i += 1
        if i > first:
            yield first, i - 1


def mentions_in(mentions: list[FoundMention], first: int, last: int) -> list[FoundMention]:
    return [m for m in mentions if first <= m.first and m.last <= last]


def _role_persons(finder: MentionFinder, patterns: ActorPatterns, sentence: Sentence,
                  mentions: list[FoundMention], builder: ClaimBuilder, text: str) -> dict[int, FoundMention]:
    """Names introduced by a role ("المتحدث باسم قسد، فرهاد الشامي"): adds the person mention and
    the role claim; returns {first token of the organisation mention: person mention}."""
    persons: dict[int, FoundMention] = {}
    tokens = sentence.tokens
    local = mentions_in(mentions, sentence.first, sentence.last)
    taken = {i for m in local for i in range(m.first, m.last + 1)}
    for match in patterns.roles.scan(tokens[sentence.first:sentence.last + 1]):
        role_first, role_last = match.first + sentence.first, match.last + sentence.first
        org = _organisation_of_role(sentence, local, role_first, role_last, patterns)
        if org is None:
            continue
        person = finder.person_after_role(text, tokens, max(org.last, role_last) + 1)
        if person is None or any(i in taken for i in range(person.first, person.last + 1)):
            existing = next((m for m in local if person and m.first == person.first), None)
            if existing is None:
                continue
            person = existing
        else:
            mentions.append(person)
            taken.update(range(person.first, person.last + 1))
        persons[org.first] = person
        role_match = Match(match.entry, role_first, role_last)
        builder.add_role(sentence, person, org, role_match)
    mentions.sort(key=lambda m: m.first)
    return persons


def _organisation_of_role(sentence: Sentence, local: list[FoundMention], role_first: int, role_last: int,
                          patterns: ActorPatterns) -> FoundMention | None:
    """"المتحدث باسم X" / "متحدث X" / "spokesman for X": X after; "X spokesman": X right before."""
    index = role_last
    if index + 1 <= sentence.last and sentence.tokens[index + 1].norm in patterns.role_links:
        index += 1
    after = next((m for m in local if m.first == index + 1), None)
    if after is not None:
        return after
    return next((m for m in local if m.last == role_first - 1), None)


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
