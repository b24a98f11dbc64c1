"""The label mapping file and the ingest options for tool exports."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from actorgraph.cli.main import main
from actorgraph.graph.errors import ReferenceDataError
from actorgraph.graph.vocabulary import default_vocabulary
from actorgraph.ingest.mapping import UNMAPPED, RelationRule, load_mapping


def test_default_mapping_labels_match_any_spelling_and_terms_map_to_themselves() -> None:
    mapping = load_mapping(default_vocabulary())
    vocabulary = default_vocabulary()
    labels = ("PER", "Organisation", "org", "GPE", "NORP", "Militia", "Media", "DATE")
    assert [mapping.actor_type(x) for x in labels] == [
        "Person", "Organization", "Organization", "State", "Collective", "ArmedGroup", "MediaOutlet", None]
    assert mapping.actor_type("Spaceship") is UNMAPPED
    assert mapping.relation("Supported_By", vocabulary) == RelationRule("supported-by")
    assert mapping.relation("EscapesFrom", vocabulary) == RelationRule("escapes-from")
    assert mapping.relation("foundedBy", vocabulary) is UNMAPPED
    accusation = mapping.event("Accusation", vocabulary)
    assert (accusation.term, accusation.subject, accusation.object) == ("accuses", ("Accuser", "Agent"),
                                                                        ("Accused", "Target"))


def test_user_mapping_is_layered_and_validated(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("entities:\n  Militants: ArmedGroup\nrelations:\n  Backs: {term: backs, certainty: probable}\n",
                    encoding="utf-8")
    mapping = load_mapping(default_vocabulary(), good)
    assert mapping.actor_type("militants") == "ArmedGroup" and mapping.actor_type("PER") == "Person"
    assert mapping.relation("Backs", default_vocabulary()) == RelationRule("backs", None, "probable")
    bad = tmp_path / "bad.yaml"
    bad.write_text("relations:\n  Backs: backz\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        load_mapping(default_vocabulary(), bad)
    assert str(caught.value) == f"{bad}:relations.Backs: unknown relation term 'backz' (did you mean backs?)"


def test_ingest_command_takes_format_mapping_and_metadata_options(tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("relations:\n  foundedBy: controlled-by\n  foundedAt: null\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(FIXTURES / "doccano" / "relation_extraction_example.jsonl"),
                                  "--format", "doccano", "--mapping", str(mapping), "--publisher", "example-news",
                                  "--date", "1998-09-04", "--language", "en", "--json"])
    assert result.exit_code == 0, result.output
    assert '"claims": 2' in result.output and '"warnings": 0' in result.output
    result = runner.invoke(main, ["triples", "--format", "tsv"])
    rows = [line.split("\t") for line in result.output.strip().splitlines()[1:]]
    assert [(r[1], r[3], r[4]) for r in rows] == [("controlled-by", "relation-extraction-example", "asserted")] * 2
    from actorgraph.graph.config import embedded_store_path
    from actorgraph.graph.embedded import EmbeddedStore

    article = EmbeddedStore(embedded_store_path()).get_article("relation-extraction-example")
    assert article is not None
    assert (article.publisher, article.published, article.language, article.format) == (
        "example-news", "1998-09-04", "en", "doccano")


def test_bad_mapping_file_is_one_error_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  PER: Human\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(FIXTURES / "doccano" / "arabic.jsonl"), "--mapping", str(bad)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith(f"error: {bad}:entities.PER: unknown actor type 'Human'")


def test_default_mapping_reads_the_vocabulary_v2_labels(tmp_path: Path) -> None:
    """Condemn, Arrest, Blockade and Meet relations in a brat file become condemns, detains, besieges and
    meets-with claims, with no mapping file of the user's."""
    from tool_helpers import read

    text = ("The ministry condemned the militia. Police arrested two militia members. The militia besieged Mosul."
            " Oslo will meet Stockholm.")
    (tmp_path / "v2.txt").write_text(text, encoding="utf-8")
    (tmp_path / "v2.ann").write_text("\n".join([
        "T1\tGovernment 4 12\tministry", "T2\tMilitia 27 34\tmilitia", "T3\tMilitary 36 42\tPolice",
        "T4\tMilitia 56 63\tmilitia", "T5\tMilitia 77 84\tmilitia", "T6\tLOC 94 99\tMosul", "T7\tGPE 101 105\tOslo",
        "T8\tGPE 116 125\tStockholm", "R1\tCondemn Arg1:T1 Arg2:T2", "R2\tArrest Arg1:T3 Arg2:T4",
        "R3\tBlockade Arg1:T5 Arg2:T6", "R4\tMeet Arg1:T7 Arg2:T8"]) + "\n", encoding="utf-8")
    docs, errors, _ = read("brat", tmp_path / "v2.ann")
    assert errors == []
    names = {m.actor_id: m.span.text for m in docs[0].mentions}
    assert sorted((names[c.subject], c.predicate, names[c.object]) for c in docs[0].claims) == [
        ("Oslo", "meets-with", "Stockholm"), ("Police", "detains", "militia"), ("militia", "besieges", "Mosul"),
        ("ministry", "condemns", "militia")]
    mapping, vocabulary = load_mapping(default_vocabulary()), default_vocabulary()
    assert [mapping.relation(label, vocabulary).term for label in (
        "Praise", "Detain", "held_by", "Release", "Siege", "Protest", "Negotiate", "Demand", "Sanction", "Embargo",
        "Aid", "Receive Aid")] == [
        "praises", "detains", "detained-by", "releases", "besieges", "protests-against", "negotiates-with", "demands",
        "sanctions", "sanctions", "aids", "aided-by"]


def test_the_ace_event_entries_docs_vocabulary_md_proposes_work(tmp_path: Path) -> None:
    """The `events:` lines docs/vocabulary.md gives for ACE Arrest-Jail and Meet read real brat events."""
    import re

    from conftest import ROOT
    from tool_helpers import read

    from actorgraph.ingest.registry import ReadContext, ReadOptions

    docs_text = (ROOT / "docs" / "vocabulary.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(events:\n.*?)```", docs_text, re.S)
    assert block is not None
    mapping = tmp_path / "ace.yaml"
    mapping.write_text(block.group(1), encoding="utf-8")
    text = "Police arrested Karim. Oslo will meet Stockholm."
    (tmp_path / "ace.txt").write_text(text, encoding="utf-8")
    (tmp_path / "ace.ann").write_text("\n".join([
        "T1\tMilitary 0 6\tPolice", "T2\tPER 16 21\tKarim", "T3\tArrest-Jail 7 15\tarrested",
        "E1\tArrest-Jail:T3 Agent-Arg:T1 Person-Arg:T2",
        "T4\tGPE 23 27\tOslo", "T5\tGPE 38 47\tStockholm", "T6\tMeet 33 37\tmeet",
        "E2\tMeet:T6 Entity:T4 Entity2:T5"]) + "\n", encoding="utf-8")
    docs, errors, _ = read("brat", tmp_path / "ace.ann", ReadContext(options=ReadOptions(mapping=mapping)))
    assert errors == []
    names = {m.actor_id: m.span.text for m in docs[0].mentions}
    assert sorted((names[c.subject], c.predicate, names[c.object]) for c in docs[0].claims) == [
        ("Oslo", "meets-with", "Stockholm"), ("Police", "detains", "Karim")]
