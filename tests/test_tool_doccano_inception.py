"""doccano JSONL/JSON and INCEpTION WebAnno TSV 3.3: the tools' own examples and edge cases."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import FIXTURES
from tool_helpers import read, triples

from actorgraph.ingest.registry import detect_format

DOCCANO = FIXTURES / "doccano"
TSV = FIXTURES / "inception"


def test_doccano_official_example_is_pretty_json_in_a_jsonl_file(tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("relations:\n  foundedBy: controlled-by\n", encoding="utf-8")
    from actorgraph.ingest.registry import ReadContext, ReadOptions

    docs, errors, context = read("doccano", DOCCANO / "relation_extraction_example.jsonl",
                                 ReadContext(options=ReadOptions(mapping=mapping)))
    assert errors == []
    doc = docs[0]
    names = {m.actor_id: m.span.text for m in doc.mentions}
    rows = [(names[c.subject], c.predicate, names[c.object], c.polarity, c.certainty, c.claimant) for c in doc.claims]
    assert rows == [
        ("Google", "controlled-by", "Larry Page", "asserted", "certain", None),
        ("Google", "controlled-by", "Sergey Brin", "asserted", "certain", None),
    ]
    assert doc.claims[0].evidence.text == "Google was founded on September 4, 1998, by Larry Page and Sergey Brin."
    # DATE is not an actor (null in the mapping) and foundedAt is unmapped: a warning, not an error.
    assert context.warnings == [f"{DOCCANO / 'relation_extraction_example.jsonl'}: unmapped relation label 'foundedAt'"
                                f" (skipped; add `  foundedAt: <term>` under `relations:` in {mapping} (a term of"
                                " data/vocabulary.yaml; null to ignore it))"]


def test_doccano_arabic_jsonl_with_metadata_and_no_final_newline() -> None:
    assert detect_format(DOCCANO / "arabic.jsonl") == "doccano"
    docs, errors, _ = read("doccano", DOCCANO / "arabic.jsonl")
    assert errors == []
    assert [(d.article.id, d.article.title, d.article.published, d.article.url) for d in docs] == [
        ("arabic-1", "العراق يتهم داعش", "2022-01-21", None),
        ("arabic-2", "قسد مدعومة من التحالف الدولي 🤝 وتقاتل داعش.", None, "https://example.org/2"),
    ]
    assert triples(docs[0]) == [("iraq", "accuses", "isis", "asserted"), ("isis", "attacks", "sina-prison", "asserted")]
    assert triples(docs[1]) == [("sdf", "supported-by", "international-coalition", "asserted"),
                                ("sdf", "fights", "isis", "asserted")]


def test_doccano_errors_name_the_line_and_other_lines_load(tmp_path: Path) -> None:
    lines = (DOCCANO / "arabic.jsonl").read_text(encoding="utf-8").splitlines()
    bad = json.loads(lines[1])
    bad["relations"].append({"id": 9, "from_id": 20, "to_id": 99, "type": "attacks"})
    bad["entities"][0].update(start_offset=400, end_offset=403)
    mixed = [lines[0], '{"text": "cut', json.dumps(bad, ensure_ascii=False)]
    (tmp_path / "mixed.jsonl").write_text("\n".join(mixed) + "\n", encoding="utf-8")
    docs, errors, _ = read("doccano", tmp_path / "mixed.jsonl")
    assert [d.article.id for d in docs] == ["mixed-1"]
    path = tmp_path / "mixed.jsonl"
    assert errors == [
        f"{path}:line 2:10: invalid JSON: Unterminated string starting at (the file looks truncated: export it again)",
        f"{path}:line 3: entities[0] (entity 20): span 400..403 is outside the text (length 43) (offsets are Unicode"
        " code points, end exclusive)",
        f"{path}:line 3: relations[2] (relation 9): relation '9' refers to a missing entity '99' as its object (every"
        " relation argument must be an entity of the same document)",
    ]


def test_tsv_reference_files_from_inception() -> None:
    docs, errors, _ = read("inception", TSV / "testSentenceWithEmoji.tsv")
    assert errors == [] and docs[0].article.text == "I like it 😊 ."
    docs, errors, _ = read("inception", TSV / "testSentenceWithLineBreak.tsv")
    assert errors == [] and docs[0].article.text == "This is\na test ."
    docs, errors, _ = read("inception", TSV / "testMultiTokenSpanWithFeatureValue.tsv")
    assert [(m.span.text, m.span.start, m.span.end) for m in docs[0].mentions] == [("This is a test .", 0, 16)]
    assert detect_format(TSV / "testSingleNonTokenRelationWithoutFeature.tsv") == "inception"


def test_tsv_arabic_with_emoji_stacked_relations_multi_token_spans_and_links() -> None:
    docs, errors, context = read("inception", TSV / "arabic-claims.tsv")
    assert errors == [] and context.warnings == []
    doc = docs[0]
    got = [(c.subject, c.predicate, c.object, c.polarity, c.certainty, c.claimant) for c in doc.claims]
    assert got == [("isis", "attacks", "sina-prison", "asserted", "certain", None),
                   ("isis", "escapes-from", "sina-prison", "denied", "alleged", "farhad-shami")]
    spans = {m.span.text: (m.actor_id, m.resolution) for m in doc.mentions}
    assert spans == {"قسد": ("sdf", "exact-alias"), "داعش": ("isis", "wikidata"),
                     "سجن الصناعة": ("sina-prison", "explicit"), "فرهاد شامي": ("farhad-shami", "exact-alias")}
    text = doc.article.text
    assert all(text[m.span.start:m.span.end] == m.span.text for m in doc.mentions)


def test_tsv_relation_to_a_missing_annotation_and_wrong_token_offsets(tmp_path: Path) -> None:
    text = (TSV / "arabic-claims.tsv").read_text(encoding="utf-8")
    (tmp_path / "bad.tsv").write_text(text.replace("1-5[0_3]", "1-2[0_3]").replace("2-4\t55-59", "2-4\t56-60"),
                                      encoding="utf-8")
    docs, errors, _ = read("inception", tmp_path / "bad.tsv")
    assert docs == []
    assert errors == [
        f"{tmp_path / 'bad.tsv'}:line 21 (2-4): token 'فرار' at 56-60 does not match the sentence text 'رار ' (offsets"
        " are UTF-16 code units)",
        f"{tmp_path / 'bad.tsv'}:line 13 (1-7): relation refers to a missing NamedEntity annotation at 1-2"
        " (both ends of a relation must be annotations of its base layer)",
    ]
