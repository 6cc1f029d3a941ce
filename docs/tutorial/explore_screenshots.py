"""The screenshots of the explorer lessons (docs/tutorial/explore-*.md): each lesson's page
written with ``commit-calc explore``, opened in headless Chromium, the values of the lesson
typed in, and the page saved as a PNG in docs/tutorial/images/.

Run from the repository's top folder (needs selenium, chromium and chromedriver)::

    PYTHONPATH=src python3 docs/tutorial/explore_screenshots.py [--show]

``--show`` prints each page's outcome, "what would change it" and explanation as well.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

#: Lesson: (game, explore options, values typed before the screenshot (in order), picture).
LESSONS = [
    ("enforcer-reliability", ["--axes", "reliability,sanction"], [("reliability", "20/33")],
     "explore-enforcer-reliability.png"),
    ("disarm-trust", ["--axes", "salary,patrol_cost"], [("patrol_cost", "500")],
     "explore-disarm-trust.png"),
    ("reconciliation-2x2", ["--axes", "patrol_cost,restraint_cost"], [("patrol_cost", "700")],
     "explore-reconciliation-2x2.png"),
    ("reconciliation-cohorts", ["--axes", "renege_gain,patrol_cost"], [],
     "explore-reconciliation-cohorts.png"),
    ("strategic-enforcer", ["--axes", "reputation_cost,enforcement_cost"],
     [("reputation_cost", "250")], "explore-strategic-enforcer.png"),
    ("costly-implementation", ["--concept", "pbe"], [], "explore-costly-implementation.png"),
    ("reputation-two-cohorts", [], [("discount", "1/2")], "explore-reputation-two-cohorts.png"),
]

IMAGES = Path(__file__).resolve().parent / "images"


def _browser() -> object:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1500",
                 "--hide-scrollbars"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "chromium"
    return webdriver.Chrome(options=options,
                            service=Service(shutil.which("chromedriver") or "chromedriver"))


def main() -> None:
    show = "--show" in sys.argv
    browser = _browser()
    try:
        with tempfile.TemporaryDirectory() as folder:
            for game, options, typed, picture in LESSONS:
                page = Path(folder) / f"{game}.html"
                subprocess.run([sys.executable, "-m", "commit_calc", "explore", game, *options,
                                "-o", str(page)], check=True)
                browser.get(page.as_uri())  # type: ignore[attr-defined]
                for name, value in typed:
                    box = browser.find_element(  # type: ignore[attr-defined]
                        "css selector", f"input[data-name={name}]")
                    box.clear()
                    box.send_keys(value + "\ue007")
                if show:
                    for part in ("outcome", "change", "explanation", "notes"):
                        text = browser.find_element("id", part).text  # type: ignore[attr-defined]
                        print(f"== {game} {part}\n{text}\n")
                browser.execute_script("window.scrollTo(0, 0)")  # type: ignore[attr-defined]
                browser.save_screenshot(str(IMAGES / picture))  # type: ignore[attr-defined]
                print(f"wrote {IMAGES / picture}")
                if "pbe" in options:  # no step-by-step explanation: beliefs on the tree
                    continue
                # the step-by-step explanation of the point shown
                why = IMAGES / picture.replace(".png", "-why.png")
                section = "section[aria-labelledby=explanation-title]"
                browser.find_element(  # type: ignore[attr-defined]
                    "css selector", section).screenshot(str(why))
                print(f"wrote {why}")
    finally:
        browser.quit()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
