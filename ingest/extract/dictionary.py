"""Actor candidates from the converted event dictionaries (data/dictionaries/*.tsv).

Entries are matched through the same keys as gazetteer names (graph.names.ranked_keys); a match
yields a new actor typed from the entry's CAMEO code, flagged for review. When the files are absent
(e.g. a stripped install), the dictionary is empty and extraction relies on the gazetteer alone.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from actorgraph.graph.config import DATA_DIR
from actorgraph.graph.names import ranked_keys
from actorgraph.ingest.extract.tokens import Token

DICTIONARY_DIR = DATA_DIR / "dictionaries"
ACTOR_FILES = ("actors.ar.tsv", "actors.en.tsv")
#: the highest key penalty a dictionary match may have (full name or article stripped only)
MAX_PENALTY = 1


@dataclass(frozen=True, slots=True)
class DictionaryEntry:
    name: str
    type: str
    code: str
    language: str

    @property
    def description(self) -> str:
        return f"event-dictionary entry, CAMEO code {self.code}"


class Dictionary:
    def __init__(self, entries: list[DictionaryEntry], stop: frozenset[str] = frozenset()) -> None:
        """`stop`: keys never taken as names (head nouns: "مدينة" is Medina in the dictionary and
        "city" in running text)."""
        self._by_key: dict[str, DictionaryEntry] = {}
        self._words: set[str] = set()
        for entry in entries:
            for key, penalty in ranked_keys(entry.name).items():
                if penalty <= MAX_PENALTY and key not in self._by_key and key not in stop:
                    self._by_key[key] = entry
                    self._words.update(key.split())

    def __len__(self) -> int:
        return len(self._by_key)

    def has_word(self, token: Token) -> bool:
        return any(b in self._words for b in token.bases)

    def lookup(self, surface: str, language: str) -> DictionaryEntry | None:
        for key, penalty in ranked_keys(surface, mention=True).items():
            entry = self._by_key.get(key)
            if entry is not None and penalty <= MAX_PENALTY + 1:
                return entry
        return None


def load_dictionary(directory: Path = DICTIONARY_DIR, stop: frozenset[str] = frozenset()) -> Dictionary:
    entries = []
    for name in ACTOR_FILES:
        path = directory / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                for alias in [row["name"], *filter(None, row.get("aliases", "").split("|"))]:
                    entries.append(DictionaryEntry(alias, row["type"], row["code"], row["language"]))
    return Dictionary(entries, stop)


@lru_cache(maxsize=1)
def default_dictionary() -> Dictionary:
    from actorgraph.ingest.extract.patterns import load_patterns
    return load_dictionary(stop=load_patterns().heads)
