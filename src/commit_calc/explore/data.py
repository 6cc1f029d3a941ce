"""Everything the explorer page shows, as JSON-ready data: parameters and their sliders, the
exact regions (or, for a game without complete exact regions, a precomputed exact grid), the
equilibria's formulas, and the tree's layout or the payoff table.

Lists rather than objects keyed by user names throughout, so no name (``__proto__``,
``constructor``) ever becomes a property name in the page's script.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy

from commit_calc.analysis.region_grid import regions_of
from commit_calc.analysis.regions import RegionAnalysis
from commit_calc.errors import ParameterError, UnsupportedGameError
from commit_calc.explore.compile import Budget, polynomial, rational_function
from commit_calc.explore.formulas import threshold_mathml
from commit_calc.explore.steps import explain_plan
from commit_calc.explore.time_limit import OutOfTime, cpu_time_limit
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.parameters import Parameter

Game = ExtensiveFormGame | NormalFormGame

#: The most terminal nodes a tree drawn on the page may have.
MAX_LEAVES = 500

#: The most actions at one decision node for which the exact regions are computed (their
#: case split considers every subset of a node's actions); past it the page uses the grid.
MAX_ACTIONS = 10

#: The most processor seconds spent looking for the exact regions; past it the page uses the
#: grid (a game with many parameters and kinks: fix some with ``--set`` for exact regions).
REGION_SECONDS = 2.5

#: Concepts without closed-form regions: their pages always use the grid.
GRID_CONCEPTS = ("pbe", "sequential")


def page_data(game: Game, values: Mapping[str, object] | None = None,
              concept: str = "auto", axes: Sequence[str] | None = None) -> dict[str, Any]:
    """The page's data for ``game`` with the parameters in ``values`` fixed; ``axes`` names
    the two parameters of the outcome map (default: the two free parameters that the most
    region conditions use)."""
    fixed = game.parameters.checked(values or {})
    free = [p for p in game.parameters if p.name not in fixed]
    _check_axes(free, axes)
    symbols = [p.symbol for p in free]
    reduced = game.substitute(fixed)
    if isinstance(reduced, ExtensiveFormGame):
        leaves = sum(1 for _ in reduced.terminal_nodes())
        if leaves > MAX_LEAVES:
            raise UnsupportedGameError(
                f"explore: the tree has {leaves:,} terminal nodes, more than the {MAX_LEAVES} a "
                "page can draw legibly")
    budget = Budget()
    data: dict[str, Any] = {
        "title": game.title or game.name, "name": game.name,
        "description": getattr(game, "description", ""),
        "players": list(game.players),
        "fixed": [[name, str(value)] for name, value in fixed.items()],
        "notes": [],
    }
    analysis = _analysis(game, reduced, fixed, concept, data["notes"])
    if analysis is not None:
        data["notes"].extend(analysis.warnings)
    keys = list(analysis.keys) if analysis is not None else []
    data["params"] = [_parameter(p, keys, free, fixed) for p in free]
    if analysis is not None and analysis.complete:
        data["mode"] = "exact"
        data["concept"] = analysis.concept
        data["keys"] = [polynomial(k, symbols, budget) for k in keys]
        data["formulas"] = [threshold_mathml(k, symbols) for k in keys]
        data["equilibria"], data["regions"] = _regions(analysis, symbols, budget)
        data["method"] = _method(game, fixed, free, concept, analysis.concept)
    else:
        from commit_calc.explore.grid import grid_data

        if analysis is not None:
            data["notes"].append("The exact regions do not list every equilibrium of this game.")
        data["mode"] = "grid"
        data.update(grid_data(game, fixed, free, data["params"], concept))
    data["map"] = _map_axes(free, keys, axes, data["mode"])
    data["picture"] = _picture(reduced, symbols, budget)
    data["explain"] = explain_plan(reduced)
    return data


def _analysis(game: Game, reduced: Game, fixed: Mapping[str, sympy.Rational], concept: str,
              notes: list[str]) -> RegionAnalysis | None:
    """The exact regions, or None (with the reason in ``notes``) where the game has none or
    they take more than :data:`REGION_SECONDS` of processor time."""
    if concept in GRID_CONCEPTS:
        notes.append(f"Concept '{concept}' has no closed-form regions: its equilibria and "
                     "beliefs are solved exactly at grid points.")
        return None
    try:
        crowded = _crowded_node(reduced)
        if crowded:
            raise UnsupportedGameError(crowded)
        with cpu_time_limit(REGION_SECONDS):
            return regions_of(game, fixed, concept)
    except UnsupportedGameError as error:
        notes.append(f"No exact regions for this game ({error}).")
    except OutOfTime:
        notes.append(f"No exact regions: finding them took more than {REGION_SECONDS:g} s; fix "
                     "some parameters (--set) for a page with exact regions.")
    return None


def _method(game: Game, fixed: Mapping[str, sympy.Rational], free: Sequence[Parameter],
            concept: str, found: str) -> str:
    """The method ``solve`` names for a tree's Nash equilibria (the explanation says it); ""
    where the explanation does not need it."""
    if found != "nash" or not isinstance(game, ExtensiveFormGame):
        return ""
    from commit_calc.solvers.solve import solve

    values = dict(fixed) | {p.name: p.default if p.default is not None else 0 for p in free}
    return solve(game, values, concept=concept).method


def _crowded_node(game: Game) -> str:
    """Why the exact regions are not attempted (their case split grows as 2 to the number
    of actions at a node), or "" when they are."""
    if isinstance(game, ExtensiveFormGame):
        for node in game.nodes:
            if node.is_decision and len(node.actions) > MAX_ACTIONS:
                return (f"node '{node.name}' has {len(node.actions)} actions, more than the "
                        f"{MAX_ACTIONS} the exact regions handle in bounded time")
    return ""


def _map_axes(free: Sequence[Parameter], keys: Sequence[sympy.Expr],
              axes: Sequence[str] | None, mode: str) -> dict[str, int] | None:
    """Indices (among the free parameters) of the map's two axes, or None for no map (a grid
    over more than two parameters holds lines only: no map)."""
    names = [p.name for p in free]
    if axes is not None and mode == "grid" and len(free) > 2:
        raise ParameterError(
            f"--axes: this game's page uses a grid, which covers a plane only with two free "
            f"parameters (it has {len(free)}): fix the others with --set")
    if axes is not None:
        return {"x": names.index(axes[0]), "y": names.index(axes[1])}
    if mode == "grid":
        return {"x": 0, "y": 1} if len(free) == 2 else None
    used = [sum(1 for k in keys if p.symbol in k.free_symbols) for p in free]
    ranked = sorted((i for i in range(len(free)) if used[i]), key=lambda i: -used[i])
    return {"x": ranked[0], "y": ranked[1]} if len(ranked) >= 2 else None


def _check_axes(free: Sequence[Parameter], axes: Sequence[str] | None) -> None:
    """Refuse ``axes`` that are not two different free parameters (before any work)."""
    if axes is None:
        return
    names = [p.name for p in free]
    if len(axes) != 2 or axes[0] == axes[1]:
        raise ParameterError("--axes: name two different parameters, as X,Y")
    for name in axes:
        if name not in names:
            raise ParameterError(f"--axes: '{name}' is not a parameter with a slider "
                                 f"(the game's free parameters: {', '.join(names) or 'none'})")


def _parameter(parameter: Parameter, keys: Sequence[sympy.Expr], free: Sequence[Parameter],
               fixed: Mapping[str, sympy.Rational]) -> dict[str, Any]:
    """A slider's description: bounds, span (declared bounds, else around the default and the
    thresholds at the defaults), step, default, unit and meaning."""
    default = parameter.default if parameter.default is not None else sympy.Integer(0)
    at_defaults = {p.symbol: (p.default if p.default is not None else 0)
                   for p in free if p is not parameter}
    marks = {sympy.Rational(default)}
    for key in keys:
        along = sympy.expand(key.xreplace(at_defaults))
        if parameter.symbol in along.free_symbols:
            for root in sympy.Poly(along, parameter.symbol).real_roots():
                marks.add(sympy.Rational(sympy.nsimplify(root)) if root.is_Rational
                          else sympy.Rational(str(sympy.Float(root, 12))))
    for bound in (parameter.lower, parameter.upper):
        if bound is not None:
            marks.add(bound)
    low, high = min(marks), max(marks)
    pad = max(high - low, abs(high), abs(low), sympy.Integer(1)) / 2
    lo = parameter.lower if parameter.lower is not None else low - pad
    hi = parameter.upper if parameter.upper is not None else high + pad
    step = _step(hi - lo)
    if parameter.lower is None:
        lo = sympy.floor(lo / step) * step
    if parameter.upper is None:
        hi = sympy.ceiling(hi / step) * step
    return {"name": parameter.name, "unit": parameter.unit, "meaning": parameter.meaning,
            "default": str(default), "min": _text(parameter.lower), "max": _text(parameter.upper),
            "lo": str(lo), "hi": str(hi), "step": _decimal(step),
            "sliderMin": _decimal(lo), "sliderMax": _decimal(hi)}


def _step(span: sympy.Rational) -> sympy.Rational:
    """A power of ten giving between 100 and 1000 slider steps over ``span``."""
    step = sympy.Integer(1)
    while span / step > 1000:
        step *= 10
    while span / step < 100:
        step /= 10
    return sympy.Rational(step)


def _decimal(value: sympy.Rational) -> str:
    """A number as HTML's range inputs want it: a decimal (exact where it is one)."""
    value = sympy.Rational(value)
    for digits in range(13):
        scaled = value * 10**digits
        if scaled.is_Integer:
            text = str(abs(scaled)).rjust(digits + 1, "0")
            whole, decimals = text[:len(text) - digits], text[len(text) - digits:]
            return ("-" if value < 0 else "") + whole + ("." + decimals if digits else "")
    return str(sympy.Float(value, 15))


