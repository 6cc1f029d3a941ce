"""Repeated games in game files: user automata, a stage game named by catalog name, and bad
input refused with one line naming the culprit."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from commit_calc.errors import CommitCalcError, GameFileError
from commit_calc.io import load_game
from commit_calc.io.repeated_file import load_repeated, parse_repeated_text
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.repeated import analyse_repeated
from commit_calc.repeated.automaton import Automaton
from commit_calc.repeated.model import RepeatedGame
from commit_calc.repeated.stage import Stage

BY_NAME = """\
title = "Cohorts, stage by name"
sources = ["a test"]

[parameters.discount]
value = "3/4"
min = 0
max = 1

[repeated]
stage = "disarm-trust"
lifetimes = { Rebels = "short" }
strategy = "truce"

[repeated.automata.truce]
description = "forgive one renege, then war for ever"

[repeated.automata.truce.states.peace]
play = { Rebels = "Disarm", Regime = "Honor" }
transitions = [{ when = { Regime = "Renege" }, to = "warned" }, { to = "peace" }]

[repeated.automata.truce.states.warned]
play = { Rebels = "Disarm", Regime = "Honor" }
transitions = [{ when = { Regime = "Renege" }, to = "war" }, { to = "warned" }]

[repeated.automata.truce.states.war]
play = { Rebels = "Stay armed", Regime = "Renege" }
transitions = [{ to = "war" }]
"""


def test_a_user_automaton_over_a_catalog_stage_game(tmp_path: Path):
    """The regime may renege once before war: in 'peace' reneging gains (1 - d)(g + s - p) and
    loses d (V_peace - V_warned) = 0, so it always pays; the profile is not subgame perfect,
    and in 'warned' the grim-trigger condition g + s - p <= d (W + g - p) applies."""
    path = tmp_path / "cohorts.toml"
    path.write_text(BY_NAME, encoding="utf-8")
    game = load_repeated(str(path))
    assert game.strategy == "truce" and game.stage_game.name == "disarm-trust"
    result = analyse_repeated(game)
    assert not result.verdict.subgame_perfect
    best = result.verdict.best
    assert (best.state, best.deviation) == ("peace", "Renege")
    assert result.verdict.best_gain == sympy.Rational(1, 4) * 450
    warned = [g for i, g in result.verdict.gains if i.state == "warned" and i.player == "Regime"]
    assert warned == [450 - sympy.Rational(3, 4) * 800]  # g + s - p - d (W + g - p)


def test_a_stage_by_name_file_is_not_a_plain_game(tmp_path: Path):
    path = tmp_path / "cohorts.toml"
    path.write_text(BY_NAME, encoding="utf-8")
    with pytest.raises(GameFileError, match=r"cohorts.toml:\d+: a repeated game over another "
                       "file's stage game: read it with `commit-calc repeated`"):
        load_game(str(path))


@pytest.mark.parametrize(("edit", "message"), [
    (('to = "war" }]\n"""', 'to = "wor" }]'), r"bad.toml:\d+: automaton 'truce': state 'war' "
     "moves to 'wor', which is not a state"),
    (("{ to = \"warned\" }]", "]"), r"bad.toml:\d+: automaton 'truce': state 'warned' has no "
     r"transition for the outcome \(Disarm, Honor\)"),
    (('Regime = "Honor" }\ntransitions = [{ when', 'Regime = "Honour" }\ntransitions = [{ when'),
     "'Honour' is not an action of 'Regime' at node 'regime'"),
    (('lifetimes = { Rebels = "short" }', 'lifetimes = { Rebel = "short" }'),
     "'Rebel' is not a player"),
    (('strategy = "truce"', 'strategy = "truce"\ncontinuation = "discount * 2"'), None),
])
def test_bad_automata_are_refused_with_one_line(tmp_path: Path, edit, message):
    old, new = edit
    text = BY_NAME.replace(old.replace('\n"""', ""), new) if old.endswith('"""') else \
        BY_NAME.replace(old, new, 1)
    assert text != BY_NAME
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    if message is None:  # continuation 3/2 at the defaults: refused when checked
        with pytest.raises(CommitCalcError, match=r"continuation probability .* = 3/2: it must "
                           "be above 0 and at most 1"):
            analyse_repeated(load_repeated(str(path)))
        return
    with pytest.raises(CommitCalcError, match=message) as caught:
        analyse_repeated(load_repeated(str(path)))
    assert "\n" not in str(caught.value)


