"""A :class:`~commit_calc.solvers.stackelberg.StackelbergResult` as text or JSON.

The JSON form is ``commit-calc/stackelberg/1``, described by ``schemas/stackelberg-1.json``
and ``docs/reference/json-output.md``: a document of its own, because a commitment is not an
equilibrium profile of the simultaneous game (the solve document's ``equilibria``).
"""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from commit_calc.model.normal_form import NormalFormGame
from commit_calc.render.numbers import exact_text, human_text
from commit_calc.render.schemas import version_stamp
from commit_calc.render.tables import table
from commit_calc.solvers.stackelberg import Commitment, StackelbergResult

#: The value of the ``"format"`` key of the JSON output.
STACKELBERG_FORMAT = "commit-calc/stackelberg/1"


def commitment_sentence(result: StackelbergResult, commitment: Commitment) -> str:
    """What the leader should do, in words; for a value not attained, how to approach it.

    >>> from commit_calc.solvers.stackelberg import stackelberg
    >>> game = NormalFormGame.from_matrices([[2, 4], [1, 3]], [[1, 0], [0, 1]],
    ...                                     strategies=(("U", "D"), ("L", "R")))
    >>> result = stackelberg(game, "Row")
    >>> commitment_sentence(result, result.weak)
    'commit to U with probability just below 1/2 (the value 7/2 is a supremum, not attained)'
    >>> commitment_sentence(result, result.pure_strong)
    'commit to D'
    """
    game = result.game
    labels = game.strategies[result.leader]
    mixture = _mixture_text(labels, commitment.strategy)
    if commitment.attained or commitment.approach is None:
        return f"commit to {mixture}"
    limit_text = exact_text(commitment.leader_payoff)
    tail = f" (the value {limit_text} is a supremum, not attained)"
    if len(labels) == 2:
        p, q = commitment.strategy[0], commitment.approach[0]
        side = "above" if q > p else "below"
        return f"commit to {labels[0]} with probability just {side} {exact_text(p)}{tail}"
    towards = _mixture_text(labels, commitment.approach)
    return f"commit to {mixture}, moved slightly towards {towards}{tail}"


def _mixture_text(labels: tuple[str, ...], strategy: tuple[Fraction, ...]) -> str:
    support = [(label, p) for label, p in zip(labels, strategy, strict=True) if p]
    if len(support) == 1:
        return support[0][0]
    return ", ".join(f"{label} {exact_text(p)}" for label, p in support)


# JSON -----------------------------------------------------------------------------------------


def stackelberg_document(result: StackelbergResult, game: NormalFormGame | None = None
                         ) -> dict[str, Any]:
    """The ``commit-calc/stackelberg/1`` document of ``result`` as plain Python data.

    >>> from commit_calc.solvers.stackelberg import stackelberg
    >>> game = NormalFormGame.from_matrices([[2, 4], [1, 3]], [[1, 0], [0, 1]],
    ...                                     strategies=(("U", "D"), ("L", "R")))
    >>> document = stackelberg_document(stackelberg(game, "Row"))
    >>> document["strong"]["strategy"], document["strong"]["response"]
    ({'U': '1/2', 'D': '1/2'}, 'R')
    >>> document["weak"]["attained"], document["comparison"]["mixed_minus_best_nash"]
    (False, '3/2')
    """
    original = result.game if game is None else game
    solved = result.game
    leader, follower = solved.players[result.leader], solved.players[result.follower]
    nash = result.nash_payoffs
    strong_value = result.strong.leader_payoff
    comparison = {
        "mixed_minus_pure": exact_text(strong_value - result.pure_strong.leader_payoff),
        "mixed_minus_best_nash": None if not nash else exact_text(strong_value - max(nash)),
        "weak_minus_best_nash": None if not nash else exact_text(
            result.weak.leader_payoff - max(nash)),
    }
    return {
        "format": STACKELBERG_FORMAT,
        **version_stamp(),
        "game": {"name": original.name, "title": original.title,
                 "players": list(solved.players), "form": "normal"},
        "parameters": {name: exact_text(value) for name, value in result.parameters.items()},
        "concept": "stackelberg",
        "method": result.method,
        "exact": True,
        "warnings": list(result.warnings),
        "leader": leader,
        "follower": follower,
        "strong": _commitment_document(result, result.strong),
        "weak": _commitment_document(result, result.weak),
        "pure": {"strong": _commitment_document(result, result.pure_strong),
                 "weak": _commitment_document(result, result.pure_weak)},
        "nash": None if nash is None else {
            "leader_best": exact_text(max(nash)), "leader_worst": exact_text(min(nash)),
            "leader_payoffs": [exact_text(p) for p in nash]},
        "comparison": comparison,
    }


