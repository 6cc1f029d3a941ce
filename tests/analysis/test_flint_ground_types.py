"""The prepared per-point path does not depend on sympy's ground types.

With python-flint installed, sympy 1.14 computes with flint instead of gmpy2; then gmpy2's
``mpq(0) == sympy.Integer(0)`` is False and ``sympy.sympify(mpq(1, 3))`` is a Float. The
prepared path computes in ``int``/``mpq`` and ``solve`` in sympy numbers, so every crossing
between the two must convert explicitly (found by a code review: 35 tests failed there).
The check runs in a subprocess with ``SYMPY_GROUND_TYPES=flint`` where python-flint is
installed, and is skipped elsewhere.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import commit_calc

CHECK = textwrap.dedent("""
    from fractions import Fraction

    import sympy
    from sympy.external.gmpy import GROUND_TYPES

    from commit_calc.analysis.pointwise import PreparedGame
    from commit_calc.analysis.sweep import Axis, _pointwise, sweep
    from commit_calc.io import load_game
    from commit_calc.solvers.solve import solve

    assert GROUND_TYPES == "flint", GROUND_TYPES

    # kernel numbers typed as Fraction may be mpq, whose parts sympy no longer reads
    from gmpy2 import mpq

    from commit_calc.beliefs.assessment import rational
    assert rational(mpq(1, 3)) == sympy.Rational(1, 3), "mpq to sympy"


    def exact(value):
        if isinstance(value, tuple | list):
            return tuple(exact(v) for v in value)
        if isinstance(value, sympy.Basic):
            assert isinstance(value, sympy.Rational), value  # never a Float
            return Fraction(int(value.p), int(value.q))
        return Fraction(int(value.numerator), int(value.denominator))


    for name, points in [("enforcer-reliability", 5), ("battle-of-the-sexes", 3),
                         ("entry-deterrence", 3)]:
        game = load_game(name)
        names = [p.name for p in game.parameters]
        for concept in ("auto", "nash"):
            prepared = PreparedGame(game, names, concept)
            for k in range(points):
                point = [Fraction(str(p.lower if p.lower is not None else p.default))
                         + Fraction(k, points) for p in game.parameters]
                new = prepared.solve(point)
                if new is None:
                    continue
                result = solve(game, {n: sympy.Rational(v.numerator, v.denominator)
                                      for n, v in zip(names, point)}, concept)
                old = [(exact(e.profile.probabilities), exact(e.payoffs))
                       for e in result.equilibria]
                assert [(exact(e.probabilities), exact(e.payoffs)) for e in new] == old, (
                    name, concept, point)

    game = load_game("bagwell-commitment")
    axes = (Axis.parse("noise", 0, 1, 9),)
    new = sweep(game, axes, method="points")
    old = _pointwise(game, {}, axes, "auto", None, None, prepared=False)
    assert new.classes == old.classes and (new.codes == old.codes).all(), "sweep"
    assert all(isinstance(v, sympy.Rational) for found in new.classes
               for e in found for v in e.payoffs), "sweep payoffs"
    print("ok")
""")


@pytest.mark.skipif(importlib.util.find_spec("flint") is None,
                    reason="python-flint is not installed")
def test_prepared_path_with_flint_ground_types() -> None:
    source = str(Path(commit_calc.__file__).resolve().parents[1])
    env = {**os.environ, "SYMPY_GROUND_TYPES": "flint",
           "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "ok"
