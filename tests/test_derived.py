"""The sidecar of derived tables (graph/derived.py): reused for the same store version, recomputed
when the store changes or the sidecar is damaged, never trusted blindly."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from actorgraph.graph.config import embedded_store_path
from actorgraph.graph.derived import derived, sidecar_path
from actorgraph.graph.edge_summaries import ClaimAggregates
from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.embedded_deferred import DeferredStore
from actorgraph.graph.gazetteer import default_gazetteer, load_gazetteer
from actorgraph.graph.locking import current_version
from actorgraph.graph.overview import overview_from_store
from actorgraph.graph.store import ClaimFilter
from actorgraph.graph.timeline import TimeIndex
from actorgraph.ingest.pipeline import ingest_paths
from actorgraph.ingest.registry import ReadContext
from bench.make_corpus import write_corpus


def _store(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "graph.msgpack"
    fresh = tmp_path / "new"
    fresh.write_bytes(content)
    fresh.replace(path)  # as the store writes: a new file renamed over the old one
    return path


def _count(calls: list[int], value: int):
    def compute() -> int:
        calls.append(value)
        return value
    return compute


def test_reused_for_the_same_version_and_recomputed_after_a_write(tmp_path: Path) -> None:
    store, calls = _store(tmp_path, b"one"), []
    version = current_version(store)
    assert derived(store, version, ("stats",), _count(calls, 1)) == 1
    assert derived(store, version, ("stats",), _count(calls, 2)) == 1  # from the sidecar
    assert calls == [1]
    store = _store(tmp_path, b"two, longer")
    assert derived(store, current_version(store), ("stats",), _count(calls, 3)) == 3
    assert calls == [1, 3]


def test_a_damaged_sidecar_is_recomputed(tmp_path: Path) -> None:
    store, calls = _store(tmp_path, b"one"), []
    version = current_version(store)
    derived(store, version, ("stats",), _count(calls, 1))
    side = sidecar_path(store)
    blob = bytearray(side.read_bytes())
    blob[-1] ^= 0xFF
    side.write_bytes(bytes(blob))
    assert derived(store, version, ("stats",), _count(calls, 2)) == 2
    side.write_bytes(b"garbage")
    assert derived(store, version, ("stats",), _count(calls, 3)) == 3
    assert calls == [1, 2, 3]


# ---------------------------------------------------------------------------- the explorer's use of it
def _corpus_store(tmp_path: Path) -> EmbeddedStore:
    """A synthetic corpus (bench/make_corpus.py: dated claims, heavy-tailed degrees, denials) ingested."""
    folder = write_corpus(tmp_path / "corpus", 60, 120, seed=11)
    store = EmbeddedStore(embedded_store_path())
    gazetteer = default_gazetteer()
    for actor in load_gazetteer(tmp_path / "corpus" / "actors.yaml").actors.values():
        gazetteer.add(actor)
    assert ingest_paths([folder], store, context=ReadContext(gazetteer=gazetteer)).ok
    return store


def test_a_deferred_store_reads_its_file_on_first_use_only(tmp_path: Path) -> None:
    store = _corpus_store(tmp_path)
    deferred = DeferredStore(store.path)  # type: ignore[arg-type]
    assert not deferred.is_loaded and deferred.loaded_version == current_version(store.path)  # type: ignore[arg-type]
    assert derived(deferred.path, deferred.loaded_version, ("n",), lambda: 7) == 7  # keyed without reading
    assert not deferred.is_loaded
    assert len(deferred.claims()) == len(store.claims())  # a query reads it
    assert deferred.is_loaded and deferred.loaded_version == store.loaded_version


def test_the_background_load_reads_the_store_once(tmp_path: Path) -> None:
    store = _corpus_store(tmp_path)
    deferred = DeferredStore(store.path)  # type: ignore[arg-type]
    deferred.warm_up_in_background()
    deferred.warm_up_in_background()  # a second call starts nothing
    assert deferred._warming is not None
    deferred._warming.join(60)
    assert deferred.is_loaded and deferred.loaded._traversal is not None  # the traversal graphs built too
    assert deferred.get_actor(store.claims()[0].subject) is not None


@pytest.mark.parametrize("window", [("2022-01-01", "2022-03-31"), ("2022-06-01", "2022-06-30"), ("2021-01-01", None)])
def test_a_windows_overview_from_the_date_index_is_the_stores(tmp_path: Path, window) -> None:
    store = _corpus_store(tmp_path)
    flt = ClaimFilter(polarities=("asserted",), date_from=window[0], date_to=window[1])
    articles = {a.id: a for a in store.articles()}
    index = TimeIndex(store.claims(ClaimFilter(polarities=())), articles)
    window_claims = tuple(index.select(flt, lambda c: True))
    assert window_claims, "the window holds claims"
    source = ClaimAggregates(window_claims, articles, store.vocabulary)
    assert source.claim_overview(flt, 10) == store.claim_overview(flt, 10)
    hubs = [a for a, _ in store.claim_overview(flt, 10).hubs]
    assert source.edge_summaries(flt, among=hubs) == store.edge_summaries(flt, among=hubs)
    assert source.edge_summaries(flt) == store.edge_summaries(flt)
    actors, stored = list(store.actors()), list(articles.values())
    assert overview_from_store(source, actors, stored, flt, (), limit=8, whole_limit=20) == \
        overview_from_store(store, actors, stored, flt, (), limit=8, whole_limit=20)


def test_the_ranking_is_persisted_per_store_version(tmp_path: Path) -> None:
    from actorgraph.explorer.ranking import _ranked

    store, flt = _corpus_store(tmp_path), ClaimFilter(polarities=("asserted",))
    rows, groups = _ranked(store, flt)
    assert rows and groups
    kept = derived(store.path, store.loaded_version, ("ranking", flt), lambda: pytest.fail("not persisted"))
    assert kept == (rows, groups)
    first, second = rows[0].actor, rows[-1].actor
    store.merge_actors(first, second)  # a write: a new version, so the ranking is computed again
    again, _ = _ranked(store, flt)
    assert second not in {r.actor for r in again} and second in {r.actor for r in rows}


def test_the_first_page_is_drawn_from_the_sidecar_without_reading_the_store(tmp_path: Path) -> None:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from actorgraph.explorer import data
    from tests.conftest import ROOT

    _corpus_store(tmp_path)
    AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()  # computes the sidecar
    st.cache_resource.clear()  # as a restarted server: nothing in memory, the sidecar on disk
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception and any("(" in b.label for b in at.button)  # the hubs are named
    deferred = data.open_backend("embedded").store
    assert isinstance(deferred, DeferredStore)
    if deferred._warming is not None:  # the page starts reading it in the background once drawn
        deferred._warming.join(60)
    assert deferred.loaded_by == "actorgraph-load"  # read by the warm-up thread, not by the page


def test_a_hub_opened_before_is_drawn_from_the_sidecar_after_a_restart(tmp_path: Path) -> None:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from actorgraph.explorer import data
    from tests.conftest import ROOT

    store = _corpus_store(tmp_path)
    hub = store.claim_overview(ClaimFilter(polarities=("asserted",)), 1).hubs[0][0]
    opened = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    opened.query_params["actor"] = hub
    opened.run()
    assert not opened.exception
    ego_key = ("ego", hub, 1, ClaimFilter(polarities=("asserted",)), 150)  # the page's default filter and limit
    assert derived(store.path, store.loaded_version, ego_key, lambda: pytest.fail("not persisted")).actors
    st.cache_resource.clear()
    st.cache_data.clear()
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    again.query_params["actor"] = hub
    again.run()
    assert not again.exception
    captions = [c.value for c in again.caption]
    assert [c for c in captions if re.match(r"^\d+ actors · \d+ links", c)] == \
        [c for c in [c.value for c in opened.caption] if re.match(r"^\d+ actors · \d+ links", c)]
    assert [h.proto.body for h in again.get("html")] == [h.proto.body for h in opened.get("html")]  # same evidence
    deferred = data.open_backend("embedded").store
    assert isinstance(deferred, DeferredStore)
    assert not deferred.is_loaded or deferred.loaded_by == "actorgraph-load"  # the evidence too came from the sidecar


def test_an_edges_persisted_evidence_is_the_stores_and_a_write_invalidates_it(tmp_path: Path) -> None:
    from actorgraph.explorer import data
    from actorgraph.explorer.evidence_panel import edge_evidence_view, rendered_evidence
    from actorgraph.explorer.view import summary_view

    store, flt = _corpus_store(tmp_path), ClaimFilter(polarities=("asserted",))
    hub = store.claim_overview(flt, 1).hubs[0][0]
    ego = store.ego_edges(hub, 1, flt, 150)
    view = summary_view(ego.actors, ego.edges, store.vocabulary, hub, ego.truncated)
    edge = max(view.edges, key=lambda e: e.count)
    backend = data.Backend(store, "embedded", data.embedded_version(store.path), str(store.path))
    shown = edge_evidence_view(backend, edge, store.vocabulary, flt, 0)
    assert shown.cards.count('class="ag-claim ag-') == min(edge.count, 50) and shown.reads
    key = ("evidence", edge.subject, edge.predicate, edge.object, edge.contested, flt, 0)
    kept = derived(store.path, store.loaded_version, key, lambda: pytest.fail("not persisted"))
    assert kept == shown == rendered_evidence(backend, edge, store.vocabulary, flt, 0)
    claim = store.edge_claims(edge.subject, edge.predicate, edge.object, flt, limit=1)[0]
    store.merge_actors(edge.subject, edge.object)  # a write: a new version, the evidence is not reused
    assert derived(store.path, store.loaded_version, key, lambda: None) is None
    assert claim.id in kept.cards or claim.id in {r[0] for r in kept.reads}
