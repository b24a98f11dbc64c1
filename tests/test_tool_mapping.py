"""The label mapping file and the ingest options for tool exports."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from conftest import FIXTURES
from graph.errors import ReferenceDataError
from graph.vocabulary import default_vocabulary
from ingest.mapping import UNMAPPED, RelationRule, load_mapping


def test_default_mapping_labels_match_any_spelling_and_terms_map_to_themselves() -> None:
    mapping = load_mapping(default_vocabulary())
    vocabulary = default_vocabulary()
    assert [mapping.actor_type(x) for x in ("PER", "Organisation", "org", "GPE", "NORP", "Militia", "Media", "DATE")] == [
        "Person", "Organization", "Organization", "State", "Collective", "ArmedGroup", "MediaOutlet", None]
    assert mapping.actor_type("Spaceship") is UNMAPPED
    assert mapping.relation("Supported_By", vocabulary) == RelationRule("supported-by")
    assert mapping.relation("EscapesFrom", vocabulary) == RelationRule("escapes-from")
    assert mapping.relation("foundedBy", vocabulary) is UNMAPPED
    accusation = mapping.event("Accusation", vocabulary)
    assert (accusation.term, accusation.subject, accusation.object) == ("accuses", ("Accuser", "Agent"), ("Accused", "Target"))


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
    from graph.embedded import EmbeddedStore
    from graph.config import embedded_store_path

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
