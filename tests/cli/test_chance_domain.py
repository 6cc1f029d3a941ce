"""Chance probabilities outside [0, 1] on the command line (issue 16, item 1): ``sweep``
marks such points invalid in every format, ``thresholds`` gives regions inside [0, 1] only,
``solve`` refuses, all with the same reason."""

from __future__ import annotations

import csv
import io
import json

import pytest
import sympy
from click.testing import CliRunner

from commit_calc.cli.main import cli

BET = """\
name = "bet"
players = ["A", "B"]
[parameters]
p = "1/2"
[nodes.a]
player = "A"
actions = { Bet = "c", Pass = "pass" }
[nodes.c]
chance = { Win = ["p", "w"], Lose = ["1 - p", "l"] }
[nodes.w]
payoffs = [3, 0]
[nodes.l]
payoffs = [-1, 0]
[nodes.pass]
payoffs = [0, 0]
"""
INVALID = "invalid: chance probability outside [0, 1]"


@pytest.fixture
def game(tmp_path):  # type: ignore[no-untyped-def]
    path = tmp_path / "bet.toml"
    path.write_text(BET)
    return str(path)


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def test_sweep_text_marks_invalid_points(game):
    result = run("sweep", game, "--vary", "p=-1:2:4")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    rows = lines[lines.index(next(x for x in lines if "outcome  payoffs" in x)) + 1:]
    assert [INVALID in line for line in rows] == [True, False, False, True]
    assert "Pass" in rows[1] and "Bet" in rows[2]


def test_sweep_csv_marks_invalid_points(game):
    result = run("sweep", game, "--vary", "p=-1:2:4", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["p"], r["outcome"], r["payoff_A"]) for r in rows] == [
        ("-1", INVALID, ""), ("0", "Pass", "0"), ("1", "Bet > Win | Lose", "3"),
        ("2", INVALID, "")]


def test_sweep_json_has_no_equilibria_outside(game):
    result = run("sweep", game, "--vary", "p=-1:2:4", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [len(row["equilibria"]) for row in document["rows"]] == [0, 1, 1, 0]
    assert document["invalid"] == {"count": 2, "reason": "chance probability outside [0, 1]"}


def test_thresholds_text_regions_end_at_the_domain(game):
    result = run("thresholds", game, "--for", "p")
    assert result.exit_code == 0, result.output
    regions = [line for line in result.stdout.splitlines() if line.startswith("region")]
    assert regions == ["region 1: 0 <= p < 1/4", "region 2: p = 1/4",
                       "region 3: 1/4 < p <= 1"]


def test_thresholds_json_conditions_exclude_points_outside(game):
    result = run("thresholds", game, "--for", "p", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    p = sympy.Symbol("p")
    conditions = {e["region"]: sympy.sympify(e["condition"], locals={"p": p})
                  for e in document["regions"]}
    for value in (-1, sympy.Rational(3, 2), 2):
        assert not any(c.xreplace({p: value}) for c in conditions.values())
    assert [t["formula"] for t in document["thresholds"]] == ["1/4"]


def test_solve_refuses_with_the_same_reason(game):
    result = run("solve", game, "--set", "p=2")
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "Error: chance node 'c': probability of 'Win' is 2, outside [0, 1] (with p=2)"]
