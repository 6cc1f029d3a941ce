"""``commit-calc sweep``: the equilibria of a game over a grid of parameter values."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

import click

from commit_calc.cli.options import (
    check_output_file,
    format_option,
    game_argument,
    load_game_argument,
    refuse_set_and_varied,
    run_library,
    set_option,
)
from commit_calc.errors import CommitCalcError


def _parse_vary(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> list[Any]:
    """The axes of --vary: a malformed value or a parameter varied twice is bad usage."""
    from commit_calc.analysis.sweep import Axis

    axes: list[Axis] = []
    for text in value:
        name, equals, span = text.partition("=")
        parts = span.split(":")
        if not equals or not name.strip() or len(parts) != 3:
            raise click.BadParameter(
                f"{text!r} is not NAME=START:STOP:COUNT (e.g. reliability=0:1:101)")
        if name.strip() in {axis.name for axis in axes}:
            raise click.BadParameter(f"parameter '{name.strip()}' is varied twice")
        try:
            axes.append(Axis.parse(name.strip(), *(part.strip() for part in parts)))
        except CommitCalcError as error:
            raise click.BadParameter(str(error)) from None
    if not axes:
        raise click.BadParameter("give at least one --vary NAME=START:STOP:COUNT")
    return axes


def _check_plot(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A --plot file name must end in .png, .svg or .pdf, in a folder that exists, and
    matplotlib must be installed: all are checked before the sweep runs."""
    if value is None:
        return None
    from commit_calc.analysis.plot import image_format, require_matplotlib

    try:
        image_format(value)
    except CommitCalcError as error:
        raise click.BadParameter(str(error)) from None
    check_output_file(value, "plot file")
    run_library(require_matplotlib)
    return value


def duration(seconds: float) -> str:
    """A rough duration for people.

    >>> [duration(s) for s in (4.2, 95, 660, 7300)]
    ['4 s', '2 min', '11 min', '2.0 h']
    """
    if seconds < 60:
        return f"{seconds:.0f} s"
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


class _Progress:
    """Progress of a sweep solved point by point, on standard error.

    After ``patience`` seconds it estimates the total time from the points done; if the rest
    will take longer than ``warn_after`` seconds it says so once (on any standard error), and
    on a terminal it shows a bar with the estimated total and remaining time.
    """

    def __init__(self, *, clock: Callable[[], float] | None = None,
                 stream: TextIO | None = None, patience: float = 1.0,
                 warn_after: float = 10.0) -> None:
        self.clock = clock if clock is not None else time.monotonic
        self.stream = stream if stream is not None else sys.stderr
        self.patience = patience
        self.warn_after = warn_after
        self.started = self.clock()
        self.estimated = False
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is not None:
            self.bar.update(1)
            return
        if self.estimated:
            return
        elapsed = self.clock() - self.started
        if elapsed < self.patience or done >= total:
            return
        self.estimated = True
        rate = done / elapsed
        whole = total / rate
        if whole - elapsed > self.warn_after:
            click.echo(f"sweep: solving {total:,} points one by one at about {rate:,.0f} "
                       f"points/s takes about {duration(whole)} in all "
                       f"({duration(whole - elapsed)} left)", file=self.stream)
        if self.stream.isatty():
            self.bar = click.progressbar(length=total, file=self.stream, show_eta=True,
                                         label=f"solving (about {duration(whole)} in all)")
            self.bar.__enter__()
            self.bar.update(done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@click.command()
@game_argument
@click.option("--vary", "axes", metavar="NAME=START:STOP:COUNT", multiple=True,
              callback=_parse_vary,
              help="Vary a parameter over COUNT exact values from START to STOP inclusive. "
                   "Repeatable: two give an outcome map, the first across (x), the second "
                   "up (y).")
@set_option
@click.option("--concept", type=click.Choice(["auto", "nash", "spe"], case_sensitive=False),
              default="auto", show_default=True, help="Equilibrium concept, as for solve.")
@click.option("--strategy", metavar="NAME", default=None,
              help="A repeated game: the strategy profile whose verdict (subgame perfect, Nash "
                   "only, neither) is swept; default: the game's own. With it, any game is "
                   "repeated as by `commit-calc repeated`.")
@click.option("--stage", is_flag=True,
              help="A game with a [repeated] section: sweep its stage game alone.")
@format_option(("text", "json", "csv"))
@click.option("--plot", "plot_file", metavar="FILE", callback=_check_plot,
              help="Also draw the sweep to FILE (.png, .svg or .pdf): over one parameter the "
                   "payoffs with the thresholds marked, over two a map of outcome regions. "
                   'Needs matplotlib: pip install "commit-calc[plot]".')
def sweep(game: str, axes: list[Any], values: dict[str, object], concept: str,
          strategy: str | None, stage: bool, output_format: str, plot_file: str | None) -> None:
    """Equilibria of GAME at every point of a grid of parameter values.

    Uses the exact regions of the game (see `commit-calc thresholds`) evaluated on the whole
    grid at once where the game allows, else solves each point exactly (with an estimate of
    the time on standard error when that takes more than a few seconds).

    Over one parameter: a table, with * where the equilibria change (an equilibrium appears
    or goes, or one plays other actions; payoffs and mixing probabilities moving with the
    parameter are no change). Over two: a map drawn as --plot draws it, the first --vary
    across (left to right) and the second up (the largest value on top). For a repeated
    game (a [repeated] section, or --strategy), each point gets the strategy profile's
    verdict: subgame perfect, only a Nash equilibrium, or neither.

    \b
    Example:
      $ commit-calc sweep enforcer-reliability --vary reliability=0:1:11
      $ commit-calc sweep enforcer-reliability --vary salary=0:600:121 \\
          --vary reliability=0:1:101 --plot map.png
    """
    from commit_calc.analysis import report
    from commit_calc.analysis.sweep import sweep as run_sweep

    if plot_file is not None and len(axes) > 2:
        raise click.BadParameter(
            f"a plot shows one or two varied parameters, got {len(axes)}",
            param_hint="'--plot'")
    refuse_set_and_varied(values, [axis.name for axis in axes])
    from commit_calc.cli.repeated_regions import repeated_or_none

    repeated = repeated_or_none(game, strategy, stage, concept.lower() != "auto")
    if repeated is not None:
        from commit_calc.repeated.region_map import repeated_sweep

        result = run_library(repeated_sweep, repeated, axes, values, strategy)
        loaded: Any = repeated
    else:
        loaded = load_game_argument(game)
        progress = _Progress()
        try:
            result = run_library(run_sweep, loaded, axes, values, concept=concept.lower(),
                                 progress=progress)
        finally:
            progress.close()
    name = loaded.name or game
    kind = output_format.lower()
    if kind == "csv":
        for chunk in report.sweep_csv(result):
            click.echo(chunk, nl=False)
    elif kind == "json":
        click.echo(report.sweep_json(result, name), nl=False)
    else:
        click.echo(report.sweep_text(result, name), nl=False)
    if plot_file is not None:
        from commit_calc.analysis.plot import plot_outcome_map, plot_payoffs

        draw = plot_payoffs if len(result.axes) == 1 else plot_outcome_map
        run_library(draw, result, plot_file)
        click.echo(f"wrote {plot_file}", err=True)
