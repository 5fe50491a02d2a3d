"""A Neo4j Community server run from Maven jars, for machines without Docker.

The jars are resolved once by `mvn` from the package's `neo4j-runtime.pom.xml` into `<home>/lib/<version>/`, where
home is GRAPHDIR_NEO4J_HOME or `.neo4j` in the current directory. Each named instance
(`run` for `make run`, `test` for `make test`, `bench` for benchmarks) has its own folder with its configuration, data,
logs, a generated password and a pid file, and its own Bolt port, so tests never touch served data.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from graphdir.config import LocalServerSettings

POM = resources.files("graphdir.db") / "neo4j-runtime.pom.xml"

# Bolt ports per instance; GRAPHDIR_NEO4J_BOLT_PORT overrides.
DEFAULT_PORTS = {"run": 7687, "test": 7688, "bench": 7689, "scale": 7691}
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
# The options Neo4j's own launcher passes to the JVM.
JVM_OPTIONS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
]


def new_password() -> str:
    """A random password the admin tool takes as a value: a token starting with "-" (one in 64 of them) would be read
    as an option and refused."""
    return "g" + secrets.token_urlsafe(18)


class LocalServerError(RuntimeError):
    """The local server could not be fetched, started or stopped; the message says why."""


def neo4j_version() -> str:
    match = re.search(r"<neo4j.version>([^<]+)</neo4j.version>", POM.read_text())
    if not match:
        raise LocalServerError(f"{POM}: no <neo4j.version> property")
    return match.group(1)


def lib_dir() -> Path:
    return LocalServerSettings.from_env().home / "lib" / neo4j_version()


def ensure_runtime() -> Path:
    """Fetch the Neo4j jars with Maven unless they are cached already."""
    target = lib_dir()
    marker = target / ".complete"
    if marker.exists():
        return target
    if shutil.which("mvn") is None:
        raise LocalServerError("mvn is not installed: it fetches Neo4j (or set NEO4J_URI to a running server)")
    tmp = target.with_name(target.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    with resources.as_file(POM) as pom:
        cmd = ["mvn", "-q", "-B", "-f", str(pom), "dependency:copy-dependencies",
               f"-DoutputDirectory={tmp}", "-DincludeScope=runtime"]
        done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        tail = (done.stdout + done.stderr).strip().splitlines()[-5:]
        raise LocalServerError("fetching Neo4j with mvn failed:\n" + "\n".join(tail))
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    marker.touch()
    return target


def _java_major() -> int:
    java = shutil.which("java")
    if java is None:
        raise LocalServerError("java is not installed: Neo4j 5 needs Java 17 or 21")
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    match = re.search(r'version "(\d+)', out)
    return int(match.group(1)) if match else 0


@dataclass(frozen=True)
class LocalInstance:
    name: str

    @property
    def settings(self) -> LocalServerSettings:
        """Read at each use: the benchmark sets the memory variables around a start."""
        return LocalServerSettings.from_env()

    @property
    def folder(self) -> Path:
        return self.settings.home / "instances" / self.name

    @property
    def port(self) -> int:
        return self.settings.bolt_port or DEFAULT_PORTS.get(self.name, 7690)

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def password_file(self) -> Path:
        return self.folder / "password"

    @property
    def pid_file(self) -> Path:
        return self.folder / "neo4j.pid"

    @property
    def log_file(self) -> Path:
        return self.folder / "logs" / "console.log"

    def read_password(self) -> str | None:
        return self.password_file.read_text().strip() if self.password_file.exists() else None

    def pid(self) -> int | None:
        """The pid of this instance's server if it is alive."""
        if not self.pid_file.exists():
            return None
        try:
            pid = int(self.pid_file.read_text().strip())
            os.kill(pid, 0)
        except (ValueError, ProcessLookupError, PermissionError):
            return None
        stat = Path(f"/proc/{pid}/stat")
        if stat.exists() and stat.read_text().split(") ", 1)[-1].startswith("Z"):
            return None  # exited, not yet reaped by its parent
        cmdline = Path(f"/proc/{pid}/cmdline")
        if cmdline.exists() and b"java" not in cmdline.read_bytes():
            return None  # the pid was reused by another program
        return pid

    def bolt_answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

    def _database_answers(self) -> bool:
        """Bolt listens before the default database is online: wait for a query to succeed."""
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable, SessionExpired

        password = self.read_password()
        if password is None:
            return True  # not ours to authenticate; Bolt answering is all we can tell
        try:
            with GraphDatabase.driver(self.uri, auth=("neo4j", password), connection_timeout=2) as driver:
                driver.execute_query("RETURN 1", database_="neo4j")
            return True
        except AuthError as exc:
            raise LocalServerError(f"{self.uri} refuses the password in {self.password_file}: {exc.message}") from exc
        except (ServiceUnavailable, SessionExpired, Neo4jError, OSError):
            return False

    def status(self) -> str:
        pid = self.pid()
        if pid is None:
            return f"{self.name}: stopped ({self.uri})"
        state = "running" if self.bolt_answers() else "starting"
        return f"{self.name}: {state}, pid {pid}, {self.uri}"

    def _write_config(self) -> Path:
        conf = self.folder / "conf"
        conf.mkdir(parents=True, exist_ok=True)
        heap, pagecache = self.settings.heap, self.settings.pagecache
        settings = {
            "server.default_listen_address": "127.0.0.1",
            "server.bolt.listen_address": f"127.0.0.1:{self.port}",
            "server.bolt.advertised_address": f"127.0.0.1:{self.port}",
            "server.http.enabled": "false",
            "server.https.enabled": "false",
            "dbms.security.auth_enabled": "true",
            "dbms.usage_report.enabled": "false",
            "server.memory.heap.initial_size": heap,
            "server.memory.heap.max_size": heap,
            "server.memory.pagecache.size": pagecache,
            "server.directories.data": str(self.folder / "data"),
            "server.directories.logs": str(self.folder / "logs"),
            "server.directories.import": str(self.folder / "import"),
            "server.directories.plugins": str(self.folder / "plugins"),
            "server.directories.run": str(self.folder / "run"),
            "db.tx_log.rotation.retention_policy": "2 files",
            # Backstops behind the API's own deadline (GRAPHDIR_REQUEST_TIMEOUT, sent with every read): no statement,
            # a loader's batch included, runs longer or holds more memory than this.
            "db.transaction.timeout": "120s",
            "db.memory.transaction.max": "512m",
            # How often the timeouts are checked (default 2s): a statement is stopped within this of its deadline.
            "db.transaction.monitor.check.interval": "100ms",
        }
        extra = self.folder / "extra.conf"
        lines = [f"{k}={v}" for k, v in settings.items()]
        if extra.exists():  # local overrides, e.g. plugin settings for benchmarks
            lines += extra.read_text().splitlines()
        (conf / "neo4j.conf").write_text("\n".join(lines) + "\n")
        for sub in ("data", "logs", "import", "plugins", "run"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        return conf

    def _env(self, conf: Path) -> dict[str, str]:
        return {**os.environ, "NEO4J_HOME": str(self.folder), "NEO4J_CONF": str(conf)}

    def _classpath(self, lib: Path) -> str:
        return f"{lib}/*:{self.folder / 'plugins'}/*"

    def admin(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run `neo4j-admin` for this instance (offline commands such as `database import`)."""
        lib = ensure_runtime()
        conf = self._write_config()
        cmd = ["java", *JVM_OPTIONS, "-cp", self._classpath(lib), ADMIN_TOOL, *args]
        return subprocess.run(cmd, env=self._env(conf), capture_output=True, text=True)

    def start(self, timeout: float = 180.0) -> str:
        if self.pid() is not None:
            self.wait_ready(timeout)
            return f"{self.name}: already running on {self.uri}"
        if _java_major() < 17:
            raise LocalServerError("Neo4j 5 needs Java 17 or newer")
        lib = ensure_runtime()
        conf = self._write_config()
        env = self._env(conf)
        if not (self.folder / "data" / "dbms" / "auth.ini").exists():
            password = new_password()
            done = subprocess.run(
                ["java", "-cp", self._classpath(lib), ADMIN_TOOL, "dbms", "set-initial-password", password],
                env=env, capture_output=True, text=True,
            )
            if done.returncode != 0:
                raise LocalServerError(f"setting the initial password failed: {done.stderr.strip()[-500:]}")
            self.password_file.write_text(password + "\n")
            self.password_file.chmod(0o600)
        heap = self.settings.heap
        cmd = ["java", f"-Xms{heap}", f"-Xmx{heap}", *JVM_OPTIONS, "-cp", self._classpath(lib), ENTRY_POINT,
               f"--home-dir={self.folder}", f"--config-dir={conf}"]
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        with self.log_file.open("ab") as log:
            proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                    start_new_session=True, cwd=self.folder)
        self.pid_file.write_text(f"{proc.pid}\n")
        self.wait_ready(timeout)
        return f"{self.name}: started on {self.uri} (pid {proc.pid})"

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.pid() is None:
                raise LocalServerError(f"Neo4j exited during start; see {self.folder / 'logs'}")
            if self.bolt_answers() and self._database_answers():
                return
            time.sleep(0.5)
        raise LocalServerError(f"Neo4j did not open Bolt on {self.uri} within {timeout:.0f}s")

    def stop(self, timeout: float = 60.0) -> str:
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return f"{self.name}: not running"
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.pid() is not None:
            time.sleep(0.3)
        if self.pid() is not None:
            os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        return f"{self.name}: stopped"

    def wipe(self) -> None:
        """Delete this instance's data (never used on the `run` instance by the test suite)."""
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
