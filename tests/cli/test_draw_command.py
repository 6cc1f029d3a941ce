"""``commit-calc draw``: every catalog game drawn, files well formed, clean errors."""

from __future__ import annotations

import shutil
import struct
import subprocess

import pytest
from cli_helpers import assert_clean_error, run

from commit_calc.io.catalog import list_games

CATALOG = [name for name, _, _ in list_games()]
# Games the catalog stores as payoff tables for more than two players would be refused.
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@needs_dot
@pytest.mark.parametrize("name", CATALOG)
def test_every_catalog_game_dot_parses_and_png_opens(name, tmp_path):
    dot = run("draw", name)
    assert dot.exit_code == 0, dot.stderr
    checked = subprocess.run(["dot", "-Tcanon"], input=dot.stdout.encode(), capture_output=True)
    assert checked.returncode == 0, checked.stderr
    target = tmp_path / f"{name}.png"
    result = run("draw", name, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    width, height = png_size(target.read_bytes())
    assert 150 <= width <= 4000 and 80 <= height <= 3000, (width, height)
    assert "highlighted" in result.stderr or "--equilibrium N" in result.stderr


def test_dot_needs_nothing_and_marks_the_equilibrium_path():
    """Kreps (1990): the equilibrium path is No trust, drawn thick and red."""
    result = run("draw", "kreps-trust")
    assert result.exit_code == 0
    assert result.stdout.startswith('digraph "game" {')
    edge = next(line for line in result.stdout.splitlines() if "No trust" in line)
    assert "penwidth=3" in edge
    assert "1 subgame-perfect equilibrium" in result.stderr


def test_equilibrium_option_picks_another_and_names_the_count():
    """Ultimatum game in whole units: two SPE (offer 0 and offer 1 accepted)."""
    first = run("draw", "ultimatum")
    second = run("draw", "ultimatum", "--equilibrium", "2")
    assert "2 subgame-perfect equilibria; drew equilibrium 1" in first.stderr
    assert first.stdout != second.stdout
    edge = next(line for line in second.stdout.splitlines() if "Offer 1" in line)
    assert "penwidth=3" in edge


def test_equilibrium_out_of_range_is_a_clean_error():
    assert_clean_error(run("draw", "kreps-trust", "--equilibrium", "3"), code=1,
                       names="--equilibrium 3")


def test_no_equilibrium_keeps_formulas_and_set_substitutes():
    plain = run("draw", "enforcer-reliability", "--no-equilibrium")
    assert plain.exit_code == 0 and "reliability" in plain.stdout and "penwidth" not in plain.stdout
    assert plain.stderr == ""
    fixed = run("draw", "enforcer-reliability", "--no-equilibrium", "--set", "reliability=1/3")
    assert "(1/3)" in fixed.stdout and "(2/3)" in fixed.stdout


def test_mixed_equilibrium_of_a_table_shows_probabilities():
    """Battle of the Sexes (Osborne 2004): the mixed equilibrium plays Bach 2/3 and 1/3."""
    result = run("draw", "battle-of-the-sexes", "--equilibrium", "2")
    assert result.exit_code == 0
    assert "Bach [2/3]" in result.stdout and "Bach [1/3]" in result.stdout
    assert result.stdout.count("BGCOLOR") == 4


def test_tikz_compiles_where_latex_is_installed(tmp_path):
    result = run("draw", "bagwell-commitment", "--format", "tikz")
    assert result.exit_code == 0
    assert result.stdout.startswith("\\documentclass")
    latex = shutil.which("pdflatex")
    if latex is None:
        pytest.skip("pdflatex is not installed")
    (tmp_path / "tree.tex").write_text(result.stdout)
    finished = subprocess.run([latex, "-interaction=nonstopmode", "-halt-on-error", "tree.tex"],
                              cwd=tmp_path, capture_output=True, timeout=120)
    assert finished.returncode == 0, finished.stdout.decode(errors="replace")[-2000:]
    assert (tmp_path / "tree.pdf").read_bytes().startswith(b"%PDF")


@needs_dot
def test_format_from_suffix_svg_is_xml(tmp_path):
    import xml.etree.ElementTree as ElementTree

    target = tmp_path / "trust.svg"
    result = run("draw", "kreps-trust", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    root = ElementTree.fromstring(target.read_bytes())
    assert root.tag.endswith("svg")


def test_unknown_suffix_is_a_usage_error(tmp_path):
    result = run("draw", "kreps-trust", "-o", str(tmp_path / "tree.xyz"))
    assert_clean_error(result, code=2, names="--format")


def test_tikz_of_a_table_and_tables_of_three_players_are_refused(tmp_path):
    assert_clean_error(run("draw", "prisoners-dilemma", "--format", "tikz"), code=1,
                       names="TikZ is written for trees")
    three = tmp_path / "three.toml"
    three.write_text(
        'players = ["A", "B", "C"]\n[table.strategies]\nA = ["x"]\nB = ["y"]\nC = ["z"]\n'
        '[[table.outcomes]]\nprofile = ["x", "y", "z"]\npayoffs = [1, 2, 3]\n')
    assert_clean_error(run("draw", str(three)), code=1, names="two players")


def test_unwritable_output_file_is_a_clean_error(tmp_path):
    result = run("draw", "kreps-trust", "-o", str(tmp_path / "missing" / "tree.dot"))
    assert_clean_error(result, code=1, names="does not exist")


def test_help_has_a_real_example():
    result = run("draw", "--help")
    assert result.exit_code == 0 and "commit-calc draw enforcer-reliability" in result.stdout


def test_binary_format_is_refused_on_a_terminal(monkeypatch):
    import commit_calc.cli.draw as draw_module

    monkeypatch.setattr(draw_module, "_stdout_is_terminal", lambda: True)
    assert_clean_error(run("draw", "kreps-trust", "--format", "png"), code=2, names="-o FILE")


@needs_dot
def test_binary_format_goes_to_a_pipe():
    result = run("draw", "kreps-trust", "--format", "png")
    assert result.exit_code == 0 and result.stdout_bytes.startswith(b"\x89PNG")


def test_output_file_dash_is_standard_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("draw", "kreps-trust", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith('digraph "game" {')
    assert not (tmp_path / "-").exists()


def test_pictures_of_huge_trees_are_refused_but_dot_is_written(tmp_path):
    """A 4,096-leaf tree took 28 s (Graphviz) to 110 s (matplotlib) to draw, as a picture
    32,767 pixels wide (issue 16's review)."""
    from commit_calc.io import write_game
    from commit_calc.model import Decision, ExtensiveFormGame, Terminal

    def node(depth: int):  # type: ignore[no-untyped-def]
        if depth == 0:
            return Terminal((0, 0))
        return Decision("AB"[depth % 2], {"l": node(depth - 1), "r": node(depth - 1)})

    path = tmp_path / "big.efg"
    write_game(ExtensiveFormGame.build(players=("A", "B"), root=node(10)), path)
    assert_clean_error(run("draw", str(path), "-o", str(tmp_path / "big.png")), code=1,
                       names="1,024 terminal nodes")
    assert run("draw", str(path), "--format", "dot", "--no-equilibrium").exit_code == 0
