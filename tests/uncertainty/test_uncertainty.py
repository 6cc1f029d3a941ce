"""Outcome probabilities under uncertain parameters (issue 12), against hand integration.

In ``enforcer-reliability`` at the catalog defaults the rebels disarm iff reliability >=
20/33 (see tests/analysis/test_regions.py for the derivation). So with reliability ~ U(0, 1)
the deal holds with probability 13/33; with Beta(3, 2), whose CDF is 4x^3 - 3x^4,
P(reliability > 20/33) = 1 - (4 (20/33)^3 - 3 (20/33)^4) = 67769/131769; with
triangular(0, 1/2, 1), 2 (13/33)^2 = 338/1089.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from commit_calc.errors import ParameterError
from commit_calc.io import load_game
from commit_calc.uncertainty.analysis import uncertainty
from commit_calc.uncertainty.distributions import parse_distribution

DISARM = "Disarm > Reliable: Honor | Unreliable: Renege"


@pytest.fixture(scope="module")
def game():
    return load_game("enforcer-reliability")


def belief(text: str, name: str = "reliability"):
    bounds = {"reliability": (0, 1), "salary": (0, None), "sanction": (0, None),
              "area_value": (0, None)}[name]
    return parse_distribution(text, name, *bounds)


@pytest.mark.parametrize(("text", "expected"), [
    ("uniform(0, 1)", sympy.Rational(13, 33)),
    ("beta(3, 2)", sympy.Rational(67769, 131769)),
    ("triangular(0, 1/2, 1)", sympy.Rational(338, 1089)),
    ("discrete(1/2, 20/33, 3/4)", sympy.Rational(2, 3)),  # the tie at 20/33 counts
])
def test_exact_probability_of_disarmament(game, text, expected):
    found = uncertainty(game, [belief(text)], samples=2000)
    assert found.method == "exact"
    probabilities = {p.outcome: p.probability for p in found.outcomes}
    assert probabilities[DISARM] == expected


def test_a_normal_belief_gives_a_closed_form_with_erfc(game):
    found = uncertainty(game, [belief("normal(1/2, 1/10)")], samples=1000)
    (disarm,) = [p for p in found.outcomes if p.outcome == DISARM]
    assert disarm.probability.has(sympy.erfc)
    # truncated to [0, 1]: (Phi(5) - Phi(35/33)) / (Phi(5) - Phi(-5))
    phi = lambda x: (1 + math.erf(x / math.sqrt(2))) / 2  # noqa: E731
    assert float(disarm.probability) == pytest.approx((phi(5) - phi(35 / 33))
                                                      / (phi(5) - phi(-5)), rel=1e-12)


def test_monte_carlo_intervals_cover_the_exact_value(game):
    exact = 67769 / 131769
    for method in ("mc", "qmc"):
        found = uncertainty(game, [belief("beta(3, 2)")], samples=40_000, method=method,
                            seed=7)
        (disarm,) = [p for p in found.outcomes if p.outcome == DISARM]
        assert disarm.probability is None and disarm.interval is not None
        assert disarm.interval[0] <= exact <= disarm.interval[1], (method, disarm)


def test_the_same_seed_gives_the_same_numbers(game):
    beliefs = [belief("beta(3, 2)"), belief("uniform(200, 300)", "salary")]
    first = uncertainty(game, beliefs, samples=5000, seed=3)
    again = uncertainty(game, beliefs, samples=5000, seed=3)
    other = uncertainty(game, beliefs, samples=5000, seed=4)
    assert first.outcomes == again.outcomes
    assert first.outcomes != other.outcomes


def test_per_point_solving_agrees_and_workers_do_not_change_the_numbers(game):
    beliefs = [belief("beta(3, 2)"), belief("uniform(200, 300)", "salary")]
    regions = uncertainty(game, beliefs, samples=300, seed=5)
    points = uncertainty(game, beliefs, samples=300, seed=5, method="points")
    two = uncertainty(game, beliefs, samples=300, seed=5, method="points", workers=2)
    assert [(p.outcome, p.estimate) for p in points.outcomes] == [
        (p.outcome, p.estimate) for p in regions.outcomes]
    assert points.outcomes == two.outcomes


def test_a_parameter_that_cannot_matter_has_zero_sensitivity(game):
    """area_value is the regime's value of the area in every outcome: no choice turns on it."""
    pytest.importorskip("SALib")
    beliefs = [belief("beta(3, 2)"), belief("uniform(500, 1500)", "area_value")]
    found = uncertainty(game, beliefs, samples=1000, sensitivity=True)
    indices = found.sensitivity[f"P({DISARM})"]
    assert indices["area_value"]["total"] == pytest.approx(0, abs=0.02)
    assert indices["reliability"]["total"] > 0.9


