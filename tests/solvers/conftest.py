"""Classic normal-form games with known equilibria, shared by the Nash solver tests.

Each fixture names its literature source; the expected answers live in the tests.
"""

import pytest

from commit_calc.model import NormalFormGame


@pytest.fixture
def prisoners_dilemma():
    """Osborne (2004), An Introduction to Game Theory, section 2.2, with payoffs 0..3."""
    return NormalFormGame.from_matrices(
        [[2, 0], [3, 1]], [[2, 3], [0, 1]],
        players=("Suspect 1", "Suspect 2"), strategies=(("Quiet", "Fink"),) * 2,
    )


@pytest.fixture
def matching_pennies():
    """Osborne (2004), section 2.7; its only equilibrium is mixed (section 4.1)."""
    return NormalFormGame.from_matrices(
        [[1, -1], [-1, 1]], [[-1, 1], [1, -1]],
        players=("Person 1", "Person 2"), strategies=(("Head", "Tail"),) * 2,
    )


@pytest.fixture
def battle_of_the_sexes():
    """Bach or Stravinsky, Osborne (2004), section 2.7 and example 4.1 (mixed equilibria)."""
    return NormalFormGame.from_matrices(
        [[2, 0], [0, 1]], [[1, 0], [0, 2]],
        players=("Person 1", "Person 2"), strategies=(("Bach", "Stravinsky"),) * 2,
    )


@pytest.fixture
def entry_deterrence():
    """The entry game in strategic form, Mas-Colell, Whinston and Green (1995), section 9.B.

    The entrant stays Out (0 to it, 2 to the incumbent) or goes In; the incumbent then Fights
    (-1, -1) or Accommodates (1, 1). Its Nash equilibria are (In, Accommodate) and the
    continuum Out with Fight played with probability at least 1/2.
    """
    return NormalFormGame.from_matrices(
        [[0, 0], [-1, 1]], [[2, 2], [-1, 1]],
        players=("Entrant", "Incumbent"),
        strategies=(("Out", "In"), ("Fight", "Accommodate")),
    )
