"""Roles: who holds a role in which organisation ("المتحدث باسم قسد، فرهاد الشامي", "X spokesman
Y", "Y, X commander", a press release byline "John Kirby / Department Spokesperson"), with the
person mention a role introduces (known or new) and the role claim.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from actorgraph.ingest.extract.actors import ActorPatterns, FoundMention, MentionFinder
from actorgraph.ingest.extract.attach import Sentence
from actorgraph.ingest.extract.claims import ClaimBuilder
from actorgraph.ingest.extract.lexicon import Match
from actorgraph.ingest.extract.tokens import Token, normalised


def mentions_in(mentions: list[FoundMention], first: int, last: int) -> list[FoundMention]:
    """The mentions inside tokens first..last; `mentions` is sorted by position, so only that stretch
    is read (a scan of every mention for every sentence is quadratic on long texts)."""
    start = bisect_left(mentions, first, key=lambda m: m.first)
    end = bisect_right(mentions, last, key=lambda m: m.first)
    return [m for m in mentions[start:end] if m.last <= last]


def role_persons(finder: MentionFinder, patterns: ActorPatterns, sentence: Sentence,
                  mentions: list[FoundMention], builder: ClaimBuilder, text: str) -> dict[int, FoundMention]:
    """Names introduced by a role ("المتحدث باسم قسد، فرهاد الشامي"): adds the person mention and
    the role claim; returns {first token of the organisation mention: person mention}."""
    persons: dict[int, FoundMention] = {}
    tokens = sentence.tokens
    local = mentions_in(mentions, sentence.first, sentence.last)
    taken = {i for m in local for i in range(m.first, m.last + 1)}
    for match in patterns.roles.scan(tokens[sentence.first:sentence.last + 1]):
        role_first, role_last = match.first + sentence.first, match.last + sentence.first
        org = _ministry_named_before(sentence, mentions, role_first, role_last, patterns, finder) \
            or _organisation_of_role(sentence, local, role_first, role_last, patterns)
        if org is None:
            continue
        start = role_first if org.last < sentence.first else min(role_first, org.first)  # org named earlier
        person = _known_person_after(sentence, local, max(org.last, role_last), finder) \
            or finder.person_after_role(text, tokens, _past_topic(sentence, local, max(org.last, role_last) + 1)) \
            or _person_before_role(sentence, local, start, finder) \
            or _byline_person(sentence, mentions, start, finder, text)
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
    if persons:  # new person mentions were appended: keep the list in text order
        mentions.sort(key=lambda m: m.first)
    return persons


def _ministry_named_before(sentence: Sentence, mentions: list[FoundMention], role_first: int, role_last: int,
                           patterns: ActorPatterns, finder: MentionFinder) -> FoundMention | None:
    """"أنتوني ج. بلينكن، وزير الخارجية" under "وزارة الخارجية الأمريكية", "Secretary of State" after
    "the Department of State": the word after the role (past "of") is a later word of a government
    body named earlier in the article, whose head the role stands for (minister, secretary). A
    dictionary mention of the title itself ("وزير الخارجية" is an entry) gives way: it is a title."""
    index = role_last + 1
    if index <= sentence.last and sentence.tokens[index].norm in patterns.role_links:
        index += 1
    if index > sentence.last:
        return None
    title = next((m for m in mentions if m.first <= index <= m.last), None)
    if title is not None and not (title.rule == "dictionary" and title.first == role_first):
        return None
    bases = set(sentence.tokens[index].bases) - {""}
    for m in reversed(mentions):
        actor = finder.gazetteer.get(m.actor) or finder.inline.get(m.actor)
        if m.last >= sentence.first or actor is None or actor.type != "GovernmentBody":
            continue
        if bases & {normalised(w) for w in m.text.split()[1:]}:
            if title is not None:
                mentions.remove(title)
            return m
    return None


def _known_person_after(sentence: Sentence, local: list[FoundMention], index: int,
                        finder: MentionFinder) -> FoundMention | None:
    """"المتحدثة باسم وزارة الخارجية روبرت بالادينو": a known person right after the organisation
    (a comma or parenthesis between at most)."""
    for m in local:
        if m.first > index:
            actor = finder.gazetteer.get(m.actor) or finder.inline.get(m.actor)
            if actor and actor.type == "Person":
                # "للأمين العام للأمم المتحدة بشأن ليبيا ستيفاني ويليامز": the org's own complements may come first
                if sentence.words_between(index, m.first) <= 6 and not any(
                        t.text in ("،", ",") for t in sentence.tokens[index + 2:m.first]):
                    return m
                return None
    return None


def _person_before_role(sentence: Sentence, local: list[FoundMention], role_first: int,
                        finder: MentionFinder) -> FoundMention | None:
    """"نيد برايس، المتحدث باسم الوزارة" / "Matthew Miller, Department Spokesperson": a known
    person named right before the role (a comma between at most)."""
    for m in reversed(local):
        if m.last < role_first:
            between = sentence.tokens[m.last + 1:role_first]
            actor = finder.gazetteer.get(m.actor) or finder.inline.get(m.actor)
            linked = (all(t.text in (",", "،") for t in between) and len(between) <= 1) or _copula(between)
            if linked and actor and actor.type == "Person":
                return m
            return None
    return None


_COPULAS = frozenset({"is", "was", "became", "remains", "serves"})


def _copula(between: Sequence[Token]) -> bool:
    """"Ahmad al-Hamidawi is the Secretary General of X": "is"/"was" and an article link a person
    to the role that follows (a verb of being, then at most "the"/"a"/"an", or "serves as the")."""
    words = [t.norm for t in between]
    if not words or words[0] not in _COPULAS:
        return False
    rest = words[1:]
    if rest[:1] == ["as"]:
        rest = rest[1:]
    return rest in ([], ["the"], ["a"], ["an"])


_TOPIC_WORDS = frozenset({"بشان", "حول", "لشوون", "الي", "لدي"})  # normalised: بشأن، إلى، لدى


def _past_topic(sentence: Sentence, local: list[FoundMention], index: int) -> int:
    """"المستشارة الخاصة للأمين العام بشأن ليبيا ستيفاني ويليامز": a role's topic or post ("بشأن
    ليبيا", "إلى اليمن") stands between the organisation and the name; the name comes after it."""
    if index > sentence.last or sentence.tokens[index].norm not in _TOPIC_WORDS:
        return index
    topic = next((m for m in local if m.first == index + 1), None)
    return topic.last + 1 if topic is not None else index


