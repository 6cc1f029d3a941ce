"""The sequence form: sizes, constraints and payoffs against the tree itself."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from poker_trees import kuhn_poker
from test_verify import behaviour, expected_payoffs, trees

from commit_calc.errors import UnsupportedGameError
from commit_calc.model import Decision, ExtensiveFormGame, Terminal
from commit_calc.solvers.sequence_form import behaviour_from_plans, sequence_form


def realisation_plans(form, distributions):
    """Each player's realisation plan of a behaviour profile: a sequence's probability is its
    parent's times the action's (computed here from the profile, not by the solvers)."""
    plans = []
    for player in (0, 1):
        plan = [Fraction(0)] * form.sizes[player]
        plan[0] = Fraction(1)
        for k in form.infosets[player]:
            for a, p in enumerate(distributions[k]):
                plan[form.first_sequence[k] + a] = plan[form.parent_sequence[k]] * p
        plans.append(plan)
    return plans


def test_kuhn_poker_sizes():
    """Kuhn poker: each player has 6 information sets with 2 actions, so 13 sequences
    (von Stengel 1996 counts 1 + 2 x 6), where the reduced normal form has 27 x 64 strategies."""
    form = sequence_form(kuhn_poker())
    assert form.sizes == (13, 13)
    assert [len(rows) for rows in form.constraints] == [7, 7]
    # 6 deals, 5 leaves each, each leaf its own sequence pair with chance probability 1/6
    assert len(form.reach) == 30 and set(form.reach.values()) == {Fraction(1, 6)}


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_plans_satisfy_constraints_and_give_the_expected_payoffs(data):
    """For any behaviour profile: E x = e, F y = f, and x A y, x B y are the expected payoffs
    found by walking the tree; behaviour_from_plans gives the profile back where it is
    reached by its player's own moves."""
    game = data.draw(trees())
    if game.num_players != 2 or not any(n.is_decision for n in game.nodes):
        return
    profile = data.draw(behaviour(game))
    form = sequence_form(game)
    distributions = [tuple(Fraction(int(p.p), int(p.q)) for p in d)
                     for d in profile.probabilities]
    x, y = realisation_plans(form, distributions)
    for plan, rows in zip((x, y), form.constraints):
        for h, row in enumerate(rows):
            assert sum(c * plan[s] for s, c in row.items()) == (1 if h == 0 else 0)
    payoffs = expected_payoffs(game, distributions)
    for player in (0, 1):
        total = sum((v * x[s] * y[t] for (s, t), v in form.payoffs[player].items()), Fraction(0))
        assert total == payoffs[player]
    back = behaviour_from_plans(form, (x, y))
    plans = (x, y)
    for k, infoset in enumerate(game.infosets):
        own = plans[game.players.index(infoset.player)]
        if own[form.parent_sequence[k]] > 0:
            assert back.probabilities[k] == profile.probabilities[k]


def test_three_players_are_refused():
    game = ExtensiveFormGame.build(players=("A", "B", "C"), root=Decision(
        "A", {"l": Terminal((1, 0, 0)), "r": Terminal((0, 1, 0))}))
    with pytest.raises(UnsupportedGameError, match="two-player"):
        sequence_form(game)


def test_size_limit_is_named():
    with pytest.raises(UnsupportedGameError, match="more than 10 sequences"):
        sequence_form(kuhn_poker(), limit=10)
