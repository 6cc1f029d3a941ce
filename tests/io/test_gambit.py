"""Gambit .efg/.nfg: lenient reading, conservative writing, round trips, and agreement with
pygambit (which reads what we write and writes what we read)."""

from __future__ import annotations

import io
from fractions import Fraction
from pathlib import Path

import pytest
import sympy

from commit_calc.errors import GameFileError
from commit_calc.io import load_game
from commit_calc.io.catalog import names
from commit_calc.io.gambit import (
    format_efg,
    format_nfg,
    parse_efg,
    parse_gambit,
    parse_nfg,
    read_efg,
    read_nfg,
    write_efg,
    write_nfg,
)
from commit_calc.model import ExtensiveFormGame, NormalFormGame

R = sympy.Rational

LENIENT_EFG = (
    'EFG 2 R "Lenient" { "P1" "P2" }\n'
    '"A comment\nover two lines"\n'
    'c "root" 1 "" { "h" .5 "t" 1/2 } 1 "entry fee" { -1, -1 }\n'
    'p "" 1 1 "I" { "L" "R" } 0\n'
    "\tp \"\" 2 1 \"J\" { \"l\" \"r\" } 0\n"
    't "" 2 "a" { 2.5e1 3/4 }\n'
    't "" 3 "b" { 1 -2, }\n'
    't "" 0\n'
    'p "" 1 1 0\n'  # a repeat of information set 1: actions omitted
    't "" 2\n'  # outcome 2 used again without its payoffs
    't "" 4 "" { 1E-2, 0 }\n'
)


def test_lenient_efg():
    game = parse_efg(LENIENT_EFG, source="lenient.efg", name="lenient")
    assert game.description == "A comment\nover two lines"
    leaves = {game.path(node): node.payoffs for node in game.terminal_nodes()}
    # outcome 1 sits on the (chance) root: its payoffs add to every terminal payoff
    assert leaves == {
        ("h", "L", "l"): (R(24), R(-1, 4)),
        ("h", "L", "r"): (R(0), R(-3)),
        ("h", "R"): (R(-1), R(-1)),
        ("t", "L"): (R(24), R(-1, 4)),
        ("t", "R"): (R(-99, 100), R(-1)),
    }
    assert game.root.probabilities == (R(1, 2), R(1, 2))
    assert [i.label for i in game.infosets] == ["I", "J"]
    assert game.infoset("I").members == (1, 6)


def test_efg_node_names_come_from_labels_or_outcomes():
    game = parse_efg(LENIENT_EFG)
    assert game.root.name == "root"
    assert game.nodes[3].name == "a" and game.nodes[4].name == "b"


def test_empty_and_repeated_labels_are_renamed_as_gambit_does():
    game = parse_efg('EFG 2 R "" { "" "" } p "" 1 1 "" { "x" "x" "" } 0 '
                     't "" 0 t "" 0 t "" 0')
    assert game.players == ("_1", "_2")
    assert game.root.actions == ("x_1", "x_2", "_1")
    assert game.infosets[0].label == "_1:1"


NON_SQUARE = (
    'NFG 1 R "3 x 2" { "Row" "Column" } { { "U" "M" "D" } { "L" "R" } }\n'
    '1 2  3 4  5 6  7 8  9 10  11 12\n'
)


def test_non_square_nfg_player_one_fastest():
    game = parse_nfg(NON_SQUARE)
    assert game.shape == (3, 2)
    assert game.payoff(("U", "L")) == (1, 2)
    assert game.payoff(("M", "L")) == (3, 4)
    assert game.payoff(("D", "L")) == (5, 6)
    assert game.payoff(("U", "R")) == (7, 8)
    assert game.payoff(("D", "R")) == (11, 12)
    assert parse_nfg(format_nfg(game)) == game


def test_nfg_outcome_version_and_counts():
    text = ('NFG 1 R "Outcomes" { "A" "B" } { 3 2 }\n"comment"\n'
            '{ { "one" 1, 2 } { "two" 3 4 } { "" -1/2, .5 } }\n'
            '1 2 3 0 1 2\n')
    game = parse_nfg(text)
    assert game.strategies == (("1", "2", "3"), ("1", "2"))
    assert game.payoff(("1", "1")) == (1, 2)
    assert game.payoff(("3", "1")) == (R(-1, 2), R(1, 2))
    assert game.payoff(("1", "2")) == (0, 0)
    assert game.payoff(("3", "2")) == (3, 4)
    assert game.description == "comment"


