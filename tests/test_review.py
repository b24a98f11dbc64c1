"""Review decisions on real article files and a real embedded store: each changes the file (only
the values it touches) and the store, is logged, and undoes exactly; two processes never lose
one another's decisions."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.gazetteer import load_gazetteer
from actorgraph.graph.merges import MergeLog
from actorgraph.graph.review import ReviewError, ReviewLog
from actorgraph.graph.store import ClaimFilter
from actorgraph.ingest.pipeline import ingest_paths
from actorgraph.ingest.resolution import flagged_actors, new_actor_id
from actorgraph.ingest.review_queue import embedded_reviewer, suggestions
from tests.conftest import FIXTURES, ROOT, SEED_DIR

FLAGGED = new_actor_id("لواء الصقور الجديد")
ALL = ClaimFilter(polarities=())


@pytest.fixture
def corpus(tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The seed and the review fixture copied (they get edited), ingested; returns (article, store).
    The gazetteer is a copy too: a merge decision edits it (`graph.actor_edits`)."""
    shutil.copy(ROOT / "data" / "actors.yaml", tmp_path / "actors.yaml")
    monkeypatch.setenv("ACTORGRAPH_GAZETTEER", str(tmp_path / "actors.yaml"))
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED_DIR / "orient-2022-01-hasakah-prison.json", folder)
    shutil.copy(FIXTURES / "review" / "flagged.json", folder)
    store_path = isolated_home / "graph.msgpack"
    isolated_home.mkdir(parents=True, exist_ok=True)
    assert ingest_paths([folder], EmbeddedStore(store_path)).ok
    return folder / "flagged.json", store_path


def claim(store_path: Path, claim_id: str):
    return next((c for c in EmbeddedStore(store_path).claims(ALL) if c.id == claim_id), None)


def test_the_queue_lists_the_flagged_actor_and_the_claims_naming_it(corpus) -> None:
    _, store_path = corpus
    store = EmbeddedStore(store_path)
    flagged = flagged_actors(store)
    assert [f.actor.id for f in flagged] == [FLAGGED]
    assert [m.id for m in flagged[0].mentions] == ["review-flagged#m1", "review-flagged#m4"]
    found = suggestions(store, flagged)
    assert [(s.claim.id, s.reason) for s in found] == [
        ("review-flagged#c1", "its subject 'لواء الصقور الجديد' is an actor created at ingest"),
        ("review-flagged#c2", "its subject 'لواء الصقور الجديد' is an actor created at ingest"),
        ("review-flagged#c3", "extracted, not reviewed yet")]
    assert [s.claim.id for s in suggestions(store, flagged, include_extracted=False)] == \
        ["review-flagged#c1", "review-flagged#c2", "review-flagged#c3"]  # c3 still names the flagged actor
    assert [s.claim.id for s in suggestions(store, [], include_extracted=False)] == []


def test_accepting_an_extracted_claim_makes_it_annotated_in_file_and_store(corpus) -> None:
    article, store_path = corpus
    before = article.read_text(encoding="utf-8")
    reviewer = embedded_reviewer(store_path)
    assert claim(store_path, "review-flagged#c3").origin == "extracted"
    decision = reviewer.accept_claim("review-flagged#c3", "rana")
    data = json.loads(article.read_text(encoding="utf-8"))
    c3 = next(c for c in data["claims"] if c["id"] == "c3")
    assert c3["origin"] == "annotated" and c3["rule"] == "ar-support-claimed"
    assert [m.get("actor") for m in data["mentions"]] == [FLAGGED, "isis", "sdf", FLAGGED]  # the actor, in its article
    assert claim(store_path, "review-flagged#c3").origin == "annotated"
    assert EmbeddedStore(store_path).get_actor(FLAGGED).origin == "inline"
    reviewer.undo(decision.id, "rana")
    assert article.read_text(encoding="utf-8") == before
    assert claim(store_path, "review-flagged#c3").origin == "extracted"


def test_reject_removes_the_claim_from_file_and_store_and_undo_restores_both(corpus) -> None:
    article, store_path = corpus
    before = article.read_text(encoding="utf-8")
    reviewer = embedded_reviewer(store_path)
    decision = reviewer.reject_claim("review-flagged#c1", "rana")
    data = json.loads(article.read_text(encoding="utf-8"))
    assert [c["id"] for c in data["claims"]] == ["c2", "c3"] and claim(store_path, "review-flagged#c1") is None
    expected = json.loads(before)
    del expected["claims"][0]
    assert data == expected
    [logged] = ReviewLog().decisions()
    assert (logged.id, logged.action, logged.target, logged.who) == (decision.id, "reject-claim", "review-flagged#c1",
                                                                     "rana")
    reviewer.undo(decision.id, "rana")
    assert article.read_text(encoding="utf-8") == before
    assert claim(store_path, "review-flagged#c1").predicate == "attacks"
    with pytest.raises(ReviewError, match="already undone"):
        reviewer.undo(decision.id, "rana")


