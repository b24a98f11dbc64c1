"""WebAnno TSV 3.3 export (for INCEpTION): one `<article>.tsv` (+ `.meta.json`) per article.

Entities go to the NamedEntity layer (`value` = actor type, `identifier` = `actorgraph:<id>`),
claims to a custom relation layer `webanno.custom.Claim` with features certainty, claimant (an
actor id), label (the term) and polarity. Tokens are words and punctuation, split further at
every entity boundary so that each entity covers whole tokens; offsets are UTF-16 code units.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from actorgraph.graph.model import Document
from actorgraph.ingest.exporters.label_studio import utf16_offsets
from actorgraph.ingest.exporters.predictions import Predictions
from actorgraph.ingest.exporters.view import ExportView, export_view, write_sidecar
from actorgraph.ingest.sentences import sentence_bounds

NE_LAYER = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
CLAIM_LAYER = "webanno.custom.Claim"
HEADER = (f"#FORMAT=WebAnno TSV 3.3\n#T_SP={NE_LAYER}|identifier|value\n"
          f"#T_RL={CLAIM_LAYER}|certainty|claimant|label|polarity|BT_{NE_LAYER}\n\n")
_WORD = re.compile(r"\w+|[^\w\s]", re.UNICODE)


@dataclass
class _Token:
    address: str
    start: int
    end: int
    entities: list[tuple[str, str]] = field(default_factory=list)  # (identifier, value) cells
    relations: list[tuple[str, ...]] = field(default_factory=list)  # (certainty, claimant, label, polarity, BT)


def _tokens(text: str, start: int, end: int, cuts: set[int]) -> list[tuple[int, int]]:
    pieces = []
    for match in _WORD.finditer(text, start, end):
        piece_start = match.start()
        for cut in sorted(c for c in cuts if match.start() < c < match.end()):
            pieces.append((piece_start, cut))
            piece_start = cut
        pieces.append((piece_start, match.end()))
    return pieces


def _escape(value: str) -> str:
    return re.sub(r"([\\|\[\]_*\-])", r"\\\1", value) if value else "*"


def to_tsv(view: ExportView) -> str:
    text = view.document.article.text
    cuts = {e.span.start for e in view.entities} | {e.span.end for e in view.entities}
    sentences: list[tuple[int, int, list[_Token]]] = []
    tokens: list[_Token] = []
    for number, (start, end) in enumerate(sentence_bounds(text), start=1):
        row = [_Token(f"{number}-{k}", s, e) for k, (s, e) in enumerate(_tokens(text, start, end, cuts), start=1)]
        sentences.append((start, end, row))
        tokens += row
    covering: dict[str, list[_Token]] = {}
    for k, entity in enumerate(view.entities, start=1):
        covered = [t for t in tokens if entity.span.start <= t.start and t.end <= entity.span.end]
        covering[entity.id] = covered
        for token in covered:
            token.entities.append((_escape(f"actorgraph:{entity.actor}") + f"[{k}]", _escape(entity.label) + f"[{k}]"))
    ids = {e.id: k for k, e in enumerate(view.entities, start=1)}
    for link in view.links:
        governor, dependent = covering[link.subject.id], covering[link.object.id]
        if not governor or not dependent:
            continue
        claim = link.claim
        ends = f"{governor[0].address}[{ids[link.subject.id]}_{ids[link.object.id]}]"
        dependent[0].relations.append((claim.certainty, _escape(claim.claimant or ""), _escape(claim.predicate),
                                       claim.polarity, ends))
    units = utf16_offsets(text)
    out = [HEADER]
    for start, end, row in sentences:
        out.append("\n#Text=" + text[start:end].replace("\\", "\\\\").replace("\n", "\\n") + "\n")
        for token in row:
            cells = ["|".join(c[i] for c in token.entities) or "_" for i in range(2)]
            cells += ["|".join(r[i] for r in token.relations) or "_" for i in range(5)]
            out.append("\t".join([token.address, f"{units[token.start]}-{units[token.end]}",
                                  text[token.start:token.end], *cells]) + "\t\n")
    return "".join(out)


def write_inception(documents: list[Document], out: Path, predictions: Predictions | None = None) -> list[Path]:
    """One .tsv per article. WebAnno TSV has no place for scores: suggestions are imported as
    annotations to curate (`predictions` is accepted for a uniform exporter signature)."""
    written = []
    for document in documents:
        path = out / f"{document.article.id}.tsv"
        path.write_text(to_tsv(export_view(document)), encoding="utf-8")
        written += [path, write_sidecar(document, out / f"{document.article.id}.meta.json")]
    return written
