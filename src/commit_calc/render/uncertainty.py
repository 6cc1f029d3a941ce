"""An :class:`~commit_calc.uncertainty.analysis.Uncertainty` as text, JSON or CSV samples.

The JSON form is ``commit-calc/uncertainty/1``, described by ``schemas/uncertainty-1.json``
and ``docs/reference/uncertainty.md``.
"""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

from commit_calc.render.numbers import exact_text, human_text
from commit_calc.render.schemas import version_stamp
from commit_calc.render.tables import table
from commit_calc.uncertainty.analysis import Probability, Uncertainty
from commit_calc.uncertainty.levers import LeverResult

#: The value of the ``"format"`` key of the JSON output.
UNCERTAINTY_FORMAT = "commit-calc/uncertainty/1"

_METHODS = {
    "exact": "exact probabilities (exact regions integrated); payoffs from samples",
    "mc": "Monte Carlo over the exact regions",
    "qmc": "quasi-Monte Carlo (scrambled Sobol points) over the exact regions",
    "points": "Monte Carlo, each sample solved exactly",
}


def uncertainty_document(result: Uncertainty, name: str, lever: LeverResult | None = None
                         ) -> dict[str, Any]:
    """The ``commit-calc/uncertainty/1`` document as plain Python data."""
    document: dict[str, Any] = {
        "format": UNCERTAINTY_FORMAT,
        **version_stamp(),
        "game": name,
        "method": result.method,
        "samples": result.samples,
        "seed": result.seed,
        "distributions": {b.parameter: b.text for b in result.beliefs},
        "values": {k: exact_text(v) for k, v in result.values.items()},
        "outcomes": [_probability(p) for p in result.outcomes],
        "equilibrium_sets": [_probability(p) for p in result.sets],
        "invalid": None if result.invalid is None else _probability(result.invalid),
        "payoffs": {s.player: {"mean": s.mean,
                               "quantiles": {str(q): v for q, v in s.quantiles.items()}}
                    for s in result.payoffs},
        "warnings": list(result.warnings),
    }
    if result.sensitivity is not None:
        document["sensitivity"] = result.sensitivity
    if lever is not None:
        document["lever"] = {
            "parameter": lever.parameter, "outcome": lever.outcome,
            "target": exact_text(lever.target), "method": lever.method,
            "value": None if lever.value is None else exact_text(lever.value),
            "probability": None if lever.probability is None else exact_text(
                lever.probability),
            "estimate": lever.estimate,
            "curve": [{"value": exact_text(p.value), "estimate": p.estimate,
                       "probability": None if p.probability is None else exact_text(
                           p.probability)} for p in lever.curve],
        }
    return document


def _probability(p: Probability) -> dict[str, Any]:
    return {
        "outcome": p.outcome,
        "probability": None if p.probability is None else exact_text(p.probability),
        "estimate": p.estimate,
        "standard_error": p.standard_error,
        "interval": None if p.interval is None else list(p.interval),
    }


def uncertainty_json(result: Uncertainty, name: str, lever: LeverResult | None = None) -> str:
    return json.dumps(uncertainty_document(result, name, lever), indent=2,
                      sort_keys=True) + "\n"


def uncertainty_text(result: Uncertainty, name: str, lever: LeverResult | None = None) -> str:
    """A report for people: the beliefs, each outcome's probability, the payoffs."""
    lines = [f"{name}: how likely is each outcome?",
             f"method: {_METHODS[result.method]}",
             f"samples: {result.samples:,} (seed {result.seed})", "", "beliefs"]
    lines += table([[b.parameter, b.text] for b in result.beliefs], indent=2)
    lines += ["", "outcomes (the probability that each is an equilibrium outcome)"]
    lines += table([[p.outcome, _number(p)] for p in result.outcomes], indent=2)
    if len(result.sets) != len(result.outcomes):
        lines += ["", "equilibrium sets"]
        lines += table([[p.outcome, _number(p)] for p in result.sets], indent=2)
    if result.invalid is not None:
        lines += ["", f"undefined (a chance probability outside [0, 1]): "
                      f"{_number(result.invalid)}"]
    if result.payoffs:
        lines += ["", "equilibrium payoffs (mean; 5%, 50%, 95% quantiles)"]
        lines += table([[s.player, f"{s.mean:.6g}", "; ".join(
            f"{s.quantiles[q]:.6g}" for q in (0.05, 0.5, 0.95))] for s in result.payoffs],
            indent=2)
    if result.sensitivity is not None:
        lines += ["", "sensitivity (Sobol indices: first order / total)"]
        for quantity, indices in result.sensitivity.items():
            lines.append(f"  {quantity}")
            lines += table([[n, f"{v['first']:.3f} / {v['total']:.3f}"]
                            for n, v in indices.items()], indent=4)
    if lever is not None:
        lines += ["", f"lever: the smallest {lever.parameter} at which an outcome starting with "
                      f"'{lever.outcome}' has probability >= {lever.target}"]
        if lever.value is None:
            lines.append("  none in the range searched")
        else:
            shown = exact_text(lever.probability) if lever.probability is not None else (
                f"{lever.estimate:.4f}, its 95% interval above the target")
            lines.append(f"  {lever.parameter} = {human_text(lever.value)}  (probability "
                         f"{shown})")
    return "\n".join(lines) + "\n"


def _number(p: Probability) -> str:
    if p.probability is not None:
        exact = exact_text(p.probability)
        return exact if exact == f"{p.estimate:.6g}" else f"{exact}  (= {p.estimate:.6g})"
    if p.interval is None or p.standard_error is None or math.isnan(p.estimate):
        return f"{p.estimate:.6g}"
    return (f"{p.estimate:.4f} +- {p.standard_error:.4f}  "
            f"(95%: {p.interval[0]:.4f} to {p.interval[1]:.4f})")


def samples_csv(result: Uncertainty) -> str:
    """One row per sample: the uncertain parameters' values and the equilibrium set there."""
    drawn, codes = result.drawn, result.codes
    assert drawn is not None and codes is not None, "samples are kept with every result"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*drawn.names, "stream", "equilibria"])
    for i in range(drawn.count):
        label = result.labels[codes[i]] if codes[i] >= 0 else "undefined"
        writer.writerow([*(repr(float(c[i])) for c in drawn.columns), int(drawn.stream[i]),
                         label])
    return out.getvalue()
