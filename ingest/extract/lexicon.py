"""The trigger and cue lexicon (`data/triggers.yaml`), compiled into one phrase index.

Every form is expanded once, at load time, into the surface forms it stands for (Arabic verb
conjugations, noun suffixes; English -s/-ed/-ing), so matching a token is a dictionary lookup
of its normalised forms (tokens.base_forms): no regex per trigger, which keeps extraction fast.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from actorgraph.graph.config import DATA_DIR
from actorgraph.graph.errors import ReferenceDataError
from actorgraph.graph.files import load_yaml
from actorgraph.graph.names import normalise_name
from actorgraph.graph.vocabulary import default_vocabulary
from actorgraph.ingest.extract.tokens import Token, is_arabic

DEFAULT_TRIGGERS = DATA_DIR / "triggers.yaml"
_VERB_KINDS = frozenset({"verb", "cue-verb", "denial"})
FRAMES = ("verb", "participle", "noun", "noun-patient", "between", "by", "by-reverse")

_AR_VERB_PREFIXES = ("ي", "ت", "ن", "ا")
_AR_VERB_SUFFIXES = ("ت", "وا", "ون", "ان", "ا", "ه", "ها", "هم", "ن", "تا", "تم", "نا", "وه", "ته", "تها", "تهم")
_AR_NOUN_SUFFIXES = ("ات", "ه", "ها", "هم", "ين", "ان", "ي", "يه")
_AR_PARTICIPLE_SUFFIXES = ("ا", "ه", "ين", "ون", "ات")


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon phrase: its kind (frame or cue class), payload (term, certainty...) and words."""

    kind: str
    payload: str
    language: str
    words: tuple[str, ...]  # normalised words after the first (matched exactly)
    head: str = ""  # the first word as written in the lexicon (normalised)


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    first: int  # token index
    last: int   # token index, inclusive

    @property
    def kind(self) -> str:
        return self.entry.kind

    @property
    def payload(self) -> str:
        return self.entry.payload


def _arabic_verb_forms(stem: str) -> set[str]:
    forms = {stem}
    stems = [stem]
    if stem.endswith("ي") or stem.endswith("ى"):
        stems.append(stem[:-1])
    for base in stems:
        forms.update(base + s for s in _AR_VERB_SUFFIXES)
    present = stem[1:] if stem.startswith("ا") and len(stem) > 3 else stem
    for prefix in _AR_VERB_PREFIXES:
        for base in (present, stem) if prefix != "ا" else (stem,):
            if prefix == "ا" and base.startswith("ا"):
                continue
            forms.add(prefix + base)
            forms.update(prefix + base + s for s in ("ون", "ان", "وا", "ه", "ها", "هم", "ن"))
    return forms


def _arabic_noun_forms(stem: str) -> set[str]:
    forms = {stem, *(stem + s for s in _AR_NOUN_SUFFIXES)}
    if stem.endswith("ه"):
        root = stem[:-1]
        forms.update(root + "ت" + s for s in ("ه", "ها", "هم", "ي", "ين", "ان"))
        forms.add(root + "ات")
    return forms


def _english_verb_forms(stem: str) -> set[str]:
    forms = {stem, stem + "s", stem + "es", stem + "ed", stem + "d", stem + "ing"}
    if stem.endswith("e"):
        forms.add(stem[:-1] + "ing")
    if stem.endswith("y"):
        forms.update({stem[:-1] + "ied", stem[:-1] + "ies"})
    if len(stem) > 2 and stem[-1] not in "aeiouwy" and stem[-2] in "aeiou" and stem[-3] not in "aeiou":
        forms.update({stem + stem[-1] + "ed", stem + stem[-1] + "ing"})
    return forms


def expand(first: str, kind: str, language: str) -> set[str]:
    """The surface forms (normalised) a lexicon word stands for in running text."""
    if language == "ar":
        if kind in ("verb", "cue-verb", "denial"):
            return _arabic_verb_forms(first)
        if kind in ("noun", "noun-patient", "between"):
            return _arabic_noun_forms(first)
        if kind == "participle":
            return {first, *(first + s for s in _AR_PARTICIPLE_SUFFIXES)}
        return {first}
    if kind in ("verb", "cue-verb", "denial"):
        return _english_verb_forms(first)
    if kind in ("noun", "noun-patient", "between"):
        return {first, first + "s", first + "es"}
    return {first}


