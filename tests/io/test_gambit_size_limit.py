"""Gambit files above the size limit are refused with a message that says how to raise it;
the limit can be raised for one call (``max_bytes``) or for every command (an environment
variable), so that a big tree can be read."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from commit_calc.cli.main import cli
from commit_calc.errors import GameFileError
from commit_calc.io import load_game
from commit_calc.io.gambit import (
    LIMIT_VARIABLE,
    MAX_GAMBIT_BYTES,
    format_efg,
    gambit_byte_limit,
    read_efg,
    read_gambit_file,
)


@pytest.fixture
def tree_file(tmp_path):
    path = tmp_path / "trust.efg"
    path.write_text(format_efg(load_game("disarm-trust")))
    return path


def test_default_limit(monkeypatch):
    monkeypatch.delenv(LIMIT_VARIABLE, raising=False)
    assert gambit_byte_limit() == MAX_GAMBIT_BYTES == 1_000_000


def test_refusal_says_how_to_raise_the_limit(tree_file, monkeypatch):
    size = tree_file.stat().st_size
    monkeypatch.setenv(LIMIT_VARIABLE, str(size - 1))
    with pytest.raises(GameFileError) as caught:
        read_efg(tree_file)
    message = str(caught.value)
    assert "\n" not in message and f"{size} bytes" in message
    assert f"{LIMIT_VARIABLE}=<bytes>" in message
    monkeypatch.setenv(LIMIT_VARIABLE, f"{size:_}")
    assert read_efg(tree_file).players == ("Rebels", "Regime")


def test_max_bytes_raises_or_lowers_the_limit_for_one_call(tree_file, monkeypatch):
    monkeypatch.delenv(LIMIT_VARIABLE, raising=False)
    size = tree_file.stat().st_size
    with pytest.raises(GameFileError, match=LIMIT_VARIABLE):
        read_gambit_file(tree_file, max_bytes=size - 1)
    assert read_gambit_file(tree_file, max_bytes=size).players == ("Rebels", "Regime")


@pytest.mark.parametrize("value", ["abc", "-5", "0", "1e9", "9" * 20])
def test_a_malformed_limit_is_one_clear_error(tree_file, monkeypatch, value):
    monkeypatch.setenv(LIMIT_VARIABLE, value)
    with pytest.raises(GameFileError, match=f"{LIMIT_VARIABLE}=.*positive whole number"):
        read_efg(tree_file)


def test_cli_refuses_then_reads_with_the_limit_raised(tree_file, monkeypatch):
    monkeypatch.setenv(LIMIT_VARIABLE, "100")
    result = CliRunner().invoke(cli, ["solve", str(tree_file)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and LIMIT_VARIABLE in result.stderr
    monkeypatch.setenv(LIMIT_VARIABLE, "10_000_000")
    assert CliRunner().invoke(cli, ["solve", str(tree_file)]).exit_code == 0
