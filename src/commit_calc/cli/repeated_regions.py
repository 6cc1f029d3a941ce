"""Shared by ``thresholds`` and ``sweep``: whether GAME is analysed as a repeated game (the
regions of a strategy profile's verdict) or as it is."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from commit_calc.cli.options import run_library

if TYPE_CHECKING:
    from commit_calc.repeated.model import RepeatedGame


def repeated_or_none(game: str, strategy: str | None, stage: bool, concept_given: bool
                     ) -> RepeatedGame | None:
    """The repeated game to analyse: GAME has a [repeated] section (and no --stage), or
    --strategy is given (any game, repeated as by ``commit-calc repeated``); else ``None``."""
    from commit_calc.io.repeated_file import load_repeated
    from commit_calc.repeated.region_map import has_repeated_section

    if stage:
        if strategy is not None:
            raise click.UsageError("--stage analyses the stage game alone: it takes no "
                                   "--strategy")
        return None
    if strategy is None and not run_library(has_repeated_section, game):
        return None
    if concept_given:
        raise click.UsageError("--concept: a repeated game's regions are those of its strategy "
                               "profile (subgame perfect, Nash only, neither); give --stage to "
                               "analyse the stage game")
    return run_library(load_repeated, game)
