"""Titles and ranks before a person's name state the person's standing relations.

- "President Trump", "Prime Minister Al-Abadi", "الرئيس ترامب": a title of office next to a known
  person states the office the gazetteer records for that person (`roles: leads X`), so the text
  says "X leads Y" in the gazetteer's terms;
- "U.S. Army Maj. Gen. Kevin Lambert", "الجيش العراقي اللواء فلان": a military unit, a rank, a
  person: the person is a member of the unit.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from actorgraph.graph.gazetteer import Gazetteer
from actorgraph.ingest.extract.actors import FoundMention
from actorgraph.ingest.extract.attach import Sentence
from actorgraph.ingest.extract.claims import ClaimBuilder
from actorgraph.ingest.extract.lexicon import Entry, Match
from actorgraph.ingest.extract.tokens import Token

#: titles of office: the holder leads (the gazetteer says what)
_OFFICE = frozenset({"president", "prime", "premier", "chancellor", "king", "emir", "sultan", "leader", "chairman",
                     "رئيس", "الرئيس", "الملك", "الامير", "امير", "السلطان", "زعيم", "الزعيم", "المستشار"})
#: military ranks (abbreviated forms as the tokenizer leaves them, without the full stop)
_RANKS = frozenset({"gen", "general", "maj", "major", "lt", "lieutenant", "col", "colonel", "adm", "admiral",
                    "capt", "captain", "brig", "cmdr", "commander", "sgt", "sergeant", "vice", "rear",
                    "اللواء", "العميد", "العقيد", "الفريق", "المقدم", "الرائد", "النقيب", "العماد", "المشير"})
_TITLE_ENTRY = Entry("phrase", "leads", "en", (), "president")
_RANK_ENTRY = Entry("phrase", "member-of", "en", (), "gen")
_UNIT_TYPES = frozenset({"MilitaryUnit", "ArmedGroup"})


def _words(tokens: Sequence[Token], first: int, last: int) -> list[tuple[int, str]]:
    return [(k, tokens[k].norm) for k in range(first, last + 1) if not tokens[k].is_punct]


def title_claims(sentence: Sentence, builder: ClaimBuilder, gazetteer: Gazetteer,
                 type_of: Callable[[str], str | None], day: str | None) -> None:
    """The claims the titles and ranks before the sentence's person mentions state (see the module)."""
    tokens = sentence.tokens
    previous: FoundMention | None = None
    for m in sentence.mentions:
        if type_of(m.actor) == "Person":
            _office(sentence, m, builder, gazetteer, day)
            if previous is not None and type_of(previous.actor) in _UNIT_TYPES:
                between = _words(tokens, previous.last + 1, m.first - 1)
                if between and len(between) <= 3 and all(w in _RANKS for _, w in between):
                    builder.add_pair(sentence, m.actor, "member-of", previous.actor,
                                     Match(_RANK_ENTRY, between[0][0], between[-1][0]), "rank", 0.5)
        previous = m


def _office(sentence: Sentence, m: FoundMention, builder: ClaimBuilder, gazetteer: Gazetteer,
            day: str | None) -> None:
    """A title of office inside the mention ("President Trump") or in the two words before it."""
    person = gazetteer.get(m.actor)
    if person is None or not person.roles:
        return
    words = _words(sentence.tokens, max(sentence.first, m.first - 2), m.last)
    title = next((k for k, w in words if w in _OFFICE), None)
    if title is None:
        return
    for role in person.roles:
        if role.relation == "leads" and (day is None or role.holds_on(day)):
            builder.add_pair(sentence, m.actor, "leads", role.object, Match(_TITLE_ENTRY, title, title),
                             "title-role", 0.5)
