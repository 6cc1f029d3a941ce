"""``thresholds --concept pbe`` in text and JSON: where each pure perfect Bayesian equilibrium
exists, as exact conditions on the parameters."""

from __future__ import annotations

import json
from typing import Any

from commit_calc.beliefs.regions import BeliefRegion, BeliefRegions, condition_text


def _strategies(found: BeliefRegions, region: Any) -> dict[str, dict[str, str]]:
    """{player: {information set: action}} of a region's profile."""
    strategies: dict[str, dict[str, str]] = {}
    for infoset in found.game.infosets:
        strategies.setdefault(infoset.player, {})[infoset.label] = region.choices[infoset.label]
    return strategies


def belief_regions_document(found: BeliefRegions, name: str) -> dict[str, Any]:
    """The ``commit-calc/thresholds/1`` document with ``concept`` "pbe": one region entry per
    pure perfect Bayesian equilibrium, with the condition (a disjunction) where it exists;
    entries overlap (several equilibria can exist at one point)."""
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
            "condition": "True" if region.terms == ((),) else str(region.condition()),
            "always": region.terms == ((),),
            "resolved": region.resolved,
            "outcome": region.outcome,
            "strategies": _strategies(found, region),
            "payoffs": {p: str(v) for p, v in zip(found.game.players, region.payoffs)},
            "behaviour": {player: {label: {action: "1"} for label, action in choices.items()}
                          for player, choices in _strategies(found, region).items()},
            **_refinement_keys(region),
        } for number, region in enumerate(found.regions, start=1)],
        "thresholds": [],
        "comparative_statics": [],
    }


def _refinement_keys(region: BeliefRegion) -> dict[str, Any]:
    """``refinements``: per refinement, where the equilibrium exists and survives it (only
    in signalling games)."""
    if region.refinements is None:
        return {}
    return {"refinements": {
        name: {"condition": str(region.survives(name)),
               "wherever_it_exists": set(terms) == set(region.terms),
               "nowhere": not terms,
               "resolved": region.refinements_resolved}
        for name, terms in region.refinements.items()}}


def _refinement_lines(region: BeliefRegion) -> list[str]:
    """Where the equilibrium survives each refinement, as text."""
    from commit_calc.render.beliefs import REFINEMENT_NAMES

    lines = []
    for name, terms in (region.refinements or {}).items():
        title = f"  survives {'the ' if name == 'intuitive_criterion' else ''}" \
                f"{REFINEMENT_NAMES.get(name, name)}"
        if set(terms) == set(region.terms):
            lines.append(f"{title} wherever it exists")
        elif not terms:
            lines.append(f"{title} nowhere")
        else:
            lines.append(f"{title} where")
            lines += [f"    {'or ' if k else ''}"
                      f"{' and '.join(condition_text(c) for c in term) or 'always'}"
                      for k, term in enumerate(terms)]
    if region.refinements is not None and not region.refinements_resolved:
        lines.append("  (refinement conditions not all proved non-empty: unresolved)")
    return lines


def belief_regions_json(found: BeliefRegions, name: str) -> str:
    return json.dumps(belief_regions_document(found, name), indent=2, sort_keys=True) + "\n"


def belief_regions_text(found: BeliefRegions, name: str) -> str:
    """One block per pure perfect Bayesian equilibrium: its choices and where it exists."""
    lines = [f"Pure perfect Bayesian equilibria of {name} by region"]
    if found.fixed:
        lines.append("Fixed: " + ", ".join(f"{k}={v}" for k, v in found.fixed.items()))
    for number, region in enumerate(found.regions, start=1):
        choices = ", ".join(f"{k}: {v}" for k, v in region.choices.items())
        lines += ["", f"equilibrium {number}: {choices}", "  exists where"]
        for k, term in enumerate(region.terms):
            text = " and ".join(condition_text(c) for c in term) or "always"
            lines.append(f"    {'or ' if k else ''}{text}")
        if not region.resolved:
            lines.append("  (not proved non-empty: unresolved)")
        lines += _refinement_lines(region)
    if not found.regions:
        lines.append("no pure perfect Bayesian equilibrium anywhere")
    return "\n".join(lines) + "\n"
