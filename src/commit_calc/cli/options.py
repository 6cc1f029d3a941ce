"""Options and helpers shared by the ``commit-calc`` subcommands.

Heavy modules (sympy, the solvers) are imported inside the functions here, never at import
time, so that ``commit-calc --help`` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from pathlib import Path

    import sympy

    from commit_calc.model.extensive_form import ExtensiveFormGame
    from commit_calc.model.normal_form import NormalFormGame

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

#: The catalog game used when a command is given no GAME argument.
DEFAULT_GAME = "enforcer-reliability"


def parse_assignment(text: str) -> tuple[str, sympy.Rational]:
    """Split ``NAME=VALUE`` into the name and the exact value.

    VALUE is read exactly: ``250``, ``0.75``, ``3/4`` or ``1e-3``; never as a float.

    Raises :class:`click.BadParameter` when there is no ``=``, the name is empty, or the value
    is not a number.

    Examples
    --------
    >>> parse_assignment("reliability=3/4")
    ('reliability', 3/4)
    >>> parse_assignment("salary = 0.1")
    ('salary', 1/10)
    >>> parse_assignment("salary")
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: 'salary' is not NAME=VALUE (e.g. reliability=3/4)
    """
    from commit_calc.errors import CommitCalcError
    from commit_calc.model.values import exact_number

    name, equals, value = text.partition("=")
    name, value = name.strip(), value.strip()
    if not equals or not name:
        raise click.BadParameter(f"{text!r} is not NAME=VALUE (e.g. reliability=3/4)")
    try:
        return name, exact_number(value, what=f"parameter '{name}'")
    except CommitCalcError as error:
        raise click.BadParameter(str(error)) from None


def _collect_assignments(
    ctx: click.Context, param: click.Parameter, value: Sequence[str]
) -> dict[str, sympy.Rational]:
    values: dict[str, sympy.Rational] = {}
    for text in value:
        name, number = parse_assignment(text)
        if name in values:
            raise click.BadParameter(f"parameter '{name}' is set twice", ctx=ctx, param=param)
        values[name] = number
    return values


def set_option(function: F) -> F:
    """The repeatable ``--set NAME=VALUE`` option; the command receives ``values``, a dict.

    Examples
    --------
    >>> from click.testing import CliRunner
    >>> @click.command()
    ... @set_option
    ... def show_values(values):
    ...     click.echo(values)
    >>> CliRunner().invoke(show_values, ["--set", "r=3/4", "--set", "s=250"]).stdout
    "{'r': 3/4, 's': 250}\\n"
    """
    return click.option(
        "--set",
        "values",
        metavar="NAME=VALUE",
        multiple=True,
        callback=_collect_assignments,
        help="Give a parameter an exact value (250, 0.75, 3/4). Repeatable.",
    )(function)


def refuse_set_and_varied(values: dict[str, object], varied: Sequence[str],
                          option: str = "--vary") -> None:
    """Refuse (bad usage, exit 2) a parameter given both a value with --set and ``option``."""
    for name in varied:
        if name in values:
            raise click.UsageError(f"parameter '{name}' is both {option} and --set")


def format_option(choices: Sequence[str] = ("text", "json", "csv"), default: str | None = None
                  ) -> Callable[[F], F]:
    """The ``--format`` option with the given choices; the first is the default.

    Examples
    --------
    >>> from click.testing import CliRunner
    >>> @click.command()
    ... @format_option(("text", "json"))
    ... def show_format(output_format):
    ...     click.echo(output_format)
    >>> CliRunner().invoke(show_format, ["--format", "json"]).stdout
    'json\\n'
    """
    chosen = default if default is not None else choices[0]
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(choices), case_sensitive=False),
        default=chosen,
        show_default=True,
        help="Output format.",
    )


def game_argument(function: F) -> F:
    """The optional ``GAME`` argument: a catalog name, a file path or ``-`` (default catalog
    game ``enforcer-reliability``). The command receives the spec string as ``game``."""
    return click.argument("game", required=False, default=DEFAULT_GAME, metavar="[GAME]")(
        function
    )


def run_library(call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a library call; a :class:`~commit_calc.errors.CommitCalcError` becomes a
    :class:`click.ClickException` (exit 1, one-line message, no traceback).

    Examples
    --------
    >>> run_library(int, "7")
    7
    >>> from commit_calc.errors import ParameterError
    >>> def fails():
    ...     raise ParameterError("unknown parameter 'x'")
    >>> run_library(fails)
    Traceback (most recent call last):
    ...
    click.exceptions.ClickException: unknown parameter 'x'
    """
    from commit_calc.errors import CommitCalcError

    try:
        return call(*args, **kwargs)
    except CommitCalcError as error:
        raise click.ClickException(for_people(str(error))) from None


def for_people(message: str) -> str:
    """A library message as a person on the command line reads it: on one line, without the
    names of library functions (``solve(): ``), which the command's user never called.

    >>> for_people("solve(): method 'x' is not one of exact\\n  (see --help)")
    "method 'x' is not one of exact; (see --help)"
    """
    from commit_calc.errors import plain_message

    return one_line(plain_message(message))


def one_line(message: str) -> str:
    """The message on one line: inner newlines become ``"; "``.

    >>> one_line("game.toml:3: bad\\n  more")
    'game.toml:3: bad; more'
    """
    parts = [part.strip() for part in message.splitlines() if part.strip()]
    return "; ".join(parts) if parts else message


def load_game_argument(spec: str) -> NormalFormGame | ExtensiveFormGame:
    """Load the game a command was given (catalog name, path, or ``-`` for stdin).

    Calls :func:`commit_calc.io.load_game`; its errors become :class:`click.ClickException`.
    """
    from commit_calc.io import load_game

    return run_library(load_game, spec)


def warn(message: str) -> None:
    """Print a warning on standard error."""
    click.echo(f"warning: {for_people(message)}", err=True)


def check_output_file(path: str | Path, what: str) -> None:
    """Refuse, before any work, a file that cannot be written where it is named: its folder
    is missing, or a folder stands in its place. A problem with a file, so exit 1 (as a
    failed write), not a usage error.

    >>> check_output_file("/no/such/map.png", "plot file")
    Traceback (most recent call last):
    ...
    click.exceptions.ClickException: plot file '/no/such/map.png': folder '/no/such' does not exist
    """
    from pathlib import Path

    target = Path(path)
    if target.is_dir():
        raise click.ClickException(f"{what} '{path}': a folder has that name")
    if not target.parent.is_dir():
        raise click.ClickException(f"{what} '{path}': folder '{target.parent}' does not exist")
