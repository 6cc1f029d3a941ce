"""What the page needs to write the step-by-step explanation of the current point exactly as
``commit-calc solve --explain`` writes it (:mod:`commit_calc.explain`).

The explanation's structure depends on the tree only: which subgames backward induction
visits, deepest first, and which of them have imperfect information. That structure, and every
sentence part that does not depend on the parameters, is taken here from
:mod:`commit_calc.explain.tree` itself; the page (``explain.js``) adds the numbers (node values,
choices, ties, indifference equations), computed exactly from the same compiled equilibria it
shows. The browser tests compare the two texts at points on both sides of thresholds.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from commit_calc.explain.tree import nash_note, place_of, subgame_step
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.solvers.results import SolveResult
from commit_calc.solvers.subgame_perfect import block_nodes

#: Where the head of a subgame step ends and its equilibria's choices begin.
_USED = "Its equilibria used: "


def explain_plan(game: ExtensiveFormGame | NormalFormGame) -> dict[str, Any]:
    """``{"kind": "table"}`` for a normal-form game; for a tree, ``"steps"``: one entry per
    proper subgame in the order ``solve --explain`` takes them (a decision or chance node, or
    a subgame with imperfect information and the fixed part of its sentence), and the
    sentences of the Nash-equilibrium note."""
    if isinstance(game, NormalFormGame):
        return {"kind": "table"}
    roots = set(game.subgame_roots)
    depth = [0] * len(game.nodes)
    for node in game.nodes:
        for child in node.children:
            depth[child] = depth[node.index] + 1
    steps: list[dict[str, Any]] = []
    nobody = cast(SolveResult, SimpleNamespace(equilibria=()))
    for index in sorted(roots, key=lambda k: (-depth[k], k)):
        node = game.nodes[index]
        if all(game.nodes[c].is_terminal or c in roots for c in node.children):
            steps.append({"kind": "chance" if node.is_chance else "decision", "node": index,
                          "where": place_of(game, node)})
            continue
        head = subgame_step(game, node, roots, nobody, []).text
        if not head.endswith(_USED + "."):  # never: the wording is explain.tree's
            raise AssertionError("the explanation of a subgame changed its wording")
        block = block_nodes(game, node, roots)
        infoset_of = game.infoset_of_node
        own = [k for k in block if k == index or k not in roots]
        infosets = sorted({i for k in own if (i := infoset_of[k]) is not None})
        steps.append({"kind": "subgame", "node": index, "head": head[:-1],
                      "sets": [[k, game.infosets[k].player, game.infosets[k].label,
                                list(game.infosets[k].actions)] for k in infosets]})
    return {"kind": "tree", "steps": steps,
            "nashNote": _note("{method}", found=True), "noneNote": _note("{method}", found=False)}


def _note(method: str, found: bool) -> str:
    """The sentence ``solve --explain`` opens a tree's Nash equilibria with (``{method}``
    stands for the method's name, filled in by the page)."""
    result = cast(SolveResult, SimpleNamespace(equilibria=(None,) if found else (),
                                               method=method))
    return nash_note(result).text
