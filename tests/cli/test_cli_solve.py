"""``commit-calc solve``: formats, concepts, standard input and every kind of bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from cli_helpers import BOS_TOML, ENFORCER_TOML, assert_clean_error, run

from commit_calc.render.schemas import load_schema

SCHEMA = load_schema("solve-1")


def solve_json(*args: str, input: str | None = None) -> dict:
    result = run("solve", *args, "--format", "json", input=input)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    return document


# The catalog game -------------------------------------------------------------------------------


def test_default_game_is_enforcer_reliability():
    document = solve_json()
    assert document["game"]["name"] == "enforcer-reliability"
    assert document["concept"] == "spe"
    assert document["equilibria"], "every finite tree has a subgame-perfect equilibrium"
    players = document["game"]["players"]
    for equilibrium in document["equilibria"]:
        assert set(equilibrium["payoffs"]) == set(players)
        assert equilibrium["max_regret"] == "0"
        total = sum(_fraction(o["probability"]) for o in equilibrium["outcomes"])
        assert total == 1


def test_default_game_text_names_title_and_units():
    result = run("solve")
    assert result.exit_code == 0, result.stderr
    assert "Equilibrium 1" in result.stdout
    assert "Parameters" in result.stdout


# Trees: subgame-perfect equilibria ----------------------------------------------------------------


def test_tree_json_keys_and_values(enforcer_file: Path):
    """At r = 3/4 the regime reneges when the enforcer fails (4 > 2), so disarming is worth
    3 r = 9/4 > 1 = war: the rebels disarm. Regime: 2 r + 4 (1 - r) = 5/2."""
    document = solve_json(str(enforcer_file))
    assert document["format"] == "commit-calc/solve/1"
    assert document["game"] == {"name": "toy-enforcer", "title": "Toy enforcer",
                                "players": ["Rebels", "Regime"], "form": "extensive"}
    assert document["parameters"] == {"r": "3/4", "war": "1"}
    assert document["concept"] == "spe"
    [equilibrium] = document["equilibria"]
    assert equilibrium["strategies"] == {"Rebels": {"rebels": {"Disarm": "1"}},
                                         "Regime": {"regime": {"Renege": "1"}}}
    assert equilibrium["payoffs"] == {"Rebels": "9/4", "Regime": "5/2"}
    assert [(o["path"], o["probability"]) for o in equilibrium["outcomes"]] == [
        (["Disarm", "Reliable"], "3/4"),
        (["Disarm", "Unreliable", "Renege"], "1/4"),
    ]
    assert equilibrium["max_regret"] == "0"


def test_set_changes_the_equilibrium(enforcer_file: Path):
    """At r = 1/4 disarming is worth 3/4 < 1: the rebels stay armed."""
    document = solve_json(str(enforcer_file), "--set", "r=1/4")
    assert document["parameters"]["r"] == "1/4"
    [equilibrium] = document["equilibria"]
    assert equilibrium["strategies"]["Rebels"] == {"rebels": {"Stay armed": "1"}}
    assert equilibrium["outcomes"] == [{"path": ["Stay armed"], "probability": "1",
                                        "terminal": "war"}]


@pytest.mark.parametrize("value", ["1/3", "0.333333333333333333333333333333333333333/1"])
def test_exact_values_ties_give_every_spe(enforcer_file: Path, value: str):
    """At r = 1/3 exactly the rebels are indifferent (3 r = 1): both choices are SPE. A value
    read as a float would miss the tie."""
    document = solve_json(str(enforcer_file), "--set", f"r={value}")
    choices = sorted(next(iter(e["strategies"]["Rebels"]["rebels"]))
                     for e in document["equilibria"])
    if value == "1/3":
        assert choices == ["Disarm", "Stay armed"]
    else:
        assert choices == ["Stay armed"]


def test_every_information_set_is_listed(enforcer_file: Path):
    """Extensive-form strategies cover unreached information sets too."""
    document = solve_json(str(enforcer_file), "--set", "r=0")
    [equilibrium] = document["equilibria"]
    assert equilibrium["strategies"]["Regime"] == {"regime": {"Renege": "1"}}


def test_tree_text(enforcer_file: Path):
    result = run("solve", str(enforcer_file))
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("Toy enforcer (toy-enforcer)\n1 subgame-perfect equilibrium")
    assert "r    3/4 (0.75)  probability" in text
    assert "war  1           utils" in text
    assert "Rebels  at rebels:  Disarm" in text
    assert "Disarm > Reliable             probability 3/4 (0.75)" in text
    assert "Disarm > Unreliable > Renege  probability 1/4 (0.25)" in text
    assert "Rebels  9/4 (2.25)" in text
    assert "Regime  5/2 (2.5)" in text


def test_tree_csv(enforcer_file: Path):
    result = run("solve", str(enforcer_file), "--format", "csv", "--set", "r=1/3")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2
    assert list(rows[0]) == [
        "equilibrium", "component", "param:r", "param:war",
        "prob:Rebels:rebels:Disarm", "prob:Rebels:rebels:Stay armed",
        "prob:Regime:regime:Honor", "prob:Regime:regime:Renege",
        "payoff:Rebels", "payoff:Regime", "outcome", "max_regret",
    ]
    disarm = next(row for row in rows if row["prob:Rebels:rebels:Disarm"] == "1")
    assert disarm["prob:Rebels:rebels:Stay armed"] == "0"
    assert disarm["payoff:Rebels"] == "1"
    assert disarm["payoff:Regime"] == "10/3"  # 2 * 1/3 + 4 * 2/3
    assert disarm["outcome"] == "Disarm > Reliable: 1/3; Disarm > Unreliable > Renege: 2/3"


def test_nash_on_a_tree_need_not_be_subgame_perfect(enforcer_file: Path):
    """At r = 1/4 the rebels stay armed; any regime plan that keeps disarming worth at most
    war is a Nash equilibrium: honoring with probability h <= 1/9 (3/4 + 9/4 h <= 1)."""
    document = solve_json(str(enforcer_file), "--set", "r=1/4", "--concept", "nash")
    assert document["concept"] == "nash"
    honor = set()
    for equilibrium in document["equilibria"]:
        assert equilibrium["strategies"]["Rebels"] == {"rebels": {"Stay armed": "1"}}
        honor.add(equilibrium["strategies"]["Regime"]["regime"].get("Honor", "0"))
    assert "1/9" in honor
    assert all(_fraction(h) <= _fraction("1/9") for h in honor)


# Normal-form games -------------------------------------------------------------------------------


def test_normal_form_all_nash_equilibria(bos_file: Path):
    """Battle of the sexes (Osborne and Rubinstein 1994, 2.3): (Opera, Opera), (Football,
    Football), and the mixed one where Ann plays Opera with 2/3 and Bob with 1/(1 + b)."""
    document = solve_json(str(bos_file), "--set", "b=3/2")
    assert document["concept"] == "nash"
    assert document["game"]["form"] == "normal"
    strategies = [e["strategies"] for e in document["equilibria"]]
    assert {"Ann": {"Opera": "1"}, "Bob": {"Opera": "1"}} in strategies
    assert {"Ann": {"Football": "1"}, "Bob": {"Football": "1"}} in strategies
    assert {"Ann": {"Opera": "2/3", "Football": "1/3"},
            "Bob": {"Opera": "2/5", "Football": "3/5"}} in strategies
    assert len(strategies) == 3
    mixed = next(e for e in document["equilibria"] if e["strategies"]["Ann"].get("Opera") == "2/3")
    assert mixed["payoffs"] == {"Ann": "3/5", "Bob": "2/3"}
    assert len(mixed["outcomes"]) == 4


def test_normal_form_text_and_csv(bos_file: Path):
    text = run("solve", str(bos_file)).stdout
    assert "3 Nash equilibria" in text
    assert "Ann  Opera 2/3 (0.666667), Football 1/3 (0.333333)" in text
    rows = list(csv.DictReader(io.StringIO(run("solve", str(bos_file), "--format", "csv").stdout)))
    assert len(rows) == 3
    assert {"prob:Ann:Opera", "prob:Bob:Football", "payoff:Ann", "payoff:Bob"} <= set(rows[0])


def test_spe_of_a_normal_form_game_is_refused(bos_file: Path):
    result = run("solve", str(bos_file), "--concept", "spe")
    assert_clean_error(result, code=1, names="extensive")


def test_warnings_go_to_stderr(tmp_path: Path):
    """A three-player game where A is indifferent everywhere: its equilibria form continua,
    and the user is told so on standard error."""
    path = tmp_path / "three.toml"
    outcomes = "".join(
        f'[[table.outcomes]]\nprofile = ["{a}", "{b}", "{c}"]\npayoffs = [0, '
        f'{int(b == c)}, {int(a == c)}]\n\n'
        for a in "XY" for b in "XY" for c in "XY"
    )
    path.write_text('players = ["A", "B", "C"]\n[table.strategies]\nA = ["X", "Y"]\n'
                    'B = ["X", "Y"]\nC = ["X", "Y"]\n\n' + outcomes, encoding="utf-8")
    result = run("solve", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["warnings"]
    assert result.stderr.startswith("warning: ")
    assert document["warnings"][0] in result.stderr


# Standard input ----------------------------------------------------------------------------------


def test_stdin_toml():
    document = solve_json("-", input=ENFORCER_TOML)
    assert document["game"]["name"] == "toy-enforcer"
    assert document["equilibria"][0]["payoffs"] == {"Rebels": "9/4", "Regime": "5/2"}


def test_stdin_json():
    from commit_calc.io.game_file import parse_game_text
    from commit_calc.io.game_writer import game_to_json

    text = game_to_json(parse_game_text(BOS_TOML, source="bos.toml"))
    document = solve_json("-", input=text)
    assert len(document["equilibria"]) == 3


def test_stdin_efg():
    """Kreps' trust game (Kreps 1990) in Gambit's format: the SPE is (No trust, Abuse)."""
    efg = (
        'EFG 2 R "Trust game" { "Trustor" "Trustee" }\n'
        'p "" 1 1 "" { "Trust" "No trust" } 0\n'
        'p "" 2 1 "" { "Honor" "Abuse" } 0\n'
        't "" 1 "" { 1, 1 }\n'
        't "" 2 "" { -1, 2 }\n'
        't "" 3 "" { 0, 0 }\n'
    )
    document = solve_json("-", input=efg)
    [equilibrium] = document["equilibria"]
    assert equilibrium["outcomes"][0]["path"] == ["No trust"]
    assert equilibrium["payoffs"] == {"Trustor": "0", "Trustee": "0"}


# Bad input ---------------------------------------------------------------------------------------


def test_unknown_game():
    assert_clean_error(run("solve", "no-such-game"), code=1, names="no-such-game")


def test_missing_file(tmp_path: Path):
    path = tmp_path / "missing.toml"
    assert_clean_error(run("solve", str(path)), code=1, names="missing.toml")


def test_malformed_file(tmp_path: Path):
    path = tmp_path / "broken.toml"
    path.write_text('players = ["A", "B"\n[nodes.a]\n', encoding="utf-8")
    assert_clean_error(run("solve", str(path)), code=1, names="broken.toml")


def test_unknown_parameter(enforcer_file: Path):
    assert_clean_error(run("solve", str(enforcer_file), "--set", "salary=250"),
                       code=1, names="salary")


def test_value_out_of_bounds(enforcer_file: Path):
    assert_clean_error(run("solve", str(enforcer_file), "--set", "r=5/4"), code=1, names="'r'")


@pytest.mark.parametrize("assignment, culprit", [
    ("r=abc", "abc"), ("r", "'r'"), ("=1", "'=1'"), ("r=1/0", "1/0"), ("r=nan", "nan"),
])
def test_value_that_does_not_parse(enforcer_file: Path, assignment: str, culprit: str):
    assert_clean_error(run("solve", str(enforcer_file), "--set", assignment), code=2,
                       names=culprit)


def test_parameter_set_twice(enforcer_file: Path):
    result = run("solve", str(enforcer_file), "--set", "r=0", "--set", "r=1")
    assert_clean_error(result, code=2, names="'r' is set twice")


@pytest.mark.parametrize("option", [["--format", "xml"], ["--concept", "best"]])
def test_bad_choice(enforcer_file: Path, option: list[str]):
    assert_clean_error(run("solve", str(enforcer_file), *option), code=2, names=option[1])


def test_help_has_an_example():
    result = run("solve", "--help")
    assert result.exit_code == 0
    assert "$ commit-calc solve" in result.stdout


def _fraction(text: str):
    from fractions import Fraction

    return Fraction(text)


# Every catalog game --------------------------------------------------------------------------


def _catalog_names() -> list[str]:
    from commit_calc.io.catalog import list_games

    return [name for name, _, _ in list_games()]


@pytest.mark.parametrize("name", _catalog_names())
def test_every_catalog_game_in_every_format(name: str):
    """The three formats agree on the number of equilibria; the JSON fits its schema."""
    document = solve_json(name)
    count = len(document["equilibria"])
    assert count >= 1
    csv_result = run("solve", name, "--format", "csv")
    assert csv_result.exit_code == 0, csv_result.stderr
    assert len(list(csv.DictReader(io.StringIO(csv_result.stdout)))) == count
    text = run("solve", name).stdout
    assert text.splitlines()[1].startswith(f"{count} ")
    assert text.count("\nEquilibrium ") == count



@pytest.mark.parametrize("name", ["disarm-trust", "enforcer-reliability", "strategic-enforcer"])
def test_nash_equilibria_of_the_reconciliation_trees(name: str):
    """Every subgame-perfect equilibrium is a Nash equilibrium (Selten 1975): each SPE outcome
    distribution appears among the Nash equilibria's."""
    spe = solve_json(name)
    nash = solve_json(name, "--concept", "nash")
    assert nash["concept"] == "nash"
    nash_outcomes = [e["outcomes"] for e in nash["equilibria"]]
    for equilibrium in spe["equilibria"]:
        assert equilibrium["outcomes"] in nash_outcomes