@pytest.mark.parametrize(("text", "line", "message"), [
    ('EFG 2 R "" { "A" }\np "" 1 1 "" { "x" } 0\nt "" 1 "" { 1 2 }', 3,
     "outcome 1 has 2 payoffs for 1 players"),
    ('EFG 2 R "" { "A" }\np "" 1 1 "" { "x" "y" } 0\nt "" 0\n', 3,
     "expected a node ('p', 'c' or 't'), found the end of the file"),
    ('EFG 2 R "" { "A" }\np "" 1 1 "" { "x" } 0\np "" 1 2 0\n', 3,
     "information set 2 is used before its actions are given"),
    ('EFG 2 R "" { "A" }\np "" 2 1 "" { "x" } 0\n', 2,
     "player number 2 is not between 1 and 1"),
    ('EFG 2 R "" { "A" }\np "" 1 1 "" { "x" } 0\nt "" 3\n', 3,
     "outcome 3 is used before its payoffs are given"),
    ('EFG 2 R "" { "A" }\nc "" 1 "" { "x" 1/2 } 0\nt "" 0\n', 2,
     "chance node 'n1': probabilities sum to 1/2, not exactly 1"),
    ('EFG 2 R "" { "A" }\nt "" 0\nt "" 0\n', 3, "unexpected 't' after the last node"),
    ('EFG 3 R "" { "A" }\nt "" 0\n', 1, "only version 2"),
    ('EFG 2 R "" { "A" }\nt "x 0\n', 2, "closing quote is missing"),
    ('NFG 1 R "" { "A" "B" } { 2 2 }\n1 2 3 4 5 6 7\n', 2,
     "expected the payoff of B at profile (2, 2), found the end of the file"),
    ('NFG 1 R "" { "A" "B" } { 1 1 }\n1 2 3\n', 2, "unexpected '3' after the last payoff"),
    ('NFG 1 R "" { "A" "B" } { 1 1 }\n{ { "o" 1 } }\n1\n', 2,
     "outcome 1 has 1 payoffs for 2 players"),
    ('NFG 1 R "" { "A" "B" } { 1 2 }\n{ { "o" 1 1 } }\n1 2\n', 3, "outcome 2 is not defined"),
])
def test_errors_name_file_and_line(text, line, message):
    with pytest.raises(GameFileError) as info:
        parse_gambit(text, source="bad.efg")
    assert str(info.value).startswith(f"bad.efg:{line}: ")
    assert message in str(info.value)


# Writing and round trips ----------------------------------------------------------------------


def _catalog_games():
    return [pytest.param(name, id=name) for name in names()]


@pytest.mark.parametrize("name", _catalog_games())
def test_catalog_round_trips_through_gambit(name):
    game = load_game(name).at()
    if isinstance(game, ExtensiveFormGame):
        again = parse_efg(format_efg(game), name=game.name)
        assert again.players == game.players
        assert again.nodes == game.nodes
        assert again.infosets == game.infosets
    else:
        again = parse_nfg(format_nfg(game), name=game.name)
        assert (again.players, again.strategies, again.payoffs) == (
            game.players, game.strategies, game.payoffs)


def test_parametric_game_is_written_with_values(tmp_path):
    game = load_game("enforcer-reliability")
    path = tmp_path / "er.efg"
    write_efg(game, path, values={"reliability": "2/3"})
    numeric = read_efg(path)
    assert numeric.node("enforcer").probabilities == (R(2, 3), R(1, 3))
    assert numeric.node("sanctioned").payoffs == (-1000, 600)
    assert numeric.name == "er"
    table = load_game("reconciliation-2x2")
    write_nfg(table, tmp_path / "t.nfg", values={"salary": 200})
    assert read_nfg(tmp_path / "t.nfg").payoff(("Disarm", "Honor")) == (600, 800)


def test_writer_is_conservative():
    text = format_efg(load_game("selten-horse"))
    lines = text.splitlines()
    # every node on its own line, the infoset's actions written at each member,
    # and outcomes only at terminal nodes
    assert sum(line.startswith("p ") for line in lines) == 4
    assert all(line.endswith(" 0") for line in lines if line.startswith(("p ", "c ")))
    assert lines.count('p "player3_after_d" 3 1 "Player 3" { "R" "L" } 0') == 1
    assert lines.count('p "player3_after_D" 3 1 "Player 3" { "R" "L" } 0') == 1
    assert "t \"passed\" 1 \"passed\" { 1, 1, 1 }" in lines


def test_centipede_decimals_are_written_exactly():
    text = format_efg(load_game("centipede"))
    assert 't "taken1" 1 "taken1" { 2/5, 1/10 }' in text
    assert 't "passed" 5 "passed" { 32/5, 8/5 }' in text


# Agreement with pygambit ----------------------------------------------------------------------


def _pygambit():
    return pytest.importorskip("pygambit")


def _gambit_catalog() -> list[Path]:
    try:
        import pygambit
    except ImportError:
        return []
    root = Path(pygambit.__file__).parent / "catalog_data"
    return sorted(root.rglob("*.efg")) + sorted(root.rglob("*.nfg"))


