"""Thresholds and sweeps as JSON documents, text and LaTeX (strings only; nothing printed).

JSON formats:

* ``commit-calc/thresholds/1``: ``regions`` has one entry per equilibrium of each region,
  ``{"region": K, "condition", "always", "resolved", "outcome", "strategies", "payoffs"}``;
  entries sharing ``region`` hold at the same points (ties give several). Conditions and
  payoffs are sympy text in the parameter names (``sympy.sympify`` reads them back).
  ``thresholds`` lists the boundaries solved for ``--for`` and ``comparative_statics`` the
  signs of derivatives.
* ``commit-calc/sweep/1``: one row per grid point with its exact values (as strings) and every
  equilibrium's outcome and payoffs. A point outside the parameters' domain (a chance
  probability outside [0, 1]) has no equilibria (``"equilibria": []``, a point inside always
  has one); ``invalid`` counts such points and says why they are left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import sympy

from commit_calc.analysis.domain import INVALID_REASON, InvalidPoint
from commit_calc.analysis.regions import Region, RegionAnalysis, RegionEquilibrium
from commit_calc.analysis.sweep import Axis, SweepResult
from commit_calc.analysis.thresholds import Sensitivity, Threshold
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.render.conditions import condition_text
from commit_calc.render.latex import latex_math, latex_name, latex_text
from commit_calc.render.schemas import version_stamp

THRESHOLDS_FORMAT = "commit-calc/thresholds/1"
SWEEP_FORMAT = "commit-calc/sweep/1"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def _condition(region: Region, solve_for: sympy.Symbol | None) -> str:
    return str(region.condition_for(solve_for))


def threshold_records(found: Sequence[Threshold]) -> list[dict[str, Any]]:
    """The ``thresholds`` entries of a ``commit-calc/thresholds/1`` document."""
    return [{
        "parameter": t.parameter,
        "formula": str(t.formula),
        "boundary": f"{t.key} = 0",
        "valid_where": "True" if t.coefficient.is_number else f"{t.coefficient} != 0",
        "value": None if t.value is None else str(t.value),
        "value_float": None if t.value is None else float(t.value),
        "increasing": t.increasing,
        "regions": [k + 1 for k in t.regions],
    } for t in found]


def thresholds_document(
    analysis: RegionAnalysis, name: str, found: Sequence[Threshold] = (),
    statics: Sequence[Sensitivity] = (), solve_for: str | None = None,
) -> dict[str, Any]:
    """The ``commit-calc/thresholds/1`` JSON document."""
    symbol = analysis.symbols.get(solve_for) if solve_for else None
    regions = []
    for number, region in enumerate(analysis.regions, start=1):
        for equilibrium in region.equilibria:
            entry = {
                "region": number,
                "condition": _condition(region, symbol),
                "always": region.always,
                "resolved": region.resolved,
                "outcome": equilibrium.outcome,
                "strategies": {p: {k: str(v) for k, v in s.items()}
                               for p, s in equilibrium.strategies.items()},
                "payoffs": {p: str(v) for p, v in equilibrium.payoffs.items()},
            }
            if isinstance(analysis.game, ExtensiveFormGame):
                entry["behaviour"] = _behaviour(analysis.game, equilibrium)
            regions.append(entry)
    return {
        "format": THRESHOLDS_FORMAT,
        **version_stamp(),
        "game": name,
        "concept": analysis.concept,
        "fixed": {k: str(v) for k, v in analysis.fixed.items()},
        "symbolic": list(analysis.symbols),
        "complete": analysis.complete,
        "warnings": list(analysis.warnings),
        "regions": regions,
        "thresholds": threshold_records(found),
        "comparative_statics": [
            {"quantity": s.quantity, "parameter": s.parameter, "sign": s.sign} for s in statics
        ],
    }


def thresholds_json(*args: Any, **kwargs: Any) -> str:
    return json.dumps(thresholds_document(*args, **kwargs), indent=2, sort_keys=True) + "\n"


def thresholds_text(
    analysis: RegionAnalysis, name: str, found: Sequence[Threshold] = (),
    statics: Sequence[Sensitivity] = (), solve_for: str | None = None,
) -> str:
    """A readable report: regions with their equilibria, thresholds, comparative statics."""
    symbol = analysis.symbols.get(solve_for) if solve_for else None
    concept = "subgame-perfect" if analysis.concept == "spe" else "Nash"
    lines = [f"{name}: {concept} equilibria by region of parameter space"]
    if analysis.fixed:
        lines.append("fixed: " + ", ".join(f"{k} = {v}" for k, v in analysis.fixed.items()))
    lines.append("symbolic: " + (", ".join(analysis.symbols) or "none"))
    described: dict[int, list[str]] = {}  # regions share equilibria: write each once
    for number, region in enumerate(analysis.regions, start=1):
        condition = "always" if region.always else condition_text(
            region.condition_for(symbol))
        note = "" if region.resolved else "  (unresolved: may be empty)"
        lines.append("")
        lines.append(f"region {number}: {condition}{note}")
        for equilibrium in region.equilibria:
            if id(equilibrium) not in described:
                described[id(equilibrium)] = _equilibrium_lines(analysis.game, equilibrium)
            lines += described[id(equilibrium)]
    if found:
        lines += ["", f"thresholds for {found[0].parameter}:"]
        for t in found:
            value = ""
            if t.value is not None and t.value != t.formula:
                value = f"  (= {t.value} here)"
            if t.value is not None and not t.value.is_Integer:
                value += f"  ~ {float(t.value):.6g}"
            regions = ", ".join(str(k + 1) for k in t.regions)
            lines.append(f"  {t.parameter} = {t.formula}{value}")
            condition = "" if t.coefficient.is_number else f"where {t.coefficient} != 0; "
            lines.append(f"    {condition}bounds regions {regions}")
    if statics:
        lines += ["", "comparative statics (sign of the derivative):"]
        for s in statics:
            lines.append(f"  d[{s.quantity}]/d{s.parameter}: {s.sign}")
    for message in analysis.warnings:
        lines.append(f"note: {message}")
    return "\n".join(lines) + "\n"


def _behaviour(game: ExtensiveFormGame, equilibrium: RegionEquilibrium
               ) -> dict[str, dict[str, dict[str, str]]]:
    """``{player: {information set: {action: probability}}}``, actions played with a
    probability that is not identically 0."""
    behaviour: dict[str, dict[str, dict[str, str]]] = {p: {} for p in game.players}
    for infoset, distribution in zip(game.infosets, equilibrium.distributions):
        behaviour[infoset.player][infoset.label] = {
            a: str(x) for a, x in zip(infoset.actions, distribution) if x != 0}
    return behaviour


def _equilibrium_lines(game: object, equilibrium: RegionEquilibrium) -> list[str]:
    strategies = equilibrium.strategies
    if isinstance(game, ExtensiveFormGame):  # a mixing mover's probabilities, not mix(A, B)
        strategies = {p: {k: _mixture(m) if len(m) > 1 else next(iter(m)) for k, m in s.items()}
                      for p, s in _behaviour(game, equilibrium).items()}
    text = "; ".join(
        f"{p}: " + ", ".join(f"{k}={v}" for k, v in s.items())
        for p, s in strategies.items() if s)
    return [f"  {equilibrium.outcome}", f"    strategies: {text}",
            "    payoffs: " + ", ".join(f"{p} = {v}" for p, v in equilibrium.payoffs.items())]


def _mixture(probabilities: dict[str, str]) -> str:
    return "(" + ", ".join(f"{a} {x}" for a, x in probabilities.items()) + ")"


def thresholds_latex(
    analysis: RegionAnalysis, name: str, found: Sequence[Threshold] = (),
    statics: Sequence[Sensitivity] = (), solve_for: str | None = None,
) -> str:
    r"""The regions (and thresholds) as a LaTeX ``description`` list with math conditions.

    A fragment for a document that loads ``amsmath``; every name is escaped
    (:mod:`commit_calc.render.latex`), so any player, action or parameter name compiles.
    """
    symbol = analysis.symbols.get(solve_for) if solve_for else None
    lines = [f"% commit-calc thresholds for {latex_text(name)} (needs \\usepackage{{amsmath}})",
             r"\begin{description}"]
    for number, region in enumerate(analysis.regions, start=1):
        condition = r"\text{always}" if region.always else latex_math(
            region.condition_for(symbol))
        lines.append(rf"\item[Region {number}] ${condition}$")
        lines.append(r"  \begin{itemize}")
        for equilibrium in region.equilibria:
            payoffs = ", ".join(f"u_{{\\text{{{latex_text(p)}}}}} = {latex_math(v)}"
                                for p, v in equilibrium.payoffs.items())
            lines.append(rf"    \item{{}} {latex_text(equilibrium.outcome)}: ${payoffs}$")
        lines.append(r"  \end{itemize}")
    lines.append(r"\end{description}")
    if found:
        lines.append(r"\begin{itemize}")
        for t in found:
            lines.append(rf"  \item ${latex_name(t.parameter)} = {latex_math(t.formula)}$")
        lines.append(r"\end{itemize}")
    if statics:
        lines.append(r"\begin{itemize}")
        lines += [rf"  \item $\partial/\partial {latex_name(s.parameter)}$ "
                  rf"of {latex_text(s.quantity)}: {_SIGNS_LATEX.get(s.sign, latex_text(s.sign))}"
                  for s in statics]
        lines.append(r"\end{itemize}")
    return "\n".join(lines) + "\n"


#: Signs of derivatives as LaTeX (``>= 0`` printed as text read ``\textgreater{}= 0``).
_SIGNS_LATEX = {"+": "$+$", "-": "$-$", "0": "$0$", ">= 0": r"$\geq 0$", "<= 0": r"$\leq 0$",
                "?": "?"}


# Sweeps ---------------------------------------------------------------------------------------


def _invalid_codes(result: SweepResult) -> list[int]:
    """The classes of points outside the parameters' domain."""
    return [c for c, found in enumerate(result.classes) if isinstance(found, InvalidPoint)]


