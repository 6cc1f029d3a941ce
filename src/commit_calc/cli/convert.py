"""``commit-calc convert``: between commit-calc game files (TOML, JSON) and Gambit's .efg/.nfg."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import click

from commit_calc.cli.options import (
    check_output_file,
    load_game_argument,
    run_library,
    set_option,
    warn,
)

if TYPE_CHECKING:
    from commit_calc.model.extensive_form import ExtensiveFormGame
    from commit_calc.model.normal_form import NormalFormGame

FORMATS = ("toml", "json", "efg", "nfg")


@click.command()
@click.argument("source", metavar="IN")
@click.argument("target", metavar="OUT")
@set_option
@click.option("--to", "target_format", type=click.Choice(FORMATS, case_sensitive=False),
              help="Format to write to standard output (OUT -). A file's format is its "
              "suffix; --to, if given too, must agree with it.")
def convert(source: str, target: str, values: dict[str, object],
            target_format: str | None) -> None:
    """Convert game IN to OUT: commit-calc's .toml or .json, or Gambit's .efg or .nfg.

    IN is a catalog name, a path, or - for standard input; OUT is a path, or - for standard
    output (then give --to). The format of OUT comes from its suffix.

    .toml and .json keep the parameters (those given with --set are fixed). Gambit files hold
    numbers only: parameters take the values given with --set, else their defaults. A tree
    written as .nfg becomes its reduced normal form.

    \b
    Example:
      $ commit-calc convert enforcer-reliability enforcer.efg --set reliability=3/4
    """
    chosen = _target_format(target, target_format)
    if target != "-":
        check_output_file(target, "OUT")
    game = load_game_argument(source)
    text = run_library(_render, game, chosen, values)
    if target == "-":
        click.echo(text, nl=False)
        return
    from commit_calc.io.atomic import write_atomic

    run_library(write_atomic, target, text)
    click.echo(f"wrote {target}", err=True)


def _target_format(target: str, given: str | None) -> str:
    """The format to write: --to, else OUT's suffix. A file's suffix must name its format,
    so that the file can be read back (--to only chooses the format of standard output)."""
    if target == "-":
        if given is None:
            raise click.UsageError("OUT is -: say which format to write with --to "
                                   f"({', '.join(FORMATS)})")
        return given.lower()
    suffix = Path(target).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise click.BadParameter(
            f"{target!r}: the name must end in .toml, .json, .efg or .nfg, so that the file "
            "can be read back (--to sets the format of standard output, OUT -)",
            param_hint="OUT",
        )
    if given is not None and given.lower() != suffix:
        raise click.UsageError(
            f"--to {given.lower()} conflicts with OUT {target!r}, whose suffix says "
            f"{suffix}: name the file .{given.lower()}, or leave out --to")
    return suffix


def _render(game: NormalFormGame | ExtensiveFormGame, target_format: str,
            values: Mapping[str, object]) -> str:
    from commit_calc.errors import UnsupportedGameError
    from commit_calc.io.gambit import format_efg, format_nfg
    from commit_calc.io.game_writer import game_to_json, game_to_toml
    from commit_calc.model.normal_form import NormalFormGame

    if target_format in ("toml", "json"):
        fixed = game.substitute(values) if values else game
        return game_to_toml(fixed) if target_format == "toml" else game_to_json(fixed)
    numeric = game.at(values)
    if target_format == "efg" and isinstance(numeric, NormalFormGame):
        raise UnsupportedGameError(
            "a normal-form game has no tree to write as .efg (write .nfg, .toml or .json)"
        )
    defaulted = [p.name for p in game.parameters if p.name not in values]
    if defaulted:
        warn(f"parameters at their defaults in the {target_format} file: "
             + ", ".join(f"{name}={game.parameters[name].default}" for name in defaulted))
    if isinstance(numeric, NormalFormGame):
        return format_nfg(numeric)
    if target_format == "efg":
        return format_efg(numeric)
    from commit_calc.solvers.reduction import reduced_normal_form

    return format_nfg(reduced_normal_form(numeric).game)
