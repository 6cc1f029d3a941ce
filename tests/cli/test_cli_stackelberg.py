"""``commit-calc solve --concept stackelberg --leader PLAYER``: text, JSON and bad input."""

from __future__ import annotations

import json
from fractions import Fraction

import jsonschema
import pytest
from cli_helpers import BOS_TOML, assert_clean_error, run

from commit_calc.render.schemas import load_schema

SCHEMA = load_schema("stackelberg-1")

THREE_PLAYERS = """\
name = "three"
players = ["A", "B", "C"]

[table.strategies]
A = ["x"]
B = ["y"]
C = ["z"]

[[table.outcomes]]
profile = ["x", "y", "z"]
payoffs = [0, 0, 0]
"""


def stackelberg_json(*args: str, input: str | None = None) -> dict:
    result = run("solve", *args, "--concept", "stackelberg", "--format", "json", input=input)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    return document


def test_reconciliation_regime_commits_to_honour_with_probability_20_over_33():
    """Hand-derived at the catalog defaults. With h the probability of Honor, disarming gives
    the rebels 650h - 1000(1 - h) and staying armed 0: they disarm from h = 20/33. Against
    Disarm the regime gets 750h + 1200(1 - h) = 1200 - 450h, falling in h, and against Stay
    armed at most 400: its best commitment is h = 20/33 for 10200/11. Strong: that point with
    the rebels' tie broken for the regime; weak: the same value, approached from above only.
    Pure commitment: Honor gives 750; the only Nash equilibrium (Stay armed, Renege) 400."""
    document = stackelberg_json("reconciliation-2x2", "--leader", "Regime")
    assert document["format"] == "commit-calc/stackelberg/1"
    assert (document["leader"], document["follower"]) == ("Regime", "Rebels")
    strong, weak = document["strong"], document["weak"]
    assert strong["response"] == "Disarm" and strong["attained"] is True
    threshold = Fraction(strong["strategy"]["Honor"])
    assert threshold == Fraction(20, 33)
    assert strong["payoffs"] == {"Regime": "10200/11", "Rebels": "0"}
    assert document["pure"]["strong"]["payoffs"]["Regime"] == "750"
    assert document["nash"]["leader_best"] == "400" == document["nash"]["leader_worst"]
    assert weak["attained"] is False and weak["strategy"]["Honor"] == str(threshold)
    assert Fraction(weak["approach"]["Honor"]) > threshold
    assert f"just above {threshold}" in weak["description"]
    assert document["comparison"]["mixed_minus_best_nash"] == str(Fraction(10200, 11) - 400)
    assert document["comparison"]["mixed_minus_pure"] == str(Fraction(10200, 11) - 750)


def test_text_report_names_the_commitments_and_the_comparison():
    result = run("solve", "reconciliation-2x2", "--concept", "stackelberg", "--leader", "Regime")
    assert result.exit_code == 0, result.stderr
    for words in ("Regime leads, Rebels follows", "Strong (", "Weak (", "Pure commitment",
                  "best Nash equilibrium", "just above"):
        assert words in result.stdout


def test_set_values_reach_the_solver_and_the_column_player_can_lead():
    document = stackelberg_json("-", "--leader", "Bob", "--set", "b=3", input=BOS_TOML)
    assert document["parameters"] == {"b": "3"}
    assert document["leader"] == "Bob"


@pytest.mark.parametrize("args, code, names", [
    (("reconciliation-2x2", "--concept", "stackelberg"), 2, "--leader"),
    (("reconciliation-2x2", "--leader", "Regime"), 2, "--concept stackelberg"),
    (("reconciliation-2x2", "--concept", "stackelberg", "--leader", "Regime", "--format",
      "csv"), 2, "csv"),
    (("reconciliation-2x2", "--concept", "stackelberg", "--leader", "Regime", "--method",
      "nashpy-lemke-howson"), 2, "--method"),
    (("reconciliation-2x2", "--concept", "stackelberg", "--leader", "Regime", "--explain"),
     2, "--explain"),
    (("reconciliation-2x2", "--concept", "stackelberg", "--leader", "Nobody"), 1,
     "'Nobody' is not a player of 'reconciliation-2x2'"),
    (("kreps-trust", "--concept", "stackelberg", "--leader", "Trustor"), 1,
     "'kreps-trust' is a tree"),
    (("reconciliation-2x2", "--concept", "stackelberg", "--leader", "Regime", "--set",
      "salary=-1"), 1, "salary"),
])
def test_bad_input_gets_one_line_and_the_documented_exit_code(args, code, names):
    assert_clean_error(run("solve", *args), code=code, names=names)


def test_more_than_two_players_is_refused():
    result = run("solve", "-", "--concept", "stackelberg", "--leader", "A", input=THREE_PLAYERS)
    assert_clean_error(result, code=1, names="'three' has 3 players")
