"""The ``commit-calc repeated GAME --cohorts T`` report: the prior on the committed type that
each cohort needs in order to disarm (Kreps-Wilson), as text or as JSON
(``commit-calc/reputation/1``, described by ``schemas/reputation-1.json``)."""

from __future__ import annotations

import json
from typing import Any

import sympy

from commit_calc.render.conditions import condition_text
from commit_calc.render.numbers import exact_text, human_text
from commit_calc.render.schemas import version_stamp
from commit_calc.repeated.reputation import ReputationReport

#: The value of the ``"format"`` key of the JSON output.
REPUTATION_FORMAT = "commit-calc/reputation/1"


def _formula(expression: sympy.Expr) -> str:
    return str(sympy.factor(expression))


def reputation_document(report: ReputationReport) -> dict[str, Any]:
    """The ``commit-calc/reputation/1`` document as plain Python data."""
    model, values = report.model, report.values
    names = {symbol: name for name, symbol in ((p.name, p.symbol) for p in model.parameters)}
    cohorts = []
    for k, needed in enumerate(report.needed, start=1):
        formula = model.cohort_threshold ** (report.cohorts - k + 1)
        cohorts.append({"cohort": k, "remaining": report.cohorts - k + 1,
                        "prior_needed": exact_text(needed),
                        "prior_needed_formula": _formula(formula),
                        "disarms_surely": bool(report.holds and report.prior > needed)})
    return {
        "format": REPUTATION_FORMAT,
        **version_stamp(),
        "cohorts": report.cohorts,
        "parameters": {names[s]: exact_text(v) for s, v in values.items()},
        "prior_parameter": names[model.prior],
        "cohort_threshold": exact_text(report.threshold),
        "cohort_threshold_formula": _formula(model.cohort_threshold),
        "join_at_threshold": exact_text(sympy.Rational(model.join_at_threshold.xreplace(values))),
        "join_at_threshold_formula": _formula(model.join_at_threshold),
        "kreps_wilson": "prior_needed(k) = cohort_threshold**(T - k + 1)",
        "conditions": [str(c) for c in model.conditions],
        "conditions_hold": report.holds,
        "priors_needed": cohorts,
        "checked": report.checked,
        "pbe_first_cohort": None if report.pbe_first_cohort is None
        else list(report.pbe_first_cohort),
    }


def reputation_json(report: ReputationReport) -> str:
    return json.dumps(reputation_document(report), indent=2, sort_keys=True)


def reputation_text(report: ReputationReport) -> str:
    """The report for people."""
    model, values, t = report.model, report.values, report.cohorts
    prior_name = next(p.name for p in model.parameters if p.symbol == model.prior)
    lines = [f"Reputation across {t} cohort{'s' if t > 1 else ''} (Kreps and Wilson 1982): "
             f"{prior_name} = {human_text(report.prior)}",
             "A cohort disarms iff the regime honours with probability at least",
             f"  q = {_formula(model.cohort_threshold)} = {human_text(report.threshold)}",
             "Prior on the committed type that cohort k needs in order to disarm "
             "(Kreps-Wilson chain store: q**(T - k + 1)):"]
    at_threshold = sympy.Rational(model.join_at_threshold.xreplace(values))
    for k, needed in enumerate(report.needed, start=1):
        mark = "" if not report.holds else "disarms" if report.prior > needed else \
            f"disarms with probability {human_text(at_threshold)}" if report.prior == needed \
            else "not surely: the regime is tested first"
        lines.append(f"  cohort {k}: q**{t - k + 1} = {human_text(needed)}"
                     + (f"  (at this prior: {mark})" if mark else ""))
    lines += [f"A cohort exactly at its threshold disarms with probability "
              f"{_formula(model.join_at_threshold)} = {human_text(at_threshold)}",
              "Where this holds: " + "; ".join(condition_text(c) for c in model.conditions),
              f"  at these values: {'yes' if report.holds else 'no'}"]
    if report.checked is not None:
        lines.append(f"Checked on the {t}-cohort game (beliefs by Bayes' rule on every "
                     "history, every cohort's and the regime's choice): "
                     + ("an equilibrium" if report.checked else "NOT an equilibrium here"))
    if report.pbe_first_cohort is not None:
        found = report.pbe_first_cohort
        lines.append("Pure perfect Bayesian equilibria of the two-cohort tree (solve --concept "
                     "pbe): " + (f"{len(found)}, cohort 1 plays " + ", ".join(found) if found
                                 else "none (the equilibrium mixes)"))
    return "\n".join(lines) + "\n"
