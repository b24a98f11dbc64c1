"""Actor resolution against the shipped gazetteer: one actor, many names, two scripts."""
from __future__ import annotations

import json

import pytest

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.gazetteer import default_gazetteer
from actorgraph.graph.model import RESOLUTIONS
from actorgraph.graph.names import name_keys
from actorgraph.ingest.native import document_from_data
from actorgraph.ingest.pipeline import ingest_paths
from actorgraph.ingest.registry import ReadContext
from actorgraph.ingest.resolution import Resolver
from tests.articles import span
from tests.conftest import SEED_ARTICLE

SEED = SEED_ARTICLE

ALIASES = {
    "isis": ["داعش", "تنظيم داعش", "الدواعش", "عصابات داعش", "تنظيم الدولة الإسلامية", "تَنْظِيمُ الدَّوْلَةِ الإِسْلامِيَّةِ",
             "داعــــش", "وداعش", "لداعش", "بداعش", "ISIS", "ISIL", "IS", "Daesh", "isil", "the Islamic State"],
    "sdf": ["قسد", "ميليشيا قسد", "ميليشيات قسد", "قوات سوريا الديمقراطية", "لقسد", "وقسد", "ومیلیشیا قسد",
            "قُوّات سوريا الدّيمقراطيّة", "SDF", "S.D.F.", "s.d.f", "Syrian Democratic Forces"],
    "international-coalition": ["التحالف الدولي", "طيران التحالف الدولي", "طائرات التحالف الدولي", "والتحالف الدولي",
                                "للتحالف الدولي", "بطيران التحالف", "قوات التحالف الدولي", "the Coalition", "Coalition",
                                "The coalition", "CJTF-OIR", "CJTF OIR", "International Coalition"],
}


@pytest.mark.parametrize("actor_id, name", [(a, n) for a, names in ALIASES.items() for n in names])
def test_every_alias_resolves_to_one_actor(actor_id: str, name: str) -> None:
    actor, how = Resolver(default_gazetteer()).resolve(name)
    assert (actor.id, how in ("exact-alias", "normalised-alias")) == (actor_id, True)


@pytest.mark.parametrize("name, how", [
    ("داعش", "exact-alias"), ("وداعش", "normalised-alias"), ("دَاعِش", "normalised-alias"),
    ("S.D.F.", "normalised-alias"), ("SDF", "exact-alias"), ("Coalition", "normalised-alias"),
])
def test_how_a_name_resolved_is_recorded(name: str, how: str) -> None:
    assert Resolver(default_gazetteer()).resolve(name)[1] == how
    assert how in RESOLUTIONS


def test_the_closest_key_wins_over_a_descriptor_stripped_one() -> None:
    resolver = Resolver(default_gazetteer())
    assert resolver.resolve("العراقية")[0].id == "iraq"  # not "القوات العراقية" minus قوات
    assert resolver.resolve("القوات العراقية")[0].id == "iraqi-security-forces"
    assert resolver.resolve("حكومة بغداد")[0].id == "iraqi-government"


def test_unknown_names_become_review_flagged_actors() -> None:
    gazetteer = default_gazetteer()
    actor, how = Resolver(gazetteer).resolve("جيش الإسلام")
    assert (how, actor.origin, actor.labels) == ("new", "ingest", {"ar": "جيش الإسلام"})
    again, how_again = Resolver(gazetteer).resolve("جيش الإسلام")
    assert (again.id, how_again) == (actor.id, "exact-alias")


HOMONYMS = "قال محمد علي إن محمد علي الآخر ليس هو. ورد محمد علي."


def homonym_article(text: str = HOMONYMS) -> dict:
    return {
        "id": "homonyms", "title": "t", "language": "ar", "text": text,
        "actors": [
            {"id": "mohammed-ali-a", "type": "Person", "labels": {"ar": "محمد علي"}, "wikidata": "Q111"},
            {"id": "mohammed-ali-b", "type": "Person", "labels": {"ar": "محمد علي"}, "wikidata": "Q222"},
        ],
        "mentions": [
            {"id": "m1", "wikidata": "Q111", **span(text, "محمد علي", 0)},
            {"id": "m2", "wikidata": "Q222", **span(text, "محمد علي", 1)},
            {"id": "m3", **span(text, "محمد علي", 2)},
        ],
        "claims": [],
    }


def test_two_people_with_one_name_stay_apart() -> None:
    document = document_from_data(homonym_article(), "homonyms.json", ReadContext())
    linked = {m.id.split("#")[1]: (m.actor_id, m.resolution) for m in document.mentions}
    assert linked["m1"] == ("mohammed-ali-a", "wikidata")
    assert linked["m2"] == ("mohammed-ali-b", "wikidata")
    unlinked_id, how = linked["m3"]
    assert how == "new" and unlinked_id not in ("mohammed-ali-a", "mohammed-ali-b")
    flagged = next(a for a in document.actors if a.id == unlinked_id)
    assert flagged.origin == "ingest"
    assert flagged.description == ("ambiguous name: matches mohammed-ali-a, mohammed-ali-b "
                                   "(link the mention by id or QID)")


