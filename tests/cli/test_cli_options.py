"""Shared options: exact --set values, --format, game loading and error conversion."""

from __future__ import annotations

import click
import pytest
import sympy
from click.testing import CliRunner

from commit_calc.cli.options import (
    format_option,
    load_game_argument,
    one_line,
    parse_assignment,
    run_library,
    set_option,
)
from commit_calc.errors import GameFileError


@pytest.mark.parametrize("text, expected", [
    ("salary=250", ("salary", sympy.Integer(250))),
    ("reliability=0.75", ("reliability", sympy.Rational(3, 4))),
    ("reliability=3/4", ("reliability", sympy.Rational(3, 4))),
    (" r = -1/3 ", ("r", sympy.Rational(-1, 3))),
    ("r=0.1", ("r", sympy.Rational(1, 10))),  # exact, not the float 0.1000000000000000055...
    ("r=1e-3", ("r", sympy.Rational(1, 1000))),
])
def test_parse_assignment_is_exact(text: str, expected: tuple[str, sympy.Rational]):
    assert parse_assignment(text) == expected


@pytest.mark.parametrize("text", ["r", "=3", "r=", "r=abc", "r=1/0", "r=inf", "r=2**3"])
def test_parse_assignment_rejects(text: str):
    with pytest.raises(click.BadParameter):
        parse_assignment(text)


def test_set_option_collects_a_dict():
    @click.command()
    @set_option
    def command(values):
        click.echo(sorted(values.items()))

    runner = CliRunner()
    assert runner.invoke(command, []).stdout == "[]\n"
    result = runner.invoke(command, ["--set", "b=1/2", "--set", "a=2"])
    assert result.stdout == "[('a', 2), ('b', 1/2)]\n"
    result = runner.invoke(command, ["--set", "a=1", "--set", "a=2"])
    assert result.exit_code == 2
    assert "'a' is set twice" in result.stderr


def test_format_option_default_and_choices():
    @click.command()
    @format_option(("text", "json"))
    def command(output_format):
        click.echo(output_format)

    runner = CliRunner()
    assert runner.invoke(command, []).stdout == "text\n"
    assert runner.invoke(command, ["--format", "JSON"]).stdout == "json\n"
    assert runner.invoke(command, ["--format", "csv"]).exit_code == 2


def test_run_library_turns_errors_into_one_line_click_errors():
    def fails():
        raise GameFileError("bad key\nsecond line", path="g.toml", line=3)

    with pytest.raises(click.ClickException) as caught:
        run_library(fails)
    assert caught.value.message == "g.toml:3: bad key; second line"
    assert caught.value.exit_code == 1


def test_run_library_lets_bugs_through():
    def bug():
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        run_library(bug)


def test_one_line_keeps_single_lines():
    assert one_line("plain") == "plain"


def test_load_game_argument_names_the_missing_file(tmp_path):
    with pytest.raises(click.ClickException, match="nowhere.toml"):
        load_game_argument(str(tmp_path / "nowhere.toml"))
