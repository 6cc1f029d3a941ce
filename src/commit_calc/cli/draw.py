"""``commit-calc draw``: a game's tree or payoff table as DOT, SVG, PNG, PDF or TikZ."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from commit_calc.cli.options import (
    check_output_file,
    game_argument,
    load_game_argument,
    run_library,
    set_option,
    warn,
)

if TYPE_CHECKING:
    from commit_calc.draw.beliefs import BeliefMarks
    from commit_calc.model.extensive_form import ExtensiveFormGame
    from commit_calc.model.normal_form import NormalFormGame
    from commit_calc.model.profiles import BehaviourProfile, MixedProfile

FORMATS = ("dot", "svg", "png", "pdf", "tikz")
BINARY = ("png", "pdf")
#: Output-file suffix -> format, for ``-o tree.png`` without ``--format``.
SUFFIXES = {".dot": "dot", ".gv": "dot", ".svg": "svg", ".png": "png", ".pdf": "pdf",
            ".tex": "tikz", ".tikz": "tikz"}

_KINDS = {"spe": "subgame-perfect equilibri", "nash": "Nash equilibri",
          "pbe": "perfect Bayesian equilibri", "sequential": "sequential equilibri"}


@click.command()
@game_argument
@set_option
@click.option("--format", "output_format", type=click.Choice(FORMATS, case_sensitive=False),
              default=None,
              help="dot (Graphviz text, needs nothing installed); svg, png or pdf (drawn by "
              "Graphviz's dot program where it is installed, else by matplotlib with the same "
              "labels, probabilities and key); tikz (a standalone LaTeX document). Default: "
              "from the output file's suffix, else dot. With -o FILE, FILE's suffix must name the "
              "same format.")
@click.option("--output-file", "-o", type=click.Path(path_type=Path), metavar="FILE",
              default=None, help="Write here instead of standard output (required for png "
              "and pdf on a terminal).")
@click.option("--equilibrium", "number", type=click.IntRange(min=1), default=1,
              show_default=True, help="Which equilibrium to highlight (see commit-calc solve).")
@click.option("--no-equilibrium", is_flag=True,
              help="Draw the game only. Without --set, payoffs stay formulas of the parameters.")
@click.option(
    "--concept", type=click.Choice(["auto", "nash", "spe", "pbe", "sequential"],
                                   case_sensitive=False),
    default="auto", show_default=True,
    help="Which equilibria to highlight: auto (subgame-perfect for trees, Nash for tables), "
    "nash, spe, or pbe and sequential (trees: the beliefs are written at the nodes of each "
    "information set, μ, with the condition off the path in the caption).",
)
@click.option("--promise", "promises", metavar="WHO=ACTION", multiple=True,
              help="Label a promised action on the tree, '(promised, broken)' where the "
                   "equilibrium drawn breaks it (see commit-calc credibility). Repeatable.")
def draw(game: str, values: dict[str, object], output_format: str | None,
         output_file: Path | None, number: int, no_equilibrium: bool, concept: str,
         promises: tuple[str, ...]) -> None:
    """Draw GAME's tree (or payoff table) with an equilibrium highlighted.

    The tree shows players, actions, chance probabilities and payoffs; the path the
    equilibrium plays is thick and red, its choices off the path thick and dark, other actions
    grey and dashed. A two-player normal-form game is drawn as a payoff table with the
    equilibrium's cells shaded. GAME is a catalog name, a file, or - for standard input.

    The game is solved first (as `commit-calc solve` does) and equilibrium 1 is drawn; standard
    error says how many there are, and --equilibrium N picks another.

    \b
    Examples:
      $ commit-calc draw enforcer-reliability --set reliability=3/4 -o tree.png
      $ commit-calc draw kreps-trust --format tikz > trust.tex && pdflatex trust.tex
      $ commit-calc draw ultimatum --equilibrium 2 | dot -Tsvg > ultimatum.svg
    """
    if output_file is not None and str(output_file) == "-":  # - means standard output
        output_file = None
    chosen = _format(output_format, output_file)
    if no_equilibrium:
        _refuse_with_no_equilibrium("number", "--equilibrium")
        _refuse_with_no_equilibrium("concept", "--concept")
    if chosen in BINARY and output_file is None and _stdout_is_terminal():
        raise click.UsageError(
            f"{chosen.upper()} is binary: write it to a file with -o FILE "
            f"(e.g. -o game.{chosen}) or pipe standard output elsewhere"
        )
    if output_file is not None:
        check_output_file(output_file, "output file")
    loaded = load_game_argument(game)
    run_library(_check_drawable, loaded, chosen)
    promised = run_library(_promised, loaded, promises) if promises else None
    drawn, profile, note, beliefs = _game_and_profile(loaded, values, number, no_equilibrium,
                                                      concept.lower())
    picture = run_library(_picture, drawn, profile, chosen, promised, beliefs)
    _write(picture, output_file)
    if note:
        click.echo(note, err=True)


def _refuse_with_no_equilibrium(parameter: str, option: str) -> None:
    """Refuse (bad usage) an equilibrium option given with --no-equilibrium."""
    source = click.get_current_context().get_parameter_source(parameter)
    if source is click.core.ParameterSource.COMMANDLINE:
        raise click.UsageError(f"{option} conflicts with --no-equilibrium (which draws no "
                               "equilibrium)")


#: Pictures (all formats but DOT text) are drawn of trees with at most this many terminal
#: nodes: a larger one is unreadable on any page, and took minutes to lay out (4096 leaves).
MAX_DRAWN_LEAVES = 500


def _check_drawable(game: NormalFormGame | ExtensiveFormGame, output_format: str) -> None:
    """Refuse, before solving, what cannot be drawn: tables of 3+ players, TikZ tables, and
    pictures of trees too large to read."""
    from commit_calc.errors import UnsupportedGameError
    from commit_calc.model.normal_form import NormalFormGame

    if not isinstance(game, NormalFormGame):
        leaves = sum(1 for _ in game.terminal_nodes())
        if leaves > MAX_DRAWN_LEAVES and output_format != "dot":
            raise UnsupportedGameError(
                f"the tree has {leaves:,} terminal nodes, more than the {MAX_DRAWN_LEAVES} a "
                "picture can show legibly; write its DOT text with --format dot")
        return
    if game.num_players != 2:
        raise UnsupportedGameError(
            f"a payoff table is drawn for two players; this game has {game.num_players} "
            "(see its payoffs with commit-calc show)"
        )
    if output_format == "tikz":
        raise UnsupportedGameError(
            "TikZ is written for trees; draw this payoff table with --format dot, svg, png or "
            "pdf"
        )


def _stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _format(output_format: str | None, output_file: Path | None) -> str:
    """--format, else the output file's suffix, else dot. A file's suffix, if it has one,
    must name the format written into it (-o x.svg holds SVG, never PNG)."""
    chosen = output_format.lower() if output_format is not None else None
    suffix = output_file.suffix.lower() if output_file is not None else ""
    if not suffix:
        return chosen or "dot"
    named = SUFFIXES.get(suffix)
    if named is None:
        if chosen is not None:
            raise click.UsageError(f"the suffix '{suffix}' of {output_file} does not name "
                                   f"--format {chosen}: end the name in {_suffixes(chosen)}")
        raise click.UsageError(f"cannot tell the format from the suffix '{suffix}' of "
                               f"{output_file}: end the name in {_suffixes(None)}, or leave "
                               "out the suffix and give --format")
    if chosen is not None and chosen != named:
        raise click.UsageError(
            f"--format {chosen} conflicts with -o {output_file}, whose suffix says {named}: "
            f"name the file {_suffixes(chosen)}, or leave out --format"
        )
    return named


def _suffixes(output_format: str | None) -> str:
    """The file suffixes of a format (of every format for ``None``), for messages."""
    names = [s for s, f in SUFFIXES.items() if output_format in (None, f)]
    return ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 1 else names[0]


def _game_and_profile(
    game: NormalFormGame | ExtensiveFormGame, values: dict[str, object], number: int,
    no_equilibrium: bool, concept: str,
) -> tuple[NormalFormGame | ExtensiveFormGame, MixedProfile | BehaviourProfile | None, str,
           BeliefMarks | None]:
    """The game to draw (values substituted), the equilibrium to highlight if any, a note
    for standard error saying how many equilibria there are, and its beliefs if any."""
    if no_equilibrium:
        substituted = run_library(lambda: game.substitute(values))
        return substituted, None, "", None
    from commit_calc.solvers.solve import solve

    result = run_library(solve, game, values, concept=concept)
    for message in result.warnings:
        warn(message)
    count = len(result.equilibria)
    kind = _KINDS.get(result.concept, "equilibri") + ("um" if count == 1 else "a")
    if count == 0:
        return result.game, None, f"no {kind} found; the game is drawn without one", None
    if number > count:
        raise click.ClickException(
            f"--equilibrium {number}: the game has {count} {kind} at these values"
        )
    note = (f"1 {kind}; it is highlighted" if count == 1 else
            f"{count} {kind}; drew equilibrium {number} (pick another with --equilibrium N)")
    from commit_calc.draw.beliefs import belief_marks

    chosen = result.equilibria[number - 1]
    marks = (belief_marks(result.game, chosen)  # type: ignore[arg-type]
             if concept in ("pbe", "sequential") else None)
    return result.game, chosen.profile, note, marks


def _promised(game: NormalFormGame | ExtensiveFormGame, promises: tuple[str, ...]
              ) -> dict[str, str]:
    """Information set label -> promised action, from the --promise texts."""
    from commit_calc.credibility.promise import parse_promises
    from commit_calc.errors import UnsupportedGameError
    from commit_calc.model.extensive_form import ExtensiveFormGame

    if not isinstance(game, ExtensiveFormGame):
        raise UnsupportedGameError("--promise: a promise is an action in a game tree; this "
                                   "game is a table")
    return {label: action for p in parse_promises(game, promises) for label, action in p.choices}


def _picture(game: NormalFormGame | ExtensiveFormGame,
             profile: MixedProfile | BehaviourProfile | None, output_format: str,
             promised: dict[str, str] | None = None,
             beliefs: BeliefMarks | None = None) -> str | bytes:
    from commit_calc.draw import table_image, table_to_dot, tree_image, tree_to_dot, tree_to_tikz
    from commit_calc.model.extensive_form import ExtensiveFormGame

    if isinstance(game, ExtensiveFormGame):
        if output_format == "tikz":
            return tree_to_tikz(game, profile, promised=promised,  # type: ignore[arg-type]
                                beliefs=beliefs)
        if output_format == "dot":
            return tree_to_dot(game, profile, promised, beliefs)  # type: ignore[arg-type]
        return tree_image(game, profile, output_format, promised,  # type: ignore[arg-type]
                          beliefs)
    _check_drawable(game, output_format)
    if output_format == "dot":
        return table_to_dot(game, profile)  # type: ignore[arg-type]
    return table_image(game, profile, output_format)  # type: ignore[arg-type]


def _write(picture: str | bytes, output_file: Path | None) -> None:
    data = picture.encode() if isinstance(picture, str) else picture
    if output_file is None:
        with click.open_file("-", "wb") as stream:  # stdout, in binary
            stream.write(data)
            stream.flush()
        return
    from commit_calc.io.atomic import write_atomic

    run_library(write_atomic, output_file, data)
    click.echo(f"wrote {output_file}", err=True)
