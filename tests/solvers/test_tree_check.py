"""The compiled tree check (:class:`commit_calc.solvers.tree_check.TreeCheck`) against
:func:`~commit_calc.solvers.verify.verify` and
:func:`~commit_calc.solvers.verify.verify_subgame_perfect`: the same payoffs and the same
regrets, exactly, for any behaviour profile (not only equilibria), on random trees with chance
nodes and information sets and on every catalog tree."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_verify import behaviour, trees

from commit_calc.errors import GameDefinitionError
from commit_calc.io import load_game
from commit_calc.io.catalog import list_games
from commit_calc.model import ExtensiveFormGame
from commit_calc.model.profiles import BehaviourProfile
from commit_calc.solvers import _compiled
from commit_calc.solvers.tree_check import TreeCheck
from commit_calc.solvers.verify import verify, verify_subgame_perfect

TREES = [name for name, *_ in list_games()
         if isinstance(load_game(name), ExtensiveFormGame)]


def _same(game, profile):
    for subgame_perfect, reference in ((True, verify_subgame_perfect), (False, verify)):
        check = TreeCheck(game, subgame_perfect=subgame_perfect)
        assert check.verify(profile, game.exact_numbers) == reference(game, profile)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_random_trees_and_profiles(data):
    game = data.draw(trees())
    _same(game, data.draw(behaviour(game)))


@pytest.mark.parametrize("name", TREES)
@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_catalog_trees_and_profiles(name, data):
    game = load_game(name)
    game = game.at({}) if game.parameters else game
    _same(game, data.draw(behaviour(game)))


def test_a_profile_that_is_not_an_equilibrium_has_its_regret():
    """Entry deterrence with the first action everywhere (the entrant stays out, the
    incumbent fights): the incumbent regrets fighting after entry, and the compiled check
    says so exactly as verify does (it is not weakened)."""
    game = load_game("entry-deterrence")
    pure = BehaviourProfile(tuple(tuple(int(a == 0) for a in range(len(i.actions)))
                                  for i in game.infosets))
    found = TreeCheck(game, subgame_perfect=True).verify(pure, game.exact_numbers)
    assert found == verify_subgame_perfect(game, pure)
    assert max(found.regrets) > 0


def test_profiles_that_do_not_fit_are_refused():
    game = load_game("selten-horse")
    with pytest.raises(GameDefinitionError):
        TreeCheck(game, subgame_perfect=False).verify(BehaviourProfile(((1, 0),)),
                                                      game.exact_numbers)


def test_too_large_a_tree_is_not_compiled(monkeypatch):
    """A check longer than the compiled limit is refused (the caller checks with verify)."""
    monkeypatch.setattr(_compiled, "MAX_SOURCE", 100)
    with pytest.raises(ValueError, match="characters"):
        TreeCheck(load_game("bagwell-commitment").at({}), subgame_perfect=True)
