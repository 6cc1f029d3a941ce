"""The ``commit-calc`` group: --version, --help, lazily loaded subcommands, fast start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from cli_helpers import run
from click.testing import CliRunner

import commit_calc
from commit_calc.cli.main import COMMANDS, LazyGroup


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"commit-calc {commit_calc.__version__}\n"


def test_help_lists_the_commands_with_an_example():
    result = run("--help")
    assert result.exit_code == 0
    for name in ("solve", "games", "show", "convert"):
        assert f"  {name}" in result.stdout
    assert "$ commit-calc solve" in result.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(name: str):
    listed = run("--help").stdout
    if f"  {name}" not in listed:
        pytest.skip(f"{name} is not installed yet")
    result = run(name, "--help")
    assert result.exit_code == 0, result.stderr
    assert f"$ commit-calc {name}" in result.stdout


def test_a_missing_subcommand_module_is_left_out():
    @click.group(cls=LazyGroup, lazy_subcommands={
        "ghost": "commit_calc.cli.no_such_module:ghost",
        "solve": "commit_calc.cli.solve:solve",
    })
    def group() -> None:
        """A group with one missing subcommand."""

    runner = CliRunner()
    result = runner.invoke(group, ["--help"])
    assert result.exit_code == 0, result.stderr
    assert "solve" in result.stdout
    assert "ghost" not in result.stdout
    result = runner.invoke(group, ["ghost"])
    assert result.exit_code == 2
    assert "No such command 'ghost'" in result.stderr


def test_unknown_command_is_a_usage_error():
    result = run("solev")
    assert result.exit_code == 2
    assert "solev" in result.stderr


def _python(code: str) -> str:
    """Run ``code`` in a fresh interpreter that imports this checkout's commit_calc; stdout."""
    source = str(Path(commit_calc.__file__).parent.parent)
    path = os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")]))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONPATH": path})
    return done.stdout


def _modules_after_help() -> set[str]:
    code = (
        "import sys\n"
        "from commit_calc.cli.main import cli\n"
        "try:\n"
        "    cli(['--help'], prog_name='commit-calc')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('MODULES', ' '.join(sorted(sys.modules)))\n"
    )
    return set(_python(code).split("MODULES", 1)[1].split())


def test_help_does_not_load_the_solvers():
    loaded = _modules_after_help()
    assert "nashpy" not in loaded
    assert not any(name.startswith("commit_calc.solvers") for name in loaded)


def test_help_does_not_load_sympy():
    if _python("import sys, commit_calc; print('sympy' in sys.modules)").strip() == "True":
        pytest.skip("commit_calc/__init__.py imports the model (and sympy) eagerly")
    assert "sympy" not in _modules_after_help()
