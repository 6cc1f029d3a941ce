"""The page's step-by-step explanation against ``commit-calc solve --explain`` (in a real
browser, on both sides of a threshold and on it), beliefs on the tree for perfect Bayesian
equilibria, and "what would change it" and the outcome map of a grid-mode page."""

from __future__ import annotations

import dataclasses
from collections import Counter
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import sympy
from explore_helpers import (
    catalog_data,
    catalog_page,
    crowded_game,
    no_errors,
    open_page,
    outcomes,
    type_value,
)

from commit_calc.analysis.labels import profile_label
from commit_calc.explain import explain
from commit_calc.explore.compile import evaluate, region_index
from commit_calc.explore.data import page_data
from commit_calc.explore.page import render_page
from commit_calc.io import load_game
from commit_calc.render.numbers import human_text
from commit_calc.solvers.solve import solve

pytest.importorskip("selenium.webdriver", reason="selenium is not installed "
                    "(pip install selenium; the 'test' extra has it)")


def _page_list(data: dict[str, Any], point: list[sympy.Rational]) -> list[int]:
    if data["mode"] == "exact":
        return list(data["regions"][region_index(data, point)]["equilibria"])
    for at, found in data["points"]:
        if [sympy.Rational(v) for v in at] == point:
            return list(found)
    raise AssertionError(f"{point} is not a grid point")


def _key(label: str, payoffs: Any, distributions: Any) -> tuple[Any, ...]:
    return (label, tuple(sympy.Rational(v) for v in payoffs),
            tuple(tuple(sympy.Rational(p) for p in d) for d in distributions))


def _expected_steps(game: Any, data: dict[str, Any], point: list[sympy.Rational]) -> list[str]:
    """``solve --explain``'s steps at the point, its equilibria listed in the page's order
    (the page numbers them as its payoff table does)."""
    values = {p["name"]: v for p, v in zip(data["params"], point)}
    result = solve(game, values, concept=data["concept"])
    waiting: dict[tuple[Any, ...], list[Any]] = {}
    for e in result.equilibria:
        key = _key(profile_label(result.game, e.profile), e.payoffs, e.profile.probabilities)
        waiting.setdefault(key, []).append(e)
    ordered = []
    for k in _page_list(data, point):
        e = data["equilibria"][k]
        key = _key(e["outcome"], [evaluate(v, point) for v in e["payoffs"]],
                   [[evaluate(p, point) for p in d] for d in e["distributions"]])
        ordered.append(waiting[key].pop())
    assert not any(waiting.values()), "the page lists fewer equilibria than solve"
    return [s.text for s in explain(dataclasses.replace(result, equilibria=tuple(ordered)))]


def _page_steps(browser: Any) -> list[str]:
    return [li.text for li in browser.find_elements("css selector", "#explanation li")]


@pytest.mark.parametrize(("name", "points"), [
    ("enforcer-reliability", [{"reliability": "3/5"}, {"reliability": "20/33"},
                              {"reliability": "61/100"}, {"reliability": "1"}]),
    ("ultimatum", [{}]),
    ("beer-quiche", [{}]),
    ("battle-of-the-sexes", [{}]),
    ("chain-store", [{}, {"discount": "1/10"}]),
    ("reconciliation-2x2", [{}, {"restraint_cost": "1000"}]),
    ("selten-horse", [{}]),
])
def test_explanation_is_solves(browser: Any, tmp_path: Path, name: str,
                               points: list[dict[str, str]]) -> None:
    """The page's steps are ``solve --explain``'s, word for word, on both sides of the
    reliability threshold 20/33, exactly on it (two equilibria), with chance nodes, ties,
    subgames with imperfect information, mixed equilibria and in grid mode."""
    game = load_game(name)
    data = catalog_data(name)
    open_page(browser, catalog_page(name), tmp_path, name)
    for values in points:
        for parameter, value in values.items():
            type_value(browser, parameter, value)
        point = [sympy.Rational(values.get(p["name"], p["default"])) for p in data["params"]]
        assert _page_steps(browser) == _expected_steps(game, data, point), values
    no_errors(browser)


def test_numbers_are_written_as_python_writes_them(browser: Any, tmp_path: Path) -> None:
    """Six significant digits rounded as Python's ``%g`` rounds the nearest double (half to
    even), scientific notation outside 1e-4 .. 1e6, exact text beside."""
    open_page(browser, catalog_page("kreps-trust"), tmp_path, "numbers")
    values = ["1/3", "-7/2", "2/3", "246913/2", "1/80000", "1/100000", "123456789/7",
              "-1/7000000", "99999995/10", "5/8", "12", "0", "1/1024", "10000001/10"]
    written = browser.execute_script(
        "return arguments[0].map(function (v) { return window.explorerExplain.number("
        "window.explorer.fromText(v)); })", values)
    assert written == [human_text(Fraction(v)) for v in values]