def test_a_qid_never_links_by_name_to_an_actor_with_another_qid() -> None:
    gazetteer = default_gazetteer()
    actor, how = Resolver(gazetteer).resolve("داعش", wikidata="Q999999")
    assert (how, actor.wikidata) == ("new", "Q999999") and actor.id != "isis"
    assert Resolver(gazetteer).resolve("داعش", wikidata="Q2429253")[0].id == "isis"


def test_a_bare_descriptor_refers_to_the_latest_mention_that_used_it() -> None:
    resolver = Resolver(default_gazetteer())
    earlier = [("تنظيم داعش", "isis"), ("ميليشيا قسد", "sdf"), ("الميليشيات الطائفية", "iran-backed-militias")]
    assert resolver.resolve("التنظيم", antecedents=earlier) == (resolver.gazetteer.actors["isis"], "anaphora")
    assert resolver.resolve("للتنظيم", antecedents=earlier)[0].id == "isis"
    assert resolver.resolve("الميليشيا", antecedents=earlier)[0].id == "sdf"
    assert resolver.resolve("الميليشيات", antecedents=earlier)[0].id == "iran-backed-militias"
    alone, how = resolver.resolve("التنظيم")
    assert how == "new" and alone.origin == "ingest"


def stripped_seed() -> dict:
    data = json.loads(SEED.read_text(encoding="utf-8"))
    for mention in data["mentions"]:
        mention.pop("actor", None)
    return data


# Seed mentions of ISIS, the SDF and the Coalition that are not names but common nouns ("the
# terrorists"): coreference, not alias resolution, so they stay review-flagged when unlinked.
NOT_NAMES = {"الإرهابيين"}


def test_seed_without_actor_links_resolves_isis_sdf_and_coalition_by_alias() -> None:
    original = {m["id"]: m["actor"] for m in json.loads(SEED.read_text(encoding="utf-8"))["mentions"]}
    document = document_from_data(stripped_seed(), str(SEED), ReadContext())
    targets = {"isis", "sdf", "international-coalition"}
    checked = 0
    for mention in document.mentions:
        expected = original[mention.id.split("#")[1]]
        if expected not in targets or mention.span.text in NOT_NAMES:
            continue
        checked += 1
        assert (mention.span.text, mention.actor_id) == (mention.span.text, expected)
        assert mention.resolution in ("exact-alias", "normalised-alias", "anaphora")
    assert checked == 37  # 23 ISIS + 9 SDF + 6 Coalition mentions, less one 'الإرهابيين'
    gazetteer = default_gazetteer()
    their_keys = {k for a in targets for n in gazetteer.actors[a].names() for k in name_keys(n)}
    new = [a for a in document.actors if a.origin == "ingest"]
    assert all(not (name_keys(a.name) & their_keys) for a in new)
    assert sorted(a.name for a in new) == sorted(
        ["سجن المدينة", "الوحدات", "البلاد", "الإرهابيين", "السجن", "الحكومة", "المدينة"])


def test_ingesting_the_seed_makes_one_node_each(tmp_path) -> None:
    linked = EmbeddedStore(tmp_path / "linked.pickle")
    assert ingest_paths([SEED_ARTICLE], linked).ok
    assert [a.id for a in linked.actors() if a.origin == "ingest"] == []
    path = tmp_path / "articles" / SEED.name
    path.parent.mkdir()
    path.write_text(json.dumps(stripped_seed(), ensure_ascii=False), encoding="utf-8")
    unlinked = EmbeddedStore(tmp_path / "unlinked.pickle")
    assert ingest_paths([path], unlinked).ok
    for actor_id, names in ALIASES.items():
        found = {a.id for a in unlinked.actors() if set(a.names()) & set(names)}
        assert found == {actor_id}
    assert {m.actor_id for m in unlinked.mentions() if m.span.text in ("داعش", "التنظيم", "الدواعش")} == {"isis"}
    assert {m.resolution for m in unlinked.mentions()} == {"exact-alias", "anaphora", "new"}
    assert len([a for a in unlinked.actors() if a.origin == "ingest"]) == 7


def test_an_explicit_link_to_an_ingest_created_id_recreates_that_flagged_actor() -> None:
    """A tool export of extracted articles links entities to `new-…` ids; reading it back must not refuse them."""
    from actorgraph.ingest.resolution import Resolver, new_actor_id

    resolver = Resolver(default_gazetteer())  # a fresh gazetteer per call
    actor_id = new_actor_id("مسلحون مجهولون")
    actor, how = resolver.resolve("مسلحون مجهولون", actor_id=actor_id, actor_type="Collective", language="ar")
    assert (actor.id, actor.type, actor.origin, how) == (actor_id, "Collective", "ingest", "new")
    with pytest.raises(KeyError):
        resolver.resolve("Atlantis", actor_id="atlantis")
