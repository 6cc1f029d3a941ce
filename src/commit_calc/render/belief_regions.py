"""``thresholds --concept pbe`` in text, JSON and LaTeX: where each pure perfect Bayesian
equilibrium exists (and, in a signalling game, survives each refinement), as exact conditions
on the parameters; with ``--for NAME`` the conditions solved for it and the thresholds."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sympy

from commit_calc.analysis.report import threshold_records
from commit_calc.analysis.thresholds import Threshold
from commit_calc.beliefs.region_thresholds import solved, solved_condition, symbolic_parameter
from commit_calc.beliefs.regions import BeliefRegion, BeliefRegions, Condition, condition_text
from commit_calc.render.latex import latex_math, latex_name, latex_text

_REFINEMENT_NAMES = {"intuitive_criterion": "the Intuitive Criterion", "d1": "D1"}


def _strategies(found: BeliefRegions, region: Any) -> dict[str, dict[str, str]]:
    """{player: {information set: action}} of a region's profile."""
    strategies: dict[str, dict[str, str]] = {}
    for infoset in found.game.infosets:
        strategies.setdefault(infoset.player, {})[infoset.label] = region.choices[infoset.label]
    return strategies


def _symbol(found: BeliefRegions, solve_for: str | None) -> sympy.Symbol | None:
    return symbolic_parameter(found, solve_for) if solve_for else None


def belief_regions_document(found: BeliefRegions, name: str,
                            thresholds: Sequence[Threshold] = (),
                            solve_for: str | None = None) -> dict[str, Any]:
    """The ``commit-calc/thresholds/1`` document with ``concept`` "pbe": one region entry per
    pure perfect Bayesian equilibrium, with the condition (a disjunction) where it exists;
    entries overlap (several equilibria can exist at one point). With ``solve_for``, the
    conditions are solved for it where linear, and ``thresholds`` are listed."""
    symbol = _symbol(found, solve_for)
    from commit_calc.analysis.report import THRESHOLDS_FORMAT
    from commit_calc.render.schemas import version_stamp

    symbols = sorted({str(s) for region in found.regions for term in region.terms
                      for e, _ in term for s in e.free_symbols})
    return {
        "format": THRESHOLDS_FORMAT,
        **version_stamp(),
        "game": name,
        "concept": "pbe",
        "fixed": {k: str(v) for k, v in found.fixed.items()},
        "symbolic": symbols,
        "complete": True,
        "warnings": list(found.warnings),
        "regions": [{
            "region": number,
            "condition": "True" if region.terms == ((),) else str(
                region.condition() if symbol is None
                else solved_condition(region.terms, symbol)),
            "always": region.terms == ((),),
            "resolved": region.resolved,
            "outcome": region.outcome,
            "strategies": _strategies(found, region),
            "payoffs": {p: str(v) for p, v in zip(found.game.players, region.payoffs)},
            "behaviour": {player: {label: {action: "1"} for label, action in choices.items()}
                          for player, choices in _strategies(found, region).items()},
            **_refinement_keys(region, symbol),
        } for number, region in enumerate(found.regions, start=1)],
        "thresholds": threshold_records(thresholds),
        "comparative_statics": [],
    }


def _refinement_keys(region: BeliefRegion, symbol: sympy.Symbol | None) -> dict[str, Any]:
    """``refinements``: per refinement, where the equilibrium exists and survives it (only
    in signalling games)."""
    if region.refinements is None:
        return {}
    return {"refinements": {
        name: {"condition": str(region.survives(name) if symbol is None
                                else solved_condition(terms, symbol)),
               "wherever_it_exists": set(terms) == set(region.terms),
               "nowhere": not terms,
               "resolved": region.refinements_resolved}
        for name, terms in region.refinements.items()}}


def _text(condition: Condition, symbol: sympy.Symbol | None) -> str:
    if symbol is None:
        return condition_text(condition)
    from commit_calc.render.conditions import condition_text as relation_text

    return relation_text(solved(condition, symbol))


def _term_lines(terms: Sequence[tuple[Condition, ...]], symbol: sympy.Symbol | None
                ) -> list[str]:
    return [f"    {'or ' if k else ''}"
            f"{' and '.join(_text(c, symbol) for c in term) or 'always'}"
            for k, term in enumerate(terms)]


