"""Log lines: JSON for a collector, text for a person at a terminal."""

import io
import json
import logging

from graphdir.logs import JsonFormatter, TextFormatter, wants_json


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_auto_is_text_at_a_terminal_and_json_otherwise() -> None:
    assert not wants_json("auto", Terminal())
    assert wants_json("auto", io.StringIO())
    assert wants_json("json", Terminal())
    assert not wants_json("text", io.StringIO())


def _record() -> logging.LogRecord:
    record = logging.makeLogRecord({"name": "graphdir.app", "levelname": "INFO", "msg": "ready: open %s",
                                    "args": ("http://127.0.0.1:8000/graphql",), "neo4j": "bolt://127.0.0.1:7687"})
    record.process = 1234
    return record


def test_json_line_carries_the_process_and_the_extras() -> None:
    entry = json.loads(JsonFormatter().format(_record()))
    assert (entry["msg"], entry["pid"], entry["neo4j"]) == ("ready: open http://127.0.0.1:8000/graphql", 1234,
                                                            "bolt://127.0.0.1:7687")


def test_text_line_is_short_and_names_the_process_only_among_several() -> None:
    alone = TextFormatter(with_pid=False).format(_record())
    assert alone.endswith(" INFO    ready: open http://127.0.0.1:8000/graphql neo4j=bolt://127.0.0.1:7687"), alone
    assert "[1234]" in TextFormatter(with_pid=True).format(_record())
