"""Words of a text with their offsets and matching forms, the unit every extraction rule works on.

Each token keeps its code-point offsets into the article text (so spans point at the original
characters) and a normalised form (graph.names.normalise_name: hamza, ta marbuta, diacritics,
case), plus the forms without Arabic proclitics and article, because triggers and names in
running text carry them ("وأعلنت", "للتنظيم", "بالهجوم").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from actorgraph.graph.names import normalise_name

# a word: letters, digits and the Arabic marks inside words; or one punctuation character
_TOKEN = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]+|[^\w\s]", re.UNICODE)
_ARABIC = re.compile("[\u0621-\u064a]")
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")
CLAUSE_PUNCTUATION = frozenset({"،", ",", "؛", ";", ":", "(", ")", '"', "«", "»", "–", "—"})


@dataclass(frozen=True, slots=True)
class Token:
    index: int
    start: int
    end: int
    text: str
    norm: str
    bases: tuple[str, ...] = field(default=())  # normalised forms without proclitics / article

    @property
    def is_punct(self) -> bool:
        return not self.norm


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of text[start:end], offsets into the whole text."""
    tokens = []
    for match in _TOKEN.finditer(text, start, len(text) if end is None else end):
        surface = match.group()
        norm = normalised(surface)
        tokens.append(Token(len(tokens), match.start(), match.end(), surface, norm, base_forms(norm)))
    return tokens


@lru_cache(maxsize=1 << 17)
def normalised(word: str) -> str:
    """`graph.names.normalise_name`, memoised: extraction asks for the same words again and again."""
    return normalise_name(word)


@lru_cache(maxsize=1 << 16)
def base_forms(norm: str) -> tuple[str, ...]:
    """`norm` and its readings without و/ف, then ب/ل/ك (لل = ل + ال), then the article ال.

    Readings shorter than two letters are dropped: a one-letter stem is never a word we look for.
    """
    if not norm or not _ARABIC.match(norm):
        return (norm,) if norm else ()
    forms = [norm]
    stage = [norm]
    if norm[0] in _CONJUNCTIONS and len(norm) > 2:
        stage.append(norm[1:])
    for word in list(stage):
        if word[0] in _PREPOSITIONS and len(word) > 2:
            rest = word[1:]
            if word[0] == "ل" and rest.startswith("ل"):
                rest = "ال" + rest[1:]
            stage.append(rest)
    for word in stage:
        forms.append(word)
        if word.startswith("ال") and len(word) > 3:
            forms.append(word[2:])
    return tuple(dict.fromkeys(f for f in forms if len(f) >= 2))


def is_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text))
