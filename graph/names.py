"""Name normalisation for matching (never for display): Arabic and Latin names fold to one key.

Arabic: diacritics (harakat, tanwin, shadda, sukun, dagger alef) and tatweel removed; alef forms
أ إ آ ٱ -> ا; ى -> ي; ة -> ه; Arabic-Indic and Persian digits -> ASCII. Latin: case-folded, with
punctuation dropped so that "S.D.F." == "SDF". Whitespace is collapsed.
"""
from __future__ import annotations

import re
import unicodedata

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_BIDI_MARKS = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_TRANSLATE = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
})
_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """The matching key of a name: same key, same name, in either script."""
    text = unicodedata.normalize("NFKC", name)
    text = _BIDI_MARKS.sub("", text)
    text = _DIACRITICS.sub("", text).translate(_TRANSLATE)
    text = _PUNCTUATION.sub(lambda m: "" if m.group(0) in ".'’`" else " ", text)
    return _SPACES.sub(" ", text).strip().casefold()
