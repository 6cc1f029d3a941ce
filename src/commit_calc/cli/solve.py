"""``commit-calc solve``: every equilibrium of a game at given parameter values."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from commit_calc.cli.options import (
    format_option,
    game_argument,
    load_game_argument,
    run_library,
    set_option,
    warn,
)

if TYPE_CHECKING:
    from commit_calc.model.extensive_form import ExtensiveFormGame
    from commit_calc.model.normal_form import NormalFormGame
    from commit_calc.solvers.results import SolveResult


@click.command()
@game_argument
@set_option
@click.option(
    "--concept",
    type=click.Choice(["auto", "nash", "spe", "pbe", "sequential", "stackelberg"],
                      case_sensitive=False),
    default="auto",
    show_default=True,
    help="auto: subgame perfection for trees, Nash equilibrium for normal-form games. "
    "nash: Nash equilibria, also of trees (they need not be subgame perfect). "
    "spe: subgame-perfect equilibria (trees only). "
    "pbe: pure perfect Bayesian equilibria with beliefs, and the exact beliefs off the path "
    "that support each (trees only). "
    "sequential: pure sequential equilibria (consistent beliefs), where decidable. "
    "stackelberg: the --leader's optimal commitment to a mixed strategy in a two-player "
    "normal-form game (strong, weak and pure, compared with Nash).",
)
@click.option(
    "--leader",
    metavar="PLAYER",
    default=None,
    help="With --concept stackelberg: the player who commits; the other follows.",
)
@click.option(
    "--method",
    type=click.Choice(["exact", "nashpy-support-enumeration", "nashpy-vertex-enumeration",
                       "nashpy-lemke-howson", "sequence-lp", "sequence-lcp", "sequence-enum",
                       "lrsnash"],
                      case_sensitive=False),
    default="exact",
    show_default=True,
    help="exact: every (extreme) equilibrium, exactly (two-player trees too large for their "
    "reduced normal form are enumerated in the sequence form; the output names the method). "
    "nashpy-*: nashpy's floating-point algorithm on a two-player normal-form game, each "
    "answer verified exactly. sequence-*: Nash equilibria of a two-player tree in the "
    "sequence form, exactly: lp, one equilibrium and the value of a zero-sum tree; lcp, one "
    "equilibrium (Lemke); enum, every extreme equilibrium. lrsnash: every extreme equilibrium "
    "of a two-player normal-form game by the lrsnash program (lrslib), where installed, each "
    "answer verified exactly.",
)
@format_option(("text", "json", "csv"))
@click.option(
    "--explain",
    is_flag=True,
    help="Say why each answer is an equilibrium: backward induction node by node (values "
    "compared, choices, ties), the best responses and indifference conditions of a "
    "normal-form game, or (pbe, sequential) Bayes' rule step by step and why each condition "
    "on beliefs off the path is needed. Text: an Explanation section after the report; JSON: an "
    "\"explanation\" list of steps.",
)
def solve(game: str, values: dict[str, object], concept: str, leader: str | None,
          method: str, output_format: str, explain: bool) -> None:
    """Find every equilibrium of GAME, exactly.

    GAME is a catalog name (see `commit-calc games`; default enforcer-reliability), a path to
    a .toml, .json, .efg or .nfg file, or - to read the game from standard input. Parameters
    not given with --set keep their defaults.

    For a tree (and --concept auto) every subgame-perfect equilibrium is listed, several where
    a player is indifferent; for a normal-form game, all Nash equilibria (mixed included for two
    players). Each equilibrium shows the strategies, the outcome (the path played, with its
    probability where chance moves) and the expected payoffs, as exact fractions.

    \b
    Examples:
      $ commit-calc solve enforcer-reliability --set reliability=3/4 --format json
      $ commit-calc solve kreps-trust --explain
      $ commit-calc solve reconciliation-2x2 --concept stackelberg --leader Regime
      $ commit-calc solve beer-quiche --concept pbe
    """
    if concept.lower() == "stackelberg" or leader is not None:
        from commit_calc.cli.stackelberg import solve_stackelberg

        solve_stackelberg(game, values, concept.lower(), leader, method.lower(),
                          output_format.lower(), explain)
        return
    from commit_calc.render.solve import solve_csv, solve_json, solve_text
    from commit_calc.solvers.solve import solve as solve_game

    if explain and output_format.lower() == "csv":
        raise click.UsageError("--explain works with --format text or json, not csv")
    loaded = load_game_argument(game)
    result = run_library(solve_game, loaded, values, concept=concept.lower(),
                         method=method.lower())
    for message in result.warnings:
        warn(message)
    if explain:
        text = _explained(result, loaded, output_format.lower())
    else:
        render = {"text": solve_text, "json": solve_json, "csv": solve_csv}[output_format.lower()]
        text = render(result, loaded)
    click.echo(text if text.endswith("\n") else text + "\n", nl=False)


def _explained(result: SolveResult, game: NormalFormGame | ExtensiveFormGame,
               output_format: str) -> str:
    """The report with the explanation: a text section, or the JSON ``"explanation"`` key."""
    import json

    from commit_calc.explain import explain, explanation_records, explanation_text
    from commit_calc.render.solve import solve_document, solve_text

    if result.concept in ("pbe", "sequential"):
        from commit_calc.explain.beliefs import belief_steps

        steps = belief_steps(result)
    else:
        steps = explain(result)
    if output_format == "json":
        document = solve_document(result, game)
        document["explanation"] = explanation_records(steps)
        return json.dumps(document, indent=2, sort_keys=True)
    return solve_text(result, game) + "\n" + explanation_text(steps)
