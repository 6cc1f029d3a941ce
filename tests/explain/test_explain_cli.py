"""``commit-calc solve --explain``: the report, then the explanation; JSON within the schema."""

from __future__ import annotations

import json

import jsonschema
from click.testing import CliRunner

from commit_calc.cli.main import cli
from commit_calc.render.schemas import load_schema


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_text_report_then_explanation():
    """Kreps (1990): the trustee abuses, so no trust."""
    result = run("solve", "kreps-trust", "--explain")
    assert result.exit_code == 0, result.stderr
    report, _, explanation = result.stdout.partition("\nExplanation\n")
    assert "1 subgame-perfect equilibrium" in report
    assert "payoffs to Trustee: Honor 1, Abuse 2. Choice: Abuse." in explanation.replace(
        "\n     ", " ")


def test_json_explanation_is_valid_against_the_schema():
    """Enforcer at the knife-edge reliability 20/33: the rebels' tie is in the JSON steps."""
    result = run("solve", "enforcer-reliability", "--set", "reliability=20/33", "--explain",
                 "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, load_schema("solve-1"))
    ties = [s for s in document["explanation"] if s.get("tie")]
    assert [s["node"] for s in ties] == ["rebels"]
    assert ties[0]["values"] == {"Disarm": "0", "Stay armed": "0"}


def test_json_explanation_of_mixed_equilibrium():
    """Battle of the Sexes (Osborne 2004): the mixed equilibrium's conditions q = 1/3, p = 2/3."""
    result = run("solve", "battle-of-the-sexes", "--explain", "--format", "json")
    document = json.loads(result.stdout)
    jsonschema.validate(document, load_schema("solve-1"))
    equations = [s["equation"] for s in document["explanation"] if s["kind"] == "indifference"]
    assert any("-> q = 1/3" in e for e in equations) and any("-> p = 2/3" in e for e in equations)


def test_without_explain_the_json_has_no_explanation_key():
    document = json.loads(run("solve", "kreps-trust", "--format", "json").stdout)
    assert "explanation" not in document


def test_explain_refuses_csv():
    result = run("solve", "kreps-trust", "--explain", "--format", "csv")
    assert result.exit_code == 2
    assert "--explain" in result.stderr and result.stdout == ""
