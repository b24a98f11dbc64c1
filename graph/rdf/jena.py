"""A second SHACL engine: Apache Jena's `shacl validate`, run on an export file as it is.

Why: pyshacl alone cannot show that `data/shapes.ttl` works "in any SHACL engine"; Jena is the
reference Java implementation that reported the original problem (shapes that needed the
ontology merged into the data). Its jars come from Maven Central (`org.apache.jena:jena-cmds`,
which carries the `shacl` command and depends on `jena-shacl`) through graph/java_jars.py, cached
next to the Neo4j jars. The report Jena prints (Turtle) is read back into the same
`ValidationReport` as pyshacl's, so the two verdicts compare line by line.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from actorgraph.graph import java_jars
from actorgraph.graph.config import cache_home
from actorgraph.graph.errors import InputError
from actorgraph.graph.rdf.validate import SHAPES_FILE, ValidationReport, report_violations

#: Newest Jena that runs on Java 17 (6.x needs Java 21).
JENA_VERSION = "5.6.0"
JENA_ARTIFACT = ("org.apache.jena", "jena-cmds")
JENA_MAIN = "shacl.shacl"
#: Files Jena's command reads by their suffix (it has no JSON-LD reader for `.json`).
JENA_SUFFIXES = (".ttl", ".nt", ".jsonld", ".trig", ".nq", ".rdf", ".owl")
_TIMEOUT = 600


def ensure_jena(cache_dir: Path | None = None) -> Path:
    """The folder whose `lib/` holds Jena's command-line jars, fetched with Maven the first time."""
    group, artifact = JENA_ARTIFACT
    return java_jars.ensure_jars(cache_dir or cache_home(), f"jena-{JENA_VERSION}", group, artifact, JENA_VERSION)


def validate_file_with_jena(path: Path | str, shapes: Path | str = SHAPES_FILE,
                            cache_dir: Path | None = None) -> ValidationReport:
    """SHACL-validate an RDF file with Apache Jena; raises JavaToolError without Java/Maven and
    InputError when Jena cannot read the file."""
    from rdflib import Graph, Literal
    from rdflib.namespace import SH

    path = Path(path)
    if path.suffix.lower() not in JENA_SUFFIXES:
        raise InputError(str(path), "", f"Jena does not read {path.suffix!r} files",
                         f"use one of {', '.join(JENA_SUFFIXES)}")
    if not path.is_file():
        raise InputError(str(path), "", "no such file", "check the path")
    dist = ensure_jena(cache_dir)
    cmd = [str(java_jars.find_java()), "-cp", str(dist / "lib" / "*"), JENA_MAIN, "validate",
           "--shapes", str(shapes), "--data", str(path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=_TIMEOUT, check=False)
    problems = [line for line in proc.stderr.splitlines() if line.strip() and not line.startswith("SLF4J")]
    if proc.returncode != 0 or not proc.stdout.strip():
        raise InputError(str(path), "", f"Jena could not validate it: {' '.join(problems)[:300] or proc.returncode}",
                         "export it again with `actorgraph export`")
    results = Graph().parse(data=proc.stdout, format="turtle")
    conforms = [isinstance(value, Literal) and bool(value.toPython()) for value in results.objects(None, SH.conforms)]
    return ValidationReport(conforms == [True], report_violations(results))
