"""Deterministic synthetic corpus: N native articles over a large generated gazetteer.

Why: benchmarks and scale tests need realistic volume without real annotated news. Actors are
drawn with Zipf-like weights (a few hubs, a long tail), so degree is heavy-tailed like real news
graphs; each article has ~20 claims in Arabic (or English) sentences, with claimants, reported
speech and denials. The same seed always gives byte-identical files.

    python bench/make_corpus.py --articles 10000 --actors 5000 --out bench/out/corpus
"""
from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from actorgraph.graph.vocabulary import default_vocabulary  # noqa: E402

ACTOR_TYPES = ("ArmedGroup", "State", "GovernmentBody", "MilitaryUnit", "Organization", "Person", "Coalition")
AR_STEMS = ("الجبهة", "الحركة", "الكتيبة", "المجلس", "الجيش", "اللواء", "التحالف", "الهيئة", "القوات", "الفرقة")
AR_QUALIFIERS = ("الشمالية", "الوطنية", "الشعبية", "الثورية", "الموحدة", "الحرة", "الشرقية", "الديمقراطية",
                 "الإسلامية", "الجديدة", "الغربية", "المستقلة")
EN_STEMS = ("Front", "Movement", "Battalion", "Council", "Army", "Brigade", "Alliance", "Authority", "Forces",
            "Division")
EN_QUALIFIERS = ("Northern", "National", "Popular", "Revolutionary", "United", "Free", "Eastern", "Democratic",
                 "Islamic", "New", "Western", "Independent")
PREDICATES = ("accuses", "attacks", "fights", "supports", "supported-by", "backed-by", "allied-with", "opposes",
              "threatens", "cooperates-with", "warns-about", "kills")
AR_TEMPLATES = {
    "accuses": "اتهم {s} {o} بالوقوف وراء الهجوم الأخير.",
    "attacks": "شن {s} هجوماً على مواقع {o} فجر اليوم.",
    "fights": "اندلعت اشتباكات عنيفة بين {s} و{o} في ريف المدينة.",
    "supports": "أعلن {s} دعمه الكامل لـ{o} في المعارك.",
    "supported-by": "تقدم {s} بدعم من {o} على عدة محاور.",
    "backed-by": "يحظى {s} برعاية {o} منذ سنوات.",
    "allied-with": "أكد {s} تحالفه مع {o} في بيان مشترك.",
    "opposes": "رفض {s} سياسات {o} بشكل قاطع.",
    "threatens": "هدد {s} باستهداف {o} إذا استمر التصعيد.",
    "cooperates-with": "ينسق {s} مع {o} في عمليات التفتيش.",
    "warns-about": "حذر {s} من خطر {o} على الاستقرار.",
    "kills": "قتل {s} عدداً من عناصر {o} خلال المواجهات.",
}
EN_TEMPLATES = {
    "accuses": "{s} accused {o} of being behind the latest attack.",
    "attacks": "{s} launched an attack on positions of {o} at dawn.",
    "fights": "Heavy clashes broke out between {s} and {o} in the countryside.",
    "supports": "{s} announced its full support for {o} in the fighting.",
    "supported-by": "{s} advanced on several fronts with support from {o}.",
    "backed-by": "{s} has been backed by {o} for years.",
    "allied-with": "{s} confirmed its alliance with {o} in a joint statement.",
    "opposes": "{s} firmly rejected the policies of {o}.",
    "threatens": "{s} threatened to target {o} if the escalation continues.",
    "cooperates-with": "{s} coordinates with {o} in search operations.",
    "warns-about": "{s} warned of the danger {o} poses to stability.",
    "kills": "{s} killed several members of {o} during the clashes.",
}
VOCABULARY = default_vocabulary()
DENIAL_AR = "نفى {c} ما أفيد بأن "
DENIAL_EN = "{c} denied reports that "
PUBLISHERS = ("orient-news", "rt", "synthetic-wire", "synthetic-daily", "synthetic-tv")
CERTAINTIES = ("certain", "certain", "certain", "probable", "possible", "alleged")


def make_actors(count: int, rng: random.Random) -> list[dict[str, Any]]:
    """`count` actors with unique Arabic and English names (stem + qualifier + serial)."""
    actors = []
    for index, (stem, qualifier) in zip(range(count), itertools.cycle(itertools.product(range(len(AR_STEMS)),
                                                                                         range(len(AR_QUALIFIERS))))):
        serial = index // (len(AR_STEMS) * len(AR_QUALIFIERS)) + 1
        actors.append({
            "id": f"actor-{index:06d}",
            "type": ACTOR_TYPES[index % len(ACTOR_TYPES)] if index % 11 else "Person",
            "labels": {"ar": f"{AR_STEMS[stem]} {AR_QUALIFIERS[qualifier]} {serial}",
                       "en": f"{EN_QUALIFIERS[qualifier]} {EN_STEMS[stem]} {serial}"},
        })
    rng.shuffle(actors)  # hubs are not all of one type
    return actors


