"""The ``commit-calc repeated`` result as JSON (``commit-calc/repeated/1``, described by
``schemas/repeated-1.json`` and ``docs/reference/repeated.md``) or as text.

Exact numbers are strings (``"9/16"``); conditions and formulas are sympy text in the
parameter names, as in ``commit-calc/thresholds/1``.
"""

from __future__ import annotations

import json
from typing import Any

import sympy

from commit_calc.render.conditions import condition_text
from commit_calc.render.numbers import exact_text, human_text
from commit_calc.render.schemas import version_stamp
from commit_calc.repeated.analysis import RepeatedAnalysis
from commit_calc.repeated.deviation import Incentive, written_out
from commit_calc.repeated.payoff_set import PayoffSet
from commit_calc.repeated.sustain import Decomposition

#: The value of the ``"format"`` key of the JSON output.
REPEATED_FORMAT = "commit-calc/repeated/1"


def _incentive(incentive: Incentive) -> dict[str, Any]:
    return {"state": incentive.state, "player": incentive.player, "at": incentive.where,
            "prescribed": incentive.prescribed, "deviation": incentive.deviation}


def _pair(point: tuple[Any, Any]) -> list[str]:
    return [str(point[0]), str(point[1])]


def payoff_set_document(found: PayoffSet, sustained: tuple[Decomposition, ...]
                        ) -> dict[str, Any]:
    """The ``payoff_set`` key: the exact vertices (counter-clockwise) and how each is
    sustained, the threat points, the feasible set and the pure minmax payoffs."""
    stage = found.stage
    return {
        "discount": str(found.delta),
        "players": list(stage.players),
        "vertices": [_pair(v) for v in found.vertices],
        "sustained_by": [{"vertex": _pair(d.vertex),
                          "profile": dict(zip(stage.players, d.profile)),
                          "continuation": _pair(d.continuation)} for d in sustained],
        "threat_points": None if found.threat is None else _pair(found.threat),
        "feasible": [_pair(v) for v in stage.feasible],
        "minmax": _pair(stage.minmax),
        "iterations": found.iterations,
    }


def payoff_set_text(found: PayoffSet, sustained: tuple[Decomposition, ...]) -> str:
    """The payoff set for people: vertices, how each is sustained, threat points."""
    stage = found.stage
    first, second = stage.players
    lines = [f"Equilibrium payoff set (pure actions, public randomisation, discount factor "
             f"{found.delta}; payoffs ({first}, {second}), per-period averages):"]
    if not found.vertices:
        lines.append("  empty: no pure-action subgame-perfect equilibrium at this discount "
                     "factor")
    for d in sustained:
        lines.append(f"  ({d.vertex[0]}, {d.vertex[1]}): play {d.profile[0]}, {d.profile[1]}"
                     f" today, then continue with ({d.continuation[0]}, {d.continuation[1]})")
    if found.threat is not None:
        lines.append(f"  threat points (lowest equilibrium payoffs): {first} "
                     f"{found.threat[0]}, {second} {found.threat[1]}")
    minmax = stage.minmax
    lines.append(f"  pure minmax payoffs: {first} {minmax[0]}, {second} {minmax[1]}; "
                 "feasible set: " + ", ".join(f"({v[0]}, {v[1]})" for v in stage.feasible))
    return "\n".join(lines) + "\n"


def repeated_document(result: RepeatedAnalysis, payoff_set: dict[str, Any] | None = None
                      ) -> dict[str, Any]:
    """The ``commit-calc/repeated/1`` document of ``result`` as plain Python data (with
    ``payoff_set``: that key too)."""
    check, verdict = result.check, result.verdict
    game, automaton = check.game, check.automaton
    conditions = []
    for (incentive, gain), condition in zip(verdict.gains, result.conditions):
        conditions.append({
            **_incentive(incentive),
            "lifetime": "short" if incentive.short_lived else "long",
            "on_path": incentive.on_path,
            "gain": str(incentive.gain),
            "condition": str(condition),
            "text": condition_text(condition),
            "gain_at_values": exact_text(gain),
            "holds": bool(gain <= 0),
        })
    best = verdict.best
    return {
        "format": REPEATED_FORMAT,
        **version_stamp(),
        "game": game.name,
        "strategy": automaton.name,
        "strategy_description": automaton.description,
        "parameters": {name: exact_text(value) for name, value in verdict.values.items()},
        "discount_parameter": game.discount,
        "effective_discount": exact_text(sympy.Rational(game.delta.xreplace(
            {game.parameters[n].symbol: v for n, v in verdict.values.items()}))),
        "lifetimes": {player: game.lifetime(player) for player in game.players},
        "states": [{
            "name": state,
            "initial": state == automaton.initial,
            "on_path": state in check.on_path,
            "play": {player: {action: exact_text(p) for action, p in mix.items()}
                     for player, mix in automaton.play[state].items()},
            "next": {outcome.label: following for outcome, following in
                     zip(check.stage.outcomes, check.transitions[state])},
        } for state in automaton.states],
        "subgame_perfect": verdict.subgame_perfect,
        "nash": verdict.nash,
        "proved": result.proved,
        "conditions": conditions,
        "values": {state: {player: exact_text(value) for player, value in by_player.items()}
                   for state, by_player in verdict.state_values.items()},
        "value_formulas": {state: {player: str(value) for player, value in by_player.items()}
                           for state, by_player in check.values.items()},
        "most_profitable_deviation": None if best is None else {
            **_incentive(best), "gain": exact_text(verdict.best_gain)},
        "nash_gains": {player: exact_text(gain) for player, gain in verdict.nash_gains.items()},
        "critical_discount": None if result.critical_discount is None
        else exact_text(result.critical_discount),
        "critical_discount_formula": None if result.formula.formula is None
        else result.formula.text,
        "critical_discount_assumptions": [str(a) for a in result.formula.assumptions],
        "critical_values": {name: str(c) for name, c in result.critical_values.items()},
        "warnings": list(result.warnings),
        "region": None if result.region is None else {
            "free": list(result.region.free),
            "subgame_perfect": str(result.region.subgame_perfect),
            "on_path": str(result.region.on_path)},
        **({} if payoff_set is None else {"payoff_set": payoff_set}),
    }


