"""Possession: what a person's or a group's possessive names ("Khalifa Haftar’s forces", "قوات
حفتر", "the RSF and its affiliated militias"). A person's forces are the group that person leads;
a group owned as "affiliated" or "allied" is an ally, not a partner in the act.
"""
from __future__ import annotations

import itertools

from actorgraph.graph.gazetteer import Gazetteer
from actorgraph.ingest.extract.actors import FoundMention, MentionFinder
from actorgraph.ingest.extract.attach import Sentence
from actorgraph.ingest.extract.claims import ClaimBuilder
from actorgraph.ingest.extract.lexicon import Entry, Match

#: nouns that, owned by a person, are the armed group or body that person leads
_LED_HEADS = {"en": frozenset({"forces", "troops", "fighters", "militia", "militias", "men", "army", "loyalists",
                               "followers", "supporters", "government", "regime"}),
              "ar": frozenset({"قوات", "ميليشيات", "ميليشيا", "مقاتلي", "مقاتلو", "عناصر", "أتباع", "اتباع",
                               "أنصار", "انصار", "حكومه", "نظام", "جيش"})}
_LED_TYPES = frozenset({"ArmedGroup", "MilitaryUnit", "GovernmentBody", "Organization", "Coalition", "Collective"})
_LEADS_ENTRY = Entry("phrase", "leads", "en", (), "’s")


def possessive_heads(mentions: list[FoundMention], tokens, gazetteer: Gazetteer,
                      finder: MentionFinder) -> dict[int, FoundMention]:
    """"Khalifa Haftar’s forces", "قوات خليفة حفتر", "أتباع فلان": a person's forces or followers
    are the group the gazetteer says that person leads; the head word becomes a mention of that
    group (the one that acts) and the person a modifier. Returns {group mention's first token: person}."""
    led_by: dict[int, FoundMention] = {}
    for m in list(mentions):
        if finder.type_of(m.actor) != "Person":
            continue
        head = _possessed_head(tokens, m)
        if head is None or any(o.first <= head <= o.last for o in mentions):
            continue
        token = tokens[head]
        group = _led_group(m.actor, gazetteer) or _new_led_group(m, token.norm, finder)
        found = FoundMention(head, head, token.start, token.end, token.text, group, "possessive-head", 0.6)
        mentions.append(found)
        if head < m.first:
            m.modifier = True  # "قوات حفتر": the person is the complement of the head
        led_by[head] = m
    mentions.sort(key=lambda x: x.first)
    return led_by


def _possessed_head(tokens, m: FoundMention) -> int | None:
    """The index of the head noun the person owns: "X’s forces" (after) or "قوات X" (before)."""
    after = m.last + 3
    if after < len(tokens) and tokens[m.last + 1].text in ("’", "'") and tokens[m.last + 2].norm == "s" \
            and tokens[after].norm in _LED_HEADS["en"]:
        return after
    before = m.first - 1
    if before >= 0 and ({tokens[before].norm, *tokens[before].bases} & _LED_HEADS["ar"]):
        return before
    return None


def _new_led_group(person: FoundMention, head: str, finder: MentionFinder) -> str:
    """The group of a person nobody listed as leading one ("Ali Said’s forces"): a new actor for
    review, named after the person and typed by the head noun."""
    followers = ("followers", "supporters", "loyalists", "أتباع", "اتباع", "أنصار", "انصار")
    kind = "GovernmentBody" if head in ("government", "regime", "حكومه", "نظام") else \
        "Collective" if head in followers else "ArmedGroup"
    name = f"{person.text}’s {head}" if person.text.isascii() else f"{head} {person.text}"
    return finder.new_actor(name, kind, "possessive-head")


def _led_group(actor_id: str, gazetteer: Gazetteer) -> str | None:
    """The group a person leads, by the gazetteer's roles (the first one still known)."""
    actor = gazetteer.get(actor_id)
    if actor is None or actor.type != "Person":
        return None
    for role in actor.roles:
        led = gazetteer.get(role.object) if role.relation == "leads" else None
        if led is not None and led.type in _LED_TYPES:
            return led.id
    return None


_ALLY_WORDS = frozenset({"affiliated", "allied", "aligned", "allies", "proxies", "proxy"})


def owned(sentence: Sentence, m: FoundMention) -> bool:
    """The mention follows a possessive ("its affiliated militias", "their allies")."""
    return m.first > sentence.first and sentence.tokens[m.first - 1].norm in ("its", "their")


def possessed_allies(sentence: Sentence, builder: ClaimBuilder) -> None:
    """"the RSF and its affiliated militias": the group owned through "its" and named as allied,
    affiliated or proxies is allied with the owner (allied-with, from the ally)."""
    tokens = sentence.tokens
    for owner, ally in itertools.pairwise(sentence.mentions):
        between = [t.norm for t in tokens[owner.last + 1:ally.first]]
        if between in (["and", "its"], ["and", "their"]) and tokens[ally.first].norm in _ALLY_WORDS:
            builder.add_pair(sentence, ally.actor, "allied-with", owner.actor,
                             Match(_ALLY_ENTRY, owner.last + 2, ally.first), "possessive-ally", 0.5)


_ALLY_ENTRY = Entry("phrase", "allied-with", "en", (), "its")


def add_leaders(sentence: Sentence, led_by: dict[int, FoundMention], builder: ClaimBuilder) -> None:
    """"Khalifa Haftar’s forces": the person leads the group its possessive head names."""
    for m in sentence.mentions:
        person = led_by.get(m.first)
        if person is not None:
            span = Match(_LEADS_ENTRY, min(person.first, m.first), max(person.last, m.last))
            builder.add_pair(sentence, person.actor, "leads", m.actor, span, "possessive-head", 0.55)