def _commitment_document(result: StackelbergResult, commitment: Commitment) -> dict[str, Any]:
    game = result.game
    labels = game.strategies[result.leader]
    leader, follower = game.players[result.leader], game.players[result.follower]
    return {
        "strategy": {label: exact_text(p)
                     for label, p in zip(labels, commitment.strategy, strict=True) if p},
        "response": game.strategies[result.follower][commitment.response],
        "payoffs": {leader: exact_text(commitment.leader_payoff),
                    follower: exact_text(commitment.follower_payoff)},
        "attained": commitment.attained,
        "approach": None if commitment.approach is None else {
            label: exact_text(p)
            for label, p in zip(labels, commitment.approach, strict=True) if p},
        "description": commitment_sentence(result, commitment),
    }


def stackelberg_json(result: StackelbergResult, game: NormalFormGame | None = None) -> str:
    """The ``commit-calc/stackelberg/1`` document as indented JSON text."""
    return json.dumps(stackelberg_document(result, game), indent=2, sort_keys=True)


# Text -----------------------------------------------------------------------------------------


def stackelberg_text(result: StackelbergResult, game: NormalFormGame | None = None) -> str:
    """A short report for people; warnings are not included (print them on standard error).

    >>> from commit_calc.solvers.stackelberg import stackelberg
    >>> game = NormalFormGame.from_matrices([[2, 4], [1, 3]], [[1, 0], [0, 1]],
    ...     strategies=(("U", "D"), ("L", "R")), title="Commitment")
    >>> print(stackelberg_text(stackelberg(game, "Row")), end="")
    Commitment
    Stackelberg commitment: Row leads, Column follows (method: multiple-lps)
    <BLANKLINE>
    Strong (the follower breaks ties for the leader)
      commit to U 1/2, D 1/2
      Column plays R; payoffs Row 7/2 (3.5), Column 1/2 (0.5)
    Weak (the follower breaks ties against the leader)
      commit to U with probability just below 1/2 (the value 7/2 is a supremum, not attained)
      Column plays R on the approach; payoffs tend to Row 7/2 (3.5), Column 1/2 (0.5)
    Pure commitment
      strong: commit to D; Column plays R; Row gets 3
      weak: commit to D; Column plays R; Row gets 3
    <BLANKLINE>
    Row's payoff
      mixed commitment (strong)  7/2 (3.5)
      mixed commitment (weak)    7/2 (3.5)
      pure commitment (strong)   3
      best Nash equilibrium      2
      worst Nash equilibrium     2
    """
    original = result.game if game is None else game
    solved = result.game
    leader, follower = solved.players[result.leader], solved.players[result.follower]
    responses = solved.strategies[result.follower]
    title = original.title or original.name or "Untitled game"
    if original.title and original.name:
        title = f"{original.title} ({original.name})"
    lines = [title, f"Stackelberg commitment: {leader} leads, {follower} follows "
             f"(method: {result.method})"]
    if result.parameters:
        lines += ["", "Parameters"]
        lines += table([[name, human_text(value)] for name, value in result.parameters.items()],
                       indent=2)
    lines.append("")
    for heading, commitment in (("Strong (the follower breaks ties for the leader)",
                                 result.strong),
                                ("Weak (the follower breaks ties against the leader)",
                                 result.weak)):
        limit = "" if commitment.attained else " on the approach"
        tend = "" if commitment.attained else "tend to "
        lines += [heading, "  " + commitment_sentence(result, commitment),
                  f"  {follower} plays {responses[commitment.response]}{limit}; payoffs {tend}"
                  f"{leader} {human_text(commitment.leader_payoff)}, "
                  f"{follower} {human_text(commitment.follower_payoff)}"]
    lines.append("Pure commitment")
    for name, commitment in (("strong", result.pure_strong), ("weak", result.pure_weak)):
        lines.append(f"  {name}: {commitment_sentence(result, commitment)}; {follower} plays "
                     f"{responses[commitment.response]}; {leader} gets "
                     f"{human_text(commitment.leader_payoff)}")
    rows = [["mixed commitment (strong)", human_text(result.strong.leader_payoff)],
            ["mixed commitment (weak)", human_text(result.weak.leader_payoff)],
            ["pure commitment (strong)", human_text(result.pure_strong.leader_payoff)]]
    if result.nash_payoffs:
        rows += [["best Nash equilibrium", human_text(max(result.nash_payoffs))],
                 ["worst Nash equilibrium", human_text(min(result.nash_payoffs))]]
    lines += ["", f"{leader}'s payoff"] + table(rows, indent=2)
    return "\n".join(lines) + "\n"


__all__ = ["STACKELBERG_FORMAT", "commitment_sentence", "stackelberg_document",
           "stackelberg_json", "stackelberg_text"]
