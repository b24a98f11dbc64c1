"""PLOVER event types: the names, their RDF IRIs, and a reader for the CAMEO-to-PLOVER table.

PLOVER (Political Language Ontology for Verifiable Event Records, openeventdata/PLOVER, CC BY-SA
4.0) is the successor of CAMEO. Each event-like vocabulary term names the PLOVER type it is
coded as, so ActorGraph claims can be compared with PLOVER/POLECAT event data.

PLOVER publishes no RDF IRIs for its types, so ActorGraph mints one per type in a namespace of
its own that never depends on `actorgraph export --base`: `https://actorgraph.example.org/plover#ASSAULT`.
`data/ontology.ttl` declares each as a skos:Concept of the scheme `.../plover` (with the source
and licence), and relation properties point to them with skos:closeMatch. Should PLOVER one day
publish IRIs, the concepts gain a skos:exactMatch to them and these IRIs stay valid.
"""
from __future__ import annotations

import re
from pathlib import Path

from actorgraph.graph.config import DATA_DIR

#: The 16 event types of the 2021 conversion table, in PLOVER's order (cooperation to conflict).
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
PLOVER_SCHEME = "https://actorgraph.example.org/plover"
PLOVER_NS = PLOVER_SCHEME + "#"
PLOVER_SOURCE = "https://github.com/openeventdata/PLOVER"
PLOVER_LICENSE = "https://creativecommons.org/licenses/by-sa/4.0/"
CAMEO_TABLE = DATA_DIR / "plover" / "CAMEO2PLOVER-2021.txt"

_ROW = re.compile(r"^\s*(\d{2,4})\s*:\s*([A-Z]+)\b")


def plover_iri(plover_type: str) -> str:
    """The stable IRI ActorGraph gives a PLOVER event type: ASSAULT -> https://actorgraph.example.org/plover#ASSAULT."""
    if plover_type not in PLOVER_TYPES:
        raise ValueError(f"{plover_type!r} is not a PLOVER event type")
    return PLOVER_NS + plover_type


def read_cameo_table(path: Path = CAMEO_TABLE) -> dict[str, str]:
    """CAMEO code -> PLOVER type for every 3- and 4-digit code of the conversion table.

    The two-digit headings are left out: they name a section, and CAMEO root 08 has two (CONCEDE
    and RETREAT), so only a full code says which PLOVER type an event is.
    """
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _ROW.match(line)
        if match and len(match.group(1)) > 2:
            table[match.group(1)] = match.group(2)
    return table
