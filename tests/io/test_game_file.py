"""Reading and writing commit-calc game files (TOML and JSON): structure, errors, round trips."""

from __future__ import annotations

import json

import pytest
import sympy

from commit_calc.errors import GameFileError
from commit_calc.io import load_game, parse_game, write_game
from commit_calc.io.game_file import parse_game_text, read_game_file, read_header
from commit_calc.io.game_writer import game_to_json, game_to_toml
from commit_calc.model import ExtensiveFormGame, NormalFormGame

TREE = """\
format = "commit-calc/game/1"
name = "toy"
title = "A toy enforcer game"
players = ["Rebels", "Regime"]

[parameters.r]
value = "1/2"
min = 0
max = 1
meaning = "reliability"

[parameters.salary]
value = 250
min = 0

[definitions]
U = "salary + 50"

[nodes.start]
player = "Rebels"
actions = { Disarm = "draw", "Stay armed" = "armed" }

[nodes.draw]
chance = { Reliable = ["r", "honor"], Unreliable = ["1 - r", "regime"] }

[nodes.regime]
player = "Regime"
actions = { Honor = "honored", Renege = "reneged" }

[nodes.honor]
payoffs = { Regime = 1, Rebels = "U" }

[nodes.honored]
payoffs = ["U", 1]

[nodes.reneged]
payoffs = [-1, "salary / 100"]

[nodes.armed]
payoffs = [0, 0]
"""

TABLE = """\
players = ["Row", "Column"]

[table.strategies]
Row = ["Up", "Middle", "Down"]
Column = ["Left", "Right"]

[[table.outcomes]]
profile = ["Up", "Left"]
payoffs = [1, 2]

[[table.outcomes]]
profile = ["Up", "Right"]
payoffs = [3, 4]

[[table.outcomes]]
profile = ["Middle", "Left"]
payoffs = [5, 6]

[[table.outcomes]]
profile = ["Middle", "Right"]
payoffs = [7, 8]

[[table.outcomes]]
profile = ["Down", "Left"]
payoffs = ["1/2", 0.25]

[[table.outcomes]]
profile = ["Down", "Right"]
payoffs = { Column = 0, Row = -1 }
"""


def test_tree_structure():
    game = parse_game_text(TREE, source="toy.toml")
    assert isinstance(game, ExtensiveFormGame)
    assert (game.name, game.title) == ("toy", "A toy enforcer game")
    assert [node.name for node in game.nodes] == [
        "start", "draw", "honor", "regime", "honored", "reneged", "armed"]
    assert game.node("draw").probabilities == (
        game.parameters["r"].symbol, 1 - game.parameters["r"].symbol)
    salary = game.parameters["salary"].symbol
    assert game.node("honor").payoffs == (salary + 50, 1)
    assert game.node("reneged").payoffs == (-1, salary / 100)
    assert game.parameters["r"].upper == 1 and game.parameters["salary"].default == 250


def test_table_structure_is_not_transposed():
    game = parse_game_text(TABLE, source="t.toml")
    assert isinstance(game, NormalFormGame)
    assert game.shape == (3, 2)
    assert game.payoff(("Middle", "Right")) == (7, 8)
    assert game.payoff(("Down", "Left")) == (sympy.Rational(1, 2), sympy.Rational(1, 4))
    assert game.payoff(("Down", "Right")) == (-1, 0)


def test_json_is_the_same_structure():
    game = parse_game_text(TREE, source="toy.toml")
    again = parse_game_text(game_to_json(game), syntax="json", source="toy.json")
    assert again.nodes == game.nodes and again.parameters == game.parameters


@pytest.mark.parametrize("text", [TREE, TABLE], ids=["tree", "table"])
@pytest.mark.parametrize("writer", [game_to_toml, game_to_json], ids=["toml", "json"])
def test_round_trip(text, writer):
    game = parse_game_text(text, source="g.toml")
    again = parse_game(writer(game), source="again")
    assert again == game


def test_write_game_by_suffix(tmp_path):
    game = parse_game_text(TREE, source="toy.toml")
    for suffix in ("toml", "json", "efg"):
        write_game(game, tmp_path / f"toy.{suffix}")
    assert read_game_file(tmp_path / "toy.toml") == game
    assert read_game_file(tmp_path / "toy.json").nodes == game.nodes
    numeric = read_game_file(tmp_path / "toy.efg")
    assert numeric.node("reneged").payoffs == (-1, sympy.Rational(5, 2))
    fixed = tmp_path / "fixed.toml"
    write_game(game, fixed, values={"r": "1/3"})
    assert read_game_file(fixed).node("draw").probabilities == (
        sympy.Rational(1, 3), sympy.Rational(2, 3))
    with pytest.raises(GameFileError, match="cannot be written as an .nfg"):
        write_game(game, tmp_path / "toy.nfg")
    with pytest.raises(GameFileError, match="unknown file type '.txt'"):
        write_game(game, tmp_path / "toy.txt")


