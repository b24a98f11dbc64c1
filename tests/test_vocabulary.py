"""Vocabulary v2: every term's PLOVER type and CAMEO code agree with the CAMEO-to-PLOVER table
(the committed copy in data/plover/), static relations say explicitly that they have none, and a
vocabulary file that gets them wrong is refused with the key at fault."""
from __future__ import annotations

import copy

import pytest
import yaml

from actorgraph.graph.config import DATA_DIR
from actorgraph.graph.errors import ReferenceDataError
from actorgraph.graph.plover import PLOVER_TYPES, plover_iri, read_cameo_table
from actorgraph.graph.vocabulary import default_vocabulary, parse_vocabulary

RAW = yaml.safe_load((DATA_DIR / "vocabulary.yaml").read_text(encoding="utf-8"))
TABLE = read_cameo_table()


def test_the_table_copy_has_the_16_types_and_the_codes_we_rely_on() -> None:
    assert sorted(set(TABLE.values())) == sorted(PLOVER_TYPES)
    # Rows read by hand from CAMEO2PLOVER-2021.txt: the table, not the CAMEO root's name, decides.
    assert (TABLE["111"], TABLE["051"], TABLE["173"], TABLE["0841"], TABLE["191"], TABLE["163"]) == (
        "ACCUSE", "SUPPORT", "COERCE", "RETREAT", "COERCE", "COERCE")
    assert "012" not in TABLE  # CAMEO 01 (public statements) was dropped by PLOVER


@pytest.mark.parametrize("term_id", sorted(RAW["relations"]))
def test_every_term_declares_plover_and_agrees_with_the_table(term_id: str) -> None:
    spec = RAW["relations"][term_id]
    assert "plover" in spec, "every term says its PLOVER type, or null"
    code = spec.get("cameo_code")
    if spec["plover"] is None:
        assert code is None or code not in TABLE
    else:
        assert code is not None, "an event term names the CAMEO code its PLOVER type comes from"
        assert TABLE[code] == spec["plover"]
        assert code.startswith(spec["cameo"])


def test_static_relations_have_no_plover_type() -> None:
    vocabulary = default_vocabulary()
    static = ["located-in", "part-of", "has-part", "member-of", "spokesperson-of", "works-for", "controls",
              "controlled-by", "leads", "reports"]
    assert [vocabulary.term(t).plover for t in static] == [None] * len(static)


def test_the_new_meanings_of_issue_15_have_plover_types() -> None:
    vocabulary = default_vocabulary()
    got = {t: (vocabulary.term(t).plover, vocabulary.term(t).cameo) for t in (
        "condemns", "praises", "detains", "detained-by", "releases", "besieges", "protests-against", "meets-with",
        "negotiates-with", "demands", "sanctions", "sanctioned-by", "aids", "aided-by")}
    assert got == {
        "condemns": ("ACCUSE", "11"), "praises": ("SUPPORT", "05"), "detains": ("COERCE", "17"),
        "detained-by": ("COERCE", "17"), "releases": ("RETREAT", "08"), "besieges": ("COERCE", "19"),
        "protests-against": ("PROTEST", "14"), "meets-with": ("CONSULT", "04"),
        "negotiates-with": ("CONSULT", "04"), "demands": ("REQUEST", "10"), "sanctions": ("COERCE", "16"),
        "sanctioned-by": ("COERCE", "16"), "aids": ("AID", "07"), "aided-by": ("AID", "07")}
    assert vocabulary.inverse_of("detains") == "detained-by" and vocabulary.inverse_of("meets-with") == "meets-with"
    assert vocabulary.canonical("prisoners", "detained-by", "sdf") == ("sdf", "detains", "prisoners")


def test_plover_iris_are_fixed_and_refuse_unknown_types() -> None:
    assert plover_iri("ASSAULT") == "https://actorgraph.example.org/plover#ASSAULT"
    with pytest.raises(ValueError, match="'FIGHT' is not a PLOVER event type"):
        plover_iri("FIGHT")


def _broken(term_id: str, **changes: object) -> dict:
    data = copy.deepcopy(RAW)
    for key, value in changes.items():
        if value is ...:
            del data["relations"][term_id][key]
        else:
            data["relations"][term_id][key] = value
    return data


@pytest.mark.parametrize(("term_id", "changes", "message"), [
    ("located-in", {"plover": ...},
     "v.yaml:relations.located-in.plover: is missing (give the PLOVER event type (AGREE, CONSULT, SUPPORT, CONCEDE,"
     " COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT)"
     " or null for a static relation)"),
    ("kills", {"plover": "FIGHT"},
     "v.yaml:relations.kills.plover: 'FIGHT' is not a PLOVER event type (use one of AGREE, CONSULT, SUPPORT,"
     " CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE,"
     " ASSAULT, or null)"),
    ("releases", {"cameo_code": 841},
     "v.yaml:relations.releases.cameo_code: '841' is not a 3- or 4-digit CAMEO code under the root '08'"
     ' (quote it ("0841") and give the matching two-digit `cameo`)'),
    ("detained-by", {"plover": "ASSAULT"},
     "v.yaml:relations.detained-by.plover: must match its inverse 'detains' (COERCE, CAMEO 17): both read the"
     " same event"),
])
def test_a_wrong_plover_or_cameo_entry_names_its_key(term_id: str, changes: dict, message: str) -> None:
    with pytest.raises(ReferenceDataError) as caught:
        parse_vocabulary(_broken(term_id, **changes), "v.yaml")
    assert str(caught.value) == message


def test_every_term_passes_the_cypher_gate_and_reaches_the_traversal_types() -> None:
    from actorgraph.graph.neo4j.queries import direct_types

    vocabulary = default_vocabulary()
    types = [vocabulary.relationship_type(term) for term in vocabulary.terms]
    assert len(set(types)) == len(vocabulary.terms) == 40
    assert {"CONDEMNS", "DETAINED_BY", "PROTESTS_AGAINST", "MEETS_WITH", "SANCTIONED_BY", "AIDED_BY"} <= set(types)
    assert sorted(direct_types(vocabulary).split("|")) == sorted(f"`{t}`" for t in types)
    with pytest.raises(KeyError, match="unknown relation 'CONDONES'"):
        vocabulary.relationship_type("CONDONES")


def test_docs_vocabulary_table_lists_every_term_with_its_codes() -> None:
    """docs/vocabulary.md has one row per term, in order, with the PLOVER type and CAMEO codes of the YAML."""
    text = (DATA_DIR.parent / "docs" / "vocabulary.md").read_text(encoding="utf-8")
    rows = [[cell.strip() for cell in line.split("|")[1:-1]] for line in text.splitlines()
            if line.startswith("| `") and line.count("|") == 8]
    got = [(row[0].strip("`"), row[4], row[5]) for row in rows]
    expected = []
    for term_id, spec in RAW["relations"].items():
        cameo = f"{spec['cameo']} ({spec['cameo_code']})" if spec.get("cameo_code") else spec.get("cameo", "")
        expected.append((term_id, spec["plover"] or "—", cameo))
    assert got == expected
