"""The event-dictionary converter on a small sample in the upstream formats (lines copied from the
shapes of actor_dict_ar_v4.txt, Phoenix.*.actors.txt and the agents files)."""
from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "convert_event_dictionaries.py"
spec = importlib.util.spec_from_file_location("convert_event_dictionaries", SCRIPT)
convert_module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(convert_module)

ARABIC_ACTORS = """غزة  [PSE]
وزارة_دفاع_أميركي_  [USAGOV]
نوري_المالكي_
\t[IRQGOV 20101221-20140908]
\t[IRQELI 20140908-20161010]
حركة_حماس_
\t[PSEREB 20140908-18000101]
عراق  [IRQ]
عراقي  [IRQ]
حكومة  [GOV]
"""
ENGLISH_ACTORS = """SYRIA_
+SYRIAN_
+ALEPPO_
\t[SYR]

BASHAR_AL-ASSAD_  # CountryInfo.txt
\t[SYRELI 650911-000710]
\t[SYRGOV 000710-]

ABU_NIDAL_ORGANIZATION [IMGMUSALQ] #  kkl 21 Mar 13
+FATAH_REVOLUTIONARY_COUNCIL_
"""
ARABIC_AGENTS = "ARMED_SEPARATIST [~REB]انفصالي مسلحي\n\nPROTESTER [~OPP]محتج\n"
ENGLISH_AGENTS = "GUNMAN {} [~UAF]\nPROTESTER [~OPP]\n"


def read(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return {row["name"]: row for row in csv.DictReader(handle, delimiter="\t")}


def test_converter_types_codes_and_synonyms(tmp_path):
    source = tmp_path / "src"
    (source / "arabic-universalpetrarch").mkdir(parents=True)
    (source / "english-petrarch2").mkdir()
    (source / "arabic-universalpetrarch" / "actor_dict_ar_v4.txt").write_text(ARABIC_ACTORS, encoding="utf-8")
    (source / "arabic-universalpetrarch" / "agents.all.ar.txt").write_text(ARABIC_AGENTS, encoding="utf-8")
    (source / "english-petrarch2" / "Phoenix.Countries.actors.txt").write_text(ENGLISH_ACTORS, encoding="utf-8")
    for name in ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        (source / "english-petrarch2" / name).write_text("", encoding="utf-8")
    (source / "english-petrarch2" / "Phoenix.agents.txt").write_text(ENGLISH_AGENTS, encoding="utf-8")
    out = tmp_path / "out"
    counts = convert_module.convert(source, out)
    assert counts == {"actors.ar.tsv": 6, "actors.en.tsv": 3, "agents.ar.tsv": 2, "agents.en.tsv": 2}

    ar = read(out / "actors.ar.tsv")
    assert "حكومة" not in ar  # a bare role word is an agent, not a named actor
    assert (ar["وزارة دفاع أميركي"]["code"], ar["وزارة دفاع أميركي"]["type"]) == ("USAGOV", "GovernmentBody")
    assert (ar["نوري المالكي"]["code"], ar["نوري المالكي"]["type"]) == ("IRQELI", "Person")  # last dated role
    assert (ar["حركة حماس"]["code"], ar["حركة حماس"]["type"]) == ("PSEREB", "ArmedGroup")  # open-ended role
    assert ar["عراق"]["type"] == "State" and ar["عراقي"]["type"] == "State"  # name + its nisba
    assert ar["غزة"]["type"] == "Location"  # country-coded place without a nisba

    en = read(out / "actors.en.tsv")
    assert (en["SYRIA"]["type"], en["SYRIA"]["aliases"]) == ("State", "SYRIAN")  # its city ALEPPO dropped
    assert (en["BASHAR AL-ASSAD"]["code"], en["BASHAR AL-ASSAD"]["type"]) == ("SYRGOV", "Person")
    assert en["ABU NIDAL ORGANIZATION"]["aliases"] == "FATAH REVOLUTIONARY COUNCIL"
    assert en["ABU NIDAL ORGANIZATION"]["type"] == "ArmedGroup"

    agents = read(out / "agents.ar.tsv")
    assert agents["محتج"]["type"] == "Collective" and agents["انفصالي مسلحي"]["type"] == "ArmedGroup"
    assert read(out / "agents.en.tsv")["GUNMAN"]["type"] == "ArmedGroup"


def test_converter_reports_a_missing_folder(tmp_path, capsys):
    assert convert_module.main([str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")]) == 1
    assert "nowhere" in capsys.readouterr().err
