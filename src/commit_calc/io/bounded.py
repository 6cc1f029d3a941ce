"""The one reader of files users name: regular files only, never more than a limit.

Every game file (TOML, JSON, Gambit ``.efg``/``.nfg``) and standard input is read here. A path
that is not a regular file (a folder, a device such as ``/dev/zero``, a FIFO) is refused at
once: the file is opened without blocking (a FIFO with no writer would otherwise wait
forever) and checked with ``fstat`` on the open descriptor, so a link cannot be swapped
between the check and the read. At most ``limit + 1`` bytes are ever read.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as name:
...     folder = pathlib.Path(name)
...     _ = (folder / "game.toml").write_text("players = []")
...     print(read_limited(folder / "game.toml", 100))
...     try:
...         read_limited(folder, 100)
...     except GameFileError as error:
...         print(error.detail)
b'players = []'
not a regular file but a folder
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO

from commit_calc.errors import GameFileError

#: Kinds of file that are refused, by the ``stat`` test that recognises them.
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)

_CHUNK = 1 << 16


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "a special file"


def read_limited(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, refusing anything larger than ``limit``.

    Raises
    ------
    GameFileError
        The file cannot be opened, is not a regular file (folder, device, FIFO, socket), or
        holds more than ``limit`` bytes.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise GameFileError(f"cannot read the file ({error.strerror})", path=str(path)) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise GameFileError(f"not a regular file but {_kind(info.st_mode)}", path=str(path))
        if info.st_size > limit:
            raise GameFileError(
                f"file of {info.st_size} bytes is larger than the {limit}-byte limit",
                path=str(path))
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = _read_at_most(handle, limit + 1)
    except OSError as error:
        raise GameFileError(f"cannot read the file ({error.strerror})", path=str(path)) from None
    finally:
        os.close(descriptor)
    if len(data) > limit:  # the file grew while it was read
        raise GameFileError(f"file larger than the {limit}-byte limit", path=str(path))
    return data


def read_stream_limited(stream: IO[bytes], limit: int, source: str) -> bytes:
    """At most ``limit`` bytes from ``stream`` (standard input); more is refused."""
    try:
        data = _read_at_most(stream, limit + 1)
    except OSError as error:
        raise GameFileError(f"cannot read ({error.strerror})", path=source) from None
    if len(data) > limit:
        raise GameFileError(f"input larger than the {limit}-byte limit", path=source)
    return data


def _read_at_most(stream: IO[bytes], count: int) -> bytes:
    """Read until end of file or ``count`` bytes, whichever comes first."""
    chunks: list[bytes] = []
    left = count
    while left > 0:
        chunk = stream.read(min(left, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
