"""The exact regret check, against brute force over every pure deviation.

With perfect recall a best response can always be found among pure behaviour strategies
(Kuhn 1953), so a player's regret is the best payoff over all their pure behaviour strategies,
minus their payoff at the profile. The brute force below enumerates exactly that.
"""

import itertools
from fractions import Fraction

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from commit_calc.errors import GameDefinitionError
from commit_calc.model import Chance, Decision, ExtensiveFormGame, NormalFormGame, Terminal
from commit_calc.model.profiles import BehaviourProfile, MixedProfile
from commit_calc.solvers.verify import verify, verify_subgame_perfect

PLAYERS = ("A", "B")


@st.composite
def trees(draw, max_depth=3):
    """Random trees with chance nodes and, sometimes, information sets shared by two nodes."""
    counter = itertools.count()

    def node(depth):
        kind = draw(st.sampled_from(["terminal", "decision", "decision", "chance"]))
        if depth >= max_depth or kind == "terminal":
            return Terminal(tuple(draw(st.integers(-2, 2)) for _ in PLAYERS))
        width = draw(st.integers(2, 3))
        if kind == "chance":
            weights = [draw(st.integers(1, 3)) for _ in range(width)]
            return Chance({f"c{k}": (Fraction(w, sum(weights)), node(depth + 1))
                           for k, w in enumerate(weights)})
        return Decision(draw(st.sampled_from(PLAYERS)),
                        {f"a{k}": node(depth + 1) for k in range(width)},
                        name=f"d{next(counter)}")

    root = node(0)
    game = ExtensiveFormGame.build(players=PLAYERS, root=root)
    merge = draw(st.booleans())
    if merge:  # try to join two decision nodes into one information set
        decisions = [n for n in game.nodes if n.is_decision]
        pairs = [(a, b) for a, b in itertools.combinations(decisions, 2)
                 if a.player == b.player and len(a.actions) == len(b.actions)]
        if pairs:
            first, second = draw(st.sampled_from(pairs))
            nodes = list(game.nodes)
            nodes[second.index] = _with_infoset(second, first.infoset)
            try:
                return ExtensiveFormGame(PLAYERS, tuple(nodes))
            except GameDefinitionError:
                pass
    return game


def _with_infoset(node, label):
    from commit_calc.model.extensive_form import Node

    return Node(node.index, node.name, node.kind, node.parent, node.player, label,
                node.actions, node.children, node.probabilities, node.payoffs)


@st.composite
def behaviour(draw, game):
    distributions = []
    for infoset in game.infosets:
        weights = [draw(st.integers(0, 2)) for _ in infoset.actions]
        if sum(weights) == 0:
            weights[0] = 1
        distributions.append(tuple(Fraction(w, sum(weights)) for w in weights))
    return BehaviourProfile(tuple(distributions))


def expected_payoffs(game, distributions):
    totals = [Fraction(0)] * len(game.players)
    stack = [(0, Fraction(1))]
    while stack:
        index, probability = stack.pop()
        node = game.nodes[index]
        if node.is_terminal:
            for k, payoff in enumerate(node.payoffs):
                totals[k] += probability * Fraction(int(payoff.p), int(payoff.q))
            continue
        if node.is_chance:
            moves = [Fraction(int(p.p), int(p.q)) for p in node.probabilities]
        else:
            moves = distributions[game.infoset_of_node[index]]
        stack.extend((c, probability * p) for c, p in zip(node.children, moves) if p)
    return totals


def brute_force_regrets(game, profile):
    base = [tuple(Fraction(int(p.p), int(p.q)) for p in d) for d in profile.probabilities]
    payoffs = expected_payoffs(game, base)
    regrets = []
    for k, player in enumerate(game.players):
        own = [i for i, infoset in enumerate(game.infosets) if infoset.player == player]
        best = payoffs[k]
        for choice in itertools.product(*(range(len(game.infosets[i].actions)) for i in own)):
            trial = list(base)
            for i, a in zip(own, choice):
                trial[i] = tuple(Fraction(int(j == a)) for j in range(len(base[i])))
            best = max(best, expected_payoffs(game, trial)[k])
        regrets.append(best - payoffs[k])
    return payoffs, regrets


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_tree_regrets_match_brute_force(data):
    game = data.draw(trees())
    profile = data.draw(behaviour(game))
    payoffs, regrets = brute_force_regrets(game, profile)
    check = verify(game, profile)
    assert check.payoffs == tuple(sympy.Rational(p.numerator, p.denominator) for p in payoffs)
    assert check.regrets == tuple(sympy.Rational(r.numerator, r.denominator) for r in regrets)


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_subgame_perfection_implies_nash_and_checks_every_subgame(data):
    game = data.draw(trees())
    profile = data.draw(behaviour(game))
    whole = verify(game, profile)
    everywhere = verify_subgame_perfect(game, profile)
    assert everywhere.payoffs == whole.payoffs
    assert all(s >= w for s, w in zip(everywhere.regrets, whole.regrets))
    largest = list(whole.regrets)
    for root in game.subgame_roots:
        sub = _subgame(game, root)
        mapped = BehaviourProfile(tuple(
            profile.probabilities[game.infoset_index(i.label)] for i in sub.infosets
        ))
        largest = [max(a, b) for a, b in zip(largest, verify(sub, mapped).regrets)]
    assert list(everywhere.regrets) == largest


