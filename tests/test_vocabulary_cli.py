"""`actorgraph vocabulary` as a user runs it: the table, `--json`, one term, an unknown term."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "actorgraph.cli.main", "vocabulary", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env=dict(os.environ, COLUMNS="200"))


def test_json_lists_every_term_with_plover_and_cameo() -> None:
    result = run("--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    terms = {t["id"]: t for t in data["terms"]}
    assert len(terms) == 40
    assert {t: terms[t]["plover"] for t in ("condemns", "praises", "detains", "besieges", "protests-against",
                                            "meets-with", "located-in")} == {
        "condemns": "ACCUSE", "praises": "SUPPORT", "detains": "COERCE", "besieges": "COERCE",
        "protests-against": "PROTEST", "meets-with": "CONSULT", "located-in": None}
    assert terms["detains"] | {"definition": ""} == {
        "id": "detains", "labels": {"ar": "يعتقل", "en": "detains"}, "definition": "", "inverse": "detained-by",
        "symmetric": False, "plover": "COERCE", "plover_iri": "https://actorgraph.example.org/plover#COERCE",
        "cameo": "17", "cameo_code": "173",
        "subject": ["Person", "State", "GovernmentBody", "MilitaryUnit", "ArmedGroup", "Coalition", "Organization",
                    "Collective"],
        "object": ["Person", "State", "GovernmentBody", "MilitaryUnit", "ArmedGroup", "Coalition", "Organization",
                   "Collective", "MediaOutlet"],
        "relationship_type": "DETAINS"}
    assert terms["meets-with"]["symmetric"] is True and terms["meets-with"]["inverse"] is None
    assert data["actor_types"]["Person"] == {"ar": "شخص", "en": "Person"}


def test_table_shows_a_row_per_term_and_the_actor_types() -> None:
    result = run()
    assert result.returncode == 0, result.stderr
    rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]]
            for line in result.stdout.splitlines() if line.startswith("│") and line.split("│")[1].strip()}
    assert rows["negotiates-with"] == ["negotiates with", "يتفاوض مع", "(symmetric)", "CONSULT", "04 (046)",
                                       "any but Facility, Location", "any but Facility, Location"]
    assert rows["part-of"] == ["part of", "جزء من", "has-part", "-", "", "any", "any"]
    assert rows["releases"][3:5] == ["RETREAT", "08 (0841)"]
    assert rows["MediaOutlet"] == ["Media outlet", "وسيلة إعلام"]
    assert "40 relation terms" in result.stdout and "11 actor types" in result.stdout


def test_one_term_in_any_spelling_shows_its_definition() -> None:
    result = run("SanctionedBy")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "sanctioned-by  sanctioned by / خاضع لعقوبات من"
    assert lines[1].startswith("The subject is under sanctions, an embargo or a terrorist designation")
    assert lines[2:] == ["inverse:    sanctions",
                         "PLOVER:     COERCE (skos:closeMatch https://actorgraph.example.org/plover#COERCE)",
                         "CAMEO:      16 (163)", "subject:    any",
                         "object:     State, GovernmentBody, Coalition, Organization",
                         "Neo4j type: SANCTIONED_BY"]
    static = run("located_in")
    assert "PLOVER:     - (a static relation, no event type)" in static.stdout.splitlines()
    assert json.loads(run("PROTESTS_AGAINST", "--json").stdout)["cameo_code"] == "141"


def test_an_unknown_term_is_one_line_with_the_nearest_terms() -> None:
    result = run("condems")
    assert (result.returncode, result.stdout, result.stderr) == (
        1, "", "error: unknown relation 'condems' (did you mean condemns?)\n")
    far = run("xyzzy")
    assert (far.returncode, far.stderr) == (1, "error: unknown relation 'xyzzy'"
                                               " (run `actorgraph vocabulary` for the list)\n")
