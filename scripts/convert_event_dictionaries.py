#!/usr/bin/env python3
"""Convert the open event-coding actor and agent dictionaries into ActorGraph's TSV files.

Sources (MIT, see data/dictionaries/NOTICE): the Arabic UniversalPetrarch `actor_dict_ar_v4.txt`
and `agents.all.ar.txt`, the English PETRARCH2 `Phoenix.*.actors.txt` and `Phoenix.agents.txt`
(formats: english-petrarch2/dictionaries.rst). Output, one row per actor with its synonyms:

    data/dictionaries/actors.ar.tsv, actors.en.tsv   language name aliases code type
    data/dictionaries/agents.ar.tsv, agents.en.tsv   language name code type gloss

`code` is the entry's current CAMEO code (the open-ended dated role, else the last one); `type`
is the ActorGraph actor type it implies (`actor_type`). Names lose PETRARCH's underscores; the
Arabic entries stay lemmatised as upstream wrote them (matching folds article and proclitics).

    python scripts/convert_event_dictionaries.py SOURCE_DIR [-o data/dictionaries]
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

#: CAMEO role codes (3 letters after the country) -> ActorGraph type, first match wins
ROLE_TYPES = (
    ("MIL", "MilitaryUnit"), ("COP", "MilitaryUnit"), ("SPY", "GovernmentBody"),
    ("REB", "ArmedGroup"), ("INS", "ArmedGroup"), ("IMG", "ArmedGroup"), ("UAF", "ArmedGroup"),
    ("SEP", "ArmedGroup"), ("GOV", "GovernmentBody"), ("JUD", "GovernmentBody"), ("LEG", "GovernmentBody"),
    ("MED", "MediaOutlet"), ("IGO", "Organization"), ("NGO", "Organization"), ("BUS", "Organization"),
    ("EDU", "Organization"), ("HLH", "Organization"), ("PTY", "Organization"), ("OPP", "Collective"),
    ("CVL", "Collective"), ("REF", "Collective"), ("LAB", "Collective"), ("AGR", "Collective"),
    ("ELI", "Person"),
)
_CODE = re.compile(r"\[~?([A-Z]{3,}[A-Z0-9]*)(?:\s+([0-9<>-]*))?\]")
_COMMENT = re.compile(r"(?:\s|_|^)#.*$")


def actor_type(code: str, is_person: bool = False) -> str:
    """The ActorGraph type of a CAMEO actor code: a bare 3-letter country code is a State, the
    first known role code decides otherwise ("IRQGOV" -> GovernmentBody, "SYRREB" -> ArmedGroup)."""
    if is_person:
        return "Person"
    roles = dict(ROLE_TYPES)
    if len(code) == 3 and code not in roles:
        return "State"
    for i in range(0, len(code), 3):
        chunk = code[i:i + 3]
        for role, kind in ROLE_TYPES:
            if chunk == role:
                return kind
    return "Organization"


def clean_name(raw: str) -> str:
    """"NOURI_AL-MALIKI_" -> "NOURI AL-MALIKI"; "حركة_حماس_" -> "حركة حماس"."""
    name = raw.strip().lstrip("+").replace("!PERSON!", "")
    name = re.sub(r"\{[^}]*\}", "", name)
    name = name.replace("_", " ")
    return re.sub(r"\s+", " ", name).strip()


def _current_code(codes: list[tuple[str, str]]) -> str | None:
    """The open-ended code (no dates or ending 18000101 / '-'), else the last one listed."""
    if not codes:
        return None
    for code, dates in codes:
        if not dates or dates.endswith("18000101") or dates.endswith("-"):
            return code
    return codes[-1][0]


def parse_actor_file(lines: list[str], person_marker: str | None = None) -> list[dict[str, object]]:
    """Blocks of a PETRARCH actor file: a primary name (with an inline [CODE] or followed by
    indented [CODE dates] lines), `+synonym` lines, comments after '#'."""
    entries: list[dict[str, object]] = []
    current: dict[str, object] | None = None
    for raw_line in lines:
        line = raw_line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        comment = "#" in line and person_marker is not None and person_marker in line
        body = _COMMENT.sub("", line).rstrip()
        codes = [(m.group(1), m.group(2) or "") for m in _CODE.finditer(body)]
        text = _CODE.sub("", body).strip()
        if raw_line[:1] in " \t" and not text:
            if current is not None:
                current["codes"].extend(codes)
            continue
        if text.startswith("+"):
            if current is not None:
                current["aliases"].append(clean_name(text))
                current["codes"].extend(codes)
            continue
        current = {"name": clean_name(text), "aliases": [], "codes": codes, "person": comment}
        entries.append(current)
    return [e for e in entries if e["name"] and not str(e["name"]).startswith("[") and e["codes"]]


def _arabic_state_names(entries: list[dict[str, object]]) -> set[str]:
    """Arabic country names: a line coded with a bare country code whose nisba (name + ي) is also
    listed under that code ("عراق" / "عراقي", "إيران" / "إيراني", "سوريا" / "سوري")."""
    nisbas = {(str(e["name"]), _current_code(e["codes"])) for e in entries if str(e["name"]).endswith("ي")}
    names = set()
    for nisba, code in nisbas:
        stem = nisba[:-1]
        names.update({(stem, code), (stem + "يا", code), (stem + "ا", code)})
    return {name for name, code in names}


def actor_rows(entries: list[dict[str, object]], language: str) -> list[dict[str, str]]:
    rows = []
    states = _arabic_state_names(entries) if language == "ar" else set()
    for entry in entries:
        code = _current_code(entry["codes"])  # type: ignore[arg-type]
        if not code:
            continue
        aliases = [a for a in dict.fromkeys(entry["aliases"]) if a and a != entry["name"]]  # type: ignore[union-attr]
        kind = actor_type(code, bool(entry["person"]))
        if len(code) == 3 and kind not in ("State", "Person") and " " not in str(entry["name"]):
            continue  # a bare role word ("حكومة" GOV, "ضابط" MIL): an agent, not a named actor
        if kind == "State" and language == "ar" and not str(entry["name"]).endswith("ي") \
                and entry["name"] not in states:
            kind = "Location"  # Arabic country-coded lines are mostly its cities and regions; nisbas name the state
        if kind == "State":
            aliases = [a for a in aliases if a.upper().startswith(str(entry["name"])[:3].upper())]  # not its cities
        rows.append({"language": language, "name": entry["name"], "aliases": "|".join(aliases), "code": code,
                     "type": kind})
    return rows


def agent_rows(lines: list[str], language: str) -> list[dict[str, str]]:
    """Agent lines "NAME {PLURAL} [~CODE] arabic words": generic agents, typed Collective unless
    the code is armed (then ArmedGroup); the Arabic files give the Arabic after the code."""
    rows = []
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _CODE.search(line)
        if not match:
            continue
        gloss = clean_name(line[:match.start()])
        after = _COMMENT.sub("", line[match.end():]).strip().lstrip("#").strip()
        name = after if language == "ar" else gloss
        if not name or (language == "ar" and not re.search("[\u0621-\u064a]", name)):
            continue
        code = match.group(1)
        kind = actor_type(code)
        rows.append({"language": language, "name": name.replace("?", "").strip(), "code": code,
                     "type": kind if kind in ("ArmedGroup", "MilitaryUnit") else "Collective", "gloss": gloss})
    return rows


def write_tsv(path: Path, rows: list[dict[str, str]], fields: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    seen, unique = set(), []
    for row in rows:
        key = (row["name"], row["code"])
        if key not in seen:
            seen.add(key)
            unique.append(row)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, delimiter="\t", lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(sorted(unique, key=lambda r: (r["name"], r["code"])))


def _read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8", errors="replace").splitlines()


def convert(source: Path, out: Path) -> dict[str, int]:
    """Convert every source file found under `source`; returns rows written per output file."""
    ar, en = source / "arabic-universalpetrarch", source / "english-petrarch2"
    counts = {}
    actors_ar = actor_rows(parse_actor_file(_read(ar / "actor_dict_ar_v4.txt")), "ar")
    actors_en = []
    for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        actors_en += actor_rows(parse_actor_file(_read(en / name), person_marker="CountryInfo"), "en")
    agents_ar = agent_rows(_read(ar / "agents.all.ar.txt"), "ar")
    agents_en = agent_rows(_read(en / "Phoenix.agents.txt"), "en")
    for filename, rows, fields in (("actors.ar.tsv", actors_ar, ["language", "name", "aliases", "code", "type"]),
                                   ("actors.en.tsv", actors_en, ["language", "name", "aliases", "code", "type"]),
                                   ("agents.ar.tsv", agents_ar, ["language", "name", "code", "type", "gloss"]),
                                   ("agents.en.tsv", agents_en, ["language", "name", "code", "type", "gloss"])):
        write_tsv(out / filename, rows, fields)
        counts[filename] = len(rows)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder with arabic-universalpetrarch/ and english-petrarch2/")
    parser.add_argument("-o", "--out", type=Path,
                        default=Path(__file__).resolve().parent.parent / "data" / "dictionaries")
    args = parser.parse_args(argv)
    try:
        counts = convert(args.source, args.out)
    except OSError as exc:
        print(f"convert_event_dictionaries: {exc.filename}: {exc.strerror} (give the event-dictionaries folder)",
              file=sys.stderr)
        return 1
    for name, count in counts.items():
        print(f"{args.out / name}: {count} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
