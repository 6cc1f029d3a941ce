"""LaTeX output (thresholds --format latex, draw --format tikz) compiles whatever the names."""

import re
import shutil
import subprocess

import pytest

from commit_calc.analysis.regions import parameter_regions
from commit_calc.analysis.report import thresholds_latex
from commit_calc.analysis.thresholds import comparative_statics, thresholds
from commit_calc.draw import tree_to_tikz
from commit_calc.io import load_game
from commit_calc.render.latex import latex_math, latex_name, latex_text

HOSTILE = r'''
format = "commit-calc/game/1"
title = "Hostile #1 ~ {x} \\ 50% & $ <a|b> [c]"
players = ["$B^$", "A_b & {c}"]

[parameters.a_b_c]
value = 2
min = 0

[parameters.x_1]
value = "1/2"
min = 0
max = 1

[nodes.root]
player = "$B^$"
actions = { "L & R %" = "chance", "#~\\{}" = "leaf3", "[x] y" = "leaf5" }

[nodes.chance]
chance = { "Up_1 ^" = ["x_1", "second"], "Dn~" = ["1 - x_1", "leaf4"] }

[nodes.second]
player = "A_b & {c}"
actions = { "x_y" = "leaf1", "{}" = "leaf2" }

[nodes.leaf1]
payoffs = { "$B^$" = "a_b_c", "A_b & {c}" = "1" }
[nodes.leaf2]
payoffs = { "$B^$" = "0", "A_b & {c}" = "2 - a_b_c" }
[nodes.leaf3]
payoffs = { "$B^$" = "x_1", "A_b & {c}" = "0" }
[nodes.leaf4]
payoffs = { "$B^$" = "1", "A_b & {c}" = "1" }
[nodes.leaf5]
payoffs = { "$B^$" = "-1", "A_b & {c}" = "-1" }
'''


@pytest.fixture
def hostile(tmp_path):
    path = tmp_path / "hostile.toml"
    path.write_text(HOSTILE)
    return load_game(str(path))


def hostile_thresholds(game):
    analysis = parameter_regions(game, {})
    found = thresholds(analysis, "x_1")
    return thresholds_latex(analysis, "hostile", found, comparative_statics(analysis, found),
                            "x_1")


def assert_escaped(source):
    """No special character of LaTeX is left raw, and the structure balances."""
    body = "\n".join(line for line in source.splitlines() if not line.startswith("%"))
    unescaped = re.sub(r"\\[&%$#_{}]", "", body)
    assert not re.search(r"[&%#~]", unescaped), unescaped
    for line in body.splitlines():
        assert (line.count("$") - line.count(r"\$")) % 2 == 0, line
    assert unescaped.count("{") == unescaped.count("}")
    assert r"\$B\textasciicircum{}\$" in source
    assert r"L \& R \%" in source
    assert "$B^$" not in source and "L & R" not in source


def test_latex_text_escapes_every_special_character():
    assert latex_text(r"#$%&_{}~^\<>|") == (
        r"\#\$\%\&\_\{\}\textasciitilde{}\textasciicircum{}\textbackslash{}\textless{}"
        r"\textgreater{}\textbar{}")
    assert latex_text("[a]\nb\x07") == "{[}a{]} b"  # no optional argument, no raw controls
    assert latex_text("é ü") == "é ü"
    assert latex_text("中") == r"\texttt{U+4E2D}"


def test_parameter_names_are_whole_names_in_maths():
    import sympy

    a, x = sympy.symbols("a_b_c x_1")
    assert latex_math(a + x) == r"\mathit{a\_b\_c} + \mathit{x\_1}"
    assert latex_name("x_1") == r"\mathit{x\_1}"
    assert latex_name("$B^$") == r"\text{\$B\textasciicircum{}\$}"


def test_thresholds_latex_escapes_hostile_names(hostile):
    source = hostile_thresholds(hostile)
    assert_escaped(source)
    assert r"\mathit{a\_b\_c}" in source and r"\mathit{x\_1}" in source
    assert "a_{b c}" not in source and "x_{1}" not in source


def test_tikz_escapes_hostile_names(hostile):
    source = tree_to_tikz(hostile)
    assert_escaped(source)
    assert r"(\mathit{a\_b\_c}, 1)" in source  # payoffs and probabilities as maths
    assert r"($\mathit{x\_1}$)" in source


def _compile(tmp_path, name, source):
    latex = shutil.which("pdflatex")
    if latex is None:
        pytest.skip("pdflatex is not installed")
    (tmp_path / f"{name}.tex").write_text(source)
    finished = subprocess.run([latex, "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
                              cwd=tmp_path, capture_output=True, timeout=300)
    assert finished.returncode == 0, finished.stdout.decode(errors="replace")[-2000:]
    assert (tmp_path / f"{name}.pdf").read_bytes().startswith(b"%PDF")


def test_thresholds_latex_compiles_with_hostile_names(tmp_path, hostile):
    document = ("\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n"
                + hostile_thresholds(hostile) + "\\end{document}\n")
    _compile(tmp_path, "regions", document)


def test_catalog_thresholds_latex_compiles(tmp_path):
    analysis = parameter_regions(load_game("enforcer-reliability"), {})
    found = thresholds(analysis, "reliability")
    source = thresholds_latex(analysis, "enforcer-reliability", found,
                              comparative_statics(analysis, found), "reliability")
    _compile(tmp_path, "catalog", "\\documentclass{article}\n\\usepackage{amsmath}\n"
             "\\begin{document}\n" + source + "\\end{document}\n")


def test_tikz_compiles_with_hostile_names(tmp_path, hostile):
    if shutil.which("kpsewhich") and subprocess.run(
            ["kpsewhich", "standalone.cls"], capture_output=True).returncode != 0:
        pytest.skip("LaTeX's standalone class is not installed")
    _compile(tmp_path, "tree", tree_to_tikz(hostile))


def test_signs_of_derivatives_are_mathematics():
    from click.testing import CliRunner

    from commit_calc.cli.main import cli

    result = CliRunner().invoke(cli, ["thresholds", "enforcer-reliability", "--free", "salary",
                                      "--free", "reliability",
                                      "--format", "latex"])
    assert result.exit_code == 0, result.output
    statics = [line for line in result.stdout.splitlines() if r"\partial" in line]
    assert statics and all(line.endswith(("$+$", "$-$", "$0$", r"$\geq 0$", r"$\leq 0$", "?"))
                           for line in statics), statics
