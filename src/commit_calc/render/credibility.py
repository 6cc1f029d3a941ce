"""A :class:`~commit_calc.credibility.report.CredibilityReport` as text or JSON.

The JSON form is ``commit-calc/credibility/1``, described by ``schemas/credibility-1.json``
and ``docs/reference/json-output.md``.
"""

from __future__ import annotations

import json
from typing import Any

import sympy

from commit_calc.analysis.labels import profile_label
from commit_calc.credibility.report import CredibilityReport
from commit_calc.credibility.verdict import Violation
from commit_calc.render.conditions import condition_text
from commit_calc.render.numbers import exact_text, human_text
from commit_calc.render.schemas import version_stamp
from commit_calc.render.tables import table

#: The value of the ``"format"`` key of the JSON output.
CREDIBILITY_FORMAT = "commit-calc/credibility/1"


def credibility_document(report: CredibilityReport, name: str) -> dict[str, Any]:
    """The ``commit-calc/credibility/1`` document as plain Python data."""
    verdict = report.verdict
    formulas = verdict.value_formulas
    return {
        "format": CREDIBILITY_FORMAT,
        **version_stamp(),
        "game": name,
        "concept": verdict.concept,
        "promise": [{"player": p.player, "information_set": label, "action": action}
                    for p in verdict.promises for label, action in p.choices],
        "values": {k: exact_text(v) for k, v in verdict.values.items()},
        "fixed": {k: exact_text(v) for k, v in report.fixed.items()},
        "credible": verdict.credible,
        "outcome": profile_label(verdict.game, verdict.equilibrium.profile),
        "violations": [_violation(v) for v in verdict.violations],
        "thresholds": {
            lever.parameter: {
                "value": None if lever.value is None else exact_text(lever.value),
                "direction": lever.direction,
                "within_bounds": lever.within_bounds,
                "condition": lever.text,
            } for lever in report.levers},
        "condition": None if report.condition is None else str(report.condition),
        "resolved": report.resolved,
        "value_of_commitment": {p: exact_text(v) for p, v in verdict.value_of_commitment.items()},
        "value_of_commitment_formulas": None if formulas is None else {
            p: exact_text(f) for p, f in formulas.items()},
        "payoffs": {"equilibrium": {p: exact_text(v) for p, v in verdict.payoffs.items()},
                    "committed": {p: exact_text(v) for p, v in verdict.committed.items()}},
        "warnings": list(verdict.warnings),
    }


def _violation(violation: Violation) -> dict[str, Any]:
    return {
        "node": violation.where,
        "player": violation.player,
        "promised": violation.promised,
        "best_alternative": violation.alternative,
        "temptation": None if violation.temptation is None else exact_text(violation.temptation),
        "temptation_formula": None if violation.formula is None else exact_text(
            violation.formula),
    }


def gains_first(formula: sympy.Expr) -> str:
    """A sum with its positive terms first: ``renege_gain + salary - patrol_cost``.

    >>> a, b, c = sympy.symbols("a b c")
    >>> gains_first(c - a + b)
    'b + c - a'
    """
    terms = sympy.Add.make_args(sympy.expand(formula))
    plus = [t for t in terms if not t.could_extract_minus_sign()]
    minus = [-t for t in terms if t.could_extract_minus_sign()]
    if not plus:
        return exact_text(formula)
    return " + ".join(exact_text(t) for t in plus) + "".join(
        f" - {exact_text(t)}" for t in minus)


def credibility_json(report: CredibilityReport, name: str) -> str:
    return json.dumps(credibility_document(report, name), indent=2, sort_keys=True) + "\n"


