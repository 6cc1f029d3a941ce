"""``commit-calc repeated``: is a strategy profile of a repeated game an equilibrium, and how
patient must the players be?"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from commit_calc.cli.options import format_option, run_library, set_option, warn

if TYPE_CHECKING:
    from commit_calc.repeated.model import RepeatedGame
    from commit_calc.repeated.payoff_set import PayoffSet
    from commit_calc.repeated.sustain import Decomposition

#: The largest horizon accepted on the command line (the tree's size is bounded too).
MAX_HORIZON = 64


@click.command()
@click.argument("game", metavar="GAME")
@click.option("--strategy", metavar="NAME", default=None,
              help="grim-trigger, tit-for-tat, k-period-punishment, carrot-and-stick, "
              "forgiving, or an automaton of the game file (default: the game's own, else "
              "grim-trigger).")
@click.option("--k", "k", type=click.IntRange(1, 100), default=1, show_default=True,
              help="Periods of punishment of k-period-punishment.")
@set_option
@click.option("--free", "free", metavar="NAME", multiple=True,
              help="Keep parameter NAME free (repeatable): also print where, as a condition "
              "on the free parameters (the others at their values), the profile is subgame "
              "perfect.")
@click.option("--discount", metavar="VALUE", default=None,
              help="The discount factor, strictly between 0 and 1 (e.g. 9/10).")
@click.option("--horizon", "horizon", type=click.IntRange(1, MAX_HORIZON), default=None,
              help="Play T periods and solve the T-period tree instead (output: the solve "
              "document). Trees above 20,000 nodes are refused.")
@click.option("--payoff-set", "payoff_set", is_flag=True,
              help="Also compute the exact equilibrium payoff set (two-player tables: pure "
              "actions, public randomisation, Abreu-Sannikov), each vertex checked.")
@click.option("--plot", "plot_file", metavar="FILE", default=None,
              help="With --payoff-set: draw it with the feasible and individually rational "
              'sets (.png, .svg or .pdf; needs matplotlib: pip install "commit-calc[plot]").')
@click.option("--cohorts", "cohorts", type=click.IntRange(1, 1000), default=None,
              help="Reputation with T cohorts (a game built like reputation-two-cohorts): the "
              "prior on the committed type each cohort needs in order to disarm "
              "(Kreps-Wilson).")
@format_option(("text", "json"))
@click.option("--explain", is_flag=True,
              help="Write every one-shot deviation inequality out (text).")
def repeated(game: str, strategy: str | None, k: int, values: dict[str, object],
             free: tuple[str, ...], discount: str | None, horizon: int | None,
             payoff_set: bool, plot_file: str | None, cohorts: int | None,
             output_format: str, explain: bool) -> None:
    """Check a strategy profile of GAME repeated without end, exactly.

    GAME is a game with a [repeated] section (reconciliation-cohorts,
    repeated-prisoners-dilemma, chain-store) or any game, repeated with every player
    long-lived and a discount factor `discount` (--discount, default 9/10); a catalog name,
    a file path, or - for standard input.

    Every one-shot deviation, in every state of the strategy's automaton, is checked: the
    report says whether the profile is subgame perfect and a Nash equilibrium at the values,
    the smallest discount factor at which it is subgame perfect (also as a formula), each
    state's values and the conditions as formulas in the parameters.

    \b
    Examples:
      $ commit-calc repeated reconciliation-cohorts --set continuation=1/2
      $ commit-calc repeated prisoners-dilemma --strategy tit-for-tat --discount 3/4
      $ commit-calc repeated chain-store --horizon 3 --format json
      $ commit-calc repeated prisoners-dilemma --discount 1/4 --payoff-set --plot set.png
      $ commit-calc repeated reputation-two-cohorts --cohorts 5
    """
    from commit_calc.errors import CommitCalcError
    from commit_calc.io.repeated_file import load_repeated
    from commit_calc.model.values import exact_number
    from commit_calc.repeated.analysis import analyse_repeated

    if discount is not None:
        try:
            number = exact_number(discount, what="the discount factor")
        except CommitCalcError as error:
            raise click.BadParameter(str(error), param_hint="'--discount'") from None
        if not 0 < number < 1:
            raise click.BadParameter(f"{number} is not strictly between 0 and 1",
                                     param_hint="'--discount'")
    if cohorts is not None:
        click.echo(_reputation(game, cohorts, values, (strategy, free, discount, horizon,
                                                       payoff_set or explain),
                               output_format.lower()), nl=False)
        return
    if horizon is not None and (explain or strategy is not None or free):
        raise click.UsageError("--horizon solves the T-period tree: it takes no --strategy, "
                               "--free or --explain")
    if horizon is not None and payoff_set:
        raise click.UsageError("--payoff-set is for the game repeated without end: it takes "
                               "no --horizon")
    if plot_file is not None:
        if not payoff_set:
            raise click.UsageError("--plot draws the payoff set: give --payoff-set too")
        _check_plot(plot_file)
    from commit_calc.cli.options import refuse_set_and_varied

    refuse_set_and_varied(values, free, "--free")
    loaded = run_library(load_repeated, game, discount=discount)
    if discount is not None and loaded.discount in values:
        raise click.UsageError(f"the discount factor '{loaded.discount}' is given both with "
                               "--discount and --set")
    if horizon is not None:
        click.echo(_horizon(loaded, horizon, values, output_format.lower()), nl=False)
        return
    result = run_library(analyse_repeated, loaded, strategy, values, k=k, free=free)
    for message in result.warnings:
        warn(message)
    from commit_calc.render.repeated import (
        payoff_set_document,
        payoff_set_text,
        repeated_json,
        repeated_text,
    )

    if output_format.lower() == "json":
        extra = _payoff_set(loaded, values, plot_file) if payoff_set else None
        text = repeated_json(result, None if extra is None else payoff_set_document(*extra))
    else:
        text = repeated_text(result, explain)
        if payoff_set:
            text += "\n" + payoff_set_text(*_payoff_set(loaded, values, plot_file))
    click.echo(text if text.endswith("\n") else text + "\n", nl=False)
    if plot_file is not None:
        click.echo(f"wrote {plot_file}", err=True)


def _reputation(game: str, cohorts: int, values: dict[str, object],
                others: tuple[object, ...], output_format: str) -> str:
    """The --cohorts report (no other option but --set and --format)."""
    if any(o for o in others):
        raise click.UsageError("--cohorts reports the reputation game's priors: it takes "
                               "only --set and --format")
    from commit_calc.io import load_game
    from commit_calc.model.extensive_form import ExtensiveFormGame
    from commit_calc.render.reputation import reputation_json, reputation_text
    from commit_calc.repeated.reputation import reputation_report

    loaded = run_library(load_game, game)
    if not isinstance(loaded, ExtensiveFormGame):
        raise click.UsageError("--cohorts needs a game built like reputation-two-cohorts")
    report = run_library(reputation_report, loaded, cohorts, values)
    return reputation_json(report) + "\n" if output_format == "json" else \
        reputation_text(report)


def _check_plot(plot_file: str) -> None:
    from commit_calc.analysis.plot import image_format, require_matplotlib
    from commit_calc.cli.options import check_output_file
    from commit_calc.errors import CommitCalcError

    try:
        image_format(plot_file)
    except CommitCalcError as error:
        raise click.BadParameter(str(error), param_hint="'--plot'") from None
    check_output_file(plot_file, "plot file")
    run_library(require_matplotlib)


def _payoff_set(game: RepeatedGame, values: dict[str, object], plot_file: str | None
                ) -> tuple[PayoffSet, tuple[Decomposition, ...]]:
    """The payoff set and each vertex's decomposition (the independent check); drawn to
    ``plot_file``."""
    from commit_calc.repeated.payoff_set import repeated_payoff_set
    from commit_calc.repeated.sustain import decompositions

    found = run_library(repeated_payoff_set, game, values)
    sustained = run_library(decompositions, found.stage, found.delta, found.vertices)
    if plot_file is not None:
        from commit_calc.repeated.payoff_plot import plot_payoff_set

        run_library(plot_payoff_set, found, plot_file)
    return found, sustained


def _horizon(game: object, horizon: int, values: dict[str, object], output_format: str) -> str:
    from commit_calc.render.solve import solve_json, solve_text
    from commit_calc.repeated.horizon import horizon_tree
    from commit_calc.solvers.solve import solve

    tree = run_library(horizon_tree, game, horizon)
    run_library(game.check_values, values)  # type: ignore[attr-defined]
    result = run_library(solve, tree, values)
    text = solve_json(result, tree) if output_format == "json" else solve_text(result, tree)
    return text if text.endswith("\n") else text + "\n"
