"""Every script in ``examples/`` runs, prints its findings and writes well-formed pictures.

The findings are checked against values derived here by hand from the games' payoff formulas
(read from the catalog defaults), not copied from the scripts:

* disarm-trust (Kreps 1990 trust game; Fearon 1995): the regime honours iff
  ``area_value - salary >= area_value + renege_gain - patrol_cost``.
* reconciliation-2x2 (Hartzell and Hoddie 2003, 2007): the same comparison against Disarm makes
  (Disarm, Honor) an equilibrium; in the mixed equilibrium the regime honours with the
  probability ``q`` that makes the rebels indifferent, ``q * U_H + (1 - q) * U_N = exile``.
* enforcer-reliability (Walter 1997, 2002): the rebels disarm iff
  ``reliability >= (exile_payoff - U_N) / (U_H - U_N)`` (20/33 at the defaults).
* strategic-enforcer: the enforcer protects iff
  ``idlib_interest <= reputation_cost - enforcement_cost``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

from commit_calc.io import load_game

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SCRIPTS = sorted(p.name for p in EXAMPLES.glob("[0-9][0-9]_*.py"))
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
HAVE_MATPLOTLIB = __import__("importlib").util.find_spec("matplotlib") is not None
HAVE_DOT = shutil.which("dot") is not None


def defaults(name: str) -> dict[str, Fraction]:
    return {p.name: Fraction(int(p.default.p), int(p.default.q))
            for p in load_game(name).parameters}


def rebels_payoffs(d: dict[str, Fraction]) -> tuple[Fraction, Fraction]:
    """U_H (deal honoured) and U_N (deal broken), as the catalog files define them."""
    return (d["salary"] + d["amnesty"] + d["territorial"],
            -(d["conscription_cost"] + d["retribution_cost"]))


def run_example(script: str, directory: Path, *args: str, first_on_path: str = ""
                ) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [first_on_path, str(ROOT / "src"),
                                                      env.get("PYTHONPATH")]))
    env["MPLBACKEND"] = "Agg"
    finished = subprocess.run([sys.executable, str(EXAMPLES / script), *args], cwd=directory,
                              env=env, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    assert finished.stderr == "", finished.stderr
    return finished


def check_pictures(directory: Path, stdout: str) -> list[Path]:
    """Every file the script says it wrote exists and is well formed."""
    written = [Path(line.removeprefix("wrote ")) for line in stdout.splitlines()
               if line.startswith("wrote ")]
    assert written
    for path in written:
        assert path.parent == directory and path.is_file(), path
        if path.suffix == ".png":
            assert path.read_bytes().startswith(PNG_MAGIC), path
        elif path.suffix == ".dot":
            if HAVE_DOT:  # Graphviz parses it
                subprocess.run(["dot", "-Tcanon", str(path)], check=True, capture_output=True)
            assert path.read_text().startswith("digraph")
        elif path.suffix == ".tex":
            text = path.read_text()
            assert "\\begin{tikzpicture}" in text and text.rstrip().endswith("\\end{document}")
    return written


def test_all_four_stories_are_there():
    assert [s[:2] for s in SCRIPTS] == ["01", "02", "03", "04"]


def check_output(directory: Path, stdout: str) -> None:
    """Trees as DOT and TikZ, and PNG (Graphviz or matplotlib); plots with matplotlib."""
    names = {p.name for p in check_pictures(directory, stdout)}
    trees = {n for n in names if n.endswith(".dot")}
    assert trees, names
    if HAVE_DOT or HAVE_MATPLOTLIB:  # Graphviz draws the PNGs, or matplotlib without it
        assert {n.replace(".dot", ".png") for n in trees} <= names
    plots = [line for line in stdout.splitlines() if "-map.png" in line or "-payoffs-" in line]
    assert plots
    if HAVE_MATPLOTLIB:
        assert all(line.startswith("wrote ") for line in plots)
    else:
        assert all("not drawn" in line for line in plots)


def test_01_commitment_problem(tmp_path):
    d = defaults("disarm-trust")
    honour_from = d["salary"] + d["renege_gain"]
    out = tmp_path / "pictures"
    stdout = run_example("01_commitment_problem.py", tmp_path, "--out", str(out)).stdout
    check_output(out, stdout)
    assert list(tmp_path.iterdir()) == [out]  # nothing written elsewhere
    assert "1. outcome: Stay armed" in stdout
    assert f"= {honour_from} USD/month at salary {d['salary']}" in stdout
    assert f"patrol_cost > salary + {d['renege_gain']}: Disarm > Honor" in stdout
    assert "NOT credible" in stdout  # the default patrol cost is below the threshold
    assert d["patrol_cost"] < honour_from


def test_02_power_sharing(tmp_path):
    d = defaults("reconciliation-2x2")
    flip = d["salary"] + d["renege_gain"]
    honour, broken = rebels_payoffs(d)
    mixed = (d["exile_payoff"] - broken) / (honour - broken)
    stdout = run_example("02_power_sharing.py", tmp_path).stdout
    check_output(tmp_path, stdout)
    before, after = stdout.split(f"At patrol_cost = {flip + 100}:")
    assert f"threshold: patrol_cost = {flip} USD/month" in before
    assert "1 Nash equilibrium:\n  1. outcome: Stay armed, Renege" in before
    assert (f"against Disarm the regime gets {d['area_value'] - d['salary']} from Honor but "
            f"{d['area_value'] + d['renege_gain'] - d['patrol_cost']} from Renege") in before
    # above the threshold: an assurance game, two pure equilibria and a mixed one
    assert "3 Nash equilibria" in after
    assert "outcome: Disarm, Honor" in after and "outcome: Stay armed, Renege" in after
    assert f"regime honours with probability {mixed}" in after


def test_03_enforcer_reliability(tmp_path):
    d = defaults("enforcer-reliability")
    honour, broken = rebels_payoffs(d)
    needed = (d["exile_payoff"] - broken) / (honour - broken)
    assert needed == Fraction(20, 33)  # the value the issue quotes for the defaults
    r = d["reliability"]
    # the regime honours under a reliable enforcer iff
    # area_value - salary >= area_value + renege_gain - patrol_cost + crowding_out - sanction
    ceiling = d["patrol_cost"] - d["crowding_out"] + d["sanction"] - d["renege_gain"]
    salary_needed = (d["exile_payoff"] - broken) / r + broken - d["amnesty"] - d["territorial"]
    amnesty_needed = (d["exile_payoff"] - broken) / r + broken - d["salary"] - d["territorial"]
    lowest = (d["exile_payoff"] - broken) / (ceiling + d["amnesty"] + d["territorial"] - broken)
    out = tmp_path / "pictures"
    stdout = run_example("03_enforcer_reliability.py", tmp_path, "--out", str(out)).stdout
    check_output(out, stdout)
    assert f"threshold at the defaults: reliability = {needed}" in stdout
    assert ("threshold: reliability = (conscription_cost + exile_payoff + retribution_cost)/"
            "(amnesty + conscription_cost + retribution_cost + salary + territorial)") in stdout
    assert f"salary of at least {salary_needed}" in stdout
    assert f"above salary = {ceiling} the regime reneges" in stdout
    assert salary_needed > ceiling  # so no salary wins the rebels over at the default r
    assert f"needs reliability >= {lowest}" in stdout
    assert f"amnesty worth at least {amnesty_needed}" in stdout
    after_check = stdout.split("check, solved at amnesty")[1]
    assert "outcome: Disarm > Reliable: Honor | Unreliable: Renege" in after_check


def test_04_strategic_enforcer(tmp_path):
    d = defaults("strategic-enforcer")
    walk_away = d["reputation_cost"] - d["enforcement_cost"]
    stdout = run_example("04_strategic_enforcer.py", tmp_path).stdout
    check_output(tmp_path, stdout)
    if shutil.which("pdflatex"):  # the three-player tree's TikZ compiles
        subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                        "04-tree-guarantor-walks-away.tex"], cwd=tmp_path, check=True,
                       capture_output=True, timeout=120)
        assert (tmp_path / "04-tree-guarantor-walks-away.pdf").read_bytes().startswith(b"%PDF")
    assert f"(= {walk_away} USD/month at the defaults)" in stdout
    assert "Enforcer: at enforcer: Protect" in stdout.split("Regions with")[0]
    assert f"from idlib_interest = {walk_away}: Disarm > Honor or Stay armed" in stdout
    assert f"from idlib_interest = {walk_away + 10}: Stay armed" in stdout
    beyond = stdout.split(f"At idlib_interest = {walk_away + 100}:")[1]
    assert "outcome: Stay armed" in beyond and "Enforcer: at enforcer: Acquiesce" in beyond


def test_without_matplotlib_the_plots_are_skipped_with_a_note(tmp_path):
    blocker = tmp_path / "blocker" / "matplotlib"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('matplotlib is blocked')\n")
    out = tmp_path / "pictures"
    stdout = run_example("02_power_sharing.py", tmp_path, "--out", str(out),
                         first_on_path=str(blocker.parent)).stdout
    note = [line for line in stdout.splitlines() if "02-payoffs-vs-patrol-cost.png" in line]
    assert note == ["note: 02-payoffs-vs-patrol-cost.png was not drawn: plots need matplotlib, "
                    'which is not installed: pip install "commit-calc[plot]" '
                    "(or pip install matplotlib)"]
    assert not (out / "02-payoffs-vs-patrol-cost.png").exists()
    assert (out / "02-after-power-sharing.dot").is_file()  # the tables are still written
