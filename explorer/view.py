"""View models for exploring the graph: edges that aggregate their claims, nodes styled by type,
path explanations, and the data handed to the graph component.

The explorer page only renders what these functions return, so the exploration logic is tested
without a browser. An edge here is one (subject, predicate, object) triple read in its annotated
direction, carrying every claim that states (or denies) it: the page shows one line per triple
and opens its evidence on demand.
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from actorgraph.graph.claims import Triple
from actorgraph.graph.model import Actor, Claim
from actorgraph.graph.store import (
    DEFAULT_NODE_LIMIT,
    EdgeSummary,
    EgoEdges,
    GraphPath,
    PathEdges,
    Subgraph,
    sort_claims,
)
from actorgraph.graph.vocabulary import Vocabulary

EDGE_ID_SEPARATOR = "|"

#: One colour per actor type (colour-blind-safe-ish, distinct on white and on dark backgrounds).
TYPE_COLOURS: dict[str, str] = {
    "Person": "#4e79a7",
    "State": "#e15759",
    "GovernmentBody": "#f28e2b",
    "MilitaryUnit": "#9c755f",
    "ArmedGroup": "#b07aa1",
    "Coalition": "#59a14f",
    "Organization": "#76b7b2",
    "MediaOutlet": "#edc948",
    "Facility": "#7f7f7f",
    "Location": "#a0cbe8",
    "Collective": "#ff9da7",
}
FALLBACK_COLOUR = "#bab0ac"
#: Material icons bundled with the graph component (its frontend ships them as local SVG files).
TYPE_ICONS: dict[str, str] = {
    "Person": "person", "State": "flag", "GovernmentBody": "account_balance", "MilitaryUnit": "badge",
    "ArmedGroup": "group", "Coalition": "group", "Organization": "business", "MediaOutlet": "campaign",
    "Facility": "factory", "Location": "place", "Collective": "group",
}


@dataclass(frozen=True)
class EdgeView:
    """One `subject predicate object` with counts per polarity: from the store's `EdgeSummary`
    (`summary`; its claims are fetched a page at a time when the edge is opened), or from the
    claims themselves (`claims`, e.g. a downloaded subgraph)."""

    subject: str
    predicate: str
    object: str
    label: str
    claims: tuple[Claim, ...] = ()
    contested: bool = False
    weight: float | None = None
    summary: EdgeSummary | None = None

    @property
    def id(self) -> str:
        return edge_id(self.subject, self.predicate, self.object)

    @property
    def count(self) -> int:
        return self.summary.claims if self.summary is not None else len(self.claims)

    @property
    def asserted(self) -> int:
        if self.summary is not None:
            return self.summary.asserted
        return sum(1 for c in self.claims if c.polarity == "asserted")

    @property
    def denied(self) -> int:
        if self.summary is not None:
            return self.summary.denied
        return sum(1 for c in self.claims if c.polarity != "asserted")

    @property
    def kind(self) -> str:
        """How the edge is drawn: only denials, contested (both sides), or plainly asserted."""
        if self.asserted == 0:
            return "denied"
        if self.denied or self.contested:
            return "contested"
        return "asserted"


@dataclass(frozen=True)
class NodeView:
    id: str
    name: str
    type: str
    type_label: str
    colour: str
    focus: bool = False
    degree: int = 0


@dataclass(frozen=True)
class GraphView:
    """What the ego-network panel draws: nodes, aggregated edges, and whether the view was cut."""

    nodes: tuple[NodeView, ...]
    edges: tuple[EdgeView, ...]
    truncated: bool = False
    focus: str | None = None
    actors: Mapping[str, Actor] = field(default_factory=dict, compare=False)

    def edge(self, edge_key: str) -> EdgeView | None:
        return next((e for e in self.edges if e.id == edge_key), None)

    def name(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id


def edge_id(subject: str, predicate: str, obj: str) -> str:
    """The stable key of an aggregated edge, used in URLs and by the graph component."""
    return EDGE_ID_SEPARATOR.join((subject, predicate, obj))


def relation_label(vocabulary: Vocabulary, predicate: str, language: str = "en") -> str:
    try:
        return vocabulary.term(predicate).labels.get(language) or predicate
    except KeyError:
        return predicate


def canonical(vocabulary: Vocabulary, subject: str, predicate: str, obj: str) -> Triple:
    """The triple in its canonical reading (see `Vocabulary.canonical`), or as is for unknown terms."""
    try:
        return vocabulary.canonical(subject, predicate, obj)
    except KeyError:
        return (subject, predicate, obj)


def aggregate_edges(claims: Iterable[Claim], vocabulary: Vocabulary, *, contested: Iterable[Triple] = (),
                    weights: Mapping[Triple, float] | None = None) -> list[EdgeView]:
    """One EdgeView per (subject, predicate, object) as annotated, strongest first.

    `contested` holds the canonical relations that claims both assert and deny across the corpus
    (`graph.claims.contested`); `weights` maps canonical relations to their confidence
    (`graph.weights.edge_weights`). `supported-by` and `supports` edges share their relation's
    mark and weight. Order: confidence (when known), then claim count, then id.
    """
    grouped: dict[Triple, list[Claim]] = {}
    for claim in claims:
        grouped.setdefault((claim.subject, claim.predicate, claim.object), []).append(claim)
    disputed = set(contested)
    weights = weights or {}
    edges = []
    for (s, p, o), found in grouped.items():
        relation = canonical(vocabulary, s, p, o)
        edges.append(EdgeView(s, p, o, relation_label(vocabulary, p), tuple(sort_claims(found)),
                              contested=relation in disputed, weight=weights.get(relation)))
    return sorted(edges, key=lambda e: (-(e.weight or 0.0), -e.count, e.id))


def summary_edges(edges: Iterable[EdgeSummary], vocabulary: Vocabulary) -> list[EdgeView]:
    """EdgeViews of store summaries (contested flag and weight included), in `aggregate_edges`' order."""
    views = [EdgeView(e.subject, e.predicate, e.object, relation_label(vocabulary, e.predicate), contested=e.contested,
                      weight=e.weight or None, summary=e) for e in edges]
    return sorted(views, key=lambda e: (-(e.weight or 0.0), -e.count, e.id))


