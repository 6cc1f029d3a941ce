"""Sequence-form solvers against pygambit's ``lp_solve`` and ``lcp_solve`` (Gambit 16.7, its
own C++ sequence-form code in rational arithmetic), on the two-player trees of Gambit's
catalog (shipped with pygambit) and on Kuhn poker.

Gambit's answers are read into our tree by walking both trees in the same (file) order, then
compared as realisation plans, which do not depend on the choices made at information sets a
player's own moves exclude: Gambit's ``lcp_solve`` answer (a vertex pair, as Lemke's algorithm
ends at one) is one of the extreme equilibria ``sequence_enum`` lists, so is our Lemke answer;
on zero-sum trees ``lp_solve`` and ``sequence_lp`` agree on the value.
"""

import io
from fractions import Fraction
from pathlib import Path

import pytest
from poker_trees import kuhn_poker
from test_sequence_form import realisation_plans

from commit_calc.io.gambit import format_efg, read_efg
from commit_calc.model.profiles import BehaviourProfile
from commit_calc.solvers.sequence_enum import sequence_enum
from commit_calc.solvers.sequence_form import sequence_form
from commit_calc.solvers.sequence_lcp import sequence_lcp
from commit_calc.solvers.sequence_lp import sequence_lp
from commit_calc.solvers.verify import verify

gbt = pytest.importorskip("pygambit")

CATALOG = Path(gbt.__file__).parent / "catalog_data"


def two_player_catalog_trees():
    for path in sorted(CATALOG.rglob("*.efg")):
        text = path.read_text()
        try:
            game = read_efg(path)
        except Exception:  # imperfect recall: not a sequence-form game
            continue
        if game.num_players == 2:
            yield pytest.param(game, text, id=str(path.relative_to(CATALOG)))


def poker_trees():
    game = kuhn_poker()
    yield pytest.param(game, format_efg(game), id="kuhn-poker")


def gambit_distributions(game, theirs, profile):
    """Our game's behaviour distributions from Gambit's profile: the nodes of both trees in
    prefix order, information sets matched at their decision nodes."""
    order, stack = [], [theirs.root]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(list(node.children)))
    assert len(order) == len(game.nodes)
    distributions = {}
    for ours, node in zip(game.nodes, order):
        if ours.is_decision:
            k = game.infoset_of_node[ours.index]
            found = tuple(Fraction(str(profile[a])) for a in node.infoset.actions)
            # Gambit leaves sets its player's own moves exclude undefined (all 0): any choice
            distributions[k] = found if sum(found) else (1,) + (0,) * (len(found) - 1)
    return [distributions[k] for k in range(len(game.infosets))]


def plans_of(game, distributions):
    return tuple(tuple(p) for p in realisation_plans(sequence_form(game), distributions))


def our_plans(game, equilibrium):
    return plans_of(game, [tuple(Fraction(int(p.p), int(p.q)) for p in d)
                           for d in equilibrium.profile.probabilities])


def is_zero_sum(game):
    numbers = game.exact_numbers
    return len({sum(numbers[n.index]) for n in game.nodes if n.is_terminal}) == 1


CASES = list(two_player_catalog_trees()) + list(poker_trees())


@pytest.mark.parametrize(("game", "text"), CASES)
def test_lemke_and_enumeration_agree_with_gambit(game, text):
    theirs = gbt.read_efg(io.StringIO(text))
    extreme = {our_plans(game, e) for e in sequence_enum(game).equilibria}
    for profile in gbt.nash.lcp_solve(theirs, rational=True).equilibria:
        distributions = gambit_distributions(game, theirs, profile)
        assert plans_of(game, distributions) in extreme
    ours = sequence_lcp(game).equilibria[0]
    assert our_plans(game, ours) in extreme
    if is_zero_sum(game):
        [value] = {e.payoffs for e in sequence_enum(game).equilibria}
        assert sequence_lp(game).equilibria[0].payoffs == value
        for profile in gbt.nash.lp_solve(theirs, rational=True).equilibria:
            assert Fraction(str(profile.payoff(list(theirs.players)[0]))) == value[0]
            distributions = gambit_distributions(game, theirs, profile)
            assert verify(game, BehaviourProfile(tuple(distributions))).is_equilibrium


def test_the_catalog_really_has_zero_sum_trees():
    assert sum(is_zero_sum(case.values[0]) for case in CASES) >= 3