def test_discount_outside_the_open_interval():
    game = load_repeated("repeated-prisoners-dilemma")
    for value in (0, 1):
        with pytest.raises(CommitCalcError, match=f"'discount' = {value}: a discount factor "
                           "must be strictly between 0 and 1"):
            analyse_repeated(game, None, {"discount": value})


def test_unknown_key_names_its_line():
    with pytest.raises(GameFileError, match=r"^r.toml:11: \[repeated\]: unknown key 'lifetime' "
                       r"\(did you mean 'lifetimes'\?\)"):
        parse_repeated_text(BY_NAME.replace("lifetimes", "lifetime"), source="r.toml")


def test_a_plain_table_game_is_repeated_with_every_player_long_lived():
    game = load_repeated("prisoners-dilemma", discount="2/3")
    assert game.long_lived == ("Row", "Column") and game.check_values()["discount"] == \
        sympy.Rational(2, 3)


def test_mixed_actions_in_an_automaton():
    """Matching pennies repeated, both mixing 1/2 for ever: a stage equilibrium played in every
    period is subgame perfect at any discount factor."""
    game = RepeatedGame.over(load_game("matching-pennies"))
    labels = game.stage_game.strategies
    half = sympy.Rational(1, 2)
    mix = {game.players[0]: {labels[0][0]: half, labels[0][1]: half},
           game.players[1]: {labels[1][0]: half, labels[1][1]: half}}
    automaton = Automaton.build("mix", {"only": mix}, {"only": [({}, "only")]})
    automaton.check(Stage(game.stage_game))
    game = RepeatedGame(game.stage_game, game.parameters, automata={"mix": automaton},
                        strategy="mix")
    result = analyse_repeated(game)
    assert result.verdict.subgame_perfect and result.critical_discount == 0
    with pytest.raises(CommitCalcError, match="probabilities add up to 3/2, not 1"):
        Automaton.build("bad", {"s": {"A": {"x": 1, "y": half}}}, {})


def _cycle(states: int, size: int) -> RepeatedGame:
    """A table game whose automaton cycles through ``states`` states whatever happens."""
    labels = tuple(f"a{k}" for k in range(size))
    stage = NormalFormGame.from_matrices([[i - j for j in range(size)] for i in range(size)],
                                         [[j - i for j in range(size)] for i in range(size)],
                                         players=("Row", "Column"),
                                         strategies=(labels, labels))
    names = [f"s{k}" for k in range(states)]
    automaton = Automaton.build("cycle", {s: {"Row": "a0", "Column": "a0"} for s in names},
                                {s: [({}, names[(k + 1) % states])]
                                 for k, s in enumerate(names)})
    return RepeatedGame.over(stage, automata={"cycle": automaton}, strategy="cycle")


def test_large_automata_are_bounded():
    """Above 160 states x outcomes the check is at the values only, with a warning."""
    result = analyse_repeated(_cycle(20, 3))
    assert result.critical_discount is None and result.formula.formula is None
    assert result.warnings == ("20 states and 9 outcomes (over 160): the conditions are at the "
                               "values only, and no critical discount factor is computed",)
    assert not result.verdict.subgame_perfect  # Row gains 2 by playing a2 against a0
    medium = analyse_repeated(_cycle(8, 3))
    assert "in 'discount' only" in medium.warnings[0]
    with pytest.raises(CommitCalcError, match="automaton 'big': more than 50 states"):
        Automaton.build("big", {f"s{k}": {} for k in range(51)}, {})


def test_a_plain_game_with_a_discount_parameter_uses_it(tmp_path: Path):
    """`commit-calc convert` writes a repeated game's stage game, with its discount parameter;
    repeated again, that parameter is the discount factor (bounds and default kept)."""
    from commit_calc.io import write_game

    path = tmp_path / "cs.toml"
    write_game(load_game("chain-store"), path)
    game = load_repeated(str(path))
    assert [p.name for p in game.parameters].count("discount") == 1
    assert game.check_values()["discount"] == sympy.Rational(9, 10)
    assert load_repeated(str(path), discount="1/3").check_values()["discount"] == \
        sympy.Rational(1, 3)