class ZipfPicker:
    """Picks indices 0..n-1 with probability proportional to 1/(rank+1)^s: a few hubs, a long tail."""

    def __init__(self, n: int, s: float, rng: random.Random) -> None:
        weights = [1.0 / (rank + 1) ** s for rank in range(n)]
        self.cumulative = list(itertools.accumulate(weights))
        self.rng = rng

    def pick(self) -> int:
        return bisect.bisect(self.cumulative, self.rng.random() * self.cumulative[-1])


def _index(actors: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Actors by id, built once per actor list (make_article runs thousands of times)."""
    key = id(actors)
    if _INDEX_CACHE.get("key") != key:
        _INDEX_CACHE.update(key=key, index={a["id"]: a for a in actors})
    return _INDEX_CACHE["index"]


_INDEX_CACHE: dict[str, Any] = {}


def _span(start: int, text: str) -> dict[str, Any]:
    return {"start": start, "end": start + len(text), "text": text}


def make_article(index: int, actors: list[dict[str, Any]], picker: ZipfPicker, rng: random.Random,
                 relations: int) -> dict[str, Any]:
    """One article of ~`relations` claims, every offset computed while the text is built."""
    language = "ar" if index % 5 else "en"
    templates = AR_TEMPLATES if language == "ar" else EN_TEMPLATES
    day = f"2022-{1 + index % 12:02d}-{1 + index % 28:02d}"
    title = f"تقرير ميداني رقم {index}" if language == "ar" else f"Field report {index}"
    parts: list[str] = [title, "\n\n"]
    offset = len(title) + 2
    mentions: list[dict[str, Any]] = []
    by_id = _index(actors)
    claims: list[dict[str, Any]] = []
    for number in range(relations):
        denial = bool(claims) and rng.random() < 0.05
        if denial:
            target = claims[rng.randrange(len(claims))]
            subject, obj = by_id[target["subject"]], by_id[target["object"]]
            predicate = target["predicate"]
            claimant = actors[picker.pick()]
        else:
            predicate = PREDICATES[rng.randrange(len(PREDICATES))]
            subject, obj = actors[picker.pick()], actors[picker.pick()]
            while obj is subject or not VOCABULARY.allows(predicate, subject["type"], obj["type"]):
                subject, obj = actors[picker.pick()], actors[picker.pick()]
            claimant = actors[picker.pick()] if rng.random() < 0.3 else None
        s_name, o_name = subject["labels"][language], obj["labels"][language]
        prefix = ""
        if denial:
            prefix = (DENIAL_AR if language == "ar" else DENIAL_EN).format(c=claimant["labels"][language])
        template = prefix + templates[predicate]
        sentence = template.format(s=s_name, o=o_name)
        s_at = offset + template.index("{s}")
        o_at = offset + sentence.index(o_name, template.index("{s}") + len(s_name))
        for actor, at, name in ((subject, s_at, s_name), (obj, o_at, o_name)):
            mentions.append({"id": f"m{len(mentions) + 1}", "actor": actor["id"], **_span(at, name)})
        claim: dict[str, Any] = {"id": f"c{number + 1}", "subject": subject["id"], "predicate": predicate,
                                 "object": obj["id"], "evidence": _span(offset, sentence),
                                 "certainty": CERTAINTIES[rng.randrange(len(CERTAINTIES))], "date": day}
        if claimant is not None:
            claim["claimant"] = claimant["id"]
        if denial:
            claim.update(polarity="denied", denies=target["id"])
        claims.append(claim)
        parts.append(sentence + " ")
        offset += len(sentence) + 1
    return {"id": f"synthetic-{index:06d}", "title": title, "language": language,
            "publisher": PUBLISHERS[index % len(PUBLISHERS)], "published": day, "text": "".join(parts),
            "mentions": mentions, "claims": claims}


def write_corpus(out: Path, articles: int, actor_count: int, relations: int = 20, seed: int = 7) -> Path:
    """Write `actors.yaml` and `articles/NNNNNN.json` under `out`; returns the articles folder."""
    rng = random.Random(seed)
    actors = make_actors(actor_count, rng)
    picker = ZipfPicker(len(actors), 1.1, rng)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    gazetteer = {"actors": {a["id"]: {"type": a["type"], "labels": a["labels"]} for a in actors}}
    (out / "actors.yaml").write_text(yaml.safe_dump(gazetteer, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for index in range(articles):
        article = make_article(index, actors, picker, rng, relations)
        (out / "articles" / f"{index:06d}.json").write_text(json.dumps(article, ensure_ascii=False), encoding="utf-8")
    return out / "articles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--relations", type=int, default=20, help="claims per article")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "corpus")
    args = parser.parse_args()
    folder = write_corpus(args.out, args.articles, args.actors, args.relations, args.seed)
    print(f"wrote {args.articles} articles to {folder} and {args.actors} actors to {args.out / 'actors.yaml'}")


if __name__ == "__main__":
    main()
