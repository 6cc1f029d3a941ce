"""Benchmark: the explorer page (``commit-calc explore``) for every catalog game.

Measured in one run, per game:

- writing the page from the command line against one ``commit-calc solve`` of the same game
  (both as subprocesses, interpreter start included; the issue asks for at most 3 times), in
  wall-clock time and in processor time (fairer on a loaded machine);
- where selenium and headless Chromium are installed: the first render in the browser
  (``performance.now()`` when the page is ready, from navigation start) and the median and
  largest time of a slider update (an ``input`` event on each slider in turn, three rounds
  timed in the page after one untimed round);
- the page's size.

Run::

    PYTHONPATH=src python3 benchmarks/bench_explore.py [--games enforcer-reliability ...]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from commit_calc.io.catalog import names

_SLIDER_UPDATES = """
const sliders = Array.from(document.querySelectorAll("input[type=range]"));
const times = [];
for (let round = 0; round < 4; round++) {  // round 0 warms the page up, untimed
  for (const s of sliders) {
    const before = s.value;
    s.value = String((Number(s.min) + Number(s.max)) * (round % 3 + 1) / 4);
    const t0 = performance.now();
    s.dispatchEvent(new Event("input"));
    if (round) times.push(performance.now() - t0);
    s.value = before;
  }
}
times.sort(function (a, b) { return a - b; });
return times.length ? [times[Math.floor(times.length / 2)], times[times.length - 1]] : [0, 0];
"""


def _command_seconds(arguments: list[str], repeat: int) -> tuple[float, float]:
    """The best wall-clock and processor time (user + system) of the command: on a loaded
    machine the processor time is the fairer measure."""
    best, best_cpu = float("inf"), float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "commit_calc", *arguments], check=True,
                       capture_output=True)
        best = min(best, time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best_cpu = min(best_cpu, after.ru_utime + after.ru_stime - before.ru_utime
                       - before.ru_stime)
    return best, best_cpu


def _browser() -> Any | None:
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return None
    if chromium is None or driver is None:
        return None
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--window-size=1280,1000"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(driver))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", nargs="*", default=list(names()))
    parser.add_argument("--repeat", type=int, default=2, help="best of this many runs")
    arguments = parser.parse_args()
    browser = _browser()
    if browser is None:
        print("(no selenium/Chromium: browser timings left out)")
    print(f"{'game':26} {'explore s':>9} {'solve s':>8} {'ratio':>6} {'cpu ratio':>9} "
          f"{'size kB':>8} {'render ms':>9} {'update ms (median/max)':>22}")
    with tempfile.TemporaryDirectory() as folder:
        for game in arguments.games:
            page = Path(folder) / f"{game}.html"
            write, write_cpu = _command_seconds(["explore", game, "-o", str(page)],
                                                arguments.repeat)
            solve, solve_cpu = _command_seconds(["solve", game], arguments.repeat)
            size = os.path.getsize(page) / 1000
            render = update = ""
            if browser is not None:
                browser.get(page.as_uri())
                body = browser.find_element("tag name", "body")
                render = f"{float(body.get_attribute('data-ready-ms')):.0f}"
                median, worst = browser.execute_script(_SLIDER_UPDATES)
                update = f"{median:.1f} / {worst:.1f}"
            print(f"{game:26} {write:9.2f} {solve:8.2f} {write / solve:6.2f} "
                  f"{write_cpu / solve_cpu:9.2f} {size:8.1f} {render:>9} {update:>22}",
                  flush=True)
    if browser is not None:
        browser.quit()


if __name__ == "__main__":
    main()
