"""The beliefs of a :class:`~commit_calc.beliefs.assessment.BeliefEquilibrium` in JSON and
text: Bayes' rule where the equilibrium goes, the exact condition and an example elsewhere,
and for signalling games the classification and refinements."""

from __future__ import annotations

from typing import Any

from commit_calc.beliefs.assessment import BeliefEquilibrium, node_descriptions, rational
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.render.numbers import exact_text, human_text
from commit_calc.render.tables import table

REFINEMENT_NAMES = {"intuitive_criterion": "Intuitive Criterion", "d1": "D1"}


def belief_keys(game: ExtensiveFormGame, equilibrium: BeliefEquilibrium) -> dict[str, Any]:
    """The JSON keys ``beliefs``, ``off_path_beliefs`` and, for signalling games,
    ``classification`` and ``refinements``."""
    assessment = equilibrium.assessment
    beliefs: dict[str, Any] = {}
    for infoset, belief, reached in zip(game.infosets, assessment.beliefs, assessment.reached):
        if reached and len(infoset.members) > 1:
            beliefs[infoset.label] = {game.nodes[m].name: exact_text(rational(p))
                                      for m, p in zip(infoset.members, belief)}
    off_path = {
        record.infoset: {
            "condition": record.condition,
            "example": {game.nodes[m].name: exact_text(rational(p)) for m, p in
                        zip(game.infoset(record.infoset).members, record.example)},
        }
        for record in assessment.off_path
    }
    keys: dict[str, Any] = {"beliefs": beliefs, "off_path_beliefs": off_path}
    if equilibrium.classification is not None:
        keys["classification"] = equilibrium.classification
    if equilibrium.refinements is not None:
        keys["refinements"] = dict(equilibrium.refinements)
        if equilibrium.refinement_reasons:
            keys["refinement_reasons"] = dict(equilibrium.refinement_reasons)
    return keys


def belief_lines(game: ExtensiveFormGame, equilibrium: BeliefEquilibrium) -> list[str]:
    """The text lines: a Beliefs section (if any set has several nodes) and the signalling
    verdicts."""
    assessment = equilibrium.assessment
    rows = []
    off = {record.infoset: record for record in assessment.off_path}
    for infoset, belief, reached in zip(game.infosets, assessment.beliefs, assessment.reached):
        if len(infoset.members) == 1:
            continue
        names = node_descriptions(game, infoset.members)
        shown = ", ".join(f"{n} {human_text(rational(p))}" for n, p in zip(names, belief))
        if reached:
            rows.append([f"at {infoset.label}:", shown, "(Bayes' rule)"])
        elif infoset.label in off:
            rows.append([f"at {infoset.label}:", off[infoset.label].condition,
                         f"(off the path; e.g. {shown})"])
    lines = []
    if rows:
        lines += ["  Beliefs"] + table(rows, indent=4)
    if equilibrium.classification is not None:
        lines.append(f"  Signalling: {equilibrium.classification}")
    for key, passes in (equilibrium.refinements or {}).items():
        verdict = "survives" if passes else "fails: " + equilibrium.refinement_reasons.get(key, "")
        lines.append(f"    {REFINEMENT_NAMES.get(key, key)} {verdict}")
    return lines
