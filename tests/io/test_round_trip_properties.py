"""Property: any game tree or table survives writing and reading back, in every format."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.io.gambit import format_efg, format_nfg, parse_efg, parse_nfg
from commit_calc.io.game_file import parse_game_text
from commit_calc.io.game_writer import game_to_json, game_to_toml
from commit_calc.model import Chance, Decision, ExtensiveFormGame, NormalFormGame, Terminal

PLAYERS = ("Rebels", 'The "Regime"', "Énforcer")
labels = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                 max_size=6).filter(lambda s: s.strip() and "\\" not in s)
payoff = st.fractions(min_value=-1000, max_value=1000, max_denominator=12)


def trees(depth: int) -> st.SearchStrategy:
    leaf = st.builds(lambda values: Terminal(tuple(values)),
                     st.lists(payoff, min_size=3, max_size=3))
    if depth == 0:
        return leaf
    child = trees(depth - 1)
    decision = st.builds(
        lambda player, moves: Decision(player, moves),
        st.sampled_from(PLAYERS), st.dictionaries(labels, child, min_size=1, max_size=3))
    chance = st.builds(_chance, st.lists(st.tuples(labels, child, st.integers(1, 5)),
                                         min_size=1, max_size=3, unique_by=lambda m: m[0]))
    return st.one_of(leaf, decision, chance)


def _chance(moves: list) -> Chance:
    total = sum(weight for _, _, weight in moves)
    return Chance({label: (Fraction(weight, total), subtree) for label, subtree, weight in moves})


@settings(max_examples=60, deadline=None)
@given(trees(3))
def test_tree_round_trips(root):
    game = ExtensiveFormGame.build(players=PLAYERS, root=root, title='A "quoted" title')
    from_efg = parse_efg(format_efg(game))
    assert (from_efg.players, from_efg.nodes, from_efg.infosets) == (
        game.players, game.nodes, game.infosets)
    assert from_efg.title == game.title
    assert parse_game_text(game_to_toml(game)) == game
    assert parse_game_text(game_to_json(game), syntax="json") == game


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 4), min_size=2, max_size=3), st.data())
def test_table_round_trips(shape, data):
    size = 1
    for n in shape:
        size *= n
    players = PLAYERS[: len(shape)]
    strategies = [data.draw(st.lists(labels, min_size=n, max_size=n, unique=True))
                  for n in shape]
    cells = data.draw(st.lists(st.lists(payoff, min_size=len(shape), max_size=len(shape)),
                               min_size=size, max_size=size))
    import numpy as np

    arrays = [np.array([cell[p] for cell in cells], dtype=object).reshape(shape).tolist()
              for p in range(len(shape))]
    game = NormalFormGame.from_arrays(arrays, players=players, strategies=strategies)
    again = parse_nfg(format_nfg(game))
    assert (again.players, again.strategies, again.payoffs) == (
        game.players, game.strategies, game.payoffs)
    assert parse_game_text(game_to_toml(game)) == game