def test_header(tmp_path):
    path = tmp_path / "toy.toml"
    path.write_text(TREE.replace('name = "toy"\n', 'sources = ["Kreps 1990"]\n'))
    header = read_header(path)
    assert (header.name, header.sources, header.kind) == ("toy", ("Kreps 1990",), "extensive")


def test_load_game_from_stdin_detects_the_format(tmp_path):
    import io

    game = load_game("-", stdin=io.BytesIO(TABLE.encode()))
    assert game.shape == (3, 2)
    as_json = game_to_json(game).encode()
    assert load_game("-", stdin=io.BytesIO(as_json)) == game


def test_load_game_unknown_name():
    with pytest.raises(GameFileError, match="no-such-game: no such file, and no game of that"):
        load_game("no-such-game")


# Errors: file, line, key, and what was expected ------------------------------------------------


def _error(text: str, syntax: str = "toml") -> GameFileError:
    with pytest.raises(GameFileError) as info:
        parse_game_text(text, syntax=syntax, source="bad.toml")
    return info.value


def _lines(text: str, marker: str) -> int:
    return next(k for k, line in enumerate(text.splitlines(), 1) if marker in line)


@pytest.mark.parametrize(("change", "marker", "message"), [
    (('payoffs = [-1, "salary / 100"]', 'payoffs = [-1]'), "payoffs = [-1]",
     "node 'reneged': 1 payoffs for 2 players (Rebels, Regime)"),
    (('Renege = "reneged"', 'Renege = "renegd"'), "[nodes.regime]",
     "node 'regime': action 'Renege' leads to 'renegd', which is not a node "
     "(did you mean 'reneged'?)"),
    (('player = "Regime"', 'player = "Regim"'), 'player = "Regim"',
     "node 'regime': player 'Regim' is not one of Rebels, Regime"),
    (('payoffs = ["U", 1]', 'payofs = ["U", 1]'), "payofs",
     "node 'honored': unknown key 'payofs' (did you mean 'payoffs'?)"),
    (('"salary / 100"', '"salary / wage"'), 'salary / wage',
     "node 'reneged', payoff of 'Regime': formula 'salary / wage': unknown parameter 'wage'"),
    (('["1 - r", "regime"]', '["1 - r/2", "regime"]'), "[nodes.draw]",
     "chance node 'draw': probabilities sum to"),
    (('value = "1/2"', 'value = "3/2"'), "[parameters.r]",
     "parameter 'r' = 3/2 is above its upper bound 1"),
    (('Honor = "honored"', 'Honor = "start"'), "[nodes.regime]",
     "action 'Honor' leads to 'start', which leads back to the root: the tree has a cycle"),
    (('Honor = "honored"', 'Honor = "armed"'), "[nodes.regime]",
     "node 'regime': action 'Honor' leads to 'armed', which is also reached from node "
     "'start'"),
    (('U = "salary + 50"', 'U = "salary + (50"'), 'U = "salary + (50"', "not a formula"),
    (('name = "toy"', 'root = 3'), "root = 3", "'root': expected the name"),
])
def test_structural_errors_name_line_and_key(change, marker, message):
    text = TREE.replace(*change)
    error = _error(text)
    assert message in str(error)
    assert str(error).startswith(f"bad.toml:{_lines(text, marker)}: ")


def test_unreachable_node():
    text = TREE + '\n[nodes.lost]\npayoffs = [0, 0]\n'
    error = _error(text)
    assert str(error) == (f"bad.toml:{_lines(text, '[nodes.lost]')}: node 'lost': never "
                          "reached from the root 'start' (no action leads to it)")


def test_information_set_error_from_the_model():
    text = TREE.replace('player = "Regime"', 'player = "Regime"\ninfoset = "start"')
    text = text.replace('player = "Rebels"', 'player = "Rebels"\ninfoset = "start"')
    error = _error(text)
    assert "information set 'start' mixes players" in str(error)
    assert error.line is not None


def test_toml_syntax_error_has_the_line():
    error = _error('players = ["A", "B"]\n[nodes.a]\npayoffs = [1,, 2]\n[nodes.b]\n')
    assert str(error).startswith("bad.toml:3: not valid TOML")
    error = _error('players = ["A", "B"]\n[nodes.a]\npayoffs = [1, 2\n')
    assert str(error).startswith("bad.toml:3: not valid TOML: Unclosed array")


def test_json_syntax_error_has_the_line():
    error = _error('{\n  "players": ["A"],\n  "nodes": {,}\n}', syntax="json")
    assert str(error).startswith("bad.toml:3: not valid JSON")


