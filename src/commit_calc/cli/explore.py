"""``commit-calc explore``: one self-contained web page where sliders move the equilibrium."""

from __future__ import annotations

from pathlib import Path

import click

from commit_calc.cli.options import (
    check_output_file,
    game_argument,
    load_game_argument,
    run_library,
    set_option,
)


@click.command(short_help="One web page where sliders move GAME's equilibrium.")
@game_argument
@set_option
@click.option("--output-file", "-o", metavar="FILE.html", default=None,
              help="Where to write the page; - for standard output. Default: GAME.html in the "
                   "current folder (the catalog name or the game file's name), standard output "
                   "for a game read from standard input.")
@click.option(
    "--concept", type=click.Choice(["auto", "nash", "spe", "pbe", "sequential"],
                                   case_sensitive=False),
    default="auto", show_default=True,
    help="Which equilibria the page shows: auto (subgame-perfect for trees, Nash for tables), "
    "nash, spe, or pbe / sequential (trees: pure equilibria with their beliefs, written on the "
    "tree; solved at grid points).",
)
@click.option("--axes", metavar="X,Y", default=None,
              help="The two parameters of the page's outcome map. Default: two parameters "
                   "the thresholds depend on.")
def explore(game: str, values: dict[str, object], output_file: str | None,
            concept: str, axes: str | None) -> None:
    """Write GAME's explorer: one HTML file, with a slider and an exact-value box per
    parameter, the equilibrium outcome and payoffs, the tree (or payoff table) with the
    equilibrium highlighted (beliefs too, with --concept pbe), an outcome map over two
    parameters, the nearest threshold of each parameter with its formula, and the
    step-by-step explanation of the point shown (as solve --explain).

    The page computes the equilibrium itself, exactly, from the game's closed-form regions
    (compiled into it): it needs no network, no server and no Python, so it can be sent to
    students as one file. Parameters given with --set are fixed (no slider). A game without
    complete closed-form regions (or whose regions take more than a few seconds to find)
    gets an exact table precomputed on a grid, said so on the page.

    \b
    Examples:
      $ commit-calc explore enforcer-reliability
      wrote enforcer-reliability.html
      $ commit-calc explore disarm-trust --axes salary,renege_gain -o lesson.html
      wrote lesson.html
    """
    target = _target(game, output_file)
    if target is not None:
        check_output_file(target, "output file")
    loaded = load_game_argument(game)
    from commit_calc.explore import explore as make_page

    named = None if axes is None else [name.strip() for name in axes.split(",")]
    page = run_library(make_page, loaded, values, concept.lower(), named)
    if target is None:
        with click.open_file("-", "wb") as stream:
            stream.write(page.html.encode("utf-8"))
            stream.flush()
        return
    from commit_calc.io.atomic import write_atomic

    run_library(write_atomic, target, page.html)
    click.echo(f"wrote {target}", err=True)


def _target(game: str, output_file: str | None) -> Path | None:
    """The file to write, None for standard output."""
    if output_file == "-" or (output_file is None and game == "-"):
        return None
    if output_file is not None:
        return Path(output_file)
    return Path(Path(game).stem + ".html")
