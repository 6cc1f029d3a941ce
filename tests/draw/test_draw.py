"""Drawings: DOT that Graphviz parses, TikZ that LaTeX compiles, the equilibrium highlighted."""

import shutil
import subprocess

import pytest

from commit_calc.draw import render_dot, table_to_dot, tree_to_dot, tree_to_tikz
from commit_calc.draw.highlight import highlight
from commit_calc.draw.layout import label_width, tree_layout
from commit_calc.model import Chance, Decision, ExtensiveFormGame, NormalFormGame, Terminal
from commit_calc.model.profiles import BehaviourProfile, MixedProfile


def enforcer_game():
    regime = lambda renege: {"Honor": Terminal((650, 750)), "Renege": Terminal((-1000, renege))}  # noqa: E731
    return ExtensiveFormGame.build(
        players=("Rebels", "Regime"), title="Enforcer & reliability_test",
        root=Decision("Rebels", {
            "Disarm": Chance({"Reliable": ("1/2", Decision("Regime", regime(600), name="rel")),
                              "Unreliable": ("1/2", Decision("Regime", regime(1200),
                                                             name="unrel"))}, name="draw"),
            "Stay armed": Terminal((0, 400), name="exile"),
        }, name="root"))


def imperfect_game():
    return ExtensiveFormGame.build(players=("A", "B"), root=Decision("A", {
        "L": Decision("B", {"l": Terminal((1, 0)), "r": Terminal((0, 1))}, infoset="B's move"),
        "R": Decision("B", {"l": Terminal((0, 1)), "r": Terminal((1, 0))}, infoset="B's move"),
    }))


def stay_armed_profile(game):
    return BehaviourProfile.from_labels(game, {"root": "Stay armed", "rel": "Honor",
                                               "unrel": "Renege"})


def test_highlight_marks_chosen_actions_and_the_reached_path():
    game = enforcer_game()
    marks = highlight(game, stay_armed_profile(game))
    assert marks.reached == {game.node("root").index, game.node("exile").index}
    assert game.node("t1").index in marks.chosen  # Honor when reliable: chosen, off path
    assert game.node("t2").index not in marks.chosen


def test_layout_keeps_leaf_labels_apart():
    game = enforcer_game()
    layout = tree_layout(game)
    leaves = [n.index for n in game.nodes if n.is_terminal]
    for a, b in zip(leaves, leaves[1:]):
        assert layout.x[b] - layout.x[a] >= (label_width(game, a) + label_width(game, b)) / 2 - 1e-9
    for node in game.nodes:
        for child in node.children:
            assert layout.y[child] < layout.y[node.index]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("make", [enforcer_game, imperfect_game])
def test_dot_parses_and_renders(make):
    game = make()
    text = tree_to_dot(game)
    checked = subprocess.run(["dot", "-Tcanon"], input=text.encode(), capture_output=True)
    assert checked.returncode == 0, checked.stderr
    png = render_dot(text, "png")
    assert png.startswith(b"\x89PNG")


def test_dot_escapes_quotes_and_colours_the_path():
    game = enforcer_game()
    text = tree_to_dot(game, stay_armed_profile(game))
    assert "Enforcer &amp; reliability_test" in text  # an HTML-like caption
    assert "penwidth=3" in text  # the path to exile
    assert "style=dotted" not in text  # perfect information: no information-set lines
    assert "style=dotted" in tree_to_dot(imperfect_game())


def test_payoff_table_shades_the_equilibrium_cell():
    game = NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]],
                                        strategies=(("C", "D"), ("C", "D")))
    text = table_to_dot(game, MixedProfile(((0, 1), (0, 1))))
    assert text.count("BGCOLOR") == 1
    assert "(1, 1)</TD>" in text.split("BGCOLOR")[1]


def test_tikz_escapes_and_compiles_where_latex_is_installed(tmp_path):
    game = enforcer_game()
    source = tree_to_tikz(game, stay_armed_profile(game))
    assert r"Enforcer" not in source or r"\&" in source
    assert source.count(r"\node[terminal]") == 5
    latex = shutil.which("pdflatex")
    if latex is None:
        pytest.skip("pdflatex is not installed")
    (tmp_path / "tree.tex").write_text(source)
    finished = subprocess.run([latex, "-interaction=nonstopmode", "-halt-on-error", "tree.tex"],
                              cwd=tmp_path, capture_output=True, timeout=120)
    assert finished.returncode == 0, finished.stdout.decode(errors="replace")[-2000:]
    assert (tmp_path / "tree.pdf").read_bytes().startswith(b"%PDF")


def test_information_set_members_share_a_level():
    """Selten (1975), Figure 1: player 3's two nodes sit at different depths of the tree but
    are drawn on one level, so the line joining them crosses nothing."""
    from commit_calc.io import load_game

    game = load_game("selten-horse")
    layout = tree_layout(game)
    (members,) = [i.members for i in game.infosets if len(i.members) > 1]
    assert len({layout.y[m] for m in members}) == 1
    for node in game.nodes:
        for child in node.children:
            assert layout.y[child] < layout.y[node.index]


@pytest.mark.parametrize("image_format, magic", [("png", b"\x89PNG"), ("svg", b"<?xml"),
                                                 ("pdf", b"%PDF")])
def test_matplotlib_draws_trees_without_graphviz(image_format, magic):
    pytest.importorskip("matplotlib")
    from commit_calc.draw import tree_to_image

    game = enforcer_game()
    assert tree_to_image(game, stay_armed_profile(game), image_format).startswith(magic)


def test_tree_image_falls_back_to_matplotlib_when_dot_is_missing(monkeypatch):
    pytest.importorskip("matplotlib")
    import commit_calc.draw.matplotlib_tree as module

    monkeypatch.setattr(shutil, "which", lambda name: None)
    called = []
    monkeypatch.setattr(module, "tree_to_image",
                        lambda *args, **kwargs: called.append(args) or b"\x89PNG")
    assert module.tree_image(imperfect_game(), None, "png") == b"\x89PNG"
    assert called


def test_without_graphviz_or_matplotlib_the_message_names_both(monkeypatch):
    import builtins

    from commit_calc.draw import tree_to_image
    from commit_calc.draw.render import DrawingUnavailable

    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    with pytest.raises(DrawingUnavailable, match="Graphviz's 'dot' program or matplotlib"):
        tree_to_image(enforcer_game(), None, "png")


@pytest.mark.parametrize("image_format, magic", [("png", b"\x89PNG"), ("svg", b"<?xml")])
def test_matplotlib_draws_payoff_tables_without_graphviz(image_format, magic):
    pytest.importorskip("matplotlib")
    from commit_calc.draw import table_to_image

    game = NormalFormGame.from_matrices([[2, 0], [0, 1]], [[1, 0], [0, 2]],
                                        strategies=(("Bach", "Stravinsky"),) * 2)
    mixed = MixedProfile((("2/3", "1/3"), ("1/3", "2/3")))
    picture = table_to_image(game, mixed, image_format)
    assert picture.startswith(magic)
    if image_format == "svg":
        assert b"Bach [2/3]" in picture


def test_table_image_falls_back_to_matplotlib_when_dot_is_missing(monkeypatch):
    pytest.importorskip("matplotlib")
    import commit_calc.draw.matplotlib_table as module

    monkeypatch.setattr(shutil, "which", lambda name: None)
    game = NormalFormGame.from_matrices([[1, 0]], [[0, 1]])
    assert module.table_image(game, None, "png").startswith(b"\x89PNG")
