"""Small articles built in code for tests: exact offsets computed from the text, never typed."""
from __future__ import annotations

import copy
from typing import Any

TEXT = "العراق يتهم داعش بالهجوم. قسد مدعومة من التحالف الدولي."


def span(text: str, quoted: str, occurrence: int = 0) -> dict[str, Any]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quoted, start + 1)
    return {"start": start, "end": start + len(quoted), "text": quoted}


def small_article(article_id: str = "test-article", text: str = TEXT) -> dict[str, Any]:
    """Two claims: Iraq accuses ISIS; SDF supported-by the International Coalition."""
    first, second = text.split(". ", 1)
    return {
        "id": article_id,
        "title": "اختبار",
        "language": "ar",
        "publisher": "orient-news",
        "published": "2022-01-21",
        "text": text,
        "mentions": [
            {"id": "m1", "actor": "iraq", **span(text, "العراق")},
            {"id": "m2", "actor": "isis", **span(text, "داعش")},
            {"id": "m3", "actor": "sdf", **span(text, "قسد")},
            {"id": "m4", "actor": "international-coalition", **span(text, "التحالف الدولي")},
        ],
        "claims": [
            {"id": "c1", "subject": "iraq", "predicate": "accuses", "object": "isis",
             "evidence": span(text, first + ".")},
            {"id": "c2", "subject": "@m3", "predicate": "SupportedBy", "object": "@m4",
             "evidence": span(text, second), "claimant": None},
        ],
    }


def variant(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(base)
    data.update(changes)
    return data


SCRIPT = "<script>window.__agPwned = 1</script>"
IMG = "<img src=x onerror=\"window.__agPwned = 2; alert(1)\">"
HOSTILE_NAME = f"Evil {IMG} Group"


def hostile_article(article_id: str = "hostile-article") -> dict[str, Any]:
    """Markup in the text, the title and an inline actor's name: it must only ever show as text.

    One claim: the hostile group attacks Iraq, its evidence sentence containing both payloads.
    """
    sentence = f"The group {SCRIPT} attacked Iraq {IMG} at night."
    text = f"Intro line. {sentence} More text."
    return {
        "id": article_id,
        "title": f"Breaking {SCRIPT} {IMG}",
        "language": "en",
        "publisher": "orient-news",
        "published": "2022-01-22",
        "url": "javascript:alert(3)",
        "text": text,
        "actors": [{"id": "evil-group", "type": "ArmedGroup", "labels": {"en": HOSTILE_NAME}}],
        "mentions": [{"id": "m1", "actor": "iraq", **span(text, "Iraq")}],
        "claims": [{"id": "c1", "subject": "evil-group", "predicate": "attacks", "object": "iraq",
                    "evidence": span(text, f"attacked Iraq {IMG}"), "claimant": None}],
    }


def claims_article(article_id: str, claims: list[dict[str, Any]], *, publisher: str | None = "orient-news",
                   published: str | None = "2022-01-21") -> dict[str, Any]:
    """An article with one sentence per claim; each claim dict gives subject/predicate/object and
    any other claim fields (date, claimant, polarity, denies...). Ids are c1, c2, ... in order."""
    sentences = [f"الجملة رقم {i}." for i in range(1, len(claims) + 1)]
    text = " ".join(sentences)
    data: dict[str, Any] = {"id": article_id, "title": "اختبار", "language": "ar", "text": text, "claims": [
        {"id": f"c{i}", **claim, "evidence": span(text, sentence)}
        for i, (claim, sentence) in enumerate(zip(claims, sentences, strict=True), start=1)]}
    if publisher is not None:
        data["publisher"] = publisher
    if published is not None:
        data["published"] = published
    return data
