"""APOC core in the benchmark's instance: @neo4j/graphql 7 refuses to start without it.

The jars are resolved once with Maven from bench/apoc/pom.xml into bench/data/apoc-<version>/ and copied into the
instance's plugins/ folder (on the server's classpath, see graphdir.db.local), except the libraries Neo4j already
ships (commons-lang3, commons-text: the server's own versions stay). @neo4j/graphql only needs two APOC functions
(apoc.util.validatePredicate, apoc.date.convertFormat), which need no `unrestricted` setting, so no extra.conf is
written. graphdir and the raw-Cypher column do not use APOC; its presence changes nothing for them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from bench.settings import BENCH, DATA, BenchInstance
from graphdir.db.local import lib_dir

POM = BENCH / "apoc" / "pom.xml"


class ApocError(RuntimeError):
    pass


def apoc_version() -> str:
    match = re.search(r"<apoc.version>([^<]+)</apoc.version>", POM.read_text())
    if not match:
        raise ApocError(f"{POM}: no <apoc.version>")
    return match.group(1)


def _artifact(jar: str) -> str:
    """commons-lang3-3.18.0.jar -> commons-lang3"""
    return re.sub(r"-\d[\w.\-]*\.jar$", "", jar)


def fetch() -> Path:
    target = DATA / f"apoc-{apoc_version()}"
    if (target / ".complete").exists():
        return target
    if shutil.which("mvn") is None:
        raise ApocError("mvn is not installed: it fetches APOC for the @neo4j/graphql peer")
    shutil.rmtree(target, ignore_errors=True)
    done = subprocess.run(["mvn", "-q", "-B", "-f", str(POM), "dependency:copy-dependencies",
                           f"-DoutputDirectory={target}", "-DincludeScope=runtime"], capture_output=True, text=True)
    if done.returncode != 0:
        raise ApocError("fetching APOC with mvn failed:\n" + "\n".join((done.stdout + done.stderr).splitlines()[-5:]))
    (target / ".complete").touch()
    return target


def install(instance: BenchInstance) -> tuple[str, bool]:
    """Copy APOC into the instance's plugins; (version, True when the plugins changed: restart needed)."""
    source = fetch()
    shipped = {_artifact(jar.name) for jar in lib_dir().glob("*.jar")}
    plugins = instance.folder / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    changed = False
    for jar in sorted(source.glob("*.jar")):
        if _artifact(jar.name) in shipped:
            continue
        if not (plugins / jar.name).exists():
            shutil.copy2(jar, plugins / jar.name)
            changed = True
    return apoc_version(), changed
