"""Prepared games: one parametric game solved at many points without sympy at each point.

:func:`commit_calc.solvers.solve.solve` substitutes values into the game's sympy formulas,
builds the numeric game and its reduced normal forms in sympy, and converts every number
back to Python numbers for the kernels. A sweep that solves thousands of points of one game
repeats the work that depends only on the game's structure. :class:`PreparedGame` does that
work once: every payoff and probability is compiled to a function that computes exactly in
``int`` and ``Fraction`` (:func:`~commit_calc.analysis.exact_grid.exact_function`); the
structure of each block of the subgame decomposition (its reduced strategies and the
terminal nodes each strategy profile reaches) is listed once. At a point, the numbers go
straight into the flat tables the kernels read: backward induction, the subgame decomposition
and exact vertex enumeration run as in ``solve``, and every equilibrium reported is checked
by :mod:`~commit_calc.solvers.verify` with the same numbers (the check does not use the
solver's reasoning). The equilibria, their order, payoffs and labels are those of ``solve``.

Games or points outside what is prepared (more than two players in a block or a table, a
point where a formula is undefined or a probability leaves [0, 1]) get ``None`` from
:meth:`PreparedGame.solve`: the caller solves them with ``solve``, which says what is wrong.

>>> from fractions import Fraction
>>> from commit_calc.io import load_game
>>> game = load_game("bagwell-commitment")
>>> prepared = PreparedGame(game, ["noise"])
>>> [(e.label, tuple(map(str, e.payoffs))) for e in prepared.solve([Fraction(1, 2)])][-1]
('C > saw S: C | saw C: C', ('4', '4'))
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from commit_calc.analysis.exact_grid import exact_function
from commit_calc.analysis.labels import profile_label
from commit_calc.model.extensive_form import CHANCE, DECISION, TERMINAL, ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.profiles import BehaviourProfile, MixedProfile
from commit_calc.model.values import kernel_rational
from commit_calc.solvers._vertex_enumeration import completely_labelled_pairs
from commit_calc.solvers.backward_induction import (
    FlatTree,
    Number,
    ValueMap,
    Vector,
    _pure,
    _solve,
)
from commit_calc.solvers.listing import listing_limit
from commit_calc.solvers.mixed_nash import _components
from commit_calc.solvers.reduction import (
    MAX_PROFILES,
    _others_reach,
    _plan_count,
    _player_plans,
    _value,
)
from commit_calc.solvers.results import VerificationFailure
from commit_calc.solvers.subgame_perfect import (
    MAX_COMBINATIONS,
    _BlockEquilibrium,
    _Decomposition,
    _folded_game,
)
from commit_calc.solvers.verify import Verification, verify, verify_subgame_perfect

Game = ExtensiveFormGame | NormalFormGame
#: A block equilibrium: one distribution per information set of the block, and the expected
#: payoffs of every player of the whole game.
_Found = tuple[tuple[tuple[Any, ...], ...], Vector]


class _Fallback(Exception):
    """This point (or game) needs the general solver."""


@dataclass(frozen=True)
class PointSolution:
    """One equilibrium at a point: its distributions (per information set, or per player of
    a table), exact payoffs (as ``solve`` reports them) and outcome label."""

    probabilities: tuple[tuple[Any, ...], ...]
    payoffs: tuple[sympy.Rational, ...]
    label: str

    @property
    def choices(self) -> tuple[tuple[int, ...], ...]:
        """The actions (or strategies) played with positive probability, per distribution."""
        return supports(self.probabilities)


def supports(probabilities: Sequence[Sequence[Any]]) -> tuple[tuple[int, ...], ...]:
    """Indices of the nonzero entries of each distribution (exact numbers: zero is falsy,
    which is much faster than ``!= 0`` for sympy numbers)."""
    return tuple(tuple(i for i, x in enumerate(d) if x) for d in probabilities)


class PreparedGame:
    """``game`` with the parameters ``names`` free (all others fixed), prepared once.

    ``concept`` is as in :func:`~commit_calc.solvers.solve.solve`. :meth:`solve` takes the
    values of ``names`` as ``Fraction`` and gives the equilibria there, or ``None`` where the
    general solver must be used.
    """

    def __init__(self, game: Game, names: Sequence[str], concept: str = "auto") -> None:
        self.game = game
        symbols = [game.parameters[name].symbol for name in names]
        self._labels: dict[tuple[tuple[int, ...], ...], str] = {}
        self._mode = self._choose_mode(concept)
        formulas: list[sympy.Expr] = []
        self._spans: list[tuple[int, int]] = []
        if isinstance(game, NormalFormGame):
            for array in game.payoffs:
                self._spans.append((len(formulas), len(formulas) + math.prod(game.shape)))
                formulas.extend(sympy.flatten(array.tolist()))
        else:
            for node in game.nodes:
                self._spans.append((len(formulas), len(formulas) + len(node.payoffs)
                                    + len(node.probabilities)))
                formulas.extend(node.payoffs + node.probabilities)
        # numbers that do not move are converted once; the others are compiled together
        self._fixed: list[Number] = []
        self._moving: list[int] = []
        for k, formula in enumerate(formulas):
            if formula.free_symbols:
                self._moving.append(k)
                self._fixed.append(0)
            elif formula.is_Rational:
                self._fixed.append(kernel_rational(int(formula.p), int(formula.q)))
            else:  # not an exact number: solve says so
                self._mode = None
                self._fixed.append(0)
        try:
            self._function: Callable[..., Any] = exact_function(
                [formulas[k] for k in self._moving], symbols)
        except Exception:  # noqa: BLE001 - a formula Python cannot compute exactly: solve does
            self._mode = None
        if isinstance(game, ExtensiveFormGame):
            self._chance = [n.index for n in game.nodes if n.kind == CHANCE]
            self._shape = _Shape(game)
            self._limit = listing_limit(game, 1000)  # as solve lists them
        if self._mode in ("spe", "nash"):
            assert isinstance(game, ExtensiveFormGame)
            roots = ([game.root.index] if self._mode == "nash" else self._block_roots(game))
            try:
                self._blocks = {root: _Block(game, root, self._mode == "nash")
                                for root in roots}
            except _Fallback:
                self._mode = None

    def _choose_mode(self, concept: str) -> str | None:
        game = self.game
        if isinstance(game, NormalFormGame):
            return "table" if game.num_players == 2 and concept != "spe" else None
        if concept == "nash":
            return "nash" if game.num_players == 2 else None
        if game.properties.perfect_information:
            return "backward"
        return "spe" if game.num_players >= 2 else None

    @staticmethod
    def _block_roots(game: ExtensiveFormGame) -> list[int]:
        """The subgame roots the decomposition solves as blocks (imperfect information)."""
        is_root = [False] * len(game.nodes)
        for index in game.subgame_roots:
            is_root[index] = True
        return [root for root in game.subgame_roots
                if not all(game.nodes[c].kind == TERMINAL or is_root[c]
                           for c in game.nodes[root].children)]

    def solve(self, point: Sequence[Fraction]) -> list[PointSolution] | None:
        """Every equilibrium at ``point``, as ``solve`` lists them, each checked exactly;
        ``None`` where the general solver is needed."""
        if self._mode is None:
            return None
        try:
            numbers = self._numbers(point)
            if self._mode == "table":
                return self._solve_table(numbers)
            return self._solve_tree(numbers)
        except (_Fallback, ArithmeticError):  # solve meets the same and says what it is
            return None

    def _numbers(self, point: Sequence[Fraction]) -> list[tuple[Number, ...]]:
        """The game's numbers at ``point`` in kernel types; chance probabilities checked."""
        raw = self._fixed.copy()
        try:
            values = self._function(*point)
        except (ArithmeticError, TypeError, ValueError, NameError):  # undefined here
            raise _Fallback from None
        for k, value in zip(self._moving, values):
            if type(value) is int:
                raw[k] = value
            elif isinstance(value, Fraction):
                raw[k] = kernel_rational(value.numerator, value.denominator)
            else:  # a float or anything inexact: the general path decides
                raise _Fallback
        numbers = [tuple(raw[start:stop]) for start, stop in self._spans]
        if isinstance(self.game, ExtensiveFormGame):
            for k in self._chance:
                found = numbers[k]
                if sum(found) != 1 or any(p < 0 for p in found):
                    raise _Fallback
        return numbers

    def _label(self, probabilities: tuple[tuple[Any, ...], ...], profile: Any) -> str:
        key = supports(probabilities)
        if key not in self._labels:
            self._labels[key] = profile_label(self.game, profile)
        return self._labels[key]

    def _solve_table(self, numbers: list[tuple[Number, ...]]) -> list[PointSolution]:
        game = self.game
        assert isinstance(game, NormalFormGame)
        m, n = game.shape
        arrays = [np.array(values, dtype=object).reshape(m, n) for values in numbers]
        scaled = [_integers(values) for values in numbers]
        found = []
        for x, y in _extreme_pairs([row[k * n:(k + 1) * n] for k in range(m)] for row in scaled):
            profile = MixedProfile.trusted((x, y))
            check = _checked(verify(game, profile, numbers=arrays))
            found.append(PointSolution(profile.probabilities, check.payoffs,
                                       self._label(profile.probabilities, profile)))
        return found

    def _solve_tree(self, numbers: list[tuple[Number, ...]]) -> list[PointSolution]:
        game = self.game
        assert isinstance(game, ExtensiveFormGame)
        limit = self._limit
        listed: list[tuple[tuple[Any, ...], ...]] = []
        if self._mode == "backward":
            infoset_of = game.infoset_of_node
            widths = [len(i.actions) for i in game.infosets]
            for choices in _solve(self._shape.tree(numbers), limit).choices:
                chosen: list[tuple[Any, ...]] = [()] * len(widths)
                for node, action in enumerate(choices):
                    if action >= 0:
                        k = infoset_of[node]
                        assert k is not None
                        chosen[k] = _pure(widths[k], action)
                listed.append(tuple(chosen))
        elif self._mode == "spe":
            solver = _Prepared(game, self._shape.tree(numbers), self._blocks, numbers)
            solver.solve()
            listed = [tuple(d) for d in solver.enumerate(limit)]
        else:
            block = self._blocks[game.root.index]
            listed = [distributions for distributions, _ in block.equilibria(numbers, {})]
        found = []
        for distributions in listed:
            profile = BehaviourProfile.trusted(distributions)
            if self._mode == "nash":
                check = verify(game, profile, numbers=numbers)
            else:
                check = verify_subgame_perfect(game, profile, numbers=numbers)
            found.append(PointSolution(distributions, _checked(check).payoffs,
                                       self._label(distributions, profile)))
        return found


