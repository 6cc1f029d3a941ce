"""Sender-receiver signalling games: classification and the Intuitive Criterion and D1.

A signalling game here is a tree in which chance first draws the sender's type; the sender,
knowing it, sends a message; the receiver sees the message, not the type, and responds; then
the game ends. Pure equilibria are ``pooling`` (every type sends one message), ``separating``
(each type its own) or ``semi-separating`` (in between).

The Intuitive Criterion (Cho and Kreps 1987) and D1 (Banks and Sobel 1987; Cho and Kreps
1987) test each message nobody sends. References: Cho, In-Koo and David M. Kreps. 1987.
Signaling Games and Stable Equilibria. QJE 102(2): 179-221. Banks, Jeffrey S. and Joel Sobel.
1987. Equilibrium Selection in Signaling Games. Econometrica 55(3): 647-661.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from commit_calc.beliefs.assessment import BeliefEquilibrium
from commit_calc.beliefs.polytope import EQ, GE, Row, feasible, vertices
from commit_calc.model.extensive_form import ExtensiveFormGame

#: Said about sequential equilibria of these games.
COINCIDE = ("a sender-receiver signalling game: its perfect Bayesian and sequential equilibria "
            "coincide (every belief after an unsent message is consistent)")


@dataclass(frozen=True)
class SignallingGame:
    """The parts of a signalling game, by label; ``payoff[t][m][r]`` is ``(sender, receiver)``."""

    sender: str
    receiver: str
    types: tuple[str, ...]
    messages: tuple[str, ...]
    responses: tuple[str, ...]
    sender_sets: tuple[int, ...]
    receiver_sets: tuple[int, ...]
    payoff: tuple[tuple[tuple[tuple[Fraction, Fraction], ...], ...], ...]


def signalling_structure(game: ExtensiveFormGame) -> SignallingGame | None:
    """The signalling game that ``game`` is, or None if it is not one."""
    nodes, sets = game.nodes, game.infoset_of_node
    root = game.root
    if game.num_players != 2 or not root.is_chance:
        return None
    senders = [nodes[c] for c in root.children]
    if any(not s.is_decision for s in senders) or len({s.player for s in senders}) != 1:
        return None
    messages = senders[0].actions
    if any(s.actions != messages for s in senders) or len({sets[s.index] for s in senders}) != len(
            senders):
        return None
    receiver = next((p for p in game.players if p != senders[0].player), "")
    receiver_sets = []
    for m in range(len(messages)):
        targets = [nodes[s.children[m]] for s in senders]
        labels = {sets[t.index] for t in targets}
        if any(not t.is_decision or t.player != receiver for t in targets) or len(labels) != 1:
            return None
        [label] = labels
        if len(game.infosets[label].members) != len(targets):  # type: ignore[index]
            return None
        receiver_sets.append(label)
    responses = nodes[senders[0].children[0]].actions
    payoff = []
    for s in senders:
        rows = []
        for m in range(len(messages)):
            r_node = nodes[s.children[m]]
            if r_node.actions != responses or any(not nodes[c].is_terminal
                                                  for c in r_node.children):
                return None
            numbers = [game.exact_numbers[c] for c in r_node.children]
            sender_k, receiver_k = game.player_index(s.player or ""), game.player_index(receiver)
            rows.append(tuple((_f(n[sender_k]), _f(n[receiver_k])) for n in numbers))
        payoff.append(tuple(rows))
    return SignallingGame(senders[0].player or "", receiver, root.actions, messages, responses,
                          tuple(sets[s.index] for s in senders),  # type: ignore[misc]
                          tuple(receiver_sets), tuple(payoff))  # type: ignore[arg-type]


def _f(x: object) -> Fraction:
    return Fraction(int(x.numerator), int(x.denominator))  # type: ignore[attr-defined]


def annotate(game: ExtensiveFormGame, structure: SignallingGame,
             equilibrium: BeliefEquilibrium) -> BeliefEquilibrium:
    """``equilibrium`` with its classification and the refinements it survives.

    Pure and mixed equilibria alike: each type's equilibrium payoff is its expected payoff
    under the profile, and the Intuitive Criterion and D1 test the messages no type sends.
    """
    probabilities = equilibrium.profile.probabilities
    mixes = [[_f(p) for p in probabilities[s]] for s in structure.sender_sets]
    sent = [[m for m, p in enumerate(row) if p != 0] for row in mixes]
    response = [[_f(p) for p in probabilities[r]] for r in structure.receiver_sets]
    classification = classify(sent)
    value = [sum((x * y * structure.payoff[t][m][r][0]
                  for m, x in enumerate(mixes[t]) for r, y in enumerate(response[m])),
                 Fraction(0)) for t in range(len(structure.types))]
    messages = sorted({m for s in sent for m in s})
    pure = all(len(s) == 1 for s in sent) and all(max(response[m]) == 1 for m in messages)
    answer: list[int | tuple[int, ...]] = [
        r.index(Fraction(1)) if max(r) == 1 else tuple(k for k, p in enumerate(r) if p != 0)
        for r in response]
    reasons = {}
    passes = {}
    for name, test in (("intuitive_criterion", intuitive_criterion), ("d1", d1)):
        reason = test(structure, messages, answer, value)
        passes[name] = reason is None
        if reason is not None:
            reasons[name] = reason if pure else reason + _expected(structure, value)
    return dataclasses.replace(equilibrium, classification=classification, refinements=passes,
                               refinement_reasons=reasons)


def _expected(structure: SignallingGame, value: Sequence[Fraction]) -> str:
    """The types' equilibrium payoffs, said after the reason for a mixed equilibrium."""
    shown = ", ".join(f"{name} {v}" for name, v in zip(structure.types, value))
    return f" (equilibrium payoffs, expected over the mixing: {shown})"


