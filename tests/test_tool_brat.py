"""brat standoff: the brat project's own tutorial documents, and Arabic/CRLF/discontinuous edge cases."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES
from tool_helpers import read

from actorgraph.ingest.registry import ReadContext, ReadOptions, detect_format

NEWS = FIXTURES / "brat" / "news"


def _mapping(tmp_path: Path, text: str) -> ReadContext:
    path = tmp_path / "mapping.yaml"
    path.write_text(text, encoding="utf-8")
    return ReadContext(options=ReadOptions(mapping=path))


def test_detects_brat_from_the_ann_file() -> None:
    assert detect_format(NEWS / "060-relation_annotation.ann") == "brat"


def test_relation_with_trailing_tab_and_equiv_resolve_to_one_actor(tmp_path: Path) -> None:
    context = _mapping(tmp_path, "relations:\n  Located: null\n")
    docs, errors, context = read("brat", NEWS / "060-relation_annotation.ann", context)
    assert errors == []
    actor = {m.id.split("#")[1]: m.actor_id for m in docs[0].mentions}
    assert actor["T3"] == actor["T4"] == actor["T5"]  # `*  Alias T3 T4 T5`
    assert actor["T8"] == actor["T3"]  # the same name later in the text: the same (new) actor
    assert actor["T1"] != actor["T3"]
    assert docs[0].claims == ()


def test_relation_type_mismatch_is_one_clear_error() -> None:
    docs, errors, _ = read("brat", NEWS / "060-relation_annotation.ann")
    assert docs == []
    assert len(errors) == 1
    assert errors[0].startswith(f"{NEWS / '060-relation_annotation.ann'}:line 12 (R1): 'located-in' does not take a"
                                " Person subject")


def test_reporting_events_set_the_claimant_and_confidence_sets_certainty(tmp_path: Path) -> None:
    context = _mapping(tmp_path,
                       "events:\n  Merge-org: {term: cooperates-with, subject: [Org-Arg], object: [Org-Arg2]}\n")
    docs, errors, context = read("brat", NEWS / "100-attribute_annotation.ann", context)
    assert errors == []
    doc = docs[0]
    names = {m.actor_id: m.span.text for m in doc.mentions}
    got = sorted((c.id.split("#")[1], names[c.subject], names[c.object], names.get(c.claimant or ""), c.certainty)
                 for c in doc.claims)
    assert got == [
        ("E10", "YouTube", "Google", "CNN", "certain"),
        ("E2", "YouTube", "Google", "Somebody", "possible"),  # Confidence Low
        ("E3", "YouTube", "Google", None, "probable"),  # Confidence Neutral
        ("E5", "YouTube", "Google", "CNN", "certain"),  # Confidence High
        ("E7", "YouTube", "Google", "Somebody", "certain"),
        ("E8", "YouTube", "Google", None, "certain"),
    ]
    e2 = next(c for c in doc.claims if c.id.endswith("#E2"))
    assert e2.evidence.text == "1 ) Somebody twitted that YouTube may merge with Google."
    assert [s.text for s in e2.spans] == ["YouTube", "merge", "Google"]


def test_unmapped_labels_are_reported_once_per_run_with_the_line_to_add(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(NEWS, folder)
    context = ReadContext()
    for name in ("100-attribute_annotation.ann", "110-note_annotation.ann"):
        read("brat", folder / name, context)
    read("brat", folder / "100-attribute_annotation.ann", context)
    merge = [w for w in context.warnings if "'Merge-org'" in w]
    assert merge == [f"{folder / '100-attribute_annotation.ann'}: unmapped event label 'Merge-org' (skipped; add"
                     " `  Merge-org: <term>` under `events:` in data/mapping.yaml (a term of data/vocabulary.yaml;"
                     " null to ignore it))"]
    assert sum("'Family'" in w for w in context.warnings) == 1


def test_notes_are_kept_on_the_claim(tmp_path: Path) -> None:
    context = _mapping(tmp_path, "relations:\n  Family: allied-with\n")
    docs, errors, _ = read("brat", NEWS / "110-note_annotation.ann", context)
    assert errors == []
    notes = {c.id.split("#")[1]: c.note for c in docs[0].claims}
    assert notes == {"R1": "Should this be marked? It's not explicitly stated.", "R2": None}


def test_arabic_crlf_discontinuous_negated_event_without_final_newline() -> None:
    docs, errors, context = read("brat", FIXTURES / "brat" / "arabic-crlf.ann")
    assert errors == [] and context.warnings == []
    doc = docs[0]
    assert (doc.article.id, doc.article.title, doc.article.published, doc.article.publisher, doc.article.url) == (
        "arabic-crlf", "اختبار", "2022-01-22", "orient-news", "https://example.org/a")  # from the .meta.json sidecar
    claims = {c.id.split("#")[1]: c for c in doc.claims}
    assert {k: (c.subject, c.predicate, c.object, c.polarity, c.certainty) for k, c in claims.items() if k != "E2"} == {
        "R1": ("iraq", "accuses", "isis", "asserted", "certain"),  # forward reference to T2, T3
        "E1": ("iraq", "accuses", "isis", "asserted", "certain"),  # Accusation event: Accuser/Accused roles
        "R2": ("isis", "attacks", "sina-prison", "asserted", "certain"),
        "R3": ("isis", "attacks", "sina-prison", "asserted", "certain"),  # T10 'التنظيم' is isis through `*`
    }
    negated = claims["E2"]
    assert (negated.subject, negated.predicate, negated.polarity, negated.certainty) == ("sdf", "attacks", "negated",
                                                                                         "possible")
    assert negated.evidence.text == "لم تهاجم قوات سوريا الديمقراطية السجن، بحسب المتحدث فرهاد شامي."
    assert [s.text for s in negated.spans] == ["تهاجم", "قوات سوريا", "الديمقراطية", "السجن"]  # discontinuous T5
    assert claims["R2"].note == "The prison is also called Ghwayran prison."
    assert claims["R1"].evidence.text == "اتهم العراق تنظيم داعش بالهجوم على سجن الصناعة."
    isis = next(m for m in doc.mentions if m.id.endswith("#T3"))
    assert (isis.actor_id, isis.resolution) == ("isis", "wikidata")  # N1 Reference T3 Wikidata:Q2429253
    text = doc.article.text
    assert all(text[m.span.start:m.span.end] == m.span.text for m in doc.mentions)


def test_shifted_offset_is_reanchored_with_a_warning_and_ambiguous_one_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("ISIS attacked the prison near the prison gate.", encoding="utf-8")
    (tmp_path / "a.ann").write_text("T1\tMilitia 1 5\tISIS\nT2\tFacility 19 25\tprison\n", encoding="utf-8")
    docs, errors, context = read("brat", tmp_path / "a.ann")
    assert docs == []
    assert errors == [f"{tmp_path / 'a.ann'}:line 2 (T2): span 19..25 is 'rison ' but the annotation quotes 'prison'"
                      " ('prison' first occurs at 18..24)"]
    assert context.warnings == [f"{tmp_path / 'a.ann'}:line 1 (T1): span 1..5 re-anchored to 0..4"
                                " where 'ISIS' occurs once"]


def test_relation_to_a_missing_entity_and_bad_lines_are_clear_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("ISIS attacked the prison.", encoding="utf-8")
    (tmp_path / "a.ann").write_text("T1\tMilitia 0 4\tISIS\nR1\tattacks Arg1:T1 Arg2:T9\nX1 oops\n", encoding="utf-8")
    _, errors, _ = read("brat", tmp_path / "a.ann")
    assert errors == [
        f"{tmp_path / 'a.ann'}:line 3: not a brat annotation line: 'X1 oops' (lines start with T, R, E, A, M, N, # or *"
        " followed by a tab)",
        f"{tmp_path / 'a.ann'}:line 2 (R1): relation 'R1' refers to a missing entity 'T9' as its object (every relation"
        " argument must be an entity of the same document)",
    ]


def test_missing_txt_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "lonely.ann").write_text("T1\tMilitia 0 4\tISIS\n", encoding="utf-8")
    _, errors, _ = read("brat", tmp_path / "lonely.ann")
    assert errors == [f"{tmp_path / 'lonely.ann'}: no text file lonely.txt beside it"
                      " (brat documents are pairs of .txt and .ann)"]
