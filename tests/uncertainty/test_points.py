"""Samples solved point by point: the prepared game, large chunks, the same numbers anywhere."""

import os
import pickle
import threading

import numpy as np
import pytest
import sympy

from commit_calc.analysis import pointwise
from commit_calc.analysis.labels import profile_label
from commit_calc.io import load_game
from commit_calc.solvers.solve import solve
from commit_calc.uncertainty import executor, points
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


def _rows_and_game():
    rows = np.column_stack([np.linspace(0, 1, 20), np.full(20, 250.0)])
    return load_game("enforcer-reliability"), ("reliability", "salary"), rows


def test_forked_workers_inherit_the_game_prepared_here(tmp_path, monkeypatch):
    if not executor._can_fork():
        pytest.skip("local workers are not forked in this process")
    log = tmp_path / "prepared"
    original = pointwise.PreparedGame.__init__

    def logging(self, *args, **kwargs):
        with log.open("a") as file:
            file.write(f"{os.getpid()}\n")
        original(self, *args, **kwargs)
    monkeypatch.setattr(pointwise.PreparedGame, "__init__", logging)
    monkeypatch.setattr(points, "MIN_CHUNK", 3)
    game, names, rows = _rows_and_game()
    codes, _, _ = points.solved_samples(game, {}, names, rows, workers=2)
    assert log.read_text().split() == [str(os.getpid())] and codes.size == 20


def test_workers_that_are_not_forked_prepare_the_game_themselves(monkeypatch):
    game, names, rows = _rows_and_game()
    whole = points.solved_samples(game, {}, names, rows)
    monkeypatch.setattr(executor, "_can_fork", lambda: False)  # a fork server, or spawn
    monkeypatch.setattr(points, "MIN_CHUNK", 3)
    cut = points.solved_samples(game, {}, names, rows, workers=2)
    assert [cut[1][c] for c in cut[0]] == [whole[1][c] for c in whole[0]]
    assert all(np.array_equal(a, b, equal_nan=True) for a, b in zip(cut[2], whole[2]))


def test_a_pickled_point_game_leaves_its_compiled_form_behind():
    game, names, _ = _rows_and_game()
    here = points.PointGame(game, names)
    here.prepared()
    there = pickle.loads(pickle.dumps(here))
    assert there._prepared is None and there.names == names
    assert there.prepared() is not here.prepared()


def test_local_workers_are_forked_only_from_a_process_with_one_thread():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not executor._can_fork()
    finally:
        stop.set()
        other.join()


def test_a_local_dask_cluster_runs_without_profiler_and_reports_progress():
    pytest.importorskip("distributed")
    done = []
    found = map_chunks(_profiling, [1, 2, 3], shared=None, workers=2, dask="local",
                       progress=done.append)
    assert found == [(1, False), (2, False), (3, False)] and done == [1, 2, 3]


def _profiling(chunk, shared):
    import dask

    return chunk, dask.config.get("distributed.worker.profile.enabled")
