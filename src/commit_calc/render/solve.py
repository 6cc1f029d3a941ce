"""A :class:`~commit_calc.solvers.results.SolveResult` as text, JSON or CSV.

The JSON form is ``commit-calc/solve/1``, described by ``schemas/solve-1.json`` and
``docs/reference/json-output.md``; scripts depend on its keys, so change them only with a new
version.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

import sympy

from commit_calc.beliefs.assessment import BeliefEquilibrium
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.parameters import Parameters
from commit_calc.model.profiles import BehaviourProfile, MixedProfile
from commit_calc.render.beliefs import belief_keys, belief_lines
from commit_calc.render.numbers import exact_text, human_text
from commit_calc.render.schemas import version_stamp
from commit_calc.render.tables import table
from commit_calc.solvers.results import Equilibrium, Outcome, SolveResult

#: The value of the ``"format"`` key of the JSON output.
SOLVE_FORMAT = "commit-calc/solve/1"

Game = NormalFormGame | ExtensiveFormGame

_CONCEPT_NAMES = {"spe": "subgame-perfect equilibria", "nash": "Nash equilibria",
                  "pbe": "perfect Bayesian equilibria", "sequential": "sequential equilibria"}


# JSON -----------------------------------------------------------------------------------------


def solve_document(result: SolveResult, game: Game | None = None) -> dict[str, Any]:
    """The ``commit-calc/solve/1`` document of ``result`` as plain Python data.

    ``game`` is the game as loaded (with its parameters); it defaults to the solved game.

    Examples
    --------
    >>> from commit_calc.model.profiles import MixedProfile
    >>> from commit_calc.solvers.results import certify
    >>> pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                   strategies=(("C", "D"), ("C", "D")), name="pd")
    >>> found = certify(pd, MixedProfile.from_labels(pd, {"Row": "D", "Column": "D"}))
    >>> document = solve_document(SolveResult(pd, "nash", "by hand", (found,)))
    >>> document["equilibria"][0]["strategies"], document["equilibria"][0]["payoffs"]
    ({'Row': {'D': '1'}, 'Column': {'D': '1'}}, {'Row': '1', 'Column': '1'})
    """
    original = result.game if game is None else game
    solved = result.game
    return {
        "format": SOLVE_FORMAT,
        **version_stamp(),
        "game": {
            "name": original.name,
            "title": original.title,
            "players": list(solved.players),
            "form": "extensive" if isinstance(solved, ExtensiveFormGame) else "normal",
        },
        "parameters": {name: exact_text(value) for name, value in result.parameters.items()},
        "concept": result.concept,
        "method": result.method,
        "exact": result.exact,
        "warnings": list(result.warnings),
        "equilibria": [_equilibrium_document(solved, e) for e in result.equilibria],
    }


def _equilibrium_document(game: Game, equilibrium: Equilibrium) -> dict[str, Any]:
    document: dict[str, Any] = {
        "strategies": _exact_strategies(game, equilibrium),
        "payoffs": {p: exact_text(v) for p, v in equilibrium.labelled_payoffs(game).items()},
        "outcomes": [_outcome_document(outcome) for outcome in equilibrium.outcomes],
        "max_regret": exact_text(equilibrium.max_regret),
    }
    if equilibrium.component is not None:
        document["component"] = equilibrium.component
    if isinstance(equilibrium, BeliefEquilibrium) and isinstance(game, ExtensiveFormGame):
        document.update(belief_keys(game, equilibrium))
    return document


def _outcome_document(outcome: Outcome) -> dict[str, Any]:
    document: dict[str, Any] = {
        "path": list(outcome.path),
        "probability": exact_text(outcome.probability),
    }
    if outcome.terminal is not None:
        document["terminal"] = outcome.terminal
    return document


def _exact_strategies(game: Game, equilibrium: Equilibrium) -> dict[str, Any]:
    labelled = strategies(game, equilibrium)
    return {
        player: {
            key: (
                {action: exact_text(p) for action, p in value.items()}
                if isinstance(value, Mapping) else exact_text(value)
            )
            for key, value in choices.items()
        }
        for player, choices in labelled.items()
    }


def strategies(game: Game, equilibrium: Equilibrium) -> dict[str, dict[str, Any]]:
    """The equilibrium's strategies by label, zero probabilities left out.

    Normal form: ``{player: {strategy: probability}}``; extensive form:
    ``{player: {information set: {action: probability}}}`` with every information set.
    """
    profile = equilibrium.profile
    if isinstance(game, ExtensiveFormGame) and isinstance(profile, BehaviourProfile):
        return profile.labelled(game)
    if isinstance(game, NormalFormGame) and isinstance(profile, MixedProfile):
        return profile.labelled(game)
    raise TypeError(f"a {type(profile).__name__} does not fit a {type(game).__name__}")


def solve_json(result: SolveResult, game: Game | None = None) -> str:
    """The ``commit-calc/solve/1`` JSON text of ``result`` (indented, keys sorted)."""
    return json.dumps(solve_document(result, game), indent=2, sort_keys=True)


# CSV ------------------------------------------------------------------------------------------


def solve_csv(result: SolveResult, game: Game | None = None) -> str:
    """One row per equilibrium: parameters, every strategy probability, payoffs, outcome.

    Columns: ``equilibrium`` (1, 2, ...), ``component``, ``param:NAME`` per parameter,
    ``prob:PLAYER:STRATEGY`` (normal form) or ``prob:PLAYER:INFOSET:ACTION`` (extensive form)
    for every strategy or action including those played with probability 0,
    ``payoff:PLAYER``, ``outcome`` (paths joined by ``" > "``, with their probabilities) and
    ``max_regret``. Numbers are exact (``7/2``).

    Examples
    --------
    >>> from commit_calc.model.profiles import MixedProfile
    >>> from commit_calc.solvers.results import certify
    >>> pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                   strategies=(("C", "D"), ("C", "D")))
    >>> found = certify(pd, MixedProfile.from_labels(pd, {"Row": "D", "Column": "D"}))
    >>> header, row = solve_csv(SolveResult(pd, "nash", "by hand", (found,))).splitlines()
    >>> header.split(",")[:6]
    ['equilibrium', 'component', 'prob:Row:C', 'prob:Row:D', 'prob:Column:C', 'prob:Column:D']
    >>> row
    '1,,0,1,0,1,1,1,"(D, D): 1",0'
    """
    solved = result.game
    header = ["equilibrium", "component"]
    header += [f"param:{name}" for name in result.parameters]
    probability_columns = _probability_columns(solved)
    header += [column for column, _ in probability_columns]
    header += [f"payoff:{player}" for player in solved.players]
    header += ["outcome", "max_regret"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for number, equilibrium in enumerate(result.equilibria, start=1):
        row = [str(number), "" if equilibrium.component is None else str(equilibrium.component)]
        row += [exact_text(value) for value in result.parameters.values()]
        flat = _flat_probabilities(solved, equilibrium)
        row += [exact_text(flat[key]) for _, key in probability_columns]
        row += [exact_text(value) for value in equilibrium.payoffs]
        row += ["; ".join(_outcome_text(outcome) for outcome in equilibrium.outcomes)]
        row += [exact_text(equilibrium.max_regret)]
        writer.writerow(row)
    return buffer.getvalue()


def _probability_columns(game: Game) -> list[tuple[str, tuple[str, ...]]]:
    if isinstance(game, ExtensiveFormGame):
        return [
            (f"prob:{infoset.player}:{infoset.label}:{action}", (infoset.label, action))
            for infoset in game.infosets for action in infoset.actions
        ]
    return [
        (f"prob:{player}:{strategy}", (player, strategy))
        for player, labels in zip(game.players, game.strategies, strict=True) for strategy in labels
    ]


def _flat_probabilities(game: Game, equilibrium: Equilibrium) -> dict[tuple[str, ...], Any]:
    profile = equilibrium.profile
    if isinstance(game, ExtensiveFormGame):
        return {
            (infoset.label, action): p
            for infoset, distribution in zip(game.infosets, profile.probabilities, strict=True)
            for action, p in zip(infoset.actions, distribution, strict=True)
        }
    return {
        (player, strategy): p
        for player, labels, distribution in zip(game.players, game.strategies,
                                                profile.probabilities, strict=True)
        for strategy, p in zip(labels, distribution, strict=True)
    }


# Text -----------------------------------------------------------------------------------------


def solve_text(result: SolveResult, game: Game | None = None) -> str:
    """A short report for people: title, parameter values with units, then each equilibrium's
    strategies, outcome and expected payoffs. Warnings are not included (print them on
    standard error).

    Examples
    --------
    >>> from commit_calc.model.profiles import MixedProfile
    >>> from commit_calc.solvers.results import certify
    >>> pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...     strategies=(("Cooperate", "Defect"), ("Cooperate", "Defect")),
    ...     title="Prisoner's Dilemma")
    >>> found = certify(pd, MixedProfile.from_labels(pd, {"Row": "Defect", "Column": "Defect"}))
    >>> print(solve_text(SolveResult(pd, "nash", "by hand", (found,))), end="")
    Prisoner's Dilemma
    1 Nash equilibrium (method: by hand)
    <BLANKLINE>
    Equilibrium 1
      Strategies
        Row     Defect
        Column  Defect
      Outcome
        (Defect, Defect)
      Payoffs
        Row     1
        Column  1
    """
    original = result.game if game is None else game
    solved = result.game
    lines = [_heading(original)]
    count = len(result.equilibria)
    kind = _CONCEPT_NAMES.get(result.concept, result.concept)
    if count == 1:
        kind = kind.replace("equilibria", "equilibrium")
    lines.append(f"{count} {kind} (method: {result.method})")
    if result.parameters:
        lines += ["", "Parameters"]
        lines += table([
            [name, human_text(value), _unit(original.parameters, name)]
            for name, value in result.parameters.items()
        ], indent=2)
    for number, equilibrium in enumerate(result.equilibria, start=1):
        title = f"Equilibrium {number}"
        if equilibrium.component is not None and _has_components(result):
            title += f" (component {equilibrium.component})"
        lines += ["", title, "  Strategies"]
        lines += table(_strategy_rows(solved, equilibrium), indent=4)
        if isinstance(equilibrium, BeliefEquilibrium) and isinstance(solved, ExtensiveFormGame):
            lines += belief_lines(solved, equilibrium)
        lines.append("  Outcome")
        if len(equilibrium.outcomes) == 1:
            lines.append("    " + _path_text(equilibrium.outcomes[0]))
        else:
            lines += table([[_path_text(o), "probability " + human_text(o.probability)]
                            for o in equilibrium.outcomes], indent=4)
        lines.append("  Payoffs")
        payoffs = equilibrium.labelled_payoffs(solved)
        lines += table([[p, human_text(v)] for p, v in payoffs.items()], indent=4)
    if not result.equilibria:
        lines += ["", "No equilibrium found."]
    return "\n".join(lines) + "\n"


def _heading(game: Game) -> str:
    if game.title and game.name:
        return f"{game.title} ({game.name})"
    return game.title or game.name or "Untitled game"


def _unit(parameters: Parameters, name: str) -> str:
    return parameters.by_name[name].unit if name in parameters else ""


def _has_components(result: SolveResult) -> bool:
    return len({e.component for e in result.equilibria}) < len(result.equilibria)


def _strategy_rows(game: Game, equilibrium: Equilibrium) -> list[list[str]]:
    labelled = strategies(game, equilibrium)
    rows = []
    for player, choices in labelled.items():
        if isinstance(game, ExtensiveFormGame):
            for infoset, distribution in choices.items():
                rows.append([player, f"at {infoset}:", _distribution_text(distribution)])
                player = ""
        else:
            rows.append([player, _distribution_text(choices)])
    return rows


def _distribution_text(distribution: Mapping[str, sympy.Rational]) -> str:
    if len(distribution) == 1:
        return next(iter(distribution))
    return ", ".join(f"{label} {human_text(p)}" for label, p in distribution.items())


def _path_text(outcome: Outcome) -> str:
    """A tree path as ``Disarm > Reliable > Honor``, a normal-form profile as ``(D, D)``."""
    if outcome.terminal is not None:
        return " > ".join(outcome.path) if outcome.path else "(the root is terminal)"
    return "(" + ", ".join(outcome.path) + ")"


def _outcome_text(outcome: Outcome) -> str:
    return f"{_path_text(outcome)}: {exact_text(outcome.probability)}"
