"""``commit-calc thresholds``: the regions of parameter space and the thresholds between them."""

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
@click.option("--for", "solve_for", metavar="NAME",
              help="Solve each boundary for this parameter: the threshold as a formula and, "
                   "at the other parameters' values, as a number.")
@click.option("--statics/--no-statics", default=True, show_default=True,
              help="Report the signs of derivatives (comparative statics).")
@format_option(("text", "json", "latex"))
def thresholds(game: str, values: dict[str, object], solve_for: str | None, statics: bool,
               output_format: str) -> None:
    """Exact regions of parameter space where the equilibria of GAME stay the same.

    Parameters given with --set are fixed; the others stay symbolic. Each region is a
    condition on the parameters with its equilibria (outcome, strategies, payoffs as
    formulas); ties are regions of their own. Perfect-information trees (subgame
    perfection) and normal-form games (pure equilibria; mixed ones of 2x2 games) are covered.

    \b
    Example:
      $ commit-calc thresholds enforcer-reliability --set salary=250 --for reliability
    """
    from commit_calc.analysis import report
    from commit_calc.analysis.regions import parameter_regions
    from commit_calc.analysis.thresholds import comparative_statics
    from commit_calc.analysis.thresholds import thresholds as solve_thresholds

    loaded = load_game_argument(game)
    analysis = run_library(parameter_regions, loaded, values)
    found = run_library(solve_thresholds, analysis, solve_for) if solve_for else []
    signs = run_library(comparative_statics, analysis, found) if statics else []
    for message in analysis.warnings:
        warn(message)
    render = {"text": report.thresholds_text, "json": report.thresholds_json,
              "latex": report.thresholds_latex}[output_format.lower()]
    click.echo(render(analysis, loaded.name or game, found, signs, solve_for), nl=False)
