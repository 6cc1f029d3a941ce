"""``commit-calc thresholds``: formats, read-back of conditions and payoffs, errors."""

from __future__ import annotations

import json

import sympy
from click.testing import CliRunner
from heavy_games import HEAVY

from commit_calc.cli.main import cli

DEFAULTS = ["--set", "salary=250", "--set", "amnesty=300", "--set", "territorial=100",
            "--set", "conscription_cost=600", "--set", "retribution_cost=400",
            "--set", "exile_payoff=0", "--set", "area_value=1000", "--set", "war_cost=600",
            "--set", "renege_gain=400", "--set", "patrol_cost=200", "--set", "sanction=600",
            "--set", "crowding_out=0"]


def run(*args):
    return CliRunner().invoke(cli, ["thresholds", *args])


def test_json_regions_read_back_with_sympy():
    result = run("enforcer-reliability", *DEFAULTS, "--for", "reliability", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["format"] == "commit-calc/thresholds/1"
    assert document["symbolic"] == ["reliability"]
    r = sympy.Symbol("reliability")
    conditions = {e["region"]: sympy.sympify(e["condition"], locals={"reliability": r})
                  for e in document["regions"]}
    assert conditions[1] == (r < sympy.Rational(20, 33))
    assert conditions[2] == sympy.Eq(r, sympy.Rational(20, 33))
    disarm = [e for e in document["regions"] if e["region"] == 3]
    assert [e["outcome"] for e in disarm] == ["Disarm > Reliable: Honor | Unreliable: Renege"]
    assert sympy.sympify(disarm[0]["payoffs"]["Rebels"], locals={"reliability": r}) == \
        1650 * r - 1000
    assert [t["value"] for t in document["thresholds"]] == ["20/33"]


def test_text_and_latex():
    text = run("enforcer-reliability", *DEFAULTS)
    assert text.exit_code == 0
    assert "region 2: reliability = 20/33" in text.stdout
    latex = run("enforcer-reliability", *DEFAULTS, "--format", "latex")
    assert latex.exit_code == 0
    assert r"\frac{20}{33}" in latex.stdout


def test_always():
    result = run("prisoners-dilemma")
    assert result.exit_code == 0
    assert "region 1: always" in result.stdout


def test_bad_input_is_one_line():
    for args, culprit in [
        (["enforcer-reliability", "--set", "wage=3"], "wage"),
        (["enforcer-reliability", "--set", "reliability=2"], "reliability"),
        (["bagwell-commitment", "--set", "noise=3/2"], "noise"),
        # the command line contradicts itself: bad usage (see tests/cli/test_exit_codes.py)
        (["enforcer-reliability", "--set", "salary=1", "--for", "salary"], "salary"),
    ]:
        result = run(*args)
        assert result.exit_code == (2 if "--for" in args else 1), args
        assert culprit in result.stderr and "Traceback" not in result.output
        assert len(result.stderr.strip().splitlines()) == 1


def test_every_catalog_game():
    """Issue 14: every catalog game has thresholds, imperfect information included."""
    from commit_calc.io.catalog import list_games

    for name, *_ in list_games():
        result = run(name, *HEAVY.get(name, []), "--format", "json")
        assert result.exit_code == 0, (name, result.output)


def test_free_keeps_only_the_named_parameters_symbolic():
    """--free reliability is the same analysis as --set-ting every other parameter."""
    free = run("enforcer-reliability", "--free", "reliability", "--format", "json")
    every = run("enforcer-reliability", *DEFAULTS, "--format", "json")
    assert free.exit_code == 0, free.output
    assert json.loads(free.stdout) == json.loads(every.stdout)


def test_free_minimum_salary_falls_as_reliability_rises():
    """The minimum salary for a reliability r solves r (U_H - U_N) = exile - U_N:
    salary = (1000 (1 - r) / r) - amnesty - territorial + 1000, i.e. 200 (5 - 7 r) / r."""
    result = run("enforcer-reliability", "--free", "reliability", "--free", "salary",
                 "--for", "salary", "--format", "json")
    assert result.exit_code == 0, result.output
    r = sympy.Symbol("reliability")
    formulas = [sympy.sympify(t["formula"], locals={"reliability": r})
                for t in json.loads(result.stdout)["thresholds"]]
    assert any(sympy.simplify(f - 200 * (5 - 7 * r) / r) == 0 for f in formulas)


def test_free_and_set_of_one_parameter_is_a_usage_error():
    result = run("enforcer-reliability", "--free", "salary", "--set", "salary=1")
    assert result.exit_code == 2
    assert "both --free and --set" in result.stderr
    unknown = run("enforcer-reliability", "--free", "wage")
    assert unknown.exit_code == 1
    assert "unknown parameter 'wage'" in unknown.stderr
