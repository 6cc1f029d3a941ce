"""``commit-calc sweep --plot FILE``: pictures of sweeps, and clean errors around them.

The thresholds the pictures must carry are derived by hand from the games' payoffs: in
``enforcer-reliability`` the rebels disarm iff ``r * U_H + (1 - r) * U_N >= exile_payoff``
(Walter 1997, "The critical barrier to civil war settlement"), where ``U_H = salary + amnesty +
territorial`` and ``U_N = -(conscription_cost + retribution_cost)``; in ``disarm-trust`` the
regime honours iff ``area_value - salary >= area_value + renege_gain - patrol_cost`` (Fearon
1995, "Rationalist explanations for war").
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ElementTree
from fractions import Fraction

import pytest
from click.testing import CliRunner

from commit_calc.cli.main import cli
from commit_calc.io import load_game

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def run(*args: str):
    return CliRunner().invoke(cli, ["sweep", *args])


def defaults(name: str) -> dict[str, Fraction]:
    return {p.name: Fraction(int(p.default.p), int(p.default.q))
            for p in load_game(name).parameters}


def svg_text(path) -> str:
    root = ElementTree.parse(path).getroot()
    assert root.tag.endswith("svg")
    return " ".join(t for t in root.itertext())


def test_one_parameter_png(tmp_path):
    pytest.importorskip("matplotlib")
    target = tmp_path / "payoffs.png"
    result = run("disarm-trust", "--vary", "patrol_cost=0:1000:21", "--plot", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(PNG_MAGIC)
    assert "patrol_cost" in result.stdout  # the table is still printed
    assert result.stderr.strip() == f"wrote {target}"


def test_one_parameter_svg_marks_the_exact_threshold(tmp_path):
    pytest.importorskip("matplotlib")
    d = defaults("disarm-trust")
    honour_from = d["salary"] + d["renege_gain"]  # patrol_cost where honouring starts to pay
    target = tmp_path / "payoffs.svg"
    result = run("disarm-trust", "--vary", "patrol_cost=0:1000:21", "--plot", str(target))
    assert result.exit_code == 0, result.output
    text = svg_text(target)
    assert str(honour_from) in text
    assert "patrol_cost (USD/month)" in text
    assert "Regime's payoff (USD/month)" in text


def test_two_parameters_map_labels_the_threshold_curve(tmp_path):
    pytest.importorskip("matplotlib")
    d = defaults("enforcer-reliability")
    loss = d["conscription_cost"] + d["retribution_cost"] + d["exile_payoff"]
    rest = d["amnesty"] + d["territorial"] + d["conscription_cost"] + d["retribution_cost"]
    target = tmp_path / "map.svg"
    result = run("enforcer-reliability", "--vary", "salary=0:600:31",
                 "--vary", "reliability=0:1:21", "--plot", str(target))
    assert result.exit_code == 0, result.output
    text = svg_text(target)
    assert f"threshold: reliability = {loss}/(salary + {rest})" in text
    assert "salary (USD/month)" in text and "reliability (probability)" in text
    assert "Disarm > Reliable: Honor | Unreliable: Renege" in text and "Stay armed" in text


def test_pdf(tmp_path):
    pytest.importorskip("matplotlib")
    target = tmp_path / "map.pdf"
    result = run("reconciliation-2x2", "--vary", "patrol_cost=0:1000:11",
                 "--vary", "salary=0:500:11", "--plot", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF")


def test_bad_suffix_is_a_usage_error(tmp_path):
    result = run("disarm-trust", "--vary", "salary=0:1:2", "--plot", str(tmp_path / "x.jpg"))
    assert result.exit_code == 2
    assert "--plot" in result.stderr and ".png, .svg or .pdf" in result.stderr
    assert not (tmp_path / "x.jpg").exists()


def test_three_parameters_cannot_be_plotted(tmp_path):
    pytest.importorskip("matplotlib")
    result = run("disarm-trust", "--vary", "salary=0:1:2", "--vary", "amnesty=0:1:2",
                 "--vary", "patrol_cost=0:1:2", "--plot", str(tmp_path / "x.png"))
    assert result.exit_code == 2
    assert "one or two varied parameters, got 3" in result.stderr
    assert result.stdout == ""


def test_unwritable_file_is_a_clean_error(tmp_path):
    pytest.importorskip("matplotlib")
    target = tmp_path / "x.png"
    target.mkdir()  # a folder where the file should go: writing fails after the sweep
    result = run("disarm-trust", "--vary", "salary=0:1:2", "--plot", str(target))
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Error: plot file") and "x.png" in result.stderr


def test_matplotlib_missing_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    result = run("disarm-trust", "--vary", "salary=0:1:2", "--plot", str(tmp_path / "x.png"))
    assert result.exit_code == 1
    assert 'pip install "commit-calc[plot]"' in result.stderr
    assert result.stdout == ""  # checked before the sweep runs
    assert not (tmp_path / "x.png").exists()


def test_plot_into_a_missing_folder_is_refused_before_the_sweep(tmp_path):
    from click.testing import CliRunner

    from commit_calc.cli.main import cli

    target = tmp_path / "no-such-folder" / "map.png"
    result = CliRunner().invoke(cli, ["sweep", "enforcer-reliability", "--vary",
                                      "reliability=0:1:3", "--plot", str(target)])
    assert result.exit_code == 1  # a file problem, found before the sweep
    assert "does not exist" in result.stderr
    assert result.stdout == ""
