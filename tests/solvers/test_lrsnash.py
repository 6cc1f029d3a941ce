"""``--method lrsnash``: the lrsnash program's equilibria, read exactly and verified by our own
check, agree with our default enumeration; without the program, one clear message."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.cli.main import cli
from commit_calc.errors import CommitCalcError, UnsupportedGameError
from commit_calc.io import load_game
from commit_calc.model import NormalFormGame
from commit_calc.solvers import lrsnash as lrs
from commit_calc.solvers.mixed_nash import extreme_equilibria
from commit_calc.solvers.solve import solve

needs_lrsnash = pytest.mark.skipif(not lrs.lrsnash_available(),
                                   reason="the lrsnash program (lrslib) is not installed")


@st.composite
def bimatrix(draw, low=-4, high=4):
    rows, columns = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    entries = st.lists(st.lists(st.integers(low, high), min_size=columns, max_size=columns),
                       min_size=rows, max_size=rows)
    return NormalFormGame.from_matrices(draw(entries), draw(entries))


def _profiles(result):
    return {e.profile.probabilities for e in result.equilibria}


@needs_lrsnash
@settings(max_examples=40, deadline=None)
@given(game=bimatrix(low=-10**6, high=10**6))
def test_same_extreme_equilibria_as_our_enumeration_on_random_games(game):
    """Wide payoffs: the games are almost surely nondegenerate, and both list the same set."""
    ours, theirs = extreme_equilibria(game), lrs.lrsnash_equilibria(game)
    assert _profiles(theirs) == _profiles(ours)
    assert not theirs.warnings


@needs_lrsnash
@settings(max_examples=40, deadline=None)
@given(game=bimatrix())
def test_every_answer_on_degenerate_games_is_a_verified_extreme_equilibrium(game):
    """Small payoffs: many ties. Every lrsnash answer passes our exact check (certify) and is
    one of our extreme equilibria."""
    theirs = lrs.lrsnash_equilibria(game)
    assert theirs.equilibria and not theirs.warnings
    assert _profiles(theirs) <= _profiles(extreme_equilibria(game))


@needs_lrsnash
def test_solve_and_cli_name_the_method():
    game = load_game("battle-of-the-sexes")
    result = solve(game, method="lrsnash")
    assert result.method == "lrsnash" and len(result.equilibria) == 3
    run = CliRunner().invoke(cli, ["solve", "battle-of-the-sexes", "--method", "lrsnash"])
    assert run.exit_code == 0 and "(method: lrsnash)" in run.stdout


def test_missing_program_is_one_clear_line(monkeypatch):
    monkeypatch.setattr(lrs.shutil, "which", lambda name: None)
    with pytest.raises(UnsupportedGameError, match="needs the lrsnash program"):
        lrs.lrsnash_equilibria(load_game("battle-of-the-sexes"))
    run = CliRunner().invoke(cli, ["solve", "battle-of-the-sexes", "--method", "lrsnash"])
    assert run.exit_code == 1
    assert run.stderr.count("\n") == 1 and "apt-get install lrslib" in run.stderr


def test_trees_and_larger_games_are_refused():
    with pytest.raises(UnsupportedGameError, match="two-player normal-form"):
        solve(load_game("disarm-trust"), method="lrsnash")


def test_parser_reads_blocks_and_refuses_what_it_does_not_understand():
    output = ("*lrsnash: comment\n2  1  0  0  1\n2  0  1  0  1\n1  1  0  1\n\n"
              "2  0  0  1  3\n1  0  1  2\n")
    pairs = lrs.parse_lrsnash(output, (2, 3))
    assert [(tuple(map(str, a)), tuple(map(str, b))) for a, b in pairs] == [
        (("1", "0"), ("1", "0", "0")), (("1", "0"), ("0", "1", "0")),
        (("0", "1"), ("0", "0", "1"))]
    with pytest.raises(CommitCalcError, match="not understood"):
        lrs.parse_lrsnash("3 1 0 1\n", (2, 2))
    with pytest.raises(CommitCalcError, match="not understood"):
        lrs.parse_lrsnash("1 1 0\n", (2, 2))
