"""``commit-calc repeated``: text and JSON (validated against repeated-1.json), --horizon
(the solve document of the tree), and one-line errors with the documented exit codes."""

from __future__ import annotations

import json

import jsonschema
import pytest
from click.testing import CliRunner

from commit_calc.cli.main import cli
from commit_calc.render.schemas import load_schema

SCHEMA = load_schema("repeated-1")


def run(*args: str):
    return CliRunner().invoke(cli, ["repeated", *args])


@pytest.mark.parametrize("name", ["reconciliation-cohorts", "repeated-prisoners-dilemma",
                                  "chain-store", "prisoners-dilemma"])
def test_json_validates(name):
    result = run(name, "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["format"] == "commit-calc/repeated/1"
    assert document["subgame_perfect"] is True and document["nash"] is True


def test_reconciliation_json_keys():
    document = json.loads(run("reconciliation-cohorts", "--format", "json").stdout)
    assert document["strategy"] == "grim-trigger"
    assert document["critical_discount"] == "9/16"
    assert document["values"] == {"cooperate": {"Regime": "750"}, "punish": {"Regime": "400"}}
    assert document["lifetimes"] == {"Rebels": "short", "Regime": "long"}
    assert document["critical_discount_formula"] == (
        "(-patrol_cost + renege_gain + salary)/(continuation*(-patrol_cost + renege_gain + "
        "war_cost))")
    few = json.loads(run("reconciliation-cohorts", "--set", "continuation=1/2", "--format",
                         "json").stdout)
    jsonschema.validate(few, SCHEMA)
    assert few["subgame_perfect"] is False and few["critical_discount"] is None
    assert few["most_profitable_deviation"]["gain"] == "90"


def test_text_names_the_verdict_and_the_threshold():
    result = run("prisoners-dilemma", "--strategy", "tit-for-tat", "--discount", "3/4",
                 "--explain")
    assert result.exit_code == 0
    assert "Subgame perfect: no" in result.stdout and "Nash equilibrium: yes" in result.stdout
    assert "discount >= 2/3" in result.stdout
    assert "gain of the deviation = " in result.stdout


def test_horizon_outputs_the_solve_document():
    result = run("chain-store", "--horizon", "3", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    jsonschema.validate(document, load_schema("solve-1"))
    [equilibrium] = document["equilibria"]
    assert equilibrium["payoffs"]["Entrant 3"] == "2"


@pytest.mark.parametrize(("args", "code", "message"), [
    (("chain-store", "--horizon", "12"), 1, "Error: horizon 12: the tree would have 1062881 "
     "nodes, above the limit of 20,000; give a shorter horizon"),
    (("chain-store", "--set", "discount=1"), 1, "Error: parameter 'discount' = 1: a discount "
     "factor must be strictly between 0 and 1"),
    (("chain-store", "--set", "continuation=0"), 1, "Error: continuation probability "
     "continuation = 0: it must be above 0 and at most 1"),
    (("prisoners-dilemma", "--discount", "2"), 2, "Error: Invalid value for '--discount': 2 is "
     "not strictly between 0 and 1."),
    (("chain-store", "--strategy", "tit-for-tat"), 1, "Error: tit-for-tat needs a table stage "
     "game with two long-lived players"),
    (("chain-store", "--strategy", "nope"), 1, "Error: no strategy named 'nope' (strategies: "
     "grim-trigger, tit-for-tat, k-period-punishment, carrot-and-stick, forgiving)"),
    (("chain-store", "--discount", "1/2", "--set", "discount=1/3"), 2, "Error: the discount "
     "factor 'discount' is given both with --discount and --set."),
    (("chain-store", "--horizon", "2", "--strategy", "grim-trigger"), 2, "Error: --horizon "
     "solves the T-period tree: it takes no --strategy, --free or --explain."),
])
def test_bad_input_one_line(args, code, message):
    result = run(*args)
    assert result.exit_code == code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), lines


def test_explain_writes_the_inequalities_out():
    result = run("reconciliation-cohorts", "--explain")
    assert "Honor: V(cooperate)*delta + (1 - delta)*(area_value - salary)" in result.stdout
    assert "Renege: V(punish)*delta + (1 - delta)*(area_value - patrol_cost + renege_gain)" \
        in result.stdout
    assert "delta = continuation*discount" in result.stdout


def test_free_parameters_give_a_region():
    document = json.loads(run("reconciliation-cohorts", "--free", "discount", "--free",
                              "continuation", "--format", "json").stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["region"] == {"free": ["discount", "continuation"],
                                  "subgame_perfect": "16*continuation*discount >= 9",
                                  "on_path": "16*continuation*discount >= 9"}
    refused = run("reconciliation-cohorts", "--free", "discount", "--set", "discount=1/2")
    assert refused.exit_code == 2 and "'discount' is both --free and --set" in refused.stderr