def summary_view(actors: Sequence[Actor], edges: Iterable[EdgeSummary], vocabulary: Vocabulary,
                 focus: str | None = None, truncated: bool = False) -> GraphView:
    """`graph_view` from the store's aggregates (`Store.ego_edges`): no claim is read to draw it."""
    return _view(actors, summary_edges(edges, vocabulary), vocabulary, focus, truncated)


def graph_view(subgraph: Subgraph, vocabulary: Vocabulary, focus: str | None = None, *,
               contested: Iterable[Triple] = (), weights: Mapping[Triple, float] | None = None) -> GraphView:
    """Turn a Subgraph into styled nodes and aggregated edges for the page."""
    edges = aggregate_edges(subgraph.claims, vocabulary, contested=contested, weights=weights)
    return _view(subgraph.actors, edges, vocabulary, focus, subgraph.truncated)


def _view(actors: Sequence[Actor], edges: list[EdgeView], vocabulary: Vocabulary, focus: str | None,
          truncated: bool) -> GraphView:
    degree: dict[str, set[str]] = {}
    for edge in edges:
        degree.setdefault(edge.subject, set()).add(edge.object)
        degree.setdefault(edge.object, set()).add(edge.subject)
    nodes = tuple(
        NodeView(id=a.id, name=a.name, type=a.type,
                 type_label=vocabulary.actor_types.get(a.type, {}).get("en", a.type),
                 colour=TYPE_COLOURS.get(a.type, FALLBACK_COLOUR), focus=a.id == focus,
                 degree=len(degree.get(a.id, ())))
        for a in actors
    )
    return GraphView(nodes, tuple(edges), truncated, focus, {a.id: a for a in actors})


def _capped_actors(parts: Sequence[Subgraph | EgoEdges], limit: int) -> tuple[dict[str, Actor], bool]:
    """The actors of several parts, earlier parts first, at most `limit`; True when the cap bit."""
    actors: dict[str, Actor] = {}
    truncated = any(p.truncated for p in parts)
    for part in parts:
        for actor in part.actors:
            if actor.id in actors:
                continue
            if len(actors) >= limit:
                truncated = True
                continue
            actors[actor.id] = actor
    return actors, truncated


