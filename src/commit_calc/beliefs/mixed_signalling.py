"""Every perfect Bayesian equilibrium of a sender-receiver signalling game, mixed included.

Write ``x[t][m]`` for the probability that type ``t`` sends message ``m`` and ``y[m][r]`` for
the probability of response ``r`` to ``m``. Fix the supports: ``S[t]`` (the messages each type
may send) and ``R[m]`` (the responses to each message). Then

- the sender's conditions (every message in ``S[t]`` is a best message for ``t``) are linear
  in ``y`` alone;
- the receiver's conditions (every response in ``R[m]`` is a best response to the belief
  after ``m``) are linear in ``x`` alone: with ``w[t] = prior[t] * x[t][m]`` the belief is
  ``w / sum(w)``, and the conditions are homogeneous in ``w``; at a message nobody sends they
  ask that some belief makes ``R[m]`` optimal, which depends on neither.

So the equilibria with those supports form a product of two polytopes ``X(S, R) x Y(S, R)``
(closed: a limit of equilibria is one, the belief at a message that becomes unsent being a
limit of Bayes' rule), and every equilibrium is the convex combination of products of their
vertices. This module enumerates the support pairs that can carry an equilibrium (a response
set ``R[m]`` must be optimal against some belief on the types that send ``m``), computes the
vertices of both polytopes exactly (:mod:`~commit_calc.beliefs.polyhedron`), and joins the
polytopes that share an extreme equilibrium into components, as for two-player tables.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Sequence
from fractions import Fraction

from commit_calc.beliefs.polyhedron import product_vertices, tight_vertices
from commit_calc.beliefs.polytope import GE, Row, feasible
from commit_calc.beliefs.signalling import SignallingGame, response_rows

Sender = tuple[tuple[Fraction, ...], ...]  # x[t][m]
Receiver = tuple[tuple[Fraction, ...], ...]  # y[m][r]

#: Signalling games with more types, messages or responses than this are refused (the number
#: of support pairs grows as (2^messages)^types * (2^responses)^messages).
MAX_SIZE = 3


def _subsets(count: int) -> list[tuple[int, ...]]:
    return [s for size in range(1, count + 1) for s in itertools.combinations(range(count), size)]


class SignallingSupports:
    """The enumeration of one signalling game (see the module's notes)."""

    def __init__(self, structure: SignallingGame, prior: Sequence[Fraction]) -> None:
        self.game = structure
        self.prior = tuple(prior)
        self.types = len(structure.types)
        self.messages = len(structure.messages)
        self.responses = len(structure.responses)

    def pieces(self) -> Iterator[list[tuple[Sender, Receiver]]]:
        """For each choice of response sets ``R``, the extreme equilibria that use them."""
        every = range(self.types)
        options = [[s for s in _subsets(self.responses)
                    if feasible(self.types, response_rows(self.game, m, s, every))]
                   for m in range(self.messages)]
        for receiver in itertools.product(*options):
            xs = self._sender_vertices(receiver)
            if not xs:
                continue
            allowed = [set(r) for r in receiver]
            yield [(x, y) for x, support in xs for y, labels in self.best_messages
                   if support <= labels and all(p == 0 or r in allowed[m]
                                                for m, row in enumerate(y)
                                                for r, p in enumerate(row))]

    def _sender_vertices(self, receiver: tuple[tuple[int, ...], ...]
                         ) -> list[tuple[Sender, frozenset[tuple[int, int]]]]:
        """Vertices of ``X``: sender strategies after which the responses ``receiver[m]`` are
        optimal (Bayes' rule), each with its support ``{(type, message)}``."""
        size = self.types * self.messages
        rows: list[Row] = []
        for m, support in enumerate(receiver):
            for row, relation in response_rows(self.game, m, support, range(self.types)):
                coefficients = [Fraction(0)] * size
                for t, c in enumerate(row):
                    coefficients[t * self.messages + m] = self.prior[t] * c
                rows.append((tuple(coefficients), relation))
        found = []
        for point in product_vertices([self.messages] * self.types, rows):
            x = tuple(point[t * self.messages:(t + 1) * self.messages] for t in range(self.types))
            found.append((x, frozenset((t, m) for t in range(self.types)
                                       for m in range(self.messages) if x[t][m] != 0)))
        return found

    @functools.cached_property
    def best_messages(self) -> list[tuple[Receiver, frozenset[tuple[int, int]]]]:
        """Vertices of the best-message polytope ``{(y, v): v[t] >= payoff of type t from
        message m}`` (``v`` bounded by its largest payoff plus one), each with the pairs
        ``(type, message)`` where message m is a best one. Those with ``y`` on given supports
        are the vertices of the polytope on those supports (a face)."""
        payoff = self.game.payoff
        receiver = [range(self.responses)] * self.messages
        keys = [(m, r) for m in range(self.messages) for r in receiver[m]]
        index = {key: k for k, key in enumerate(keys)}
        size = len(keys) + 2 * self.types  # v[t] = low[t] * a + high[t] * b, (a, b) a simplex
        rows: list[Row] = []
        for t in range(self.types):
            values = [p[0] for row in payoff[t] for p in row]
            low, high = min(values), max(values) + 1
            for m in range(self.messages):
                coefficients = [Fraction(0)] * size
                for r in receiver[m]:
                    coefficients[index[m, r]] = -payoff[t][m][r][0]
                coefficients[len(keys) + 2 * t] = low
                coefficients[len(keys) + 2 * t + 1] = high
                rows.append((tuple(coefficients), GE))
        found = []
        blocks = [len(r) for r in receiver] + [2] * self.types
        for point, tight in tight_vertices(blocks, rows):
            y = tuple(tuple(point[index[m, r]] if (m, r) in index else Fraction(0)
                            for r in range(self.responses)) for m in range(self.messages))
            labels = frozenset(divmod(j, self.messages) for j in tight)
            found.append((y, labels))
        return found


def signalling_equilibria(structure: SignallingGame, prior: Sequence[Fraction]
                          ) -> list[tuple[Sender, Receiver, int]]:
    """Every extreme perfect Bayesian equilibrium ``(x, y, component)`` of the game, exactly;
    components numbered 1, 2, ... in order of first appearance. Within one choice of response
    sets, equilibria that share the sender's or the receiver's strategy are joined (the
    segment between them is made of equilibria); the same equilibrium found under several
    choices joins theirs."""
    search = SignallingSupports(structure, prior)
    parent: dict[object, object] = {}

    def root(key: object) -> object:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(a: object, b: object) -> None:
        a, b = root(a), root(b)
        if a != b:
            parent[b] = a

    order: list[tuple[Sender, Receiver]] = []
    seen: set[tuple[Sender, Receiver]] = set()
    for number, pairs in enumerate(search.pieces()):
        for x, y in pairs:
            if (x, y) not in seen:
                seen.add((x, y))
                order.append((x, y))
            join((x, y), ("x", number, x))
            join((x, y), ("y", number, y))
    numbers: dict[object, int] = {}
    return [(x, y, numbers.setdefault(root((x, y)), len(numbers) + 1)) for x, y in order]


def off_path_rows(structure: SignallingGame, m: int, response: Sequence[Fraction]) -> list[Row]:
    """Conditions on the belief after unsent message ``m`` under which the mixed ``response``
    is optimal."""
    used = [r for r, p in enumerate(response) if p != 0]
    return response_rows(structure, m, used, range(len(structure.types)))
