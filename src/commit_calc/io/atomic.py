"""The one writer of files: complete or not at all.

Every file commit-calc writes (game files, Gambit files, pictures, plots) goes through
:func:`write_atomic`: the data go to a temporary file in the target's folder, are flushed to
the disk, and the temporary file is renamed over the target only when complete. If anything
fails (a full disk, a file-size limit, an interruption), the temporary file is removed and an
existing target is left as it was.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as name:
...     target = pathlib.Path(name) / "game.toml"
...     _ = write_atomic(target, "players = []\\n")
...     print(target.read_text(), end="")
...     print(sorted(path.name for path in target.parent.iterdir()))
players = []
['game.toml']
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from commit_calc.errors import CommitCalcError


class FileWriteError(CommitCalcError):
    """A file could not be written; the message names the file and the reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: cannot write the file ({reason})")


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` atomically and return the path.

    A link is followed: the file it points to is replaced and the link kept. An existing
    file keeps its permissions; a new one gets the usual ``0o666`` less the umask.

    Raises
    ------
    FileWriteError
        The target is a folder, a device or a FIFO, its folder does not exist or cannot be
        written, or writing failed (disk full, file-size limit); the old file is untouched.
    """
    content = data.encode("utf-8") if isinstance(data, str) else data
    target = Path(os.path.realpath(path))
    mode = _mode_for(target, path)
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                                 dir=target.parent)
    except OSError as error:
        raise _failure(path, error) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise _failure(path, error) from None
        raise
    return Path(path)


def _mode_for(target: Path, shown: str | Path) -> int:
    """The permissions the written file gets; refuses targets that are not regular files."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return 0o666 & ~_umask()
    except OSError as error:
        raise _failure(shown, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise FileWriteError(shown, "it is a folder")
    if not stat.S_ISREG(info.st_mode):
        raise FileWriteError(shown, "it is not a regular file")
    return stat.S_IMODE(info.st_mode)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _failure(path: str | Path, error: OSError) -> FileWriteError:
    return FileWriteError(path, error.strerror or str(error))
