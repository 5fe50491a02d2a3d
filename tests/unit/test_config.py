from pathlib import Path

import pytest

from graphdir.config import ConfigError, LocalServerSettings, Settings

BASE = {"NEO4J_URI": "neo4j://db.example:7687", "NEO4J_PASSWORD": "pw"}


def test_remote_server_settings() -> None:
    s = Settings.from_env({**BASE, "NEO4J_DATABASE": "ess", "GRAPHDIR_PORT": "9000", "GRAPHDIR_GRAPHIQL": "off"})
    assert (s.neo4j_uri, s.neo4j_database, s.port, s.graphiql) == ("neo4j://db.example:7687", "ess", 9000, False)


def test_defaults() -> None:
    s = Settings.from_env(BASE)
    assert (s.neo4j_user, s.neo4j_database, s.host, s.port) == ("neo4j", "neo4j", "127.0.0.1", 8000)
    assert s.log_level == "INFO"
    assert s.workers == 1
    assert Settings.from_env({**BASE, "GRAPHDIR_WORKERS": "2"}).workers == 2


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"NEO4J_URI": "mysql://x"}, "NEO4J_URI"),
        ({"NEO4J_URI": "bolt://host:notaport"}, "NEO4J_URI"),
        ({"GRAPHDIR_PORT": "0"}, "GRAPHDIR_PORT"),
        ({"GRAPHDIR_LOG_LEVEL": "chatty"}, "GRAPHDIR_LOG_LEVEL"),
        ({"GRAPHDIR_GRAPHIQL": "maybe"}, "GRAPHDIR_GRAPHIQL"),
        ({"GRAPHDIR_WORKERS": "0"}, "GRAPHDIR_WORKERS"),
        ({"GRAPHDIR_WORKERS": "two"}, "GRAPHDIR_WORKERS"),
        ({"GRAPHDIR_WORKERS": "65"}, "GRAPHDIR_WORKERS"),
        ({"NEO4J_PASSWORD": ""}, "NEO4J_PASSWORD"),
    ],
)
def test_invalid_settings_name_the_variable(extra: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env({**BASE, **extra})


def test_log_format_defaults_to_auto_and_is_validated() -> None:
    assert Settings.from_env(BASE).log_format == "auto"
    assert Settings.from_env({**BASE, "GRAPHDIR_LOG_FORMAT": "JSON"}).log_format == "json"
    with pytest.raises(ConfigError, match="GRAPHDIR_LOG_FORMAT"):
        Settings.from_env({**BASE, "GRAPHDIR_LOG_FORMAT": "xml"})


def test_local_server_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    local = LocalServerSettings.from_env({})
    assert (local.home, local.bolt_port, local.heap, local.pagecache) == (tmp_path / ".neo4j", None, "2g", "2g")


def test_local_server_settings(tmp_path: Path) -> None:
    local = LocalServerSettings.from_env({"GRAPHDIR_NEO4J_HOME": str(tmp_path), "GRAPHDIR_NEO4J_BOLT_PORT": "7781",
                                          "GRAPHDIR_NEO4J_HEAP": "512M", "GRAPHDIR_NEO4J_PAGECACHE": "1073741824"})
    assert (local.home, local.bolt_port, local.heap, local.pagecache) == (tmp_path, 7781, "512M", "1073741824")


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("GRAPHDIR_NEO4J_BOLT_PORT", "0"),
        ("GRAPHDIR_NEO4J_BOLT_PORT", "70000"),
        ("GRAPHDIR_NEO4J_BOLT_PORT", "bolt"),
        ("GRAPHDIR_NEO4J_HEAP", "lots"),
        ("GRAPHDIR_NEO4J_HEAP", "0"),
        ("GRAPHDIR_NEO4J_HEAP", "2gb"),
        ("GRAPHDIR_NEO4J_PAGECACHE", "-1g"),
        ("GRAPHDIR_NEO4J_PAGECACHE", ""),
        ("GRAPHDIR_NEO4J_HOME", " "),
    ],
)
def test_invalid_local_server_settings_name_the_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        LocalServerSettings.from_env({variable: value})


def test_a_file_is_not_a_local_server_home(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(ConfigError, match="GRAPHDIR_NEO4J_HOME"):
        LocalServerSettings.from_env({"GRAPHDIR_NEO4J_HOME": str(tmp_path / "file")})


def test_settings_of_the_local_server_are_validated_when_it_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPHDIR_NEO4J_BOLT_PORT", "seven")
    with pytest.raises(ConfigError, match="GRAPHDIR_NEO4J_BOLT_PORT"):
        Settings.from_env({"GRAPHDIR_INSTANCE": "test"})
    assert Settings.from_env(BASE).neo4j_uri == BASE["NEO4J_URI"]  # not used with NEO4J_URI