def _byline_person(sentence: Sentence, mentions: list[FoundMention], role_first: int, finder: MentionFinder,
                   text: str) -> FoundMention | None:
    """A press release byline: a known person alone on the line above a role line that opens with
    the role ("John Smith\nDepartment Spokesperson", "فلان\nالمتحدث باسم الوزارة")."""
    if role_first != sentence.first or sentence.first == 0:
        return None
    tokens = sentence.tokens
    above = next((m for m in mentions if m.last == sentence.first - 1), None)
    if above is None or "\n" not in text[tokens[above.last].end:tokens[sentence.first].start]:
        return None
    if above.first > 0 and "\n" not in text[tokens[above.first - 1].end:tokens[above.first].start]:
        return None  # the person does not open the line above
    actor = finder.gazetteer.get(above.actor) or finder.inline.get(above.actor)
    return above if actor is not None and actor.type == "Person" else None


def _organisation_of_role(sentence: Sentence, local: list[FoundMention], role_first: int, role_last: int,
                          patterns: ActorPatterns) -> FoundMention | None:
    """"المتحدث باسم X" / "متحدث X" / "spokesman for X": X after; "X spokesman": X right before."""
    index = role_last
    if index + 2 <= sentence.last and sentence.tokens[index + 2].norm in patterns.role_links \
            and not sentence.tokens[index + 1].is_punct:
        index += 1  # "المتحدث الرسمي باسم X": one adjective before the link
    if index + 1 <= sentence.last and (sentence.tokens[index + 1].norm in patterns.role_links
                                        or sentence.tokens[index + 1].text in (",", "،")):
        index += 1  # "المتحدث باسم X", "spokesman for X", "Commander, U.S. Central Command"
    after = next((m for m in local if m.first == index + 1), None) \
        or next((m for m in local if m.first == index + 2 and not sentence.tokens[index + 1].is_punct), None)
    if after is not None:
        return after  # "المستشارة الخاصة للأمين العام": one adjective may stand between
    return next((m for m in local if m.last == role_first - 1), None)
