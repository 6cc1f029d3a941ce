"""The explorer in a real browser: headless Chromium driven by selenium, the page opened from a
file with networking off. Skipped, with the reason, where selenium, Chromium or its driver is
missing (``.ci/run`` installs them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sympy
from explore_helpers import ACTION, SCRIPT, catalog_page, crowded_game, hostile_game
from explore_helpers import exact_box as _exact_box
from explore_helpers import no_errors as _no_errors
from explore_helpers import not_blank as _not_blank
from explore_helpers import open_page as _open
from explore_helpers import outcomes as _outcomes
from explore_helpers import solve_outcomes as _solve_outcomes
from explore_helpers import type_value as _type

from commit_calc.explore import explore
from commit_calc.io import load_game

pytest.importorskip("selenium.webdriver", reason="selenium is not installed "
                    "(pip install selenium; the 'test' extra has it)")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402


def _path_actions(browser: Any) -> set[str]:
    return {e.get_attribute("data-action")
            for e in browser.find_elements(By.CSS_SELECTOR, "line.edge.path")}


def test_reliability_slider_and_exact_tie(browser: Any, tmp_path: Path) -> None:
    """Moving reliability past 20/33 switches the rebels from staying armed to disarming;
    typing exactly 20/33 shows both equilibria, as solve does."""
    game = load_game("enforcer-reliability")
    _open(browser, catalog_page("enforcer-reliability"), tmp_path, "enforcer")
    assert sorted(_outcomes(browser)) == _solve_outcomes(game, {})
    assert "Stay armed" in _path_actions(browser)
    slider = next(s for s in browser.find_elements(By.CSS_SELECTOR, "input[type=range]")
                  if s.get_attribute("name") == "reliability")
    slider.send_keys(Keys.END)  # the keyboard moves it to 1
    assert sorted(_outcomes(browser)) == _solve_outcomes(game, {"reliability": "1"})
    assert {"Disarm", "Honor"} <= _path_actions(browser)
    browser.execute_script(  # a drag: the value, then the input event a drag fires
        "arguments[0].value = '0.6'; arguments[0].dispatchEvent(new Event('input'))", slider)
    assert sorted(_outcomes(browser)) == _solve_outcomes(game, {"reliability": "3/5"})
    _type(browser, "reliability", "20/33")
    tie = _solve_outcomes(game, {"reliability": "20/33"})
    assert len(tie) == 2 and sorted(_outcomes(browser)) == tie
    assert len(browser.find_elements(By.CSS_SELECTOR, "input[name=equilibrium]")) == 2
    _type(browser, "reliability", "2")
    assert any("above the upper bound 1" in p.text
               for p in browser.find_elements(By.CLASS_NAME, "problem"))
    assert len(_outcomes(browser)) == 2  # a refused value changes nothing
    _no_errors(browser)
    _not_blank(browser, tmp_path / "enforcer-reliability.png")


def test_threshold_button_sets_the_exact_value(browser: Any, tmp_path: Path) -> None:
    game = load_game("enforcer-reliability")
    _open(browser, catalog_page("enforcer-reliability"), tmp_path, "enforcer2")
    buttons = [b for b in browser.find_elements(By.CSS_SELECTOR, "button.go")
               if b.text == "set reliability = 20/33"]
    assert buttons, "no threshold 20/33 offered for reliability"
    buttons[0].click()
    assert sorted(_outcomes(browser)) == _solve_outcomes(game, {"reliability": "20/33"})
    _no_errors(browser)


def test_change_lists_only_thresholds_where_the_equilibria_change(
        browser: Any, tmp_path: Path) -> None:
    """In enforcer-reliability at reliability 3/4, amnesty and territorial cross boundaries of
    regions that exist only where sanction = 0: moving either alone changes no equilibrium
    (solve agrees), so neither gets a threshold; reliability still gets 20/33."""
    game = load_game("enforcer-reliability")
    _open(browser, catalog_page("enforcer-reliability"), tmp_path, "enforcer3")
    _type(browser, "reliability", "3/4")
    here = {"reliability": "3/4"}
    for name in ("amnesty", "territorial"):
        item = browser.find_element(By.CSS_SELECTOR, f"#change li[data-param={name}]")
        assert "no threshold within its bounds" in item.text, item.text
        assert _solve_outcomes(game, {**here, name: "3000"}) == _solve_outcomes(game, here)
    reliability = browser.find_element(By.CSS_SELECTOR, "#change li[data-param=reliability]")
    assert "20/33" in reliability.text
    _no_errors(browser)


def test_table_game_equilibria_are_selectable(browser: Any, tmp_path: Path) -> None:
    game = load_game("battle-of-the-sexes")
    _open(browser, catalog_page("battle-of-the-sexes"), tmp_path, "bos")
    assert sorted(_outcomes(browser)) == _solve_outcomes(game, {})
    first = browser.find_element(By.CSS_SELECTOR, "td.played").text
    browser.find_element(By.ID, "eq-1").click()
    assert browser.find_element(By.CSS_SELECTOR, "td.played").text != first
    labels = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "label[for^=eq-]")]
    browser.find_element(By.ID, f"eq-{next(k for k, t in enumerate(labels) if 'mix' in t)}").click()
    headers = [h.text for h in browser.find_elements(By.CSS_SELECTOR, ".game-table th")]
    assert "Bach (2/3 ≈ 0.6667)" in headers and "Bach (1/3 ≈ 0.3333)" in headers  # the mix
    assert len(browser.find_elements(By.CSS_SELECTOR, "td.played")) == 4
    _no_errors(browser)
    _not_blank(browser, tmp_path / "battle-of-the-sexes.png")


def test_equilibria_on_the_same_path_are_told_apart(browser: Any, tmp_path: Path) -> None:
    """The incumbent is indifferent after entry and the entrant stays out either way: two
    subgame-perfect equilibria share the path Out and differ off it, which the chooser says."""
    from commit_calc.explore.data import page_data
    from commit_calc.explore.page import render_page
    from commit_calc.model import Decision, ExtensiveFormGame, Terminal

    game = ExtensiveFormGame.build(players=("Entrant", "Incumbent"), root=Decision("Entrant", {
        "Out": Terminal((0, 2)),
        "In": Decision("Incumbent", {"Fight": Terminal((-1, 1)),
                                     "Accommodate": Terminal((-1, 1))})}), name="twins")
    _open(browser, render_page(page_data(game)), tmp_path, "twins")
    labels = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "label[for^=eq-]")]
    assert len(labels) == 2
    assert all("the same path as another: they differ off it" in t for t in labels), labels
    assert "2 equilibria here: choose one" in browser.find_element(By.ID, "chooser").text
    assert "no parameters" in browser.find_element(By.ID, "change").text  # not an empty list
    _no_errors(browser)


def test_grid_page_of_a_game_without_parameters(browser: Any, tmp_path: Path) -> None:
    """Selten's horse has no parameters and a three-player block, so its page is a grid of
    one point: the notes say "1 point", and "what would change it" says nothing can, rather
    than describing grid values there are none of."""
    _open(browser, catalog_page("selten-horse"), tmp_path, "horse")
    notes = browser.find_element(By.ID, "notes").text
    assert "(1 point, each solved exactly)" in notes
    change = browser.find_element(By.ID, "change").text
    assert "no parameters" in change and "grid" not in change
    _no_errors(browser)


def test_grid_game_says_so(browser: Any, tmp_path: Path) -> None:
    game = crowded_game()
    _open(browser, explore(game).html, tmp_path, "crowded")
    assert "precomputed exact grid" in browser.find_element(By.ID, "notes").text
    assert sorted(_outcomes(browser)) == _solve_outcomes(game, {})
    _type(browser, "noise", "1/3")
    assert "not on the precomputed grid" in browser.find_element(By.ID, "grid-note").text
    assert "grid-based" in browser.find_element(By.ID, "change").text
    _no_errors(browser)


def test_long_labels_are_neither_cut_off_nor_overlapping(browser: Any, tmp_path: Path) -> None:
    """Player and action names dozens of characters long: every text of the tree lies inside
    the picture's view, and no two payoff labels on one row overlap."""
    _open(browser, explore(hostile_game()).html, tmp_path, "long-labels")
    boxes = browser.execute_script("""
        const svg = document.querySelector('#picture svg'), v = svg.viewBox.baseVal;
        return [[v.x, v.y, v.width, v.height]].concat(Array.from(svg.querySelectorAll('text'))
          .map(function (t) { const b = t.getBBox();
            return [b.x, b.y, b.width, b.height, t.getAttribute('class') || '']; }));""")
    (vx, vy, vw, vh), texts = boxes[0], boxes[1:]
    assert texts
    for x, y, w, h, _ in texts:
        assert vx <= x and x + w <= vx + vw and vy <= y and y + h <= vy + vh
    payoffs = sorted((y, x, x + w) for x, y, w, _, kind in texts if "payoff" in kind)
    for (y1, _, end), (y2, start, _) in zip(payoffs, payoffs[1:]):
        assert y1 != y2 or end <= start, payoffs
    _no_errors(browser)


