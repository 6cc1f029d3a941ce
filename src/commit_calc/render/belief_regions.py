"""``thresholds --concept pbe`` in text and JSON: where each pure perfect Bayesian equilibrium
exists, as exact conditions on the parameters."""

from __future__ import annotations

import json
from typing import Any

from commit_calc.beliefs.regions import BeliefRegions, condition_text


def _condition(terms: Any) -> str:
    parts = [" and ".join(condition_text(c) for c in term) or "always" for term in terms]
    return " or ".join(f"({p})" if len(parts) > 1 else p for p in parts)


def belief_regions_document(found: BeliefRegions, name: str) -> dict[str, Any]:
    """The ``commit-calc/thresholds/1`` document with ``concept`` "pbe": one region entry per
    equilibrium, its ``condition`` (a disjunction) and its ``behaviour``."""
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
            "condition": _condition(region.terms),
            "always": region.terms == ((),),
            "resolved": region.resolved,
            "behaviour": dict(region.choices),
        } for number, region in enumerate(found.regions, start=1)],
        "thresholds": [],
        "comparative_statics": [],
    }


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
    if not found.regions:
        lines.append("no pure perfect Bayesian equilibrium anywhere")
    return "\n".join(lines) + "\n"
