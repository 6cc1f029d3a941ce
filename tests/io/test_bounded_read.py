"""Files users name are read by one bounded reader: devices, FIFOs and folders are refused at
once with one line, and nothing is read past the size limit (issue 16, item 3)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import commit_calc
from commit_calc.cli.main import cli
from commit_calc.errors import GameFileError
from commit_calc.io import load_game
from commit_calc.io.bounded import read_limited, read_stream_limited

SUFFIXES = (".toml", ".json", ".efg", ".nfg")
posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev")


def _special(tmp_path: Path, kind: str, suffix: str) -> Path:
    """A game-file name that is not a regular file: a link to a device, a FIFO, a folder."""
    path = tmp_path / f"game{suffix}"
    if kind in ("/dev/zero", "/dev/urandom"):
        path.symlink_to(kind)
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    return path


@posix_only
@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize(("kind", "named"), [
    ("/dev/zero", "a character device"),
    ("/dev/urandom", "a character device"),
    ("fifo", "a FIFO"),
    ("folder", "a folder"),
])
@pytest.mark.parametrize("command", ["show", "solve"])
def test_special_files_are_refused_at_once(tmp_path, command, kind, named, suffix):
    path = _special(tmp_path, kind, suffix)
    result = _within_two_seconds(command, str(path))
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines == [f"Error: {path}: not a regular file but {named}" + (
        " (named pipe)" if kind == "fifo" else "")]


def _within_two_seconds(*args: str):  # type: ignore[no-untyped-def]
    """Run the command line in a thread; fail (instead of hanging) if it takes 2 s."""
    results = []
    worker = threading.Thread(target=lambda: results.append(CliRunner().invoke(cli, args)),
                              daemon=True)
    start = time.perf_counter()
    worker.start()
    worker.join(timeout=2.0)
    assert not worker.is_alive(), f"still reading after {time.perf_counter() - start:.1f} s"
    return results[0]


@posix_only
@pytest.mark.parametrize(("kind", "suffix"), [
    ("fifo", ".efg"), ("/dev/zero", ".nfg"), ("/dev/urandom", ".efg"), ("fifo", ".toml")])
def test_the_command_line_ends_at_once(tmp_path, kind, suffix):
    """A FIFO with no writer blocks an ordinary open() forever; a device never ends."""
    path = _special(tmp_path, kind, suffix)
    source = str(Path(commit_calc.__file__).parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [source, os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "commit_calc", "show", str(path)],
                          capture_output=True, text=True, timeout=20, env=env)
    assert done.returncode == 1
    assert done.stderr.startswith(f"Error: {path}: not a regular file but a ")
    assert len(done.stderr.splitlines()) == 1


@posix_only
@pytest.mark.parametrize("suffix", SUFFIXES)
def test_the_library_refuses_a_device(tmp_path, suffix):
    path = _special(tmp_path, "/dev/zero", suffix)
    with pytest.raises(GameFileError, match="not a regular file but a character device"):
        load_game(str(path))


def test_a_file_over_the_limit_is_refused_by_its_size(tmp_path):
    path = tmp_path / "big.efg"
    path.write_bytes(b"EFG 2 R" + b" " * 200)
    with pytest.raises(GameFileError, match="207 bytes is larger than the 100-byte limit"):
        read_limited(path, 100)
    assert read_limited(path, 207).startswith(b"EFG")


class _Endless(io.RawIOBase):
    """An endless stream (like /dev/zero on standard input) that counts what is read."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        buffer[:] = b"x" * len(buffer)
        self.given += len(buffer)
        return len(buffer)


def test_standard_input_is_read_no_further_than_the_limit():
    stream = _Endless()
    with pytest.raises(GameFileError, match="<stdin>: input larger than the 1000-byte limit"):
        read_stream_limited(stream, 1000, "<stdin>")  # type: ignore[arg-type]
    assert stream.given == 1001


def test_standard_input_from_an_endless_stream_is_refused():
    stream = _Endless()
    with pytest.raises(GameFileError, match="<stdin>: input larger than"):
        load_game("-", stdin=stream)  # type: ignore[arg-type]
    assert stream.given == 1_000_001


def test_closed_standard_input_is_a_one_line_error():
    """``commit-calc show - <&-`` (standard input closed) raised an AttributeError."""
    import os
    import subprocess
    import sys

    finished = subprocess.run([sys.executable, "-m", "commit_calc", "show", "-"],
                              preexec_fn=lambda: os.close(0),  # as the shell's <&- does
                              capture_output=True, text=True, timeout=60)
    assert finished.returncode == 1
    assert finished.stderr.strip() == ("Error: <stdin>: standard input is closed: "
                                       "nothing to read"), finished.stderr