@pytest.mark.parametrize(("text", "words"), [
    ("gamma(2, 2)", "unknown distribution 'gamma'"),
    ("beta(3)", "takes 2 or 4 numbers, not 1"),
    ("normal(0, -1)", "scale must be positive"),
    ("uniform(0, 2)", "above the parameter's upper bound 1"),
    ("uniform(1, 0)", "low end must be below"),
    ("discrete(0.5:0)", "positive weights"),
    ("beta 3, 2", r"NAME\(ARGUMENTS\)"),
    ("uniform(a, 1)", "'a' is not a number"),
])
def test_bad_distributions_are_refused(text, words):
    with pytest.raises(ParameterError, match=words):
        belief(text)


def test_bad_requests_are_refused(game):
    with pytest.raises(ParameterError, match="both a value"):
        uncertainty(game, [belief("beta(3, 2)")], {"reliability": "1/2"})
    with pytest.raises(ParameterError, match="between 1 and"):
        uncertainty(game, [belief("beta(3, 2)")], samples=0)
    with pytest.raises(ParameterError, match="at least one"):
        uncertainty(game, [])


def test_samples_are_inside_the_support():
    for text, low, high, bound in (("beta(2, 5, 100, 400)", 100, 400, 500),
                                   ("triangular(0, 1, 4)", 0, 4, 4),
                                   ("lognormal(0, 1)", 0, 3, 3), ("normal(1, 2)", 0, 3, 3)):
        d = parse_distribution(text, "x", 0, bound)
        values = d.sample(np.random.default_rng(1), 10_000)
        assert values.min() >= low and values.max() <= high, text


def test_dask_local_cluster_gives_the_same_numbers(game):
    pytest.importorskip("distributed")
    beliefs = [belief("beta(3, 2)"), belief("uniform(200, 300)", "salary")]
    here = uncertainty(game, beliefs, samples=200, seed=9, method="points")
    on_dask = uncertainty(game, beliefs, samples=200, seed=9, method="points", dask="local")
    assert here.outcomes == on_dask.outcomes


def test_an_unreachable_dask_scheduler_is_refused_quickly(game):
    pytest.importorskip("distributed")
    import time

    start = time.monotonic()
    with pytest.raises(ParameterError, match="cannot reach a Dask scheduler"):
        uncertainty(game, [belief("beta(3, 2)")], samples=10, method="points",
                    dask="tcp://127.0.0.1:9")
    assert time.monotonic() - start < 30


def test_two_uniform_parameters_exactly(game):
    """Salary ~ U(200, 300), reliability ~ U(0, 1): the rebels disarm iff reliability >=
    1000 / (salary + 1400) (salary <= 400 throughout), so P = 1 - (1/100) * integral of
    1000 / (s + 1400) over [200, 300] = 1 - 10 log(17/16) (the issue's example)."""
    beliefs = [belief("uniform(0, 1)"), belief("uniform(200, 300)", "salary")]
    found = uncertainty(game, beliefs, samples=20_000, seed=2)
    assert found.method == "exact"
    disarm = {p.outcome: p.probability for p in found.outcomes}[DISARM]
    assert sympy.simplify(disarm - (1 - 10 * sympy.log(sympy.Rational(17, 16)))) == 0
    estimate = uncertainty(game, beliefs, samples=20_000, seed=2, method="mc")
    (mc,) = [p for p in estimate.outcomes if p.outcome == DISARM]
    assert mc.interval[0] <= float(disarm) <= mc.interval[1]


def test_results_as_a_data_frame(game):
    pandas = pytest.importorskip("pandas")
    frame = uncertainty(game, [belief("beta(3, 2)")], samples=500).to_frame()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["probability"]) == ["67769/131769", "64000/131769"]


def test_an_empirical_distribution_from_a_csv_column(game, tmp_path):
    """Five yearly guesses of the reliability: 0.8, 0.7, 0.2, 0.5, 0.5; the rebels disarm at
    0.7 and 0.8 (>= 20/33), so with probability 2/5."""
    table = tmp_path / "reliability.csv"
    table.write_text("year,reliability\n2016,0.8\n2017,0.7\n2018,0.2\n2019,0.5\n2020,0.5\n")
    found = uncertainty(game, [belief(f"csv({table}, reliability)")], samples=100)
    assert {p.outcome: p.probability for p in found.outcomes}[DISARM] == sympy.Rational(2, 5)
    with pytest.raises(ParameterError, match="no column 'wrong'"):
        belief(f"csv({table}, wrong)")
    with pytest.raises(ParameterError, match="not a regular file"):
        belief("csv(/dev/zero, reliability)")


def test_a_truncation_far_in_a_tail_keeps_its_digits(game):
    """normal(100, 1) truncated to [0, 1] puts almost all its mass near 1, above 20/33: the
    closed form must evaluate to that (with erf the numbers cancelled to garbage)."""
    found = uncertainty(game, [belief("normal(100, 1)")], samples=200)
    estimates = {p.outcome: p.estimate for p in found.outcomes}
    assert estimates[DISARM] == pytest.approx(1.0)
    assert 0 < estimates["Stay armed"] < 1e-15
