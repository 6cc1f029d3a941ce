"""``commit-calc thresholds``: the regions of parameter space and the thresholds between them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from commit_calc.cli.options import (
    format_option,
    game_argument,
    load_game_argument,
    refuse_set_and_varied,
    run_library,
    set_option,
    warn,
)

if TYPE_CHECKING:
    from commit_calc.analysis.regions import RegionAnalysis


def _once_each(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
               ) -> tuple[str, ...]:
    """The names given to --free, each once."""
    for k, name in enumerate(value):
        if name in value[:k]:
            raise click.BadParameter(f"parameter '{name}' is given twice")
    return value


@click.command()
@game_argument
@set_option
@click.option("--for", "solve_for", metavar="NAME",
              help="Solve each boundary for this parameter: the threshold as a formula and, "
                   "at the other parameters' values, as a number.")
@click.option("--statics/--no-statics", default=True, show_default=True,
              help="Report the signs of derivatives (comparative statics).")
@click.option("--free", "free", metavar="NAME", multiple=True, callback=_once_each,
              help="Keep only this parameter symbolic (repeatable); every other parameter "
                   "takes its --set value or its default.")
@click.option("--concept", type=click.Choice(["auto", "pbe", "stackelberg"],
                                             case_sensitive=False),
              default="auto", show_default=True,
              help="auto: subgame-perfect equilibria of trees, Nash equilibria of tables. "
                   "pbe: where each pure perfect Bayesian equilibrium of a tree exists (with "
                   "the beliefs off the path that support it), exactly. "
                   "stackelberg: the --leader's optimal (strong Stackelberg) commitment in a "
                   "two-player table, as a formula in each region.")
@click.option("--leader", metavar="PLAYER", default=None,
              help="With --concept stackelberg: the player who commits.")
@click.option("--tie-break", "tie_break", type=click.Choice(["strong", "weak"],
                                                            case_sensitive=False),
              default=None,
              help="With --concept stackelberg: strong (the follower breaks its ties for the "
                   "leader; the default) or weak (against the leader: where the value is a "
                   "supremum that no commitment attains, the region says so and gives the "
                   "limit commitment).")
@click.option("--strategy", metavar="NAME", default=None,
              help="A repeated game: the strategy profile whose regions (subgame perfect, "
                   "Nash only, neither) are given; default: the game's own. With it, any game "
                   "is repeated as by `commit-calc repeated`.")
@click.option("--stage", is_flag=True,
              help="A game with a [repeated] section: analyse its stage game alone.")
@format_option(("text", "json", "latex"))
def thresholds(game: str, values: dict[str, object], solve_for: str | None,
               free: tuple[str, ...], statics: bool, concept: str, leader: str | None,
               tie_break: str | None, strategy: str | None, stage: bool, output_format: str
               ) -> None:
    """Exact regions of parameter space where the equilibria of GAME stay the same.

    Parameters given with --set are fixed; the others stay symbolic (with --free, only
    the parameters named there stay symbolic and the rest take their defaults). Each region is a
    condition on the parameters with its equilibria (outcome, strategies, payoffs as
    formulas); ties are regions of their own. Trees (subgame perfection, imperfect information
    included) and normal-form games (pure equilibria; mixed ones of two-player tables up to
    4x4) are covered. With --concept pbe, each region says where a pure perfect Bayesian
    equilibrium exists (and, in a signalling game, where it survives the Intuitive Criterion
    and D1). With --concept stackelberg --leader PLAYER, each region gives the
    leader's optimal commitment in a two-player table (its mixed strategy, the follower's
    response and the payoffs as formulas; --tie-break weak for the weak Stackelberg
    commitment). For a repeated game (a [repeated] section, or
    --strategy), the regions say where the strategy profile is subgame perfect, only a Nash
    equilibrium, or neither (--for discount: the critical discount factor as a formula).

    \b
    Example:
      $ commit-calc thresholds enforcer-reliability --free reliability --for reliability
      ...
      region 3: reliability > 20/33
        Disarm > Reliable: Honor | Unreliable: Renege
      ...
    """
    from commit_calc.analysis import report
    from commit_calc.analysis.regions import parameter_regions
    from commit_calc.analysis.thresholds import comparative_statics
    from commit_calc.analysis.thresholds import thresholds as solve_thresholds

    concept = concept.lower()
    if (concept == "stackelberg") != (leader is not None):
        raise click.UsageError("--concept stackelberg needs --leader PLAYER" if leader is None
                               else "--leader works only with --concept stackelberg")
    if tie_break is not None and concept != "stackelberg":
        raise click.UsageError("--tie-break works only with --concept stackelberg")
    weak = (tie_break or "strong").lower() == "weak"
    refuse_set_and_varied(values, free, "--free")
    if solve_for is not None:
        refuse_set_and_varied(values, [solve_for], "--for")
        if free and solve_for not in free:
            raise click.UsageError(f"--for {solve_for}: with --free only the --free parameters "
                                   f"stay symbolic; add --free {solve_for}")
    from commit_calc.cli.repeated_regions import repeated_or_none

    repeated = repeated_or_none(game, strategy, stage, concept != "auto")
    loaded = repeated if repeated is not None else load_game_argument(game)
    if free:
        values = run_library(_fix_all_but, loaded, free, values)
    if concept == "pbe":
        _pbe_regions(loaded, game, values, solve_for, output_format.lower())
        return
    analysis: RegionAnalysis
    if repeated is not None:
        from commit_calc.repeated.region_map import repeated_regions

        analysis = run_library(repeated_regions, repeated, strategy, values)
    elif leader is not None:
        from commit_calc.cli.stackelberg import check_stackelberg_game
        from commit_calc.solvers.stackelberg_regions import stackelberg_regions
        from commit_calc.solvers.stackelberg_weak_regions import weak_stackelberg_regions

        table = check_stackelberg_game(loaded, loaded.name or game, leader)
        regions_of = weak_stackelberg_regions if weak else stackelberg_regions
        analysis = run_library(regions_of, table, leader, values)
    else:
        analysis = run_library(parameter_regions, loaded, values)
    found = run_library(solve_thresholds, analysis, solve_for) if solve_for else []
    signs = run_library(comparative_statics, analysis, found) if statics else []
    for message in analysis.warnings:
        warn(message)
    if repeated is not None:
        from commit_calc.repeated.region_map import repeated_thresholds

        click.echo(repeated_thresholds(output_format.lower(), analysis, repeated.name or game,
                                       found, signs, solve_for), nl=False)
        return
    render = {"text": report.thresholds_text, "json": report.thresholds_json,
              "latex": report.thresholds_latex}[output_format.lower()]
    text = render(analysis, loaded.name or game, found, signs, solve_for)
    if leader is not None and output_format.lower() == "text":
        kind = ("weak Stackelberg, ties broken against the leader" if weak
                else "strong Stackelberg")
        text = text.replace(": Nash equilibria by region", f": {leader}'s optimal ({kind}) "
                            "commitment by region", 1)
    click.echo(text, nl=False)


def _pbe_regions(loaded: object, game: str, values: dict[str, object], solve_for: str | None,
                 output_format: str) -> None:
    """``--concept pbe``: the regions of each pure perfect Bayesian equilibrium."""
    from commit_calc.beliefs.region_thresholds import region_thresholds
    from commit_calc.beliefs.regions import pbe_regions
    from commit_calc.model.extensive_form import ExtensiveFormGame
    from commit_calc.render.belief_regions import (
        belief_regions_json,
        belief_regions_latex,
        belief_regions_text,
    )

    if not isinstance(loaded, ExtensiveFormGame):
        raise click.UsageError("--concept pbe needs a game tree; this game is in normal form "
                               "(use --concept auto)")
    found = run_library(pbe_regions, loaded, values)
    found_thresholds = (run_library(region_thresholds, found, solve_for, values)
                        if solve_for else [])
    for message in found.warnings:
        warn(message)
    render = {"json": belief_regions_json, "latex": belief_regions_latex}.get(
        output_format.lower(), belief_regions_text)
    click.echo(render(found, loaded.name or game, found_thresholds, solve_for), nl=False)


def _fix_all_but(
    game: object, free: tuple[str, ...], values: dict[str, object]
) -> dict[str, object]:
    """The values of every parameter not in ``free``: given ones, else defaults."""
    parameters = game.parameters  # type: ignore[attr-defined]
    for name in free:
        parameters[name]  # raises ParameterError naming an unknown parameter
    defaults = parameters.values(values)
    return {name: value for name, value in defaults.items() if name not in free}
