"""Samples solved point by point: the prepared game, large chunks, the same numbers anywhere."""

import numpy as np
import pytest
import sympy

from commit_calc.analysis import pointwise
from commit_calc.analysis.labels import profile_label
from commit_calc.io import load_game
from commit_calc.solvers.solve import solve
from commit_calc.uncertainty import points
from commit_calc.uncertainty.executor import map_chunks


def _by_solve(game, names, rows):
    """The equilibrium-set label and first payoffs of each row, from ``solve``."""
    found = []
    for row in rows:
        result = solve(game, {n: sympy.Rational(float(x)) for n, x in zip(names, row)})
        found.append((" / ".join(sorted(profile_label(result.game, e.profile)
                                        for e in result.equilibria)),
                      tuple(float(v) for v in result.equilibria[0].payoffs)))
    return found


@pytest.mark.parametrize(("name", "names", "rows"), [
    # a perfect-information tree (prepared: backward induction)
    ("enforcer-reliability", ("reliability", "salary"),
     [[0.3, 250.0], [20 / 33, 250.0], [0.9, 210.5], [0.61, 300.0]]),
    # three players in an imperfect-information block: the prepared game falls back to solve
    ("reputation-two-cohorts", ("salary",), [[100.0], [250.0], [777.25]]),
    # mixed equilibria of a table block
    ("bagwell-commitment", ("noise",), [[0.0], [0.125], [0.5], [0.9]]),
])
def test_chunks_agree_with_solve_point_by_point(name, names, rows):
    game = load_game(name)
    rows = np.array(rows)
    codes, labels, payoffs = points.solved_samples(game, {}, names, rows)
    got = [(labels[c], tuple(p[i] for p in payoffs)) for i, c in enumerate(codes)]
    assert got == _by_solve(game, names, rows)


def test_the_game_is_prepared_once_for_every_chunk(monkeypatch):
    made = []
    original = pointwise.PreparedGame.__init__

    def counting(self, *args, **kwargs):
        made.append(args)
        original(self, *args, **kwargs)
    monkeypatch.setattr(pointwise.PreparedGame, "__init__", counting)
    monkeypatch.setattr(points, "MIN_CHUNK", 3)
    rows = np.column_stack([np.linspace(0, 1, 20), np.full(20, 250.0)])
    codes, _, _ = points.solved_samples(load_game("enforcer-reliability"), {},
                                        ("reliability", "salary"), rows)
    assert len(made) == 1 and codes.size == 20


def test_chunking_and_workers_do_not_change_the_numbers(monkeypatch):
    game = load_game("enforcer-reliability")
    rows = np.column_stack([np.linspace(0, 1, 41), np.linspace(200, 300, 41)])
    names = ("reliability", "salary")
    whole = points.solved_samples(game, {}, names, rows)
    monkeypatch.setattr(points, "MIN_CHUNK", 4)
    for workers in (1, 2):
        cut = points.solved_samples(game, {}, names, rows, workers=workers)
        assert [cut[1][c] for c in cut[0]] == [whole[1][c] for c in whole[0]]
        assert all(np.array_equal(a, b, equal_nan=True) for a, b in zip(cut[2], whole[2]))


def test_the_shared_object_reaches_every_chunk_in_worker_processes():
    assert map_chunks(_tag, [1, 2, 3], shared="game", workers=2) == [
        (1, "game"), (2, "game"), (3, "game")]


def _tag(chunk, shared):
    return chunk, shared
