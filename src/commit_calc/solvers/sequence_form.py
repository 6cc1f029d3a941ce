"""The sequence form of a two-player tree (Koller, Megiddo and von Stengel 1996; von Stengel
1996), and the map from realisation plans back to behaviour strategies.

A *sequence* of a player is the list of their own actions on the path to a node; perfect
recall makes it the same at every node of an information set, so a sequence is the empty one
or an (information set, action) pair. A *realisation plan* ``x`` gives each sequence the
probability that the player's own moves play it: ``x[empty] = 1`` and, at each information set
``h`` entered by sequence ``s``, the sequences of ``h`` sum to ``x[s]``: ``E x = e`` (player 1)
and ``F y = f`` (player 2). Every leaf is reached by one sequence pair ``(s, t)``; the payoff
matrices sum the leaf payoffs times chance's probability of reaching the leaf: the expected
payoffs are ``x A y`` and ``x B y``. All sizes are linear in the tree (the reduced normal form
can be exponential).

>>> from commit_calc.io import load_game
>>> form = sequence_form(load_game("entry-deterrence"))
>>> form.sequences[0]
((), ('entrant', 'Out'), ('entrant', 'In'))
>>> form.sequences[1]
((), ('incumbent', 'Fight'), ('incumbent', 'Accommodate'))
>>> form.constraints[1]
({0: 1}, {0: -1, 1: 1, 2: 1})
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import sympy

from commit_calc.errors import ParameterError, UnsupportedGameError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.profiles import BehaviourProfile
from commit_calc.model.values import kernel_fraction

#: A sparse matrix: ``{(row, column): value}`` with exact values.
Sparse = dict[tuple[int, int], Fraction]

#: The most sequences (both players together) the sequence-form solvers accept.
MAX_SEQUENCES = 500


@dataclass(frozen=True)
class SequenceForm:
    """A two-player tree's sequence form, exact.

    ``sequences[p][k]`` is ``()`` for the empty sequence (``k = 0``) or ``(infoset label,
    action)``. ``constraints[p]`` lists the rows of ``E`` (``p = 0``) or ``F`` (``p = 1``) as
    sparse ``{sequence: coefficient}``: row 0 is ``x[empty] = 1`` and row ``1 + i`` belongs to
    the player's ``i``-th information set (``infosets[p][i]``, an index into
    ``game.infosets``) with right-hand side 0. ``payoffs[p]`` is ``A`` or ``B`` (rows: player
    1's sequences, columns: player 2's) and ``reach`` is chance's probability summed over the
    leaves of each sequence pair (``x reach y = 1`` for any plans).
    """

    game: ExtensiveFormGame
    sequences: tuple[tuple[tuple[str, str] | tuple[()], ...], ...]
    infosets: tuple[tuple[int, ...], ...]
    constraints: tuple[tuple[dict[int, int], ...], ...]
    payoffs: tuple[Sparse, Sparse]
    reach: Sparse
    #: per information set of the game: its player's sequence index of its first action
    first_sequence: tuple[int, ...]
    #: per information set of the game: the sequence leading to it
    parent_sequence: tuple[int, ...]

    @property
    def sizes(self) -> tuple[int, int]:
        """The number of sequences of each player."""
        return len(self.sequences[0]), len(self.sequences[1])

    def shifted(self, player: int, shift: Fraction | int) -> Sparse:
        """``payoffs[player]`` with ``shift`` subtracted from every leaf payoff."""
        matrix = dict(self.payoffs[player])
        for key, weight in self.reach.items():
            matrix[key] = matrix.get(key, 0) - shift * weight
        return matrix

    def payoff_range(self) -> tuple[Fraction, Fraction]:
        """The smallest and largest leaf payoff of either player."""
        numbers = self.game.exact_numbers
        found = [p for node in self.game.nodes if node.is_terminal
                 for p in numbers[node.index]]
        return min(found), max(found)  # type: ignore[return-value]


def sequence_form(game: ExtensiveFormGame, *, limit: int = MAX_SEQUENCES) -> SequenceForm:
    """The sequence form of a numeric two-player tree.

    Raises
    ------
    UnsupportedGameError
        For a tree without exactly two players, or with more than ``limit`` sequences.
    ParameterError
        If a payoff or probability still depends on a parameter.
    """
    if game.num_players != 2:
        raise UnsupportedGameError(
            f"the sequence form is built for two-player trees; this tree has "
            f"{game.num_players} players"
        )
    numbers = game.exact_numbers  # raises ParameterError for symbols
    infoset_of = game.infoset_of_node
    players = {name: k for k, name in enumerate(game.players)}
    sequences: list[list[tuple[str, str] | tuple[()]]] = [[()], [()]]
    own_sets: list[list[int]] = [[], []]
    first = [0] * len(game.infosets)
    parent = [0] * len(game.infosets)
    seen = [False] * len(game.infosets)
    payoffs: tuple[Sparse, Sparse] = ({}, {})
    reach: Sparse = {}
    one = kernel_fraction(1)
    # per node: each player's current sequence and chance's reach probability
    state: dict[int, tuple[int, int, Fraction]] = {game.root.index: (0, 0, one)}
    for node in game.nodes:
        s, t, probability = state.pop(node.index)
        if node.is_terminal:
            if probability:
                key = (s, t)
                reach[key] = reach.get(key, 0) + probability
                for p in (0, 1):
                    payoffs[p][key] = payoffs[p].get(key, 0) + probability * numbers[node.index][p]
            continue
        if node.is_chance:
            for child, move in zip(node.children, numbers[node.index]):
                state[child] = (s, t, probability * move)
            continue
        player = players[node.player]  # type: ignore[index]
        infoset = infoset_of[node.index]
        assert infoset is not None
        if not seen[infoset]:
            seen[infoset] = True
            parent[infoset] = (s, t)[player]
            first[infoset] = len(sequences[player])
            own_sets[player].append(infoset)
            label = game.infosets[infoset].label
            sequences[player].extend((label, a) for a in game.infosets[infoset].actions)
            if len(sequences[0]) + len(sequences[1]) > limit:
                raise UnsupportedGameError(
                    f"the tree has more than {limit} sequences, beyond what the exact "
                    "sequence-form solvers take on"
                )
        for position, child in enumerate(node.children):
            sequence = first[infoset] + position
            state[child] = (sequence, t, probability) if player == 0 else (s, sequence, probability)
    constraints = tuple(
        tuple([{0: 1}] + [
            {parent[h]: -1, **{first[h] + a: 1 for a in range(len(game.infosets[h].actions))}}
            for h in own_sets[p]])
        for p in (0, 1))
    return SequenceForm(
        game, (tuple(sequences[0]), tuple(sequences[1])), (tuple(own_sets[0]), tuple(own_sets[1])),
        constraints, payoffs, reach, tuple(first), tuple(parent))


def check_two_player_tree(game: ExtensiveFormGame, method: str) -> None:
    """Refuse what the sequence-form methods do not solve, naming ``method``."""
    if not game.is_numeric:
        raise ParameterError(
            f"method '{method}' needs numbers: the game has parameters without values ("
            + ", ".join(game.free_parameters) + ")"
        )
    if game.num_players != 2:
        raise UnsupportedGameError(
            f"method '{method}' solves two-player trees; this tree has {game.num_players} "
            "players"
        )


def behaviour_from_plans(
    form: SequenceForm, plans: Sequence[Mapping[int, Fraction] | Sequence[Fraction]]
) -> BehaviourProfile:
    """The behaviour profile of two realisation plans (Kuhn 1953; von Stengel 1996).

    At an information set entered with positive probability, each action gets its sequence's
    probability divided by the sum over the set's actions. Sets the player's own moves rule
    out get a best response against the rest, as
    :func:`~commit_calc.solvers.reduction.behaviour_profile` chooses them (any choice there
    keeps a Nash equilibrium one).
    """
    from commit_calc.solvers.reduction import complete_with_best_responses

    game = form.game
    players = {name: k for k, name in enumerate(game.players)}
    distributions: list[tuple[sympy.Rational, ...] | None] = []
    for k, infoset in enumerate(game.infosets):
        plan = plans[players[infoset.player]]
        start = form.first_sequence[k]
        weights = [_get(plan, start + a) for a in range(len(infoset.actions))]
        total = sum(weights)
        distributions.append(
            None if total == 0 else tuple(_rational(w / total) for w in weights))
    if None in distributions:
        complete_with_best_responses(game, distributions)
    return BehaviourProfile.trusted(tuple(distributions))  # type: ignore[arg-type]


def _get(plan: Mapping[int, Fraction] | Sequence[Fraction], index: int) -> Fraction:
    if isinstance(plan, Mapping):
        return plan.get(index, kernel_fraction(0))
    return plan[index]


def _rational(value: Fraction | int) -> sympy.Rational:
    return sympy.Rational(int(value.numerator), int(value.denominator))


__all__ = [
    "MAX_SEQUENCES",
    "SequenceForm",
    "behaviour_from_plans",
    "check_two_player_tree",
    "sequence_form",
]