def _refinement_lines(region: BeliefRegion, symbol: sympy.Symbol | None) -> list[str]:
    """Where the equilibrium survives each refinement, as text."""
    lines = []
    for name, terms in (region.refinements or {}).items():
        title = f"  survives {_REFINEMENT_NAMES.get(name, name)}"
        if set(terms) == set(region.terms):
            lines.append(f"{title} wherever it exists")
        elif not terms:
            lines.append(f"{title} nowhere")
        else:
            lines.append(f"{title} where")
            lines += _term_lines(terms, symbol)
    if region.refinements is not None and not region.refinements_resolved:
        lines.append("  (refinement conditions not all proved non-empty: unresolved)")
    return lines


def belief_regions_json(found: BeliefRegions, name: str, thresholds: Sequence[Threshold] = (),
                        solve_for: str | None = None) -> str:
    return json.dumps(belief_regions_document(found, name, thresholds, solve_for), indent=2,
                      sort_keys=True) + "\n"


def belief_regions_text(found: BeliefRegions, name: str, thresholds: Sequence[Threshold] = (),
                        solve_for: str | None = None) -> str:
    """One block per pure perfect Bayesian equilibrium: its choices, where it exists and
    where it survives each refinement; then the thresholds for ``solve_for``."""
    symbol = _symbol(found, solve_for)
    lines = [f"Pure perfect Bayesian equilibria of {name} by region"]
    if found.fixed:
        lines.append("Fixed: " + ", ".join(f"{k}={v}" for k, v in found.fixed.items()))
    for number, region in enumerate(found.regions, start=1):
        choices = ", ".join(f"{k}: {v}" for k, v in region.choices.items())
        lines += ["", f"equilibrium {number}: {choices}", "  exists where"]
        lines += _term_lines(region.terms, symbol)
        if not region.resolved:
            lines.append("  (not proved non-empty: unresolved)")
        lines += _refinement_lines(region, symbol)
    if not found.regions:
        lines.append("no pure perfect Bayesian equilibrium anywhere")
    if thresholds:
        lines += ["", f"thresholds for {thresholds[0].parameter}:"]
        for t in thresholds:
            value = "" if t.value is None or t.value == t.formula else f"  (= {t.value} here)"
            where = "" if t.coefficient.is_number else f"where {t.coefficient} != 0; "
            lines += [f"  {t.parameter} = {t.formula}{value}",
                      f"    {where}bounds equilibria "
                      + ", ".join(str(k + 1) for k in t.regions)]
    return "\n".join(lines) + "\n"


def belief_regions_latex(found: BeliefRegions, name: str,
                         thresholds: Sequence[Threshold] = (),
                         solve_for: str | None = None) -> str:
    r"""The equilibria and their conditions as a LaTeX ``description`` list (a fragment for a
    document that loads ``amsmath``; every name escaped, as
    :func:`commit_calc.analysis.report.thresholds_latex` writes Nash regions)."""
    symbol = _symbol(found, solve_for)

    def maths(terms: Sequence[tuple[Condition, ...]]) -> str:
        if any(not term for term in terms):
            return r"\text{always}"
        return latex_math(solved_condition(tuple(terms), symbol))

    lines = [f"% commit-calc thresholds --concept pbe for {latex_text(name)} "
             "(needs \\usepackage{amsmath})", r"\begin{description}"]
    for number, region in enumerate(found.regions, start=1):
        choices = ", ".join(f"{k}: {v}" for k, v in region.choices.items())
        lines.append(rf"\item[Equilibrium {number}] {latex_text(choices)}")
        lines.append(r"  \begin{itemize}")
        lines.append(rf"    \item{{}} exists where ${maths(region.terms)}$")
        for refinement, terms in (region.refinements or {}).items():
            title = latex_text(f"survives {_REFINEMENT_NAMES.get(refinement, refinement)}")
            where = ("wherever it exists" if set(terms) == set(region.terms)
                     else "nowhere" if not terms else f"where ${maths(terms)}$")
            lines.append(rf"    \item{{}} {title} {where}")
        lines.append(r"  \end{itemize}")
    lines.append(r"\end{description}")
    if thresholds:
        lines.append(r"\begin{itemize}")
        lines += [rf"  \item ${latex_name(t.parameter)} = {latex_math(t.formula)}$"
                  for t in thresholds]
        lines.append(r"\end{itemize}")
    return "\n".join(lines) + "\n"