def sweep_document(result: SweepResult, name: str) -> dict[str, Any]:
    """The ``commit-calc/sweep/1`` JSON document (every grid point)."""
    return {
        "invalid": {"count": int(np.isin(result.codes, _invalid_codes(result)).sum()),
                    "reason": "; ".join(sorted({result.classes[c].reason
                                                for c in _invalid_codes(result)}))
                    or INVALID_REASON},
        "format": SWEEP_FORMAT,
        **version_stamp(),
        "game": name,
        "method": result.method,
        "fixed": {k: str(v) for k, v in result.fixed.items()},
        "vary": [{"name": a.name, "start": str(a.start), "stop": str(a.stop), "count": a.count}
                 for a in result.axes],
        "rows": [
            {**{a.name: str(row[a.name]) for a in result.axes},
             "equilibria": [{"outcome": e.outcome,
                             "payoffs": dict(zip(result.players, map(str, e.payoffs)))}
                            for e in row["equilibria"]]}
            for row in result.rows()
        ],
    }


def sweep_json(result: SweepResult, name: str) -> str:
    return json.dumps(sweep_document(result, name), indent=2, sort_keys=True) + "\n"


def sweep_csv(result: SweepResult) -> Iterator[str]:
    """CSV text in chunks: a header, then one line per grid point and equilibrium."""
    yield ",".join(result.header()) + "\n"
    batch: list[str] = []
    for line in result.csv_lines():
        batch.append(line)
        if len(batch) >= 10000:
            yield "\n".join(batch) + "\n"
            batch = []
    if batch:
        yield "\n".join(batch) + "\n"


