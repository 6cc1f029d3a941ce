"""The explorer in a real browser: headless Chromium driven by selenium, the page opened from a
file with networking off. Skipped, with the reason, where selenium, Chromium or its driver is
missing (``.ci/run`` installs them)."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sympy
from explore_helpers import ACTION, SCRIPT, crowded_game, hostile_game

from commit_calc.analysis.labels import profile_label
from commit_calc.explore import explore
from commit_calc.io import load_game
from commit_calc.solvers.solve import solve

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed "
                                "(pip install selenium; the 'test' extra has it)")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None or DRIVER is None:
        pytest.skip("no headless browser: install the Debian packages chromium and "
                    "chromium-driver (apt-get install -y chromium chromium-driver)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--window-size=1280,1000",
                 "--host-resolver-rules=MAP * ~NOTFOUND"):
        options.add_argument(flag)
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def _open(browser: Any, page: str, folder: Path, name: str) -> None:
    path = folder / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    browser.get(path.as_uri())
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true"


def _outcomes(browser: Any) -> list[str]:
    box = browser.find_element(By.CSS_SELECTOR, "[data-role=outcome]")
    return [item.text for item in box.find_elements(By.TAG_NAME, "li")]


def _solve_outcomes(game: Any, values: dict[str, str]) -> list[str]:
    result = solve(game, {k: sympy.Rational(v) for k, v in values.items()})
    return sorted(profile_label(result.game, e.profile) for e in result.equilibria)


def _exact_box(browser: Any, name: str) -> Any:
    for box in browser.find_elements(By.CSS_SELECTOR, "input[data-name]"):
        if box.get_attribute("data-name") == name:
            return box
    raise AssertionError(f"no exact-value box for {name}")


def _type(browser: Any, name: str, value: str) -> None:
    box = _exact_box(browser, name)
    box.clear()
    box.send_keys(value + Keys.ENTER)


def _no_errors(browser: Any) -> None:
    """No console error, and the page fetched nothing (its only resource is itself)."""
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert not errors, errors
    assert browser.execute_script(
        "return performance.getEntriesByType('resource').length") == 0


def _not_blank(browser: Any, path: Path) -> None:
    from PIL import Image

    browser.execute_script("window.scrollTo(0, 0)")
    browser.save_screenshot(str(path))
    image = Image.open(io.BytesIO(path.read_bytes())).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000) or []
    assert len(colours) > 20, "the screenshot is blank"


def _path_actions(browser: Any) -> set[str]:
    return {e.get_attribute("data-action")
            for e in browser.find_elements(By.CSS_SELECTOR, "line.edge.path")}


def test_reliability_slider_and_exact_tie(browser: Any, tmp_path: Path) -> None:
    """Moving reliability past 20/33 switches the rebels from staying armed to disarming;
    typing exactly 20/33 shows both equilibria, as solve does."""
    game = load_game("enforcer-reliability")
    _open(browser, explore(game).html, tmp_path, "enforcer")
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
    _open(browser, explore(game).html, tmp_path, "enforcer2")
    buttons = [b for b in browser.find_elements(By.CSS_SELECTOR, "button.go")
               if b.text == "set reliability = 20/33"]
    assert buttons, "no threshold 20/33 offered for reliability"
    buttons[0].click()
    assert sorted(_outcomes(browser)) == _solve_outcomes(game, {"reliability": "20/33"})
    _no_errors(browser)


def test_table_game_equilibria_are_selectable(browser: Any, tmp_path: Path) -> None:
    game = load_game("battle-of-the-sexes")
    _open(browser, explore(game).html, tmp_path, "bos")
    assert sorted(_outcomes(browser)) == _solve_outcomes(game, {})
    first = browser.find_element(By.CSS_SELECTOR, "td.played").text
    browser.find_element(By.ID, "eq-1").click()
    assert browser.find_element(By.CSS_SELECTOR, "td.played").text != first
    _no_errors(browser)
    _not_blank(browser, tmp_path / "battle-of-the-sexes.png")


def test_grid_game_says_so(browser: Any, tmp_path: Path) -> None:
    game = crowded_game()
    _open(browser, explore(game).html, tmp_path, "crowded")
    assert "precomputed exact grid" in browser.find_element(By.ID, "notes").text
    assert sorted(_outcomes(browser)) == _solve_outcomes(game, {})
    _type(browser, "noise", "1/3")
    assert "not on the precomputed grid" in browser.find_element(By.ID, "grid-note").text
    assert "does not have" in browser.find_element(By.ID, "change").text
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
