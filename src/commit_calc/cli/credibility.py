"""``commit-calc credibility``: is a promise credible, what would make it so, what is it worth."""

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
@click.option("--promise", "promises", metavar="WHO=ACTION", multiple=True, required=True,
              help="The promised action: WHO is a player (every information set where it has "
                   "the action) or an information set or decision node (there only). "
                   "Repeatable.")
@set_option
@click.option("--concept", type=click.Choice(["spe", "pbe"], case_sensitive=False),
              default="spe", show_default=True,
              help="spe: some subgame-perfect equilibrium keeps the promise. pbe: some pure "
                   "perfect Bayesian equilibrium (with beliefs, for games of private "
                   "information) keeps it; the temptation weighs the nodes by the beliefs, "
                   "the thresholds and the region come from the regions of thresholds "
                   "--concept pbe.")
@format_option(("text", "json"))
@click.option("--explain", is_flag=True, help="Say how each part of the report is computed.")
def credibility(game: str, promises: tuple[str, ...], values: dict[str, object],
                concept: str, output_format: str, explain: bool) -> None:
    """Is the promise in GAME credible, what would make it so, and what is it worth?

    Credible means that some subgame-perfect equilibrium keeps the promise at every
    information set where it applies, on the path of play and off it. The report gives the
    temptation to break it (exact, and as a formula), for each parameter the threshold
    beyond which it becomes credible (the others at their values), the exact region where
    it is credible (parameters not given with --set stay symbolic), and the value of
    commitment: each player's payoff with the promise binding minus its payoff now. With
    --concept pbe (games with private information), perfect Bayesian equilibria are used.

    \b
    Example:
      $ commit-calc credibility disarm-trust --promise Regime=Honor
      ...
      credible: no
        at regime the Regime would play Renege: 450 more than Honor
      ...
    """
    from commit_calc.credibility.report import credibility_report
    from commit_calc.render.credibility import credibility_json, credibility_text

    loaded = load_game_argument(game)
    report = run_library(credibility_report, loaded, list(promises), values, concept.lower())
    for message in report.warnings:
        warn(message)
    name = loaded.name or game
    if output_format.lower() == "json":
        click.echo(credibility_json(report, name), nl=False)
    else:
        click.echo(credibility_text(report, name, explain), nl=False)