def test_change_predicate_polarity_and_argument_touch_only_those_values(corpus) -> None:
    article, store_path = corpus
    before = article.read_text(encoding="utf-8")
    reviewer = embedded_reviewer(store_path)
    first = reviewer.change_claim("review-flagged#c2", "omar", predicate="allied-with")
    second = reviewer.change_claim("review-flagged#c2", "omar", polarity="denied", object="isis")
    changed = claim(store_path, "review-flagged#c2")
    assert (changed.predicate, changed.polarity, changed.object) == ("allied-with", "denied", "isis")
    text = article.read_text(encoding="utf-8")
    assert text == before.replace('"predicate": "supports", "object": "sdf", "claimant": "sdf",',
                                  '"predicate": "allied-with", "object": "isis", "claimant": "sdf",', 1).replace(
        'يدعمها"}}', 'يدعمها"}, "polarity": "denied"}', 1)
    with pytest.raises(ReviewError, match="changed since this decision"):
        reviewer.undo(first.id, "omar")  # the later decision rewrote the same claim
    reviewer.undo(second.id, "omar")
    reviewer.undo(first.id, "omar")
    assert article.read_text(encoding="utf-8") == before
    with pytest.raises(ReviewError, match="not one of"):
        reviewer.change_claim("review-flagged#c2", "omar", polarity="maybe")


def test_accepting_the_flagged_actor_declares_it_inline_and_links_its_mentions(corpus) -> None:
    article, store_path = corpus
    before = article.read_text(encoding="utf-8")
    reviewer = embedded_reviewer(store_path)
    flagged_type = EmbeddedStore(store_path).get_actor(FLAGGED).type
    decision = reviewer.accept_actor(FLAGGED, "rana")
    data = json.loads(article.read_text(encoding="utf-8"))
    assert data["actors"] == [{"id": FLAGGED, "type": flagged_type, "labels": {"ar": "لواء الصقور الجديد"}}]
    assert [m.get("actor") for m in data["mentions"]] == [FLAGGED, "isis", "sdf", FLAGGED]
    store = EmbeddedStore(store_path)
    assert store.get_actor(FLAGGED).origin == "inline" and flagged_actors(store) == []
    assert claim(store_path, "review-flagged#c1").subject == FLAGGED
    reviewer.undo(decision.id, "rana")
    assert article.read_text(encoding="utf-8") == before
    assert EmbeddedStore(store_path).get_actor(FLAGGED).origin == "ingest"


def test_merging_the_flagged_actor_into_a_known_one_and_back(corpus) -> None:
    article, store_path = corpus
    before = article.read_text(encoding="utf-8")
    reviewer = embedded_reviewer(store_path)
    gazetteer = article.parent.parent / "actors.yaml"
    gazetteer_before = gazetteer.read_bytes()
    decision = reviewer.merge_actors("hat-forces", FLAGGED, "omar")
    data = json.loads(article.read_text(encoding="utf-8"))
    assert [m.get("actor") for m in data["mentions"]] == ["hat-forces", "isis", "sdf", "hat-forces"]
    store = EmbeddedStore(store_path)
    assert store.get_actor(FLAGGED) is None and claim(store_path, "review-flagged#c1").subject == "hat-forces"
    assert "لواء الصقور الجديد" in store.get_actor("hat-forces").aliases
    # The same library operation as `actors merge`: the gazetteer learns the name, the merge log has it.
    assert "لواء الصقور الجديد" in load_gazetteer(gazetteer).actors["hat-forces"].aliases
    [logged] = MergeLog().active()
    assert (logged.keep, logged.drop, logged.id) == ("hat-forces", FLAGGED, decision.merge["id"])
    reviewer.undo(decision.id, "omar")
    assert article.read_text(encoding="utf-8") == before
    assert gazetteer.read_bytes() == gazetteer_before and MergeLog().active() == []
    store = EmbeddedStore(store_path)
    assert store.get_actor(FLAGGED).origin == "ingest" and claim(store_path, "review-flagged#c1").subject == FLAGGED