def classify(sent: Sequence[Sequence[int]]) -> str:
    """``pooling``, ``separating`` or ``semi-separating`` from the messages each type sends.

    >>> classify([[0], [0]]), classify([[0], [1]]), classify([[0], [0, 1]])
    ('pooling', 'separating', 'semi-separating')
    """
    supports = [frozenset(s) for s in sent]
    if len(set(supports)) == 1 and len(supports[0]) == 1:
        return "pooling"
    if all(len(s) == 1 for s in supports) and len(set(supports)) == len(supports):
        return "separating"
    if all(a.isdisjoint(b) for a, b in itertools.combinations(supports, 2)):
        return "separating"
    return "semi-separating"


@functools.lru_cache(maxsize=1024)
def _best_responses(structure: SignallingGame, message: int, types: tuple[int, ...]) -> list[int]:
    """The receiver's pure responses to ``message`` that are best against some belief on
    ``types``."""
    found = []
    for r in range(len(structure.responses)):
        rows = [(tuple(structure.payoff[t][message][r][1] - structure.payoff[t][message][q][1]
                       for t in types), GE) for q in range(len(structure.responses)) if q != r]
        if feasible(len(types), rows):
            found.append(r)
    return found


def _names(structure: SignallingGame, types: Sequence[int]) -> str:
    words = [structure.types[t] for t in types]
    return " and ".join(words) + (" type" if len(words) == 1 else " types")


def intuitive_criterion(structure: SignallingGame, chosen: Sequence[int],
                        answer: Sequence[int | Sequence[int]],
                        value: Sequence[Fraction]) -> str | None:
    """Why the equilibrium fails the Intuitive Criterion, or None if it survives.

    ``chosen`` are the messages some type sends, ``answer[m]`` the receiver's reply to message
    ``m`` (a response, or the support of a mixed one) and ``value[t]`` type ``t``'s
    equilibrium payoff (expected, in a mixed equilibrium). At a message nobody sends, the
    types whose equilibrium payoff beats every best reply are ruled out; the equilibrium fails
    if another type gains from every best reply to beliefs on the rest.
    """
    every = range(len(structure.types))
    for m in range(len(structure.messages)):
        if m in chosen:
            continue
        best = _best_responses(structure, m, tuple(every))
        dominated = [t for t in every
                     if value[t] > max(structure.payoff[t][m][r][0] for r in best)]
        rest = [t for t in every if t not in dominated]
        if not dominated or not rest:
            continue
        replies = _best_responses(structure, m, tuple(rest))
        for t in rest:
            if value[t] < min(structure.payoff[t][m][r][0] for r in replies):
                words = " or ".join(structure.responses[r] for r in replies)
                return (f"the {structure.types[t]} type gains by deviating to "
                        f"{structure.messages[m]} whenever the reply is {words} (the "
                        f"best reply of the {structure.receiver} once the "
                        f"{_names(structure, dominated)} {'is' if len(dominated) == 1 else 'are'} "
                        f"ruled out); the {_names(structure, dominated)} never "
                        f"{'gains' if len(dominated) == 1 else 'gain'} by it")
    return None


