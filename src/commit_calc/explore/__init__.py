"""The explorer: one self-contained web page per game where moving a slider moves the
equilibrium, computed in the page from the game's exact regions (see ``commit-calc explore``).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from commit_calc.model.extensive_form import ExtensiveFormGame
from commit_calc.model.normal_form import NormalFormGame


@dataclass(frozen=True)
class ExplorerPage:
    """A written explorer page; displayed inline in Jupyter (in a sandboxed frame)."""

    html: str

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
                'style="width:100%;height:900px;border:1px solid #ccc" '
                'title="commit-calc explorer"></iframe>')

    def save(self, path: str | Path) -> None:
        """Write the page to ``path`` (atomically)."""
        from commit_calc.io.atomic import write_atomic

        write_atomic(path, self.html)


def explore(game: ExtensiveFormGame | NormalFormGame,
            values: Mapping[str, object] | None = None, concept: str = "auto",
            axes: Sequence[str] | None = None) -> ExplorerPage:
    """The explorer page of ``game``, the parameters in ``values`` fixed (no slider), with an
    outcome map over the two parameters ``axes`` (default: two that thresholds depend on).

    Raises
    ------
    UnsupportedGameError
        The game is too large for a page (see :data:`.compile.MAX_MONOMIALS`,
        :data:`.data.MAX_LEAVES`).
    ParameterError
        A value in ``values`` names no parameter or is out of bounds.
    """
    from commit_calc.explore.data import page_data
    from commit_calc.explore.page import render_page

    return ExplorerPage(render_page(page_data(game, values, concept, axes)))


__all__ = ["ExplorerPage", "explore"]
