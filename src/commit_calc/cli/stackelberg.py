"""``commit-calc solve --concept stackelberg --leader PLAYER``: the leader's optimal commitment.

Kept apart from :mod:`commit_calc.cli.solve` so that the solve command only dispatches here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from commit_calc.cli.options import load_game_argument, run_library, warn

if TYPE_CHECKING:
    from commit_calc.model.normal_form import NormalFormGame


def solve_stackelberg(game: str, values: dict[str, object], concept: str, leader: str | None,
                      method: str, output_format: str, explain: bool) -> None:
    """Check the options (bad usage: exit 2, before the game is read), solve, print."""
    if concept != "stackelberg":
        raise click.UsageError("--leader works only with --concept stackelberg")
    if leader is None:
        raise click.UsageError("--concept stackelberg needs --leader PLAYER (the player who "
                               "commits)")
    if method != "exact":
        raise click.UsageError(f"--concept stackelberg is solved exactly; --method {method} "
                               "does not apply")
    if output_format == "csv":
        raise click.UsageError("--concept stackelberg works with --format text or json, not csv")
    if explain:
        raise click.UsageError("--explain does not apply to --concept stackelberg")
    from commit_calc.render.stackelberg import stackelberg_json, stackelberg_text
    from commit_calc.solvers.stackelberg import stackelberg

    loaded = load_game_argument(game)
    name = loaded.name or game
    table = check_stackelberg_game(loaded, name, leader)
    result = run_library(stackelberg, table, leader, values)
    for message in result.warnings:
        warn(message)
    render = stackelberg_json if output_format == "json" else stackelberg_text
    text = render(result, table)
    click.echo(text if text.endswith("\n") else text + "\n", nl=False)


def check_stackelberg_game(loaded: object, name: str, leader: str) -> NormalFormGame:
    """The game, or refused in the user's words where Stackelberg commitment does not apply:
    a tree, more or fewer than two players, or a --leader who is not a player (exit 1)."""
    from commit_calc.model.normal_form import NormalFormGame

    if not isinstance(loaded, NormalFormGame):
        raise click.ClickException(
            f"--concept stackelberg needs a two-player normal-form game; '{name}' is a tree "
            "(use --concept spe or nash)")
    if loaded.num_players != 2:
        raise click.ClickException(
            f"--concept stackelberg needs a two-player game; '{name}' has "
            f"{loaded.num_players} players")
    if leader not in loaded.players:
        raise click.ClickException(
            f"--leader: '{leader}' is not a player of '{name}' (players: "
            + ", ".join(loaded.players) + ")")
    return loaded
