"""Sweeps: change marks (equilibria as choices), exact axis texts, no sympy number per point."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from commit_calc.analysis import report
from commit_calc.analysis.sweep import Axis, SweepResult, sweep
from commit_calc.io import load_game


def changed_values(result: SweepResult) -> list[Fraction]:
    axis = result.axes[0]
    return [axis.fraction(k) for k, changed in enumerate(result.changes()) if changed]


def test_bagwell_marks_only_where_the_equilibrium_set_changes():
    """Bagwell (1995), derived by hand. Leader: S or C (C is dominant: 6 > 5, 4 > 3); the
    follower sees the move wrongly with probability n and plays a = P(S | saw S),
    b = P(S | saw C). Leader indifference: (1 - 2n)(a - b) = 1/2.

    * n = 0: the signal is perfect (a set of its own);
    * 0 < n < 1/4: pure (C; C, C) and two mixed equilibria, x = P(S) = n with a mixed, b = 0,
      and x = 1 - n with a = 1, b mixed; a and b move with n, the supports do not;
    * n = 1/4: a = 1, b = 0 in both (leader mixing x = 1/4 and 3/4): new supports;
    * 1/4 < n < 3/4 (1/2 included, where the signal is useless): only (C; C, C);
    * n = 3/4, 3/4 < n < 1 and n = 1: the mirror images (a and b swap roles).

    On noise = 0, 1/100, ..., 1 the set changes at 1/100, 1/4, 26/100, 3/4, 76/100 and 1.
    """
    game = load_game("bagwell-commitment")
    by_points = sweep(game, [Axis.parse("noise", 0, 1, 101)], method="points")
    by_regions = sweep(game, [Axis.parse("noise", 0, 1, 101)], method="regions")
    expected = [Fraction(k, 100) for k in (1, 25, 26, 75, 76, 100)]
    assert changed_values(by_points) == changed_values(by_regions) == expected
    assert len(by_points.classes) > 45  # the payoffs move at every point in (0, 1/4), (3/4, 1)


def test_points_mark_the_same_changes_as_the_exact_regions():
    """Per point and by regions the marks agree, also for a change off the path: over salary
    0, 150, 300, 450 at reliability 1/2 the rebels stay armed throughout (same payoffs), but
    above 400 the regime would renege even with a reliable enforcer (regions A -> E)."""
    game = load_game("enforcer-reliability")
    for axes, values in (([Axis.parse("salary", 0, 450, 4)], {"reliability": "1/2"}),
                         ([Axis.parse("reliability", 0, 1, 34)], {}),
                         ([Axis.parse("salary", 0, 600, 31)], {"reliability": "4/5"})):
        by_regions = sweep(game, axes, values, method="regions")
        by_points = sweep(game, axes, values, method="points")
        assert changed_values(by_points) == changed_values(by_regions)
    assert changed_values(sweep(game, [Axis.parse("salary", 0, 450, 4)], {"reliability": "1/2"},
                                method="points")) == [450]


def test_the_text_says_what_a_mark_means_before_the_table():
    text = report.sweep_text(sweep(load_game("bagwell-commitment"),
                                   [Axis.parse("noise", 0, 1, 11)]), "bagwell")
    lines = text.splitlines()
    header = lines.index(next(line for line in lines if "payoffs (Leader, Follower)" in line))
    assert "marks a value where the equilibria change" in "\n".join(lines[:header])
    assert "mixing probabilities" in "\n".join(lines[:header])
    marked = [line.split()[1] for line in lines[header:] if line.startswith("*")]
    assert marked == ["1/10", "3/10", "4/5", "1"]  # 1/4 and 3/4 are not on this grid


@pytest.mark.parametrize(("start", "stop", "count"), [
    ("-1/2", "1", 7), ("0", "1000", 11), ("3", "-3", 5), ("1/3", "1/3", 1), ("0.1", "0.7", 4),
])
def test_axis_texts_are_the_exact_values(start, stop, count):
    axis = Axis.parse("p", start, stop, count)
    assert axis.texts() == [str(v) for v in axis.values]
    assert [axis.fraction(k) for k in range(count)] == [
        Fraction(int(v.p), int(v.q)) for v in axis.values]


def test_text_and_csv_of_a_region_sweep_make_no_sympy_number_per_point(monkeypatch):
    """The cause of a million-point sweep over one parameter taking 80 s: every value and
    payoff went through sympy. Now the rendering must not touch the per-point sympy paths."""
    result = sweep(load_game("enforcer-reliability"), [Axis.parse("salary", 0, 1000, 2001)])
    expected_text = report.sweep_text(result, "e")
    expected_csv = "".join(report.sweep_csv(result))

    def refuse(*args, **kwargs):
        raise AssertionError("a sympy number per point")

    printed = []
    text_of = sympy.Rational.__str__

    def counted(self):
        printed.append(self)
        return text_of(self)

    monkeypatch.setattr(SweepResult, "rows", refuse)
    monkeypatch.setattr(SweepResult, "equilibria_at", refuse)
    monkeypatch.setattr(sympy.Rational, "__str__", counted)
    fresh = sweep(load_game("enforcer-reliability"), [Axis.parse("salary", 0, 1000, 2001)])
    assert "".join(report.sweep_csv(fresh)) == expected_csv
    assert report.sweep_text(fresh, "e") == expected_text
    assert len(printed) < 100  # the fixed values, not one per point
    assert len(expected_csv.splitlines()) > 2001


def test_csv_agrees_with_the_rows_point_by_point():
    """The vectorised CSV against the rows computed point by point in sympy."""
    result = sweep(load_game("enforcer-reliability"), [Axis.parse("salary", "-0", 1000, 301)],
                   {"reliability": "9/10"})
    by_rows = [",".join([str(row["salary"]), e.outcome, *map(str, e.payoffs)])
               for row in result.rows() for e in row["equilibria"]]
    assert "".join(report.sweep_csv(result)).splitlines()[1:] == by_rows
    assert len(set(by_rows)) >= 301 and any("/" in line for line in by_rows)
