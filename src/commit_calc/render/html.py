"""Games and results as HTML, for Jupyter (the ``_repr_html_`` of games and results).

Payoff tables and equilibria are HTML tables; a tree is an inline SVG drawn by Graphviz's
``dot`` where it is installed, else the text tree of ``commit-calc show`` in a ``<pre>``
block. Every label is escaped, so a game file cannot inject markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence

from commit_calc.errors import CommitCalcError
from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame
from commit_calc.model.parameters import Parameters
from commit_calc.render.games import tree_lines
from commit_calc.render.numbers import exact_text, human_text
from commit_calc.render.solve import strategies
from commit_calc.solvers.results import Equilibrium, SolveResult

Game = NormalFormGame | ExtensiveFormGame

_CONCEPTS = {"spe": "subgame-perfect equilibri", "nash": "Nash equilibri"}


def game_html(game: Game) -> str:
    """The game as HTML: title, parameters, and its payoff table or tree.

    Examples
    --------
    >>> pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                   strategies=(("C", "D"), ("C", "D")), title="PD")
    >>> print(game_html(pd))  # doctest: +ELLIPSIS
    <div class="commit-calc-game"><strong>PD</strong><table>...<td>5, 0</td>...</table></div>
    """
    parts = [f"<strong>{_escape(_title(game))}</strong>"]
    if len(game.parameters):
        parts.append(_parameters_table(game.parameters))
    if isinstance(game, ExtensiveFormGame):
        parts.append(tree_html(game))
    else:
        parts.append(_payoff_table(game))
    return '<div class="commit-calc-game">' + "".join(parts) + "</div>"


def tree_html(game: ExtensiveFormGame) -> str:
    """The tree as inline SVG through Graphviz, or as the text tree in ``<pre>`` without it."""
    from commit_calc.draw import render_dot, tree_to_dot

    try:
        svg = render_dot(tree_to_dot(game), "svg").decode()
    except CommitCalcError:
        return "<pre>" + _escape("\n".join(tree_lines(game))) + "</pre>"
    return inline_svg(svg)


def inline_svg(svg: str) -> str:
    """An SVG document made fit to sit inside HTML: the XML declaration, DOCTYPE and comments
    that Graphviz writes before the ``<svg>`` element are dropped.

    >>> inline_svg('<?xml version="1.0"?>\\n<!DOCTYPE svg>\\n<!-- x -->\\n<svg></svg>\\n')
    '<svg></svg>'
    """
    start = svg.find("<svg")
    body = svg[start:] if start >= 0 else svg
    return re.sub(r"<!--.*?-->", "", body, flags=re.DOTALL).strip()


def result_html(result: SolveResult) -> str:
    """The equilibria as an HTML table: strategies, outcome and payoffs, one row each.

    Examples
    --------
    >>> from commit_calc.solvers.solve import solve
    >>> pd = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                   strategies=(("C", "D"), ("C", "D")))
    >>> print(result_html(solve(pd)))  # doctest: +ELLIPSIS
    <div class="commit-calc-result"><strong>1 Nash equilibrium</strong> (...)<table>...</div>
    """
    game = result.game
    count = len(result.equilibria)
    kind = _CONCEPTS.get(result.concept, "equilibri") + ("um" if count == 1 else "a")
    parts = [f"<strong>{count} {_escape(kind)}</strong> ({_escape(result.method)})"]
    if result.parameters:
        parts.append("<p>" + _escape(", ".join(
            f"{name} = {exact_text(value)}" for name, value in result.parameters.items()
        )) + "</p>")
    header = ["#", *(f"{p}: strategy" for p in game.players), "outcome",
              *(f"{p}: payoff" for p in game.players)]
    rows = [_equilibrium_row(game, number, e)
            for number, e in enumerate(result.equilibria, start=1)]
    parts.append(_table(header, rows))
    if result.warnings:
        parts.append("<ul>" + "".join(f"<li>{_escape(w)}</li>" for w in result.warnings)
                     + "</ul>")
    return '<div class="commit-calc-result">' + "".join(parts) + "</div>"


def _equilibrium_row(game: Game, number: int, equilibrium: Equilibrium) -> list[str]:
    labelled = strategies(game, equilibrium)
    cells = [str(number)]
    for player in game.players:
        cells.append(_strategy_text(labelled[player]))
    cells.append("; ".join(
        (" > ".join(o.path) if o.terminal is not None else "(" + ", ".join(o.path) + ")")
        + ("" if o.probability == 1 else f" ({exact_text(o.probability)})")
        for o in equilibrium.outcomes
    ))
    cells += [human_text(v) for v in equilibrium.payoffs]
    return cells


def _strategy_text(choices: Mapping[str, object]) -> str:
    def distribution(values: Mapping[str, object]) -> str:
        if len(values) == 1:
            return next(iter(values))
        return ", ".join(f"{label} {exact_text(p)}" for label, p in values.items())

    if all(isinstance(v, Mapping) for v in choices.values()):
        return "; ".join(f"{infoset}: {distribution(d)}"  # type: ignore[arg-type]
                         for infoset, d in choices.items())
    return distribution(choices)


def _payoff_table(game: NormalFormGame) -> str:
    if game.num_players == 2:
        rows_player, columns_player = game.players
        header = [f"{rows_player} \\ {columns_player}", *game.strategies[1]]
        rows = [
            [label] + [", ".join(exact_text(v) for v in game.payoff((i, j)))
                       for j in range(len(game.strategies[1]))]
            for i, label in enumerate(game.strategies[0])
        ]
        return _table(header, rows, caption=f"Payoffs ({rows_player}, {columns_player})")
    header = [*game.players, "payoffs"]
    rows = [[*game.profile_labels(index), ", ".join(exact_text(v) for v in game.payoff(index))]
            for index in game.profiles()]
    return _table(header, rows, caption=f"Payoffs ({', '.join(game.players)})")


def _parameters_table(parameters: Parameters) -> str:
    rows = [[p.name, "-" if p.default is None else human_text(p.default), p.bounds_text,
             p.unit, p.meaning] for p in parameters]
    return _table(["parameter", "default", "bounds", "unit", "meaning"], rows)


def _table(header: Sequence[str], rows: Iterable[Sequence[str]], caption: str = "") -> str:
    head = "<tr>" + "".join(f"<th>{_escape(h)}</th>" for h in header) + "</tr>"
    body = "".join("<tr>" + "".join(f"<td>{_escape(c)}</td>" for c in row) + "</tr>"
                   for row in rows)
    title = f"<caption>{_escape(caption)}</caption>" if caption else ""
    return f"<table>{title}<thead>{head}</thead><tbody>{body}</tbody></table>"


def _title(game: Game) -> str:
    if game.title and game.name:
        return f"{game.title} ({game.name})"
    return game.title or game.name or "Untitled game"


def _escape(text: str) -> str:
    return html.escape(text, quote=True)
