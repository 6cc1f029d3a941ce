"""``commit-calc sweep``: the text map is laid out as ``--plot`` draws it, and point-by-point
sweeps estimate their time on standard error."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner

from commit_calc.analysis.sweep import Axis, sweep
from commit_calc.cli.main import cli
from commit_calc.cli.sweep import _Progress
from commit_calc.io import load_game

SALARY, RELIABILITY = "salary=0:500:6", "reliability=0.5:0.7:5"


def text_map(*vary: str) -> tuple[list[str], list[str]]:
    """The map's row labels (top to bottom) and cells of a two-parameter sweep."""
    result = CliRunner().invoke(cli, ["sweep", "enforcer-reliability",
                                      *(x for v in vary for x in ("--vary", v))])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("columns:")) + 1
    rows = lines[start:lines.index("legend:")]
    return [row.split()[0] for row in rows], [row.split()[1] for row in rows]


def test_the_first_vary_is_across_and_the_second_up_as_in_the_plot():
    labels, cells = text_map(SALARY, RELIABILITY)
    assert labels == ["7/10", "13/20", "3/5", "11/20", "1/2"]  # the largest on top, as y
    assert {len(c) for c in cells} == {6}  # one column per salary, as x
    # the plot's axes: x is the first --vary, y the second
    from commit_calc.analysis import plot
    result = sweep(load_game("enforcer-reliability"),
                   [Axis.parse("salary", 0, 500, 6), Axis.parse("reliability", "0.5", "0.7", 5)])
    kinds = result.kind_codes()
    letters = {}
    for j, row in zip(range(4, -1, -1), cells):
        for i, cell in enumerate(row):
            assert letters.setdefault(int(kinds[i, j]), cell) == cell
    assert len(set(letters.values())) == len(letters)
    assert plot.axis_label(result, result.axes[0].name).startswith("salary")


def test_swapping_the_options_transposes_the_map():
    _, cells = text_map(SALARY, RELIABILITY)
    labels, swapped = text_map(RELIABILITY, SALARY)
    assert labels == ["500", "400", "300", "200", "100", "0"]
    # the same picture turned: the letter at (salary s, reliability r) is the same set
    pattern = [[cells[4 - r][s] for s in range(6)] for r in range(5)]  # [r ascending][s]
    turned = [[swapped[5 - s][r] for s in range(6)] for r in range(5)]
    same = {(a, b) for row_a, row_b in zip(pattern, turned) for a, b in zip(row_a, row_b)}
    assert len(same) == len({a for a, _ in same}) == len({b for _, b in same})


def test_a_descending_axis_is_drawn_ascending():
    labels, cells = text_map("salary=500:0:6", "reliability=0.7:0.5:5")
    assert labels == ["7/10", "13/20", "3/5", "11/20", "1/2"]
    assert cells == text_map(SALARY, RELIABILITY)[1]


class Clock:
    def __init__(self, tick: float) -> None:
        self.now, self.tick = 0.0, tick

    def __call__(self) -> float:
        self.now += self.tick
        return self.now


@pytest.mark.parametrize(("tick", "total", "warned"), [
    (0.5, 100_001, "about 13.9 h in all (13.9 h left)"),  # 2 points/s
    (0.01, 100_001, "about 17 min in all (17 min left)"),  # 100 points/s
    (0.01, 1000, None),  # 10 s in all: no warning
])
def test_a_long_point_by_point_sweep_is_announced_with_its_time(tick, total, warned):
    stream = io.StringIO()
    progress = _Progress(clock=Clock(tick), stream=stream)
    for done in range(1, min(total, 500) + 1):
        progress(done, total)
    progress.close()
    if warned is None:
        assert stream.getvalue() == ""
    else:
        assert stream.getvalue().count("\n") == 1
        assert f"solving {total:,} points one by one" in stream.getvalue()
        assert warned in stream.getvalue()
