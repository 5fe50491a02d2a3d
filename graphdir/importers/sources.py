"""The text lines of an input file, plain or zipped, decoded in the encoding its source declares; streamed.

    with TextSource.open(Path("StockUniteLegale_utf8.zip"), encoding="utf-8") as source:
        for text in source.lines():     # one decoded line at a time (line ends kept, for the csv module)
            ...
        source.line, source.bytes_read, source.size    # where it is, for errors and progress

A zip (recognised by its first bytes, whatever its name) must hold exactly one CSV, as INSEE publishes them, unless
the member to read is named (`TextSource.tables(path)` lists them: the RNA's zip holds one per département); the
member is decompressed as it is read, never extracted. A zip that cannot be opened (truncated: its
directory is at its end) or whose data is damaged is an ImportFileError naming the file, and the line reached.

Encodings, declared per source (never silently replaced by another):
- `utf-8`: a leading BOM is dropped; bytes that are not UTF-8 raise UndecodableLine.
- `latin-1`, `cp1252` (real RNA dumps): a line that holds non-ASCII bytes forming valid UTF-8 raises UndecodableLine
  (a UTF-8 file declared latin-1 would otherwise be read as "Ã©" for "é"); so do latin-1's C1 control bytes
  0x80-0x9F (no text holds them: the file is cp1252) and the five bytes cp1252 leaves undefined.
- `auto`: UTF-8 until a line is not, then cp1252 for the rest, provided no earlier line held UTF-8 beyond ASCII
  (ASCII reads the same in both); a file mixing the two, either way round, raises UndecodableLine.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from graphdir.importers.errors import ImportFileError

ENCODINGS = ("utf-8", "latin-1", "cp1252", "auto")
_ZIP_MAGIC = b"PK\x03\x04"


class UndecodableLine(Exception):
    """Bytes of line `line` that the declared encoding refuses; the reader adds the column they fall in."""

    def __init__(self, line: int, raw: bytes, start: int, message: str) -> None:
        self.line, self.raw, self.start, self.message = line, raw, start, message
        super().__init__(message)


class TextSource:
    def __init__(self, path: Path, handle: IO[bytes], size: int, name: str, encoding: str,
                 archive: zipfile.ZipFile | None = None) -> None:
        self.path, self.name, self.size, self.encoding = path, name, size, encoding
        self.line = 0
        self.bytes_read = 0
        self.decided = "" if encoding == "auto" else encoding  # what "auto" settled on, once it had to
        self._handle, self._archive = handle, archive

    @classmethod
    def open(cls, path: Path, *, encoding: str = "utf-8", member: str | None = None) -> TextSource:
        if encoding not in ENCODINGS:
            raise ImportFileError(str(path), 0, f"encoding {encoding!r}: expected one of {', '.join(ENCODINGS)}")
        try:
            with path.open("rb") as probe:
                zipped = probe.read(4) == _ZIP_MAGIC
            if not zipped:
                return cls(path, path.open("rb"), path.stat().st_size, str(path), encoding)
        except OSError as exc:
            raise ImportFileError(str(path), 0, f"cannot read: {exc.strerror or exc}") from exc
        return cls._open_zip(path, encoding, member)

    @classmethod
    def _open_zip(cls, path: Path, encoding: str, member: str | None) -> TextSource:
        archive = _open_archive(path)
        try:
            members = [info for info in archive.infolist() if not info.is_dir()]
            tables = [info for info in members if info.filename == member or member is None
                      and info.filename.lower().endswith(".csv")]
            if len(tables) != 1:
                names = ", ".join(info.filename for info in members) or "nothing"
                raise ImportFileError(str(path), 0, f"a zip must hold exactly one .csv file; this one holds {names}")
            info = tables[0]
            return cls(path, archive.open(info), info.file_size, f"{path}!{info.filename}", encoding, archive)
        except BaseException:
            archive.close()
            raise

    @staticmethod
    def tables(path: Path) -> list[str | None]:
        """What `open` may be given as `member`: the CSV files of a zip in name order (RNA publishes one per
        département), or [None] for a plain file."""
        try:
            with path.open("rb") as probe:
                if probe.read(4) != _ZIP_MAGIC:
                    return [None]
        except OSError as exc:
            raise ImportFileError(str(path), 0, f"cannot read: {exc.strerror or exc}") from exc
        with _open_archive(path) as archive:
            names = sorted(info.filename for info in archive.infolist()
                           if not info.is_dir() and info.filename.lower().endswith(".csv"))
        if not names:
            raise ImportFileError(str(path), 0, "the zip holds no .csv file")
        return list(names)

    def close(self) -> None:
        self._handle.close()
        if self._archive is not None:
            self._archive.close()

    def __enter__(self) -> TextSource:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def lines(self) -> Iterator[str]:
        while True:
            try:
                raw = self._handle.readline()
            except (zipfile.BadZipFile, EOFError, zlib.error, OSError) as exc:
                raise ImportFileError(self.name, self.line + 1, f"the zip's data is damaged or cut short ({exc}); "
                                      "download it again") from exc
            if not raw:
                return
            self.line += 1
            self.bytes_read += len(raw)
            if self.line == 1 and self.encoding in ("utf-8", "auto") and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            yield self._decode(raw)

    def _decode(self, raw: bytes) -> str:
        if raw.isascii():
            return raw.decode("ascii")
        if self.decided in ("", "utf-8"):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                if self.decided == "utf-8":
                    hint = ("earlier lines are UTF-8, this one is not: a file mixing encodings"
                            if self.encoding == "auto" else
                            "a latin-1 file? declare its encoding latin-1, or convert it with iconv -f latin1 -t utf-8")
                    raise UndecodableLine(self.line, raw, exc.start, f"byte 0x{raw[exc.start]:02x} at byte "
                                          f"{exc.start + 1} of the line is not UTF-8 ({hint})") from exc
                self.decided = "cp1252"  # auto, and every line so far was ASCII
            else:
                self.decided = "utf-8"
                return text
        return self._decode_single_byte(raw)

    def _decode_single_byte(self, raw: bytes) -> str:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            start = next(i for i, byte in enumerate(raw) if byte > 0x7F)
            hint = ("earlier lines are cp1252, this one is UTF-8: a file mixing encodings" if self.encoding == "auto"
                    else f"not {self.encoding}: declare its encoding utf-8")
            raise UndecodableLine(self.line, raw, start, f"the line's bytes are UTF-8 ({text.strip()[:60]!r}), {hint}")
        if self.decided == "latin-1":
            control = next((i for i, byte in enumerate(raw) if 0x80 <= byte <= 0x9F), None)
            if control is not None:
                raise UndecodableLine(self.line, raw, control, f"byte 0x{raw[control]:02x} at byte {control + 1} of "
                                      "the line is a control character in latin-1 (a cp1252 file? declare cp1252)")
            return raw.decode("latin-1")
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise UndecodableLine(self.line, raw, exc.start, f"byte 0x{raw[exc.start]:02x} at byte {exc.start + 1} "
                                  "of the line is neither UTF-8 nor cp1252") from exc


def _open_archive(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ImportFileError(str(path), 0, f"a zip that cannot be opened (truncated or damaged: {exc}); download it "
                              "again") from exc
