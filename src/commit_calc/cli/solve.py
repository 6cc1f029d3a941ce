"""``commit-calc solve``: every equilibrium of a game at given parameter values."""

from __future__ import annotations

import click

from commit_calc.cli.options import (
    format_option,
    game_argument,
    load_game_argument,
    run_library,
    set_option,
    warn,
)


@click.command()
@game_argument
@set_option
@click.option(
    "--concept",
    type=click.Choice(["auto", "nash", "spe"], case_sensitive=False),
    default="auto",
    show_default=True,
    help="auto: subgame perfection for trees, Nash equilibrium for normal-form games. "
    "nash: Nash equilibria, also of trees (they need not be subgame perfect). "
    "spe: subgame-perfect equilibria (trees only).",
)
@click.option(
    "--method",
    type=click.Choice(["exact", "nashpy-support-enumeration", "nashpy-vertex-enumeration",
                       "nashpy-lemke-howson"], case_sensitive=False),
    default="exact",
    show_default=True,
    help="exact: every (extreme) equilibrium, exactly. nashpy-*: nashpy's floating-point "
    "algorithm on a two-player normal-form game, each answer verified exactly.",
)
@format_option(("text", "json", "csv"))
def solve(game: str, values: dict[str, object], concept: str, method: str,
          output_format: str) -> None:
    """Find every equilibrium of GAME, exactly.

    GAME is a catalog name (see `commit-calc games`; default enforcer-reliability), a path to
    a .toml, .json, .efg or .nfg file, or - to read the game from standard input. Parameters
    not given with --set keep their defaults.

    For a tree (and --concept auto) every subgame-perfect equilibrium is listed, several where
    a player is indifferent; for a normal-form game, all Nash equilibria (mixed included for two
    players). Each equilibrium shows the strategies, the outcome (the path played, with its
    probability where chance moves) and the expected payoffs, as exact fractions.

    \b
    Example:
      $ commit-calc solve enforcer-reliability --set reliability=3/4 --format json
    """
    from commit_calc.render.solve import solve_csv, solve_json, solve_text
    from commit_calc.solvers.solve import solve as solve_game

    loaded = load_game_argument(game)
    result = run_library(solve_game, loaded, values, concept=concept.lower(),
                         method=method.lower())
    for message in result.warnings:
        warn(message)
    render = {"text": solve_text, "json": solve_json, "csv": solve_csv}[output_format.lower()]
    text = render(result, loaded)
    click.echo(text if text.endswith("\n") else text + "\n", nl=False)