def outcome_names(result: SweepResult, *, distinguish: bool = True) -> list[str]:
    """Name of each class: its outcome labels joined by `` / `` (ties show several).

    With ``distinguish``, equilibria with the same outcome but different strategies (the
    choices off the path) name the choices that tell them apart, ``Stay armed
    (regime_reliable: Renege)``, so different classes never share a name.
    """
    plain = [" / ".join(result.outcomes(c)) for c in range(len(result.classes))]
    if not distinguish:
        return plain
    plans: dict[str, list[set[str]]] = {}
    for found in result.classes:
        for equilibrium in getattr(found, "equilibria", ()):
            plans.setdefault(equilibrium.outcome, []).append(_choices(equilibrium))
    names = []
    for c, found in enumerate(result.classes):
        if not isinstance(found, Region):
            names.append(plain[c])
            continue
        parts = []
        for equilibrium in found.equilibria:
            seen = plans[equilibrium.outcome]
            own = _choices(equilibrium) - seen[0].intersection(*seen[1:])
            parts.append(equilibrium.outcome + (
                f" ({', '.join(sorted(own))})" if own and len(seen) > 1 else ""))
        names.append(" / ".join(parts))
    return names


def _choices(equilibrium: Any) -> set[str]:
    """``"node: action"`` for every choice of an equilibrium's strategies."""
    return {f"{where}: {action}" for strategy in equilibrium.strategies.values()
            for where, action in strategy.items()}


