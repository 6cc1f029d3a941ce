"""``commit-calc uncertainty``: how likely is each outcome, given distributions on parameters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from commit_calc.cli.options import (
    check_output_file,
    format_option,
    game_argument,
    load_game_argument,
    run_library,
    set_option,
    warn,
)

if TYPE_CHECKING:
    from commit_calc.uncertainty.distributions import Distribution


def _distributions(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
                   ) -> list[tuple[str, str]]:
    found = []
    for text in value:
        name, equals, spec = text.partition("=")
        if not equals or not name.strip() or not spec.strip():
            raise click.BadParameter(f"'{text}': write NAME=SPEC, e.g. reliability=beta(3, 2)")
        found.append((name.strip(), spec.strip()))
    return found


@click.command()
@game_argument
@click.option("--dist", "distributions", metavar="NAME=SPEC", multiple=True,
              callback=_distributions,
              help="A distribution for an uncertain parameter: uniform(a, b), beta(a, b), "
                   "beta(a, b, low, high), triangular(low, mode, high), normal(mean, sd), "
                   "lognormal(mu, sigma) (truncated to the bounds), discrete(v1, v2, ...) or "
                   "discrete(v1:w1, ...), or csv(FILE, COLUMN). Repeatable; adds to those in "
                   "the game file.")
@set_option
@click.option("--samples", type=click.IntRange(min=1), default=100_000, show_default=True,
              help="Samples drawn (for payoffs, and for probabilities that are not exact).")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
              help="Seed of the random numbers: the same seed gives the same numbers.")
@click.option("--method", type=click.Choice(["auto", "exact", "mc", "qmc", "points"],
                                            case_sensitive=False),
              default="auto", show_default=True,
              help="auto: exact where possible, else Monte Carlo over the exact regions, else "
                   "each sample solved; qmc: scrambled Sobol points; points: solve each.")
@click.option("--sensitivity", is_flag=True,
              help="Sobol indices (first order and total) of each uncertain parameter (SALib).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Local processes for per-point solving.")
@click.option("--dask", metavar="ADDRESS", default=None,
              help="Run per-point solving on a Dask scheduler (tcp://host:8786), or 'local' "
                   "for a LocalCluster (needs commit-calc[distributed]).")
@click.option("--samples-out", type=click.Path(path_type=Path), metavar="FILE", default=None,
              help="Write every sample and its equilibria to FILE as CSV.")
@click.option("--lever", metavar="NAME=LOW:HIGH", default=None,
              help="A parameter you control: find its smallest value in [LOW, HIGH] at which "
                   "the --outcome holds with probability at least --target.")
@click.option("--target", metavar="P", default=None, help="The probability to reach (--lever).")
@click.option("--outcome", metavar="TEXT", default=None,
              help="The outcome that counts as the deal holding (--lever): every outcome whose "
                   "label starts with TEXT, e.g. Disarm.")
@click.option("--plot", type=click.Path(path_type=Path), metavar="FILE", default=None,
              help="Draw the probabilities (and the indices, and the lever's curve) to FILE "
                   "(.png, .svg or .pdf; needs matplotlib).")
@format_option(("text", "json"))
def uncertainty(game: str, distributions: list[tuple[str, str]], values: dict[str, object],
                samples: int, seed: int, method: str, sensitivity: bool, workers: int,
                dask: str | None, samples_out: Path | None, lever: str | None,
                target: str | None, outcome: str | None, plot: Path | None,
                output_format: str) -> None:
    """How likely is each outcome of GAME, given what is not known?

    Give uncertain parameters distributions (--dist, or `distribution` in the game file);
    the others keep their --set values or defaults. The report gives the probability that
    each outcome is an equilibrium outcome (exact where one parameter is uncertain, else
    estimated with a standard error and a 95% interval), the distribution of each player's
    equilibrium payoff and, with --sensitivity, which unknown matters most.

    \b
    Example:
      $ commit-calc uncertainty enforcer-reliability --dist "reliability=beta(3, 2)"
      ...
      Disarm > Reliable: Honor | Unreliable: Renege  67769/131769  (= 0.514302)
      ...
    """
    from commit_calc.render.uncertainty import samples_csv, uncertainty_json, uncertainty_text
    from commit_calc.uncertainty.analysis import uncertainty as analyse

    lever_range = _lever_range(lever, target, outcome)
    for path, option in ((samples_out, "--samples-out"), (plot, "--plot")):
        if path is not None:
            check_output_file(path, option)
    if plot is not None and plot.suffix.lower() not in (".png", ".svg", ".pdf"):
        raise click.UsageError(f"--plot {plot}: the file must end in .png, .svg or .pdf")
    loaded = load_game_argument(game)
    beliefs = run_library(_beliefs, loaded, distributions, values)
    result = run_library(analyse, loaded, beliefs, values, samples=samples, seed=seed,
                         method=method.lower(), workers=workers, dask=dask,
                         sensitivity=sensitivity, progress=_progress_bar())
    for message in result.warnings:
        warn(message)
    found = None
    if lever_range is not None:
        from commit_calc.uncertainty.levers import smallest_lever

        name_, low, high = lever_range
        found = run_library(smallest_lever, loaded, beliefs, values, name_, low, high, target,
                            outcome, seed=seed, method=method.lower())
    from commit_calc.io.atomic import write_atomic

    if samples_out is not None:
        run_library(write_atomic, samples_out, samples_csv(result).encode())
    name = loaded.name or game
    if plot is not None:
        from commit_calc.uncertainty.plot import uncertainty_image

        image = run_library(uncertainty_image, result, name, plot.suffix.lower()[1:], found)
        run_library(write_atomic, plot, image)
    render = uncertainty_json if output_format.lower() == "json" else uncertainty_text
    click.echo(render(result, name, found), nl=False)


def _progress_bar() -> Callable[[int, int], None] | None:
    """A progress bar on standard error for per-point work, where a person watches it."""
    import sys

    if not sys.stderr.isatty():
        return None
    shown: list[Any] = []

    def update(done: int, total: int) -> None:
        if not shown:
            shown.append(click.progressbar(length=total, label="solving samples",
                                           file=sys.stderr))
            shown[0].__enter__()
        shown[0].update(done - shown[0].pos)
        if done == total:
            shown[0].__exit__(None, None, None)
    return update


def _lever_range(lever: str | None, target: str | None, outcome: str | None
                 ) -> tuple[str, str, str] | None:
    """``NAME=LOW:HIGH`` split, with --target and --outcome required beside it."""
    if lever is None:
        if target is not None or outcome is not None:
            raise click.UsageError("--target and --outcome go with --lever")
        return None
    name, equals, span = lever.partition("=")
    low, colon, high = span.partition(":")
    if not (equals and colon and name.strip() and low.strip() and high.strip()):
        raise click.UsageError(f"--lever {lever}: write NAME=LOW:HIGH, e.g. salary=0:800")
    if target is None or outcome is None:
        raise click.UsageError("--lever needs --target P and --outcome TEXT")
    return name.strip(), low.strip(), high.strip()


def _beliefs(game: object, given: list[tuple[str, str]], values: dict[str, object]
             ) -> list[Distribution]:
    """The distributions: those given with --dist, then the game file's for parameters
    neither given one nor a value."""
    from commit_calc.uncertainty.distributions import parse_distribution

    parameters = game.parameters  # type: ignore[attr-defined]
    beliefs = []
    for name, spec in given:
        parameter = parameters[name]
        beliefs.append(parse_distribution(spec, name, parameter.lower, parameter.upper))
    named = {name for name, _ in given}
    for parameter in parameters:
        if parameter.distribution and parameter.name not in named | set(values):
            beliefs.append(parse_distribution(parameter.distribution, parameter.name,
                                              parameter.lower, parameter.upper))
    return beliefs
