"""``thresholds`` and ``sweep`` on repeated games: the exact regions where a strategy profile
is subgame perfect, only Nash, or neither (repeated/region_map.py) agree with the one-shot
check at given values (what ``commit-calc repeated --set`` reports) at random points and
exactly at the critical discount factor."""

from __future__ import annotations

import json
import random

import jsonschema
import pytest
import sympy
from click.testing import CliRunner

from commit_calc.cli.main import cli
from commit_calc.io.repeated_file import load_repeated
from commit_calc.render.schemas import load_schema
from commit_calc.repeated import analyse_repeated, named_automaton, one_shot_check
from commit_calc.repeated.region_map import repeated_regions
from commit_calc.repeated.verdict import verdict

R = sympy.Rational
#: Where random values of an unbounded parameter are drawn (else: near its default).
SPANS = {"exile_payoff": (-2000, 1000)}


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def label(found) -> str:
    """The region outcome that ``found`` (a verdict at a point) stands for."""
    name = found.check.automaton.name
    if found.subgame_perfect:
        return f"{name} is subgame perfect"
    if found.nash:
        return f"{name} is a Nash equilibrium, not subgame perfect"
    return f"{name} is not an equilibrium"


def test_for_discount_is_the_critical_discount_formula():
    """With continuation = 1 and every other parameter symbolic, the threshold of the
    discount factor is (renege_gain + salary - patrol_cost) / (war_cost + renege_gain -
    patrol_cost), 9/16 at the defaults: what ``repeated`` reports."""
    game = load_repeated("reconciliation-cohorts")
    result = run("thresholds", "reconciliation-cohorts", "--set", "continuation=1", "--for",
                 "discount", "--no-statics", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, load_schema("thresholds-1"))
    assert document["concept"] == "repeated" and document["strategy"] == "grim-trigger"
    [threshold] = document["thresholds"]
    s = game.parameters.symbols
    expected = (s["renege_gain"] + s["salary"] - s["patrol_cost"]) / (
        s["war_cost"] + s["renege_gain"] - s["patrol_cost"])
    formula = sympy.sympify(threshold["formula"], locals=dict(s))
    assert sympy.simplify(formula - expected) == 0
    assert threshold["value"] == "9/16"
    critical = analyse_repeated(game, values={"continuation": 1})
    assert critical.critical_discount == R(9, 16)
    assert sympy.simplify(critical.formula.formula.subs(s["continuation"], 1) - formula) == 0


def test_text_names_the_verdicts_and_the_stage_game():
    result = run("thresholds", "reconciliation-cohorts", "--free", "discount", "--for",
                 "discount")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "region 1: discount >= 9/16\n  grim-trigger is subgame perfect" in text
    assert "region 2: discount < 9/16\n  grim-trigger is not an equilibrium" in text
    assert "discount = 9/16" in text and "--stage" in text
    stage = run("thresholds", "reconciliation-cohorts", "--free", "salary", "--stage")
    assert stage.exit_code == 0 and "Stay armed" in stage.stdout  # the stage game alone
    latex = run("thresholds", "reconciliation-cohorts", "--free", "discount", "--format",
                "latex")
    assert latex.exit_code == 0 and "grim-trigger is subgame perfect" in latex.stdout


@pytest.mark.parametrize(("name", "strategy", "free", "verdicts"), [
    ("reconciliation-cohorts", "grim-trigger", ("discount", "salary", "continuation"), 2),
    ("reconciliation-cohorts", "grim-trigger", ("discount", "exile_payoff"), 3),
    ("repeated-prisoners-dilemma", "tit-for-tat", ("discount", "sucker"), 2),
    ("repeated-prisoners-dilemma", "grim-trigger", ("discount", "temptation"), 2),
    ("repeated-prisoners-dilemma", "carrot-and-stick", ("discount",), 1),
    ("repeated-prisoners-dilemma", "forgiving", ("discount", "punishment"), 1),
])
def test_regions_agree_with_the_check_at_random_points(name, strategy, free, verdicts):
    game = load_repeated(name)
    defaults = game.check_values()
    fixed = {n: v for n, v in defaults.items() if n not in free}
    analysis = repeated_regions(game, strategy, fixed)
    check = one_shot_check(game, named_automaton(game, strategy))
    rng = random.Random(f"{name}-{strategy}")
    seen = set()
    for _ in range(25):
        point = dict(defaults)
        for n in free:
            parameter = game.parameters[n]
            low = 0 if parameter.lower is None else parameter.lower
            high = low + 2 * max(1, abs(defaults[n])) if parameter.upper is None \
                else parameter.upper
            low, high = SPANS.get(n, (low, high))
            point[n] = low + (high - low) * R(rng.randint(1, 99), 100)
        if not 0 < game.continuation.xreplace(
                {game.parameters[n].symbol: v for n, v in point.items()}) <= 1:
            continue
        region = analysis.region_at({n: point[n] for n in free})
        expected = label(verdict(check, game.check_values(point)))
        assert region.equilibria[0].outcome == expected, point
        seen.add(expected)
    assert len(seen) >= verdicts  # the points fall on each side of the boundaries