@pytest.mark.parametrize("path", _gambit_catalog(), ids=lambda p: p.stem)
def test_read_every_gambit_catalog_file(path):
    """Gambit's catalog (books and journal figures) is read like pygambit reads it; games
    without perfect recall (Wichardt 2008, Gilboa 1997, ...) are refused with a clear error."""
    gbt = _pygambit()
    theirs = gbt.read_efg(str(path)) if path.suffix == ".efg" else gbt.read_nfg(str(path))
    if path.suffix == ".efg" and not theirs.is_perfect_recall:
        with pytest.raises(GameFileError, match="breaks perfect recall"):
            read_efg(path)
        return
    ours = read_efg(path) if path.suffix == ".efg" else read_nfg(path)
    assert list(ours.players) == [p.label for p in theirs.players]
    if isinstance(ours, NormalFormGame):
        assert [list(s) for s in ours.strategies] == [
            [s.label for s in p.strategies] for p in theirs.players]
        for profile in ours.profiles():
            cell = [list(list(theirs.players)[p].strategies)[s] for p, s in enumerate(profile)]
            expected = [Fraction(str(theirs[cell][player])) for player in theirs.players]
            assert list(ours.payoff(profile)) == expected
    else:
        leaves = [node for node in theirs.nodes if node.is_terminal]
        assert len(leaves) == sum(1 for _ in ours.terminal_nodes())
        assert len(ours.infosets) == sum(len(p.infosets) for p in theirs.players)


def _their_payoffs(gbt, game, text):
    loaded = gbt.read_efg(io.StringIO(text)) if text.startswith("EFG") else gbt.read_nfg(
        io.StringIO(text))
    result = gbt.nash.enumpure_solve(loaded)
    return {tuple(Fraction(str(eq.payoff(p))) for p in loaded.players)
            for eq in result.equilibria}


@pytest.mark.parametrize("name", _catalog_games())
def test_pygambit_reads_what_we_write_and_finds_the_same_pure_equilibria(name):
    gbt = _pygambit()
    from commit_calc.solvers.pure_nash import pure_nash_equilibria
    from commit_calc.solvers.reduction import reduced_normal_form

    game = load_game(name).at()
    if isinstance(game, ExtensiveFormGame):
        text, table = format_efg(game), reduced_normal_form(game).game
    else:
        text, table = format_nfg(game), game
    ours = {tuple(Fraction(str(v)) for v in eq.payoffs)
            for eq in pure_nash_equilibria(table).equilibria}
    assert ours == _their_payoffs(gbt, game, text)


# Two-player games whose (reduced) table is small: the ultimatum game's 5 x 32 table is very
# degenerate and vertex enumeration of it takes minutes in either program.
TWO_PLAYER_SMALL = [n for n in names()
                    if n not in ("strategic-enforcer", "selten-horse", "ultimatum",
                                 "reputation-two-cohorts")]


@pytest.mark.parametrize("name", TWO_PLAYER_SMALL)
def test_same_extreme_equilibria_as_pygambit_enummixed(name):
    """Two-player games: our exact extreme equilibria match pygambit's enummixed (rational)."""
    gbt = _pygambit()
    from commit_calc.solvers.mixed_nash import extreme_equilibria
    from commit_calc.solvers.reduction import reduced_normal_form

    game = load_game(name).at()
    assert len(game.players) == 2
    table = reduced_normal_form(game).game if isinstance(game, ExtensiveFormGame) else game
    theirs_game = gbt.read_nfg(io.StringIO(format_nfg(table)))
    result = gbt.nash.enummixed_solve(theirs_game, rational=True)
    theirs = {tuple(tuple(Fraction(str(eq[s])) for s in p.strategies) for p in theirs_game.players)
              for eq in result.equilibria}
    ours = {tuple(tuple(Fraction(str(x)) for x in dist) for dist in eq.profile.probabilities)
            for eq in extreme_equilibria(table).equilibria}
    assert ours == theirs


@pytest.mark.parametrize("name", _catalog_games())
def test_we_read_what_pygambit_writes(name):
    gbt = _pygambit()
    game = load_game(name).at()
    writer = format_efg if isinstance(game, ExtensiveFormGame) else format_nfg
    text = writer(game)
    theirs = (gbt.read_efg if text.startswith("EFG") else gbt.read_nfg)(io.StringIO(text))
    rewritten = theirs.to_efg() if text.startswith("EFG") else theirs.to_nfg()
    again = parse_gambit(rewritten)
    if isinstance(game, ExtensiveFormGame):
        assert again.nodes == game.nodes and again.infosets == game.infosets
    else:
        assert (again.strategies, again.payoffs) == (game.strategies, game.payoffs)


def test_labels_gambit_cannot_hold_are_refused():
    from commit_calc.errors import GameDefinitionError
    from commit_calc.model import Decision, Terminal

    game = ExtensiveFormGame.build(players=("A",), root=Decision("A", {
        "back\\": Terminal((1,)), 'say "hi"': Terminal((2,))}))
    with pytest.raises(GameDefinitionError, match="backslash"):
        format_efg(game)
    renamed = ExtensiveFormGame.build(players=("A",), root=Decision("A", {
        "back\\slash": Terminal((1,)), 'say "hi"': Terminal((2,))}))
    assert parse_efg(format_efg(renamed)).root.actions == ("back\\slash", 'say "hi"')
