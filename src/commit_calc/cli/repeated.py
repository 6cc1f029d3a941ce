"""``commit-calc repeated``: is a strategy profile of a repeated game an equilibrium, and how
patient must the players be?"""

from __future__ import annotations

import click

from commit_calc.cli.options import format_option, run_library, set_option, warn

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
@format_option(("text", "json"))
@click.option("--explain", is_flag=True,
              help="Write every one-shot deviation inequality out (text).")
def repeated(game: str, strategy: str | None, k: int, values: dict[str, object],
             free: tuple[str, ...], discount: str | None, horizon: int | None,
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
    if horizon is not None and (explain or strategy is not None or free):
        raise click.UsageError("--horizon solves the T-period tree: it takes no --strategy, "
                               "--free or --explain")
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
    from commit_calc.render.repeated import repeated_json, repeated_text

    text = repeated_json(result) if output_format.lower() == "json" else \
        repeated_text(result, explain)
    click.echo(text if text.endswith("\n") else text + "\n", nl=False)


def _horizon(game: object, horizon: int, values: dict[str, object], output_format: str) -> str:
    from commit_calc.render.solve import solve_json, solve_text
    from commit_calc.repeated.horizon import horizon_tree
    from commit_calc.solvers.solve import solve

    tree = run_library(horizon_tree, game, horizon)
    run_library(game.check_values, values)  # type: ignore[attr-defined]
    result = run_library(solve, tree, values)
    text = solve_json(result, tree) if output_format == "json" else solve_text(result, tree)
    return text if text.endswith("\n") else text + "\n"
