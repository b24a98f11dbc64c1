"""Word shapes the mention patterns test: function words, headline capitals, definite Arabic words,
punctuation inside a name. Kept apart from the mention finder because they look at one token or one
line and know nothing about actors."""
from __future__ import annotations

from collections.abc import Sequence

from actorgraph.ingest.extract.tokens import Token, is_arabic

INNER_PUNCT = frozenset("-'’.")
FUNCTION_WORDS = frozenset({"في", "من", "علي", "الي", "عن", "مع", "بين", "حول", "بعد", "قبل", "عند", "ضد",
                            "هذا", "هذه", "ذلك", "تلك", "التي", "الذي", "كان", "كانت", "قد", "لم", "لن", "ان",
                            "او", "ثم", "كل", "بعض"})


def lowercase_word(token: Token) -> bool:
    """A short lowercase English word ("is", "us", "an") is a function word even when an acronym
    (IS, US) is spelled the same; longer ones may be names of collectives ("mariners")."""
    return token.text[:1].islower() and len(token.text) <= 3 and not is_arabic(token.text)


def plausible_dictionary_match(surface: str, actor_type: str) -> bool:
    """Dictionary entries include common words ("الطاقة", "organization"): an English match must be
    capitalised, and a one-word Arabic match must be a state or place."""
    if not is_arabic(surface):
        return surface[:1].isupper()
    return " " in surface.strip() or actor_type in ("State", "Location")


def title_case_tokens(text: str, tokens: Sequence[Token]) -> set[int]:
    """Tokens of Title Case lines (headlines): their capitals say nothing about names."""
    out: set[int] = set()
    line: list[Token] = []
    for token in [*tokens, None]:
        if token is None or (line and "\n" in text[line[-1].end:token.start]):
            words = [t for t in line if t.text[:1].isalpha() and not is_arabic(t.text) and len(t.text) >= 4]
            if len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.8 * len(words) \
                    and line[-1].text not in ".!?":  # a headline: content words capitalised, no full stop
                out.update(t.index for t in line)
            line = []
        if token is not None:
            line.append(token)
    return out


def definite(token: Token) -> bool:
    """A definite Arabic word ("النواب", "للدولة"): the complement of an organisation's head."""
    return is_arabic(token.text) and any(b.startswith("ال") for b in token.bases)


def inner_punct(tokens: Sequence[Token], k: int) -> bool:
    """A hyphen, apostrophe or dot inside a name ("al-Dandal", "U.S."): touching both neighbours."""
    token = tokens[k]
    if token.text == "." and 0 < k < len(tokens) - 1 and tokens[k - 1].end == token.start \
            and len(tokens[k - 1].text) == 1 and tokens[k - 1].text.isupper() \
            and (tokens[k + 1].text[:1].isupper() or _second_initial(tokens, k)):
        # "U.S. Central Command", "U.S. forces": the dot of an initial, followed by the rest of the name
        # (a lowercase word only after two initials: "U.S. forces", not "A. and")
        return tokens[k + 1].text[:1].isalpha()
    if token.text == "." and 0 < k < len(tokens) - 1 and len(tokens[k - 1].text) == 1 \
            and is_arabic(tokens[k - 1].text) and tokens[k - 1].end == token.start and is_arabic(tokens[k + 1].text):
        return True  # "أنتوني ج. بلينكن": an Arabic initial
    return (token.text in INNER_PUNCT and 0 < k < len(tokens) - 1
            and tokens[k - 1].end == token.start and tokens[k + 1].start == token.end
            and not (token.text in "'’" and tokens[k + 1].norm == "s"))  # "Yemen’s": a possessive


def _second_initial(tokens: Sequence[Token], k: int) -> bool:
    """The dot at k closes the second of two initials ("U.S."): letter, dot, letter, dot."""
    return k >= 3 and tokens[k - 2].text == "." and len(tokens[k - 3].text) == 1 and tokens[k - 3].text.isupper() \
        and tokens[k - 2].end == tokens[k - 1].start
