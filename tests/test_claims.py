"""Claims, attribution and contradictions: `graph.claims`, `graph.weights` and their CLI commands.

The library tests take the `store` fixture, so they run on every backend: contested relations
and edge weights are computed through the Store protocol only and must come out identical.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from actorgraph.graph.claims import Contest, SourcedClaim, active_roles, claim_chain, contested
from actorgraph.graph.model import Actor, Article, Claim, Role, Span
from actorgraph.graph.store import ClaimFilter, Store
from actorgraph.graph.vocabulary import default_vocabulary
from actorgraph.graph.weights import confidence, edge_weights
from actorgraph.ingest.pipeline import ingest_paths
from tests.articles import claims_article
from tests.conftest import ROOT, SEED_ARTICLE

SEED = "orient-2022-01-hasakah-prison"
ESCAPE = ("isis", "escapes-from", "sina-prison")


@pytest.fixture
def seeded(store: Store) -> Store:
    report = ingest_paths([SEED_ARTICLE], store)
    assert report.ok, report.errors
    return store


def write(store: Store, tmp_path: Path, *articles: dict) -> Store:
    for data in articles:
        (tmp_path / f"{data['id']}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = ingest_paths([tmp_path / f"{a['id']}.json" for a in articles], store)
    assert report.ok, report.errors
    return store


def sides(contest: Contest) -> tuple[list[str], list[str]]:
    return [s.claim.id for s in contest.for_claims], [s.claim.id for s in contest.against_claims]


# ------------------------------------------------------------------------------------ the seed
def test_the_seed_has_exactly_one_contest_the_escape(seeded: Store) -> None:
    found = contested(seeded)
    assert [c.relation for c in found] == [ESCAPE]
    escape = found[0]
    assert sides(escape) == ([f"{SEED}#c24", f"{SEED}#c33"], [f"{SEED}#c41"])
    assert escape.denials == ((f"{SEED}#c41", f"{SEED}#c33"),)
    voices = [(s.voice, s.claim.claimant, s.claim.reported_via, s.source, s.claim.certainty)
              for s in (*escape.for_claims, *escape.against_claims)]
    assert voices == [("orient-news", None, (), "orient-news", "certain"),
                      ("local-sources", "local-sources", ("obada-mohammed",), "orient-news", "certain"),
                      ("farhad-shami", "farhad-shami", (), "orient-news", "alleged")]


def test_attribution_chains_of_the_seed(seeded: Store) -> None:
    escape = contested(seeded)[0]
    assert [s.chain for s in (*escape.for_claims, *escape.against_claims)] == [
        "according to the article (orient-news), isis escapes-from sina-prison",
        "obada-mohammed reports that, according to local-sources, isis escapes-from sina-prison",
        "farhad-shami denies that isis escapes-from sina-prison (alleged)",
    ]
    falahi = seeded.claims(ClaimFilter(claimants=("iraqi-government",)))
    assert [claim_chain(c) for c in falahi] == [
        "hatem-al-falahi reports that, according to iraqi-government, isis threatens iraq (possible)"]


def test_chains_nest_reporters_and_use_display_names() -> None:
    claim = Claim("a#c1", "a", "isis", "escapes-from", "sina-prison", Span(0, 1, "x"), claimant="local-sources",
                  reported_via=("orient-news", "obada-mohammed"), polarity="negated", certainty="probable")
    assert claim_chain(claim) == ("orient-news reports that obada-mohammed reports that, according to local-sources, "
                                  "it is not the case that isis escapes-from sina-prison (probable)")
    names = {"isis": "ISIS", "sina-prison": "al-Sina'a prison", "local-sources": "local sources",
             "orient-news": "Orient News", "obada-mohammed": "Obada Mohammed"}
    assert claim_chain(claim, names=names).startswith(
        "Orient News reports that Obada Mohammed reports that, according to local sources, it is not the case that "
        "ISIS escapes-from al-Sina'a prison")
    voice = Claim("a#c2", "a", "sdf", "fights", "isis", Span(0, 1, "x"))
    assert claim_chain(voice) == "according to the article, sdf fights isis"


def test_seed_edge_weight_of_the_escape(seeded: Store) -> None:
    rows = {w.relation: w for w in edge_weights(seeded)}
    escape = rows[ESCAPE]
    assert (escape.claims, escape.sources, escape.claimants, escape.first, escape.last, escape.contested,
            escape.denials) == (2, ("orient-news",), ("local-sources", "orient-news"), "2022-01-20", "2022-01-21",
                                True, 1)
    # support: orient-news voice 0.6, local-sources in the same source 0.3 -> 1 - 0.4*0.7 = 0.72;
    # opposition: farhad-shami alleged 0.6*0.35 = 0.21 -> 0.72 * 0.79 = 0.5688
    assert escape.confidence == 0.569
    assert escape.claim_ids == (f"{SEED}#c24", f"{SEED}#c33")
    # inverse spelling is one relation: `sdf supported-by coalition` reads `coalition supports sdf`
    assert ("international-coalition", "supports", "sdf") in rows
    assert ("sdf", "supported-by", "international-coalition") not in rows
    assert rows[("isis", "fights", "sdf")].claims == 1 and ("sdf", "fights", "isis") not in rows
    assert sum(w.claims for w in rows.values()) == len(seeded.claims(ClaimFilter()))
    assert not any(w.contested for w in rows.values() if w.relation != ESCAPE)


def test_weights_are_ordered_by_confidence_then_sources(seeded: Store) -> None:
    rows = edge_weights(seeded)
    keys = [(-w.confidence, -len(w.sources), w.relation) for w in rows]
    assert keys == sorted(keys)
    assert rows[0].confidence == 0.72 and rows[-1].relation == ("isis", "threatens", "iran-backed-militias")
    assert rows[-1].confidence == 0.21  # one alleged voice


def test_time_filters_reach_contests_and_weights(seeded: Store) -> None:
    before = ClaimFilter(as_of="2022-01-20")
    assert contested(seeded, before) == []
    assert edge_weights(seeded, before) == []
    one_day = ClaimFilter(date_from="2022-01-21", date_to="2022-01-21")
    assert [c.relation for c in contested(seeded, one_day)] == [ESCAPE]
    assert contested(seeded, ClaimFilter(date_from="2022-02")) == []


# ---------------------------------------------------------------------- contests across readings
def test_inverse_and_symmetric_readings_contest_each_other(store: Store, tmp_path: Path) -> None:
    write(store, tmp_path, claims_article("readings", [
        {"subject": "sdf", "predicate": "supported-by", "object": "international-coalition"},
        {"subject": "international-coalition", "predicate": "supports", "object": "sdf", "claimant": "isis",
         "polarity": "denied"},
        {"subject": "isis", "predicate": "fights", "object": "sdf"},
        {"subject": "sdf", "predicate": "fights", "object": "isis", "claimant": "iraq", "polarity": "negated",
         "certainty": "possible"},
    ]))
    found = contested(store)
    assert [(c.relation, sides(c)) for c in found] == [
        (("international-coalition", "supports", "sdf"), (["readings#c1"], ["readings#c2"])),
        (("isis", "fights", "sdf"), (["readings#c3"], ["readings#c4"])),
    ]
    assert all(c.denials == () for c in found)
    assert [c.relation for c in contested(store, ClaimFilter(predicates=("supported-by",)))] == [
        ("international-coalition", "supports", "sdf")]


def test_an_explicit_denial_of_another_triple_is_a_contest(store: Store, tmp_path: Path) -> None:
    """The SDF says it controls the prison, denying the claim that ISIS took it (a different triple)."""
    write(store, tmp_path, claims_article("takeover", [
        {"subject": "isis", "predicate": "controls", "object": "sina-prison", "claimant": "local-sources"},
        {"subject": "sdf", "predicate": "controls", "object": "sina-prison", "claimant": "farhad-shami",
         "denies": "c1"},
    ]))
    found = contested(store)
    assert [(c.relation, sides(c), c.denials) for c in found] == [
        (("isis", "controls", "sina-prison"), (["takeover#c1"], ["takeover#c2"]), (("takeover#c2", "takeover#c1"),))]
    weights = {w.relation: w for w in edge_weights(store)}
    assert weights[("isis", "controls", "sina-prison")].contested
    assert not weights[("sdf", "controls", "sina-prison")].contested


def test_agreeing_claims_are_not_contests(store: Store, tmp_path: Path) -> None:
    write(store, tmp_path, claims_article("agree", [
        {"subject": "sdf", "predicate": "fights", "object": "isis"},
        {"subject": "isis", "predicate": "fights", "object": "sdf", "claimant": "farhad-shami"},
        {"subject": "iran", "predicate": "supports", "object": "sdf", "polarity": "denied", "claimant": "sdf"},
    ]))
    assert contested(store) == []


# ------------------------------------------------------------------------------------- weights
def test_independent_sources_raise_confidence(store: Store, tmp_path: Path) -> None:
    fact = {"subject": "international-coalition", "predicate": "attacks", "object": "isis"}
    write(store, tmp_path,
          claims_article("one", [fact], publisher="orient-news", published="2022-01-21"),
          claims_article("two", [fact], publisher="rt", published="2022-01-22"),
          claims_article("three", [fact], publisher="orient-news", published="2022-01-25"),
          claims_article("anon", [dict(fact, certainty="probable", date="2022-01-19/2022-01-20")], publisher=None,
                         published=None))
    row = {w.relation: w for w in edge_weights(store)}[("international-coalition", "attacks", "isis")]
    assert (row.claims, row.sources, row.claimants) == (4, ("anon", "orient-news", "rt"), ("anon", "orient-news", "rt"))
    assert (row.first, row.last) == ("2022-01-19", "2022-01-25")
    # orient-news 0.6 (two articles, one voice), rt 0.6, the anonymous article 0.45: 1 - 0.4*0.4*0.55
    assert row.confidence == 0.912
    assert [w.relation for w in edge_weights(store, min_sources=3)] == [("international-coalition", "attacks", "isis")]
    assert edge_weights(store, min_sources=4) == []


def test_denied_only_relations_have_no_weight_unless_asked(store: Store, tmp_path: Path) -> None:
    write(store, tmp_path, claims_article("denial", [
        {"subject": "iran", "predicate": "supports", "object": "sdf", "claimant": "sdf", "polarity": "denied"},
        {"subject": "sdf", "predicate": "supported-by", "object": "international-coalition"},
    ]))
    assert [w.relation for w in edge_weights(store)] == [("international-coalition", "supports", "sdf")]
    every = edge_weights(store, include_denied=True)
    assert [(w.relation, w.claims, w.denials, w.confidence, w.contested) for w in every] == [
        (("international-coalition", "supports", "sdf"), 1, 0, 0.6, False),
        (("iran", "supports", "sdf"), 0, 1, 0.0, False)]
    assert [w.relation for w in edge_weights(store, ClaimFilter(predicates=("supported-by",)))] == [
        ("international-coalition", "supports", "sdf")]


def test_confidence_formula_by_hand() -> None:
    def said(article: Article, claimant: str | None = None, certainty: str = "certain", polarity: str = "asserted"):
        claim = Claim(f"{article.id}#{claimant}", article.id, "a", "fights", "b", Span(0, 1, "x"), claimant=claimant,
                      certainty=certainty, polarity=polarity)
        return SourcedClaim(claim, article)

    orient, rt, anonymous = (Article("o", "t", "x", publisher="orient-news"), Article("r", "t", "x", publisher="rt"),
                             Article("n", "t", "x"))
    assert confidence([]) == 0.0
    assert confidence([said(orient)]) == 0.6
    assert confidence([said(orient), said(orient, "local-sources")]) == 0.72  # same source: 1 - 0.4 * 0.7
    assert confidence([said(orient), said(rt)]) == 0.84  # independent: 1 - 0.4 * 0.4
    assert confidence([said(anonymous, certainty="possible")]) == 0.3
    assert confidence([said(orient, "x", "alleged"), said(orient, "x", "probable")]) == 0.45  # a voice's best
    assert confidence([said(orient)], [said(rt, "sdf", "certain", "denied")]) == 0.24  # 0.6 * (1 - 0.6)


# ------------------------------------------------------------------------------ vocabulary, roles
def test_canonical_reading_of_relations() -> None:
    vocabulary = default_vocabulary()
    assert vocabulary.canonical("sdf", "supported-by", "coalition") == ("coalition", "supports", "sdf")
    assert vocabulary.canonical("x", "BackedBy", "iran") == ("iran", "backs", "x")
    assert vocabulary.canonical("prison", "controlled-by", "sdf") == ("sdf", "controls", "prison")
    assert vocabulary.canonical("sdf", "has-part", "hat") == ("hat", "part-of", "sdf")
    assert vocabulary.canonical("sdf", "fights", "isis") == ("isis", "fights", "sdf")
    assert vocabulary.canonical("sdf", "kills", "isis") == ("sdf", "kills", "isis")


def test_active_roles_as_of_a_day() -> None:
    actor = Actor("spokesman", "Person", roles=(
        Role("spokesperson-of", "sdf", "2019-03", "2022-06-30"),
        Role("member-of", "sdf", None, "2018"),
        Role("works-for", "orient-news", "2023-01-01", None),
    ))
    assert [r.relation for r in active_roles(actor, "2022-01-21")] == ["spokesperson-of"]
    assert [r.relation for r in active_roles(actor, "2018-12-31")] == ["member-of"]
    assert [r.relation for r in active_roles(actor, "2019-03-01")] == ["spokesperson-of"]
    assert [r.relation for r in active_roles(actor, "2019-02-28")] == []
    assert [r.relation for r in active_roles(actor, "2019")] == ["spokesperson-of"]  # began during 2019
    assert [r.relation for r in active_roles(actor, "2018")] == ["member-of"]
    assert [r.relation for r in active_roles(actor, "2024")] == ["works-for"]
    assert active_roles(actor) == actor.roles


# ------------------------------------------------------------------------------------------ CLI
def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "actorgraph.cli.main", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def cli_seeded() -> None:
    result = run("ingest", str(SEED_ARTICLE), "--json")
    assert result.returncode == 0, result.stderr


def claim_view(local: str, **fields) -> dict:
    return {"claim": f"{SEED}#{local}", "subject": "isis", "predicate": "escapes-from", "object": "sina-prison",
            "article": SEED, "publisher": "orient-news", "published": "2022-01-21", "date": "2022-01-20/2022-01-21",
            "reported_via": [], "denies": None, "origin": "annotated", **fields}


def test_cli_contested_json_is_the_escape(cli_seeded: None) -> None:
    result = run("contested", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for contest in data:
        for view in (*contest["for"], *contest["against"]):
            assert view.pop("evidence")
    assert data == [{
        "relation": {"subject": "isis", "predicate": "escapes-from", "object": "sina-prison"},
        "for": [
            claim_view("c24", polarity="asserted", certainty="certain", claimant=None, voice="orient-news",
                       chain="according to the article (orient-news), isis escapes-from sina-prison"),
            claim_view("c33", polarity="asserted", certainty="certain", claimant="local-sources",
                       voice="local-sources", reported_via=["obada-mohammed"],
                       chain="obada-mohammed reports that, according to local-sources, isis escapes-from sina-prison"),
        ],
        "against": [
            claim_view("c41", polarity="denied", certainty="alleged", claimant="farhad-shami", voice="farhad-shami",
                       denies=f"{SEED}#c33", chain="farhad-shami denies that isis escapes-from sina-prison (alleged)"),
        ],
        "denials": [{"claim": f"{SEED}#c41", "denies": f"{SEED}#c33"}],
    }]


def test_cli_contested_rows_and_table(cli_seeded: None) -> None:
    rows = [line.split("\t") for line in run("contested", "--format", "tsv").stdout.splitlines()]
    assert rows == [
        ["subject", "predicate", "object", "side", "claim", "polarity", "certainty", "claimant", "voice",
         "reported_via", "article", "publisher", "date", "published", "denies"],
        [*ESCAPE, "for", f"{SEED}#c24", "asserted", "certain", "", "orient-news", "", SEED, "orient-news",
         "2022-01-20/2022-01-21", "2022-01-21", ""],
        [*ESCAPE, "for", f"{SEED}#c33", "asserted", "certain", "local-sources", "local-sources", "obada-mohammed",
         SEED, "orient-news", "2022-01-20/2022-01-21", "2022-01-21", ""],
        [*ESCAPE, "against", f"{SEED}#c41", "denied", "alleged", "farhad-shami", "farhad-shami", "", SEED,
         "orient-news", "2022-01-20/2022-01-21", "2022-01-21", f"{SEED}#c33"],
    ]
    table = subprocess.run([sys.executable, "-m", "actorgraph.cli.main", "contested"], cwd=ROOT, capture_output=True,
                           text=True, timeout=120, env={**os.environ, "COLUMNS": "200"}).stdout
    assert "isis escapes-from sina-prison: 2 for, 1 against; c41 denies c33" in table
    lines = [line for line in table.splitlines() if "│" in line]
    cells = [[cell.strip() for cell in line.strip("│").split("│")] for line in lines]
    assert [c[:5] for c in cells] == [
        ["for", "c24", "(article: orient-news)", "", "certain"],
        ["for", "c33", "local-sources", "obada-mohammed", "certain"],
        ["against", "c41", "farhad-shami", "", "alleged"]]
    assert run("contested", "--as-of", "2022-01-20").stdout.strip() == "no contested relations"


def test_cli_weights(cli_seeded: None) -> None:
    data = json.loads(run("weights", "--predicate", "escapes-from", "--json").stdout)
    assert data == [{"subject": "isis", "predicate": "escapes-from", "object": "sina-prison", "claims": 2,
                     "sources": 1, "claimants": 2, "source_ids": ["orient-news"],
                     "claimant_ids": ["local-sources", "orient-news"], "first": "2022-01-20", "last": "2022-01-21",
                     "contested": True, "denials": 1, "confidence": 0.569,
                     "claim_ids": [f"{SEED}#c24", f"{SEED}#c33"]}]
    supports = json.loads(run("weights", "--predicate", "supported-by", "--json").stdout)
    assert [(w["subject"], w["predicate"], w["object"]) for w in supports] == [
        ("international-coalition", "supports", "sdf")]
    assert json.loads(run("weights", "--min-sources", "2", "--json").stdout) == []
    rows = run("weights", "--format", "tsv", "--limit", "2").stdout.splitlines()
    assert rows == ["\t".join(["subject", "predicate", "object", "claims", "sources", "claimants", "first", "last",
                               "contested", "denials", "confidence"]),
                    "isis\tattacks\tiraqi-security-forces\t2\t1\t2\t2022-01-20\t2022-01-21\t\t0\t0.720",
                    "isis\tattacks\tsina-prison\t2\t1\t2\t2022-01-20\t2022-01-21\t\t0\t0.720"]
    bad = run("weights", "--predicate", "likes")
    assert bad.returncode == 1 and bad.stderr == "error: unknown relation 'likes'\n"


def test_cli_claims_by_claimant_polarity_certainty(cli_seeded: None) -> None:
    by_spokesman = json.loads(run("claims", "--claimant", "فرهاد الشامي", "--json").stdout)
    assert [(c["claim"], c["chain"]) for c in by_spokesman] == [
        (f"{SEED}#c41", "farhad-shami denies that isis escapes-from sina-prison (alleged)")]
    denied = json.loads(run("claims", "--polarity", "denied", "--json").stdout)
    assert [c["claim"] for c in denied] == [f"{SEED}#c41"]
    alleged = run("claims", "--certainty", "alleged", "--format", "tsv").stdout.splitlines()
    assert [line.split("\t")[0] for line in alleged[1:]] == [f"{SEED}#c10", f"{SEED}#c15", f"{SEED}#c41"]
    own_voice = json.loads(run("claims", "--claimant", "article", "--predicate", "escapes-from", "--json").stdout)
    assert [c["claim"] for c in own_voice] == [f"{SEED}#c24"]
    assert json.loads(run("claims", "--as-of", "2022-01-20", "--json").stdout) == []
    window = json.loads(run("claims", "--from", "2022-01-01", "--to", "2022-01-19", "--json").stdout)
    assert [c["claim"] for c in window] == [f"{SEED}#c1"]  # dated "2022-01", the only period reaching back


def test_cli_triples_hide_denials_and_take_time_options(cli_seeded: None) -> None:
    plain = run("triples", "--format", "tsv").stdout.splitlines()
    assert not any("\tdenied\t" in line for line in plain)
    assert len(plain) - 1 == 40
    every = run("triples", "--all", "--format", "tsv").stdout.splitlines()
    assert [line.split("\t")[-1] for line in every if "\tdenied\t" in line] == [f"{SEED}#c41"]
    assert run("triples", "--as-of", "2022-01-20", "--format", "tsv").stdout.splitlines() == [
        "subject\tpredicate\tobject\tarticle\tpolarity\tclaim"]
    assert len(run("triples", "--as-of", "2022-01-21", "--format", "tsv").stdout.splitlines()) == 41
    late = run("triples", "--from", "2022-01-22", "--format", "tsv").stdout.splitlines()
    assert [line.split("\t")[-1] for line in late[1:]] == [f"{SEED}#c1"]  # "2022-01" covers the whole month


@pytest.mark.parametrize("args, message", [
    (("triples", "--as-of", "2022-13-01"),
     "error: --as-of: '2022-13-01' is not an ISO date (use YYYY, YYYY-MM or YYYY-MM-DD)\n"),
    (("contested", "--from", "yesterday"),
     "error: --from: 'yesterday' is not an ISO date (use YYYY, YYYY-MM or YYYY-MM-DD)\n"),
    (("claims", "--from", "2022-02", "--to", "2022-01-31"), "error: --from 2022-02 is after --to 2022-01-31\n"),
    (("weights", "--to", "2022/01/01"),
     "error: --to: '2022/01/01' is not an ISO date (use YYYY, YYYY-MM or YYYY-MM-DD)\n"),
])
def test_cli_rejects_bad_dates_in_one_line(args: tuple[str, ...], message: str) -> None:
    result = run(*args)
    assert (result.returncode, result.stderr) == (1, message)


def test_cli_show_roles_as_of(cli_seeded: None) -> None:
    card = json.loads(run("show", "farhad-shami", "--as-of", "2022-01-21", "--json").stdout)
    assert card["roles"] == [{"relation": "spokesperson-of", "object": "sdf", "start": None, "end": None}]
    assert [c["id"] for c in card["outgoing"]] == [f"{SEED}#c40"]
    early = json.loads(run("show", "farhad-shami", "--as-of", "2021", "--json").stdout)
    assert early["outgoing"] == []