def repeated_json(result: RepeatedAnalysis, payoff_set: dict[str, Any] | None = None) -> str:
    """The JSON text of :func:`repeated_document`."""
    return json.dumps(repeated_document(result, payoff_set), indent=2, sort_keys=True)


def repeated_text(result: RepeatedAnalysis, explain: bool = False) -> str:
    """A report for people: the verdict, the critical discount factor, the states' values and
    the conditions (with ``explain``: every one-shot inequality written out, with ``delta``
    the effective discount factor and ``V(state)`` the player's value in the next state)."""
    check, verdict = result.check, result.verdict
    game, automaton = check.game, check.automaton
    values = verdict.values
    mapping = {game.parameters[n].symbol: v for n, v in values.items()}
    effective = sympy.Rational(check.delta.xreplace(mapping))
    lines = [f"{game.title or game.name}: strategy {automaton.name}"
             + (f" ({automaton.description})" if automaton.description else ""),
             f"Discount factor {game.discount} = {human_text(values[game.discount])}, "
             f"effective {human_text(effective)}"
             f"; long-lived: {', '.join(game.long_lived)}"
             + (f"; short-lived: {', '.join(p for p in game.players if p not in game.long_lived)}"
                if len(game.long_lived) < len(game.players) else ""),
             "",
             f"Subgame perfect: {'yes' if verdict.subgame_perfect else 'no'}",
             f"Nash equilibrium: {'yes' if verdict.nash else 'no'}"]
    best = verdict.best
    if best is not None:
        lines.append(f"Most profitable deviation: in state '{best.state}', {best.player} plays "
                     f"{best.deviation} instead of {best.prescribed}"
                     + ("" if best.where == best.player else f" at '{best.where}'")
                     + f", gaining {human_text(verdict.best_gain)}")
    critical = result.critical_discount
    lines.append("Critical discount factor: "
                 + ("none in (0, 1)" if critical is None else human_text(critical)))
    if result.formula.formula is not None:
        at = result.formula.formula.xreplace(mapping)
        lines.append(f"  as a formula: {game.discount} >= {result.formula.text}"
                     + ("" if at.is_number and at == critical else f" (= {human_text(at)} "
                        "at these values)"))
        if result.formula.assumptions:
            lines.append("  where " + "; ".join(condition_text(a)
                                               for a in result.formula.assumptions))
    if result.region is not None:
        free = ", ".join(result.region.free)
        lines.append(f"Subgame perfect where ({free} free, the others at their values): "
                     f"{condition_text(result.region.subgame_perfect)}")
        lines.append(f"  on the path: {condition_text(result.region.on_path)}")
    lines += ["", "State values (normalised: per-period averages):"]
    for state in automaton.states:
        marks = " (initial)" if state == automaton.initial else (
            "" if state in check.on_path else " (off the path)")
        shown = ", ".join(f"{p} {human_text(v)}" for p, v in verdict.state_values[state].items())
        lines.append(f"  {state}{marks}: {shown}")
    lines += ["", "Conditions (every state; on the path: needed for Nash):"]
    if explain:
        lines.append(f"  (each action's value this period and on: delta = {game.delta}, V(s) the "
                     "player's value from state s on, as above; a short-lived player's is the "
                     "stage payoff)")
    for (incentive, gain), condition in zip(verdict.gains, result.conditions):
        where = "" if incentive.where == incentive.player else f" at '{incentive.where}'"
        status = "holds" if gain <= 0 else "FAILS"
        path = "on path" if incentive.on_path else "off path"
        lines.append(f"  [{status}, {path}] {incentive.state}: {incentive.player}{where} "
                     f"{incentive.prescribed} over {incentive.deviation}: "
                     f"{condition_text(condition)}")
        if explain:
            kept, deviated = written_out(check, incentive)
            lines.append(f"      {incentive.prescribed}: {kept}")
            lines.append(f"      {incentive.deviation}: {deviated}")
            lines.append(f"      gain of the deviation = {exact_text(incentive.gain)} <= 0 "
                         f"(at the values: {human_text(gain)})")
    if result.critical_values:
        lines += ["", "Where the profile is subgame perfect, one parameter at a time "
                  "(the others at their values):"]
        lines += [f"  {condition_text(c) if c is not sympy.false else name + ': no value'}"
                  for name, c in result.critical_values.items() if c is not sympy.true]
    return "\n".join(lines) + "\n"
