"""``commit-calc solve --concept pbe|sequential``: beliefs in text and JSON, and refusals."""

from __future__ import annotations

import json

import jsonschema
from cli_helpers import BOS_TOML, assert_clean_error, run

from commit_calc.render.schemas import load_schema

SCHEMA = load_schema("solve-1")


def solve_json(*args: str) -> dict:
    result = run("solve", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    return document


def test_beer_quiche_json_has_beliefs_classification_and_refinements():
    document = solve_json("beer-quiche", "--concept", "pbe")
    assert document["concept"] == "pbe"
    pure = [e for e in document["equilibria"]
            if all(v == "1" for per in e["strategies"].values() for d in per.values()
                   for v in d.values())]
    assert len(pure) == 2 and len(document["equilibria"]) == 4  # and two mixed off the path
    by_message = {next(iter(e["strategies"]["Sender"]["weak"])): e for e in pure}
    beer, quiche = by_message["Beer"], by_message["Quiche"]
    assert beer["beliefs"] == {"Beer": {"weak_beer": "1/10", "strong_beer": "9/10"}}
    assert beer["off_path_beliefs"] == {"Quiche": {
        "condition": "P(Weak | Quiche) >= 1/2",
        "example": {"weak_quiche": "3/4", "strong_quiche": "1/4"}}}
    assert beer["classification"] == "pooling"
    assert beer["refinements"] == {"intuitive_criterion": True, "d1": True}
    assert quiche["refinements"] == {"intuitive_criterion": False, "d1": False}
    assert set(quiche["refinement_reasons"]) == {"intuitive_criterion", "d1"}


def test_sequential_says_it_coincides_with_pbe_in_signalling_games():
    document = solve_json("costly-implementation", "--concept", "sequential")
    assert document["concept"] == "sequential"
    assert any("coincide" in w for w in document["warnings"])
    assert {e["classification"] for e in document["equilibria"]} == {"separating", "pooling"}


def test_text_shows_beliefs_beside_strategies():
    result = run("solve", "costly-implementation", "--concept", "pbe",
                 "--set", "signal_cost_opportunistic=700")
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "perfect Bayesian equilibri" in text.splitlines()[1]
    strategies = text.index("  Strategies")
    beliefs = text.index("  Beliefs", strategies)
    assert beliefs < text.index("  Outcome", strategies)
    assert "P(Opportunistic | Implement) >= 13/33" in text
    assert "Signalling: separating" not in text  # 700 < 800: the opportunistic type mimics
    assert "Signalling: semi-separating" in text  # ... with a probability (a hybrid)
    assert "mixed included" in result.stderr


def test_parameters_reach_the_belief_conditions():
    """With exile_payoff = -325 the rebels refuse after Implement iff 650 P(C) - 1000 P(O) <=
    -325, i.e. P(Opportunistic) >= 975/1650 = 13/22."""
    document = solve_json("costly-implementation", "--concept", "pbe", "--set",
                          "exile_payoff=-325")
    conditions = [e["off_path_beliefs"]["Implement"]["condition"]
                  for e in document["equilibria"] if "Implement" in e["off_path_beliefs"]]
    assert "P(Opportunistic | Implement) >= 13/22" in conditions


def test_normal_form_game_is_refused_with_a_pointer_to_nash(tmp_path):
    path = tmp_path / "bos.toml"
    path.write_text(BOS_TOML, encoding="utf-8")
    for concept in ("pbe", "sequential"):
        result = run("solve", str(path), "--concept", concept)
        assert_clean_error(result, code=1, names="use concept 'nash'")
        assert f"concept '{concept}' needs a game tree" in result.stderr


def test_too_many_profiles_is_one_line_with_the_count(tmp_path):
    lines = ['players = ["A", "B"]']
    for k in range(17):
        nxt = f"n{k + 1}" if k < 16 else "end"
        lines += [f"[nodes.n{k}]", f'player = "{"AB"[k % 2]}"',
                  f'actions = {{ Stop = "s{k}", Go = "{nxt}" }}', f"[nodes.s{k}]",
                  "payoffs = [0, 0]"]
    lines += ["[nodes.end]", "payoffs = [1, 1]"]
    path = tmp_path / "long.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # pbe's mixed search prunes this tree (every choice is forced from the end); the pure
    # search behind sequential enumerates profiles and refuses
    assert run("solve", str(path), "--concept", "pbe").exit_code == 0
    result = run("solve", str(path), "--concept", "sequential")
    assert_clean_error(result, code=1, names="131072 pure behaviour profiles")
    assert result.stderr.startswith("Error: the game has 131072 pure behaviour profiles")


def test_undecided_consistency_is_refused_in_one_line(tmp_path):
    path = tmp_path / "two.toml"
    path.write_text("""
players = ["P1", "P2", "P3"]
[nodes.p1]
player = "P1"
actions = { Out = "out", L = "p2", R = "p3r" }
[nodes.p2]
player = "P2"
actions = { c = "c", d = "p3l" }
[nodes.p3l]
player = "P3"
infoset = "P3"
actions = { a = "la", b = "lb" }
[nodes.p3r]
player = "P3"
infoset = "P3"
actions = { a = "ra", b = "rb" }
[nodes.out]
payoffs = [5, 0, 0]
[nodes.c]
payoffs = [0, 1, 0]
[nodes.la]
payoffs = [0, 0, 1]
[nodes.lb]
payoffs = [0, 0, 0]
[nodes.ra]
payoffs = [0, 0, 0]
[nodes.rb]
payoffs = [0, 0, 1]
""", encoding="utf-8")
    result = run("solve", str(path), "--concept", "sequential")
    assert_clean_error(result, code=1, names="information set 'P3' is not decided")
    assert run("solve", str(path), "--concept", "pbe").exit_code == 0


def test_explain_shows_bayes_rule_for_beliefs():
    result = run("solve", "beer-quiche", "--concept", "pbe", "--explain")
    assert result.exit_code == 0, result.stderr
    explanation = result.stdout[result.stdout.index("Explanation"):]
    assert "Bayes' rule gives P(Weak | Beer) = (1/10) / ((1/10) + (9/10)) = 1/10" in " ".join(
        explanation.split())
    document = solve_json("beer-quiche", "--concept", "pbe", "--explain")
    kinds = {step["kind"] for step in document["explanation"]}
    assert {"bayes", "off-path", "best-response"} <= kinds


def test_thresholds_concept_pbe_text_and_json():
    args = ("thresholds", "costly-implementation", "--concept", "pbe",
            "--free", "signal_cost_committed", "--free", "signal_cost_opportunistic")
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert "signal_cost_committed <= 350 and signal_cost_opportunistic >= 800" in result.stdout
    result = run(*args, "--format", "json")
    document = json.loads(result.stdout)
    jsonschema.validate(document, load_schema("thresholds-1"))
    assert document["concept"] == "pbe"
    separating = [r for r in document["regions"]
                  if r["strategies"]["Regime"] == {"committed": "Implement",
                                                   "opportunistic": "No step"}]
    assert separating[0]["condition"] == (
        "(signal_cost_opportunistic - 800 >= 0) & (350 - signal_cost_committed >= 0)")


def test_thresholds_concept_pbe_refuses_a_table():
    result = run("thresholds", "reconciliation-2x2", "--concept", "pbe")
    assert_clean_error(result, code=2, names="--concept pbe needs a game tree")


def test_thresholds_concept_pbe_refinement_regions():
    """Where each pure PBE survives the Intuitive Criterion and D1, in text and JSON: pooling
    on No step with refusal after the step survives the Intuitive Criterion where the step
    would not pay the committed regime (c >= 350) or would pay the opportunistic one too
    (o <= 800)."""
    args = ("thresholds", "costly-implementation", "--concept", "pbe",
            "--free", "signal_cost_committed", "--free", "signal_cost_opportunistic")
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert ("  survives the Intuitive Criterion where\n    signal_cost_committed >= 350\n"
            "    or signal_cost_committed < 350 and signal_cost_opportunistic <= 800\n"
            ) in result.stdout
    assert "  survives D1 wherever it exists" in result.stdout
    document = json.loads(run(*args, "--format", "json").stdout)
    jsonschema.validate(document, load_schema("thresholds-1"))
    [pooling] = [r for r in document["regions"]
                 if r["strategies"]["Rebels"] == {"Implement": "Refuse", "No step": "Refuse"}
                 and r["strategies"]["Regime"] == {"committed": "No step",
                                                   "opportunistic": "No step"}]
    verdict = pooling["refinements"]["intuitive_criterion"]
    assert not verdict["wherever_it_exists"] and not verdict["nowhere"] and verdict["resolved"]
    assert "signal_cost_committed" in verdict["condition"]
    assert all(r["refinements"]["d1"]["condition"] != "False" for r in document["regions"])


def test_draw_tikz_writes_beliefs():
    result = run("draw", "beer-quiche", "--concept", "pbe", "--format", "tikz")
    assert result.exit_code == 0, result.stderr
    assert "\\node[belief]" in result.stdout and "$\\mu = {\\frac{1}{10}}$" in result.stdout
    assert "off the path at" in result.stdout


def test_thresholds_concept_pbe_for_a_parameter_and_latex(tmp_path):
    """--for solves the conditions for the parameter and lists its thresholds (those of the
    separating equilibrium in the issue's form); LaTeX output compiles where LaTeX is
    installed; an unknown --for parameter is one clean line."""
    import shutil
    import subprocess

    args = ("thresholds", "costly-implementation", "--concept", "pbe", "--free",
            "signal_cost_committed", "--free", "signal_cost_opportunistic", "--free", "war_cost",
            "--for", "signal_cost_committed")
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert ("signal_cost_committed <= war_cost - 250 and "
            "signal_cost_opportunistic >= war_cost + 200") in result.stdout
    assert "thresholds for signal_cost_committed:\n  signal_cost_committed = war_cost - 250  " \
           "(= 350 here)" in result.stdout
    document = json.loads(run(*args, "--format", "json").stdout)
    jsonschema.validate(document, load_schema("thresholds-1"))
    boundary = [t for t in document["thresholds"] if t["formula"] == "war_cost - 250"]
    assert boundary and boundary[0]["value"] == "350" and boundary[0]["increasing"] is True
    latex = run(*args, "--format", "latex")
    assert latex.exit_code == 0, latex.stderr
    assert r"\item[Equilibrium 1]" in latex.stdout and r"\mathit{war\_cost}" in latex.stdout
    if shutil.which("pdflatex"):
        (tmp_path / "pbe.tex").write_text("\\documentclass{article}\n\\usepackage{amsmath}\n"
                                          "\\begin{document}\n" + latex.stdout
                                          + "\\end{document}\n")
        finished = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error",
                                   "pbe.tex"], cwd=tmp_path, capture_output=True, timeout=300)
        assert finished.returncode == 0, finished.stdout.decode(errors="replace")[-2000:]
    wrong = run("thresholds", "costly-implementation", "--concept", "pbe", "--free",
                "signal_cost_committed", "--for", "salary")
    assert_clean_error(wrong, code=2, names="--for salary")