#: What a ``*`` in a one-parameter sweep means (the first line under the title).
CHANGE_MARK = ("(* marks a value where the equilibria change: an equilibrium appears or\n"
               " goes, or one plays other actions; payoffs and mixing probabilities moving\n"
               " with the parameter are no change)")


def sweep_text(result: SweepResult, name: str) -> str:
    """One axis: a table with changes marked; two: an outcome map with a legend and the
    boundaries along each row; more: a count of points per outcome.

    A map is drawn as ``--plot`` draws it: the first axis across (columns, growing left to
    right), the second up (rows, the largest value on top). Letters and marks stand for
    equilibrium sets as choices (:meth:`.SweepResult.kind_codes`).
    """
    kinds = result.kind_codes()
    every_name = outcome_names(result)
    names: dict[int, str] = {}
    for code, kind in enumerate(result.kinds or range(len(result.classes))):
        names.setdefault(kind, every_name[code])
    lines = [f"{name}: sweep ({result.method}, {result.size} points)"]
    if result.fixed:
        lines.append("fixed: " + ", ".join(f"{k} = {v}" for k, v in result.fixed.items()))
    if len(result.axes) == 1:
        axis = result.axes[0]
        lines.append(CHANGE_MARK)
        lines.append(f"{'':2}{axis.name:>14}  outcome  payoffs ({', '.join(result.players)})")
        first = [f"{'*' if m else ' '} {v:>14}"
                 for m, v in zip(result.changes().tolist(), axis.texts())]
        points = result.point_lines(first, " " * 16, lambda outcome: f"  {outcome}  (", ", ",
                                    ")")
        for k in np.flatnonzero(np.isin(result.codes.ravel(), _invalid_codes(result))):
            points[k] = f"{first[k]}  {every_name[int(result.codes.ravel()[k])]}"  # no payoffs
        lines += points
        return "\n".join(lines) + "\n"
    used = sorted({int(c) for c in np.unique(kinds)})
    letter = {c: _LETTERS[i % len(_LETTERS)] for i, c in enumerate(used)}
    if len(result.axes) == 2:
        lines += _outcome_map(result, kinds, letter)
        lines.append("legend:")
        lines += [f"  {letter[c]} = {names[c]}" for c in used]
        lines += _boundaries(result, kinds, letter)
        return "\n".join(lines) + "\n"
    for c in used:
        lines.append(f"  {int((kinds == c).sum()):>10} points: {names[c]}")
    return "\n".join(lines) + "\n"


def _ascending(axis: Axis) -> list[int]:
    """The indices of an axis's values from the smallest to the largest."""
    return list(range(axis.count))[::-1 if axis.stop < axis.start else 1]


def _outcome_map(result: SweepResult, kinds: np.ndarray, letter: dict[int, str]) -> list[str]:
    across, up = result.axes
    columns = _ascending(across)
    low, high = sorted((across.start, across.stop))
    lines = [f"columns: {across.name} {low}..{high} (left to right); "
             f"rows: {up.name} {max(up.start, up.stop)}..{min(up.start, up.stop)} "
             "(top to bottom)"]
    for j in reversed(_ascending(up)):
        cells = "".join(letter[int(kinds[i, j])] for i in columns)
        lines.append(f"{str(up.values[j]):>12} {cells}")
    return lines


def _boundaries(result: SweepResult, kinds: np.ndarray, letter: dict[int, str]) -> list[str]:
    across, up = result.axes
    columns = _ascending(across)
    lines = [f"boundaries (between consecutive columns, along {across.name}):"]
    for j in _ascending(up):
        for before, after in zip(columns, columns[1:]):
            if kinds[before, j] != kinds[after, j]:
                lines.append(
                    f"  {up.name} = {up.values[j]}: {across.name} between "
                    f"{across.values[before]} and {across.values[after]} "
                    f"({letter[int(kinds[before, j])]} -> {letter[int(kinds[after, j])]})")
    return lines