def test_beliefs_are_written_on_the_tree(browser: Any, tmp_path: Path) -> None:
    """With --concept pbe: Bayes' rule beliefs on the path and the condition off it, as solve
    gives them, for each equilibrium chosen; no explanation (solve --explain has none)."""
    game = load_game("beer-quiche")
    data = page_data(game, concept="pbe")
    open_page(browser, render_page(data), tmp_path, "beer-quiche-pbe")
    result = solve(game, concept="pbe")
    expected = Counter()
    for e in result.equilibria:
        off = {o.infoset: o.condition for o in e.assessment.off_path}
        expected[tuple(sorted(off.values()))] += 1
    seen: Counter[tuple[str, ...]] = Counter()
    for k in range(len(result.equilibria)):
        if k:
            browser.find_element("id", f"eq-{k}").click()
        items = [li.text for li in browser.find_elements("css selector", "#beliefs li")]
        assert any("(Bayes' rule)" in t for t in items) and len(items) == 2
        seen[tuple(sorted(t.split(": ", 1)[1].split(" (off the path")[0] for t in items
                          if "off the path" in t))] += 1
        assert browser.find_elements("css selector", "text.belief")
    assert seen == expected
    assert _page_steps(browser) == []
    assert "beliefs" in browser.find_element("id", "explanation-note").text
    no_errors(browser)


def _labels(game: Any, values: dict[str, sympy.Rational]) -> set[str]:
    result = solve(game, values)
    return {profile_label(result.game, e.profile) for e in result.equilibria}


def test_grid_change_names_the_nearest_grid_value_where_the_outcome_changes(
        browser: Any, tmp_path: Path) -> None:
    game = crowded_game()
    data = page_data(game)
    open_page(browser, render_page(data), tmp_path, "crowded-change")
    type_value(browser, "noise", "1/5")
    start = _labels(game, {"noise": sympy.Rational(1, 5)})
    item = browser.find_element("css selector", "#change li[data-param=noise]")
    assert "grid-based" in item.text
    buttons = item.find_elements("css selector", "button.go")
    assert len(buttons) == 2  # a change above and below
    grid = sorted(sympy.Rational(v) for v in data["axes"][0])
    for button in buttons:
        target = sympy.Rational(button.text.split(" = ")[1])
        assert target in grid and _labels(game, {"noise": target}) != start
        between = [v for v in grid if min(target, sympy.Rational(1, 5)) < v
                   < max(target, sympy.Rational(1, 5))]
        assert all(_labels(game, {"noise": v}) == start for v in between)
    first = sympy.Rational(buttons[0].text.split(" = ")[1])
    buttons[0].click()
    assert sympy.Rational(browser.find_element(
        "css selector", "input[data-name=noise]").get_attribute("value")) == first
    assert set(outcomes(browser)) == _labels(game, {"noise": first})
    no_errors(browser)


def test_grid_map_is_drawn_from_grid_points_and_clicks_snap_to_them(
        browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    game = crowded_game(scaled=True)
    data = page_data(game)
    assert data["mode"] == "grid" and data["map"] == {"x": 0, "y": 1}
    open_page(browser, render_page(data), tmp_path, "crowded-map")
    assert "grid" in browser.find_element("id", "map").text
    canvas = browser.find_element("css selector", "#map canvas")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", canvas)
    ActionChains(browser).move_to_element_with_offset(
        canvas, int(canvas.size["width"] * 0.3), int(canvas.size["height"] * 0.2)).click().perform()
    noise = sympy.Rational(browser.find_element(
        "css selector", "input[data-name=noise]").get_attribute("value"))
    scale = sympy.Rational(browser.find_element(
        "css selector", "input[data-name=scale]").get_attribute("value"))
    assert noise > sympy.Rational(1, 2) and scale < sympy.Rational(3, 2)  # right, below middle
    assert str(noise) in data["axes"][0] and str(scale) in data["axes"][1]
    assert browser.find_element("id", "grid-note").text == ""  # a grid point exactly
    assert set(outcomes(browser)) == _labels(game, {"noise": noise, "scale": scale})
    assert browser.find_elements("css selector", "#map-legend li")
    no_errors(browser)


def test_explanation_of_a_trees_nash_equilibria(browser: Any, tmp_path: Path) -> None:
    """With --concept nash a tree's explanation says how its Nash equilibria were found, as
    solve --explain does (no backward induction)."""
    game = load_game("kreps-trust")
    data = page_data(game, concept="nash")
    open_page(browser, render_page(data), tmp_path, "kreps-nash")
    steps = _page_steps(browser)
    assert steps == _expected_steps(game, data, []) and "need not be subgame perfect" in steps[0]
    no_errors(browser)