def merge_subgraphs(parts: Sequence[Subgraph], limit: int = DEFAULT_NODE_LIMIT) -> Subgraph:
    """Union of several neighbourhoods (the focus plus expanded neighbours), capped at `limit` actors.

    Actors of earlier parts win when the cap bites; claims are kept only between kept actors.
    """
    actors, truncated = _capped_actors(parts, limit)
    claims = {c.id: c for p in parts for c in p.claims if c.subject in actors and c.object in actors}
    return Subgraph(tuple(sorted(actors.values(), key=lambda a: a.id)), tuple(sort_claims(claims.values())),
                    truncated)


def merge_ego_edges(parts: Sequence[EgoEdges], limit: int = DEFAULT_NODE_LIMIT) -> EgoEdges:
    """`merge_subgraphs` for store aggregates: earlier parts' actors win, edges kept between kept actors."""
    actors, truncated = _capped_actors(parts, limit)
    edges = {e.triple: e for p in parts for e in p.edges if e.subject in actors and e.object in actors}
    return EgoEdges(tuple(sorted(actors.values(), key=lambda a: a.id)), tuple(edges[t] for t in sorted(edges)),
                    truncated)


def edge_title(edge: EdgeView, names: Mapping[str, str] | GraphView) -> str:
    """'SDF —supported by→ International Coalition (2 claims)', plain text (escape before HTML)."""
    name = names.name if isinstance(names, GraphView) else (lambda a: names.get(a, a))
    count = f"{edge.count} claim{'s' if edge.count != 1 else ''}"
    if edge.denied:
        count += f", {edge.denied} denied"
    if edge.contested:
        count += ", contested"
    if edge.weight is not None:
        count += f", confidence {edge.weight:.2f}"
    return f"{name(edge.subject)} —{edge.label}→ {name(edge.object)} ({count})"


@dataclass(frozen=True)
class HopExplanation:
    """One hop of a path: the two actors and the aggregated edges (either direction) between them."""

    source: str
    target: str
    edges: tuple[EdgeView, ...]

    def text(self, names: Mapping[str, str]) -> str:
        return "; ".join(edge_title(e, names) for e in self.edges)


def explain_path(path: GraphPath, vocabulary: Vocabulary, *, contested: Iterable[Triple] = (),
                 weights: Mapping[Triple, float] | None = None) -> list[HopExplanation]:
    """Per hop, the relations that link its two actors, in the direction each claim states."""
    disputed = set(contested)
    return [HopExplanation(hop.source, hop.target,
                           tuple(aggregate_edges(hop.claims, vocabulary, contested=disputed, weights=weights)))
            for hop in path.hops]


def explain_hops(path: PathEdges, vocabulary: Vocabulary) -> list[HopExplanation]:
    """`explain_path` from the store's summaries of each hop (`Store.path_edges`)."""
    return [HopExplanation(hop.source, hop.target, tuple(summary_edges(hop.edges, vocabulary))) for hop in path.hops]


def path_text(path: GraphPath, vocabulary: Vocabulary, names: Mapping[str, str]) -> list[str]:
    """The hops of `path` as plain sentences, one line each."""
    return [hop.text(names) for hop in explain_path(path, vocabulary)]


# ---------------------------------------------------------------------------- graph component data
def _safe(value: object) -> str:
    """Text for the component's info panel, which writes property values with innerHTML."""
    return html.escape(str(value), quote=True)


def is_standing(edge: EdgeView, articles: Mapping[str, object] | None = None) -> bool:
    """True when no claim of the edge has a date (nor its article one): a standing relation that
    every time window keeps, drawn differently so nobody reads it as dated inside the window."""
    if edge.summary is not None:
        return edge.summary.first is None
    for claim in edge.claims:
        article = (articles or {}).get(claim.article_id)
        if claim.date or getattr(article, "published", None):
            return False
    return True


