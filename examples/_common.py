"""Helpers shared by the example scripts: where pictures go, how they are written, and a short
description of each equilibrium.

Each example writes its pictures into ``--out DIR`` (default: the directory it is run from).
Game trees are written as Graphviz DOT and LaTeX/TikZ text, and as PNG: through Graphviz's
``dot`` program when it is installed, else with matplotlib (the same facts: probabilities, key,
information sets); maps and payoff plots need matplotlib (``pip install "commit-calc[plot]"``).
A picture that neither can draw is skipped with a note.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from commit_calc.analysis.labels import profile_label
from commit_calc.analysis.plot import plot_outcome_map, plot_payoffs
from commit_calc.draw import (
    render_dot,
    table_to_dot,
    table_to_image,
    tree_to_dot,
    tree_to_image,
    tree_to_tikz,
)
from commit_calc.draw.render import DrawingUnavailable
from commit_calc.io.atomic import write_atomic


def output_directory(description: str) -> Path:
    """The ``--out`` directory from the command line (created if needed)."""
    parser = argparse.ArgumentParser(description=description.strip().splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path.cwd(),
                        help="directory for the pictures (default: the current directory)")
    directory = parser.parse_args().out
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def describe(result) -> None:
    """Print each equilibrium of a SolveResult: its outcome, strategies and payoffs."""
    game = result.game
    kind = "subgame-perfect equilibri" if result.concept == "spe" else "Nash equilibri"
    count = len(result.equilibria)
    print(f"  {count} {kind}{'um' if count == 1 else 'a'}:")
    for number, equilibrium in enumerate(result.equilibria, start=1):
        payoffs = ", ".join(f"{p} {v}" for p, v in zip(game.players, equilibrium.payoffs))
        print(f"  {number}. outcome: {profile_label(game, equilibrium.profile)}")
        for player, plan in equilibrium.profile.labelled(game).items():
            print(f"       {player}: {_plan_text(plan)}")
        print(f"       payoffs: {payoffs}")


def _plan_text(plan: dict) -> str:
    def mix(distribution: dict) -> str:
        played = {a: p for a, p in distribution.items() if p != 0}
        if len(played) == 1:
            return next(iter(played))
        return " + ".join(f"{p}*{a}" for a, p in played.items())

    if plan and all(isinstance(v, dict) for v in plan.values()):  # a tree: per decision node
        return "; ".join(f"at {node}: {mix(d)}" for node, d in plan.items())
    return mix(plan)


def _write(path: Path, data: str | bytes) -> Path:
    write_atomic(path, data)  # the whole file or, on failure, the old one untouched
    print(f"wrote {path}")
    return path


def save_tree(game, profile, directory: Path, stem: str) -> None:
    """The tree with ``profile`` highlighted: stem.dot, stem.tex, and stem.png (Graphviz, or
    matplotlib without it)."""
    dot = tree_to_dot(game, profile)
    _write(directory / f"{stem}.dot", dot)
    _write(directory / f"{stem}.tex", tree_to_tikz(game, profile))
    _render(dot, directory / f"{stem}.png", lambda: tree_to_image(game, profile, "png"))


def save_table(game, profile, directory: Path, stem: str) -> None:
    """The payoff table with ``profile``'s cells shaded: stem.dot, and stem.png (Graphviz, or
    matplotlib without it)."""
    dot = table_to_dot(game, profile)
    _write(directory / f"{stem}.dot", dot)
    _render(dot, directory / f"{stem}.png", lambda: table_to_image(game, profile, "png"))


def _render(dot: str, path: Path, fallback) -> None:
    if shutil.which("dot") is None:
        try:
            data = fallback()
        except DrawingUnavailable as error:
            print(f"note: {path.name} was not drawn: {error}")
            return
        print(f"note: Graphviz's 'dot' is not installed: {path.name} is drawn with matplotlib")
        _write(path, data)
        return
    # 150 dots per inch instead of Graphviz's 72: legible on a screen and in print
    sharper = dot.replace("{", "{\n  dpi=150;", 1)
    _write(path, render_dot(sharper, "png"))


def save_plot(sweep_result, path: Path) -> None:
    """A payoff plot (one varied parameter) or outcome map (two), if matplotlib is there."""
    draw = plot_payoffs if len(sweep_result.axes) == 1 else plot_outcome_map
    try:
        draw(sweep_result, path)
    except DrawingUnavailable as error:
        print(f"note: {path.name} was not drawn: {error}")
        return
    print(f"wrote {path}")
