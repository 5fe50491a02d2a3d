import pytest

from graphdir.config import ConfigError, Settings

BASE = {"NEO4J_URI": "neo4j://db.example:7687", "NEO4J_PASSWORD": "pw"}


def test_remote_server_settings() -> None:
    s = Settings.from_env({**BASE, "NEO4J_DATABASE": "ess", "GRAPHDIR_PORT": "9000", "GRAPHDIR_GRAPHIQL": "off"})
    assert (s.neo4j_uri, s.neo4j_database, s.port, s.graphiql, s.local_neo4j) == (
        "neo4j://db.example:7687", "ess", 9000, False, False)


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