def _subgame(game, root):
    """The subtree at ``root`` as a game of its own (names and infosets kept)."""
    from commit_calc.model.extensive_form import Node

    span = game.descendants(game.nodes[root])
    offset = span.start
    nodes = tuple(
        Node(n.index - offset, n.name, n.kind,
             None if n.index == offset else n.parent - offset, n.player, n.infoset, n.actions,
             tuple(c - offset for c in n.children), n.probabilities, n.payoffs)
        for n in (game.nodes[i] for i in span)
    )
    return ExtensiveFormGame(game.players, nodes)


@st.composite
def normal_form_games(draw):
    shape = draw(st.lists(st.integers(1, 3), min_size=2, max_size=3))
    size = 1
    for s in shape:
        size *= s
    arrays = []
    for _ in shape:
        flat = draw(st.lists(st.integers(-3, 3), min_size=size, max_size=size))
        arrays.append(_nest(flat, shape))
    return NormalFormGame.from_arrays(arrays)


def _nest(flat, shape):
    if len(shape) == 1:
        return flat
    step = len(flat) // shape[0]
    return [_nest(flat[k * step:(k + 1) * step], shape[1:]) for k in range(shape[0])]


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_normal_form_regrets_match_brute_force(data):
    game = data.draw(normal_form_games())
    mix = []
    for size in game.shape:
        weights = [data.draw(st.integers(0, 3)) for _ in range(size)]
        if sum(weights) == 0:
            weights[0] = 1
        mix.append(tuple(Fraction(w, sum(weights)) for w in weights))
    arrays = game.numeric_payoffs()

    def payoff(player, profile_mix):
        total = Fraction(0)
        for index in itertools.product(*(range(s) for s in game.shape)):
            weight = Fraction(1)
            for p, k in enumerate(index):
                weight *= profile_mix[p][k]
            total += weight * arrays[player][index]
        return total

    check = verify(game, MixedProfile(tuple(mix)))
    for player, size in enumerate(game.shape):
        current = payoff(player, mix)
        best = max(
            payoff(player, mix[:player] + [tuple(Fraction(int(j == k)) for j in range(size))]
                   + mix[player + 1:])
            for k in range(size)
        )
        assert check.payoffs[player] == current
        assert check.regrets[player] == best - current


def test_profiles_that_do_not_fit_the_game_are_refused():
    game = NormalFormGame.from_matrices([[1, 0]], [[0, 1]])
    try:
        verify(game, MixedProfile(((1,), (1,))))
    except GameDefinitionError as error:
        assert "does not fit" in str(error)
    else:
        raise AssertionError("expected GameDefinitionError")


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_fraction_and_gmpy2_kernels_agree(data):
    """The kernels use gmpy2's rationals where installed and Fraction otherwise; both exact,
    so regrets, payoffs and the equilibria found are identical."""
    import pytest

    pytest.importorskip("gmpy2")
    from commit_calc.model import values
    from commit_calc.solvers.backward_induction import backward_induction

    game = data.draw(trees())
    profile = data.draw(behaviour(game))
    fast = (verify(game, profile), verify_subgame_perfect(game, profile))
    solved_fast = backward_induction(game) if game.properties.perfect_information else None
    saved = values._mpq
    values._mpq = None
    try:
        fresh = ExtensiveFormGame(game.players, game.nodes)
        slow = (verify(fresh, profile), verify_subgame_perfect(fresh, profile))
        solved_slow = backward_induction(fresh) if solved_fast is not None else None
    finally:
        values._mpq = saved
    assert fast == slow
    if solved_fast is not None:
        assert [(e.profile, e.payoffs) for e in solved_fast.equilibria] == [
            (e.profile, e.payoffs) for e in solved_slow.equilibria]
