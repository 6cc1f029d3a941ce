"""Backward induction step by step, derived from a tree and its subgame-perfect equilibria.

The continuation payoffs at every node are recomputed exactly from each equilibrium's
behaviour strategies, so the narrative shows what the solver's answer implies node by node,
deepest nodes first: what each mover compares and chooses (ties named), what each chance node
averages, and how each proper subgame with imperfect information was solved.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from commit_calc.explain.steps import Step
from commit_calc.explain.words import factor, listing, number, vector
from commit_calc.model.extensive_form import ExtensiveFormGame, Node
from commit_calc.model.profiles import BehaviourProfile
from commit_calc.model.values import to_fraction
from commit_calc.render.numbers import exact_text
from commit_calc.solvers.results import Equilibrium, Outcome, SolveResult
from commit_calc.solvers.subgame_perfect import block_nodes

Vector = tuple[Fraction, ...]


def explain_tree(result: SolveResult) -> list[Step]:
    """The steps that explain ``result``, the equilibria of a tree.

    For subgame-perfect equilibria: one step per proper subgame, deepest first (a decision or
    chance node of backward induction, or a subgame with imperfect information), then the
    result. For Nash equilibria of a tree: how they were found and checked, then the result.
    """
    game = result.game
    if not isinstance(game, ExtensiveFormGame):
        raise TypeError("explain_tree(): the result is not that of a tree")
    if result.concept != "spe" or not result.equilibria:
        return [nash_note(result)] + _result_steps(game, result)
    values = [node_values(game, e.profile) for e in result.equilibria]  # type: ignore[arg-type]
    roots = set(game.subgame_roots)
    depth = [0] * len(game.nodes)
    for node in game.nodes:
        for child in node.children:
            depth[child] = depth[node.index] + 1
    steps: list[Step] = []
    for index in sorted(roots, key=lambda k: (-depth[k], k)):
        node = game.nodes[index]
        if all(game.nodes[c].is_terminal or c in roots for c in node.children):
            if node.is_chance:
                steps += _chance_steps(game, node, values)
            else:
                steps += _decision_steps(game, node, values)
        else:
            steps.append(subgame_step(game, node, roots, result, values))
    return steps + _result_steps(game, result)


def node_values(game: ExtensiveFormGame, profile: BehaviourProfile) -> list[Vector]:
    """Every player's expected payoff from each node on, under ``profile`` (exact).

    >>> from commit_calc.model import Decision, Terminal
    >>> game = ExtensiveFormGame.build(players=("A", "B"), root=Decision("A", {
    ...     "Out": Terminal((0, 2)), "In": Terminal((1, 1))}))
    >>> profile = BehaviourProfile.from_labels(game, {"n1": {"Out": "1/2", "In": "1/2"}})
    >>> [tuple(str(x) for x in v) for v in node_values(game, profile)]
    [('1/2', '3/2'), ('0', '2'), ('1', '1')]
    """
    numbers = game.exact_numbers
    infoset_of = game.infoset_of_node
    values: list[Vector] = [()] * len(game.nodes)
    for node in reversed(game.nodes):
        index = node.index
        if node.is_terminal:
            values[index] = tuple(Fraction(x) for x in numbers[index])
            continue
        if node.is_chance:
            weights = [Fraction(p) for p in numbers[index]]
        else:
            distribution = profile.probabilities[infoset_of[index]]  # type: ignore[index]
            weights = [to_fraction(p) for p in distribution]
        values[index] = tuple(
            sum((w * values[c][k] for w, c in zip(weights, node.children) if w), Fraction(0))
            for k in range(game.num_players)
        )
    return values


def _situations(node: Node, values: Sequence[list[Vector]]) -> dict[tuple[Vector, ...], list[int]]:
    """The distinct continuation payoffs of the node's children across the equilibria, each
    with the (1-based) numbers of the equilibria that imply it."""
    found: dict[tuple[Vector, ...], list[int]] = {}
    for number_, per_node in enumerate(values, start=1):
        key = tuple(per_node[c] for c in node.children)
        found.setdefault(key, []).append(number_)
    return found


def place_of(game: ExtensiveFormGame, node: Node) -> str:
    """Where ``node`` stands, in words: the actions that lead to it, or "at the start"."""
    path = game.path(node)
    return "after " + " > ".join(path) if path else "at the start"


def _prefix(situations: dict[tuple[Vector, ...], list[int]], numbers: list[int]) -> str:
    if len(situations) == 1:
        return ""
    label = "equilibrium" if len(numbers) == 1 else "equilibria"
    return f"In {label} {listing([str(n) for n in numbers])}: "


def _decision_steps(
    game: ExtensiveFormGame, node: Node, values: Sequence[list[Vector]]
) -> list[Step]:
    mover = game.player_index(node.player)  # type: ignore[arg-type]
    player = node.player or ""
    situations = _situations(node, values)
    steps = []
    for children_values, numbers in situations.items():
        own = [v[mover] for v in children_values]
        best = max(own)
        chosen = tuple(a for a, v in zip(node.actions, own, strict=True) if v == best)
        compared = ", ".join(f"{a} {number(v)}" for a, v in zip(node.actions, own, strict=True))
        text = (f"{_prefix(situations, numbers)}At '{node.name}' ({place_of(game, node)}) "
                f"{player} moves; payoffs to {player}: {compared}. ")
        if len(chosen) == 1:
            text += f"Choice: {chosen[0]}."
        else:
            kept = "both" if len(chosen) == 2 else "all"
            text += (f"Tie: {player} is indifferent between {listing(chosen)} ({kept} give "
                     f"{number(best)}): {kept} kept, giving several subgame-perfect "
                     "equilibria.")
        steps.append(Step(
            "decision", text, node=node.name, player=player,
            values=tuple((a, exact_text(v)) for a, v in zip(node.actions, own, strict=True)),
            chosen=chosen, tie=len(chosen) > 1,
        ))
    return steps


def _chance_steps(
    game: ExtensiveFormGame, node: Node, values: Sequence[list[Vector]]
) -> list[Step]:
    weights = [Fraction(p) for p in game.exact_numbers[node.index]]
    situations = _situations(node, values)
    moves = ", ".join(f"{a} with probability {exact_text(w)}"
                      for a, w in zip(node.actions, weights, strict=True))
    steps = []
    for children_values, numbers in situations.items():
        sums = []
        totals = []
        for k, player in enumerate(game.players):
            total = sum((w * v[k] for w, v in zip(weights, children_values)), Fraction(0))
            terms = " + ".join(f"{exact_text(w)} × {factor(v[k])}"
                               for w, v in zip(weights, children_values, strict=True))
            sums.append(f"{player} {terms} = {number(total)}")
            totals.append(total)
        text = (f"{_prefix(situations, numbers)}At '{node.name}' ({place_of(game, node)}) "
                f"chance moves: {moves}. Expected payoffs: {'; '.join(sums)}.")
        steps.append(Step(
            "chance", text, node=node.name,
            values=tuple((p, exact_text(t)) for p, t in zip(game.players, totals, strict=True)),
            equation="; ".join(sums),
        ))
    return steps


def subgame_step(
    game: ExtensiveFormGame, root: Node, roots: set[int], result: SolveResult,
    values: Sequence[list[Vector]],
) -> Step:
    """The step that solves the subgame at ``root`` (one block, its inner subgames folded):
    its movers and information sets, and each distinct choice the equilibria make there
    with its payoffs (``values``: per equilibrium, each node's payoff vector)."""
    block = block_nodes(game, root, roots)
    infoset_of = game.infoset_of_node
    own = [k for k in block if k == root.index or k not in roots]
    infosets = sorted({i for k in own if (i := infoset_of[k]) is not None})
    sets = [game.infosets[k] for k in infosets]
    movers = [p for p in game.players if any(i.player == p for i in sets)]
    holds = "; ".join(
        f"information set '{i.label}' ({i.player}) holds nodes "
        + listing([f"'{game.nodes[m].name}'" for m in i.members])
        for i in sets if len(i.members) > 1
    )
    inner = [k for k in block if k != root.index and k in roots]
    folded = (" with its own subgames, solved above, replaced by their equilibrium payoffs"
              if inner else "")
    distinct: dict[tuple[Any, ...], tuple[list[int], Vector]] = {}
    for number_, (equilibrium, per_node) in enumerate(
            zip(result.equilibria, values, strict=True), start=1):
        key = tuple(equilibrium.profile.probabilities[k] for k in infosets)
        distinct.setdefault(key, ([], per_node[root.index]))[0].append(number_)
    described = []
    records = []
    for choice, (numbers, payoffs) in distinct.items():
        choices = "; ".join(
            f"{i.player} at {i.label}: {_distribution_text(i.actions, d)}"
            for i, d in zip(sets, choice, strict=True)
        )
        described.append(f"{choices} (payoffs {vector(game.players, payoffs)})")
        records.append((f"equilibrium {listing([str(n) for n in numbers])}",
                        ", ".join(exact_text(v) for v in payoffs)))
    where = ("The whole game" if root.index == 0
             else f"The subgame at '{root.name}' ({place_of(game, root)})")
    text = (f"{where} has imperfect information: {holds}. It cannot be solved node by node, "
            f"so it was solved as a game of its own between {listing(movers)}{folded}: its "
            "Nash equilibria, found exactly in its reduced strategic form and kept where they "
            "fit the rest of the tree. Its equilibria used: " + " | ".join(described) + ".")
    return Step("subgame", text, node=root.name, values=tuple(records))


def _distribution_text(actions: Sequence[str], distribution: Sequence[Any]) -> str:
    played = [(a, p) for a, p in zip(actions, distribution, strict=True) if p != 0]
    if len(played) == 1:
        return played[0][0]
    return ", ".join(f"{a} {exact_text(p)}" for a, p in played)


def nash_note(result: SolveResult) -> Step:
    """The closing step for Nash equilibria of a tree: how they were found and checked."""
    if not result.equilibria:
        return Step("result", f"No equilibrium was found ({result.method}).")
    return Step("result", (
        "Nash equilibria of a tree need not be subgame perfect, so they are not found by "
        f"backward induction: they were found with {result.method} and each one checked "
        "exactly: no player gains by changing strategy (every regret is 0). Use concept "
        "'spe' for the step-by-step backward induction."
    ))


def _result_steps(game: ExtensiveFormGame, result: SolveResult) -> list[Step]:
    count = len(result.equilibria)
    if not count:
        return []
    kind = "subgame-perfect equilibri" if result.concept == "spe" else "Nash equilibri"
    parts = []
    for number_, equilibrium in enumerate(result.equilibria, start=1):
        label = f"({number_}) " if count > 1 else ""
        parts.append(f"{label}play {_outcomes_text(equilibrium)}, payoffs "
                     f"{vector(game.players, equilibrium.payoffs)}")
    head = f"So there is one {kind}um: " if count == 1 else f"So there are {count} {kind}a: "
    return [Step("result", head + "; ".join(parts) + ".")]


def _outcomes_text(equilibrium: Equilibrium) -> str:
    outcomes: Sequence[Outcome] = equilibrium.outcomes
    if len(outcomes) == 1:
        return " > ".join(outcomes[0].path) or "nothing (the root is terminal)"
    return ", ".join(f"{' > '.join(o.path)} (probability {exact_text(o.probability)})"
                     for o in outcomes)
