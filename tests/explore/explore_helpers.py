"""Games for the explorer tests (one whose names and labels try to break out of the page, one
too crowded for exact regions), each catalog page built once per test session, and the
browser tests' helpers."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any

import sympy

from commit_calc.analysis.labels import profile_label
from commit_calc.explore.data import page_data
from commit_calc.explore.page import render_page
from commit_calc.io import load_game
from commit_calc.model import Decision, ExtensiveFormGame, Terminal
from commit_calc.model.parameters import Parameter
from commit_calc.solvers.solve import solve


@cache
def catalog_data(name: str) -> dict[str, Any]:
    """The page data of a catalog game at its defaults (built once per test session; the
    tests only read it)."""
    return page_data(load_game(name))


@cache
def catalog_page(name: str) -> str:
    """The page of a catalog game at its defaults (built once per test session)."""
    return render_page(catalog_data(name))

SCRIPT = "</script><script>alert(1)</script>"
ACTION = 'Go "<img src=x onerror=alert(2)>" & \'run\''


def hostile_game() -> ExtensiveFormGame:
    """Two players named like markup; parameters named like JavaScript's object internals."""
    constructor = Parameter("constructor", default=1, lower=0, upper=2)
    proto = Parameter("__proto__", default=1)
    return ExtensiveFormGame.build(
        players=(SCRIPT, "<b>Second</b>"),
        parameters=(constructor, proto),
        root=Decision(SCRIPT, {
            ACTION: Decision("<b>Second</b>", {
                "yes": Terminal(("constructor", "__proto__")),
                SCRIPT: Terminal((0, 0))}),
            "stop": Terminal(("1/2", "1/2"))}),
        name="hostile", title=SCRIPT)


def crowded_game(scaled: bool = False) -> ExtensiveFormGame:
    """A node with eleven actions, more than the exact regions handle: the page uses the grid.
    Action k pays ``k * noise - k**2 / 20`` (times ``scale`` in the second term where
    ``scaled``), so the best action moves with ``noise`` (and ``scale``)."""
    noise = Parameter("noise", default="1/2", lower=0, upper=1)
    scale = Parameter("scale", default=1, lower=1, upper=2)
    factor = " * scale" if scaled else ""
    actions = {f"a{k}": Terminal((f"{k} * noise - {k * k}/20{factor}", 0)) for k in range(11)}
    return ExtensiveFormGame.build(
        players=("Chooser", "Other"), parameters=(noise, scale) if scaled else (noise,),
        root=Decision("Chooser", actions), name="crowded", title="Eleven choices")


# ---- the browser tests' helpers (selenium's By names are plain strings) ----

def open_page(browser: Any, page: str, folder: Path, name: str) -> None:
    path = folder / f"{name}.html"
    path.write_text(page, encoding="utf-8")
    browser.get(path.as_uri())
    assert browser.find_element("tag name", "body").get_attribute("data-ready") == "true"


def outcomes(browser: Any) -> list[str]:
    box = browser.find_element("css selector", "[data-role=outcome]")
    return [item.text for item in box.find_elements("tag name", "li")]


def solve_outcomes(game: Any, values: dict[str, str]) -> list[str]:
    result = solve(game, {k: sympy.Rational(v) for k, v in values.items()})
    return sorted(profile_label(result.game, e.profile) for e in result.equilibria)


def exact_box(browser: Any, name: str) -> Any:
    for box in browser.find_elements("css selector", "input[data-name]"):
        if box.get_attribute("data-name") == name:
            return box
    raise AssertionError(f"no exact-value box for {name}")


def type_value(browser: Any, name: str, value: str) -> None:
    box = exact_box(browser, name)
    box.clear()
    box.send_keys(value + "\ue007")


def no_errors(browser: Any) -> None:
    """No console error, and the page fetched nothing (its only resource is itself)."""
    errors = [e for e in browser.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert not errors, errors
    assert browser.execute_script(
        "return performance.getEntriesByType('resource').length") == 0


def not_blank(browser: Any, path: Path) -> None:
    from PIL import Image

    browser.execute_script("window.scrollTo(0, 0)")
    browser.save_screenshot(str(path))
    image = Image.open(io.BytesIO(path.read_bytes())).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000) or []
    assert len(colours) > 20, "the screenshot is blank"
