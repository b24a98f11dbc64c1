"""Name normalisation for matching (never for display): Arabic and Latin names fold to keys.

Characters (`normalise_name`): Arabic diacritics (harakat, tanwin, shadda, sukun, dagger alef,
Quranic marks) and tatweel removed; hamza carriers أ إ آ ؤ ئ and ٱ -> ا و ي; ى -> ي; ة -> ه;
Persian ی ک -> ي ك; Arabic-Indic and Persian digits -> ASCII. Latin: case-folded, with
punctuation dropped so that "S.D.F." == "SDF". Whitespace is collapsed.

Words (`ranked_keys`, `name_keys`): a name yields several candidate keys, most specific first,
each with a penalty: the full form (0), articles removed (ال on every Arabic word, "the" on the
first English word), leading descriptors removed ("ميليشيا قسد" -> "قسد"), and, for mentions in
running text only, one-letter proclitics on the first word ("وداعش", "لقسد", "للتنظيم"). Stripping
adds keys and never replaces the full form, so "قوات سوريا الديمقراطية" still matches itself.
The article, proclitic and descriptor lists live in `data/name_rules.yaml`.

Broken plurals and other morphology (الدواعش -> داعش) are NOT derived here: they are explicit
aliases in the gazetteer, because a wrong stem merges two actors and an alias is reviewable.

Library choice: PyArabic (`strip_diacritics`, `strip_tatweel`, `normalize_hamza(method="tasheel")`)
is pure Python with no data files; CAMeL Tools' normaliser does the same character folding but
pulls in a large dependency tree (and model downloads for the rest of the toolkit) for no gain here.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyarabic import araby

from actorgraph.graph.config import DATA_DIR
from actorgraph.graph.errors import ReferenceDataError
from actorgraph.graph.files import load_yaml

DEFAULT_NAME_RULES = DATA_DIR / "name_rules.yaml"

_BIDI_MARKS = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_EXTRA_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_TRANSLATE = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ی": "ي", "ک": "ك",
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
})
_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")

ARTICLE_PENALTY = 1
CLITIC_PENALTY = 1
DESCRIPTOR_PENALTY = 2


def normalise_name(name: str) -> str:
    """The character-level matching form of a name: same form, same name, in either script."""
    text = unicodedata.normalize("NFKC", name)
    text = _BIDI_MARKS.sub("", text)
    text = araby.strip_tatweel(araby.strip_diacritics(text))
    text = araby.normalize_hamza(text, method="tasheel")
    text = _EXTRA_MARKS.sub("", text).translate(_TRANSLATE)
    text = _PUNCTUATION.sub(lambda m: "" if m.group(0) in ".'’`" else " ", text)
    return _SPACES.sub(" ", text).strip().casefold()


# ---------------------------------------------------------------------------------- rules
@dataclass(frozen=True)
class NameRules:
    """Which words are articles, proclitics and descriptors (all stored normalised)."""

    ar_articles: tuple[str, ...] = ("ال",)
    en_articles: tuple[str, ...] = ("the",)
    conjunctions: frozenset[str] = frozenset()
    prepositions: frozenset[str] = frozenset()
    descriptors: frozenset[str] = frozenset()
    min_key_length: int = 2


def _word_list(data: dict[str, Any], key: str, sub: str, path: str) -> tuple[str, ...]:
    section = data.get(key)
    if not isinstance(section, dict):
        raise ReferenceDataError(path, key, "must be a mapping", f"e.g. {key}: {{{sub}: [...]}}")
    value = section.get(sub, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ReferenceDataError(path, f"{key}.{sub}", "must be a list of non-empty words")
    words = tuple(normalise_name(v) for v in value)
    for i, word in enumerate(words):
        if " " in word:
            raise ReferenceDataError(path, f"{key}.{sub}[{i}]", f"{value[i]!r} is not one word")
    return words


def parse_name_rules(data: Any, path: str) -> NameRules:
    """Validate a name-rules mapping; errors name the file and the key."""
    if not isinstance(data, dict):
        raise ReferenceDataError(path, "", "must be a mapping of articles, proclitics, descriptors")
    unknown = set(data) - {"articles", "proclitics", "descriptors", "min_key_length"}
    if unknown:
        raise ReferenceDataError(path, sorted(unknown)[0], "unknown key",
                                 "allowed: articles, proclitics, descriptors, min_key_length")
    ar_articles = _word_list(data, "articles", "ar", path)
    en_articles = _word_list(data, "articles", "en", path)
    conjunctions = _word_list(data, "proclitics", "conjunctions", path)
    prepositions = _word_list(data, "proclitics", "prepositions", path)
    for key, words in (("conjunctions", conjunctions), ("prepositions", prepositions)):
        for i, word in enumerate(words):
            if len(word) != 1:
                raise ReferenceDataError(path, f"proclitics.{key}[{i}]", f"{word!r} is not a single letter")
    minimum = data.get("min_key_length", 2)
    if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 1:
        raise ReferenceDataError(path, "min_key_length", f"{minimum!r} is not a positive integer")
    return NameRules(
        ar_articles=ar_articles,
        en_articles=en_articles,
        conjunctions=frozenset(conjunctions),
        prepositions=frozenset(prepositions),
        descriptors=frozenset(_word_list(data, "descriptors", "ar", path)
                              + _word_list(data, "descriptors", "en", path)),
        min_key_length=minimum,
    )


def load_name_rules(path: Path | str | None = None) -> NameRules:
    """Load and validate `data/name_rules.yaml` (or another rules file)."""
    path = Path(path) if path else DEFAULT_NAME_RULES
    return parse_name_rules(load_yaml(path), str(path))


@lru_cache(maxsize=1)
def default_name_rules() -> NameRules:
    return load_name_rules(DEFAULT_NAME_RULES)


# ---------------------------------------------------------------------------------- keys
def _is_arabic(word: str) -> bool:
    return bool(_ARABIC_LETTER.match(word))


def _strip_article(word: str, rules: NameRules) -> str:
    for article in rules.ar_articles:
        if word.startswith(article) and len(word) - len(article) >= rules.min_key_length:
            return word[len(article):]
    return word


def _clitic_variants(word: str, rules: NameRules) -> dict[str, int]:
    """The first word without its proclitics: و/ف, then ب/ل/ك (لل + x is ل + ال + x)."""
    found: dict[str, int] = {word: 0}
    if not _is_arabic(word):
        return found
    stages = [(word, 0)]
    if word[:1] in rules.conjunctions and len(word) - 1 >= rules.min_key_length:
        stages.append((word[1:], CLITIC_PENALTY))
    for base, penalty in stages:
        found.setdefault(base, penalty)
        if base[:1] in rules.prepositions and len(base) - 1 >= rules.min_key_length:
            rest = base[1:]
            if base[0] == "ل" and rest.startswith("ل") and rules.ar_articles:
                rest = rules.ar_articles[0] + rest[1:]
            found.setdefault(rest, penalty + CLITIC_PENALTY)
    return found


def _word_keys(words: list[str], rules: NameRules, base: int, out: dict[str, int]) -> None:
    """Add the full, article-stripped and descriptor-stripped keys of `words` to `out`."""
    def put(key_words: list[str], penalty: int) -> None:
        key = " ".join(key_words)
        if len(key.replace(" ", "")) >= rules.min_key_length and penalty < out.get(key, 1 << 30):
            out[key] = penalty

    put(words, base)
    stripped = [_strip_article(w, rules) if _is_arabic(w) else w for w in words]
    penalty = base + (ARTICLE_PENALTY if stripped != words else 0)
    if stripped and stripped[0] in rules.en_articles and len(stripped) > 1:
        stripped, penalty = stripped[1:], penalty + ARTICLE_PENALTY
    put(stripped, penalty)
    while len(stripped) > 1 and stripped[0] in rules.descriptors:
        stripped, penalty = stripped[1:], penalty + DESCRIPTOR_PENALTY
        put(stripped, penalty)


def ranked_keys(name: str, *, mention: bool = False, rules: NameRules | None = None) -> dict[str, int]:
    """Every matching key of `name` with its penalty (0 = the full normalised form).

    `mention=True` also strips proclitics from the first word: names in running text carry
    them ("وداعش"), gazetteer aliases do not. With the default rules the keys are memoised:
    the gazetteer, the store's name index and every reload ask for the same names again.
    """
    if rules is None:
        return dict(_default_ranked_keys(name, mention))
    return _ranked_keys(name, mention, rules)


@lru_cache(maxsize=1 << 17)
def _default_ranked_keys(name: str, mention: bool) -> tuple[tuple[str, int], ...]:
    return tuple(_ranked_keys(name, mention, default_name_rules()).items())


def _ranked_keys(name: str, mention: bool, rules: NameRules) -> dict[str, int]:
    words = normalise_name(name).split()
    out: dict[str, int] = {}
    if not words:
        return out
    variants = _clitic_variants(words[0], rules) if mention else {words[0]: 0}
    for first, penalty in sorted(variants.items(), key=lambda kv: kv[1]):
        _word_keys([first, *words[1:]], rules, penalty, out)
    return out


def name_keys(name: str, rules: NameRules | None = None) -> set[str]:
    """The keys a stored name is indexed under (shared by every store and the explorer)."""
    return set(ranked_keys(name, rules=rules))


def _core_words(name: str, rules: NameRules) -> list[list[str]]:
    """The word lists of a mention after proclitic and article stripping (one per clitic reading)."""
    words = normalise_name(name).split()
    if not words:
        return []
    readings = []
    for first in _clitic_variants(words[0], rules):
        core = [_strip_article(w, rules) if _is_arabic(w) else w for w in [first, *words[1:]]]
        if core and core[0] in rules.en_articles and len(core) > 1:
            core = core[1:]
        readings.append(core)
    return readings


def bare_descriptor(name: str, rules: NameRules | None = None) -> str | None:
    """The descriptor a mention consists of, if that is all it is ("التنظيم", "للتنظيم" -> تنظيم)."""
    rules = rules or default_name_rules()
    for core in _core_words(name, rules):
        if len(core) == 1 and core[0] in rules.descriptors:
            return core[0]
    return None


def leading_descriptor(name: str, rules: NameRules | None = None) -> str | None:
    """The descriptor a longer name starts with ("تنظيم داعش" -> تنظيم), else None."""
    rules = rules or default_name_rules()
    for core in _core_words(name, rules):
        if len(core) > 1 and core[0] in rules.descriptors:
            return core[0]
    return None


# ---------------------------------------------------------------------------------- search
def search_keys(query: str, rules: NameRules | None = None) -> set[str]:
    """What a search query is compared with: its full form and the forms with the article or one
    proclitic removed ("وداعش" finds داعش). Descriptors are kept, so "قوات سوريا" looks for the
    SDF and not for Syria."""
    return {k for k, p in ranked_keys(query, mention=True, rules=rules).items() if p <= ARTICLE_PENALTY}


def match_rank(query_keys: set[str], key: str) -> int | None:
    """0 when a query key equals `key`, 1 when `key` starts with one, 2 when it contains one."""
    ranks = [0 if q == key else 1 if key.startswith(q) else 2 if q in key else 3 for q in query_keys]
    best = min(ranks, default=3)
    return None if best == 3 else best
