"""The one error of an import that cannot start or go on: the file (or its mapping) is unreadable as a whole."""

from __future__ import annotations


class ImportFileError(Exception):
    """The file cannot be imported at all; nothing was written."""

    def __init__(self, file: str, line: int, message: str, column: str = "") -> None:
        self.file, self.line, self.column, self.message = file, line, column, message
        where = f"{file}:{line}:" if line else f"{file}:"
        super().__init__(f"{where} {'column ' + column + ': ' if column else ''}{message}")
