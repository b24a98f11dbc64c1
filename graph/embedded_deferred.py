"""The embedded store opened without reading it: what a cold explorer serves its first page from.

Reading the bench store (200,000 claims) costs 1.5-2 s of CPU before anything else can happen,
yet a cold explorer's first page needs only tables that are already persisted per store version
in the sidecar (graph/derived.py: counts, filter choices, timeline, landing overview, actor
names). `DeferredStore` knows the store's path and the version of its file without opening it;
the first use of anything else (a query, a write) reads the file, and `warm_up_in_background`
reads it in a thread once the first page is drawn, so that the first click finds it ready.

`loaded_version` is the version of the file as it was when the store was opened, until the
file is read; from then on the version of the file actually read (the two differ only if the
file was replaced in between, and then the sidecar entries are those of the file read).
"""
from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from actorgraph.graph.embedded import EmbeddedStore
from actorgraph.graph.locking import FileVersion, current_version
from actorgraph.graph.vocabulary import Vocabulary, default_vocabulary

#: Seconds between the first page and the start of the background read (see `warm_up_in_background`).
FIRST_PAGE_GRACE = 2.0


class DeferredStore:
    """An `EmbeddedStore` read on first use (every attribute it lacks is the loaded store's)."""

    backend = "embedded"

    def __init__(self, path: Path | str, vocabulary: Vocabulary | None = None) -> None:
        self.path = Path(path)
        self.vocabulary = vocabulary or default_vocabulary()
        self._opened_version = current_version(self.path)
        self._store: EmbeddedStore | None = None
        self._lock = threading.Lock()
        self._warming: threading.Thread | None = None
        #: The thread that read the file (the explorer's tests check it is the background one).
        self.loaded_by: str | None = None

    @property
    def is_loaded(self) -> bool:
        """True once the file has been read (tests: the first page must not read it)."""
        return self._store is not None

    @property
    def loaded(self) -> EmbeddedStore:
        """The store itself, read from the file now if no one has yet (once, under a lock)."""
        store = self._store
        if store is None:
            with self._lock:
                store = self._store
                if store is None:
                    store = self._store = EmbeddedStore(self.path, self.vocabulary)
                    self.loaded_by = threading.current_thread().name
        return store

    @property
    def loaded_version(self) -> FileVersion | None:
        store = self._store
        return store.loaded_version if store is not None else self._opened_version

    def warm_up_in_background(self, grace: float = FIRST_PAGE_GRACE) -> None:
        """Read the store, then build its lazy parts, in one daemon thread (started once), after
        `grace` seconds: decoding the file holds the interpreter lock for a second at a time,
        which would stall the server thread while the browser still fetches the first page's
        scripts and components. A query in the meantime reads the store itself (`loaded`)."""
        if self._warming is None:
            self._warming = threading.Thread(target=self._warm_up, args=(grace,), name="actorgraph-load", daemon=True)
            self._warming.start()

    def _warm_up(self, grace: float) -> None:
        if grace > 0 and self._store is None:
            time.sleep(grace)
        self.loaded._warm_up()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("_store", "_lock", "_warming", "_opened_version", "loaded_by"):
            raise AttributeError(name)  # unpickling, copying, or a half-built object: no load
        return getattr(self.loaded, name)