def test_nash_only_region_of_tit_for_tat():
    """Tit-for-tat in the prisoner's dilemma (T=5, R=3, P=1, S=0) is a Nash equilibrium iff
    delta >= 2/3 and never subgame perfect here: two regions, split at 2/3 exactly."""
    game = load_repeated("repeated-prisoners-dilemma")
    fixed = {n: v for n, v in game.check_values().items() if n != "discount"}
    analysis = repeated_regions(game, "tit-for-tat", fixed)
    outcomes = {str(r.condition): r.equilibria[0].outcome for r in analysis.regions}
    assert outcomes == {"discount >= 2/3": "tit-for-tat is a Nash equilibrium, not subgame "
                        "perfect", "discount < 2/3": "tit-for-tat is not an equilibrium"}


def test_sweep_agrees_with_repeated_at_every_point_and_the_critical_value():
    result = run("sweep", "reconciliation-cohorts", "--vary", "discount=0:1:17", "--vary",
                 "salary=0:500:3", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, load_schema("sweep-1"))
    assert document["invalid"]["count"] == 6  # discount 0 and 1, for every salary
    game = load_repeated("reconciliation-cohorts")
    check = one_shot_check(game, named_automaton(game, "grim-trigger"))
    critical = {}
    for row in document["rows"]:
        if row["discount"] in ("0", "1"):
            assert row["equilibria"] == []
            continue
        values = {"discount": row["discount"], "salary": row["salary"]}
        [found] = row["equilibria"]
        assert found["outcome"] == label(verdict(check, game.check_values(values))), values
        if row["salary"] == "250":
            critical[row["discount"]] = found["outcome"]
    assert critical["9/16"] == "grim-trigger is subgame perfect"  # on the threshold
    assert critical["1/2"] == "grim-trigger is not an equilibrium"
    cli_verdict = json.loads(run("repeated", "reconciliation-cohorts", "--set",
                                 "discount=9/16", "--format", "json").stdout)
    assert cli_verdict["subgame_perfect"] is True


def test_sweep_text_and_strategy_on_a_plain_game():
    result = run("sweep", "prisoners-dilemma", "--strategy", "grim-trigger", "--vary",
                 "discount=0:1:5")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any("1/2" in line and "grim-trigger is subgame perfect" in line for line in lines)
    assert any("1/4" in line and "grim-trigger is not an equilibrium" in line for line in lines)


@pytest.mark.parametrize("args", [
    ("thresholds", "reconciliation-cohorts", "--stage", "--strategy", "grim-trigger"),
    ("thresholds", "reconciliation-cohorts", "--concept", "stackelberg", "--leader", "Regime"),
    ("sweep", "reconciliation-cohorts", "--vary", "discount=0:1:3", "--concept", "nash"),
])
def test_conflicting_options_are_usage_errors(args):
    result = run(*args)
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()[-1]) > 0 and "Traceback" not in result.output


def test_unknown_strategy_is_one_line():
    result = run("thresholds", "reconciliation-cohorts", "--strategy", "nope")
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(("option", "named"), [
    ("discount=1", "parameter 'discount' = 1: a discount factor must be strictly between"),
    ("continuation=0", "continuation probability continuation = 0: it must be above 0"),
])
def test_values_outside_the_domain_are_refused_in_one_line(option, named):
    result = run("thresholds", "reconciliation-cohorts", "--set", option)
    assert result.exit_code == 1 and named in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("seed", range(4))
def test_random_tables_agree_at_random_discounts_and_on_every_threshold(seed):
    """Random 2x2 integer stage games: for three profiles, the region of each discount factor
    (random ones, and each threshold of the discount factor exactly) is the verdict there."""
    from commit_calc.analysis.thresholds import thresholds
    from commit_calc.model import NormalFormGame
    from commit_calc.repeated.model import RepeatedGame

    rng = random.Random(seed)
    table = [[[rng.randint(-4, 6) for _ in range(2)] for _ in range(2)] for _ in range(2)]
    game = RepeatedGame.over(NormalFormGame.from_matrices(
        *table, strategies=(("C", "D"), ("C", "D")), name=f"random-{seed}"))
    for strategy in ("grim-trigger", "tit-for-tat", "forgiving"):
        analysis = repeated_regions(game, strategy, {})
        check = one_shot_check(game, named_automaton(game, strategy))
        points = [R(rng.randint(1, 999), 1000) for _ in range(8)]
        points += [t.value for t in thresholds(analysis, "discount")
                   if t.value is not None and 0 < t.value < 1]
        for discount in points:
            found = verdict(check, game.check_values({"discount": discount}))
            region = analysis.region_at({"discount": discount})
            assert region.equilibria[0].outcome == label(found), (table, strategy, discount)