def test_a_non_native_or_missing_file_is_a_clear_error(corpus) -> None:
    article, store_path = corpus
    article.rename(article.with_suffix(".moved"))
    with pytest.raises(ReviewError, match="cannot read the article file"):
        embedded_reviewer(store_path).reject_claim("review-flagged#c1", "rana")
    assert claim(store_path, "review-flagged#c1") is not None


WORKER = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from actorgraph.ingest.review_queue import embedded_reviewer
reviewer = embedded_reviewer(Path({store!r}))
claim_id, field, values = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
for i in range(int(sys.argv[4])):
    reviewer.change_claim(claim_id, sys.argv[5], **{{field: values[i % len(values)]}})
"""


def test_two_reviewer_processes_never_lose_a_decision(corpus, tmp_path: Path) -> None:
    article, store_path = corpus
    script = tmp_path / "worker.py"
    script.write_text(WORKER.format(root=str(ROOT), store=str(store_path)), encoding="utf-8")
    rounds = 4
    jobs = [subprocess.Popen([sys.executable, str(script), "review-flagged#c1", "predicate", "fights,attacks,threatens",
                              str(rounds), "first"]),
            subprocess.Popen([sys.executable, str(script), "review-flagged#c2", "polarity", "denied,negated,asserted",
                              str(rounds), "second"])]
    assert [job.wait(timeout=300) for job in jobs] == [0, 0]
    decisions = ReviewLog().decisions()
    assert sorted(d.who for d in decisions) == ["first"] * rounds + ["second"] * rounds
    # After 4 rounds each: c1 got fights, attacks, threatens, fights; c2 denied, negated, asserted, denied.
    data = {c["id"]: c for c in json.loads(article.read_text(encoding="utf-8"))["claims"]}
    assert (data["c1"]["predicate"], data["c2"]["polarity"]) == ("fights", "denied")
    assert (claim(store_path, "review-flagged#c1").predicate, claim(store_path, "review-flagged#c2").polarity) == \
        ("fights", "denied")


def test_rejecting_the_flagged_actor_removes_its_mentions_and_undo_restores_them(corpus) -> None:
    article, store_path = corpus
    reviewer = embedded_reviewer(store_path)
    with pytest.raises(ReviewError, match="c1, c2, c3 name"):  # the claims go first
        reviewer.reject_actor(FLAGGED, "rana")
    for claim_id in ("review-flagged#c3", "review-flagged#c2", "review-flagged#c1"):
        reviewer.reject_claim(claim_id, "rana")
    before = article.read_text(encoding="utf-8")
    decision = reviewer.reject_actor(FLAGGED, "rana")
    data = json.loads(article.read_text(encoding="utf-8"))
    assert [m["id"] for m in data["mentions"]] == ["m2", "m3"] and data["claims"] == []
    assert data["text"] == json.loads(before)["text"]
    store = EmbeddedStore(store_path)
    assert store.get_actor(FLAGGED).origin == "rejected" and flagged_actors(store) == []
    assert [m.id for m in store.mentions(article_id="review-flagged")] == ["review-flagged#m2", "review-flagged#m3"]
    assert store.mentions(actor_id=FLAGGED) == []
    logged = ReviewLog().decisions()[-1]
    assert (logged.action, logged.target, logged.who) == ("reject-actor", FLAGGED, "rana")
    assert [(e.kind, e.target) for e in logged.edits] == [("mention", "m4"), ("mention", "m1")]
    reviewer.undo(decision.id, "rana")
    assert article.read_text(encoding="utf-8") == before
    store = EmbeddedStore(store_path)
    assert store.get_actor(FLAGGED).origin == "ingest"
    assert [m.id for m in flagged_actors(store)[0].mentions] == ["review-flagged#m1", "review-flagged#m4"]


def test_undoing_removals_out_of_order_keeps_the_file_valid(corpus) -> None:
    article, store_path = corpus
    reviewer = embedded_reviewer(store_path)
    first = reviewer.reject_claim("review-flagged#c1", "rana")
    for claim_id in ("review-flagged#c2", "review-flagged#c3"):
        reviewer.reject_claim(claim_id, "rana")
    assert json.loads(article.read_text(encoding="utf-8"))["claims"] == []
    reviewer.undo(first.id, "rana")  # the array is empty now, not as c1's removal left it
    restored = json.loads(article.read_text(encoding="utf-8"))["claims"]
    assert [c["id"] for c in restored] == ["c1"] and restored[0]["subject"] == "@m1"
    assert claim(store_path, "review-flagged#c1") is not None
