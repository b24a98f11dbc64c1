"""Extraction rules of the fourth round (issue 16), written to generalise beyond the development
texts: issuer accusations, responsibility, pronoun subjects, places named by a direction. Every
sentence is hand-written; none comes from the corpus."""
from __future__ import annotations

from actorgraph.ingest.extract.engine import extract_article
from actorgraph.ingest.extract.raw import RawArticle
from actorgraph.ingest.native import document_from_data
from actorgraph.ingest.registry import ReadContext


def claims_in(text: str, language: str = "en", publisher: str | None = None) -> set[tuple]:
    article = extract_article(RawArticle("test-article", text, language, "t", publisher=publisher))
    document_from_data(article, "test", ReadContext())  # valid against the schema and the vocabulary
    return {(c["subject"], c["predicate"], c["object"], c["claimant"], c["polarity"]) for c in article["claims"]}


def test_an_official_statement_stating_a_hostile_act_accuses_its_agent():
    text = "On Sunday, ISIS attacked the Iraqi Security Forces near Mosul."
    found = claims_in(text, publisher="U.S. Department of State")
    assert ("isis", "attacks", "iraqi-security-forces", None, "asserted") in found
    assert ("united-states", "accuses", "isis", None, "asserted") in found
    # a news outlet issues no statement; the issuer's own forces are not accused
    assert not any(c[1] == "accuses" for c in claims_in(text, publisher="Voice of America"))
    own = claims_in("Yesterday U.S. forces attacked ISIS in the desert.", publisher="U.S. Department of State")
    assert not any(c[1] == "accuses" for c in own)


def test_holding_an_actor_responsible_is_accusing_it_and_a_subject_pronoun_stands_for_the_topic():
    found = claims_in("The United Kingdom condemns the shelling of the port. The Houthis have fired missiles "
                      "again this week. They are responsible for the suffering of the Yemeni people.")
    assert ("united-kingdom", "accuses", "houthis", None, "asserted") in found
    arabic = claims_in("تدين المملكة المتحدة الهجوم على الميناء. إن إيران تدعم الحوثيين مع حزب الله وهي تتحمل "
                       "المسؤولية عن التصعيد.", "ar")
    assert ("united-kingdom", "accuses", "iran", None, "asserted") in arabic
    # the pronoun opens its own clause: the actor just before it is not coordinated with it
    assert not any(c[1] == "accuses" and c[2] == "hezbollah" for c in arabic)
    # claiming responsibility oneself is no accusation
    assert not any(c[1] == "accuses" for c in claims_in(
        "The United Kingdom condemns the attack. ISIS claimed responsibility for the bombing.")
                   if c[2] == "isis")


def test_an_agreement_or_truce_between_two_sides_is_their_negotiation():
    found = claims_in("On Tuesday the Houthis and Saudi Arabia signed a truce in Muscat.")
    assert ("houthis", "negotiates-with", "saudi-arabia", None, "asserted") in found
    assert ("houthis", "negotiates-with", "saudi-arabia", None, "asserted") in claims_in(
        "The ceasefire between the Houthis and Saudi Arabia held for a week.")
    assert ("saudi-arabia", "negotiates-with", "houthis", None, "asserted") in claims_in(
        "وأكدت المصادر أن وفدي السعودية والحوثيين وقعا اتفاقا في مسقط.", "ar")
    # the actors of another phrase are not the two sides
    assert not any(c[1] == "negotiates-with" for c in claims_in(
        "We thank Egypt and Oman for their help in securing the truce."))


def test_a_place_named_by_a_compass_word_and_a_known_place_is_in_it():
    found = claims_in("انتشرت القوات الدولية في جنوب لبنان منذ سنوات.", "ar")
    assert ("south-lebanon", "located-in", "lebanon", None, "asserted") in found


def test_a_known_place_named_with_its_gazetteer_container_is_in_it():
    found = claims_in("Shelling around El Fasher has cut the main roads of North Darfur.")
    assert ("el-fasher", "located-in", "north-darfur", None, "asserted") in found
    # a nationality adjective on a thing is no container ("an Iraqi base near Kirkuk")
    assert not any(c[1] == "located-in" for c in claims_in("Rockets hit an Iraqi base near Kirkuk."))


def _claims_dated(text: str, published: str) -> set[tuple]:
    article = extract_article(RawArticle("test-article", text, "en", "t", published=published))
    return {(c["subject"], c["predicate"], c["object"]) for c in article["claims"]}


def test_a_title_of_office_before_a_known_person_states_the_office_the_gazetteer_records():
    assert ("donald-trump", "leads", "united-states") in _claims_dated(
        "On Monday President Trump spoke to reporters about trade.", "2019-05-01")
    # the role did not hold on that date: nothing is suggested
    assert not any(c[1] == "leads" for c in _claims_dated(
        "On Monday President Trump spoke to reporters about trade.", "2023-05-01"))


def test_a_military_rank_between_a_unit_and_a_person_makes_the_person_a_member():
    found = claims_in("The convoy was led by U.S. Army Col. Daniel Whitfield and reached the border.")
    assert any(c[1] == "member-of" and c[2] == "us-army" for c in found)  # the person is a new actor
    assert not any(c[1] == "member-of" for c in claims_in(
        "The U.S. Army said on Monday that Daniel Whitfield reached the border."))


def test_gratitude_is_praise_and_we_before_an_arabic_participle_is_the_speaker():
    arabic = claims_in("ترحب المملكة المتحدة بتمديد الهدنة. ونحن ممتنون لجهود سلطنة عمان في الوساطة.", "ar")
    assert ("united-kingdom", "praises", "oman", None, "asserted") in arabic
    english = claims_in("The United Kingdom welcomes the extension of the truce. We are grateful to Oman for "
                        "its mediation.")
    assert ("united-kingdom", "praises", "oman", None, "asserted") in english


def test_an_arabic_verb_joined_by_and_shares_the_subject_of_the_sentence():
    found = claims_in("ويتباهى حزب الله بقدراته العسكرية الجديدة ويهدد علنا بضرب إسرائيل.", "ar")
    assert ("hezbollah", "threatens", "israel", None, "asserted") in found
    # another actor between: the second verb may be that actor's
    other = claims_in("وتدعم إيران الحوثيين بالمال والسلاح وتهدد علنا بضرب إسرائيل.", "ar")
    assert not any(c[1] == "threatens" and c[0] == "iran" for c in other)


def test_who_stands_behind_an_act_is_the_subject_after_that_not_a_place_adjunct():
    found = claims_in("تدين المملكة المتحدة الهجوم على القاعدة. ونحن نعلم أن حزب الله الذي ينشط في لبنان وسوريا "
                      "يقف وراءه.", "ar")
    assert ("united-kingdom", "accuses", "hezbollah", None, "asserted") in found
    assert not any(c[1] == "accuses" and c[2] in ("lebanon", "syria") for c in found)


def test_the_genitive_of_a_verbal_noun_of_giving_receives_and_the_sentence_subject_gives():
    found = claims_in("واصلت إيران خلال العام الماضي تزويد حزب الله بالصواريخ.", "ar")
    assert ("iran", "supports", "hezbollah", None, "asserted") in found
    assert not any(c[0] == "hezbollah" and c[1] == "supports" for c in found)


def test_a_warning_about_an_act_is_a_warning_about_its_agent():
    found = claims_in("The United Kingdom warned its allies about the missile attacks launched by the Houthis.")
    assert ("united-kingdom", "warns-about", "houthis", None, "asserted") in found
    assert not any(c[0] == "united-kingdom" and c[1] == "attacks" for c in found)
