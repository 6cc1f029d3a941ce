"""Where a pure perfect Bayesian equilibrium of a signalling game survives the Intuitive
Criterion and D1: exact conditions on the parameters.

The tests of :mod:`~commit_calc.beliefs.signalling` decide everything by signs: whether a
type's equilibrium payoff beats a reply's, and whether a set of beliefs is non-empty (a
candidate vertex, by Cramer's rule, has a non-zero determinant, coordinates of its sign and
meets every condition). Here the same tests run on formulas; each sign they ask for that the
case so far leaves open splits the case in three (``> 0``, ``= 0``, ``< 0``, each kept only
if :func:`commit_calc.analysis.feasibility.satisfiable` does not rule it out), and the test is
run again in each piece. The pieces form a decision tree whose leaves carry the verdict;
siblings with one verdict are merged (``>= 0``, or the key dropped), and the conditions on
the path to each surviving leaf, with those of the region where the equilibrium exists, are
the region where it survives.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import sympy

from commit_calc.analysis.atoms import canonical
from commit_calc.analysis.feasibility import NONNEGATIVE, satisfiable
from commit_calc.beliefs.polytope import EQ, GE
from commit_calc.beliefs.signalling import SignallingGame, signalling_structure
from commit_calc.model.extensive_form import ExtensiveFormGame

Condition = tuple[sympy.Expr, int]
Term = tuple[Condition, ...]
SymbolicRow = tuple[tuple[sympy.Expr, ...], str]

#: The tests are run at most this many times per equilibrium, refinement and piece of the
#: region where the equilibrium exists.
MAX_RUNS = 1000
#: ... and at most this many times per game, all equilibria together.
MAX_TOTAL_RUNS = 20_000
#: The names of the refinements, as in the JSON of ``solve``.
REFINEMENTS = ("intuitive_criterion", "d1")


class _Open(Exception):
    """A sign the case does not decide yet."""

    def __init__(self, key: sympy.Expr) -> None:
        super().__init__(str(key))
        self.key = key


class Budget(Exception):
    """More runs of a test than :data:`MAX_RUNS` or :data:`MAX_TOTAL_RUNS`."""


class Runs:
    """The runs left in one game (:data:`MAX_TOTAL_RUNS`)."""

    def __init__(self, limit: int = MAX_TOTAL_RUNS) -> None:
        self.left = limit


@functools.lru_cache(maxsize=65536)
def _canonical(expression: sympy.Expr) -> tuple[sympy.Expr, int] | int:
    return canonical(expression)


class _Signs:
    """Signs of formulas within a case: ``assumed`` signs of keys (see
    :mod:`commit_calc.analysis.atoms`); a key the case leaves open raises :class:`_Open`."""

    def __init__(self, assumed: Mapping[sympy.Expr, int]) -> None:
        self.assumed = assumed

    def sign(self, expression: sympy.Expr) -> int:
        found = _canonical(sympy.expand(expression))
        if isinstance(found, int):
            return found
        key, factor = found
        if key not in self.assumed:
            raise _Open(key)
        return factor * self.assumed[key]


@dataclass(frozen=True)
class SymbolicSignalling:
    """A signalling game's labels with formulas: ``payoff[t][m][r]`` is (sender, receiver)."""

    shape: SignallingGame
    payoff: tuple[tuple[tuple[tuple[sympy.Expr, sympy.Expr], ...], ...], ...]


def symbolic_structure(game: ExtensiveFormGame) -> SymbolicSignalling | None:
    """The signalling game that a symbolic ``game`` is (its shape read at the parameters'
    defaults), with its payoffs as formulas; None if it is not one."""
    numeric = game.at() if game.parameters else game
    shape = signalling_structure(numeric)
    if shape is None:
        return None
    nodes = game.nodes
    sender, receiver = game.player_index(shape.sender), game.player_index(shape.receiver)
    payoff = tuple(
        tuple(tuple((sympy.sympify(nodes[c].payoffs[sender]),
                     sympy.sympify(nodes[c].payoffs[receiver]))
                    for c in nodes[nodes[s].children[m]].children)
              for m in range(len(shape.messages)))
        for s in game.root.children)
    return SymbolicSignalling(shape, payoff)


def _feasible(signs: _Signs, size: int, rows: Sequence[SymbolicRow]) -> bool:
    """Whether some point of the simplex meets every row (as
    :func:`commit_calc.beliefs.polytope.feasible`, with signs asked of ``signs``)."""
    inequalities = [c for c, _ in rows] + [tuple(-x for x in c) for c, r in rows if r == EQ]
    for support_size in range(1, min(size, len(inequalities) + 1) + 1):
        for support in itertools.combinations(range(size), support_size):
            for binding in itertools.combinations(range(len(inequalities)), support_size - 1):
                determinant, numerators = _cramer(
                    tuple(tuple(inequalities[b][k] for k in support) for b in binding))
                sign = signs.sign(determinant)
                if sign == 0 or any(signs.sign(n) != sign for n in numerators):
                    continue
                point = [sympy.S.Zero] * size
                for k, n in zip(support, numerators):
                    point[k] = n
                if all(_meets(signs, sign, point, row) for row in rows):
                    return True
    return False


