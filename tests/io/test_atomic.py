"""Every file commit-calc writes is written whole or not at all (issue 16, item 4).

A failure half-way (disk full, a file-size limit) leaves an existing file as it was and no
temporary file behind: in the library (a write made to fail), and from the command line under
a real file-size limit (``ulimit -f``) for convert, draw and sweep --plot.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import commit_calc
from commit_calc.errors import CommitCalcError
from commit_calc.io import load_game, write_game
from commit_calc.io.atomic import FileWriteError, write_atomic
from commit_calc.io.gambit import write_efg, write_nfg

OLD = "the old contents\n"


def _only(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def _disk_full(*args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(tmp_path, monkeypatch, failing):
    target = tmp_path / "keep.toml"
    target.write_text(OLD)
    monkeypatch.setattr(os, failing, _disk_full)
    with pytest.raises(FileWriteError, match=r"keep.toml: cannot write the file \(No space"):
        write_atomic(target, "new" * 10_000)
    assert target.read_text() == OLD
    assert _only(tmp_path) == ["keep.toml"]


@pytest.mark.parametrize(("writer", "game", "suffix"), [
    (write_game, "strategic-enforcer", ".toml"),
    (write_game, "strategic-enforcer", ".json"),
    (write_game, "kreps-trust", ".efg"),
    (write_efg, "kreps-trust", ".efg"),
    (write_nfg, "prisoners-dilemma", ".nfg"),
])
def test_library_writers_are_atomic(tmp_path, monkeypatch, writer, game, suffix):
    target = tmp_path / f"keep{suffix}"
    target.write_text(OLD)
    monkeypatch.setattr(os, "fsync", _disk_full)
    with pytest.raises(CommitCalcError, match="No space left"):
        writer(load_game(game), target)
    assert target.read_text() == OLD
    assert _only(tmp_path) == [target.name]
    monkeypatch.undo()
    writer(load_game(game), target)
    assert load_game(str(target)).players == load_game(game).players


def test_permissions_of_an_existing_file_are_kept_and_new_files_follow_the_umask(tmp_path):
    kept = tmp_path / "kept.dot"
    kept.write_text(OLD)
    kept.chmod(0o640)
    write_atomic(kept, "digraph {}\n")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    mask = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.dot", "digraph {}\n")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.dot").stat().st_mode) == 0o640


def test_a_link_is_kept_and_its_file_replaced(tmp_path):
    real = tmp_path / "real.toml"
    real.write_text(OLD)
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    write_atomic(link, "new\n")
    assert link.is_symlink() and real.read_text() == "new\n"


@pytest.mark.parametrize(("make", "reason"), [
    (lambda path: path.mkdir(), "it is a folder"),
    (lambda path: path.symlink_to(os.devnull), "it is not a regular file"),
])
def test_targets_that_are_not_regular_files_are_refused(tmp_path, make, reason):
    target = tmp_path / "x.svg"
    make(target)
    with pytest.raises(FileWriteError, match=reason):
        write_atomic(target, b"<svg/>")


# The command line under a real file-size limit --------------------------------------------


def _under_size_limit(args: list[str], cwd: Path, limit: int = 1024
                      ) -> subprocess.CompletedProcess[str]:
    """Run commit-calc with RLIMIT_FSIZE = ``limit`` bytes (``ulimit -f 1``); Python ignores
    SIGXFSZ, so a write past the limit fails with EFBIG instead of killing the process."""
    import resource

    source = str(Path(commit_calc.__file__).parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [source, os.environ.get("PYTHONPATH")]))}

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([sys.executable, "-m", "commit_calc", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120,
                          preexec_fn=limit_file_size)


@pytest.mark.skipif(sys.platform == "win32", reason="needs RLIMIT_FSIZE")
@pytest.mark.parametrize("args", [
    ["convert", "strategic-enforcer", "keep.toml"],
    ["convert", "enforcer-reliability", "keep.json"],
    ["draw", "enforcer-reliability", "-o", "keep.dot"],
    ["draw", "enforcer-reliability", "--format", "tikz", "-o", "keep.tex"],
    ["draw", "enforcer-reliability", "-o", "keep.svg"],
    ["sweep", "disarm-trust", "--vary", "salary=0:10:3", "--plot", "keep.png"],
], ids=lambda args: " ".join(args[:1] + args[-1:]))
def test_a_file_size_limit_leaves_the_old_file_intact(tmp_path, args):
    target = tmp_path / args[-1]
    if args[0] == "sweep":
        pytest.importorskip("matplotlib")
    if target.suffix == ".svg" and not _has_dot():
        pytest.skip("Graphviz is not installed")
    target.write_text(OLD)
    done = _under_size_limit(args, tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    error = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    assert len(error) == 1 and target.name in error[0] and "too large" in error[0]
    assert target.read_text() == OLD
    assert _only(tmp_path) == [target.name]


def _has_dot() -> bool:
    import shutil

    return shutil.which("dot") is not None