def cytoscape_elements(view: GraphView, positions: Mapping[str, tuple[float, float]] | None = None,
                       articles: Mapping[str, object] | None = None) -> dict[str, list[dict[str, object]]]:
    """Nodes and edges for st-link-analysis (Cytoscape.js), with preset positions when given.

    `label` is drawn on the canvas and in the info panel header with innerText, so it carries the
    raw name; every other property is HTML-escaped because the panel renders it with innerHTML.
    Edges carry `standing: yes` when none of their claims is dated (see `is_standing`).
    """
    nodes = []
    for n in view.nodes:
        node: dict[str, object] = {"data": {"id": n.id, "label": n.name, "group": n.type,
                                            "focus": "yes" if n.focus else "no", "type": _safe(n.type_label),
                                            "actor_id": _safe(n.id), "links": n.degree}}
        if positions and n.id in positions:
            x, y = positions[n.id]
            node["position"] = {"x": x, "y": y}
        nodes.append(node)
    edges: list[dict[str, object]] = [{"data": {"id": e.id, "source": e.subject, "target": e.object, "label": e.label,
                       "kind": e.kind, "caption": f"{e.label} ({e.count})" if e.count > 1 else e.label,
                       "claims": e.count, "denied": e.denied, "relation": _safe(e.predicate),
                       "standing": "yes" if is_standing(e, articles) else "no"}}
             for e in view.edges]
    return {"nodes": nodes, "edges": edges}


@dataclass(frozen=True)
class StyleRule:
    """A Cytoscape style rule with a `dump()` like the component's own NodeStyle/EdgeStyle."""

    selector: str
    style: dict[str, str]

    def dump(self) -> dict[str, object]:
        return {"selector": self.selector, "style": dict(self.style)}


def node_style_rules(vocabulary: Vocabulary) -> list[StyleRule]:
    """Colour and icon per actor type, caption from the raw name, a ring around the focus."""
    rules = [StyleRule("node", {"label": "data(label)", "font-size": "11px", "text-wrap": "wrap",
                                "text-max-width": "120px"})]
    for actor_type in vocabulary.actor_types:
        style = {"background-color": TYPE_COLOURS.get(actor_type, FALLBACK_COLOUR)}
        if actor_type in TYPE_ICONS:
            style["background-image"] = f"./icons/{TYPE_ICONS[actor_type]}.svg"
        rules.append(StyleRule(f"node[group='{actor_type}']", style))
    rules.append(StyleRule("node[focus='yes']", {"border-width": "4px", "border-color": "#222222",
                                                 "width": "42px", "height": "42px"}))
    return rules


#: Above this many edges, captions are drawn only for the selected edge and the selected node's edges.
CROWDED_EDGES = 30
LABEL_ON = {"label": "data(caption)", "text-background-color": "#ffffff", "text-background-opacity": "0.85",
            "text-background-padding": "1px", "z-index": "10"}


def edge_style_rules(crowded: bool = False) -> list[StyleRule]:
    """Arrows with relation captions; denied edges dotted red, contested ones dashed orange, standing
    (undated) ones grey and thin. Captions sit on a white backing, vanish when zoomed out, and when
    the view is `crowded` appear only on selection (click an edge, or a node for all its edges)."""
    base = {"target-arrow-shape": "triangle", "curve-style": "bezier", "font-size": "9px",
            "text-rotation": "autorotate", "min-zoomed-font-size": "7px", "width": "2px"}
    if not crowded:
        base.update(LABEL_ON)
    return [
        StyleRule("edge", base),
        StyleRule("edge[standing='yes']", {"line-color": "#b5b5b5", "target-arrow-color": "#b5b5b5", "width": "1.2px"}),
        StyleRule("edge[kind='contested']", {"line-color": "#f28e2b", "target-arrow-color": "#f28e2b",
                                             "line-style": "dashed"}),
        StyleRule("edge[kind='denied']", {"line-color": "#d62728", "target-arrow-color": "#d62728",
                                          "line-style": "dotted"}),
        StyleRule("edge:selected", {**LABEL_ON, "width": "3px", "font-size": "11px"}),
        StyleRule("node:selected", {"border-width": "3px", "border-color": "#1f77b4"}),
        StyleRule("edge.highlight", LABEL_ON),
    ]


#: What the legend says about each edge style (kept next to the rules that draw them).
EDGE_LEGEND: tuple[tuple[str, str, str], ...] = (
    ("asserted", "solid", "#999999"),
    ("contested (claims for and against)", "dashed", "#f28e2b"),
    ("only denied or negated", "dotted", "#d62728"),
    ("standing: no date, kept in every window", "solid", "#b5b5b5"),
)
