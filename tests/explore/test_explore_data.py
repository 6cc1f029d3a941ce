"""The explorer page's data against ``commit-calc solve``: the compiled regions, evaluated
exactly as the page evaluates them (:mod:`commit_calc.explore.compile`), give every
equilibrium ``solve`` finds, at random points and exactly on thresholds."""

from __future__ import annotations

import random
import re
from collections import Counter
from typing import Any

import pytest
import sympy
from explore_helpers import catalog_data, catalog_page, crowded_game

from commit_calc.analysis.labels import profile_label
from commit_calc.explore.compile import evaluate, evaluate_polynomial, region_index
from commit_calc.explore.data import page_data
from commit_calc.io import load_game
from commit_calc.io.catalog import names
from commit_calc.solvers.solve import solve

CATALOG = list(names())


def _page_equilibria(data: dict[str, Any], indices: list[int], point: list[sympy.Rational]
                     ) -> Counter[tuple[Any, ...]]:
    found: Counter[tuple[Any, ...]] = Counter()
    for k in indices:
        e = data["equilibria"][k]
        found[(e["outcome"], tuple(evaluate(p, point) for p in e["payoffs"]),
               tuple(tuple(evaluate(p, point) for p in d) for d in e["distributions"]))] += 1
    return found


def _solved(game: Any, values: dict[str, sympy.Rational]) -> Counter[tuple[Any, ...]]:
    result = solve(game, values)
    return Counter((profile_label(result.game, e.profile), tuple(e.payoffs),
                    tuple(tuple(d) for d in e.profile.probabilities)) for e in result.equilibria)


def _check(game: Any, data: dict[str, Any], point: list[sympy.Rational]) -> None:
    values = {p["name"]: v for p, v in zip(data["params"], point)}
    region = region_index(data, point)
    assert region >= 0, values
    page = _page_equilibria(data, data["regions"][region]["equilibria"], point)
    assert page == _solved(game, values), values


def _random_point(data: dict[str, Any], rng: random.Random) -> list[sympy.Rational]:
    point = []
    for p in data["params"]:
        low, high = sympy.Rational(p["lo"]), sympy.Rational(p["hi"])
        point.append(low + (high - low) * sympy.Rational(rng.randint(0, 60), 60))
    return point


@pytest.mark.parametrize("name", CATALOG)
def test_page_agrees_with_solve_at_random_points(name: str) -> None:
    game = load_game(name)
    data = catalog_data(name)
    rng = random.Random(name)
    if data["mode"] != "exact":  # the grid: some of its points, each against solve
        for point, indices in rng.sample(data["points"], min(6, len(data["points"]))):
            exact = [sympy.Rational(v) for v in point]
            values = {p["name"]: v for p, v in zip(data["params"], exact)}
            assert _page_equilibria(data, indices, exact) == _solved(game, values), values
        return
    for _ in range(6):
        _check(game, data, _random_point(data, rng))


@pytest.mark.parametrize("name", ["enforcer-reliability", "disarm-trust", "strategic-enforcer",
                                  "reconciliation-2x2"])
def test_page_agrees_with_solve_exactly_on_thresholds(name: str) -> None:
    """Each key's root along each parameter, the others at their defaults: the tie."""
    game = load_game(name)
    data = catalog_data(name)
    defaults = [sympy.Rational(p["default"]) for p in data["params"]]
    checked = 0
    for j, p in enumerate(data["params"]):
        for key in data["keys"]:
            # the key along parameter j: linear coefficients from two exact evaluations
            at0 = defaults[:j] + [sympy.Integer(0)] + defaults[j + 1:]
            at1 = defaults[:j] + [sympy.Integer(1)] + defaults[j + 1:]
            c0 = evaluate_polynomial(key, at0)
            c1 = evaluate_polynomial(key, at1) - c0
            if c1 == 0 or any(m[2][j] > 1 for m in key):
                continue
            root = -c0 / c1
            if (p["min"] is not None and root < sympy.Rational(p["min"])) or (
                    p["max"] is not None and root > sympy.Rational(p["max"])):
                continue
            point = defaults[:j] + [root] + defaults[j + 1:]
            _check(game, data, point)
            checked += 1
    assert checked > 0


def test_reliability_threshold_is_a_tie() -> None:
    """At reliability = 20/33 both outcomes are equilibria (as solve says), on either side one."""
    game = load_game("enforcer-reliability")
    data = catalog_data("enforcer-reliability")
    names_ = [p["name"] for p in data["params"]]
    point = [sympy.Rational(p["default"]) for p in data["params"]]
    outcomes = []
    for value in ("3/5", "20/33", "61/100"):
        point[names_.index("reliability")] = sympy.Rational(value)
        _check(game, data, point)
        region = data["regions"][region_index(data, point)]
        outcomes.append({data["equilibria"][k]["outcome"] for k in region["equilibria"]})
    assert outcomes[0] | outcomes[2] == outcomes[1] and not outcomes[0] & outcomes[2]


@pytest.mark.parametrize("name", ["crowded", "selten-horse"])
def test_grid_points_are_solved(name: str) -> None:
    game = crowded_game() if name == "crowded" else load_game(name)
    data = page_data(game) if name == "crowded" else catalog_data(name)
    assert data["mode"] == "grid"
    for point, indices in data["points"][::5]:
        exact = [sympy.Rational(v) for v in point]
        values = {p["name"]: v for p, v in zip(data["params"], exact)}
        assert _page_equilibria(data, indices, exact) == _solved(game, values)


@pytest.mark.parametrize("name", CATALOG)
def test_every_catalog_page_is_under_a_megabyte(name: str) -> None:
    page = catalog_page(name)
    assert len(page.encode("utf-8")) < 1_000_000
    # no address but the SVG and MathML namespaces, which are names, never fetched
    assert set(re.findall(r"https?://[^\s\"'<>]*", page)) <= {
        "http://www.w3.org/2000/svg", "http://www.w3.org/1998/Math/MathML"}


@pytest.mark.parametrize(("axes", "words"), [
    (("reliability",), "two different"), (("salary", "salary"), "two different"),
    (("reliability", "nosuch"), "'nosuch' is not a parameter"),
])
def test_bad_map_axes_are_refused(axes: tuple[str, ...], words: str) -> None:
    from commit_calc.errors import ParameterError

    with pytest.raises(ParameterError, match=words):
        page_data(load_game("enforcer-reliability"), axes=axes)


def test_default_map_axes_are_parameters_thresholds_use() -> None:
    data = catalog_data("enforcer-reliability")
    assert data["map"] is not None and data["map"]["x"] != data["map"]["y"]
    assert catalog_data("kreps-trust")["map"] is None
