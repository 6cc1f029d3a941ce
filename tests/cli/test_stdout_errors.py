"""Standard output that cannot be written (issue 16, item 5), for every command alike.

A full disk (``> /dev/full``) or a closed standard output (``>&-``) is one line on standard
error and exit 1; a reader that goes away (``| head -1``) ends the command quietly with exit
0, without "Exception ignored" noise at shutdown.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import commit_calc
from commit_calc.cli.main import CLOSED_PIPE_EXIT

posix_only = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")

COMMANDS = [
    ["games"],
    ["show", "kreps-trust"],
    ["solve", "kreps-trust"],
    ["sweep", "enforcer-reliability", "--vary", "reliability=0:1:3"],
    ["thresholds", "prisoners-dilemma"],
    ["convert", "kreps-trust", "-", "--to", "json"],
    ["draw", "kreps-trust"],
    ["repeated", "prisoners-dilemma"],
    ["solve", "--help"],
    ["--version"],
]


def _env() -> dict[str, str]:
    source = str(Path(commit_calc.__file__).parent.parent)
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        filter(None, [source, os.environ.get("PYTHONPATH")]))}


def _command(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "commit_calc", *args]


def _one_error_line(stderr: str, reason: str) -> None:
    errors = [line for line in stderr.splitlines() if not line.startswith(("warning:", "1 "))]
    assert errors == [f"Error: cannot write to standard output ({reason})"], stderr


@posix_only
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_full_disk_is_one_line_and_exit_1(args):
    with open("/dev/full", "w") as full:
        done = subprocess.run(_command(args), stdout=full, stderr=subprocess.PIPE,
                              text=True, env=_env(), timeout=120)
    assert done.returncode == 1
    _one_error_line(done.stderr, "No space left on device")


@posix_only
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_closed_standard_output_is_one_line_and_exit_1(args):
    done = subprocess.run(_command(args), stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, env=_env(), timeout=120,
                          preexec_fn=lambda: os.close(1))
    assert done.returncode == 1
    _one_error_line(done.stderr, "Bad file descriptor")


@posix_only
@pytest.mark.parametrize("output_format", ["csv", "text"])
def test_a_reader_that_goes_away_ends_the_command_quietly(output_format):
    """``commit-calc sweep ... | head -1`` on an output far larger than a pipe's buffer."""
    args = ["sweep", "enforcer-reliability", "--vary", "salary=0:1000:200001",
            "--format", output_format]
    with subprocess.Popen(_command(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=_env()) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline()
        process.stdout.close()  # as head does after one line
        stderr = process.stderr.read().decode()
        code = process.wait(timeout=120)
    assert code == CLOSED_PIPE_EXIT == 0
    assert stderr == ""
