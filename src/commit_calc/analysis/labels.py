"""Outcome labels: one readable name per equilibrium outcome, shared by thresholds and sweeps.

In a tree the label follows the equilibrium path from the root: the action taken at each
decision node, ``>`` between moves, and at a chance node every branch (whatever its
probability, so a label does not change where a probability reaches 0) as ``Branch: ...``
separated by ``|``. A mover who mixes shows ``mix(A | B > ...)``. In a normal-form game the
label is the strategy profile, ``mix(A, B)`` for a player who mixes.

>>> from commit_calc.model import ExtensiveFormGame, Decision, Chance, Terminal
>>> game = ExtensiveFormGame.build(players=("Rebels", "Regime"), root=Decision("Rebels", {
...     "Disarm": Chance({"Reliable": ("1/2", Decision("Regime", {
...                           "Honor": Terminal((1, 1)), "Renege": Terminal((0, 2))})),
...                       "Unreliable": ("1/2", Decision("Regime", {
...                           "Honor": Terminal((1, 1)), "Renege": Terminal((0, 2))}))}),
...     "Stay armed": Terminal((0, 0))}))
>>> choices = {0: {"Disarm": 1}, 2: {"Honor": 1}, 5: {"Renege": 1}}
>>> tree_label(game, choices)
'Disarm > Reliable: Honor | Unreliable: Renege'
>>> normal_form_label([{"Disarm": 1}, {"Honor": "1/3", "Renege": "2/3"}])
'Disarm, mix(Honor, Renege)'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.profiles import BehaviourProfile, MixedProfile


def tree_label(game: ExtensiveFormGame, choices: Mapping[int, Mapping[str, object]]) -> str:
    """Label of the play from the root; ``choices[node index]`` maps actions played with
    positive probability (at least at the decision nodes on the path) to anything.

    Built bottom-up over the nodes that play reaches, without recursion (deep trees)."""
    reached = [0]
    for index in reached:  # grows while it is read: every node play can reach
        node = game.nodes[index]
        if node.is_chance:
            reached.extend(node.children)
        elif node.is_decision:
            reached.extend(c for a, c in zip(node.actions, node.children)
                           if a in choices[index])
    text: dict[int, str] = {}
    for index in sorted(reached, reverse=True):  # children come after parents
        text[index] = _node_label(game, index, choices, text)
    return text[0]


def _node_label(game: ExtensiveFormGame, index: int,
                choices: Mapping[int, Mapping[str, object]], below: Mapping[int, str]) -> str:
    node = game.nodes[index]
    if node.is_terminal:
        return ""
    if node.is_chance:
        parts = []
        for action, child in zip(node.actions, node.children):
            rest = below[child]
            if " | " in rest:
                rest = f"({rest})"
            parts.append(f"{action}: {rest}" if rest else action)
        return " | ".join(parts)
    texts = [f"{action} > {below[child]}" if below[child] else action
             for action, child in zip(node.actions, node.children) if action in choices[index]]
    if len(texts) == 1:
        return texts[0]
    return "mix(" + " | ".join(texts) + ")"


def profile_label(game: ExtensiveFormGame | NormalFormGame,
                  profile: BehaviourProfile | MixedProfile) -> str:
    """The outcome label of a numeric equilibrium profile (as solvers return them)."""
    if isinstance(game, NormalFormGame):
        return normal_form_label([
            {s: p for s, p in zip(labels, distribution) if p != 0}
            for labels, distribution in zip(game.strategies, profile.probabilities)
        ])
    infoset_of = game.infoset_of_node
    choices = {}
    for node in game.nodes:
        k = infoset_of[node.index]
        if k is not None:  # a decision node
            choices[node.index] = {
                a: p for a, p in zip(node.actions, profile.probabilities[k]) if p != 0
            }
    return tree_label(game, choices)


def normal_form_label(supports: Sequence[Mapping[str, object]]) -> str:
    """``"A, B"`` for a pure profile; a player with several strategies shows ``mix(A, B)``."""
    return ", ".join(
        next(iter(support)) if len(support) == 1 else "mix(" + ", ".join(support) + ")"
        for support in supports
    )