def _text(value: sympy.Rational | None) -> str | None:
    return None if value is None else str(value)


def _regions(analysis: RegionAnalysis, symbols: Sequence[sympy.Symbol], budget: Budget
             ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The distinct equilibria (formulas) and the regions (conditions, equilibrium indices)."""
    index_of_key = {k: i for i, k in enumerate(analysis.keys)}
    equilibria: list[dict[str, Any]] = []
    seen: dict[int, int] = {}
    regions = []
    for region in analysis.regions:
        indices = []
        for equilibrium in region.equilibria:
            if id(equilibrium) not in seen:
                seen[id(equilibrium)] = len(equilibria)
                equilibria.append(equilibrium_data(
                    equilibrium.outcome, [equilibrium.payoffs[p] for p in analysis.game.players],
                    equilibrium.distributions, symbols, budget))
            indices.append(seen[id(equilibrium)])
        terms = [[[index_of_key[k], sorted(allowed)] for k, allowed in term.items()]
                 for term in region.terms]
        regions.append({"terms": terms, "equilibria": indices})
    return equilibria, regions


def equilibrium_data(outcome: str, payoffs: Sequence[object],
                     distributions: Sequence[Sequence[object]],
                     symbols: Sequence[sympy.Symbol], budget: Budget) -> dict[str, Any]:
    """One equilibrium: outcome label, payoffs per player and probabilities per information
    set (trees) or per player (tables), all compiled."""
    return {"outcome": outcome,
            "payoffs": [rational_function(v, symbols, budget) for v in payoffs],
            "distributions": [[rational_function(p, symbols, budget) for p in d]
                              for d in distributions]}


def _picture(game: Game, symbols: Sequence[sympy.Symbol], budget: Budget) -> dict[str, Any]:
    """The tree (layout, labels, compiled payoffs and chance probabilities) or the table."""
    if isinstance(game, NormalFormGame):
        return {"kind": "table", "strategies": [list(s) for s in game.strategies],
                "cells": [[list(profile), [rational_function(v, symbols, budget)
                                           for v in game.payoff(profile)]]
                          for profile in game.profiles()]}
    from commit_calc.draw.layout import tree_layout

    layout = tree_layout(game)
    infoset_of = game.infoset_of_node
    nodes = []
    for node in game.nodes:
        nodes.append({
            "x": round(layout.x[node.index], 3), "y": round(layout.y[node.index], 3),
            "kind": node.kind, "player": node.player or "", "infoset": infoset_of[node.index],
            "infosetLabel": node.infoset or "", "actions": list(node.actions),
            "children": list(node.children), "name": node.name,
            "probabilities": [rational_function(p, symbols, budget) for p in node.probabilities],
            "payoffs": [rational_function(v, symbols, budget) for v in node.payoffs],
        })
    return {"kind": "tree", "nodes": nodes}
