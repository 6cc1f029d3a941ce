"""The ``commit-calc`` command group.

Subcommands are registered by import path and loaded only when they are run (or when
``--help`` lists them), so ``commit-calc --help`` does not import sympy or nashpy. A subcommand
whose module is not installed is simply absent.

Errors, for every command alike (see "Exit codes" in ``docs/reference/cli.md``):

- 2: the command line is wrong by itself (malformed, unknown or conflicting options or option
  values), found before the game is read; one line on standard error.
- 1: the game, a file or the computation fails, or writing (a file or standard output) fails;
  one line on standard error.
- 0: standard output was closed by its reader (``| head -1``): the command ends quietly, as the
  reader asked for no more. (Not 141, the status of a Unix tool stopped by SIGPIPE: Python
  reports a write the reader cut short as complete, so 141 could not be given every time.)
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import importlib.util
import os
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

import click

from commit_calc.cli.options import one_line

#: The exit status when the reader of standard output has gone (``| head -1``).
CLOSED_PIPE_EXIT = 0

#: Subcommand name -> ``"module:attribute"`` of its click command, in the order of ``--help``.
COMMANDS = {
    "games": "commit_calc.cli.games:games",
    "show": "commit_calc.cli.games:show",
    "solve": "commit_calc.cli.solve:solve",
    "sweep": "commit_calc.cli.sweep:sweep",
    "thresholds": "commit_calc.cli.thresholds:thresholds",
    "credibility": "commit_calc.cli.credibility:credibility",
    "repeated": "commit_calc.cli.repeated:repeated",
    "uncertainty": "commit_calc.cli.uncertainty:uncertainty",
    "convert": "commit_calc.cli.convert:convert",
    "draw": "commit_calc.cli.draw:draw",
    "explore": "commit_calc.cli.explore:explore",
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

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line; a closed standard output fails the first write (EBADF)."""
        _occupy_closed_stdout()
        return super().main(*args, **kwargs)

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        with _one_line_errors(info_name or "commit-calc"):
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with _one_line_errors(lambda: " ".join(filter(None, [ctx.command_path,
                                                               ctx.invoked_subcommand]))):
            result = super().invoke(ctx)
            if sys.stdout is not None:
                sys.stdout.flush()
            return result


class OneLineUsageError(click.UsageError):
    """A usage error shown on one line, with the help hint on the same line.

    ``command_path`` names the command for the hint when the error has no context (click's
    parser raises some without one)."""

    def __init__(self, message: str, ctx: click.Context | None = None,
                 command_path: str = "") -> None:
        super().__init__(message, ctx)
        self.command_path = ctx.command_path if ctx is not None else command_path

    def show(self, file: IO[Any] | None = None) -> None:
        message = one_line(self.format_message()).rstrip(".")
        stop = "" if message.endswith(("?", "!")) else "."
        hint = f"{stop} Try '{self.command_path} -h'." if self.command_path else ""
        click.echo(f"Error: {message}{hint}", file=file if file is not None else sys.stderr)


@contextlib.contextmanager
def _one_line_errors(command_path: str | Callable[[], str]) -> Iterator[None]:
    """Usage errors on one line (exit 2); failed writes to standard output: one line and
    exit 1; quietly :data:`CLOSED_PIPE_EXIT` when the reader has gone.

    ``command_path`` (or a function giving it) names the command for a usage error that
    comes without a context."""
    try:
        yield
    except OneLineUsageError:
        raise
    except click.UsageError as error:
        if type(error).show is not click.UsageError.show:  # e.g. help for no arguments
            raise
        path = command_path() if callable(command_path) else command_path
        raise OneLineUsageError(error.format_message(), error.ctx, path) from None
    except OSError as error:
        if error.filename is not None:  # a file's error, not a stream's
            raise click.ClickException(f"{error.filename}: {error.strerror}") from None
        _silence_stdout()
        if error.errno == errno.EPIPE:
            raise click.exceptions.Exit(CLOSED_PIPE_EXIT) from None
        reason = error.strerror or os.strerror(error.errno or 0)
        raise click.ClickException(f"cannot write to standard output ({reason})") from None


def _occupy_closed_stdout() -> None:
    """If descriptor 1 is closed (``>&-``), put a read-only /dev/null there, so that writing
    output fails with EBADF instead of vanishing, and no file opened later takes descriptor 1.
    """
    if sys.stdout is not None:
        return
    try:
        os.fstat(1)
        return  # descriptor 1 is some file opened since start-up: leave it alone
    except OSError:
        pass
    descriptor = os.open(os.devnull, os.O_RDONLY)
    if descriptor != 1:
        os.dup2(descriptor, 1)
        os.close(descriptor)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush of what is
    still buffered cannot fail again ("Exception ignored ..."), as the Python docs advise
    for SIGPIPE."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (tests capture it)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, descriptor)
    os.close(null)


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