def _checked(check: Verification) -> Verification:
    if not check.is_equilibrium:
        raise VerificationFailure(
            f"a prepared solver returned a profile with regrets {[str(r) for r in check.regrets]}"
            ": this is a bug in commit-calc, please report it")
    return check


class _Shape:
    """The structure of the kernels' flat tree (``backward_induction._flat_tree``)."""

    def __init__(self, game: ExtensiveFormGame) -> None:
        player_number = {player: k for k, player in enumerate(game.players)}
        self.num_players = game.num_players
        self.kinds = [1 if n.kind == DECISION else 2 if n.kind == CHANCE else 0
                      for n in game.nodes]
        self.children = [n.children for n in game.nodes]
        self.movers = [player_number[n.player] if n.kind == DECISION else -1  # type: ignore[index]
                       for n in game.nodes]

    def tree(self, numbers: list[tuple[Number, ...]]) -> FlatTree:
        """The flat tree with ``numbers``."""
        kinds = self.kinds
        return FlatTree(self.num_players, kinds, self.children, self.movers,
                        [found if kind == 2 else () for kind, found in zip(kinds, numbers)],
                        [found if kind == 0 else () for kind, found in zip(kinds, numbers)])


def _integers(values: Sequence[Number]) -> list[int]:
    """One player's payoffs times the lcm of their denominators (as ``integer_payoffs``)."""
    scale = math.lcm(*(int(v.denominator) for v in values))
    return [int(v.numerator) * (scale // int(v.denominator)) for v in values]


def _extreme_pairs(matrices: Any) -> list[tuple[tuple[Number, ...], tuple[Number, ...]]]:
    """Extreme equilibria of a bimatrix game of integers in ``extreme_equilibria``'s order."""
    row, column = matrices
    pairs = [(_kernel(x), _kernel(y), x_labels, y_labels)
             for x, y, x_labels, y_labels in completely_labelled_pairs(row, column)]
    pairs.sort(key=lambda pair: (tuple(-p for p in pair[0]), tuple(-p for p in pair[1])))
    components = _components(pairs)  # type: ignore[arg-type]  # reads the labels only
    order = sorted(range(len(pairs)), key=lambda k: components[k])
    return [(pairs[k][0], pairs[k][1]) for k in order]


def _kernel(values: Sequence[Fraction]) -> tuple[Number, ...]:
    """``Fraction`` values as kernel numbers (``int`` or ``mpq``: faster arithmetic)."""
    return tuple(kernel_rational(v.numerator, v.denominator) for v in values)


class _Block:
    """A block of the subgame decomposition (or the whole tree for Nash equilibria) with its
    reduced normal form listed once: strategies and the terminal nodes each profile reaches."""

    def __init__(self, game: ExtensiveFormGame, root: int, whole: bool) -> None:
        is_root = [False] * len(game.nodes)
        for index in game.subgame_roots:
            is_root[index] = True
        nodes, leaves, stack = [], [], [root]
        while stack:
            index = stack.pop()
            nodes.append(index)
            if index != root and not whole and (game.nodes[index].kind == TERMINAL
                                                  or is_root[index]):
                if game.nodes[index].kind != TERMINAL:
                    leaves.append(index)
                continue
            stack.extend(reversed(game.nodes[index].children))
        nodes.sort()
        leaves.sort()
        movers = {game.nodes[k].player for k in nodes if game.nodes[k].kind == DECISION}
        players = [p for p in game.players if p in movers]
        players += [p for p in game.players if p not in movers][: max(0, 2 - len(players))]
        if whole:  # the reduced normal form of the whole tree keeps the players' order
            players = list(game.players)
        if len(players) != 2:
            raise _Fallback
        self.nodes, self.leaves = nodes, leaves
        self.keep = [game.players.index(p) for p in players]
        self.num_players = game.num_players
        zero = (0,) * game.num_players
        self.template = _folded_game(game, nodes, dict.fromkeys(leaves, zero), players)
        template = self.template
        self.infoset_indices = [game.infoset_index(i.label) for i in template.infosets]
        self.widths = [len(i.actions) for i in template.infosets]
        if math.prod(_plan_count(template, player) for player in players) > MAX_PROFILES:
            raise _Fallback  # solve refuses such a reduced normal form, with a message
        plans = [_player_plans(template, player) for player in players]
        self.shape = tuple(len(p) for p in plans)
        self.plan_moves = [[[(template.infoset_index(label), template.infoset(label).actions
                              .index(action)) for label, action in plan.items()]
                            for plan in own] for own in plans]
        paths = [self._paths(profile) for profile in itertools.product(*plans)]
        #: the distinct chance moves on the way to a terminal node: their product, the
        #: probability of the way, is computed once per point
        self.ways = list(dict.fromkeys(moves for found in paths for _, moves in found))
        way = {moves: k for k, moves in enumerate(self.ways)}
        #: per pure profile (row-major), the terminal nodes reached and the way to each
        self.paths = [[(terminal, way[moves]) for terminal, moves in found] for found in paths]


    def _paths(self, profile: Sequence[Any]) -> list[tuple[int, tuple[tuple[int, int], ...]]]:
        """The terminal nodes a pure profile reaches, each with the chance moves on its way."""
        template = self.template
        owner = {player: k for k, player in enumerate(template.players)}
        found = []
        stack: list[tuple[int, tuple[tuple[int, int], ...]]] = [(0, ())]
        while stack:
            index, moves = stack.pop()
            node = template.nodes[index]
            if node.kind == DECISION:
                action = profile[owner[node.player]][node.infoset]  # type: ignore[index]
                stack.append((node.children[node.actions.index(action)], moves))
            elif node.kind == CHANCE:
                stack.extend((child, moves + ((index, k),))
                             for k, child in enumerate(node.children))
            else:
                found.append((index, moves))
        return found

    def equilibria(self, numbers: Sequence[tuple[Number, ...]],
                   leaf_payoffs: dict[int, Vector]) -> list[_Found]:
        """The block's equilibria as ``extensive_nash_equilibria`` of its folded game lists
        them, with each one's expected payoffs for every player of the whole game."""
        full: list[Sequence[Number]] = [
            leaf_payoffs[k] if k in leaf_payoffs else numbers[k] for k in self.nodes]
        weights = []
        for moves in self.ways:
            weight: Number = 1
            for node, k in moves:
                weight *= full[node][k]
            weights.append(weight)
        players = range(self.num_players)
        tables: list[list[Number]] = [[] for _ in players]  # every player's, row-major
        for paths in self.paths:
            for player in players:
                total: Number = 0
                for terminal, way in paths:
                    total += weights[way] * full[terminal][player]
                tables[player].append(total)
        m, n = self.shape
        scaled = [_integers(tables[player]) for player in self.keep]
        found: list[_Found] = []
        seen = set()
        for mixed in _extreme_pairs([row[k * n:(k + 1) * n] for k in range(m)]
                                    for row in scaled):
            distributions = self._behaviour(mixed, full)
            if distributions in seen:
                continue
            seen.add(distributions)
            found.append((distributions, _expected(mixed, tables, n)))
        return found

    def _behaviour(self, mixed: Sequence[Sequence[Number]],
                   full: list[Sequence[Number]]) -> tuple[tuple[Any, ...], ...]:
        """Kuhn's map, as :func:`~commit_calc.solvers.reduction.behaviour_profile`."""
        weights: dict[int, list[Any]] = {}
        reached: dict[int, Any] = {}
        for moves_of, mix in zip(self.plan_moves, mixed):
            for moves, weight in zip(moves_of, mix):
                if weight == 0:
                    continue
                for infoset, action in moves:
                    row = weights.setdefault(infoset, [0] * self.widths[infoset])
                    row[action] += weight
                    reached[infoset] = reached.get(infoset, 0) + weight
        distributions: list[tuple[Any, ...] | None] = [
            _quotients(weights[k], reached[k]) if reached.get(k, 0) != 0
            else None for k in range(len(self.widths))]
        if None in distributions:
            self._complete(distributions, full)
        return tuple(distributions)  # type: ignore[arg-type]

    def _complete(self, distributions: list[tuple[Any, ...] | None],
                  full: list[Sequence[Number]]) -> None:
        """Unreached information sets get pure best responses, last first (as
        ``reduction._complete_with_best_responses``)."""
        template = self.template
        payoffs = [[Fraction(full[k][p]) for p in self.keep] if node.kind == TERMINAL else []
                   for k, node in enumerate(template.nodes)]
        chance = [[Fraction(p) for p in full[k]] if node.kind == CHANCE else []
                  for k, node in enumerate(template.nodes)]
        infoset_of = template.infoset_of_node
        missing = [k for k, d in enumerate(distributions) if d is None]
        for k in missing:
            distributions[k] = tuple(Fraction(1, self.widths[k]) for _ in range(self.widths[k]))
        for k in reversed(missing):
            infoset = template.infosets[k]
            player = template.players.index(infoset.player)
            moves = [[Fraction(p) for p in distributions[infoset_of[node.index]]]  # type: ignore[index,union-attr]
                     if node.kind == DECISION else chance[node.index] for node in template.nodes]
            reach = [_others_reach(template, moves, member, player) for member in infoset.members]
            if not any(reach):
                reach = [Fraction(1)] * len(reach)
            totals = [
                sum((r * _value(template, moves, payoffs, template.nodes[m].children[a], player)
                     for r, m in zip(reach, infoset.members) if r != 0), Fraction(0))
                for a in range(self.widths[k])]
            best = totals.index(max(totals))
            distributions[k] = tuple(1 if a == best else 0 for a in range(self.widths[k]))

def _expected(mixed: Sequence[Sequence[Number]], tables: list[list[Number]], n: int) -> Vector:
    """Every player's expected payoff at a mixed profile of the block's reduced normal form
    (``tables``: each player's payoffs, row-major, ``n`` columns). The behaviour profile of
    Kuhn's map is realisation-equivalent to it, so this is the payoff of the behaviour profile
    in the tree (``subgame_perfect._expected``), exactly."""
    x, y = mixed
    terms = [(p * q, i * n + j) for i, p in enumerate(x) if p for j, q in enumerate(y) if q]
    found: list[Number] = []
    for table in tables:
        value = sum([w * table[k] for w, k in terms])
        found.append(int(value.numerator) if value.denominator == 1 else value)
    return tuple(found)


def _quotients(weights: Sequence[Any], total: Any) -> tuple[Number, ...]:
    """``weights`` divided by ``total``, whole quotients as ``int`` (kernel numbers)."""
    found: list[Number] = []
    for weight in weights:
        if type(weight) is int and type(total) is int:
            whole = Fraction(weight, total)
            found.append(kernel_rational(whole.numerator, whole.denominator))
        else:
            quotient = weight / total
            found.append(int(quotient) if quotient.denominator == 1 else quotient)
    return tuple(found)


class _Prepared(_Decomposition):
    """The subgame decomposition with its blocks solved from prepared structures."""

    def __init__(self, game: ExtensiveFormGame, tree: FlatTree, blocks: dict[int, _Block],
                 numbers: list[tuple[Number, ...]]) -> None:
        super().__init__(game, tree)
        self.prepared = blocks
        self.numbers = numbers

    def _solve_block(self, root: int) -> ValueMap:
        block = self.prepared[root]
        leaf_maps = [self._map(leaf) for leaf in block.leaves]
        if math.prod(len(m) for m in leaf_maps) > MAX_COMBINATIONS:
            raise _Fallback
        values: ValueMap = {}
        found: list[_BlockEquilibrium] = []
        for combination in itertools.product(*(m.items() for m in leaf_maps)):
            leaf_payoffs = tuple(vector for vector, _ in combination)
            weight = math.prod(count for _, count in combination)
            for distributions, payoffs in block.equilibria(
                    self.numbers, dict(zip(block.leaves, leaf_payoffs))):
                values[payoffs] = values.get(payoffs, 0) + weight
                found.append(_BlockEquilibrium(payoffs, leaf_payoffs, tuple(
                    zip(block.infoset_indices, distributions))))
        self.blocks[root] = (block.nodes, block.leaves, found)
        return values


__all__ = ["PointSolution", "PreparedGame", "supports"]