def _after_preposition(bases: tuple[str, ...], form: str) -> bool:
    """`form` is a reading of the token with a preposition ب/ك/ل stripped ("لدينا" -> "دينا");
    only ل before a present-tense prefix (ليدين) may precede a verb."""
    for base in bases:
        if len(base) == len(form) + 1 and base.endswith(form) and base[0] in "بكل":
            return not (base[0] == "ل" and form[:1] in "يتن")
    return False


class PhraseIndex:
    """Lexicon phrases keyed by the expanded forms of their first word."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[Entry]] = {}

    def add(self, phrase: str, kind: str, payload: str, language: str) -> None:
        words = normalise_name(phrase).split()
        if not words:
            return
        entry = Entry(kind, payload, language, tuple(words[1:]), words[0])
        for form in expand(words[0], kind, language):
            self._by_first.setdefault(form, []).append(entry)

    def first_words(self) -> frozenset[str]:
        return frozenset(self._by_first)

    def match_at(self, tokens: Sequence[Token], i: int) -> list[Match]:
        """Every phrase starting at token i (longest first)."""
        bases = tokens[i].bases
        by_first = self._by_first
        noun_ending = tokens[i].text.endswith("ة")  # ta marbuta: a noun ("دعوة"), never a verb
        if not any(b in by_first for b in bases):
            return []
        found: list[Match] = []
        seen: set[Entry] = set()
        for form in bases:
            definite = "ال" + form in bases
            after_preposition = _after_preposition(bases, form)
            for entry in self._by_first.get(form, ()):
                if entry in seen or ((definite or after_preposition or noun_ending) and entry.kind in _VERB_KINDS):
                    continue  # "القدرة", "لدينا": nouns; a verb never carries the article or ب/ك/ل
                seen.add(entry)
                last = _follows(tokens, i, entry.words)
                if last is not None:
                    found.append(Match(entry, i, last))
        found.sort(key=lambda m: m.last - m.first, reverse=True)
        return found

    def scan_alternatives(self, tokens: Sequence[Token]) -> list[list[Match]]:
        """Like `scan`, but each place gives every phrase of the longest length found there
        ("captured" is detains or controls: the argument types decide)."""
        out: list[list[Match]] = []
        i = 0
        while i < len(tokens):
            matches = self.match_at(tokens, i)
            if matches:
                longest = matches[0].last
                out.append([m for m in matches if m.last == longest])
                i = longest + 1
            else:
                i += 1
        return out

    def scan(self, tokens: Sequence[Token], kinds: Iterable[str] | None = None) -> list[Match]:
        """Non-overlapping longest matches, left to right (restricted to `kinds` if given)."""
        wanted = set(kinds) if kinds is not None else None
        out: list[Match] = []
        i = 0
        while i < len(tokens):
            matches = [m for m in self.match_at(tokens, i) if wanted is None or m.kind in wanted]
            if matches:
                out.append(matches[0])
                i = matches[0].last + 1
            else:
                i += 1
        return out


def _follows(tokens: Sequence[Token], i: int, words: tuple[str, ...]) -> int | None:
    """Index of the last token when `words` follow token i (each compared with its bases)."""
    j = i
    for word in words:
        j += 1
        if j >= len(tokens) or word not in tokens[j].bases:
            return None
    return j


@dataclass
class Lexicon:
    """Triggers (kind = frame, payload = vocabulary term) and cues (reporting, denial, ...)."""

    triggers: PhraseIndex
    cues: PhraseIndex
    object_prepositions: frozenset[str]
    agentive: PhraseIndex
    between: frozenset[str]
    source: str
    subjected: PhraseIndex | None = None  # "تعرض X لهجوم": X is the object of the attack
    inclusion: PhraseIndex | None = None  # "بما في ذلك X", "including X"


def _list(value: Any, path: str, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ReferenceDataError(path, key, "must be a list of words or phrases")
    return value


def parse_lexicon(data: Any, path: str) -> Lexicon:
    """Validate the lexicon: every term must be a vocabulary term, every frame a known one."""
    if not isinstance(data, dict) or not isinstance(data.get("terms"), dict):
        raise ReferenceDataError(path, "terms", "must map vocabulary terms to their triggers")
    vocabulary = default_vocabulary()
    triggers = PhraseIndex()
    for term, by_language in data["terms"].items():
        if term not in vocabulary:
            raise ReferenceDataError(path, f"terms.{term}", "is not a vocabulary term", "see data/vocabulary.yaml")
        canonical = vocabulary.term(term).id
        for language, frames in (by_language or {}).items():
            for frame, forms in (frames or {}).items():
                if frame not in FRAMES:
                    raise ReferenceDataError(path, f"terms.{term}.{language}.{frame}", "unknown frame",
                                             f"use one of {', '.join(FRAMES)}")
                for form in _list(forms, path, f"terms.{term}.{language}.{frame}"):
                    triggers.add(form, frame, canonical, language)
    cues = PhraseIndex()
    reporting = data.get("reporting") or {}
    for kind, key in (("cue-verb", "verb"), ("cue-source", "source")):
        for language, forms in (reporting.get(key) or {}).items():
            for form in _list(forms, path, f"reporting.{key}.{language}"):
                cues.add(form, kind, key, language)
    for language, forms in (data.get("denial") or {}).items():
        for form in _list(forms, path, f"denial.{language}"):
            cues.add(form, "denial", "denied", language)
    for language, forms in (data.get("negation") or {}).items():
        for form in _list(forms, path, f"negation.{language}"):
            cues.add(form, "negation", "negated", language)
    for certainty, by_language in (data.get("hedges") or {}).items():
        for language, forms in (by_language or {}).items():
            for form in _list(forms, path, f"hedges.{certainty}.{language}"):
                cues.add(form, "hedge", certainty, language)
    markers = data.get("markers") or {}
    agentive = PhraseIndex()
    for language, forms in (markers.get("agentive") or {}).items():
        for form in _list(forms, path, f"markers.agentive.{language}"):
            agentive.add(form, "agent", "agent", language)
    subjected = PhraseIndex()
    for language, forms in (markers.get("subjected") or {}).items():
        for form in _list(forms, path, f"markers.subjected.{language}"):
            subjected.add(form, "verb" if language == "ar" else "phrase", "subjected", language)
    inclusion = PhraseIndex()
    for language, forms in (markers.get("inclusion") or {}).items():
        for form in _list(forms, path, f"markers.inclusion.{language}"):
            inclusion.add(form, "phrase", "inclusion", language)
    # cues too, so that the one scan of an article's words finds them
    for kind, key in (("obligation", "obligation"), ("statement-voice", "statement_voice"),
                      ("responsibility", "responsibility")):
        for language, forms in (markers.get(key) or {}).items():
            for form in _list(forms, path, f"markers.{key}.{language}"):
                cues.add(form, kind, kind, language)
    return Lexicon(
        inclusion=inclusion,
        subjected=subjected,
        triggers=triggers,
        cues=cues,
        object_prepositions=frozenset(normalise_name(w) for forms in (markers.get("object_prepositions") or {}).values()
                                      for w in _list(forms, path, "markers.object_prepositions")),
        agentive=agentive,
        between=frozenset(normalise_name(w) for forms in (markers.get("between") or {}).values()
                          for w in _list(forms, path, "markers.between")),
        source=path,
    )


def load_lexicon(path: Path | str | None = None) -> Lexicon:
    path = Path(path) if path else DEFAULT_TRIGGERS
    return parse_lexicon(load_yaml(path), str(path))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return load_lexicon(DEFAULT_TRIGGERS)


def language_of(word: str) -> str:
    return "ar" if is_arabic(word) else "en"