@functools.lru_cache(maxsize=256)
def _faces(structure: SignallingGame, message: int) -> list[tuple[int, ...]]:
    """The sets of responses that are all best against one belief (faces of the receiver's
    mixed best responses)."""
    count = len(structure.responses)
    types = len(structure.types)
    faces = []
    for size in range(1, count + 1):
        for face in itertools.combinations(range(count), size):
            rows: list[Row] = [  # r at least as good as q, both ways inside the face
                (tuple(structure.payoff[t][message][r][1] - structure.payoff[t][message][q][1]
                       for t in range(types)), GE)
                for r in face for q in range(count) if q != r]
            if feasible(types, rows):
                faces.append(face)
    return faces


def d1(structure: SignallingGame, chosen: Sequence[int], answer: Sequence[int | Sequence[int]],
       value: Sequence[Fraction]) -> str | None:
    """Why the equilibrium fails D1, or None if it survives (arguments as for
    :func:`intuitive_criterion`).

    At an unsent message, type ``t`` is ruled out when every receiver response (mixed, a best
    response to some belief) that ``t`` would weakly welcome some other type strictly welcomes;
    the equilibrium fails if no belief on the remaining types makes the receiver's equilibrium
    response optimal.
    """
    every = range(len(structure.types))
    for m in range(len(structure.messages)):
        if m in chosen:
            continue
        faces = _faces(structure, m)
        ruled_out = []
        for t in every:
            for other in every:
                if other != t and _welcomes_more(structure, m, faces, t, other, value):
                    ruled_out.append((t, other))
                    break
        rest = [t for t in every if t not in {t for t, _ in ruled_out}]
        if not ruled_out or not rest:
            continue
        reply = answer[m]
        support = (reply,) if isinstance(reply, int) else tuple(reply)
        if not feasible(len(rest), response_rows(structure, m, support, rest)):
            t, other = ruled_out[0]
            said = " and ".join(structure.responses[r] for r in support)
            said += " a best response" if len(support) == 1 else " best responses at once"
            return (f"the {structure.types[t]} type is ruled out after {structure.messages[m]} "
                    f"(the {structure.types[other]} type gains from every response that it would "
                    f"accept), and no belief on the {_names(structure, rest)} makes "
                    f"{said}")
    return None


def _welcomes_more(structure: SignallingGame, m: int, faces: Sequence[tuple[int, ...]], t: int,
                   other: int, value: Sequence[Fraction]) -> bool:
    """Whether every best-response mixture that type ``t`` weakly prefers to its equilibrium
    payoff gives type ``other`` strictly more than its own."""
    for face in faces:
        row = tuple(structure.payoff[t][m][r][0] - value[t] for r in face)
        for corner in vertices(len(face), [(row, GE)]):
            gain = sum((x * (structure.payoff[other][m][r][0] - value[other])
                        for x, r in zip(corner, face)), Fraction(0))
            if gain <= 0:
                return False
    return True


def response_rows(structure: SignallingGame, m: int, support: Sequence[int],
                  types: Sequence[int]) -> list[Row]:
    """Conditions on the belief (weights on ``types``) after message ``m`` under which every
    response in ``support`` is optimal: as good as each other one in it, no worse than the
    rest."""
    payoff = structure.payoff
    rows: list[Row] = []
    for r in support:
        for q in range(len(structure.responses)):
            if q == r or (q in support and q < r):
                continue  # a pair inside the support is stated once, as an equality
            rows.append((tuple(payoff[t][m][r][1] - payoff[t][m][q][1] for t in types),
                         EQ if q in support else GE))
    return rows
