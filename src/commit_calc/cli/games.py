"""``commit-calc games`` (the catalog) and ``commit-calc show`` (one game in full)."""

from __future__ import annotations

import click

from commit_calc.cli.options import game_argument, load_game_argument, run_library


@click.command()
def games() -> None:
    """List the games in the catalog, one line each: name, title, summary.

    Use a name with `commit-calc show NAME` or `commit-calc solve NAME`.

    \b
    Example:
      $ commit-calc games
    """
    from commit_calc.io.catalog import list_games
    from commit_calc.render.games import catalog_text

    click.echo(catalog_text(run_library(list_games)), nl=False)


@click.command()
@game_argument
def show(game: str) -> None:
    """Print GAME: players, parameters (defaults, bounds, units) and its tree or payoff table.

    GAME is a catalog name (default enforcer-reliability), a path to a .toml, .json, .efg or
    .nfg file, or - for standard input. Payoffs are shown as formulas in the parameters, not
    as the file writes them: definitions are expanded and terms put in a standard order
    ("salary + amnesty" shows as "amnesty + salary").

    \b
    Example:
      $ commit-calc show enforcer-reliability
    """
    from commit_calc.render.games import game_text

    click.echo(game_text(load_game_argument(game)), nl=False)
