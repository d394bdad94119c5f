"""Ingest: files, folders and stdin -> ``Document`` values (or ``Rejected`` ones).

    read(paths, config)          files, folders (recursive) and "-" (JSON Lines on stdin)
    read_bytes(source, data)     one in-memory input
    sniff(text, name)            which reader an input needs, by content

Every input goes through the same checks (``decode``): size (from ``stat()``, before
reading), empty, binary, encoding. Then ``sniff`` picks the reader by content, not by
extension: ``text``, ``html``, ``jsonl`` or ``feed``. A reader raises ``InputError`` for a
file it cannot use and yields ``Rejected`` for a part of one (a JSONL line, a feed item);
``read`` turns every ``InputError`` into a ``Rejected(source, "ingest", reason)`` so the
batch always goes on. Nothing here touches the network. Field names: docs/input-formats.md.
"""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from triangulate.config import DEFAULT, Config
from triangulate.errors import InputError, UnreadableInputError
from triangulate.ingest import feed, html, jsonl, text
from triangulate.ingest.decode import Decoded, check_size, to_text
from triangulate.ingest.sniff import sniff
from triangulate.model import Document, InputKind, Rejected

__all__ = ["STDIN", "read", "read_bytes", "read_path", "read_stream", "sniff", "walk"]

#: The path that means "JSON Lines on standard input", and the name its records carry.
STDIN = "-"
STDIN_NAME = "<stdin>"

Reader = Callable[[Decoded, Config], Iterator[Document | Rejected]]
READERS: dict[InputKind, Reader] = {
    "text": text.read,
    "html": html.read,
    "jsonl": jsonl.read,
    "feed": feed.read,
}

_FILE_TYPES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _rejected(exc: InputError) -> Rejected:
    return Rejected(exc.source, exc.stage, exc.reason)


def read_bytes(source: str, data: bytes, config: Config = DEFAULT) -> Iterator[Document | Rejected]:
    """Documents from one input held in memory; ``source`` names it in every message."""
    try:
        item = to_text(source, data, config)
        yield from READERS[sniff(item.text, source)](item, config)
    except InputError as exc:
        yield _rejected(exc)


def _read_file(path: Path, size: int, config: Config) -> bytes:
    source = str(path)
    check_size(source, size, config)
    try:
        with path.open("rb") as f:
            data = f.read(config.max_input_bytes + 1)
    except PermissionError:
        raise UnreadableInputError(source, "permission denied (cannot read the file)") from None
    except OSError as exc:
        raise UnreadableInputError(source, f"cannot read: {exc.strerror or exc}") from None
    check_size(source, len(data), config)  # it grew since stat()
    return data


def walk(folder: Path) -> Iterator[Path | Rejected]:
    """Files under a folder, recursively, in sorted order; hidden files and folders
    (names starting with ".") are skipped, symlink loops are followed only once."""
    seen: set[str] = set()

    def visit(d: Path) -> Iterator[Path | Rejected]:
        real = os.path.realpath(d)
        if real in seen:
            return
        seen.add(real)
        try:
            with os.scandir(d) as it:
                entries = sorted(it, key=lambda e: e.name)
        except PermissionError:
            yield Rejected(str(d), "ingest", "permission denied (cannot list the folder)")
            return
        except OSError as exc:
            yield Rejected(str(d), "ingest", f"cannot list the folder: {exc.strerror or exc}")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = d / entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                yield from visit(path)
            else:
                yield path

    yield from visit(folder)


def read_path(path: str | Path, config: Config = DEFAULT) -> Iterator[Document | Rejected]:
    """Documents from one file, or every file under one folder."""
    path = Path(path)
    source = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        reason = "broken symbolic link" if path.is_symlink() else "no such file or directory"
        yield Rejected(source, "ingest", reason)
        return
    except PermissionError:
        yield Rejected(source, "ingest", "permission denied (cannot look up the path)")
        return
    except OSError as exc:
        yield Rejected(source, "ingest", f"cannot open: {exc.strerror or exc}")
        return
    if stat.S_ISDIR(st.st_mode):
        found = False
        for entry in walk(path):
            found = True
            if isinstance(entry, Rejected):
                yield entry
            else:
                yield from read_path(entry, config)
        if not found:
            yield Rejected(source, "ingest", "folder has no files (hidden files are skipped)")
        return
    for test, what in _FILE_TYPES:
        if test(st.st_mode):
            yield Rejected(source, "ingest", f"not a regular file ({what})")
            return
    try:
        data = _read_file(path, st.st_size, config)
    except InputError as exc:
        yield _rejected(exc)
        return
    yield from read_bytes(source, data, config)


def read_stream(
    stream: IO[bytes], config: Config = DEFAULT, name: str = STDIN_NAME
) -> Iterator[Document | Rejected]:
    """JSON Lines from a byte stream, line by line; records are named ``name:LINE``."""
    yield from jsonl.read_stream(name, stream, config)


def _stdin_bytes() -> IO[bytes]:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer
    return io.BytesIO(sys.stdin.read().encode("utf-8"))


def read(
    paths: Iterable[str | Path] | str | Path, config: Config = DEFAULT
) -> Iterator[Document | Rejected]:
    """Documents from files, folders (recursive, sorted) and ``-`` (JSON Lines on stdin),
    in the order given; every unusable input comes back as a ``Rejected`` value."""
    if isinstance(paths, str | Path):
        paths = [paths]
    for path in paths:
        if str(path) == STDIN:
            yield from read_stream(_stdin_bytes(), config)
        else:
            yield from read_path(path, config)
