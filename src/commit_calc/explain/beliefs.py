"""Why each assessment is a perfect Bayesian (or sequential) equilibrium: Bayes' rule step by
step where the equilibrium goes, the expected payoffs each belief gives, and why each
condition on beliefs off the path is needed (which deviation it deters)."""

from __future__ import annotations

from fractions import Fraction

import sympy

from commit_calc.beliefs.assessment import BeliefEquilibrium, node_descriptions, rational
from commit_calc.explain.steps import Step
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.profiles import BehaviourProfile
from commit_calc.solvers.results import SolveResult
from commit_calc.solvers.verify import verify


def belief_steps(result: SolveResult) -> list[Step]:
    """The steps for every equilibrium of a ``pbe`` or ``sequential`` result."""
    game = result.game
    assert isinstance(game, ExtensiveFormGame)
    steps: list[Step] = []
    for number, equilibrium in enumerate(result.equilibria, start=1):
        if isinstance(equilibrium, BeliefEquilibrium):
            steps.append(Step("result", f"Equilibrium {number}:"))
            steps += _equilibrium_steps(game, equilibrium)
    return steps


def _reach_factors(game: ExtensiveFormGame, profile: BehaviourProfile, node: int) -> list[str]:
    """The probabilities multiplied along the path to ``node`` (those other than 1)."""
    factors = []
    child, parent = node, game.nodes[node].parent
    while parent is not None:
        position = game.nodes[parent].children.index(child)
        k = game.infoset_of_node[parent]
        p = (game.nodes[parent].probabilities[position] if k is None
             else profile.probabilities[k][position])
        if p != 1:
            factors.append(str(p))
        child, parent = parent, game.nodes[parent].parent
    return list(reversed(factors)) or ["1"]


def _equilibrium_steps(game: ExtensiveFormGame, equilibrium: BeliefEquilibrium) -> list[Step]:
    steps = []
    profile = equilibrium.profile
    assert isinstance(profile, BehaviourProfile)
    assessment = equilibrium.assessment
    off = {record.infoset: record for record in assessment.off_path}
    for k, (infoset, belief, reached) in enumerate(zip(game.infosets, assessment.beliefs,
                                                        assessment.reached)):
        if len(infoset.members) == 1:
            continue
        names = node_descriptions(game, infoset.members)
        if reached:
            products = [" × ".join(_reach_factors(game, profile, m)) for m in infoset.members]
            total = " + ".join(f"({p})" for p in products)
            parts = [f"P({n} | {infoset.label}) = ({p}) / ({total}) = {rational(b)}"
                     for n, p, b in zip(names, products, belief)]
            steps.append(Step(
                "bayes", f"Information set '{infoset.label}' is reached: Bayes' rule gives "
                + "; ".join(parts) + ".", node=infoset.label, player=infoset.player,
                equation="; ".join(parts)))
        else:
            record = off.get(infoset.label)
            condition = record.condition if record is not None else "any belief"
            steps.append(Step(
                "off-path", f"Information set '{infoset.label}' is not reached, so Bayes' rule "
                f"from the path does not fix the belief there; the equilibrium needs "
                f"{condition}. {_why(game, profile, k)}", node=infoset.label,
                player=infoset.player, equation=condition))
        steps.append(_best_response(game, profile, k, belief))
    return steps


def _values(game: ExtensiveFormGame, profile: BehaviourProfile, player: int) -> list[object]:
    values: list[object] = [0] * len(game.nodes)
    for node in reversed(game.nodes):
        if node.is_terminal:
            values[node.index] = game.exact_numbers[node.index][player]
            continue
        k = game.infoset_of_node[node.index]
        moves = node.probabilities if k is None else profile.probabilities[k]
        values[node.index] = sum(p * values[c] for p, c in zip(moves, node.children))
    return values


def _best_response(game: ExtensiveFormGame, profile: BehaviourProfile, k: int,
                   belief: tuple[Fraction, ...]) -> Step:
    """The mover's expected payoff of each action at set ``k`` under the belief."""
    infoset = game.infosets[k]
    player = game.player_index(infoset.player)
    values = _values(game, profile, player)
    totals = [sum(rational(b) * values[game.nodes[m].children[a]]
                  for b, m in zip(belief, infoset.members))
              for a in range(len(infoset.actions))]
    shown = [(action, str(t)) for action, t in zip(infoset.actions, totals)]
    chosen = tuple(a for a, p in zip(infoset.actions, profile.probabilities[k]) if p != 0)
    text = (f"Given that belief, {infoset.player} at '{infoset.label}' expects "
            + ", ".join(f"{a} {v}" for a, v in shown) + f": {' and '.join(chosen)} "
            + ("is" if len(chosen) == 1 else "are") + " optimal.")
    return Step("best-response", text, node=infoset.label, player=infoset.player,
                values=tuple(shown), chosen=chosen, tie=len(chosen) > 1)


def _why(game: ExtensiveFormGame, profile: BehaviourProfile, k: int) -> str:
    """Why the condition is needed: with each other response at set ``k``, who would then
    gain by deviating (so the condition deters that deviation), if anyone."""
    infoset = game.infosets[k]
    reasons = []
    for a, action in enumerate(infoset.actions):
        if profile.probabilities[k][a] == 1:
            continue
        changed = list(profile.probabilities)
        changed[k] = tuple(sympy.S.One if b == a else sympy.S.Zero
                           for b in range(len(infoset.actions)))
        check = verify(game, BehaviourProfile.trusted(tuple(changed)))
        gainers = [p for p, r in zip(game.players, check.regrets) if r > 0]
        if gainers:
            reasons.append(f"were {action} the reply there, {' and '.join(gainers)} would gain "
                           "by deviating towards it")
    if not reasons:
        return ("Without it the reply there could change, but no one would then gain by a "
                "deviation: it is needed for sequential rationality off the path only.")
    return "It is needed because " + "; ".join(reasons) + "."