def _meets(signs: _Signs, sign: int, point: Sequence[sympy.Expr], row: SymbolicRow) -> bool:
    """Whether ``point / determinant`` (the determinant of sign ``sign``) meets ``row``."""
    coefficients, relation = row
    value = sign * signs.sign(sum((c * x for c, x in zip(coefficients, point)), sympy.S.Zero))
    return value == 0 if relation == EQ else value >= 0


@functools.lru_cache(maxsize=16384)
def _cramer(binding: tuple[tuple[sympy.Expr, ...], ...]
            ) -> tuple[sympy.Expr, tuple[sympy.Expr, ...]]:
    """The determinant of ``[ones; binding]`` and the numerators of the point where the
    coordinates sum to 1 and every binding row is 0 (coordinates = numerators / det)."""
    count = len(binding) + 1
    matrix = sympy.Matrix([[1] * count] + [list(row) for row in binding])
    adjugate = matrix.adjugate()
    return (sympy.expand(matrix.det()),
            tuple(sympy.expand(adjugate[i, 0]) for i in range(count)))


class _Tests:
    """The Intuitive Criterion and D1 of one pure profile on formulas (the same steps as
    :func:`commit_calc.beliefs.signalling.intuitive_criterion` and
    :func:`~commit_calc.beliefs.signalling.d1`)."""

    def __init__(self, game: SymbolicSignalling, chosen: Sequence[int], answer: Sequence[int]
                 ) -> None:
        self.game = game
        self.types = range(len(game.shape.types))
        self.responses = range(len(game.shape.responses))
        self.answer = answer
        self.unsent = [m for m in range(len(game.shape.messages)) if m not in chosen]
        self.value = [game.payoff[t][chosen[t]][answer[chosen[t]]][0] for t in self.types]

    def _u(self, t: int, m: int, r: int) -> sympy.Expr:
        return self.game.payoff[t][m][r][0]

    def _rows(self, m: int, support: Sequence[int], types: Sequence[int]) -> list[SymbolicRow]:
        payoff = self.game.payoff
        return [(tuple(sympy.expand(payoff[t][m][r][1] - payoff[t][m][q][1]) for t in types),
                 EQ if q in support else GE)
                for r in support for q in self.responses
                if q != r and not (q in support and q < r)]

    def _best(self, signs: _Signs, m: int, types: Sequence[int]) -> list[int]:
        return [r for r in self.responses
                if _feasible(signs, len(types), self._rows(m, (r,), types))]

    def intuitive_criterion(self, signs: _Signs) -> bool:
        every = list(self.types)
        for m in self.unsent:
            best = self._best(signs, m, every)
            dominated = [t for t in every if all(
                signs.sign(self.value[t] - self._u(t, m, r)) > 0 for r in best)]
            rest = [t for t in every if t not in dominated]
            if not dominated or not rest:
                continue
            replies = self._best(signs, m, rest)
            if any(all(signs.sign(self._u(t, m, r) - self.value[t]) > 0 for r in replies)
                   for t in rest):
                return False
        return True

    def d1(self, signs: _Signs) -> bool:
        every = list(self.types)
        for m in self.unsent:
            faces = [face for size in range(1, len(self.responses) + 1)
                     for face in itertools.combinations(self.responses, size)
                     if _feasible(signs, len(every), self._face_rows(m, face))]
            ruled_out = [t for t in every if any(
                other != t and self._welcomes_more(signs, m, faces, t, other)
                for other in every)]
            rest = [t for t in every if t not in ruled_out]
            if ruled_out and rest and not _feasible(
                    signs, len(rest), self._rows(m, (self.answer[m],), rest)):
                return False
        return True

    def _face_rows(self, m: int, face: Sequence[int]) -> list[SymbolicRow]:
        """Every response in ``face`` is as good as every other response."""
        payoff = self.game.payoff
        return [(tuple(sympy.expand(payoff[t][m][r][1] - payoff[t][m][q][1])
                       for t in self.types), GE)
                for r in face for q in self.responses if q != r]

    def _welcomes_more(self, signs: _Signs, m: int, faces: Sequence[tuple[int, ...]], t: int,
                       other: int) -> bool:
        """As :func:`commit_calc.beliefs.signalling._welcomes_more`: the corners of the
        mixtures on a face that ``t`` weakly welcomes are its pure responses it welcomes and
        the points between one it gains from and one it loses from where it is indifferent."""
        for face in faces:
            d = {r: sympy.expand(self._u(t, m, r) - self.value[t]) for r in face}
            g = {r: sympy.expand(self._u(other, m, r) - self.value[other]) for r in face}
            for r in face:
                if signs.sign(d[r]) >= 0 and signs.sign(g[r]) <= 0:
                    return False
            for r, q in itertools.permutations(face, 2):
                if signs.sign(d[r]) > 0 > signs.sign(d[q]) and signs.sign(
                        d[r] * g[q] - d[q] * g[r]) <= 0:
                    return False
        return True


@dataclass(frozen=True)
class _Leaf:
    verdict: bool


