"""Why an answer is an equilibrium, step by step (``commit-calc solve --explain``).

:func:`explain` turns a :class:`~commit_calc.solvers.results.SolveResult` into a list of
:class:`Step` records derived from the game and its equilibria, never written by hand:
backward induction node by node for trees (ties named, chance nodes averaged, subgames with
imperfect information described), and for normal-form games the best-response check of each
pure strategy and the indifference conditions of each mix.
"""

from __future__ import annotations

from commit_calc.explain.steps import Step, explanation_records, explanation_text
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.solvers.results import SolveResult


def explain(result: SolveResult) -> list[Step]:
    """The steps that explain ``result``.

    Examples
    --------
    Kreps' trust game (Kreps 1990): the trustee would abuse trust, so none is given.

    >>> from commit_calc.io import load_game
    >>> from commit_calc.solvers.solve import solve
    >>> print(explanation_text(explain(solve(load_game("kreps-trust")))), end="")
    Explanation
      1. At 'trustee' (after Trust) Trustee moves; payoffs to Trustee: Honor 1, Abuse 2.
         Choice: Abuse.
      2. At 'trustor' (at the start) Trustor moves; payoffs to Trustor: Trust -1, No trust
         0. Choice: No trust.
      3. So there is one subgame-perfect equilibrium: play No trust, payoffs Trustor 0,
         Trustee 0.
    """
    if isinstance(result.game, ExtensiveFormGame):
        from commit_calc.explain.tree import explain_tree

        return explain_tree(result)
    from commit_calc.explain.table import explain_table

    return explain_table(result)


__all__ = ["Step", "explain", "explanation_records", "explanation_text"]