def test_mixed_equilibria_carry_refinements_in_json():
    """Beer-quiche's extreme equilibria with a mixed reply off the path are judged too:
    pooling on Beer with a half-and-half reply after Quiche survives the Intuitive Criterion
    and fails D1 (D1 rules the Strong type out at Quiche; only a duel answers the Weak)."""
    document = solve_json("beer-quiche", "--concept", "pbe")
    assert all("refinements" in e for e in document["equilibria"])
    [mixed_beer] = [e for e in document["equilibria"]
                    if e["strategies"]["Sender"]["weak"] == {"Beer": "1"}
                    and len(e["strategies"]["Receiver"]["Quiche"]) == 2]
    assert mixed_beer["refinements"] == {"intuitive_criterion": True, "d1": False}
    assert mixed_beer["refinement_reasons"]["d1"].startswith(
        "the Strong type is ruled out after Quiche")


def test_thresholds_concept_pbe_refuses_a_payoff_that_is_not_a_polynomial():
    """A payoff 1/d is refused in one line naming the node (it was a traceback)."""
    from pathlib import Path

    game = str(Path(__file__).parents[1] / "beliefs" / "data" / "division-signalling.toml")
    result = run("thresholds", game, "--concept", "pbe")
    assert_clean_error(result, code=1, names="1/d at node 'wxa' is not a polynomial")
    assert run("thresholds", game, "--concept", "pbe", "--set", "d=2").exit_code == 0