def test_hostile_labels_never_run(browser: Any, tmp_path: Path) -> None:
    """Labels with markup and parameters named constructor and __proto__ show as text."""
    page = explore(hostile_game()).html
    assert page.lower().count("</script") == 2  # the data block's and the script's own
    _open(browser, page, tmp_path, "hostile")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    assert browser.find_element(By.ID, "title").text == SCRIPT
    assert _outcomes(browser) == [f"{ACTION} > yes"]
    _type(browser, "__proto__", "-3")
    assert _outcomes(browser) == ["stop"]
    assert browser.find_elements(By.CSS_SELECTOR, "img") == []
    _no_errors(browser)


def test_map_click_moves_the_point_and_formulas_are_mathml(browser: Any, tmp_path: Path
                                                          ) -> None:
    """A click on the outcome map sets its two parameters; the page then agrees with solve
    there. Thresholds come with their formula as MathML (elements only, no attributes)."""
    game = load_game("enforcer-reliability")
    _open(browser, explore(game, axes=("reliability", "salary")).html, tmp_path, "map")
    canvas = browser.find_element(By.CSS_SELECTOR, "#map canvas")
    from selenium.webdriver.common.action_chains import ActionChains

    size = canvas.size
    ActionChains(browser).move_to_element_with_offset(
        canvas, int(size["width"] * 0.4), -int(size["height"] * 0.3)).click().perform()
    reliability = _exact_box(browser, "reliability").get_attribute("value")
    salary = _exact_box(browser, "salary").get_attribute("value")
    assert sympy.Rational(reliability) > sympy.Rational(1, 2)  # right of the centre
    assert sympy.Rational(salary) > 550  # above the middle of 0..1100
    assert sorted(_outcomes(browser)) == _solve_outcomes(
        game, {"reliability": str(reliability), "salary": str(salary)})
    formulas = browser.find_elements(By.CSS_SELECTOR, ".formula math")
    assert formulas and all(
        browser.execute_script("return arguments[0].querySelectorAll('[onload],[href],[src]')"
                               ".length", f) == 0 for f in formulas)
    _no_errors(browser)
    _not_blank(browser, tmp_path / "map.png")
