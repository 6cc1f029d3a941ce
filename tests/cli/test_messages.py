"""Messages on the command line say what is wrong with the user's input, in the user's words
(issue 16, items 2 and 8): one line on stderr, nothing on stdout, exit code 1, the file, line
and node or definition, and never the name of a library function (``solve(): ...``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run

TOWER = "((((((p**64)**64)**64)**64)**64)**64)"
COMMANDS = [["show"], ["solve"], ["thresholds"], ["sweep", "--vary", "p=0:4:5"],
            ["draw", "--format", "dot"]]


def tree(payoff: str, definitions: dict[str, str] | None = None) -> str:
    lines = ['players = ["A", "B"]', "[parameters]", "p = 2"]
    if definitions:
        lines += ["[definitions]"] + [f"{k} = {json.dumps(v)}" for k, v in definitions.items()]
    lines += ["[nodes.a]", 'player = "A"', 'actions = { L = "l", R = "r" }', "[nodes.l]",
              f"payoffs = [{json.dumps(payoff)}, 0]", "[nodes.r]", "payoffs = [1, 1]"]
    return "\n".join(lines) + "\n"


def refused(tmp_path: Path, text: str, *args: str, name: str = "game.toml") -> str:
    """Run ``args`` on a file holding ``text``; the one-line message (without ``Error: ``)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    command = [*args[:1], str(path), *args[1:]] if args else ["solve", str(path)]
    result = run(*command)
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr and "():" not in result.stderr
    return result.stderr.removeprefix("Error: ").strip()


def line_of(text: str, start: str) -> int:
    return next(k for k, line in enumerate(text.splitlines(), 1) if line.startswith(start))


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_tower_of_powers_is_refused_by_every_command(tmp_path, command):
    text = tree(TOWER)
    message = refused(tmp_path, text, *command)
    assert message.startswith(f"{tmp_path / 'game.toml'}:{line_of(text, 'payoffs')}: node 'l', "
                              "payoff of 'A': formula ")
    assert "degree 4096 in the parameters is more than 64" in message


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_chained_definitions_are_refused_by_every_command_naming_the_definition(
        tmp_path, command):
    definitions = {f"d{k}": "p**64" if k == 1 else f"d{k - 1}**64" for k in range(1, 7)}
    text = tree("d6", definitions)
    message = refused(tmp_path, text, *command)
    assert message.startswith(f"{tmp_path / 'game.toml'}:{line_of(text, 'd2')}: definition "
                              "'d2': formula 'd1**64': degree 4096")


@pytest.mark.parametrize("payoff", ["p**(1/2)", "2**(1/2)"])
def test_a_fractional_power_is_named_as_such_at_its_line(tmp_path, payoff):
    text = tree(payoff)
    message = refused(tmp_path, text, "solve")
    assert message == (f"{tmp_path / 'game.toml'}:{line_of(text, 'payoffs')}: node 'l', payoff "
                       f"of 'A': formula '{payoff}': fractional power {payoff} is not supported "
                       "(exponents are whole numbers, so that payoffs and probabilities stay "
                       "exact rational numbers)")


TABLE = """\
players = ["R", "C"]
[table]
strategies = { R = ["a", "a"], C = ["x", "y"] }
[[table.outcomes]]
profile = ["a", "x"]
payoffs = [1, 2]
"""


def test_a_repeated_strategy_is_named(tmp_path):
    message = refused(tmp_path, TABLE, "show")
    assert message == (f"{tmp_path / 'game.toml'}:3: [table] strategies of 'R': 'a' is given "
                       "twice (each strategy needs its own name)")


ONE_PLAYER_TABLE = """\
players = ["A"]
[table]
strategies = { A = ["x", "y"] }
[[table.outcomes]]
profile = ["x"]
payoffs = [1]
[[table.outcomes]]
profile = ["y"]
payoffs = [2]
"""

ONE_PLAYER_TREE = """\
players = ["A"]
[nodes.a]
player = "A"
actions = { L = "l", R = "r" }
[nodes.l]
payoffs = [1]
[nodes.r]
payoffs = [2]
"""

BAD_NAME = 'players = ["A", "B"]\n[parameters]\n"a b" = 1\n[nodes.a]\npayoffs = [1, 1]\n'

BAD_CHANCE = """\
players = ["A", "B"]
[nodes.c]
chance = { H = ["-1/3", "h"], T = ["4/3", "t"] }
[nodes.h]
payoffs = [1, 0]
[nodes.t]
payoffs = [0, 1]
"""


@pytest.mark.parametrize(("text", "args", "expected"), [
    (ONE_PLAYER_TABLE, ["solve"], "{file}:2: [table]: a game needs at least 2 players"),
    (ONE_PLAYER_TREE, ["solve", "--concept", "nash"],
     "a one-player tree is a decision problem, which has no Nash equilibria to list; ask for "
     "subgame perfection (concept 'spe') to find its best choices"),
    (ONE_PLAYER_TREE, ["solve", "--method", "nashpy-lemke-howson"],
     "method 'nashpy-lemke-howson' solves two-player normal-form games for Nash equilibria; use "
     "method 'exact' here"),
    (TABLE.replace('["a", "a"]', '["a"]').replace('["x", "y"]', '["x"]'),
     ["solve", "--concept", "spe"],
     "subgame perfection needs an extensive-form game; this game is in normal form (use concept "
     "'nash' or 'auto')"),
    (BAD_NAME, ["show"], "{file}:3: parameter name 'a b' must be letters, digits and "
     "underscores, starting with a letter or underscore"),
    (BAD_CHANCE, ["show"], "{file}:3: chance node 'c': probability of 'H' is -1/3, outside "
     "[0, 1]"),
])
def test_library_messages_reach_the_command_line_in_the_users_words(tmp_path, text, args,
                                                                    expected):
    message = refused(tmp_path, text, *args)
    assert message == expected.format(file=tmp_path / "game.toml")


@pytest.mark.parametrize(("spec", "hint"), [
    ("enforcer-reliabilty", "(did you mean 'enforcer-reliability'?)"),
    ("zzz-nothing-like-it", "(`commit-calc games` lists the catalog)"),
])
def test_a_misspelt_game_name_gets_the_closest_catalog_name(spec: str, hint: str) -> None:
    result = run("solve", spec)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.rstrip().endswith(hint)
