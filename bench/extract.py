"""Extraction figures: speed (articles/s on one core) and quality against hand-annotated articles.

    python3 bench/extract.py                                  # data/articles (development and held-out apart)
    python3 bench/extract.py --only development               # skip the held-out sets while tuning rules
    python3 bench/extract.py --gold DIR --gold DIR --gazetteer corpus/actors.yaml --json

Quality: each gold article's text is extracted twice, (1) with the gazetteer, (2) "open world":
the actors that occur in that article and in no other gold article are removed from the
gazetteer (`open_world_exclude`), as if never seen. Predictions are scored by `actorgraph
evaluate --align-actors` (mention, actor, claim P/R/F1 and claimant accuracy, per language).
Speed: the gold texts cut or repeated to ~3,000 characters, extracted in one process, median of
`--runs` runs (reference data loaded before timing).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from actorgraph.graph.gazetteer import Gazetteer, load_gazetteer  # noqa: E402
from actorgraph.ingest.extract.engine import extract_article  # noqa: E402
from actorgraph.ingest.extract.raw import RawArticle  # noqa: E402

SPEED_CHARS = 3000


def gold_articles(folders: list[Path]) -> list[dict[str, Any]]:
    seen, out = set(), []
    for folder in folders:
        for path in sorted(folder.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            if data["id"] not in seen:
                seen.add(data["id"])
                out.append(data)
    return out


def raw_of(article: dict[str, Any]) -> RawArticle:
    """Only what a raw file gives: text and metadata, never the annotations."""
    return RawArticle(article["id"], article["text"], article["language"], article.get("title"),
                      article.get("url"), article.get("publisher"), article.get("published"))


def actors_of(article: dict[str, Any]) -> set[str]:
    ids = {m["actor"] for m in article.get("mentions", []) if m.get("actor")}
    for claim in article.get("claims", []):
        ids.update(v for v in (claim["subject"], claim["object"], claim.get("claimant")) if v and not v.startswith("@"))
    return ids


def only_in(article: dict[str, Any], corpus: list[dict[str, Any]]) -> set[str]:
    counts = Counter(a for other in corpus for a in actors_of(other))
    return {a for a in actors_of(article) if counts[a] == 1}


def extract_all(corpus: list[dict[str, Any]], gazetteer: Gazetteer, out: Path, open_world: bool,
                whole: list[dict[str, Any]] | None = None) -> None:
    """Extract every article of `corpus`; open world removes the actors no other article of `whole` has."""
    out.mkdir(parents=True, exist_ok=True)
    for article in corpus:
        exclude = only_in(article, whole or corpus) if open_world else None
        result = extract_article(raw_of(article), gazetteer=gazetteer, open_world_exclude=exclude)
        (out / f"{article['id']}.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


def evaluate(gold: list[Path], pred: Path, gazetteers: list[Path]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir = Path(tmp) / "gold"
        gold_dir.mkdir()
        for folder in gold:
            for path in folder.glob("*.json"):
                (gold_dir / path.name).write_bytes(path.read_bytes())
        command = [sys.executable, "-m", "actorgraph.cli.main", "evaluate", str(gold_dir), str(pred), "--align-actors",
                   "--only-common", "--json"]
        for path in gazetteers:
            command += ["--gazetteer", str(path)]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                              env={"ACTORGRAPH_HOME": tmp, "PATH": "/usr/bin:/bin"})
    if done.returncode not in (0, 1) or not done.stdout.strip().startswith("{"):
        raise SystemExit(f"evaluate failed: {done.stderr.strip()[:500]}")
    return json.loads(done.stdout)


def speed(corpus: list[dict[str, Any]], gazetteer: Gazetteer, runs: int) -> dict[str, Any]:
    texts = []
    for article in corpus:
        text = article["text"]
        while len(text) < SPEED_CHARS:
            text += "\n\n" + article["text"]
        texts.append(RawArticle(article["id"], text[:SPEED_CHARS], article["language"], article.get("title")))
    extract_article(texts[0], gazetteer=gazetteer)  # load reference data before timing
    rates, cpu_rates = [], []
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        n = 0
        while time.perf_counter() - start < 2.0:
            for raw in texts:
                extract_article(raw, gazetteer=gazetteer)
                n += 1
        rates.append(n / (time.perf_counter() - start))
        cpu_rates.append(n / max(time.process_time() - cpu_start, 1e-9))
    # CPU time too: on a shared machine wall time also counts the other processes' turns
    return {"articles_per_s": round(statistics.median(rates), 1),
            "articles_per_cpu_s": round(statistics.median(cpu_rates), 1), "runs": runs, "chars": SPEED_CHARS,
            "load_average": round(os.getloadavg()[0], 1)}


def _row(label: str, language: str, figures: dict[str, Any]) -> str:
    """One table row from `actorgraph evaluate --json` figures of a language."""
    def f(section: str) -> str:
        s = figures.get(section) or {}
        return "/".join("-" if s.get(k) is None else f"{s[k]:.2f}" for k in ("precision", "recall", "f1"))
    accuracy = (figures.get("claimant_accuracy") or {}).get("accuracy")
    return (f"{label:<12} {language:<4} {f('mentions_overlap_actor'):<16} {f('actors'):<16} {f('claims'):<16} "
            f"{'-' if accuracy is None else f'{accuracy:.2f}'}")


HELDOUT_FILE = ROOT / "data" / "articles" / "HELDOUT-2"
HELDOUT_3_FILE = ROOT / "data" / "articles" / "HELDOUT-3"
HELDOUT_4_FILE = ROOT / "data" / "articles" / "HELDOUT-4"
FORMER_HELDOUT_FILE = ROOT / "data" / "articles" / "HELDOUT"


def heldout_ids(path: Path = HELDOUT_FILE) -> set[str]:
    """Articles annotated by hand before the extractor ever ran on them and never read to tune it: the honest figure."""
    if not path.exists():
        return set()
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line}


def subsets(corpus: list[dict[str, Any]], heldout: set[str], former: set[str] | None = None,
            heldout3: set[str] | None = None, heldout4: set[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """The development articles (the rules were written or tuned reading them) and the held-out ones, apart.

    `former` (the first held-out set, whose errors have since been read) is development data; it is also
    reported on its own so its figures can be compared with the ones measured while it was still unseen.
    `heldout3` (the third set, data/articles/HELDOUT-3) is held out too: it is kept out of development and
    reported as its own part, so each unseen set keeps a figure of its own. `heldout4` (data/articles/HELDOUT-4)
    is the fourth such set, kept apart the same way."""
    unseen = heldout | (heldout3 or set()) | (heldout4 or set())
    if not unseen:
        return {"all": corpus}
    parts = {"development": [a for a in corpus if a["id"] not in unseen]}
    if former:
        parts["former-held-out"] = [a for a in corpus if a["id"] in former and a["id"] not in unseen]
    if heldout:
        parts["held-out"] = [a for a in corpus if a["id"] in heldout]
    if heldout3:
        parts["held-out-3"] = [a for a in corpus if a["id"] in heldout3 and a["id"] not in heldout]
    if heldout4:
        earlier = heldout | (heldout3 or set())
        parts["held-out-4"] = [a for a in corpus if a["id"] in heldout4 and a["id"] not in earlier]
    return parts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, action="append", help="folder of gold native articles (repeatable)")
    parser.add_argument("--gazetteer", type=Path, action="append", default=[], help="gazetteer YAML of the gold actors")
    parser.add_argument("--runs", type=int, default=3, help="speed runs (0: no speed figure)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only", action="append", default=[], metavar="PART",
                        help="report only this part (development, held-out, held-out-3, held-out-4, ...; repeatable): "
                             "tune on development only")
    args = parser.parse_args(argv)
    gold = args.gold or [ROOT / "data" / "articles"]
    corpus = gold_articles(gold)
    gazetteer = load_gazetteer(args.gazetteer[-1]) if args.gazetteer else load_gazetteer()
    parts = subsets(corpus, heldout_ids() if not args.gold else set(),
                    heldout_ids(FORMER_HELDOUT_FILE) if not args.gold else None,
                    heldout_ids(HELDOUT_3_FILE) if not args.gold else None,
                    heldout_ids(HELDOUT_4_FILE) if not args.gold else None)
    if args.only:
        unknown = sorted(set(args.only) - set(parts))
        if unknown:
            parser.error(f"--only {', '.join(unknown)}: no such part; the parts are {', '.join(parts)}")
        parts = {name: articles for name, articles in parts.items() if name in args.only}
    # speed is measured on the reported articles only, so a held-out text is never run while tuning
    timed = [a for articles in parts.values() for a in articles]
    results: dict[str, Any] = {"articles": len(corpus),
                               "speed": speed(timed, gazetteer, args.runs) if args.runs > 0 else None}
    with tempfile.TemporaryDirectory() as tmp:
        for part, articles in parts.items():
            results[part] = {"articles": len(articles)}
            for mode, open_world in (("gazetteer", False), ("open-world", True)):
                pred = Path(tmp) / part / mode
                extract_all(articles, gazetteer, pred, open_world, whole=corpus)
                results[part][mode] = evaluate(gold, pred, args.gazetteer)
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    figures = results["speed"]
    if figures:
        print(f"extraction speed: {figures['articles_per_s']} articles/s wall, {figures['articles_per_cpu_s']} per CPU "
              f"second (~{SPEED_CHARS} chars, one process, median of {args.runs}, load {figures['load_average']})")
    for part in parts:
        print(f"\n{part}: {results[part]['articles']} articles")
        print(f"{'mode':<12} {'lang':<4} {'mentions P/R/F1':<16} {'actors P/R/F1':<16} {'claims P/R/F1':<16} claimant")
        for mode in ("gazetteer", "open-world"):
            report = results[part][mode]
            for language, figures in sorted((report.get("languages") or {}).items()):
                print(_row(mode, language, figures))

    return 0


if __name__ == "__main__":
    sys.exit(main())