def credibility_text(report: CredibilityReport, name: str, explain: bool = False) -> str:
    """A report for people: the verdict, the temptations, the levers, the region and the
    value of commitment (warnings are not included: print them on standard error).

    >>> from commit_calc.io import load_game
    >>> from commit_calc.credibility.report import credibility_report
    >>> game = load_game("disarm-trust")
    >>> print(credibility_text(credibility_report(game, ["Regime=Honor"]), "disarm-trust"))
    ... # doctest: +ELLIPSIS
    disarm-trust: is the promise credible? (subgame-perfect equilibria)
    promise: Regime: Honor at regime
    <BLANKLINE>
    credible: no
      at regime the Regime would play Renege: 450 more than Honor
        temptation = renege_gain + salary - patrol_cost
    ...
    """
    verdict = report.verdict
    concept = ("perfect Bayesian equilibria" if verdict.concept == "pbe"
               else "subgame-perfect equilibria")
    lines = [f"{name}: is the promise credible? ({concept})"]
    lines += [f"promise: {p.text()}" for p in verdict.promises]
    lines += ["", "credible: " + ("yes: some equilibrium keeps it everywhere it applies"
                                  if verdict.credible else "no")]
    for v in verdict.violations:
        if v.temptation is None:
            lines.append(f"  at {v.where} the {v.player} would play {v.alternative} (never "
                         "reached: what it gains depends on beliefs)")
            continue
        lines.append(f"  at {v.where} the {v.player} would play {v.alternative}: "
                     f"{human_text(v.temptation)} more than {v.promised}")
        if v.formula is not None and v.formula.free_symbols:
            lines.append(f"    temptation = {gains_first(v.formula)}")
    if report.levers:
        heading = ("where it stays credible" if verdict.credible
                   else "what would make it credible")
        lines += ["", f"{heading} (one parameter at a time, the others at their values):"]
        rows = [[lever.parameter, lever.text + ("" if lever.within_bounds
                                                else "  (no value within its bounds)")]
                for lever in report.levers if lever.text not in ("never", "always")]
        lines += table(rows, indent=2) if rows else []
        for kind, words in (("always", "keeps it credible"), ("never", "makes it credible")):
            names = [lever.parameter for lever in report.levers if lever.text == kind]
            if names:
                lines.append(f"  {', '.join(names)}: {'any' if kind == 'always' else 'no'} "
                             f"value {words}")
    if report.condition is not None and len(report.fixed) < len(verdict.game.parameters):
        text = condition_text(report.condition) if report.condition is not sympy.false \
            else "never"
        unresolved = "" if report.resolved else "  (unresolved: parts may be empty)"
        fixed = ", ".join(f"{k} = {exact_text(v)}" for k, v in report.fixed.items())
        lines += ["", "credible exactly where" + (f" (given {fixed})" if fixed else "") + ":",
                  f"  {text}{unresolved}"]
    lines += ["", "value of commitment (payoff with the promise binding - payoff now):"]
    formulas = verdict.value_formulas or {}
    rows = [[p, f"{human_text(verdict.committed[p])} - {human_text(verdict.payoffs[p])} = "
             f"{human_text(value)}",
             exact_text(formulas[p]) if p in formulas and formulas[p].free_symbols else ""]
            for p, value in verdict.value_of_commitment.items()]
    lines += table(rows, indent=2)
    if explain:
        lines += ["", *(PBE_EXPLANATION if verdict.concept == "pbe" else EXPLANATION)]
    return "\n".join(lines) + "\n"


EXPLANATION = [
    "How this is computed:",
    "  credible: the game is solved for every subgame-perfect equilibrium; the promise is",
    "    credible if one of them plays the promised action at every information set where",
    "    it applies, reached or not (a promise off the path must still be worth keeping).",
    "  temptation: in the equilibrium that breaks the promise least often, at each place it",
    "    breaks it, the mover's payoff from the best other action minus that of the promised",
    "    one, everyone playing the equilibrium afterwards; as a formula, from the exact region",
    "    of parameter space holding these values.",
    "  thresholds: each parameter alone, the others at their values: the exact regions along",
    "    it (bounds lifted, so a value outside them is reported as such), checked at each",
    "    boundary and between boundaries.",
    "  region: the union of the exact regions where some equilibrium keeps the promise, in",
    "    the smallest subgames that hold it (the moves above them do not matter).",
    "  value of commitment: each payoff in the game where the promise binds (the other",
    "    actions removed) minus the equilibrium payoff now.",
]

PBE_EXPLANATION = [
    "How this is computed:",
    "  credible: every pure perfect Bayesian equilibrium is found (beliefs by Bayes' rule",
    "    where it applies, any supporting belief elsewhere); the promise is credible if one",
    "    of them plays the promised action at every information set where it applies.",
    "  temptation: in the equilibrium that breaks the promise least often, at each place it",
    "    breaks it, the mover's payoff from the best other action minus that of the promised",
    "    one, the nodes weighted by the beliefs (a formula where Bayes' rule gives them).",
    "  thresholds: each parameter alone, the others at their values: the exact conditions",
    "    of the profiles that keep the promise (as thresholds --concept pbe gives them, the",
    "    parameter's bounds lifted), decided at each of their roots and between them.",
    "  region: the union of the conditions under which some profile that keeps the promise",
    "    is a perfect Bayesian equilibrium.",
    "  value of commitment: each payoff in the game where the promise binds (the other",
    "    actions removed) minus the equilibrium payoff now.",
]
