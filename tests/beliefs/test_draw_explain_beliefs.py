"""Beliefs on pictures (DOT, TikZ and the matplotlib facts) and --explain for pbe."""

from __future__ import annotations

from commit_calc.draw.beliefs import belief_marks
from commit_calc.draw.dot import tree_to_dot
from commit_calc.draw.facts import tree_facts
from commit_calc.draw.tikz import tree_to_tikz
from commit_calc.explain.beliefs import belief_steps
from commit_calc.io import load_game
from commit_calc.solvers.solve import solve


def _pooling_on_beer(result):
    [e] = [e for e in result.equilibria if all(max(d) == 1 for d in e.profile.probabilities)
           and e.outcomes[0].path[1] == "Beer"]
    return e


def test_beliefs_at_the_nodes_of_each_information_set():
    result = solve(load_game("beer-quiche"), {}, concept="pbe")
    equilibrium = _pooling_on_beer(result)
    marks = belief_marks(result.game, equilibrium)
    dot = tree_to_dot(result.game, equilibrium.profile, beliefs=marks)
    assert "[Beer]\\nμ = 1/10" in dot  # Bayes' rule on the path: the prior
    assert "[Quiche]\\nμ = 3/4*" in dot  # an example off the path, starred
    assert "P(Weak | Quiche) &gt;= 1/2" in dot  # the condition, in the caption
    texts = tree_facts(result.game, equilibrium.profile, beliefs=marks).texts()  # matplotlib
    assert "μ = 9/10" in texts and any("P(Weak | Quiche) >= 1/2" in t for t in texts)


def test_tikz_writes_the_beliefs_as_the_other_pictures_do(tmp_path):
    """The same beliefs in TikZ: at each node of an information set (starred off the path),
    with the off-path condition in the notes; it compiles where LaTeX is installed."""
    import shutil
    import subprocess

    result = solve(load_game("beer-quiche"), {}, concept="pbe")
    equilibrium = _pooling_on_beer(result)
    tikz = tree_to_tikz(result.game, equilibrium.profile,
                        beliefs=belief_marks(result.game, equilibrium))
    beer, quiche = (result.game.infoset(label).members for label in ("Beer", "Quiche"))
    assert f"\\node[belief] at (n{beer[0]}.west) {{$\\mu = {{\\frac{{1}}{{10}}}}$}};" in tikz
    assert f"(n{quiche[0]}.west) {{$\\mu = {{\\frac{{3}}{{4}}}}^{{*}}$}};" in tikz
    assert "$\\mu$ = belief at a node" in tikz
    assert "P(Weak \\textbar{} Quiche) \\textgreater{}= 1/2" in tikz
    assert "\\mu" not in tree_to_tikz(result.game, equilibrium.profile)
    latex = shutil.which("pdflatex")
    if latex is not None and subprocess.run(["kpsewhich", "standalone.cls"],
                                            capture_output=True).returncode == 0:
        (tmp_path / "tree.tex").write_text(tikz)
        finished = subprocess.run([latex, "-interaction=nonstopmode", "-halt-on-error",
                                   "tree.tex"], cwd=tmp_path, capture_output=True, timeout=300)
        assert finished.returncode == 0, finished.stdout.decode(errors="replace")[-2000:]


def test_explain_shows_bayes_rule_and_why_off_path_conditions_are_needed():
    result = solve(load_game("beer-quiche"), {}, concept="pbe")
    texts = [s.text for s in belief_steps(result)]
    assert any("P(Weak | Beer) = (1/10) / ((1/10) + (9/10)) = 1/10" in t for t in texts)
    assert any("needs P(Weak | Quiche) >= 1/2" in t and "Sender would gain" in t
               for t in texts)


def test_explain_names_the_deviation_an_off_path_condition_deters():
    """Selten's horse (C, c, L): were player 3 to play R, player 2 would switch to d and
    player 1 to D, so the belief condition deters those deviations. (The other extreme
    point of that component, where player 3 mixes, needs the belief 2/3 exactly.)"""
    result = solve(load_game("selten-horse"), {}, concept="pbe")
    texts = [s.text for s in belief_steps(result) if s.kind == "off-path"]
    assert any("needs P(C > d | Player 3) = 2/3" in t for t in texts)
    [text] = [t for t in texts if ">=" in t]
    assert "needs P(C > d | Player 3) >= 2/3" in text
    assert "were R the reply there, Player 1 and Player 2 would gain" in text
