"""Name keys for matching: Arabic character folding, proclitics, articles, descriptors, rules file."""
from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.graph.errors import ReferenceDataError
from actorgraph.graph.names import (
    bare_descriptor,
    leading_descriptor,
    load_name_rules,
    match_rank,
    name_keys,
    normalise_name,
    ranked_keys,
    search_keys,
)


@pytest.mark.parametrize("variant, plain", [
    ("دَاعِشٌ", "داعش"),                      # harakat and tanwin
    ("داعـــــش", "داعش"),                     # tatweel
    ("إيران", "ايران"), ("أورينت", "اورينت"), ("آمرلي", "امرلي"), ("ٱلدولة", "الدوله"),  # alef forms
    ("ديالى", "ديالي"),                        # alef maqsura
    ("الإسلامية", "الاسلاميه"),                # ta marbuta
    ("اللواء ٩٣", "اللواء 93"), ("۲۰۲۲", "2022"),  # Arabic-Indic and Persian digits
    ("S.D.F.", "sdf"), ("CJTF-OIR", "cjtf oir"), ("  the   Coalition ", "the coalition"),
    ("\u200fقسد\u200e", "قسد"),                 # bidi marks
])
def test_normalise_name_folds_characters(variant: str, plain: str) -> None:
    assert normalise_name(variant) == plain


def test_keys_add_stripped_forms_without_losing_the_full_name() -> None:
    assert ranked_keys("قوات سوريا الديمقراطية") == {
        "قوات سوريا الديمقراطيه": 0, "قوات سوريا ديمقراطيه": 1, "سوريا ديمقراطيه": 3}
    assert ranked_keys("ميليشيا قسد") == {"ميليشيا قسد": 0, "قسد": 2}
    assert name_keys("the Coalition") == {"the coalition", "coalition"}
    assert name_keys("SDF") == name_keys("S.D.F.") == {"sdf"}


def test_proclitics_are_stripped_from_mentions_only() -> None:
    assert ranked_keys("وداعش", mention=True) == {"وداعش": 0, "داعش": 1}
    assert ranked_keys("لقسد", mention=True) == {"لقسد": 0, "قسد": 1}
    assert ranked_keys("للتنظيم", mention=True) == {"للتنظيم": 0, "التنظيم": 1, "تنظيم": 2}
    assert "تحالف دولي" in ranked_keys("والتحالف الدولي", mention=True)
    assert name_keys("وداعش") == {"وداعش"}  # a gazetteer alias is taken as written


def test_descriptors() -> None:
    assert bare_descriptor("التنظيم") == bare_descriptor("للتنظيم") == "تنظيم"
    assert bare_descriptor("تنظيم داعش") is None and bare_descriptor("داعش") is None
    assert leading_descriptor("تنظيم داعش") == "تنظيم"
    assert leading_descriptor("الميليشيات الطائفية") == "ميليشيات"
    assert leading_descriptor("قسد") is None


def test_search_keys_and_ranks() -> None:
    keys = search_keys("قوات سوريا")
    assert keys == {"قوات سوريا"}  # descriptors stay in a query: it looks for the SDF, not Syria
    assert match_rank(keys, "قوات سوريا") == 0
    assert match_rank(keys, "قوات سوريا الديمقراطيه") == 1
    assert match_rank({"سوريا"}, "قوات سوريا الديمقراطيه") == 2
    assert match_rank({"سوريا"}, "العراق") is None


@pytest.mark.parametrize("text, location, problem", [
    ("articles: [ال]\n", "articles", "must be a mapping"),
    ("articles: {ar: [ال], en: []}\nproclitics: {conjunctions: [وا], prepositions: []}\ndescriptors: {ar: []}\n",
     "proclitics.conjunctions[0]", "'وا' is not a single letter"),
    ("articles: {ar: [ال], en: []}\nproclitics: {conjunctions: [], prepositions: []}\ndescriptors: {ar: [قوات خاصة]}\n",
     "descriptors.ar[0]", "'قوات خاصة' is not one word"),
    ("articles: {ar: [ال], en: []}\nproclitics: {conjunctions: [], prepositions: []}\n"
     "descriptors: {ar: []}\nstems: 1\n",
     "stems", "unknown key"),
])
def test_name_rules_are_validated_with_file_and_key(tmp_path: Path, text: str, location: str, problem: str) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError) as caught:
        load_name_rules(path)
    assert (caught.value.path, caught.value.location, caught.value.problem) == (str(path), location, problem)
