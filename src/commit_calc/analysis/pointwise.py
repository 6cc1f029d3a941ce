"""Prepared games: one parametric game solved at many points without sympy at each point.

:func:`commit_calc.solvers.solve.solve` substitutes values into the game's sympy formulas,
builds the numeric game and its reduced normal forms in sympy, and converts every number
back to Python numbers for the kernels. A sweep that solves thousands of points of one game
repeats the work that depends only on the game's structure. :class:`PreparedGame` does that
work once: the payoffs and probabilities that move with the parameters are compiled to one
function that computes exactly in ``int`` and gmpy2's ``mpq``
(:func:`~commit_calc.analysis.exact_grid.exact_function`), and put together with the others
(converted once) by generated straight-line code that also checks chance probabilities; the
structure of each block of the subgame decomposition (its reduced strategies and the terminal
nodes each strategy profile reaches) is listed once and its tables compiled
(:mod:`.prepared_blocks`); the exact check is compiled once
(:class:`~commit_calc.solvers.tree_check.TreeCheck`). At a point: backward induction, the
subgame decomposition, closed-form equilibria of tables where a player has two strategies
(:mod:`~commit_calc.solvers._two_strategy_pairs`) or exact vertex enumeration, and pure
equilibria of blocks of more than two players run as in ``solve``, and every equilibrium
reported is checked exactly with the same numbers (the check does not use the solver's
reasoning). The equilibria, their order, payoffs and labels are those of ``solve``.

Games or points outside what is prepared (more than two players in a table, a block of more
than two players without a pure equilibrium, a point where a formula is undefined or a
probability leaves [0, 1]) get ``None`` from :meth:`PreparedGame.solve`: the caller solves
them with ``solve``, which says what is wrong.

>>> from fractions import Fraction
>>> from commit_calc.io import load_game
>>> game = load_game("bagwell-commitment")
>>> prepared = PreparedGame(game, ["noise"])
>>> [(e.label, tuple(map(str, e.payoffs))) for e in prepared.solve([Fraction(1, 2)])][-1]
('C > saw S: C | saw C: C', ('4', '4'))
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np
import sympy

from commit_calc.analysis.exact_grid import exact_function
from commit_calc.analysis.labels import profile_label
from commit_calc.analysis.prepared_blocks import (
    Block,
    Fallback,
    PreparedDecomposition,
    extreme_pairs,
)
from commit_calc.model.extensive_form import CHANCE, DECISION, TERMINAL, ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.profiles import BehaviourProfile, MixedProfile
from commit_calc.model.values import kernel_fraction, kernel_rational
from commit_calc.solvers._compiled import straight_line
from commit_calc.solvers._two_strategy_pairs import unit_vector
from commit_calc.solvers.backward_kernel import FlatTree, Number, solve_flat
from commit_calc.solvers.listing import listing_limit
from commit_calc.solvers.results import VerificationFailure
from commit_calc.solvers.tree_check import TreeCheck
from commit_calc.solvers.verify import (
    Verification,
    kernel_number,
    rationals,
    verify,
    verify_subgame_perfect,
)

Game = ExtensiveFormGame | NormalFormGame

#: Perfect-information trees up to this many nodes get the compiled check.
MAX_COMPILED_PERFECT = 60


class PointSolution(NamedTuple):  # a named tuple: made thousands of times a second
    """One equilibrium at a point: its distributions (per information set, or per player of
    a table), exact payoffs (those ``solve`` reports, as ``int`` or ``mpq``), outcome label
    and :func:`supports`."""

    probabilities: tuple[tuple[Any, ...], ...]
    payoffs: tuple[Number, ...]
    label: str
    #: the actions (or strategies) played with positive probability, per distribution
    choices: tuple[tuple[int, ...], ...]


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
        fixed: list[Number] = []
        self._moving: list[int] = []
        for k, formula in enumerate(formulas):
            if formula.free_symbols:
                self._moving.append(k)
                fixed.append(0)
            elif formula.is_Rational:
                fixed.append(kernel_rational(int(formula.p), int(formula.q)))
            else:  # not an exact number: solve says so
                self._mode = None
                fixed.append(0)
        #: per node (or player of a table), its numbers that do not move
        self._fixed = [tuple(fixed[start:stop]) for start, stop in self._spans]
        try:
            self._function: Callable[..., Any] = exact_function(
                [formulas[k] for k in self._moving], symbols, kernel_fraction)
        except Exception:  # noqa: BLE001 - a formula Python cannot compute exactly: solve does
            self._mode = None
        #: + - * / and whole powers of exact numbers are exact: no check of each value
        self._exact = all(formulas[k].is_rational_function(*symbols) for k in self._moving)
        try:
            self._assemble = straight_line(["values", "fixed"], self._assembly(game))
        except ValueError:  # too many numbers to compile: solve takes every point
            self._mode = None
        if isinstance(game, ExtensiveFormGame):
            self._shape = _Shape(game)
            self._limit = listing_limit(game, 1000)  # as solve lists them
            #: the exact check, compiled for blocks of imperfect information
            self._check: TreeCheck | None = None
            self._one_block = game.subgame_roots == (game.root.index,)
        if self._mode in ("spe", "nash"):
            assert isinstance(game, ExtensiveFormGame)
            roots = ([game.root.index] if self._mode == "nash" else self._block_roots(game))
            try:
                self._blocks = {root: Block(game, root, self._mode == "nash")
                                for root in roots}
            except Fallback:
                self._mode = None
        # with perfect information every node starts a subgame and the compiled check grows
        # with the square of the tree: larger trees keep verify's one pass
        if isinstance(game, ExtensiveFormGame) and (self._mode in ("spe", "nash") or (
                self._mode == "backward" and len(game.nodes) <= MAX_COMPILED_PERFECT)):
            try:
                self._check = TreeCheck(game, subgame_perfect=self._mode != "nash")
            except ValueError:  # too large to compile: checked by verify itself
                self._check = None

    def _choose_mode(self, concept: str) -> str | None:
        game = self.game
        if isinstance(game, NormalFormGame):
            return "table" if game.num_players == 2 and concept != "spe" else None
        if concept == "nash":
            return "nash" if game.num_players >= 2 else None
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

    @property
    def prepared(self) -> bool:
        """Whether points are solved here at all (``False``: every point needs ``solve``; a
        block of three or more players, say)."""
        return self._mode is not None

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
        except (Fallback, ArithmeticError):  # solve meets the same and says what it is
            return None

    def _assembly(self, game: Game) -> list[str]:
        """Straight-line source of the game's numbers (per node, or per player of a table)
        from ``values`` (the moving numbers) and ``fixed`` (the others, per span); ``None``
        where a chance node's moving probabilities leave [0, 1] or do not sum to 1."""
        where = {k: position for position, k in enumerate(self._moving)}
        spans = [[f"values[{where[k]}]" if k in where else f"fixed[{s}][{k - start}]"
                  for k in range(start, stop)] for s, (start, stop) in enumerate(self._spans)]
        lines = []
        if isinstance(game, ExtensiveFormGame):
            for node in game.nodes:
                found = spans[node.index]
                if node.kind == CHANCE and any(p.startswith("values") for p in found):
                    lines.append(f"if {' + '.join(found)} != 1 or "
                                 + " or ".join(f"{p} < 0" for p in found) + ": return None")
        listed = ", ".join(f"fixed[{s}]" if all(x.startswith("fixed") for x in found)
                           else "(" + ", ".join(found) + ",)" for s, found in enumerate(spans))
        return [*lines, f"return [{listed}]"]

    def _numbers(self, point: Sequence[Fraction]) -> list[tuple[Number, ...]]:
        """The game's numbers at ``point`` in kernel types; chance probabilities checked."""
        try:
            values = self._function(*(kernel_fraction(v.numerator, v.denominator)
                                      for v in point))
        except (ArithmeticError, TypeError, ValueError, NameError):  # undefined here
            raise Fallback from None
        if not self._exact and any(type(v) is not kernel_fraction and type(v) is not int
                                   for v in values):
            raise Fallback  # a float or anything inexact: the general path decides
        numbers: list[tuple[Number, ...]] | None = self._assemble(values, self._fixed)
        if numbers is None:
            raise Fallback  # a chance probability outside [0, 1]: solve says so
        return numbers

    def _solution(self, probabilities: tuple[tuple[Any, ...], ...],
                  payoffs: Sequence[Number]) -> PointSolution:
        """The solution with its label, computed once per support."""
        key = supports(probabilities)
        if key not in self._labels:
            profile = (MixedProfile if isinstance(self.game, NormalFormGame)
                       else BehaviourProfile).trusted(probabilities)
            self._labels[key] = profile_label(self.game, profile)
        return PointSolution(probabilities, tuple(payoffs), self._labels[key], key)

    def _solve_table(self, numbers: list[tuple[Number, ...]]) -> list[PointSolution]:
        game = self.game
        assert isinstance(game, NormalFormGame)
        m, n = game.shape
        arrays = [np.array(values, dtype=object).reshape(m, n) for values in numbers]
        found = []
        for x, y in extreme_pairs([[values[k * n:(k + 1) * n] for k in range(m)]
                                   for values in numbers]):
            profile = MixedProfile.trusted((x, y))
            payoffs = _checked(verify(game, profile, numbers=arrays)).payoffs
            found.append(self._solution(profile.probabilities, tuple(
                kernel_rational(int(v.p), int(v.q)) for v in payoffs)))
        return found

    def _solve_tree(self, numbers: list[tuple[Number, ...]]) -> list[PointSolution]:
        game = self.game
        assert isinstance(game, ExtensiveFormGame)
        limit = self._limit
        listed: list[tuple[tuple[Any, ...], ...]] = []
        if self._mode == "backward":
            infoset_of = game.infoset_of_node
            widths = [len(i.actions) for i in game.infosets]
            for choices in solve_flat(self._shape.tree(numbers), limit).choices:
                chosen: list[tuple[Any, ...]] = [()] * len(widths)
                for node, action in enumerate(choices):
                    if action >= 0:
                        k = infoset_of[node]
                        assert k is not None
                        chosen[k] = unit_vector(widths[k], action)
                listed.append(tuple(chosen))
        elif self._mode == "spe" and self._one_block:
            # one block, the whole tree: its equilibria grouped by payoffs, as the
            # decomposition lists them (the payoffs are those of the check)
            block = self._blocks[game.root.index]
            checked = [(d, self._verified(d, numbers))
                       for d, _ in block.equilibria(numbers, {}, payoffs=False)]
            if not checked:  # more than two players and no pure equilibrium: solve says so
                raise Fallback
            grouped = dict.fromkeys(payoffs for _, payoffs in checked)
            if len(grouped) < len(checked):  # equal payoffs listed together
                checked = [(d, p) for payoffs in grouped for d, p in checked if p == payoffs]
            return [self._solution(d, p) for d, p in checked[:limit]]
        elif self._mode == "spe":
            solver = PreparedDecomposition(game, self._shape.tree(numbers), self._blocks,
                                           numbers)
            solver.solve()
            # pure choices come as sympy numbers: as exact Python numbers for the check
            listed = [tuple(tuple(kernel_number(p) for p in distribution) for distribution in d)
                      for d in solver.enumerate(limit)]
        else:
            block = self._blocks[game.root.index]
            listed = [distributions for distributions, _ in block.equilibria(numbers, {})]
        return [self._solution(d, self._verified(d, numbers))
                for d in listed]

    def _verified(self, distributions: tuple[tuple[Any, ...], ...],
                  numbers: list[tuple[Number, ...]]) -> Sequence[Number]:
        """The payoffs of a profile of the tree, checked exactly (an error if it is not an
        equilibrium: a bug)."""
        if self._check is not None:  # the distributions fit: the prepared blocks made them
            payoffs, regrets = self._check.regrets(distributions, numbers)
            if any(regrets):
                _checked(Verification(rationals(payoffs), rationals(regrets)))
            return payoffs
        game = self.game
        assert isinstance(game, ExtensiveFormGame)
        profile = BehaviourProfile.trusted(distributions)
        if self._mode == "nash":
            check = _checked(verify(game, profile, numbers=numbers))
        else:  # one pass checks every subgame of a perfect-information tree
            check = _checked(verify_subgame_perfect(game, profile, numbers=numbers))
        return tuple(kernel_rational(int(v.p), int(v.q)) for v in check.payoffs)


def _checked(check: Verification) -> Verification:
    if not check.is_equilibrium:
        raise VerificationFailure(
            f"a prepared solver returned a profile with regrets {[str(r) for r in check.regrets]}"
            ": this is a bug in commit-calc, please report it")
    return check


class _Shape:
    """The structure of the kernels' flat tree (``backward_kernel.flat_tree``)."""

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


__all__ = ["PointSolution", "PreparedGame", "supports"]
