"""Every catalog tree has its pure PBE and sequential equilibria computed (or a clear refusal),
each passing the independent check; every table is refused with a pointer to Nash."""

from __future__ import annotations

import pytest

from commit_calc.beliefs.check import check_assessment
from commit_calc.errors import UnsupportedGameError
from commit_calc.io import catalog, load_game
from commit_calc.model import NormalFormGame
from commit_calc.solvers.solve import solve


@pytest.mark.parametrize("name", catalog.names())
@pytest.mark.parametrize("concept", ["pbe", "sequential"])
def test_every_catalog_game(name, concept):
    game = load_game(name)
    if isinstance(game, NormalFormGame):
        with pytest.raises(UnsupportedGameError, match="use concept 'nash'"):
            solve(game, concept=concept)
        return
    result = solve(game, concept=concept)
    assert result.concept == concept
    for equilibrium in result.equilibria:
        beliefs = {i.label: b for i, b in zip(result.game.infosets,
                                              equilibrium.assessment.beliefs)
                   if len(i.members) > 1}
        assert check_assessment(result.game, equilibrium.profile, beliefs).passes
