"""The held-out lists in data/articles (HELDOUT, HELDOUT-2, HELDOUT-3, HELDOUT-4) and how bench/extract.py splits
the corpus by them: each held-out set is its own part and never part of `development`, the part the
rules are tuned on. Only the split is checked here; nothing is extracted."""
from __future__ import annotations

import json

from bench import extract as ex
from tests.conftest import SEED_DIR

CORPUS = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(SEED_DIR.glob("*.json"))]
IDS = {article["id"] for article in CORPUS}
FORMER, HELDOUT_2, HELDOUT_3, HELDOUT_4 = (ex.heldout_ids(path) for path in
                                            (ex.FORMER_HELDOUT_FILE, ex.HELDOUT_FILE, ex.HELDOUT_3_FILE,
                                             ex.HELDOUT_4_FILE))
UNSEEN = HELDOUT_2 | HELDOUT_3 | HELDOUT_4


def parts() -> dict[str, set[str]]:
    split = ex.subsets(CORPUS, HELDOUT_2, FORMER, HELDOUT_3, HELDOUT_4)
    return {name: {article["id"] for article in articles} for name, articles in split.items()}


def test_every_listed_article_is_in_the_corpus_and_no_article_is_in_two_lists() -> None:
    lists = (FORMER, HELDOUT_2, HELDOUT_3, HELDOUT_4)
    for listed in lists:
        assert listed and listed <= IDS
    assert sum(len(listed) for listed in lists) == len(set().union(*lists))


def test_the_third_set_is_a_part_of_its_own_and_kept_out_of_development() -> None:
    split = parts()
    assert split["held-out-3"] == HELDOUT_3 and split["held-out"] == HELDOUT_2
    assert not split["development"] & UNSEEN
    assert split["development"] | UNSEEN == IDS
    assert split["former-held-out"] == FORMER <= split["development"]


def test_the_fourth_set_is_a_part_of_its_own_and_kept_out_of_development() -> None:
    split = parts()
    assert split["held-out-4"] == HELDOUT_4
    assert not split["development"] & HELDOUT_4


def test_the_third_and_fourth_sets_hold_both_languages() -> None:
    for listed in (HELDOUT_3, HELDOUT_4):
        languages = [article["language"] for article in CORPUS if article["id"] in listed]
        assert languages.count("ar") >= 3 and languages.count("en") >= 3


def test_without_held_out_lists_the_corpus_is_one_part() -> None:
    assert ex.subsets(CORPUS, set()) == {"all": CORPUS}
    assert set(ex.subsets(CORPUS, set(), None, HELDOUT_3)) == {"development", "held-out-3"}
