"""``commit-calc credibility`` from the command line: text, JSON against its schema, errors."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from commit_calc.cli.main import cli
from commit_calc.render.schemas import load_schema

SCHEMA = load_schema("credibility-1")


def run(*args: str):
    return CliRunner().invoke(cli, ["credibility", *args])


def test_text_report_of_disarm_trust():
    result = run("disarm-trust", "--promise", "Regime=Honor")
    assert result.exit_code == 0, result.output
    assert "credible: no" in result.stdout
    assert "Renege: 450 more than Honor" in result.stdout
    assert "patrol_cost >= 650" in result.stdout
    assert "patrol_cost >= renege_gain + salary" in result.stdout
    assert "650 - 0 = 650" in result.stdout and "750 - 400 = 350" in result.stdout


@pytest.mark.parametrize(("game", "promise"), [
    ("disarm-trust", "Regime=Honor"), ("enforcer-reliability", "Regime=Honor"),
    ("strategic-enforcer", "Enforcer=Protect"), ("centipede", "Blue=Pass"),
    ("kreps-trust", "Trustee=Honor"), ("entry-deterrence", "Incumbent=Fight")])
def test_json_is_valid_against_the_schema(game, promise):
    result = run(game, "--promise", promise, "--format", "json")
    if "has no action" in result.output:
        pytest.skip(f"{game}: {result.output.strip()}")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert document["credible"] is (document["violations"] == [])


def test_the_disarm_trust_document():
    document = json.loads(run("disarm-trust", "--promise", "Regime=Honor", "--format",
                              "json").stdout)
    assert document["violations"] == [{
        "node": "regime", "player": "Regime", "promised": "Honor",
        "best_alternative": "Renege", "temptation": "450",
        "temptation_formula": "-patrol_cost + renege_gain + salary"}]
    assert document["thresholds"]["patrol_cost"] == {
        "value": "650", "direction": ">=", "within_bounds": True,
        "condition": "patrol_cost >= 650"}
    assert document["thresholds"]["salary"]["within_bounds"] is False
    assert document["value_of_commitment"] == {"Rebels": "650", "Regime": "350"}
    assert document["payoffs"] == {"equilibrium": {"Rebels": "0", "Regime": "400"},
                                   "committed": {"Rebels": "650", "Regime": "750"}}


@pytest.mark.parametrize(("args", "code", "words"), [
    (["disarm-trust", "--promise", "Regime=Fly"], 1, "no action 'Fly'"),
    (["disarm-trust", "--promise", "Guarantor=Protect"], 1, "'Guarantor'"),
    (["prisoners-dilemma", "--promise", "Row=Cooperate"], 1, "stackelberg"),
    (["disarm-trust", "--promise", "Regime=Honor", "--set", "salary=-1"], 1, "salary"),
    (["disarm-trust"], 2, "--promise"),
])
def test_bad_input_is_one_line(args, code, words):
    result = run(*args)
    assert result.exit_code == code, result.output
    assert words in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_draw_labels_the_promise_kept_or_broken():
    broken = CliRunner().invoke(cli, ["draw", "disarm-trust", "--promise", "Regime=Honor"])
    assert broken.exit_code == 0, broken.output
    assert 'label=" Honor (promised, broken) "' in broken.stdout
    kept = CliRunner().invoke(cli, ["draw", "disarm-trust", "--promise", "Regime=Honor",
                                    "--set", "patrol_cost=700", "--format", "tikz"])
    assert "{Honor (promised)}" in kept.stdout
    table = CliRunner().invoke(cli, ["draw", "prisoners-dilemma", "--promise", "Row=Cooperate"])
    assert table.exit_code == 1 and "table" in table.stderr
    unknown = CliRunner().invoke(cli, ["draw", "disarm-trust", "--promise", "Regime=Fly"])
    assert unknown.exit_code == 1 and "'Fly'" in unknown.stderr