@pytest.mark.parametrize(("text", "message"), [
    ('players = ["A", "B"]', "give either [nodes] (a game tree) or [table]"),
    ('[nodes.a]\npayoffs = [1]', "'players' is missing"),
    ('format = "commit-calc/game/9"\nplayers = ["A"]\n[nodes.a]\npayoffs = [1]',
     "is not a format this version reads"),
    ('players = ["A", "A"]\n[nodes.a]\npayoffs = [1, 1]', "'players': 'A' is given twice"),
    ('player = ["A"]\n[nodes.a]\npayoffs = [1]', "unknown key 'player' (did you mean 'players'?)"),
    ('players = ["A"]\n[nodes.a]\nplayer = "A"\npayoffs = [1]',
     "give exactly one of 'player' (a decision), 'chance' (a chance move) or 'payoffs'"),
    ('players = ["A", "B"]\n[table.strategies]\nA = ["x"]\nB = ["y", "z"]\n'
     '[[table.outcomes]]\nprofile = ["x", "y"]\npayoffs = [1, 1]',
     "[table]: no payoffs for profile (x, z)"),
    ('players = ["A", "B"]\n[table.strategies]\nA = ["x"]\nB = ["y"]\n'
     '[[table.outcomes]]\nprofile = ["x", "w"]\npayoffs = [1, 1]',
     "'w' is not a strategy of 'B'"),
    ('players = ["A"]\n[parameters.x]\nvalue = true\n[nodes.a]\npayoffs = ["x"]',
     "parameter 'x': 'value' must be a number"),
    ('players = ["A"]\n[definitions]\nmax = "1"\n[nodes.a]\npayoffs = [1]',
     "definition 'max': a name is letters, digits and underscores"),
])
def test_header_and_table_errors(text, message):
    assert message in str(_error(text))


def test_second_outcome_error_points_at_its_own_table():
    text = TABLE.replace('profile = ["Middle", "Right"]', 'profile = ["Middle", "Rigt"]')
    error = _error(text)
    assert "[table] outcome 4: 'Rigt' is not a strategy of 'Column'" in str(error)
    assert error.line == _lines(text, '"Rigt"') - 1  # the line of its [[table.outcomes]]


def test_schema_file_is_valid_and_accepts_what_we_write():
    jsonschema = pytest.importorskip("jsonschema")
    from importlib.resources import files

    schema = json.loads((files("commit_calc.io") / "schemas" / "game-1.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    for text in (TREE, TABLE):
        document = json.loads(game_to_json(parse_game_text(text)))
        jsonschema.validate(document, schema)


def test_the_examples_in_the_format_documentation_parse():
    """Every ```toml block of docs/game-file-format.md is a valid game file."""
    import re
    from pathlib import Path

    document = Path(__file__).parents[2] / "docs" / "game-file-format.md"
    blocks = re.findall(r"```toml\n(.*?)```", document.read_text(), re.DOTALL)
    assert len(blocks) == 4  # a tree, a table, and two repeated games (read below)
    tree, table = (parse_game_text(block, source="doc.toml") for block in blocks[:2])
    from commit_calc.io.repeated_file import parse_repeated_text

    for block in blocks[2:]:
        assert parse_repeated_text(block, source="doc.toml").check_values()
    assert tree.at({"reliability": 1}).node("sanctioned").payoffs == (-1000, 600)
    assert table.payoff(("Defect", "Defect")) == (1, 1)


def test_json_keys_given_twice_are_refused_as_toml_does():
    from commit_calc.errors import GameFileError
    from commit_calc.io import parse_game

    text = ('{"format": "commit-calc/game/1", "title": "t", "players": ["A", "B"], '
            '"nodes": {"t": {"payoffs": [1, 1]}, "t": {"payoffs": [2, 2]}}}')
    with pytest.raises(GameFileError, match="key 't' appears twice"):
        parse_game(text, source="dup.json", name="dup")


def test_json_lone_surrogate_is_refused_with_its_line(tmp_path):
    """JSON may escape half a character (``\\ud800``); it reached the terminal and raised
    UnicodeEncodeError (issue 16's hostile trial)."""
    path = tmp_path / "g.json"
    path.write_text('{"players": ["A", "B"],\n "nodes": {"a": {"payoffs": [1, 2]}},\n'
                    ' "title": "\\ud800"}')
    with pytest.raises(GameFileError, match=r"g.json:3: not valid JSON: .*lone surrogate"):
        load_game(str(path))


@pytest.mark.parametrize("name", ["A\\u0007", "A\\nX", "A\\u001b[31m", "A\\u0085"])
def test_control_characters_in_labels_are_refused(tmp_path, name):
    """A bell, a line break or an escape sequence in a player's name reached tables and
    one-line messages (issue 16's review)."""
    path = tmp_path / "g.toml"
    path.write_text(f'players = ["{name}", "B"]\n[nodes.a]\npayoffs = [1, 2]\n')
    with pytest.raises(GameFileError, match="control character U\\+00"):
        load_game(str(path))


def test_line_breaks_stay_allowed_in_free_text(tmp_path):
    path = tmp_path / "g.toml"
    path.write_text('title = "Two\\nlines"\ndescription = """A\n\tB"""\nplayers = ["A", "B"]\n'
                    '[nodes.a]\npayoffs = [1, 2]\n')
    assert load_game(str(path)).title == "Two\nlines"