@dataclass(frozen=True)
class _Node:
    key: sympy.Expr
    children: tuple[tuple[int, _Leaf | _Node], ...]


def surviving_terms(game: SymbolicSignalling, chosen: Sequence[int], answer: Sequence[int],
                    term: Term, base: Sequence[Condition], bounds: Mapping[sympy.Symbol, object],
                    total: Runs | None = None) -> dict[str, tuple[list[Term], bool]]:
    """For each refinement, the conjunctions (each including ``term``) within ``term`` where
    the pure profile (``chosen[t]`` the message of type ``t``, ``answer[m]`` the reply to
    ``m``) survives it, and whether every piece was proved non-empty.

    Raises :class:`Budget` past :data:`MAX_RUNS` runs of a test, or when ``total`` runs out.
    """
    tests = _Tests(game, chosen, answer)
    total = total if total is not None else Runs()
    found = {}
    for name, test in (("intuitive_criterion", tests.intuitive_criterion), ("d1", tests.d1)):
        runs = [0]
        resolved = [True]
        tree = _explore(test, {}, list(term) + list(base), bounds, runs, resolved, total)
        found[name] = ([tuple(term) + tuple(path) for path in _paths(tree)], resolved[0])
    return found


def _explore(test: Callable[[_Signs], bool], assumed: dict[sympy.Expr, int],
             case: list[Condition], bounds: Mapping[sympy.Symbol, object], runs: list[int],
             resolved: list[bool], total: Runs) -> _Leaf | _Node:
    runs[0] += 1
    total.left -= 1
    if runs[0] > MAX_RUNS or total.left < 0:
        raise Budget
    try:
        return _Leaf(test(_Signs(assumed)))
    except _Open as open_sign:
        key = open_sign.key
    children = []
    for sign in (1, 0, -1):
        answer = satisfiable(case + [(key, sign)], bounds)  # type: ignore[arg-type]
        if answer is False:
            continue
        resolved[0] &= answer is True
        children.append((sign, _explore(test, {**assumed, key: sign}, case + [(key, sign)],
                                        bounds, runs, resolved, total)))
    if all(isinstance(c, _Leaf) and c == children[0][1] for _, c in children):
        return children[0][1] if children else _Leaf(False)
    return _Node(key, tuple(children))


def _paths(tree: _Leaf | _Node) -> list[list[Condition]]:
    """The conditions on the path to each leaf where the profile survives; children with
    equal subtrees are joined (``>= 0``; all three signs: no condition)."""
    if isinstance(tree, _Leaf):
        return [[]] if tree.verdict else []
    groups: dict[_Leaf | _Node, list[int]] = {}
    for sign, child in tree.children:
        groups.setdefault(child, []).append(sign)
    found = []
    for child, signs in groups.items():
        below = _paths(child)
        if not below:
            continue
        for condition in _conditions(tree.key, frozenset(signs)):
            found += [condition + path for path in below]
    return found


def _conditions(key: sympy.Expr, signs: frozenset[int]) -> list[list[Condition]]:
    """Alternatives (each a conjunction) saying that ``key`` has one of ``signs``."""
    if signs == {1, 0, -1}:
        return [[]]
    if signs == {1, 0}:
        return [[(key, NONNEGATIVE)]]
    if signs == {-1, 0}:
        return [[(-key, NONNEGATIVE)]]
    return [[(key, s)] for s in sorted(signs, reverse=True)]


def refined_regions(game: ExtensiveFormGame, choice: Sequence[int], terms: Sequence[Term],
                    base: list[Condition], bounds: Mapping[sympy.Symbol, object],
                    notes: list[str], simplify: Callable[[Term], Term], total: Runs
                    ) -> tuple[dict[str, tuple[Term, ...]] | None, bool]:
    """Where the pure profile ``choice`` (an action per information set) of a symbolic
    ``game`` exists (``terms``) and survives each refinement, each conjunction simplified
    by ``simplify``, and whether every piece was proved non-empty; None if ``game`` is not a
    signalling game, or (with a note) if the conditions split into too many cases."""
    structure = symbolic_structure(game)
    if structure is None:
        return None, True
    shape = structure.shape
    chosen = [choice[k] for k in shape.sender_sets]
    answer = [choice[k] for k in shape.receiver_sets]
    found: dict[str, list[Term]] = {name: [] for name in REFINEMENTS}
    resolved = True
    try:
        for term in terms:
            for name, (pieces, proved) in surviving_terms(
                    structure, chosen, answer, term, base, bounds, total).items():
                found[name] += pieces
                resolved &= proved
    except Budget:
        note = (f"refinements are not analysed by region for every equilibrium: their "
                f"conditions split into more than {MAX_RUNS:,} cases for one equilibrium or "
                f"{MAX_TOTAL_RUNS:,} for the game (solve at a point to test them)")
        if note not in notes:
            notes.append(note)
        return None, True
    tidied = {}
    for name, pieces in found.items():
        kept = list(dict.fromkeys(simplify(t) for t in pieces))
        tidied[name] = tuple(t for t in kept if not any(set(o) < set(t) for o in kept))
    return tidied, resolved
