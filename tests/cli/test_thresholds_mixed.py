"""``commit-calc thresholds`` on a 3x3 table with mixed equilibria (issue 14, item 2)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from commit_calc.cli.main import cli

MOVES = ("Rock", "Paper", "Scissors")


def rock_paper_scissors(path: Path) -> Path:
    """Rock, paper, scissors with a win worth a in [-3, 3] and a loss -1."""
    beats = {("Rock", "Scissors"), ("Paper", "Rock"), ("Scissors", "Paper")}

    def payoff(mine: str, theirs: str) -> str:
        return "0" if mine == theirs else ('"a"' if (mine, theirs) in beats else "-1")

    text = ('name = "rps-a"\nplayers = ["Row", "Column"]\n\n[parameters.a]\nvalue = 1\n'
            'min = -3\nmax = 3\n\n[table.strategies]\nRow = ["Rock", "Paper", "Scissors"]\n'
            'Column = ["Rock", "Paper", "Scissors"]\n')
    for r in MOVES:
        for c in MOVES:
            text += (f'\n[[table.outcomes]]\nprofile = ["{r}", "{c}"]\n'
                     f"payoffs = [{payoff(r, c)}, {payoff(c, r)}]\n")
    path.write_text(text, encoding="utf-8")
    return path


def test_json_lists_the_mixed_equilibria_and_the_threshold(tmp_path: Path):
    game = rock_paper_scissors(tmp_path / "rps.toml")
    result = CliRunner().invoke(cli, ["thresholds", str(game), "--for", "a",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["complete"] is True and document["warnings"] == []
    assert [t["value"] for t in document["thresholds"]] == ["0"]
    above = [e for e in document["regions"] if e["condition"] == "a > 0"]
    assert [e["outcome"] for e in above] == ["mix(Rock, Paper, Scissors), "
                                             "mix(Rock, Paper, Scissors)"]
    assert above[0]["strategies"]["Row"] == {m: "1/3" for m in MOVES}
    below = {e["outcome"]: e for e in document["regions"] if e["condition"] == "a < 0"}
    assert len(below) == 7
    assert below["mix(Paper, Scissors), mix(Paper, Scissors)"]["strategies"]["Row"] == {
        "Paper": "-1/(a - 1)", "Scissors": "a/(a - 1)"}


def test_text_shows_the_mixture_as_formulas(tmp_path: Path):
    game = rock_paper_scissors(tmp_path / "rps.toml")
    result = CliRunner().invoke(cli, ["thresholds", str(game), "--for", "a"])
    assert result.exit_code == 0, result.output
    assert "Row: Paper=-1/(a - 1), Scissors=a/(a - 1)" in result.stdout
    assert "a = 0" in result.stdout
    assert "only pure equilibria" not in result.output
