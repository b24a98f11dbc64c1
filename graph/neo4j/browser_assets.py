"""What ActorGraph gives Neo4j Browser users: a graph style (GraSS) and the query catalog as favourites.

Why files and not a guide: Neo4j Browser 5.24 fetches remote guides (``:play URL``) and styles
(``:style URL``) only over HTTP from allow-listed hosts, and the server built from Maven jars serves
nothing but the Browser's own jar. What the Browser does take offline is a dropped file: a
``.grass`` file dropped on its window becomes the graph style, and a ``.zip`` of ``.cypher`` files
becomes favourites (one folder per zip folder, named by each file's first ``//`` comment line).
So :func:`write_browser_assets` writes those two files, built from the same catalog the CLI's
``query`` runs (:data:`.queries.CATALOG`), so the Browser and the CLI never drift apart.

Each favourite is the catalog's Cypher with its ``$parameters`` replaced by example literals
(listed in its header comment, editable in place), so it is ONE statement: the Browser shows the
result table or graph of a single statement, whereas a favourite with ``:param`` lines would run
in multi-statement mode, which shows only "SUCCESS" per statement. Parameters the CLI derives
from the vocabulary (a who-query's relationship types) come from the same function it uses.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from actorgraph.graph.neo4j.queries import (
    CATALOG,
    LABEL_ACTOR_TYPES,
    CatalogQuery,
    actor_graph_view,
    catalog_parameters,
)
from actorgraph.graph.vocabulary import Vocabulary

GRASS_NAME = "actorgraph.grass"
FAVORITES_NAME = "actorgraph-favorites.zip"
#: The favourites' folder in the Browser's sidebar.
FAVORITES_FOLDER = "ActorGraph"

#: Example values for the catalog's required parameters, taken from the seed article
#: (data/articles/orient-2022-01-hasakah-prison.json): the favourites run as they are on it.
EXAMPLES: dict[str, Any] = {"actor": "sdf", "a": "sdf", "b": "international-coalition",
                            "article": "orient-2022-01-hasakah-prison"}


@dataclass(frozen=True)
class Favorite:
    """One Browser favourite: its file name in the zip and its text."""

    name: str
    text: str


def grass_text() -> str:
    """The shipped style: colours per node label (Actor, Article, Claim, Mention, each actor type)."""
    return resources.files("actorgraph.graph.neo4j").joinpath(GRASS_NAME).read_text(encoding="utf-8")


def cypher_literal(value: Any) -> str:
    """A Cypher literal for a parameter value (string, integer, list of those, or None)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def inline_parameters(cypher: str, values: dict[str, Any]) -> str:
    """``cypher`` with each ``$name`` of ``values`` replaced by its literal (others left as they are)."""
    return _PARAMETER.sub(lambda m: cypher_literal(values[m[1]]) if m[1] in values else m[0], cypher)


def _header(title: str, description: str, values: dict[str, Any]) -> list[str]:
    shown = ", ".join(f"{name} = {cypher_literal(value)}" for name, value in values.items())
    return [f"// ActorGraph: {title}", f"// {description}", f"// Values used below: {shown}"]


def _param_values(query: CatalogQuery, vocabulary: Vocabulary) -> dict[str, Any]:
    """The values a favourite starts with: defaults, examples, then what the vocabulary derives."""
    values: dict[str, Any] = {}
    for param in query.params:
        value = EXAMPLES.get(param.name) if param.default is None else param.default
        if param.kind == "relation":
            value = vocabulary.relationship_type(value) if value else None
        values[param.name] = value
    return {**values, **catalog_parameters(query.name, vocabulary)}


def catalog_favorite(query: CatalogQuery, vocabulary: Vocabulary) -> Favorite:
    """The favourite of one catalog query: title, description, ``:param`` lines, the Cypher."""
    values = _param_values(query, vocabulary)
    lines = _header(query.name, query.description, values)
    if any(param.kind == "actor" for param in query.params):
        lines.append("// Actors go by id (MATCH (a:Actor) RETURN a.id, a.name_en): change them in place, then run.")
    lines.append(inline_parameters(query.cypher(vocabulary, values).strip(), values))
    return Favorite(f"{query.name}.cypher", "\n".join(lines) + "\n")


def label_types_favorite(vocabulary: Vocabulary) -> Favorite:
    """The favourite that gives each actor its type as a second label, so the style colours it.

    ActorGraph keeps the type as a property (`a.type`); a GraSS style can only select labels.
    Only the vocabulary's actor types become labels (`$types`), and a changed type loses its old one.
    """
    values = {"types": sorted(vocabulary.actor_types)}
    lines = [*_header("label actors by type", "Adds each actor's type (ArmedGroup, State, ...) as a label so "
                      "actorgraph.grass colours it. It writes: run it again after each load.", values),
             inline_parameters(LABEL_ACTOR_TYPES.strip(), values)]
    return Favorite("label-actors-by-type.cypher", "\n".join(lines) + "\n")


def graph_view_favorite(vocabulary: Vocabulary, limit: int = 300) -> Favorite:
    """The favourite that draws the actor graph (the catalog answers with tables, the Browser draws paths)."""
    values = {"limit": limit}
    lines = [*_header("actor graph", "The direct actor-to-actor edges (asserted claims), drawn with "
                      "actorgraph.grass.", values),
             inline_parameters(actor_graph_view(vocabulary).strip(), values)]
    return Favorite("actor-graph.cypher", "\n".join(lines) + "\n")


def favorites(vocabulary: Vocabulary) -> list[Favorite]:
    """Every favourite: labelling and drawing first, then the catalog in its order."""
    return [label_types_favorite(vocabulary), graph_view_favorite(vocabulary),
            *(catalog_favorite(q, vocabulary) for q in CATALOG.values())]


def write_browser_assets(out_dir: Path, vocabulary: Vocabulary) -> list[Path]:
    """Write ``actorgraph.grass`` and ``actorgraph-favorites.zip`` into ``out_dir``; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    grass = out_dir / GRASS_NAME
    grass.write_text(grass_text(), encoding="utf-8")
    archive = out_dir / FAVORITES_NAME
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for favorite in favorites(vocabulary):
            zf.writestr(f"{FAVORITES_FOLDER}/{favorite.name}", favorite.text)
    return [grass, archive]
