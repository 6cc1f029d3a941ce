"""The one sign case split shared by the region analyses (:func:`split_on_signs`)."""

from __future__ import annotations

import pytest
import sympy

from commit_calc.analysis.candidates import Term
from commit_calc.analysis.case_split import split_on_signs
from commit_calc.errors import UnsupportedGameError

x, y = sympy.symbols("x y")


def _decide(signs: dict[sympy.Expr, int], depth: int) -> tuple[sympy.Expr | str, int]:
    """Split on x, then on y where x > 0; the outcome names the signs."""
    if x not in signs:
        return x, depth + 1
    if signs[x] > 0 and y not in signs:
        return y, depth + 1
    return ",".join(f"{k}{signs[k]:+d}" for k in sorted(signs, key=str)), depth


def test_leaves_follow_the_sign_order_and_drop_empty_pieces() -> None:
    def feasible(term: Term) -> bool | None:
        # y = 0 is proved empty, y < 0 cannot be decided
        if term.get(y) == frozenset({0}):
            return False
        return None if term.get(y) == frozenset({-1}) else True

    leaves = split_on_signs(_decide, 0, feasible, signs=(1, 0, -1), max_cases=10,
                            too_many="too many")
    assert [outcome for _, outcome, _ in leaves] == ["x+1,y+1", "x+1,y-1", "x+0", "x-1"]
    assert [resolved for _, _, resolved in leaves] == [True, False, True, True]
    assert leaves[0][0] == {x: frozenset({1}), y: frozenset({1})}
    reverse = split_on_signs(_decide, 0, lambda term: True, signs=(-1, 0, 1), max_cases=10,
                             too_many="too many")
    assert [outcome for _, outcome, _ in reverse][0] == "x-1"


def test_the_state_is_carried_down_each_branch() -> None:
    def decide(signs: dict[sympy.Expr, int], depth: int) -> tuple[sympy.Expr | int, int]:
        found, depth = _decide(signs, depth)
        if isinstance(found, str):
            return depth, depth
        return found, depth

    leaves = split_on_signs(decide, 0, lambda term: True, signs=(1, 0, -1), max_cases=10,
                            too_many="too many")
    assert [outcome for _, outcome, _ in leaves] == [2, 2, 2, 1, 1]


def test_too_many_cases_raise_the_callers_message() -> None:
    with pytest.raises(UnsupportedGameError, match="^too many$"):
        split_on_signs(_decide, 0, lambda term: True, signs=(1, 0, -1), max_cases=4,
                       too_many="too many")
    assert len(split_on_signs(_decide, 0, lambda term: True, signs=(1, 0, -1), max_cases=6,
                              too_many="too many")) == 5
