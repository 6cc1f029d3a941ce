"""Property: the one-shot deviation check agrees with a brute-force search over deviations of
bounded length, on random 2x2 games and random pure automata.

The brute force plays the game forward: from each automaton state, a long-lived player
follows every sequence of at most ``L`` actions of its own (the others keep to the
automaton, which moves on the outcomes), then returns to the automaton; the profile is
subgame perfect (by this search) when no such deviation from any state beats the state's
value. A profitable one-shot deviation is a deviation of length 1, and (with discounting) a
profitable finite deviation contains a profitable one-shot deviation, so both must agree.
The exact Nash verdict must agree with the search from the initial state in one direction:
a profitable bounded deviation from the start refutes Nash equilibrium.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.model.normal_form import NormalFormGame
from commit_calc.repeated.automaton import Automaton
from commit_calc.repeated.deviation import one_shot_check
from commit_calc.repeated.model import RepeatedGame
from commit_calc.repeated.stage import Stage
from commit_calc.repeated.verdict import verdict

LENGTH = 3
ACTIONS = ("a", "b")


@st.composite
def cases(draw):
    payoffs = [[draw(st.integers(-3, 3)) for _ in range(4)] for _ in range(2)]
    states = [f"s{k}" for k in range(draw(st.integers(1, 3)))]
    play = {s: {"Row": draw(st.sampled_from(ACTIONS)), "Column": draw(st.sampled_from(ACTIONS))}
            for s in states}
    rules = {s: [({"Row": x, "Column": y}, draw(st.sampled_from(states)))
                 for x, y in itertools.product(ACTIONS, ACTIONS)] for s in states}
    discount = Fraction(draw(st.integers(1, 9)), 10)
    return payoffs, play, rules, discount


def _forward(stage, automaton, table, player, state, actions, delta):
    """Normalised value of ``player`` deviating with ``actions`` from ``state``, then
    following the automaton (whose values are given by ``table``)."""
    i = stage.players.index(player)
    total, weight = Fraction(0), Fraction(1)
    for action in actions:
        chosen = {p: next(iter(automaton.play[state][p])) for p in stage.players}
        chosen[player] = action
        z = next(k for k, o in enumerate(stage.outcomes)
                 if all(o.actions[p] == (chosen[p],) for p in stage.players))
        total += weight * (1 - delta) * Fraction(str(stage.outcomes[z].payoffs[i]))
        weight *= delta
        state = automaton.transitions(stage)[state][z]
    return total + weight * table[state][player]


@settings(max_examples=60, deadline=None)
@given(cases())
def test_one_shot_check_agrees_with_bounded_deviations(case):
    payoffs, play, rules, discount = case
    stage_game = NormalFormGame.from_matrices(
        [[payoffs[0][0], payoffs[0][1]], [payoffs[0][2], payoffs[0][3]]],
        [[payoffs[1][0], payoffs[1][1]], [payoffs[1][2], payoffs[1][3]]],
        players=("Row", "Column"), strategies=(ACTIONS, ACTIONS))
    automaton = Automaton.build("random", play, rules)
    game = RepeatedGame.over(stage_game, discount=discount, automata={"random": automaton},
                             strategy="random")
    result = verdict(one_shot_check(game, automaton), game.check_values())
    stage = Stage(stage_game)
    table = {s: {p: Fraction(str(v)) for p, v in by.items()}
             for s, by in result.state_values.items()}
    profitable_from = set()
    for state in automaton.states:
        for player in game.players:
            for length in range(1, LENGTH + 1):
                for actions in itertools.product(ACTIONS, repeat=length):
                    value = _forward(stage, automaton, table, player, state, actions, discount)
                    if value > table[state][player]:
                        profitable_from.add(state)
    assert result.subgame_perfect == (not profitable_from)
    if automaton.initial in profitable_from:
        assert not result.nash


# A tree stage game: Leader picks x or y, then Follower (who sees it) picks l or r. -----------

PLANS = {"Leader": [("x",), ("y",)], "Follower": list(itertools.product(("l", "r"), repeat=2))}


@st.composite
def tree_cases(draw):
    payoffs = {(a, b): (draw(st.integers(-3, 3)), draw(st.integers(-3, 3)))
               for a in ("x", "y") for b in ("l", "r")}
    states = [f"s{k}" for k in range(draw(st.integers(1, 3)))]
    play = {s: {"Leader": draw(st.sampled_from(("x", "y"))),
                "Follower": draw(st.sampled_from(("l", "r")))} for s in states}
    rules = {s: [({"Leader": a, "Follower": b}, draw(st.sampled_from(states)))
                 for a in ("x", "y") for b in ("l", "r")] for s in states}
    return payoffs, play, rules, Fraction(draw(st.integers(1, 9)), 10)


def _tree_game(payoffs):
    from commit_calc.model.extensive_form import Decision, ExtensiveFormGame, Terminal

    return ExtensiveFormGame.build(players=("Leader", "Follower"), root=Decision("Leader", {
        a: Decision("Follower", {b: Terminal(payoffs[(a, b)], name=f"{a}{b}")
                                 for b in ("l", "r")}, name=f"after_{a}")
        for a in ("x", "y")}, name="leader"))


@settings(max_examples=40, deadline=None)
@given(tree_cases())
def test_one_shot_check_agrees_with_bounded_deviations_in_a_tree(case):
    """Deviations may start at any node of a period (subgame perfection within the stage
    tree too): the deviator picks its actions in the rest of this period and whole plans in
    at most one more period, then returns to the automaton."""
    payoffs, play, rules, discount = case
    automaton = Automaton.build("random", play, rules)
    game = RepeatedGame.over(_tree_game(payoffs), discount=discount,
                             automata={"random": automaton}, strategy="random")
    result = verdict(one_shot_check(game, automaton), game.check_values())
    values = {s: {p: Fraction(str(v)) for p, v in by.items()}
              for s, by in result.state_values.items()}

    def period(state, player, plan, start):
        """(payoff to player, next state) of one period from node ``start``."""
        leader = start if start in ("x", "y") else (
            plan[0] if player == "Leader" and plan else play[state]["Leader"])
        if player == "Follower" and plan:
            follower = plan[0] if leader == "x" else plan[1]
        else:
            follower = play[state]["Follower"]
        index = ("Leader", "Follower").index(player)
        following = next(to for when, to in rules[state]
                         if when == {"Leader": leader, "Follower": follower})
        return Fraction(payoffs[(leader, follower)][index]), following

    profitable = False
    for state in automaton.states:
        for player, starts in (("Leader", [None]), ("Follower", [None, "x", "y"])):
            for start in starts:
                base, following = period(state, player, (), start)
                kept = (1 - discount) * base + discount * values[following][player]
                firsts = PLANS[player] if start is None else [(a, a) for a in ("l", "r")]
                for first in firsts:
                    for second in [(), *PLANS[player]]:
                        gain, after = period(state, player, first, start)
                        total = (1 - discount) * gain
                        if second:
                            more, after2 = period(after, player, second, None)
                            total += discount * ((1 - discount) * more
                                                 + discount * values[after2][player])
                        else:
                            total += discount * values[after][player]
                        if total > kept:
                            profitable = True
    assert result.subgame_perfect == (not profitable)
