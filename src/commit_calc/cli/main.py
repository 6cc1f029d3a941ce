"""The ``commit-calc`` command group.

Subcommands are registered by import path and loaded only when they are run (or when
``--help`` lists them), so ``commit-calc --help`` does not import sympy or nashpy. A subcommand
whose module is not installed is simply absent.
"""

from __future__ import annotations

import importlib
import importlib.util

import click

#: Subcommand name -> ``"module:attribute"`` of its click command, in the order of ``--help``.
COMMANDS = {
    "games": "commit_calc.cli.games:games",
    "show": "commit_calc.cli.games:show",
    "solve": "commit_calc.cli.solve:solve",
    "sweep": "commit_calc.cli.sweep:sweep",
    "thresholds": "commit_calc.cli.thresholds:thresholds",
    "convert": "commit_calc.cli.convert:convert",
    "draw": "commit_calc.cli.draw:draw",
}


class LazyGroup(click.Group):
    """A click group that imports each subcommand's module only when it is needed.

    As in click's documentation, "Lazily Loading Subcommands". A subcommand whose module
    cannot be found is left out of the listing instead of breaking ``--help``.
    """

    def __init__(self, *args: object, lazy_subcommands: dict[str, str] | None = None,
                 **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy_subcommands = dict(lazy_subcommands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        available = [name for name, path in self.lazy_subcommands.items() if _exists(path)]
        return available + sorted(set(super().list_commands(ctx)) - set(available))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        path = self.lazy_subcommands.get(cmd_name)
        if path is not None and _exists(path):
            return _load(path)
        return super().get_command(ctx, cmd_name)


def _exists(path: str) -> bool:
    module = path.partition(":")[0]
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def _load(path: str) -> click.Command:
    module_name, _, attribute = path.partition(":")
    command = getattr(importlib.import_module(module_name), attribute)
    if not isinstance(command, click.Command):
        raise TypeError(f"{path} is not a click command")
    return command


def _version() -> str:
    from commit_calc import __version__

    return __version__


@click.group(cls=LazyGroup, lazy_subcommands=COMMANDS,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(_version(), "--version", prog_name="commit-calc",
                      message="%(prog)s %(version)s")
def cli() -> None:
    """Exact equilibria and credibility thresholds for commitment games.

    Is a promise in a conflict settlement credible? Solve a game from the catalog or a file,
    sweep its parameters, or find the thresholds where the equilibrium changes.

    \b
    Example:
      $ commit-calc solve enforcer-reliability --set reliability=3/4
    """
